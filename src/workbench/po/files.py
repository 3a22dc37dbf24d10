"""Reading and writing PO files on disk.

A reviewer's file is read strictly: polib quietly accepts some broken lines (an unterminated string loses
its last character, an unknown escape is doubled on the next save), and a merge built on a misread file
would write the damage back. So a file that ``msgfmt -c`` would refuse (a line it cannot read, an entry
without its msgstr, a file cut short, two header entries, no header) stops the run for its article with
one line naming the file and line, and the file is left exactly as it was. A file is read in the charset
its header declares; UTF-8 text under a header declaring another charset is refused rather than read
garbled, since every sentence would then fail to match and confirmed work would turn obsolete.
"""

from __future__ import annotations

import codecs
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
    _check_charset(shown, raw, encoding)
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
    if not po.metadata and text.strip():  # an empty file holds no one's work: it reads as an empty catalog
        raise POFileError(
            f'{shown}: has no PO header (a first entry msgid "" with Content-Type and Language); {_ADVICE}'
        )
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


def _check_charset(shown: str, raw: bytes, encoding: str) -> None:
    """Refuse UTF-8 text under a header that declares another charset, rather than read it garbled.

    ``msgfmt`` takes the bytes as they are, but every PO editor and a merge would read 商湯 under
    ``charset=ISO-8859-1`` as å\x95\x86æ¹¯: no sentence of the page would match, and every confirmed
    translation would turn obsolete. A file that really is in its declared charset (Big5, GB18030) is not
    valid UTF-8, is read as declared and written back as UTF-8.
    """
    if codecs.lookup(encoding).name == "utf-8" or raw.isascii():
        return
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    raise POFileError(
        f"{shown}: the header says charset={encoding} but the text is UTF-8; set 'Content-Type: text/plain; "
        "charset=UTF-8' in the header (Poedit: Translation > Properties) and run again; it was left unchanged"
    )


_OPEN = ("msgctxt", "msgid", "msgid_plural")  # an entry begun whose msgstr has not come yet


def _check_lines(shown: str, text: str) -> None:
    """Refuse lines polib would misread instead of rejecting, and entries cut short, as ``msgfmt`` would.

    polib takes an entry without its msgstr (a file truncated after a msgid, a msgstr line deleted) as one
    with an empty translation; ``msgfmt`` says "missing 'msgstr' section". Live and obsolete (``#~``)
    entries are followed separately, each a sequence of msgctxt? msgid msgid_plural? msgstr.
    """
    last: dict[bool, tuple[str | None, int]] = {False: (None, 0), True: (None, 0)}
    # The live entry being read: whether it has a msgctxt, whether its msgid is still "" (the header's).
    has_context, empty_msgid, headers = False, False, 0

    def step(obsolete: bool, number: int, line: str) -> None:
        nonlocal has_context, empty_msgid, headers
        keyword = _KEYWORD.match(line)
        word = keyword.group().split("[")[0] if keyword else "string"
        before, where = last[obsolete]
        if word == "string":
            if before is None:
                raise _broken(shown, number, "a quoted string outside any entry")
            if before == "msgid" and line != '""':
                empty_msgid = False
            return
        if before in ("msgid", "msgid_plural") and word in ("msgctxt", "msgid"):
            raise _broken(shown, where, "missing 'msgstr' section")
        if (word == "msgid" and before not in (None, "msgstr", "msgctxt")) or (
            word == "msgid_plural" and before != "msgid"
        ):
            raise _broken(shown, number, f"{word} is out of place (syntax error)")
        if word == "msgstr" and before not in ("msgid", "msgid_plural", "msgstr"):
            raise _broken(shown, number, "msgstr without its msgid (syntax error)")
        if word == "msgctxt" and before == "msgctxt":
            raise _broken(shown, number, "msgctxt without its msgid (syntax error)")
        if not obsolete:
            if word == "msgctxt" or (word == "msgid" and before != "msgctxt"):
                has_context = word == "msgctxt"
            if word == "msgid":
                empty_msgid = line.endswith(' ""') or line.endswith('\t""')
            if word == "msgstr" and before == "msgid" and empty_msgid and not has_context:
                headers += 1
                if headers > 1:
                    raise _broken(shown, where, 'a second header entry (msgid "") is defined; keep one')
        last[obsolete] = (word, number)

    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.strip()
        if not line:
            continue
        if line.startswith("#~"):
            rest = line[2:].strip()
            if rest.startswith("|"):
                _check_string_line(shown, number, rest[1:].strip(), _PREVIOUS_LINE)
            elif rest:
                _check_string_line(shown, number, rest, _KEYWORD_LINE)
                step(True, number, rest)
            continue
        if not line.startswith("#"):
            _check_string_line(shown, number, line, _KEYWORD_LINE)
            step(False, number, line)
            continue
        if last[False][0] in _OPEN:  # a comment inside an entry: the next entry began before a msgstr
            raise _broken(shown, last[False][1], "missing 'msgstr' section")
        if line.startswith("#|"):
            _check_string_line(shown, number, line[2:].strip(), _PREVIOUS_LINE)
    for word, where in last.values():
        if word in _OPEN:
            raise _broken(shown, where, "missing 'msgstr' section (is the file cut short?)")


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
