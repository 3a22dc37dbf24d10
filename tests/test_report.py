"""The review site as files: counts, findings as `workbench check` gives them, rebuilds, refusals."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib
import pytest
import typer
from typer.testing import CliRunner

from conftest import GLOSSARY, SEED
from report_fixtures import (
    EXAMPLE,
    IMAGE,
    SCRIPT,
    VARIED,
    checked,
    counted,
    glossary,
    plant_hostile,
    seed_tree,
    site,
    vary,
)
from workbench.cli import report as report_cli
from workbench.cli import review as review_cli
from workbench.cli import translate as translate_cli
from workbench.errors import InputError
from workbench.po import entry_key, load_po, save_po, unit_id
from workbench.report import MARKER, State, read_article, write_report

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    for module in (report_cli, review_cli, translate_cli):
        module.register(app)
    return app


def shown_counts(index: str, article: str) -> dict[str, int]:
    row = re.search(
        rf"<tr class='article[^']*' data-article='{re.escape(article)}'[^>]*>(.*?)</tr>", index, re.S
    )
    assert row is not None, article
    return {k: int(v) for k, v in re.findall(r"data-count='(\w+)'>(?:<a [^>]*>)?(\d+)<", row.group(1))}


def page_errors(page: str) -> int:
    return len(re.findall(r'<li class="finding error">', page))


def test_index_counts_are_the_po_files_counts_and_the_findings_those_of_workbench_check(
    tmp_path: Path,
) -> None:
    tree = seed_tree(tmp_path)
    vary(tree)
    result = site(tree)
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    assert len(result.articles) == 5
    for folder in sorted(p for p in tree.iterdir() if (p / "en.po").is_file()):
        assert shown_counts(index, folder.name) == counted(folder)
        page = (tree / "report" / "articles" / f"{folder.name}.html").read_text(encoding="utf-8")
        assert page_errors(page) == checked(folder)["errors"]
    assert shown_counts(index, VARIED)["reviewed"] == 2


def test_page_and_workbench_check_agree_after_a_reviewers_save_and_build(tmp_path: Path) -> None:
    """The desk's way: a report, a reviewer's save in a polib-based tool, `workbench build`; then the page
    and `workbench check`, each run as the real command, must report the same errors."""
    tree = seed_tree(tmp_path)
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")

    def workbench(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "workbench", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

    assert workbench("report", "translations").returncode == 0
    page_path = tree / "report" / "articles" / f"{VARIED}.html"
    before = page_errors(page_path.read_text(encoding="utf-8"))
    path = tree / VARIED / "en.po"
    po = polib.pofile(str(path))  # a reviewer's tool: polib, wrapping at 78 columns
    live = [e for e in po if not e.obsolete]
    live[4].msgstr = "Yujian Xiaomian sold shares at HK$7.04 each, raising HK$617 million."  # right
    live[5].msgstr = "The company listed on December 5; its shares fell 82% on the first day."  # wrong figure
    live[10].msgstr = "陽歌"  # Chinese left in the English
    po.save(str(path))

    build = workbench("build", "translations")
    check = workbench("check", str(path), "--json")

    assert build.returncode == 0, build.stderr
    assert "review page rebuilt" in build.stderr
    errors = sum(row["severity"] == "error" for row in json.loads(check.stdout))
    page = page_path.read_text(encoding="utf-8")
    assert page_errors(page) == errors != before
    assert (
        shown_counts((tree / "report" / "index.html").read_text(encoding="utf-8"), VARIED)["errors"] == errors
    )
    assert "82%" in page and "percent" in page


def test_a_finding_repeated_on_one_entry_is_counted_once(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    path = tree / VARIED / "en.po"
    po = load_po(path)
    entry = next(e for e in po if not e.obsolete and e.msgid.startswith("遇見小麵以每股"))
    entry.msgid = "遇見小麵以每股7.04港元招股,集資6.17億港元,即每股7.04港元。"  # 7.04港元 twice in the source
    entry.msgstr = "Yujian Xiaomian raised HK$617 million."
    save_po(po, path)
    site(tree)
    page = (tree / "report" / "articles" / f"{VARIED}.html").read_text(encoding="utf-8")
    (row,) = [block for block in page.split('<li id="') if "即每股7.04港元" in block]
    missing = [f for f in re.findall(r'<li class="finding error">(.*?)</li>', row) if "7.04" in f]
    assert len(missing) == 1, missing
    assert checked(tree / VARIED)["errors"] == page_errors(page)


def test_sentences_follow_the_article_in_either_po_layout(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    folder = vary(tree)
    before = read_article(folder, "a.html")
    # The layout older folders have: the position in msgctxt, no `position:` comment; order shuffled.
    for name in ("en.po", "zh_Hans.po"):
        po = load_po(folder / name)
        for entry in po:
            lines = entry.comment.split("\n")
            place = next(line for line in lines if line.startswith("position: ")).split(" ")[1]
            entry.msgctxt = f"{VARIED}:{place}"
            entry.comment = "\n".join(line for line in lines if not line.startswith("position: "))
        po[:] = list(reversed(po))
        save_po(po, folder / name)
    after = read_article(folder, "a.html")
    assert [(s.paragraph, s.number, s.source, s.simplified) for s in after.sentences] == [
        (s.paragraph, s.number, s.source, s.simplified) for s in before.sentences
    ]
    assert after.counts == before.counts
    assert [s.kind for s in after.sentences][:3] == ["title", "body", "body"]
    assert after.sentences[0].simplified.startswith("简讯")


def test_entry_states_hints_and_scores(tmp_path: Path) -> None:
    folder = vary(seed_tree(tmp_path))
    a = read_article(folder, "a.html")
    states = [s.state for s in a.sentences]
    assert states[:5] == [State.REVIEWED, State.REVIEWED, State.EMPTY, State.MEMORY, State.FUZZY]
    # The score the test model gave the title, as the worked example records it.
    example = (EXAMPLE / VARIED / "en.po").read_text(encoding="utf-8")
    recorded = re.search(r"^#\. mt: score (-?\d+\.\d+)", example, re.MULTILINE)
    assert recorded is not None and a.sentences[0].score == pytest.approx(float(recorded.group(1)))
    assert a.sentences[3].score is None
    term = a.sentences[1].terms[0]
    assert (term.english, term.tickers) == ("Yujian Xiaomian", ("2408.HK",))
    assert "check the buyback size with the desk" in a.sentences[5].comments
    assert a.title_en.startswith("Brief: Yujian Xiaomian") and a.title_zh.startswith("簡訊")


def test_an_unconfirmed_simplified_entry_is_never_shown_as_reviewed(tmp_path: Path) -> None:
    """Only a Simplified entry a reviewer confirmed (not fuzzy, not empty) counts as reviewed; a fuzzy one
    with a conversion in it, an empty one and one only the English has are not."""
    tree = seed_tree(tmp_path)
    path = tree / VARIED / "zh_Hans.po"
    po = load_po(path)
    live = [e for e in po if not e.obsolete and e.msgid]
    assert all(e.fuzzy and e.msgstr for e in live)  # the tool's conversions, unconfirmed
    live[0].flags.remove("fuzzy")  # a reviewer confirms the title
    live[1].msgstr = ""  # and empties the next one
    live[1].flags.remove("fuzzy")
    po.remove(live[2])  # a sentence the Simplified file lacks
    save_po(po, path)
    site(tree)
    a = read_article(tree / VARIED, "a.html", glossary())
    assert [s.simplified_reviewed for s in a.sentences][:4] == [True, False, False, False]
    assert a.simplified_reviewed == 1
    assert a.sentences[3].simplified_state is State.FUZZY and a.sentences[3].simplified
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    assert shown_counts(index, VARIED)["simplified"] == 1 == counted(tree / VARIED)["simplified"]
    page = (tree / "report" / "articles" / f"{VARIED}.html").read_text(encoding="utf-8")
    assert len(re.findall(r'data-zh="reviewed"', page)) == 1
    assert len(re.findall(r'<span class="zh-state">reviewed</span>', page)) == 1
    assert not a.ready and "Simplified sentences unreviewed" in a.not_ready


def test_hostile_text_is_written_as_text(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    plant_hostile(tree)
    site(tree)
    page = (tree / "report" / "articles" / f"{VARIED}.html").read_text(encoding="utf-8")
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    for text in (page, index):
        assert "<img" not in text
        # One script of the page's own; the index also keeps its rows as data, which is no script.
        assert text.count("<script>") == 1 and text.count("<script") == (1 if text is page else 2)
    assert (
        "</script"
        not in index.split('<script type="application/json" id="index-data">')[1].split("</script>")[0]
    )
    cells = [html.unescape(c) for c in re.findall(r'<div class="cell zt"[^>]*>(.*?)</div>', page, re.S)]
    assert f"遇見小麵{SCRIPT}" in cells
    cells = [html.unescape(c) for c in re.findall(r'<div class="cell en"[^>]*>(.*?)</div>', page, re.S)]
    assert f"Yujian Xiaomian {IMAGE}" in cells
    notes = [html.unescape(n) for n in re.findall(r'<li class="comment">(.*?)</li>', page, re.S)]
    assert f"reviewer: reviewer says {SCRIPT} and {IMAGE}" in notes


def test_glossary_page_lists_terms_with_the_articles_using_them(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    site(tree)
    page = (tree / "report" / "glossary.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="term[^"]*">(.*?)</tr>', page, re.S)
    assert len(rows) >= len(glossary())
    sensetime = next(r for r in rows if "商湯集團股份有限公司" in r)
    assert "SenseTime" in sensetime and "0020.HK" in sensetime
    assert 'href="articles/sensetime-completes-reorg-to-focus-on-genai.html"' in sensetime


def test_rewriting_an_unchanged_report_writes_nothing_and_drops_pages_of_removed_articles(
    tmp_path: Path,
) -> None:
    tree = seed_tree(tmp_path)
    assert site(tree).written == 13  # index, glossary, 5 articles and their XLIFF, marker
    again = site(tree)
    assert (again.written, again.read) == (0, 0)
    shutil.rmtree(tree / VARIED)
    site(tree)
    assert not (tree / "report" / "articles" / f"{VARIED}.html").exists()
    assert not (tree / "report" / "xliff" / f"{VARIED}.xlf").exists()
    assert VARIED not in (tree / "report" / "index.html").read_text(encoding="utf-8")


def test_a_rebuild_reads_only_the_articles_whose_files_changed(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    site(tree)
    vary(tree)
    result = site(tree)
    assert result.read == 1
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    page = (tree / "report" / "articles" / f"{VARIED}.html").read_text(encoding="utf-8")
    assert shown_counts(index, VARIED) == counted(tree / VARIED)
    assert "check the buyback size with the desk" in page
    # A marker damaged by hand costs one full read, never a wrong page.
    (tree / "report" / MARKER).write_text('{"version": 1, "articles": {"x": 1}}', encoding="utf-8")
    assert site(tree).read == 5
    assert shown_counts((tree / "report" / "index.html").read_text(encoding="utf-8"), VARIED)["reviewed"] == 2
    # So does one nested past any parser's depth.
    (tree / "report" / MARKER).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert site(tree).read == 5


def test_another_glossary_checks_every_article_again(tmp_path: Path) -> None:
    """Findings depend on the glossary; a report made against another one is never reused."""
    tree = seed_tree(tmp_path)
    site(tree)
    without = write_report(tree)
    assert without.read == 5
    errors = {a.id: a.errors for a in without.articles}
    with_glossary = site(tree)
    assert with_glossary.read == 5
    assert {a.id: a.errors for a in with_glossary.articles} != errors


def test_a_page_deleted_or_tampered_with_is_made_again_so_the_index_never_links_to_a_missing_file(
    tmp_path: Path,
) -> None:
    tree = seed_tree(tmp_path)
    site(tree)
    articles = tree / "report" / "articles"
    (articles / f"{VARIED}.html").unlink()
    (articles / "1318-hk-cfd858.html").write_text("", encoding="utf-8")
    (tree / "report" / "xliff" / "9863-hk-c7c975.xlf").unlink()
    result = site(tree)
    assert result.read == 3
    assert "簡訊" in (articles / "1318-hk-cfd858.html").read_text(encoding="utf-8")
    assert (tree / "report" / "xliff" / "9863-hk-c7c975.xlf").is_file()
    for page in [tree / "report" / "index.html", *articles.glob("*.html")]:
        hrefs = re.findall(r"""href=["']([^"'#]+)""", page.read_text(encoding="utf-8"))
        assert len(hrefs) > 5
        for href in hrefs:
            target = (page.parent / unquote(urlsplit(href).path)).resolve()
            assert target.is_file(), (page.name, href)


def test_symlinks_planted_in_the_report_folder_are_never_followed(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    site(tree)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "important.html").write_text("keep me", encoding="utf-8")
    (elsewhere / f"{VARIED}.html").write_text("keep me too", encoding="utf-8")
    vary(tree)
    for planted in (tree / "report" / "articles" / "1318-hk-cfd858.html", tree / "report" / "xliff"):
        if planted.is_dir():
            shutil.rmtree(planted)
        else:
            planted.unlink()
        planted.symlink_to(elsewhere / ("important.html" if planted.suffix else ""))

        with pytest.raises(InputError, match="symbolic link"):
            site(tree)

        assert (elsewhere / "important.html").read_text(encoding="utf-8") == "keep me"
        assert (elsewhere / f"{VARIED}.html").read_text(encoding="utf-8") == "keep me too"
        assert sorted(p.name for p in elsewhere.iterdir()) == [f"{VARIED}.html", "important.html"]
        assert planted.is_symlink()  # left for the user to remove, never followed
        planted.unlink()


def test_each_article_names_its_translators_and_links_its_files(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    path = tree / VARIED / "en.po"
    po = load_po(path)
    po.metadata["Last-Translator"] = "Chan Tai Man <tm.chan@example.com>"
    po.metadata["PO-Revision-Date"] = "2027-01-02 09:30+0800"
    save_po(po, path)
    site(tree)
    page_path = tree / "report" / "articles" / f"{VARIED}.html"
    page = html.unescape(page_path.read_text(encoding="utf-8"))
    assert "last translator Chan Tai Man <tm.chan@example.com>, revised 2027-01-02 09:30+0800" in page
    index = html.unescape((tree / "report" / "index.html").read_text(encoding="utf-8"))
    assert "Chan Tai Man <tm.chan@example.com>, 2027-01-02" in index
    links = dict(re.findall(r'<a href="([^"]+)">(en\.po|zh_Hans\.po|en\.md|XLIFF)</a>', page))
    assert sorted(links.values()) == ["XLIFF", "en.md", "en.po", "zh_Hans.po"]
    for href, label in links.items():
        target = (page_path.parent / unquote(href)).resolve()
        if label == "XLIFF":
            assert target.parent == (tree / "report" / "xliff").resolve()
            assert b"<xliff" in target.read_bytes() and b'trgLang="en"' in target.read_bytes()
        else:
            assert target == (tree / VARIED / label).resolve()


def test_sentence_permalinks_come_from_the_entry_key_and_survive_edits_elsewhere(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    folder = tree / VARIED
    before = {s.source: s.anchor for s in read_article(folder, "a.html").sentences}
    po = load_po(folder / "en.po")
    keys = {e.msgid: unit_id(entry_key(e)) for e in po if not e.obsolete}
    assert before == keys
    po.remove(next(e for e in po if not e.obsolete and e.msgid.startswith("公司表示")))  # a sentence goes
    save_po(po, folder / "en.po")
    after = {s.source: s.anchor for s in read_article(folder, "a.html").sentences}
    assert after == {source: anchor for source, anchor in before.items() if not source.startswith("公司表示")}
    site(tree)
    page = (tree / "report" / "articles" / f"{VARIED}.html").read_text(encoding="utf-8")
    for anchor in after.values():
        assert f'<li id="{anchor}"' in page and f'href="#{anchor}"' in page


def test_cli_report_default_place_and_summary(app: typer.Typer, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    result = runner.invoke(app, ["report", str(tree)])
    assert result.exit_code == 0, result.output
    assert "5 articles, 0 of 132 sentences reviewed" in result.output
    assert (tree / "report" / "index.html").is_file() and (tree / "report" / MARKER).is_file()


def test_cli_report_refuses_a_folder_it_did_not_make(app: typer.Typer, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    elsewhere = tmp_path / "site"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("the team's own page", encoding="utf-8")
    result = runner.invoke(app, ["report", str(tree), "-o", str(elsewhere)])
    assert result.exit_code == 2
    assert "did not write" in result.output and len(result.output.strip().splitlines()) == 1
    assert (elsewhere / "index.html").read_text(encoding="utf-8") == "the team's own page"


def test_a_broken_po_file_stops_only_its_article(app: typer.Typer, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    broken = tree / VARIED / "en.po"
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    result = runner.invoke(app, ["report", str(tree)])
    assert result.exit_code == 2
    assert f"{broken}:" in result.output
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    assert shown_counts(index, "1318-hk-cfd858")["sentences"] == 12
    assert f"data-article='{VARIED}' data-status='attention'" in index


def test_build_rebuilds_an_existing_report(app: typer.Typer, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    write_report(tree)
    vary(tree)
    result = runner.invoke(app, ["build", str(tree / VARIED)])
    assert result.exit_code == 0, result.output
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    assert shown_counts(index, VARIED)["reviewed"] == 2


def test_translate_rebuilds_an_existing_report_and_makes_none_otherwise(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = seed_tree(tmp_path)
    shutil.copy(SEED, tmp_path / "page.txt")
    args = ["translate", "page.txt", "--out", str(tree), "--no-mt", "--no-tm", "-g", str(GLOSSARY)]
    assert runner.invoke(app, args).exit_code == 0
    assert not (tree / "report").exists()
    write_report(tree)
    vary(tree)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    assert shown_counts(index, VARIED) == counted(tree / VARIED)
    assert shown_counts(index, VARIED)["reviewed"] == 2


def test_report_command_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, typer; from workbench.cli import report, signoff; app = typer.Typer(); "
        "report.register(app); signoff.register(app); "
        "heavy = {'polib', 'jinja2', 'rapidfuzz', 'numpy', 'opencc'} & set(sys.modules); print(sorted(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_report_folder_that_is_a_symlink_is_refused(app: typer.Typer, tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    target = tmp_path / "target"
    target.mkdir()
    os.symlink(target, tree / "report")
    result = runner.invoke(app, ["report", str(tree)])
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert list(target.iterdir()) == []
