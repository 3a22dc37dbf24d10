"""How Hong Kong company names end, in Traditional and Simplified: one list for every reader of names.

The fact reader needs it to tell a bracketed code after a name (碧桂園地產(2007)) from a year; ``glossary
suggest`` needs it to find names the glossary lacks. Both read the same table, so a new ending reaches both.

Not every ending names a company on its own: 國際, 發展 and 金融 end ordinary words as often as names, so
only endings marked ``alone`` let ``glossary suggest`` propose a name without a ticker or a legal form.
"""

from __future__ import annotations

# Legal forms, longest first: a name ending in one of them is a company's full name for certain.
LEGAL_FORMS = ("股份有限公司", "有限責任公司", "有限公司", "公司")

# (Traditional, Simplified, alone): alone marks an ending that by itself makes a run of characters a name.
_ENDINGS: tuple[tuple[str, str, bool], ...] = (
    ("控股", "控股", True),
    ("集團", "集团", True),
    ("科技", "科技", True),
    ("銀行", "银行", True),
    ("資本", "资本", True),
    ("證券", "证券", True),
    ("保險", "保险", True),
    ("地產", "地产", True),
    ("置業", "置业", True),
    ("醫藥", "医药", True),
    ("實業", "实业", True),
    ("股份", "股份", False),
    ("國際", "国际", False),
    ("能源", "能源", False),
    ("藥業", "药业", False),
    ("汽車", "汽车", False),
    ("電子", "电子", False),
    ("電訊", "电讯", False),
    ("航空", "航空", False),
    ("物業", "物业", False),
    ("發展", "发展", False),
    ("建設", "建设", False),
    ("網絡", "网络", False),
    ("健康", "健康", False),
    ("生物", "生物", False),
    ("電力", "电力", False),
    ("礦業", "矿业", False),
    ("金融", "金融", False),
    ("動力", "动力", False),
    ("食品", "食品", False),
    ("酒店", "酒店", False),
    ("娛樂", "娱乐", False),
    ("教育", "教育", False),
    ("體育", "体育", False),
    ("傳媒", "传媒", False),
    ("租賃", "租赁", False),
    ("信託", "信托", False),
    ("半導體", "半导体", False),
    ("醫療", "医疗", False),
    ("電器", "电器", False),
)

# Endings that name a company on their own, in Traditional (what ``glossary suggest`` reads).
NAMING_SUFFIXES: tuple[str, ...] = tuple(trad for trad, _, alone in _ENDINGS if alone)

# Every ending in both scripts (公司 ends every legal form), as the fact reader checks before a bracket.
COMPANY_ENDINGS: tuple[str, ...] = tuple(
    dict.fromkeys([*LEGAL_FORMS[-1:], *(form for trad, simp, _ in _ENDINGS for form in (trad, simp))])
)
