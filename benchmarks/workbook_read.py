"""Reading the exchange's list of securities: the workbook reader against openpyxl, and its linearity.

Builds a pair of workbooks shaped like the exchange's full list (17,000 securities of every category, 20
columns, English and Chinese) and reads both with ``workbench.glossary.xlsx.sheet_rows`` and, as the
baseline, with openpyxl in read-only mode (what ``glossary import-hkex`` used before), each in the same
invocation; then ``read_hkex`` on the pair, as the import does. Then the reader on a list twice as long
(linear time: about 2x), and on the hostile workbooks that once cost minutes or gigabytes: a declared
dimension of A1:XFD60006 over 60,000 one-cell rows, and an XML comment of 64 MiB before the sheet's data
(refused at the 1 MiB markup limit).

Times are CPU seconds of this process (both readers run in one thread), the best of ``--repeat`` runs, so
a machine shared with other work changes them little. Last line: ``speedup <openpyxl seconds / reader
seconds>``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "hostile"), str(ROOT / "src")]

import hostile_xlsx  # noqa: E402
import openpyxl  # noqa: E402

from hkex_lists import synthetic_market  # noqa: E402
from workbench.errors import InputError  # noqa: E402
from workbench.glossary.hkex import read_hkex  # noqa: E402
from workbench.glossary.xlsx import sheet_rows  # noqa: E402

CATEGORIES = ["Equity"] * 3 + ["Derivative Warrants"] * 4 + ["Callable Bull/Bear Contracts"] * 4
CATEGORIES += ["Debt Securities", "Exchange Traded Products", "Real Estate Investment Trusts"]
EXTRA = [f"Column {n}" for n in range(8, 21)]


def write_full_list(path: Path, size: int, *, chinese: bool) -> Path:
    rng = random.Random(5)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["證券名單" if chinese else "List of Securities"])
    sheet.append(["更新日期 Updated as at 30/11/2026" if chinese else "Updated as at 30/11/2026"])
    head = ["股份代號", "股份名稱", "分類"] if chinese else ["Stock Code", "Name of Securities", "Category"]
    sheet.append([*head, "Sub-Category", "Board Lot", "Par Value", "ISIN", *EXTRA])
    for code, english, name, _ in synthetic_market(size, seed=3):
        category = rng.choice(CATEGORIES)
        sheet.append(
            [
                f"{code:05d}",
                name if chinese else english,
                category,
                "Equity Securities (Main Board)",
                rng.choice([100, 200, 500, 1000, 2000]),
                "HKD 0.10",
                f"KYG{code:09d}",
                *(rng.choice(["Y", "N", "", "HKD", "0.25"]) for _ in EXTRA),
            ]
        )
    book.save(path)
    return path


def openpyxl_rows(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def reader_rows(path: Path) -> int:
    return sum(1 for _ in sheet_rows(path))


def refusal(path: Path) -> None:
    try:
        reader_rows(path)
    except InputError:
        return
    raise AssertionError(f"{path} was not refused")


def best(func, *args, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func(*args)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--securities", type=int, default=17_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        en = write_full_list(folder / "ListOfSecurities.xlsx", args.securities, chinese=False)
        zh = write_full_list(folder / "ListOfSecurities_c.xlsx", args.securities, chinese=True)
        assert openpyxl_rows(en) == reader_rows(en)
        baseline = best(lambda: (openpyxl_rows(en), openpyxl_rows(zh)), repeat=args.repeat)
        ours = best(lambda: (reader_rows(en), reader_rows(zh)), repeat=args.repeat)
        imported = best(lambda: read_hkex(en, zh), repeat=args.repeat)
        size = en.stat().st_size / 1e6
        print(f"{args.securities:,} securities x 20 columns, both workbooks ({size:.1f} MB each)")
        print(f"openpyxl read-only      {baseline:.2f} s")
        print(f"workbook reader         {ours:.2f} s")
        print(f"read_hkex (the import)  {imported:.2f} s")

        double = write_full_list(folder / "double.xlsx", 2 * args.securities, chinese=False)
        single = best(reader_rows, en, repeat=args.repeat)
        twice = best(reader_rows, double, repeat=args.repeat)
        ratio = twice / single
        print(f"{2 * args.securities:,} securities, English only: {twice:.2f} s, {ratio:.2f}x (2 is linear)")

        dimension = hostile_xlsx.base(folder / "dimension.xlsx")
        hostile_xlsx.edit_sheet(dimension, hostile_xlsx.declare_dimension("A1:XFD60006"))
        hostile_xlsx.edit_sheet(dimension, hostile_xlsx.append_rows(hostile_xlsx.one_cell_rows(60_000)))
        print(f"A1:XFD60006 over 60,000 rows: {best(reader_rows, dimension, repeat=args.repeat):.2f} s")
        comment = hostile_xlsx.base(folder / "comment.xlsx")
        hostile_xlsx.edit_sheet(comment, hostile_xlsx.comment_before_sheet_data(64 << 20))
        print(f"comment of 64 MiB: refused in {best(refusal, comment, repeat=args.repeat):.2f} s")
    print(f"speedup {baseline / ours:.2f}")


if __name__ == "__main__":
    main()
