"""Offline machine translation with argos packages.

``load_engine`` finds a package (installed, a folder, or a ``.argosmodel`` file), checks that it translates
Chinese into English, and loads it once; ``engine.translate`` then drafts a whole run in large batches.
Nothing here reaches the network: installing by name from the argos index is ``workbench.mt.install``'s
job, and only when asked.
"""

from __future__ import annotations

import os

from workbench.mt.base import Engine, Translation
from workbench.mt.package import ArgosPackage, packages_dir, require_chinese_to_english, resolve

__all__ = ["ArgosPackage", "Engine", "Translation", "find_package", "load_engine", "packages_dir"]


def find_package(model: str | os.PathLike[str] | None = None) -> ArgosPackage:
    """The zt/zh→en package ``model`` names (``None``: the installed default), without loading it."""
    return require_chinese_to_english(resolve(model))


def load_engine(
    model: str | os.PathLike[str] | None = None,
    device: str = "auto",
    compute_type: str = "auto",
) -> Engine:
    """Load a zt/zh→en argos package for translating; raises ``ModelError`` (one line) when impossible.

    ``model`` is a package folder, a ``.argosmodel`` file or an installed package's name; ``None`` picks
    the installed package (zt preferred over zh). ``device`` is ``auto`` (CUDA when CTranslate2 sees a
    GPU), ``cpu`` or ``cuda``.
    """
    from workbench.mt.engine import ArgosEngine

    return ArgosEngine(find_package(model), device=device, compute_type=compute_type)
