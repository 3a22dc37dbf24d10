"""Runs over many pages and re-runs: skipping what did not change, folders that stay, failures that stay
alone, exit codes."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import GLOSSARY, SEED, TEST_MODEL
from workbench.cli import _register, app
from workbench.mt import Translation
from workbench.pipeline import TranslateOptions, translate_page, translate_pages

SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
FIRST_BODY = "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。"
BRIEF = (
    "簡訊:零跑汽車再度發行內資股\n\n公司股價周三低開,至中午休市報49.24港元,跌2.5%。 市場反應冷淡。 李世達\n"
)

_register()
runner = CliRunner()


class CountingEngine:
    wants_simplified = False

    def __init__(self, name: str = "counting-engine 1.0 (cpu)") -> None:
        self.calls: list[list[str]] = []
        self.name = name

    def describe(self) -> str:
        return self.name

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        self.calls.append(list(texts))
        return [Translation(f"Draft of a sentence of {len(t)} characters.", -0.5) for t in texts]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pages").mkdir()
    shutil.copy(SEED, tmp_path / "pages" / "seed.txt")
    (tmp_path / "pages" / "brief.txt").write_text(BRIEF, encoding="utf-8")
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    return tmp_path


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".workbench.lock"
    }


def _review(path: Path, msgid: str, english: str) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if e.msgid == msgid)
    entry.msgstr = english
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(path))


def test_a_folder_of_pages_is_one_run_with_one_engine_call(desk: Path) -> None:
    engine = CountingEngine()
    report = translate_pages(["pages"], TranslateOptions(), engine=engine)
    assert [p.page.path for p in report.pages] == ["pages/brief.txt", "pages/seed.txt"]
    total = sum(a.sentences for a in report.articles)
    assert len(report.articles) == 6 and len(engine.calls) == 1 and len(engine.calls[0]) == total
    assert "市場反應冷淡。" in engine.calls[0] and FIRST_BODY in engine.calls[0]


def test_the_cli_prints_one_line_per_page_and_one_for_the_run(desk: Path) -> None:
    result = runner.invoke(app, ["translate", "pages/*.txt", "--no-mt"])
    assert result.exit_code == 0, result.output
    # Report lines: stderr, leaving stdout to data (--json).
    assert result.stdout == ""
    lines = [line for line in result.stderr.strip().splitlines() if "article" in line]
    assert len(lines) == 3
    assert lines[0].startswith("pages/brief.txt: 1 article (1 written")
    assert lines[1].startswith("pages/seed.txt: 5 articles (5 written")
    assert lines[2].startswith("2 pages: 6 articles (6 written, 0 unchanged)")


def test_an_unchanged_rerun_skips_every_article_and_touches_no_file(desk: Path) -> None:
    translate_pages(["pages"], TranslateOptions(), engine=CountingEngine())
    before = _snapshot(desk / "translations")
    again = CountingEngine()
    report = translate_pages(["pages"], TranslateOptions(), engine=again)
    assert all(a.skipped for a in report.articles) and len(report.articles) == 6
    assert again.calls == []
    assert _snapshot(desk / "translations") == before


def test_an_edited_file_is_never_skipped_and_reaches_the_checks_and_the_draft(desk: Path) -> None:
    translate_pages(["pages"], TranslateOptions(), engine=CountingEngine())
    folder = desk / "translations" / SENSETIME
    _review(folder / "en.po", FIRST_BODY, "SenseTime (0020.HK) made 9 billion yuan.")
    report = translate_pages(["pages"], TranslateOptions(), engine=CountingEngine())
    written = [a.folder.name for a in report.articles if not a.skipped]
    assert written == [SENSETIME]
    entry = next(e for e in polib.pofile(str(folder / "en.po")) if e.msgid == FIRST_BODY)
    assert entry.msgstr.endswith("made 9 billion yuan.") and not entry.fuzzy
    assert "made 9 billion yuan." in (folder / "en.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", ["page", "glossary", "model"])
def test_a_change_to_what_an_article_uses_runs_that_article_again(desk: Path, change: str) -> None:
    translate_pages(["pages"], TranslateOptions(), engine=CountingEngine())
    engine = CountingEngine()
    if change == "page":
        seed = desk / "pages" / "seed.txt"
        seed.write_text(
            seed.read_text(encoding="utf-8").replace("周二的內部信", "周三的內部信"), encoding="utf-8"
        )
    elif change == "glossary":
        glossary = desk / "glossary.csv"
        glossary.write_text(glossary.read_text(encoding="utf-8").replace(",SenseTime,", ",SenseTime Group,"))
    else:
        engine = CountingEngine("counting-engine 2.0 (cpu)")
    report = translate_pages(["pages"], TranslateOptions(), engine=engine)
    expected = ["pages/brief.txt", "pages/seed.txt"] if change == "model" else ["pages/seed.txt"]
    assert sorted({a.article.source for a in report.articles if not a.skipped}) == expected
    assert SENSETIME in {a.folder.name for a in report.articles if not a.skipped}


def test_a_rerun_that_changes_nothing_keeps_the_creation_date_though_qa_lines_exist(desk: Path) -> None:
    translate_page("pages/seed.txt", TranslateOptions(), engine=CountingEngine())
    en_path = desk / "translations" / SENSETIME / "en.po"
    text = en_path.read_text(encoding="utf-8")
    assert "#. QA: error" in text
    # As if the last run had been a while ago: the clock has moved past the file's stamp.
    stamp = polib.pofile(str(en_path)).metadata["POT-Creation-Date"]
    en_path.write_text(text.replace(stamp, "2020-01-01 09:00+0800"), encoding="utf-8")
    before = en_path.read_bytes()
    report = translate_page("pages/seed.txt", TranslateOptions(), engine=CountingEngine())
    assert SENSETIME in {a.folder.name for a in report.articles if not a.skipped}
    assert en_path.read_bytes() == before


TWIN = "Leapmotor brings in a local state investor and raises capital through domestic shares {}"


def _twins_page(first: bool) -> str:
    one = f"{TWIN.format('first')}\n\n簡訊:零跑汽車第一篇\n\n"
    one += "公司股價周三低開,至中午休市報49.24港元,跌2.5%。 李世達\n\n"
    two = f"{TWIN.format('second')}\n\n簡訊:零跑汽車第二篇\n\n"
    two += "市場反應冷淡。 公司於1月6日與金義高新訂立協議。 陽歌\n"
    return (one if first else "") + two


def test_an_article_keeps_its_folder_when_its_slug_twin_leaves_the_page(desk: Path) -> None:
    (desk / "twins.txt").write_text(_twins_page(first=True), encoding="utf-8")
    report = translate_page("twins.txt", TranslateOptions(use_mt=False))
    first, second = (a.folder for a in report.articles)
    assert second.name == f"{first.name}-2"
    _review(second / "en.po", "市場反應冷淡。", "The market shrugged.")
    first_before = (first / "en.po").read_bytes()

    (desk / "twins.txt").write_text(_twins_page(first=False), encoding="utf-8")
    report = translate_page("twins.txt", TranslateOptions(use_mt=False))
    assert [a.folder for a in report.articles] == [second]
    entry = next(e for e in polib.pofile(str(second / "en.po")) if e.msgid == "市場反應冷淡。")
    assert entry.msgstr == "The market shrugged." and not entry.fuzzy
    assert (first / "en.po").read_bytes() == first_before


def test_a_retitled_article_keeps_its_folder_and_its_reviewed_entries(desk: Path) -> None:
    translate_page("pages/seed.txt", TranslateOptions(use_mt=False))
    folder = desk / "translations" / SENSETIME
    _review(folder / "en.po", FIRST_BODY, "SenseTime (0020.HK) is a pioneer of AI in China.")
    seed = desk / "pages" / "seed.txt"
    text = seed.read_text(encoding="utf-8").replace(
        "SenseTime completes reorg to focus on GenAI", "SenseTime bets its future on generative AI"
    )
    seed.write_text(
        text.replace("該公司曾是傳統人工智能領域的領導者", "這家公司曾是人工智能領域的領導者"),
        encoding="utf-8",
    )
    report = translate_page("pages/seed.txt", TranslateOptions(use_mt=False))
    assert SENSETIME in [a.folder.name for a in report.articles]
    assert not any(p.name.startswith("sensetime-bets") for p in (desk / "translations").iterdir())
    entry = next(e for e in polib.pofile(str(folder / "en.po")) if e.msgid == FIRST_BODY)
    assert entry.msgstr == "SenseTime (0020.HK) is a pioneer of AI in China." and not entry.fuzzy
    assert "SenseTime bets its future on generative AI" in (folder / "en.md").read_text(encoding="utf-8")


def test_a_file_where_a_folder_belongs_stops_only_that_article_before_anything_is_written(desk: Path) -> None:
    # A translations folder the tool made (another page's article), where someone left a file.
    assert runner.invoke(app, ["translate", "pages/brief.txt", "--no-mt"]).exit_code == 0
    (desk / "translations" / SENSETIME).write_text("notes", encoding="utf-8")
    result = runner.invoke(app, ["translate", "pages", "--no-mt"])
    assert result.exit_code == 2
    assert (desk / "translations" / SENSETIME).read_text(encoding="utf-8") == "notes"
    written = sorted(p.name for p in (desk / "translations").iterdir() if p.is_dir())
    assert len(written) == 5 and SENSETIME not in written
    assert f"not written: {SENSETIME}" in result.stderr
    assert "1 not written" in result.stderr and "Traceback" not in result.output


def test_strict_exits_1_when_drafts_have_qa_errors_and_0_without_it(desk: Path) -> None:
    common = ["translate", "pages/seed.txt", "--model", str(TEST_MODEL), "--device", "cpu"]
    plain = runner.invoke(app, common)
    assert plain.exit_code == 0, plain.output
    assert "with QA errors" in plain.stderr and ", 0 with QA errors" not in plain.stderr
    strict = runner.invoke(app, [*common, "--strict"])
    assert strict.exit_code == 1, strict.output
    clean = runner.invoke(app, ["translate", "pages/brief.txt", "--no-mt", "--strict"])
    assert clean.exit_code == 0, clean.output


def test_a_progress_bar_goes_to_stderr_only_when_it_is_a_terminal(desk: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    command = [
        sys.executable,
        "-c",
        "from workbench.cli import main; main()",
        "translate",
        "pages",
        "--no-mt",
    ]
    piped = subprocess.run(command, cwd=desk, capture_output=True, text=True)
    assert piped.returncode == 0 and "articles written" not in piped.stderr
    assert piped.stderr.count("\n") == 3 and piped.stdout == ""

    shutil.rmtree(desk / "translations")
    controller, terminal = pty.openpty()
    run = subprocess.Popen(command, cwd=desk, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closes when the run ends
            break
        if not chunk:
            break
        seen += chunk
    out, _ = run.communicate(timeout=60)
    os.close(controller)
    assert run.returncode == 0
    assert b"articles written" in seen and b"2 pages: 6 articles" in seen
    assert out == b""


@pytest.mark.parametrize(("value", "ok"), [("2x1", True), ("3", True), ("0x2", False), ("many", False)])
def test_threads_take_cores_or_workers_by_threads(desk: Path, value: str, ok: bool) -> None:
    result = runner.invoke(
        app,
        ["translate", "pages/brief.txt", "--model", str(TEST_MODEL), "--device", "cpu", "--threads", value],
    )
    assert result.exit_code == (0 if ok else 2), result.output
    if not ok:
        assert "--threads" in result.output and "Traceback" not in result.output


def test_the_memory_cache_knows_what_a_run_wrote_and_agrees_with_the_files(desk: Path) -> None:
    import json

    from workbench.tm import read_tree
    from workbench.tm.store import CACHE_NAME, DELTA_NAME

    translate_pages(["pages"], TranslateOptions(), engine=CountingEngine())
    folder = desk / "translations" / SENSETIME
    _review(folder / "en.po", FIRST_BODY, "SenseTime (0020.HK) is a pioneer of AI in China.")
    translate_pages(["pages"], TranslateOptions(), engine=CountingEngine())

    tree = desk / "translations"
    records: dict[str, object] = {}
    for name in (CACHE_NAME, DELTA_NAME):
        if (tree / name).exists():
            records.update(json.loads((tree / name).read_text(encoding="utf-8"))["files"])
    assert sorted(records) == sorted(f"{p.parent.name}/en.po" for p in tree.glob("*/en.po"))
    cached = sorted((e.source, e.target, e.article) for e in read_tree(tree))
    parsed = sorted((e.source, e.target, e.article) for e in read_tree(tree, cache=False))
    assert cached == parsed
    assert (FIRST_BODY, "SenseTime (0020.HK) is a pioneer of AI in China.", SENSETIME) in cached
