"""Every name feature with the whole market in the glossary: the committed rows plus 20,000 listed
companies, built by the importer's own code (as ``workbench glossary import-hkex`` writes them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hkex_lists import synthetic_market
from workbench.batch import analyse_article
from workbench.checks import run_checks
from workbench.facts import extract
from workbench.glossary import Glossary, check_glossary, find, load_glossary, suggest
from workbench.glossary.core import names_and_facts
from workbench.glossary.merge import Listing, listed_entry
from workbench.model import FactKind, Finding, GlossaryEntry, Severity
from workbench.pages import split_page
from workbench.po.export import export_catalog

ROOT = Path(__file__).resolve().parents[1]
REAL = [
    (1929, "CHOW TAI FOOK", "周大福"),
    (6168, "CHOWSIXFOOK", "周六福"),
    (9676, "SHIYUE DAOTIAN", "十月稻田"),
    (1, "CKH HOLDINGS", "長和"),
    (5, "HSBC HOLDINGS", "滙豐控股"),
]


def imported(code: int, english: str, chinese: str) -> GlossaryEntry:
    return listed_entry(
        Listing((f"{code:04d}.HK",), english, chinese), "HKEX list of securities", "2026-11-30"
    )


@pytest.fixture(scope="module")
def market() -> Glossary:
    committed = load_glossary(ROOT / "glossary.csv").entries
    taken = {t for e in committed for t in e.tickers} | {f"{c:04d}.HK" for c, _, _ in REAL}
    rows = [*committed, *(imported(*r) for r in REAL)]
    rows.append(GlossaryEntry("周大福珠寶", "周大福珠宝", "Chow Tai Fook Jewellery", row=len(rows) + 2))
    for code, english, chinese, _ in synthetic_market(25_000, seed=3):
        ticker = f"{code:04d}.HK"
        if ticker in taken or any(chinese in e.traditional or e.traditional in chinese for e in rows[:50]):
            continue
        rows.append(imported(code, english, chinese))
        if len(rows) >= 20_000:
            break
    glossary = Glossary.from_entries(rows)
    assert len(glossary) == 20_000
    return glossary


def checks(glossary: Glossary, source: str, draft: str) -> list[Finding]:
    hits, facts = names_and_facts(glossary, source)
    return list(run_checks(source, draft, facts, hits, glossary))


def names(findings: list[Finding]) -> list[str]:
    return sorted(f.check for f in findings if f.check in ("name-missing", "hallucinated-entity"))


def test_a_company_the_source_does_not_name_is_flagged_by_its_english_name(market: Glossary) -> None:
    source = "滙豐控股(00005)周二公布業績。"
    assert names(checks(market, source, "HSBC Holdings (0005.HK) reported results on Tuesday.")) == []
    found = checks(market, source, "HSBC Holdings (0005.HK) and Chow Tai Fook reported results on Tuesday.")
    invented = [f for f in found if f.check == "hallucinated-entity"]
    assert len(invented) == 1 and "Chow Tai Fook" in invented[0].message


def test_a_ticker_the_source_does_not_name_is_flagged_with_its_company(market: Glossary) -> None:
    found = checks(market, "滙豐控股(00005)周二公布業績。", "HSBC Holdings (0005.HK) and (1929.HK) reported.")
    assert any(f.check == "ticker-altered" and "Chow Tai Fook" in f.message for f in found)


def test_an_imported_name_missing_from_the_draft_is_an_error(market: Glossary) -> None:
    found = checks(
        market, "長和(00001)周二公布業績。", "The conglomerate (0001.HK) reported results on Tuesday."
    )
    assert [(f.check, f.severity) for f in found if f.check == "name-missing"] == [
        ("name-missing", Severity.ERROR)
    ]
    assert "CKH Holdings" in next(f.message for f in found if f.check == "name-missing")


def test_lower_case_words_that_spell_a_listed_name_are_not_invented_companies(market: Glossary) -> None:
    chow = GlossaryEntry("周記", "周记", "Power Assets", tickers=("0006.HK",))
    glossary = Glossary.from_entries([*market.entries, chow])
    draft = "HSBC Holdings (0005.HK) said its power assets grew."
    assert names(checks(glossary, "滙豐控股(00005)表示其電力資產增長。", draft)) == []


def test_forbidden_renderings_are_found_by_one_automaton_among_20000_entries(market: Glossary) -> None:
    source = "商湯完成重組。"
    assert checks(market, source, "SenseTime completed its restructuring.") == []
    found = checks(market, source, "SenseTime (Shangtang) completed its restructuring.")
    assert [f.check for f in found] == ["forbidden-rendering"]
    assert [f.check for f in checks(market, source, "SenseTime, not SHANG TANG, completed it.")] == [
        "forbidden-rendering"
    ]
    assert checks(market, source, "SenseTime completed its Shang Tangs restructuring.") == []


def test_a_company_named_saturday_or_october_is_neither(market: Glossary) -> None:
    text = "周六福(06168)周六公布，2024年十月稻田(09676)股價升3%。"
    hits, facts = names_and_facts(market, text)
    assert [h.entry.tickers for h in hits] == [("6168.HK",), ("9676.HK",)]
    dates = [f.english for f in facts if f.kind is FactKind.DATE]
    assert dates == ["Saturday", "2024"], "the 周六 of 周六福 is no Saturday; the 十月 of 十月稻田 no October"
    tickers = [f.tickers for f in facts if f.kind is FactKind.TICKER]
    assert tickers == [("6168.HK",), ("9676.HK",)], "the bracket after a company's name is its code"


def test_without_the_names_the_same_sentence_reads_dates_that_are_not_there() -> None:
    facts = extract("周六福(06168)宣布，2024年十月稻田股價升。")
    assert "Saturday" in [f.english for f in facts if f.kind is FactKind.DATE]


def test_a_bare_code_after_an_unknown_name_brings_the_listed_company(market: Glossary) -> None:
    source = "某珠寶商(01929)周二公布業績。"
    hits, _ = names_and_facts(market, source)
    assert [(h.text, h.entry.english) for h in hits] == [("(01929)", "Chow Tai Fook")]
    missing = [
        f
        for f in checks(market, source, "A jeweller (1929.HK) reported on Tuesday.")
        if f.check == "name-missing"
    ]
    assert missing and "Chow Tai Fook" in missing[0].message
    assert names(checks(market, source, "Chow Tai Fook (1929.HK) reported on Tuesday.")) == []


def test_the_code_hint_reaches_the_reviewer(market: Glossary) -> None:
    (article,) = split_page("某珠寶商(01929)周二公布業績。\n", "page.txt")
    segments = analyse_article(article, market)
    catalog = export_catalog(article, segments, "en", "test")
    comments = " ".join(e.comment for e in catalog)
    assert "glossary: (01929) → Chow Tai Fook (1929.HK)" in comments


def test_glossary_check_at_market_size_reports_prefixes_as_information(market: Glossary) -> None:
    dup = GlossaryEntry("周大福", "周大福", "CTF", tickers=("1929.HK",), row=30_000)
    findings = check_glossary(Glossary.from_entries([*market.entries, dup]))
    errors = {(f.check, f.row) for f in findings if f.severity is Severity.ERROR}
    assert ("duplicate-name", 30_000) in errors and ("duplicate-ticker", 30_000) in errors
    info = [
        f for f in findings if f.check == "name-prefix" and f.message.startswith("周大福 is the start of")
    ]
    assert info and info[0].severity is Severity.INFO and "周大福珠寶" in info[0].message


def test_find_at_market_size(market: Glossary) -> None:
    assert find(market, "chow tai fook")[0].entry.traditional == "周大福"
    assert find(market, "周六福")[0].entry.tickers == ("6168.HK",)
    assert find(market, "1929")[0].entry.traditional == "周大福"


def test_suggest_gives_the_listed_english_for_a_code_the_glossary_knows(market: Glossary) -> None:
    texts = [
        (
            "a.txt",
            "珠寶零售商周生生集團(00116)周二公布業績。珠寶零售商周大福金行(01929)亦公布，周大福金行股價升。",
        )
    ]
    known = suggest(market, texts)
    by_name = {s.traditional: s for s in known}
    assert by_name["周大福金行"].tickers == ("1929.HK",)
    assert (
        by_name["周大福金行"].english == "Chow Tai Fook" and by_name["周大福金行"].english_from == "glossary"
    )
    assert by_name["周大福金行"].count == 2
    assert by_name["周生生集團"].tickers == ("0116.HK",) and by_name["周生生集團"].english == ""


def test_a_rerun_redoes_an_article_naming_a_company_by_code_when_its_row_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.pipeline import TranslateOptions, translate_pages

    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text("某珠寶商(01929)周二公布業績。\n", encoding="utf-8")
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(
        "traditional,simplified,english,aliases,tickers,type,forbidden,notes\n"
        "周大福,周大福,Chow Tai Fook,,1929.HK,company,,\n",
        encoding="utf-8",
    )
    options = TranslateOptions(use_mt=False, use_tm=False)
    translate_pages(["page.txt"], options)
    assert all(a.skipped for a in translate_pages(["page.txt"], options).articles)
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("Chow Tai Fook", "CTF Group"))
    report = translate_pages(["page.txt"], options)
    assert [a.skipped for a in report.articles] == [False], "the company is named only by its code"
    (folder,) = [a.folder for a in report.articles]
    assert "glossary: (01929) → CTF Group (1929.HK)" in (folder / "en.po").read_text(encoding="utf-8")
