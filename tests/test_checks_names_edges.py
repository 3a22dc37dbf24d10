"""Glossary names at their edges: the short forms the press uses, names split by punctuation, shorthands
for lists of companies, and names the source gives without a glossary row."""

from __future__ import annotations

import pytest

from test_carry import SENSETIME
from test_checks_names import ALIBABA, CHINA_LIFE, JD, LEADING, MEITUAN, TENCENT
from test_checks_names import SENSETIME as SENSETIME_INC
from workbench.carry import repair
from workbench.checks import run_checks
from workbench.checks.names import bare_forms, core, press_keys
from workbench.facts import extract
from workbench.glossary import Glossary
from workbench.model import Fact, FactKind, GlossaryEntry

CHECKS = ["name-missing", "forbidden-rendering", "hallucinated-entity"]


@pytest.mark.parametrize(
    ("form", "bare"),
    [
        (
            "BYD Electronic (International) Company Limited",
            ["BYD Electronic Company Limited", "BYD Electronic Company", "BYD Electronic"],
        ),
        ("China Unicom(Hong Kong) Limited", ["China Unicom Limited", "China Unicom"]),
        ("Tencent Holdings Limited", ["Tencent Holdings", "Tencent"]),
        ("Zhou Liu Fu Jewellery Co., Ltd.", ["Zhou Liu Fu Jewellery Co", "Zhou Liu Fu Jewellery"]),
        ("The Wharf (Holdings) Limited", ["Wharf Limited", "Wharf"]),
        ("The Wharf", ["Wharf"]),
        ("Xiaomi Corporation", ["Xiaomi"]),
        ("AIA Group Limited", ["AIA Group", "AIA"]),  # three letters are a name
        ("CK Group", []),  # two are not
        ("Theme International Holdings Limited", ["Theme International Holdings", "Theme International"]),
        ("Megvii", []),
        ("JD.com, Inc.", ["JD.com"]),
    ],
)
def test_the_press_forms_of_a_registered_name_drop_its_brackets_the_and_legal_suffixes(
    form: str, bare: list[str]
) -> None:
    assert bare_forms(form) == bare


@pytest.mark.parametrize(
    ("form", "short"),
    [
        ("SenseTime Group Inc.", "sensetime"),
        ("BYD Electronic (International)", "bydelectronic"),
        ("The Wharf", "wharf"),
        ("JD.com, Inc.", "jdcom"),
        ("Xiaomi Corporation", "xiaomi"),
        ("Megvii", None),
        ("Theme International", None),  # "Theme" is no leading "The"
        ("Ping An", None),
        ("", None),
    ],
)
def test_the_core_of_a_name_is_it_without_every_suffix(form: str, short: str | None) -> None:
    assert core(form) == short


@pytest.mark.parametrize(
    ("form", "keys"),
    [
        ("Tencent Holdings Limited", ["tencent", "tencentholdings", "thl"]),
        ("SenseTime Group Inc.", ["sensetime", "sensetimegroup", "sgi"]),
        ("China Unicom (Hong Kong) Limited", ["chinaunicom", "cul"]),  # never "china" alone
        ("AIA Group Limited", ["aiagroup", "agl"]),  # "AIA" alone is the name itself, not a short one
        ("Xiaomi Corporation", ["xiaomi"]),
        ("St. James's Place plc", ["stjamess", "stjamessplace", "sjpp", "sjp"]),
        (
            "Industrial and Commercial Bank of China Limited",
            [
                "industrial",
                "industrialandcommercial",
                "industrialandcommercialbank",
                "industrialandcommercialbankofchina",
                "icbcl",
                "icbc",
            ],
        ),
        ("Sun Hung Kai & Co. Limited", ["sunhung", "sunhungkai", "sunhungkaiandco", "shkcl", "shkc", "shk"]),
        ("3SBio Inc.", ["3sbio"]),  # a name that begins with a digit has no initial there
        # "Hong Kong" alone is no short name of the Hong Kong and China Gas Company.
        (
            "Hong Kong and China Gas Company Limited",
            [
                "hongkongandchina",
                "hongkongandchinagas",
                "hongkongandchinagascompany",
                "hkcgcl",
                "hkcgc",
                "hkcg",
            ],
        ),
        ("Megvii", []),
    ],
)
def test_the_short_names_the_press_gives_a_company_are_its_leading_words_and_initials(
    form: str, keys: list[str]
) -> None:
    assert press_keys([form]) == keys


def _missing(entry: GlossaryEntry, source: str, draft: str) -> list[str]:
    glossary = Glossary.from_entries([entry])
    hits = glossary.match(source)
    found = run_checks(source, draft, extract(source, hits), hits, glossary, only=["name-missing"])
    return [f.target_span or f.check for f in found]


ST_JAMES = GlossaryEntry("聖詹姆斯廣場", "圣詹姆斯广场", "St. James's Place plc", (), ("STJ.L",))


@pytest.mark.parametrize(
    ("draft", "found"),
    [
        ("SJP shares fell 3%.", []),  # the initials of "St. James's Place", the abbreviation counted
        ("St James's Place shares fell 3%.", []),
        ("The wealth manager's shares fell 3%.", ["name-missing"]),
    ],
)
def test_initials_count_a_word_that_ends_in_a_full_stop(draft: str, found: list[str]) -> None:
    assert _missing(ST_JAMES, "聖詹姆斯廣場股價下跌3%。", draft) == found


# -- a misspelt name is shown, and put right, as the word it is ---------------------------------------------

SENSETIME_SOURCE = "商湯集團股份有限公司(0020.HK)去年收入增長14%。"


@pytest.mark.parametrize(
    ("draft", "repaired"),
    [
        # The words before a misspelt name, and the brackets or quotes around it, stay as they were.
        ("Revenue at SenseTme (0020.HK) grew 14%.", "Revenue at SenseTime (0020.HK) grew 14%."),
        ("Revenue at (SenseTme) (0020.HK) grew 14%.", "Revenue at (SenseTime) (0020.HK) grew 14%."),
        ('Revenue at "SenseTme", (0020.HK) grew 14%.', 'Revenue at "SenseTime", (0020.HK) grew 14%.'),
        ("SenseTme (0020.HK) revenue grew 14%.", "SenseTime (0020.HK) revenue grew 14%."),
    ],
)
def test_a_misspelt_name_inside_a_sentence_is_shown_and_put_right_as_the_word_alone(
    draft: str, repaired: str
) -> None:
    glossary = Glossary.from_entries([SENSETIME])
    hits = glossary.match(SENSETIME_SOURCE)
    facts = extract(SENSETIME_SOURCE, hits)
    (finding,) = run_checks(SENSETIME_SOURCE, draft, facts, hits, glossary, only=["name-missing"])
    assert finding.target_span == "SenseTme"
    assert "the closest is 'SenseTme'" in finding.message
    assert repair(SENSETIME_SOURCE, draft, facts, hits, glossary) == repaired


# -- names the source gives that the glossary does not hold -------------------------------------------------


def test_a_name_fact_without_a_glossary_row_is_checked_by_its_english() -> None:
    source = "新世界發展股價上升。"
    fact = Fact(FactKind.NAME, "新世界發展", 0, 5, "New World Development")

    def found(draft: str) -> list[tuple[str, str | None]]:
        return [(f.message, f.target_span) for f in run_checks(source, draft, [fact], (), None, only=CHECKS)]

    assert found("New World Development shares rose.") == []
    assert found("NEW WORLD DEVELOPMENT shares rose.") == []
    assert found("The developer's shares rose.") == [
        (
            "name 新世界發展 should be New World Development; the translation does not name it",
            None,
        )
    ]
    assert found("New World Developmnt shares rose.") == [
        (
            "name 新世界發展 should be New World Development; the translation does not name it; "
            "the closest is 'New World Developmnt'",
            "New World Developmnt",
        )
    ]


def test_a_name_fact_placed_apart_from_its_glossary_hit_still_belongs_to_that_company() -> None:
    # The fact's English (as the article first gave it) is what a repair writes, even when the fact and
    # the hit were found at different places, as when the fact comes from an earlier reading of the text.
    glossary = Glossary.from_entries([SENSETIME])
    source = "商湯完成重組。"
    hits = glossary.match(source)
    fact = Fact(FactKind.NAME, "商湯", 7, 9, "SenseTime")
    draft = "Megvii completed its restructuring."
    found = run_checks(source, draft, [fact], hits, glossary, only=["name-missing"])
    assert [f.message for f in found] == [
        "name 商湯 should be SenseTime (or SenseTime Group); the translation does not name it"
    ]
    assert run_checks(source, "SenseTime completed it.", [fact], hits, glossary, only=CHECKS) == ()
    assert repair(source, "SenseTme completed its restructuring.", [fact], hits, glossary) == (
        "SenseTime completed its restructuring."
    )


# -- companies the draft names and the source does not -------------------------------------------------------

SF = GlossaryEntry("順豐控股股份有限公司", "顺丰控股股份有限公司", "S.F. Holding Co., Ltd.", (), ("6936.HK",))
PING_AN = GlossaryEntry(
    "中國平安保險(集團)股份有限公司",
    "中国平安保险(集团)股份有限公司",
    "Ping An Insurance (Group) Company of China, Ltd.",
    ("Ping An",),
    ("2318.HK",),
)
LINK = GlossaryEntry(
    "領展房地產投資信託基金",
    "领展房地产投资信托基金",
    "Link Real Estate Investment Trust",
    ("Link REIT",),
    ("0823.HK",),
)
MARKET = Glossary.from_entries([SF, JD, CHINA_LIFE, ALIBABA, TENCENT, MEITUAN, PING_AN, LINK])


def invented(source: str, draft: str) -> list[str]:
    hits = MARKET.match(source)
    found = run_checks(source, draft, extract(source, hits), hits, MARKET, only=["hallucinated-entity"])
    return [f.target_span or "" for f in found]


@pytest.mark.parametrize(
    ("draft", "named"),
    [
        ("Courier stocks rose, and S.F. Holding led.", ["S.F. Holding"]),  # a dot inside a name
        ("S.F. Holding led courier stocks higher.", ["S.F. Holding"]),
        ("Courier stocks rose, and JD.com led.", ["JD.com"]),
        ("Courier stocks rose, and JD.com led; JD.com gained 3%.", ["JD.com"]),  # one finding a company
        ("Courier stocks rose in China. Life insurers lagged.", []),  # two sentences, no company
        ("Courier stocks rose in China.Life insurers lagged.", []),
        ("Courier stocks rose, and China Life lagged.", ["China Life"]),
    ],
)
def test_a_name_with_a_dot_inside_is_one_name_and_a_sentence_break_is_not(
    draft: str, named: list[str]
) -> None:
    assert invented("速遞股上升。", draft) == named


@pytest.mark.parametrize(
    ("source", "draft", "named"),
    [
        # A shorthand for a list of companies names each company whose letter the draft spells out with
        # another one of its letters...
        ("ATM三股齊升。", "Alibaba and Tencent both rose.", []),
        ("ATM三股齊升。", "Alibaba, Tencent and Meituan all rose.", []),
        # ... but one letter alone is no proof: "ATM" may be anything.
        ("ATM三股齊升。", "Alibaba rose.", ["Alibaba"]),
        # And a company outside the shorthand is still invented.
        ("ATX三股齊升。", "Alibaba, Tencent and Meituan all rose.", ["Meituan"]),
    ],
)
def test_a_shorthand_for_companies_covers_them_when_two_of_its_letters_are_spelt_out(
    source: str, draft: str, named: list[str]
) -> None:
    assert invented(source, draft) == named


@pytest.mark.parametrize(
    ("source", "draft", "named"),
    [
        ("平安領跌保險股。", "Ping An led insurers lower.", []),  # the start of the name after its place
        ("中國平安領跌保險股。", "Ping An led insurers lower.", []),
        ("中國保險股下跌。", "Ping An led insurers lower.", ["Ping An"]),
        ("領展領漲地產股。", "Link REIT led property stocks higher.", []),  # 領展 of 領展房地產投資信託基金
        ("地產股上升。", "Link REIT led property stocks higher.", ["Link REIT"]),
        # Two names side by side (平安 of Ping An, 人壽保險 of China Life): neither covers the other.
        ("中國平安人壽保險業務增長。", "Ping An and China Life grew their life insurance business.", []),
    ],
)
def test_the_start_of_a_long_registered_name_names_the_company(
    source: str, draft: str, named: list[str]
) -> None:
    assert invented(source, draft) == named


AIA = GlossaryEntry(
    "友邦保險控股有限公司", "友邦保险控股有限公司", "AIA Group Limited", ("友邦保險",), ("1299.HK",)
)


@pytest.mark.parametrize(
    ("draft", "found"),
    [
        (
            "AIA rose 2%.",
            [],
        ),  # three letters left once the legal suffixes go: the name, as the press writes it
        ("AIA Group rose 2%.", []),
        ("The insurer rose 2%.", ["name-missing"]),
    ],
)
def test_a_company_is_named_by_its_name_without_legal_suffixes_however_short(
    draft: str, found: list[str]
) -> None:
    assert _missing(AIA, "友邦保險升2%。", draft) == found


# -- odd registered names, and the guards of invented companies ------------------------------------------


@pytest.mark.parametrize(
    ("form", "bare"),
    [
        # "& Co." goes with its ampersand: the press writes Sun Hung Kai, never "Sun Hung Kai &".
        ("Sun Hung Kai & Co. Limited", ["Sun Hung Kai & Co", "Sun Hung Kai"]),
        ("Sun Hung Kai and Company Limited", ["Sun Hung Kai and Company", "Sun Hung Kai"]),
        # A registry row whose bracketed part lost its words still drops the empty brackets.
        ("China Unicom () Limited", ["China Unicom"]),
        ("The", []),
        ("The (Holdings)", []),
    ],
)
def test_odd_registered_names_shorten_to_what_the_press_writes(form: str, bare: list[str]) -> None:
    assert bare_forms(form) == bare


def test_a_four_letter_leading_word_is_a_short_name_of_its_own() -> None:
    assert press_keys(["Sino Land Company Limited"]) == ["sino", "sinoland", "sinolandcompany", "slcl", "slc"]


def test_a_misspelt_name_with_a_letter_doubled_is_shown_as_the_word_alone() -> None:
    glossary = Glossary.from_entries([SENSETIME])
    hits = glossary.match(SENSETIME_SOURCE)
    facts = extract(SENSETIME_SOURCE, hits)
    draft = "Revenue at SSenseTime (0020.HK) grew 14%."
    (finding,) = run_checks(SENSETIME_SOURCE, draft, facts, hits, glossary, only=["name-missing"])
    assert finding.target_span == "SSenseTime"
    assert (
        repair(SENSETIME_SOURCE, draft, facts, hits, glossary) == "Revenue at SenseTime (0020.HK) grew 14%."
    )


HOLDING_COMPANY = GlossaryEntry("控股公司", "控股公司", "holding company", (), (), "term")


def test_a_missing_term_is_never_said_to_be_near_a_word_of_itself() -> None:
    """A term has no press short form: "holding" alone is not a misspelt "holding company"."""
    glossary = Glossary.from_entries([HOLDING_COMPANY])
    source = "控股公司股價上升。"
    hits = glossary.match(source)
    found = run_checks(source, "The holding firm rose.", extract(source, hits), hits, glossary, only=CHECKS)
    assert [(f.message, f.target_span) for f in found] == [
        ("name 控股公司 should be holding company; the translation does not name it", None)
    ]


CHINA_MOBILE = GlossaryEntry(
    "中國移動有限公司", "中国移动有限公司", "China Mobile Limited", ("中國移動",), ("0941.HK",)
)
CMGE = GlossaryEntry(
    "中國手遊娛樂集團有限公司",
    "中国手游娱乐集团有限公司",
    "China Mobile Games and Entertainment Group Limited",
    ("China Mobile Games",),
    ("0302.HK",),
)
SHUN_TAK = GlossaryEntry(
    "信德集團有限公司", "信德集团有限公司", "Shun Tak Holdings Limited", (), ("0242.HK",)
)
XIAOMI = GlossaryEntry("小米集團", "小米集团", "Xiaomi Corporation", (), ("1810.HK",))
CICC = GlossaryEntry(
    "中國國際金融股份有限公司",
    "中国国际金融股份有限公司",
    "China International Capital Corporation Limited",
    ("CICC",),
    ("3908.HK",),
)
BOC = GlossaryEntry("中國銀行股份有限公司", "中国银行股份有限公司", "Bank of China Limited", (), ("3988.HK",))
BOCHK = GlossaryEntry(
    "中銀香港(控股)有限公司", "中银香港(控股)有限公司", "BOC Hong Kong (Holdings) Limited", (), ("2388.HK",)
)
SWIRE_A = GlossaryEntry("太古股份公司A", "太古股份公司A", "Swire Pacific Limited", (), ("0019.HK",))
SWIRE_B = GlossaryEntry("太古股份公司B", "太古股份公司B", "Swire Pacific Limited", (), ("0087.HK",))
WIDER = Glossary.from_entries(
    [*MARKET.entries, CHINA_MOBILE, CMGE, SHUN_TAK, LEADING, CICC, BOC, BOCHK, SWIRE_A, SWIRE_B]
)


def invented_in(glossary: Glossary, source: str, draft: str) -> list[str]:
    hits = glossary.match(source)
    found = run_checks(source, draft, extract(source, hits), hits, glossary, only=["hallucinated-entity"])
    return [f.message for f in found]


@pytest.mark.parametrize(
    ("source", "draft", "named"),
    [
        # The source's own name, with the next word a longer listed name happens to start with.
        ("中國移動遊戲業務收入上升5%。", "China Mobile games revenue rose 5%.", []),
        (
            "電訊股上升。",
            "China Mobile Games rose 5%.",
            [
                "China Mobile Games (China Mobile Games and Entertainment Group Limited, 0302.HK) is named "
                "in the translation but not in the source"
            ],
        ),
        # A name that runs on, by a hyphen, into a longer name is not that company.
        ("港澳航線恢復。", "Ferries of Shun Tak-China Travel sailed on time.", []),
        (
            "港澳航線恢復。",
            "Ferries of Shun Tak sailed on time.",
            [
                "Shun Tak (Shun Tak Holdings Limited, 0242.HK) is named in the translation but not in the "
                "source"
            ],
        ),
        # A headline ends on a name, with no full stop after it.
        (
            "速遞股上升。",
            "Courier stocks rise, led by JD.com",
            ["JD.com (JD.com, Inc., 9618.HK) is named in the translation but not in the source"],
        ),
        # Two listings of one company: the finding names the first listed.
        (
            "地產股上升。",
            "Swire Pacific rose 2%.",
            [
                "Swire Pacific (Swire Pacific Limited, 0019.HK) is named in the translation but not in the "
                "source"
            ],
        ),
    ],
)
def test_a_company_is_invented_only_where_the_draft_names_it_whole(
    source: str, draft: str, named: list[str]
) -> None:
    assert invented_in(WIDER, source, draft) == named


def test_the_longest_name_of_the_glossary_is_found_whole() -> None:
    glossary = Glossary.from_entries([JD, XIAOMI])
    assert invented_in(glossary, "手機股上升。", "Xiaomi Corporation shares rose.") == [
        "Xiaomi Corporation (1810.HK) is named in the translation but not in the source"
    ]


@pytest.mark.parametrize(
    ("draft", "named"),
    [
        # In a headline in title case a capital says nothing: small words there stay lower case.
        ("Property Stocks Fall for the Week as Losses Hit Leading", []),
        ("Property stocks fell for the week as losses hit Leading.", ["Leading"]),
        ("Developers Slide with Losses at Leading", []),  # four capitals in five words
    ],
)
def test_a_capitalised_word_in_a_title_case_headline_is_no_name(draft: str, named: list[str]) -> None:
    hits = WIDER.match("地產股下跌。")
    found = run_checks("地產股下跌。", draft, (), hits, WIDER, only=["hallucinated-entity"])
    assert [f.target_span for f in found] == named


@pytest.mark.parametrize(
    ("source", "draft", "named"),
    [
        # 中金, the press abbreviation of 中國國際金融, ends a headline.
        ("大行唱好中金", "Brokers favour CICC.", []),
        ("大行唱好券商", "Brokers favour CICC.", ["CICC"]),
        # 中銀 is Bank of China; 銀行 (bank) is any bank.
        ("中銀領跌銀行股。", "Bank of China led banks lower.", []),
        ("銀行股下跌。", "Bank of China led banks lower.", ["Bank of China"]),
        # 中銀 may be either bank: a draft that names both invents neither.
        ("中銀領跌銀行股。", "Bank of China and BOC Hong Kong led banks lower.", []),
        # A Latin name in the source explains only itself: "Li Auto" is not the start of Link REIT.
        ("理想汽車(Li Auto)交付量上升。", "Link REIT led property stocks higher.", ["Link REIT"]),
    ],
)
def test_a_press_abbreviation_in_the_source_names_its_company_and_no_other(
    source: str, draft: str, named: list[str]
) -> None:
    hits = WIDER.match(source)
    found = run_checks(source, draft, extract(source, hits), hits, WIDER, only=["hallucinated-entity"])
    assert [f.target_span for f in found] == named


# -- where a name ends: a ticker put back, a misspelling shown, a sentence begun ---------------------------


@pytest.mark.parametrize(
    ("draft", "repaired"),
    [
        # The whole name, not the shorter form inside it, is what a dropped code follows.
        (
            "SenseTime Group revenue grew 14% last year.",
            "SenseTime Group (0020.HK) revenue grew 14% last year.",
        ),
        # And only its first mention.
        (
            "SenseTime revenue grew 14% last year, SenseTime said.",
            "SenseTime (0020.HK) revenue grew 14% last year, SenseTime said.",
        ),
    ],
)
def test_a_dropped_code_goes_back_after_the_first_whole_mention_of_the_company(
    draft: str, repaired: str
) -> None:
    glossary = Glossary.from_entries([SENSETIME])
    hits = glossary.match(SENSETIME_SOURCE)
    assert repair(SENSETIME_SOURCE, draft, extract(SENSETIME_SOURCE, hits), hits, glossary) == repaired


@pytest.mark.parametrize(
    ("draft", "shown"),
    [
        (
            "Revenue at SensTime Group Inc. grew 14%.",
            "SensTime Group Inc.",
        ),  # the dot of "Inc." is the name's
        ("Revenue at XSenseTme grew 14%.", "XSenseTme"),  # the word, and not the one after it
    ],
)
def test_a_misspelt_registered_name_is_shown_to_its_last_letter_or_dot(draft: str, shown: str) -> None:
    glossary = Glossary.from_entries([SENSETIME_INC])
    source = "商湯集團股份有限公司收入增長14%。"
    hits = glossary.match(source)
    found = run_checks(source, draft, extract(source, hits), hits, glossary, only=["name-missing"])
    assert [f.target_span for f in found] == [shown]


LEES = GlossaryEntry(
    "李氏大藥廠控股有限公司",
    "李氏大药厂控股有限公司",
    "Lee's Pharmaceutical Holdings Limited",
    (),
    ("0950.HK",),
)
LINK_SHORT = GlossaryEntry(
    "領展房地產投資信託基金",
    "领展房地产投资信托基金",
    "Link Real Estate Investment Trust",
    ("Link REIT", "Link"),
    ("0823.HK",),
)


def test_a_four_letter_name_is_never_read_inside_a_longer_word() -> None:
    """ "Link" is too short to be looked for fuzzily: "linked" is no misspelling of it, to be repaired."""
    glossary = Glossary.from_entries([LINK_SHORT])
    source = "領展房地產投資信託基金租金收入上升。"
    hits = glossary.match(source)
    draft = "The landlord's income, linked to rents, rose."
    found = run_checks(source, draft, extract(source, hits), hits, glossary, only=["name-missing"])
    assert [(f.target_span, "closest" in f.message) for f in found] == [(None, False)]


@pytest.mark.parametrize(
    ("draft", "named"),
    [
        # A word that begins a sentence or a line is a word: "Leading the losses", not Leading Holdings.
        ("Property stocks fell. Leading the losses were developers.", []),
        ("Market wrap\nLeading the losses were developers.", []),
        ("Property stocks fell, with Leading the biggest loser.", ["Leading"]),
        # A legal suffix after a name ends it: "Xiaomi Corp." is Xiaomi, not a longer name.
        ("Shares of Xiaomi Corp. rose.", ["Xiaomi"]),
        ("Shares of Xiaomi Communications rose.", []),
        # A name at the end runs on into a longer one all the same: Shun Tak Centre is a building.
        ("Protesters gathered outside Shun Tak Centre", []),
        ("Shares of Lee's Pharmaceutical rose.", ["Lee's Pharmaceutical"]),  # an apostrophe inside a name
    ],
)
def test_a_name_is_told_from_a_word_by_where_it_stands(draft: str, named: list[str]) -> None:
    glossary = Glossary.from_entries([LEADING, XIAOMI, JD, SHUN_TAK, LEES])
    found = run_checks("股市收市。", draft, (), (), glossary, only=["hallucinated-entity"])
    assert [f.target_span for f in found] == named


def test_a_name_the_source_writes_in_latin_letters_is_not_invented() -> None:
    # Chinese copy often writes an English name as is (JD.com): a draft that keeps it invents nothing.
    assert invented("市場關注JD.com的業績。", "The market watched results at JD.com.") == []
    assert invented("市場關注業績。", "The market watched results at JD.com.") == ["JD.com"]
