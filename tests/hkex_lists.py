"""Workbooks in the layout the exchange publishes its list of securities in, built here, never downloaded.

Row 1 a title, row 2 ``Updated as at DD/MM/YYYY``, row 3 the headers, then one row per security; the
Chinese workbook the same with Chinese headers. Columns beyond the ones the importer reads are included so
a test notices an importer that reads by position.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import openpyxl

EN_HEADERS = [
    "Stock Code",
    "Name of Securities",
    "Category",
    "Sub-Category",
    "Board Lot",
    "Par Value",
    "ISIN",
]
ZH_HEADERS = ["股份代號", "股份名稱", "分類", "次分類", "買賣單位", "面值", "ISIN"]
ZH_CATEGORY = {
    "Equity": "股本",
    "Derivative Warrants": "衍生權證",
    "Real Estate Investment Trusts": "房地產投資信託基金",
}

# (code, English short name, Chinese short name, category)
Security = tuple[int, str, str, str]

MARKET: list[Security] = [
    (1, "CKH HOLDINGS", "長和", "Equity"),
    (5, "HSBC HOLDINGS", "滙豐控股", "Equity"),
    (20, "SENSETIME-W", "商湯－Ｗ", "Equity"),
    (700, "TENCENT", "騰訊控股", "Equity"),
    (1211, "BYD COMPANY", "比亞迪股份", "Equity"),
    (1929, "CHOW TAI FOOK", "周大福", "Equity"),
    (6168, "CHOWSIXFOOK", "周六福", "Equity"),
    (823, "LINK REIT", "領展房產基金", "Real Estate Investment Trusts"),
    (13000, "HSBC CALL WARRANT", "滙豐認購證", "Derivative Warrants"),
    (80700, "TENCENT-R", "騰訊控股－Ｒ", "Equity"),
]


def write_list(
    path: Path, securities: Sequence[Security], *, chinese: bool, updated: str = "30/11/2026"
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["證券名單" if chinese else "List of Securities"])
    sheet.append([f"更新日期 Updated as at {updated}" if chinese else f"Updated as at {updated}"])
    sheet.append(ZH_HEADERS if chinese else EN_HEADERS)
    for code, english, name, category in securities:
        sheet.append(
            [
                f"{code:05d}",
                name if chinese else english,
                ZH_CATEGORY.get(category, category) if chinese else category,
                "股本證券(主板)" if chinese else "Equity Securities (Main Board)",
                500,
                "HKD 0.10",
                f"KYG{code:09d}",
            ]
        )
    book.save(path)
    return path


def write_pair(
    folder: Path, securities: Sequence[Security], updated: str = "30/11/2026"
) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return (
        write_list(folder / "ListOfSecurities.xlsx", securities, chinese=False, updated=updated),
        write_list(folder / "ListOfSecurities_c.xlsx", securities, chinese=True, updated=updated),
    )


_SYLLABLES = list("華興資本商湯零跑奇富中金毛戈平明基印象鼎福州網絡恒隆信和新世界長江實東亞")
_ROMAN = [
    "WAH",
    "HING",
    "CHI",
    "SHANG",
    "TONG",
    "LING",
    "PAO",
    "KEI",
    "FU",
    "CHUNG",
    "KAM",
    "MO",
    "KWO",
    "PING",
]
_ENDINGS = [
    ("控股", "HOLDINGS"),
    ("集團", "GROUP"),
    ("科技", "TECH"),
    ("銀行", "BANK"),
    ("國際", "INTL"),
    ("", ""),
]


def synthetic_market(size: int, seed: int = 11) -> list[Security]:
    """``size`` distinct equities with exchange-style short names, as a full market list has."""
    rng = random.Random(seed)
    names: set[str] = set()
    out: list[Security] = []
    code = 1
    while len(out) < size:
        length = rng.randint(2, 4)
        picks = [rng.randrange(len(_SYLLABLES)) for _ in range(length)]
        zh_end, en_end = rng.choice(_ENDINGS)
        name = "".join(_SYLLABLES[i] for i in picks) + zh_end
        if name in names:
            continue
        names.add(name)
        english = " ".join([*(_ROMAN[i % len(_ROMAN)] for i in picks), en_end]).strip()
        out.append((code, english + str(code), name, "Equity"))
        code += rng.randint(1, 3)
    return out
