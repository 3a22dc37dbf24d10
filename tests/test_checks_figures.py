"""Every number of a draft accounted for, directions that agree with the source, no word written twice.

Each rule is tested alone and both ways: it fires on the wrong draft and stays silent on correct press
English, including English that holds numbers not written in the Chinese (roughly doubled, first half,
No. 1)."""

from __future__ import annotations

import pytest

from workbench.checks import run_checks
from workbench.facts import extract
from workbench.model import Finding


def findings(source: str, draft: str) -> list[Finding]:
    return list(run_checks(source, draft, extract(source)))


def named(source: str, draft: str, check: str) -> list[Finding]:
    return [f for f in findings(source, draft) if f.check == check]


# -- figure-invented -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "draft", "invented"),
    [
        # The source has no figure at all.
        (
            "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。",
            "SenseTime (0020.HK) said it would raise about AI 5. billion yuan (US$80.",
            ["5", "US$80"],
        ),
        # The source's one figure is right in the draft, and the draft adds another.
        (
            "公司股價較最新H股收市價溢價約20.8%。",
            "The company's loss was 200 million yuan, up about 20.8%.",
            ["200 million yuan"],
        ),
        ("恒指收報26263點。", "The Hang Seng Index closed at 26,263 points in 2025.", ["2025"]),
        ("騰訊股價今年累升約75%。", "Tencent has gained about 75% since March 3.", ["3"]),
        ("騰訊股價上升。", "Tencent rose 5% to HK$577.", ["5%", "HK$577"]),
    ],
)
def test_a_number_no_figure_of_the_source_gives_is_an_error(
    source: str, draft: str, invented: list[str]
) -> None:
    found = named(source, draft, "figure-invented")
    assert [f.target_span for f in found] == invented
    assert all(f.severity.value == "error" for f in found)


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        (
            "中國人壽今年首三季純利按年升約1倍。",
            "China Life's net profit for the first three quarters roughly doubled.",
        ),
        ("中國人壽純利按年升約1倍。", "China Life's net profit rose about 100%."),
        ("恒指12月5日收報25,500點。", "The Hang Seng Index closed at 25,500 on December 5."),
        ("恒指12月5日收報25,500點。", "On the 5th of December, the Hang Seng Index closed at 25,500."),
        (
            "2024年上半年，公司收入按年升20.8%。",
            "In the first half of 2024, the company's revenue rose 20.8%.",
        ),
        ("該行第三季淨利息收入按年跌3%。", "The bank's net interest income fell 3% in the third quarter."),
        (
            "兩間公司合併後將成為業內第一。",
            "The 2 companies will become the industry's No. 1 after the merger.",
        ),
        (
            "兩間公司合併後將成為業內第一。",
            "The two companies will become the industry's No. 1 after the merger.",
        ),
        ("恒生指數報22861，升1.5%。", "The Hang Seng Index was at 22,861, up 1.5%."),
        ("H股指數跌1.1%，A股則回升0.5%。", "The H-share index fell 1.1%, while A shares rose 0.5%."),
        ("新冠疫情後，5G手機出貨量回升。", "Shipments of 5G smartphones recovered after COVID-19."),
        ("公司進軍Web 3.0領域。", "The company is moving into Web 3.0."),
        ("商湯在AI 2.0時代轉型。", "SenseTime is changing course in the AI 2.0 era."),
        ("公司收入為3.08億元。", "Revenue was 308 million yuan."),
        ("公司收入為3.08億元。", "Revenue was 0.308 billion yuan."),
        ("集資約30億元(4.3億美元)。", "It raised about 3 billion yuan (US$430 million)."),
        ("公司計劃集資78億至117億元。", "It plans to raise 7.8 billion to 11.7 billion yuan."),
        ("毛利率上升0.5個百分點。", "The gross margin rose 0.5 percentage point."),
        ("公司佔市場份額三成。", "The company has 30% of the market."),
        ("用戶約佔網民的五分之一。", "Users are about 20% of internet users."),
        ("用戶約佔網民的五分之一。", "Users are about a fifth of internet users."),
        ("公司有6,114名員工。", "The company has 6,114 employees."),
        ("盈利為12.78億元。", "Profit was about 1.3 billion yuan."),
        ("收入1,928.7億元人民幣。", "Revenue was 192.9 billion yuan."),
        ("公司上午10時30分公布業績。", "The company published its results at 10:30 a.m."),
        ("十大股東持股。", "The top 10 shareholders hold the shares."),
        ("公司半年內裁員。", "The company cut jobs within 6 months."),
    ],
)
def test_correct_english_with_numbers_of_its_own_is_accounted_for(source: str, draft: str) -> None:
    assert named(source, draft, "figure-invented") == []


def test_a_wrong_figure_is_reported_once_as_wrong_not_again_as_invented() -> None:
    found = findings("公司收入為3.08億元。", "Revenue was 408 million yuan.")
    assert [f.check for f in found if f.severity.value == "error"] == ["amount-wrong"]


def test_the_digits_of_a_ticker_are_no_figure() -> None:
    assert named("騰訊(00700)股價上升。", "Tencent (0700.HK) rose.", "figure-invented") == []


# -- direction-contradicts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("美團(03690)升4.1%。", "Meituan (3690.HK) fell 4.1%."),
        ("美團(03690)上升4.1%。", "Meituan (3690.HK) was down 4.1%."),
        ("恒指回升。", "The Hang Seng Index dropped."),
        ("科技股表現造好。", "Tech stocks closed lower."),
        ("小米(01810)跌3.2%。", "Xiaomi (1810.HK) rose 3.2%."),
        ("小米(01810)下跌3.2%。", "Xiaomi (1810.HK) was up 3.2%."),
        ("恒指回落144點。", "The Hang Seng Index gained 144 points."),
        ("內房股受壓。", "Mainland property stocks were higher."),
        ("恒指高開58點後升幅擴大。", "The Hang Seng Index opened 58 points lower and extended its gains."),
        # A sentence that goes both ways is judged figure by figure.
        ("恒指升1%，科指跌0.5%。", "The Hang Seng Index rose 1%, while the tech index rose 0.5%."),
    ],
)
def test_a_direction_the_source_contradicts_is_an_error(source: str, draft: str) -> None:
    found = named(source, draft, "direction-contradicts")
    assert len(found) == 1 and found[0].severity.value == "error"


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("美團(03690)升4.1%，領漲大市。", "Meituan (3690.HK) rose 4.1%, leading the market."),
        ("小米(01810)股價下跌3.2%，收報42.5元。", "Xiaomi (1810.HK) fell 3.2% to HK$42.5."),
        ("恒指升1%，科指跌0.5%。", "The Hang Seng Index rose 1%, while the tech index fell 0.5%."),
        ("恒指收報26263點，跌144點。", "The Hang Seng Index closed at 26,263, down 144 points."),
        ("匯豐宣布回購最多30億美元股份。", "HSBC announced a buyback of up to US$3 billion of its shares."),
        ("主板成交額825億元，較上日減少12%。", "Turnover was HK$82.5 billion, 12% less than the day before."),
        ("公司純利升10%，因成本較低。", "Net profit rose 10% on lower costs."),
        ("公司收入增長放緩。", "Revenue growth slowed."),
        ("恒指高開58點後升幅擴大。", "The Hang Seng Index opened 58 points higher and extended its gains."),
    ],
)
def test_directions_that_agree_with_the_source_pass(source: str, draft: str) -> None:
    assert named(source, draft, "direction-contradicts") == []


# -- repeated-word ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "phrase"),
    [
        ("SenseTime said it would raise about AI AI 5 billion yuan.", "AI"),
        ("SenseTime Group Limited Limited reported.", "Limited"),
        ("The company the company said it would grow.", "The company"),
    ],
)
def test_a_word_or_phrase_written_twice_in_a_row_is_an_error(draft: str, phrase: str) -> None:
    found = named("商湯表示將增長。", draft, "repeated-word")
    assert [f.target_span for f in found] == [phrase] and found[0].severity.value == "error"


@pytest.mark.parametrize(
    "draft",
    [
        "What it had had was enough.",
        "He said that that plan worked.",
        "Alibaba, Alibaba Health and JD.com rose.",
    ],
)
def test_doublings_english_means_are_not_errors(draft: str) -> None:
    assert named("商湯表示將增長。", draft, "repeated-word") == []


def test_one_problem_is_one_finding_however_often_the_draft_repeats_it() -> None:
    found = named("騰訊股價上升。", "Tencent rose 5%, and 5% is a lot.", "figure-invented")
    assert [f.target_span for f in found] == ["5%"]


def test_a_rounded_figure_counts_only_with_two_digits_or_a_hedge() -> None:
    (six,) = named("美團升5.8%。", "Meituan rose 5.8%, 6 analysts said.", "figure-invented")
    assert six.target_span == "6"
    assert named("盈利為12.78億元。", "Profit was about 1.3 billion yuan.", "figure-invented") == []


def test_a_multiple_in_chinese_numerals_may_be_written_as_a_percentage() -> None:
    assert named("純利升一倍。", "Net profit rose 100%.", "figure-invented") == []
    assert named("純利升一倍。", "Net profit rose 120%.", "figure-invented")[0].target_span == "120%"
