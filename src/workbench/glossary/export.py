"""``glossary export``: the glossary in the formats translators' own tools read.

* ``tbx``: TBX (MARTIF) with one ``termEntry`` per row and language sets for zh-Hant, zh-Hans and en;
  forbidden English names are ``deprecatedTerm-admn-sts`` terms, so CAT tools warn on them.
* ``omegat``: OmegaT's tab-separated glossary (source, target, comment), one line per Chinese name.
* ``weblate``: the CSV a Weblate glossary component imports (source, target, context, developer_comments).
* ``deepl``: DeepL glossary entries (source TAB target); DeepL's Chinese source covers both scripts, so
  Traditional and Simplified names are both listed, and each source appears once, as DeepL requires.

Each exporter is one function registered in ``FORMATS``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from workbench.errors import InputError
from workbench.glossary.core import Glossary, has_cjk
from workbench.model import GlossaryEntry

Exporter = Callable[[Glossary], str]
FORMATS: dict[str, Exporter] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    def register(func: Exporter) -> Exporter:
        FORMATS[name] = func
        return func

    return register


def export_glossary(glossary: Glossary, fmt: str) -> str:
    """The glossary in format ``fmt`` (one of ``FORMATS``)."""
    try:
        func = FORMATS[fmt.lower()]
    except KeyError:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}") from None
    return func(glossary)


def _simplified_aliases(entry: GlossaryEntry) -> list[str]:
    from workbench.simplified import to_simplified

    return [to_simplified(a) for a in entry.aliases if has_cjk(a)]


def _comment(entry: GlossaryEntry) -> str:
    parts = [entry.type]
    if entry.tickers:
        parts.append(" ".join(entry.tickers))
    if entry.forbidden:
        parts.append("not: " + ", ".join(entry.forbidden))
    if entry.notes:
        parts.append(entry.notes)
    return "; ".join(parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@exporter("tbx")
def to_tbx(glossary: Glossary) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">',
        '<martif type="TBX" xml:lang="zh-Hant">',
        "<martifHeader><fileDesc><sourceDesc><p>workbench glossary</p></sourceDesc></fileDesc>",
        "</martifHeader>",
        "<text><body>",
    ]
    for index, entry in enumerate(glossary.entries, start=1):
        out.append(f"<termEntry id={quoteattr(f'g{entry.row or index}')}>")
        out.append(f'<descrip type="subjectField">{escape(entry.type)}</descrip>')
        if entry.tickers:
            out.append(f"<note>tickers: {escape(' '.join(entry.tickers))}</note>")
        if entry.notes:
            out.append(f"<note>{escape(entry.notes)}</note>")
        chinese = [entry.traditional, *(a for a in entry.aliases if has_cjk(a))]
        simplified = [entry.simplified or entry.traditional, *_simplified_aliases(entry)]
        english = glossary.english_forms(entry)
        for lang, terms in (("zh-Hant", chinese), ("zh-Hans", simplified), ("en", english)):
            out.append(f"<langSet xml:lang={quoteattr(lang)}>")
            for position, term in enumerate(dict.fromkeys(terms)):
                status = "preferredTerm-admn-sts" if position == 0 else "admittedTerm-admn-sts"
                note = f'<termNote type="administrativeStatus">{status}</termNote>'
                out.append(f"<tig><term>{escape(term)}</term>{note}</tig>")
            if lang == "en":
                for term in entry.forbidden:
                    out.append(
                        f"<tig><term>{escape(term)}</term>"
                        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>'
                    )
            out.append("</langSet>")
        out.append("</termEntry>")
    out += ["</body></text>", "</martif>", ""]
    return "\n".join(out)


@exporter("omegat")
def to_omegat(glossary: Glossary) -> str:
    lines = []
    for entry in glossary.entries:
        for name in dict.fromkeys([entry.traditional, *(a for a in entry.aliases if has_cjk(a))]):
            lines.append(f"{_one_line(name)}\t{_one_line(entry.english)}\t{_one_line(_comment(entry))}")
    return "\n".join(lines) + ("\n" if lines else "")


@exporter("weblate")
def to_weblate(glossary: Glossary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "target", "context", "developer_comments"])
    for entry in glossary.entries:
        for name in dict.fromkeys([entry.traditional, *(a for a in entry.aliases if has_cjk(a))]):
            context = entry.tickers[0] if entry.tickers else ""
            writer.writerow([name, entry.english, context, _comment(entry)])
    return out.getvalue()


@exporter("deepl")
def to_deepl(glossary: Glossary) -> str:
    seen: set[str] = set()
    lines = []
    for entry in glossary.entries:
        if not entry.english:
            continue  # DeepL rejects an entry without a target
        names = [entry.traditional, entry.simplified, *(a for a in entry.aliases if has_cjk(a))]
        names += _simplified_aliases(entry)
        for name in names:
            name = _one_line(name)
            if name and name not in seen:
                seen.add(name)
                lines.append(f"{name}\t{_one_line(entry.english)}")
    return "\n".join(lines) + ("\n" if lines else "")
