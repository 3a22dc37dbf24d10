"""A plain 元 read as Hong Kong desks write it, and index levels read as points with or without 點."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.checks import run_checks
from workbench.facts import extract
from workbench.model import Fact, FactKind, Finding, Severity


def money(source: str) -> list[Fact]:
    return [f for f in extract(source) if f.kind in (FactKind.AMOUNT, FactKind.PRICE)]


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("騰訊(00700)收報577元。", "HK$577"),  # a Hong Kong stock's price
        ("騰訊(00700)收報577元，升26元。", "HK$26"),  # and its change
        ("小米股價跌1.2元。", "HK$1.2"),
        ("主板成交額825億元。", "HK$82.5 billion"),  # the market's turnover
        ("全日沽空金額120億元。", "HK$12 billion"),
        ("公司計劃招股集資18.3億至24.4億元。", "HK$1.83 billion to HK$2.44 billion"),  # an offering's size
        ("公司上市集資約50億元。", "about HK$5 billion"),
        ("騰訊昨日回購100萬股，涉資5.03億元。", "HK$503 million"),  # a buyback's consideration
        ("港股通南向資金淨買入港股52.3億元。", "HK$5.23 billion"),  # southbound money
    ],
)
def test_a_plain_yuan_is_hong_kong_dollars_where_the_market_says_so(source: str, english: str) -> None:
    facts = money(source)
    assert facts[-1].english == english and facts[-1].unit == "HKD" and facts[-1].alternatives == ()


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("騰訊第三季收入1,928.7億元人民幣。", "192.87 billion yuan"),  # said
        ("公司透過發行內資股籌集資金約30億元。", "about 3 billion yuan"),  # domestic shares
        ("滬深兩市成交額1.2萬億元。", "1.2 trillion yuan"),  # the mainland's market
        ("北向資金淨買入85億元。", "8.5 billion yuan"),
        ("每股盈利50.03元，相當於每股55.49港元。", "50.03 yuan"),  # 港元 written for the other figure
    ],
)
def test_a_plain_yuan_is_yuan_where_the_sentence_says_so(source: str, english: str) -> None:
    facts = money(source)
    assert facts[0].english == english and facts[0].unit == "CNY" and facts[0].alternatives == ()


def test_where_the_sentence_cannot_decide_either_reading_passes_with_a_warning_never_an_error() -> None:
    source = "公司去年收入5億元。"
    (fact,) = money(source)
    assert (fact.unit, fact.alternatives) == ("CNY", ("HKD",))
    assert run_checks(source, "Revenue was 500 million yuan last year.", extract(source)) == ()
    found = run_checks(source, "Revenue was HK$500 million last year.", extract(source))
    assert [(f.check, f.severity.value) for f in found] == [("amount-currency", "warning")]
    found = run_checks(source, "Revenue was US$500 million last year.", extract(source))
    assert [(f.check, f.severity.value) for f in found] == [("amount-wrong", "error")]


def test_a_decided_currency_is_an_error_when_the_draft_writes_the_other() -> None:
    source = "騰訊(00700)收報577元，升26元。"
    found = run_checks(source, "Tencent (0700.HK) closed at HK$577, up 26 yuan.", extract(source))
    assert [(f.check, f.severity.value) for f in found] == [("amount-wrong", "error")]
    assert run_checks(source, "Tencent (0700.HK) closed at HK$577, up HK$26.", extract(source)) == ()


@pytest.mark.parametrize(
    ("source", "value"),
    [("恒生指數報22861，升1.5%。", "22861"), ("恒指收報26263點。", "26263"), ("恒指跌144點。", "144"),
     ("國指收報9,120點。", "9120"), ("恒指跌144，收報26263。", "144")],
)  # fmt: skip
def test_index_levels_are_points_with_or_without_the_word(source: str, value: str) -> None:
    points = [f for f in extract(source) if f.kind is FactKind.POINTS]
    assert points[0].value == Decimal(value) and points[0].unit == "points"


def test_an_index_level_written_as_a_plain_number_in_the_english_is_the_level() -> None:
    source = "恒生指數報22861，升1.5%。"
    assert run_checks(source, "The Hang Seng Index was at 22,861, up 1.5%.", extract(source)) == ()
    found = run_checks(source, "The Hang Seng Index was at 22,816, up 1.5%.", extract(source))
    assert [f.check for f in found] == ["amount-wrong"]


def test_a_count_beside_an_index_is_not_a_level() -> None:
    assert [f.kind for f in extract("恒指成分股中，20隻上升。")] == []


RESULTS = "公司去年收入5億元，純利1億元。"
CURRENCY = ["amount-currency", "amount-wrong"]


def currency(source: str, draft: str) -> tuple[Finding, ...]:
    return run_checks(source, draft, extract(source), only=CURRENCY)


def test_several_open_amounts_of_a_sentence_are_one_warning_naming_them_all() -> None:
    # One question for the reviewer (which 元 does the sentence mean), asked once.
    (finding,) = currency(RESULTS, "Revenue was HK$500 million last year and net profit HK$100 million.")
    assert finding.check == "amount-currency" and finding.severity is Severity.WARNING
    assert "5億元" in finding.message and "1億元" in finding.message
    assert "HK$500 million" in finding.message and "HK$100 million" in finding.message
    assert finding.source_span == "5億元 ... 1億元"
    assert currency(RESULTS, "Revenue was 500 million yuan last year and net profit 100 million yuan.") == ()


def test_open_amounts_written_in_two_currencies_are_one_warning_that_says_so() -> None:
    for draft in (
        "Revenue was HK$500 million last year and net profit 100 million yuan.",
        "Revenue was 500 million yuan last year and net profit HK$100 million.",
    ):
        (finding,) = currency(RESULTS, draft)
        assert (finding.check, finding.severity) == ("amount-currency", Severity.WARNING)
        assert "different currencies" in finding.message, draft


def test_a_dropped_currency_is_still_its_own_finding_per_amount() -> None:
    found = currency(RESULTS, "Revenue was 500 million last year and net profit 100 million.")
    assert [f.source_span for f in found] == ["5億元", "1億元"]
