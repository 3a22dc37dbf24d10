"""pofilter (translate-toolkit QA) set up for Chinese-to-English press copy: ``scripts/interop/pofilter.sh``.

Judged both ways: silent on correct press English (the reference set of real market copy, English
written by hand), and still reporting the faults a draft can have.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "interop" / "pofilter.sh"
REFERENCE = ROOT / "tests" / "data" / "market_copy" / "reference.jsonl"
POFILTER = str(Path(sys.executable).with_name("pofilter"))


def _catalog(path: Path, pairs: list[tuple[str, str]]) -> Path:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for source, english in dict(pairs).items():
        po.append(polib.POEntry(msgid=source, msgstr=english))
    po.save(str(path))
    return path


def _findings(source: Path, out: Path, *command: str) -> Counter[str]:
    """pofilter's findings on ``source`` by check; it writes the entries that fail to ``out``, if any."""
    result = subprocess.run(
        [*command, "-i", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "POFILTER": POFILTER},
    )
    assert result.returncode == 0, result.stderr
    if not out.exists():
        return Counter()
    notes = (line for entry in polib.pofile(str(out)) for line in (entry.tcomment or "").splitlines())
    return Counter(n.split()[1].rstrip(":") for n in notes if n.startswith("(pofilter) "))


def _reference() -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines()]
    return [(row["zh"], row["en"]) for row in rows]


def test_the_setup_is_silent_on_correct_press_english(tmp_path: Path) -> None:
    source = _catalog(tmp_path / "reference.po", _reference())
    assert _findings(source, tmp_path / "setup.po", str(SCRIPT)) == Counter()
    # pofilter's defaults flag house style on nearly every sentence: what the setup leaves out.
    defaults = _findings(source, tmp_path / "defaults.po", POFILTER, "--progress=none")
    assert defaults["startcaps"] > 150 and defaults["endpunc"] > 150 and defaults["numbers"] > 100


def test_the_setup_still_reports_a_drafts_real_faults(tmp_path: Path) -> None:
    faults = [
        ("恒指收市升340點。", "The Hang Seng Index rose rose 340 points."),
        ("港股午後跌幅擴大。", "Hong Kong stocks fell <b>further in the afternoon."),
        ("騰訊股價走低2.3%。", "Tencent  fell 2.3%."),
        ("競爭激烈的領域,市場正為民營投資者帶來潛在回報可觀的投資機會。", "A"),
    ]
    found = _findings(_catalog(tmp_path / "drafts.po", faults), tmp_path / "out.po", str(SCRIPT))
    assert found == Counter({"doublewords": 1, "xmltags": 1, "doublespacing": 1, "short": 1})
