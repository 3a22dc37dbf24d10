"""Checks on the draft as text: nothing left in Chinese, not empty, not a copy, no loops, a sane length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.checks.base import EVERY_OTHER, Context, Problem, check
from workbench.model import Severity

_CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
# CJK punctuation (、。「」【】《》 and the ideographic space) and full-width forms (，：；！？（）０-９).
_WIDE_PUNCT = "\u3000-\u303f\uff00-\uffef"
_LEFTOVER = re.compile(f"[{_CJK_CHARS}{_WIDE_PUNCT}]+")
_CJK = re.compile(f"[{_CJK_CHARS}]")
_WORD = re.compile(r"\w+")

# Expected English characters per Chinese character, and per Latin character copied from the source.
CHARS_PER_HANZI = 3.0
SHORT_RATIO = 0.33  # under a third of the expected length: something was dropped
LONG_RATIO = 3.0  # three times the expected length: something was invented or repeated
MIN_HANZI = 8  # below this, titles and labels vary too much to judge


@check("leftover-chinese", Severity.ERROR)
def leftover_chinese(context: Context) -> Iterator[Problem]:
    """Chinese characters or full-width punctuation are left in the English draft."""
    runs = [m.group() for m in _LEFTOVER.finditer(context.target)]
    if runs:
        shown = ", ".join(dict.fromkeys(runs[:5]))
        yield Problem(
            f"Chinese text or full-width punctuation left in the translation: {shown}", target_span=runs[0]
        )


@check("empty", Severity.ERROR, needs_target=False)
def empty(context: Context) -> Iterator[Problem]:
    """The draft is empty."""
    if not context.target.strip() and context.source.strip():
        yield Problem("the translation is empty")


# A copy leaves Chinese in the English, an error; every other finding on it (leftover Chinese, length, each
# figure and name missing) would only restate that nothing was translated.
@check("unchanged", Severity.ERROR, silences=[EVERY_OTHER])
def unchanged(context: Context) -> Iterator[Problem]:
    """The draft is the Chinese source copied unchanged."""
    if context.target.strip() == context.source.strip() and _CJK.search(context.source):
        yield Problem("the translation is the source text unchanged", target_span=context.target.strip())


def repeated_run(text: str) -> str | None:
    """The first run of words repeated back to back that no writer means: an MT decoding loop.

    Three or more repeats of any phrase ("the the the"), or two of a phrase of four words or more.
    Punctuation is ignored, since a loop often repeats with a comma between.
    """
    words = [w.lower() for w in _WORD.findall(text)]
    for n in range(1, 13):
        for i in range(len(words) - 2 * n + 1):
            phrase = words[i : i + n]
            count = 1
            while words[i + count * n : i + (count + 1) * n] == phrase:
                count += 1
            if count >= 3 or (count >= 2 and n >= 4):
                return " ".join(phrase)
    return None


# Doublings English writes on purpose: "what it had had", "said that that plan", "bye-bye" aside.
_MEANT_TWICE = frozenset(
    {"had", "that", "is", "do", "very", "so", "no", "bye", "ha", "sing", "walla", "bora", "pago"}
)
_SPACED_RUN = re.compile(
    r"\b(?P<phrase>[^\W_]+(?:[ \t]+[^\W_]+){0,3})(?:[ \t]+(?P=phrase))+\b", re.IGNORECASE
)


def doubled_words(text: str) -> list[str]:
    """Words or phrases of up to four words written twice or more back to back: "AI AI", "Limited Limited",
    "the company the company". A decoder's stutter, or a repair that put back what was already there."""
    found = []
    for m in _SPACED_RUN.finditer(text):
        phrase = m.group("phrase")
        if phrase.lower() in _MEANT_TWICE or phrase.isdigit():
            continue
        found.append(phrase)
    return found


# A doubled word is an error; the loop warning below would only say the same thing again.
@check("repeated-word", Severity.ERROR, silences=["repetition"])
def repeated_word(context: Context) -> Iterator[Problem]:
    """The draft writes a word or phrase twice back to back ("AI AI", "Limited Limited")."""
    for phrase in dict.fromkeys(doubled_words(context.target)):
        yield Problem(f"the translation writes {phrase!r} twice in a row", target_span=phrase)


@check("repetition", Severity.WARNING)
def repetition(context: Context) -> Iterator[Problem]:
    """The draft repeats a phrase back to back, as a decoding loop does."""
    phrase = repeated_run(context.target)
    if phrase is not None:
        yield Problem(f"the translation repeats {phrase!r} in a loop", target_span=phrase)


def expected_length(source: str) -> float:
    hanzi = len(_CJK.findall(source))
    other = len(re.sub(rf"[\s{_CJK_CHARS}{_WIDE_PUNCT}]", "", source))
    return hanzi * CHARS_PER_HANZI + other


@check("length-ratio", Severity.WARNING)
def length_ratio(context: Context) -> Iterator[Problem]:
    """The draft is far shorter or longer than the source suggests."""
    if len(_CJK.findall(context.source)) < MIN_HANZI:
        return
    expected = expected_length(context.source)
    ratio = len(context.target.strip()) / expected
    if ratio < SHORT_RATIO:
        yield Problem(
            f"the translation is {len(context.target.strip())} characters where about {expected:.0f} "
            "are expected; part of the sentence may be missing"
        )
    elif ratio > LONG_RATIO:
        yield Problem(
            f"the translation is {len(context.target.strip())} characters where about {expected:.0f} "
            "are expected; it may add or repeat text"
        )
