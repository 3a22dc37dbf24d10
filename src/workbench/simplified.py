"""Traditional → Simplified conversion with OpenCC's Hong Kong-aware configuration.

``hk2s`` reads Hong Kong standard Traditional (衞, 敍, 裏 and the like); plain ``t2s`` expects OpenCC's own
Traditional standard and leaves such characters unconverted. ``hk2sp`` would also swap phrases for their
mainland equivalents (e.g. vocabulary), which changes wording rather than script; a reviewer-facing
Simplified version of a news article should keep the author's words, so ``hk2s`` is the default.

Glossary names keep the Simplified form the glossary gives: official Simplified company names can differ
from a character-by-character conversion.

One gap of OpenCC matters in every Hong Kong article: Traditional 著 is both the verb particle (隨著,
標誌著, 意味著), which Simplified writes 着, and the 著 of 著名, 顯著, 著作, which stays. OpenCC leaves it
as 著 everywhere, so mainland readers would see 随著 throughout. After conversion, 著 becomes 着 unless it is
part of a word where Simplified keeps 著.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from workbench.model import TermHit

DEFAULT_CONFIG = "hk2s"

# Words in which Simplified Chinese keeps 著 (written as they are after conversion).
_KEEP_ZHU_AFTER = "显卓昭土名巨原论专编译遗新拙大合撰"  # 显著, 卓著, 名著, 原著, 专著, 合著 ...
_KEEP_ZHU_BEFORE = "名作称述书者录"  # 著名, 著作, 著称, 著述, 著书, 著者, 著录
_ZHU = re.compile(f"(?<![{_KEEP_ZHU_AFTER}])著(?![{_KEEP_ZHU_BEFORE}])")
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(f"{config}.json")


def to_simplified(text: str, hits: Sequence[TermHit] = (), config: str = DEFAULT_CONFIG) -> str:
    """``text`` in Simplified Chinese; glossary hits take their glossary Simplified name."""
    opencc_convert = _converter(config).convert

    def convert(part: str) -> str:
        return _ZHU.sub("着", str(opencc_convert(part)))

    if not hits:
        return convert(text)
    out: list[str] = []
    cursor = 0
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.start < cursor:
            continue
        out.append(convert(text[cursor : hit.start]))
        # An alias hit is converted as text: the entry's Simplified name is the full name, not the alias.
        full_name = hit.text == hit.entry.traditional and hit.entry.simplified
        out.append(hit.entry.simplified if full_name else convert(hit.text))
        cursor = hit.end
    out.append(convert(text[cursor:]))
    return "".join(out)


def to_simplified_lines(texts: Sequence[str], config: str = DEFAULT_CONFIG) -> list[str]:
    """``to_simplified`` of many one-line texts (glossary names) in one OpenCC call: 20,000 names one at a
    time cost a second, mostly in crossing into OpenCC."""
    if not texts:
        return []
    if any("\n" in text for text in texts):
        return [to_simplified(text, config=config) for text in texts]
    return to_simplified("\n".join(texts), config=config).split("\n")


@dataclass(frozen=True)
class Script:
    """How much of a text's Chinese is written in forms only one script uses."""

    chinese: int  # Chinese characters in the text
    simplified: int  # of them, in a form only Simplified Chinese writes (汤, 团, 宣布's 布 is shared)
    traditional: int  # of them, in a form only Traditional Chinese writes (湯, 團)

    @property
    def looks_simplified(self) -> bool:
        """Mostly Simplified forms: at least 10 of them, 3% of the Chinese, and twice the Traditional ones."""
        return (
            self.simplified >= 10
            and self.simplified * 100 >= 3 * self.chinese
            and self.simplified > 2 * self.traditional
        )


def script_of(text: str) -> Script:
    """Count the characters of ``text`` that only one script writes, each distinct character converted once.

    A character OpenCC changes from Simplified to Hong Kong Traditional is a Simplified form, and one it
    changes the other way a Traditional form; the many characters both scripts share count for neither.
    """
    counts: dict[str, int] = {}
    for char in _CHINESE.findall(text):
        counts[char] = counts.get(char, 0) + 1
    if not counts:
        return Script(0, 0, 0)
    chars = list(counts)
    joined = "\n".join(chars)
    to_traditional = str(_converter("s2hk").convert(joined)).split("\n")
    to_simplified = str(_converter(DEFAULT_CONFIG).convert(joined)).split("\n")
    simplified = traditional = 0
    for char, as_traditional, as_simplified in zip(chars, to_traditional, to_simplified, strict=True):
        if as_traditional != char and as_simplified == char:
            simplified += counts[char]
        elif as_simplified != char and as_traditional == char:
            traditional += counts[char]
    return Script(sum(counts.values()), simplified, traditional)
