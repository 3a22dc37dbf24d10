"""The in-memory glossary: lookups by name and ticker, and the name matcher.

Matching is the hot path of every translation run, so the names are indexed once (lazily, on the first
``match``) in a hash of names and the lengths they come in; a scan then costs the same whether the
glossary holds forty entries or forty thousand. Each index (names to match, tickers, names for lookup) is
built on first use, so a command that needs one of them does not pay for the others.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from workbench import tickers as tk
from workbench.model import Fact, FactKind, GlossaryEntry, TermHit

if TYPE_CHECKING:
    from workbench.facts.article import ArticleContext
    from workbench.facts.style import Style

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


# An HK ticker already as ``tickers.normalise`` writes it (most of an imported glossary): no need to parse.
CANONICAL_HK = re.compile(r"(?:\d{4}|[1-9]\d{4})\.HK")


# What may be a listing code in a sentence: a short number, X.HK, a US symbol, a mainland code.
_CODE_LIKE = re.compile(r"(?<![\d.])\d{1,5}(?:\.HK)?(?![\d])|\b[A-Z]{1,6}\.US\b|\b\d{6}\.S[HZ]\b")


@contextmanager
def bulk() -> Iterator[None]:
    """Make many small objects (a glossary's entries, an index of its names) without the cyclic garbage
    collector: they hold no cycles, and its passes over the growing heap took a sixth of the time to load
    and index 20,000 rows.

    They live as long as the glossary, so they then join the oldest generation at once (``gc.freeze``,
    ``gc.unfreeze``), as if they had survived the young collections, which would otherwise each traverse
    all of them again: a fifth of loading 20,000 rows from the cache. Whatever else is young goes with them,
    its cyclic garbage left to the next full collection; objects a program froze itself are left alone."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


# Each name the matcher looks for with its entry's place, whether it is in Latin script and, for a name
# matched only with a code after it, the places of every entry it may name; the lengths of the names that
# begin with each pair of characters (or the one character of a one-character name), longest first; the
# words that keep a short name from matching where they run into it (``data/not_names.txt``) and their
# lengths; the places a short name is not matched right after (江蘇宏信 is no 宏信) and their lengths.
_MatchIndex = tuple[
    dict[str, tuple[int, bool, tuple[int, ...]]],
    dict[str, tuple[int, ...]],
    dict[str, int],
    tuple[int, ...],
    dict[str, int],
    tuple[int, ...],
]
# A name this short or shorter is not matched where a word of ``not_names.txt`` runs into it.
GUARDED_LENGTH = 3
# A code in brackets right after a name: 騰訊(00700), 貪玩（09890.HK）, 周六福 (股份代號：6168).
_CODE_AFTER = re.compile(r"\s?[(（]\s*([^()（）\n]{1,40}?)\s*[)）]")
T = TypeVar("T")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


class Glossary:
    """An immutable set of glossary entries, as loaded from ``glossary.csv`` or built in code."""

    def __init__(self, entries: Iterable[GlossaryEntry], source: Path | None = None) -> None:
        self.entries: tuple[GlossaryEntry, ...] = tuple(entries)
        self.source = source
        self._names: dict[str, GlossaryEntry] | None = None
        self._indexes: dict[str, object] = {}
        self._write_indexes: Callable[[dict[str, object]], None] | None = None

    def __getstate__(self) -> dict[str, object]:
        # A copy sent to another process (a cluster's worker) keeps the indexes built so far but never
        # writes the glossary's cache: that file belongs to the process that read the glossary.
        state = dict(self.__dict__)
        state["_write_indexes"] = None
        return state

    @classmethod
    def from_entries(cls, entries: Iterable[GlossaryEntry]) -> Glossary:
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    # -- indexes ---------------------------------------------------------------------------------------

    def index(self, name: str, build: Callable[[], T]) -> T:
        """The glossary-wide index ``name``, built by ``build`` once for this glossary, and with a cache
        (``workbench.glossary.cache``) once for the file's content: plain data (str, int, bool, tuple,
        dict) referring to entries by their place in ``entries``, so that it can be kept on disk."""
        if name not in self._indexes:
            self._indexes[name] = build()
            if self._write_indexes is not None:
                self._write_indexes(self._indexes)
        return cast(T, self._indexes[name])

    def keep_indexes(self, indexes: dict[str, object], write: Callable[[dict[str, object]], None]) -> None:
        """Indexes read back from a cache, and how to write the cache when another one is built."""
        self._indexes = dict(indexes)
        self._write_indexes = write

    # -- lookups ---------------------------------------------------------------------------------------

    def by_ticker(self, ticker: str) -> GlossaryEntry | None:
        """The entry listed under ``ticker`` in any written form (``00020``, ``20.HK``, ``HK:0020``)."""
        wanted = tk.normalise(ticker) or ticker.strip().upper()
        place = self.index("tickers", self._ticker_places).get(wanted)
        return None if place is None else self.entries[place]

    def _ticker_places(self) -> dict[str, int]:
        table: dict[str, int] = {}
        with bulk():
            for place, entry in enumerate(self.entries):
                for t in entry.tickers:
                    table.setdefault(
                        t if CANONICAL_HK.fullmatch(t) else (tk.normalise(t) or t.upper()), place
                    )
        return table

    def by_name(self, name: str) -> GlossaryEntry | None:
        """The entry whose Traditional or Simplified name or alias is exactly ``name`` (Latin: any case)."""
        if self._names is None:
            table: dict[str, GlossaryEntry] = {}
            with bulk():
                for entry in self.entries:
                    for form in names_of(entry):
                        table.setdefault(name_key(form), entry)
            self._names = table
        return self._names.get(name_key(name))

    def code_hits(self, facts: Sequence[Fact], hits: Sequence[TermHit]) -> tuple[TermHit, ...]:
        """Entries a sentence names only by code: 某公司(01234) when the glossary lists 1234.HK.

        With the exchange's list imported, the glossary knows every listed code even where an article
        writes a name it lacks, so the code's span stands in for the name: the reviewer gets the hint and
        the name checks expect the company in the draft.
        """
        named = {hit.entry for hit in hits}
        found: list[TermHit] = []
        for fact in facts:
            if fact.kind is not FactKind.TICKER:
                continue
            for ticker in fact.tickers:
                entry = self.by_ticker(ticker)
                if entry is not None and entry not in named:
                    named.add(entry)
                    found.append(TermHit(entry=entry, start=fact.start, end=fact.end, text=fact.text))
                    break
        return tuple(found)

    def entries_in(self, text: str) -> tuple[GlossaryEntry, ...]:
        """Every entry a sentence's output may depend on: those it names, and any whose code it writes.

        Cheap and generous on purpose (any short number counts as a code), for deciding whether an
        article must be redone after a glossary change: a hit by code alone (``code_hits``) needs the
        sentence's facts, which a skipped article never reads.
        """
        found = {hit.entry: None for hit in self.match(text)}
        for token in _CODE_LIKE.findall(text):
            entry = self.by_ticker(token)
            if entry is not None:
                found.setdefault(entry, None)
        return tuple(found)

    def english_forms(self, entry: GlossaryEntry) -> tuple[str, ...]:
        """English names a draft may use for ``entry``: the English name, then the Latin-script aliases."""
        if not entry.aliases:  # most of an imported glossary; the checks ask for every company's forms
            return (entry.english,) if entry.english else ()
        forms = [entry.english] if entry.english else []
        forms += [a for a in entry.aliases if not has_cjk(a) and a not in forms]
        return tuple(forms)

    # -- matching --------------------------------------------------------------------------------------

    def match(self, text: str) -> tuple[TermHit, ...]:
        """Glossary names in ``text``: the longest at each position, left to right, never overlapping.

        Traditional and Simplified names and Chinese aliases (and their Simplified forms) are matched; a
        name in Latin script only where it stands as a whole word, so ``OpenAI`` does not fire inside
        ``OpenAIX``. A name two entries share, or one that is an ordinary word (周六, 貪玩), is matched only
        with the code of one of them in brackets right after it (貪玩(09890)); so is a short name where a
        word runs into it (恒生 in 恒生指數, 長和 in 增長和).
        """
        if not text or not self.entries:
            return ()
        names, lengths, blocks, block_lengths, places, place_lengths = self.index("match", self._matcher)
        entries = self.entries
        hits: list[TermHit] = []
        start, size = 0, len(text)
        while start < size:
            # Only the lengths of names that begin with these two characters (or this one) are tried.
            for length in lengths.get(text[start : start + 2], ()) + lengths.get(text[start], ()):
                found = names.get(text[start : start + length]) if start + length <= size else None
                if found is None:
                    continue
                place, latin, owners = found
                end = start + length
                if latin and not _stands_alone(text, start, end):
                    continue
                if owners or (
                    length <= GUARDED_LENGTH
                    and (
                        _runs_into_word(text, start, end, blocks, block_lengths)
                        or _after_place(text, start, places, place_lengths)
                    )
                ):
                    coded = _coded_owner(text, end, owners or (place,), entries)
                    if coded is None:
                        continue
                    place = coded
                hits.append(TermHit(entries[place], start, end, text[start:end]))
                start = end
                break
            else:
                start += 1
        return tuple(hits)

    def _matcher(self) -> _MatchIndex:
        """The names to match in a hash, and the lengths they come in by their first two characters.

        Not an Aho-Corasick automaton: building its trie of 36,000 Chinese names took longer than checking
        a whole page with them, while the two characters at a position rule out nearly every length
        before a single lookup, so a scan stays as cheap as the automaton's on a page.

        An entry's own names (Traditional, Simplified) are claimed first, by the first entry that has them
        (a second is a duplicate that ``glossary check`` reports; matching stays deterministic meanwhile);
        an alias no entry has as its own name is matched alone only when one entry has it and it is no
        ordinary word.
        """
        from workbench.glossary.press_names import common_match_words, not_name_words, place_words

        common = common_match_words()
        with bulk():
            own: dict[str, int] = {}
            aliases: dict[str, list[int]] = {}
            keyed = zip(self.entries, all_match_keys(self.entries), strict=True)
            for place, (entry, keys) in enumerate(keyed):
                for key in keys:
                    if key == entry.traditional or key == entry.simplified:
                        own.setdefault(key, place)
                    else:
                        holders = aliases.setdefault(key, [])
                        if place not in holders:
                            holders.append(place)
            names: dict[str, tuple[int, bool, tuple[int, ...]]] = {}
            for key, place in own.items():
                coded = (place, *aliases.get(key, ())) if key in common else ()
                names[key] = (place, not has_cjk(key), coded)
            for key, holders in aliases.items():
                if key in names:
                    continue
                shared = len(holders) > 1 or key in common
                names[key] = (holders[0], not has_cjk(key), tuple(holders) if shared else ())
            by_start: dict[str, set[int]] = {}
            for key in names:
                by_start.setdefault(key[:2], set()).add(len(key))
            lengths = {pair: tuple(sorted(sizes, reverse=True)) for pair, sizes in by_start.items()}
            blocks = dict.fromkeys(not_name_words(), 1)
            block_lengths = tuple(sorted({len(word) for word in blocks}))
            places = dict.fromkeys(place_words(), 1)
            place_lengths = tuple(sorted({len(word) for word in places}))
        return names, lengths, blocks, block_lengths, places, place_lengths


def _runs_into_word(text: str, start: int, end: int, blocks: dict[str, int], sizes: tuple[int, ...]) -> bool:
    """Whether a word of ``blocks`` overlaps ``text[start:end]`` and reaches beyond it (增長和, 恒生指數)."""
    for size in sizes:
        for at in range(max(0, start - size + 1), min(end, len(text) - size + 1)):
            if (at < start or at + size > end) and text[at : at + size] in blocks:
                return True
    return False


def _after_place(text: str, start: int, places: dict[str, int], sizes: tuple[int, ...]) -> bool:
    """Whether a place (江蘇, 深圳市) ends right where a short name begins: the name is then the end of a
    longer company name the glossary lacks."""
    return any(size <= start and text[start - size : start] in places for size in sizes)


def _coded_owner(
    text: str, end: int, owners: tuple[int, ...], entries: Sequence[GlossaryEntry]
) -> int | None:
    """The place of the one of ``owners`` whose code is in brackets right after ``text[:end]``, if any."""
    m = _CODE_AFTER.match(text, end)
    if m is None:
        return None
    from workbench.facts.zh_tickers import _TICKER_LABEL as TICKER_LABEL

    content = m.group(1)
    label = TICKER_LABEL.match(content)
    codes = {tk.normalise(part) for part in tk.split_list(content[label.end() :] if label else content)}
    return next((place for place in owners if codes.intersection(entries[place].tickers)), None)


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if _is_word_char(text[start]) and before and _is_word_char(before):
        return False
    return not (_is_word_char(text[end - 1]) and after and _is_word_char(after))


def names_and_facts(
    glossary: Glossary, text: str, style: Style | None = None, article: ArticleContext | None = None
) -> tuple[tuple[TermHit, ...], tuple[Fact, ...]]:
    """The glossary names of a source sentence (hits by name, then by code alone) and its facts, rendered
    in ``style`` (the house style; default: the defaults) and read in ``article`` (what the sentences before
    it in its article said; default: read alone).

    Names are found first and mask the spans facts are read from, so 周六福 is a company, not a Saturday.
    """
    from workbench.facts import extract
    from workbench.facts.article import NO_ARTICLE
    from workbench.facts.chinese import in_context
    from workbench.facts.style import DEFAULT_STYLE

    style = style or DEFAULT_STYLE
    hits = glossary.match(text)
    facts = extract(text, hits, style)
    by_code = glossary.code_hits(facts, hits)
    # A company named by its code alone, and the article, still decide the currency of its results.
    return hits + by_code, in_context(text, hits, facts, style, article or NO_ARTICLE, by_code)


def read_article(
    glossary: Glossary, sentences: Iterable[str], style: Style | None = None
) -> Iterator[tuple[tuple[TermHit, ...], tuple[Fact, ...]]]:
    """``names_and_facts`` of each sentence of one article, title first, each read in the context of the
    sentences before it (``workbench.facts.article``): one pass, whatever the article's length."""
    from workbench.facts.article import NO_ARTICLE, named_companies

    article = NO_ARTICLE
    for text in sentences:
        hits, facts = names_and_facts(glossary, text, style, article)
        yield hits, facts
        article = article.then(text, named_companies(text, hits, facts))


def names_of(entry: GlossaryEntry) -> tuple[str, ...]:
    """Every name of ``entry`` in the source languages and its aliases, without repeats."""
    seen: dict[str, None] = {}
    for form in (entry.traditional, entry.simplified, *entry.aliases):
        if form:
            seen.setdefault(form, None)
    return tuple(seen)


def match_keys(entry: GlossaryEntry) -> tuple[str, ...]:
    """The strings the matcher looks for: the names, Chinese aliases and their Simplified forms."""
    return all_match_keys((entry,))[0]


def all_match_keys(entries: Sequence[GlossaryEntry]) -> list[tuple[str, ...]]:
    """``match_keys`` of each of ``entries``, the Chinese aliases of all of them converted in one OpenCC
    call (one call per alias costs more than everything else in loading 20,000 rows)."""
    from workbench.simplified import to_simplified_lines

    chinese = list(dict.fromkeys(a for entry in entries for a in entry.aliases if has_cjk(a)))
    simplified = dict(zip(chinese, to_simplified_lines(chinese), strict=True))
    out: list[tuple[str, ...]] = []
    for entry in entries:
        if not entry.aliases:  # most entries: no conversion, no dictionary
            if entry.simplified == entry.traditional:
                out.append((entry.traditional,) if entry.traditional else ())
            else:
                out.append(tuple(form for form in (entry.traditional, entry.simplified) if form))
            continue
        keys: dict[str, None] = {}
        for form in (entry.traditional, entry.simplified):
            if form:
                keys.setdefault(form, None)
        for alias in entry.aliases:
            if alias in simplified:
                keys.setdefault(alias, None)
                keys.setdefault(simplified[alias], None)
        out.append(tuple(keys))
    return out


def name_key(name: str) -> str:
    """How names are compared for duplicates: exact for Chinese, case- and space-insensitive for Latin."""
    name = name.strip()
    if has_cjk(name):
        return name
    return " ".join(name.casefold().split())
