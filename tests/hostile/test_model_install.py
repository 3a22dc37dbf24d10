"""Hostile packages given to `workbench model install` (and to `--model`): refused in one line, exit 2,
with the argos packages folder exactly as it was.

Every archive here is the committed test package, repacked with one thing changed the way an attacker or a
broken download would change it: random bytes for weights, a member that inflates a thousand times, a
header that lies about a size, metadata nested 100,000 deep, or a package large enough that an install can
be stopped halfway by a real signal. Each command runs as a real subprocess.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import resource
import signal
import stat
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workbench.errors import ModelError
from workbench.mt.archive import MAX_MEMBERS, MAX_RATIO, check_archive, extract_checked, open_archive
from workbench.mt.install import STAGING_PREFIX
from workbench.textio import make_work_folder

ROOT = Path(__file__).resolve().parents[2]
TEST_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"
TOP = "translate-zt_en-finance_test-1_0"
SENTENCE = "公司收入增長14%至3.08億港元。"

pytestmark = pytest.mark.skipif(not TEST_MODEL.is_file(), reason="the committed test package is missing")


# --- running the command line with its own argos folders ----------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of every command here: its own packages folder, cache and config."""
    return {
        **os.environ,
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "WORKBENCH_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
    }


def workbench(
    env: dict[str, str], *args: str, limit_file_bytes: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        if limit_file_bytes is not None:
            # A write past this size kills the process with SIGXFSZ: proof that nothing larger was written.
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=limited,
    )


def refused(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    """The one line a refusal prints, checked for exit code 2 and for naming what ``expected`` lists."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr.startswith("workbench: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, (text, result.stderr)
    return result.stderr


def snapshot(folder: Path) -> dict[str, tuple[str, int, int, str]]:
    """Everything under ``folder``, hidden entries too: kind, mode, modification time, content digest."""
    found: dict[str, tuple[str, int, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                kind, content = "link", os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                kind, content = "file", hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                kind, content = "dir", ""
            found[str(path.relative_to(folder))] = (kind, info.st_mode, info.st_mtime_ns, content)
    return found


@pytest.fixture
def installed(env: dict[str, str]) -> Path:
    """The packages folder with the committed test package installed: the working package to protect."""
    result = workbench(env, "model", "install", str(TEST_MODEL))
    assert result.returncode == 0, result.stderr
    packages = Path(env["ARGOS_PACKAGES_DIR"])
    assert (packages / TOP / "model" / "model.bin").is_file()
    return packages


def translates(env: dict[str, str], tmp_path: Path) -> None:
    """`workbench translate` with the installed package writes a machine draft."""
    page = tmp_path / "page.txt"
    page.write_text(f"測試公司收入\n\n{SENTENCE}\n", encoding="utf-8")
    out = tmp_path / "translations"
    result = workbench(env, "translate", str(page), "--out", str(out), "--no-tm")
    assert result.returncode == 0, result.stderr
    assert "2 machine drafts" in result.stderr, result.stderr


# --- building hostile archives from the committed package ---------------------------------------------------

Member = bytes | Callable[[zipfile.ZipFile, str], None]


def repack(
    target: Path, replace: dict[str, Member] | None = None, add: dict[str, Member] | None = None
) -> Path:
    """The committed package rewritten into ``target`` with some members' data replaced or added."""
    replace = {f"{TOP}/{name}": data for name, data in (replace or {}).items()}
    extra = {f"{TOP}/{name}": data for name, data in (add or {}).items()}
    with zipfile.ZipFile(TEST_MODEL) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = replace.get(info.filename)
            if data is None:
                out.writestr(info, source.read(info), compress_type=info.compress_type)
            else:
                _write(out, info.filename, data)
        for name, data in extra.items():
            _write(out, name, data)
    return target


def _write(out: zipfile.ZipFile, name: str, data: Member) -> None:
    if isinstance(data, bytes):
        out.writestr(name, data)
    else:
        data(out, name)


def streamed(size: int, block: Callable[[int], bytes], method: int) -> Callable[[zipfile.ZipFile, str], None]:
    """A member of ``size`` bytes written in 16 MiB blocks, so the test never holds it in memory."""

    def write(out: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = method
        with out.open(info, "w", force_zip64=True) as member:
            left = size
            while left:
                chunk = block(min(left, 16 * 1024**2))
                member.write(chunk)
                left -= len(chunk)

    return write


def with_zeros(target: Path, size: int) -> Path:
    """The committed package plus ``model/extra.bin``: ``size`` zero bytes, which deflate a thousandfold."""
    return repack(target, add={"model/extra.bin": streamed(size, bytes, zipfile.ZIP_DEFLATED)})


def model_bin_size() -> int:
    with zipfile.ZipFile(TEST_MODEL) as archive:
        return archive.getinfo(f"{TOP}/model/model.bin").file_size


# --- a package that does not load never replaces one that does ----------------------------------------------


def test_random_bytes_for_weights_are_refused_and_the_working_package_stays(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    noise = random.Random(17).randbytes(model_bin_size())
    broken = repack(tmp_path / f"{TOP}.argosmodel", replace={"model/model.bin": noise})
    before = snapshot(installed)

    line = refused(workbench(env, "model", "install", str(broken)), str(broken), "cannot load")
    assert f"the installed {TOP} is unchanged" in line
    assert snapshot(installed) == before
    translates(env, tmp_path)

    # With nothing installed yet, nothing is installed.
    fresh = {**env, "ARGOS_PACKAGES_DIR": str(tmp_path / "empty")}
    refused(workbench(fresh, "model", "install", str(broken)), str(broken), "nothing was installed")
    assert snapshot(tmp_path / "empty") == {}


def test_a_tokenizer_of_random_bytes_is_refused_too(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    noise = random.Random(18).randbytes(200_000)
    broken = repack(tmp_path / "spm.argosmodel", replace={"sentencepiece.model": noise})
    before = snapshot(installed)
    refused(workbench(env, "model", "install", str(broken)), str(broken), "sentencepiece.model", "unchanged")
    assert snapshot(installed) == before


# --- sizes: limits from what real packages need -------------------------------------------------------------


def test_a_member_that_inflates_a_thousand_times_is_refused_before_a_byte_is_written(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    # 256 MiB of zeros deflate to 256 KB: the whole archive grows by 4%, what it unpacks to by 40 times.
    bomb = with_zeros(tmp_path / "bomb.argosmodel", 256 * 1024**2)
    size = bomb.stat().st_size
    assert size < 7 * 1024**2
    with zipfile.ZipFile(bomb) as opened:
        declared = sum(info.file_size for info in opened.infolist())
    before = snapshot(installed)
    # Under a cap on file size at the limit, a single write past the limit would kill the command.
    result = workbench(env, "model", "install", str(bomb), limit_file_bytes=MAX_RATIO * size)
    # The sizes the archive declares are refused whole, before unpacking starts.
    refused(
        result,
        str(bomb),
        f"it inflates to {declared:,} bytes, over the limit of {MAX_RATIO} times the archive's own "
        f"{size:,} bytes",
    )
    assert snapshot(installed) == before

    # The same archive given to --model is refused alike, and nothing is left in the cache.
    page = tmp_path / "page.txt"
    page.write_text(f"標題\n\n{SENTENCE}\n", encoding="utf-8")
    result = workbench(env, "translate", str(page), "--model", str(bomb), "--out", str(tmp_path / "t"))
    refused(result, str(bomb), f"limit of {MAX_RATIO} times")
    cache = Path(env["WORKBENCH_CACHE_DIR"])
    assert not [p for p in cache.rglob("*") if p.is_file()]


def _forge_size(archive: Path, name: str, declared: int) -> None:
    """Make the central directory declare ``declared`` bytes for member ``name`` (its data unchanged)."""
    data = bytearray(archive.read_bytes())
    at = data.find(b"PK\x01\x02")  # a central directory entry; its name starts 46 bytes in
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_length]) == name.encode():
            break
        at = data.find(b"PK\x01\x02", at + 4)
    assert at != -1
    struct.pack_into("<I", data, at + 24, declared)  # its uncompressed size
    archive.write_bytes(bytes(data))


def test_a_header_that_understates_a_member_gains_nothing(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    # The member is 64 MiB of zeros; its header claims 1 MiB, which passes every limit.
    forged = with_zeros(tmp_path / "forged.argosmodel", 64 * 1024**2)
    _forge_size(forged, f"{TOP}/model/extra.bin", 1024**2)
    with zipfile.ZipFile(forged) as opened:
        assert opened.getinfo(f"{TOP}/model/extra.bin").file_size == 1024**2
    before = snapshot(installed)
    result = workbench(env, "model", "install", str(forged), limit_file_bytes=8 * 1024**2)
    refused(result, str(forged), "damaged")
    assert snapshot(installed) == before


def test_unpacking_counts_what_it_writes_and_stops_at_the_limit(tmp_path: Path) -> None:
    """The limit holds while unpacking too, not only in the check of the sizes an archive declares."""
    honest = repack(tmp_path / "honest.argosmodel")
    with open_archive(honest) as small:
        check = check_archive(honest, small)
    large = with_zeros(tmp_path / "large.argosmodel", 48 * 1024**2)
    into = tmp_path / "into"
    into.mkdir()
    # The large archive unpacked as if its headers had passed the small one's check.
    with open_archive(large) as archive, pytest.raises(ModelError) as err:
        extract_checked(large, archive, into, check)
    assert f"over the {check.limit_text}" in str(err.value)
    assert _size(into) <= check.limit


def test_too_many_members_are_refused_naming_the_limit(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    many = repack(tmp_path / "many.argosmodel", add={f"extra/{i}.txt": b"x" for i in range(MAX_MEMBERS)})
    before = snapshot(installed)
    refused(workbench(env, "model", "install", str(many)), str(many), f"over the limit of {MAX_MEMBERS:,}")
    assert snapshot(installed) == before


# --- metadata.json: deep, large -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested more than 16 levels"),
        (b'{"from_code": "zt", "to_code": "en", "x": ' + b"[" * 20 + b"]" * 20 + b"}", "nested more than 16"),
        (b'{"from_code": "zt", "to_code": "en", "x": "' + b"a" * 2 * 1024**2 + b'"}', "1,048,576 bytes"),
    ],
    ids=["100000-deep", "20-deep", "2-MB"],
)
def test_hostile_metadata_is_one_line_naming_the_file(
    installed: Path, env: dict[str, str], tmp_path: Path, metadata: bytes, expected: str
) -> None:
    archive = repack(tmp_path / "meta.argosmodel", replace={"metadata.json": metadata})
    before = snapshot(installed)
    refused(workbench(env, "model", "install", str(archive)), f"{archive}: {TOP}/metadata.json", expected)
    assert snapshot(installed) == before

    # A package folder holding such a file, given to translate, is refused alike.
    folder = tmp_path / "folder" / TOP
    folder.mkdir(parents=True)
    with zipfile.ZipFile(TEST_MODEL) as source:
        source.extractall(folder.parent)
    (folder / "metadata.json").write_bytes(metadata)
    page = tmp_path / "page.txt"
    page.write_text(f"標題\n\n{SENTENCE}\n", encoding="utf-8")
    result = workbench(env, "translate", str(page), "--model", str(folder), "--out", str(tmp_path / "t"))
    refused(result, str(folder / "metadata.json"), expected)


# --- stopped installs leave nothing behind ------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A legal package of 326 MB: the test package and 320 MB of stored random data (weights do not
    compress), slow enough to unpack that an install can be stopped halfway."""
    noise = random.Random(10)
    archive = repack(
        tmp_path_factory.mktemp("large") / "large.argosmodel",
        add={"padding.bin": streamed(320 * 1024**2, noise.randbytes, zipfile.ZIP_STORED)},
    )
    yield archive
    archive.unlink()  # not kept among pytest's last runs on a shared disk


def _staging(packages: Path) -> list[Path]:
    return sorted(p for p in packages.iterdir() if p.name.startswith(STAGING_PREFIX))


def _size(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(FileNotFoundError):  # removed meanwhile by the install
                total += (Path(dirpath) / name).stat().st_size
    return total


def stopped_halfway(env: dict[str, str], archive: Path, signum: int) -> subprocess.Popen[str]:
    """An install of ``archive`` sent ``signum`` once it has unpacked 32 MB into its staging folder."""
    packages = Path(env["ARGOS_PACKAGES_DIR"])
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "model", "install", str(archive)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        staged = _staging(packages)
        if staged and _size(staged[0]) > 32 * 1024**2:
            process.send_signal(signum)
            break
        time.sleep(0.005)
    else:
        process.kill()
        pytest.fail("the install ended before it could be stopped halfway")
    process.wait(timeout=120)
    return process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_install_removes_its_staging_folder(
    installed: Path, env: dict[str, str], large_package: Path, signum: int
) -> None:
    before = snapshot(installed)
    process = stopped_halfway(env, large_package, signum)
    assert process.stderr is not None and "Traceback" not in process.stderr.read()
    # SIGTERM: the process cleans up, then dies of the signal as its sender expects; Ctrl-C: exit 130.
    assert process.returncode == (-signal.SIGTERM if signum == signal.SIGTERM else 130)
    assert _staging(installed) == []
    assert snapshot(installed) == before


def test_the_next_install_removes_what_a_killed_install_left(
    installed: Path, env: dict[str, str], large_package: Path
) -> None:
    process = stopped_halfway(env, large_package, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    (left,) = _staging(installed)
    assert _size(left) > 32 * 1024**2
    # An install in progress in a live process (this one) keeps its staging folder.
    live = make_work_folder(installed, STAGING_PREFIX)
    (live / "part.bin").write_bytes(b"x" * 1024)

    result = workbench(env, "model", "install", str(TEST_MODEL))
    assert result.returncode == 0, result.stderr
    assert _staging(installed) == [live]
    assert (installed / TOP / "model" / "model.bin").is_file()
