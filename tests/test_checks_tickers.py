"""Tickers: every code of the source in the draft in any written form, none altered or invented."""

from __future__ import annotations

from workbench.checks import run_checks
from workbench.glossary import Glossary
from workbench.model import Fact, FactKind, Finding, GlossaryEntry, Severity

SENSETIME = GlossaryEntry(
    "商湯集團股份有限公司", "商汤集团股份有限公司", "SenseTime", ("商湯",), ("0020.HK",)
)
TENCENT = GlossaryEntry("騰訊控股有限公司", "腾讯控股有限公司", "Tencent", ("騰訊",), ("0700.HK",))
GLOSSARY = Glossary.from_entries([SENSETIME, TENCENT])

SOURCE = "商湯集團股份有限公司(0020.HK)完成重組。"


def ticker(text: str, start: int, *codes: str) -> Fact:
    english = f"({'; '.join(codes)})"
    return Fact(FactKind.TICKER, text, start, start + len(text), english, tickers=codes)


T20 = ticker("(0020.HK)", 10, "0020.HK")


def run(source: str, draft: str, facts: list[Fact]) -> tuple[Finding, ...]:
    return run_checks(
        source, draft, facts, GLOSSARY.match(source), GLOSSARY, only=["ticker-missing", "ticker-altered"]
    )


def test_the_ticker_in_any_hkex_form_is_present() -> None:
    for written in ("(0020.HK)", "(00020)", "(HK:0020)", "(20.HK)"):
        assert run(SOURCE, f"SenseTime {written} completed its restructuring.", [T20]) == (), written


def test_a_dropped_ticker_is_a_missing_error_naming_it() -> None:
    (finding,) = run(SOURCE, "SenseTime completed its restructuring.", [T20])
    assert (finding.check, finding.severity) == ("ticker-missing", Severity.ERROR)
    assert finding.message == "ticker (0020.HK) is missing from the translation"


def test_a_mangled_ticker_is_one_altered_error_not_a_missing_one_too() -> None:
    (finding,) = run(SOURCE, "SenseTime (0200.HK) completed its restructuring.", [T20])
    assert finding.check == "ticker-altered"
    assert "(0020.HK)" in finding.message and "0200.HK" in finding.message


def test_an_invented_ticker_of_another_glossary_company_is_named() -> None:
    (finding,) = run("商湯完成重組。", "SenseTime (0700.HK) completed its restructuring.", [])
    assert finding.check == "ticker-altered"
    assert "Tencent" in finding.message and "not in the source" in finding.message


def test_the_glossary_ticker_of_a_company_the_source_names_may_be_added() -> None:
    assert run("商湯完成重組。", "SenseTime (0020.HK) completed its restructuring.", []) == ()


def test_every_ticker_of_a_dual_listing_is_needed() -> None:
    source = "奇富科技(QFIN.US;3660.HK)公布業績。"
    dual = ticker("(QFIN.US;3660.HK)", 4, "QFIN.US", "3660.HK")
    assert run(source, "Qifu Technology (QFIN.US; 3660.HK) reported results.", [dual]) == ()
    (finding,) = run(source, "Qifu Technology (QFIN.US) reported results.", [dual])
    assert finding.message == "ticker (3660.HK) is missing from the translation"
