"""PO catalogs for review in Poedit or Weblate: export, msgmerge-like merge, and safe reading/writing.

Imports polib and rapidfuzz: command modules import this package inside their command functions.
"""

from workbench.po.export import LANGUAGES, export_catalog, render_po
from workbench.po.files import load_po, save_po
from workbench.po.merge import merge_catalog

__all__ = [
    "LANGUAGES",
    "export_catalog",
    "load_po",
    "merge_catalog",
    "render_po",
    "save_po",
]
