"""Adding rows, fuzzy search and export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from workbench.errors import GlossaryError, InputError
from workbench.glossary import add_entry, export_glossary, find, load_glossary, new_entry, parse_text

ROOT = Path(__file__).resolve().parents[1]
HEADER = "traditional,simplified,english,aliases,tickers,type,forbidden,notes"
EXCEL = (
    b"\xef\xbb\xbf"
    + (
        f"{HEADER}\r\n"
        "商湯集團股份有限公司,商汤集团股份有限公司,SenseTime,商湯;商湯科技,0020.HK,company,Shang Tang,"
        '"AI company, first listed 2021"\r\n'
        "奇富科技,奇富科技,Qifu Technology,Qfin,QFIN.US;3660.HK,company,,\r\n"
    ).encode()
)


def chow_tai_fook() -> object:
    return new_entry(
        "周大福珠寶集團有限公司",
        "Chow Tai Fook Jewellery",
        aliases=["周大福", "Chow Tai Fook"],
        tickers=["01929"],
        notes="jeweller, listed 2011",
    )


def test_add_to_an_excel_file_changes_exactly_one_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_bytes(EXCEL)
    added = add_entry(path, chow_tai_fook())  # type: ignore[arg-type]
    data = path.read_bytes()
    assert data.startswith(EXCEL), "existing bytes (BOM, CRLF, quoting) must stay as they were"
    old_lines = EXCEL.split(b"\r\n")
    new_lines = data.split(b"\r\n")
    assert len(new_lines) == len(old_lines) + 1
    new_line = new_lines[len(old_lines) - 1]
    assert new_line.decode("utf-8") == (
        "周大福珠寶集團有限公司,周大福珠宝集团有限公司,Chow Tai Fook Jewellery,周大福;Chow Tai Fook,1929.HK,"
        'company,,"jeweller, listed 2011"'
    )
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert added.row == 4
    g = load_glossary(path)
    assert g.by_ticker("1929.HK") is not None and g.by_ticker("1929.HK").row == 4  # type: ignore[union-attr]


def test_add_goes_before_trailing_blank_lines_and_keeps_quote_all(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    text = '"traditional","simplified","english"\n"商湯","商汤","SenseTime"\n\n\n'
    path.write_text(text, encoding="utf-8")
    add_entry(path, new_entry("華興資本", "China Renaissance"))
    assert path.read_text(encoding="utf-8") == (
        '"traditional","simplified","english"\n"商湯","商汤","SenseTime"\n'
        '"華興資本","华兴资本","China Renaissance"\n\n\n'
    )


def test_add_to_a_file_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(f"{HEADER}\n商湯,商汤,SenseTime,,,company,,", encoding="utf-8")
    add_entry(path, new_entry("華興資本", "China Renaissance"))
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[1] == "商湯,商汤,SenseTime,,,company,,"
    assert lines[2].startswith("華興資本,华兴资本,China Renaissance")


def test_add_creates_a_missing_file_with_a_header(tmp_path: Path) -> None:
    path = tmp_path / "new.csv"
    add_entry(path, new_entry("華興資本", "China Renaissance", tickers=["1911.HK"]))
    g = load_glossary(path)
    assert [(e.traditional, e.tickers, e.row) for e in g.entries] == [("華興資本", ("1911.HK",), 2)]


def test_simplified_defaults_to_hk_aware_opencc() -> None:
    assert new_entry("衞生集團", "Health").simplified == "卫生集团"
    assert new_entry("衞生集團", "Health", simplified="卫生集团有限").simplified == "卫生集团有限"


@pytest.mark.parametrize(
    ("entry_args", "reason"),
    [
        ({"traditional": "商湯", "english": "SenseTime"}, "row 2"),
        ({"traditional": "商湯智能", "english": "X", "tickers": ["20"]}, "0020.HK"),
        ({"traditional": "新公司", "english": "X", "aliases": ["Qfin"]}, "row 3"),
    ],
)
def test_add_refuses_duplicates_and_leaves_the_file(
    tmp_path: Path, entry_args: dict[str, object], reason: str
) -> None:
    path = tmp_path / "glossary.csv"
    path.write_bytes(EXCEL)
    with pytest.raises(GlossaryError, match=reason):
        add_entry(path, new_entry(**entry_args))  # type: ignore[arg-type]
    assert path.read_bytes() == EXCEL


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"traditional": "", "english": "X"}, "empty"),
        ({"traditional": "華興", "english": ""}, "--english"),
        ({"traditional": "華興", "english": "X", "tickers": ["ABC"]}, "not a ticker"),
        ({"traditional": "華興", "english": "X", "type": "bank"}, "type"),
    ],
)
def test_new_entry_rejects_bad_values(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        new_entry(**kwargs)  # type: ignore[arg-type]


# -- find ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["sensetime", "SenseTime", "商汤", "商湯", "20.HK", "0020", "00020"])
def test_find_in_any_script(query: str) -> None:
    g = load_glossary(ROOT / "glossary.csv")
    found = find(g, query)
    assert found and found[0].entry.english == "SenseTime", [(f.entry.english, f.score) for f in found]


def test_find_ranks_and_limits() -> None:
    g = load_glossary(ROOT / "glossary.csv")
    found = find(g, "qifu", limit=3)
    assert len(found) <= 3
    assert found[0].entry.english == "Qifu Technology"
    assert [f.score for f in found] == sorted((f.score for f in found), reverse=True)
    assert find(g, "   ") == []
    assert find(g, "zzzzqqqq") == []


# -- export --------------------------------------------------------------------------------------------


SMALL = parse_text(
    f"{HEADER}\n"
    "商湯集團股份有限公司,商汤集团股份有限公司,SenseTime,商湯;SenseTime Group,0020.HK,company,Shang Tang,AI\n"
    "奇富科技,奇富科技,Qifu Technology,Qfin,QFIN.US;3660.HK,company,,\n"
)


def test_tbx_2008_loads_in_translate_toolkit() -> None:
    from translate.storage import tbx

    text = export_glossary(SMALL, "tbx-2008")
    store = tbx.tbxfile.parsestring(  # type: ignore[no-untyped-call]
        text.encode("utf-8")
    )
    units = [u for u in store.units if u.source]
    assert [u.source for u in units] == ["商湯集團股份有限公司", "奇富科技"]
    assert 'xml:lang="zh-Hans"' in text and "商汤" in text
    assert [u.target for u in units] == ["SenseTime", "Qifu Technology"]
    assert "forbidden: Shang Tang" in units[0].getnotes()
    assert "0020.HK" in text


def test_omegat_is_tab_separated_with_one_line_per_chinese_name() -> None:
    lines = export_glossary(SMALL, "omegat").splitlines()
    rows = [line.split("\t") for line in lines]
    assert all(len(r) == 3 for r in rows)
    assert rows[0][:2] == ["商湯集團股份有限公司", "SenseTime"]
    assert rows[1][:2] == ["商湯", "SenseTime"]
    assert "0020.HK" in rows[0][2] and "forbidden: Shang Tang" in rows[0][2]


def test_weblate_csv_loads_in_translate_toolkit() -> None:
    from translate.storage import csvl10n

    text = export_glossary(SMALL, "weblate")
    store = csvl10n.csvfile(io.BytesIO(text.encode("utf-8")))
    pairs = [(u.source, u.target) for u in store.units]
    assert ("商湯集團股份有限公司", "SenseTime") in pairs
    assert ("奇富科技", "Qifu Technology") in pairs
    assert next(csv.reader(io.StringIO(text))) == ["source", "target", "context", "developer_comments"]


def test_deepl_entries_are_unique_two_column_lines() -> None:
    lines = export_glossary(SMALL, "deepl").splitlines()
    sources = [line.split("\t")[0] for line in lines]
    assert all(line.count("\t") == 1 for line in lines)
    assert len(sources) == len(set(sources))
    assert {"商湯集團股份有限公司", "商汤集团股份有限公司", "商湯", "商汤", "奇富科技"} <= set(sources)


def test_unknown_format() -> None:
    with pytest.raises(InputError, match="tbx"):
        export_glossary(SMALL, "xlsx")


def test_add_never_writes_over_a_save_made_while_it_worked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.errors import WorkbenchError
    from workbench.glossary import edit

    path = tmp_path / "glossary.csv"
    path.write_text(HEADER + "\n華興資本控股,华兴资本控股,China Renaissance,,1911.HK,company,,\n")
    saved = path.read_text(encoding="utf-8") + "騰訊控股,腾讯控股,Tencent,,0700.HK,company,,\n"
    real = edit.conflicts

    def save_meanwhile(*args: object) -> list[str]:
        path.write_text(saved, encoding="utf-8")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(edit, "conflicts", save_meanwhile)
    with pytest.raises(WorkbenchError, match="changed on disk"):
        add_entry(path, new_entry("周大福珠寶集團", "Chow Tai Fook Jewellery", tickers=["1929.HK"]))
    assert path.read_text(encoding="utf-8") == saved
