"""Edges of the number checks: every word a draft may write for a multiple, which number of the draft stands
for which fact when the units differ, and what the findings say, word for word."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.checks import run_checks
from workbench.facts import extract
from workbench.model import Fact, FactKind, Finding

D = Decimal

QUANTITY_CHECKS = [
    "amount-missing",
    "amount-scale",
    "amount-wrong",
    "amount-currency",
    "percent-mismatch",
    "multiple-mismatch",
]


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
