"""Installing models: argos packages into the shared packages folder, converted models into workbench's.

A ``.argosmodel`` file is validated whole (member names, size, metadata, model files) before anything is
written, unpacked into a hidden staging folder next to the packages, loaded the way ``translate`` loads a
package and made to translate one sentence there, and only then renamed into place. So a refused, broken or
interrupted install leaves the packages folder as it was: an installed package of the same name keeps
working. Ctrl-C and SIGTERM remove the staging folder on the way out; one left by a killed install is
removed by the next install. argostranslate sees the result like a package it installed itself.

A package *name* (``translate-zt_en``) is looked up in the argos package index; that needs the ``argos``
extra and a network connection, and is the only place workbench ever goes online.

A folder written by ``ct2-transformers-converter`` (Marian, NLLB-200, M2M-100) is checked the way
``--model`` checks it, its files are copied into a staging folder in ``models_dir()`` with a
``workbench-model.json`` naming its kind and languages, and it is loaded, made to translate one sentence and
renamed into place the same way. It never goes into argostranslate's folder, where argostranslate would
fail on a package without its metadata.json.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbench.errors import InputError, ModelError
from workbench.jsonfile import parse_json
from workbench.mt import open_engine
from workbench.mt.archive import ArchiveCheck, check_archive, extract_checked, open_archive
from workbench.mt.base import Model
from workbench.mt.converted import ConvertedModel, is_converted, models_dir, write_info
from workbench.mt.loader import read_converted
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
from workbench.safeio import signals_held, terminate_cleanly
from workbench.textio import make_work_folder, remove_leftover_folders

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_TIMEOUT_S = 10
INDEX_MAX_DEPTH = 64  # the index is a list of flat package entries
STAGING_PREFIX = ".workbench-install-"
# Translated once in staging: a package that cannot translate this cannot translate an article. Any
# package gets Chinese; one for another language still has to load and decode.
TRIAL_SENTENCE = "公司收入增長14%至3.08億港元。"


def install_archive(path: str | os.PathLike[str], folder: Path | None = None) -> ArgosPackage:
    """Validate a ``.argosmodel`` file and install it; an installed package of the same folder name is
    replaced (that is how a newer version arrives). Raises ``ModelError`` and changes nothing on bad input,
    including a package that does not load or translate."""
    source = Path(path).expanduser()
    root = folder if folder is not None else packages_dir()
    archive = open_archive(source)
    with archive, terminate_cleanly():
        check = check_archive(source, archive)
        if check.metadata.get("type", "translate") == "translate":
            _require_model_files(source, archive, check)
        dest = root / check.top
        with _staging(root, "argos packages folder", check.top) as staging:
            extract_checked(source, archive, staging, check)
            package = read_package(staging / check.top, origin=str(source))
            if check.metadata.get("type", "translate") == "translate":
                _try_translating(package, dest)
            _move_into_place(staging / check.top, dest, staging)
    return read_package(dest)


@contextlib.contextmanager
def _staging(root: Path, what: str, name: str) -> Iterator[Path]:
    """A fresh hidden staging folder in ``root`` (the folder ``what``) for installing ``name``, removed with
    everything in it on the way out; leftovers of killed installs are removed first. A failed write is a
    ``ModelError`` saying nothing was changed."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        remove_leftover_folders(root, STAGING_PREFIX)  # what killed installs left
        staging = make_work_folder(root, STAGING_PREFIX)
    except OSError as err:
        raise ModelError(f"{root}: cannot write to the {what} ({err.strerror})") from None
    try:
        yield staging
    except OSError as err:
        raise ModelError(f"{root}: cannot install {name} ({err.strerror}); nothing was changed") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _require_model_files(source: Path, archive: zipfile.ZipFile, check: ArchiveCheck) -> None:
    names = set(archive.namelist())
    for needed in (f"{MODEL_DIR}/{MODEL_FILE}", SENTENCEPIECE):
        if f"{check.top}/{needed}" not in names:
            raise ModelError(
                f"{source}: the archive has no {check.top}/{needed}; it is not a complete argos "
                "translation package, get it again"
            )


def _try_translating(package: Model, dest: Path) -> None:
    """Load ``package`` as ``translate`` would and translate one sentence, or raise ``ModelError`` saying
    why and that nothing changed. Random bytes for weights pass every check of names and sizes; only
    loading them tells."""
    kept = f"the installed {dest.name} is unchanged" if dest.exists() else "nothing was installed"
    what = "package" if package.kind == "argos" else "model"
    try:
        open_engine(package, device="cpu").translate([TRIAL_SENTENCE])
    except ModelError as err:
        raise ModelError(f"{err}; {kept}") from None
    except (RuntimeError, ValueError, OSError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(
            f"{package.shown}: the {what} loads but cannot translate a sentence ({reason}); it is damaged, "
            f"get it again; {kept}"
        ) from None


def _move_into_place(new: Path, dest: Path, staging: Path) -> None:
    # Two renames that must not be parted: stopped between them, the old version would be removed with
    # the staging folder and no version left in place.
    with signals_held():
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


def install_converted(path: str | os.PathLike[str], folder: Path | None = None) -> ConvertedModel:
    """Check a converted model folder and install a copy of it into ``folder`` (``models_dir()``), named
    after the folder; an installed model of that name is replaced. Raises ``ModelError`` and changes
    nothing on bad input, including a model that does not load or translate."""
    source = Path(path).expanduser()
    model = read_converted(source)
    root = folder if folder is not None else models_dir()
    dest = root / source.resolve().name
    if dest.name.startswith("."):
        raise ModelError(f"{source}: a model folder's name must not start with '.'; rename the folder first")
    with terminate_cleanly(), _staging(root, "models folder", dest.name) as staging:
        copy = staging / dest.name
        copy.mkdir()
        # A converted model is one flat folder; its files (links followed) are copied as plain files.
        for item in sorted(source.iterdir()):
            if item.is_file():
                shutil.copyfile(item, copy / item.name)
        write_info(model, copy, str(source.resolve()))
        staged = read_converted(copy, origin=str(source))
        _try_translating(staged, dest)
        _move_into_place(copy, dest, staging)
    return read_converted(dest)


def install(source: str, folder: Path | None = None) -> Model:
    """Install from a ``.argosmodel`` path or a converted model folder, or by package name when ``source``
    is no file. ``folder`` is where it goes (default: the packages folder for argos packages, the models
    folder for converted models)."""
    path = Path(source).expanduser()
    if path.exists() or source.endswith(".argosmodel") or "/" in source or os.sep in source:
        if path.is_dir():
            if (path / METADATA).is_file():
                raise ModelError(
                    f"{source}: is a package folder; use it directly with --model {source}, or install "
                    "the .argosmodel file"
                )
            if is_converted(path):
                return install_converted(path, folder)
            raise ModelError(
                f"{source}: neither an argos package nor a CTranslate2 model (no metadata.json, no "
                "model.bin); give a .argosmodel file, a folder written by ct2-transformers-converter, or a "
                "package name"
            )
        return install_archive(path, folder)
    return install_named(source, folder)
