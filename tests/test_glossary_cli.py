"""``workbench glossary`` commands: exit codes, output and files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from workbench.cli import glossary as glossary_cli
from workbench.glossary import load_glossary

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
Invoke = Callable[..., Result]
HEADER = "traditional,simplified,english,aliases,tickers,type,forbidden,notes"


@pytest.fixture
def run() -> Invoke:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """workbench"""

    glossary_cli.register(app)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["glossary", *args])

    return invoke


def test_check_passes_on_the_committed_glossary(run: Invoke) -> None:
    result = run("check", "--glossary", str(ROOT / "glossary.csv"))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_check_reports_errors_with_exit_1_and_json(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        f"{HEADER}\n商湯,商汤,SenseTime,,0020.HK,company,,\n華興,华兴,,,20,company,,\n", encoding="utf-8"
    )
    result = run("check", "--glossary", str(path))
    assert result.exit_code == 1
    assert "duplicate-ticker" in result.output and "missing-english" in result.output
    result = run("check", "--glossary", str(path), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["errors"] == 2
    assert {(p["row"], p["check"]) for p in data["problems"]} == {
        (3, "duplicate-ticker"),
        (3, "missing-english"),
    }


def test_a_broken_file_is_one_line_and_exit_2(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(f"{HEADER}\n商湯,商汤,SenseTime,,0020.HK\n", encoding="utf-8")
    result = run("check", "--glossary", str(path))
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "row 2" in result.output


def test_add_then_refuse_the_same_ticker(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    original = f"\ufeff{HEADER}\r\n商湯,商汤,SenseTime,,0020.HK,company,,\r\n".encode()
    path.write_bytes(original)
    result = run(
        "add", "周大福珠寶集團有限公司", "--english", "Chow Tai Fook Jewellery", "--alias", "周大福",
        "--ticker", "01929", "--glossary", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "row 3" in result.output and "周大福珠宝集团有限公司" in result.output
    after = path.read_bytes()
    assert after.startswith(original) and after.endswith(b"\r\n")
    assert load_glossary(path).by_ticker("1929.HK") is not None
    result = run(
        "add", "周生生", "--english", "Chow Sang Sang", "--ticker", "1929.HK", "--glossary", str(path)
    )
    assert result.exit_code == 2 and "1929.HK" in result.output
    assert path.read_bytes() == after


def test_find_prints_the_best_entry_first(run: Invoke) -> None:
    result = run("find", "商汤", "--json", "--glossary", str(ROOT / "glossary.csv"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["english"] == "SenseTime"
    assert run("find", "zzzqqq", "--glossary", str(ROOT / "glossary.csv")).exit_code == 1


def test_suggest_csv_rows_append_cleanly(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    lines = (ROOT / "glossary.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if "華興資本控股有限公司" not in line), encoding="utf-8")
    result = run("suggest", str(SEED), "--no-model", "--csv", "--glossary", str(path))
    assert result.exit_code == 0, result.output
    assert "華興資本控股有限公司" in result.stdout and "1911.HK" in result.stdout
    with path.open("a", encoding="utf-8") as handle:
        handle.write(result.stdout)
    g = load_glossary(path)
    assert g.by_ticker("1911.HK") is not None and g.by_name("華興資本") is not None


def test_suggest_table_and_json(run: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("珠寶零售商周大福(01929)周二公布業績。", encoding="utf-8")
    result = run("suggest", "--no-model", "--json", "--glossary", str(ROOT / "glossary.csv"), str(page))
    data = json.loads(result.stdout)
    assert data[0]["traditional"] == "周大福" and data[0]["tickers"] == ["1929.HK"]
    result = run("suggest", "--no-model", "--glossary", str(ROOT / "glossary.csv"), str(page))
    assert "周大福" in result.stdout and "1929.HK" in result.stdout


@pytest.mark.parametrize("fmt", ["tbx", "omegat", "weblate", "deepl"])
def test_export_writes_a_file(run: Invoke, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"glossary.{fmt}"
    result = run("export", "--format", fmt, "--output", str(out), "--glossary", str(ROOT / "glossary.csv"))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "商湯集團股份有限公司" in text and "SenseTime" in text


def test_export_unknown_format_is_exit_2(run: Invoke) -> None:
    result = run("export", "--format", "xlsx", "--glossary", str(ROOT / "glossary.csv"))
    assert result.exit_code == 2


def test_suggest_reads_reviewed_translations_by_default(
    run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polib

    monkeypatch.chdir(tmp_path)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for index, (msgid, msgstr) in enumerate(
        [
            ("富途控股周二公布業績。", "Futu Holdings reported on Tuesday."),
            ("分析師看好富途控股。", "Analysts like Futu Holdings."),
        ],
        start=1,
    ):
        po.append(polib.POEntry(msgctxt=f"a:p1.s{index}", msgid=msgid, msgstr=msgstr))
    (tmp_path / "translations" / "a").mkdir(parents=True)
    po.save(str(tmp_path / "translations" / "a" / "en.po"))
    page = tmp_path / "page.txt"
    page.write_text("今日沒有公司消息。", encoding="utf-8")
    args = ("suggest", "--no-model", "--json", "--glossary", str(ROOT / "glossary.csv"), str(page))
    data = json.loads(run(*args).stdout)
    assert [(d["traditional"], d["english"], d["english_from"]) for d in data] == [
        ("富途控股", "Futu Holdings", "reviewed")
    ]
    assert json.loads(run(*args, "--no-reviewed").stdout) == []


def _cr_only(tmp_path: Path) -> Path:
    """The committed glossary as old Mac Excel saves it: CR alone ends each row."""
    path = tmp_path / "mac.csv"
    text = (ROOT / "glossary.csv").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    assert b"\n" not in text
    path.write_bytes(text)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["find", "商湯", "--json"],
        ["suggest", str(SEED), "--no-model", "--json"],
        ["export", "--format", "tbx"],
    ],
)
def test_every_command_reads_a_glossary_with_cr_only_line_ends(
    run: Invoke, tmp_path: Path, command: list[str]
) -> None:
    mac = _cr_only(tmp_path)
    cr = run(*command, "--glossary", str(mac))
    lf = run(*command, "--glossary", str(ROOT / "glossary.csv"))
    assert cr.exit_code == lf.exit_code == 0, cr.output
    assert cr.stdout.replace(str(mac), "glossary.csv") == lf.stdout.replace(
        str(ROOT / "glossary.csv"), "glossary.csv"
    )


def test_add_to_a_cr_only_glossary_keeps_its_line_ends_and_counts_its_rows(
    run: Invoke, tmp_path: Path
) -> None:
    path = _cr_only(tmp_path)
    before = path.read_bytes()
    rows = len(load_glossary(path).entries) + 1  # the header
    result = run("add", "周大福珠寶集團有限公司", "--english", "Chow Tai Fook", "--glossary", str(path))
    assert result.exit_code == 0, result.output
    assert f"row {rows + 1}" in result.output
    after = path.read_bytes()
    assert after.startswith(before.rstrip(b"\r")) and b"\n" not in after
    entry = load_glossary(path).by_name("周大福珠寶集團有限公司")
    assert entry is not None and entry.row == rows + 1


def test_translate_uses_a_glossary_with_cr_only_line_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.cli import _register, app

    _register()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text(
        "0020.HK\nSenseTime completes reorg\n\n商湯集團股份有限公司(0020.HK)是中國最早的人工智能公司之一。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["translate", "page.txt", "--no-mt", "--glossary", str(_cr_only(tmp_path))]
    )
    assert result.exit_code == 0, result.output
    po = (tmp_path / "translations" / "sensetime-completes-reorg" / "en.po").read_text(encoding="utf-8")
    assert "glossary: 商湯集團股份有限公司 → SenseTime (0020.HK)" in po


def test_import_into_a_cr_only_glossary_keeps_its_line_ends(run: Invoke, tmp_path: Path) -> None:
    path = _cr_only(tmp_path)
    vendor = tmp_path / "vendor.csv"
    vendor.write_bytes("ric,name_en,name_tc\r0700.HK,Tencent Holdings Ltd,騰訊控股\r".encode())
    columns = ["--code-column", "ric", "--english-column", "name_en", "--chinese-column", "name_tc"]
    result = run("import", str(vendor), "--glossary", str(path), *columns, "--date", "2026-11-02")
    assert result.exit_code == 0, result.output
    assert b"\n" not in path.read_bytes()
    entry = load_glossary(path).by_ticker("0700.HK")
    assert entry is not None and entry.english == "Tencent" and "Tencent Holdings Ltd" in entry.notes
