"""The language tags every file format of the workbench writes, in one place.

The source is Hong Kong Traditional Chinese. Formats that take a BCP 47 tag (XLIFF ``srcLang``, TMX and TBX
``xml:lang``) get ``zh-Hant-HK``; the Simplified conversion is ``zh-Hans`` and the drafts ``en``. PO files
name their language the way gettext tools and Weblate do (``en``, ``zh_Hans``), with underscores, and a
tool that wants the source in that form gets ``zh_Hant_HK`` (Weblate) or the locale name ``zh_HK``.
"""

from __future__ import annotations

SOURCE = "zh-Hant-HK"
SIMPLIFIED = "zh-Hans"
ENGLISH = "en"

# gettext/Weblate spellings of the same languages.
SOURCE_GETTEXT = "zh_Hant_HK"
SOURCE_LOCALE = "zh_HK"
