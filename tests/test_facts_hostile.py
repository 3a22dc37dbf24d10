"""Figures no newsroom writes but pages and engines produce: they cost their own sentence, never the run."""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.carry import carry_facts
from workbench.checks import run_checks
from workbench.facts import extract, find_quantities
from workbench.facts.numerals import exact, parse_numeral
from workbench.model import FactKind
from workbench.mt.base import Translation

SOURCE = "公司去年收入為100億元,按年增長14%。"
RIGHT = "The company's revenue last year was 10 billion yuan, up 14% year on year."
RUNAWAY = "1" * 29  # longer than the 28 digits a decimal context holds


def test_a_value_past_the_decimal_context_is_made_exact_without_raising() -> None:
    assert exact(Decimal(10) ** 29) == 10**29
    assert str(exact(Decimal("1E+29"))) == "1" + "0" * 29


def test_a_numeral_of_more_digits_than_can_be_exact_is_not_a_numeral() -> None:
    assert parse_numeral("1" * 28) == Decimal("1" * 28)
    with pytest.raises(ValueError, match="too long"):
        parse_numeral(RUNAWAY)
    with pytest.raises(ValueError, match="too long"):
        parse_numeral("三" * 29)


def test_a_runaway_digit_string_in_a_draft_is_no_figure_and_the_sentence_is_flagged() -> None:
    draft = f"The company's revenue last year was {RUNAWAY} yuan, up 14% year on year."
    assert [q.text for q in find_quantities(draft)] == ["14%"]
    findings = run_checks(SOURCE, draft, extract(SOURCE))
    assert [f.check for f in findings] == ["amount-missing"]


def test_an_entry_with_a_figure_of_29_digits_is_checked_and_flagged() -> None:
    draft = "The company's revenue last year was 100000000000000000000 billion yuan, up 14% year on year."
    (amount, _) = find_quantities(draft)
    assert (amount.kind, amount.value) == (FactKind.AMOUNT, Decimal(10) ** 29)
    findings = run_checks(SOURCE, draft, extract(SOURCE))
    assert [f.check for f in findings] == ["amount-scale"]


def test_an_engine_alternative_with_a_runaway_number_costs_only_that_alternative() -> None:
    translation = Translation(
        f"The company's revenue last year was {RUNAWAY} billion yuan, up 14% year on year.",
        -0.4,
        (
            ("The company's revenue last year was 100000000000000000000 billion yuan, up 14%.", -0.6),
            (RIGHT, -0.9),
        ),
    )
    draft, findings = carry_facts(SOURCE, translation, extract(SOURCE))
    assert "10 billion yuan" in draft and RUNAWAY not in draft
    assert not findings


def test_a_source_figure_too_long_to_be_exact_is_skipped_and_later_figures_are_still_read() -> None:
    text = f"編號{'三' * 40}元及{RUNAWAY}元之後,收入為3.08億元。"
    assert [(f.text, f.english) for f in extract(text)] == [("3.08億元", "308 million yuan")]


_NUMBERISH = st.text(
    alphabet="0123456789,.%一二三四五六七八九十百千萬億兆零點元港美股倍至約逾(). ",
    max_size=80,
)


@given(source=_NUMBERISH, draft=st.text(alphabet="0123456789,. %$HKUSbilonmyuatrhes-x", max_size=80))
def test_any_mix_of_digits_and_units_is_read_and_checked_without_raising(source: str, draft: str) -> None:
    facts = extract(source)
    find_quantities(draft)
    run_checks(source, draft, facts)
    carry_facts(source, Translation(draft, -1.0), facts)


# Linear time is measured in benchmarks/fact_pathological.py; these tests count work instead of timing it,
# so that they judge the same property on any machine.


def test_a_long_run_of_numerals_is_parsed_once_not_once_per_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import workbench.facts.zh_quantities as zh_quantities

    attempts: list[str] = []

    def counted(text: str) -> Decimal:
        attempts.append(text)
        return parse_numeral(text)

    monkeypatch.setattr(zh_quantities, "parse_numeral", counted)
    facts = extract("收入" + "三十" * 1000 + "億元,其後收入3.08億元。")
    assert len(attempts) <= 3
    assert [f.english for f in facts] == ["308 million yuan"]


def _calls(work: Callable[[], object]) -> int:
    """Function calls (Python and built-in) that ``work`` makes: a count, the same on every machine."""
    count = 0

    def profiler(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profiler)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def _read_and_carry(unit: str, draft_unit: str, times: int) -> Callable[[], object]:
    source, draft = unit * times, draft_unit * times
    return lambda: carry_facts(source, Translation(draft, 0.0), extract(source))


@pytest.mark.parametrize(
    ("unit", "draft_unit"), [("1%", "1% "), ("(0020.HK)", "(0020.HK) "), ("1億元,", "1 billion yuan, ")]
)
def test_reading_and_carrying_ten_times_the_figures_costs_about_ten_times_the_work(
    unit: str, draft_unit: str
) -> None:
    small = _calls(_read_and_carry(unit, draft_unit, 100))
    large = _calls(_read_and_carry(unit, draft_unit, 1000))
    assert large / small < 15  # testing every figure against every other would make this about 100
