"""The contracts of the engine family: a model folder, its tokeniser, and the engine that drafts with them.

The pipeline and the PO writer depend on ``Engine`` and nothing else, so an argos package, a Marian or an
NLLB model converted from Hugging Face, on a CPU or a GPU, are one code path. Each kind of model folder is
read by its own module (``package`` for argos, ``marian``, ``nllb``) into a ``Model``; ``loader`` tells the
kinds apart from the folder's own files; one CTranslate2 engine (``engine``) drafts with any of them, so
batching, alternatives, scores, length caps and long-input splitting are the same for every kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
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


class Tokenizer(Protocol):
    """Text to the tokens a model is given, and the tokens it writes back to text."""

    @property
    def target_prefix(self) -> tuple[str, ...]:
        """Tokens every draft is forced to start with (NLLB's ``eng_Latn``), removed again by the engine."""
        ...

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """The source tokens of each text, language and end-of-sentence tokens included."""
        ...

    def count(self, text: str) -> int:
        """How many tokens ``text`` is given to the model as (``len(encode([text])[0])``)."""
        ...

    def decode(self, tokens: Sequence[str]) -> str: ...


class Model(Protocol):
    """A readable model folder of any kind, checked to be usable, not yet loaded."""

    @property
    def path(self) -> Path: ...

    @property
    def kind(self) -> str:
        """``argos``, ``marian``, ``nllb`` or ``m2m100``."""
        ...

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def from_code(self) -> str:
        """The argos code of what it reads: ``zt`` (Traditional) or ``zh`` (Simplified), or another
        language for an argos package of another direction."""
        ...

    @property
    def to_code(self) -> str: ...

    @property
    def model_dir(self) -> Path:
        """The folder holding CTranslate2's ``model.bin``."""
        ...

    @property
    def compute_type(self) -> str:
        """The CTranslate2 compute type the model asks for (``float32`` for drafts that are the same on any
        CPU); empty: the device's fastest."""
        ...

    @property
    def shown(self) -> str:
        """How messages name it: what the user gave."""
        ...

    @property
    def label(self) -> str:
        """How the ``mt:`` comment and ``describe()`` name it."""
        ...

    @property
    def direction(self) -> str: ...

    @property
    def wants_simplified(self) -> bool: ...

    @property
    def translates_chinese_to_english(self) -> bool: ...

    def tokenizer(self) -> Tokenizer:
        """Load the model's tokeniser, or raise ``ModelError`` saying what is wrong with its files."""
        ...
