"""Glossary names: each company of the source named in the draft, none named wrongly, none invented.

A name counts as present when one of its accepted English forms (the glossary's English, its Latin-script
aliases, and for companies the same name without legal suffixes, since "SenseTime" is how a story says
"SenseTime Group Inc." on second mention) appears as whole words. Forms are compared on their letters and
digits only, case-folded, across word boundaries, so "Sense Time", "SENSETIME" and "SenseTime's" all count
and "AIA" never matches inside "via Asia". A near miss (rapidfuzz) is named in the finding and may be
repaired by ``workbench.carry``; it is not accepted, because a misspelt company name is a correction
notice waiting to happen.

The glossary may hold every listed company (20,000 rows), so everything glossary-wide is indexed once per
glossary: the accepted English forms of every company for ``hallucinated-entity`` (which only counts a
name written as one: capitalised, not across a sentence break), and every forbidden rendering in one
automaton for ``forbidden-rendering``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workbench.checks.base import Context, GlossaryLike, Problem, check
from workbench.checks.renderings import Forbidden
from workbench.glossary.core import bulk
from workbench.model import Fact, FactKind, GlossaryEntry, Severity

# Latin words and digits; each Chinese character on its own, so a name inside Chinese text is a word.
_TOKEN = re.compile(r"[^\W_\u3400-\u9fff\uf900-\ufaff]+|[\u3400-\u9fff\uf900-\ufaff]|&")
_LEGAL_SUFFIXES = frozenset(
    [
        "inc", "incorporated", "ltd", "limited", "co", "company", "corp", "corporation", "group", "holdings",
        "holding", "plc", "llc", "lp", "llp", "sa", "spa", "ag", "nv", "se", "bhd", "berhad", "tbk", "pte",
        "kk", "gmbh", "ab", "asa", "oyj",
    ]
)  # fmt: skip
# A bracketed part of a registered name (International), (Hong Kong), (Cayman Islands), (Group): the
# press drops it with the legal suffix.
_BRACKETED = re.compile(r"\s*[(（][^()（）]*[)）]")
# Types whose appearance in a draft claims something about the story. People's and terms' forms are too
# short and common to call invented, and an exchange is often implied by the Chinese (在港上市: listed on
# the Hong Kong Stock Exchange) without being named.
ENTITY_TYPES = frozenset({"company", "organisation", "organization"})
_NOT_KEY = re.compile(r"[\W_]+")  # pragma: no mutate - "*" removes the same characters
_NOT_KEY_LINE = re.compile(r"[^\w\n]+|_+")  # pragma: no mutate - "*" removes the same characters
NEAR_MISS = 80.0
_MAX_WINDOW = 12  # pragma: no mutate - a bound: no listed English name runs past 10 tokens

Token = tuple[str, int, int]


def tokens(text: str) -> list[Token]:
    return [
        ("and" if m.group() == "&" else m.group().casefold(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


def key(form: str) -> str:
    """``form`` as the tokens of ``tokens`` spell it, joined: letters and digits only, case-folded, & as
    "and". One substitution instead of a token list: a glossary of 20,000 names computes this for each."""
    return _NOT_KEY.sub("", form.replace("&", "and")).casefold()


def bare_forms(form: str) -> list[str]:
    """``form`` as the press shortens it, longest first: without the bracketed parts of the registered
    name, a leading "The", and each trailing legal suffix in turn. "BYD Electronic (International) Company
    Limited" gives "BYD Electronic (International) Company", ..., "BYD Electronic"; "Tencent Holdings
    Limited" gives "Tencent Holdings" and "Tencent". Empty when nothing is dropped."""
    text = _BRACKETED.sub("", form).strip()
    words = text.replace(",", " ").split()
    if words and words[0].casefold() == "the":  # "The" alone is left as nothing, and no name
        words = words[1:]
    out = []
    if words != form.replace(",", " ").split():
        out.append(" ".join(words))
    while len(words) > 1 and key(words[-1]) in _LEGAL_SUFFIXES:
        words.pop()
        if key(words[-1]) == "and":  # Sun Hung Kai & Co.: Sun Hung Kai, never "Sun Hung Kai &"
            words.pop()
        out.append(" ".join(words).rstrip(",."))
    return [f for f in dict.fromkeys(out) if len(key(f)) >= 3 and key(f) != key(form)]


def core(form: str) -> str | None:
    """The key of ``form`` without every legal suffix and bracket (SenseTime Group Inc. -> sensetime), or
    None if unchanged."""
    ends = form.rsplit(None, 1)  # pragma: no mutate - more words only take the longer way to the same answer
    last = ends[-1].strip(".,()") if ends else ""
    plain = "(" not in form and "（" not in form  # pragma: no mutate - as above: the longer way, same answer
    if plain and last.isalnum() and last.casefold() not in _LEGAL_SUFFIXES and form[:3].casefold() != "the":
        return None  # the common case, decided without splitting the name into tokens or words
    bare = bare_forms(form)
    return key(bare[-1]) if bare else None


# Words that begin many companies' names: alone they name none of them.
_GENERIC_WORDS = frozenset(
    """china chinese hong kong hongkong asia asian pacific global great new international first golden gold
    sun century united national bank guangzhou shanghai beijing shenzhen zhejiang jiangsu guangdong fujian
    shandong central sichuan east west south north eastern western southern northern city world grand royal
    modern future smart star dragon greater overseas""".split()  # noqa: SIM905 - a word list reads best so
)
_SMALL_WORDS = frozenset(["and", "of", "the", "for", "in"])


def press_keys(forms: Sequence[str]) -> list[str]:
    """Keys of the shorter names the press gives a company on first mention, accepted for ``name-missing``
    only (never read as naming a company the source does not): the leading words of its name (Kuaishou
    for Kuaishou Technology, China Life for China Life Insurance, Henderson Land for Henderson Land
    Development) and its initials (ICBC for Industrial and Commercial Bank of China, SHKP for Sun Hung Kai
    Properties). A leading word alone counts when it is no generic word (China, Hong Kong, Bank)."""
    out: list[str] = []
    for form in forms:
        for name in (form, *bare_forms(form)):
            # A leading "The" is dropped by ``bare_forms``, which gives the form without it too.
            words = [w for w in _BRACKETED.sub("", name).replace(",", " ").split() if w]
            for size in range(1, len(words)):  # pragma: no mutate - no words make no name
                if key(words[size - 1]) in _SMALL_WORDS:
                    continue  # no press name ends on "and", "&" or "of": "Industrial and", "Sun Hung Kai &"
                lead = key(" ".join(words[:size]))
                if len(lead) >= 4 and lead not in _GENERIC_WORDS:  # "Hong Kong" names no company
                    out.append(lead)
            initials = "".join(w[0] for w in words if w.casefold() not in _SMALL_WORDS and w[0].isalpha())
            if len(initials) >= 3:
                out.append(initials.casefold())
    return list(dict.fromkeys(k for k in out if k))


def find_key(toks: Sequence[Token], wanted: str) -> list[tuple[int, int]]:
    """Spans of ``toks`` whose consecutive tokens spell ``wanted``, starting and ending on token edges."""
    spans = []
    for i in range(len(toks)):
        spelled = ""
        for j in range(i, min(len(toks), i + _MAX_WINDOW)):  # pragma: no mutate - a bound, see above
            spelled += toks[j][0]
            if spelled == wanted:
                spans.append((toks[i][1], toks[j][2]))
                break
            if not wanted.startswith(spelled):
                break
    return spans


def entry_keys(forms: Sequence[str], entry: GlossaryEntry) -> tuple[str, ...]:
    keys = [key(f) for f in forms]
    if entry.type == "company":
        keys += [key(b) for f in forms for b in bare_forms(f)]
    return tuple(dict.fromkeys(k for k in keys if k))


@dataclass(frozen=True)
class NameMatch:
    entry: GlossaryEntry | None  # None for a NAME fact without a glossary hit
    source_text: str
    english: str  # the preferred rendering
    forms: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # where the draft names it
    facts: tuple[Fact, ...]
    near: tuple[str, int, int, float] | None = None  # closest wrong spelling in the draft: text, span, score

    @property
    def found(self) -> bool:
        return bool(self.spans)


def _near_miss(forms: Sequence[str], target: str) -> tuple[str, int, int, float] | None:
    from rapidfuzz import fuzz

    best: tuple[str, int, int, float] | None = None
    for form in forms:
        if len(form) < 5:
            continue
        found = fuzz.partial_ratio_alignment(form.lower(), target.lower(), score_cutoff=NEAR_MISS)
        # Of two equally close spellings either is the closest one.
        if found is None or (best is not None and found.score <= best[3]):  # pragma: no mutate
            continue
        start, end = found.dest_start, found.dest_end
        # The alignment may begin on the space or bracket before the word ("at (SensTme)"): the span
        # starts on the word, and then runs out to the word's edges, so a repair keeps what is around it.
        while start < end and not target[start].isalnum():  # pragma: no mutate - an alignment holds a letter
            start += 1
        while end > start and not target[end - 1].isalnum() and target[end - 1] != ".":  # Inc.
            end -= 1
        while start > 0 and target[start - 1].isalnum():
            start -= 1
        while end < len(target) and target[end].isalnum():
            end += 1
        best = (target[start:end], start, end, found.score)
    return best


def name_matches(context: Context) -> tuple[NameMatch, ...]:
    def compute() -> tuple[NameMatch, ...]:
        toks = tokens(context.target)
        by_entry: dict[GlossaryEntry, list[Fact]] = {}
        source_text: dict[GlossaryEntry, str] = {}
        for hit in context.hits:
            by_entry.setdefault(hit.entry, [])
            source_text.setdefault(hit.entry, hit.text)
        orphans: dict[str, list[Fact]] = {}
        for fact in context.facts:
            if fact.kind is not FactKind.NAME:
                continue
            owner = next((h.entry for h in context.hits if h.start == fact.start), None)
            if owner is None:
                owner = next((e for e in by_entry if e.english == fact.english), None)
            if owner is None:
                orphans.setdefault(fact.english, []).append(fact)
            else:
                by_entry[owner].append(fact)
        result = []
        for entry, facts in by_entry.items():
            forms = context.english_forms(entry)
            spans = [s for k in entry_keys(forms, entry) for s in find_key(toks, k)]
            if not spans and entry.type == "company":
                spans = [s for k in press_keys(forms) for s in find_key(toks, k)]
            near = None if spans else _near_miss([*forms, *_cores(forms, entry)], context.target)
            result.append(
                NameMatch(
                    entry,
                    source_text[entry],
                    entry.english,
                    forms,
                    _outermost(spans),
                    tuple(facts),
                    near,
                )
            )
        for english, facts in orphans.items():
            spans = find_key(toks, key(english))
            near = None if spans else _near_miss([english], context.target)
            result.append(
                NameMatch(None, facts[0].text, english, (english,), tuple(spans), tuple(facts), near)
            )
        return tuple(result)

    return context.shared("names", compute)


def _outermost(spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``spans`` in order, less those inside a longer one: "SenseTime Group" is one mention, not two, and
    a ticker put back after the first mention goes after the whole name."""
    out: list[tuple[int, int]] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not out or span[1] > out[-1][1]:  # pragma: no mutate - one ending with the last lies inside it
            out.append(span)
    return tuple(out)


def _cores(forms: Sequence[str], entry: GlossaryEntry | None) -> list[str]:
    """Readable suffix-less forms (SenseTime for SenseTime Group Inc.), as a reviewer would write them."""
    if entry is None or entry.type != "company":
        return []
    return [b for form in forms for b in bare_forms(form)]


@check("name-missing", Severity.ERROR)
def name_missing(context: Context) -> Iterator[Problem]:
    """A glossary name of the source is not in the draft under any accepted English form."""
    for m in name_matches(context):
        if m.found:
            continue
        others = [f for f in m.forms if f != m.english]
        accepted = f" (or {', '.join(others)})" if others else ""
        closest = f"; the closest is {m.near[0]!r}" if m.near else ""
        # A glossary term (生成式人工智能 as generative AI) is house style; a paraphrase is not a false fact.
        term = m.entry is not None and m.entry.type == "term"
        yield Problem(
            f"name {m.source_text} should be {m.english}{accepted}; "
            f"the translation does not name it{closest}",
            source_span=m.source_text,
            target_span=m.near[0] if m.near else None,
            severity=Severity.WARNING if term else None,
        )


# -- a glossary-wide index, built once per glossary -------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    entities: dict[str, tuple[int, ...]]  # key of an accepted form -> places of its entries in the glossary
    shortened: frozenset[str]  # keys that are only a shortened form (Leading of Leading Holdings Group)
    longest: int
    forbidden: Forbidden


_INDEXES: dict[int, tuple[GlossaryLike, _Index]] = {}


def _index(glossary: GlossaryLike) -> _Index:
    cached = _INDEXES.get(id(glossary))
    if cached is not None and cached[0] is glossary:  # pragma: no mutate - a miss only builds it again
        return cached[1]
    entities, shortened, longest = glossary.index("names.entities", lambda: _entity_places(glossary))
    index = _Index(entities, frozenset(shortened), longest, Forbidden(glossary.entries))
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    _INDEXES[id(glossary)] = (glossary, index)
    return index


def _entity_places(glossary: GlossaryLike) -> tuple[dict[str, tuple[int, ...]], tuple[str, ...], int]:
    """The keys of every accepted English form of every company and organisation, each with the places
    of its entries in the glossary; the keys that are only a shortened form; the longest key's length."""
    entities: dict[str, list[int]] = {}
    written: set[str] = set()
    with bulk():
        named = [(place, e) for place, e in enumerate(glossary.entries) if e.type in ENTITY_TYPES]
        all_forms = [glossary.english_forms(e) for _, e in named]
        # One substitution over every form at once (keys of 20,000 names, one at a time, cost 0.2 s).
        flat = "\n".join(f.replace("\n", " ") for forms in all_forms for f in forms)
        flat_keys = iter(_NOT_KEY_LINE.sub("", flat.replace("&", "and")).casefold().split("\n"))
        for (place, entry), forms in zip(named, all_forms, strict=True):
            keys = [next(flat_keys) for _ in forms]
            written.update(keys)
            if entry.type == "company":
                keys += [key(b) for f in forms if core(f) for b in bare_forms(f)]
            for k in dict.fromkeys(keys):
                if k:
                    entities.setdefault(k, []).append(place)
        places = {k: tuple(v) for k, v in entities.items()}
    shortened = tuple(sorted(k for k in places if k not in written))
    # An empty index finds nothing, whatever its longest key is said to be.
    return places, shortened, max((len(k) for k in places), default=0)  # pragma: no mutate


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


@check("forbidden-rendering", Severity.ERROR)
def forbidden_rendering(context: Context) -> Iterator[Problem]:
    """The draft uses a rendering the glossary forbids (wherever it appears: it is never right)."""
    if context.glossary is not None:
        rules = _index(context.glossary).forbidden
    else:
        rules = Forbidden(tuple(dict.fromkeys(h.entry for h in context.hits)))
    found = rules.find(context.target)
    if not found:
        return
    matches = name_matches(context)
    accepted = {f for m in matches for f in (*m.forms, *_cores(m.forms, m.entry))}
    reported: set[tuple[int, int]] = set()
    for start, end, entry in found:
        shown = context.target[start:end]
        if shown in accepted or (start, end) in reported:
            continue  # an accepted form differing from a forbidden one only in case
        reported.add((start, end))
        yield Problem(
            f"{shown!r} is a forbidden rendering of {entry.traditional}; use {entry.english}",
            source_span=entry.traditional,
            target_span=shown,
        )


@dataclass(frozen=True)
class _Named:
    """A company of the glossary that the draft names and the source does not, before the last guards."""

    entry: GlossaryEntry
    shown: str
    span: tuple[int, int]


def _joined(text: str, toks: Sequence[Token]) -> bool:
    """Whether consecutive tokens are one name: spaces between them, or - ' and a dot with no space
    after it (JD.com) or after an initial (S.F. Holding); never across a sentence's or clause's end ("in
    China. Life insurers")."""
    for left, right in zip(toks, toks[1:], strict=False):
        gap = text[left[2] : right[1]]
        if gap.strip() and gap.strip() not in ("-", "'", "’", ".", "·"):  # & is a token of its own
            return False
        initial = left[2] - left[1] == 1
        if gap.startswith(".") and gap != "." and not (initial and gap == ". "):
            return False
        # A dot inside a name: JD.com, Trip.com, S.F. Holding; "China.Life" is two sentences run together.
        if gap == "." and text[right[1]].isupper() and not initial:
            return False
    return True


def _title_cased(text: str) -> bool:
    """A headline in title case, where a capital says nothing about a name."""
    words = re.findall(r"[A-Za-z][\w'-]{3,}", text)  # "and", "the", "for" stay lower case in a headline
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:;\n"


# A word after a capitalised word that makes it a verb or an adjective, not a company: "Leading the gains",
# "Keep an eye on".
_FUNCTION_WORD = re.compile(
    r"\s+"  # pragma: no mutate - a name ends on a token's edge, so a space always comes before the word
    r"(?:the|a|an|in|on|at|to|of|for|with|by|from|up|down|its|their|his|her|this|that|these|those)\b"
)


def _continues(text: str, toks: Sequence[Token], j: int) -> bool:
    """Whether the name at ``toks[..j]`` runs on into a longer capitalised name (BYD in "BYD Electronic")."""
    if j + 1 >= len(toks):
        return False
    following = toks[j + 1]
    gap = text[toks[j][2] : following[1]]
    return gap in (" ", "-") and text[following[1]].isupper() and following[0] not in _LEGAL_SUFFIXES


@check("hallucinated-entity", Severity.ERROR)
def hallucinated_entity(context: Context) -> Iterator[Problem]:
    """The draft names a glossary company that the source does not mention."""
    if context.glossary is None:
        return
    index = _index(context.glossary)
    matches = name_matches(context)
    named = {m.entry for m in matches if m.entry is not None}
    own_tickers = {t for f in context.facts for t in f.tickers} | {t for e in named for t in e.tickers}
    claimed = [s for m in matches for s in m.spans]
    source_tokens = tokens(context.source)
    toks = tokens(context.target)
    headline = _title_cased(context.target)
    found: list[_Named] = []
    i = 0
    while i < len(toks):
        best: tuple[int, tuple[int, ...], str] | None = None
        spelled = ""
        for j in range(i, min(len(toks), i + _MAX_WINDOW)):
            spelled += toks[j][0]
            if len(spelled) > index.longest:
                break
            places = index.entities.get(spelled)
            if places:
                best = (j, places, spelled)
        if best is None:
            i += 1
            continue
        j, places, spelled = best
        entries = [context.glossary.entries[place] for place in places]
        span = (toks[i][1], toks[j][2])
        name_tokens = toks[i : j + 1]
        i = j + 1
        invented = [e for e in entries if e not in named and not (set(e.tickers) & own_tickers)]
        if len(invented) < len(entries) or not invented or _overlaps(span, claimed):
            continue
        shown = context.target[span[0] : span[1]]
        if find_key(source_tokens, key(shown)):
            continue  # the source itself names it in Latin script
        if shown[0].islower() or not _joined(context.target, name_tokens):
            continue  # "power assets", "in China. Life…": words that spell a listed name, not a name
        if _continues(context.target, toks, j):
            continue  # BYD of "BYD Electronic": a shorter listed name inside a longer one
        if len(name_tokens) == 1 and (headline or _starts_sentence(context.target, span[0])):
            # "Leading the gains": a word at a sentence's start, not Leading Holdings Group. A short form
            # there is a word; the company's own English name is one unless a word like "the" follows.
            short = spelled in index.shortened or all(key(e.english) != spelled for e in invented)
            if short or _FUNCTION_WORD.match(context.target, span[1]):
                continue
        found.append(_Named(invented[0], shown, span))
    reported: set[GlossaryEntry] = set()
    for item in _unexplained(found, context.source):
        if item.entry in reported:
            continue
        reported.add(item.entry)
        entry = item.entry
        who = ", ".join([entry.english, *entry.tickers]) if key(item.shown) != key(entry.english) else ""
        if not who:
            who = ", ".join(entry.tickers)
        yield Problem(
            f"{item.shown}{f' ({who})' if who else ''} is named in the translation but not in the source",
            target_span=item.shown,
        )


# -- companies the source names in a form the glossary does not hold ----------------------------------------

# Place names that begin many companies' names and say nothing of which one is meant.
_PLACES = re.compile(
    "中國|中国|中華|中华|香港|北京|上海|廣州|广州|深圳|天津|重慶|重庆|浙江|江蘇|江苏|廣東|广东|福建|山東|山东|四川"
    "|湖南|湖北|河南|河北|安徽|江西|遼寧|辽宁|吉林|雲南|云南|陝西|陕西|新疆|內蒙古|内蒙古|國際|国际|亞洲|亚洲"
)
_LEGAL_CHARS = frozenset("股份有限公司")
# Latin abbreviations of market copy that are not shorthand for a list of companies.
_COMMON_ABBREVIATIONS = frozenset(
    [
        "IPO", "CEO", "CFO", "COO", "CTO", "GDP", "ETF", "REIT", "ESG", "AGM", "EGM", "EPS", "NAV", "PMI",
        "CPI", "PPI", "USD", "HKD", "RMB", "CNY", "HKEX", "SFC", "CSRC", "NYSE", "IMF", "WTO", "OPEC", "API",
        "APP", "TMT", "SME", "SPAC", "ROE", "MSCI", "FTSE", "CSI",
    ]
)  # fmt: skip
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{3,6}(?![A-Za-z])")


def _unexplained(found: Sequence[_Named], source: str) -> list[_Named]:
    """``found`` less the companies the source does name, in a form the glossary only partly knows: the
    start of the company's Chinese name (騰訊 for 騰訊控股有限公司, 周六福珠寶 for 周六福珠宝股份有限公司),
    its press abbreviation (中金 for 中國國際金融), or a letter of a shorthand for a list of companies (ATMXJ:
    Alibaba, Tencent, Meituan, Xiaomi, JD.com) when the draft spells out two or more of its letters."""
    if not found:
        return []
    from workbench.simplified import to_simplified

    simple = to_simplified(source)
    spans = {n.entry: _partly_named(n.entry, source, simple) for n in found}
    # A span of the source another company's name covers more of belongs to that company: 比亞迪電子 is BYD
    # Electronic's, not BYD's.
    left = [
        n
        for n in found
        if not any(
            not any(o != n.entry and _inside(span, other) for o, others in spans.items() for other in others)
            for span in spans[n.entry]
        )
    ]
    for acronym in set(_ACRONYM.findall(source)) - _COMMON_ABBREVIATIONS:
        letters = {n.entry: key(n.shown)[:1].upper() for n in left}
        covered = {letter for letter in letters.values() if letter in acronym}
        if len(covered) >= 2:
            left = [n for n in left if letters[n.entry] not in acronym]
    return left


def _inside(span: tuple[int, int], other: tuple[int, int]) -> bool:
    return other[0] <= span[0] and span[1] <= other[1] and other != span


def _partly_named(entry: GlossaryEntry, source: str, simple: str) -> list[tuple[int, int]]:
    """Where ``source`` names ``entry`` by the start of its Chinese name or an abbreviation of it."""
    from workbench.simplified import to_simplified

    found: list[tuple[int, int]] = []

    names = [n for n in (entry.traditional, entry.simplified, *entry.aliases) if n and not n.isascii()]
    for name in dict.fromkeys([*names, *(to_simplified(n) for n in names)]):
        rest = name
        while (place := _PLACES.match(rest)) and len(rest) > place.end() + 1:
            rest = rest[place.end() :]  # 香港上海大酒店: 大酒店
        for length in range(len(rest), 1, -1):
            head = rest[:length]
            if head[-1] in _LEGAL_CHARS or _ENDING_WORDS.fullmatch(head):
                continue
            at = source.find(head) if head in source else simple.find(head)
            if at >= 0:
                found.append((at, at + length))
                break
        # A press abbreviation: the first character of the name, or of its part after a place, and one of
        # its later characters (中金 for 中國國際金融, 聯通 for 中國聯合網絡通信).
        for whole in dict.fromkeys((name, rest)):
            for at, pair in (
                (at, text[at : at + 2]) for text in (source, simple) for at in range(len(text) - 1)
            ):
                if (
                    pair[0] == whole[0]
                    and pair[1] in whole[2:]
                    and pair[1] not in _LEGAL_CHARS
                    and not _PLACES.match(pair)
                ):
                    found.append((at, at + 2))
    return found


# Industry words that end company names: the start of a name only where something comes before them.
_ENDING_WORDS = re.compile(
    "銀行|银行|保險|保险|地產|地产|證券|证券|控股|集團|集团|科技|資本|资本|置業|置业|醫藥|医药|實業|实业|國際|国际"
    "|能源|汽車|汽车|電子|电子|金融|發展|发展|建設|建设|物業|物业|電力|电力"
)
