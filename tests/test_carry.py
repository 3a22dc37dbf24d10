"""Carrying facts into machine drafts: choose among the n-best, repair what is unambiguous, flag the rest."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from workbench.carry import carry_facts, count_right, fact_accuracy, repair
from workbench.glossary import Glossary
from workbench.model import Fact, FactKind, GlossaryEntry
from workbench.mt.base import Translation

SENSETIME = GlossaryEntry(
    "商湯集團股份有限公司",
    "商汤集团股份有限公司",
    "SenseTime",
    ("商湯", "SenseTime Group"),
    ("0020.HK",),
    forbidden=("Shang Tang",),
)
MEGVII = GlossaryEntry("曠視科技", "旷视科技", "Megvii", ("曠視",), ())
GLOSSARY = Glossary.from_entries([SENSETIME, MEGVII])

SOURCE = "商湯集團股份有限公司(0020.HK)去年收入為3.08億元,增長14%。"


def source_facts() -> list[Fact]:
    hits = GLOSSARY.match(SOURCE)
    (hit,) = hits
    return [
        Fact(FactKind.NAME, hit.text, hit.start, hit.end, "SenseTime"),
        Fact(FactKind.TICKER, "(0020.HK)", 10, 19, "(0020.HK)", tickers=("0020.HK",)),
        Fact(FactKind.AMOUNT, "3.08億元", 24, 30, "308 million yuan", Decimal(308000000), None, "CNY"),
        Fact(FactKind.PERCENT, "14%", 33, 36, "14%", Decimal(14), None, "%"),
    ]


RIGHT = "SenseTime (0020.HK) had revenue of 308 million yuan last year, up 14%."


def carry(text: str, *alternatives: str, repetitive: bool = False) -> tuple[str, tuple[str, ...]]:
    translation = Translation(text, -0.5, tuple((a, -0.9) for a in alternatives), repetitive)
    draft, findings = carry_facts(SOURCE, translation, source_facts(), GLOSSARY.match(SOURCE), GLOSSARY)
    return draft, tuple(f.check for f in findings)


def test_a_right_draft_is_kept_as_it_is() -> None:
    assert carry(RIGHT) == (RIGHT, ())


def test_a_mis_scaled_amount_is_replaced_by_the_facts_english_without_doubling_the_unit() -> None:
    draft, checks = carry("SenseTime (0020.HK) had revenue of 3.08 billion yuan last year, up 14%.")
    assert draft == RIGHT
    assert checks == ()


def test_a_wrong_value_is_replaced_when_it_pairs_unambiguously() -> None:
    draft, _ = carry("SenseTime (0020.HK) had revenue of 38 million yuan last year, up 14%.")
    assert "308 million yuan" in draft and "38 million" not in draft


def test_a_dropped_currency_is_put_back() -> None:
    draft, checks = carry("SenseTime (0020.HK) had revenue of 308 million last year, up 14%.")
    assert "308 million yuan last year" in draft and checks == ()


def test_a_mangled_ticker_is_replaced() -> None:
    draft, checks = carry("SenseTime (0200.HK) had revenue of 308 million yuan last year, up 14%.")
    assert draft == RIGHT and checks == ()


def test_a_dropped_ticker_goes_back_after_the_company_it_follows_in_the_source() -> None:
    draft, checks = carry("SenseTime's revenue last year was 308 million yuan, up 14%.")
    assert draft == "SenseTime (0020.HK)'s revenue last year was 308 million yuan, up 14%."
    assert checks == ()


def test_a_forbidden_rendering_is_replaced_by_the_glossary_english() -> None:
    draft, checks = carry("Shang Tang (0020.HK) had revenue of 308 million yuan last year, up 14%.")
    assert draft == RIGHT and checks == ()


def test_an_invented_company_standing_in_for_the_source_one_is_replaced() -> None:
    draft, checks = carry("Megvii (0020.HK) had revenue of 308 million yuan last year, up 14%.")
    assert draft == RIGHT and checks == ()


def test_a_misspelt_name_is_corrected() -> None:
    draft, _ = carry("SenseTme (0020.HK) had revenue of 308 million yuan last year, up 14%.")
    assert draft == RIGHT


def test_the_alternative_with_the_most_facts_right_is_chosen() -> None:
    best = "SenseTime (0020.HK) said revenue was 308 million yuan last year, up 14%."
    draft, checks = carry("SenseTime (0020.HK) said revenue rose last year.", best)
    assert draft == best and checks == ()


def test_the_models_first_choice_wins_a_tie() -> None:
    other = "SenseTime (0020.HK) reported revenue of 308 million yuan for last year, up 14%."
    assert carry(RIGHT, other)[0] == RIGHT


def test_what_cannot_be_made_right_stays_a_finding() -> None:
    draft, checks = carry("SenseTime (0020.HK) had higher revenue last year.")
    assert draft == "SenseTime (0020.HK) had higher revenue last year."
    assert set(checks) == {"amount-missing", "percent-mismatch"}


def test_a_draft_the_engine_marked_repetitive_keeps_a_warning() -> None:
    _, checks = carry(RIGHT, repetitive=True)
    assert checks == ("repetition",)


def test_repair_leaves_ambiguous_numbers_alone() -> None:
    facts = [
        Fact(FactKind.AMOUNT, "3.08億元", 0, 6, "308 million yuan", Decimal(308000000), None, "CNY"),
    ]
    draft = "It made 3.08 billion yuan, or 30.8 million yuan net."
    assert repair("3.08億元", draft, facts) == draft


def test_fact_accuracy_is_the_fraction_of_checkable_facts_right() -> None:
    facts = source_facts()
    hits = GLOSSARY.match(SOURCE)
    assert fact_accuracy(RIGHT, facts, hits, GLOSSARY) == 1.0
    assert count_right("SenseTime had revenue of 3.08 billion yuan, up 14%.", facts, hits, GLOSSARY) == (2, 4)
    date = Fact(FactKind.DATE, "12月5日", 0, 5, "December 5")
    assert count_right("Nothing.", [date]) == (0, 0)
    assert fact_accuracy("Nothing.", [date]) == 1.0


def test_only_the_number_is_rewritten_so_the_drafts_own_words_and_qualifier_stay() -> None:
    source = "發行約5,996萬股內資股。"
    shares = Fact(
        FactKind.SHARES, "約5,996萬股", 2, 10, "about 59.96 million shares", Decimal(59960000), None, "shares"
    )
    draft = "It will issue about 599.6 million domestic shares."
    assert repair(source, draft, [shares]) == "It will issue about 59.96 million domestic shares."


def test_a_currency_written_out_stays_written_out() -> None:
    source = "估值1,390億港元。"
    hkd = Fact(FactKind.AMOUNT, "1,390億港元", 2, 10, "HK$139 billion", Decimal(139 * 10**9), None, "HKD")
    assert repair(source, "It was valued at HK$1.39 billion.", [hkd]) == "It was valued at HK$139 billion."
    assert (
        repair(source, "It was valued at 1.39 billion Hong Kong dollars.", [hkd])
        == "It was valued at 139 billion Hong Kong dollars."
    )


def test_a_wrong_percentage_is_put_right_and_a_worded_multiple_is_left_to_the_reviewer() -> None:
    _, checks = carry("SenseTime (0020.HK) had revenue of 308 million yuan last year, up 41%.")
    assert checks == ()
    twice = Fact(FactKind.MULTIPLE, "2倍", 0, 2, "2 times", Decimal(2), None, "x")
    assert repair("2倍", "Revenue tripled.", [twice]) == "Revenue tripled."


def test_a_candidate_whose_repair_fails_costs_that_candidate_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.carry

    real = workbench.carry.repair
    broken = "SenseTime (0020.HK) had revenue of 3.08 billion yuan last year, up 14%."

    def failing_on_one_draft(source: str, draft: str, *args: Any) -> str:
        if draft == broken:
            raise ArithmeticError("a fault in the number layer")
        return real(source, draft, *args)

    monkeypatch.setattr(workbench.carry, "repair", failing_on_one_draft)
    assert carry(broken, RIGHT) == (RIGHT, ())
    draft, checks = carry(broken)
    assert draft == broken and checks == ("facts-unchecked",)


def test_a_draft_that_invents_a_company_loses_to_one_with_only_a_repetition_warning() -> None:
    invents = RIGHT.replace("last year", "last year, as did Megvii")
    loops = RIGHT.replace("last year", "last year, last year, last year")
    for order in ((invents, loops), (loops, invents)):
        translation = Translation(order[0], -0.1, alternatives=((order[1], -0.2),))
        draft, findings = carry_facts(SOURCE, translation, source_facts(), GLOSSARY.match(SOURCE), GLOSSARY)
        assert draft == loops
        assert [(f.check, f.severity.value) for f in findings] == [("repetition", "warning")]


def test_a_draft_that_invents_a_figure_loses_even_to_one_missing_a_figure() -> None:
    invents = RIGHT.replace("up 14%", "up 14%, with a margin of 35%")
    missing = RIGHT.replace(", up 14%", "")
    translation = Translation(invents, -0.1, alternatives=((missing, -0.2),))
    draft, findings = carry_facts(SOURCE, translation, source_facts(), GLOSSARY.match(SOURCE), GLOSSARY)
    assert draft == missing and [f.check for f in findings] == ["percent-mismatch"]


def test_a_repair_never_writes_a_word_twice() -> None:
    from workbench.carry import _apply, _Edit

    # Putting the glossary's "SenseTime Group" over a misspelt "SenseTim" would leave "Group Group".
    assert _apply("SenseTim Group said so.", [_Edit(0, 8, "SenseTime Group")]) == "SenseTim Group said so."
    assert _apply("SenseTim said so.", [_Edit(0, 8, "SenseTime Group")]) == "SenseTime Group said so."
    # A repetition the draft already had is not the repair's doing, and does not stop it.
    assert _apply("SenseTim said so so.", [_Edit(0, 8, "SenseTime")]) == "SenseTime said so so."
