"""How far from a figure direction-contradicts looks for its verb: four characters before it in the
Chinese, 32 before it and 24 after it in the English. A verb inside the window is read as the figure's
own (the finding quotes the figure's clause); one outside is left to the sentence-wide comparison, which
words its finding differently; and a direction word farther off in the Chinese is not the figure's."""

from __future__ import annotations

import pytest

from workbench.checks import run_checks
from workbench.facts import extract


def directions(source: str, draft: str) -> list[str]:
    return [
        f.message for f in run_checks(source, draft, extract(source)) if f.check == "direction-contradicts"
    ]


def test_a_chinese_verb_four_characters_before_the_figure_is_its_own() -> None:
    # 跌幅達到5%: the share price's fall reached 5%; 跌 is the fourth character before the 5.
    assert directions("股價跌幅達到5%。", "The shares rose 5%.") == [
        "5% goes down in the source; the translation has it going up ('The shares rose 5%.')"
    ]


def test_a_chinese_direction_word_five_characters_off_is_not_the_figures() -> None:
    # 升幅收窄至5%: the gain narrowed to 5%. "The gain fell to 5%" is right; 升 is not the 5%'s verb.
    assert directions("股價升幅收窄至5%。", "The gain fell to 5%.") == []


@pytest.mark.parametrize(
    ("draft", "distance", "expected"),
    [
        (
            "Its shares rose in thin trade on Monday by 5%.",
            32,
            "5% goes down in the source; the translation has it going up "
            "('rose in thin trade on Monday by 5%.')",
        ),
        (
            "Its shares rose in quiet trade on Monday by 5%.",
            33,
            "the source goes only down (跌); the translation says 'rose'",
        ),
    ],
)
def test_an_english_verb_counts_within_32_characters_before_the_figure(
    draft: str, distance: int, expected: str
) -> None:
    assert draft.index("5%") - draft.index("rose") == distance
    assert directions("股價下跌5%。", draft) == [expected]


@pytest.mark.parametrize(
    ("draft", "reach", "expected"),
    [
        (
            "Its shares ended 5% in light dealings lower.",
            24,
            "5% goes up in the source; the translation has it going down "
            "('Its shares ended 5% in light dealings lower')",
        ),
        (
            "Its shares ended 5% in quieter dealing lower.",
            25,
            "the source goes only up (升); the translation says 'lower'",
        ),
    ],
)
def test_an_english_direction_counts_within_24_characters_after_the_figure(
    draft: str, reach: int, expected: str
) -> None:
    after = draft[draft.index("5%") + 2 :]
    assert after.index("lower") + len("lower") == reach
    assert directions("股價上升5%。", draft) == [expected]


def test_a_chinese_verb_that_opens_the_sentence_is_the_figures() -> None:
    assert directions("跌幅達5%。", "The shares rose 5%.") == [
        "5% goes down in the source; the translation has it going up ('The shares rose 5%.')"
    ]
