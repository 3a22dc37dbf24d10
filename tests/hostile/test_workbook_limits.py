"""Hostile workbooks given to ``glossary import-hkex``: each is read in bounded memory and time, or refused
in one line naming the file and the limit, with exit 2 and nothing on disk changed.

Every case runs the real command in its own process and measures that process's peak memory (its rusage,
read by a small parent once it has exited), with a generous bound: the point is megabytes where a file
once cost gigabytes.
The workbooks are real .xlsx files edited at the XML level (``hostile_xlsx``).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import hostile_xlsx as hx
import pytest

from hkex_lists import MARKET

ROOT = Path(__file__).resolve().parents[2]
PEAK_BOUND_MIB = 200  # the command itself takes about 45 MiB
EQUITIES = sum(1 for *_, category in MARKET if category == "Equity") - 1  # TENCENT-R joins TENCENT


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    peak_mib: float


def run_import(work: Path, english: Path, chinese: Path, *, timeout: float = 300) -> Run:
    """``workbench glossary import-hkex`` in a process of its own; its exit code, output and peak RSS."""
    return run_workbench(work, ["glossary", "import-hkex", str(english), str(chinese)], timeout=timeout)


# The command runs under a small parent that reports its peak: a child forked from the test process itself
# would count the test process's own memory, resident when it was forked, as its peak.
_MEASURED = """
import os, resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code if code >= 0 else 128 - code)
"""


def run_workbench(work: Path, args: list[str], *, timeout: float = 300) -> Run:
    """``workbench ARGS`` in a process of its own; its exit code, output and peak RSS."""
    logs = work.parent / "logs"
    logs.mkdir(exist_ok=True)
    out_path, err_path, peak_path = logs / "stdout", logs / "stderr", logs / "peak"
    command = [sys.executable, "-c", _MEASURED, str(peak_path), sys.executable, "-m", "workbench", *args]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            command,
            cwd=work,
            stdout=out,
            stderr=err,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            start_new_session=True,
        )
    try:
        code = process.wait(timeout)  # a guard against a hang, not a measure of speed
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        pytest.fail(f"{' '.join(args)} still running after {timeout} s")
    return Run(
        code,
        out_path.read_text(encoding="utf-8"),
        err_path.read_text(encoding="utf-8"),
        int(peak_path.read_text()) / 1024,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A desk's folder: its glossary, and the exchange's two workbooks (the English one to be spoilt)."""
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "glossary.csv").write_text(
        "traditional,simplified,english,aliases,tickers,type,forbidden,notes\n"
        "測試公司,测试公司,Test Company,,9999.HK,company,,the desk's own row\n",
        encoding="utf-8",
    )
    hx.base(folder / "ListOfSecurities.xlsx")
    hx.base(folder / "ListOfSecurities_c.xlsx", chinese=True)
    return folder


def refused(work: Path, english: Path, *expected: str, args: list[str] | None = None) -> Run:
    """Run the import (``args``, or import-hkex of ``english``), expecting a refusal: one line naming the
    workbook and ``expected``, exit 2, and every file in the folder as it was."""
    before = snapshot(work)
    if args is None:
        run = run_import(work, english, work / "ListOfSecurities_c.xlsx")
    else:
        run = run_workbench(work, args)
    assert run.code == 2, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert str(english) in lines[0] and "Traceback" not in run.stderr
    for words in expected:
        assert words in lines[0], lines[0]
    assert snapshot(work) == before
    assert run.peak_mib < PEAK_BOUND_MIB, f"peak {run.peak_mib:.0f} MiB"
    return run


def test_the_unspoilt_pair_imports_in_a_few_dozen_megabytes(work: Path) -> None:
    run = run_import(work, work / "ListOfSecurities.xlsx", work / "ListOfSecurities_c.xlsx")
    assert run.code == 0, run.stderr
    assert f"{EQUITIES} added" in run.stderr
    assert run.peak_mib < PEAK_BOUND_MIB


def test_a_declared_dimension_of_a_billion_cells_allocates_nothing(work: Path) -> None:
    """A 455 KB workbook declaring A1:XFD60006 over 60,000 one-cell rows once took 3 GB and more."""
    english = work / "ListOfSecurities.xlsx"
    hx.edit_sheet(english, hx.declare_dimension("A1:XFD60006"))
    hx.edit_sheet(english, hx.append_rows(hx.one_cell_rows(60_000)))
    assert english.stat().st_size < 600_000
    run = run_import(work, english, work / "ListOfSecurities_c.xlsx")
    assert run.code == 0, run.stderr
    assert f"{EQUITIES} added" in run.stderr
    assert run.peak_mib < PEAK_BOUND_MIB, f"peak {run.peak_mib:.0f} MiB"


def test_a_cell_of_256_mib_is_refused_at_excels_limit_without_being_read(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    hx.edit_sheet(english, hx.huge_text(b"CKH HOLDINGS", 256 << 20))
    assert english.stat().st_size < 2_000_000
    refused(work, english, "cell B4", "more than 32,767 characters")


def test_a_64_mib_comment_is_refused_at_the_markup_limit_not_parsed_for_minutes(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    hx.edit_sheet(english, hx.comment_before_sheet_data(64 << 20))
    refused(work, english, "xl/worksheets/sheet1.xml", "longer than 1 MiB")


def test_a_comment_under_the_markup_limit_is_read_past(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    hx.edit_sheet(english, hx.comment_before_sheet_data(900 << 10))
    run = run_import(work, english, work / "ListOfSecurities_c.xlsx")
    assert run.code == 0, run.stderr
    assert f"{EQUITIES} added" in run.stderr


def test_an_xxe_workbook_is_refused_and_no_file_is_read_through_its_entity(work: Path) -> None:
    secret = work.parent / "secret.txt"
    secret.write_text("SECRET-5e1f\n", encoding="utf-8")
    english = work / "ListOfSecurities.xlsx"
    hx.edit_sheet(english, hx.with_doctype(hx.xxe(secret)))
    run = refused(work, english, "declares a DOCTYPE")
    assert "SECRET-5e1f" not in run.stderr + run.stdout
    assert all("SECRET-5e1f" not in p.read_text(errors="replace") for p in work.glob("*.csv"))


def test_a_billion_laughs_workbook_is_refused_before_any_entity_is_expanded(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    hx.edit_sheet(english, hx.with_doctype(hx.billion_laughs()))
    refused(work, english, "declares a DOCTYPE")


def test_a_doctype_in_the_shared_strings_is_refused_too(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    hx.to_shared_strings(english)
    strings = hx.member(english, hx.STRINGS)
    hx.rewrite(english, {hx.STRINGS: hx.billion_laughs() + strings[strings.index(b"<sst") :]})
    refused(work, english, "xl/sharedStrings.xml", "declares a DOCTYPE")


def test_a_part_past_its_uncompressed_limit_is_refused_while_it_streams(work: Path) -> None:
    """129 MiB of blank text between rows (about 130 KB compressed) passes the 128 MiB limit of a part."""
    english = work / "ListOfSecurities.xlsx"
    hx.edit_sheet(english, hx.append_rows(lambda first: hx.repeated(b"\n", 129 << 20)))
    refused(work, english, "xl/worksheets/sheet1.xml", "more than 128 MiB uncompressed")


def test_a_part_whose_zip_entry_understates_its_size_is_refused_in_one_line(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    hx.understate_size(english, hx.SHEET, 100)
    refused(work, english, "xl/worksheets/sheet1.xml")


def test_a_row_past_excels_last_row_is_refused(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    row = b'<row r="1048577"><c r="A1048577"><v>1</v></c></row>'
    hx.edit_sheet(english, hx.append_rows(lambda first: [row]))
    refused(work, english, "row 1,048,577 is past row 1,048,576")


def test_a_value_past_the_last_column_read_is_refused(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    far = hx.append_rows(lambda n: [f'<row r="{n}"><c r="IW{n}"><v>1</v></c></row>'.encode()])
    hx.edit_sheet(english, far)
    refused(work, english, "past column IV (256)")


def test_a_value_in_the_last_column_read_is_read(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    last = hx.append_rows(lambda n: [f'<row r="{n}"><c r="IV{n}"><v>1</v></c></row>'.encode()])
    hx.edit_sheet(english, last)
    run = run_import(work, english, work / "ListOfSecurities_c.xlsx")
    assert run.code == 0, run.stderr
    assert f"{EQUITIES} added" in run.stderr


def test_more_shared_strings_than_the_limit_are_refused(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    hx.to_shared_strings(english)
    many = b"".join([b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'])
    hx.rewrite(english, {hx.STRINGS: [many, *hx.repeated(b"<si/>", 5 * 1_000_001), b"</sst>"]})
    refused(work, english, "more than 1,000,000 shared strings")


def test_a_zip_of_more_entries_than_a_workbook_has_is_refused_before_its_directory_is_read(
    work: Path,
) -> None:
    english = work / "ListOfSecurities.xlsx"
    with zipfile.ZipFile(english, "a") as book:
        for n in range(10_001):
            book.writestr(f"customXml/item{n}.xml", b"")
    refused(work, english, "10,010 entries", "more than the 10,000")


def test_a_workbook_file_past_its_size_limit_is_refused_before_it_is_opened(work: Path) -> None:
    english = work / "ListOfSecurities.xlsx"
    with zipfile.ZipFile(english, "a", compression=zipfile.ZIP_STORED) as book:
        book.writestr("xl/media/padding.bin", os.urandom(1 << 20) * 65)
    refused(work, english, "more than the 64 MiB a workbook may have")


# -- the exchange's other list (glossary import of Hyperlinks-to-Listed-Co.xlsx or its JSON mirror) ------


def test_the_hyperlinks_workbook_goes_through_the_same_reader(work: Path) -> None:
    """Every sheet of it is read (Main Board, GEM), each with the same limits and refusals."""
    book = work / "Hyperlinks-to-Listed-Co.xlsx"
    hx.base(book)
    hx.edit_sheet(book, hx.with_doctype(hx.billion_laughs()))
    refused(work, book, "declares a DOCTYPE", args=["glossary", "import", str(book)])


def test_a_json_mirror_nested_100000_deep_is_refused_in_one_line(work: Path) -> None:
    mirror = work / "hyperlinks.json"
    mirror.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    refused(work, mirror, "nested more than 4 levels deep", args=["glossary", "import", str(mirror)])
