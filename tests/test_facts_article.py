"""A plain 元 read within its article, as an editor reads it, and a company named by a code alone.

Each rule both ways: the draft that writes the currency the article rules out is flagged, the correct
press English is not. The same sentence read alone is shown beside, so the article is what decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import polib
import pytest
import typer
from typer.testing import CliRunner

from workbench.batch import analyse_article
from workbench.checks import check_entries, run_checks
from workbench.facts import extract
from workbench.facts.article import ArticleContext, named_companies
from workbench.facts.style import DEFAULT_STYLE, Style
from workbench.glossary import Glossary
from workbench.glossary.core import names_and_facts, read_article
from workbench.model import Article, FactKind, Finding, GlossaryEntry, Paragraph, ParagraphKind

BOCHK = GlossaryEntry(
    "中銀香港(控股)有限公司", "中银香港(控股)有限公司", "BOC Hong Kong", ("中銀香港",), ("2388.HK",)
)
GEELY = GlossaryEntry(
    "吉利汽車控股有限公司", "吉利汽车控股有限公司", "Geely Automobile", ("吉利汽車",), ("0175.HK",)
)
CHINA_BANK = GlossaryEntry(
    "中國建設銀行股份有限公司", "中国建设银行股份有限公司", "China Construction Bank", ("建行",), ("0939.HK",)
)
GLOSSARY = Glossary.from_entries([BOCHK, GEELY, CHINA_BANK])
CURRENCY = ["amount-currency", "amount-wrong"]

BOCHK_RESULTS = "中銀香港公布，去年盈利382.3億元，按年升16.8%。"
DIVIDEND = "派末期息每股1.419元，全年派息1.989元。"
DIVIDEND_HKD = "It will pay a final dividend of HK$1.419 a share, bringing the full-year payout to HK$1.989."
DIVIDEND_YUAN = (
    "It will pay a final dividend of 1.419 yuan a share, bringing the full-year payout to 1.989 yuan."
)
GEELY_DECLARED = "吉利汽車(00175.HK)公布首三季業績，收入錄2,394.77億元人民幣(下同)，按年升26.4%。"
GEELY_STATED = "吉利汽車(00175.HK)公布首三季業績，收入錄2,394.77億元人民幣，按年升26.4%。"
GEELY_QUARTER = "單計第三季，吉利汽車收入達到891.92億元，純利38.2億元。"
QUARTER = "In the third quarter alone, Geely Automobile's revenue reached {} and net profit {}."
QUARTER_YUAN = QUARTER.format("89.192 billion yuan", "3.82 billion yuan")
QUARTER_HKD = QUARTER.format("HK$89.192 billion", "HK$3.82 billion")


def in_article(
    sentences: Sequence[str], english: str, glossary: Glossary = GLOSSARY, style: Style = DEFAULT_STYLE
) -> list[Finding]:
    """The currency findings on ``english`` as a draft of the last of ``sentences``, read after the others."""
    *_, (hits, facts) = read_article(glossary, sentences, style)
    return list(run_checks(sentences[-1], english, facts, hits, glossary, only=CURRENCY, style=style))


def alone(source: str, english: str, glossary: Glossary = GLOSSARY) -> list[Finding]:
    return in_article([source], english, glossary)


def checks(findings: Sequence[Finding]) -> list[tuple[str, str]]:
    return [(f.check, f.severity.value) for f in findings]


# -- 1. the article's context -------------------------------------------------------------------------------


def test_a_dividend_naming_no_company_is_in_the_currency_of_the_company_the_article_is_about() -> None:
    article = [BOCHK_RESULTS, DIVIDEND]
    assert in_article(article, DIVIDEND_HKD) == []
    assert checks(in_article(article, DIVIDEND_YUAN)) == [("amount-currency", "warning")]
    # Read alone, the sentence cannot tell, and the house reading (yuan) is what passes silently.
    assert checks(alone(DIVIDEND, DIVIDEND_HKD)) == [("amount-currency", "warning")]
    assert alone(DIVIDEND, DIVIDEND_YUAN) == []


def test_a_mainland_subject_makes_yuan_the_likely_reading_and_hk_dollars_a_warning() -> None:
    article = ["建行公布，去年純利3,356億元。", "派末期息每股0.2元。"]
    yuan, hkd = (
        "It will pay a final dividend of 0.2 yuan a share.",
        "It will pay a final dividend of HK$0.2 a share.",
    )
    hk_desk = replace(DEFAULT_STYLE, bare_yuan="HKD")  # whose house reading of a plain 元 is HK$
    assert in_article(article, yuan, style=hk_desk) == []
    assert checks(in_article(article, hkd, style=hk_desk)) == [("amount-currency", "warning")]
    assert checks(in_article(article[-1:], yuan, style=hk_desk)) == [("amount-currency", "warning")]


def test_a_currency_the_article_declared_for_what_follows_decides_the_later_results() -> None:
    later = "純利131.1億元，按年跌0.8%。"
    assert (
        in_article([GEELY_DECLARED, later], "Net profit was 13.11 billion yuan, down 0.8% year on year.")
        == []
    )
    found = in_article([GEELY_DECLARED, later], "Net profit was HK$13.11 billion, down 0.8% year on year.")
    assert checks(found) == [("amount-wrong", "error")] and "wrong currency" in found[0].message
    # Even where the sentence names the company, whose results read alone lean to HK$.
    assert in_article([GEELY_DECLARED, GEELY_QUARTER], QUARTER_YUAN) == []
    found = in_article([GEELY_DECLARED, GEELY_QUARTER], QUARTER_HKD)
    assert checks(found) == [("amount-wrong", "error")] * 2


def test_a_currency_stated_for_the_same_companys_results_makes_it_the_likely_reading() -> None:
    article = [GEELY_STATED, GEELY_QUARTER]
    assert in_article(article, QUARTER_YUAN) == []
    assert checks(in_article(article, QUARTER_HKD)) == [("amount-currency", "warning")]


def test_a_share_price_stays_hong_kong_dollars_in_an_article_that_declared_yuan() -> None:
    price = "吉利汽車股價收報20.5元。"
    assert in_article([GEELY_DECLARED, price], "Geely Automobile shares closed at HK$20.5.") == []
    found = in_article([GEELY_DECLARED, price], "Geely Automobile shares closed at 20.5 yuan.")
    assert checks(found) == [("amount-wrong", "error")]


def test_the_context_is_what_the_sentences_before_say_not_after() -> None:
    read = list(read_article(GLOSSARY, [DIVIDEND, BOCHK_RESULTS]))
    dividend = [f for f in read[0][1] if f.kind in (FactKind.AMOUNT, FactKind.PRICE)]
    assert {(f.unit, f.alternatives) for f in dividend} == {("CNY", ("HKD",))}


def test_the_context_of_an_article_is_built_in_one_pass_and_kept_small() -> None:
    context = ArticleContext()
    assert not context
    context = context.then(GEELY_STATED, ["吉利汽車控股有限公司"])
    assert (context.subject, context.reports_in("吉利汽車控股有限公司")) == ("吉利汽車控股有限公司", "CNY")
    assert context.then("股價升3%。", []) is context  # nothing new: the same context, not a copy
    assert context.then("收入錄100億元人民幣(下同)。", []).declared == "CNY"


# -- the same, where the workbench reads whole catalogs ------------------------------------------------------


def catalog(pairs: Sequence[tuple[str, str]]) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for source, english in pairs:
        po.append(polib.POEntry(msgid=source, msgstr=english))
    return po


def currency_findings(po: polib.POFile, glossary: Glossary | None = GLOSSARY) -> list[tuple[str, str, str]]:
    return [
        (entry.msgid, f.check, f.severity.value)
        for entry, found in check_entries(po, glossary)
        for f in found
        if f.check in CURRENCY
    ]


def test_checking_a_catalog_reads_each_entry_after_the_ones_before_it() -> None:
    results = (BOCHK_RESULTS, "BOC Hong Kong said its profit rose 16.8% to HK$38.23 billion last year.")
    assert currency_findings(catalog([results, (DIVIDEND, DIVIDEND_HKD)])) == []
    assert currency_findings(catalog([results, (DIVIDEND, DIVIDEND_YUAN)])) == [
        (DIVIDEND, "amount-currency", "warning")
    ]
    assert currency_findings(catalog([(DIVIDEND, DIVIDEND_HKD)])) == [
        (DIVIDEND, "amount-currency", "warning")
    ]


def test_without_a_glossary_a_catalog_still_reads_its_article() -> None:
    declared = (GEELY_DECLARED, "Geely Automobile (0175.HK) said revenue was 239.477 billion yuan, up 26.4%.")
    later = "純利131.1億元。"
    assert currency_findings(catalog([declared, (later, "Net profit was 13.11 billion yuan.")]), None) == []
    wrong = currency_findings(catalog([declared, (later, "Net profit was HK$13.11 billion.")]), None)
    assert wrong == [(later, "amount-wrong", "error")]


def test_workbench_check_reads_a_po_file_as_one_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.cli.check import register

    (tmp_path / "glossary.csv").write_text(
        "traditional,simplified,english,aliases,tickers,type\n"
        "中銀香港(控股)有限公司,中银香港(控股)有限公司,BOC Hong Kong,中銀香港,2388.HK,company\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    results = (BOCHK_RESULTS, "BOC Hong Kong said its profit rose 16.8% to HK$38.23 billion last year.")
    catalog([results, (DIVIDEND, DIVIDEND_HKD)]).save(str(tmp_path / "article.po"))
    catalog([(DIVIDEND, DIVIDEND_HKD)]).save(str(tmp_path / "alone.po"))
    cli = typer.Typer()
    cli.callback()(lambda: None)
    register(cli)
    article = CliRunner().invoke(cli, ["check", "article.po"])
    assert article.exit_code == 0 and "0 errors, 0 warnings" in article.stderr
    single = CliRunner().invoke(cli, ["check", "alone.po"])
    assert "amount-currency" in single.stdout and "0 errors, 1 warning" in single.stderr


def test_translate_notes_the_facts_of_a_sentence_as_read_in_its_article() -> None:
    article = Article(
        "a1",
        "中銀香港業績",
        "page.txt",
        (Paragraph(ParagraphKind.BODY, BOCHK_RESULTS, 1), Paragraph(ParagraphKind.BODY, DIVIDEND, 2)),
    )
    dividend = analyse_article(article, GLOSSARY)[-1]
    money = [f for f in dividend.facts if f.kind in (FactKind.AMOUNT, FactKind.PRICE)]
    assert [(f.english, f.unit) for f in money] == [("HK$1.419", "HKD"), ("HK$1.989", "HKD")]


# -- 2. a company named by a Hong Kong code the glossary does not know ---------------------------------------

LINK = "領展(00823.HK)上半年收入70億元，每基金單位分派1.27元。"


def test_a_hong_kong_code_unknown_to_the_glossary_is_a_hong_kong_company() -> None:
    hits, facts = names_and_facts(GLOSSARY, LINK)
    assert named_companies(LINK, hits, facts) == ("領展",)
    assert (
        alone(LINK, "Link REIT (0823.HK) had first-half revenue of HK$7 billion and paid HK$1.27 a unit.")
        == []
    )
    found = alone(
        LINK, "Link REIT (0823.HK) had first-half revenue of 7 billion yuan and paid 1.27 yuan a unit."
    )
    assert checks(found) == [("amount-currency", "warning")]


def test_an_unknown_code_after_a_mainland_name_is_a_mainland_company() -> None:
    source = "中國某某股份有限公司(01234.HK)去年盈利10億元。"
    assert alone(source, "It made a profit of 1 billion yuan last year.") == []
    assert checks(alone(source, "It made a profit of HK$1 billion last year.")) == [("amount-wrong", "error")]


def test_a_code_the_glossary_knows_is_its_company_not_another() -> None:
    source = "建行(00939.HK)去年純利3,356億元。"
    hits, facts = names_and_facts(GLOSSARY, source)
    assert named_companies(source, hits, facts) == ("中國建設銀行股份有限公司",)


# -- 3. a company that reports in yuan with nothing in its name or article to say so -------------------------


def test_a_named_company_that_reports_in_yuan_read_alone_gets_a_warning_to_check_the_article() -> None:
    # Geely's name has no mainland marker and the glossary holds no reporting currency: alone, the yuan the
    # company reports in cannot be told from HK$, so the correct English draws a warning, never an error.
    assert checks(alone(GEELY_QUARTER, QUARTER_YUAN)) == [("amount-currency", "warning")]
    assert alone(GEELY_QUARTER, QUARTER_HKD) == []
    assert extract(GEELY_QUARTER)[0].alternatives  # neither reading is ruled out
