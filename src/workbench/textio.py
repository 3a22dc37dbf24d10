"""Reading pages and writing files safely.

Hong Kong material arrives as UTF-8 (with or without a BOM, CRLF from Windows), often as Big5, sometimes as
GB18030, now and then as UTF-16 or UTF-32 with a BOM, and sometimes as a page saved from a browser. A page is
decoded once here, line ends normalised, HTML read for its text (``html_text``), and everything downstream
sees clean ``str``. Writes go to a temporary file in the same folder and are
renamed into place, so a reader (or a crash) never sees half a file; the file keeps its mode and symlink,
and a read-only file is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import FileWriteError, InputError
from workbench.html_text import html_text, looks_like_html

MAX_PAGE_BYTES = 20 * 1024 * 1024

# Characters that dominate any Chinese news text in either script; a wrong decoding of Big5 as GB18030
# (or the reverse) produces rare characters instead, so counting these tells the encodings apart.
_COMMON = set(
    "的一是在不了有和人這这中大為为上個个國国我以要他時时來来用們们生到作地於于出就分對对成會会可主發发年動动"
    "同工也能下過过子說说產产種种面而方後后多定行學学法所民得經经十三之進进著着等部度家電电力裡里如水化高自二"
    "理起小物現现實实加量都兩两體体制機机當当使點点從从業业本去把性好應应開开它合還还因由其些然前外天政四日那"
    "社義义事平形相全表間间樣样與与關关各重新線线內内數数正心反你明看原又麼么利比或但質质氣气第向道命此變变條条"
    "公司股港元億亿萬万市場场資资投報报價价"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Page:
    path: str  # as the user gave it, used in PO references
    text: str  # decoded, line ends normalised to "\n", no BOM; an HTML page's text as a reader sees it
    encoding: str  # what it was decoded from: "utf-8", "big5hkscs", "gb18030", "utf-16", "utf-32"
    html: bool = False  # the file was an HTML page (saved from a browser), read through an HTML parser


def read_page(path: str | Path) -> Page:
    """Read and decode a page of Chinese text, or raise ``InputError`` with one actionable line."""
    shown = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{shown}: no such file; give the path of a page saved as text")
    if p.is_dir():
        raise InputError(f"{shown}: is a folder; give the path of one page file")
    size = p.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise InputError(f"{shown}: {size} bytes is too large for one page; split it into pages under 20 MB")
    raw = p.read_bytes()
    text, encoding = decode(raw, shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    html = looks_like_html(text)
    if html:
        # Tags never reach a msgid: the page is read for the text a reader sees.
        text = html_text(text)
    if not text.strip():
        raise InputError(f"{shown}: the page is empty; nothing to translate")
    if not _CJK.search(text):
        raise InputError(f"{shown}: no Chinese text found; give a page of Traditional Chinese articles")
    return Page(path=shown, text=text, encoding=encoding, html=html)


def decode(raw: bytes, shown: str) -> tuple[str, str]:
    """Decode bytes of a page, telling UTF-8, UTF-16, UTF-32 (both by their BOM), Big5 and GB18030 apart."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", shown), "utf-8"
    # UTF-32's little-endian BOM begins with UTF-16's, so it is tested first.
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(raw, "utf-32", shown), "utf-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", shown), "utf-16"
    if b"\x00" in raw or _looks_binary(raw):
        raise InputError(f"{shown}: looks like a binary file, not text; save the page as UTF-8 text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[int, str, str]] = []
    for codec in ("big5hkscs", "gb18030"):
        try:
            decoded = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((sum(ch in _COMMON for ch in decoded), codec, decoded))
    if not candidates:
        raise InputError(f"{shown}: not UTF-8, Big5 or GB18030 text; re-save the page as UTF-8 and try again")
    _, codec, decoded = max(candidates)
    return decoded, codec


def _strict(raw: bytes, codec: str, shown: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{shown}: byte {err.start} is not valid {codec.upper()}; re-save the page as UTF-8 and try again"
        ) from None


def _looks_binary(raw: bytes) -> bool:
    """Control bytes other than tab, newline and carriage return mean this is not a text page."""
    sample = raw[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(2, len(sample) // 200)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` via a temporary file and a rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a reader, or a crash, sees the old file or the new, never half.

    The file stays what the user made it: a symlink is followed and its target rewritten, a rewritten file
    keeps its mode (and its group, where allowed), a new file gets the mode the umask gives, and a file
    that is read-only is refused with ``FileWriteError`` rather than replaced. Temporary files that a killed
    run left beside the file are removed first. Any failure (a full disk) names the file and leaves the old
    one as it was.
    """
    target = _write_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        existing = os.stat(target) if target.exists() else None
    except OSError as err:
        raise _write_error(path, err) from None
    if existing is not None and not _writable(target, existing):
        raise FileWriteError(
            f"{path}: is read-only, so it was not replaced; make it writable (chmod u+w) or move it away"
        )
    remove_leftovers(target)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)  # mkstemp makes 0600, which would hide the file from the desk
            if existing is not None:
                _keep_owner(handle.fileno(), existing)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as err:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise _write_error(path, err) from None
        raise


def _write_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: the target of a symlink, so the link stays a link."""
    if not os.path.islink(path):
        return Path(path)
    try:
        return Path(path).resolve(strict=False)
    except (OSError, RuntimeError) as err:  # a symlink loop
        raise FileWriteError(
            f"{path}: is a symlink that cannot be followed ({err}); fix or remove it"
        ) from None


def _writable(target: Path, existing: os.stat_result) -> bool:
    """Whether the user may change the file; a file with no write bit is read-only even to root."""
    return bool(existing.st_mode & 0o222) and os.access(target, os.W_OK)


def _keep_owner(fd: int, existing: os.stat_result) -> None:
    """Give the new file the old one's owner and group where this user may, so the desk keeps access."""
    for uid in (existing.st_uid, -1):
        try:
            os.fchown(fd, uid, existing.st_gid)
            return
        except OSError:
            continue


_UMASK_LINE = re.compile(r"^Umask:\s*([0-7]+)$", re.MULTILINE)


def _umask() -> int:
    """The process umask, read without changing it (``os.umask`` can only be read by setting it)."""
    try:
        found = _UMASK_LINE.search(Path("/proc/self/status").read_text(encoding="ascii"))
    except OSError:
        found = None
    if found is not None:
        return int(found.group(1), 8)
    current = os.umask(0o022)
    os.umask(current)
    return current


# Temporary names are ".<name>.<pid>-<8 random>.tmp"; runs before the pid was added wrote ".<name>.<8>.tmp".
_LEFTOVER = r"^\.{name}\.(?:(?P<pid>\d+)-)?[a-z0-9_]{{8}}\.tmp$"
LEFTOVER_AGE = 3600.0  # seconds: no write takes this long, so an older temporary file is a leftover


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the temporary files an earlier, killed write of ``target`` left beside it; return them.

    Only names of this module's pattern for this one file are touched, and only when the process that
    made them is gone (or, for names without a process id, when they are an hour old), so a write in
    progress in another process is never disturbed.
    """
    return _remove_matching(target.parent, re.compile(_LEFTOVER.format(name=re.escape(target.name))))


def remove_leftovers_in(folder: Path) -> list[Path]:
    """``remove_leftovers`` for every file of ``folder`` and of the folders directly in it (the article
    folders of a translations folder), whether or not this run writes them again."""
    pattern = re.compile(_LEFTOVER.format(name=r"[^/]+"))
    removed = _remove_matching(folder, pattern)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                removed += _remove_matching(Path(entry.path), pattern)
    return removed


def make_work_folder(parent: Path, prefix: str) -> Path:
    """A new folder ``<prefix><pid>-<8 random>`` in ``parent`` for work that is renamed into place when it is
    done (an unpacked package); the process id in its name lets ``remove_leftover_folders`` tell a killed
    process's folder from one a live process is still filling."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def remove_leftover_folders(parent: Path, prefix: str) -> list[Path]:
    """Remove the ``make_work_folder`` folders of ``prefix`` that killed processes left in ``parent``, with
    everything in them; return them. The rule is ``remove_leftovers``'s: the process that made the folder
    is gone, or (a name without a process id, from older versions) it is an hour old."""
    pattern = re.compile(rf"^{re.escape(prefix)}(?:(?P<pid>\d+)-)?[a-z0-9_]{{8}}$")
    return _remove_matching(parent, pattern, folders=True)


def _remove_matching(folder: Path, pattern: re.Pattern[str], folders: bool = False) -> list[Path]:
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        found = pattern.match(name)
        if found is None:
            continue
        leftover = folder / name
        try:
            info = leftover.lstat()
            pid = found.group("pid")
            kind_ok = stat.S_ISDIR(info.st_mode) if folders else stat.S_ISREG(info.st_mode)
            if not kind_ok or (
                time.time() - info.st_mtime < LEFTOVER_AGE and (pid is None or _running(int(pid)))
            ):
                continue
            if folders:
                shutil.rmtree(leftover)  # never follows a link inside it
            else:
                leftover.unlink()
        except OSError:
            continue
        removed.append(leftover)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to another user
        return True
    return True


def _write_error(path: Path, err: OSError) -> FileWriteError:
    reason = err.strerror or type(err).__name__
    advice = (
        "free some space and run again" if err.errno in (errno.ENOSPC, errno.EDQUOT) else "check the folder"
    )
    return FileWriteError(
        f"{path}: cannot be written ({reason}); {advice}; the file on disk was left as it was"
    )
