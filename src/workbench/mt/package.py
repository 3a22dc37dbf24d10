"""Finding, reading and validating argos translation packages.

An argos package is a folder with ``metadata.json`` (from/to codes, version, optional target prefix), a
CTranslate2 model in ``model/`` and a SentencePiece model ``sentencepiece.model``; a ``.argosmodel`` file is
that folder zipped. Packages are found where argostranslate itself keeps them, so a package installed by
either tool serves both.

Archives come from the internet and are opened before anything else looks at them: a member that would land
outside the package folder (absolute, ``..``, a link), a missing ``metadata.json`` or an unreasonable size
is refused with one line, before a byte is written. A ``.argosmodel`` given to ``--model`` is extracted once
into a cache keyed by the file's SHA-256, so a second run starts as fast as from a folder, and an edited file
never reuses a stale extraction.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from workbench.errors import ModelError

METADATA = "metadata.json"
SENTENCEPIECE = "sentencepiece.model"
MODEL_DIR = "model"
MODEL_FILE = "model.bin"

# Published argos packages are 30-300 MB unpacked; a few GB leaves room for large ones but stops a zip bomb
# from filling the disk.
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_MEMBERS = 10_000
# A member that inflates more than this is not a model file (weights barely compress) but a bomb.
MAX_RATIO = 200
_RATIO_MIN_BYTES = 1024**2

# argos codes: ``zt`` is Traditional Chinese, ``zh`` Simplified. Other spellings seen in hand-made
# packages map onto them.
TRADITIONAL_CODES = frozenset({"zt", "zh_hant", "zh-hant", "zh_tw", "zh-tw", "zh_hk", "zh-hk"})
SIMPLIFIED_CODES = frozenset({"zh", "zh_hans", "zh-hans", "zh_cn", "zh-cn"})
TARGET_CODE = "en"

INSTALL_HINT = "install one with `workbench model install FILE.argosmodel` or pass --model PATH"


@dataclass(frozen=True)
class ArgosPackage:
    """A readable argos package folder and what its metadata says about it."""

    path: Path  # the package folder (holding metadata.json)
    from_code: str
    to_code: str
    version: str
    name: str  # e.g. "translate-zt_en-finance_test"
    target_prefix: str = ""
    origin: str = ""  # what the user gave, when it was not the folder itself (an archive path)

    @property
    def model_dir(self) -> Path:
        return self.path / MODEL_DIR

    @property
    def sentencepiece_model(self) -> Path:
        return self.path / SENTENCEPIECE

    @property
    def direction(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def translates_chinese_to_english(self) -> bool:
        source = self.from_code.lower()
        return self.to_code.lower() == TARGET_CODE and (
            source in TRADITIONAL_CODES or source in SIMPLIFIED_CODES
        )

    @property
    def wants_simplified(self) -> bool:
        return self.from_code.lower() in SIMPLIFIED_CODES

    @property
    def shown(self) -> str:
        return self.origin or str(self.path)


# --- where packages live -------------------------------------------------------------------------------


def packages_dir() -> Path:
    """The argos packages folder, found the way argostranslate finds it.

    ``ARGOS_PACKAGES_DIR`` in the environment wins, then the same key in argostranslate's
    ``settings.json``, then ``$XDG_DATA_HOME/argos-translate/packages``.
    """
    from_env = os.environ.get("ARGOS_PACKAGES_DIR")
    if from_env:
        return Path(from_env).expanduser()
    home = Path.home()
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    settings = config_home / "argos-translate" / "settings.json"
    try:
        configured = json.loads(settings.read_text(encoding="utf-8")).get("ARGOS_PACKAGES_DIR")
    except (OSError, ValueError, AttributeError):
        configured = None
    if isinstance(configured, str) and configured:
        return Path(configured).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return data_home / "argos-translate" / "packages"


def cache_dir() -> Path:
    """Where ``.argosmodel`` files given to ``--model`` are unpacked (``WORKBENCH_CACHE_DIR`` overrides)."""
    from_env = os.environ.get("WORKBENCH_CACHE_DIR")
    if from_env:
        return Path(from_env).expanduser()
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache_home / "workbench"


# --- reading a package folder --------------------------------------------------------------------------


def _metadata(raw: bytes, where: str) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ModelError(
            f"{where}: metadata.json is not valid JSON ({err}); the package is damaged, get it again"
        ) from None
    if not isinstance(data, dict):
        raise ModelError(
            f"{where}: metadata.json must hold a JSON object; the package is damaged, get it again"
        )
    for key in ("from_code", "to_code"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ModelError(
                f"{where}: metadata.json has no {key}; an argos translation package names its languages "
                "in from_code and to_code"
            )
    return data


_VERSION_SUFFIX = re.compile(r"-\d+(?:_\d+)*$")


def _package_name(data: dict[str, Any], folder: Path) -> str:
    """A name for messages and PO comments: ``code``, else argospm's name plus the package's own ``name``
    (``translate-zt_en-finance-test``), else the folder name without its version suffix."""
    argospm = f"{data.get('type') or 'translate'}-{data['from_code']}_{data['to_code']}"
    code = data.get("code")
    if isinstance(code, str) and code:
        return code
    name = data.get("name")
    if isinstance(name, str) and name.strip():
        name = name.strip()
        return name if name.startswith(argospm) else f"{argospm}-{name}"
    return _VERSION_SUFFIX.sub("", folder.name) or argospm


def read_package(folder: Path, origin: str = "") -> ArgosPackage:
    """Read and check an argos package folder, or raise ``ModelError`` saying what is missing."""
    where = origin or str(folder)
    meta_path = folder / METADATA
    if not folder.is_dir():
        raise ModelError(f"{where}: no such package folder; {INSTALL_HINT}")
    if not meta_path.is_file():
        raise ModelError(
            f"{where}: not an argos package (no metadata.json); give a package folder or a .argosmodel file"
        )
    try:
        data = _metadata(meta_path.read_bytes(), where)
    except OSError as err:
        raise ModelError(f"{where}: cannot read metadata.json ({err.strerror})") from None
    if not (folder / MODEL_DIR / MODEL_FILE).is_file():
        raise ModelError(
            f"{where}: the package has no CTranslate2 model (model/model.bin); the package is incomplete, "
            "get it again"
        )
    if not (folder / SENTENCEPIECE).is_file():
        if (folder / "bpe.model").is_file():
            raise ModelError(
                f"{where}: the package uses a BPE tokenizer; workbench reads packages with a "
                "sentencepiece.model (all current zh/zt→en argos packages have one)"
            )
        raise ModelError(
            f"{where}: the package has no sentencepiece.model; the package is incomplete, get it again"
        )
    prefix = data.get("target_prefix", "")
    return ArgosPackage(
        path=folder,
        from_code=data["from_code"],
        to_code=data["to_code"],
        version=str(data.get("package_version", "")),
        name=_package_name(data, folder),
        target_prefix=prefix if isinstance(prefix, str) else "",
        origin=origin,
    )


def require_chinese_to_english(package: ArgosPackage) -> ArgosPackage:
    """The package itself when it translates zt/zh → en; otherwise a ``ModelError`` naming its direction."""
    if not package.translates_chinese_to_english:
        raise ModelError(
            f"{package.shown}: package {package.name} translates {package.direction}; workbench needs a "
            f"zt→en or zh→en package; {INSTALL_HINT}"
        )
    return package


# --- installed packages --------------------------------------------------------------------------------


def installed_packages(folder: Path | None = None) -> tuple[list[ArgosPackage], list[str]]:
    """The readable packages in the packages folder, sorted by name, and one line per unreadable one."""
    root = folder if folder is not None else packages_dir()
    packages: list[ArgosPackage] = []
    problems: list[str] = []
    if not root.is_dir():
        return packages, problems
    for child in sorted(root.iterdir()):
        # argostranslate and our installer both stage work in hidden folders.
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            packages.append(read_package(child))
        except ModelError as err:
            problems.append(str(err))
    return packages, problems


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def default_package(folder: Path | None = None) -> ArgosPackage:
    """The installed package ``translate`` uses without ``--model``.

    A ``zt`` package is preferred because the articles are Traditional; a ``zh`` one reads them through
    OpenCC. Among equals the newest version wins.
    """
    root = folder if folder is not None else packages_dir()
    packages, _ = installed_packages(root)
    usable = [p for p in packages if p.translates_chinese_to_english]
    if not usable:
        raise ModelError(f"no zt→en or zh→en argos package is installed in {root}; {INSTALL_HINT}")
    return max(usable, key=lambda p: (not p.wants_simplified, _version_key(p.version), p.name))


def find_installed(name: str, folder: Path | None = None) -> ArgosPackage | None:
    """An installed package by folder name or package name (``translate-zt_en``)."""
    packages, _ = installed_packages(folder)
    for package in packages:
        if name in (package.path.name, package.name, f"{package.from_code}_{package.to_code}"):
            return package
    return None


# --- archives ------------------------------------------------------------------------------------------


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _unsafe_member(name: str) -> bool:
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return True
    return any(part == ".." for part in re.split(r"[\\/]", name))


@dataclass(frozen=True)
class ArchiveCheck:
    """What validating an archive found: its top folder and metadata."""

    top: str
    metadata: dict[str, Any]
    unpacked_bytes: int


def check_archive(path: Path, archive: zipfile.ZipFile) -> ArchiveCheck:
    """Refuse an archive that could write outside its folder, is not a package, or is too large."""
    infos = archive.infolist()
    if not infos:
        raise ModelError(f"{path}: the archive is empty; get the package again")
    if len(infos) > MAX_MEMBERS:
        raise ModelError(
            f"{path}: {len(infos)} files is too many for an argos package; refusing to unpack it"
        )
    total = 0
    tops: set[str] = set()
    for info in infos:
        if _unsafe_member(info.filename):
            raise ModelError(
                f"{path}: refusing to unpack: member {info.filename!r} would be written outside the package "
                "folder; the archive is not a genuine argos package"
            )
        if _is_link(info):
            raise ModelError(
                f"{path}: refusing to unpack: member {info.filename!r} is a symbolic link; "
                "the archive is not a genuine argos package"
            )
        total += info.file_size
        if info.file_size > _RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ModelError(
                f"{path}: refusing to unpack: member {info.filename!r} inflates {info.file_size} bytes from "
                f"{info.compress_size}; the archive is not a genuine argos package"
            )
        tops.add(PurePosixPath(info.filename).parts[0])
    if total > MAX_UNPACKED_BYTES:
        raise ModelError(
            f"{path}: unpacks to {total} bytes, more than the {MAX_UNPACKED_BYTES} an argos package "
            "may take; refusing to unpack it"
        )
    if len(tops) != 1:
        raise ModelError(
            f"{path}: an argos package holds exactly one top folder, this archive has {len(tops)} "
            f"({', '.join(sorted(tops)[:3])}); repack the package folder itself"
        )
    top = tops.pop()
    if top in (".", "") or top.startswith("."):
        raise ModelError(f"{path}: the archive's top folder {top!r} is not a package folder name")
    try:
        raw = archive.read(f"{top}/{METADATA}")
    except KeyError:
        raise ModelError(
            f"{path}: not an argos package (no {top}/metadata.json in the archive); get the package again"
        ) from None
    metadata = _metadata(raw, str(path))
    return ArchiveCheck(top=top, metadata=metadata, unpacked_bytes=total)


def open_archive(path: Path) -> zipfile.ZipFile:
    """Open a ``.argosmodel`` file as a zip, or raise ``ModelError`` saying it is not one."""
    if not path.is_file():
        raise ModelError(f"{path}: no such file; give the path of a .argosmodel package file")
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ModelError(
            f"{path}: not an argos package (a .argosmodel file is a zip archive); the file is damaged or of "
            "another kind, get the package again"
        ) from None
    except OSError as err:
        raise ModelError(f"{path}: cannot read the file ({err.strerror})") from None


def extract_checked(path: Path, archive: zipfile.ZipFile, into: Path) -> None:
    """Unpack an archive already passed through ``check_archive``; damaged data becomes ``ModelError``."""
    root = into.resolve()
    try:
        for info in archive.infolist():
            target = (root / info.filename).resolve()
            # Defence in depth: check_archive already refused such names.
            if root not in target.parents and target != root:
                raise ModelError(f"{path}: refusing to unpack member {info.filename!r} outside the package")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise ModelError(f"{path}: the archive is damaged ({err}); get the package again") from None


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def unpack_cached(path: Path) -> ArgosPackage:
    """The package inside a ``.argosmodel`` file, unpacked once into the cache."""
    archive = open_archive(path)
    with archive:
        digest = file_digest(path)
        slot = cache_dir() / "argos" / digest[:24]
        check = check_archive(path, archive)
        folder = slot / check.top
        if slot.exists():
            try:
                return read_package(folder, origin=str(path))
            except ModelError:
                # Someone pruned the cache by hand; unpack afresh rather than fail.
                shutil.rmtree(slot, ignore_errors=True)
        _unpack_into_slot(path, archive, slot)
    return read_package(folder, origin=str(path))


def _unpack_into_slot(path: Path, archive: zipfile.ZipFile, slot: Path) -> None:
    slot.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=slot.parent))
    try:
        extract_checked(path, archive, staging)
        try:
            # A finished extraction appears whole or not at all; a concurrent run that won the race
            # has produced the same bytes (same hash), so losing it is harmless.
            os.replace(staging, slot)
        except OSError:
            if not slot.is_dir():
                raise
    except OSError as err:
        raise ModelError(f"{path}: cannot unpack into the cache {slot.parent} ({err.strerror})") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


# --- resolving what the user named ---------------------------------------------------------------------


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


def describe_packages(packages: Iterable[ArgosPackage]) -> list[dict[str, str]]:
    """Rows for listing packages, in a shape both a table and ``--json`` can use."""
    return [
        {
            "name": p.name,
            "from": p.from_code,
            "to": p.to_code,
            "version": p.version,
            "path": str(p.path),
        }
        for p in packages
    ]
