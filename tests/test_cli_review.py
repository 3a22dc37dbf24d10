from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from translate.storage import tmx, xliff2
from typer.testing import CliRunner

from review_fixtures import SENSETIME, Row, review, write_article
from workbench.cli import review as review_cli

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    review_cli.register(app)
    return app


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "translations"
    write_article(root, "sensetime", SENSETIME)
    write_article(
        root, "renaissance", [Row("p1.s1", "華興資本試水不良貸款。", "China Renaissance tests bad loans.")]
    )
    return root


def test_build_writes_every_article_of_the_tree(app: typer.Typer, tree: Path) -> None:
    result = runner.invoke(app, ["build", str(tree)])
    assert result.exit_code == 0, result.output
    assert (tree / "renaissance" / "en.md").read_text(
        encoding="utf-8"
    ) == "China Renaissance tests bad loans.\n"
    text = (tree / "sensetime" / "en.md").read_text(encoding="utf-8")
    assert text.startswith("# SenseTime completes reorg to focus on GenAI\n")
    assert text.count("⟦MT⟧ ") == 3
    assert (
        f"{tree / 'sensetime'}: en.md, zh_Hans.txt written, 3 sentences marked as unreviewed" in result.output
    )


def test_build_with_a_custom_marker(app: typer.Typer, tree: Path) -> None:
    result = runner.invoke(app, ["build", str(tree / "sensetime"), "--marker", "[MT: {}]"])
    assert result.exit_code == 0, result.output
    text = (tree / "sensetime" / "en.md").read_text(encoding="utf-8")
    assert "[MT: The company is expected to remain loss-making until at least 2026.]" in text
    assert "⟦MT⟧" not in text


def test_reviewed_only_exits_1_listing_the_unreviewed_entries(app: typer.Typer, tree: Path) -> None:
    result = runner.invoke(app, ["build", "--reviewed-only", str(tree)])
    assert result.exit_code == 1
    assert "  p5.s1  fuzzy  這家公司正轉向一個市場潛力更大的大眾領域。" in result.output
    assert "  p9.s2  fuzzy" in result.output
    assert "  p9.s3  empty  成立十年後，商湯仍在虧損。" in result.output
    assert not (tree / "sensetime" / "en.md").exists()
    # The fully reviewed article is still built.
    assert (tree / "renaissance" / "en.md").exists()


def test_reviewed_only_succeeds_after_review(app: typer.Typer, tree: Path) -> None:
    review(tree / "sensetime", {"p9.s3": "Ten years on, SenseTime is still losing money."})
    result = runner.invoke(app, ["build", "--reviewed-only", "--json", str(tree)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {d["article"]: (d["refused"], d["marked"]) for d in data} == {
        "renaissance": (False, 0),
        "sensetime": (False, 0),
    }


def test_build_on_a_folder_without_po_files_is_exit_2(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path)])
    assert result.exit_code == 2
    assert "no en.po found" in result.output
    assert "Traceback" not in result.output


def test_export_tmx(app: typer.Typer, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.tmx"
    result = runner.invoke(app, ["export", "--format", "tmx", "--out", str(out), str(tree)])
    assert result.exit_code == 0, result.output
    assert f"{out}: 10 reviewed translation units" in result.output
    sources = {u.source for u in tmx.tmxfile.parsefile(str(out)).units}
    assert "華興資本試水不良貸款。" in sources and len(sources) == 10


def test_export_tmx_default_path(app: typer.Typer, tree: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "tmx", str(tree)])
    assert result.exit_code == 0, result.output
    assert (tree / "workbench.tmx").is_file()


def test_export_xliff_per_article(app: typer.Typer, tree: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-f", "xliff", "-o", str(tmp_path / "xliff"), str(tree)])
    assert result.exit_code == 0, result.output
    store = xliff2.Xliff2File.parsefile(str(tmp_path / "xliff" / "sensetime.xlf"))
    states = [u.xmlelement.get("state") for u in store.units]
    assert states.count("initial") == 3 and states.count("reviewed") == 9
    assert (tmp_path / "xliff" / "renaissance.xlf").is_file()


def test_export_the_simplified_memory_and_xliff_12(app: typer.Typer, tree: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-f", "tmx", "--simplified", str(tree), "--json"])
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)["files"][0]
    assert written["file"] == str(tree / "workbench.zh-Hans.tmx") and written["target_language"] == "zh-Hans"
    store = tmx.tmxfile.parsefile(written["file"])
    assert len(store.units) == written["units"] > 0
    assert all(len(u.getlanguageNodes()) == 2 for u in store.units)
    result = runner.invoke(app, ["export", "-f", "xliff-1.2", "-o", str(tmp_path / "x"), str(tree)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["renaissance.xliff", "sensetime.xliff"]


def test_simplified_is_refused_for_xliff(app: typer.Typer, tree: Path) -> None:
    result = runner.invoke(app, ["export", "-f", "xliff", "--simplified", str(tree)])
    assert result.exit_code == 2
    assert "--simplified is for --format tmx" in result.output


def test_export_rejects_an_unknown_format(app: typer.Typer, tree: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", str(tree)])
    assert result.exit_code == 2


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, typer; from workbench.cli import review; app = typer.Typer(); review.register(app); "
        "heavy = {'polib', 'rapidfuzz', 'numpy', 'opencc', 'ctranslate2', 'translate'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
