"""Exchange files other tools read: TMX 1.4 of the reviewed memory, XLIFF 2.0 of one article.

TMX carries each reviewed sentence in Traditional Chinese (``zh-Hant``, the source language) and English,
plus Simplified Chinese (``zh-Hans``) where the article's ``zh_Hans.po`` has it, so a CAT tool or MT
trainer gets every form reviewers stand behind. XLIFF carries one article with its review state: machine
drafts (fuzzy or empty) are ``initial``, sentences a reviewer accepted are ``reviewed``; ``final`` is left
to whoever signs the article off.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from workbench import __version__
from workbench.errors import InputError
from workbench.po import article_of, is_reviewed, load_po
from workbench.textio import write_bytes_atomic
from workbench.tm import TMEntry, TranslationMemory

TMX_SOURCE = "zh-Hant"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all; a PO string may hold them, a TMX/XLIFF file must not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LOCAL_ID = re.compile(r":(p\d+\.s\d+)$")


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
        tu = ET.SubElement(body, "tu", tuid=entry.ctx or f"tu{len(seen)}", srclang=TMX_SOURCE)
        # x-context is the property translate-toolkit reads back as the unit's context.
        ET.SubElement(tu, "prop", type="x-context").text = _clean(entry.ctx)
        ET.SubElement(tu, "prop", type="x-workbench-article").text = _clean(entry.article)
        # Source first and English second: readers that take the first two variants get the pair.
        for lang, text in ((TMX_SOURCE, entry.source), ("en", entry.target), ("zh-Hans", entry.simplified)):
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
    root = ET.Element("xliff", {"xmlns": XLIFF_NS, "version": "2.0", "srcLang": TMX_SOURCE, "trgLang": "en"})
    file_el = ET.SubElement(root, "file", id=_nmtoken(article))
    source = po.metadata.get("X-Workbench-Source")
    if source:
        file_el.set("original", _clean(source))
    count = 0
    for index, entry in enumerate((e for e in po if not e.obsolete), start=1):
        ctx = entry.msgctxt or ""
        local = _LOCAL_ID.search(ctx)
        unit = ET.SubElement(file_el, "unit", id=local.group(1) if local else f"u{index}")
        if ctx:
            unit.set("name", _clean(ctx))
        notes = [("workbench", line) for line in (entry.comment or "").splitlines() if line.strip()]
        notes += [("reviewer", line) for line in (entry.tcomment or "").splitlines() if line.strip()]
        if notes:
            notes_el = ET.SubElement(unit, "notes")
            for category, text in notes:
                ET.SubElement(notes_el, "note", category=category).text = _clean(text)
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


def _nmtoken(text: str) -> str:
    """XLIFF ids are NMTOKENs: an article slug normally is one already."""
    token = re.sub(r"[^\w.\-:]", "-", text)
    return token or "article"
