"""The checks on correct press English about the whole market: not one error.

The glossary is the desk's with every listed company imported (``market_glossary``), as a desk runs the tool.
``press_copy`` holds the sentence shapes a Hong Kong desk meets every day with English written by hand; the
reference set (``tests/data/market_copy/reference.jsonl``, real copy from several outlets) is checked the
same way. A finding on correct English is a false alarm, and an editor who meets them stops reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from market_glossary import market_glossary_csv
from press_copy import PRESS_COPY
from workbench.checks import run_checks
from workbench.glossary import Glossary, load_glossary
from workbench.glossary.core import names_and_facts, read_article
from workbench.model import Finding, Severity

REFERENCE = Path(__file__).resolve().parent / "data" / "market_copy" / "reference.jsonl"


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    return load_glossary(market_glossary_csv(tmp_path_factory.mktemp("market")))


def checked(glossary: Glossary, source: str, english: str) -> list[Finding]:
    hits, facts = names_and_facts(glossary, source)
    return list(run_checks(source, english, facts, hits, glossary))


def errors(glossary: Glossary, pairs: list[tuple[str, str]]) -> list[str]:
    return [
        f"{source} | {english} | {f.check}: {f.message}"
        for source, english in pairs
        for f in checked(glossary, source, english)
        if f.severity is Severity.ERROR
    ]


def test_correct_press_english_draws_no_error_with_the_whole_market_in_the_glossary(market: Glossary) -> None:
    assert errors(market, PRESS_COPY) == []


def test_correct_press_english_draws_no_warning_either(market: Glossary) -> None:
    warned = [f for source, english in PRESS_COPY for f in checked(market, source, english)]
    assert warned == []


def test_the_reference_set_draws_no_error(market: Glossary) -> None:
    if not REFERENCE.is_file():
        pytest.skip("the reference set of real market copy is not in this checkout")
    rows = [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 150
    assert errors(market, [(row["zh"], row["en"]) for row in rows]) == []


def test_the_reference_set_read_article_by_article_draws_at_most_2_warnings_per_100(market: Glossary) -> None:
    # As ``workbench check`` reads a PO file: each sentence after the ones before it from its article.
    if not REFERENCE.is_file():
        pytest.skip("the reference set of real market copy is not in this checkout")
    rows = [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        articles.setdefault(row["url"], []).append(row)
    found = [
        (row["zh"], f)
        for article in articles.values()
        for row, (hits, facts) in zip(article, read_article(market, [r["zh"] for r in article]), strict=True)
        for f in run_checks(row["zh"], row["en"], facts, hits, market)
    ]
    assert [f"{source}: {f.message}" for source, f in found if f.severity is Severity.ERROR] == []
    assert len(found) <= 2 * len(rows) / 100, [f"{source}: {f.message}" for source, f in found]


def test_the_same_copy_with_its_facts_broken_is_caught(market: Glossary) -> None:
    # The guard above is only worth something if the same sentences, made wrong, are flagged.
    wrong = [
        (
            "騰訊(00700)收報577元，升26元。",
            "Tencent (0700.HK) closed at HK$577, down HK$26.",
            "direction-contradicts",
        ),
        ("騰訊(00700)收報577元，升26元。", "Tencent (0700.HK) closed at 577 yuan, up HK$26.", "amount-wrong"),
        (
            "恒生指數報22861，升1.5%。",
            "The Hang Seng Index was at 22,861, up 1.5%, its best day in 3 weeks.",
            "figure-invented",
        ),
        (
            "美團(03690)升4.1%，領漲大市。",
            "Meituan (3690.HK) rose 4.1%, leading Xiaomi.",
            "hallucinated-entity",
        ),
        (
            "美團(03690)升4.1%，領漲大市。",
            "Meituan (3691.HK) rose 4.1%, leading the market.",
            "ticker-altered",
        ),
    ]
    for source, english, check in wrong:
        assert check in {f.check for f in checked(market, source, english)}, english
