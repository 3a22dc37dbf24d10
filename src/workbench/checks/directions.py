"""Directions: a draft that says "fell" where the source says 升 states the opposite of the news.

Two readings, so that one wrong word is found wherever it stands and correct English is never called wrong:

- **By figure.** A change of the source with its verb right before it (升4.1%, 跌144點, 下跌3.2%) is found
  again through the alignment of facts; the verb the draft writes before that number ("fell 4.1%",
  "down 144 points") must go the same way.
- **By sentence.** Where the source goes one way only (升, 漲, 上升, 回升, 造好 … or 跌, 下跌, 回落, 受壓 …)
  and the draft speaks only of the other, the draft contradicts it, figure or not.

A sentence whose source goes both ways is judged by figure only; nouns (growth, loss) and phrases that are
no movement ("up to", "set up") are not directions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum

from workbench.checks.base import Context, Problem, check
from workbench.checks.quantities import kind_matches, numeric_matches
from workbench.model import FactKind, Severity


class Way(str, Enum):
    UP = "up"
    DOWN = "down"


_ZH = {
    Way.UP: re.compile(
        r"升|漲|涨|造好|增長|增长|增加|增至|增幅|揚|扬|反彈|反弹|走高|高開|高开|新高|較高|较高|抽高|彈|弹|飆|飙|攀"
        r"|擴大|扩大|多賺|多赚|跑贏|跑赢"
    ),
    Way.DOWN: re.compile(
        r"跌|回落|受壓|受压|下降|下滑|減少|减少|減至|减至|倒退|挫|瀉|泻|低開|低开|回軟|回软|走低|新低|較低|较低"
        r"|萎縮|萎缩|插水|失守|跑輸|跑输|下調|下调|降至|降幅|縮減|缩减|少賺|少赚"
    ),
}
_BY = r"\s+(?:by\s+)?(?:about\s+|nearly\s+|more than\s+)?(?:HK\$|US\$|RMB|\$)?\d+"  # up 5%, down by HK$2
_SAID = r"(?:was|were|is|are|closed|ended|finished|traded|opened)"
_EN = {
    Way.UP: re.compile(
        r"\b(?:rose|rise[sn]?|rising|gain(?:ed|s|ing)?|climb(?:ed|s|ing)?|jump(?:ed|s|ing)?|surg(?:ed|es?|ing)"
        r"|soar(?:ed|s|ing)?|rall(?:ied|y|ies|ying)|advanc(?:ed|es?|ing)|higher|increas(?:ed|es?|ing)|grew"
        r"|rebound(?:ed|s|ing)?|recover(?:ed|s|ing)?|firmed"
        rf"|(?:edged|picked|ticked|{_SAID})\s+up|up{_BY})\b",
        re.IGNORECASE,
    ),
    Way.DOWN: re.compile(
        r"\b(?:fell|fall(?:s|ing|en)?|dropp(?:ed|ing)|drops?|declin(?:ed|es?|ing)|slid(?:es?|ing)?"
        r"|slump(?:ed|s|ing)?|plung(?:ed|es?|ing)|tumbl(?:ed|es?|ing)|retreat(?:ed|s|ing)?|eased|lower"
        r"|dipp(?:ed|ing)|dips?|sank|sinks?|decreas(?:ed|es?|ing)|weaken(?:ed|s|ing)?|slipp(?:ed|ing)|slips?"
        r"|shr(?:ank|inks?|inking)|contract(?:ed|s|ing)|shed"
        rf"|(?:edged|{_SAID})\s+down|down{_BY})\b",
        re.IGNORECASE,
    ),
}
_OPPOSITE = {Way.UP: Way.DOWN, Way.DOWN: Way.UP}
_CHANGE_KINDS = (FactKind.PERCENT, FactKind.POINTS, FactKind.PRICE, FactKind.AMOUNT, FactKind.MULTIPLE)
_ZH_VERB_SPAN = 4  # characters before a figure that hold its verb (急升, 下跌約)
_EN_VERB_SPAN = 32  # characters before a number that hold its verb ("fell by about")
_EN_AFTER_SPAN = 24  # characters after it that may hold its direction ("58 points lower")
_BREAK = r"[,;:]\s|\band\b|\bwhile\b|\bbut\b|\bor\b"


def _ways(pattern_of: dict[Way, re.Pattern[str]], text: str) -> set[Way]:
    return {way for way, pattern in pattern_of.items() if pattern.search(text)}


def _last_way(pattern_of: dict[Way, re.Pattern[str]], text: str) -> Way | None:
    """The way of the direction word nearest the end of ``text``."""
    best: tuple[int, Way] | None = None
    for way, pattern in pattern_of.items():
        for m in pattern.finditer(text):
            if best is None or m.end() > best[0]:
                best = (m.end(), way)
    return best[1] if best else None


def _first_way(text: str) -> Way | None:
    """The way of the direction word nearest the start of ``text``."""
    best: tuple[int, Way] | None = None
    for way, pattern in _EN.items():
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), way)
    return best[1] if best else None


def _by_figure(context: Context) -> Iterator[Problem]:
    matches = [*numeric_matches(context), *kind_matches(context, FactKind.PERCENT)]
    matches += kind_matches(context, FactKind.MULTIPLE)
    for m in matches:
        if m.fact.kind not in _CHANGE_KINDS or not m.targets:
            continue
        source_way = _last_way(_ZH, context.source[max(0, m.fact.start - _ZH_VERB_SPAN) : m.fact.start])
        if source_way is None:
            continue
        start = m.targets[0].start
        before = context.target[max(0, start - _EN_VERB_SPAN) : start]
        # The verb must be the draft's last word before the figure's clause ("rose 5% while X fell 3%").
        clause = re.split(_BREAK, before)[-1]
        # ... or right after it when none comes before ("opened 58 points lower").
        after = re.split(_BREAK, context.target[m.targets[-1].end : m.targets[-1].end + _EN_AFTER_SPAN])[0]
        around = clause + context.target[start : m.targets[-1].end] + after
        draft_way = _last_way(_EN, clause + context.target[start : m.targets[-1].end]) or _first_way(after)
        if draft_way is _OPPOSITE[source_way]:
            yield Problem(
                f"{m.fact.text} goes {source_way.value} in the source; the translation has it going "
                f"{draft_way.value} ({' '.join(around.split())!r})",
                source_span=m.fact.text,
                target_span=context.target[m.targets[0].start : m.targets[-1].end],
            )


@check("direction-contradicts", Severity.ERROR)
def direction_contradicts(context: Context) -> Iterator[Problem]:
    """The draft says a figure or the market went the other way than the source says (fell for 升)."""
    found = list(_by_figure(context))
    if found:
        yield from found
        return
    source = _ways(_ZH, context.source)
    draft = _ways(_EN, context.target)
    if len(source) == 1 and draft == {_OPPOSITE[next(iter(source))]}:
        way = next(iter(source))
        word = _EN[_OPPOSITE[way]].search(context.target)
        shown = word.group() if word else ""
        yield Problem(
            f"the source goes only {way.value} ({_ZH[way].search(context.source).group()}); "  # type: ignore[union-attr]
            f"the translation says {shown!r}",
            target_span=shown or None,
        )
