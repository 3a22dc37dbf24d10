"""Traditional → Simplified conversion with OpenCC's Hong Kong-aware configuration.

``hk2s`` reads Hong Kong standard Traditional (衞, 敍, 裏 and the like); plain ``t2s`` expects OpenCC's own
Traditional standard and leaves such characters unconverted. ``hk2sp`` would also swap phrases for their
mainland equivalents (e.g. vocabulary), which changes wording rather than script; a reviewer-facing
Simplified version of a news article should keep the author's words, so ``hk2s`` is the default.

Glossary names keep the Simplified form the glossary gives: official Simplified company names can differ
from a character-by-character conversion.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from workbench.model import TermHit

DEFAULT_CONFIG = "hk2s"


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(f"{config}.json")


def to_simplified(text: str, hits: Sequence[TermHit] = (), config: str = DEFAULT_CONFIG) -> str:
    """``text`` in Simplified Chinese; glossary hits take their glossary Simplified name."""
    convert = _converter(config).convert
    if not hits:
        return str(convert(text))
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
