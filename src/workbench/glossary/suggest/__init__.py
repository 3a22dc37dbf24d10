"""``glossary suggest``: names the glossary lacks, found in articles and in reviewed translations.

Three kinds of evidence, strongest first:

* a name followed by a ticker in brackets, ``華興資本控股有限公司(1911.HK)`` or ``周大福(01929)``;
* a name ending in a company suffix (股份有限公司, 控股, 集團, 科技, 銀行, 資本 …);
* short forms of those names used later in the same text (華興資本 for 華興資本控股有限公司).

Each suggestion carries its count, the ticker found, the OpenCC Simplified name and, where possible, an
English name: the one reviewers used consistently in reviewed PO entries (non-fuzzy, non-empty), else the
glossary's own for a code it lists under another name (an imported exchange list), else one from a
translation model when the caller passes a ``translate`` function. Nothing here edits the glossary; a
person reviews the list and appends the rows.

The package follows the job's seams: ``words`` (the word lists), ``names`` (finding names in Chinese),
``evidence`` (English from reviewed entries), ``stages`` (``suggest`` as named stages), ``inputs``
(reading pages and PO files), ``records`` (what goes in and out).
"""

from workbench.glossary.suggest.inputs import collect, read_reviewed, suggest_from_paths
from workbench.glossary.suggest.names import (
    names_with_suffixes,
    names_with_tickers,
    short_forms,
    trim_description,
)
from workbench.glossary.suggest.records import Reviewed, Suggestion, Translate
from workbench.glossary.suggest.stages import suggest

__all__ = [
    "Reviewed",
    "Suggestion",
    "Translate",
    "collect",
    "names_with_suffixes",
    "names_with_tickers",
    "read_reviewed",
    "short_forms",
    "suggest",
    "suggest_from_paths",
    "trim_description",
]
