"""What every CTranslate2 model converted from Hugging Face shares, whatever its kind.

``ct2-transformers-converter`` writes a folder of ``model.bin`` (the weights), ``config.json`` (special
tokens) and the vocabulary: ``shared_vocabulary.json``, or ``source_vocabulary.json`` and
``target_vocabulary.json`` when the two sides differ (releases before 3.0 wrote ``.txt``, one token a
line). The tokeniser is not part of the model: ``--copy_files`` copies it from the Hugging Face model
(``source.spm`` and ``target.spm`` for Marian, ``sentencepiece.bpe.model`` for NLLB-200 and M2M-100).
``marian`` and ``nllb`` read the kind-specific files; this module reads the rest, refuses a ``model.bin``
that the installed CTranslate2 is too old for, and keeps the small ``workbench-model.json`` that
``workbench model install`` writes beside an installed model (its name, kind and languages).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import InputError, ModelError
from workbench.jsonfile import read_json
from workbench.mt.tokens import SentencePieceTokenizer, load_sentencepiece

MODEL_FILE = "model.bin"
INFO = "workbench-model.json"
KIND_NAMES = {"marian": "Marian", "nllb": "NLLB-200", "m2m100": "M2M-100"}
# What ``--copy_files`` must name when converting each kind, for messages.
COPY_FILES = {
    "marian": "source.spm target.spm tokenizer_config.json",
    "nllb": "sentencepiece.bpe.model",
    "m2m100": "sentencepiece.bpe.model",
}
# NLLB-200's 256,206 tokens take about 5 MB as JSON; 64 MiB is far above any real vocabulary.
MAX_VOCABULARY_BYTES = 64 * 1024**2
MAX_INFO_BYTES = 1024**2
MAX_INFO_DEPTH = 16
# Every ctranslate2 this project supports (4.0 on) reads model.bin binary versions up to 6. Only a higher
# one needs the installed runtime asked (an import that costs a noticeable fraction of a second); a
# number this large is no CTranslate2 header at all.
KNOWN_READABLE = 6
IMPLAUSIBLE_VERSION = 1000


def convert_hint(kind: str) -> str:
    return f"convert it again with ct2-transformers-converter --copy_files {COPY_FILES[kind]}"


@dataclass(frozen=True)
class ConvertedModel:
    """A converted Marian, NLLB-200 or M2M-100 folder, checked to translate Chinese into English.

    ``source_language`` and ``target_language`` are the model's own names for them (NLLB's ``zho_Hant``
    and ``eng_Latn``, M2M-100's ``__zh__``, Marian's ``zho`` from its tokenizer_config.json); ``from_code``
    is the argos code of the script it is given: ``zt`` (Traditional as written) or ``zh`` (OpenCC's
    Simplified).
    """

    path: Path
    kind: str  # "marian", "nllb" or "m2m100"
    name: str
    source_spm: Path
    target_spm: Path
    source_language: str
    target_language: str
    from_code: str
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ("</s>",)
    target_prefix: tuple[str, ...] = ()
    skipped: frozenset[str] = frozenset()
    why_script: str = ""  # what decided the script, for `model list`
    version: str = ""
    origin: str = ""  # what the user gave, when it was not the folder itself
    compute_type: str = ""  # CTranslate2's, when the model asks for one; empty: the device's fastest

    to_code = "en"

    @property
    def model_dir(self) -> Path:
        return self.path

    @property
    def shown(self) -> str:
        return self.origin or str(self.path)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def label(self) -> str:
        version = f" {self.version}" if self.version else ""
        return f"{self.name}{version} {self.kind_name} {self.source_language}→{self.target_language}"

    @property
    def direction(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def wants_simplified(self) -> bool:
        return self.from_code == "zh"

    @property
    def translates_chinese_to_english(self) -> bool:
        return True  # reading refuses any other direction

    def tokenizer(self) -> SentencePieceTokenizer:
        hint = f"the file is damaged; {convert_hint(self.kind)}"
        source = load_sentencepiece(self.source_spm, self.shown, hint)
        target = (
            source
            if self.target_spm == self.source_spm
            else load_sentencepiece(self.target_spm, self.shown, hint)
        )
        return SentencePieceTokenizer(
            source,
            target,
            prefix=self.source_prefix,
            suffix=self.source_suffix,
            target_prefix=self.target_prefix,
            skipped=self.skipped,
        )

    def info(self) -> dict[str, str]:
        """What ``workbench-model.json`` records about it."""
        return {
            "kind": self.kind,
            "name": self.name,
            "from_code": self.from_code,
            "to_code": self.to_code,
            "source_language": self.source_language,
            "target_language": self.target_language,
            "script": "Simplified (OpenCC hk2s)" if self.wants_simplified else "Traditional, as written",
            "script_decided_by": self.why_script,
        }


def models_dir() -> Path:
    """Where ``workbench model install`` puts converted models: ``WORKBENCH_MODELS_DIR``, else
    ``$XDG_DATA_HOME/workbench/models``. Not argostranslate's packages folder: argostranslate fails on a
    folder there without its metadata.json."""
    configured = os.environ.get("WORKBENCH_MODELS_DIR")
    if configured:
        return Path(configured).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "workbench" / "models"


def is_converted(folder: Path) -> bool:
    return (folder / MODEL_FILE).is_file()


def binary_version(model_file: Path) -> int | None:
    """The binary version in a ``model.bin`` header (its first four bytes), or None when unreadable."""
    try:
        with model_file.open("rb") as handle:
            head = handle.read(4)
    except OSError:
        return None
    return int.from_bytes(head, "little") if len(head) == 4 else None


def _runtime() -> tuple[str, int]:
    """The installed ctranslate2's version and the highest model.bin binary version it reads."""
    try:
        installed = importlib.metadata.version("ctranslate2")
    except importlib.metadata.PackageNotFoundError:
        installed = "?"
    try:
        from ctranslate2.specs.model_spec import CURRENT_BINARY_VERSION
    except ImportError:
        return installed, KNOWN_READABLE
    return installed, int(CURRENT_BINARY_VERSION)


def check_binary_version(model_dir: Path, shown: str) -> None:
    """Refuse a ``model.bin`` written by a CTranslate2 newer than the installed one (its loader would stop
    with a traceback-sized message); say which versions and what to do."""
    version = binary_version(model_dir / MODEL_FILE)
    if version is None or version <= KNOWN_READABLE:  # pragma: no mutate (< : KNOWN_READABLE is read too)
        return  # an unreadable header is reported when the model is loaded
    if version >= IMPLAUSIBLE_VERSION:
        raise ModelError(f"{shown}: model.bin does not start like a CTranslate2 model; the file is damaged")
    installed, readable = _runtime()
    if version > readable:  # pragma: no mutate (>= : only a runtime past KNOWN_READABLE tells them apart)
        raise ModelError(
            f"{shown}: model.bin was written by a newer CTranslate2 (binary version {version}; the installed "
            f"ctranslate2 {installed} reads up to {readable}); upgrade it (pip install -U ctranslate2) or "
            f"convert the model again with ctranslate2 {installed}"
        )


@dataclass(frozen=True)
class Vocabulary:
    source: frozenset[str]
    target: frozenset[str]
    size: int  # tokens on the source side, for messages


def read_vocabulary(folder: Path, shown: str) -> Vocabulary:
    """The model's source and target tokens, from whichever vocabulary files the converter wrote."""
    shared = _vocabulary_file(folder, "shared")
    if shared is not None:
        tokens = _read_tokens(shared, shown)
        return Vocabulary(frozenset(tokens), frozenset(tokens), len(tokens))
    source, target = _vocabulary_file(folder, "source"), _vocabulary_file(folder, "target")
    if source is None or target is None:
        raise ModelError(
            f"{shown}: the CTranslate2 model has no vocabulary (shared_vocabulary.json, or source_ and "
            "target_vocabulary.json); the folder is incomplete, convert the model again"
        )
    source_tokens = _read_tokens(source, shown)
    return Vocabulary(frozenset(source_tokens), frozenset(_read_tokens(target, shown)), len(source_tokens))


def _vocabulary_file(folder: Path, side: str) -> Path | None:
    for suffix in (".json", ".txt"):
        path = folder / f"{side}_vocabulary{suffix}"
        if path.is_file():
            return path
    return None


def _read_tokens(path: Path, shown: str) -> list[str]:
    where = f"{shown}: {path.name}"
    try:
        if path.suffix == ".json":
            value = read_json(path, max_bytes=MAX_VOCABULARY_BYTES, max_depth=2)
        else:
            with path.open("rb") as handle:
                raw = handle.read(MAX_VOCABULARY_BYTES + 1)  # pragma: no mutate (+2: one byte over tells)
            if len(raw) > MAX_VOCABULARY_BYTES:
                raise InputError(
                    f"{path}: is larger than the {MAX_VOCABULARY_BYTES:,} bytes such a file may have"
                )
            value = raw.decode("utf-8").split("\n")
            if value and value[-1] == "":
                value.pop()
    except InputError as err:
        raise ModelError(f"{err}; convert the model again") from None
    except UnicodeDecodeError:
        raise ModelError(f"{where}: is not UTF-8 text; convert the model again") from None
    except OSError as err:
        raise ModelError(f"{where}: cannot be read ({err.strerror})") from None
    if not isinstance(value, list) or not value or not all(isinstance(t, str) for t in value):
        raise ModelError(f"{where}: is not a list of tokens; convert the model again")
    return value


def read_side_file(folder: Path, name: str, shown: str, fix: str) -> object:
    """The JSON in a model's small side file ``name`` (None when there is none), read with limits; ``fix``
    says what to do when it cannot be read."""
    path = folder / name
    if not path.is_file():
        return None
    try:
        return read_json(path, max_bytes=MAX_INFO_BYTES, max_depth=MAX_INFO_DEPTH)
    except InputError as err:
        raise ModelError(f"{err}; {fix}") from None
    except OSError as err:
        raise ModelError(f"{shown}: {name} cannot be read ({err.strerror})") from None


def read_info(folder: Path, shown: str) -> dict[str, Any]:
    """``workbench-model.json`` of an installed model ({} when there is none)."""
    fix = "delete it and install the model again"
    value = read_side_file(folder, INFO, shown, fix)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ModelError(f"{shown}: {INFO} must hold a JSON object; {fix}")
    return value


def write_info(model: ConvertedModel, folder: Path, installed_from: str) -> None:
    """Write ``workbench-model.json`` into ``folder`` (a staging folder: the rename into place is what
    makes it visible, so a plain write is enough)."""
    info = {**model.info(), "installed_from": installed_from}
    (folder / INFO).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def info_text(info: dict[str, Any], key: str) -> str:
    value = info.get(key)
    return value.strip() if isinstance(value, str) else ""
