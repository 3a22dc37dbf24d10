"""The Chinese reader follows Hong Kong copy conventions, not one paper's sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.facts import Style, extract
from workbench.model import Fact, FactKind, GlossaryEntry, TermHit


def only(text: str, **kwargs: object) -> Fact:
    facts = [f for f in extract(text, **kwargs) if f.kind is not FactKind.NAME]  # type: ignore[arg-type]
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit", "english"),
    [
        ("收入3.08億元", "3.08億元", FactKind.AMOUNT, "308000000", "CNY", "308 million yuan"),
        ("估值1,390億港元", "1,390億港元", FactKind.AMOUNT, "139000000000", "HKD", "HK$139 billion"),
        ("籌集4.3億美元", "4.3億美元", FactKind.AMOUNT, "430000000", "USD", "US$430 million"),
        ("發行100億元人民幣債券", "100億元人民幣", FactKind.AMOUNT, "10000000000", "CNY", "10 billion yuan"),
        ("集資20億港幣", "20億港幣", FactKind.AMOUNT, "2000000000", "HKD", "HK$2 billion"),
        ("以人民幣3億元收購", "人民幣3億元", FactKind.AMOUNT, "300000000", "CNY", "300 million yuan"),
        ("市值達HK$1.5億", "HK$1.5億", FactKind.AMOUNT, "150000000", "HKD", "HK$150 million"),
        ("貸款1.2萬億元", "1.2萬億元", FactKind.AMOUNT, "1200000000000", "CNY", "1.2 trillion yuan"),
        ("存款3兆元", "3兆元", FactKind.AMOUNT, "3000000000000", "CNY", "3 trillion yuan"),
        ("投資3千萬美元", "3千萬美元", FactKind.AMOUNT, "30000000", "USD", "US$30 million"),
        ("作價1億2千萬元", "1億2千萬元", FactKind.AMOUNT, "120000000", "CNY", "120 million yuan"),
        ("營收12.78億", "12.78億", FactKind.COUNT, "1278000000", "", "1.278 billion"),
        ("發行5,996萬股", "5,996萬股", FactKind.SHARES, "59960000", "shares", "59.96 million shares"),
        ("出售6.1億舊股", "6.1億舊股", FactKind.SHARES, "610000000", "shares", "610 million shares"),
        ("樓面1,000平方米", "1,000平方米", FactKind.AREA, "1000", "sqm", "1,000 square metres"),
        ("實用面積800平方呎", "800平方呎", FactKind.AREA, "800", "sqft", "800 square feet"),
        ("員工6,114人", "6,114人", FactKind.COUNT, "6114", "people", "6,114 people"),
        ("裁員300名", "300名", FactKind.COUNT, "300", "people", "300 people"),
        ("上升14%", "14%", FactKind.PERCENT, "14", "%", "14%"),
        ("上升１４％", "１４％", FactKind.PERCENT, "14", "%", "14%"),
        ("佔百分之十四", "百分之十四", FactKind.PERCENT, "14", "%", "14%"),
        ("毛利率升2個百分點", "2個百分點", FactKind.PERCENT, "2", "pp", "2 percentage points"),
        ("減息25個基點", "25個基點", FactKind.PERCENT, "25", "bp", "25 basis points"),
        ("收入跌三成", "三成", FactKind.PERCENT, "30", "%", "30%"),
        ("市盈率6.6倍", "6.6倍", FactKind.MULTIPLE, "6.6", "x", "6.6 times"),
        ("恒指收報23209點", "23209點", FactKind.POINTS, "23209", "points", "23,209 points"),
        ("股價報7.87元", "7.87元", FactKind.PRICE, "7.87", "HKD", "HK$7.87"),
        ("收市報７．８７元", "７．８７元", FactKind.PRICE, "7.87", "HKD", "HK$7.87"),
        ("每股作價7﹒87港元", "7﹒87港元", FactKind.PRICE, "7.87", "HKD", "HK$7.87"),
        ("每股盈利0.52元", "0.52元", FactKind.PRICE, "0.52", "CNY", "0.52 yuan"),
        ("涉及三千零八萬股", "三千零八萬股", FactKind.SHARES, "30080000", "shares", "30.08 million shares"),
        ("成交二萬三", "二萬三", FactKind.COUNT, "23000", "", "23,000"),
        ("全年賺十二億元", "十二億元", FactKind.AMOUNT, "1200000000", "CNY", "1.2 billion yuan"),
        ("約4,400萬美元", "約4,400萬美元", FactKind.AMOUNT, "44000000", "USD", "about US$44 million"),
        ("逾400萬人", "逾400萬人", FactKind.COUNT, "4000000", "people", "more than 4 million people"),
        ("收報$4.33", "$4.33", FactKind.PRICE, "4.33", "HKD", "HK$4.33"),
        ("每股派息20仙", "20仙", FactKind.PRICE, "0.2", "HKD", "HK$0.2"),
        ("回落至80多港元", "80多港元", FactKind.PRICE, "80", "HKD", "more than HK$80"),
    ],
)
def test_one_quantity(text: str, span: str, kind: FactKind, value: str, unit: str, english: str) -> None:
    fact = only(text)
    assert (fact.text, fact.kind, fact.value, fact.unit, fact.english) == (
        span,
        kind,
        Decimal(value),
        unit,
        english,
    )
    assert text[fact.start : fact.end] == span


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "english"),
    [
        ("預計虧損78億至117億元", "7800000000", "11700000000", "CNY", "7.8 billion to 11.7 billion yuan"),
        ("派息3至4元", "3", "4", "CNY", "3 to 4 yuan"),
        ("集資2至3億港元", "200000000", "300000000", "HKD", "HK$200 million to HK$300 million"),
        ("增長3%至4%", "3", "4", "%", "3% to 4%"),
        ("增長3-4%", "3", "4", "%", "3% to 4%"),
        ("估值2至3倍", "2", "3", "x", "2 to 3 times"),
    ],
)
def test_ranges_share_their_unit(text: str, low: str, high: str, unit: str, english: str) -> None:
    fact = only(text)
    assert (fact.value, fact.upper, fact.unit, fact.english) == (Decimal(low), Decimal(high), unit, english)


@pytest.mark.parametrize(
    ("text", "tickers", "english"),
    [
        ("商湯集團(0020.HK)宣布", ("0020.HK",), "(0020.HK)"),
        ("商湯（０２０.ＨＫ）宣布", ("0020.HK",), "(0020.HK)"),
        ("商湯集團(00020)宣布", ("0020.HK",), "(0020.HK)"),
        ("碧桂園(2007)宣布", ("2007.HK",), "(2007.HK)"),  # a code in the year range, after 園: not a year
        ("碧桂園服務(6098)宣布", ("6098.HK",), "(6098.HK)"),
        ("中國恒大(3333)宣布", ("3333.HK",), "(3333.HK)"),
        ("中國恒大( 3333)宣布", ("3333.HK",), "(3333.HK)"),
        ("奇富科技(QFIN.US;3660.HK)旗下", ("QFIN.US", "3660.HK"), "(QFIN.US; 3660.HK)"),
        ("中金公司(3908.HK;601995.SH)在港", ("3908.HK", "601995.SH"), "(3908.HK; 601995.SH)"),
        ("阿里巴巴(9988.HK/BABA.US)", ("9988.HK", "BABA.US"), "(9988.HK; BABA.US)"),
        ("股份代號HK:00020", ("0020.HK",), "(0020.HK)"),
        ("商湯20.HK今日", ("0020.HK",), "(0020.HK)"),
        ("該公司(股份代號：2408)宣布", ("2408.HK",), "(2408.HK)"),
    ],
)
def test_tickers_in_every_hk_form(text: str, tickers: tuple[str, ...], english: str) -> None:
    fact = only(text)
    assert (fact.kind, fact.tickers, fact.english) == (FactKind.TICKER, tickers, english)


@pytest.mark.parametrize(
    "text",
    [
        "公司在2024年(2024)上市",  # a year repeated, not after a name
        "人工智能(AI)領域",
        "生成式人工智能(GenAI)領域",
        "市銷率(P/S)約為",
        "奇富科技(Qfin)的",
        "(1)",
    ],
)
def test_brackets_that_are_not_tickers(text: str) -> None:
    assert [f for f in extract(text) if f.kind is FactKind.TICKER] == []


def test_a_glossary_code_after_a_name_without_company_ending() -> None:
    entry = GlossaryEntry("長和", "长和", "CK Hutchison", tickers=("0001.HK",))
    text = "長和(1)宣布"
    facts = extract(text, hits=[TermHit(entry, 0, 2, "長和")])
    assert [(f.kind, f.tickers) for f in facts] == [
        (FactKind.NAME, ("0001.HK",)),
        (FactKind.TICKER, ("0001.HK",)),
    ]
    assert facts[0].english == "CK Hutchison"


def test_numbers_inside_a_name_are_not_read() -> None:
    entry = GlossaryEntry("58同城", "58同城", "58.com")
    text = "58同城收入3億元"
    facts = extract(text, hits=[TermHit(entry, 0, 4, "58同城")])
    assert [(f.kind, f.text) for f in facts] == [(FactKind.NAME, "58同城"), (FactKind.AMOUNT, "3億元")]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("公司於12月5日掛牌", "December 5"),
        ("到2024年6月底", "the end of June 2024"),
        ("上周三公布", "last Wednesday"),
        ("周二宣布", "Tuesday"),
        ("於2019年10月將", "October 2019"),
        ("於2024年12月5日", "December 5, 2024"),
        ("十二月五日", "December 5"),
        ("2022年初的高點", "early 2022"),
        ("2024年上半年", "the first half of 2024"),
        ("1990年代末", "the late 1990s"),
    ],
)
def test_dates(text: str, english: str) -> None:
    fact = only(text)
    assert (fact.kind, fact.english) == (FactKind.DATE, english)


@pytest.mark.parametrize(
    "text",
    [
        "兩年前突然離場",
        "一輪組織調整",
        "數十億元的損失",  # billions, not one billion
        "全球價值最高的30家公司",
        "AI 2.0時代",
        "上午10點開會",
        "零售業務",
        "一成不變",
        "兩周內",
        "排名第3名",
        "五分之一",
    ],
)
def test_words_that_only_look_like_numbers(text: str) -> None:
    assert extract(text) == ()


def test_facts_are_ordered_and_do_not_overlap() -> None:
    text = "華興資本控股有限公司(1911.HK)上周三表示，將以3.08億元(約4,400萬美元)收購，較去年升14%。"
    facts = extract(text)
    assert [f.kind for f in facts] == [
        FactKind.TICKER,
        FactKind.DATE,
        FactKind.AMOUNT,
        FactKind.AMOUNT,
        FactKind.PERCENT,
    ]
    for a, b in zip(facts, facts[1:], strict=False):
        assert a.end <= b.start


def test_style_changes_the_rendering_not_the_reading() -> None:
    style = Style(yuan_prefix=True, percent_sign=" percent", day_first=True, ticker_separator=", ")
    facts = extract("奇富科技(QFIN.US;3660.HK)於12月5日以3.08億元收購，升14%", style=style)
    assert [f.english for f in facts] == ["(QFIN.US, 3660.HK)", "5 December", "RMB308 million", "14 percent"]
    assert facts[2].value == Decimal("308000000")


def test_papers_that_mean_hk_dollars_by_plain_yuan() -> None:
    fact = only("集資3億元", style=Style(bare_yuan="HKD"))
    assert (fact.unit, fact.english) == ("HKD", "HK$300 million")
