"""Edges of the number checks: every word a draft may write for a multiple, which number of the draft stands
for which fact when the units differ, and what the findings say, word for word."""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_checks_quantities import QUANTITY_CHECKS
from workbench.carry import repair
from workbench.checks import run_checks
from workbench.facts import extract
from workbench.model import Fact, FactKind, Finding, Severity

D = Decimal


def run(source: str, draft: str, facts: list[Fact] | None = None) -> list[tuple[str, str]]:
    found: tuple[Finding, ...] = run_checks(
        source, draft, extract(source) if facts is None else facts, only=QUANTITY_CHECKS
    )
    return [(f.check, f.message) for f in found]


# -- multiples written as words --------------------------------------------------------------------------

WORDS = [
    (2, "twice", "The share price is twice what it was a year ago."),
    (2, "double", "The share price is double what it was a year ago."),
    (2, "doubled", "The share price has doubled from a year ago."),
    (2, "doubling", "The share price rose, doubling from a year ago."),
    (2, "doubles", "The share price doubles a year-ago level."),
    (2, "two-fold", "The share price shows a two-fold rise from a year ago."),
    (2, "twofold", "The share price shows a twofold rise from a year ago."),
    (3, "triples", "The share price triples a year-ago level."),
    (3, "trebles", "The share price trebles a year-ago level."),
    (3, "triple", "The share price is triple what it was a year ago."),
    (3, "tripled", "The share price has tripled from a year ago."),
    (3, "treble", "The share price is treble what it was a year ago."),
    (3, "trebled", "The share price has trebled from a year ago."),
    (3, "threefold", "The share price shows a threefold rise from a year ago."),
    (3, "three-fold", "The share price shows a three-fold rise from a year ago."),
    (4, "quadruples", "The share price quadruples a year-ago level."),
    (4, "quadruple", "The share price is quadruple what it was a year ago."),
    (4, "quadrupled", "The share price has quadrupled from a year ago."),
    (4, "fourfold", "The share price shows a fourfold rise from a year ago."),
    (4, "four-fold", "The share price shows a four-fold rise from a year ago."),
]


@pytest.mark.parametrize(("times", "word", "draft"), WORDS)
def test_a_multiple_written_as_a_word_is_that_multiple(times: int, word: str, draft: str) -> None:
    assert run(f"股價為一年前的{times}倍。", draft) == []


@pytest.mark.parametrize(("times", "word", "draft"), WORDS)
def test_a_multiple_word_for_another_multiple_is_a_mismatch(times: int, word: str, draft: str) -> None:
    other = times + 1
    assert run(f"股價為一年前的{other}倍。", draft) == [
        ("multiple-mismatch", f"multiple {other}倍 should be {other} times; the translation has {word}")
    ]


# -- which number of the draft stands for which fact -----------------------------------------------------

REVENUE_YUAN = "商湯去年收入為3.08億元。"  # an amount in yuan
REVENUE_PLAIN = "商湯去年收入為3.08億。"  # a number with no unit: any number of the draft may stand for it
ISSUED = "商湯發行3.08億股。"  # a share count
STAFF = "公司聘用了1,200名員工。"  # a count of people

YUAN_SHOULD = "amount 3.08億元 should be 308 million yuan; the translation has"
PLAIN_SHOULD = "number 3.08億 should be 308 million; the translation has"
SHARES_SHOULD = "share count 3.08億股 should be 308 million shares; the translation has"


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        # An amount: another number, with or without a currency, is a wrong value; a share count is not it.
        (
            REVENUE_YUAN,
            "Its revenue was 3.08 billion.",
            [("amount-scale", f"{YUAN_SHOULD} 3.08 billion (wrong scale)")],
        ),
        (
            REVENUE_YUAN,
            "Its revenue was $3.08 billion.",
            [("amount-scale", f"{YUAN_SHOULD} $3.08 billion (wrong scale)")],
        ),
        (REVENUE_YUAN, "Its revenue was 38 million.", [("amount-wrong", f"{YUAN_SHOULD} 38 million")]),
        (REVENUE_YUAN, "Its revenue was $38 million.", [("amount-wrong", f"{YUAN_SHOULD} $38 million")]),
        (
            REVENUE_YUAN,
            "Its revenue was 38 million yuan.",
            [("amount-wrong", f"{YUAN_SHOULD} 38 million yuan")],
        ),
        (
            REVENUE_YUAN,
            "Its revenue was 38 million shares.",
            [("amount-missing", "amount 3.08億元 (308 million yuan) is missing from the translation")],
        ),
        (
            REVENUE_YUAN,
            "Its revenue was 3.08 billion shares.",
            [("amount-missing", "amount 3.08億元 (308 million yuan) is missing from the translation")],
        ),
        # A number without a unit: whatever the draft puts there is that number, right or wrong.
        (REVENUE_PLAIN, "Its revenue was HK$308 million.", []),
        (
            REVENUE_PLAIN,
            "Its revenue was HK$3.08 billion.",
            [("amount-scale", f"{PLAIN_SHOULD} HK$3.08 billion (wrong scale)")],
        ),
        (
            REVENUE_PLAIN,
            "Its revenue was 3.08 billion shares.",
            [("amount-scale", f"{PLAIN_SHOULD} 3.08 billion shares (wrong scale)")],
        ),
        (
            REVENUE_PLAIN,
            "Its revenue was HK$38 million.",
            [("amount-wrong", f"{PLAIN_SHOULD} HK$38 million")],
        ),
        (REVENUE_PLAIN, "Its revenue was $38 million.", [("amount-wrong", f"{PLAIN_SHOULD} $38 million")]),
        (
            REVENUE_PLAIN,
            "Its revenue was 38 million shares.",
            [("amount-wrong", f"{PLAIN_SHOULD} 38 million shares")],
        ),
        (REVENUE_PLAIN, "Its revenue was 38 million.", [("amount-wrong", f"{PLAIN_SHOULD} 38 million")]),
        # A share count: a number in a named currency is not it; a bare or dollar figure may be.
        (ISSUED, "SenseTime issued 308 million.", []),
        (
            ISSUED,
            "SenseTime issued $3.08 billion.",
            [("amount-scale", f"{SHARES_SHOULD} $3.08 billion (wrong scale)")],
        ),
        (
            ISSUED,
            "SenseTime issued 38 million shares.",
            [("amount-wrong", f"{SHARES_SHOULD} 38 million shares")],
        ),
        (ISSUED, "SenseTime issued 38 million.", [("amount-wrong", f"{SHARES_SHOULD} 38 million")]),
        (ISSUED, "SenseTime issued $38 million.", [("amount-wrong", f"{SHARES_SHOULD} $38 million")]),
        (
            ISSUED,
            "SenseTime issued HK$308 million.",
            [("amount-wrong", f"{SHARES_SHOULD} HK$308 million (wrong currency)")],
        ),
        (
            ISSUED,
            "SenseTime issued HK$3.08 billion.",
            [("amount-missing", "share count 3.08億股 (308 million shares) is missing from the translation")],
        ),
        (
            ISSUED,
            "SenseTime issued HK$38 million.",
            [("amount-missing", "share count 3.08億股 (308 million shares) is missing from the translation")],
        ),
        # A count of people turned into money is wrong, not a scale slip.
        (
            STAFF,
            "The company paid HK$1,200 to its staff.",
            [
                (
                    "amount-wrong",
                    "number 1,200名 should be 1,200 people; the translation has HK$1,200 (wrong currency)",
                )
            ],
        ),
        (
            STAFF,
            "The company paid HK$12,000 to its staff.",
            [("amount-missing", "number 1,200名 (1,200 people) is missing from the translation")],
        ),
        (
            STAFF,
            "The company employs 12,000 people.",
            [
                (
                    "amount-scale",
                    "number 1,200名 should be 1,200 people; the translation has 12,000 people (wrong scale)",
                )
            ],
        ),
    ],
)
def test_which_number_of_the_draft_stands_for_the_fact(
    source: str, draft: str, expected: list[tuple[str, str]]
) -> None:
    assert run(source, draft) == expected


def test_an_amount_whose_currency_the_source_does_not_say_is_right_in_any_currency() -> None:
    source = "商湯去年收入為3.08億。"
    unsaid = Fact(FactKind.AMOUNT, "3.08億", 7, 13, "308 million", D(308_000_000), None, "")
    assert run(source, "Its revenue was HK$308 million.", [unsaid]) == []
    assert run(source, "Its revenue was 308 million yuan.", [unsaid]) == []


# -- small counts spelled out ----------------------------------------------------------------------------

SPELLED = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
]  # fmt: skip


@pytest.mark.parametrize(("count", "word"), list(enumerate(SPELLED, start=2)))
def test_a_small_count_spelled_out_is_there(count: int, word: str) -> None:
    source = f"配售予不少於{count}名承配人。"
    assert run(source, f"The shares were placed with no fewer than {word} placees.") == []
    # The word for the next number up is not this count.
    other = SPELLED[count - 1] if count < 20 else "twenty-one"
    assert [c for c, _ in run(source, f"The shares were placed with {other} placees.")] == ["amount-missing"]


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("配售予不少於6名承配人。", "The shares were placed with six times as many placees."),
        ("配售予不少於21名承配人。", "The shares were placed with several placees."),
        ("配售予不少於2名承配人。", "The shares were placed with thirty-two placees."),
        ("配售予不少於2名承配人。", "The shares were placed with a two-fold rise in placees."),
        ("平均每戶有2.5人。", "Each household has two people on average."),
    ],
)
def test_a_count_not_spelled_out_is_missing(source: str, draft: str) -> None:
    assert [c for c, _ in run(source, draft)] == ["amount-missing"]


# -- ranges, repeated figures, a figure said twice ---------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        # A range written as two numbers, only the second with its currency, is the range.
        (
            "預計收入78億至117億元。",
            "Revenue is expected at from 7.8 billion to as much as 11.7 billion yuan.",
            [],
        ),
        # Two facts of one value need two numbers of the draft, one each.
        ("收入3億元，成本3億元。", "Revenue was 300 million yuan and costs were 300 million yuan.", []),
        (
            "收入3億元，成本3億元。",
            "Revenue was 300 million yuan and costs were 30 million yuan.",
            [
                (
                    "amount-scale",
                    "amount 3億元 should be 300 million yuan; the translation has 30 million yuan"
                    " (wrong scale)",
                )
            ],
        ),
        (
            "收入3億元，成本3億元。",
            "Revenue was 300 million yuan and costs were unchanged.",
            [("amount-missing", "amount 3億元 (300 million yuan) is missing from the translation")],
        ),
        # A fact paired with the number in its own currency stays paired with it.
        ("收入3億元。", "Revenue was 300 million yuan, or HK$300 million at the time.", []),
        # Ten times too little is a scale slip, down to a single digit.
        (
            "股價報10元。",
            "The shares closed at HK$1.",
            [("amount-scale", "price 10元 should be HK$10; the translation has HK$1 (wrong scale)")],
        ),
        # Wrong values pair with the draft's numbers in order.
        (
            "收入3億元，成本2億元。",
            "Revenue was 5 million yuan and costs were 7 million yuan.",
            [
                (
                    "amount-wrong",
                    "amount 3億元 should be 300 million yuan; the translation has 5 million yuan",
                ),
                (
                    "amount-wrong",
                    "amount 2億元 should be 200 million yuan; the translation has 7 million yuan",
                ),
            ],
        ),
        (
            "收入3億元。",
            "Revenue was 5 million, or HK$7 million.",
            [("amount-wrong", "amount 3億元 should be 300 million yuan; the translation has 5 million")],
        ),
        # A fact the draft gets right is not also taken for a mis-scaled figure next to it.
        ("收入3.08億元。", "Revenue was 308 million yuan, against 30.8 million yuan a year earlier.", []),
        # Of two mis-scaled candidates the first is named.
        (
            "收入3.08億元。",
            "Revenue was 3.08 billion yuan, or 30.8 billion yuan.",
            [
                (
                    "amount-scale",
                    "amount 3.08億元 should be 308 million yuan; the translation has 3.08 billion yuan"
                    " (wrong scale)",
                )
            ],
        ),
    ],
)
def test_ranges_and_repeated_figures(source: str, draft: str, expected: list[tuple[str, str]]) -> None:
    assert run(source, draft) == expected


def test_a_mis_scaled_number_two_facts_could_stand_for_is_left_to_the_reviewer() -> None:
    # 3.08 million is 3.08億 or 3,080萬 at the wrong scale: a repair could pick the wrong one.
    source = "A公司收入3.08億元，B公司收入3,080萬元。"
    draft = "A's revenue was 3.08 million yuan and B's was unchanged."
    assert repair(source, draft, extract(source)) == draft
    assert repair("收入3.08億元。", "Revenue was 3.08 billion yuan.", extract("收入3.08億元。")) == (
        "Revenue was 308 million yuan."
    )


# -- a rise by a multiple: 升1倍 is "doubled" or "up 100%" -----------------------------------------------


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        ("純利升1倍。", "Net profit doubled.", []),
        ("純利升1倍。", "Net profit rose 100%.", []),
        ("純利升2倍。", "Net profit tripled.", []),
        ("純利升2倍。", "Net profit rose 200%.", []),
        ("純利升0.5倍。", "Net profit rose 50%.", []),
        ("純利增長1倍，收入升2倍。", "Net profit doubled and revenue tripled.", []),
        (
            "純利升1倍。",
            "Net profit tripled.",
            [("multiple-mismatch", "multiple 1倍 should be 1 times; the translation has tripled")],
        ),
        # A multiple written in figures means what it says.
        (
            "純利升1倍。",
            "Net profit rose 2 times.",
            [("multiple-mismatch", "multiple 1倍 should be 1 times; the translation has 2 times")],
        ),
        (
            "純利升2倍。",
            "Net profit rose 300%.",
            [("multiple-mismatch", "multiple 2倍 (2 times) is missing from the translation")],
        ),
        # A doubling is 100%, not 100 percentage points.
        (
            "純利率升1倍。",
            "The net margin rose 100 percentage points.",
            [("multiple-mismatch", "multiple 1倍 (1 times) is missing from the translation")],
        ),
        # The rise is in another clause: 1倍 is a level, not a rise.
        (
            "股價上升，市盈率為1倍。",
            "The shares rose, to a price-earnings ratio that doubled.",
            [("multiple-mismatch", "multiple 1倍 should be 1 times; the translation has doubled")],
        ),
        (
            "股價上升，市盈率為1倍。",
            "The shares rose, at 100% of earnings.",
            [("multiple-mismatch", "multiple 1倍 (1 times) is missing from the translation")],
        ),
        # A range of multiples is not read as one rise.
        (
            "純利升1至2倍。",
            "Net profit doubled.",
            [("multiple-mismatch", "multiple 1至2倍 should be 1 to 2 times; the translation has doubled")],
        ),
    ],
)
def test_a_rise_by_a_multiple(source: str, draft: str, expected: list[tuple[str, str]]) -> None:
    assert run(source, draft) == expected


# -- a plain 元 the sentence leaves open -----------------------------------------------------------------

UNSAID = "the sentence does not say which 元 it means (yuan or HK$)"


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        (
            "收入3億元。",
            "Revenue was HK$300 million.",
            [
                (
                    f"amount 3億元: {UNSAID}; the translation has HK$300 million,"
                    " check it against the article",
                    "3億元",
                    "HK$300 million",
                )
            ],
        ),
        (
            "收入3億元，成本2億元。",
            "Revenue was HK$300 million and costs were HK$200 million.",
            [
                (
                    f"amount 3億元 and amount 2億元: {UNSAID}; the translation has"
                    " HK$300 million and HK$200 million, check them against the article",
                    "3億元 ... 2億元",
                    "HK$300 million ... HK$200 million",
                )
            ],
        ),
        (
            "收入3億元，成本2億元，利潤1億元。",
            "Revenue was HK$300 million, costs HK$200 million and profit HK$100 million.",
            [
                (
                    f"amount 3億元, amount 2億元 and amount 1億元: {UNSAID}; the translation"
                    " has HK$300 million, HK$200 million and HK$100 million, check them against the article",
                    "3億元 ... 2億元 ... 1億元",
                    "HK$300 million ... HK$200 million ... HK$100 million",
                )
            ],
        ),
        (
            "收入3億元，成本2億元。",
            "Revenue was 300 million yuan and costs were HK$200 million.",
            [
                (
                    "amount 3億元 and amount 2億元 are in one 元, but the translation writes them"
                    " in different currencies (300 million yuan and HK$200 million): check which 元"
                    " the article means and write them alike",
                    "3億元 ... 2億元",
                    "300 million yuan ... HK$200 million",
                )
            ],
        ),
        (
            "收入3億元，成本2億元。",
            "Revenue was HK$300 million and costs were 200 million.",
            [
                (
                    "amount 2億元 should be 200 million yuan; the translation has 200 million"
                    " without its currency",
                    "2億元",
                    "200 million",
                ),
                (
                    f"amount 3億元: {UNSAID}; the translation has HK$300 million,"
                    " check it against the article",
                    "3億元",
                    "HK$300 million",
                ),
            ],
        ),
    ],
)
def test_amounts_in_a_plain_yuan_are_one_question_for_the_reviewer(
    source: str, draft: str, expected: list[tuple[str, str, str]]
) -> None:
    found = run_checks(source, draft, extract(source), only=["amount-currency"])
    assert [(f.message, f.source_span, f.target_span) for f in found] == expected
    assert {f.severity for f in found} == {Severity.WARNING}


@pytest.mark.parametrize(
    ("draft", "repaired"),
    [
        # 308 million is A's; 3.08 million can only be B's 3,080萬 at the wrong scale.
        (
            "A's revenue was 308 million yuan and B's was 3.08 million yuan.",
            "A's revenue was 308 million yuan and B's was 30.8 million yuan.",
        ),
        # 3.08 billion could be either fact mis-scaled and stays; once it is taken, 3.08 million is B's alone.
        (
            "A's revenue was 3.08 billion yuan and B's was 3.08 million yuan.",
            "A's revenue was 3.08 billion yuan and B's was 30.8 million yuan.",
        ),
    ],
)
def test_a_mis_scaled_number_only_one_fact_can_stand_for_is_put_right(draft: str, repaired: str) -> None:
    source = "A公司收入3.08億元，B公司收入3,080萬元。"
    assert repair(source, draft, extract(source)) == repaired


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        # Counts of two to twenty may be spelled out; the range's ends included.
        ("配售予不少於2名承配人。", "The shares will be placed with no fewer than two placees.", []),
        ("配售予不少於20名承配人。", "The shares will be placed with no fewer than twenty placees.", []),
        (
            "配售予不少於21名承配人。",
            "The shares will be placed with no fewer than twenty-one placees.",
            [("amount-missing", "number 不少於21名 (at least 21 people) is missing from the translation")],
        ),
        (
            "配售予不少於2.5名承配人。",
            "The shares will be placed with two placees.",
            [("amount-missing", "number 不少於2.5名 (at least 2.5 people) is missing from the translation")],
        ),
    ],
)
def test_a_count_spelled_out_from_two_to_twenty(
    source: str, draft: str, expected: list[tuple[str, str]]
) -> None:
    from workbench.checks import run_checks
    from workbench.facts import extract

    assert [(f.check, f.message) for f in run_checks(source, draft, extract(source))] == expected
