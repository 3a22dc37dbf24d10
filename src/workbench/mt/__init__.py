"""Offline machine translation with argos packages.

``load_engine`` finds a package (installed, a folder, or a ``.argosmodel`` file), checks that it translates
Chinese into English, and loads it once; ``engine.translate`` then drafts a whole run in large batches.
Nothing here reaches the network: installing by name from the argos index is ``workbench.mt.install``'s
job, and only when asked.

``package`` reads package folders, ``archive`` unpacks ``.argosmodel`` files with it, and this module, above
both, turns whatever the user named into a package.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.errors import ModelError
from workbench.mt.archive import unpack_cached
from workbench.mt.base import Engine, Translation
from workbench.mt.package import (
    INSTALL_HINT,
    ArgosPackage,
    default_package,
    find_installed,
    packages_dir,
    read_package,
    require_chinese_to_english,
)

__all__ = [
    "ArgosPackage",
    "Engine",
    "Translation",
    "find_package",
    "load_engine",
    "open_engine",
    "packages_dir",
    "resolve",
]


def resolve(model: str | os.PathLike[str] | None) -> ArgosPackage:
    """The package ``model`` names: a folder, a ``.argosmodel`` file, an installed package's name, or
    (``None``) the default installed zt/zh→en package. Raises ``ModelError`` when there is none."""
    if model is None:
        return default_package()
    given = Path(model).expanduser()
    if given.is_dir():
        return read_package(given)
    if given.is_file():
        return unpack_cached(given)
    text = str(model)
    if "/" not in text and os.sep not in text and not text.endswith(".argosmodel"):
        found = find_installed(text)
        if found is not None:
            return found
        raise ModelError(
            f"{text}: no such file, folder or installed package in {packages_dir()}; {INSTALL_HINT}"
        )
    raise ModelError(f"{text}: no such file or folder; {INSTALL_HINT}")


def find_package(model: str | os.PathLike[str] | None = None) -> ArgosPackage:
    """The zt/zh→en package ``model`` names (``None``: the installed default), without loading it."""
    return require_chinese_to_english(resolve(model))


def open_engine(package: ArgosPackage, device: str = "auto", compute_type: str | None = None) -> Engine:
    """Load a package found by ``find_package`` (or any readable package, whatever its languages), in the
    compute type asked for, else the package's own, else the device's fastest."""
    from workbench.mt.engine import ArgosEngine

    return ArgosEngine(package, device=device, compute_type=compute_type)


def load_engine(
    model: str | os.PathLike[str] | None = None,
    device: str = "auto",
    compute_type: str | None = None,
) -> Engine:
    """Load a zt/zh→en argos package for translating; raises ``ModelError`` (one line) when impossible.

    ``model`` is a package folder, a ``.argosmodel`` file or an installed package's name; ``None`` picks
    the installed package (zt preferred over zh). ``device`` is ``auto`` (CUDA when CTranslate2 sees a
    GPU), ``cpu`` or ``cuda``. ``compute_type`` is CTranslate2's (``float32``, ``int8``, ``auto``…); ``None``
    takes the package's own (``ct2_compute_type`` in its metadata), else ``auto``.
    """
    return open_engine(find_package(model), device=device, compute_type=compute_type)
