"""A big glossary's cache beside its CSV: the same glossary as the CSV gives, never a stale one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hkex_lists import synthetic_market
from workbench.checks import check_entries
from workbench.glossary import format_rows, load_glossary, parse_text
from workbench.glossary.cache import MIN_ROWS, cache_path
from workbench.model import GlossaryEntry
from workbench.po import load_po

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
TRANSLATIONS = ROOT / "translations"


def write_big(path: Path) -> str:
    """The committed glossary with listed companies appended up to ``MIN_ROWS`` rows; the CSV's text."""
    base = (ROOT / "glossary.csv").read_text(encoding="utf-8")
    taken = {t for e in load_glossary(ROOT / "glossary.csv") for t in e.tickers}
    seed = SEED.read_text(encoding="utf-8")
    rows = [
        GlossaryEntry(chinese, chinese, english.title(), tickers=(ticker,), notes="listed")
        for code, english, chinese, _ in synthetic_market(MIN_ROWS + 200, seed=9)
        if (ticker := f"{code:04d}.HK") not in taken and chinese not in seed and chinese not in base
    ][:MIN_ROWS]
    text = base.rstrip("\n") + "\n" + format_rows(rows)
    path.write_text(text, encoding="utf-8")
    return text


def findings(glossary: object) -> list[tuple[str, str]]:
    """Every finding of the seed page's English PO files checked with ``glossary``."""
    out = []
    for po_path in sorted(TRANSLATIONS.rglob("en.po")):
        for entry, found in check_entries(load_po(po_path), glossary):  # type: ignore[arg-type]
            out += [(entry.msgid, f.message) for f in found]
    return out


def test_a_big_glossary_reads_back_from_its_cache_as_from_its_csv(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    text = write_big(path)
    first = load_glossary(path)
    assert cache_path(path).is_file()
    expected = findings(first)  # builds every index a check uses, and keeps each in the cache
    assert any("name" in message for _, message in expected)
    sentences = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]

    again = load_glossary(path)
    for name in ("match", "tickers", "names.entities"):
        again.index(name, lambda name=name: pytest.fail(f"the {name} index was built again, not read back"))
    assert again.entries == first.entries == parse_text(text).entries
    assert [again.match(s) for s in sentences] == [first.match(s) for s in sentences]
    assert again.by_ticker("(20)") == first.by_ticker("20") is not None
    assert findings(again) == expected


def test_an_edited_glossary_is_never_read_through_its_old_cache(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    text = write_big(path)
    findings(load_glossary(path))  # the cache now holds the rows and every index
    # Same length, same size on disk: only the content tells the old file from the new one.
    path.write_text(text.replace("商湯集團股份有限公司,", "商易集團股份有限公司,", 1), encoding="utf-8")

    edited = load_glossary(path)
    assert edited.entries[0].traditional == "商易集團股份有限公司"
    assert [h.text for h in edited.match("商易集團股份有限公司公布業績")] == ["商易集團股份有限公司"]
    assert edited.by_ticker("0020.HK") == edited.entries[0]
    assert load_glossary(path).entries == edited.entries


@pytest.mark.parametrize("damage", [b"", b"not a cache", None])
def test_a_damaged_cache_is_read_past_and_replaced(tmp_path: Path, damage: bytes | None) -> None:
    path = tmp_path / "glossary.csv"
    text = write_big(path)
    load_glossary(path)
    cache = cache_path(path)
    cut = cache.read_bytes()
    cache.write_bytes(damage if damage is not None else cut[: len(cut) // 2])

    glossary = load_glossary(path)
    assert glossary.entries == parse_text(text).entries
    glossary.match("商湯")  # rewrites the cache with the index of names
    assert load_glossary(path).index("match", lambda: pytest.fail("the cache was not replaced"))


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    text = write_big(path)
    cache_path(path).mkdir()  # in the way of the cache file, as a read-only folder would be

    glossary = load_glossary(path)
    assert glossary.entries == parse_text(text).entries
    assert findings(glossary) == findings(parse_text(text))


def test_a_small_glossary_keeps_no_cache(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_bytes((ROOT / "glossary.csv").read_bytes())
    glossary = load_glossary(path)
    findings(glossary)
    assert len(glossary) < MIN_ROWS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.csv"]


def test_runs_at_once_and_after_agree_through_the_cache(tmp_path: Path) -> None:
    """Two checks that find no cache write it at the same time; a third reads it: one answer."""
    path = tmp_path / "glossary.csv"
    write_big(path)
    command = [
        sys.executable,
        "-m",
        "workbench",
        "check",
        str(TRANSLATIONS),
        "--glossary",
        str(path),
        "--json",
    ]
    together = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate()[0] for run in together]
    assert cache_path(path).is_file()
    after = subprocess.run(command, capture_output=True, text=True, check=False)
    assert after.returncode == together[0].returncode == 1
    assert outputs[0] == outputs[1] == after.stdout
    assert '"check": "name-missing"' in after.stdout
