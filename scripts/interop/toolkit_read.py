"""What translate-toolkit, and Weblate on top of it, read from an exchange file: JSON on stdout.

    python scripts/interop/toolkit_read.py KIND FILE

KIND is ``tbx``, ``csv`` (a glossary CSV), ``xliff`` (XLIFF 1.2), ``xliff2`` (XLIFF 2.0), ``tmx`` or
``xliff2po`` (runs translate-toolkit's converter on FILE and reads the PO file it writes). Run it with the
Python of the environment whose translate-toolkit is to be checked: the project's (the current release)
or one with the release Weblate pins (``translate-toolkit>=3.16.1,<3.17`` for Weblate 5.14.3), which the
tests build under ``.interop/``.

``toolkit`` is what translate-toolkit's own storage class reads, unit by unit. ``weblate`` is what
Weblate 5.14.3's format class for that file keeps and shows, computed the way its code
(``weblate/formats/ttkit.py``: ``TBXFormat``/``TBXUnit``, ``CSVFormat``/``CSVUnit``,
``XliffFormat``/``XliffUnit``; every ``.xlf`` and ``.xliff`` file goes to the XLIFF 1.2 loader) computes
it from the same translate-toolkit units; Weblate itself is not installed (its server dependencies need
cairo and GObject). Needs only translate-toolkit and lxml.
"""

from __future__ import annotations

import json
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

# Weblate 5.14.3, weblate/formats/ttkit.py: the target states its XLIFF unit reads as "needs editing".
XLIFF_FUZZY_STATES = {"new", "needs-translation", "needs-adaptation", "needs-l10n"}


def tbx(path: Path) -> dict[str, Any]:
    from translate.storage import tbx as tbx_storage

    store = tbx_storage.tbxfile.parsefile(str(path))
    toolkit = [
        {"source": u.source, "target": u.target, "obsolete": u.isobsolete(), "notes": u.getnotes()}
        for u in store.units
    ]
    weblate = []
    for unit in store.units:
        if unit.isobsolete() or unit.isheader():
            continue  # TTKitFormat.all_store_units
        notes = [n for n in (unit.getnotes("pos"), unit.getnotes("developer")) if n]
        forbidden = False
        for node in unit._getnotenodes(origin="pos"):
            if unit._is_administrative_status_term_node(node):
                forbidden = unit._getnodetext(node).strip().lower() in {"forbidden", "obsolete"}
                break
        weblate.append(
            {
                "source": unit.source,
                "target": unit.target or "",
                "context": unit.xmlelement.get("id") or "",
                "notes": "\n".join(notes),
                "explanation": unit.getnotes("translator"),
                "forbidden": forbidden,
            }
        )
    return {"toolkit": toolkit, "weblate": weblate}


def csv(path: Path) -> dict[str, Any]:
    from translate.storage import csvl10n

    content = path.read_bytes()
    store = csvl10n.csvfile()
    store.parse(content, sample_length=40000)  # as CSVFormat.parse_store calls it
    toolkit = [
        {"source": u.source, "target": u.target, "context": u.getcontext(), "notes": u.getnotes()}
        for u in store.units
    ]
    weblate = [
        {"source": u.source, "target": u.target or "", "context": u.getcontext(), "notes": u.getnotes()}
        for u in store.units
        if not u.isobsolete() and not u.isheader()
    ]
    return {"toolkit": toolkit, "weblate": weblate, "fieldnames": list(store.fieldnames)}


def xliff(path: Path) -> dict[str, Any]:
    from translate.storage import xliff as xliff_storage

    store = xliff_storage.xlifffile.parsefile(str(path))
    toolkit = [
        {
            "source": u.source,
            "target": u.target,
            "fuzzy": u.isfuzzy(),
            "approved": u.isapproved(),
            "translated": u.istranslated(),
            "developer_notes": u.getnotes("developer"),
            "translator_notes": u.getnotes("translator"),
        }
        for u in store.units
    ]
    weblate = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete() or not unit.source:
            continue  # XliffUnit.has_content
        target_node = unit.xmlelement.find(unit.namespaced("target"))
        state = target_node.get("state") if target_node is not None else None
        translated = bool(unit.target)
        weblate.append(
            {
                "source": unit.source,
                "target": unit.target or "",
                "context": unit.xmlelement.get("resname") or unit.getid().replace("\x04", "///"),
                "translated": translated,
                "fuzzy": translated and state in XLIFF_FUZZY_STATES,
                "approved": unit.isapproved(),
                "notes": unit.getnotes(),
            }
        )
    return {"toolkit": toolkit, "weblate": weblate}


def xliff2(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = {}
    try:
        from translate.storage import xliff2 as xliff2_storage
    except ImportError:
        result["toolkit_error"] = "this translate-toolkit has no XLIFF 2.0 storage (translate.storage.xliff2)"
    else:
        store = xliff2_storage.Xliff2File.parsefile(str(path))
        result["toolkit"] = [
            {"source": u.source, "target": u.target, "fuzzy": u.isfuzzy(), "notes": u.getnotes()}
            for u in store.units
        ]
    # Weblate has no XLIFF 2.0 format: an .xlf file goes to its XLIFF 1.2 loader.
    try:
        result["weblate"] = xliff(path)["weblate"]
    except Exception as error:  # what the loader raises is what Weblate would report
        result["weblate_error"] = f"{type(error).__name__}: {error}"
    return result


def tmx(path: Path) -> dict[str, Any]:
    from translate.storage import tmx as tmx_storage

    store = tmx_storage.tmxfile.parsefile(str(path))
    units = []
    for unit in store.units:
        variants = {}
        for node in unit.getlanguageNodes():
            variants[node.get("{http://www.w3.org/XML/1998/namespace}lang")] = unit.getNodeText(node)
        units.append({"source": unit.source, "target": unit.target, "variants": variants})
    return {"toolkit": units}


def xliff2po(path: Path) -> dict[str, Any]:
    from translate.convert import xliff2po as converter
    from translate.storage import pypo

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.po"
        try:
            converter.main([str(path), str(out)])
        except SystemExit as stop:
            if stop.code not in (0, None):
                raise
        data = out.read_bytes() if out.exists() else b""
    units = []
    if data:
        store = pypo.pofile.parsestring(data)
        units = [
            {
                "source": u.source,
                "target": u.target,
                "fuzzy": u.isfuzzy(),
                "developer_notes": u.getnotes("developer"),
                "translator_notes": u.getnotes("translator"),
            }
            for u in store.units
            if not u.isheader()
        ]
    return {"bytes": len(data), "toolkit": units}


READERS = {"tbx": tbx, "csv": csv, "xliff": xliff, "xliff2": xliff2, "tmx": tmx, "xliff2po": xliff2po}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in READERS:
        print(f"usage: toolkit_read.py {{{','.join(READERS)}}} FILE", file=sys.stderr)
        return 2
    result = READERS[argv[0]](Path(argv[1]))
    result["translate_toolkit"] = version("translate-toolkit")
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
