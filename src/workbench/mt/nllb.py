"""NLLB-200 and M2M-100 models converted with ``ct2-transformers-converter``.

Both are many-to-many: one SentencePiece model (``sentencepiece.bpe.model``, copied with
``--copy_files``) for every language, and a language token that picks the direction. As transformers'
``NllbTokenizer`` and ``M2M100Tokenizer`` do it, the source is ``[source language] pieces </s>`` and the
draft is forced to start with the target language, which CTranslate2 takes as ``target_prefix``.

- NLLB-200 names languages with script: ``zho_Hant`` (Traditional), ``zho_Hans`` (Simplified),
  ``eng_Latn``. A model that has ``zho_Hant`` is given the articles as written; one with only ``zho_Hans``
  is given OpenCC's Simplified conversion.
- M2M-100 has one Chinese code, ``__zh__``, and ``__en__``; like an argos ``zh`` package it is given the
  Simplified conversion.

An installed model's ``workbench-model.json`` may name another of the model's Chinese tokens as
``source_language`` (``zho_Hans`` to feed NLLB Simplified text); nothing else overrides the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import ModelError
from workbench.mt.converted import KIND_NAMES, ConvertedModel, Vocabulary, convert_hint, info_text

SPM = "sentencepiece.bpe.model"
SPECIAL = frozenset({"<s>", "</s>", "<pad>", "<unk>", "<mask>"})


@dataclass(frozen=True)
class Languages:
    kind: str
    code: re.Pattern[str]  # what the kind's language tokens look like
    target: str
    sources: tuple[str, ...]  # Chinese tokens, preferred first
    simplified: frozenset[str]


NLLB = Languages(
    "nllb",
    re.compile(r"^[a-z]{3}_[A-Z][a-z]{3}$"),
    "eng_Latn",
    ("zho_Hant", "zho_Hans"),
    frozenset({"zho_Hans"}),
)
M2M100 = Languages("m2m100", re.compile(r"^__[a-z]{2,3}__$"), "__en__", ("__zh__",), frozenset({"__zh__"}))
KINDS = (NLLB, M2M100)
# A vocabulary with this many tokens shaped like a kind's language codes is that kind (NLLB-200 has 202,
# M2M-100 100); one or two could be ordinary pieces that happen to look so.
MIN_CODES = 8


def language_tokens(vocabulary: Vocabulary) -> tuple[Languages, frozenset[str]] | None:
    """The kind whose language tokens the vocabulary has, and those tokens; None for neither."""
    for languages in KINDS:
        codes = frozenset(t for t in vocabulary.target | vocabulary.source if languages.code.match(t))
        if len(codes) >= MIN_CODES:
            return languages, codes
    return None


def read_nllb(
    folder: Path,
    languages: Languages,
    codes: frozenset[str],
    vocabulary: Vocabulary,
    info: dict[str, Any],
    name: str,
    origin: str = "",
) -> ConvertedModel:
    """Check a converted NLLB-200 or M2M-100 folder for its tokeniser and the tokens Chinese→English needs."""
    shown = origin or str(folder)
    kind_name = KIND_NAMES[languages.kind]
    spm = folder / SPM
    if not spm.is_file():
        raise ModelError(
            f"{shown}: the {kind_name} model has no {SPM} (its tokenizer); {convert_hint(languages.kind)}"
        )
    needs = f"workbench needs a model with {languages.target} and {' or '.join(languages.sources)}"
    has = f"the {kind_name} model's vocabulary ({vocabulary.size:,} tokens, {len(codes)} languages) has"
    if languages.target not in vocabulary.target:
        raise ModelError(f"{shown}: {has} no {languages.target} token, so it cannot write English; {needs}")
    offered = [token for token in languages.sources if token in vocabulary.source]
    if not offered:
        raise ModelError(
            f"{shown}: {has} no {' or '.join(languages.sources)} token, so it cannot read Chinese; {needs}"
        )
    chosen = info_text(info, "source_language")
    source = chosen if chosen in offered else offered[0]
    return ConvertedModel(
        path=folder,
        kind=languages.kind,
        name=name,
        source_spm=spm,
        target_spm=spm,
        source_language=source,
        target_language=languages.target,
        from_code="zh" if source in languages.simplified else "zt",
        source_prefix=(source,),
        target_prefix=(languages.target,),
        skipped=SPECIAL | codes,
        why_script="workbench-model.json" if chosen == source else f"the model offers {source}",
        origin=origin,
    )
