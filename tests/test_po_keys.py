"""Entry keys that do not move: msgctxt only tells repeats apart, the position lives in a comment.

GNU msgmerge, Weblate and CAT tools find an entry again by its key (msgctxt + msgid); a key that named the
sentence's position changed whenever a sentence was inserted or removed before it, and review state was
lost. These tests run the real tools on a real page edited the way a desk edits one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import ROOT, SEED
from workbench.cli import _register, app
from workbench.exchange import tmx_bytes, xliff_bytes
from workbench.model import Article, Segment
from workbench.pipeline import TranslateOptions, translate_page
from workbench.po import entry_key, entry_position, export_catalog, load_po, merge_catalog, save_po
from workbench.po.keys import Position, contexts_for, free_context, unit_id
from workbench.tm import TranslationMemory

_register()
runner = CliRunner()
LEGACY = ROOT / "tests" / "fixtures" / "legacy_keys"
LEGACY_ARTICLE = "tencent-posts-higher-profit"
SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
GNU = pytest.mark.skipif(
    shutil.which("msgmerge") is None or shutil.which("msgfmt") is None,
    reason="GNU gettext is not installed; apt-get install gettext",
)


def msgfmt_check(path: Path) -> None:
    result = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- the key and the position ------------------------------------------------------------------------


def test_only_repeats_of_a_text_in_the_article_get_a_context() -> None:
    assert contexts_for(["甲。", "乙。", "甲。", "甲。", "乙。"]) == [
        None,
        None,
        "repeat 2",
        "repeat 3",
        "repeat 2",
    ]


def test_the_position_is_read_from_its_comment_and_from_old_positional_contexts() -> None:
    new = polib.POEntry(msgid="甲。", comment="position: p3.s2\nkind: bullet")
    old = polib.POEntry(msgctxt="some-article:p10.s1", msgid="甲。")
    neither = polib.POEntry(msgctxt="repeat 2", msgid="甲。")
    assert entry_position(new) == Position(3, 2) and str(entry_position(new)) == "p3.s2"
    assert entry_position(old) == Position(10, 1)
    assert entry_position(neither) is None


def test_exchange_ids_depend_on_the_key_only() -> None:
    assert unit_id(("", "甲。")) == unit_id(("", "甲。"))
    assert unit_id(("", "甲。")) != unit_id(("repeat 2", "甲。")) != unit_id(("", "乙。"))
    assert unit_id(("", "甲。")).isalnum()  # an XML NMTOKEN, and a safe TMX tuid


def test_a_free_context_skips_keys_already_taken() -> None:
    assert free_context("甲。", set()) is None
    assert free_context("甲。", {("", "甲。"), ("repeat 2", "甲。")}) == "repeat 3"


# --- the workbench's own merge -----------------------------------------------------------------------

ARTICLE = Article("a", "標題", "page.txt", ())
REPEATED = "公司股價周三高開。"


def catalog(*paragraphs: list[str]) -> polib.POFile:
    segments = [
        Segment("a", p, s, text, p, draft=f"MT {text}")
        for p, sentences in enumerate(paragraphs, start=1)
        for s, text in enumerate(sentences, start=1)
    ]
    return export_catalog(ARTICLE, segments, "en", "0.1.0")


def test_a_repeat_that_disappears_leaves_its_reviewed_twin_obsolete_under_a_free_key(tmp_path: Path) -> None:
    old = merge_catalog(None, catalog(["開場。", REPEATED], ["中段。", REPEATED]))
    english_of = ["Opening.", "Shares opened higher.", "Middle.", "Its shares rose."]
    for entry, english in zip(old, english_of, strict=True):
        entry.msgstr, entry.flags = english, []
    assert [e.msgctxt for e in old] == [None, None, None, "repeat 2"]

    # The first occurrence goes: the one left is now the first of its text and takes the bare key,
    # which the removed one had; that one stays, obsolete, under the next free key.
    merged = merge_catalog(old, catalog(["開場。"], ["中段。", REPEATED]))
    live = [e for e in merged if not e.obsolete]
    assert [(e.msgctxt, e.msgstr, e.fuzzy) for e in live if e.msgid == REPEATED] == [
        (None, "Its shares rose.", False)
    ]
    (twin,) = merged.obsolete_entries()
    assert (twin.msgctxt, twin.msgstr) == ("repeat 2", "Shares opened higher.")
    path = tmp_path / "en.po"
    save_po(merged, path)
    msgfmt_check(path)
    assert len({entry_key(e) for e in load_po(path)}) == len(merged)  # load_po refuses duplicate keys


# --- today's folders written before stable keys --------------------------------------------------------


@GNU
def test_an_old_folder_is_migrated_on_the_next_run_with_all_review_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(LEGACY, tmp_path / "desk")
    monkeypatch.chdir(tmp_path / "desk")
    en_path = Path("translations", LEGACY_ARTICLE, "en.po")
    zh_path = en_path.with_name("zh_Hans.po")
    before = {e.msgid + "|" + (e.msgctxt or ""): e for e in load_po(en_path)}
    assert all(e.msgctxt.startswith(f"{LEGACY_ARTICLE}:p") for e in before.values())
    zh_confirmed = {e.msgid: e.msgstr for e in load_po(zh_path) if not e.obsolete and not e.fuzzy}
    assert len(zh_confirmed) == 3

    result = runner.invoke(app, ["translate", "page.txt", "--no-mt"])
    assert result.exit_code == 0, result.output

    po = load_po(en_path)
    live = [e for e in po if not e.obsolete]
    assert [(str(entry_position(e)), e.msgctxt) for e in live] == [
        ("p1.s1", None),
        ("p1.s2", None),
        ("p2.s1", None),
        ("p2.s2", "repeat 2"),
        ("p2.s3", None),
        ("p3.s1", None),
    ]
    # Every translation and its review state as the reviewer left them, in the same places.
    for entry, old in zip(live, (e for e in before.values() if not e.obsolete), strict=True):
        assert (entry.msgid, entry.msgstr, entry.fuzzy) == (old.msgid, old.msgstr, old.fuzzy)
        assert entry.previous_msgid == old.previous_msgid
        assert entry.previous_msgctxt is None  # an old positional key is no context the text had
    assert "check the second mention's wording" in live[3].tcomment
    (gone,) = po.obsolete_entries()
    assert (gone.msgctxt, gone.msgid, gone.msgstr) == (None, "回購計劃將繼續。", "The buyback will continue.")
    assert po.metadata["Last-Translator"] == "Amy Chan <amy@example.com>"
    zh = {e.msgid: e for e in load_po(zh_path) if not e.obsolete}
    assert all(zh[msgid].msgstr == text and not zh[msgid].fuzzy for msgid, text in zh_confirmed.items())
    msgfmt_check(en_path)
    msgfmt_check(zh_path)

    # Migrated once: the next run changes no byte.
    files = {p: p.read_bytes() for p in Path("translations").rglob("*") if p.is_file()}
    assert runner.invoke(app, ["translate", "page.txt", "--no-mt"]).exit_code == 0
    assert {p: p.read_bytes() for p in files} == files


# --- the proof: GNU msgmerge over an edited page --------------------------------------------------------


def _review_everything(folder: Path) -> dict[str, str]:
    """A reviewer confirms every sentence of en.po; returns the English by source."""
    path = folder / "en.po"
    po = polib.pofile(str(path), wrapwidth=0)
    english = {}
    for index, entry in enumerate(po):
        entry.msgstr = f"Reviewed sentence {index}."
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        english[entry.msgid] = entry.msgstr
    po.save(str(path))
    return english


def _edit(page: str) -> str:
    """Sentences inserted at the top of the article and inside a paragraph, one paragraph deleted."""
    page = page.replace("肖林\n", "肖林\n\n商湯周五發表聲明。新增的第二句。\n", 1)
    page = page.replace("但隨著這一技術", "這是插入的句子。但隨著這一技術", 1)
    deleted = "這個轉變是一項全面重組計劃的主題"
    start = page.index(deleted)
    return page[:start] + page[page.index("\n", start) + 1 :]


def _pot(po_path: Path, pot_path: Path) -> None:
    """The template of a fresh run, as xgettext would make it: same keys, comments and references."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        entry.msgstr = ""
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(pot_path))


@GNU
def test_gnu_msgmerge_keeps_every_reviewed_entry_after_sentences_are_inserted_and_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, "page.txt")
    translate_page("page.txt", TranslateOptions(out_dir=Path("before"), use_mt=False))
    reviewed = _review_everything(Path("before", SENSETIME))
    old_po = Path("before", SENSETIME, "en.po")
    old_xliff, _, _ = xliff_bytes(Path("before", SENSETIME))
    old_tmx, _ = tmx_bytes(TranslationMemory.load(Path("before"), cache=False).entries)

    edited = _edit(SEED.read_text(encoding="utf-8"))
    Path("page.txt").write_text(edited, encoding="utf-8")
    translate_page("page.txt", TranslateOptions(out_dir=Path("fresh"), use_mt=False))
    _pot(Path("fresh", SENSETIME, "en.po"), tmp_path / "new.pot")

    merged_path = tmp_path / "merged.po"
    run = subprocess.run(
        ["msgmerge", "--quiet", "--previous", "-o", str(merged_path), str(old_po), "new.pot"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    merged = {e.msgid: e for e in polib.pofile(str(merged_path)) if not e.obsolete}
    still_there = [msgid for msgid in reviewed if msgid in merged]
    assert len(still_there) == len(reviewed) - 1  # the deleted paragraph held one sentence
    kept = [m for m in still_there if merged[m].msgstr == reviewed[m] and not merged[m].fuzzy]
    assert kept == still_there  # 100% of the reviewed entries still on the page stay reviewed
    assert {"商湯周五發表聲明。", "新增的第二句。", "這是插入的句子。"} <= set(merged)
    msgfmt_check(merged_path)

    # The workbench's own re-run over the reviewed folder: the same sentences keep their exchange ids.
    translate_page("page.txt", TranslateOptions(out_dir=Path("before"), use_mt=False))
    new_xliff, _, _ = xliff_bytes(Path("before", SENSETIME))
    new_tmx, _ = tmx_bytes(TranslationMemory.load(Path("before"), cache=False).entries)
    old_units, new_units = _xliff_ids(old_xliff), _xliff_ids(new_xliff)
    unchanged = set(old_units) & set(new_units)
    assert len(unchanged) == len(still_there)
    assert all(old_units[source] == new_units[source] for source in unchanged)
    old_tus, new_tus = _tmx_ids(old_tmx), _tmx_ids(new_tmx)
    assert set(still_there) <= set(new_tus)
    assert all(old_tus[source] == new_tus[source] for source in still_there)


def _xliff_ids(data: bytes) -> dict[str, str]:
    from lxml import etree

    namespace = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    return {
        unit.findtext("x:segment/x:source", namespaces=namespace): unit.get("id")
        for unit in etree.fromstring(data).iterfind(".//x:unit", namespace)
    }


def _tmx_ids(data: bytes) -> dict[str, str]:
    from lxml import etree

    ids = {}
    for tu in etree.fromstring(data).iterfind(".//tu"):
        source = tu.findtext("tuv/seg")
        if source is not None:
            ids[source] = tu.get("tuid")
    return ids
