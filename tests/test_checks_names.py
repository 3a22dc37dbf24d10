"""Glossary names: present under an accepted form, never forbidden, never invented."""

from __future__ import annotations

from workbench.checks import run_checks
from workbench.checks.names import core, find_key, key, tokens
from workbench.facts import extract
from workbench.glossary import Glossary
from workbench.model import Fact, FactKind, Finding, GlossaryEntry, Severity

SENSETIME = GlossaryEntry(
    "商湯集團股份有限公司",
    "商汤集团股份有限公司",
    "SenseTime Group Inc.",
    ("商湯", "SenseTime Group"),
    ("0020.HK",),
    forbidden=("Shang Tang", "Sensetime"),
)
MEGVII = GlossaryEntry("曠視科技", "旷视科技", "Megvii", ("曠視",), ())
HKEX = GlossaryEntry(
    "香港交易所", "香港交易所", "HKEX", ("Hong Kong Exchanges and Clearing",), ("0388.HK",), "exchange"
)
GENAI = GlossaryEntry("生成式人工智能", "生成式人工智能", "generative AI", ("GenAI",), (), "term")
AIA = GlossaryEntry("友邦保險", "友邦保险", "AIA", (), ("1299.HK",))
GLOSSARY = Glossary.from_entries([SENSETIME, MEGVII, HKEX, GENAI, AIA])

SOURCE = "商湯完成重組。"
CHECKS = ["name-missing", "forbidden-rendering", "hallucinated-entity"]


def run(source: str, draft: str, only: list[str] = CHECKS) -> tuple[Finding, ...]:
    hits = GLOSSARY.match(source)
    facts = [Fact(FactKind.NAME, h.text, h.start, h.end, h.entry.english) for h in hits]
    return run_checks(source, draft, facts, hits, GLOSSARY, only=only)


def test_forms_match_across_case_spacing_and_punctuation_on_word_edges() -> None:
    toks = tokens("Shares of Sense Time's unit and SENSETIME rose; via Asia.")
    assert len(find_key(toks, key("SenseTime"))) == 2
    assert find_key(toks, key("AIA")) == []
    assert key("Hong Kong Exchanges & Clearing") == key("hong kong exchanges and clearing")


def test_legal_suffixes_are_dropped_for_the_short_form() -> None:
    assert core("SenseTime Group Inc.") == "sensetime"
    assert core("Megvii") is None


def test_the_name_under_its_english_an_alias_or_its_short_form_is_present() -> None:
    for draft in (
        "SenseTime Group Inc. completed its restructuring.",
        "SenseTime Group completed its restructuring.",
        "SenseTime's restructuring is complete.",
        "Sense Time completed its restructuring.",
    ):
        assert run(SOURCE, draft) == (), draft


def test_a_missing_name_is_an_error_naming_the_source_and_the_accepted_forms() -> None:
    (finding,) = run(SOURCE, "The company completed its restructuring.")
    assert (finding.check, finding.severity) == ("name-missing", Severity.ERROR)
    assert "商湯" in finding.message and "SenseTime Group Inc." in finding.message


def test_a_misspelt_name_is_missing_and_the_near_miss_is_shown() -> None:
    (finding,) = run(SOURCE, "SensTime completed its restructuring.")
    assert finding.check == "name-missing"
    assert "SensTime" in finding.message
    assert finding.target_span == "SensTime"  # what the review page and the PO comment point at


def test_a_missing_glossary_term_is_only_a_warning() -> None:
    source = "公司全力進入生成式人工智能領域。"
    assert run(source, "The company went all in on GenAI.") == ()
    (finding,) = run(source, "The company went all in on artificial intelligence that generates content.")
    assert (finding.check, finding.severity) == ("name-missing", Severity.WARNING)


def test_a_forbidden_rendering_is_an_error_even_beside_an_accepted_one() -> None:
    findings = run(SOURCE, "SenseTime (Shang Tang) completed its restructuring.")
    assert [(f.check, f.severity) for f in findings] == [("forbidden-rendering", Severity.ERROR)]
    assert "'Shang Tang'" in findings[0].message and "SenseTime Group Inc." in findings[0].message


def test_a_forbidden_form_differing_only_in_case_from_an_accepted_one_spares_the_accepted_one() -> None:
    assert run(SOURCE, "SenseTime Group completed its restructuring.", ["forbidden-rendering"]) == ()
    (finding,) = run(SOURCE, "Sensetime completed its restructuring.", ["forbidden-rendering"])
    assert "'Sensetime'" in finding.message


def test_another_glossary_company_in_place_of_the_source_one_is_hallucinated_and_the_name_missing() -> None:
    findings = run(SOURCE, "Megvii completed its restructuring.")
    assert sorted(f.check for f in findings) == ["hallucinated-entity", "name-missing"]
    invented = next(f for f in findings if f.check == "hallucinated-entity")
    assert invented.severity is Severity.ERROR and "Megvii" in invented.message


def test_companies_named_by_the_source_in_any_form_are_not_hallucinated() -> None:
    source = "商湯向香港交易所提交文件。"
    assert run(source, "SenseTime filed a document with Hong Kong Exchanges & Clearing.") == ()
    assert run("OpenAI的Megvii項目。", "The Megvii project.", ["hallucinated-entity"]) == ()


def test_an_exchange_the_chinese_only_implies_is_not_hallucinated() -> None:
    assert run("該股在港上市。", "The stock is listed on Hong Kong Exchanges and Clearing.") == ()


def test_a_glossary_name_inside_another_word_is_not_an_entity() -> None:
    assert (
        run(SOURCE, "SenseTime, via Asian units, completed its restructuring.", ["hallucinated-entity"]) == ()
    )


def test_without_a_glossary_the_hits_alone_are_checked() -> None:
    hits = GLOSSARY.match(SOURCE)
    assert run_checks(SOURCE, "SenseTime completed it.", (), hits, None, only=CHECKS) == ()
    findings = run_checks(SOURCE, "Shang Tang completed it.", (), hits, None, only=CHECKS)
    assert sorted(f.check for f in findings) == ["forbidden-rendering", "name-missing"]


# -- names as the press writes them, and companies called invented only when they are ----------------------

TENCENT = GlossaryEntry(
    "騰訊控股有限公司", "腾讯控股有限公司", "Tencent Holdings Limited", ("騰訊", "Tencent"), ("0700.HK",)
)
LEADING = GlossaryEntry(
    "領地控股集團有限公司", "领地控股集团有限公司", "Leading Holdings Group Limited", (), ("6999.HK",)
)
BYD = GlossaryEntry("比亞迪股份有限公司", "比亚迪股份有限公司", "BYD Company Limited", (), ("1211.HK",))
BYDE = GlossaryEntry(
    "比亞迪電子（國際）有限公司",
    "比亚迪电子（国际）有限公司",
    "BYD Electronic (International) Company Limited",
    (),
    ("0285.HK",),
)
UNICOM = GlossaryEntry(
    "中國聯合網絡通信(香港)股份有限公司",
    "中国联合网络通信(香港)股份有限公司",
    "China Unicom (Hong Kong) Limited",
    (),
    ("0762.HK",),
)
CHINA_LIFE = GlossaryEntry(
    "中國人壽保險股份有限公司",
    "中国人寿保险股份有限公司",
    "China Life Insurance Company Limited",
    ("China Life",),
    ("2628.HK",),
)
CICC = GlossaryEntry(
    "中國國際金融股份有限公司", "中国国际金融股份有限公司", "CICC", ("中金公司",), ("3908.HK",)
)
ZLF = GlossaryEntry(
    "周六福珠宝股份有限公司", "周六福珠宝股份有限公司", "Zhou Liu Fu Jewellery Co., Ltd.", (), ("6168.HK",)
)
ALIBABA = GlossaryEntry("阿里巴巴集團控股有限公司", "阿里巴巴集团控股有限公司", "Alibaba", (), ("9988.HK",))
MEITUAN = GlossaryEntry("美團", "美团", "Meituan", (), ("3690.HK",))
XIAOMI = GlossaryEntry("小米集團", "小米集团", "Xiaomi Corporation", (), ("1810.HK",))
JD = GlossaryEntry("京東集團股份有限公司", "京东集团股份有限公司", "JD.com, Inc.", (), ("9618.HK",))
MARKET = Glossary.from_entries(
    [TENCENT, LEADING, BYD, BYDE, UNICOM, CHINA_LIFE, CICC, ZLF, ALIBABA, MEITUAN, XIAOMI, JD]
)  # fmt: skip


def market(source: str, draft: str) -> list[str]:
    hits = MARKET.match(source)
    hits += MARKET.code_hits(extract(source, hits), hits)
    facts = extract(source, hits)
    found = run_checks(source, draft, facts, hits, MARKET, only=CHECKS)
    return [f"{f.check}: {f.target_span}" for f in found]


def test_a_name_without_its_brackets_and_legal_suffix_is_the_name() -> None:
    assert market("比亞迪電子(00285)股價急升。", "BYD Electronic (0285.HK) jumped.") == []
    assert market("中國聯通(00762)升6.3%。", "China Unicom (0762.HK) rose 6.3%.") == []
    assert market("周六福(06168)首日掛牌。", "Zhou Liu Fu Jewellery (6168.HK) debuted.") == []
    assert market("騰訊(00700)收報577元。", "Tencent (0700.HK) closed at HK$577.") == []
    assert market("騰訊(00700)收報577元。", "Tencent Holdings (0700.HK) closed at HK$577.") == []


def test_a_name_the_draft_leaves_out_is_still_missing() -> None:
    assert market("中國聯通(00762)升6.3%。", "The carrier (0762.HK) rose 6.3%.") == ["name-missing: None"]


def test_a_common_word_at_a_sentence_start_is_not_the_company_it_spells() -> None:
    draft = "Leading the blue-chip gainers was China Unicom (0762.HK), up 6.3%."
    assert market("領漲藍籌的是中國聯通(00762)，升6.3%。", draft) == []
    assert market("中國聯通(00762)升6.3%。", "Leading Holdings and China Unicom (0762.HK) rose 6.3%.") == [
        "hallucinated-entity: Leading Holdings"
    ]


def test_a_shorter_listed_name_inside_a_longer_one_is_not_named() -> None:
    assert market("比亞迪電子股價急升。", "BYD Electronic jumped.") == []
    assert market("比亞迪電子股價急升。", "BYD Electronic jumped, and BYD rose.") == [
        "hallucinated-entity: BYD"
    ]


def test_a_company_the_source_names_in_a_form_the_glossary_only_partly_knows_is_not_invented() -> None:
    assert (
        market("中金預測恒指明年目標為28000點。", "CICC forecasts the index at 28,000 points next year.")
        == []
    )
    assert market("周六福珠寶首日掛牌。", "Zhou Liu Fu Jewellery debuted.") == []
    assert market("小米升3%。", "Xiaomi rose 3%.") == []
    assert market("ATMXJ全線上升。", "Alibaba, Tencent, Meituan, Xiaomi and JD.com all rose.") == []
    # ... and only that company: another one the source does not name is still invented.
    assert market("小米升3%。", "Xiaomi and Meituan rose 3%.") == ["hallucinated-entity: Meituan"]
    assert market("IPO市場回暖。", "The IPO market warmed up, Alibaba said.") == [
        "hallucinated-entity: Alibaba"
    ]


def test_words_across_a_sentence_break_are_not_a_company() -> None:
    # "...in China. Life insurers led." spells china-life across the full stop: two sentences, no company.
    for draft in (
        "Property stocks rebounded in China. Life insurers led the gains.",
        "Property stocks rebounded in China.Life insurers led the gains.",
        "Property stocks rebounded in China; Life insurers led the gains.",
        "Property stocks rebounded in China \u2014 Life insurers led the gains.",
    ):
        assert market("內房股在中國回升。壽險股領漲。", draft) == [], draft
    assert market("內房股在中國回升。", "Property stocks and China Life rebounded.") == [
        "hallucinated-entity: China Life"
    ]


def test_a_company_named_twice_is_one_finding() -> None:
    assert market("美團(03690)升4.1%。", "Meituan (3690.HK) rose 4.1%, Xiaomi rose, and Xiaomi led.") == [
        "hallucinated-entity: Xiaomi"
    ]


def test_a_listed_name_that_begins_a_longer_capitalised_name_is_not_that_company() -> None:
    mobile = GlossaryEntry("中國移動有限公司", "中国移动有限公司", "China Mobile Limited", (), ("0941.HK",))
    glossary = Glossary.from_entries([mobile])
    source = "中國手遊股價急升。"
    found = run_checks(
        source, "China Mobile Games shares jumped.", extract(source), (), glossary, only=CHECKS
    )
    assert found == ()
    found = run_checks(source, "China Mobile shares jumped.", extract(source), (), glossary, only=CHECKS)
    assert [f.check for f in found] == ["hallucinated-entity"]


def test_a_word_at_a_sentence_start_is_no_company_even_as_its_alias_or_name() -> None:
    leading = GlossaryEntry(
        "領地控股集團有限公司", "领地控股集团有限公司", "Leading Holdings Group", ("Leading",), ("6999.HK",)
    )
    keep = GlossaryEntry("Keep Inc.", "Keep Inc.", "Keep", (), ("3650.HK",))
    tencent = GlossaryEntry("騰訊控股有限公司", "腾讯控股有限公司", "Tencent", ("騰訊",), ("0700.HK",))
    glossary = Glossary.from_entries([leading, keep, tencent])
    source = "科技股領漲大市。"

    def found(draft: str) -> list[str]:
        return [
            f.target_span or "" for f in run_checks(source, draft, extract(source), (), glossary, only=CHECKS)
        ]

    assert found("Leading the gains were tech stocks.") == []
    assert found("Keep an eye on tech stocks, analysts said.") == []
    assert found("Tencent led the gains.") == ["Tencent"]  # the company's own name, used as one
    assert found("Tech stocks rose, with Leading up 5%.") == ["Leading"]


def test_a_name_the_press_shortens_to_its_leading_words_or_initials_is_named() -> None:
    icbc = GlossaryEntry(
        "中國工商銀行股份有限公司",
        "中国工商银行股份有限公司",
        "Industrial and Commercial Bank of China Limited",
        (),
        ("1398.HK",),
    )
    kuaishou = GlossaryEntry("快手科技", "快手科技", "Kuaishou Technology", (), ("1024.HK",))
    cmb = GlossaryEntry(
        "中國建設銀行股份有限公司",
        "中国建设银行股份有限公司",
        "China Construction Bank Corporation",
        (),
        ("0939.HK",),
    )
    glossary = Glossary.from_entries([icbc, kuaishou, cmb])

    def missing(source: str, draft: str) -> list[str]:
        hits = glossary.code_hits(extract(source), ())
        found = run_checks(source, draft, extract(source), hits, glossary, only=["name-missing"])
        return [f.check for f in found]

    assert missing("工行(01398)漲0.6%。", "ICBC (1398.HK) rose 0.6%.") == []
    assert missing("快手(01024)跌逾3%。", "Kuaishou (1024.HK) fell more than 3%.") == []
    assert missing("建行(00939)升1%。", "CCB (0939.HK) rose 1%.") == []
    # A generic leading word alone is no name: "China" does not name China Construction Bank.
    assert missing("建行(00939)升1%。", "China (0939.HK) rose 1%.") == ["name-missing"]
    assert missing("工行(01398)漲0.6%。", "The bank (1398.HK) rose 0.6%.") == ["name-missing"]


WHARF = GlossaryEntry(
    "九龍倉集團有限公司", "九龙仓集团有限公司", "The Wharf (Holdings) Limited", (), ("0004.HK",)
)
PING_AN = GlossaryEntry("中國平安", "中国平安", "Ping An", (), ("2318.HK",))
MORE = Glossary.from_entries([*MARKET.entries, WHARF, PING_AN])


def more(source: str, draft: str) -> list[str]:
    hits = MORE.match(source)
    hits += MORE.code_hits(extract(source, hits), hits)
    found = run_checks(source, draft, extract(source, hits), hits, MORE, only=CHECKS)
    return [f"{f.check}: {f.target_span}" for f in found]


def test_a_name_that_starts_with_the_is_written_without_it_and_a_misspelling_of_that_is_shown() -> None:
    assert more("九龍倉集團(00004)升2%。", "Wharf (0004.HK) rose 2%.") == []
    assert more("九龍倉集團(00004)升2%。", "The Wharf (0004.HK) rose 2%.") == []
    assert more("九龍倉集團(00004)升2%。", "Wharff (0004.HK) rose 2%.") == ["name-missing: Wharff"]
    assert more("恒指升2%。", "The Wharf rose 2%.") == ["hallucinated-entity: Wharf"]


def test_a_name_known_by_its_place_and_a_word_is_partly_named_by_the_word_not_the_place() -> None:
    # 平安 is how the press shortens 中國平安; 中國 alone names no company.
    assert more("平安領跌保險股。", "Ping An led insurers lower.") == []
    draft = "Insurers fell as China's economy slowed, and Ping An led."
    assert more("中國經濟增長放緩，保險股下跌。", draft) == ["hallucinated-entity: Ping An"]
