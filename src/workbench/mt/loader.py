"""Telling model folders apart by their own files, and finding the installed ones.

- ``metadata.json`` (with ``model/`` and ``sentencepiece.model``): an argos package (``package``);
- ``model.bin`` at the top: a CTranslate2 model converted from Hugging Face. Its vocabulary says which:
  NLLB-200's language tokens (``eng_Latn``, ``zho_Hant``…) or M2M-100's (``__en__``, ``__zh__``) make it
  one of those (``nllb``); otherwise ``source.spm``/``target.spm`` (or one shared SentencePiece model)
  make it Marian (``marian``).

Anything else is refused in one line saying what the folder lacks. Argos packages stay where
argostranslate keeps them; converted models are installed into ``models_dir()``.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import ModelError
from workbench.mt import marian, nllb
from workbench.mt.base import Model
from workbench.mt.converted import (
    ConvertedModel,
    check_binary_version,
    convert_hint,
    info_text,
    is_converted,
    models_dir,
    read_info,
    read_vocabulary,
)
from workbench.mt.package import (
    INSTALL_HINT,
    METADATA,
    MODEL_DIR,
    MODEL_FILE,
    default_package,
    read_package,
)

NEITHER = (
    "neither an argos package (metadata.json, model/, sentencepiece.model) nor a CTranslate2 model "
    "(model.bin and its vocabulary, from ct2-transformers-converter); give a package folder, a .argosmodel "
    "file or a converted model folder"
)


def read_model(folder: Path, origin: str = "") -> Model:
    """Read and check a model folder of any kind, or raise ``ModelError`` saying what is wrong."""
    where = origin or str(folder)
    if not folder.is_dir():
        raise ModelError(f"{where}: no such model folder; {INSTALL_HINT}")
    if (folder / METADATA).is_file() or (folder / MODEL_DIR / MODEL_FILE).is_file():
        package = read_package(folder, origin)
        check_binary_version(package.model_dir, where)
        return package
    if is_converted(folder):
        return read_converted(folder, origin)
    raise ModelError(f"{where}: {NEITHER}")


def read_converted(folder: Path, origin: str = "") -> ConvertedModel:
    """A converted Marian, NLLB-200 or M2M-100 folder, checked to translate Chinese into English."""
    shown = origin or str(folder)
    check_binary_version(folder, shown)
    vocabulary = read_vocabulary(folder, shown)
    info = read_info(folder, shown)
    name = info_text(info, "name") or folder.name
    found = nllb.language_tokens(vocabulary)
    if found is not None:
        languages, codes = found
        return nllb.read_nllb(folder, languages, codes, vocabulary, info, name, origin)
    if marian.has_tokenizer(folder):
        return marian.read_marian(folder, vocabulary, info, name, origin)
    raise ModelError(
        f"{shown}: the CTranslate2 model has no SentencePiece tokenizer (a Marian model needs source.spm and "
        f"target.spm, an NLLB-200 or M2M-100 model sentencepiece.bpe.model); {convert_hint('marian')} "
        f"(Marian) or --copy_files sentencepiece.bpe.model (NLLB-200, M2M-100)"
    )


def installed_models(folder: Path | None = None) -> tuple[list[ConvertedModel], list[str]]:
    """The readable converted models in the models folder, sorted by name, and one line per unreadable one."""
    root = folder if folder is not None else models_dir()
    models: list[ConvertedModel] = []
    problems: list[str] = []
    if not root.is_dir():
        return models, problems
    for child in sorted(root.iterdir()):
        if not child.is_dir() or child.is_symlink() or child.name.startswith("."):
            continue  # staging folders of installs are hidden
        try:
            models.append(read_converted(child))
        except ModelError as err:
            problems.append(str(err))
    return models, problems


def default_model(packages: Path | None = None, models: Path | None = None) -> Model:
    """The model ``translate`` uses without ``--model``.

    A converted model installed with ``workbench model install`` comes first (installing one is how a
    desk chooses a larger model); among several, one fed Traditional text, then by name. Without one,
    the installed argos package (``default_package``).
    """
    converted, _ = installed_models(models)
    if converted:
        return min(converted, key=lambda m: (m.wants_simplified, m.name))
    return default_package(packages)


def find_installed_model(name: str, folder: Path | None = None) -> ConvertedModel | None:
    """An installed converted model by folder name or by the name its workbench-model.json gives."""
    converted, _ = installed_models(folder)
    return next((m for m in converted if name in (m.path.name, m.name)), None)
