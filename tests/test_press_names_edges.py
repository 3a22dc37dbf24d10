"""The names the press writes, derived from real listing names of the exchange's list (2026-01-27): legal
forms, brackets, share classes, curly apostrophes, and the exchange's short names of a securities list."""

from __future__ import annotations

import pytest

from workbench.glossary.press_names import PressNames, chinese_press_names, english_press_names, press_names


@pytest.mark.parametrize(
    ("legal", "forms"),
    [
        ("The Wharf (Holdings) Limited", ("Wharf", "The Wharf (Holdings)")),
        ("Thelloy Development Group Limited", ("Thelloy Development Group", "Thelloy Development")),
        ("The Bank of East Asia, Limited", ("Bank of East Asia", "The Bank of East Asia")),
        ("Swire Pacific Limited 'A'", ("Swire Pacific",)),
        ("Xiaomi Corporation", ("Xiaomi",)),
        ("Hony Media Group", ("Hony Media Group", "Hony Media")),
        ("ZG Group", ("ZG Group", "ZG")),
        (
            "Luyuan Group Holding (Cayman) Limited",
            ("Luyuan Group Holding", "Luyuan Group Holding (Cayman)", "Luyuan Group", "Luyuan"),
        ),
        (
            "EverChina Int’l Holdings Company Limited",
            ("EverChina Int'l Holdings", "EverChina Int'l", "EverChina"),
        ),
        (
            "CK Life Sciences Int'l., (Holdings) Inc.",
            ("CK Life Sciences Int'l.", "CK Life Sciences Int'l., (Holdings)", "CK Life Sciences"),
        ),
        ("Ko Yo Chemical\xa0(Group) Limited", ("Ko Yo Chemical", "Ko Yo Chemical (Group)")),
        ("Fortior Technology (Shenzhen) Co., Ltd. ", ("Fortior Technology", "Fortior Technology (Shenzhen)")),
        # A bracket with no space before it, as names typed into a list have.
        (
            "AuGroup(SHENZHEN) Cross-Border Business Co., Ltd.",
            ("AuGroup Cross-Border Business", "AuGroup(SHENZHEN) Cross-Border Business"),
        ),
        # Group, Holdings or International go as words, never from inside one (no "Inter").
        ("Intergroup Holdings Limited", ("Intergroup Holdings", "Intergroup")),
        # What remains of a name must still name something: not "Hong Kong International" alone.
        ("Hong Kong International Holdings Limited", ("Hong Kong International Holdings",)),
        ("China Hongqiao Group Limited", ("China Hongqiao Group", "China Hongqiao")),
    ],
)
def test_english_press_names_of_real_listings(legal: str, forms: tuple[str, ...]) -> None:
    assert english_press_names(legal) == forms


@pytest.mark.parametrize(
    ("full", "forms"),
    [
        ("太古股份有限公司'A'", ("太古",)),
        ("太古股份有限公司 'B' ", ("太古",)),
        ("太古股份公司Ａ", ("太古股份", "太古")),  # the exchange's short name of the A shares
        ("玖源化工(集團)有限公司", ("玖源化工", "玖源")),
        ("天譽置業（控股）有限公司", ("天譽置業", "天譽")),
        ("綠源集團控股（開曼）有限公司", ("綠源集團控股", "綠源集團", "綠源")),
        ("騰訊音樂娛樂集團", ("騰訊音樂娛樂", "騰訊音樂")),
        ("德永佳集團有限公司", ("德永佳集團", "德永佳")),
        (
            "上海微創醫療機器人（集團）股份有限公司",
            ("上海微創醫療機器人", "上海微創醫療", "上海微創", "微創醫療機器人", "微創"),
        ),
        (
            "四川德康農牧食品集團股份有限公司",
            ("四川德康農牧食品集團", "四川德康農牧食品", "四川德康農牧", "德康農牧食品", "德康農牧"),
        ),
        ("寧德時代新能源科技股份有限公司", ("寧德時代新能源科技", "寧德時代新能源", "寧德時代")),
        # The longest trade word goes whole: 房地產, not 地產 leaving 瑞安房.
        ("瑞安房地產有限公司", ("瑞安房地產", "瑞安")),
        ("中偉新材料股份有限公司", ("中偉新材料", "中偉")),
        ("中國人民保險集團股份有限公司", ("中國人民保險集團",)),
        ("香港中華煤氣有限公司", ("香港中華煤氣", "中華煤氣")),
        ("騰訊控股 ", ("騰訊",)),  # a short name is not proposed as its own alias
        # Latin letters are part of a name, never a name alone.
        ("TCL電子控股有限公司", ("TCL電子控股",)),
        ("GBA集團有限公司", ("GBA集團",)),
        ("健合 (H&H) 國際控股有限公司 ", ("健合國際控股", "健合國際", "健合")),
        ("中國國際", ()),
        # An ordinary word is no name on its own (心動 is "heartbeat"); one character would match anywhere.
        ("心動有限公司", ()),
        ("粉筆有限公司", ()),
        ("鷹有限公司", ()),
    ],
)
def test_chinese_press_names_of_real_listings(full: str, forms: tuple[str, ...]) -> None:
    assert chinese_press_names(full) == forms


@pytest.mark.parametrize(
    ("listing", "names"),
    [
        # The exchange's short name is an alias of its own, even where no rule derives it.
        (
            (
                ("2799.HK",),
                "China CITIC Financial Asset Management Co., Ltd.",
                "中國中信金融資產管理股份有限公司",
                "CITIC FIN AMC",
                "中信金融資產",
            ),
            PressNames(
                "China CITIC Financial Asset Management",
                (
                    "中國中信金融資產管理",
                    "中國中信金融資產",
                    "中國中信金融",
                    "中國中信",
                    "中信金融資產",
                    "中信金融",
                    "CITIC Fin AMC",
                ),
            ),
        ),
        # The table's press name is proposed; the short names add nothing the table or the rules gave.
        (
            (
                ("6862.HK",),
                "Haidilao International Holding Ltd.",
                "海底撈國際控股有限公司",
                "HAIDILAO",
                "海底撈",
            ),
            PressNames(
                "Haidilao",
                (
                    "海底撈",
                    "海底撈國際控股",
                    "海底撈國際",
                    "Haidilao International",
                    "Haidilao International Holding",
                ),
            ),
        ),
        # Two share classes, one company: the table names it by either code.
        (
            (("0019.HK", "0087.HK"), "Swire Pacific Limited 'A'", "太古股份有限公司'A'", "", ""),
            PressNames("Swire Pacific", ("太古", "太古股份", "Swire")),
        ),
        (
            (("1698.HK",), "Tencent Music Entertainment Group", "騰訊音樂娛樂集團", "", ""),
            PressNames(
                "Tencent Music Entertainment Group",
                ("騰訊音樂娛樂", "騰訊音樂", "Tencent Music Entertainment"),
            ),
        ),
        # A short name another company holds in the table is that company's (比亞迪 is BYD).
        (
            (
                ("0285.HK",),
                "BYD Electronic (International) Company Limited",
                "比亞迪電子（國際）有限公司",
                "BYD ELECTRONIC",
                "比亞迪電子",
            ),
            PressNames("BYD Electronic", ("比亞迪電子", "BYD Electronic (International)")),
        ),
        ((("0150.HK",), "Hypebeast Limited", "Hypebeast Limited", "", ""), PressNames("Hypebeast", ())),
        # A listing with its Chinese name alone proposes no English.
        (
            (("2513.HK",), "", "智譜華章科技股份有限公司", "", ""),
            PressNames("", ("智譜華章科技", "智譜華章")),
        ),
        # The short English is the press name when the list gives no legal English.
        (
            (("2513.HK",), "", "智譜華章科技股份有限公司", "KNOWLEDGE ATLAS", ""),
            PressNames("Knowledge Atlas", ("智譜華章科技", "智譜華章")),
        ),
    ],
)
def test_what_an_import_proposes_for_a_listing(listing: tuple, names: PressNames) -> None:
    assert press_names(*listing) == names


def test_a_short_name_with_its_share_class_is_proposed_without_it() -> None:
    """The exchange's Chinese short name marks the class in full width (太古股份公司Ａ); no story writes
    the letter, so the alias is the name without it."""
    names = press_names(
        ("0019.HK", "0087.HK"), "Swire Pacific Limited 'A'", "太古股份有限公司'A'", "", "太古股份公司Ａ"
    )
    assert names == PressNames("Swire Pacific", ("太古", "太古股份", "太古股份公司", "Swire"))


@pytest.mark.parametrize(
    ("full", "forms"),
    [
        # 中國 + 新能源 and 大中華 + 新能源 are words of a place and a trade: no company name on their own.
        ("中國新能源控股有限公司", ("中國新能源控股",)),
        ("大中華新能源集團有限公司", ("大中華新能源集團",)),
        ("中國互聯網控股有限公司", ("中國互聯網控股",)),
    ],
)
def test_a_name_of_generic_words_of_two_and_three_characters_is_not_shortened(
    full: str, forms: tuple[str, ...]
) -> None:
    assert chinese_press_names(full) == forms
