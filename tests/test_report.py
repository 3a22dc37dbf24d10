from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import GLOSSARY, SEED
from report_fixtures import EXAMPLE, IMAGE, SCRIPT, VARIED, counted, plant_hostile, seed_tree, vary
from workbench.cli import report as report_cli
from workbench.cli import review as review_cli
from workbench.cli import translate as translate_cli
from workbench.glossary import load_glossary
from workbench.po import load_po, save_po
from workbench.report import MARKER, State, read_article, write_report

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    for module in (report_cli, review_cli, translate_cli):
        module.register(app)
    return app


def shown_counts(index: str, article: str) -> dict[str, int]:
    row = re.search(rf'<tr class="article[^"]*" data-article="{re.escape(article)}">(.*?)</tr>', index, re.S)
    assert row is not None, article
    return {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', row.group(1))}


def test_index_counts_are_the_po_files_counts(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    vary(tree)
    result = write_report(tree)
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    assert len(result.articles) == 5
    for folder in sorted(p for p in tree.iterdir() if (p / "en.po").is_file()):
        assert shown_counts(index, folder.name) == counted(folder)
    assert shown_counts(index, VARIED)["reviewed"] == 2


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


def test_hostile_text_is_written_as_text(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    plant_hostile(tree)
    write_report(tree)
    page = (tree / "report" / "articles" / f"{VARIED}.html").read_text(encoding="utf-8")
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    for text in (page, index):
        assert "<img" not in text
        assert text.count("<script") == (1 if text is page else 0)
    cells = [html.unescape(c) for c in re.findall(r'<div class="cell [^"]*"[^>]*>(.*?)</div>', page, re.S)]
    assert f"遇見小麵{SCRIPT}" in cells
    assert f"Yujian Xiaomian {IMAGE}" in cells
    notes = [html.unescape(n) for n in re.findall(r'<li class="comment">(.*?)</li>', page, re.S)]
    assert f"reviewer: reviewer says {SCRIPT} and {IMAGE}" in notes


def test_glossary_page_lists_terms_with_the_articles_using_them(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    write_report(tree, glossary=load_glossary(GLOSSARY))
    page = (tree / "report" / "glossary.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="term[^"]*">(.*?)</tr>', page, re.S)
    assert len(rows) >= len(load_glossary(GLOSSARY))
    sensetime = next(r for r in rows if "商湯集團股份有限公司" in r)
    assert "SenseTime" in sensetime and "0020.HK" in sensetime
    assert 'href="articles/sensetime-completes-reorg-to-focus-on-genai.html"' in sensetime


def test_rewriting_an_unchanged_report_writes_nothing_and_drops_pages_of_removed_articles(
    tmp_path: Path,
) -> None:
    tree = seed_tree(tmp_path)
    assert write_report(tree).written == 8  # index, glossary, 5 articles, marker
    again = write_report(tree)
    assert (again.written, again.read) == (0, 0)
    shutil.rmtree(tree / VARIED)
    write_report(tree)
    assert not (tree / "report" / "articles" / f"{VARIED}.html").exists()
    assert VARIED not in (tree / "report" / "index.html").read_text(encoding="utf-8")


def test_a_rebuild_reads_only_the_articles_whose_po_files_changed(tmp_path: Path) -> None:
    tree = seed_tree(tmp_path)
    write_report(tree)
    vary(tree)
    result = write_report(tree)
    assert result.read == 1
    index = (tree / "report" / "index.html").read_text(encoding="utf-8")
    page = (tree / "report" / "articles" / f"{VARIED}.html").read_text(encoding="utf-8")
    assert shown_counts(index, VARIED) == counted(tree / VARIED)
    assert "check the buyback size with the desk" in page
    # A marker damaged by hand costs one full read, never a wrong page.
    (tree / "report" / MARKER).write_text('{"version": 1, "articles": {"x": 1}}', encoding="utf-8")
    assert write_report(tree).read == 5
    assert shown_counts((tree / "report" / "index.html").read_text(encoding="utf-8"), VARIED)["reviewed"] == 2


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
    assert "unreadable" in index


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
        "import sys, typer; from workbench.cli import report; app = typer.Typer(); report.register(app); "
        "heavy = {'polib', 'jinja2', 'rapidfuzz', 'numpy', 'opencc'} & set(sys.modules); print(sorted(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
