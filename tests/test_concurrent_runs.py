"""A reviewer saving while a run works, and two runs on one folder, with real processes and real files."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from conftest import GLOSSARY, SEED, TEST_MODEL
from workbench.pipeline import TranslateOptions, translate_page

HERE = Path(__file__).resolve().parent
SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
FIRST_BODY = "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。"
REVIEWED = "SenseTime (0020.HK) is one of China's first pure AI companies, known for face recognition."
WORKBENCH = [sys.executable, "-c", "from workbench.cli import main; main()"]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom folder whose articles exist with empty English entries, as after a run with no model."""
    # The seed's first article alone keeps each real run short.
    first = SEED.read_text(encoding="utf-8").split("簡訊:")[0]
    (tmp_path / "page.txt").write_text(first, encoding="utf-8")
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    translate_page("page.txt", TranslateOptions(use_mt=False))
    return tmp_path


def _held_run(desk: Path) -> subprocess.Popen[str]:
    """Start a real run that stops after translating, before writing, until ``go`` exists."""
    return subprocess.Popen(
        [
            sys.executable,
            str(HERE / "held_run.py"),
            "page.txt",
            "translations",
            str(TEST_MODEL),
            "ready",
            "go",
        ],
        cwd=desk,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the run ended early: {process.communicate()}")
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.fixture
def held(desk: Path) -> Iterator[subprocess.Popen[str]]:
    run = _held_run(desk)
    _wait_for(desk / "ready", run)
    yield run
    if run.poll() is None:
        run.kill()
        run.wait()


def _save_as_reviewer(path: Path) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if e.msgid == FIRST_BODY)
    entry.msgstr = REVIEWED
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    entry.tcomment = "saved in Poedit during the run"
    po.save(str(path))


def test_a_save_during_a_run_is_kept_and_the_run_merges_into_it(
    desk: Path, held: subprocess.Popen[str]
) -> None:
    en_path = desk / "translations" / SENSETIME / "en.po"
    _save_as_reviewer(en_path)
    (desk / "go").touch()
    out, err = held.communicate(timeout=120)
    assert held.returncode == 0, err

    entries = {e.msgid: e for e in polib.pofile(str(en_path)) if not e.obsolete}
    saved = entries[FIRST_BODY]
    assert saved.msgstr == REVIEWED and not saved.fuzzy
    assert "saved in Poedit during the run" in saved.tcomment
    # The run's own work was not dropped either: every other sentence got its machine draft.
    others = [e for e in entries.values() if e.msgid != FIRST_BODY]
    assert others and all(e.msgstr and e.fuzzy for e in others)
    assert REVIEWED in (en_path.parent / "en.md").read_text(encoding="utf-8")


def test_a_second_run_waits_for_the_first_and_says_who_holds_the_folder(
    desk: Path, held: subprocess.Popen[str]
) -> None:
    refused = subprocess.run(
        [*WORKBENCH, "translate", "page.txt", "--no-mt", "--no-wait"],
        cwd=desk,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2
    assert f"pid {held.pid}" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1

    log = desk / "second.err"
    with log.open("w") as err:
        second = subprocess.Popen([*WORKBENCH, "translate", "page.txt", "--no-mt"], cwd=desk, stderr=err)
        deadline = time.monotonic() + 60
        while "waiting for another run" not in log.read_text():
            assert second.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.5)
        assert second.poll() is None  # still waiting: the first run holds the folder
        (desk / "go").touch()
        held.communicate(timeout=120)
        assert second.wait(timeout=120) == 0
    assert held.returncode == 0
    assert f"pid {held.pid}" in log.read_text()


def test_a_killed_run_leaves_no_lock_behind(desk: Path, held: subprocess.Popen[str]) -> None:
    os.kill(held.pid, signal.SIGKILL)
    held.wait()
    again = subprocess.run(
        [*WORKBENCH, "translate", "page.txt", "--no-mt", "--no-wait"],
        cwd=desk,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr


def test_build_waits_for_a_run_writing_to_the_same_folder(desk: Path, held: subprocess.Popen[str]) -> None:
    log = desk / "build.err"
    with log.open("w") as err:
        build = subprocess.Popen([*WORKBENCH, "build", "translations"], cwd=desk, stderr=err)
        deadline = time.monotonic() + 60
        while "waiting for another run" not in log.read_text():
            assert build.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        (desk / "go").touch()
        held.communicate(timeout=120)
        assert build.wait(timeout=120) == 0
    # en.md agrees with en.po as the run left it: machine drafts, not the empty entries before.
    english = (desk / "translations" / SENSETIME / "en.md").read_text(encoding="utf-8")
    assert FIRST_BODY not in english
