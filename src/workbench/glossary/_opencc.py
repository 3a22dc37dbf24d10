"""Simplified-Chinese conversion for glossary names.

The HK-aware ``hk2s`` config is the house choice: ``t2s`` leaves 衞 and 敍 unconverted. One converter is
kept per process because building one reads its dictionaries from disk.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("hk2s")


def to_simplified(text: str) -> str:
    """The OpenCC ``hk2s`` conversion of ``text``."""
    if not text:
        return text
    return str(_converter().convert(text))
