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
from functools import lru_cache

# A listing marker at the end of a short name, in ASCII or full-width letters.
_MARKER = re.compile(r"\s*[-－–]\s*[WSBRPUＷＳＢＲＰＵ]{1,3}\s*$")

# Capitals a reader sees as capitals although they contain a vowel.
ACRONYMS = frozenset(
    """
    AIA AAC ASM BAIC BOC BOE BYD CCB CGN CIMC CITIC CLP CMOC CNOOC COSCO CRRC CSOP CSPC CSSC ENN ESR ETF GAC
    HKEX HKT HKTV ICBC IGG II III IV MTR NIO NWS PCCW PICC REIT SITC SJM SMIC TCL UBS VI VII WH YOFC ZTE
    AEON AMCO APAC BBMG BHCC CIFI CMON GOME IMAX SOHO YNBY ZCZL CHTC CNQC ISDN REPT SIIC YCIH
    """.split()  # noqa: SIM905 - a word list reads better than quoted strings
)
# Brands with their own casing.
BRANDS = {
    word.upper(): word
    for word in """
    SenseTime NetEase XPeng WuXi AppTec Trip.com JD.com iQIYI MiniMax ZhongAn WeRide Pony.ai HSBC UBTech
    SUNeVision HashKey MetaLight
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
    "RES": "Resources",
}
# Legal forms in a full name written in capitals, as a reader writes them.
_LEGAL_CASE = {"CO": "Co", "LTD": "Ltd", "INC": "Inc", "PLC": "plc", "CORP": "Corp", "S.P.A": "S.p.A"}
_LOWER = frozenset({"OF", "AND", "THE", "DE", "FOR", "IN", "ON", "AT"})
_VOWELS = frozenset("AEIOUY")
# Words of two or three letters that are words, not initials: English, and the syllables of Cantonese
# romanisation that Hong Kong names are made of (LEE, KEE, HOP); Mandarin syllables are told by _PINYIN.
_SHORT_WORDS = frozenset(
    """
    THE OF AND FOR IN ON AT TO BY AN AS OR DE LA LE DA DU DI NEW ONE TWO TEN TOP BIG RED SUN SKY SEA AIR OIL
    GAS CAR BUS LAB BIO MED ART FUN JOY WIN PAY KEY BAY ACE AGE ALL ANY ARK BOX CUP DAY EYE FAR FIT FLY GEM
    GO HOT ICE INK JET MAX NET NOW OAK OUR OUT PET POP PRO RAY RUN SEE SIX SOL TEA TEK TON TOY
    TWIN VAN VIA WAY
    WAH WAI LEE KEE KAI HOP TAI YIP YAU TAK FAT FOK FOO FU HOI KAM KIN KIT KOK LOK LUK MAN MEI MUI NAM PAK PO
    SAN SAI SIK SIU SUM TIN TSE TSO WAN WO WOO YAN YEE YIK YIU YUE YUK CHI KEI TAT HIP HO LI MA WU LAM LAU
    LAI ON SHING CO LTD INC CORP PLC
    """.split()  # noqa: SIM905
)
_PINYIN = re.compile(
    r"(?:[BPMFDTNLGKHJQXRZCSYW]|ZH|CH|SH)?"
    r"(?:A|O|E|I|U|AI|EI|AO|OU|AN|EN|ANG|ENG|ONG|ER|IA|IE|IAO|IU|IAN|IN|IANG|ING|IONG|UA|UO|UAI|UI|UAN|UN"
    r"|UANG|UE)"
)
_WORD_PART = re.compile(r"^([(\[]*)(.*?)([)\],.;:]*)$")


def strip_marker(name: str) -> str:
    """``name`` without its listing marker: SENSETIME-W → SENSETIME, 商湯－Ｗ → 商湯."""
    return _MARKER.sub("", name.strip()).strip()


@lru_cache(maxsize=4096)  # an import asks for each company's name three times
def reader_name(name: str) -> str:
    """The English name a reader expects for a name the exchange writes in capitals (TENCENT → Tencent,
    CKH HOLDINGS → CKH Holdings, SENSETIME-W → SenseTime, DAHON TECH (SHENZHEN) CO., LTD. → Dahon Tech
    (Shenzhen) Co., Ltd., GOLDWIND SCIENCE&TECHNOLOGY → Goldwind Science & Technology). A name already in
    mixed case is kept as written."""
    name = " ".join(strip_marker(name).split())
    if any(map(str.islower, name)):
        return name
    words = name.split(" ")
    return " ".join(_word(word, first=index == 0) for index, word in enumerate(words))


def _word(word: str, *, first: bool) -> str:
    head, core, tail = _WORD_PART.match(word).groups()  # type: ignore[union-attr]
    if not core:
        return word
    return head + _core(core, first=first and not head) + tail


def _core(word: str, *, first: bool) -> str:
    if word in BRANDS:
        return BRANDS[word]
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    if word.rstrip(".") in _LEGAL_CASE:
        return _LEGAL_CASE[word.rstrip(".")] + word[len(word.rstrip(".")) :]
    if word in _LOWER and not first:
        return word.lower()
    if "-" in word:
        return "-".join(_core(part, first=True) if part else part for part in word.split("-"))
    if "&" in word:
        parts = word.split("&")
        if all(sum(ch.isalpha() for ch in part) >= 3 for part in parts):
            # SCIENCE&TECHNOLOGY is two words; B&K, F&B and C&D are initials.
            return " & ".join(_core(part, first=True) for part in parts)
        return word
    letters = [ch for ch in word if ch.isalpha()]
    if word in ACRONYMS or (letters and len(letters) <= 5 and not _VOWELS & set(letters)):
        return word  # HSBC, CKH, BYD, JD: capitals are how a reader sees them
    if len(letters) <= 3 and word not in _SHORT_WORDS and not _PINYIN.fullmatch(word):
        return word  # CIG, JY, UJU: initials, not a word or a syllable
    if "'" in word:
        head, _, tail = word.partition("'")
        # L'OCCITANE → L'Occitane; MOMO'S → Momo's
        return head.capitalize() + "'" + (tail.capitalize() if len(head) == 1 else tail.lower())
    return word.capitalize()
