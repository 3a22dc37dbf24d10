"""Company names the way the press writes them, for the whole market: the exchange's real list imported.

The list is HKEXnews' "Hyperlinks to Listed Companies" of 2026-01-27 (tests/data/hkex), imported through
``glossary import`` as a desk would; the market copy is the reference set of real sentences with their
company mentions annotated by hand (tests/data/market_copy/reference.jsonl).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner, Result

from workbench.cli import glossary as glossary_cli
from workbench.glossary import Glossary, check_glossary, load_glossary
from workbench.glossary.core import names_and_facts
from workbench.glossary.listing_names import reader_name
from workbench.glossary.press_names import chinese_press_names, english_press_names, press_names
from workbench.model import FactKind

ROOT = Path(__file__).resolve().parents[1]
HKEX_LIST = ROOT / "tests" / "data" / "hkex" / "hyperlinks_to_listed_companies.json"
REFERENCE = ROOT / "tests" / "data" / "market_copy" / "reference.jsonl"


def run(*args: str) -> Result:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """workbench"""

    glossary_cli.register(app)
    return CliRunner().invoke(app, ["glossary", *args])


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("market") / "glossary.csv"
    result = run("import", str(HKEX_LIST), "--date", "2026-01-27", "--glossary", str(path))
    assert result.exit_code == 0, result.output
    return load_glossary(path)


# -- deriving ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capitals", "reader"),
    [
        ("CIG SHANGHAI CO., LTD.", "CIG Shanghai Co., Ltd."),
        ("JY GAS LIMITED", "JY Gas Limited"),
        ("DAHON TECH (SHENZHEN) CO., LTD.", "Dahon Tech (Shenzhen) Co., Ltd."),
        ("GOLDWIND SCIENCE&TECHNOLOGY CO., LTD.", "Goldwind Science & Technology Co., Ltd."),
        ("UBTECH ROBOTICS CORP LTD", "UBTech Robotics Corp Ltd"),
        ("B&K CORPORATION LIMITED", "B&K Corporation Limited"),
        ("XIAMEN YAN PALACE BIOENGINEERING CO., LTD.", "Xiamen Yan Palace Bioengineering Co., Ltd."),
        ("THE UNITED LAB", "The United Lab"),
    ],
)
def test_names_in_capitals_are_cased_as_a_reader_writes_them(capitals: str, reader: str) -> None:
    assert reader_name(capitals) == reader


@pytest.mark.parametrize(
    ("legal", "forms"),
    [
        ("HSBC Holdings plc", ("HSBC Holdings", "HSBC")),
        ("Tencent Holdings Limited", ("Tencent Holdings", "Tencent")),
        ("DAHON TECH (SHENZHEN) CO., LTD.", ("Dahon Tech", "Dahon Tech (Shenzhen)")),
        ("PRADA S.p.A.", ("PRADA",)),
        ("Kaisa Group Holdings Ltd.", ("Kaisa Group Holdings", "Kaisa Group", "Kaisa")),
        ("China Holdings Limited", ("China Holdings",)),
    ],
)
def test_english_press_names_drop_legal_forms_and_brackets(legal: str, forms: tuple[str, ...]) -> None:
    assert english_press_names(legal) == forms


@pytest.mark.parametrize(
    ("full", "forms"),
    [
        ("騰訊控股有限公司", ("騰訊控股", "騰訊")),
        ("周六福珠寶股份有限公司", ("周六福珠寶", "周六福")),
        ("深圳市優必選科技股份有限公司", ("深圳市優必選科技", "深圳市優必選", "優必選科技", "優必選")),
        ("不同集團", ()),  # 不同 is "different"
        ("中國銀行股份有限公司", ("中國銀行",)),  # 中國 alone names no bank
        ("青島啤酒股份有限公司", ("青島啤酒",)),  # nor 青島 or 啤酒 a brewer
        ("Hypebeast Limited", ()),
    ],
)
def test_chinese_press_names_stay_distinctive(full: str, forms: tuple[str, ...]) -> None:
    assert chinese_press_names(full) == forms


def test_the_press_table_gives_the_name_and_abbreviations_no_rule_derives() -> None:
    hsbc = press_names(("0005.HK",), "HSBC Holdings plc", "匯豐控股有限公司")
    assert hsbc.english == "HSBC Holdings" and {"匯控", "滙控", "HSBC"} <= set(hsbc.aliases)
    aia = press_names(("1299.HK",), "AIA Group Limited", "友邦保險控股有限公司")
    assert aia.english == "AIA" and "友邦" in aia.aliases
    byd_electronic = press_names(
        ("0285.HK",), "BYD Electronic (International) Company Limited", "比亞迪電子（國際）有限公司"
    )
    assert "比亞迪" not in byd_electronic.aliases, "the table gives 比亞迪 to BYD Company"


def test_the_table_covers_the_index_and_names_listed_companies() -> None:
    from workbench.glossary.press_names import press_table

    listed = {f"{item['symbol']:04d}.HK" for item in json.loads(HKEX_LIST.read_text(encoding="utf-8"))}
    table = press_table()
    assert len(table) >= 200
    # REITs are not on the list of listed companies; everything else the table names is.
    assert sorted(set(table) - listed) == ["0823.HK"]
    hang_seng = ["0005.HK", "0700.HK", "9988.HK", "3690.HK", "0939.HK", "1299.HK", "1810.HK", "0941.HK"]
    hang_seng += ["1398.HK", "0388.HK", "3988.HK", "2318.HK", "0883.HK", "1211.HK", "9618.HK", "0669.HK"]
    assert all(code in table for code in hang_seng)


# -- the real list imported -------------------------------------------------------------------------------


def test_the_real_list_imports_press_names_and_imports_again_changing_no_byte(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    assert run("import", str(HKEX_LIST), "--date", "2026-01-27", "--glossary", str(path)).exit_code == 0
    first = path.read_bytes()
    again = run("import", str(HKEX_LIST), "--date", "2026-01-27", "--glossary", str(path))
    assert again.exit_code == 0 and "nothing to write" in again.output
    assert path.read_bytes() == first
    g = load_glossary(path)
    tencent = g.by_ticker("0700.HK")
    assert tencent is not None and tencent.traditional == "騰訊控股有限公司"
    assert tencent.english == "Tencent" and "Tencent Holdings Limited" in tencent.notes
    swire = g.by_ticker("0087.HK")
    assert swire is not None and swire.tickers == ("0019.HK", "0087.HK"), "two share classes, one company"
    assert run("check", "--glossary", str(path)).exit_code == 0, "no errors: shared names are warnings"


def test_an_editors_row_keeps_its_english_and_gets_no_aliases(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    header = "traditional,simplified,english,aliases,tickers,type,forbidden,notes"
    path.write_text(f"{header}\n騰訊,腾讯,Tencent Holdings,,0700.HK,company,,desk style\n", encoding="utf-8")
    assert run("import", str(HKEX_LIST), "--date", "2026-01-27", "--glossary", str(path)).exit_code == 0
    row = load_glossary(path).by_ticker("0700.HK")
    assert row is not None and (row.english, row.aliases, row.notes) == ("Tencent Holdings", (), "desk style")


def test_glossary_check_reports_rows_without_chinese_and_shared_aliases(market: Glossary) -> None:
    findings = check_glossary(market)
    no_chinese = [f for f in findings if f.check == "no-chinese-name"]
    assert len(no_chinese) == 57 and any("Hypebeast" in f.message for f in no_chinese)
    shared = [f.message for f in findings if f.check == "shared-alias"]
    assert any(m.startswith("alias 華潤 ") for m in shared)
    assert not [f for f in findings if f.severity.value == "error"]
    # A press name inside another company's name is worth a look only where that company has no short name
    # of its own: 新鴻基 (SHKP) in 新鴻基有限公司, not 太古 in 太古地產 or 匯控 in 優趣匯控股.
    ambiguous = [f.message for f in findings if f.check == "ambiguous-alias"]
    assert any(m.startswith("alias 新鴻基 ") and "新鴻基有限公司 (row " in m for m in ambiguous)
    assert not [m for m in ambiguous if m.startswith(("alias 太古 ", "alias 匯控 ", "alias 中電 "))]
    assert len(ambiguous) < 10


def test_the_workbook_as_downloaded_is_read_by_content_whatever_its_headings(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    main = book.active
    main.title = "Main Board (主板)"
    for line in ("Hyperlinks to Listed Companies' Websites", "上市公司網站超連結", "Updated: 27/01/2026"):
        main.append([line])
    main.append(["Stock Code\n股份代號", "Name of Listed Company", "上市公司名稱", "Website 網址"])
    main.append([5, "HSBC Holdings plc", "匯豐控股有限公司", "http://www.hsbc.com"])
    main.append([19, "Swire Pacific Limited 'A'", "太古股份有限公司'A'", "http://www.swirepacific.com"])
    main.append([87, "Swire Pacific Limited 'B'", "太古股份有限公司'B'", "http://www.swirepacific.com"])
    main.append([150, "Hypebeast Limited", "Hypebeast Limited", "http://hypebeast.com"])
    gem = book.create_sheet("GEM")
    gem.append(["Stock Code", "Website", "Chinese Name", "English Name"])  # columns in another order
    gem.append(
        [8001, "http://www.orient.com", "東方匯財證券國際控股有限公司", "Orient Securities International"]
    )
    book.save(tmp_path / "Hyperlinks-to-Listed-Co.xlsx")
    path = tmp_path / "glossary.csv"
    result = run("import", str(tmp_path / "Hyperlinks-to-Listed-Co.xlsx"), "--glossary", str(path))
    assert result.exit_code == 0, result.output
    g = load_glossary(path)
    assert [e.tickers for e in g.entries] == [
        ("0005.HK",),
        ("0019.HK", "0087.HK"),
        ("0150.HK",),
        ("8001.HK",),
    ]
    gem_row = g.by_ticker("8001.HK")
    assert gem_row is not None and gem_row.traditional == "東方匯財證券國際控股有限公司"
    assert gem_row.english == "Orient Securities International"


def test_blank_rows_and_a_company_with_its_english_name_alone_are_read(tmp_path: Path) -> None:
    """A workbook as a desk keeps it: a blank-looking row between blocks, and a new listing whose Chinese
    name and website the exchange has not filled in yet, which is named rather than left out unseen."""
    book = openpyxl.Workbook()
    main = book.active
    main.append(["Stock Code", "Name of Listed Company", "上市公司名稱", "Website 網址"])
    main.append([5, "HSBC Holdings plc", "匯豐控股有限公司", "http://www.hsbc.com"])
    main.append([" ", " "])
    main.append([2513, "Knowledge Atlas Technology Joint Stock Company Limited"])
    main.append([700, "Tencent Holdings Limited", "騰訊控股有限公司", "http://www.tencent.com"])
    book.save(tmp_path / "Hyperlinks-to-Listed-Co.xlsx")
    path = tmp_path / "glossary.csv"
    result = run("import", str(tmp_path / "Hyperlinks-to-Listed-Co.xlsx"), "--glossary", str(path))
    assert result.exit_code == 0, result.output
    g = load_glossary(path)
    assert [e.tickers for e in g.entries] == [("0005.HK",), ("0700.HK",)]
    # The listing without a Chinese name is not dropped without a word: the editor is told which.
    assert "not imported: 2513.HK lack an English or a Chinese name" in result.output


def test_a_file_that_is_not_the_list_is_refused_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "list.json"
    bad.write_text('{"companies": []}', encoding="utf-8")
    result = run("import", str(bad), "--glossary", str(tmp_path / "g.csv"))
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "g.csv").exists()


# -- matching ---------------------------------------------------------------------------------------------


def hinted(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    hits, _ = names_and_facts(glossary, text)
    return [(h.text, h.entry.english) for h in hits]


def test_short_names_are_found_with_and_without_a_code(market: Glossary) -> None:
    text = "騰訊(00700)公布業績，騰訊股價升；匯控、港交所、平保、中移動及友邦亦升，周六福(06168)周六公布。"
    assert hinted(market, text) == [
        ("騰訊", "Tencent"),
        ("騰訊", "Tencent"),
        ("匯控", "HSBC Holdings"),
        ("港交所", "HKEX"),
        ("平保", "Ping An"),
        ("中移動", "China Mobile"),
        ("友邦", "AIA"),
        ("周六福", "Zhou Liu Fu Jewellery"),
    ]
    _, facts = names_and_facts(market, text)
    assert [f.english for f in facts if f.kind is FactKind.DATE] == ["Saturday"]


def test_an_ordinary_word_or_a_shared_name_is_a_company_only_with_its_code(market: Glossary) -> None:
    assert hinted(market, "貪玩(09890)股價升，他很貪玩，兩者不同。") == [("貪玩", "Tanwan")]
    assert hinted(market, "不同集團(06090)公布業績。") == [("不同集團", "Butong Group")]
    assert hinted(market, "華潤置地及華潤啤酒(00291)上升，華潤亦然。") == [
        ("華潤置地", "China Resources Land"),
        ("華潤啤酒", "China Resources Beer"),
    ]
    assert hinted(market, "華潤(01109)上升。") == [("華潤", "China Resources Land")]


@pytest.mark.parametrize(
    "text",
    [
        "恒生指數升1%，恒生科技指數跌。",  # the index is not the bank
        "收入增長和利潤均創新高。",  # growth and, not CK Hutchison
        "其中金額最大的一筆為3億元。",  # no CICC
        "新地方開張，市民周六早上喝小米粥。",
        "港鐵站人流增加，京東方股價上升。",
        "江蘇宏信今日起招股。",  # a Jiangsu company, not 宏信建設
        "基石投資者認購三成股份，衍生工具成交增加。",
        "中電信業績理想，重大新聞公布。",
    ],
)
def test_ordinary_text_names_no_company(market: Glossary, text: str) -> None:
    hits = [(text, english) for text, english in hinted(market, text) if english != "China Telecom"]
    assert hits == []


def test_the_hint_in_the_po_comment_is_the_press_name(market: Glossary) -> None:
    from workbench.batch import analyse_article
    from workbench.pages import split_page
    from workbench.po.export import export_catalog

    (article,) = split_page("匯控(00005)周二公布業績，友邦亦升。\n", "page.txt")
    catalog = export_catalog(article, analyse_article(article, market), "en", "test")
    comments = "\n".join(e.comment for e in catalog)
    assert "glossary: 匯控 → HSBC Holdings (0005.HK)" in comments
    assert "glossary: 友邦 → AIA (1299.HK)" in comments


# -- the measure: real market copy ------------------------------------------------------------------------


def test_press_names_are_hinted_for_the_company_mentions_of_real_market_copy(market: Glossary) -> None:
    if not REFERENCE.exists():
        pytest.skip("the reference set of market copy is not in this checkout")
    figures = {"with code": [0, 0], "without code": [0, 0]}
    false_matches: list[str] = []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item["zh"]
        hits, _ = names_and_facts(market, text)
        at = 0
        for company in item["companies"]:
            start = text.find(company["zh"], at)
            start = text.find(company["zh"]) if start < 0 else start
            end = start + len(company["zh"])
            at = end
            coded = bool(company["code"]) and re.match(r"\s?[(（]", text[end:]) is not None
            kind = "with code" if coded else "without code"
            figures[kind][1] += 1
            hit = next(
                (h for h in hits if h.start <= start < h.end or (coded and end <= h.start <= end + 2)), None
            )
            if (
                hit is not None
                and company["code"] in hit.entry.tickers
                and company["en"].casefold() in {f.casefold() for f in market.english_forms(hit.entry)}
            ):
                figures[kind][0] += 1
        named = {company["code"] for company in item["companies"]}
        false_matches += [f"{item['id']}: {h.text}" for h in hits if not named.intersection(h.entry.tickers)]
    found = sum(n for n, _ in figures.values())
    mentions = sum(total for _, total in figures.values())
    print(
        f"\nmentions with a code: {figures['with code'][0]}/{figures['with code'][1]}; "
        f"without: {figures['without code'][0]}/{figures['without code'][1]}; "
        f"all: {found}/{mentions} ({found / mentions:.1%}); false matches: {len(false_matches)}"
    )
    assert found >= 0.95 * mentions
    assert false_matches == []
