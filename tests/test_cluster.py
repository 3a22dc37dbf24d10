"""``workbench translate --ray``: the same job on a real local Ray cluster, real processes, real files.

One cluster (``ray.init(num_cpus=2)`` in this process) serves the module; every run is the real command in
a subprocess that connects to it as a second driver, as a newsroom's machine connects to its cluster.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import GLOSSARY, ROOT, SEED, TEST_MODEL
from workbench.safeio import folder_lock
from workbench.tm.store import written_digest

WORKBENCH = [sys.executable, "-c", "from workbench.cli import main; main()"]
GENERATED = 10  # articles besides the sample page's five: two batches of a Ray run, about 350 sentences
INSTALL = 'pip install "hk-newsroom-workbench[ray]"'


def _ray() -> ModuleType:
    try:
        import ray
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("ray is not installed; with CI set it must be there (.ci/run installs .[dev,ray])")
        pytest.skip("ray is not installed (pip install -e '.[ray]')")
    return ray


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """The address of a two-core Ray cluster on this machine, started once for the module."""
    ray = _ray()
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    try:
        yield str(ray.get_runtime_context().gcs_address)
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A newsroom folder: the sample page, a folder of generated articles and the glossary."""
    root = tmp_path_factory.mktemp("desk")
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds" / SEED.name)
    shutil.copy(GLOSSARY, root / "glossary.csv")
    newsroom = _newsroom()
    blocks = newsroom.seed_articles(SEED.read_text(encoding="utf-8").replace("\r\n", "\n"))
    newsroom.write_pages(root / "pages", blocks, 0, GENERATED, "page-")
    return root


@pytest.fixture(scope="module")
def local(desk: Path) -> tuple[Path, dict[str, Any]]:
    """The translations and the JSON summary of a local run: what every Ray run must give."""
    done = _workbench(desk, "--out", "local", "--json")
    assert done.returncode == 0, done.stderr
    return desk / "local", json.loads(done.stdout)


def test_a_ray_run_writes_the_local_runs_files_and_a_rerun_translates_nothing(
    cluster: str, desk: Path, local: tuple[Path, dict[str, Any]]
) -> None:
    done = _workbench(desk, "--out", "on-ray", "--ray", cluster, "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["ray"]["workers"] == 1 and summary["ray"]["batches"] >= 2
    assert len(summary["articles"]) == 5 + GENERATED
    assert _files(desk / "on-ray") == _files(local[0])
    # What the run reports, article by article, is the local run's.
    assert json.loads(done.stdout.replace('"on-ray/', '"local/'))["articles"] == local[1]["articles"]

    before = _times(desk / "on-ray")
    again = _workbench(desk, "--out", "on-ray", "--ray", cluster, "--json")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert all(a["skipped"] and a["machine"] == 0 for a in summary["articles"])
    assert summary["ray"]["workers"] == 0  # nothing to translate: the cluster was never asked
    assert _times(desk / "on-ray") == before


def test_a_second_run_on_a_locked_folder_stops_as_locally(cluster: str, desk: Path) -> None:
    with folder_lock(desk / "locked"):
        done = _workbench(desk, "--out", "locked", "--ray", cluster, "--no-wait")
    assert done.returncode == 2
    assert "another run" in done.stderr and "is writing here" in done.stderr
    assert [p.name for p in (desk / "locked").iterdir()] == [".workbench.lock"]


@pytest.mark.skipif(shutil.which("msgfmt") is None and not os.environ.get("CI"), reason="no GNU gettext")
def test_a_worker_killed_mid_batch_costs_its_batch_and_the_next_run_completes(
    cluster: str, desk: Path, local: tuple[Path, dict[str, Any]]
) -> None:
    out = desk / "killed"
    run = subprocess.Popen(
        [*_command("--out", "killed", "--ray", cluster, "--json")],
        cwd=desk,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Killed as a batch is being translated, then again when Ray has restarted it and the run has sent
        # the batch again: the batch is given up, the run goes on with the next one.
        first = _kill_worker_translating(run, spared=set())
        _kill_worker_translating(run, spared={first})
        stdout, stderr = run.communicate(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 2, stderr
    summary = json.loads(stdout)
    assert summary["ray"]["retried"] == 1 and summary["ray"]["lost"] == 1, summary["ray"]
    articles = [a for page in summary["pages"] for a in page["articles"]]
    lost = [a for a in articles if a["failure"]]
    written = [a for a in articles if not a["failure"]]
    assert lost and written  # one batch of two
    assert summary["failures"] == [a["failure"] for a in lost]
    for article in lost:
        assert "not written: its Ray worker died" in article["failure"]
        assert article["failure"].endswith("run again to write it")
    names = stderr.strip().splitlines()[-1]
    assert names == "workbench: not written: " + ", ".join(a["id"] for a in lost)
    for po in out.glob("*/*.po"):
        check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    for state in out.glob("*/.workbench-state.json"):
        json.loads(state.read_text(encoding="utf-8"))

    again = _workbench(desk, "--out", "killed", "--ray", cluster, "--json")
    assert again.returncode == 0, again.stderr
    rerun = {a["id"]: a for a in json.loads(again.stdout)["articles"]}
    assert {i for i, a in rerun.items() if not a["skipped"]} == {a["id"] for a in lost}
    # The memory's cache is kept as a first run's file and a second run's additions, as after a local run
    # that left articles out; the articles' own files are the local run's.
    assert _files(out, cache=False) == _files(local[0], cache=False)


def test_a_driver_whose_folder_the_workers_cannot_see_is_refused(cluster: str, desk: Path) -> None:
    # The translations folder is a mount that only the driver has (as a folder on a laptop's own disk, or
    # an NFS mount missing on the cluster's nodes): at the same path the workers find another, empty folder.
    mine, theirs = desk / "driver-only", desk / "mounted-here"
    mine.mkdir()
    theirs.mkdir()
    unshare = (
        ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--user", "--map-root-user", "--mount"]
    )
    if shutil.which("unshare") is None or subprocess.run([*unshare, "true"], capture_output=True).returncode:
        pytest.skip("this machine cannot make a mount namespace (unshare --mount) for the driver")
    command = " ".join(f"'{part}'" for part in _command(str(SEED), "--out", str(theirs), "--ray", cluster))
    done = subprocess.run(
        [*unshare, "sh", "-c", f"mount --bind '{mine}' '{theirs}' && exec {command}"],
        cwd=desk,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert re.fullmatch(
        rf"workbench: {re.escape(str(theirs))}: the Ray workers on \S+ do not see this translations folder "
        rf"as this machine does \({re.escape(str(theirs))}\); put it on storage that every node "
        r"mounts at the same path\n",
        done.stderr,
    ), done.stderr
    # Nothing was written, on either side of the mount.
    assert [p.name for p in mine.iterdir()] == [".workbench.lock"]
    assert list(theirs.iterdir()) == []


def test_ray_asked_for_but_not_installed_is_one_line_with_the_pip_command(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    hidden = (
        "import sys; sys.modules['ray'] = None; sys.argv[0] = 'workbench'; "
        "from workbench.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", hidden, "translate", "page.txt", "--model", str(TEST_MODEL), "--ray", "auto"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr == f"workbench: --ray: Ray is not installed here; install it with {INSTALL}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


def test_the_command_line_imports_ray_only_when_asked() -> None:
    code = "import sys; from workbench.cli import _register; _register(); print('ray' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _newsroom() -> ModuleType:
    """``benchmarks/newsroom.py``, whose generator makes the articles of a newsroom-sized run."""
    spec = importlib.util.spec_from_file_location("newsroom", ROOT / "benchmarks" / "newsroom.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["newsroom"] = module
    spec.loader.exec_module(module)
    return module


def _command(*args: str) -> list[str]:
    pages = () if args and args[0].endswith(".txt") else (f"seeds/{SEED.name}", "pages")
    return [*WORKBENCH, "translate", *pages, "--model", str(TEST_MODEL), "--device", "cpu", *args]


def _env() -> dict[str, str]:
    # A cluster started by ray.init() asks its drivers for the token it saved (~/.ray/auth_token).
    return {**os.environ, "RAY_AUTH_MODE": "token"}


def _workbench(desk: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(*args), cwd=desk, env=_env(), capture_output=True, text=True, timeout=600)


def _kill_worker_translating(run: subprocess.Popen[str], spared: set[int]) -> int:
    """SIGKILL the Ray worker translating a batch (Ray titles its process ``ray::Worker.translate``) of
    this module's cluster: only a descendant of this process, which started that cluster, never the
    worker of another Ray on the machine."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert run.poll() is None, f"the run ended before its worker was killed: {run.communicate()}"
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit() or int(proc.name) in spared or not _descends_from_us(int(proc.name)):
                continue
            try:
                title = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if title.startswith(b"ray::Worker.translate"):
                os.kill(int(proc.name), signal.SIGKILL)
                return int(proc.name)
        time.sleep(0.02)
    raise AssertionError("no Ray worker started translating within 300 s")


def _descends_from_us(pid: int) -> bool:
    """Whether process ``pid`` is a child, grandchild, ... of this test process."""
    ours = os.getpid()
    while pid > 1:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat[stat.rindex(")") + 2 :].split()[1])  # the field after the state: the parent's pid
        if pid == ours:
            return True
    return False


_DATES = re.compile(rb'^"(POT-Creation|PO-Revision)-Date: [^"]*"$', re.M)


def _files(folder: Path, cache: bool = True) -> dict[str, Any]:
    """Every file of a translations folder, PO header dates aside.

    The digests of the PO files (in the folders' state and the memory's cache) follow those dates, so each
    is kept only as whether it is the digest of the file beside it; the cache's file times are left out.
    """
    files: dict[str, Any] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_dir() or (not cache and path.name.startswith(".workbench-tm")):
            continue
        data = path.read_bytes()
        if path.suffix == ".po":
            files[name] = _DATES.sub(rb'"\1-Date: -"', data)
        elif path.name == ".workbench-state.json":
            state = json.loads(data)
            for po in ("en.po", "zh_Hans.po"):
                state["files"][po] = state["files"][po] == _sha256(path.parent / po)
            files[name] = state
        elif path.name == ".workbench-tm.json":
            cache = json.loads(data)
            for po, entry in cache["files"].items():
                entry.pop("stamp")
                zh = folder / po.replace("en.po", "zh_Hans.po")
                entry["digest"] = entry["digest"] == written_digest(
                    (folder / po).read_bytes(), zh.read_bytes()
                )
            files[name] = cache
        else:
            files[name] = data
    return files


def _times(folder: Path) -> dict[Path, int]:
    """When each file was last written; the lock is written by every run, the rest only when they change."""
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and p.name != ".workbench.lock"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
