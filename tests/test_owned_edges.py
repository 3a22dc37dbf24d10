"""Which folders the workbench takes as its own, and the links it refuses there, on real folders on disk.

Each case is a folder as a desk could have it: one ``workbench translate`` wrote, a fresh clone of it, a
home folder, another project's PO files, a run's leftovers, a link planted where the tool writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.owned import (
    is_article_folder,
    is_reserved,
    is_translations_folder,
    refuse_links,
    refuse_links_in_site,
    require_article_or_translations_folder,
    require_translations_folder,
)

HEADER_PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
TOOL_PO = HEADER_PO + '"X-Workbench-Article: sensetime-completes-reorg\\n"\n"X-Generator: workbench 0.1\\n"\n'
# A reviewer's editor rewrites X-Generator and keeps the article's header.
EDITED_PO = HEADER_PO + '"X-Workbench-Article: sensetime-completes-reorg\\n"\n"X-Generator: Poedit 3.4\\n"\n'
# A PO file of another project (the workbench named nowhere).
FOREIGN_PO = HEADER_PO + '"X-Generator: Poedit 3.4\\n"\n'


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "reserved"),
    [
        ("sensetime-completes-reorg", False),
        ("report", True),
        ("Report", True),
        ("workbench.tmx", True),
        (".workbench.lock", True),
        (".drafts", True),  # hidden
        ("CON", True),
        ("com1", True),
        ("COM9", True),
        ("lpt0", True),
        ("com10", False),  # Windows creates this one
        ("console-maker-results", False),
        ("reports", False),
    ],
)
def test_names_an_article_folder_may_not_take(name: str, reserved: bool) -> None:
    assert is_reserved(name) is reserved


# Each case builds a folder's contents, and whether it is a translations folder.
FOLDERS: list[tuple[str, Callable[[Path], object], bool]] = [
    ("empty", lambda d: None, True),
    ("an article the tool wrote", lambda d: write(d / "a" / "en.po", TOOL_PO), True),
    ("a reviewer's editor saved it", lambda d: write(d / "a" / "en.po", EDITED_PO), True),
    ("only a run's state file", lambda d: write(d / "a" / ".workbench-state.json", "{}"), True),
    (
        "the memory's files alone",
        lambda d: (write(d / "workbench.tmx"), write(d / ".workbench-tm.json")),
        True,
    ),
    (
        "a killed run's leftovers",
        lambda d: (
            write(d / "..workbench-tm.json.4021-k3x9_q2a.tmp"),  # written with the run's pid
            write(d / "..workbench-tm.delta.json.ab12cd34.tmp"),  # written before the pid was added
            write(d / ".workbench.tmx.77-abcdefgh.tmp"),
        ),
        True,
    ),
    (
        "a leftover-looking name without a pid",
        lambda d: write(d / "..workbench-tm.json.-abcdefgh.tmp"),
        False,
    ),
    ("the site alone", lambda d: write(d / "report" / ".workbench-report"), True),
    ("a 'report' folder of someone else's", lambda d: write(d / "report" / "q3.pdf"), False),
    ("a home folder", lambda d: (write(d / ".bashrc"), write(d / "Documents" / "notes.txt")), False),
    ("another project's PO files", lambda d: write(d / "fr" / "en.po", FOREIGN_PO), False),
    (
        "an article beside the desk's own notes",
        lambda d: (write(d / "notes.txt"), write(d / "a" / "en.po", TOOL_PO), write(d / "drafts" / "x.txt")),
        True,
    ),
]


@pytest.mark.parametrize(
    ("build", "expected"), [(b, e) for _, b, e in FOLDERS], ids=[n for n, _, _ in FOLDERS]
)
def test_what_a_translations_folder_is(
    tmp_path: Path, build: Callable[[Path], object], expected: bool
) -> None:
    folder = tmp_path / "translations"
    folder.mkdir()
    build(folder)
    assert is_translations_folder(folder) is expected
    if expected:
        require_translations_folder(folder)
        require_article_or_translations_folder(folder)
    else:
        with pytest.raises(InputError, match="not a translations folder"):
            require_translations_folder(folder)
        with pytest.raises(InputError, match="not a translations folder"):
            require_article_or_translations_folder(folder)


def test_a_missing_folder_is_one_a_file_is_not(tmp_path: Path) -> None:
    assert is_translations_folder(tmp_path / "new")
    require_translations_folder(tmp_path / "new")
    require_article_or_translations_folder(tmp_path / "new")  # left for the command to report
    page = write(tmp_path / "page.txt", "商湯完成重組\n")
    assert not is_translations_folder(page)
    with pytest.raises(InputError, match=r"page\.txt: is a file, not a folder; give another --out"):
        require_translations_folder(page)


def test_an_article_folder_is_one_with_its_own_po_whoever_wrote_it(tmp_path: Path) -> None:
    """A command that reads article folders takes one holding PO files as an article folder, and the
    workbench's own folders are those with its header or state file."""
    foreign = write(tmp_path / "fr" / "en.po", FOREIGN_PO).parent
    require_article_or_translations_folder(foreign)
    assert not is_article_folder(foreign)
    assert is_article_folder(write(tmp_path / "a" / "en.po", EDITED_PO).parent)
    assert is_article_folder(write(tmp_path / "b" / ".workbench-state.json", "{}").parent)
    assert not is_article_folder(tmp_path / "missing")


def test_links_to_the_tools_folders_do_not_make_a_folder_its_own(tmp_path: Path) -> None:
    """A link to an article folder, or to the review site, is not the folder itself."""
    made = tmp_path / "made"
    write(made / "a" / "en.po", TOOL_PO)
    write(made / "report" / ".workbench-report")
    home = tmp_path / "home"
    write(home / "notes.txt")
    (home / "a").symlink_to(made / "a")
    assert not is_translations_folder(home)
    site_only = tmp_path / "site-only"
    site_only.mkdir()
    (site_only / "report").symlink_to(made / "report")
    assert not is_translations_folder(site_only)


def _error(call: Callable[[], None]) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return str(caught.value)


def test_links_where_the_tool_writes_are_refused_naming_the_first(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "secrets.txt")
    tree = tmp_path / "translations"
    write(tree / "a" / "en.po", TOOL_PO)
    refuse_links(tree)
    (tree / "b").symlink_to(elsewhere)
    (tree / "c").symlink_to(elsewhere)
    message = _error(lambda: refuse_links(tree))
    assert message.startswith(f"{tree / 'b'}: is a symbolic link (to {elsewhere});")
    assert message.endswith("remove the link (rm, not rm -r) and run again")


@pytest.mark.parametrize(
    "link",
    ["workbench.tmx", ".workbench-tm.json", ".workbench.lock", "report", "a/.workbench-state.json"],
)
def test_a_link_in_place_of_a_tool_file_is_refused(tmp_path: Path, link: str) -> None:
    target = write(tmp_path / "elsewhere" / "file")
    tree = tmp_path / "translations"
    write(tree / "a" / "en.po", TOOL_PO)
    (tree / link).symlink_to(target)
    assert _error(lambda: refuse_links(tree)).startswith(f"{tree / link}: is a symbolic link (to {target})")


def test_a_reviewers_own_files_and_notes_may_be_links(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    po = write(shared / "en.po", TOOL_PO)
    tree = tmp_path / "translations"
    (tree / "a").mkdir(parents=True)
    (tree / "a" / "en.po").symlink_to(po)
    (tree / "desk-notes.txt").symlink_to(write(shared / "notes.txt"))
    write(tree / "report" / ".workbench-report")
    write(tree / "report" / "articles" / "a.html")
    refuse_links(tree)
    refuse_links(tmp_path / "missing")


def test_a_link_inside_the_review_site_is_refused(tmp_path: Path) -> None:
    target = write(tmp_path / "elsewhere" / "index.html")
    tree = tmp_path / "translations"
    write(tree / "report" / ".workbench-report")
    (tree / "report" / "articles").mkdir()
    (tree / "report" / "articles" / "a.html").symlink_to(target)
    assert _error(lambda: refuse_links(tree)).startswith(f"{tree / 'report' / 'articles' / 'a.html'}:")


def test_the_site_folder_is_refused_as_a_link_unless_the_user_named_it(tmp_path: Path) -> None:
    real = tmp_path / "real-site"
    write(real / ".workbench-report")
    write(real / "articles" / "a.html")
    site = tmp_path / "site"
    site.symlink_to(real)
    assert _error(lambda: refuse_links_in_site(site)).startswith(f"{site}: is a symbolic link (to {real})")
    refuse_links_in_site(site, itself=False)
    refuse_links_in_site(real)
    refuse_links_in_site(tmp_path / "not-written-yet")
    pages = tmp_path / "pages"
    pages.mkdir()
    (real / "articles").rename(pages / "articles")
    (real / "articles").symlink_to(pages / "articles")
    message = _error(lambda: refuse_links_in_site(site, itself=False))
    assert message.startswith(f"{site / 'articles'}: is a symbolic link")


def test_of_several_links_in_the_site_the_first_by_name_is_named(tmp_path: Path) -> None:
    target = write(tmp_path / "elsewhere" / "x.html")
    site = tmp_path / "site"
    write(site / "index.html")
    for name in ("glossary.html", "a.html"):
        (site / name).symlink_to(target)
    assert _error(lambda: refuse_links_in_site(site)).startswith(f"{site / 'a.html'}:")
    os.unlink(site / "a.html")
    assert _error(lambda: refuse_links_in_site(site)).startswith(f"{site / 'glossary.html'}:")
