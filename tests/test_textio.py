from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.errors import FileWriteError, InputError
from workbench.textio import make_work_folder, read_page, remove_leftover_folders, write_text_atomic

SAMPLE = "簡訊:遇見小麵急回購挺股價\n\n公司於12月5日掛牌,首個交易日即重挫28%。裏面的衞生問題。\n"


def test_utf8_with_bom_and_crlf_reads_clean(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_bytes(b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    read = read_page(page)
    assert read.text == SAMPLE
    assert read.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["big5hkscs", "gb18030"])
def test_big5_and_gb18030_pages_are_detected_and_decoded(tmp_path: Path, codec: str) -> None:
    text = (
        SAMPLE
        if codec.startswith("big5")
        else "简讯:遇见小面急回购挺股价\n\n公司于12月5日挂牌,首个交易日即重挫28%。\n"
    )
    page = tmp_path / "p.txt"
    page.write_bytes(text.encode(codec))
    read = read_page(page)
    assert read.text == text
    assert read.encoding == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_pages_are_told_apart_by_their_bom(tmp_path: Path, codec: str) -> None:
    page = tmp_path / "p.txt"
    bom = "\ufeff".encode(codec)
    page.write_bytes(bom + SAMPLE.replace("\n", "\r\n").encode(codec))
    read = read_page(page)
    assert read.text == SAMPLE
    assert read.encoding == codec[:6]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Only English here.\n", "no Chinese"),
    ],
)
def test_bad_pages_get_one_clear_line(tmp_path: Path, content: bytes, expected: str) -> None:
    page = tmp_path / "p.txt"
    page.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_page(page)
    message = str(err.value)
    assert expected in message and "\n" not in message and str(page) in message


def test_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_page(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_page(tmp_path / "missing.txt")


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_text_atomic(target, "一")
    write_text_atomic(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


# ---------------------------------------------------------------------------------------------- writing


def test_a_write_replaces_the_file_by_rename_never_in_place(tmp_path: Path) -> None:
    target = tmp_path / "en.po"
    target.write_text("old", encoding="utf-8")
    # A hard link sees what happens to the file's bytes: written in place, it would read "new" too.
    witness = tmp_path / "witness"
    os.link(target, witness)
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert witness.read_text(encoding="utf-8") == "old"
    assert target.stat().st_ino != witness.stat().st_ino


def test_a_rewritten_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "en.po"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o664)
    write_text_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "new" / "en.po", "text")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new" / "en.po").stat().st_mode) == mode


def test_a_symlinked_file_stays_a_symlink_and_its_target_is_rewritten(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "en.po"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "article" / "en.po"
    link.parent.mkdir()
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == "new"
    assert [p.name for p in link.parent.iterdir()] == ["en.po"]


def test_a_read_only_file_is_refused_with_one_line_and_left_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "glossary.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(FileWriteError) as err:
        write_text_atomic(target, "new")
    message = str(err.value)
    assert message.startswith(f"{target}: is read-only") and "\n" not in message
    assert target.read_text(encoding="utf-8") == "old"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["glossary.csv"]


_BLOCKED_WRITE = """
import os, sys, time
from pathlib import Path
from workbench import textio

def stalled(src, dst):
    print("temporary file written", flush=True)
    time.sleep(600)

os.replace = stalled
textio.write_text_atomic(Path(sys.argv[1]), "half-finished run")
"""


def test_leftovers_of_a_killed_write_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "en.po"
    target.write_text("reviewed", encoding="utf-8")
    run = subprocess.Popen(
        [sys.executable, "-c", _BLOCKED_WRITE, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert run.stdout is not None and run.stdout.readline().strip() == "temporary file written"
        (leftover,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert leftover.name.startswith(f".en.po.{run.pid}-")
    finally:
        run.kill()
        run.wait()
    assert target.read_text(encoding="utf-8") == "reviewed"
    # Older versions named temporary files without the process id: old ones are leftovers, fresh ones may
    # belong to a write still going on in another process. Files of other names are none of its business.
    old_style = tmp_path / ".en.po.k2j4x8q1.tmp"
    old_style.touch()
    os.utime(old_style, (time.time() - 2 * 3600,) * 2)
    fresh = tmp_path / ".en.po.a8b7c6d5.tmp"
    fresh.touch()
    others = [tmp_path / ".zh_Hans.po.k2j4x8q1.tmp", tmp_path / "en.po.tmp", tmp_path / ".en.po.notes.tmp"]
    for other in others:
        other.touch()
        os.utime(other, (time.time() - 2 * 3600,) * 2)

    write_text_atomic(target, "next run")
    assert target.read_text(encoding="utf-8") == "next run"
    assert not leftover.exists() and not old_style.exists()
    assert fresh.exists() and all(other.exists() for other in others)


def test_work_folders_of_gone_processes_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    prefix = ".workbench-install-"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = tmp_path / f"{prefix}{int(gone.stdout)}-abcd1234"
    (dead / "package" / "model").mkdir(parents=True)
    (dead / "package" / "model" / "model.bin").write_bytes(b"x" * 4096)
    live = make_work_folder(tmp_path, prefix)
    assert live.name.startswith(f"{prefix}{os.getpid()}-")
    # Names without a process id (older versions): an hour old is a leftover, younger may be at work.
    old_style = tmp_path / f"{prefix}k2j4x8q1"
    old_style.mkdir()
    os.utime(old_style, (time.time() - 2 * 3600,) * 2)
    fresh_style = tmp_path / f"{prefix}a8b7c6d5"
    fresh_style.mkdir()
    # A link of such a name is not followed, and what it points to is not touched; other names are kept.
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "keep").mkdir(parents=True)
    (tmp_path / f"{prefix}99999999-linkname").symlink_to(elsewhere)
    (tmp_path / f"{prefix}1-notes").mkdir()

    removed = remove_leftover_folders(tmp_path, prefix)
    assert sorted(removed) == sorted([dead, old_style])
    assert not dead.exists() and not old_style.exists()
    assert live.is_dir() and fresh_style.is_dir() and (elsewhere / "keep").is_dir()
    assert (tmp_path / f"{prefix}99999999-linkname").is_symlink() and (tmp_path / f"{prefix}1-notes").is_dir()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system, so a write meets a full disk as it would in the newsroom."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_names_the_file_and_leaves_the_old_one(tiny_disk: Path) -> None:
    target = tiny_disk / "article" / "en.po"
    write_text_atomic(target, "reviewed")
    with pytest.raises(FileWriteError) as err:
        write_text_atomic(target, "x" * 200_000)
    message = str(err.value)
    assert message.startswith(f"{target}: cannot be written (No space left on device)")
    assert "free some space" in message and "\n" not in message
    assert target.read_text(encoding="utf-8") == "reviewed"
    assert [p.name for p in target.parent.iterdir()] == ["en.po"]
