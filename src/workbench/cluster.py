"""The main job on a Ray cluster: planned on this machine, translated by the cluster's workers.

``workbench translate --ray ADDRESS`` is ``pipeline.translate_pages`` with this module's ``RayRunner`` in
place of the local one. This machine (the driver) does everything a local run does before translating: it
reads the pages, finds every article's folder, decides what to skip and holds the translations folder's lock
for the whole run, so no two workers ever write one folder and a second run waits as it would locally. Only
the batches of ``batch.translate_articles`` go to the cluster, to workers (Ray actors) that each load the
engine once: one per GPU where the cluster has GPUs, else one per ``CORES_PER_WORKER`` cores. The glossary,
the house style and the translation memory are read once, here, and shared read-only through Ray's object
store. A run with nothing to translate never connects.

Every file is written by the same code as locally (atomic, never over a file that changed since it was read),
so a worker killed mid-batch leaves each file either as it was or as written, never half-written, and a
batch written again over what it wrote gives the same bytes. A batch whose worker dies is sent again, once
(``RETRIES``), to a live worker; when that fails too, its articles are reported as not written (named, exit
code 2), and the next run picks them up: those it finished are found current and skipped, the rest written.

The translations folder must be one folder that every worker sees at the same path (NFS or another shared
file system): before any batch is sent, each worker reads the folder's lock file and must find there the line
this run wrote, or the run stops with one line. Every node needs the same workbench and model; a worker whose
settings (workbench version, model, house style) differ from the driver's is refused the same way.

Ray is an extra (``pip install "hk-newsroom-workbench[ray]"``) and is imported only here, only when asked.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import math
import os
import re
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from workbench.batch import translate_articles
from workbench.errors import InputError, WorkbenchError
from workbench.jobs import ArticleJob, ArticleReport, RunContext, TranslateOptions
from workbench.mt.threads import cpu_threads
from workbench.pipeline import batches
from workbench.safeio import LOCK_NAME
from workbench.tm.store import Written

if TYPE_CHECKING:
    from types import TracebackType

INSTALL_HINT = 'pip install "hk-newsroom-workbench[ray]"'
# Cores per CPU worker: CTranslate2 runs whole batches in parallel, one core each (``mt.threads``), and two
# per engine was the best setting measured on 2 cores; a larger node gets more workers, not larger ones.
CORES_PER_WORKER = 2
# A run is cut into at least this many batches per worker, so that workers finish at about the same time
# and a worker's death costs a few percent of the run, not a half; never below MIN_BATCH_SENTENCES, where
# the per-task overhead would start to show, nor above the run's own batch size.
BATCHES_PER_WORKER = 4
MIN_BATCH_SENTENCES = 200
RETRIES = 1  # times a batch whose worker died is sent again
RESTARTS = 3  # times Ray restarts a worker process that died; after that the worker is gone
START_TIMEOUT = 600.0  # seconds the workers may take to start (a busy cluster, a model to unpack)
PROBE_TIMEOUT = 5.0
WAKE_POLL = 0.2  # seconds between asking a worker that died whether Ray has restarted it
_RAY_ERRORS_THREAD = "ray_listen_error_messages"  # the driver's thread that prints the cluster's errors
_HOST_PORT = re.compile(r"^(?:ray://)?(?P<host>\[[^\]]+\]|[^:/\[\]]+):(?P<port>\d{1,5})/?$")


def import_ray() -> Any:
    """The ``ray`` module, or one line on how to install it."""
    try:
        return importlib.import_module("ray")
    except ImportError:
        raise InputError(f"--ray: Ray is not installed here; install it with {INSTALL_HINT}") from None


@dataclass(frozen=True)
class WorkerPlan:
    """How many workers a cluster gets, and what each asks Ray for."""

    workers: int
    cpus: float  # Ray's num_cpus for each worker
    gpus: float  # Ray's num_gpus for each worker
    device: str  # ``cpu`` or ``cuda``
    threads: tuple[int, int] | None  # CTranslate2 (workers, threads) in each; None: the engine's own choice


def plan_workers(
    nodes: Sequence[Mapping[str, float]], device: str = "auto", threads: tuple[int, int] | None = None
) -> WorkerPlan:
    """The workers for a cluster whose nodes have these resources (Ray's ``{"CPU": 16, "GPU": 2}``).

    One per GPU where the cluster has GPUs (and ``device`` is not ``cpu``); otherwise one per
    ``CORES_PER_WORKER`` cores of each node, a worker never spanning two nodes. ``threads`` (the user's
    ``--threads``) is kept for every worker; otherwise a CPU worker's engine is sized for its own cores, not
    for the node's, which it shares with the node's other workers.
    """
    if device not in ("auto", "cpu", "cuda"):
        raise InputError(f"--device {device}: unknown device; use auto, cpu or cuda")
    gpus = sum(int(node.get("GPU", 0)) for node in nodes)
    if gpus and device != "cpu":
        return WorkerPlan(gpus, cpus=1, gpus=1, device="cuda", threads=threads)
    if device == "cuda":
        raise InputError("--device cuda: the Ray cluster has no GPU; use --device cpu or auto")
    cores = [int(node.get("CPU", 0)) for node in nodes]
    each = min(CORES_PER_WORKER, max(cores, default=0))
    if each < 1:
        raise InputError("--ray: the Ray cluster has no CPU for workers; start its nodes with --num-cpus")
    count = sum(c // each for c in cores)
    return WorkerPlan(count, cpus=each, gpus=0, device="cpu", threads=threads or cpu_threads(each))


def batch_sentences(jobs: Sequence[ArticleJob], workers: int, largest: int) -> int:
    """Sentences per batch for a run of ``jobs`` over ``workers`` (see ``BATCHES_PER_WORKER``)."""
    total = sum(job.sentences for job in jobs)
    wanted = math.ceil(total / max(1, workers * BATCHES_PER_WORKER))
    return max(1, min(largest, max(MIN_BATCH_SENTENCES, wanted)))


@dataclass(frozen=True)
class WorkerInfo:
    """What a worker says about itself when it starts: where it runs and what it sees."""

    pid: int
    host: str
    settings: str  # ``RunContext.settings``: workbench version, model, options, house style
    lock: bytes | None  # the translations folder's lock file as the worker reads it
    writable: bool
    problem: str | None = None  # why the worker cannot work (a model it cannot find)


@dataclass(frozen=True)
class BatchDone:
    """What a worker sends back for a batch: the reports and what a local run would leave in its context."""

    reports: list[ArticleReport]
    written: list[Written]
    engine: str | None
    mt_calls: int
    sentences: int  # sent to the engine
    seconds: float  # on the worker


class _Counted:
    """The progress of a worker: counted, and sent back with the batch for the driver's bar."""

    def __init__(self) -> None:
        self.sentences = 0

    def begin(self, articles: int, sentences: int) -> None:
        pass

    def advance(self, *, articles: int = 0, sentences: int = 0) -> None:
        self.sentences += sentences

    def note(self, line: str) -> None:
        pass


class Worker:
    """One engine in one process of the cluster (a Ray actor), translating the batches it is sent.

    The shared objects (glossary, style, memory) come as a reference inside a list, which Ray leaves for the
    worker to fetch: it fetches them once, and again only after Ray restarted its process.
    """

    def __init__(self, options: TranslateOptions) -> None:
        self.options = options
        self.context: RunContext | None = None
        self.problem: str | None = None

    def _context(self, shared: list[Any]) -> RunContext:
        if self.context is None:
            ray = import_ray()
            glossary, style, memory = ray.get(shared[0])
            self.context = RunContext(self.options, glossary, progress=_Counted(), memory=memory, style=style)
        return self.context

    def ping(self) -> None:
        """Answers once the worker's process is up (after Ray restarted it)."""

    def ready(self, shared: list[Any], lock: str) -> WorkerInfo:
        host, pid = socket.gethostname(), os.getpid()
        try:
            context = self._context(shared)
        except WorkbenchError as err:
            return WorkerInfo(pid, host, "", None, False, problem=str(err))
        try:
            seen: bytes | None = Path(lock).read_bytes()
        except OSError:
            seen = None
        writable = os.access(Path(lock).parent, os.W_OK)
        return WorkerInfo(pid, host, context.settings, seen, writable)

    def translate(self, shared: list[Any], jobs: list[ArticleJob]) -> BatchDone:
        started = time.perf_counter()
        context = self._context(shared)
        counted = _Counted()
        context.progress, context.written, context.mt_calls = counted, [], 0
        reports = translate_articles(jobs, context)
        return BatchDone(
            reports,
            context.written,
            context.engine_name,
            context.mt_calls,
            counted.sentences,
            time.perf_counter() - started,
        )


@dataclass
class RunStats:
    """How a run used the cluster, for ``--json`` and the benchmark."""

    address: str
    workers: int = 0
    cpus: float = 0
    gpus: float = 0
    device: str = ""
    batches: int = 0
    batch_sentences: int = 0
    connect_seconds: float = 0.0  # reaching (or starting) the cluster
    start_seconds: float = 0.0  # from connected to every worker started and checked
    worker_seconds: float = 0.0  # spent in translate_articles on the workers, all batches together
    # From a batch sent to its reports back, less its worker_seconds, all batches together: sending the jobs
    # and the reports through Ray, and the wait for a worker's first fetch of the shared objects.
    round_trip_seconds: float = 0.0
    retried: int = 0  # batches sent again after their worker died
    lost: int = 0  # batches whose articles were not written
    hosts: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "address": self.address,
            "workers": self.workers,
            "cpus_each": self.cpus,
            "gpus_each": self.gpus,
            "device": self.device,
            "batches": self.batches,
            "batch_sentences": self.batch_sentences,
            "connect_seconds": round(self.connect_seconds, 3),
            "start_seconds": round(self.start_seconds, 3),
            "worker_seconds": round(self.worker_seconds, 3),
            "round_trip_seconds": round(self.round_trip_seconds, 3),
            "retried": self.retried,
            "lost": self.lost,
            "hosts": sorted(set(self.hosts)),
        }


class RayRunner:
    """Translates a run's batches on a Ray cluster (see the module docstring).

    ``address`` is what ``ray.init`` takes (``auto``, ``ray://host:10001``, ``host:port``), or ``local`` for
    a private cluster on this machine's cores, started for the run and stopped after it. When this process
    is connected to Ray already (a front end that manages Ray itself), that connection is used as it is.
    """

    def __init__(self, address: str = "auto", retries: int = RETRIES) -> None:
        self.address = address
        self.retries = retries
        self.stats = RunStats(address)
        self.workers: list[WorkerInfo] = []  # as they started (pids change when Ray restarts one)
        self._connected_here = False

    def __enter__(self) -> RayRunner:
        # Only what is quick: a run with nothing to translate never waits for a cluster to start.
        import_ray()
        if self.address.strip() not in ("auto", "local"):
            _probe(self.address.strip())
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if isinstance(sys.stdout, _ClusterErrorsToStderr):
            sys.stdout = sys.stdout.stdout
        if self._connected_here:
            # Ray prints there what it held back of the cluster's errors (repeats it counts).
            with contextlib.redirect_stdout(sys.stderr):
                import_ray().shutdown()
            self._connected_here = False

    def _connect(self) -> None:
        ray = import_ray()
        if ray.is_initialized():
            return
        # Ray's own chatter (where it connects, token set-up) is not the run's output; real failures still
        # reach stderr as errors.
        quiet: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
        address = self.address.strip()
        if address == "local":
            # A private cluster of this machine's cores, started for the run and stopped after it.
            ray.init(address="local", include_dashboard=False, **quiet)
        else:
            try:
                ray.init(address=address, **quiet)
            except (ConnectionError, RuntimeError, ValueError) as err:
                raise InputError(
                    f"--ray {address}: cannot connect ({_first_line(err)}); start a cluster with "
                    "`ray start --head`, or give its address (ray://HOST:10001 or HOST:PORT); a cluster "
                    "that asks for a token needs RAY_AUTH_MODE=token"
                ) from None
        self._connected_here = True
        if not isinstance(sys.stdout, _ClusterErrorsToStderr):
            sys.stdout = _ClusterErrorsToStderr(sys.stdout)

    def translate(self, jobs: Sequence[ArticleJob], context: RunContext) -> Iterator[list[ArticleReport]]:
        if not jobs:
            return
        started = time.perf_counter()
        self._connect()
        ray = import_ray()
        self.stats.connect_seconds = time.perf_counter() - started
        started = time.perf_counter()
        nodes = [node.get("Resources", {}) for node in ray.nodes() if node.get("Alive")]
        options = context.options
        plan = plan_workers(nodes, options.device, options.threads)
        size = batch_sentences(jobs, plan.workers, options.batch_sentences)
        work = list(batches(jobs, size))
        count = min(plan.workers, len(work))
        stats = self.stats
        stats.workers, stats.cpus, stats.gpus, stats.device = count, plan.cpus, plan.gpus, plan.device
        stats.batches, stats.batch_sentences = len(work), size

        out = options.out_dir.absolute()
        sent = _for_workers(options, plan)
        memory = context.memory()
        if memory is not None:
            memory.read_now()
        # Held here for the whole run: a worker that Ray restarts fetches it again.
        shared = [ray.put((context.glossary, context.style, memory))]
        remote = ray.remote(Worker).options(
            num_cpus=plan.cpus, num_gpus=plan.gpus, max_restarts=RESTARTS, max_task_retries=0
        )
        actors = [remote.remote(sent) for _ in range(count)]
        try:
            actors = self._check(ray, actors, shared, out, options.out_dir, context.settings)
            stats.start_seconds = time.perf_counter() - started
            yield from self._dispatch(ray, actors, shared, work, out, context)
        finally:
            for actor in actors:
                ray.kill(actor)

    def _check(
        self, ray: Any, actors: list[Any], shared: list[Any], out: Path, given: Path, settings: str
    ) -> list[Any]:
        """The workers that started, each checked; refuses a cluster that cannot do this run."""
        lock = out / LOCK_NAME
        expected = lock.read_bytes()
        calls = {actor.ready.remote(shared, str(lock)): actor for actor in actors}
        done, late = ray.wait(list(calls), num_returns=len(calls), timeout=START_TIMEOUT)
        if not done:
            raise InputError(
                f"--ray {self.address}: no worker started within {START_TIMEOUT:.0f} s; the cluster may be "
                "busy or short of the CPUs or GPUs a worker asks for"
            )
        started: list[Any] = []
        for call in done:
            try:
                info: WorkerInfo = ray.get(call)
            except Exception as err:  # noqa: BLE001 - any failure to start is the same advice
                raise InputError(
                    f"--ray {self.address}: a worker could not start ({_first_line(err)}); every node needs "
                    f"hk-newsroom-workbench {_version()} with its ray extra"
                ) from None
            if info.problem is not None:
                raise InputError(f"{info.host}: a worker cannot translate: {info.problem}")
            if info.lock != expected:
                raise InputError(
                    f"{given}: the Ray workers on {info.host} do not see this translations folder as this "
                    f"machine does ({out}); put it on storage that every node mounts at the same path"
                )
            if not info.writable:
                raise InputError(
                    f"{given}: the Ray workers on {info.host} cannot write to {out}; mount it writable for "
                    "the user Ray runs as on every node"
                )
            if info.settings != settings:
                raise InputError(
                    f"{info.host}: the Ray workers there {_settings_difference(info.settings, settings)}; "
                    "install the same workbench and model on every node"
                )
            started.append(calls[call])
            self.workers.append(info)
            self.stats.hosts.append(info.host)
        for call in late:
            ray.kill(calls[call])
        self.stats.workers = len(started)
        return started

    def _dispatch(
        self,
        ray: Any,
        actors: list[Any],
        shared: list[Any],
        work: list[list[ArticleJob]],
        out: Path,
        context: RunContext,
    ) -> Iterator[list[ArticleReport]]:
        """Each batch to a free worker, one at a time per worker, and its reports back as it finishes.

        A worker whose process died is asked whether it is back (Ray restarts it) before it is sent
        another batch: a batch sent while it restarts would fail without having been tried.
        """
        given = context.options.out_dir
        progress = context.progress
        queue: deque[tuple[int, int]] = deque((index, 0) for index in range(len(work)))  # (batch, tries)
        busy: dict[Any, tuple[int, int, int]] = {}  # call -> (batch, tries, worker)
        sent: dict[Any, float] = {}  # call -> when
        waking: dict[Any, tuple[int, float]] = {}  # ping -> (worker, when its process died)
        gone: set[int] = set()  # workers Ray will not restart again
        written: dict[int, list[Written]] = {}
        try:
            while queue or busy or waking:
                working = {w for _, _, w in busy.values()} | {w for w, _ in waking.values()}
                for worker in range(len(actors)):
                    if queue and worker not in working and worker not in gone:
                        index, tries = queue.popleft()
                        jobs = [
                            replace(job, folder=out / job.folder.relative_to(given)) for job in work[index]
                        ]
                        call = actors[worker].translate.remote(shared, jobs)
                        busy[call], sent[call] = (index, tries, worker), time.perf_counter()
                if not busy and not waking:
                    # Every worker died more often than Ray restarts one: nothing is left to send to.
                    while queue:
                        index, _ = queue.popleft()
                        self.stats.lost += 1
                        yield _lost(work[index], "every Ray worker of the run died")
                        progress.advance(articles=len(work[index]))
                    break
                timeout = WAKE_POLL if waking else None
                ready, _ = ray.wait([*busy, *waking], num_returns=1, timeout=timeout)
                if not ready:
                    continue
                (call,) = ready
                if call in waking:
                    self._woken(ray, actors, call, waking, gone)
                    continue
                index, tries, worker = busy.pop(call)
                sent_at = sent.pop(call)
                try:
                    result: BatchDone = ray.get(call)
                except ray.exceptions.RayActorError as err:
                    if isinstance(err, ray.exceptions.ActorDiedError):
                        gone.add(worker)
                    else:
                        waking[actors[worker].ping.remote()] = (worker, time.monotonic())
                    if tries < self.retries:
                        self.stats.retried += 1
                        queue.appendleft((index, tries + 1))
                        continue
                    self.stats.lost += 1
                    yield _lost(work[index], f"its Ray worker died ({_first_line(err)})")
                    progress.advance(articles=len(work[index]))
                    continue
                except ray.exceptions.RayError as err:
                    cause = getattr(err, "cause", None) or err
                    self.stats.lost += 1
                    yield _lost(work[index], f"stopped on a Ray worker by {type(cause).__name__} ({cause})")
                    progress.advance(articles=len(work[index]))
                    continue
                self.stats.worker_seconds += result.seconds
                self.stats.round_trip_seconds += time.perf_counter() - sent_at - result.seconds
                context.mt_calls += result.mt_calls
                context.engine_name = result.engine or context.engine_name
                written[index] = [
                    replace(w, en_path=given / w.en_path.relative_to(out)) for w in result.written
                ]
                if result.sentences:
                    progress.advance(sentences=result.sentences)
                yield [
                    _as_given(report, job) for report, job in zip(result.reports, work[index], strict=True)
                ]
                progress.advance(articles=len(work[index]))
        finally:
            # In batch order, as a local run records them (the memory's cache then reads the same).
            context.written.extend(w for index in sorted(written) for w in written[index])

    def _woken(
        self, ray: Any, actors: list[Any], ping: Any, waking: dict[Any, tuple[int, float]], gone: set[int]
    ) -> None:
        """A restarted worker's answer: back (free for the next batch), still restarting, or gone."""
        worker, died = waking.pop(ping)
        try:
            ray.get(ping)
        except ray.exceptions.ActorUnavailableError:
            if time.monotonic() - died > START_TIMEOUT:
                gone.add(worker)
            else:
                time.sleep(WAKE_POLL)
                waking[actors[worker].ping.remote()] = (worker, died)
        except ray.exceptions.RayError:
            gone.add(worker)


class _ClusterErrorsToStderr:
    """Standard output while this process is connected to Ray: what Ray's driver prints of the cluster's
    errors (a worker that died, with its advice) goes to standard error, where a run's notes go, and
    never into the run's output (``--json``); everything else is written as before."""

    def __init__(self, stdout: TextIO) -> None:
        self.stdout = stdout

    def write(self, text: str) -> int:
        if threading.current_thread().name == _RAY_ERRORS_THREAD:
            return sys.stderr.write(text)
        return self.stdout.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stdout, name)


def _for_workers(options: TranslateOptions, plan: WorkerPlan) -> TranslateOptions:
    """The run's options as a worker needs them: absolute paths, and the device and threads of its plan."""
    model = options.model
    if model is not None and Path(model).expanduser().exists():
        model = str(Path(model).expanduser().absolute())
    return replace(
        options,
        out_dir=options.out_dir.absolute(),
        model=model,
        device=plan.device,
        threads=plan.threads,
    )


def _as_given(report: ArticleReport, job: ArticleJob) -> ArticleReport:
    """A worker's report with the paths as this run was given them (``--out translations``, not absolute)."""
    return replace(report, folder=job.folder, files=tuple(job.folder / f.name for f in report.files))


def _lost(jobs: Sequence[ArticleJob], why: str) -> list[ArticleReport]:
    return [
        ArticleReport(
            job.article,
            job.folder,
            page=job.page,
            failure=f"{job.folder}: not written: {why}; run again to write it",
        )
        for job in jobs
    ]


def _probe(address: str) -> None:
    """Refuse at once an address where nothing listens (``ray.init`` would retry for minutes)."""
    match = _HOST_PORT.match(address)
    if match is None:
        return
    host, port = match["host"].strip("[]"), int(match["port"])
    try:
        with socket.create_connection((host, port), timeout=PROBE_TIMEOUT):
            pass
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise InputError(
            f"--ray {address}: nothing answers at {host}:{port} ({reason}); check the address, or start a "
            "cluster there with `ray start --head`"
        ) from None


def _settings_difference(theirs: str, ours: str) -> str:
    """What differs between a worker's ``RunContext.settings`` and the driver's, in words."""
    import json

    try:
        their, our = json.loads(theirs), json.loads(ours)
    except ValueError:
        their, our = [], []
    for index, what in enumerate(("run workbench", "have the model")):
        if index < min(len(their), len(our)) and their[index] != our[index]:
            return f"{what} {their[index]} (this machine: {our[index]})"
    return "run with other settings than this machine"


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _version() -> str:
    from workbench import __version__

    return __version__
