"""Findings an editor can trust: false alarms on correct press English, and invented facts caught in drafts.

Two measures, on real Hong Kong market copy (``tests/data/market_copy/reference.jsonl``: sentences from
RTHK, AAStocks and Infocast with press English written by hand) and on the sample page:

1. **False findings.** Every check runs on the hand-written English of every reference sentence, with the
   desk's glossary plus the exchange's whole list of listed companies imported (as ``workbench glossary
   import`` writes it). Each sentence is read as ``workbench check`` reads a PO file: after the sentences
   before it from the same article (the same ``url``) in the reference set, in their order there, so what
   they say (the company the article is about, 人民幣(下同)) decides a plain 元 the sentence leaves open.
   Each finding on that English is false; errors and warnings are counted apart, per 100 sentences. The
   same is printed with a Hong Kong desk's house style (``plain_yuan = "HKD"``), and with each sentence
   read alone, for comparison.
2. **Invented facts caught.** The committed test model translates the same sentences and the sample page;
   each draft is checked as ``workbench translate`` writes it (facts read within the article, then
   ``carry_facts``). What counts as invented is judged here from the hand-written reference, never by the
   checker:
   - a **figure**: a number in digits in the draft whose digits appear neither in the reference English
     (for the sample page: in the renderings an editor accepts, ``data/seed_facts.csv``) nor among the
     source's digits;
   - a **ticker**: a code in the draft (``NNNN.HK`` or ``(NNNN)``) that is none of the reference's
     companies' codes nor in the source;
   - a **contradicting direction**: a figure the reference English gives with a direction (up 340 points,
     fell 3.2%) that the draft gives with the opposite one (reference sentences only: the sample page's
     reference has no directions). The test model seldom writes one, so the reference English is also
     checked with each such figure's direction word turned round by fixed rules (up 340 points as down
     340 points, fell as rose): every one must be caught.
   One is caught when an error finding on that draft names it (its digits in the finding's span or
   message; for a direction, a ``direction-contradicts`` error).

    .venv/bin/python benchmarks/qa_trust.py [--model PATH] [--show N]

The last line is ``false_errors_per_100 <n>``. Goals: 0 false errors and at most 2 warnings per 100
correct sentences; every invented figure, ticker and contradicting direction caught.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from market_glossary import market_glossary_csv  # noqa: E402
from workbench.model import Fact, Finding, Severity, TermHit  # noqa: E402

REFERENCE = ROOT / "tests" / "data" / "market_copy" / "reference.jsonl"
DEFAULT_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"
SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"

_NUMBER = re.compile(r"(?<![A-Za-z0-9.])\d[\d,]*(?:\.\d+)?(?![A-Za-z0-9])")
_TICKER = re.compile(r"\b(\d{1,5})\.HK\b|\((\d{4,5})\)")
_UP = re.compile(
    r"\b(?:up|rose|rise|rising|gain(?:ed|ing|s)?|higher|climb(?:ed|ing)|jump(?:ed|ing)|surg(?:ed|ing))\b"
)
_DOWN = re.compile(
    r"\b(?:down|fell|fall(?:ing)?|lower|drop(?:ped|ping)?|declin(?:ed|ing)|slid|lost|los(?:s|ing))\b"
)


@dataclass(frozen=True)
class Case:
    """One sentence: its source, what is legitimately in its English, and a reference for directions."""

    source: str
    english: str  # the hand-written English ("" for the sample page)
    digits: frozenset[str]  # digit strings a correct English may hold
    codes: frozenset[int]  # the sentence's own stock codes
    directions: tuple[tuple[str, str], ...]  # (digits of a figure, "up" or "down") from the reference
    flips: tuple[tuple[str, str], ...] = ()  # (a figure's English, the same with its direction turned round)
    article: str = ""  # the article the sentence comes from (its address); "" for the sample page


def _digits(text: str) -> set[str]:
    return {_plain(m.group()) for m in _NUMBER.finditer(text)}


def _plain(number: str) -> str:
    text = number.replace(",", "")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _way(text: str) -> str | None:
    up, down = bool(_UP.search(text)), bool(_DOWN.search(text))
    return "up" if up and not down else "down" if down and not up else None


def reference_cases() -> list[Case]:
    rows = [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases = []
    for row in rows:
        codes = {int(c["code"].split(".")[0]) for c in row["companies"] if c.get("code")}
        codes |= {int(d) for d in re.findall(r"\d{4,5}", row["zh"])}
        directions, flips = [], []
        for figure in row["figures"]:
            way = _way(figure["en"])
            numbers = _digits(figure["en"])
            if way and len(numbers) == 1:
                directions.append((next(iter(numbers)), way))
                flipped = _flipped(figure["en"])
                if flipped != figure["en"] and row["en"].count(figure["en"]) == 1:
                    flips.append((figure["en"], flipped))
        digits = _digits(row["en"]) | _digits(row["zh"])
        cases.append(
            Case(
                row["zh"],
                row["en"],
                frozenset(digits),
                frozenset(codes),
                tuple(directions),
                tuple(flips),
                row["url"],
            )
        )
    return cases


_TURNED = {
    "up": "down", "down": "up", "rose": "fell", "fell": "rose", "rise": "fall", "fall": "rise",
    "rising": "falling", "falling": "rising", "gained": "lost", "gain": "loss", "higher": "lower",
    "lower": "higher", "climbed": "dropped", "jumped": "slumped", "dropped": "climbed", "declined": "rose",
    "slid": "rose", "surged": "plunged",
}  # fmt: skip


def _flipped(text: str) -> str:
    return re.sub(r"\b(" + "|".join(_TURNED) + r")\b", lambda m: _TURNED[m.group()], text, count=1)


def flipped_caught(glossary: object, cases: Sequence[Case], style: object) -> tuple[int, int, list[str]]:
    """The reference English with one figure's direction turned round: caught by direction-contradicts?"""
    from workbench.checks import run_checks

    caught = total = 0
    missed = []
    for case, (hits, facts) in zip(cases, read_cases(glossary, cases, style), strict=True):
        for original, flipped in case.flips:
            wrong = case.english.replace(original, flipped)
            found = run_checks(case.source, wrong, facts, hits, glossary, style=style)  # type: ignore[arg-type]
            total += 1
            if any(f.check == "direction-contradicts" and f.severity is Severity.ERROR for f in found):
                caught += 1
            else:
                missed.append(f"direction turned: {case.source}\n    {wrong}")
    return caught, total, missed


def seed_cases(sentences: Sequence[tuple[str, str]]) -> list[Case]:
    """The sample page's sentences, each (its article's id, its text)."""
    from fact_accuracy import EXPECTED, read_expected

    expected = read_expected(EXPECTED, [text for _, text in sentences])
    cases = []
    for index, (article, sentence) in enumerate(sentences):
        accepted = " ".join(form for fact in expected.get(index, ()) for form in fact.accepted)
        codes = frozenset(int(d) for d in re.findall(r"\d{4,5}", sentence))
        digits = frozenset(_digits(accepted) | _digits(sentence))
        cases.append(Case(sentence, "", digits, codes, (), article=article))
    return cases


def read_cases(
    glossary: object, cases: Sequence[Case], style: object, in_articles: bool = True
) -> list[tuple[tuple[TermHit, ...], tuple[Fact, ...]]]:
    """The glossary hits and facts of each case; ``in_articles``: each read after the sentences before it
    from the same article in the reference set, in their order there (as ``workbench check`` reads a PO
    file), else each alone."""
    from workbench.glossary.core import names_and_facts, read_article

    if not in_articles:
        return [names_and_facts(glossary, case.source, style) for case in cases]  # type: ignore[arg-type]
    articles: dict[str, list[int]] = {}
    for index, case in enumerate(cases):
        articles.setdefault(case.article or f"#{index}", []).append(index)
    read: dict[int, tuple[tuple[TermHit, ...], tuple[Fact, ...]]] = {}
    for indexes in articles.values():
        sentences = [cases[i].source for i in indexes]
        read.update(zip(indexes, read_article(glossary, sentences, style), strict=True))  # type: ignore[arg-type]
    return [read[i] for i in range(len(cases))]


def false_findings(
    glossary: object, cases: Sequence[Case], style: object, in_articles: bool = True
) -> tuple[Counter[str], list[str]]:
    from workbench.checks import run_checks

    counts: Counter[str] = Counter()
    shown = []
    for case, (hits, facts) in zip(cases, read_cases(glossary, cases, style, in_articles), strict=True):
        for f in run_checks(case.source, case.english, facts, hits, glossary, style=style):  # type: ignore[arg-type]
            counts[f.severity.value] += 1
            counts[f"{f.severity.value} {f.check}"] += 1
            shown.append(f"{case.source}\n    {case.english}\n    {f.severity.value} {f.check}: {f.message}")
    return counts, shown


def _named(number: str, findings: Iterable[Finding]) -> bool:
    for f in findings:
        if f.severity is not Severity.ERROR:
            continue
        for text in (f.target_span or "", f.message):
            if number in _digits(text) or number in {_plain(m) for m in re.findall(r"\d+", text)}:
                return True
    return False


def invented(case: Case, draft: str) -> tuple[list[str], list[str], list[str]]:
    """The figures, tickers and directions of ``draft`` the reference says are not in the sentence."""
    ticker_spans = [m.span() for m in _TICKER.finditer(draft)]
    figures = [
        _plain(m.group())
        for m in _NUMBER.finditer(draft)
        if not any(s <= m.start() < e for s, e in ticker_spans) and _plain(m.group()) not in case.digits
    ]
    tickers = [
        code for m in _TICKER.finditer(draft) if int(code := (m.group(1) or m.group(2))) not in case.codes
    ]
    directions = []
    for number, way in case.directions:
        for m in _NUMBER.finditer(draft):
            if _plain(m.group()) == number:
                near = draft[max(0, m.start() - 24) : m.end() + 12]
                draft_way = _way(near)
                if draft_way and draft_way != way:
                    directions.append(number)
    return figures, tickers, directions


def caught_counts(
    cases: Sequence[Case], drafts: Sequence[str], findings: Sequence[tuple[Finding, ...]]
) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter()
    missed = []
    for case, draft, found in zip(cases, drafts, findings, strict=True):
        figures, tickers, directions = invented(case, draft)
        for kind, items in (("figure", figures), ("ticker", tickers)):
            for item in items:
                counts[kind] += 1
                if _named(item, found):
                    counts[f"{kind} caught"] += 1
                else:
                    missed.append(f"{kind} {item}: {case.source}\n    {draft}")
        for item in directions:
            counts["direction"] += 1
            if any(f.check == "direction-contradicts" and f.severity is Severity.ERROR for f in found):
                counts["direction caught"] += 1
            else:
                missed.append(f"direction {item}: {case.source}\n    {draft}")
    return counts, missed


def drafts_of(
    engine: object, glossary: object, cases: Sequence[Case]
) -> tuple[list[str], list[tuple[Finding, ...]]]:
    """The test model's drafts of ``cases`` as ``workbench translate`` writes them (facts read in each
    sentence's article, then ``carry_facts``), with their findings."""
    from workbench.carry import carry_facts
    from workbench.facts.style import DEFAULT_STYLE
    from workbench.simplified import to_simplified

    sources = [case.source for case in cases]
    analysed = read_cases(glossary, cases, DEFAULT_STYLE)
    wants_simplified = getattr(engine, "wants_simplified", False)
    inputs = [
        to_simplified(s, hits) if wants_simplified else s
        for s, (hits, _) in zip(sources, analysed, strict=True)
    ]
    translations = engine.translate(inputs)  # type: ignore[attr-defined]
    drafts, findings = [], []
    for source, (hits, facts), translation in zip(sources, analysed, translations, strict=True):
        text, found = carry_facts(source, translation, facts, hits, glossary)  # type: ignore[arg-type]
        drafts.append(text)
        findings.append(found)
    return drafts, findings


def per_100(count: int, total: int) -> float:
    return 100 * count / max(1, total)


def share(counts: Counter[str], kind: str) -> str:
    total = counts[kind]
    return (
        f"{counts[f'{kind} caught']}/{total} ({100 * counts[f'{kind} caught'] / total:.0f}%)"
        if total
        else "0/0"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--show", type=int, default=0, help="print N false findings and N missed inventions")
    args = parser.parse_args()

    from workbench.facts.style import DEFAULT_STYLE
    from workbench.glossary import load_glossary
    from workbench.mt import load_engine
    from workbench.pages import split_page
    from workbench.segment import sentences_of
    from workbench.textio import read_page

    cases = reference_cases()
    with tempfile.TemporaryDirectory() as folder:
        glossary = load_glossary(market_glossary_csv(Path(folder)))
    print(f"reference: {len(cases)} sentences of real market copy; glossary: {len(glossary)} entries")

    counts, shown = false_findings(glossary, cases, DEFAULT_STYLE)
    hk_counts, _ = false_findings(glossary, cases, replace(DEFAULT_STYLE, bare_yuan="HKD"))
    alone, _ = false_findings(glossary, cases, DEFAULT_STYLE, in_articles=False)
    n = len(cases)
    articles = len({case.article for case in cases})
    print(
        f"false findings on the hand-written English, per 100 sentences, each sentence read after the ones "
        f"before it from its article ({articles} articles):"
    )
    for label, found in (
        ("house style as shipped:      ", counts),
        ("plain_yuan = HKD (a HK desk):", hk_counts),
        ("each sentence read alone:    ", alone),
    ):
        errors, warnings = per_100(found["error"], n), per_100(found["warning"], n)
        print(f"  {label}  errors {errors:5.1f}  warnings {warnings:5.1f}")
    for key, value in sorted(counts.items()):
        if " " in key:
            print(f"    {key}: {value}")
    for line in shown[: args.show]:
        print("  " + line)
    turned, turnable, turned_missed = flipped_caught(glossary, cases, DEFAULT_STYLE)
    print(f"directions turned round in the reference English, caught: {turned}/{turnable}")

    engine = load_engine(args.model, device=args.device)
    page = read_page(SEED)
    seed_sentences = [
        (article.id, seg.text)
        for article in split_page(page.text, page.path)
        for seg in sentences_of(article)
    ]
    seed_glossary = load_glossary(ROOT / "glossary.csv")
    missed_all: list[str] = []
    total: Counter[str] = Counter()
    for name, case_list, used in (
        ("reference sentences", cases, glossary),
        ("sample page", seed_cases(seed_sentences), seed_glossary),
    ):
        drafts, findings = drafts_of(engine, used, case_list)
        caught, missed = caught_counts(case_list, drafts, findings)
        total.update(caught)
        missed_all += missed
        print(f"invented in the test model's drafts of the {name} ({len(case_list)}), caught by an error:")
        print(
            f"  figures {share(caught, 'figure')}; tickers {share(caught, 'ticker')}; "
            f"contradicting directions {share(caught, 'direction')}"
        )
    print(
        f"all: figures {share(total, 'figure')}; tickers {share(total, 'ticker')}; "
        f"directions {share(total, 'direction')}"
    )
    for line in (turned_missed + missed_all)[: args.show]:
        print("  missed " + line)
    print(f"false_warnings_per_100 {per_100(counts['warning'], n):.1f}")
    print(f"false_errors_per_100 {per_100(counts['error'], n):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
