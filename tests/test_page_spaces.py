"""The page's own characters reach the PO files and the exchange files: a no-break space stays one.

The seed page has a no-break space (U+00A0) in two titles. A CAT tool that segments the page sees it, so a
memory or an XLIFF file with a plain space there would never match. Folders written when it was read as a
plain space take the page's text on the next run, every translation and review state kept.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import ROOT, SEED
from workbench.cli import _register, app
from workbench.exchange import tmx_bytes, xliff_bytes
from workbench.po import load_po
from workbench.tm import TranslationMemory

_register()
runner = CliRunner()
TITLE = "簡訊:上市月餘股價勁挫\u00a0遇見小麵急回購挺股價"
ARTICLE = "2408-hk-423d51"


def _review_everything(folder: Path) -> dict[str, tuple[str, str]]:
    """A reviewer confirms every sentence of both files; returns (English, Simplified) by source."""
    done: dict[str, list[str]] = {}
    for name in ("en.po", "zh_Hans.po"):
        po = polib.pofile(str(folder / name), wrapwidth=0)
        for index, entry in enumerate(po):
            if name == "en.po":
                entry.msgstr = f"Reviewed sentence {index}."
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            done.setdefault(entry.msgid, []).append(entry.msgstr)
        po.save(str(folder / name))
    return {msgid: (texts[0], texts[1]) for msgid, texts in done.items()}


def test_a_folder_written_with_plain_spaces_takes_the_pages_text_and_keeps_every_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worked example as a version that read the no-break space as a plain one wrote it.
    shutil.copytree(ROOT / "translations", tmp_path / "translations", ignore=shutil.ignore_patterns("report"))
    shutil.copy(SEED, tmp_path / "page.txt")
    monkeypatch.chdir(tmp_path)
    folder = Path("translations", ARTICLE)
    for name in ("en.po", "zh_Hans.po"):
        po = load_po(folder / name)
        for entry in po:
            entry.msgid = entry.msgid.replace("\u00a0", " ")
        po.save(str(folder / name))
    old_title = TITLE.replace("\u00a0", " ")
    assert load_po(folder / "en.po")[0].msgid == old_title
    reviewed = _review_everything(folder)

    result = runner.invoke(app, ["translate", "page.txt", "--no-mt"])
    assert result.exit_code == 0, result.output

    assert sorted(p.name for p in Path("translations").iterdir() if p.is_dir()) == sorted(
        p.name for p in (ROOT / "translations").iterdir() if (p / "en.po").is_file()
    )
    en, zh = load_po(folder / "en.po"), load_po(folder / "zh_Hans.po")
    assert en[0].msgid == TITLE and zh[0].msgid == TITLE
    # The same sentence, not an edited one: translation and state as the reviewer left them, no #| line.
    for po, side in ((en, 0), (zh, 1)):
        assert not po.obsolete_entries()
        for entry in po:
            key = old_title if entry.msgid == TITLE else entry.msgid
            assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (reviewed[key][side], False, None)

    # The exchange files carry the page's character.
    data, _ = tmx_bytes(TranslationMemory.load(Path("translations"), cache=False).entries)
    assert f"<seg>{TITLE}</seg>".encode() in data
    assert f"<source>{TITLE}</source>".encode() in xliff_bytes(folder, "1.2")[0]

    # Migrated once: the next run changes no byte.
    files = {p: p.read_bytes() for p in Path("translations").rglob("*") if p.is_file()}
    assert runner.invoke(app, ["translate", "page.txt", "--no-mt"]).exit_code == 0
    assert {p: p.read_bytes() for p in files} == files


def test_a_short_brief_finds_its_folder_when_only_a_space_changed_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two sentences, one of them the title: with the title counted as changed, the folder would share
    too few sentences with the article to be found, and the reviewer's work would stay behind."""
    monkeypatch.chdir(tmp_path)
    page = Path("page.txt")
    page.write_text("簡訊:遇見小麵急回購 挺股價\n\n公司周二宣布回購股份。\n", encoding="utf-8")
    assert runner.invoke(app, ["translate", "page.txt", "--no-mt"]).exit_code == 0
    (folder,) = _article_folders()
    reviewed = _review_everything(folder)

    page.write_text("簡訊:遇見小麵急回購\u00a0挺股價\n\n公司周二宣布回購股份。\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", "page.txt", "--no-mt"])
    assert result.exit_code == 0, result.output

    assert _article_folders() == [folder]
    en = load_po(folder / "en.po")
    assert [e.msgid for e in en] == ["簡訊:遇見小麵急回購\u00a0挺股價", "公司周二宣布回購股份。"]
    assert [(e.msgstr, e.fuzzy) for e in en] == [(reviewed[m][0], False) for m in reviewed]


def _article_folders() -> list[Path]:
    return sorted(p.parent for p in Path("translations").glob("*/en.po"))
