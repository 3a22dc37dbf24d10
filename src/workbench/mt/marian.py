"""Marian models (OPUS-MT, e.g. Helsinki-NLP/opus-mt-zh-en) converted with ``ct2-transformers-converter``.

A Marian model tokenises its source with ``source.spm`` and writes pieces that ``target.spm`` turns back
into text (some models have one SentencePiece model for both sides); transformers' ``MarianTokenizer``
appends ``</s>`` to the source and adds no language token for a model with one target language. Converted
with ``--copy_files source.spm target.spm tokenizer_config.json``, the folder also says its languages
(``source_lang``/``target_lang``: ``zho``/``eng`` for opus-mt-zh-en).

What is checked, since a Marian folder names its languages only in that optional file:

- ``tokenizer_config.json``, when present: the source must be a Chinese code and the target English;
- always, the SentencePiece models themselves: the source model must hold Chinese pieces, and the target
  model must not be mostly Chinese (that would be an en→zh model given the wrong way round).

Which script it is fed: a script in ``source_lang`` (``zho_Hant``, ``zh_TW``, ``zho_Hans``…) or the
``script`` an editor set in ``workbench-model.json`` decides; otherwise the source vocabulary does. For 40
common characters written differently in the two scripts, the SentencePiece scores of the Traditional and
the Simplified forms are summed (a score is the piece's log-probability in the training text, for a BPE
model its merge rank): a model whose vocabulary saw the Simplified forms more is fed OpenCC's Simplified
conversion, any other the Traditional text as written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from workbench.errors import ModelError
from workbench.mt.converted import ConvertedModel, Vocabulary, convert_hint, info_text, read_side_file
from workbench.mt.tokens import load_sentencepiece

SOURCE_SPM = "source.spm"
TARGET_SPM = "target.spm"
# A single SentencePiece model serving both sides.
SHARED_SPM = ("spm.model", "sentencepiece.model")
TOKENIZER_CONFIG = "tokenizer_config.json"
SPECIAL = frozenset({"<s>", "</s>", "<pad>"})

# (Traditional, Simplified) forms of characters common in financial copy; OpenCC hk2s maps each
# Traditional form to the Simplified one beside it.
TRADITIONAL = "國會發與億萬東時業說為對這來們個後開長現關經動場學問實體華價務銀際資產財報額團買"
SIMPLIFIED = "国会发与亿万东时业说为对这来们个后开长现关经动场学问实体华价务银际资产财报额团买"

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Chinese in the codes Marian models use (ISO 639-1/3, OPUS's macro-language members), with or without a
# script or region: zh, zho, chi, cmn, yue, zho_Hant, zh-TW, cmn_Hans...
_CHINESE = re.compile(r"^(zh|zho|chi|cmn|yue|lzh|wuu|zht|zhs)([-_].*)?$", re.IGNORECASE)
_ENGLISH = re.compile(r"^(en|eng)([-_].*)?$", re.IGNORECASE)
_TRADITIONAL_TAG = re.compile(r"(hant|tw|hk|mo|zht)$", re.IGNORECASE)
_SIMPLIFIED_TAG = re.compile(r"(hans|cn|sg|zhs)$", re.IGNORECASE)
# Below this share of Chinese pieces, a source vocabulary is not one for Chinese text (an English
# SentencePiece model picks up a few characters from noisy data; a Chinese one is mostly characters).
MIN_CHINESE_SHARE = 0.05


def has_tokenizer(folder: Path) -> bool:
    return any((folder / name).is_file() for name in (SOURCE_SPM, TARGET_SPM, *SHARED_SPM))


def _spm_files(folder: Path, shown: str) -> tuple[Path, Path]:
    source, target = folder / SOURCE_SPM, folder / TARGET_SPM
    if source.is_file() and target.is_file():
        return source, target
    if source.is_file() or target.is_file():
        present, missing = (SOURCE_SPM, TARGET_SPM) if source.is_file() else (TARGET_SPM, SOURCE_SPM)
        raise ModelError(
            f"{shown}: the Marian model has {present} but no {missing}, so it cannot be tokenised; "
            f"{convert_hint('marian')}"
        )
    shared = next(folder / name for name in SHARED_SPM if (folder / name).is_file())
    return shared, shared


def _languages(folder: Path, shown: str) -> tuple[str, str]:
    """``source_lang`` and ``target_lang`` of tokenizer_config.json ("" when it does not say)."""
    value = read_side_file(folder, TOKENIZER_CONFIG, shown, convert_hint("marian"))
    if not isinstance(value, dict):
        return "", ""
    return info_text(value, "source_lang"), info_text(value, "target_lang")


def _share(sp: Any, pattern: re.Pattern[str]) -> tuple[int, int]:
    """How many pieces of a SentencePiece model contain a character of ``pattern``, and of how many."""
    size = int(sp.get_piece_size())
    return sum(1 for i in range(size) if pattern.search(sp.id_to_piece(i))), size


def script_scores(sp: Any) -> tuple[float, float]:
    """Summed SentencePiece scores of the Traditional and the Simplified forms; a form the model has no
    piece for counts as rarer than its rarest piece."""
    size = int(sp.get_piece_size())
    floor = min(float(sp.get_score(i)) for i in range(size)) - 1.0
    unknown = int(sp.unk_id())

    def seen(chars: str) -> float:
        total = 0.0
        for char in chars:
            piece = int(sp.piece_to_id(char))
            total += floor if piece == unknown else float(sp.get_score(piece))
        return total

    return seen(TRADITIONAL), seen(SIMPLIFIED)


def read_marian(
    folder: Path, vocabulary: Vocabulary, info: dict[str, Any], name: str, origin: str = ""
) -> ConvertedModel:
    """Check a converted Marian folder and decide how it is fed; ``ModelError`` says what is wrong."""
    shown = origin or str(folder)
    source_spm, target_spm = _spm_files(folder, shown)
    source_lang, target_lang = _languages(folder, shown)
    said = f"{TOKENIZER_CONFIG} says it translates {source_lang or '?'}→{target_lang or '?'}"
    if source_lang and not _CHINESE.match(source_lang) and source_lang.lower() != "mul":
        raise ModelError(f"{shown}: {said}; workbench needs a Chinese→English model such as opus-mt-zh-en")
    if target_lang and not _ENGLISH.match(target_lang):
        raise ModelError(f"{shown}: {said}; workbench needs a Chinese→English model such as opus-mt-zh-en")
    hint = f"the file is damaged; {convert_hint('marian')}"
    source = load_sentencepiece(source_spm, shown, hint)
    chinese, pieces = _share(source, _CJK)
    if chinese < MIN_CHINESE_SHARE * pieces:
        raise ModelError(
            f"{shown}: {source_spm.name} has {chinese} Chinese pieces of {pieces}, so this Marian model does "
            "not read Chinese; workbench needs a Chinese→English model such as opus-mt-zh-en"
        )
    if target_spm != source_spm:
        target = load_sentencepiece(target_spm, shown, hint)
        target_chinese, _ = _share(target, _CJK)
        latin, target_pieces = _share(target, _LATIN)
        if target_chinese > latin:
            raise ModelError(
                f"{shown}: {target_spm.name} is mostly Chinese ({target_chinese} of {target_pieces} pieces), "
                "so this Marian model writes Chinese, not English; workbench needs a Chinese→English model"
            )
    simplified, why = _script(source_lang, info, source)
    return ConvertedModel(
        path=folder,
        kind="marian",
        name=name,
        source_spm=source_spm,
        target_spm=target_spm,
        source_language=source_lang or "zh",
        target_language=target_lang or "en",
        from_code="zh" if simplified else "zt",
        skipped=SPECIAL,
        why_script=why,
        origin=origin,
    )


def _script(source_lang: str, info: dict[str, Any], source: Any) -> tuple[bool, str]:
    """Whether to feed Simplified, and what decided it."""
    chosen = info_text(info, "script").lower()
    if chosen.startswith(("simplified", "hans")):
        return True, "workbench-model.json"
    if chosen.startswith(("traditional", "hant")):
        return False, "workbench-model.json"
    if source_lang and _TRADITIONAL_TAG.search(source_lang):
        return False, f"{TOKENIZER_CONFIG} source_lang {source_lang}"
    if source_lang and _SIMPLIFIED_TAG.search(source_lang):
        return True, f"{TOKENIZER_CONFIG} source_lang {source_lang}"
    traditional, simplified = script_scores(source)
    return simplified > traditional, "the source vocabulary's scores of common characters in each script"
