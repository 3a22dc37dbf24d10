"""Exchange files other tools read: TMX 1.4b of the reviewed memory, XLIFF 2.0 of one article.

TMX carries each reviewed sentence in Hong Kong Traditional Chinese (``zh-Hant-HK``, the source language)
and English, plus Simplified Chinese (``zh-Hans``) where a reviewer confirmed it in the article's
``zh_Hans.po``, so a CAT tool or MT trainer gets only the forms reviewers stand behind. XLIFF carries one
article with its review state: machine drafts (fuzzy or empty) are ``initial``, sentences a reviewer
accepted are ``reviewed``; ``final`` is left to whoever signs the article off.

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
    entry_key,
    is_reviewed,
    live_entries,
    load_po,
    qa_lines,
    reviewer_lines,
    tool_notes,
    unit_id,
)
from workbench.po.export import QA_PREFIX
from workbench.textio import write_bytes_atomic
from workbench.tm import TMEntry, TranslationMemory

if TYPE_CHECKING:
    import polib

TMX_SOURCE = languages.SOURCE
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
# The tool's own notes: what the workbench knows about the source, and its QA findings on the target.
# XLIFF 2.0 leaves note categories to the tool; "reviewer" stays for comments a reviewer wrote.
NOTE_WORKBENCH = "workbench"
NOTE_QA = "workbench-qa"
NOTE_REVIEWER = "reviewer"
_QA_PRIORITY = {"error": "1", "warning": "5"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all; a PO string may hold them, a TMX/XLIFF file must not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def tmx_bytes(entries: Iterable[TMEntry], now: datetime | None = None) -> tuple[bytes, int]:
    """A TMX 1.4 document of ``entries`` (one unit per distinct source and English) and its unit count."""
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
        if key in seen:
            continue
        seen.add(key)
        # The id follows the PO key, not the position, so an unchanged sentence keeps it across edits.
        tuid = f"{entry.article}:{unit_id((entry.ctx, entry.source))}"
        tu = ET.SubElement(body, "tu", tuid=_clean(tuid), srclang=TMX_SOURCE)
        if entry.ctx:
            # x-context is the property translate-toolkit reads back as the unit's context.
            ET.SubElement(tu, "prop", type="x-context").text = _clean(entry.ctx)
        ET.SubElement(tu, "prop", type="x-workbench-article").text = _clean(entry.article)
        # Source first and English second: readers that take the first two variants get the pair.
        variants = (
            (TMX_SOURCE, entry.source),
            (languages.ENGLISH, entry.target),
            (languages.SIMPLIFIED, entry.simplified),
        )
        for lang, text in variants:
            if text:
                tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
                ET.SubElement(tuv, "seg").text = _clean(text)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n", len(seen)


def write_tmx(tree: Path, out: Path) -> int:
    """Write the reviewed memory under ``tree`` to ``out``; returns the number of units."""
    tm = TranslationMemory.load(tree)
    data, count = tmx_bytes(tm.entries)
    write_bytes_atomic(Path(out), data)
    return count


def xliff_bytes(folder: Path) -> tuple[bytes, str, int]:
    """An XLIFF 2.0 document of the article in ``folder``, its article id and its unit count."""
    folder = Path(folder)
    en_path = folder / "en.po"
    if not en_path.is_file():
        raise InputError(f"{folder}: no en.po here; give an article folder made by `workbench translate`")
    po = load_po(en_path)
    article = article_of(po, en_path)
    live = list(live_entries(po))
    if not live:
        raise InputError(f"{en_path}: no sentences (only obsolete entries); nothing to export")
    root = ET.Element(
        "xliff",
        {"xmlns": XLIFF_NS, "version": "2.0", "srcLang": TMX_SOURCE, "trgLang": languages.ENGLISH},
    )
    file_el = ET.SubElement(root, "file", id=_nmtoken(article))
    source = po.metadata.get("X-Workbench-Source")
    if source:
        file_el.set("original", _clean(source))
    count = 0
    for entry in live:
        unit = ET.SubElement(file_el, "unit", id=unit_id(entry_key(entry)))
        notes = _notes(entry)
        if notes:
            notes_el = ET.SubElement(unit, "notes")
            for attributes, text in notes:
                ET.SubElement(notes_el, "note", attributes).text = _clean(text)
        segment = ET.SubElement(unit, "segment", state="reviewed" if is_reviewed(entry) else "initial")
        ET.SubElement(segment, "source").text = _clean(entry.msgid)
        if entry.msgstr:
            ET.SubElement(segment, "target").text = _clean(entry.msgstr)
        count += 1
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n", article, count


def write_xliff(folder: Path, out_dir: Path | None = None) -> tuple[Path, int]:
    """Write the article's XLIFF as ``<out_dir>/<article-id>.xlf``, or ``<folder>/en.xlf`` without a folder.

    Returns the path written and its unit count.
    """
    data, article, count = xliff_bytes(folder)
    target = Path(out_dir) / f"{article}.xlf" if out_dir is not None else Path(folder) / "en.xlf"
    write_bytes_atomic(target, data)
    return target, count


def _notes(entry: polib.POEntry) -> list[tuple[dict[str, str], str]]:
    """The unit's notes: the workbench's comments, its QA findings on the target, the reviewer's own lines."""
    notes = [({"category": NOTE_WORKBENCH}, line) for line in tool_notes(entry)]
    for line in qa_lines(entry):
        finding = line[len(QA_PREFIX) :]
        attributes = {"category": NOTE_QA, "appliesTo": "target"}
        severity = finding.split(" ", 1)[0]
        if severity in _QA_PRIORITY:
            attributes["priority"] = _QA_PRIORITY[severity]
        notes.append((attributes, finding))
    notes += [({"category": NOTE_REVIEWER}, line) for line in reviewer_lines(entry) if line.strip()]
    return notes


def _nmtoken(text: str) -> str:
    """XLIFF ids are NMTOKENs: an article slug normally is one already."""
    token = re.sub(r"[^\w.\-:]", "-", text)
    return token or "article"
