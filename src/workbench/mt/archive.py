"""Opening, checking and unpacking ``.argosmodel`` archives.

Archives come from the internet and are opened before anything else looks at them: a member that would land
outside the package folder (absolute, ``..``, a link), a missing ``metadata.json`` or an unreasonable size
is refused with one line, before a byte is written. A ``.argosmodel`` given to ``--model`` is extracted once
into a cache keyed by the file's SHA-256, so a second run starts as fast as from a folder, and an edited file
never reuses a stale extraction.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from workbench.errors import ModelError
from workbench.mt.package import (
    MAX_METADATA_BYTES,
    METADATA,
    ArgosPackage,
    cache_dir,
    parse_metadata,
    read_package,
)

# Published argos packages are 30-300 MB unpacked; a few GB leaves room for large ones but stops a zip bomb
# from filling the disk.
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_MEMBERS = 10_000
# A member that inflates more than this is not a model file (weights barely compress) but a bomb.
MAX_RATIO = 200
_RATIO_MIN_BYTES = 1024**2


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
        with archive.open(f"{top}/{METADATA}") as member:
            raw = member.read(MAX_METADATA_BYTES + 1)
    except KeyError:
        raise ModelError(
            f"{path}: not an argos package (no {top}/metadata.json in the archive); get the package again"
        ) from None
    metadata = parse_metadata(raw, f"{path}: {top}/{METADATA}")
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
