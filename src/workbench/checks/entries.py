"""Checking PO entries as they stand: the one place that turns a catalog entry into findings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from workbench.checks.base import run_checks
from workbench.model import Finding, Segment

if TYPE_CHECKING:
    import polib

    from workbench.facts.style import Style
    from workbench.glossary import Glossary
    from workbench.po.keys import Key


def check_entries(
    catalog: polib.POFile,
    glossary: Glossary | None,
    known: Mapping[Key, Segment] | None = None,
    style: Style | None = None,
) -> Iterator[tuple[polib.POEntry, tuple[Finding, ...]]]:
    """Each live entry of an English catalog with its findings, msgstr against msgid.

    Facts and glossary hits come from ``known`` (segments by entry key, when the pipeline has them for the
    same source text, read in their article by ``glossary.core.read_article``) or are read afresh from the
    msgid, so a reviewer's edits are checked like a machine draft. Either way a sentence is read within its
    article, as an editor reads it: the catalog is one article, title first, and what its entries before
    say (the companies they name, a currency they state) decides a plain 元 the sentence alone leaves open
    (``workbench.facts.article``), in one pass over the entries.

    A finding a check repeats (the same check, severity and message) is given once: a reviewer reads it
    once, and the counts of ``workbench check`` and the review page count it once.
    """
    from workbench.facts import extract
    from workbench.facts.article import NO_ARTICLE, named_companies
    from workbench.facts.chinese import in_context
    from workbench.facts.style import DEFAULT_STYLE
    from workbench.glossary.core import names_and_facts
    from workbench.po import live_entries
    from workbench.po.keys import entry_key

    style = style or DEFAULT_STYLE
    article = NO_ARTICLE
    for entry in live_entries(catalog):
        if not entry.msgid:
            continue
        seg = known.get(entry_key(entry)) if known else None
        if seg is not None and seg.text == entry.msgid:
            hits, facts = seg.hits, seg.facts
        elif glossary is not None:
            hits, facts = names_and_facts(glossary, entry.msgid, style, article)
        else:
            hits, facts = (), in_context(entry.msgid, (), extract(entry.msgid, style=style), style, article)
        findings = run_checks(entry.msgid, entry.msgstr, facts, hits, glossary, style=style)
        yield entry, _once(findings)
        article = article.then(entry.msgid, named_companies(entry.msgid, hits, facts))


def _once(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for finding in findings:
        said = (finding.check, finding.severity.value, finding.message)
        if said not in seen:
            seen.add(said)
            kept.append(finding)
    return tuple(kept) if len(kept) != len(findings) else findings
