"""Promises of the README that no other test held: each of these fails when its rule is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import GLOSSARY, SEED, TEST_MODEL
from workbench.carry import fact_accuracy
from workbench.checks import run_checks
from workbench.cli import _register, app
from workbench.facts import extract
from workbench.glossary import Glossary, load_glossary
from workbench.model import GlossaryEntry
from workbench.mt import load_engine
from workbench.segment import split_sentences
from workbench.tickers import normalise

_register()


def test_a_lone_full_width_question_mark_ends_a_sentence() -> None:
    assert split_sentences("股價會否反彈？分析師認為未必。") == ["股價會否反彈？", "分析師認為未必。"]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("10億元", "1 billion yuan"),  # the exact boundary of the billion scale
        ("9.99億元", "999 million yuan"),
        ("100萬元", "1 million yuan"),
        ("1萬億元", "1 trillion yuan"),
    ],
)
def test_amounts_change_scale_word_exactly_at_the_boundary(text: str, english: str) -> None:
    (fact,) = extract(f"公司收入{text}。")
    assert fact.english == english


def test_a_us_dollar_prefix_before_a_chinese_multiplier_is_kept() -> None:
    (fact,) = extract("公司集資US$4.3億。")
    assert (fact.text, fact.english, fact.unit) == ("US$4.3億", "US$430 million", "USD")


@pytest.mark.parametrize("written", ["Shang Tang", "shang tang", "SHANG TANG", "sHaNg TaNg"])
def test_a_forbidden_rendering_is_caught_in_any_letter_case(written: str) -> None:
    entry = GlossaryEntry(
        "商湯集團股份有限公司",
        "商汤集团股份有限公司",
        "SenseTime",
        ("商湯",),
        ("0020.HK",),
        forbidden=("Shang Tang",),
    )
    glossary = Glossary.from_entries([entry])
    source = "商湯集團股份有限公司(0020.HK)公布業績。"
    draft = f"{written} (0020.HK) announced its results."
    hits = glossary.match(source)
    findings = run_checks(source, draft, extract(source, hits), hits, glossary)
    assert [(f.check, f.target_span) for f in findings if f.check == "forbidden-rendering"] == [
        ("forbidden-rendering", written)
    ]


@pytest.mark.parametrize("written", ["(20)", "20", "00020", "0020.HK", "HK:0020", "（２０）"])
def test_every_written_form_of_an_hkex_code_normalises_to_one_listing(written: str) -> None:
    assert normalise(written) == "0020.HK"


def test_the_main_job_repairs_the_facts_of_the_test_models_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the engine wrote, against what ``translate`` put in en.po: the job must have made facts right."""
    # The seed page's two briefs: a dozen sentences dense with amounts, share counts and tickers.
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("簡訊:上市月餘"))
    end = next(n for n, line in enumerate(lines) if line.startswith("China Renaissance"))
    (tmp_path / "page.txt").write_text("\n".join(lines[start:end]) + "\n", encoding="utf-8")
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["translate", "page.txt", "--model", str(TEST_MODEL), "--device", "cpu"])
    assert result.exit_code == 0, result.output

    glossary = load_glossary(tmp_path / "glossary.csv")
    entries = [e for po in (tmp_path / "translations").glob("*/en.po") for e in polib.pofile(str(po))]
    engine = load_engine(str(TEST_MODEL), device="cpu")
    raw = dict(zip((e.msgid for e in entries), engine.translate([e.msgid for e in entries]), strict=True))
    repaired = 0
    for entry in entries:
        hits = glossary.match(entry.msgid)
        facts = extract(entry.msgid, hits)
        before = fact_accuracy(raw[entry.msgid].text, facts, hits, glossary, entry.msgid)
        after = fact_accuracy(entry.msgstr, facts, hits, glossary, entry.msgid)
        assert after >= before, entry.msgid
        repaired += after > before
    assert repaired >= 5
