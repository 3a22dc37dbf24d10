"""The main job at newsroom scale: a first run over N articles, an unchanged re-run, and 10 articles more.

Builds N articles by varying the seed page's five (company names, stock codes and figures swapped, body
paragraphs reordered, so most sentences differ and reach the engine), as pages of 20 articles in one folder,
and runs ``workbench translate`` on that folder in a subprocess with the test model, three times:

1. the first run: every sentence translated; prints sentences/s and the run's peak RSS;
2. the same again, nothing changed: the seconds it takes (the baseline for what follows is run 1);
3. after adding a page of 10 new articles: the seconds it takes and their share of the first run.

Last line: ``rerun_share <unchanged re-run seconds / first-run seconds>``. Goals at 1,000 articles:
rerun_share <= 0.02 and adding 10 articles under 5% of the first run.

With ``--ray ADDRESS`` (``auto``, ``local``, ``ray://host:10001``) it measures instead what running the job
on Ray costs: the first run locally, then the same first run with ``translate --ray ADDRESS`` into another
folder, whose files must be the local run's (PO header dates aside). It prints how the Ray run's time went
(connecting, starting the workers, translating on them) and last ``ray_vs_local <Ray run's sentences/s /
local run's>``. On one machine the Ray run cannot be faster; the ratio is the overhead. Goal at 200
articles: >= 0.8. ``local`` starts a private Ray instance inside the run, so its start is counted.

    .venv/bin/python benchmarks/newsroom.py [--articles 1000] [--model PATH] [--threads N|WxT] [--keep DIR]
    .venv/bin/python benchmarks/newsroom.py --ray local [--articles 200]

Times are wall-clock seconds of the whole command (interpreter start and imports included), as a desk
would see them; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"
DEFAULT_SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
GLOSSARY = ROOT / "glossary.csv"
PER_PAGE = 20
MARKER = ".newsroom-benchmark"
ADDED = 10

_TICKER_LINE = re.compile(r"^\d{4,5}\.HK$")
_ENGLISH_LINE = re.compile(r"^[A-Za-z][\x20-\x7e]+$")
_CODE = re.compile(r"(?<=\()\d{4}(?=\.HK)|^\d{4}(?=\.HK$)")
# A figure: digits with separators, not part of a date (2022年12月5日) or of a stock code.
_FIGURE = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d.]*(?:年|月|日|\.HK))")
# The companies of the seed page, longest first so full names are swapped before their short forms.
NAMES = [
    "商湯集團股份有限公司",
    "廣州遇見小麵餐飲股份有限公司",
    "浙江零跑科技股份有限公司",
    "華興資本控股有限公司",
    "毛戈平化妝品股份有限公司",
    "遇見小麵",
    "零跑汽車",
    "華興資本",
    "毛戈平",
    "零跑",
    "商湯",
]
_PREFIXES = "金銀東南西北華中新恒信泰豐富安盛康寶利興匯通德"
_ROOTS = "星海天河龍鳳雲山城港輝光美達匯宏遠聯創"
_TRADES = ["科技", "能源", "地產", "醫藥", "物流", "食品", "汽車", "金融", "電子", "傳媒"]


def seed_articles(text: str) -> list[list[str]]:
    """The seed page's articles as blocks of lines, cut where the page reader starts an article."""
    blocks: list[list[str]] = []
    previous_started = False
    for line in text.split("\n"):
        stripped = line.strip()
        starts = bool(
            _TICKER_LINE.match(stripped) or _ENGLISH_LINE.match(stripped) or stripped.startswith("簡訊:")
        )
        if starts and not previous_started:
            blocks.append([])
        if blocks:
            blocks[-1].append(line)
        if stripped:
            previous_started = starts
    return blocks


def company(rng: random.Random) -> tuple[str, str]:
    """A made-up company: a full name and the short form articles use."""
    short = rng.choice(_PREFIXES) + rng.choice(_ROOTS)
    return f"{short}{rng.choice(_TRADES)}控股有限公司", short


def vary(block: list[str], number: int) -> str:
    """Article ``number``: the block with its companies, codes and figures swapped and its body reordered."""
    rng = random.Random(number)
    full, short = company(rng)
    code = f"{rng.randrange(1000, 9999):04d}"
    lines = list(block)
    # Body paragraphs (long lines after the head of the article) in another order.
    body = [i for i, line in enumerate(lines) if i >= 6 and len(line.strip()) > 40]
    shuffled = [lines[i] for i in body]
    rng.shuffle(shuffled)
    for i, line in zip(body, shuffled, strict=True):
        lines[i] = line
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if _ENGLISH_LINE.match(stripped) and not _TICKER_LINE.match(stripped):
            line = f"No. {number}: {stripped}"
        elif stripped.startswith("簡訊:"):
            line = f"{stripped} 第{number}期"
        for name in NAMES:
            line = line.replace(name, full if len(name) > 4 else short)
        line = _CODE.sub(code, line)
        line = _FIGURE.sub(lambda m: _figure(m.group(0), rng), line)
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def _figure(text: str, rng: random.Random) -> str:
    """Another figure of the same shape: as many digits, the same separators."""
    return "".join(str(rng.randrange(1, 10)) if ch.isdigit() else ch for ch in text)


def write_pages(folder: Path, blocks: list[list[str]], first: int, count: int, prefix: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(first, first + count, PER_PAGE):
        numbers = range(start, min(start + PER_PAGE, first + count))
        text = "\n新聞\n\n".join(vary(blocks[n % len(blocks)], n) for n in numbers)
        (folder / f"{prefix}{start:06d}.txt").write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    sentences: int  # in the articles written
    machine: int
    written: int
    unchanged: int
    ray: dict[str, Any] | None = None  # the Ray run's account of itself (RunStats)


def run_translate(
    work: Path, model: Path, threads: str | None, out: str = "translations", ray: str | None = None
) -> Run:
    command = [sys.executable, "-c", "from workbench.cli import main; main()", "translate", "pages"]
    command += ["--model", str(model), "--device", "cpu", "--out", out, "--json"]
    if ray:
        command += ["--ray", ray]
    # A newsroom's real package runs in the fastest type for the CPU; the test model's own float32 is for
    # drafts that are the same on every CPU, not for speed.
    command += ["--compute-type", "auto"]
    if threads:
        command += ["--threads", threads]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=work, stdout=out, stderr=err)
        # wait4 gives this child's own peak memory, not the largest of all children so far.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    if process.returncode not in (0, 1):
        sys.exit(
            f"newsroom: translate failed ({process.returncode}): {errors.decode(errors='replace')[-2000:]}"
        )
    peak_kib = usage.ru_maxrss
    data = json.loads(output)
    articles = data["articles"]
    written = [a for a in articles if not a["skipped"]]
    return Run(
        seconds=seconds,
        peak_mib=peak_kib / 1024,
        sentences=sum(a["sentences"] for a in written),
        machine=sum(a["machine"] for a in written),
        written=len(written),
        unchanged=len(articles) - len(written),
        ray=data.get("ray"),
    )


_HEADER_DATE = re.compile(rb'^"(?:POT-Creation|PO-Revision)-Date: [^"]*"$', re.M)


def differing_files(one: Path, other: Path) -> list[str]:
    """The articles' files (PO, Markdown, text) that differ between two translations folders, PO header
    dates aside; a file in only one of them counts."""
    names = {
        str(p.relative_to(root))
        for root in (one, other)
        for p in root.glob("*/*")
        if p.suffix in (".po", ".md", ".txt")
    }
    differ = []
    for name in sorted(names):
        a, b = one / name, other / name
        both = a.is_file() and b.is_file()
        if not both or _HEADER_DATE.sub(b"", a.read_bytes()) != _HEADER_DATE.sub(b"", b.read_bytes()):
            differ.append(name)
    return differ


def compare_with_ray(work: Path, model: Path, threads: str | None, address: str) -> None:
    """The first run locally and on Ray, on the same pages; the files must be the same."""
    local = run_translate(work, model, threads, out="translations")
    print(
        f"local run:          {local.seconds:8.1f} s  {local.written} articles, {local.sentences} sentences, "
        f"{local.sentences / local.seconds:.1f} sentences/s",
        flush=True,
    )
    on_ray = run_translate(work, model, threads, out="translations-ray", ray=address)
    stats = on_ray.ray or {}
    print(
        f"Ray run ({address}): {on_ray.seconds:8.1f} s  {on_ray.written} articles, {on_ray.sentences} "
        f"sentences, {on_ray.sentences / on_ray.seconds:.1f} sentences/s",
        flush=True,
    )
    print(
        f"  Ray's time: connect {stats.get('connect_seconds', 0):.2f} s, start {stats.get('workers', 0)} "
        f"worker(s) of {stats.get('cpus_each', 0)} CPU {stats.get('start_seconds', 0):.2f} s, "
        f"{stats.get('batches', 0)} batches of ~{stats.get('batch_sentences', 0)} sentences: "
        f"{stats.get('worker_seconds', 0):.1f} s on the workers, "
        f"{stats.get('round_trip_seconds', 0):.2f} s more from batches sent to their reports back",
        flush=True,
    )
    differ = differing_files(work / "translations", work / "translations-ray")
    if differ or on_ray.written != local.written:
        sys.exit(f"newsroom: the Ray run's files differ from the local run's: {', '.join(differ[:5])}")
    print(f"same files as the local run: {local.written} articles (PO header dates aside)")
    print(f"ray_vs_local {(on_ray.sentences / on_ray.seconds) / (local.sentences / local.seconds):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles in the first run [200]")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--threads", help="passed to translate --threads")
    parser.add_argument("--keep", type=Path, help="build and keep the pages and translations in this folder")
    parser.add_argument("--ray", metavar="ADDRESS", help="compare a run on this Ray cluster with a local one")
    args = parser.parse_args()
    if args.articles < 1:
        parser.error("--articles must be at least 1")

    blocks = seed_articles(args.seed.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsroom-"))
    if args.keep and work.exists() and any(work.iterdir()):
        # Only a folder this benchmark made is cleared: --keep . must never delete a checkout.
        if not (work / MARKER).exists():
            sys.exit(f"newsroom: {work} is not empty and was not made by this benchmark; give a new folder")
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    (work / MARKER).write_text("made by benchmarks/newsroom.py; safe to delete\n", encoding="utf-8")
    try:
        shutil.copy(GLOSSARY, work / "glossary.csv")
        write_pages(work / "pages", blocks, 0, args.articles, "page-")
        print(
            f"newsroom: {args.articles} articles from {len(blocks)} seed articles, {PER_PAGE} per page, "
            f"{os.cpu_count()} cores, model {args.model.name}",
            flush=True,
        )
        if args.ray:
            compare_with_ray(work, args.model, args.threads, args.ray)
            return

        first = run_translate(work, args.model, args.threads)
        rate = first.sentences / first.seconds
        print(
            f"first run:          {first.seconds:8.1f} s  {first.written} articles, {first.sentences} "
            f"sentences, {first.machine} machine drafts, {rate:.1f} sentences/s, "
            f"peak RSS {first.peak_mib:.0f} MiB",
            flush=True,
        )

        unchanged = run_translate(work, args.model, args.threads)
        print(
            f"unchanged re-run:   {unchanged.seconds:8.2f} s  {unchanged.unchanged} articles unchanged, "
            f"{unchanged.written} written, {unchanged.machine} machine drafts",
            flush=True,
        )

        write_pages(work / "pages", blocks, args.articles, ADDED, "page-added-")
        added = run_translate(work, args.model, args.threads)
        print(
            f"{ADDED} articles added:  {added.seconds:8.2f} s  {added.written} written, {added.unchanged} "
            f"unchanged, {added.machine} machine drafts",
            flush=True,
        )

        rerun_share = unchanged.seconds / first.seconds
        added_share = added.seconds / first.seconds
        print(f"added_share {added_share:.4f}  (goal at 1,000 articles: < 0.05)")
        print(f"rerun_share {rerun_share:.4f}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
