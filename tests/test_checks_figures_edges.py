"""Edges of figure-invented and direction-contradicts: what a multiple accounts for, numbers another check
already answers for, and the words and spans that decide a direction."""

from __future__ import annotations

import pytest

from workbench.checks import run_checks
from workbench.facts import extract


def findings(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.check, f.message) for f in run_checks(source, draft, extract(source))]


# -- figure-invented -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        # 3倍 accounts for "3 times" and for "300%".
        ("市值是對手的3倍。", "Its market value is 3 times, or 300%, that of its rival.", []),
        (
            "市值是對手的3倍。",
            "Its market value is 3 times, or 301%, that of its rival.",
            [
                (
                    "figure-invented",
                    "301% is not a figure of the source; check it against the Chinese or remove it",
                )
            ],
        ),
        # A rise by once the value (升1倍) is "100%" and "2 times" the old level.
        ("純利升1倍。", "Net profit rose 100%, to 2 times the year-earlier level.", []),
        (
            "純利升1倍。",
            "Net profit rose 100%, to 3 times the year-earlier level.",
            [
                (
                    "figure-invented",
                    "3 times is not a figure of the source; check it against the Chinese or remove it",
                )
            ],
        ),
        # A rise by one to two times (升1至2倍) accounts for 100% to 200%.
        (
            "純利升1至2倍。",
            "Net profit rose 100% to 200%.",
            [("multiple-mismatch", "multiple 1至2倍 (1 to 2 times) is missing from the translation")],
        ),
        # A wrong amount is reported once, as wrong, wherever it stands among the right ones.
        (
            "收入3億元，成本2億元。",
            "Revenue was 5 million yuan and costs were 200 million yuan.",
            [("amount-wrong", "amount 3億元 should be 300 million yuan; the translation has 5 million yuan")],
        ),
        (
            "收入3億元，成本2億元。",
            "Revenue was 300 million yuan and costs were 7 million yuan.",
            [("amount-wrong", "amount 2億元 should be 200 million yuan; the translation has 7 million yuan")],
        ),
    ],
)
def test_what_the_source_accounts_for(source: str, draft: str, expected: list[tuple[str, str]]) -> None:
    assert findings(source, draft) == expected


def invented(source: str, draft: str) -> list[str]:
    return [f.target_span or "" for f in run_checks(source, draft, extract(source), only=["figure-invented"])]


@pytest.mark.parametrize(
    ("ratio", "draft", "expected"),
    [
        # A figure rounded to two significant digits stands for the source's.
        ("1.28", "a price-earnings ratio of 1.3", []),
        ("12.78", "a price-earnings ratio of 13", []),
        ("12.78", "a price-earnings ratio of about 12.8", []),
        # A hedge right before a figure lets it round further; one elsewhere does not.
        ("1.28", "a price-earnings ratio of about 1", []),
        ("1.28", "a price-earnings ratio of approximately 1", []),
        ("1.28", "a price-earnings ratio of 1", ["1"]),
        # A half rounds either way.
        ("1.25", "a price-earnings ratio of 1.2", []),
        ("1.25", "a price-earnings ratio of 1.3", []),
        # Rounded the wrong way, or to a single digit, it does not.
        ("1.28", "a price-earnings ratio of 1.2", ["1.2"]),
        ("12.78", "a price-earnings ratio of 12", ["12"]),
        ("127.8", "a price-earnings ratio of 130", ["130"]),
        ("0.4", "a price-earnings ratio of 0", ["0"]),
    ],
)
def test_a_rounded_figure_stands_for_the_source_only_to_its_precision(
    ratio: str, draft: str, expected: list[str]
) -> None:
    assert invented(f"該股市盈率為{ratio}。", f"The stock trades at {draft}.") == expected


# -- direction-contradicts -------------------------------------------------------------------------------


def directions(source: str, draft: str) -> list[tuple[str, str | None, str | None]]:
    found = run_checks(source, draft, extract(source), only=["direction-contradicts"])
    return [(f.message, f.source_span, f.target_span) for f in found]


def against(figure: str, way: str, other: str, around: str) -> str:
    return f"{figure} goes {way} in the source; the translation has it going {other} ({around!r})"


@pytest.mark.parametrize(
    ("source", "draft", "expected"),
    [
        # The verb before the figure, named with the clause it stands in.
        (
            "美團(03690)升4.1%。",
            "Meituan (3690.HK) fell 4.1%.",
            [(against("4.1%", "up", "down", "Meituan (3690.HK) fell 4.1%."), "4.1%", "4.1%")],
        ),
        (
            "恒指回落144點。",
            "The Hang Seng Index gained 144 points.",
            [
                (
                    against("144點", "down", "up", "The Hang Seng Index gained 144 points."),
                    "144點",
                    "144 points",
                )
            ],
        ),
        (
            "恒指升1%，科指跌0.5%。",
            "The Hang Seng Index rose 1%, while the tech index rose 0.5%.",
            [(against("0.5%", "down", "up", "the tech index rose 0.5%."), "0.5%", "0.5%")],
        ),
        # "up 5%" and "down 5%" are directions only with their figure.
        (
            "騰訊跌5%，拖累大市。",
            "Tencent, up 5%, weighed on the market.",
            [(against("5%", "down", "up", "up 5%"), "5%", "5%")],
        ),
        (
            "騰訊升5%，帶動大市。",
            "Tencent, down 5%, lifted the market.",
            [(against("5%", "up", "down", "down 5%"), "5%", "5%")],
        ),
        ("騰訊升5%，帶動大市。", "Tencent, up 5%, lifted the market.", []),
        # Of two verbs before the figure the nearer counts; of two after it, the nearer too.
        (
            "騰訊升5%。",
            "Tencent rose then fell 5%.",
            [(against("5%", "up", "down", "Tencent rose then fell 5%."), "5%", "5%")],
        ),
        ("騰訊升5%。", "Tencent fell then rose 5%.", []),
        (
            "恒指高開58點。",
            "The Hang Seng Index opened 58 points lower then higher.",
            [
                (
                    against("58點", "up", "down", "The Hang Seng Index opened 58 points lower then higher."),
                    "58點",
                    "58 points",
                )
            ],
        ),
        ("恒指高開58點。", "The Hang Seng Index opened 58 points higher then lower.", []),
        # A 升1倍 written as a fall of 100%.
        (
            "純利升1倍。",
            "Net profit fell 100%.",
            [(against("1倍", "up", "down", "Net profit fell 100%."), "1倍", "100%")],
        ),
        # No verb before the figure in its clause: the direction right after it counts.
        (
            "恒指高開58點後升幅擴大。",
            "The Hang Seng Index opened 58 points lower and extended its gains.",
            [
                (
                    against("58點", "up", "down", "The Hang Seng Index opened 58 points lower"),
                    "58點",
                    "58 points",
                )
            ],
        ),
        (
            "恒指升1%。",
            "The index, which rose in the morning, lost 1% lower.",
            [(against("1%", "up", "down", "lost 1% lower."), "1%", "1%")],
        ),
        ("恒指升1%。", "The Hang Seng Index fell sharply in the morning but closed 1% higher.", []),
        # A range written as two numbers is read whole, the verb between them included.
        (
            "預計收入增加78億至117億元。",
            "Revenue is expected at 7.8 billion, falling to as much as 11.7 billion yuan.",
            [
                (
                    against(
                        "78億至117億元",
                        "up",
                        "down",
                        "Revenue is expected at 7.8 billion, falling to as much as 11.7 billion yuan.",
                    ),
                    "78億至117億元",
                    "7.8 billion, falling to as much as 11.7 billion yuan",
                )
            ],
        ),
        # With no figure to go by, the sentence that goes one way only.
        (
            "恒指回升。",
            "The Hang Seng Index dropped.",
            [("the source goes only up (升); the translation says 'dropped'", None, "dropped")],
        ),
        (
            "內房股受壓。",
            "Mainland property stocks were higher.",
            [("the source goes only down (受壓); the translation says 'higher'", None, "higher")],
        ),
        ("恒指升1%，科指跌0.5%。", "The indexes fell.", []),
    ],
)
def test_a_contradicted_direction_is_named_with_the_words_that_say_it(
    source: str, draft: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert directions(source, draft) == expected


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([], []),
        ([(5, 8)], [(5, 8)]),
        ([(10, 12), (0, 3)], [(0, 3), (10, 12)]),  # sorted
        ([(0, 4), (3, 6)], [(0, 6)]),  # overlapping
        ([(0, 4), (4, 6)], [(0, 6)]),  # touching
        ([(0, 10), (2, 4)], [(0, 10)]),  # one inside another
        ([(0, 4), (2, 5), (5, 9), (20, 22)], [(0, 9), (20, 22)]),
        ([(3, 5), (0, 2), (1, 4), (30, 31), (6, 7)], [(0, 5), (6, 7), (30, 31)]),
        ([(0, 2), (10, 14), (12, 16)], [(0, 2), (10, 16)]),  # a merge after a separate span
        ([(0, 2), (10, 14), (12, 13)], [(0, 2), (10, 14)]),
        ([(0, 20), (25, 27), (26, 30)], [(0, 20), (25, 30)]),
    ],
)
def test_claimed_spans_are_merged_so_one_bisection_finds_a_cover(
    spans: list[tuple[int, int]], merged: list[tuple[int, int]]
) -> None:
    from workbench.checks.figures import _merged

    assert _merged(spans) == merged
