"""The company-name glossary: load, match, check, edit, search, suggest, import and export.

``glossary.csv`` (UTF-8, a header row) has the columns
``traditional,simplified,english,aliases,tickers,type,forbidden,notes``; multi-valued fields (aliases,
tickers, forbidden) separate their values with ``;``. Heavy libraries (ahocorasick, OpenCC, rapidfuzz,
polib) are imported only when a function needs them.

Outside lists come in through one module per source (``hkex``: the exchange's workbooks, read by
``xlsx``; ``vendor``: any CSV) and one shared merge (``merge``), which keeps a desk's own rows across
re-imports.
"""

from workbench.glossary.check import CHECKS, check_glossary
from workbench.glossary.core import Glossary
from workbench.glossary.csvfile import COLUMNS, DEFAULT_PATH, TYPES, format_rows, load_glossary, parse_text
from workbench.glossary.edit import add_entry, new_entry
from workbench.glossary.export import FORMATS, export_glossary
from workbench.glossary.find import Found, find
from workbench.glossary.suggest import Suggestion, suggest, suggest_from_paths

__all__ = [
    "CHECKS",
    "COLUMNS",
    "DEFAULT_PATH",
    "FORMATS",
    "TYPES",
    "Found",
    "Glossary",
    "Suggestion",
    "add_entry",
    "check_glossary",
    "export_glossary",
    "find",
    "format_rows",
    "load_glossary",
    "new_entry",
    "parse_text",
    "suggest",
    "suggest_from_paths",
]
