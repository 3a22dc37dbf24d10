"""Offline machine translation with CTranslate2 models: argos packages, and Marian, NLLB-200 and M2M-100
models converted from Hugging Face.

``load_engine`` finds a model (installed, a folder, or a ``.argosmodel`` file), checks that it translates
Chinese into English, and loads it once; ``engine.translate`` then drafts a whole run in large batches.
Nothing here reaches the network: installing an argos package by name from the argos index is
``workbench.mt.install``'s job, and only when asked.

The family (see ``base``): ``package`` reads argos package folders and ``archive`` unpacks ``.argosmodel``
files with it; ``marian`` and ``nllb`` read converted folders, with what they share in ``converted``;
``loader`` tells the kinds apart by their files; ``engine`` drafts with any of them. This module, above
them all, turns whatever the user named into a model.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.errors import ModelError
from workbench.mt.archive import unpack_cached
from workbench.mt.base import Engine, Model, Translation
from workbench.mt.converted import check_binary_version, models_dir
from workbench.mt.loader import default_model, find_installed_model, read_model
from workbench.mt.package import (
    INSTALL_HINT,
    ArgosPackage,
    find_installed,
    packages_dir,
    require_chinese_to_english,
)

__all__ = [
    "ArgosPackage",
    "Engine",
    "Model",
    "Translation",
    "find_model",
    "find_package",
    "load_engine",
    "open_engine",
    "packages_dir",
    "resolve",
]


def resolve(model: str | os.PathLike[str] | None) -> Model:
    """The model ``model`` names: a folder (argos package or converted model), a ``.argosmodel`` file, an
    installed model's or package's name, or (``None``) the default installed one. Raises ``ModelError``
    when there is none."""
    if model is None:
        return default_model()
    given = Path(model).expanduser()
    if given.is_dir():
        return read_model(given)
    if given.is_file():
        package = unpack_cached(given)
        check_binary_version(package.model_dir, package.shown)
        return package
    text = str(model)
    if "/" not in text and os.sep not in text and not text.endswith(".argosmodel"):
        found: Model | None = find_installed_model(text) or find_installed(text)
        if found is not None:
            return found
        raise ModelError(
            f"{text}: no such file, folder or installed model in {models_dir()} or {packages_dir()}; "
            f"{INSTALL_HINT}"
        )
    raise ModelError(f"{text}: no such file or folder; {INSTALL_HINT}")


def find_model(model: str | os.PathLike[str] | None = None) -> Model:
    """The Chinese→English model ``model`` names (``None``: the installed default), without loading it."""
    return require_chinese_to_english(resolve(model))


find_package = find_model  # the name from when every model was an argos package


def open_engine(model: Model, device: str = "auto", compute_type: str | None = None) -> Engine:
    """Load a model found by ``find_model`` (or any readable one, whatever its languages)."""
    from workbench.mt.engine import Ct2Engine

    return Ct2Engine(model, device=device, compute_type=compute_type)


def load_engine(
    model: str | os.PathLike[str] | None = None,
    device: str = "auto",
    compute_type: str | None = None,
) -> Engine:
    """Load a Chinese→English model for translating; raises ``ModelError`` (one line) when impossible.

    ``model`` is a package or converted model folder, a ``.argosmodel`` file or an installed model's
    name; ``None`` picks the installed one (``workbench model list`` marks it). ``device`` is ``auto``
    (CUDA when CTranslate2 sees a GPU), ``cpu`` or ``cuda``. ``compute_type`` is CTranslate2's (``float32``,
    ``int8``, ``auto``…); ``None`` takes the model's own (``ct2_compute_type`` in an argos package's
    metadata), else ``auto``.
    """
    return open_engine(find_model(model), device=device, compute_type=compute_type)
