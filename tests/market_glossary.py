"""The desk's glossary with every listed company imported, as a desk builds it.

The exchange's list (``tests/data/hkex/hyperlinks_to_listed_companies.json``) is written out as the CSV a
vendor ships and imported with the importer ``workbench glossary import LIST.csv --code-column code
--english-column name_en --chinese-column name_zh`` runs, into a copy of the committed ``glossary.csv``.
Whatever the importer derives (press names, aliases) the glossary then has.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LISTED = ROOT / "tests" / "data" / "hkex" / "hyperlinks_to_listed_companies.json"


def write_listed_csv(path: Path) -> Path:
    rows = json.loads(LISTED.read_text(encoding="utf-8"))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name_en", "name_zh"])
        for row in rows:
            writer.writerow([row["symbol"], row["engName"], row["zhName"]])
    return path


def market_glossary_csv(folder: Path) -> Path:
    """``folder/glossary.csv``: the committed glossary with the whole market imported into it."""
    from workbench.glossary.merge import merge_list
    from workbench.glossary.vendor import read_vendor_csv

    glossary = folder / "glossary.csv"
    shutil.copyfile(ROOT / "glossary.csv", glossary)
    companies = read_vendor_csv(
        write_listed_csv(folder / "listed.csv"),
        code_column="code",
        english_column="name_en",
        chinese_column="name_zh",
        source="HKEX list of listed companies",
        date="2026-01-27",
    )
    merge_list(glossary, companies)
    return glossary
