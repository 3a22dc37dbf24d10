"""Everything under a folder as it is on disk, to show that a refused command changed nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Each entry under ``root`` (never following a link): a file's mode and bytes, a link's target, a
    folder's mode. Two snapshots are equal when no byte, mode, link or name changed."""
    found: dict[str, tuple[object, ...]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            key = str(path.relative_to(root))
            if stat.S_ISLNK(info.st_mode):
                found[key] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                found[key] = ("folder", stat.S_IMODE(info.st_mode))
            else:
                found[key] = ("file", stat.S_IMODE(info.st_mode), path.read_bytes())
    return found
