"""Amounts, share counts, percentages and multiples: each of the source in the draft, with the right value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.checks import run_checks
from workbench.checks.quantities import Status, Target, align
from workbench.model import Fact, FactKind, Finding, Severity

D = Decimal

QUANTITY_CHECKS = [
    "amount-missing",
    "amount-scale",
    "amount-wrong",
    "amount-currency",
    "percent-mismatch",
    "multiple-mismatch",
]


def amount(text: str, value: str, unit: str, english: str, start: int = 0, upper: str | None = None) -> Fact:
    return Fact(
        FactKind.AMOUNT,
        text,
        start,
        start + len(text),
        english,
        D(value),
        D(upper) if upper else None,
        unit,
    )


def fact(kind: FactKind, text: str, value: str, unit: str, english: str, start: int = 0) -> Fact:
    return Fact(kind, text, start, start + len(text), english, D(value), None, unit)


REVENUE = "商湯去年收入為3.08億元。"
R308 = amount("3.08億元", "308000000", "CNY", "308 million yuan", 7)


def run(source: str, draft: str, facts: list[Fact]) -> tuple[Finding, ...]:
    return run_checks(
        source,
        draft,
        facts,
        only=QUANTITY_CHECKS,
    )


def test_the_same_amount_in_english_words_is_right() -> None:
    assert run(REVENUE, "SenseTime's revenue last year was 308 million yuan.", [R308]) == ()


def test_million_written_as_billion_is_a_scale_error_naming_the_fact() -> None:
    (finding,) = run(REVENUE, "SenseTime's revenue last year was 3.08 billion yuan.", [R308])
    assert finding.check == "amount-scale"
    assert finding.severity is Severity.ERROR
    assert "3.08億元" in finding.message and "308 million yuan" in finding.message
    assert "3.08 billion" in finding.message


def test_another_number_in_its_place_is_a_wrong_value() -> None:
    (finding,) = run(REVENUE, "SenseTime's revenue last year was 38 million yuan.", [R308])
    assert finding.check == "amount-wrong"
    assert finding.message.startswith(
        "amount 3.08億元 should be 308 million yuan; the translation has 38 million"
    )


def test_an_amount_left_out_is_missing() -> None:
    (finding,) = run(REVENUE, "SenseTime's revenue fell last year.", [R308])
    assert finding.check == "amount-missing"
    assert "3.08億元" in finding.message


def test_another_currency_is_wrong_and_a_dropped_currency_is_a_warning() -> None:
    source = "籌集4.3億美元。"
    usd = amount("4.3億美元", "430000000", "USD", "US$430 million", 2)
    (wrong,) = run(source, "It raised HK$430 million.", [usd])
    assert (wrong.check, wrong.severity) == ("amount-wrong", Severity.ERROR)
    assert "wrong currency" in wrong.message
    (dropped,) = run(source, "It raised 430 million.", [usd])
    assert (dropped.check, dropped.severity) == ("amount-currency", Severity.WARNING)


def test_an_amount_and_its_conversion_in_brackets_pair_with_their_own_currencies() -> None:
    source = "籌資30億元(4.3億美元)。"
    facts = [
        amount("30億元", "3000000000", "CNY", "3 billion yuan", 2),
        amount("4.3億美元", "430000000", "USD", "US$430 million", 7),
    ]
    assert run(source, "It raised 3 billion yuan (US$430 million).", facts) == ()
    (finding,) = run(source, "It raised 3 billion yuan (US$43 million).", facts)
    assert finding.check == "amount-scale" and "4.3億美元" in finding.message


def test_share_counts_compare_as_numbers() -> None:
    source = "發行5,996萬股。"
    shares = fact(FactKind.SHARES, "5,996萬股", "59960000", "shares", "59.96 million shares", 2)
    assert run(source, "It issued 59.96 million shares.", [shares]) == ()
    (finding,) = run(source, "It issued 599.6 million shares.", [shares])
    assert finding.check == "amount-scale" and finding.message.startswith("share count 5,996萬股")


def test_a_range_may_be_written_as_one_range_or_two_numbers() -> None:
    source = "預計收入78億至117億元。"
    span = amount(
        "78億至117億元", "7800000000", "CNY", "7.8 billion to 11.7 billion yuan", 6, upper="11700000000"
    )
    assert run(source, "Revenue is expected at 7.8 billion to 11.7 billion yuan.", [span]) == ()
    assert run(source, "Revenue is expected at 7.8-11.7 billion yuan.", [span]) == ()


def test_percentages_must_match() -> None:
    source = "該股上周五飆升了14%。"
    pct = fact(FactKind.PERCENT, "14%", "14", "%", "14%", 8)
    assert run(source, "The stock jumped 14% last Friday.", [pct]) == ()
    (finding,) = run(source, "The stock jumped 41% last Friday.", [pct])
    assert finding.check == "percent-mismatch" and "14%" in finding.message and "41%" in finding.message
    (missing,) = run(source, "The stock jumped last Friday.", [pct])
    assert "missing" in missing.message


def test_multiples_match_as_numbers_or_words() -> None:
    source = "收入增長2倍。"
    twice = fact(FactKind.MULTIPLE, "2倍", "2", "x", "2 times", 4)
    assert run(source, "Revenue grew 2 times.", [twice]) == ()
    assert run(source, "Revenue doubled.", [twice]) == ()
    (finding,) = run(source, "Revenue grew 3 times.", [twice])
    assert finding.check == "multiple-mismatch"


def test_years_in_the_draft_are_not_taken_for_a_wrong_amount() -> None:
    (finding,) = run(REVENUE, "SenseTime's revenue rose in 2022.", [R308])
    assert finding.check == "amount-missing"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("308000000", Status.OK),
        ("3080000000", Status.SCALE),
        ("30800000", Status.SCALE),
        ("38000000", Status.VALUE),
    ],
)
def test_alignment_statuses(value: str, status: Status) -> None:
    (m,) = align([R308], [Target(FactKind.AMOUNT, D(value), None, "CNY", 0, 5, "x")])
    assert m.status is status


def test_two_scale_candidates_make_the_pairing_ambiguous_for_repair() -> None:
    targets = [
        Target(FactKind.AMOUNT, D("3080000000"), None, "CNY", 0, 5, "a"),
        Target(FactKind.AMOUNT, D("30800000"), None, "CNY", 10, 15, "b"),
    ]
    (m,) = align([R308], targets)
    assert m.status is Status.SCALE and not m.unambiguous


@pytest.mark.parametrize(
    "draft", ["Margins widened by 5% to 8%.", "Margins widened by 5-8%.", "Margins widened 5 to 8%."]
)
def test_a_single_percentage_written_as_a_range_is_a_mismatch(draft: str) -> None:
    # The source says 5%; a range that starts at 5% states something the source does not.
    source = "利潤率擴大5%。"
    five = fact(FactKind.PERCENT, "5%", "5", "%", "5%", 5)
    found = [f for f in run_checks(source, draft, [five]) if f.severity is Severity.ERROR]
    assert [f.check for f in found] == ["percent-mismatch"]
    assert run_checks(source, "Margins widened by 5%.", [five]) == ()


def test_a_range_is_right_only_as_the_same_range() -> None:
    source = "利潤率擴大5%至8%。"
    both = Fact(FactKind.PERCENT, "5%至8%", 5, 11, "5% to 8%", D(5), D(8), "%")
    assert run_checks(source, "Margins widened by 5% to 8%.", [both]) == ()
    assert run_checks(source, "Margins widened by 5-8%.", [both]) == ()
    found = run_checks(source, "Margins widened by 5%.", [both])
    assert [f.check for f in found] == ["percent-mismatch"]
