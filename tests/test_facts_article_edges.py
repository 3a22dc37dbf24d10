"""Who an article's sentences are about, and which currency a company reports in, read one sentence after
another: the companies a sentence names and in what order, and what a later plain 元 takes from them."""

from __future__ import annotations

import pytest

from workbench.facts.article import ArticleContext, named_companies
from workbench.glossary import Glossary
from workbench.glossary.core import names_and_facts
from workbench.model import GlossaryEntry

GEELY = GlossaryEntry(
    "吉利汽車控股有限公司", "吉利汽车控股有限公司", "Geely Automobile", ("吉利汽車",), ("0175.HK",)
)
CHINA_BANK = GlossaryEntry(
    "中國建設銀行股份有限公司", "中国建设银行股份有限公司", "China Construction Bank", ("建行",), ("0939.HK",)
)
GLOSSARY = Glossary.from_entries([GEELY, CHINA_BANK])


@pytest.mark.parametrize(
    ("text", "companies"),
    [
        # In the order the sentence names them, by glossary name or by a code the glossary lacks.
        ("吉利汽車(00175.HK)、領展(00823.HK)公布業績。", ("吉利汽車控股有限公司", "領展")),
        ("領展(00823.HK)、吉利汽車(00175.HK)公布業績。", ("領展", "吉利汽車控股有限公司")),
        # The words before the code in its clause, not the clause before it.
        ("上半年收入上升，領展(00823.HK)派息。", ("領展",)),
        # Twelve characters at most stand for the name.
        ("據中國中信金融資產管理公司(02799.HK)公布，", ("中國中信金融資產管理公司",)),
        # No words before the code: the code stands for the company, the first of a company's codes.
        ("(00019.HK/00087.HK)公布業績。", ("0019.HK",)),
        # A code the glossary gives a company named earlier is that company, not a second one.
        ("建行周二公布業績，其H股(00939.HK)升3%。", ("中國建設銀行股份有限公司",)),
        # A code that is not Hong Kong's names no Hong Kong company.
        ("阿里巴巴(BABA.US)股價升。", ()),
    ],
)
def test_the_companies_a_sentence_names(text: str, companies: tuple[str, ...]) -> None:
    hits, facts = names_and_facts(GLOSSARY, text)
    assert named_companies(text, hits, facts) == companies


def test_a_code_right_after_a_glossary_name_is_that_companys_even_when_the_glossary_lacks_it() -> None:
    no_code = GlossaryEntry(
        "吉利汽車控股有限公司", "吉利汽车控股有限公司", "Geely Automobile", ("吉利汽車",), ()
    )
    text = "吉利汽車(00175.HK)公布業績。"
    hits, facts = names_and_facts(Glossary.from_entries([no_code]), text)
    assert named_companies(text, hits, facts) == ("吉利汽車控股有限公司",)


GEELY_NAME = "吉利汽車控股有限公司"
BANK_NAME = "中國建設銀行股份有限公司"


def test_the_subject_is_the_company_named_last() -> None:
    context = ArticleContext().then("建行及吉利汽車股價上升。", [BANK_NAME, GEELY_NAME])
    assert context.subject == GEELY_NAME


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("收入錄2,394.77億元人民幣，按年升26.4%。", ((GEELY_NAME, "CNY"),)),
        ("收入錄239.4億港元，按年升26.4%。", ((GEELY_NAME, "HKD"),)),
        ("收入錄39.4億美元，按年升26.4%。", ()),  # a company reporting in US dollars decides no 元
        ("收入錄239.4億港元，即約220億元人民幣。", ()),  # two currencies: neither is decided
        ("股價收報10.2港元，升3%。", ()),  # a share price is no result
    ],
)
def test_results_given_in_a_currency_are_the_subjects_in_it(sentence: str, stated: tuple) -> None:
    """A sentence naming no company is about the subject: results it gives in yuan or HK$ are the
    subject's reporting currency."""
    context = ArticleContext(subject=GEELY_NAME).then(sentence, [])
    assert context.stated == stated
    assert context.reports_in(GEELY_NAME) == (stated[0][1] if stated else "")


def test_without_a_subject_results_belong_to_nobody() -> None:
    context = ArticleContext().then("收入錄2,394.77億元人民幣，按年升26.4%。", [])
    assert context.stated == () and not context
