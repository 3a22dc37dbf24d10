"""Glossary names: present under an accepted form, never forbidden, never invented."""

from __future__ import annotations

from workbench.checks import run_checks
from workbench.checks.names import core, find_key, key, tokens
from workbench.glossary import Glossary
from workbench.model import Fact, FactKind, Finding, GlossaryEntry, Severity

SENSETIME = GlossaryEntry(
    "商湯集團股份有限公司",
    "商汤集团股份有限公司",
    "SenseTime Group Inc.",
    ("商湯", "SenseTime Group"),
    ("0020.HK",),
    forbidden=("Shang Tang", "Sensetime"),
)
MEGVII = GlossaryEntry("曠視科技", "旷视科技", "Megvii", ("曠視",), ())
HKEX = GlossaryEntry(
    "香港交易所", "香港交易所", "HKEX", ("Hong Kong Exchanges and Clearing",), ("0388.HK",), "exchange"
)
GENAI = GlossaryEntry("生成式人工智能", "生成式人工智能", "generative AI", ("GenAI",), (), "term")
AIA = GlossaryEntry("友邦保險", "友邦保险", "AIA", (), ("1299.HK",))
GLOSSARY = Glossary.from_entries([SENSETIME, MEGVII, HKEX, GENAI, AIA])

SOURCE = "商湯完成重組。"
CHECKS = ["name-missing", "forbidden-rendering", "hallucinated-entity"]


def run(source: str, draft: str, only: list[str] = CHECKS) -> tuple[Finding, ...]:
    hits = GLOSSARY.match(source)
    facts = [Fact(FactKind.NAME, h.text, h.start, h.end, h.entry.english) for h in hits]
    return run_checks(source, draft, facts, hits, GLOSSARY, only=only)


def test_forms_match_across_case_spacing_and_punctuation_on_word_edges() -> None:
    toks = tokens("Shares of Sense Time's unit and SENSETIME rose; via Asia.")
    assert len(find_key(toks, key("SenseTime"))) == 2
    assert find_key(toks, key("AIA")) == []
    assert key("Hong Kong Exchanges & Clearing") == key("hong kong exchanges and clearing")


def test_legal_suffixes_are_dropped_for_the_short_form() -> None:
    assert core("SenseTime Group Inc.") == "sensetime"
    assert core("Megvii") is None


def test_the_name_under_its_english_an_alias_or_its_short_form_is_present() -> None:
    for draft in (
        "SenseTime Group Inc. completed its restructuring.",
        "SenseTime Group completed its restructuring.",
        "SenseTime's restructuring is complete.",
        "Sense Time completed its restructuring.",
    ):
        assert run(SOURCE, draft) == (), draft


def test_a_missing_name_is_an_error_naming_the_source_and_the_accepted_forms() -> None:
    (finding,) = run(SOURCE, "The company completed its restructuring.")
    assert (finding.check, finding.severity) == ("name-missing", Severity.ERROR)
    assert "商湯" in finding.message and "SenseTime Group Inc." in finding.message


def test_a_misspelt_name_is_missing_and_the_near_miss_is_shown() -> None:
    (finding,) = run(SOURCE, "SensTime completed its restructuring.")
    assert finding.check == "name-missing"
    assert "SensTime" in finding.message


def test_a_missing_glossary_term_is_only_a_warning() -> None:
    source = "公司全力進入生成式人工智能領域。"
    assert run(source, "The company went all in on GenAI.") == ()
    (finding,) = run(source, "The company went all in on artificial intelligence that generates content.")
    assert (finding.check, finding.severity) == ("name-missing", Severity.WARNING)


def test_a_forbidden_rendering_is_an_error_even_beside_an_accepted_one() -> None:
    findings = run(SOURCE, "SenseTime (Shang Tang) completed its restructuring.")
    assert [(f.check, f.severity) for f in findings] == [("forbidden-rendering", Severity.ERROR)]
    assert "'Shang Tang'" in findings[0].message and "SenseTime Group Inc." in findings[0].message


def test_a_forbidden_form_differing_only_in_case_from_an_accepted_one_spares_the_accepted_one() -> None:
    assert run(SOURCE, "SenseTime Group completed its restructuring.", ["forbidden-rendering"]) == ()
    (finding,) = run(SOURCE, "Sensetime completed its restructuring.", ["forbidden-rendering"])
    assert "'Sensetime'" in finding.message


def test_another_glossary_company_in_place_of_the_source_one_is_hallucinated_and_the_name_missing() -> None:
    findings = run(SOURCE, "Megvii completed its restructuring.")
    assert sorted(f.check for f in findings) == ["hallucinated-entity", "name-missing"]
    invented = next(f for f in findings if f.check == "hallucinated-entity")
    assert invented.severity is Severity.ERROR and "Megvii" in invented.message


def test_companies_named_by_the_source_in_any_form_are_not_hallucinated() -> None:
    source = "商湯向香港交易所提交文件。"
    assert run(source, "SenseTime filed a document with Hong Kong Exchanges & Clearing.") == ()
    assert run("OpenAI的Megvii項目。", "The Megvii project.", ["hallucinated-entity"]) == ()


def test_an_exchange_the_chinese_only_implies_is_not_hallucinated() -> None:
    assert run("該股在港上市。", "The stock is listed on Hong Kong Exchanges and Clearing.") == ()


def test_a_glossary_name_inside_another_word_is_not_an_entity() -> None:
    assert (
        run(SOURCE, "SenseTime, via Asian units, completed its restructuring.", ["hallucinated-entity"]) == ()
    )


def test_without_a_glossary_the_hits_alone_are_checked() -> None:
    hits = GLOSSARY.match(SOURCE)
    assert run_checks(SOURCE, "SenseTime completed it.", (), hits, None, only=CHECKS) == ()
    findings = run_checks(SOURCE, "Shang Tang completed it.", (), hits, None, only=CHECKS)
    assert sorted(f.check for f in findings) == ["forbidden-rendering", "name-missing"]
