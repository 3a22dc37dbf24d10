"""Article folders for the review-site tests: the worked example with the states a reviewer leaves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from review_fixtures import Row
from workbench.cli import check as check_cli
from workbench.glossary import Glossary, load_glossary
from workbench.po import load_po, save_po
from workbench.report import SiteResult, write_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "translations"
GLOSSARY = ROOT / "glossary.csv"
VARIED = "2408-hk-423d51"

# An article a reviewer has finished in both languages, with English `workbench check` finds right.
FINISHED = [
    Row("p1.s1", "公司股價上升5%。", "The company's shares rose 5%.", simplified="公司股价上升5%。"),
    Row("p1.s2", "該公司將於周五公布業績。", "The company will report its results on Friday.",
        simplified="该公司将于周五公布业绩。"),
]  # fmt: skip

# Page text and reviewer comments an attacker could plant: each would run script if it became markup.
SCRIPT = '<script>window.pwned = 1; document.title = "pwned";</script>'
IMAGE = '"><img src=x onerror="window.pwned = 2; document.title = \'pwned\'">'

# Debian's chromium, driven by Playwright (its own browser download cannot work here). No profile sync,
# updates or background fetches: the page must work with no network at all.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium(playwright: Any) -> Any:
    """The browser the tests, the benchmark and the README's screenshots all use."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def seed_tree(tmp_path: Path) -> Path:
    """A copy of the worked example's article folders (machine drafts of the seed page by the test model)."""
    tree = tmp_path / "translations"
    shutil.copytree(EXAMPLE, tree, ignore=shutil.ignore_patterns("report", ".workbench-*"))
    return tree


def vary(tree: Path) -> Path:
    """Give one article every review state: reviewed, empty, memory match, other fuzzy, a reviewer's note,
    and one Simplified entry confirmed."""
    path = tree / VARIED / "en.po"
    po = load_po(path)
    live = [e for e in po if not e.obsolete and e.msgid]
    live[0].flags.remove("fuzzy")  # the title, accepted as drafted
    live[1].flags.remove("fuzzy")
    live[1].msgstr = "Yujian Xiaomian (2408.HK) shares fell no more than 10% on Tuesday."
    live[2].msgstr = ""
    live[2].flags.remove("fuzzy")
    live[3].comment = "\n".join(
        ["tm: 91% match of p3.s2 in 9863-hk-c7c975"]
        + [line for line in live[3].comment.split("\n") if not line.startswith("mt:")]
    )
    live[4].comment = "\n".join(line for line in live[4].comment.split("\n") if not line.startswith("mt:"))
    live[5].tcomment = "\n".join(filter(None, [live[5].tcomment, "check the buyback size with the desk"]))
    save_po(po, path)
    simplified = load_po(path.parent / "zh_Hans.po")
    next(e for e in simplified if not e.obsolete and e.msgid).flags.remove("fuzzy")  # the title, confirmed
    save_po(simplified, path.parent / "zh_Hans.po")
    return path.parent


def plant_hostile(tree: Path) -> Path:
    """Put script-bearing text in a source sentence, a draft, a reviewer comment and the English title."""
    path = tree / VARIED / "en.po"
    po = load_po(path)
    live = [e for e in po if not e.obsolete and e.msgid]
    live[1].msgid = f"遇見小麵{SCRIPT}"
    live[1].msgstr = f"Yujian Xiaomian {IMAGE}"
    live[2].tcomment = f"reviewer says {SCRIPT} and {IMAGE}"
    po.metadata["X-Workbench-English-Title"] = f"Buyback {IMAGE}"
    save_po(po, path)
    return path.parent


def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


def site(tree: Path, out: Path | None = None) -> SiteResult:
    """The report of ``tree``, checked against the project's glossary as ``workbench check -g`` does."""
    return write_report(tree, out, glossary())


def checked(folder: Path) -> dict[str, int]:
    """The errors and warnings ``workbench check --json -g glossary.csv`` reports for an article's en.po."""
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """The workbench."""

    check_cli.register(app)
    result = CliRunner().invoke(app, ["check", str(folder / "en.po"), "-g", str(GLOSSARY), "--json"])
    assert result.exit_code in (0, 1), result.output
    rows = json.loads(result.stdout)
    return {
        "errors": sum(row["severity"] == "error" for row in rows),
        "warnings": sum(row["severity"] == "warning" for row in rows),
    }


def counted(folder: Path) -> dict[str, int]:
    """An article's counts straight from its PO files' text, without the report's reader; the findings
    as ``workbench check`` gives them."""
    counts = dict.fromkeys(("sentences", "reviewed", "machine", "memory", "fuzzy", "empty", "simplified"), 0)
    text = (folder / "en.po").read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        lines = block.split("\n")
        if any(line.startswith("#~") for line in lines) or not any(x.startswith("msgid") for x in lines):
            continue
        counts["sentences"] += 1
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        after = lines[lines.index('msgstr ""') :] if 'msgstr ""' in lines else None
        if after is not None and not any(line.startswith('"') for line in after):
            counts["empty"] += 1
        elif not fuzzy:
            counts["reviewed"] += 1
        elif any(line.startswith("#. tm:") for line in lines):
            counts["memory"] += 1
        elif any(line.startswith("#. mt:") for line in lines):
            counts["machine"] += 1
        else:
            counts["fuzzy"] += 1
    for block in (folder / "zh_Hans.po").read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = block.split("\n")
        if any(line.startswith("#~") for line in lines) or not any(x.startswith("msgid") for x in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        empty = 'msgstr ""' in lines and not any(
            line.startswith('"') for line in lines[lines.index('msgstr ""') :]
        )
        counts["simplified"] += not fuzzy and not empty
    return {**counts, **checked(folder)}
