"""Re-runs behave like msgmerge: a reviewer's work in en.po is never lost."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import polib
import pytest
from translate.storage import po as ttk_po

from workbench.model import Article, Finding, Origin, Segment, Severity
from workbench.po import entry_position, export_catalog, load_po, merge_catalog, render_po, save_po

HKT = timezone(timedelta(hours=8))
MONDAY = datetime(2024, 5, 6, 9, 0, tzinfo=HKT)
TUESDAY = datetime(2024, 5, 7, 9, 0, tzinfo=HKT)
AID = "leapmotor-placing"
ARTICLE = Article(AID, "零跑汽車配售新股", "seeds/page.txt", ())

TITLE = "零跑汽車配售新股"
S1 = "零跑汽車宣布配售5,996萬股新H股。"
S2 = "配售價每股47.3港元,較收市價折讓6.9%。"
S3 = "所得款項淨額約28.1億港元。"
S4 = "公司計劃將資金用於研發。"


def draft(text: str) -> str:
    return f"MT[{text}]"


def page(*paragraphs: list[str], errors: dict[str, str] | None = None) -> list[Segment]:
    """Segments of a page whose paragraphs hold these sentences, each with a machine draft."""
    segs = []
    for p, sentences in enumerate(paragraphs, start=1):
        for s, text in enumerate(sentences, start=1):
            findings: tuple[Finding, ...] = ()
            if errors and text in errors:
                findings = (Finding("amount-mismatch", Severity.ERROR, errors[text]),)
            segs.append(
                Segment(
                    AID,
                    p,
                    s,
                    text,
                    10 * p,
                    draft=draft(text),
                    score=-0.5,
                    origin=Origin.MT,
                    findings=findings,
                )
            )
    return segs


def fresh(segs: list[Segment], now: datetime = TUESDAY, version: str = "0.1.0") -> polib.POFile:
    return export_catalog(ARTICLE, segs, "en", version, engine="test", now=now)


def first_run(*paragraphs: list[str]) -> polib.POFile:
    return merge_catalog(None, fresh(page(*paragraphs), now=MONDAY))


def entry(po: polib.POFile, where: str) -> polib.POEntry:
    """The live entry whose sentence is at ``where`` (p2.s1) in the article."""
    matches = [e for e in po if not e.obsolete and str(entry_position(e)) == where]
    assert len(matches) == 1, f"{where}: {len(matches)} active entries"
    return matches[0]


def obsolete(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po if e.obsolete}


def review(po: polib.POFile, ctx: str, msgstr: str) -> None:
    """What a reviewer does in Poedit: writes the translation and clears 'needs work'."""
    e = entry(po, ctx)
    e.msgstr = msgstr
    e.flags = [f for f in e.flags if f != "fuzzy"]


def msgfmt_ok(po: polib.POFile, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed; apt-get install gettext")
    path = tmp_path / "check.po"
    save_po(po, path)
    result = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_first_run_is_the_fresh_catalog() -> None:
    new = fresh(page([TITLE], [S1, S2]))
    merged = merge_catalog(None, new)
    assert render_po(merged) == render_po(new)
    assert merged is not new


def test_reviewed_translation_is_kept_untouched() -> None:
    old = first_run([TITLE], [S1, S2])
    review(old, "p2.s1", "Leapmotor is placing 59.96 million new H shares.")
    merged = merge_catalog(old, fresh(page([TITLE], [S1, S2])))
    kept = entry(merged, "p2.s1")
    assert kept.msgstr == "Leapmotor is placing 59.96 million new H shares."
    assert not kept.fuzzy
    assert entry(merged, "p2.s2").msgstr == draft(S2)


def test_unreviewed_but_edited_translation_is_kept_and_stays_fuzzy() -> None:
    old = first_run([TITLE], [S1])
    entry(old, "p2.s1").msgstr = "Leapmotor places shares (half done)"
    merged = merge_catalog(old, fresh(page([TITLE], [S1])))
    kept = entry(merged, "p2.s1")
    assert kept.msgstr == "Leapmotor places shares (half done)"
    assert kept.fuzzy


def test_an_empty_translation_takes_the_fresh_draft_as_fuzzy() -> None:
    old = merge_catalog(None, export_catalog(ARTICLE, [Segment(AID, 1, 1, S1, 3)], "en", "0.1.0", now=MONDAY))
    assert entry(old, "p1.s1").msgstr == ""
    merged = merge_catalog(old, fresh(page([S1])))
    filled = entry(merged, "p1.s1")
    assert filled.msgstr == draft(S1)
    assert filled.fuzzy


def test_comments_and_references_are_refreshed_but_reviewer_notes_and_flags_stay() -> None:
    old = first_run([S1])
    e = entry(old, "p1.s1")
    e.comment = "position: p1.s1\nmt: score -9.99 (old engine)"
    e.occurrences = [("seeds/old.txt", "99")]
    e.tcomment = "QA: error stale-check: from last week\nAsk the desk about the H-share count"
    e.flags.append("no-wrap")
    review(old, "p1.s1", "Leapmotor to place 59.96 million H shares.")

    merged = merge_catalog(old, fresh(page([S1], errors={S1: "59.96 million shares is missing"})))
    e = entry(merged, "p1.s1")
    # The kept translation is the reviewer's, made from the old draft: its provenance note stays.
    assert e.comment.split("\n") == [
        "position: p1.s1",
        "mt: score -9.99 (old engine)",
        "QA: error amount-mismatch: 59.96 million shares is missing",
    ]
    assert e.occurrences == [("seeds/page.txt", "10")]
    # A finding of the older layout (a translator comment) moves out of the reviewer's comments.
    assert e.tcomment == "Ask the desk about the H-share count"
    assert "no-wrap" in e.flags
    # QA speaks through its comment line; it never reopens a reviewed entry.
    assert not e.fuzzy
    assert e.msgstr == "Leapmotor to place 59.96 million H shares."


def test_a_fresh_machine_draft_with_a_qa_error_stays_fuzzy() -> None:
    old = merge_catalog(None, export_catalog(ARTICLE, [Segment(AID, 1, 1, S1, 3)], "en", "0.1.0", now=MONDAY))
    merged = merge_catalog(old, fresh(page([S1], errors={S1: "amount differs"})))
    e = entry(merged, "p1.s1")
    assert e.fuzzy
    assert "QA: error amount-mismatch: amount differs" in e.comment.split("\n") and e.tcomment == ""


def test_sentences_inserted_before_keep_their_translations_under_the_new_context() -> None:
    old = first_run([TITLE], [S1, S2])
    review(old, "p2.s1", "Reviewed S1")
    entry(old, "p2.s2").msgstr = "Draft S2 edited, not yet reviewed"

    merged = merge_catalog(old, fresh(page([TITLE], [S4, S1, S2])))
    assert entry(merged, "p2.s1").msgid == S4
    assert entry(merged, "p2.s1").msgstr == draft(S4)
    moved = entry(merged, "p2.s2")
    assert (moved.msgid, moved.msgstr, moved.fuzzy) == (S1, "Reviewed S1", False)
    assert moved.previous_msgid is None
    moved_fuzzy = entry(merged, "p2.s3")
    assert (moved_fuzzy.msgid, moved_fuzzy.msgstr, moved_fuzzy.fuzzy) == (
        S2,
        "Draft S2 edited, not yet reviewed",
        True,
    )
    assert obsolete(merged) == {}


def test_a_changed_sentence_keeps_its_translation_as_fuzzy_with_the_previous_source(tmp_path: Path) -> None:
    old = first_run([TITLE], [S1, S2])
    review(old, "p2.s2", "The placing price is HK$47.3, a 6.9% discount.")
    edited = "配售價每股47.5港元,較收市價折讓6.5%。"

    merged = merge_catalog(old, fresh(page([TITLE], [S1, edited])))
    e = entry(merged, "p2.s2")
    assert e.msgid == edited
    assert e.msgstr == "The placing price is HK$47.3, a 6.9% discount."
    assert e.fuzzy
    assert e.previous_msgid == S2
    assert e.previous_msgctxt is None  # same place: no #| msgctxt
    assert obsolete(merged) == {}
    msgfmt_ok(merged, tmp_path)
    assert f'#| msgid "{S2}"' in render_po(merged)


def test_a_changed_sentence_that_also_moved_keeps_its_translation_and_key() -> None:
    old = first_run([S1, S2], [S3])
    review(old, "p2.s1", "Net proceeds are about HK$2.81 billion.")
    edited = "所得款項淨額約28.3億港元。"

    merged = merge_catalog(old, fresh(page([S1, S2, edited])))
    e = entry(merged, "p1.s3")
    assert e.msgstr == "Net proceeds are about HK$2.81 billion."
    assert e.fuzzy
    # The key never named the place, so moving needs no #| msgctxt.
    assert (e.previous_msgctxt, e.previous_msgid) == (None, S3)


def test_a_changed_sentence_without_a_translation_gets_the_fresh_draft() -> None:
    old = merge_catalog(None, export_catalog(ARTICLE, [Segment(AID, 1, 1, S2, 3)], "en", "0.1.0", now=MONDAY))
    edited = "配售價每股47.5港元,較收市價折讓6.5%。"
    merged = merge_catalog(old, fresh(page([edited])))
    e = entry(merged, "p1.s1")
    assert (e.msgstr, e.fuzzy, e.previous_msgid) == (draft(edited), True, None)


def test_a_sentence_rewritten_beyond_recognition_gets_a_fresh_draft_and_the_old_work_is_kept_obsolete() -> (
    None
):
    old = first_run([S1])
    review(old, "p1.s1", "Reviewed S1")
    merged = merge_catalog(old, fresh(page([S4])))
    assert entry(merged, "p1.s1").msgstr == draft(S4)
    assert obsolete(merged)[S1].msgstr == "Reviewed S1"


def test_a_removed_sentence_becomes_obsolete_and_is_never_deleted(tmp_path: Path) -> None:
    old = first_run([TITLE], [S1, S2, S3])
    review(old, "p2.s2", "Reviewed S2")
    entry(old, "p2.s2").tcomment = "QA: error x: stale\nchecked with the desk"

    merged = merge_catalog(old, fresh(page([TITLE], [S1, S3])))
    gone = obsolete(merged)
    assert set(gone) == {S2}
    assert gone[S2].msgstr == "Reviewed S2"
    assert gone[S2].msgctxt is None
    assert gone[S2].tcomment == "checked with the desk"
    assert entry(merged, "p2.s2").msgid == S3
    text = render_po(merged)
    assert f'#~ msgid "{S2}"' in text
    assert text.index("#~ msgid") > text.index(f'msgid "{S3}"')  # obsolete entries go last
    msgfmt_ok(merged, tmp_path)


def test_existing_obsolete_entries_are_kept_and_revived_when_the_sentence_comes_back() -> None:
    old = first_run([TITLE], [S1, S2])
    review(old, "p2.s2", "Reviewed S2")
    without = merge_catalog(old, fresh(page([TITLE], [S1])))
    without = merge_catalog(without, fresh(page([TITLE], [S3])))
    assert set(obsolete(without)) == {S1, S2}

    back = merge_catalog(without, fresh(page([TITLE], [S3], [S2])))
    revived = entry(back, "p3.s1")
    assert (revived.msgid, revived.msgstr, revived.fuzzy) == (S2, "Reviewed S2", False)
    assert set(obsolete(back)) == {S1}


def test_new_sentences_are_added_in_page_order() -> None:
    old = first_run([TITLE], [S1])
    merged = merge_catalog(old, fresh(page([TITLE], [S1, S2], [S3])))
    assert [(str(entry_position(e)), e.msgid) for e in merged if not e.obsolete] == [
        ("p1.s1", TITLE),
        ("p2.s1", S1),
        ("p2.s2", S2),
        ("p3.s1", S3),
    ]
    assert entry(merged, "p3.s1").msgstr == draft(S3)


def test_repeated_sentences_pair_up_in_page_order() -> None:
    old = first_run([S1], [S1])
    review(old, "p1.s1", "first")
    review(old, "p2.s1", "second")
    merged = merge_catalog(old, fresh(page([S4], [S1], [S1])))
    assert entry(merged, "p2.s1").msgstr == "first"
    assert entry(merged, "p3.s1").msgstr == "second"


def test_header_keeps_the_reviewers_fields_and_refreshes_ours() -> None:
    old = first_run([S1])
    old.metadata["Last-Translator"] = "Amy Chan <amy@example.com>"
    old.metadata["Language-Team"] = "Markets desk <desk@example.com>"
    old.metadata["PO-Revision-Date"] = "2024-05-06 18:30+0800"
    old.metadata["X-Poedit-SourceCharset"] = "UTF-8"
    old.metadata["X-Generator"] = "Poedit 3.4"
    old.metadata["Language"] = "en_GB"
    old.header = "Reviewed by the markets desk"

    merged = merge_catalog(old, fresh(page([S1, S2]), version="0.2.0"))
    md = merged.metadata
    assert md["Last-Translator"] == "Amy Chan <amy@example.com>"
    assert md["Language-Team"] == "Markets desk <desk@example.com>"
    assert md["PO-Revision-Date"] == "2024-05-06 18:30+0800"
    assert md["X-Poedit-SourceCharset"] == "UTF-8"
    assert md["X-Generator"] == "workbench 0.2.0"
    assert md["Language"] == "en_GB"  # the team's language code is theirs
    assert md["POT-Creation-Date"] == "2024-05-07 09:00+0800"
    assert merged.header == "Reviewed by the markets desk"


def test_a_rerun_that_changes_nothing_leaves_the_file_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    save_po(first_run([TITLE], [S1, S2]), path)
    reviewed = load_po(path)
    review(reviewed, "p2.s1", "Reviewed S1")
    save_po(reviewed, path)
    before = path.read_bytes()

    assert not save_po(merge_catalog(load_po(path), fresh(page([TITLE], [S1, S2]))), path)
    assert path.read_bytes() == before
    # A real change does move the creation date.
    save_po(merge_catalog(load_po(path), fresh(page([TITLE], [S1, S2, S3]))), path)
    assert load_po(path).metadata["POT-Creation-Date"] == "2024-05-07 09:00+0800"


def test_merging_twice_is_the_same_as_merging_once() -> None:
    old = first_run([TITLE], [S1, S2, S3])
    review(old, "p2.s1", "Reviewed S1")
    new = fresh(page([TITLE], [S4, "配售價每股47.5港元,較收市價折讓6.5%。", S3]))
    once = merge_catalog(old, new)
    assert render_po(merge_catalog(once, new)) == render_po(once)


def test_inputs_are_not_modified() -> None:
    old = first_run([S1, S2])
    review(old, "p1.s1", "Reviewed S1")
    new = fresh(page([S2, S3]))
    old_text, new_text = render_po(old), render_po(new)
    merge_catalog(old, new)
    assert (render_po(old), render_po(new)) == (old_text, new_text)


def test_a_reviewers_session_on_disk_survives_an_edited_page(tmp_path: Path) -> None:
    """The whole story: write, review in a PO editor, re-run on an edited page, open again."""
    path = tmp_path / "en.po"
    save_po(first_run([TITLE], [S1, S2, S3]), path)

    po = load_po(path)
    review(po, "p1.s1", "Leapmotor places new shares")
    review(po, "p2.s1", "Leapmotor announced a placing of 59.96 million new H shares.")
    review(po, "p2.s2", "The placing price is HK$47.3 a share, a 6.9% discount to the close.")
    review(po, "p2.s3", "Net proceeds are about HK$2.81 billion.")
    po.metadata["Last-Translator"] = "Amy Chan <amy@example.com>"
    po.save(str(path))  # Poedit-style: polib's own writer, wrapped lines and all

    edited_s2 = "配售價每股47.5港元,較收市價折讓6.5%。"
    save_po(merge_catalog(load_po(path), fresh(page([TITLE], [S4, S1, edited_s2]))), path)

    po = load_po(path)
    assert entry(po, "p1.s1").msgstr == "Leapmotor places new shares"
    assert entry(po, "p2.s1").msgstr == draft(S4)
    assert entry(po, "p2.s2").msgstr == "Leapmotor announced a placing of 59.96 million new H shares."
    assert not entry(po, "p2.s2").fuzzy
    changed = entry(po, "p2.s3")
    assert changed.fuzzy
    assert changed.msgstr == "The placing price is HK$47.3 a share, a 6.9% discount to the close."
    assert (changed.previous_msgctxt, changed.previous_msgid) == (None, S2)
    assert obsolete(po)[S3].msgstr == "Net proceeds are about HK$2.81 billion."
    assert po.metadata["Last-Translator"] == "Amy Chan <amy@example.com>"
    msgfmt_ok(po, tmp_path)
    units = [u for u in ttk_po.pofile.parsefile(str(path)).units if not u.isheader()]
    live = {u.source: u for u in units if not u.isobsolete()}
    assert live[edited_s2].prev_source == S2
    assert [u.source for u in units if u.isobsolete()] == [S3]


def test_a_kept_draft_keeps_the_note_of_where_it_came_from() -> None:
    import polib

    from workbench.po import merge_catalog

    old = polib.POFile(wrapwidth=0)
    old.append(
        polib.POEntry(
            msgctxt="a:p1.s1",
            msgid="股價上升。",
            msgstr="Shares rose.",
            flags=["fuzzy"],
            comment="fact: old\nmt: score -0.40 (model 1.0 (cpu))",
        )
    )
    fresh = polib.POFile(wrapwidth=0)
    fresh.append(polib.POEntry(msgctxt="a:p1.s1", msgid="股價上升。", msgstr="", comment="fact: new"))
    merged = merge_catalog(old, fresh)
    (entry,) = [e for e in merged if not e.obsolete]
    assert entry.msgstr == "Shares rose."
    assert entry.comment.split("\n") == ["fact: new", "mt: score -0.40 (model 1.0 (cpu))"]
