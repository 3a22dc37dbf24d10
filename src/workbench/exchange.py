"""Exchange files other tools read: TMX 1.4b memories, and XLIFF 2.0 or 1.2 of one article.

TMX: every unit holds two variants, the Hong Kong Traditional source (``zh-Hant-HK``) and one target,
because CAT tools use a unit as a source-target pair (OmegaT ignores a unit with a third variant). The
English memory (the default) holds each sentence a reviewer accepted in ``en.po``; the Simplified memory
(``simplified=True``) each sentence a reviewer confirmed in ``zh_Hans.po``. Only what reviewers stand behind.

XLIFF carries one article with its review state and the workbench's notes. 2.0: machine drafts (fuzzy or
empty) are ``initial``, sentences a reviewer accepted are ``reviewed``; ``final`` is left to whoever signs
the article off. 1.2 (what translate-toolkit's ``xliff`` storage, ``xliff2po`` and so Weblate read):
accepted sentences are ``approved="yes"`` with ``state="translated"``, machine and memory drafts
``state="needs-translation"`` (the state Weblate reads as "needs editing") with ``state-qualifier``
``mt-suggestion`` or ``tm-suggestion``; the workbench's comments and its QA findings are notes
``from="developer"`` (what translate-toolkit reads as extracted comments), a reviewer's own comments
``from="translator"``.

Ids follow the PO entry's key (``workbench.po.keys.unit_id``), never its position, so a CAT tool that
stored a unit finds it again after sentences were inserted or removed elsewhere in the article.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import __version__, languages
from workbench.errors import InputError
from workbench.po import (
    article_of,
    draft_origin,
    entry_key,
    entry_notes,
    is_reviewed,
    live_entries,
    load_po,
    load_po_if_present,
    unit_id,
)
from workbench.textio import write_bytes_atomic
from workbench.tm import TMEntry, TranslationMemory

if TYPE_CHECKING:
    import polib

TMX_SOURCE = languages.SOURCE
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_VERSIONS = ("2.0", "1.2")
# The file an article's XLIFF goes to in its folder, and the suffix after the article id in an output
# folder: the two versions have names of their own, so exporting one never replaces the other.
XLIFF_SUFFIX = {"2.0": ".xlf", "1.2": ".xliff"}
# The tool's own notes: what the workbench knows about the source, and its QA findings on the target.
# XLIFF 2.0 leaves note categories to the tool; "reviewer" stays for comments a reviewer wrote.
NOTE_WORKBENCH = "workbench"
NOTE_QA = "workbench-qa"
NOTE_REVIEWER = "reviewer"
_QA_PRIORITY = {"error": "1", "warning": "5"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters XML 1.0 cannot carry at all; a PO string may hold them, a TMX/XLIFF file must not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


# -- TMX ----------------------------------------------------------------------------------------------------


def tmx_bytes(
    entries: Iterable[TMEntry], now: datetime | None = None, target: str = languages.ENGLISH
) -> tuple[bytes, int]:
    """A TMX 1.4 document of ``entries`` (one unit per distinct source and target) and its unit count.

    Each unit has two variants: the source and ``entry.target`` in the language ``target`` names.
    """
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "workbench",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": "en",
            "srclang": TMX_SOURCE,
            "o-tmf": "workbench-po",
            "creationdate": stamp,
        },
    )
    body = ET.SubElement(root, "body")
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        key = (entry.source, entry.target)
        if key in seen or not entry.target:
            continue
        seen.add(key)
        # The id follows the PO key, not the position, so an unchanged sentence keeps it across edits.
        tuid = f"{entry.article}:{unit_id((entry.ctx, entry.source))}"
        tu = ET.SubElement(body, "tu", tuid=_clean(tuid), srclang=TMX_SOURCE)
        if entry.ctx:
            # x-context is the property translate-toolkit reads back as the unit's context.
            ET.SubElement(tu, "prop", type="x-context").text = _clean(entry.ctx)
        ET.SubElement(tu, "prop", type="x-workbench-article").text = _clean(entry.article)
        for lang, text in ((TMX_SOURCE, entry.source), (target, entry.target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = _clean(text)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n", len(seen)


def simplified_memory(tree: Path) -> list[TMEntry]:
    """Every sentence under ``tree`` whose Simplified a reviewer confirmed, as an entry whose target is it.

    Read from each article's ``zh_Hans.po`` whether or not its English is reviewed yet: the Simplified
    version is reviewed on its own.
    """
    from workbench.build import article_folders

    entries = []
    for folder in article_folders([Path(tree)]):
        zh_path = folder / "zh_Hans.po"
        zh = load_po_if_present(zh_path)
        if zh is None:
            continue
        article = article_of(zh, zh_path)
        entries += [
            TMEntry(entry.msgid, entry.msgstr, entry.msgctxt or "", article)
            for entry in live_entries(zh)
            if is_reviewed(entry) and entry.msgid.strip()
        ]
    return entries


def write_tmx(tree: Path, out: Path, *, simplified: bool = False) -> int:
    """Write the reviewed memory under ``tree`` to ``out``; returns the number of units.

    The English memory by default; with ``simplified``, the Simplified one (zh-Hant-HK → zh-Hans).
    """
    if simplified:
        data, count = tmx_bytes(simplified_memory(tree), target=languages.SIMPLIFIED)
    else:
        data, count = tmx_bytes(TranslationMemory.load(tree).entries)
    write_bytes_atomic(Path(out), data)
    return count


# -- XLIFF --------------------------------------------------------------------------------------------------


def xliff_bytes(folder: Path, version: str = "2.0") -> tuple[bytes, str, int]:
    """An XLIFF document (``version`` 2.0 or 1.2) of the article in ``folder``, its article id, unit count."""
    if version not in XLIFF_VERSIONS:
        raise InputError(f"XLIFF {version} is not written; use one of: {', '.join(XLIFF_VERSIONS)}")
    folder = Path(folder)
    en_path = folder / "en.po"
    if not en_path.is_file():
        raise InputError(f"{folder}: no en.po here; give an article folder made by `workbench translate`")
    po = load_po(en_path)
    article = article_of(po, en_path)
    live = list(live_entries(po))
    if not live:
        raise InputError(f"{en_path}: no sentences (only obsolete entries); nothing to export")
    source = po.metadata.get("X-Workbench-Source") or ""
    root = _xliff_20(article, source, live) if version == "2.0" else _xliff_12(article, source, live)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n", article, len(live)


def write_xliff(folder: Path, out_dir: Path | None = None, version: str = "2.0") -> tuple[Path, int]:
    """Write the article's XLIFF as ``<out_dir>/<article-id>.xlf``, or ``<folder>/en.xlf`` without a folder
    (``.xliff`` for version 1.2).

    Returns the path written and its unit count.
    """
    data, article, count = xliff_bytes(folder, version)
    suffix = XLIFF_SUFFIX[version]
    target = Path(out_dir) / f"{article}{suffix}" if out_dir is not None else Path(folder) / f"en{suffix}"
    write_bytes_atomic(target, data)
    return target, count


def _xliff_20(article: str, source: str, live: list[polib.POEntry]) -> ET.Element:
    root = ET.Element(
        "xliff",
        {"xmlns": XLIFF_NS, "version": "2.0", "srcLang": TMX_SOURCE, "trgLang": languages.ENGLISH},
    )
    file_el = ET.SubElement(root, "file", id=_nmtoken(article))
    if source:
        file_el.set("original", _clean(source))
    for entry in live:
        unit = ET.SubElement(file_el, "unit", id=unit_id(entry_key(entry)))
        notes = _notes_20(entry)
        if notes:
            notes_el = ET.SubElement(unit, "notes")
            for attributes, text in notes:
                ET.SubElement(notes_el, "note", attributes).text = _clean(text)
        segment = ET.SubElement(unit, "segment", state="reviewed" if is_reviewed(entry) else "initial")
        ET.SubElement(segment, "source").text = _clean(entry.msgid)
        if entry.msgstr:
            ET.SubElement(segment, "target").text = _clean(entry.msgstr)
    return root


def _notes_20(entry: polib.POEntry) -> list[tuple[dict[str, str], str]]:
    """The unit's notes: the workbench's comments, its QA findings on the target, the reviewer's own lines."""
    notes = entry_notes(entry)
    out = [({"category": NOTE_WORKBENCH}, line) for line in notes.tool]
    for severity, finding in notes.findings:
        attributes = {"category": NOTE_QA, "appliesTo": "target"}
        if severity in _QA_PRIORITY:
            attributes["priority"] = _QA_PRIORITY[severity]
        out.append((attributes, finding))
    out += [({"category": NOTE_REVIEWER}, line) for line in notes.reviewer]
    return out


def _xliff_12(article: str, source: str, live: list[polib.POEntry]) -> ET.Element:
    root = ET.Element("xliff", {"xmlns": XLIFF12_NS, "version": "1.2"})
    file_el = ET.SubElement(
        root,
        "file",
        {
            # XLIFF 1.2 requires the original's name; the page the article came from, else the article.
            "original": _clean(source or article),
            "source-language": TMX_SOURCE,
            "target-language": languages.ENGLISH,
            "datatype": "plaintext",
            "tool-id": "workbench",
        },
    )
    header = ET.SubElement(file_el, "header")
    ET.SubElement(
        header, "tool", {"tool-id": "workbench", "tool-name": "workbench", "tool-version": __version__}
    )
    body = ET.SubElement(file_el, "body")
    for entry in live:
        reviewed = is_reviewed(entry)
        # resname is what Weblate shows as the unit's key; the id is the same key-derived name.
        unit = ET.SubElement(body, "trans-unit", {"id": unit_id(entry_key(entry)), _XML_SPACE: "preserve"})
        unit.set("resname", unit.get("id", ""))
        unit.set("approved", "yes" if reviewed else "no")
        ET.SubElement(unit, "source").text = _clean(entry.msgid)
        if entry.msgstr:
            target = ET.SubElement(unit, "target")
            target.text = _clean(entry.msgstr)
            if reviewed:
                target.set("state", "translated")
            else:
                target.set("state", "needs-translation")
                qualifier = _draft_qualifier(entry)
                if qualifier:
                    target.set("state-qualifier", qualifier)
        for attributes, text in _notes_12(entry):
            ET.SubElement(unit, "note", attributes).text = _clean(text)
    return root


def _notes_12(entry: polib.POEntry) -> list[tuple[dict[str, str], str]]:
    """The unit's notes in XLIFF 1.2: translate-toolkit reads ``developer`` notes as the PO file's
    extracted comments and ``translator`` notes as its translator comments, so a round trip through
    ``xliff2po`` gives the entry's comments back in the fields they came from."""
    notes = entry_notes(entry)
    out = [({"from": "developer"}, line) for line in notes.tool]
    for severity, finding in notes.findings:
        attributes = {"from": "developer", "annotates": "target"}
        if severity in _QA_PRIORITY:
            attributes["priority"] = _QA_PRIORITY[severity]
        out.append((attributes, f"QA: {finding}"))
    out += [({"from": "translator"}, line) for line in notes.reviewer]
    return out


def _draft_qualifier(entry: polib.POEntry) -> str | None:
    """``mt-suggestion`` or ``tm-suggestion`` while the msgstr is still the machine's or the memory's."""
    return {"mt": "mt-suggestion", "tm": "tm-suggestion"}.get(draft_origin(entry) or "")


def _nmtoken(text: str) -> str:
    """XLIFF ids are NMTOKENs: an article slug normally is one already."""
    token = re.sub(r"[^\w.\-:]", "-", text)
    return token or "article"
