"""Throughput of workbench's engine against the usual way of running the same model, for any kind of model.

Both translate the same sentences (every sentence of the seed page, as ``workbench translate`` cuts them)
with the same model on the same device, in one process, with every socket refused.

- An argos package (``.argosmodel`` or folder) is compared with argostranslate's own ``translate()`` loop,
  run with its settings pointed at a temporary folder, so it never touches the user's argos folders. This
  baseline needs the ``argos`` extra (``pip install -e '.[argos]'``). A package that carries no sentence
  splitter of its own (``minisbd/`` or ``stanza/``) would make argostranslate download one; for such a
  package its splitter is replaced by "each input is one sentence", which only makes the baseline faster,
  and the output says so.
- A model converted from Hugging Face (Marian, NLLB-200, M2M-100 folder) is compared with plain CTranslate2
  as the model cards use it: one ``translate_batch`` call per sentence, with the same tokens, beam, length
  cap and long-sentence parts as the engine, and CTranslate2's default threads.

Prints load time and sentences/s of each, the peak memory of a process that loads the model and
translates the page with workbench's engine (and of one that only imports it, for comparison), the CLI cold
start (``workbench --help``) and, last, ``speedup <engine / baseline>``.

    .venv/bin/python benchmarks/mt_throughput.py [--model PATH] [--device cpu|cuda|auto]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"
DEFAULT_SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"


def seed_sentences(path: Path) -> list[str]:
    """The sentences ``workbench translate`` would send to the engine for this page."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        from workbench.pages import split_page
        from workbench.segment import sentences_of

        return [seg.text for article in split_page(text, str(path)) for seg in sentences_of(article)]
    except ImportError:
        pass
    try:
        from workbench.segment import split_sentences

        return [s for line in text.splitlines() for s in split_sentences(line)]
    except ImportError:
        return [s.strip() for s in re.findall(r"[^。！？\n]+[。！？]*", text) if s.strip()]


class _RefusedSocket(socket.socket):
    # A subclass, not a function: modules imported while it is in place (ssl) subclass socket.socket.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise OSError("network disabled by the benchmark")


@contextmanager
def no_network() -> Iterator[None]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network disabled by the benchmark")

    saved = (socket.socket, socket.create_connection, socket.getaddrinfo)
    socket.socket = _RefusedSocket  # type: ignore[misc]
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    try:
        yield
    finally:
        socket.socket, socket.create_connection, socket.getaddrinfo = saved  # type: ignore[misc]


def package_metadata(model: Path) -> tuple[dict[str, Any], bool]:
    """The package's metadata.json and whether it ships a sentence splitter."""
    if model.is_dir():
        meta = json.loads((model / "metadata.json").read_text(encoding="utf-8"))
        return meta, (model / "minisbd").is_dir() or (model / "stanza").is_dir()
    with zipfile.ZipFile(model) as archive:
        names = archive.namelist()
        name = next(n for n in names if n.count("/") == 1 and n.endswith("/metadata.json"))
        top = name.split("/")[0]
        splitter = any(n.startswith((f"{top}/minisbd/", f"{top}/stanza/")) for n in names)
        return json.loads(archive.read(name)), splitter


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def run_argostranslate(
    model: Path, sentences: list[str], device: str, scratch: Path, runs: int
) -> tuple[float, float, list[str]]:
    # argostranslate reads its settings once, at import: point everything at the scratch folder first.
    os.environ.update(
        {
            "ARGOS_PACKAGES_DIR": str(scratch / "argos-packages"),
            "XDG_DATA_HOME": str(scratch / "data"),
            "XDG_CONFIG_HOME": str(scratch / "config"),
            "XDG_CACHE_HOME": str(scratch / "cache"),
            "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
            "ARGOS_DEVICE_TYPE": device,
        }
    )
    meta, has_splitter = package_metadata(model)
    start = time.perf_counter()
    import argostranslate.package
    import argostranslate.sbd
    import argostranslate.translate

    if not has_splitter:
        print("note: the package ships no sentence splitter; argostranslate ran with none", file=sys.stderr)
        argostranslate.sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]

    if model.is_dir():
        target = Path(os.environ["ARGOS_PACKAGES_DIR"]) / model.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(model.resolve())
    else:
        argostranslate.package.install_from_path(model)
    argostranslate.translate.translate(sentences[0], meta["from_code"], "en")  # loads model and splitter
    load = time.perf_counter() - start
    best = float("inf")
    for _ in range(runs):
        drafts, seconds = timed(
            lambda: [argostranslate.translate.translate(s, meta["from_code"], "en") for s in sentences]
        )
        best = min(best, seconds)
    return load, best, drafts


def run_engine(
    model: Path, sentences: list[str], device: str, scratch: Path, runs: int
) -> tuple[float, float, list[str], str]:
    os.environ["WORKBENCH_CACHE_DIR"] = str(scratch / "workbench-cache")
    start = time.perf_counter()
    from workbench.mt import load_engine

    # As a real package runs: the fastest type for the device (the test model's own float32 is for drafts
    # that are the same on every CPU, not for speed), like the argostranslate baseline.
    engine = load_engine(model, device=device, compute_type="auto")
    engine.translate(sentences[:1])
    load = time.perf_counter() - start
    best = float("inf")
    for _ in range(runs):
        drafts, seconds = timed(lambda: engine.translate(sentences))
        best = min(best, seconds)
    return load, best, [d.text for d in drafts], engine.describe()


def run_plain_ct2(
    model: Path, sentences: list[str], device: str, runs: int
) -> tuple[float, float, list[str]]:
    """One CTranslate2 call per sentence (per part of a long one), with the engine's tokens and options."""
    start = time.perf_counter()
    import ctranslate2

    from workbench.mt import find_model
    from workbench.mt.engine import BEAM_SIZE, LENGTH_PENALTY, decoding_cap, source_budget
    from workbench.mt.limits import max_positions, split_for_engine

    found = find_model(model)
    tokenizer = found.tokenizer()
    translator = ctranslate2.Translator(str(found.model_dir), device=device)
    prefix = list(tokenizer.target_prefix)
    positions = max_positions(found.model_dir)
    draft_positions = None if positions is None else positions - 1 - len(prefix)
    budget = None if draft_positions is None else source_budget(draft_positions)

    def one(sentence: str) -> str:
        parts = [sentence] if budget is None else split_for_engine(sentence, tokenizer.count, budget)
        drafts = []
        for tokens in tokenizer.encode(parts):
            result = translator.translate_batch(
                [tokens],
                target_prefix=[prefix] if prefix else None,
                beam_size=BEAM_SIZE,
                length_penalty=LENGTH_PENALTY,
                replace_unknowns=True,
                max_decoding_length=decoding_cap(len(tokens), draft_positions) + len(prefix),
            )[0]
            drafts.append(tokenizer.decode(result.hypotheses[0][len(prefix) :]).strip())
        return " ".join(drafts)

    one(sentences[0])
    load = time.perf_counter() - start
    best = float("inf")
    drafts: list[str] = []
    for _ in range(runs):
        drafts, seconds = timed(lambda: [one(s) for s in sentences])
        best = min(best, seconds)
    return load, best, drafts


PEAK_RSS = """
import resource, sys
from pathlib import Path
sentences = [line for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines() if line]
from workbench.mt import load_engine
if sys.argv[1] != "-":
    load_engine(sys.argv[1], device=sys.argv[3]).translate(sentences)
else:
    import ctranslate2, sentencepiece
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mib(model: str, sentences: list[str], device: str, scratch: Path) -> float:
    """Peak resident memory (MiB) of a fresh process that loads ``model`` and translates ``sentences``
    (``-``: one that only imports the engine's libraries)."""
    listing = scratch / "sentences.txt"
    listing.write_text("\n".join(sentences), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, model, str(listing), device],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1]) / 1024


def cli_cold_start(runs: int = 5) -> tuple[float | None, str]:
    """Median wall time of ``workbench --help``, or None and the reason it failed."""
    script = Path(sys.executable).parent / "workbench"
    command = [str(script), "--help"] if script.exists() else ["workbench", "--help"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            return None, lines[-1] if lines else f"exit {done.returncode}"
    return statistics.median(times), ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model",
        type=Path,
        default=DEFAULT_MODEL,
        help="an argos package (.argosmodel or folder) or a converted Marian/NLLB/M2M-100 model folder",
    )
    parser.add_argument(
        "--seed", type=Path, default=DEFAULT_SEED, help="the page whose sentences are translated"
    )
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda", "auto"))
    parser.add_argument("--runs", type=int, default=2, help="passes over the sentences; the fastest counts")
    args = parser.parse_args()
    if not args.model.exists():
        sys.exit(f"{args.model}: no such package; build it (scripts/) or pass --model")
    device = args.device
    if device == "auto":
        import ctranslate2

        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"

    sentences = seed_sentences(args.seed)
    converted = (args.model / "model.bin").is_file()
    baseline = "plain ct2" if converted else "argostranslate"
    with tempfile.TemporaryDirectory(prefix="mt-bench-") as tmp, no_network():
        scratch = Path(tmp)
        e_load, e_seconds, e_drafts, described = run_engine(args.model, sentences, device, scratch, args.runs)
        if converted:
            a_load, a_seconds, a_drafts = run_plain_ct2(args.model, sentences, device, args.runs)
        else:
            a_load, a_seconds, a_drafts = run_argostranslate(
                args.model, sentences, device, scratch, args.runs
            )
    with tempfile.TemporaryDirectory(prefix="mt-bench-") as tmp:
        scratch = Path(tmp)
        os.environ["WORKBENCH_CACHE_DIR"] = str(scratch / "workbench-cache")
        bare = peak_rss_mib("-", sentences, device, scratch)
        loaded = peak_rss_mib(str(args.model), sentences, device, scratch)
    cold, failure = cli_cold_start()

    same = sum(a.strip() == e.strip() for a, e in zip(a_drafts, e_drafts, strict=True))
    a_rate = len(sentences) / a_seconds
    e_rate = len(sentences) / e_seconds
    print(f"sentences      {len(sentences)} from {args.seed.name}; model {described}")
    print(f"{baseline:<14} load {a_load:6.2f} s   translate {a_seconds:6.2f} s   {a_rate:7.1f} sentences/s")
    print(f"workbench      load {e_load:6.2f} s   translate {e_seconds:6.2f} s   {e_rate:7.1f} sentences/s")
    print(
        f"peak memory    {loaded:.0f} MiB loading the model and translating the page ({bare:.0f} MiB without)"
    )
    print(f"same draft     {same}/{len(sentences)} sentences")
    # What a user waits for in a fresh process: loading the library and the package, then translating.
    print(f"end to end     {(a_load + a_seconds) / (e_load + e_seconds):.2f}x faster (load + translate)")
    if cold is None:
        print(f"cli cold start failed: {failure}")
    else:
        print(f"cli cold start {cold:.3f} s (median of 5 `workbench --help`; goal < 0.3 s)")
    print(f"speedup {e_rate / a_rate:.2f}")


if __name__ == "__main__":
    main()
