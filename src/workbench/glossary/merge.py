"""Bringing an outside list of companies (the exchange's, a vendor's) into ``glossary.csv``, again and again.

Every importer turns its source into a ``CompanyList`` of entries; this module alone decides what happens
to the glossary, so the rules are the same for every source:

- A company whose code the glossary lacks is added at the end, unless one of its names is already a row
  (then it is a conflict: the same company without the code, or two companies an editor must tell apart).
- An imported row nobody has touched follows the list: a renamed company is updated in place.
- A row an editor has changed, or wrote by hand, is never overwritten; where the list now says something
  else about its code, that is listed as a conflict.
- A code the glossary has and the list no longer carries is reported as delisted, never deleted.
- Nothing changed, nothing written: importing the same file twice changes no byte.

An imported row records where it came from in ``notes``: the source, the list's date and the names as the
source wrote them (``imported from HKEX list of securities (2026-11-30) as SENSETIME-W / 商湯－Ｗ; check
the English``). Re-deriving the row from those names and comparing is how an untouched row is told from an
edited one, with no state kept anywhere but the file itself.

The exchange's list of securities names companies by short names (CKH HOLDINGS, GEELY AUTO), which the
press writes too. A row another list imported (the legal names of "Hyperlinks to Listed Companies") and
nobody has touched since gets that short name among its aliases when the list of securities is imported,
recorded in its note (``…; exchange short name CKH HOLDINGS; check the English``) so that the row is still
told apart from an edited one by deriving it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from workbench import tickers as tk
from workbench.glossary.core import Glossary, names_of
from workbench.glossary.csvfile import BOM, RawFile, format_rows, parse_rows, read_raw
from workbench.glossary.edit import appended, format_like, seen_as_read
from workbench.glossary.listing_names import reader_name, strip_marker
from workbench.model import GlossaryEntry
from workbench.safeio import Seen, replace_unless_changed

_NOTE = re.compile(
    r"^imported from (?P<source>.+?) \((?P<date>[^)]*)\) as (?P<english>.*) / (?P<chinese>[^/]*?); "
)
_NOTE_END = "check the English"
_SHORT_NOTE = re.compile(r"; exchange short name (?P<short>[^;/]+); check the English$")
_LINES = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


@dataclass(frozen=True)
class Listing:
    """One company of an outside list, as the source writes it."""

    codes: tuple[str, ...]  # normalised tickers; a company with a renminbi counter has two
    english: str  # as the source writes it: SENSETIME-W
    chinese: str  # as the source writes it: 商湯－Ｗ


@dataclass(frozen=True)
class CompanyList:
    """What an importer read: the companies to bring in and every code the source carries."""

    source: str  # "HKEX list of securities", or a vendor file's name
    date: str  # the list's date, ISO 8601
    listings: tuple[Listing, ...]
    all_codes: frozenset[str]  # every code of the source, beyond the categories imported
    complete: bool  # the source lists the whole market, so a code missing from it is delisted
    unnamed: tuple[str, ...] = ()  # codes left out for want of a name in one of the languages
    short_names: bool = False  # its English names are the exchange's short names (TENCENT, CKH HOLDINGS)


@dataclass(frozen=True)
class Conflict:
    row: int  # the glossary row concerned
    code: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class MergeReport:
    path: Path
    source: str
    date: str
    read: int  # companies in the list
    added: tuple[GlossaryEntry, ...]
    updated: tuple[tuple[GlossaryEntry, GlossaryEntry], ...]  # (row before, row after)
    kept: int  # rows an editor changed or wrote, left as they are
    conflicts: tuple[Conflict, ...]
    delisted: tuple[GlossaryEntry, ...]
    written: bool
    unnamed: tuple[str, ...] = ()  # codes of the list skipped for want of a name (see ``CompanyList``)
    # Rows another list imported that got the exchange's short name as an alias (row before, row after).
    short_named: tuple[tuple[GlossaryEntry, GlossaryEntry], ...] = ()

    def as_dict(self) -> dict[str, object]:
        def row(entry: GlossaryEntry) -> dict[str, object]:
            return {
                "row": entry.row,
                "traditional": entry.traditional,
                "english": entry.english,
                "tickers": list(entry.tickers),
            }

        return {
            "glossary": str(self.path),
            "source": self.source,
            "date": self.date,
            "read": self.read,
            "added": [row(e) for e in self.added],
            "updated": [{"before": row(old), "after": row(new)} for old, new in self.updated],
            "kept": self.kept,
            "conflicts": [c.as_dict() for c in self.conflicts],
            "delisted": [row(e) for e in self.delisted],
            "unnamed": list(self.unnamed),
            "short_named": [row(new) for _, new in self.short_named],
            "written": self.written,
        }


def listed_entry(
    listing: Listing,
    source: str,
    date: str,
    simplified: Mapping[str, str] | None = None,
    short_english: str = "",
) -> GlossaryEntry:
    """The glossary row an import writes for ``listing``: its Chinese name, hk2s Simplified, the English
    and the short names the press writes (``workbench.glossary.press_names``), provenance; with the
    exchange's English short name ``short_english`` among the aliases when another list gave it.

    ``simplified`` holds conversions already made (a whole list goes to OpenCC in one call)."""
    from workbench.glossary.press_names import press_names
    from workbench.simplified import to_simplified

    traditional = strip_marker(listing.chinese)
    names = press_names(listing.codes, listing.english, traditional, short_english=short_english)
    short = f"exchange short name {short_english}; " if short_english else ""
    return GlossaryEntry(
        traditional=traditional,
        simplified=simplified[traditional] if simplified else to_simplified(traditional),
        english=names.english,
        aliases=names.aliases,
        tickers=listing.codes,
        type="company",
        notes=f"imported from {source} ({date}) as {listing.english} / {listing.chinese}; {short}{_NOTE_END}",
    )


def _as_imported(entry: GlossaryEntry, simplified: Mapping[str, str]) -> tuple[str, str, Listing] | None:
    """(source, date, listing) when ``entry`` is a row an import wrote and nobody has changed since."""
    m = _NOTE.match(entry.notes)
    if m is None or not entry.notes.endswith(_NOTE_END):
        return None
    listing = Listing(entry.tickers, m.group("english"), m.group("chinese"))
    short = _SHORT_NOTE.search(entry.notes)
    expected = listed_entry(
        listing, m.group("source"), m.group("date"), simplified, short.group("short") if short else ""
    )
    row = replace(entry, row=0)
    # A row imported before imports proposed press names (the reader name, no aliases) is untouched too.
    earlier = replace(expected, english=reader_name(listing.english), aliases=())
    if row != expected and row != earlier:
        return None
    return m.group("source"), m.group("date"), listing


def imported_from(entry: GlossaryEntry) -> str | None:
    """The list a row was imported from, as its note says (edited since or not), or None."""
    m = _NOTE.match(entry.notes)
    return m.group("source") if m else None


def merge_list(path: Path, companies: CompanyList) -> MergeReport:
    """Bring ``companies`` into the glossary file at ``path`` (created when missing); see the module doc."""
    raw = read_raw(path) if path.exists() else None
    glossary = Glossary(parse_rows(raw, str(path)) if raw is not None else ())
    added: list[GlossaryEntry] = []
    updated: list[tuple[GlossaryEntry, GlossaryEntry]] = []
    short_named: list[tuple[GlossaryEntry, GlossaryEntry]] = []
    conflicts: list[Conflict] = []
    kept = 0
    claimed_names: set[str] = set()
    simplified = _conversions(companies, glossary)
    for listing in companies.listings:
        fresh = listed_entry(listing, companies.source, companies.date, simplified)
        row = next((e for c in listing.codes if (e := glossary.by_ticker(c)) is not None), None)
        if row is None:
            # Only the company's own name: a short name another row shares is for the matcher to weigh.
            own_names = dict.fromkeys(f for f in (fresh.traditional, fresh.simplified) if f)
            clash = next((e for form in own_names if (e := glossary.by_name(form)) is not None), None)
            if clash is not None:
                conflicts.append(
                    Conflict(
                        clash.row,
                        listing.codes[0],
                        f"{fresh.traditional} ({', '.join(listing.codes)}) is not added: row {clash.row} "
                        f"({clash.traditional}, {clash.english}) already has the name; add the code there "
                        "if it is the same company",
                    )
                )
            elif fresh.traditional in claimed_names:
                conflicts.append(
                    Conflict(0, listing.codes[0], f"{fresh.traditional} is listed twice; added once")
                )
            else:
                claimed_names.add(fresh.traditional)
                added.append(fresh)
            continue
        imported = _as_imported(row, simplified)
        if imported is not None and imported[0] == companies.source:
            # Same names in a newer list: the row stays as it is, its note keeping the first date seen.
            if imported[2] != listing:
                updated.append((row, replace(fresh, row=row.row)))
            continue
        named = None
        if companies.short_names:
            named = _with_short_name(row, imported, listing.english, simplified)
        if named is not None:
            short_named.append((row, named))
        else:
            kept += 1
        message = _disagreement(row, listing, fresh, companies.source)
        if message:
            conflicts.append(Conflict(row.row, listing.codes[0], message))
    delisted = tuple(_delisted(glossary, companies))
    report = MergeReport(
        path=path,
        source=companies.source,
        date=companies.date,
        read=len(companies.listings),
        added=tuple(added),
        updated=tuple(updated),
        kept=kept,
        conflicts=tuple(conflicts),
        delisted=delisted,
        written=False,
        unnamed=companies.unnamed,
        short_named=tuple(short_named),
    )
    if not added and not updated and not short_named:
        return report
    _write(path, raw, added, [*updated, *short_named])
    first_new = (raw.text.rstrip("\r\n").count(raw.newline) + 2) if raw is not None else 2
    numbered = tuple(replace(e, row=first_new + i) for i, e in enumerate(added))
    return replace(report, added=numbered, written=True)


def _with_short_name(
    row: GlossaryEntry,
    imported: tuple[str, str, Listing] | None,
    short: str,
    simplified: Mapping[str, str],
) -> GlossaryEntry | None:
    """``row``, which another list imported and nobody has touched (``imported``), as that list's import
    writes it with the exchange's short name ``short`` (CKH HOLDINGS → CKH Holdings among the aliases);
    None when that changes nothing, or the row is not an untouched imported one."""
    if imported is None:
        return None
    source, date, listing = imported
    recorded = _SHORT_NOTE.search(row.notes)
    current = listed_entry(listing, source, date, simplified, recorded.group("short") if recorded else "")
    if replace(row, row=0) != current:
        return None  # imported before imports proposed press names: left as its own list leaves it
    plain = listed_entry(listing, source, date, simplified)
    if short and not {";", "/"} & set(short):  # what the note could not give back
        named = listed_entry(listing, source, date, simplified, short_english=short)
        if named.aliases != plain.aliases:  # a short name the row has already is not written down
            plain = named
    after = replace(plain, row=row.row)
    return None if after == row else after


def _conversions(companies: CompanyList, glossary: Glossary) -> dict[str, str]:
    """hk2s of every Chinese name the merge will derive a row from, in one OpenCC call."""
    from workbench.simplified import to_simplified_lines

    names = [strip_marker(listing.chinese) for listing in companies.listings]
    names += [strip_marker(m.group("chinese")) for e in glossary.entries if (m := _NOTE.match(e.notes))]
    unique = list(dict.fromkeys(names))
    return dict(zip(unique, to_simplified_lines(unique), strict=True))


def _disagreement(row: GlossaryEntry, listing: Listing, fresh: GlossaryEntry, source: str) -> str:
    """Why a kept row deserves an editor's look, or "" when the list and the row agree."""
    where = f"row {row.row} ({', '.join(listing.codes)})"
    m = _NOTE.match(row.notes)
    if m is not None and m.group("source") == source:
        # An imported row an editor corrected: news only when the list itself changed since.
        if (m.group("english"), m.group("chinese")) == (listing.english, listing.chinese):
            return ""
        return (
            f"{where} was edited by hand and is kept; the list now says {listing.english} / "
            f"{listing.chinese} (was {m.group('english')} / {m.group('chinese')})"
        )
    if fresh.traditional in names_of(row):
        return ""
    return (
        f"{where} is {row.traditional} ({row.english}) and is kept; the list names the code "
        f"{fresh.traditional} ({listing.english})"
    )


def _delisted(glossary: Glossary, companies: CompanyList) -> Iterable[GlossaryEntry]:
    for entry in glossary.entries:
        hk_codes = [t for t in entry.tickers if t.endswith(".HK")]
        if not hk_codes or any(t in companies.all_codes for t in hk_codes):
            continue
        if companies.complete or imported_from(entry) == companies.source:
            yield entry


def _write(
    path: Path,
    raw: RawFile | None,
    added: list[GlossaryEntry],
    updated: list[tuple[GlossaryEntry, GlossaryEntry]],
) -> None:
    if raw is None:
        text = format_rows(added, header=True)
        replace_unless_changed(text.encode("utf-8"), Seen(path, None))
        return
    # Lines as the CSV reader counts rows (\r\n, \r or \n), not str.splitlines, which also breaks at
    # characters such as U+2028 that may sit inside a value.
    lines = _LINES.split(raw.text)
    for before, after in updated:
        ending = lines[before.row - 1][len(lines[before.row - 1].rstrip("\r\n")) :]
        lines[before.row - 1] = format_like(raw, [after]).rstrip("\r\n") + ending
    text = "".join(lines)
    if added:
        text = appended(replace(raw, text=text), format_like(raw, added))
    replace_unless_changed((BOM if raw.bom else b"") + text.encode("utf-8"), seen_as_read(path, raw))


def normalise_code(raw: object) -> str | None:
    """A stock code cell (700, "00700", "0700.HK") as a ticker, or None when it is not one."""
    text = str(raw).strip()
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    return tk.normalise(text)


def file_date(path: Path) -> str:
    """The day ``path`` was last modified (UTC, ISO 8601): a list's date when it does not state one."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d")
