"""How long an input a package's model takes, and cutting longer sentences where a clause ends.

A Transformer has position encodings for a fixed number of positions (512 in argos packages); a longer
source makes CTranslate2 stop the whole batch with ``No position encodings ... >= 512``. A pasted list with
commas and no 。 makes such sentences. The number is read from the package's own ``model.bin`` (the variable
headers CTranslate2 writes, not the weights), so a package with more positions gets longer inputs.

A sentence over the limit is cut for the engine only, at the best places a clause ends: ，；： first (in
financial copy they end a clause of a list), then their ASCII forms (not the comma of 1,390), then 、, then
spaces and closing brackets, then between two Chinese words (never between a numeral and its unit), and only
as a last resort inside a run of digits or letters. Each part is translated on its own and the drafts joined;
the PO entry stays one sentence.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

MODEL_FILE = "model.bin"
_POSITIONS = re.compile(r"(?:^|/)position_encodings/encodings$")
# Marks after which a part may end, best first.
CUT_MARKS = ("，；：", ",;:", "、", " \u3000)）」』”’")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def max_positions(model_dir: Path) -> int | None:
    """The fewest positions any position-encoding table of the model covers; None when it has none.

    Models whose positions are computed on the fly, or a ``model.bin`` this reader does not know, give
    None: nothing is cut for them.
    """
    try:
        with (model_dir / MODEL_FILE).open("rb") as handle:
            found = [dims[0] for name, dims in _variables(handle) if _POSITIONS.search(name) and dims]
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        return None
    return min(found) if found else None


def _variables(handle: BinaryIO) -> list[tuple[str, tuple[int, ...]]]:
    """Names and shapes of the variables in a CTranslate2 ``model.bin``, skipping their data."""

    def number(fmt: str) -> int:
        size = struct.calcsize(fmt)
        data = handle.read(size)
        if len(data) != size:
            raise ValueError("model.bin ends early")
        return int(struct.unpack(fmt, data)[0])

    def string() -> str:
        return handle.read(number("H")).rstrip(b"\0").decode("utf-8")

    version = number("I")
    if version < 5:  # older layouts store types differently; they predate argos packages in use
        raise ValueError(f"model.bin version {version}")
    string()  # the spec's name
    number("I")  # its revision
    found = []
    for _ in range(number("I")):
        name = string()
        dims = tuple(number("I") for _ in range(number("B")))
        number("B")  # data type
        handle.seek(number("I"), 1)
        found.append((name, dims))
    return found


def _after(marks: str) -> Callable[[str, int], bool]:
    return lambda text, at: text[at - 1] in marks and not _between_digits(text, at)


def _between_digits(text: str, at: int) -> bool:
    """The mark before ``at`` sits between two digits: a thousands separator (1,390) or a time (10:30)."""
    return at >= 2 and text[at - 2].isdigit() and text[at].isdigit()


def _between_words(text: str, at: int) -> bool:
    """Between two Chinese characters, neither part of a numeral and its unit (3億|元 is one figure)."""
    left, right = text[at - 1], text[at]
    return bool(_CJK.match(left) and _CJK.match(right)) and left not in _NUMERAL and right not in _FIGURE


def _outside_numbers(text: str, at: int) -> bool:
    return not (_WORD.match(text[at - 1]) and _WORD.match(text[at]))


_NUMERAL = frozenset("〇零一二三四五六七八九十百千萬万億亿兆兩两點")
_FIGURE = _NUMERAL | frozenset("元圓港美股倍")
_WORD = re.compile(r"[A-Za-z0-9.,%$]")
# Where a part may end, best first: after the marks that end a clause (，；： first: in financial copy they
# end a clause of a list), between words, outside numbers, and anywhere as the last resort.
_CUTS: tuple[Callable[[str, int], bool], ...] = (
    *(_after(marks) for marks in CUT_MARKS),
    _between_words,
    _outside_numbers,
    lambda _text, _at: True,
)


def split_for_engine(text: str, pieces: Callable[[str], int], budget: int, level: int = 0) -> list[str]:
    """``text`` in consecutive parts of at most ``budget`` model pieces each, cut where clauses end.

    ``pieces`` counts the model pieces of a text; ``level`` is the first kind of cut to try. Joined, the
    parts give ``text`` back exactly.
    """
    if pieces(text) <= budget:
        return [text]
    for next_level in range(level, len(_CUTS)):
        cut = _CUTS[next_level]
        atoms = _cut(text, cut)
        if len(atoms) > 1:
            return _pack(atoms, pieces, budget, next_level + 1)
    return [text]  # one character over the budget: the engine gets it as it is


def _cut(text: str, allowed: Callable[[str, int], bool]) -> list[str]:
    out: list[str] = []
    start = 0
    for at in range(1, len(text)):
        if allowed(text, at):
            out.append(text[start:at])
            start = at
    out.append(text[start:])
    return out


def _pack(atoms: list[str], pieces: Callable[[str], int], budget: int, level: int) -> list[str]:
    """Atoms joined greedily into parts under the budget; an atom over it alone is cut finer."""
    parts: list[str] = []
    current = ""
    for atom in atoms:
        if current and pieces(current + atom) <= budget:
            current += atom
            continue
        if current:
            parts.append(current)
        current = atom
        if pieces(atom) > budget:
            finer = split_for_engine(atom, pieces, budget, level)
            parts.extend(finer[:-1])
            current = finer[-1]  # the atoms after it may still join its last part
    if current:
        parts.append(current)
    return parts
