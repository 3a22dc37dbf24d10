"""The contract every translation engine keeps: sentences in, drafts with scores out, in the same order.

The pipeline and the PO writer depend on this and nothing else, so the argos/CTranslate2 engine on a CPU,
the same engine on a GPU, and the small test package are one code path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Translation:
    """One machine draft.

    ``score`` is the model's log-probability of the draft normalised by length (closer to 0 is more
    confident); reviewers sort by it. ``alternatives`` are the next-best drafts with their scores, best
    first. ``repetitive`` marks a draft that loops on itself or ran to the length cap, a typical failure
    of small models that a reviewer must not miss.
    """

    text: str
    score: float
    alternatives: tuple[tuple[str, float], ...] = ()
    repetitive: bool = False


class Engine(Protocol):
    @property
    def wants_simplified(self) -> bool:
        """True when the model was trained on Simplified Chinese and should be fed OpenCC output."""
        ...

    def translate(self, texts: Sequence[str]) -> list[Translation]: ...

    def describe(self) -> str: ...
