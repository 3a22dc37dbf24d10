"""``glossary export``: the glossary in the formats translators' own tools read.

* ``tbx``: TBX-Basic (TBX v3, ISO 30042:2019, DCA style) with one ``conceptEntry`` per row and language
  sections for zh-Hant-HK, zh-Hans and en; forbidden English names are ``deprecatedTerm-admn-sts`` terms,
  as the standard says, for tools that read TBX v3 and honour that status.
* ``tbx-2008``: the same names as 2008 TBX-Basic (MARTIF, ``termEntry``), shaped for the readers of that
  structure: English is the second language set, because translate-toolkit (and so Weblate) takes the
  second set as the target; forbidden renderings are a ``note`` of the entry, never a term, because
  translate-toolkit and Weblate drop a whole entry that holds a deprecated term and OmegaT offers one as a
  translation.
* ``omegat``: OmegaT's tab-separated glossary (source, target, comment), one line per Chinese name; the
  forbidden renderings are in the comment.
* ``weblate``: the CSV a Weblate glossary component imports (source, target, context, developer_comments),
  one row per Chinese name with the English as target; the forbidden renderings are in the comments.
* ``deepl``: DeepL glossary entries (source TAB target); DeepL's Chinese source covers both scripts, so
  Traditional and Simplified names are both listed, and each source appears once, as DeepL requires.

Each exporter is one function registered in ``FORMATS``; the delimited ones write their rows through
``_delimited``.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from workbench import languages
from workbench.errors import InputError
from workbench.glossary.core import Glossary, has_cjk
from workbench.glossary.formulas import refuse_formulas
from workbench.model import GlossaryEntry

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

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
    refuse_formulas(glossary)
    return func(glossary)


def _simplified_aliases(entry: GlossaryEntry) -> list[str]:
    from workbench.simplified import to_simplified

    return [to_simplified(a) for a in entry.aliases if has_cjk(a)]


def _comment(entry: GlossaryEntry) -> str:
    parts = [entry.type]
    if entry.tickers:
        parts.append(" ".join(entry.tickers))
    if entry.forbidden:
        parts.append(forbidden_note(entry))
    if entry.notes:
        parts.append(entry.notes)
    return "; ".join(parts)


def forbidden_note(entry: GlossaryEntry) -> str:
    """How every format that cannot mark a term as forbidden says which renderings are: in a note."""
    return "forbidden: " + ", ".join(entry.forbidden)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# TBX-Basic as LTAC/TerminOrgs publish it (dialect 1.2.1 on ISO 30042:2019, TBX v3, DCA style), and the
# 2008 TBX-Basic on the old MARTIF structure for readers that know only that one (translate-toolkit and so
# Weblate, OmegaT). The 2008 structure requires at least one entry; v3 does not.
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_TBX_LANGUAGES = (languages.SOURCE, languages.SIMPLIFIED, languages.ENGLISH)
# translate-toolkit reads the first language set as the source and the second as the target.
_TBX_2008_LANGUAGES = (languages.SOURCE, languages.ENGLISH, languages.SIMPLIFIED)
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_DEPRECATED = "deprecatedTerm-admn-sts"


def _tbx_terms(
    glossary: Glossary,
    entry: GlossaryEntry,
    order: tuple[str, ...] = _TBX_LANGUAGES,
    deprecated: bool = True,
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per language tag (in ``order``), each term with its administrative status and term type (TBX-Basic
    values); the forbidden renderings are deprecated English terms when ``deprecated``, else left out."""
    names = {
        languages.SOURCE: [entry.traditional, *(a for a in entry.aliases if has_cjk(a))],
        languages.SIMPLIFIED: [entry.simplified or entry.traditional, *_simplified_aliases(entry)],
        languages.ENGLISH: list(glossary.english_forms(entry)),
    }
    sets = []
    for tag in order:
        terms = [
            (name, _PREFERRED if index == 0 else _ADMITTED, "fullForm" if index == 0 else "shortForm")
            for index, name in enumerate(dict.fromkeys(n for n in names[tag] if n.strip()))
        ]
        if tag == languages.ENGLISH and deprecated:
            english = names[languages.ENGLISH]
            terms += [(name, _DEPRECATED, "variant") for name in entry.forbidden if name not in english]
        if terms:
            sets.append((tag, terms))
    return sets


def _tbx_notes(entry: GlossaryEntry, forbidden: bool = False) -> list[str]:
    notes = [f"type: {entry.type}"]
    if entry.tickers:
        notes.append(f"tickers: {' '.join(entry.tickers)}")
    if forbidden and entry.forbidden:
        notes.append(forbidden_note(entry))
    if entry.notes:
        notes.append(entry.notes)
    return [_one_line(note) for note in notes]


@exporter("tbx")
def to_tbx(glossary: Glossary) -> str:
    """TBX-Basic (TBX v3, ISO 30042:2019, DCA style); an empty glossary is a valid file with no body."""
    ns = f"{{{TBX_NAMESPACE}}}"
    ET.register_namespace("", TBX_NAMESPACE)
    root = ET.Element(f"{ns}tbx", {"type": "TBX-Basic", "style": "dca", _XML_LANG: languages.ENGLISH})
    file_desc = ET.SubElement(ET.SubElement(root, f"{ns}tbxHeader"), f"{ns}fileDesc")
    ET.SubElement(ET.SubElement(file_desc, f"{ns}sourceDesc"), f"{ns}p").text = "workbench glossary"
    text = ET.SubElement(root, f"{ns}text")
    body = ET.SubElement(text, f"{ns}body") if glossary.entries else None
    for index, entry in enumerate(glossary.entries, start=1):
        assert body is not None
        concept = ET.SubElement(body, f"{ns}conceptEntry", id=f"g{entry.row or index}")
        for note in _tbx_notes(entry):
            ET.SubElement(concept, f"{ns}note").text = _xml_text(note)
        for tag, terms in _tbx_terms(glossary, entry):
            lang = ET.SubElement(concept, f"{ns}langSec", {_XML_LANG: tag})
            for term, status, kind in terms:
                sec = ET.SubElement(lang, f"{ns}termSec")
                ET.SubElement(sec, f"{ns}term").text = _xml_text(term)
                ET.SubElement(sec, f"{ns}termNote", type="partOfSpeech").text = "noun"
                ET.SubElement(sec, f"{ns}termNote", type="administrativeStatus").text = status
                ET.SubElement(sec, f"{ns}termNote", type="termType").text = kind
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@exporter("tbx-2008")
def to_tbx_2008(glossary: Glossary) -> str:
    """TBX-Basic of 2008 on the MARTIF structure, for tools that read only that one: English second, and
    the forbidden renderings in a note (see the module's docstring)."""
    if not glossary.entries:
        raise InputError(
            "the glossary has no entries, and a 2008 TBX file must hold at least one; "
            "add entries or use --format tbx (TBX v3 allows an empty termbase)"
        )
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
        f'<martif type="TBX-Basic" xml:lang="{languages.ENGLISH}">',
        "<martifHeader><fileDesc><sourceDesc><p>workbench glossary</p></sourceDesc></fileDesc>",
        '<encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>',
        "</martifHeader>",
        "<text><body>",
    ]
    for index, entry in enumerate(glossary.entries, start=1):
        out.append(f"<termEntry id={quoteattr(f'g{entry.row or index}')}>")
        out += [f"<note>{escape(_xml_text(note))}</note>" for note in _tbx_notes(entry, forbidden=True)]
        for tag, terms in _tbx_terms(glossary, entry, _TBX_2008_LANGUAGES, deprecated=False):
            out.append(f"<langSet xml:lang={quoteattr(tag)}>")
            for term, status, kind in terms:
                out.append(
                    f"<tig><term>{escape(_xml_text(term))}</term>"
                    '<termNote type="partOfSpeech">noun</termNote>'
                    f'<termNote type="administrativeStatus">{status}</termNote>'
                    f'<termNote type="termType">{kind}</termNote></tig>'
                )
            out.append("</langSet>")
        out.append("</termEntry>")
    out += ["</body></text>", "</martif>", ""]
    return "\n".join(out)


def _xml_text(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry (a CSV cell may hold one)."""
    return _NOT_XML.sub("", text)


def _delimited(rows: Iterable[Sequence[str]], *, quoted: bool) -> str:
    """Rows of cells as text: CSV (quoted where needed) or tab-separated without quoting (OmegaT and DeepL
    read a quote as part of the term). Every delimited export is written here, one cell at a time."""
    out = io.StringIO()
    if quoted:
        csv.writer(out, lineterminator="\n").writerows(rows)
    else:
        out.writelines("\t".join(_one_line(cell) for cell in row) + "\n" for row in rows)
    return out.getvalue()


def _chinese_names(entry: GlossaryEntry) -> list[str]:
    """The Traditional name and the Chinese aliases: each is a source term of its own."""
    return list(dict.fromkeys([entry.traditional, *(a for a in entry.aliases if has_cjk(a))]))


@exporter("omegat")
def to_omegat(glossary: Glossary) -> str:
    """OmegaT's glossary: source TAB target TAB comment, no header (OmegaT would read one as a term)."""
    rows = [
        (name, entry.english, _comment(entry)) for entry in glossary.entries for name in _chinese_names(entry)
    ]
    return _delimited(rows, quoted=False)


@exporter("weblate")
def to_weblate(glossary: Glossary) -> str:
    rows: list[Sequence[str]] = [("source", "target", "context", "developer_comments")]
    for entry in glossary.entries:
        context = entry.tickers[0] if entry.tickers else ""
        rows += [(name, entry.english, context, _comment(entry)) for name in _chinese_names(entry)]
    return _delimited(rows, quoted=True)


@exporter("deepl")
def to_deepl(glossary: Glossary) -> str:
    seen: set[str] = set()
    rows = []
    for entry in glossary.entries:
        if not entry.english:
            continue  # DeepL rejects an entry without a target
        names = [entry.traditional, entry.simplified, *(a for a in entry.aliases if has_cjk(a))]
        names += _simplified_aliases(entry)
        for name in names:
            name = _one_line(name)
            if name and name not in seen:
                seen.add(name)
                rows.append((name, entry.english))
    return _delimited(rows, quoted=False)
