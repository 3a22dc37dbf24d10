"""Importing the exchange's list of securities and vendor lists; editors' rows kept across re-imports."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner, Result

from hkex_lists import MARKET, write_list, write_pair
from workbench.cli import glossary as glossary_cli
from workbench.glossary import load_glossary
from workbench.glossary.listing_names import reader_name, strip_marker

HEADER = "traditional,simplified,english,aliases,tickers,type,forbidden,notes"


def run(*args: str) -> Result:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """workbench"""

    glossary_cli.register(app)
    return CliRunner().invoke(app, ["glossary", *args])


def import_hkex(folder: Path, glossary: Path, *extra: str) -> Result:
    return run(
        "import-hkex",
        str(folder / "ListOfSecurities.xlsx"),
        str(folder / "ListOfSecurities_c.xlsx"),
        "--glossary",
        str(glossary),
        *extra,
    )


@pytest.mark.parametrize(
    ("short", "reader"),
    [
        ("TENCENT", "Tencent"),
        ("HSBC HOLDINGS", "HSBC Holdings"),
        ("SENSETIME-W", "SenseTime"),
        ("CKH HOLDINGS", "CKH Holdings"),
        ("BAIDU-SW", "Baidu"),
        ("BANK OF CHINA", "Bank of China"),
        ("BYD COMPANY", "BYD Company"),
        ("NEW WORLD DEV", "New World Development"),
        ("WUXI APPTEC", "WuXi AppTec"),
        ("JD-SW", "JD"),
        ("AIA", "AIA"),
        ("Tencent Holdings Ltd", "Tencent Holdings Ltd"),
    ],
)
def test_exchange_short_names_become_reader_names(short: str, reader: str) -> None:
    assert reader_name(short) == reader


def test_chinese_listing_markers_are_dropped() -> None:
    assert [strip_marker(n) for n in ("商湯－Ｗ", "百度集團－ＳＷ", "騰訊控股-R", "太古股份公司Ａ")] == [
        "商湯",
        "百度集團",
        "騰訊控股",
        "太古股份公司Ａ",
    ]


def test_import_hkex_writes_reader_names_simplified_tickers_and_provenance(tmp_path: Path) -> None:
    write_pair(tmp_path / "list", MARKET)
    glossary = tmp_path / "glossary.csv"
    result = import_hkex(tmp_path / "list", glossary)
    assert result.exit_code == 0, result.output
    g = load_glossary(glossary)
    by_code = {t: e for e in g.entries for t in e.tickers}
    tencent = by_code["0700.HK"]
    assert (tencent.traditional, tencent.simplified, tencent.english) == ("騰訊控股", "腾讯控股", "Tencent")
    assert tencent.tickers == ("0700.HK", "80700.HK"), "the renminbi counter is the same company"
    assert (by_code["0020.HK"].traditional, by_code["0020.HK"].english) == ("商湯", "SenseTime")
    assert by_code["0005.HK"].simplified == "汇丰控股"
    assert by_code["0001.HK"].english == "CK Hutchison", "the press's name, from the shipped table"
    assert "CKH Holdings" in by_code["0001.HK"].aliases, "the exchange's short name stays an accepted form"
    assert "HKEX list of securities (2026-11-30)" in tencent.notes and "check the English" in tencent.notes
    assert "0823.HK" not in by_code, "a REIT is not an equity"
    assert "13000.HK" not in by_code, "warrants are not companies"
    assert "7 companies read" in result.output and "7 added" in result.output
    assert run("check", "--glossary", str(glossary)).exit_code == 0


def test_category_widens_the_import(tmp_path: Path) -> None:
    write_pair(tmp_path / "list", MARKET)
    glossary = tmp_path / "glossary.csv"
    result = import_hkex(
        tmp_path / "list", glossary, "--category", "Equity", "--category", "Real Estate Investment Trusts"
    )
    assert result.exit_code == 0, result.output
    assert load_glossary(glossary).by_ticker("0823.HK") is not None


def test_importing_the_same_list_twice_changes_no_byte(tmp_path: Path) -> None:
    write_pair(tmp_path / "list", MARKET)
    glossary = tmp_path / "glossary.csv"
    glossary.write_bytes(
        (
            "\ufeff" + HEADER + "\r\n華興資本控股,华兴资本控股,China Renaissance,,1911.HK,company,,\r\n"
        ).encode()
    )
    assert import_hkex(tmp_path / "list", glossary).exit_code == 0
    first = glossary.read_bytes()
    assert first.startswith(b"\xef\xbb\xbf") and b"\r\n" in first and b"\n" not in first.replace(b"\r\n", b"")
    again = import_hkex(tmp_path / "list", glossary)
    assert (
        again.exit_code == 0 and "0 added, 0 updated" in again.output and "nothing to write" in again.output
    )
    assert glossary.read_bytes() == first


def test_reimport_keeps_edits_adds_listings_updates_renames_and_reports_delisted(tmp_path: Path) -> None:
    write_pair(tmp_path / "old", MARKET)
    glossary = tmp_path / "glossary.csv"
    assert import_hkex(tmp_path / "old", glossary).exit_code == 0
    # An editor corrects Tencent's English and adds a forbidden rendering to HSBC.
    text = glossary.read_text(encoding="utf-8")
    assert "騰訊控股,腾讯控股,Tencent," in text and ",0005.HK,company,," in text
    text = text.replace("騰訊控股,腾讯控股,Tencent,", "騰訊控股,腾讯控股,Tencent Holdings,")
    text = text.replace(",0005.HK,company,,", ",0005.HK,company,Hongkong Bank,")
    glossary.write_text(text, encoding="utf-8")
    edited = {e.tickers[0]: e for e in load_glossary(glossary).entries}

    newer = [s for s in MARKET if s[0] != 1211]  # BYD delisted (in this story)
    newer = [(c, "HSBC HLDGS" if c == 5 else ("CK HUTCHISON" if c == 1 else e), n, k) for c, e, n, k in newer]
    newer.append((2015, "LI AUTO-W", "理想汽車－Ｗ", "Equity"))
    write_pair(tmp_path / "new", newer, updated="31/12/2026")
    result = import_hkex(tmp_path / "new", glossary, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)

    after = {e.tickers[0]: e for e in load_glossary(glossary).entries}
    assert after["0700.HK"].english == "Tencent Holdings", "an editor's correction is never overwritten"
    assert after["0005.HK"] == edited["0005.HK"], "an edited row stays as the editor left it"
    assert after["0001.HK"].english == "CK Hutchison", "an untouched imported row follows a rename"
    assert after["2015.HK"].english == "Li Auto" and after["2015.HK"].traditional == "理想汽車"
    assert "(2026-12-31)" in after["2015.HK"].notes
    assert after["1211.HK"] == edited["1211.HK"], "a delisted company is reported, not deleted"
    assert [d["tickers"] for d in report["delisted"]] == [["1211.HK"]]
    assert [u["after"]["english"] for u in report["updated"]] == ["CK Hutchison"]
    assert [a["english"] for a in report["added"]] == ["Li Auto"]
    conflicts = " ".join(c["message"] for c in report["conflicts"])
    assert "HSBC HLDGS" in conflicts and "edited by hand" in conflicts, (
        "the list changed an edited row's name"
    )
    assert "TENCENT" not in conflicts, "an edit the list did not contradict is no conflict"


def test_a_hand_written_row_without_the_code_is_a_conflict_not_a_duplicate(tmp_path: Path) -> None:
    write_pair(tmp_path / "list", MARKET)
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(HEADER + "\n周大福,周大福,Chow Tai Fook Jewellery,,,company,,\n", encoding="utf-8")
    result = import_hkex(tmp_path / "list", glossary)
    assert result.exit_code == 0
    assert "conflict: 周大福 (1929.HK) is not added: row 2" in result.output
    assert [e.traditional for e in load_glossary(glossary).entries].count("周大福") == 1


def test_hand_written_row_whose_code_the_list_names_otherwise_is_kept_and_listed(tmp_path: Path) -> None:
    write_pair(tmp_path / "list", MARKET)
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(HEADER + "\n騰訊,腾讯,Tencent,,0700.HK,company,,\n", encoding="utf-8")
    before = glossary.read_bytes()
    result = import_hkex(tmp_path / "list", glossary)
    assert "row 2 (0700.HK, 80700.HK) is 騰訊 (Tencent) and is kept" in result.output
    assert glossary.read_bytes().startswith(before)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Code", "Name of Securities", "Category"], "'Stock Code'"),
        (["Stock Code", "Name", "Category"], "'Name of Securities'"),
    ],
)
def test_a_workbook_with_other_headers_is_refused_naming_the_header(
    tmp_path: Path, header: list[str], expected: str
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["List of Securities"])
    sheet.append(["Updated as at 30/11/2026"])
    sheet.append(header)
    sheet.append(["00700", "TENCENT", "Equity"])
    book.save(tmp_path / "ListOfSecurities.xlsx")
    write_list(tmp_path / "ListOfSecurities_c.xlsx", MARKET, chinese=True)
    glossary = tmp_path / "glossary.csv"
    result = import_hkex(tmp_path, glossary)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.output
    assert not glossary.exists()


def test_the_workbooks_swapped_are_refused(tmp_path: Path) -> None:
    en, zh = write_pair(tmp_path, MARKET)
    result = run("import-hkex", str(zh), str(en), "--glossary", str(tmp_path / "g.csv"))
    assert (
        result.exit_code == 2
        and "'Stock Code'" in result.output
        and "English workbook first" in result.output
    )


def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    _, zh = write_pair(tmp_path, MARKET)
    fake = tmp_path / "list.xlsx"
    fake.write_text("Stock Code,Name\n", encoding="utf-8")
    result = run("import-hkex", str(fake), str(zh), "--glossary", str(tmp_path / "g.csv"))
    assert result.exit_code == 2 and "cannot be read as an .xlsx workbook" in result.output


def test_vendor_csv_with_its_own_column_names(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor.csv"
    vendor.write_text(
        "ric,name_en,name_tc\n0700.HK,Tencent Holdings Ltd,騰訊控股\n9988,ALIBABA-SW,阿里巴巴－ＳＷ\n",
        encoding="utf-8",
    )
    glossary = tmp_path / "glossary.csv"
    args = [
        "import",
        str(vendor),
        "--glossary",
        str(glossary),
        "--code-column",
        "ric",
        "--english-column",
        "name_en",
        "--chinese-column",
        "name_tc",
        "--date",
        "2026-11-02",
    ]
    result = run(*args)
    assert result.exit_code == 0, result.output
    g = load_glossary(glossary)
    tencent = g.by_ticker("0700.HK")
    assert tencent is not None and tencent.english == "Tencent", "the press name is proposed"
    assert "Tencent Holdings" in tencent.aliases and "as Tencent Holdings Ltd / 騰訊控股" in tencent.notes
    alibaba = g.by_ticker("9988.HK")
    assert alibaba is not None and (alibaba.english, alibaba.traditional) == ("Alibaba", "阿里巴巴")
    assert "vendor.csv (2026-11-02)" in alibaba.notes
    first = glossary.read_bytes()
    assert run(*args).exit_code == 0 and glossary.read_bytes() == first


def test_vendor_csv_missing_a_column_is_refused_naming_the_flag(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor.csv"
    vendor.write_text("ric,name_en\n0700.HK,Tencent\n", encoding="utf-8")
    result = run(
        "import",
        str(vendor),
        "--glossary",
        str(tmp_path / "g.csv"),
        "--code-column",
        "ric",
        "--english-column",
        "name_en",
    )
    assert result.exit_code == 2
    assert "no column 'chinese'" in result.output and "--chinese-column" in result.output


def test_a_rename_lands_on_its_own_row_whatever_odd_characters_rows_above_hold(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    glossary.write_bytes(
        f"{HEADER}\r\n華興資本,华兴资本,China Renaissance,,1911.HK,company,,line\u2028sep\r\n".encode()
    )
    write_pair(tmp_path / "old", MARKET)
    assert import_hkex(tmp_path / "old", glossary).exit_code == 0
    renamed = [(c, "CK HUTCHISON" if c == 1 else e, n, k) for c, e, n, k in MARKET]
    write_pair(tmp_path / "new", renamed)
    assert import_hkex(tmp_path / "new", glossary).exit_code == 0
    rows = {e.tickers[0]: e for e in load_glossary(glossary).entries}
    assert rows["1911.HK"].notes == "line\u2028sep"
    assert rows["0001.HK"].english == "CK Hutchison"
    assert glossary.read_bytes().count(b"\r\n") == len(rows) + 1


def test_a_listing_missing_from_the_chinese_workbook_is_named_not_dropped_silently(tmp_path: Path) -> None:
    en = write_list(tmp_path / "en.xlsx", MARKET, chinese=False)
    zh = write_list(tmp_path / "zh.xlsx", [s for s in MARKET if s[0] != 700], chinese=True)
    glossary = tmp_path / "glossary.csv"
    result = run("import-hkex", str(en), str(zh), "--glossary", str(glossary))
    assert result.exit_code == 0, result.output
    assert "not imported: 0700.HK lack an English or a Chinese name" in result.output
    assert load_glossary(glossary).by_ticker("0700.HK") is None
    assert load_glossary(glossary).by_ticker("80700.HK") is not None


def test_a_vendor_company_listed_in_two_markets_is_one_row_with_both_codes(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor.csv"
    vendor.write_text(
        "code,english,chinese\n3660.HK,Qifu Technology,奇富科技\nQFIN.US,Qifu Technology,奇富科技\n",
        encoding="utf-8",
    )
    glossary = tmp_path / "glossary.csv"
    assert run("import", str(vendor), "--glossary", str(glossary)).exit_code == 0
    (entry,) = load_glossary(glossary).entries
    assert entry.tickers == ("3660.HK", "QFIN.US")
    assert run("check", "--glossary", str(glossary)).exit_code == 0


def test_an_editor_save_during_an_import_is_never_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.glossary import merge

    write_pair(tmp_path / "list", MARKET)
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(HEADER + "\n華興資本控股,华兴资本控股,China Renaissance,,1911.HK,company,,\n")
    saved = HEADER + "\n華興資本控股,华兴资本控股,China Renaissance Holdings,,1911.HK,company,,\n"
    real = merge._conversions

    def save_meanwhile(*args: object) -> dict[str, str]:
        # The editor saves in Excel after the import has read the file and before it writes.
        glossary.write_text(saved, encoding="utf-8")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(merge, "_conversions", save_meanwhile)
    result = import_hkex(tmp_path / "list", glossary)
    assert result.exit_code == 2
    assert "glossary.csv: changed on disk" in result.stderr
    assert glossary.read_text(encoding="utf-8") == saved


def test_a_hand_written_row_whose_code_left_the_whole_market_list_is_delisted(tmp_path: Path) -> None:
    write_pair(tmp_path / "list", MARKET)
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(HEADER + "\n恒大,恒大,Evergrande,,3333.HK,company,,desk row\n", encoding="utf-8")
    result = import_hkex(tmp_path / "list", glossary, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [d["tickers"] for d in report["delisted"]] == [["3333.HK"]], (
        "the exchange's list is the whole market: a code it lacks is gone, whoever wrote the row"
    )
    assert load_glossary(glossary).by_ticker("3333.HK") is not None, "reported, never deleted"


def test_a_reit_row_is_not_delisted_when_only_equities_were_imported(tmp_path: Path) -> None:
    write_pair(tmp_path / "list", MARKET)
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(HEADER + "\n領展,领展,Link REIT,,0823.HK,company,,desk row\n", encoding="utf-8")
    result = import_hkex(tmp_path / "list", glossary, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["delisted"] == [], "the REIT is on the list, in a category not imported"
    assert "0823.HK" not in [a["tickers"][0] for a in report["added"]]


HYPERLINKS = [
    {"symbol": 1, "engName": "CK Hutchison Holdings Limited", "zhName": "長江和記實業有限公司", "url": ""},
    {"symbol": 700, "engName": "Tencent Holdings Limited", "zhName": "騰訊控股有限公司", "url": ""},
    {
        "symbol": 6168,
        "engName": "Zhou Liu Fu Jewellery Co., Ltd.",
        "zhName": "周六福珠寶股份有限公司",
        "url": "",
    },
]


def test_the_exchange_short_name_joins_the_aliases_of_rows_another_list_imported(tmp_path: Path) -> None:
    hyperlinks = tmp_path / "hyperlinks.json"
    hyperlinks.write_text(json.dumps(HYPERLINKS, ensure_ascii=False), encoding="utf-8")
    glossary = tmp_path / "glossary.csv"
    assert run("import", str(hyperlinks), "--date", "2026-01-27", "--glossary", str(glossary)).exit_code == 0
    # An editor forbids a rendering in Zhou Liu Fu's row: an edited row is the editor's from then on.
    text = glossary.read_text(encoding="utf-8").replace(
        ",6168.HK,company,,", ",6168.HK,company,Chow Six Fook,"
    )
    glossary.write_text(text, encoding="utf-8")
    before = {e.tickers[0]: e for e in load_glossary(glossary).entries}
    english_only = write_list(tmp_path / "ListOfSecurities.xlsx", MARKET, chinese=False)

    result = run("import-hkex", str(english_only), "--glossary", str(glossary))
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 1 given the exchange's short name" in result.output
    after = {e.tickers[0]: e for e in load_glossary(glossary).entries}
    ckh = after["0001.HK"]
    assert "CKH Holdings" in ckh.aliases and "CKH Holdings" not in before["0001.HK"].aliases
    assert (ckh.english, ckh.traditional) == ("CK Hutchison", "長江和記實業有限公司")
    assert "exchange short name CKH HOLDINGS" in ckh.notes and ckh.notes.startswith(
        "imported from HKEX hyperlinks to listed companies (2026-01-27)"
    )
    assert after["0700.HK"] == before["0700.HK"], "Tencent, the short name, is its English already"
    assert after["6168.HK"] == before["6168.HK"], "an edited row gets nothing"

    # Both lists again: nothing to write, and the row is still the hyperlinks list's own untouched row ...
    written = glossary.read_bytes()
    again = run("import-hkex", str(english_only), "--glossary", str(glossary))
    assert "nothing to write" in again.output and glossary.read_bytes() == written
    same = run("import", str(hyperlinks), "--date", "2026-01-27", "--glossary", str(glossary))
    assert "nothing to write" in same.output and glossary.read_bytes() == written
    # ... so it follows the company's rename next month.
    renamed = [
        dict(item, engName="CK Hutchison Group Limited") if item["symbol"] == 1 else item
        for item in HYPERLINKS
    ]
    hyperlinks.write_text(json.dumps(renamed, ensure_ascii=False), encoding="utf-8")
    result = run("import", str(hyperlinks), "--date", "2026-02-27", "--glossary", str(glossary), "--json")
    assert [u["after"]["tickers"] for u in json.loads(result.output)["updated"]] == [["0001.HK"]]
    assert "as CK Hutchison Group Limited / " in load_glossary(glossary).entries[0].notes


def test_a_row_imported_before_press_names_is_left_as_its_own_list_leaves_it(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    note = (
        "imported from HKEX hyperlinks to listed companies (2026-01-27) as CK Hutchison Holdings Limited / "
        "長江和記實業有限公司; check the English"
    )
    row = f"長江和記實業有限公司,长江和记实业有限公司,CK Hutchison Holdings Limited,,0001.HK,company,,{note}"
    glossary.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    english_only = write_list(tmp_path / "ListOfSecurities.xlsx", MARKET, chinese=False)
    result = run("import-hkex", str(english_only), "--glossary", str(glossary))
    assert result.exit_code == 0 and "nothing to write" in result.output, result.output
    assert glossary.read_text(encoding="utf-8") == f"{HEADER}\n{row}\n"
