"""Names as an exchange or a data vendor writes them, turned into the names a reader expects.

The exchange's list writes short names in capitals with listing markers: ``SENSETIME-W`` (weighted voting
rights), ``BAIDU-SW`` (secondary listing with WVR), ``TENCENT-R`` (the renminbi counter), ``… -B``
(a pre-revenue biotech), and in Chinese ``商湯－Ｗ``. A draft says SenseTime, Baidu, Tencent, 商湯. So the
marker goes, and the capitals become title case, except where a reader sees capitals (HSBC, CKH, BYD: no
vowel, or a known acronym) or a brand's own casing (SenseTime, NetEase, WuXi AppTec), which only a table
can know. The result is a proposal: imported rows say so in their notes, and an editor's correction is
kept across re-imports (``workbench.glossary.merge``).
"""

from __future__ import annotations

import re

# A listing marker at the end of a short name, in ASCII or full-width letters.
_MARKER = re.compile(r"\s*[-－–]\s*[WSBRPUＷＳＢＲＰＵ]{1,3}\s*$")

# Capitals a reader sees as capitals although they contain a vowel.
ACRONYMS = frozenset(
    """
    AIA AAC ASM BAIC BOC BOE BYD CCB CGN CIMC CITIC CLP CMOC CNOOC COSCO CRRC CSOP CSPC CSSC ENN ESR ETF GAC
    HKEX HKT HKTV ICBC IGG II III IV MTR NIO NWS PCCW PICC REIT SITC SJM SMIC TCL UBS VI VII WH YOFC ZTE
    """.split()  # noqa: SIM905 - a word list reads better than quoted strings
)
# Brands with their own casing.
BRANDS = {
    word.upper(): word
    for word in """
    SenseTime NetEase XPeng WuXi AppTec Trip.com JD.com iQIYI MiniMax ZhongAn WeRide Pony.ai HSBC
    """.split()  # noqa: SIM905
}
# Abbreviations of the exchange's 15-character short names that a reader would not write.
ABBREVIATIONS = {
    "HLDGS": "Holdings",
    "HLDG": "Holding",
    "HOLDGS": "Holdings",
    "INTL": "International",
    "GP": "Group",
    "GRP": "Group",
    "DEV": "Development",
    "ENT": "Entertainment",
    "PPT": "Properties",
    "PPTY": "Property",
    "BK": "Bank",
    "MGT": "Management",
}
_LOWER = frozenset({"OF", "AND", "THE", "DE", "FOR", "IN", "ON", "AT"})
_VOWELS = frozenset("AEIOUY")


def strip_marker(name: str) -> str:
    """``name`` without its listing marker: SENSETIME-W → SENSETIME, 商湯－Ｗ → 商湯."""
    return _MARKER.sub("", name.strip()).strip()


def reader_name(name: str) -> str:
    """The English name a reader expects for an exchange short name (TENCENT → Tencent, CKH HOLDINGS →
    CKH Holdings, SENSETIME-W → SenseTime). A name already in mixed case is kept as written."""
    name = " ".join(strip_marker(name).split())
    if any(ch.islower() for ch in name):
        return name
    words = name.split(" ")
    return " ".join(_word(word, first=index == 0) for index, word in enumerate(words))


def _word(word: str, *, first: bool) -> str:
    if word in BRANDS:
        return BRANDS[word]
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    if word in _LOWER and not first:
        return word.lower()
    if "-" in word:
        return "-".join(_word(part, first=True) for part in word.split("-"))
    letters = [ch for ch in word if ch.isalpha()]
    if word in ACRONYMS or (letters and len(letters) <= 5 and not _VOWELS & set(letters)):
        return word  # HSBC, CKH, BYD, JD: capitals are how a reader sees them
    if "'" in word:
        head, _, tail = word.partition("'")
        # L'OCCITANE → L'Occitane; MOMO'S → Momo's
        return head.capitalize() + "'" + (tail.capitalize() if len(head) == 1 else tail.lower())
    return word.capitalize()
