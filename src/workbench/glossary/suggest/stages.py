"""``suggest`` as a chain of named stages, each a small function over the candidates found so far.

gather → merge_tails → fold_short_forms → count → propose → add_model_english → rank. A stage reads the
glossary only to leave out what it already has; nothing here edits it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from workbench.glossary.core import Glossary
from workbench.glossary.suggest.evidence import Evidence, gather
from workbench.glossary.suggest.names import (
    FULL_NAME_ENDINGS,
    count_mentions,
    known,
    names_with_suffixes,
    names_with_tickers,
    short_forms,
)
from workbench.glossary.suggest.records import Reviewed, Suggestion, Translate

_RANK = {"ticker": 0, "reviewed": 1, "suffix": 2}


@dataclass
class _Candidate:
    name: str
    reason: str  # the strongest evidence so far: "ticker", "reviewed" or "suffix"
    tickers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def note(self, reason: str, source: str, tickers: Iterable[str]) -> None:
        if reason == "ticker":
            self.reason = "ticker"
        self.tickers += [t for t in tickers if t not in self.tickers]
        if source not in self.sources:
            self.sources.append(source)

    def absorb(self, other: _Candidate) -> None:
        self.sources += [s for s in other.sources if s not in self.sources]

    @property
    def is_full_name(self) -> bool:
        return bool(self.tickers) or self.name.endswith(FULL_NAME_ENDINGS)


@dataclass(frozen=True)
class _Counts:
    texts: Counter[str]
    reviewed: Counter[str]

    def __call__(self, name: str) -> int:
        return self.texts[name] or self.reviewed[name]


def suggest(
    glossary: Glossary,
    texts: Sequence[tuple[str, str]],
    reviewed: Sequence[Reviewed] = (),
    translate: Translate | None = None,
) -> list[Suggestion]:
    """Names in ``texts`` ((source, text) pairs) and ``reviewed`` entries that ``glossary`` lacks."""
    candidates = gather_candidates(texts, reviewed)
    merge_tails(candidates)
    forms_of = fold_short_forms(glossary, candidates)
    all_names = {n for c in candidates.values() for n in (c.name, *forms_of.get(c.name, ()))}
    counts = count(texts, reviewed, all_names)
    evidence = gather(glossary, reviewed, all_names)
    out = propose(glossary, candidates, forms_of, counts, evidence)
    if translate is not None:
        out = add_model_english(out, translate)
    return sorted(out, key=lambda s: (_RANK[s.reason], -s.count, s.traditional))


def gather_candidates(
    texts: Sequence[tuple[str, str]], reviewed: Sequence[Reviewed]
) -> dict[str, _Candidate]:
    """Every name before a ticker or ending in a company suffix, in articles and in reviewed entries."""
    candidates: dict[str, _Candidate] = {}

    def note(name: str, reason: str, source: str, tickers: Iterable[str] = ()) -> None:
        candidates.setdefault(name, _Candidate(name, reason)).note(reason, source, tickers)

    for source, text in texts:
        for name, found_tickers, _ in names_with_tickers(text):
            note(name, "ticker", source, found_tickers)
        for name, _ in names_with_suffixes(text):
            note(name, "suffix", source)
    for item in reviewed:
        for name, found_tickers, _ in names_with_tickers(item.source):
            note(name, "reviewed", item.where or "reviewed", found_tickers)
        for name, _ in names_with_suffixes(item.source):
            note(name, "reviewed", item.where or "reviewed")
    return candidates


def merge_tails(candidates: dict[str, _Candidate]) -> None:
    """Without a ticker or a legal form, a name's start is a guess: 分析師看好富途控股 is 富途控股 with a
    verb in front. When a shorter candidate ends the longer one, the shorter is the name."""
    for cand in sorted(candidates.values(), key=lambda c: -len(c.name)):
        if cand.is_full_name:
            continue
        shorter = next((o for o in candidates if o != cand.name and cand.name.endswith(o)), None)
        if shorter is not None:
            candidates[shorter].absorb(cand)
            del candidates[cand.name]


def fold_short_forms(glossary: Glossary, candidates: dict[str, _Candidate]) -> dict[str, list[str]]:
    """A short name found on its own (華興資本, by its 資本 suffix) goes under the full name it abbreviates.

    Returns the short forms of each full name that the glossary does not already have.
    """
    forms_of: dict[str, list[str]] = {}
    for cand in sorted((c for c in candidates.values() if c.is_full_name), key=lambda c: -len(c.name)):
        forms_of[cand.name] = [f for f in short_forms(cand.name) if not known(glossary, f)]
        for form in forms_of[cand.name]:
            other = candidates.get(form)
            if other is not None and other is not cand and not other.tickers:
                cand.absorb(other)
                del candidates[form]
    return forms_of


def count(texts: Sequence[tuple[str, str]], reviewed: Sequence[Reviewed], names: set[str]) -> _Counts:
    """Mentions of each name in the articles, and separately in reviewed entries (used when an article
    has none)."""
    in_texts: Counter[str] = Counter()
    for _, text in texts:
        in_texts.update(count_mentions(text, names))
    in_reviewed: Counter[str] = Counter()
    for item in reviewed:
        in_reviewed.update(count_mentions(item.source, names))
    return _Counts(in_texts, in_reviewed)


def propose(
    glossary: Glossary,
    candidates: dict[str, _Candidate],
    forms_of: dict[str, list[str]],
    counts: _Counts,
    evidence: Evidence,
) -> list[Suggestion]:
    """The candidates worth a person's time, with counts, short forms and English where there is some.

    A code the glossary lists under another name (an imported exchange list knows every listed code)
    makes the suggestion an alias of that row and brings its English name along.
    """
    from workbench.simplified import to_simplified

    out: list[Suggestion] = []
    for cand in candidates.values():
        if known(glossary, cand.name):
            continue
        hits = glossary.match(cand.name)
        if not cand.tickers and hits and hits[-1].end == len(cand.name):
            continue  # a description in front of a name the glossary has (使用奇富科技)
        alias_of = next((e for t in cand.tickers if (e := glossary.by_ticker(t)) is not None), None)
        found_forms = tuple((form, counts(form)) for form in forms_of.get(cand.name, ()) if counts(form))
        english = evidence.english_for(cand.name)
        if english is None:
            english = next((r for f, _ in found_forms if (r := evidence.english_for(f))), None)
        english_from = "reviewed" if english else ""
        if english is None and alias_of is not None and alias_of.english:
            english, english_from = alias_of.english, "glossary"
        if cand.reason == "reviewed" and english_from != "reviewed" and not cand.tickers:
            continue  # from reviewed files, only names reviewers rendered consistently are news
        mentions = counts(cand.name)
        if (
            cand.reason == "suffix"
            and not cand.name.endswith(FULL_NAME_ENDINGS)
            and mentions + sum(n for _, n in found_forms) < 2
        ):
            continue  # one mention of a word ending in 科技 or 資本 is too weak to bother a person with
        out.append(
            Suggestion(
                traditional=cand.name,
                count=mentions,
                tickers=tuple(cand.tickers),
                simplified=to_simplified(cand.name),
                english=english or "",
                english_from=english_from,
                short_forms=found_forms,
                reason=cand.reason,
                sources=tuple(cand.sources),
                alias_of=alias_of,
            )
        )
    return out


def add_model_english(suggestions: list[Suggestion], translate: Translate) -> list[Suggestion]:
    """English from a translation model for the names nothing else gave English to."""
    missing = [s for s in suggestions if not s.english and s.alias_of is None]
    if not missing:
        return suggestions
    renderings = translate([s.traditional for s in missing])
    by_name = {s.traditional: r.strip() for s, r in zip(missing, renderings, strict=True)}
    return [
        replace(s, english=by_name[s.traditional], english_from="model") if by_name.get(s.traditional) else s
        for s in suggestions
    ]
