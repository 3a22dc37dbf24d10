"""The review site: a static HTML report of every article's review state, for the desk editor.

It reads the article folders' PO files as the other commands do and never writes them. Imports jinja2 and
polib: command modules import this package inside their command functions.
"""

from workbench.report.read import ArticleReport, ArticleSummary, Sentence, State, Status, read_article
from workbench.report.site import MARKER, SiteResult, default_out, rebuild_if_present, write_report

__all__ = [
    "MARKER",
    "ArticleReport",
    "ArticleSummary",
    "Sentence",
    "SiteResult",
    "State",
    "Status",
    "default_out",
    "read_article",
    "rebuild_if_present",
    "write_report",
]
