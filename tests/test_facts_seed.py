"""Every amount, percentage and ticker of the seed page is read, and rendered in house style."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from workbench.facts import extract
from workbench.model import Fact, FactKind

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_2f4e0c1cd83e9657.txt"


def _sentences(text: str) -> list[str]:
    return [s for line in text.splitlines() for s in re.split(r"(?<=[。！？])", line) if s.strip()]


@pytest.fixture(scope="module")
def seed_facts() -> list[tuple[str, Fact]]:
    return [
        (sentence, fact) for sentence in _sentences(SEED.read_text("utf-8")) for fact in extract(sentence)
    ]


# (source span, English, kind, value, unit) for every amount, share count, count, percentage, multiple,
# price and ticker of the page, as many times as each occurs
EXPECTED: list[tuple[str, str, FactKind, str | None, str]] = [
    ("0020.HK", "(0020.HK)", FactKind.TICKER, None, ""),  # the tag line above the first article
    ("(0020.HK)", "(0020.HK)", FactKind.TICKER, None, ""),
    ("14%", "14%", FactKind.PERCENT, "14", "%"),
    ("約75%", "about 75%", FactKind.PERCENT, "75", "%"),
    ("2.3億", "230 million", FactKind.COUNT, "230000000", ""),
    ("約為11億", "about 1.1 billion", FactKind.COUNT, "1100000000", ""),
    ("47億元", "4.7 billion yuan", FactKind.AMOUNT, "4700000000", "CNY"),
    ("18.5億元", "1.85 billion yuan", FactKind.AMOUNT, "1850000000", "CNY"),
    ("兩倍多", "more than 2 times", FactKind.MULTIPLE, "2", "x"),
    ("1,390億港元", "HK$139 billion", FactKind.AMOUNT, "139000000000", "HKD"),
    ("57.8億港元", "HK$5.78 billion", FactKind.AMOUNT, "5780000000", "HKD"),
    ("45.6%", "45.6%", FactKind.PERCENT, "45.6", "%"),
    ("不足10%", "less than 10%", FactKind.PERCENT, "10", "%"),
    ("25億元", "2.5 billion yuan", FactKind.AMOUNT, "2500000000", "CNY"),
    ("31億元", "3.1 billion yuan", FactKind.AMOUNT, "3100000000", "CNY"),
    ("6,114人", "6,114 people", FactKind.COUNT, "6114", "people"),
    ("4,672人", "4,672 people", FactKind.COUNT, "4672", "people"),
    ("10.5億元", "1.05 billion yuan", FactKind.AMOUNT, "1050000000", "CNY"),
    ("兩倍多", "more than 2 times", FactKind.MULTIPLE, "2", "x"),
    ("17.4億元", "1.74 billion yuan", FactKind.AMOUNT, "1740000000", "CNY"),
    ("60%以上", "more than 60%", FactKind.PERCENT, "60", "%"),
    ("1.68億元", "168 million yuan", FactKind.AMOUNT, "168000000", "CNY"),
    ("10%", "10%", FactKind.PERCENT, "10", "%"),
    ("(2408.HK)", "(2408.HK)", FactKind.TICKER, None, ""),
    ("不超過10%", "no more than 10%", FactKind.PERCENT, "10", "%"),
    ("7.04港元", "HK$7.04", FactKind.PRICE, "7.04", "HKD"),
    ("6.17億港元", "HK$617 million", FactKind.AMOUNT, "617000000", "HKD"),
    ("28%", "28%", FactKind.PERCENT, "28", "%"),
    ("4.33港元", "HK$4.33", FactKind.PRICE, "4.33", "HKD"),
    ("38%", "38%", FactKind.PERCENT, "38", "%"),
    ("4.49港元", "HK$4.49", FactKind.PRICE, "4.49", "HKD"),
    ("3.7%", "3.7%", FactKind.PERCENT, "3.7", "%"),
    ("(2581.HK)", "(2581.HK)", FactKind.TICKER, None, ""),
    ("(2695.HK)", "(2695.HK)", FactKind.TICKER, None, ""),
    ("37%", "37%", FactKind.PERCENT, "37", "%"),
    ("30億元", "3 billion yuan", FactKind.AMOUNT, "3000000000", "CNY"),
    ("(9863.HK)", "(9863.HK)", FactKind.TICKER, None, ""),
    ("約30億元", "about 3 billion yuan", FactKind.AMOUNT, "3000000000", "CNY"),
    ("4.3億美元", "US$430 million", FactKind.AMOUNT, "430000000", "USD"),
    # a plain 元 price beside a 港元 one (相當於每股55.49港元) is renminbi
    ("50.03元", "50.03 yuan", FactKind.PRICE, "50.03", "CNY"),
    ("約5,996萬股", "about 59.96 million shares", FactKind.SHARES, "59960000", "shares"),
    ("55.49港元", "HK$55.49", FactKind.PRICE, "55.49", "HKD"),
    ("約9.88%", "about 9.88%", FactKind.PERCENT, "9.88", "%"),
    ("1.34億股", "134 million shares", FactKind.SHARES, "134000000", "shares"),
    ("8.66%", "8.66%", FactKind.PERCENT, "8.66", "%"),
    ("約67.44億元", "about 6.744 billion yuan", FactKind.AMOUNT, "6744000000", "CNY"),
    ("70%", "70%", FactKind.PERCENT, "70", "%"),
    ("49.24港元", "HK$49.24", FactKind.PRICE, "49.24", "HKD"),
    ("2.5%", "2.5%", FactKind.PERCENT, "2.5", "%"),
    ("3.08億元", "308 million yuan", FactKind.AMOUNT, "308000000", "CNY"),
    ("(1911.HK)", "(1911.HK)", FactKind.TICKER, None, ""),
    ("3.08億元", "308 million yuan", FactKind.AMOUNT, "308000000", "CNY"),
    ("約4,400萬美元", "about US$44 million", FactKind.AMOUNT, "44000000", "USD"),
    ("(QFIN.US;3660.HK)", "(QFIN.US; 3660.HK)", FactKind.TICKER, None, ""),
    ("約67億元", "about 6.7 billion yuan", FactKind.AMOUNT, "6700000000", "CNY"),
    ("約2.77億元", "about 277 million yuan", FactKind.AMOUNT, "277000000", "CNY"),
    ("約7.52億元", "about 752 million yuan", FactKind.AMOUNT, "752000000", "CNY"),
    ("約3,100萬元", "about 31 million yuan", FactKind.AMOUNT, "31000000", "CNY"),
    ("2,500萬美元", "US$25 million", FactKind.AMOUNT, "25000000", "USD"),
    ("16%", "16%", FactKind.PERCENT, "16", "%"),
    ("約為2.2倍", "about 2.2 times", FactKind.MULTIPLE, "2.2", "x"),
    ("(3908.HK;601995.SH)", "(3908.HK; 601995.SH)", FactKind.TICKER, None, ""),
    ("約2.5倍", "about 2.5 times", FactKind.MULTIPLE, "2.5", "x"),
    ("1.15倍", "1.15 times", FactKind.MULTIPLE, "1.15", "x"),
    ("(1318.HK)", "(1318.HK)", FactKind.TICKER, None, ""),
    ("1,720萬", "17.2 million", FactKind.COUNT, "17200000", ""),
    ("3.51%", "3.51%", FactKind.PERCENT, "3.51", "%"),
    ("14億港元", "HK$1.4 billion", FactKind.AMOUNT, "1400000000", "HKD"),
    ("29.8港元", "HK$29.8", FactKind.PRICE, "29.8", "HKD"),
    ("130.6港元", "HK$130.6", FactKind.PRICE, "130.6", "HKD"),
    ("338%", "338%", FactKind.PERCENT, "338", "%"),
    ("80多港元", "more than HK$80", FactKind.PRICE, "80", "HKD"),  # the share price fell back to it
    ("0.3%", "0.3%", FactKind.PERCENT, "0.3", "%"),
    ("81.75港元", "HK$81.75", FactKind.PRICE, "81.75", "HKD"),
]

CHECKED_KINDS = {k for _, _, k, _, _ in EXPECTED}


def _key(fact: Fact) -> tuple[str, str, FactKind, str | None, str]:
    value = None if fact.value is None else str(fact.value)
    return (fact.text, fact.english, fact.kind, value, fact.unit)


def test_every_amount_percentage_and_ticker_is_read_and_rendered(seed_facts: list[tuple[str, Fact]]) -> None:
    got = Counter(_key(f) for _, f in seed_facts if f.kind in CHECKED_KINDS)
    want = Counter(EXPECTED)
    assert want - got == Counter(), "missing or misread"
    assert got - want == Counter(), "read but not expected"


def test_every_number_with_a_unit_on_the_page_is_inside_a_fact(seed_facts: list[tuple[str, Fact]]) -> None:
    unit = re.compile(r"\d[\d,.]*(?:萬|億|%|倍|港元|美元|元|股|人)|\d+\.HK|\.US|\.SH")
    for sentence in _sentences(SEED.read_text("utf-8")):
        spans = [(f.start, f.end) for s, f in seed_facts if s == sentence]
        for m in unit.finditer(sentence):
            assert any(s <= m.start() and m.end() <= e for s, e in spans), (
                f"{m.group()!r} unread in {sentence}"
            )


def test_dates_of_the_page(seed_facts: list[tuple[str, Fact]]) -> None:
    dates = [(f.text, f.english) for _, f in seed_facts if f.kind is FactKind.DATE]
    for expected in [
        ("上周五", "last Friday"),
        ("2024年6月底", "the end of June 2024"),
        ("12月5日", "December 5"),
        ("1月6日", "January 6"),
        ("2019年10月", "October 2019"),
        ("2022年初", "early 2022"),
        ("1990年代末", "the late 1990s"),
        ("上周三", "last Wednesday"),
        ("2024年12月", "December 2024"),
    ]:
        assert expected in dates


def test_values_are_exact_decimals_in_plain_form(seed_facts: list[tuple[str, Fact]]) -> None:
    for _, fact in seed_facts:
        for value in (fact.value, fact.upper):
            assert value is None or (isinstance(value, Decimal) and "E" not in str(value))
