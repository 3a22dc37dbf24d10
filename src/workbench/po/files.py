"""Reading and writing PO files on disk.

A reviewer's file is read strictly: polib quietly accepts some broken lines (an unterminated string loses
its last character, an unknown escape is doubled on the next save), and a merge built on a misread file
would write the damage back. So a file that ``msgfmt`` would refuse stops the run for its article with
one line naming the file and line, and the file is left exactly as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from workbench.errors import POFileError
from workbench.po.export import render_po
from workbench.textio import remove_leftovers, write_text_atomic

_ADVICE = "fix it in your PO editor or move it away, it was left unchanged"

_STRING = r'"(?:[^"\\]|\\[\\ntrvbf"])*"'
_KEYWORD_LINE = re.compile(rf"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}")
_PREVIOUS_LINE = re.compile(rf"(?:(?:msgctxt|msgid|msgid_plural)\s+)?{_STRING}")
_CONTINUATION = re.compile(_STRING)
_KEYWORD = re.compile(r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)(?=\s|\"|$)")
_BAD_ESCAPE = re.compile(r'\\([^\\ntrvbf"])')
_POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")


def load_po(path: str | Path) -> polib.POFile:
    """Parse the PO file at ``path``, or raise ``POFileError`` with the line to fix."""
    shown = str(path)
    p = Path(path)
    if p.is_dir():
        raise POFileError(f"{shown}: is a folder, not a PO file; move it away and run again")
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise POFileError(f"{shown}: no such PO file; check the path") from None
    except OSError as err:
        raise POFileError(f"{shown}: cannot be read ({err.strerror}); check its permissions") from None
    encoding = polib.detect_encoding(str(p))
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise _broken(shown, line, f"bytes that are not valid {encoding} text") from None
    _check_lines(shown, text)
    try:
        po = polib.pofile(str(p), encoding=encoding, wrapwidth=0)
    except (OSError, ValueError) as err:
        match = _POLIB_LINE.search(str(err))
        if match is None:
            raise POFileError(f"{shown}: cannot be parsed ({err}); {_ADVICE}") from None
        raise _broken(shown, int(match.group(1)), match.group(2) or "syntax error") from None
    _check_unique(shown, po)
    return po


def save_po(po: polib.POFile, path: str | Path) -> bool:
    """Write ``po`` unwrapped as UTF-8, atomically; returns False when the file already had that content.

    Leaving an unchanged file alone keeps its timestamp, so editors and sync tools see no change.
    """
    p = Path(path)
    data = render_po(po).encode("utf-8")
    try:
        if p.is_file() and p.read_bytes() == data:
            remove_leftovers(p)  # a killed run's temporary files go even when the file stays as it is
            return False
    except OSError:
        pass
    write_text_atomic(p, data.decode("utf-8"))
    return True


def _check_lines(shown: str, text: str) -> None:
    """Refuse lines polib would misread instead of rejecting, as ``msgfmt`` would."""
    for number, raw_line in enumerate(text.lstrip("\ufeff").replace("\r\n", "\n").split("\n"), start=1):
        line = raw_line.strip()
        if not line:
            continue
        if line.startswith("#~"):
            rest = line[2:].strip()
            if rest.startswith("|"):
                _check_string_line(shown, number, rest[1:].strip(), _PREVIOUS_LINE)
            elif rest:
                _check_string_line(shown, number, rest, _KEYWORD_LINE)
        elif line.startswith("#|"):
            _check_string_line(shown, number, line[2:].strip(), _PREVIOUS_LINE)
        elif line.startswith("#"):
            continue
        else:
            _check_string_line(shown, number, line, _KEYWORD_LINE)


def _check_string_line(shown: str, number: int, line: str, keyword_form: re.Pattern[str]) -> None:
    if keyword_form.fullmatch(line) or _CONTINUATION.fullmatch(line):
        return
    if not (line.startswith('"') or _KEYWORD.match(line)):
        raise _broken(shown, number, "not a PO line (expected msgctxt, msgid, msgstr, a quoted string or #)")
    escape = _BAD_ESCAPE.search(line)
    if escape is not None:
        raise _broken(shown, number, f"unknown escape sequence \\{escape.group(1)} in a string")
    raise _broken(shown, number, 'a string is not closed, or has a " inside that is not written \\"')


def _check_unique(shown: str, po: polib.POFile) -> None:
    first: dict[tuple[str | None, str], int] = {}
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        line = int(entry.linenum or 0)
        if key in first:
            label = f"msgctxt {entry.msgctxt!r}" if entry.msgctxt is not None else f"msgid {entry.msgid!r}"
            raise _broken(shown, line, f"{label} is defined twice (first at line {first[key]})")
        first[key] = line


def _broken(shown: str, line: int, what: str) -> POFileError:
    return POFileError(f"{shown}:{line}: {what}; {_ADVICE}")
