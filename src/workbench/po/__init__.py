"""PO catalogs for review in Poedit or Weblate: export, msgmerge-like merge, and safe reading/writing.

Imports polib and rapidfuzz: command modules import this package inside their command functions.
"""

from workbench.po.entries import (
    EntryNotes,
    article_of,
    draft_origin,
    entry_notes,
    is_english,
    is_reviewed,
    live_entries,
    load_po_if_present,
    qa_lines,
    reviewer_lines,
    set_findings,
    tool_notes,
    untouched_machine_draft,
    without_legacy_findings,
    wrap_width,
)
from workbench.po.export import LANGUAGES, export_catalog, render_po
from workbench.po.files import load_po, save_po
from workbench.po.keys import (
    Key,
    Position,
    entry_key,
    entry_label,
    entry_position,
    keyed_segments,
    segment_keys,
    unit_id,
)
from workbench.po.merge import merge_catalog

__all__ = [
    "LANGUAGES",
    "EntryNotes",
    "draft_origin",
    "entry_notes",
    "Key",
    "Position",
    "article_of",
    "entry_key",
    "entry_label",
    "entry_position",
    "keyed_segments",
    "segment_keys",
    "unit_id",
    "export_catalog",
    "is_english",
    "is_reviewed",
    "live_entries",
    "load_po",
    "load_po_if_present",
    "merge_catalog",
    "qa_lines",
    "render_po",
    "reviewer_lines",
    "save_po",
    "set_findings",
    "tool_notes",
    "untouched_machine_draft",
    "without_legacy_findings",
    "wrap_width",
]
