"""Opening, checking and unpacking ``.argosmodel`` archives.

Archives come from the internet and are opened before anything else looks at them: a member that would land
outside the package folder (absolute, ``..``, a link), a missing ``metadata.json`` or an unreasonable size
is refused with one line, before a byte is written. A ``.argosmodel`` given to ``--model`` is extracted once
into a cache keyed by the file's SHA-256, so a second run starts as fast as from a folder, and an edited file
never reuses a stale extraction.

The size limits come from what real packages need. A package is mostly its CTranslate2 weights, stored as
int8 (or float) numbers that deflate barely shrinks; its SentencePiece model and vocabulary shrink two to
four times. argos ``translate-zh_en`` 1.9 is a 74.5 MB archive that unpacks to 86.1 MB (1.16 times; its
``model.bin`` alone is 82.7 MB), and the test package in ``models/`` unpacks to 1.09 times its size. So an
archive may unpack to at most ``MAX_RATIO`` times its own size on disk (a zip bomb inflates hundreds of
times), and to ``MAX_UNPACKED_BYTES`` in all. The sizes the archive declares are checked first, and the
unpacking itself counts the bytes it writes and stops at the same limits, so a forged header cannot make it
write more.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import zipfile
import zlib
from collections.abc import Iterator
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
from workbench.safeio import terminate_cleanly
from workbench.textio import make_work_folder, remove_leftover_folders

# The largest published argos packages unpack to a few hundred MB; 2 GiB leaves room for larger
# CTranslate2 models while no archive can fill a disk.
MAX_UNPACKED_BYTES = 2 * 1024**3
# Three times leaves room for packages heavy in text (vocabularies, sentence splitters), and none for a bomb.
MAX_RATIO = 3
# Real packages hold a few dozen files.
MAX_MEMBERS = 1_000
CHUNK = 1024 * 1024
UNPACK_PREFIX = ".unpack-"


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _unsafe_member(name: str) -> bool:
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return True
    return any(part == ".." for part in re.split(r"[\\/]", name))


@dataclass(frozen=True)
class ArchiveCheck:
    """What validating an archive found: its top folder and metadata, and how much it may unpack to."""

    top: str
    metadata: dict[str, Any]
    unpacked_bytes: int
    limit: int  # the most bytes unpacking may write
    limit_text: str  # the limit as a refusal names it


def unpack_limit(archive_bytes: int) -> tuple[int, str]:
    """The most bytes an archive of ``archive_bytes`` may unpack to, and that limit in words."""
    by_ratio = MAX_RATIO * archive_bytes
    if by_ratio < MAX_UNPACKED_BYTES:
        return by_ratio, (
            f"limit of {MAX_RATIO} times the archive's own {archive_bytes:,} bytes "
            "(a real package's weights barely compress)"
        )
    return MAX_UNPACKED_BYTES, f"limit of {MAX_UNPACKED_BYTES:,} bytes for a whole package"


def _too_large(path: Path, size: int, limit_text: str, more: str = "") -> ModelError:
    return ModelError(
        f"{path}: refusing to unpack: it inflates to {more}{size:,} bytes, over the {limit_text}; "
        "the archive is not a genuine argos package"
    )


def check_archive(path: Path, archive: zipfile.ZipFile) -> ArchiveCheck:
    """Refuse an archive that could write outside its folder, is not a package, or is too large."""
    infos = archive.infolist()
    if not infos:
        raise ModelError(f"{path}: the archive is empty; get the package again")
    if len(infos) > MAX_MEMBERS:
        raise ModelError(
            f"{path}: refusing to unpack: {len(infos):,} files, over the limit of {MAX_MEMBERS:,} for an "
            "argos package"
        )
    limit, limit_text = unpack_limit(path.stat().st_size)
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
        tops.add(PurePosixPath(info.filename).parts[0])
    if total > limit:
        raise _too_large(path, total, limit_text)
    if len(tops) != 1:
        raise ModelError(
            f"{path}: an argos package holds exactly one top folder, this archive has {len(tops)} "
            f"({', '.join(sorted(tops)[:3])}); repack the package folder itself"
        )
    top = tops.pop()
    if top in (".", "") or top.startswith("."):
        raise ModelError(f"{path}: the archive's top folder {top!r} is not a package folder name")
    where = f"{path}: {top}/{METADATA}"
    try:
        info = archive.getinfo(f"{top}/{METADATA}")
    except KeyError:
        raise ModelError(
            f"{path}: not an argos package (no {top}/metadata.json in the archive); get the package again"
        ) from None
    with _damaged_as_error(path), archive.open(info) as member:
        raw = member.read(MAX_METADATA_BYTES + 1)
    metadata = parse_metadata(raw, where)
    return ArchiveCheck(top=top, metadata=metadata, unpacked_bytes=total, limit=limit, limit_text=limit_text)


def open_archive(path: Path) -> zipfile.ZipFile:
    """Open a ``.argosmodel`` file as a zip, or raise ``ModelError`` saying it is not one."""
    if not path.is_file():
        raise ModelError(f"{path}: no such file; give the path of a .argosmodel package file")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ModelError(
            f"{path}: not an argos package (a .argosmodel file is a zip archive); the file is damaged or of "
            "another kind, get the package again"
        ) from None
    except OSError as err:
        raise ModelError(f"{path}: cannot read the file ({err.strerror})") from None


@contextlib.contextmanager
def _damaged_as_error(path: Path) -> Iterator[None]:
    """Errors of reading a member's data (bad CRC, cut deflate stream, an encrypted or unknown method)."""
    try:
        yield
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise ModelError(f"{path}: the archive is damaged ({err}); get the package again") from None
    except (NotImplementedError, RuntimeError) as err:  # an unsupported compression method, a password
        raise ModelError(
            f"{path}: cannot unpack it ({err}); an argos package is a plain zip archive"
        ) from None


def extract_checked(path: Path, archive: zipfile.ZipFile, into: Path, check: ArchiveCheck) -> None:
    """Unpack an archive already passed through ``check_archive`` into the folder ``into``.

    The bytes written are counted as they are written: no member gets more than the archive declares for
    it, and the whole never more than ``check.limit``, whatever the archive's headers say. On refusal what
    was written stays in ``into`` for the caller to remove.
    """
    root = into.resolve()
    written = 0
    with _damaged_as_error(path):
        for info in archive.infolist():
            target = (root / info.filename).resolve()
            # Defence in depth: check_archive already refused such names.
            if root not in target.parents and target != root:
                raise ModelError(f"{path}: refusing to unpack member {info.filename!r} outside the package")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            left = info.file_size
            with archive.open(info) as src, open(target, "wb") as dst:
                while chunk := src.read(CHUNK):
                    if len(chunk) > left:
                        raise ModelError(
                            f"{path}: refusing to unpack: member {info.filename!r} holds more than the "
                            f"{info.file_size:,} bytes the archive declares for it; the archive is forged"
                        )
                    if written + len(chunk) > check.limit:
                        raise _too_large(path, written + len(chunk), check.limit_text, "more than ")
                    dst.write(chunk)
                    left -= len(chunk)
                    written += len(chunk)


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
        _unpack_into_slot(path, archive, check, slot)
    return read_package(folder, origin=str(path))


def _unpack_into_slot(path: Path, archive: zipfile.ZipFile, check: ArchiveCheck, slot: Path) -> None:
    try:
        slot.parent.mkdir(parents=True, exist_ok=True)
        remove_leftover_folders(slot.parent, UNPACK_PREFIX)  # unpacking that a killed run left behind
        staging = make_work_folder(slot.parent, UNPACK_PREFIX)
    except OSError as err:
        raise ModelError(f"{path}: cannot unpack into the cache {slot.parent} ({err.strerror})") from None
    try:
        with terminate_cleanly():
            extract_checked(path, archive, staging, check)
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
