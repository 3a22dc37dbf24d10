"""Numbers and tickers in English drafts, read to the same values as the Chinese facts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.facts import Style, extract, find_quantities, find_tickers, render
from workbench.model import FactKind


def one(text: str) -> tuple[FactKind, Decimal, Decimal | None, str, str]:
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start : q.end] == q.text
    return (q.kind, q.value, q.upper, q.unit, q.text)


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "span"),
    [
        ("paid 308 million yuan for", FactKind.AMOUNT, "308000000", "CNY", "308 million yuan"),
        ("valued at HK$139 billion.", FactKind.AMOUNT, "139000000000", "HKD", "HK$139 billion"),
        ("about US$430 million", FactKind.AMOUNT, "430000000", "USD", "US$430 million"),
        ("raised RMB3 billion", FactKind.AMOUNT, "3000000000", "CNY", "RMB3 billion"),
        ("raised RMB 3bn", FactKind.AMOUNT, "3000000000", "CNY", "RMB 3bn"),
        ("spent US$430m", FactKind.AMOUNT, "430000000", "USD", "US$430m"),
        ("3 billion Hong Kong dollars", FactKind.AMOUNT, "3000000000", "HKD", "3 billion Hong Kong dollars"),
        ("sold 59.96 million shares", FactKind.SHARES, "59960000", "shares", "59.96 million shares"),
        (
            "59.96 million new domestic shares",
            FactKind.SHARES,
            "59960000",
            "shares",
            "59.96 million new domestic shares",
        ),
        ("jumped 14%", FactKind.PERCENT, "14", "%", "14%"),
        ("jumped 14 percent", FactKind.PERCENT, "14", "%", "14 percent"),
        ("jumped 14 per cent", FactKind.PERCENT, "14", "%", "14 per cent"),
        ("up 2 percentage points", FactKind.PERCENT, "2", "pp", "2 percentage points"),
        ("cut by 25 basis points", FactKind.PERCENT, "25", "bp", "25 basis points"),
        ("about 2.2 times sales", FactKind.MULTIPLE, "2.2", "x", "2.2 times"),
        ("trades at 2.2x sales", FactKind.MULTIPLE, "2.2", "x", "2.2x"),
        ("revenue more than doubled", FactKind.MULTIPLE, "2", "x", "doubled"),
        ("1.278 billion users", FactKind.COUNT, "1278000000", "", "1.278 billion"),
        ("from 6,114 to", FactKind.COUNT, "6114", "", "6,114"),
        ("6,114 employees", FactKind.COUNT, "6114", "people", "6,114 employees"),
        ("closed at HK$4.33,", FactKind.AMOUNT, "4.33", "HKD", "HK$4.33"),
        ("at HK$4.33 per share", FactKind.PRICE, "4.33", "HKD", "HK$4.33"),
        ("the index at 23,209 points", FactKind.POINTS, "23209", "points", "23,209 points"),
        ("a 1,000 square metre flat", FactKind.AREA, "1000", "sqm", "1,000 square metre"),
    ],
)
def test_quantities(text: str, kind: FactKind, value: str, unit: str, span: str) -> None:
    assert one(text) == (kind, Decimal(value), None, unit, span)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("a loss of 7.8 billion to 11.7 billion yuan", "7800000000", "11700000000", "CNY"),
        ("a loss of 7.8 to 11.7 billion yuan", "7800000000", "11700000000", "CNY"),
        ("between 3 and 4 billion yuan", "3000000000", "4000000000", "CNY"),
        ("HK$3 to HK$4", "3", "4", "HKD"),
        ("3-4%", "3", "4", "%"),
    ],
)
def test_ranges(text: str, low: str, high: str, unit: str) -> None:
    kind, value, upper, got_unit, _ = one(text)
    assert (value, upper, got_unit) == (Decimal(low), Decimal(high), unit)


def test_from_to_is_two_figures_sharing_scale_and_currency() -> None:
    found = find_quantities("revenue rose from 18.5 to 47 billion yuan")
    assert [(q.value, q.unit) for q in found] == [
        (Decimal("18500000000"), "CNY"),
        (Decimal("47000000000"), "CNY"),
    ]


def test_wrong_scale_is_a_different_value() -> None:
    right, wrong = find_quantities("308 million yuan, 3.08 billion yuan")
    assert right.value != wrong.value


@pytest.mark.parametrize(
    "text",
    [
        "in 2021 and 2014",
        "on December 5",
        "on 5 December",
        "in the 1990s",
        "at 10:30",
        "in Q3 and H1",
        "COVID-19 spread",
        "SenseTime (0020.HK)",
        "Qifu (QFIN.US; 3660.HK)",
    ],
)
def test_dates_times_and_ticker_digits_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "tickers"),
    [
        ("SenseTime Group Inc. (0020.HK) said", ["0020.HK"]),
        ("Qifu Technology (QFIN.US; 3660.HK)", ["QFIN.US", "3660.HK"]),
        ("CICC (3908.HK; 601995.SH)", ["3908.HK", "601995.SH"]),
        ("listed as 20.HK and HK:00020", ["0020.HK", "0020.HK"]),
        ("SenseTime (00020)", ["0020.HK"]),
        ("Country Garden (stock code: 2007)", ["2007.HK"]),
        ("Alibaba (NYSE: BABA)", ["BABA.US"]),
        ("in a report (2024) on the U.S. market", []),
    ],
)
def test_find_tickers(text: str, tickers: list[str]) -> None:
    found = find_tickers(text)
    assert [t for t, _, _ in found] == tickers
    for _, start, end in found:
        assert text[start:end].strip()


values = st.builds(
    lambda mantissa, places, scale: Decimal(mantissa).scaleb(-places) * scale,
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=0, max_value=3),
    st.sampled_from([1, 10**4, 10**6, 10**8, 10**9, 10**12]),
)


@given(values, st.sampled_from(["CNY", "HKD", "USD"]), st.booleans())
def test_rendered_money_reads_back_to_the_same_value(value: Decimal, currency: str, prefix: bool) -> None:
    style = Style(yuan_prefix=prefix)
    text = f"It paid {render.money(value, currency, style)} for the stake."
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(value, currency)], text


@given(values, st.sampled_from(["shares", "people", "points", "%", "x", "pp", "sqm", ""]))
def test_rendered_quantities_read_back_to_the_same_value(value: Decimal, unit: str) -> None:
    text = f"It reported {render.quantity(value, unit)} last year."
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(value, unit)], text


@given(values, values, st.sampled_from(["CNY", "HKD", "USD"]))
def test_rendered_ranges_read_back(low: Decimal, high: Decimal, currency: str) -> None:
    text = f"It expects a loss of {render.money_range(low, high, currency)} this year."
    found = find_quantities(text)
    assert [(q.value, q.upper, q.unit) for q in found] == [(low, high, currency)], text


@given(
    st.integers(min_value=1, max_value=99999),
    st.sampled_from(["({:05d})", "({:04d}.HK)", "HK:{:05d}", "{}.HK"]),
)
def test_ticker_forms_read_to_one_listing_both_sides(code: int, form: str) -> None:
    facts = [f for f in extract(f"測試控股{form.format(code)}宣布") if f.kind is FactKind.TICKER]
    assert len(facts) == 1
    expected = f"{code:04d}.HK"
    assert facts[0].tickers == (expected,)
    assert [t for t, _, _ in find_tickers(f"Test Holdings {facts[0].english} said")] == [expected]
