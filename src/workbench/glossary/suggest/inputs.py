"""Reading what ``glossary suggest`` looks at: pages of articles and reviewed entries of PO files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.errors import InputError
from workbench.glossary.core import Glossary
from workbench.glossary.suggest.records import Reviewed, Suggestion, Translate
from workbench.glossary.suggest.stages import suggest


def read_reviewed(path: Path) -> list[Reviewed]:
    """Reviewed entries of an English PO file: not fuzzy, not obsolete, with a translation."""
    from workbench.po import is_english, is_reviewed, load_po

    po = load_po(path)
    if not is_english(po, path):
        return []
    return [Reviewed(source=e.msgid, english=e.msgstr, where=str(path)) for e in po if is_reviewed(e)]


def collect(paths: Sequence[str | Path]) -> tuple[list[tuple[str, str]], list[Reviewed]]:
    """Pages and reviewed PO entries from ``paths`` (pages, PO files, or folders holding PO files)."""
    from workbench.textio import read_page

    texts: list[tuple[str, str]] = []
    reviewed: list[Reviewed] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for po_path in sorted(p.rglob("*.po")):
                reviewed += read_reviewed(po_path)
        elif p.suffix.lower() == ".po":
            if not p.exists():
                raise InputError(f"{p}: no such PO file")
            reviewed += read_reviewed(p)
        else:
            page = read_page(p)
            texts.append((page.path, page.text))
    return texts, reviewed


def suggest_from_paths(
    glossary: Glossary,
    paths: Sequence[str | Path],
    translate: Translate | None = None,
) -> list[Suggestion]:
    """``suggest`` over pages, PO files and folders of PO files (such as ``translations/``)."""
    texts, reviewed = collect(paths)
    return suggest(glossary, texts, reviewed, translate)
