"""One en.po the memory cannot read costs its own article, never the run.

With one article's en.po declaring ``charset=ISO-8859-1`` over UTF-8 text (or holding a duplicate entry,
or no header) and a new sentence in another article, ``translate`` once wrote 0 of 5 articles: the
translation memory, which reads every en.po, stopped the whole run. The memory now leaves that file out
and names it, and the run writes what it writes with ``--no-tm``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SEED
from desk import PAGE, cli, seed_desk
from tree_snapshot import snapshot
from workbench.errors import POFileError
from workbench.tm import TranslationMemory

BROKEN = "china-renaissance-is-a-financial-company"
SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
OLD, NEW = "商湯的股價在公告後的兩天基本保持不變。", "商湯的股價在公告後的三天基本保持不變。"


def _run(*args: str) -> tuple[int, str, str]:
    result = cli(*args)
    return result.exit_code, result.stdout, result.stderr


def _charset(text: str) -> str:
    return text.replace("charset=UTF-8", "charset=ISO-8859-1")


def _duplicate(text: str) -> str:
    # The last entry again, as a bad merge by hand leaves it.
    return text + "\n" + text[text.rindex("\n#. position:") + 1 :]


def _no_header(text: str) -> str:
    start = text.index('msgid ""')
    return text[:start] + text[text.index("\n\n", start) + 2 :]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seed_desk(tmp_path, monkeypatch)
    assert _run("translate", PAGE, "--no-mt")[0] == 0
    # A reviewed sentence, so the memory has something to offer.
    en = tmp_path / "translations" / SENSETIME / "en.po"
    text = en.read_text(encoding="utf-8")
    entry = f'msgid "{OLD}"\nmsgstr ""'
    assert entry in text
    en.write_text(text.replace(entry, f'msgid "{OLD}"\nmsgstr "SenseTime\'s shares barely moved."'), "utf-8")
    page = tmp_path / "seeds" / SEED.name
    page.write_text(page.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "breakage", [_charset, _duplicate, _no_header], ids=["charset", "duplicate", "no-header"]
)
def test_a_broken_en_po_is_left_out_of_the_memory_and_the_run_goes_on(
    desk: Path, breakage: Callable[[str], str]
) -> None:
    broken = desk / "translations" / BROKEN / "en.po"
    broken.write_text(breakage(broken.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copytree(desk / "translations", desk / "no-tm")
    before = snapshot(desk / "translations" / BROKEN)

    code, out, err = _run("translate", PAGE, "--json")
    assert code == 2, err
    # The memory names the file it left out; the article whose file it is fails alone, as it was.
    assert f"left out of the translation memory: translations/{BROKEN}/en.po" in err
    assert snapshot(desk / "translations" / BROKEN) == before
    (page,) = json.loads(out)["pages"]
    assert [a["id"] for a in page["articles"] if a["failure"]] == [BROKEN]
    written = {a["id"]: a for a in page["articles"] if not a["failure"]}
    assert len(written) == 4
    # The changed sentence found the reviewed one in the memory.
    assert written[SENSETIME]["memory"] == 1
    drafts = (desk / "translations" / SENSETIME / "en.po").read_text(encoding="utf-8")
    assert "SenseTime's shares barely moved." in drafts

    # What --no-tm writes: the same articles.
    code, out, _ = _run("translate", PAGE, "--no-tm", "--out", "no-tm", "--json")
    assert code == 2
    (page,) = json.loads(out)["pages"]
    assert sorted(a["id"] for a in page["articles"] if not a["failure"]) == sorted(written)


def test_an_export_of_the_memory_still_refuses_a_file_it_cannot_read(desk: Path) -> None:
    broken = desk / "translations" / BROKEN / "en.po"
    broken.write_text(_charset(broken.read_text(encoding="utf-8")), encoding="utf-8")
    # A TMX must not silently lack a reviewer's work: the file is named and the export stops.
    with pytest.raises(POFileError, match=BROKEN):
        len(TranslationMemory.load(desk / "translations"))
    code, _, err = _run("export", "--format", "tmx", "translations")
    assert code == 2 and f"translations/{BROKEN}/en.po" in err and len(err.strip().splitlines()) == 1
    assert not (desk / "translations" / "workbench.tmx").exists()
