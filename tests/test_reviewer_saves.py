"""A reviewer's save, as their tools write it, survives the next run: real files, the real command."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest

from conftest import GLOSSARY, SEED, TEST_MODEL
from workbench.po import without_legacy_findings

BRIEF = "1318-hk-cfd858"


def translate(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "translate", SEED.name, "--model", str(TEST_MODEL), *options],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    """A newsroom folder after a first run on the seed page."""
    shutil.copy(SEED, tmp_path / SEED.name)
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    first = translate(tmp_path)
    assert first.returncode == 0, first.stderr
    return tmp_path


def test_a_reviewer_comment_that_starts_with_qa_is_kept(translated: Path) -> None:
    path = translated / "translations" / BRIEF / "en.po"
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if not e.obsolete)
    own = ["QA: checked the figure with the desk", "QA:done", "QA: error-free, says the desk"]
    entry.tcomment = "\n".join([*own, *entry.tcomment.split("\n")]) if entry.tcomment else "\n".join(own)
    entry.msgstr = "Brief: Mao Geping founders to sell HK$1.4 billion of shares"
    entry.flags = []
    po.save(str(path))

    rerun = translate(translated)

    assert rerun.returncode == 0, rerun.stderr
    kept = next(e for e in polib.pofile(str(path)) if e.msgid == entry.msgid and not e.obsolete)
    assert kept.msgstr == entry.msgstr and not kept.fuzzy
    assert kept.tcomment.split("\n")[: len(own)] == own


def test_qa_lines_an_editor_wrapped_leave_nothing_behind(translated: Path) -> None:
    """polib (and scripts built on it) wrap long comments at 78 columns; the next run must not take the
    tail of a wrapped finding for a reviewer's comment and keep it, one more stray line per save."""
    folder = translated / "translations"
    as_written = {path: comments(path) for path in folder.glob("*/en.po")}
    wrapped = [line for lines in as_written.values() for line in lines if line.startswith("#. QA: ")]
    assert any(len(line) > 78 and "-" in line[70:] for line in wrapped)  # breaks at a hyphen too
    assert not any(line.startswith("# QA:") for lines in as_written.values() for line in lines)
    for _ in range(2):
        for path in as_written:
            polib.pofile(str(path)).save(str(path))  # polib's default wrapwidth: 78
        rerun = translate(translated)
        assert rerun.returncode == 0, rerun.stderr
    assert {path: comments(path) for path in as_written} == as_written


def test_a_wrapped_finding_that_changes_leaves_no_fragment_and_the_reviewers_lines_stay(
    translated: Path,
) -> None:
    """The finding changes after the save (a reviewer edits the draft): its wrapped tail must not stay."""
    path = translated / "translations" / BRIEF / "en.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if not e.obsolete and any(len(q) > 76 for q in qa_of(e)))
    own = ["  Ask the desk about the figure", "", "QA: checked by the night desk"]
    entry.tcomment = "\n".join(own)
    po.wrapwidth = 50
    po.save(str(path))
    narrow = path.read_text(encoding="utf-8")
    assert any(line.startswith("#. ") and not line.startswith(HEADS) for line in narrow.splitlines())
    po = polib.pofile(str(path))
    edited = next(e for e in po if e.msgid == entry.msgid)
    edited.msgstr = "Brief: the founders will sell shares."
    po.save(str(path))

    rerun = translate(translated)

    assert rerun.returncode == 0, rerun.stderr
    after = next(e for e in polib.pofile(str(path), wrapwidth=0) if e.msgid == entry.msgid)
    assert after.tcomment.split("\n") == own
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#.")]
    assert all(line[3:].startswith(HEADS) for line in lines), [
        x for x in lines if not x[3:].startswith(HEADS)
    ]
    assert sorted(qa_of(after)) != sorted(qa_of(entry))


def test_an_old_layout_file_an_editor_wrapped_is_migrated_leaving_the_reviewers_lines_alone(
    translated: Path,
) -> None:
    """Files written before findings moved to extracted comments had them as ``# QA:`` lines; an editor
    wrapped them at 78 columns, and a check's wording changed since. The next run moves every finding to
    ``#.`` and leaves each reviewer's line byte for byte, with no tail of an old finding among them."""
    folder = translated / "translations"
    own = ["Ask the desk", "  two spaces kept", "", "QA: looks fine to me"]
    for path in folder.glob("*/en.po"):
        po = polib.pofile(str(path))
        for e in po:
            if e.obsolete:
                continue
            old = [f"{q} (as an older version worded it)" for q in qa_of(e)]
            e.comment = "\n".join(line for line in e.comment.split("\n") if not line.startswith("QA: "))
            e.tcomment = "\n".join([*own, *old])
        po.save(str(path))  # polib's default: wrapped at 78 columns
    tails = [
        line
        for path in folder.glob("*/en.po")
        for line in comments(path)
        if line.startswith("# ") and "worded it)" in line and not line.startswith("# QA")
    ]
    assert len(tails) > 20  # the ends of old findings, each on a line of its own

    rerun = translate(translated)

    assert rerun.returncode == 0, rerun.stderr
    for path in folder.glob("*/en.po"):
        text = path.read_text(encoding="utf-8")
        assert "# QA: error" not in text and "# QA: warning" not in text and "worded it" not in text
        for e in polib.pofile(str(path), wrapwidth=0):
            if not e.obsolete:
                assert e.tcomment.split("\n") == own, (path, e.msgid)
        assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=False).returncode == 0
    assert sum(len(qa_of(e)) for p in folder.glob("*/en.po") for e in polib.pofile(str(p))) > 20


def test_gnu_msgmerge_keeps_the_findings_and_the_reviewers_comments(translated: Path, tmp_path: Path) -> None:
    """A desk that runs its files through GNU gettext (msgmerge against themselves, msgfmt -c) keeps both
    the tool's findings (``#.``) and a reviewer's comments (``#``), and the next run reads them back."""
    path = translated / "translations" / BRIEF / "en.po"
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if not e.obsolete and qa_of(e))
    entry.tcomment = "Ask the desk\nQA: checked by the night desk"
    po.save(str(path))
    merged = tmp_path / "merged.po"
    done = subprocess.run(
        ["msgmerge", "--quiet", "--previous", "-o", str(merged), str(path), str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(merged)], check=False).returncode == 0
    kept = next(e for e in polib.pofile(str(merged), wrapwidth=0) if e.msgid == entry.msgid)
    assert qa_of(kept) == qa_of(entry) and kept.tcomment == entry.tcomment
    shutil.copy(merged, path)

    rerun = translate(translated)

    assert rerun.returncode == 0, rerun.stderr
    after = next(e for e in polib.pofile(str(path), wrapwidth=0) if e.msgid == entry.msgid)
    assert qa_of(after) == qa_of(entry) and after.tcomment == entry.tcomment


HEADS = ("position:", "kind:", "glossary:", "fact:", "mt:", "tm:", "opencc:", "QA: ")


def qa_of(entry: polib.POEntry) -> list[str]:
    return [line for line in entry.comment.split("\n") if line.startswith("QA: ")]


def comments(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]


def test_only_the_tail_of_an_old_layout_finding_that_still_holds_is_taken_for_ours() -> None:
    finding = (
        "QA: error amount-missing: amount 約7.52億元 (about 752 million yuan) is missing from the translation"
    )
    saved = "\n".join(
        [
            "Ask the desk",
            "QA: error amount-missing: amount 約7.52億元 (about 752 million yuan) is missing",
            "from the translation",
            "QA: error old-check: a finding that no",
            "longer holds",
            "from the translation",  # the reviewer's own line, equal to a tail by chance
        ]
    )
    assert without_legacy_findings(saved, [finding]).split("\n") == [
        "Ask the desk",
        "longer holds",
        "from the translation",
    ]


def test_an_old_layout_finding_wrapped_by_an_editor_leaves_no_tail_even_when_it_changed() -> None:
    """Wrapped at 40 columns (``# `` included), a finding no longer found leaves nothing behind; a reviewer's
    line after a finding that fitted on its line stays."""
    finding = "QA: error old-check: a finding that no longer holds, whatever the desk said of it"
    as_polib_wraps = [
        line[2:]
        for line in textwrap.wrap(
            finding, 40, initial_indent="# ", subsequent_indent="# ", break_long_words=False
        )
    ]
    wrapped = [*as_polib_wraps, "QA: warning length: short", "the desk checked the length"]
    assert len(as_polib_wraps) == 3
    assert without_legacy_findings("\n".join(wrapped), [], wrapped_at=40).split("\n") == [
        "the desk checked the length"
    ]
    # Without the file's evidence of a wrap, only what joins back into a current finding is taken.
    assert without_legacy_findings("\n".join(wrapped), []).split("\n") == [*as_polib_wraps[1:], wrapped[-1]]


def test_machine_drafts_saved_by_a_narrow_editor_are_still_known_as_untouched(translated: Path) -> None:
    """Wrapped at 40 columns, the ``mt:`` note's draft fingerprint lands on a line of its own; the note must
    come back whole, and the drafts nobody edited must still give way to ``--refresh-mt``."""
    folder = translated / "translations"
    as_written = {path: comments(path) for path in folder.glob("*/en.po")}
    for path in as_written:
        po = polib.pofile(str(path))
        po.wrapwidth = 40
        po.save(str(path))
    assert any(line.startswith("#. draft:") for path in as_written for line in comments(path))

    refreshed = translate(translated, "--refresh-mt")

    assert refreshed.returncode == 0, refreshed.stderr
    assert {path: comments(path) for path in as_written} == as_written
    drafts = sum(line.startswith("#. mt: score ") for lines in as_written.values() for line in lines)
    assert f"{drafts} machine drafts" in refreshed.stderr
