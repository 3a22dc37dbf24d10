"""A translation memory that learns from reviewers.

Every reviewed entry (non-fuzzy, non-empty, not obsolete) of every ``en.po`` under a translations tree is
a stored segment. A new sentence that was reviewed before comes back with its reviewed English; a sentence
that is close to one reviewed before comes back with that English, its numbers, tickers and names swapped
for the new sentence's own, so the engine is asked only about sentences nobody has translated yet.

Both kinds of match are machine output in the PO layout: the caller writes them ``fuzzy`` with the
``tm:`` comment from ``TMMatch.comments``. An exact match stays fuzzy on purpose: the same Chinese
sentence can need different English in another article (a pronoun, a tense, a date that moved), and a
reviewer confirms it with one keystroke (Poedit "needs work" toggle, Weblate "needs editing"), while
an unconfirmed reuse could otherwise slip into a published draft unread.

Lookups go through an in-memory index that is built on first use: exact matches through a dictionary,
near matches through a character-bigram inverted index (numpy postings) that picks a few dozen candidates
sharing the rarest bigrams of the sentence, scored by rapidfuzz. Parsing PO files is the slow part of a
load, so the parsed segments are cached under the tree in ``.workbench-tm.json``, keyed by each file's
modification time and size.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from workbench.errors import InputError
from workbench.model import Fact, FactKind, GlossaryEntry, Origin, TermHit
from workbench.textio import write_text_atomic

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_THRESHOLD = 75.0
CACHE_NAME = ".workbench-tm.json"
_CACHE_VERSION = 1

# How many index candidates rapidfuzz scores per sentence, and how many postings the index may read to
# find them. Near duplicates share most bigrams, so the rarest bigrams of a sentence already find them.
_CANDIDATES = 48
_POSTINGS_BUDGET = 8_000

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_APPROX_WORDS = r"(?:about|around|approximately|roughly|nearly|almost|some|over|more than|less than|up to)"
_APPROX_BEFORE = re.compile(rf"\b{_APPROX_WORDS}\s+$", re.IGNORECASE)
_APPROX_AFTER = re.compile(rf"^{_APPROX_WORDS}\s+", re.IGNORECASE)
# The figure of a rendered quantity: "HK$139 billion" of "HK$139 billion", "59.96 million" of "about
# 59.96 million shares".
_CORE = re.compile(r"(?:[A-Z]{0,3}\$)?\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion|trillion))?")
_LATIN = re.compile(r"[A-Za-z]")


class TermMatcher(Protocol):
    """What the memory needs from a glossary: the names in a sentence (``Glossary`` conforms)."""

    def match(self, text: str) -> Sequence[TermHit]: ...


Extractor = Callable[[str, Sequence[TermHit]], Sequence[Fact]]


@dataclass(frozen=True)
class TMEntry:
    """One reviewed sentence: the Traditional source and the English a reviewer accepted."""

    source: str
    target: str
    ctx: str
    article: str
    simplified: str = ""  # from zh_Hans.po of the same article, when there is one
    path: str = ""  # the en.po it came from, relative to the tree
    modified: int = 0  # mtime (ns) of that file; the newest reviewer's choice wins a tie


@dataclass(frozen=True)
class TMMatch:
    """A draft served from the memory instead of the engine."""

    draft: str
    score: float  # 100 for an exact match; rapidfuzz ratio (0-100, capped at 99) for a near one
    exact: bool
    origin_ctx: str
    origin_article: str
    origin_source: str
    origin_target: str
    notes: tuple[str, ...] = ()  # ``tm:`` lines on substitutions a reviewer should look at
    variants: int = 1  # distinct reviewed translations of the matched source

    @property
    def origin(self) -> Origin:
        return Origin.TM_EXACT if self.exact else Origin.TM_FUZZY

    @property
    def comment(self) -> str:
        """The ``#.`` line of the PO layout: ``tm: 92% match of <ctx> in <article-id>``."""
        how = "exact" if self.exact else f"{self.score:.0f}%"
        return f"tm: {how} match of {self.origin_ctx} in {self.origin_article}"

    @property
    def comments(self) -> tuple[str, ...]:
        """Every ``#.`` line the caller writes for this match, the match line first."""
        extra = (f"tm: {self.variants} different reviewed translations; the most used one is shown",)
        return (self.comment, *(extra if self.variants > 1 else ()), *self.notes)


def normalise(text: str) -> str:
    """The form two sources are compared in for an exact match: whitespace runs collapsed."""
    return " ".join(text.split())


def masked(text: str) -> str:
    """The form near matches are scored in: every number one placeholder.

    A sentence that differs from a reviewed one only in its figures is the best kind of near match,
    because the figures are exactly what substitution repairs; scoring raw text would rank it below a
    sentence with different words.
    """
    return _NUMBER.sub("#", normalise(text))


def _mask_normalised(key: str) -> str:
    return _NUMBER.sub("#", key)


class TranslationMemory:
    """Reviewed segments and the index that finds them; see the module docstring."""

    def __init__(
        self,
        entries: Iterable[TMEntry] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
        glossary: TermMatcher | None = None,
        extractor: Extractor | None = None,
    ) -> None:
        if not 0 < threshold <= 100:
            raise InputError(f"TM threshold {threshold} is out of range; give a score between 1 and 100")
        self.threshold = float(threshold)
        self.glossary = glossary
        self._extractor = extractor
        self._entries: tuple[TMEntry, ...] | None = tuple(entries)
        self._tree: Path | None = None
        self._use_cache = True
        self._index: _Index | None = None
        self._facts_cache: dict[str, tuple[tuple[TermHit, ...], tuple[Fact, ...]]] = {}

    @classmethod
    def load(
        cls,
        tree: Path,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        glossary: TermMatcher | None = None,
        extractor: Extractor | None = None,
        cache: bool = True,
    ) -> TranslationMemory:
        """The memory of every reviewed entry under ``tree``; nothing is read until the first lookup."""
        tm = cls(threshold=threshold, glossary=glossary, extractor=extractor)
        tm._entries = None
        tm._tree = Path(tree)
        tm._use_cache = cache
        return tm

    @property
    def entries(self) -> tuple[TMEntry, ...]:
        if self._entries is None:
            assert self._tree is not None
            self._entries = tuple(read_tree(self._tree, cache=self._use_cache))
        return self._entries

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(
        self,
        source: str,
        facts: Sequence[Fact] | None = None,
        hits: Sequence[TermHit] | None = None,
    ) -> TMMatch | None:
        """The best reviewed draft for ``source``, or None when nothing scores above the threshold.

        ``facts`` and ``hits`` are the new sentence's, when the caller has them already; otherwise they
        are read here with the fact layer (and the glossary, when the memory was given one).
        """
        index = self._ensure_index()
        key = normalise(source)
        if not key:
            return None
        exact = index.exact.get(key)
        if exact is not None:
            entry, variants = exact
            return TMMatch(
                draft=entry.target,
                score=100.0,
                exact=True,
                origin_ctx=entry.ctx,
                origin_article=entry.article,
                origin_source=entry.source,
                origin_target=entry.target,
                variants=variants,
            )
        found = index.near(_mask_normalised(key), self.threshold)
        if found is None:
            return None
        (entry, variants), score = found
        new_hits = tuple(hits) if hits is not None else self._hits(source)
        new_facts = tuple(facts) if facts is not None else tuple(self._extract(source, new_hits))
        old_hits, old_facts = self._stored_facts(entry.source)
        if self.glossary is None:
            # Without a glossary the stored sentence's names cannot be read, so the caller's name facts
            # would all look new; names are then left to the caller's checks.
            new_facts = tuple(f for f in new_facts if f.kind is not FactKind.NAME)
        draft, notes = substitute(entry.target, old_facts, new_facts, old_hits, new_hits)
        return TMMatch(
            draft=draft,
            score=min(score, 99.0),
            exact=False,
            origin_ctx=entry.ctx,
            origin_article=entry.article,
            origin_source=entry.source,
            origin_target=entry.target,
            notes=tuple(notes),
            variants=variants,
        )

    def lookup_many(self, sources: Sequence[str]) -> list[TMMatch | None]:
        """``lookup`` for each sentence, in order; the sentences left None are the ones for the engine."""
        return [self.lookup(source) for source in sources]

    def _ensure_index(self) -> _Index:
        if self._index is None:
            self._index = _Index(self.entries)
        return self._index

    def _stored_facts(self, source: str) -> tuple[tuple[TermHit, ...], tuple[Fact, ...]]:
        """Hits and facts of a stored source, read once: boilerplate sentences match again and again."""
        known = self._facts_cache.get(source)
        if known is None:
            hits = self._hits(source)
            known = self._facts_cache[source] = (hits, tuple(self._extract(source, hits)))
        return known

    def _hits(self, text: str) -> tuple[TermHit, ...]:
        return tuple(self.glossary.match(text)) if self.glossary is not None else ()

    def _extract(self, text: str, hits: Sequence[TermHit]) -> Sequence[Fact]:
        if self._extractor is None:
            from workbench.facts import extract

            self._extractor = extract
        return self._extractor(text, hits)


# --- substitution of the new sentence's facts into the stored English ---------------------------------

_QUANTITY_KINDS = {
    FactKind.AMOUNT,
    FactKind.SHARES,
    FactKind.COUNT,
    FactKind.AREA,
    FactKind.PERCENT,
    FactKind.MULTIPLE,
    FactKind.POINTS,
    FactKind.PRICE,
}
# The fact reader and an English reader may disagree on whether 7.87 yuan a share is an amount or a price.
_KIND_GROUP = {FactKind.PRICE: FactKind.AMOUNT}


def substitute(
    english: str,
    old_facts: Sequence[Fact],
    new_facts: Sequence[Fact],
    old_hits: Sequence[TermHit] = (),
    new_hits: Sequence[TermHit] = (),
) -> tuple[str, list[str]]:
    """Put the new sentence's facts where the old sentence's facts are in its reviewed English.

    Facts are paired kind by kind in source order. A pair that reads the same needs nothing; otherwise the
    old fact is found in the English (its house-style rendering, else a number, ticker or glossary name of
    the same value) and replaced by the new fact's rendering. What cannot be placed is reported as a
    ``tm:`` note, and the caller's checks flag the draft.
    """
    notes: list[str] = []
    edits: list[tuple[int, int, str]] = []
    used: list[tuple[int, int]] = []
    for old, new in _pair(old_facts, new_facts):
        if old is None and new is not None:
            notes.append(f"tm: {new.text} ({new.english}) is new in this sentence; add it to the draft")
            continue
        if new is None and old is not None:
            notes.append(f"tm: {old.text} ({old.english}) is not in this sentence; remove it from the draft")
            continue
        assert old is not None and new is not None
        if _same(old, new):
            continue
        placed = _place(english, old, new, old_hits, new_hits, used)
        if placed is None:
            notes.append(
                f"tm: could not find {old.english} for {old.text} in the reviewed English; "
                f"write {new.english} for {new.text}"
            )
            continue
        start, end, replacement = placed
        used.append((start, end))
        edits.append(placed)
        notes.append(f"tm: {old.text} → {new.text}: {english[start:end]} replaced by {replacement}")
    for start, end, replacement in sorted(edits, reverse=True):
        english = english[:start] + replacement + english[end:]
    return english, notes


def _group(kind: FactKind) -> FactKind:
    return _KIND_GROUP.get(kind, kind)


def _pair(old: Sequence[Fact], new: Sequence[Fact]) -> list[tuple[Fact | None, Fact | None]]:
    """Pair facts of one kind in source order; when one side has more, equal facts pair up first.

    Same count: the sentences differ in figures, and the n-th figure of one is the n-th of the other
    ("fell to 2.5 from 3.1" → "fell to 3.1 from 4"). Different count: a figure was added or dropped,
    and the unchanged ones are recognised by value before the rest are paired in order.
    """
    pairs: list[tuple[Fact | None, Fact | None]] = []
    kinds = dict.fromkeys(_group(f.kind) for f in (*old, *new))
    for kind in kinds:
        olds = sorted((f for f in old if _group(f.kind) == kind), key=lambda f: f.start)
        news = sorted((f for f in new if _group(f.kind) == kind), key=lambda f: f.start)
        for o in list(olds) if len(olds) != len(news) else ():
            twin = next((n for n in news if _same(o, n)), None)
            if twin is not None:
                olds.remove(o)
                news.remove(twin)
                pairs.append((o, twin))
        for i in range(max(len(olds), len(news))):
            pairs.append((olds[i] if i < len(olds) else None, news[i] if i < len(news) else None))
    return pairs


def _same(old: Fact, new: Fact) -> bool:
    if old.kind in (FactKind.NAME, FactKind.TICKER):
        return old.english == new.english and old.tickers == new.tickers
    if old.value is not None and new.value is not None:
        return (old.value, old.upper, old.unit, old.english) == (new.value, new.upper, new.unit, new.english)
    return old.english == new.english


def _free(start: int, end: int, used: Sequence[tuple[int, int]]) -> bool:
    return all(end <= a or start >= b for a, b in used)


def _literal(text: str, needle: str, used: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    if not needle:
        return None
    # Word-ish boundaries keep "14%" from matching inside "114%" and "Sense" inside "SenseTime".
    left = r"(?<![0-9A-Za-z])" if needle[0].isalnum() else ""
    right = r"(?![0-9A-Za-z])" if needle[-1].isalnum() else ""
    for m in re.finditer(left + re.escape(needle) + right, text):
        if _free(m.start(), m.end(), used):
            return m.start(), m.end()
    return None


def _entry_at(fact: Fact, hits: Sequence[TermHit]) -> GlossaryEntry | None:
    for hit in hits:
        if hit.start == fact.start and hit.end == fact.end:
            return hit.entry
    for hit in hits:
        if hit.text == fact.text:
            return hit.entry
    return None


def _english_forms(entry: GlossaryEntry | None, fallback: str) -> list[str]:
    forms = [fallback]
    if entry is not None:
        forms += [entry.english, *(a for a in entry.aliases if _LATIN.search(a))]
    unique = [f for f in dict.fromkeys(forms) if f]
    return sorted(unique, key=len, reverse=True)


def _requantify(english: str, start: int, found: str, old: Fact, new: Fact) -> str:
    """The reviewer's wording of a quantity with the new figure in it.

    "RMB2.5 billion" becomes "RMB1.2 billion", not the house-style "1.2 billion yuan", so a sentence that
    names two amounts keeps one style; a change of currency or unit takes the house style whole.
    """
    old_core, new_core = _CORE.search(old.english), _CORE.search(new.english)
    if old_core and new_core and old.unit == new.unit:
        pattern = rf"(?<![\d.,]){re.escape(old_core.group())}(?![\d])"
        if len(re.findall(pattern, found)) == 1:
            return re.sub(pattern, lambda _: new_core.group(), found)
    replacement = new.english
    # "some 59.96 million shares" keeps the reviewer's "some" rather than gaining an "about".
    if _APPROX_BEFORE.search(english[:start]):
        replacement = _APPROX_AFTER.sub("", replacement, count=1)
    return replacement


def _place(
    english: str,
    old: Fact,
    new: Fact,
    old_hits: Sequence[TermHit],
    new_hits: Sequence[TermHit],
    used: Sequence[tuple[int, int]],
) -> tuple[int, int, str] | None:
    if old.kind == FactKind.NAME:
        old_entry = _entry_at(old, old_hits)
        new_entry = _entry_at(new, new_hits)
        for form in _english_forms(old_entry, old.english):
            span = _literal(english, form, used)
            if span is None:
                continue
            # A reviewer who wrote the short name gets the new company's short name, not its legal name.
            full = form in (old.english, old_entry.english if old_entry else None)
            short = [a for a in new_entry.aliases if _LATIN.search(a)] if new_entry else []
            replacement = new.english if full or not short else min(short, key=len)
            return span[0], span[1], replacement
        return None
    span = _literal(english, old.english, used)
    if span is not None:
        return span[0], span[1], new.english
    if old.kind == FactKind.TICKER:
        from workbench.facts import find_tickers

        for ticker, start, end in find_tickers(english):
            if ticker in old.tickers and _free(start, end, used):
                bracketed = english[start:end].startswith("(")
                replacement = new.english if bracketed or not new.tickers else new.tickers[0]
                return start, end, replacement
        return None
    if old.kind in _QUANTITY_KINDS and old.value is not None:
        from workbench.facts import find_quantities

        for q in find_quantities(english):
            same_unit = q.unit == old.unit or not q.unit or not old.unit
            if q.value == old.value and q.upper == old.upper and same_unit and _free(q.start, q.end, used):
                return q.start, q.end, _requantify(english, q.start, q.text, old, new)
    return None


# --- the index ---------------------------------------------------------------------------------------


class _Index:
    """Exact dictionary plus a bigram inverted index over the masked sources."""

    def __init__(self, entries: Sequence[TMEntry]) -> None:
        self.exact: dict[str, tuple[TMEntry, int]] = {}
        repeated: dict[str, list[TMEntry]] = {}
        for entry in entries:
            key = normalise(entry.source)
            if not key or not entry.target.strip():
                continue
            if key not in self.exact:
                self.exact[key] = (entry, 1)
            else:
                repeated.setdefault(key, [self.exact[key][0]]).append(entry)
        for key, group in repeated.items():
            self.exact[key] = (_choose(group), len({e.target for e in group}))
        # Sources identical once numbers are masked share one row; the first stored one represents them.
        rows: dict[str, tuple[TMEntry, int]] = {}
        for key, chosen in self.exact.items():
            rows.setdefault(_mask_normalised(key), chosen)
        self.keys: list[str] = list(rows)
        self.rows: list[tuple[TMEntry, int]] = list(rows.values())
        self._built = False

    def _build(self) -> None:
        """Postings of every bigram, as one sorted array (CSR layout), built with sorts not Python loops."""
        import numpy as np

        n = len(self.keys)
        self.lengths = np.array([len(k) for k in self.keys], dtype=np.int64)
        bits = max(1, n.bit_length())
        if 2 * _CODE_BITS + bits > 63:
            raise InputError(f"{n} stored segments are more than the memory index holds; split the tree")
        codes, rows = _bigrams(self.keys)
        # np.sort on one int64 key is far faster than np.unique or argsort on pairs.
        combined = np.sort((codes << bits) | rows)
        if len(combined):
            combined = combined[np.concatenate(([True], combined[1:] != combined[:-1]))]
        grams = combined >> bits
        self.postings = combined & ((1 << bits) - 1)
        first = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1]))) if len(grams) else grams
        self.vocab = grams[first]
        self.indptr = np.concatenate((first, [len(grams)]))
        self._built = True

    def near(self, query: str, threshold: float) -> tuple[tuple[TMEntry, int], float] | None:
        import numpy as np
        from rapidfuzz import fuzz, process

        if not self.keys:
            return None
        if not self._built:
            self._build()
        if not len(self.vocab):
            return None
        padded = "\x02" + query + "\x03"
        grams = {(ord(a) << _CODE_BITS) | ord(b) for a, b in zip(padded, padded[1:], strict=False)}
        codes = np.fromiter(grams, dtype=np.int64, count=len(grams))
        ids = np.searchsorted(self.vocab, codes)
        inside = ids < len(self.vocab)
        ids, codes = ids[inside], codes[inside]
        ids = ids[self.vocab[ids] == codes]
        if not len(ids):
            return None
        starts = self.indptr[ids]
        sizes = self.indptr[ids + 1] - starts
        # The rarest bigrams of the sentence first: a near duplicate shares most of them, so the
        # posting lists of a few rare ones already hold it, and common ones only add noise.
        order = np.argsort(sizes)
        within = int(np.searchsorted(np.cumsum(sizes[order]), _POSTINGS_BUDGET, side="right"))
        order = order[: max(1, within)]
        taken = [
            self.postings[start : start + size]
            for start, size in zip(starts[order].tolist(), sizes[order].tolist(), strict=True)
        ]
        found_rows = np.concatenate(taken)
        # A ratio of t needs the shorter string to be at least t / (200 - t) of the longer one.
        lengths = self.lengths[found_rows]
        found_rows = found_rows[
            (lengths * (200 - threshold) >= len(query) * threshold)
            & (lengths * threshold <= len(query) * (200 - threshold))
        ]
        if not len(found_rows):
            return None
        found_rows = np.sort(found_rows)
        first = np.flatnonzero(np.concatenate(([True], found_rows[1:] != found_rows[:-1])))
        candidates = found_rows[first]
        if len(candidates) > _CANDIDATES:
            shared = np.diff(np.concatenate((first, [len(found_rows)])))
            candidates = np.sort(candidates[np.argpartition(-shared, _CANDIDATES)[:_CANDIDATES]])
        choices = [self.keys[int(r)] for r in candidates]
        best = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is None:
            return None
        _, score, position = best
        return self.rows[int(candidates[position])], float(score)


_CODE_BITS = 21  # a Unicode code point


def _bigrams(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every character bigram of each text (with start and end marks), as int codes with their row."""
    import numpy as np

    padded = ["\x02" + t + "\x03" for t in texts]
    lengths = np.array([len(t) for t in padded], dtype=np.int64)
    points = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    row_of = np.repeat(np.arange(len(padded), dtype=np.int64), lengths)
    last = np.cumsum(lengths) - 1
    keep = np.ones(len(points) - 1, dtype=bool)
    keep[last[:-1]] = False  # a bigram may not span two texts
    codes = (points[:-1] << _CODE_BITS) | points[1:]
    return codes[keep], row_of[:-1][keep]


def _choose(group: Sequence[TMEntry]) -> TMEntry:
    """The reviewed translation most reviewers used; among equals, the most recently saved one."""
    counts = Counter(e.target for e in group)
    return max(group, key=lambda e: (counts[e.target], e.modified))


# --- reading the tree --------------------------------------------------------------------------------


def read_tree(tree: Path, *, cache: bool = True) -> list[TMEntry]:
    """Every reviewed entry of every ``en.po`` under ``tree``, using and refreshing the cache."""
    tree = Path(tree)
    if not tree.is_dir():
        raise InputError(f"{tree}: not a folder; give the translations folder (or one article folder)")
    cache_path = tree / CACHE_NAME
    old = _read_cache(cache_path) if cache else {}
    fresh: dict[str, Any] = {}
    entries: list[TMEntry] = []
    for po_path in sorted(tree.rglob("en.po")):
        rel = po_path.relative_to(tree).as_posix()
        stamp = _stamp(po_path)
        cached = old.get(rel)
        if cached is not None and cached.get("stamp") == stamp:
            rows = cached["entries"]
        else:
            rows = [[e.source, e.target, e.ctx, e.article, e.simplified] for e in _read_article(po_path)]
        fresh[rel] = {"stamp": stamp, "entries": rows}
        modified = stamp[0][0]
        entries.extend(
            TMEntry(
                source=r[0], target=r[1], ctx=r[2], article=r[3], simplified=r[4], path=rel, modified=modified
            )
            for r in rows
        )
    if cache and fresh != old:
        _write_cache(cache_path, fresh)
    return entries


def _stamp(po_path: Path) -> list[list[int]]:
    """What the cache is keyed by: mtime and size of en.po and of zh_Hans.po beside it."""
    stamp = []
    for path in (po_path, po_path.with_name("zh_Hans.po")):
        try:
            st = path.stat()
            stamp.append([st.st_mtime_ns, st.st_size])
        except FileNotFoundError:
            stamp.append([0, -1])
    return stamp


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _write_cache(path: Path, files: dict[str, Any]) -> None:
    # The cache only saves time: a read-only or full disk must not stop a translation run.
    with contextlib.suppress(OSError):
        write_text_atomic(path, json.dumps({"version": _CACHE_VERSION, "files": files}, ensure_ascii=False))


def open_po(path: Path) -> Any:
    """Parse a PO file the way the PO layer does: strictly, a broken file is one line naming file and line.

    polib alone accepts some broken lines (an unterminated string loses a character), and a draft or a
    memory built from a misread file would pass the damage on.
    """
    from workbench.po import load_po

    return load_po(path)


def is_reviewed(entry: Any) -> bool:
    """Reviewed in the PO layout: not obsolete, not fuzzy, with a translation."""
    return not entry.obsolete and "fuzzy" not in entry.flags and bool(entry.msgstr.strip())


def article_id(po: Any, po_path: Path) -> str:
    return str(po.metadata.get("X-Workbench-Article") or po_path.parent.name)


def _read_article(po_path: Path) -> list[TMEntry]:
    po = open_po(po_path)
    article = article_id(po, po_path)
    simplified: dict[str, str] = {}
    zh_path = po_path.with_name("zh_Hans.po")
    if zh_path.exists():
        for e in open_po(zh_path):
            if not e.obsolete and e.msgstr.strip():
                simplified[e.msgctxt or e.msgid] = e.msgstr
    return [
        TMEntry(
            source=e.msgid,
            target=e.msgstr,
            ctx=e.msgctxt or "",
            article=article,
            simplified=simplified.get(e.msgctxt or e.msgid, ""),
        )
        for e in po
        if is_reviewed(e) and e.msgid.strip()
    ]
