"""The desk editor's sign-off: ready means reviewed and error-free; the record is kept, trusted as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import polib
import pytest

from conftest import GLOSSARY, SEED
from report_fixtures import FINISHED, VARIED, glossary, seed_tree, site
from review_fixtures import write_article
from workbench.signoff import (
    SIGNOFF_NAME,
    SignOffUnreadable,
    assess_folder,
    folder_standing,
    read_signoff,
    sign_off,
)

READY = "results-due-friday"
HKT = timezone(timedelta(hours=8))


def workbench(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A newsroom folder: the worked example (not ready: drafts unreviewed, QA errors) and one article a
    reviewer has finished in both languages."""
    tree = seed_tree(tmp_path)
    write_article(tree, READY, FINISHED)
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    return tmp_path


def edit(path: Path, index: int, msgstr: str | None = None, *, fuzzy: bool | None = None) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    entry = [e for e in po if not e.obsolete][index]
    if msgstr is not None:
        entry.msgstr = msgstr
    if fuzzy is True:
        entry.flags.append("fuzzy")
    elif fuzzy is False and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    po.save(str(path))


def test_ready_means_every_english_and_simplified_entry_reviewed_and_no_error(desk: Path) -> None:
    folder = desk / "translations" / READY
    assert assess_folder(folder, glossary()).ready
    edit(folder / "zh_Hans.po", 1, fuzzy=True)  # a conversion nobody confirmed
    state = assess_folder(folder, glossary())
    assert not state.ready and state.why_not() == "1 Simplified sentence unreviewed"
    edit(folder / "zh_Hans.po", 1, fuzzy=False)
    edit(folder / "en.po", 0, "The company's shares rose 8%.")  # reviewed, but wrong
    state = assess_folder(folder, glossary())
    assert not state.ready and state.why_not() == "1 QA error"
    edit(folder / "en.po", 0, "The company's shares rose 5%.", fuzzy=True)
    assert assess_folder(folder, glossary()).why_not() == "1 English sentence unreviewed"
    os.remove(folder / "zh_Hans.po")
    edit(folder / "en.po", 0, fuzzy=False)
    assert assess_folder(folder, glossary()).why_not() == "2 Simplified sentences unreviewed"


def test_signoff_records_who_and_when_and_refuses_an_article_that_is_not_ready(desk: Path) -> None:
    ready = desk / "translations" / READY
    varied = desk / "translations" / VARIED

    refused = workbench(desk, "signoff", READY, VARIED, "--by", "Chan Tai Man")

    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1
    assert f"{VARIED} (" in refused.stderr and "QA error" in refused.stderr and "--force" in refused.stderr
    assert not (ready / SIGNOFF_NAME).exists() and not (varied / SIGNOFF_NAME).exists()  # nothing signed

    done = workbench(desk, "signoff", READY, "--by", "Chan Tai Man")

    assert done.returncode == 0, done.stderr
    assert f"{READY}: signed off by Chan Tai Man at " in done.stderr
    record = json.loads((ready / SIGNOFF_NAME).read_text(encoding="utf-8"))
    assert record["by"] == "Chan Tai Man" and not record["forced"]
    at = datetime.fromisoformat(record["at"])
    assert at.tzinfo is not None and abs(datetime.now(timezone.utc) - at) < timedelta(minutes=5)
    assert folder_standing(ready).holds

    forced = workbench(
        desk, "signoff", f"translations/{VARIED}", "--by", "Wong Siu Ming", "--force", "--json"
    )

    assert forced.returncode == 0, forced.stderr
    (row,) = json.loads(forced.stdout)
    assert row["forced"] and "English sentences unreviewed" in row["not_ready"]
    signed = read_signoff(varied)
    assert signed is not None and signed.forced and signed.by == "Wong Siu Ming"


def test_a_bad_name_or_article_is_one_line_and_exit_2(desk: Path) -> None:
    for args in (["--by", "  "], ["--by", "Chan\x1b[31m"], ["--by", "x" * 500]):
        done = workbench(desk, "signoff", READY, *args)
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    missing = workbench(desk, "signoff", "no-such-article", "--by", "Chan Tai Man")
    assert missing.returncode == 2 and "no-such-article" in missing.stderr
    assert not (desk / "translations" / READY / SIGNOFF_NAME).exists()


def test_a_later_edit_shows_as_changed_since_and_the_page_says_so(desk: Path) -> None:
    ready = desk / "translations" / READY
    sign_off(ready, "Chan Tai Man", glossary(), now=datetime(2027, 1, 5, 18, 30, tzinfo=HKT))
    site(desk / "translations")
    index = (desk / "translations" / "report" / "index.html").read_text(encoding="utf-8")
    assert f"data-article='{READY}' data-status='signed'" in index
    assert "signed off by Chan Tai Man, 2027-01-05 18:30" in index

    edit(
        ready / "en.po", 1, "The company will report results on Friday."
    )  # still right, but not what was signed

    standing = folder_standing(ready)
    assert (
        standing.changed
        and standing.describe() == "signed off by Chan Tai Man, 2027-01-05 18:30; changed since"
    )
    site(desk / "translations")
    index = (desk / "translations" / "report" / "index.html").read_text(encoding="utf-8")
    page = (desk / "translations" / "report" / "articles" / f"{READY}.html").read_text(encoding="utf-8")
    assert "signed off by Chan Tai Man, 2027-01-05 18:30; changed since" in index
    assert f"data-article='{READY}' data-status='attention'" in index
    assert re.search(
        r'<span class="signoff changed" id="signoff">signed off by Chan Tai Man[^<]*changed since', page
    )


def test_a_rerun_keeps_the_record_and_the_article_keeps_it_when_retitled(desk: Path) -> None:
    """`translate` again, on the page with the article's English headline changed: the article finds its
    folder by content, and the sign-off stays there, untouched and still holding."""
    tree = desk / "translations"
    folder = tree / "sensetime-completes-reorg-to-focus-on-genai"
    sign_off(folder, "Chan Tai Man", glossary(), force=True)
    record = (folder / SIGNOFF_NAME).read_bytes()
    page = SEED.read_text(encoding="utf-8")
    assert "SenseTime completes reorg to focus on GenAI" in page
    (desk / "page.txt").write_text(
        page.replace("SenseTime completes reorg to focus on GenAI", "SenseTime reorganises")
    )

    rerun = workbench(desk, "translate", "page.txt", "--no-mt", "--no-tm")

    assert rerun.returncode == 0, rerun.stderr
    assert not (tree / "sensetime-reorganises").exists()
    assert (folder / SIGNOFF_NAME).read_bytes() == record
    assert (
        polib.pofile(str(folder / "en.po")).metadata["X-Workbench-English-Title"] == "SenseTime reorganises"
    )
    assert folder_standing(folder).holds


@pytest.mark.parametrize(
    "plant",
    ["symlink", "huge", "deep", "garbage", "wrong-types", "fifo"],
)
def test_a_hostile_signoff_record_is_never_trusted(desk: Path, plant: str) -> None:
    folder = desk / "translations" / READY
    sign_off(folder, "Chan Tai Man", glossary())
    path = folder / SIGNOFF_NAME
    good = path.read_text(encoding="utf-8")
    elsewhere = desk / "elsewhere.json"
    elsewhere.write_text(good, encoding="utf-8")
    path.unlink()
    if plant == "symlink":
        path.symlink_to(elsewhere)  # a record that says all the right things, from outside the folder
    elif plant == "huge":
        path.write_text(good[:-2] + " " * 20_000_000 + "}\n", encoding="utf-8")
    elif plant == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif plant == "garbage":
        path.write_bytes(b"\xff\xfe{not json")
    elif plant == "wrong-types":
        path.write_text(good.replace('"forced": false', '"forced": "no"'), encoding="utf-8")
    else:
        os.mkfifo(path)

    with pytest.raises(SignOffUnreadable):
        read_signoff(folder)
    standing = folder_standing(folder)
    assert not standing.holds and standing.problem
    result = site(desk / "translations")
    summary = next(a for a in result.articles if a.id == READY)
    assert summary.status.value == "attention" and "sign-off record unreadable" in summary.signoff

    again = workbench(desk, "signoff", READY, "--by", "Wong Siu Ming")

    assert again.returncode == 0, again.stderr
    assert elsewhere.read_text(encoding="utf-8") == good
    assert not path.is_symlink() and read_signoff(folder) is not None


def test_build_signed_off_builds_only_what_was_signed_off_and_names_the_rest(desk: Path) -> None:
    tree = desk / "translations"
    ready, varied = tree / READY, tree / VARIED
    sign_off(ready, "Chan Tai Man", glossary())
    changed = tree / "9863-hk-c7c975"
    sign_off(changed, "Chan Tai Man", glossary(), force=True)
    edit(changed / "en.po", 0, "Leapmotor raises funds")
    for folder in (ready, varied, changed):
        (folder / "en.md").unlink(missing_ok=True)

    built = workbench(desk, "build", "translations", "--signed-off")

    assert built.returncode == 0, built.stderr
    assert (ready / "en.md").is_file()
    assert not (varied / "en.md").exists() and not (changed / "en.md").exists()
    assert f"translations/{VARIED}: left out, not signed off" in built.stderr
    assert "translations/9863-hk-c7c975: left out, signed off by Chan Tai Man" in built.stderr
    assert "changed since" in built.stderr
    assert built.stderr.strip().endswith("1 signed-off article built, 5 left out")
