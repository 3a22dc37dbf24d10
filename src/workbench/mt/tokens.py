"""The one tokeniser every model kind uses: SentencePiece pieces, with the kind's own tokens around them.

Every kind's tokenisation is a SentencePiece model plus a few fixed tokens, as the Hugging Face tokenisers
do it: an argos package gives bare pieces; Marian (``MarianTokenizer``) appends ``</s>`` and decodes with a
separate target model; NLLB and M2M-100 (``NllbTokenizer``, ``M2M100Tokenizer``) put the source language
token first and ``</s>`` last, and force the target language token as the draft's first token. The
tokens go to CTranslate2 as strings: a piece the model's vocabulary lacks becomes its unknown token there,
and ``replace_unknowns`` can still copy the original piece (a rare character of a name) into the draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbench.errors import ModelError


def load_sentencepiece(path: Path, shown: str, hint: str) -> Any:
    """A ``SentencePieceProcessor`` for ``path``, or ``ModelError`` naming the file and ``hint``."""
    import sentencepiece

    try:
        return sentencepiece.SentencePieceProcessor(model_file=str(path))
    except (RuntimeError, OSError) as err:
        reason = str(err).strip().partition("\n")[0] or type(err).__name__
        raise ModelError(f"{shown}: cannot read {path.name} ({reason}); {hint}") from None


class SentencePieceTokenizer:
    """Pieces of ``source`` between ``prefix`` and ``suffix``; drafts decoded with ``target``.

    ``skipped`` are tokens a draft may contain that are not text (language codes, ``</s>``); they are left
    out when decoding, as transformers' ``decode(skip_special_tokens=True)`` does.
    """

    def __init__(
        self,
        source: Any,
        target: Any | None = None,
        prefix: Sequence[str] = (),
        suffix: Sequence[str] = (),
        target_prefix: Sequence[str] = (),
        skipped: frozenset[str] = frozenset(),
    ) -> None:
        self.source = source
        self.target = target if target is not None else source
        self.prefix = list(prefix)
        self.suffix = list(suffix)
        self._target_prefix = tuple(target_prefix)
        self.skipped = skipped

    @property
    def target_prefix(self) -> tuple[str, ...]:
        return self._target_prefix

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        return [
            [*self.prefix, *pieces, *self.suffix] for pieces in self.source.encode(list(texts), out_type=str)
        ]

    def count(self, text: str) -> int:
        """How many tokens ``text`` is given to the model as."""
        return len(self.prefix) + len(self.source.encode(text)) + len(self.suffix)

    def decode(self, tokens: Sequence[str]) -> str:
        kept = [t for t in tokens if t not in self.skipped] if self.skipped else list(tokens)
        return str(self.target.decode(kept))
