"""Installing argos packages into the shared packages folder.

A ``.argosmodel`` file is validated whole (member names, size, metadata, model files) before anything is
written, unpacked into a hidden staging folder next to the packages, and renamed into place, so a refused or
interrupted install leaves the packages folder as it was. argostranslate sees the result like a package it
installed itself.

A package *name* (``translate-zt_en``) is looked up in the argos package index; that needs the ``argos``
extra and a network connection, and is the only place workbench ever goes online.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from workbench.errors import InputError, ModelError
from workbench.jsonfile import parse_json
from workbench.mt.archive import check_archive, extract_checked, open_archive
from workbench.mt.package import (
    METADATA,
    MODEL_DIR,
    MODEL_FILE,
    SENTENCEPIECE,
    ArgosPackage,
    argos_setting,
    packages_dir,
    read_package,
)

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_TIMEOUT_S = 10
INDEX_MAX_DEPTH = 64  # the index is a list of flat package entries


def install_archive(path: str | os.PathLike[str], folder: Path | None = None) -> ArgosPackage:
    """Validate a ``.argosmodel`` file and install it; an installed package of the same folder name is
    replaced (that is how a newer version arrives). Raises ``ModelError`` and writes nothing on bad input."""
    source = Path(path).expanduser()
    root = folder if folder is not None else packages_dir()
    archive = open_archive(source)
    with archive:
        check = check_archive(source, archive)
        names = set(archive.namelist())
        if check.metadata.get("type", "translate") == "translate":
            for needed in (f"{MODEL_DIR}/{MODEL_FILE}", SENTENCEPIECE):
                if f"{check.top}/{needed}" not in names:
                    raise ModelError(
                        f"{source}: the archive has no {check.top}/{needed}; it is not a complete argos "
                        "translation package, get it again"
                    )
        try:
            root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".workbench-install-", dir=root))
        except OSError as err:
            raise ModelError(f"{root}: cannot write to the argos packages folder ({err.strerror})") from None
        try:
            extract_checked(source, archive, staging)
            read_package(staging / check.top, origin=str(source))
            _move_into_place(staging / check.top, root / check.top, staging)
        except OSError as err:
            raise ModelError(
                f"{root}: cannot install {check.top} ({err.strerror}); nothing was changed"
            ) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return read_package(root / check.top)


def _move_into_place(new: Path, dest: Path, staging: Path) -> None:
    if dest.exists():
        # Rename the old version aside first: a rename is atomic, deleting a folder is not.
        old = staging / (dest.name + ".old")
        os.replace(dest, old)
        try:
            os.replace(new, dest)
        except OSError:
            os.replace(old, dest)
            raise
    else:
        os.replace(new, dest)


def index_url() -> str:
    return (argos_setting("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX).rstrip("/") + "/index.json"


def _matches(entry: Any, name: str) -> bool:
    kind = getattr(entry, "type", "translate") or "translate"
    short = f"{entry.from_code}_{entry.to_code}"
    return name in (f"{kind}-{short}", short, getattr(entry, "code", None))


def install_named(name: str, folder: Path | None = None) -> ArgosPackage:
    """Download a package from the argos index by name (``translate-zt_en`` or ``zt_en``) and install it.

    Offline, or without the ``argos`` extra, this raises ``ModelError`` saying how to install from a file.
    """
    from_file = f"download {name}.argosmodel on a connected machine and run `workbench model install FILE`"
    if importlib.util.find_spec("argostranslate") is None:
        raise ModelError(
            f"{name}: installing by name needs the argos extra "
            f"(pip install 'hk-newsroom-workbench[argos]'); or {from_file}"
        )
    url = index_url()
    # Reachability is checked before argostranslate is imported: its index code retries forever offline.
    try:
        with urllib.request.urlopen(url, timeout=INDEX_TIMEOUT_S) as response:
            raw = response.read()
        parse_json(raw, url, max_depth=INDEX_MAX_DEPTH)
    except (OSError, InputError) as err:
        raise ModelError(
            f"cannot reach the argos package index {url} ({err}); offline? {from_file}"
        ) from None

    from argostranslate import package as argos_package
    from argostranslate import settings as argos_settings

    local_index = Path(argos_settings.local_package_index)
    local_index.parent.mkdir(parents=True, exist_ok=True)
    local_index.write_bytes(raw)
    available = argos_package.get_available_packages()
    chosen = next((entry for entry in available if _matches(entry, name)), None)
    if chosen is None:
        chinese = sorted(
            f"{getattr(e, 'type', 'translate')}-{e.from_code}_{e.to_code}"
            for e in available
            if e.to_code == "en" and e.from_code in ("zt", "zh")
        )
        hint = f" (Chinese to English: {', '.join(chinese)})" if chinese else ""
        raise ModelError(f"{name}: no such package in the argos index{hint}")
    try:
        downloaded = Path(chosen.download())
    except Exception as err:  # argostranslate raises bare Exception on failed downloads
        raise ModelError(f"{name}: download failed ({err}); {from_file}") from None
    try:
        return install_archive(downloaded, folder)
    finally:
        downloaded.unlink(missing_ok=True)


def install(source: str, folder: Path | None = None) -> ArgosPackage:
    """Install from a ``.argosmodel`` path, or by package name when ``source`` is no file."""
    path = Path(source).expanduser()
    if path.exists() or source.endswith(".argosmodel") or "/" in source or os.sep in source:
        if path.is_dir():
            if (path / METADATA).is_file():
                raise ModelError(
                    f"{source}: is a package folder; use it directly with --model {source}, or install "
                    "the .argosmodel file"
                )
            raise ModelError(f"{source}: is a folder; give a .argosmodel file or a package name")
        return install_archive(path, folder)
    return install_named(source, folder)
