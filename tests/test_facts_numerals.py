"""Numerals round-trip: value → Chinese text → value, for Chinese numerals and Arabic digits with 萬/億."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.facts import extract
from workbench.facts.numerals import fold, parse_numeral, to_arabic_units, to_chinese
from workbench.model import FactKind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三千零八萬", "30080000"),
        ("二萬三", "23000"),
        ("三千五", "3500"),
        ("一百二", "120"),
        ("一百零五", "105"),
        ("十二", "12"),
        ("兩千", "2000"),
        ("一萬億", "1000000000000"),
        ("三億五千萬", "350000000"),
        ("二〇二四", "2024"),
        ("三點五", "3.5"),
        ("1,390億", "139000000000"),
        ("3.08億", "308000000"),
        ("１，３９０億", "139000000000"),
        ("７．８７", "7.87"),
        ("7﹒87", "7.87"),
        ("3億5千萬", "350000000"),
        ("1.2萬億", "1200000000000"),
    ],
)
def test_parse_numeral(text: str, value: str) -> None:
    assert parse_numeral(text) == Decimal(value)


@pytest.mark.parametrize("text", ["萬", "十百", "三三萬三", "abc", ""])
def test_not_a_numeral(text: str) -> None:
    with pytest.raises(ValueError):
        parse_numeral(text)


def test_fold_keeps_offsets() -> None:
    text = "股價報７．８７元，升１４％（０２０．ＨＫ）"
    assert len(fold(text)) == len(text)
    assert fold(text) == "股價報7.87元，升14%(020.HK)"


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_chinese_numerals_round_trip(value: int) -> None:
    assert parse_numeral(to_chinese(value)) == value


@given(
    st.integers(min_value=1, max_value=9),
    st.sampled_from([("千", 1000), ("萬", 10**4), ("億", 10**8)]),
    st.integers(min_value=1, max_value=9),
)
def test_market_talk_round_trip(head: int, unit: tuple[str, int], tail: int) -> None:
    text = to_chinese(head) + unit[0] + to_chinese(tail)  # 二萬三
    assert parse_numeral(text) == head * unit[1] + tail * unit[1] // 10


amounts = st.builds(
    lambda mantissa, places, unit: Decimal(mantissa).scaleb(-places) * unit,
    st.integers(min_value=1, max_value=99_999_999),
    st.integers(min_value=0, max_value=2),
    st.sampled_from([1, 10**4, 10**8, 10**12]),
)
currencies = st.sampled_from(
    [("元", "CNY"), ("港元", "HKD"), ("美元", "USD"), ("元人民幣", "CNY"), ("港幣", "HKD")]
)


@given(amounts, currencies)
def test_arabic_amounts_round_trip_through_the_reader(value: Decimal, currency: tuple[str, str]) -> None:
    text = f"公司集資{to_arabic_units(value)}{currency[0]}，"
    facts = extract(text)
    assert len(facts) == 1, (text, facts)
    assert (facts[0].kind, facts[0].value, facts[0].unit) == (FactKind.AMOUNT, value, currency[1])


@given(st.integers(min_value=10, max_value=10**15))
def test_chinese_share_counts_round_trip_through_the_reader(value: int) -> None:
    text = f"發行{to_chinese(value)}股新股"
    facts = extract(text)
    assert [(f.kind, f.value) for f in facts] == [(FactKind.SHARES, value)], text
