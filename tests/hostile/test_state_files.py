"""Damaged or hostile state files: the run notes it in one line, goes on, and writes the file afresh.

The workbench's own JSON files (``.workbench-state.json`` in each article folder, the memory's
``.workbench-tm.json`` and ``.workbench-tm.delta.json``, the review site's ``.workbench-report``) only
save time. JSON nested 100,000 deep once stopped ``translate`` with a traceback; now each kind of damage
(nested too deep, cut short, the wrong shape, too large, a FIFO in the file's place) is noted on stderr,
the file is set aside, and the run's output is exactly what an undamaged run writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import GLOSSARY, SEED

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "1318-hk-cfd858"
STATE = f"t/{ARTICLE}/.workbench-state.json"
TM = "t/.workbench-tm.json"
DELTA = "t/.workbench-tm.delta.json"
MARKER = "t/report/.workbench-report"
OUTPUTS = ("en.po", "zh_Hans.po", "en.md", "zh_Hans.txt")
_DATES = re.compile(rb'^"(POT-Creation|PO-Revision)-Date: [^"]*"\n', re.MULTILINE)


def workbench(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT / "src"),
            "ARGOS_PACKAGES_DIR": str(folder / "no-packages"),
        },
    )


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A desk after one run and a report, with one sentence reviewed (so the memory holds something)."""
    folder = tmp_path_factory.mktemp("desk")
    shutil.copy(SEED, folder / "page.txt")
    shutil.copy(GLOSSARY, folder / "glossary.csv")
    assert workbench(folder, "translate", "page.txt", "--no-mt", "--out", "t").returncode == 0
    po = polib.pofile(str(folder / "t" / ARTICLE / "en.po"), wrapwidth=0)
    entry = po[0]
    entry.msgstr, entry.flags = "A reviewed sentence.", []
    po.save()
    assert workbench(folder, "report", "t").returncode == 0
    # The next run has a changed sentence, so it loads the memory and writes the article again.
    page = folder / "page.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("跌2.5%。", "跌2.6%。"), encoding="utf-8")
    return folder


@pytest.fixture
def desk(translated: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    shutil.copytree(translated, folder, symlinks=True)
    return folder


@pytest.fixture(scope="module")
def expected(translated: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What an undamaged run writes."""
    folder = tmp_path_factory.mktemp("control") / "desk"
    shutil.copytree(translated, folder)
    run = workbench(folder, "translate", "page.txt", "--no-mt", "--out", "t")
    assert run.returncode == 0 and "note" not in run.stderr, run.stderr
    return outputs(folder)


def outputs(folder: Path) -> dict[str, bytes]:
    """The run's files, without the minute each PO file was made (two runs may fall on either side of one)."""
    files = sorted((folder / "t").rglob("*"))
    return {str(p.relative_to(folder)): _DATES.sub(b"", p.read_bytes()) for p in files if p.name in OUTPUTS}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


DAMAGE = {
    "nested 100,000 deep": (lambda path: path.write_text(nested(100_000)), "nested more than 16 levels deep"),
    "nested 20 deep": (lambda path: path.write_text(nested(20)), "nested more than 16 levels deep"),
    "cut short": (lambda path: path.write_bytes(_half(path.read_bytes())), "is not valid JSON"),
    "not UTF-8": (lambda path: path.write_bytes(b'{"version": "\xff"}'), "is not valid JSON"),
}


def run_damaged(desk: Path, name: str, expected_words: str) -> subprocess.CompletedProcess[str]:
    run = workbench(desk, "translate", "page.txt", "--no-mt", "--out", "t")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    notes = [line for line in run.stderr.splitlines() if line.startswith("workbench: note:")]
    assert len(notes) == 1, run.stderr
    assert name in notes[0] and expected_words in notes[0], notes[0]
    return run


CASES = [(name, "nested 100,000 deep") for name in (STATE, TM, DELTA, MARKER)]
CASES += [(name, damage) for name in (STATE, TM) for damage in sorted(DAMAGE) if "100,000" not in damage]


@pytest.mark.parametrize(("name", "damage"), CASES)
def test_a_damaged_state_file_is_noted_set_aside_and_written_afresh(
    desk: Path, expected: dict[str, bytes], name: str, damage: str
) -> None:
    spoil, words = DAMAGE[damage]
    path = desk / name
    if not path.exists():
        # The delta exists only between two folds of the memory.
        path.write_text(json.dumps({"version": 3, "files": {}}))
    spoil(path)
    run_damaged(desk, name, words)
    assert outputs(desk) == expected
    assert "A reviewed sentence." in (desk / "t" / ARTICLE / "en.po").read_text(encoding="utf-8")
    if path.exists():  # written afresh (the delta only when the run had changes to record in it)
        json.loads(path.read_text(encoding="utf-8"))
    if damage == "nested 100,000 deep":
        again = workbench(desk, "translate", "page.txt", "--no-mt", "--out", "t")
        assert again.returncode == 0 and "note" not in again.stderr, again.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (STATE, {"version": 1, "inputs": "x", "sentences": {"a": 1}, "files": []}),
        (STATE, ["not", "an", "object"]),
        (TM, {"version": 3, "files": ["not", "a", "mapping"]}),
        (TM, "a string"),
        (MARKER, {"version": "x", "articles": ["not", "a", "mapping"]}),
    ],
)
def test_a_state_file_of_the_wrong_shape_is_noted_and_written_afresh(
    desk: Path, expected: dict[str, bytes], name: str, content: object
) -> None:
    (desk / name).write_text(json.dumps(content))
    run_damaged(desk, name, "is not a")
    assert outputs(desk) == expected


def test_a_fifo_in_a_state_files_place_neither_blocks_nor_stops_the_run(
    desk: Path, expected: dict[str, bytes]
) -> None:
    path = desk / STATE
    path.unlink()
    os.mkfifo(path)
    run_damaged(desk, STATE, "is not a regular file")
    assert outputs(desk) == expected
    assert path.is_file() and not path.is_symlink()


def test_a_state_file_past_its_size_limit_is_noted_and_written_afresh(
    desk: Path, expected: dict[str, bytes]
) -> None:
    path = desk / STATE
    path.write_bytes(b" " * (16 << 20) + b"{}")
    run_damaged(desk, STATE, "larger than the 16,777,216 bytes")
    assert outputs(desk) == expected
    assert path.stat().st_size < 1 << 20


def test_an_unreadable_state_file_of_an_article_not_in_the_run_is_set_aside_too(desk: Path) -> None:
    """Its article is not on the page; its folder is still matched by its en.po, and its state comes back
    the next time it runs."""
    (desk / STATE).write_text(nested(100_000))
    (desk / "other.txt").write_text("簡訊:零跑汽車再度發行內資股\n\n公司股價周三低開。\n", encoding="utf-8")
    run = workbench(desk, "translate", "other.txt", "--no-mt", "--out", "t")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert f"{STATE}: its JSON is nested more than 16 levels deep" in run.stderr
    assert not (desk / STATE).exists()
