"""Plant one-line bugs in modules and see whether the tests that run those lines catch them.

    .venv/bin/python scripts/mutants.py src/workbench/tm/index.py src/workbench/batch.py --max 40
    .venv/bin/python scripts/mutants.py --planted            # the hand-written bugs of planted.toml
    .venv/bin/python scripts/mutants.py src/workbench/batch.py --list

Mutants are read from each module's syntax tree: one operator or constant changed, the kind of slip a real
edit makes (< and <=, == and !=, is and is not, in and not in, and and or, a ``not`` removed or added,
an integer or a slice bound off by one, True and False, min and max, any and all, + and -, * and /, a
``continue`` or ``break`` removed, a quantifier of a regular expression, the last character of a string a
value is compared with, ``reverse=True`` added to or ``key=`` removed from a sort). Every mutant changes
one line, parses, and is checked to be the intended change of the tree and not a no-op; lines marked
``# pragma: no mutate``, docstrings, annotations, decorators, f-strings, asserts and ``strict=`` flags are
left alone. A survivor may still be an equivalent mutant (``<`` for ``<=`` where the two values can never
be equal): no tool can rule those out, so read each survivor before writing a test for it.

The tests of a mutant are the tests that run its line. They come from a map built by running the suite
once under coverage.py with one context per test (subprocesses included, through ``sitecustomize``), kept
in ``.mutants/coverage-map.json``; later runs re-map only test files that changed and the tests of modules
that changed (``--refresh-map`` rebuilds it whole). A line run only when its module is imported (a
constant, a default value) gets every test that runs any line of the module; a line no test runs is a
survivor without a run. ``--tests`` names the tests instead and needs no map.

Each mutant is written into a private copy of ``src/`` put first on PYTHONPATH, never into the worktree,
so an interrupted run leaves nothing behind. Its tests run as ``pytest -x -q -p no:cacheprovider``, the
fastest first, two mutants at a time. Before any mutant the tests are run once unchanged: a test that
fails already is left out (and named), since it would "catch" every mutant. A run longer than the timeout
(by default five times what its tests took when mapped, at least a minute) counts as caught: a bug that
hangs is noticed. Each survivor is printed; the last line is ``caught N/M``. Exit status: 0 when every
mutant was caught, 1 when some survived (or a planted mutant no longer matches its module), 2 on bad
input.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import contextlib
import copy
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tokenize
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PLANTED = Path(__file__).resolve().parent / "mutants" / "planted.toml"
MAP_NAME = Path(".mutants") / "coverage-map.json"
MAP_VERSION = 1
PRAGMA = "pragma: no mutate"
TEST_VARIABLE = "WORKBENCH_MUTANTS_TEST"  # the test a process (or its parent) is running, for its context
JOBS = 2
MIN_TIMEOUT = 60.0
TIMEOUT_FACTOR = 5.0
# An integer this large is a size or a budget, where one more or less changes nothing a test can see;
# compared against, it is a boundary and is mutated all the same.
LARGE = 100


class UsageError(Exception):
    """Bad input: reported in one line, exit status 2."""


@dataclass(frozen=True)
class Mutant:
    path: str  # the module, relative to the project root
    line: int
    original: str  # the line as it is
    mutated: str  # the line as the mutant has it
    kind: str  # what changed, for the report ("< to <=")
    span: tuple[int, int] = (0, 0)  # the lines of its statement: the tests of any of them run it
    tests: tuple[str, ...] = ()
    timeout: float = 0.0

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def describe(self) -> str:
        return f"{self.where}: {self.original.strip()}  ->  {self.mutated.strip()}  ({self.kind})"


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    caught: bool
    how: str  # "failed", "timed out", "no test runs this line", "survived"
    seconds: float = 0.0


# --- mutants from a syntax tree ---------------------------------------------------------------------------

_COMPARE = {
    ast.Lt: (ast.LtE, "<"),
    ast.LtE: (ast.Lt, "<="),
    ast.Gt: (ast.GtE, ">"),
    ast.GtE: (ast.Gt, ">="),
    ast.Eq: (ast.NotEq, "=="),
    ast.NotEq: (ast.Eq, "!="),
    ast.Is: (ast.IsNot, "is"),
    ast.IsNot: (ast.Is, "is not"),
    ast.In: (ast.NotIn, "in"),
    ast.NotIn: (ast.In, "not in"),
}
_BINARY = {
    ast.Add: (ast.Sub, "+"),
    ast.Sub: (ast.Add, "-"),
    ast.Mult: (ast.Div, "*"),
    ast.Div: (ast.Mult, "/"),
    ast.FloorDiv: (ast.Mult, "//"),
    ast.BitOr: (ast.BitAnd, "|"),
    ast.BitAnd: (ast.BitOr, "&"),
    ast.LShift: (ast.RShift, "<<"),
    ast.RShift: (ast.LShift, ">>"),
}
_BOOLEAN = {ast.And: (ast.Or, "and"), ast.Or: (ast.And, "or")}
_SYMBOL = {op: symbol for table in (_COMPARE, _BINARY, _BOOLEAN) for op, (_, symbol) in table.items()}
# Comparisons whose swapped operator is their negation: "not added" on them would repeat that mutant.
_NEGATED_BY_SWAP = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.In, ast.NotIn)
_NAMES = {"min": "max", "max": "min", "any": "all", "all": "any"}
_REGEX_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
_STRING_METHODS = {"startswith", "endswith", "removeprefix", "removesuffix"}
_QUIET_KEYWORDS = {"strict"}  # zip(..., strict=True) flipped is equivalent wherever lengths agree


@dataclass(frozen=True)
class _Edit:
    """Text put in place of columns [start, end) (characters) of one line."""

    line: int
    start: int
    end: int
    text: str


class _Module:
    """A module's text, tree and tokens, and the means to turn a change of the tree into a one-line edit."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.lines = source.split("\n")
        self.tree = ast.parse(source)
        self.dump = ast.dump(self.tree)
        self.parents: dict[int, tuple[ast.AST, str, int | None]] = {}
        for parent in ast.walk(self.tree):
            for name, value in ast.iter_fields(parent):
                if isinstance(value, ast.AST):
                    self.parents[id(value)] = (parent, name, None)
                elif isinstance(value, list):
                    for index, item in enumerate(value):
                        if isinstance(item, ast.AST):
                            self.parents[id(item)] = (parent, name, index)
        self.tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type in (tokenize.OP, tokenize.NAME, tokenize.STRING)
        ]
        self.starts = [t.start for t in self.tokens]
        self.skipped = _skipped_nodes(self.tree)
        self.statements = _statement_spans(self.tree)

    def col(self, line: int, byte_offset: int) -> int:
        """The character column of a byte offset that ``ast`` gives."""
        return len(self.lines[line - 1].encode("utf-8")[:byte_offset].decode("utf-8", "replace"))

    def start(self, node: ast.AST) -> tuple[int, int]:
        return node.lineno, self.col(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> tuple[int, int]:
        return node.end_lineno, self.col(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def segment(self, node: ast.AST) -> str | None:
        """The node's text, when it sits on one line."""
        (line, start), (end_line, end) = self.start(node), self.end(node)
        return self.lines[line - 1][start:end] if line == end_line else None

    def operator_tokens(self, after: ast.AST, before: ast.AST, words: str) -> list[tokenize.TokenInfo]:
        """The tokens spelling ``words`` (``is not``: two) between two nodes."""
        low, high = self.end(after), self.start(before)
        between = self.tokens[bisect.bisect_left(self.starts, low) : bisect.bisect_left(self.starts, high)]
        wanted = words.split()
        for i in range(len(between) - len(wanted) + 1):
            if [t.string for t in between[i : i + len(wanted)]] == wanted:
                return between[i : i + len(wanted)]
        return []

    def expected(self, node: ast.AST, new: ast.AST) -> str:
        """The dump of the tree with ``node`` replaced by ``new``."""
        parent, name, index = self.parents[id(node)]
        holder = getattr(parent, name)
        if index is None:
            setattr(parent, name, new)
        else:
            holder[index] = new
        try:
            return ast.dump(self.tree)
        finally:
            if index is None:
                setattr(parent, name, node)
            else:
                holder[index] = node

    def mutant(
        self, node: ast.AST, new: ast.AST, kind: str, edits: Iterable[Sequence[_Edit]]
    ) -> Mutant | None:
        """The first of the candidate edits that turns the module into the tree with ``new`` for ``node``."""
        want = self.expected(node, new)
        if want == self.dump:
            return None
        for candidate in edits:
            if not candidate or len({e.line for e in candidate}) != 1:
                continue
            line = candidate[0].line
            text = self.lines[line - 1]
            for edit in sorted(candidate, key=lambda e: e.start, reverse=True):
                text = text[: edit.start] + edit.text + text[edit.end :]
            if text == self.lines[line - 1]:
                continue
            lines = list(self.lines)
            lines[line - 1] = text
            try:
                got = ast.dump(ast.parse("\n".join(lines)))
            except SyntaxError:
                continue
            if got == want:
                span = self.statements.get(line, (line, line))
                return Mutant(self.path, line, self.lines[line - 1], text, kind, span)
        return None

    def replacing(self, node: ast.AST, texts: Iterable[str]) -> Iterator[list[_Edit]]:
        """Edits that put each of ``texts`` in place of a one-line node."""
        (line, start), (end_line, end) = self.start(node), self.end(node)
        if line != end_line:
            return
        for text in texts:
            yield [_Edit(line, start, end, text)]


def _skipped_nodes(tree: ast.Module) -> set[int]:
    """Nodes no mutant touches: docstrings, annotations, decorators, f-strings, asserts, TYPE_CHECKING."""
    skipped: set[int] = set()

    def skip(node: ast.AST | None) -> None:
        if node is not None:
            skipped.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            skip(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            skip(node.returns)
            for decorator in node.decorator_list:
                skip(decorator)
        elif isinstance(node, ast.ClassDef):
            for decorator in node.decorator_list:
                skip(decorator)
        elif isinstance(node, (ast.arg, ast.AnnAssign)):
            skip(node.annotation)
        elif isinstance(node, ast.If) and _is_main_guard(node.test):
            skip(node.test)
        elif _left_alone(node):
            skip(node)
    return skipped


def _left_alone(node: ast.AST) -> bool:
    """f-strings, asserts, TYPE_CHECKING blocks, ``__all__``, ``strict=`` flags: no mutant in them."""
    if isinstance(node, (ast.JoinedStr, ast.Assert)):
        return True
    if isinstance(node, ast.If):
        return _is_name(node.test, "TYPE_CHECKING")
    if isinstance(node, ast.Assign):
        return any(_is_name(t, "__all__") for t in node.targets)
    return isinstance(node, ast.keyword) and node.arg in _QUIET_KEYWORDS


def _statement_spans(tree: ast.Module) -> dict[int, tuple[int, int]]:
    """For each line, the lines of the innermost statement holding it (a compound one: its header only)."""
    spans: dict[int, tuple[int, int]] = {}
    statements = sorted(
        (n for n in ast.walk(tree) if isinstance(n, ast.stmt)),
        key=lambda n: n.end_lineno - n.lineno,  # type: ignore[operator]
        reverse=True,
    )
    for node in statements:
        body = getattr(node, "body", None)
        last = (
            body[0].lineno - 1 if isinstance(body, list) and body and body[0].lineno > node.lineno else None
        )
        end = last if last is not None else node.end_lineno or node.lineno
        for line in range(node.lineno, end + 1):
            spans[line] = (node.lineno, end)
    return spans


def _is_name(node: ast.AST, name: str) -> bool:
    return (isinstance(node, ast.Name) and node.id == name) or (
        isinstance(node, ast.Attribute) and node.attr == name
    )


def _is_main_guard(node: ast.AST) -> bool:
    return isinstance(node, ast.Compare) and _is_name(node.left, "__name__")


def _is_text(node: ast.AST) -> bool:
    """A string (or something built from one), where + and / mean joining, not arithmetic."""
    if isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)
    ):
        return True
    return isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))


def _int_value(node: ast.AST) -> int | None:
    """The value of an integer literal, a negative one included; None for anything else (bools too)."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _int_value(node.operand)
        return None if inner is None else -inner
    return None


def _int_node(value: int) -> ast.expr:
    return ast.Constant(value) if value >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-value))


def mutants_of(path: str, source: str) -> list[Mutant]:
    """Every mutant of a module, in line order, one per distinct changed line."""
    module = _Module(path, source)
    found: dict[tuple[int, str], Mutant] = {}
    for node in ast.walk(module.tree):
        if id(node) in module.skipped or id(node) not in module.parents:
            continue
        for mutant in _mutants_of_node(module, node):
            if mutant is not None and PRAGMA not in mutant.original:
                found.setdefault((mutant.line, mutant.mutated), mutant)
    return sorted(found.values(), key=lambda m: (m.line, m.mutated))


def _mutants_of_node(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    rules: tuple[Callable[[_Module, ast.AST], Iterator[Mutant | None]], ...] = (
        _compare,
        _boolean,
        _binary,
        _negation,
        _integer,
        _boolean_constant,
        _slice_bound,
        _swapped_name,
        _loop_jump,
        _string,
        _regex,
        _sort,
    )
    for rule in rules:
        yield from rule(module, node)


def _operator_edit(module: _Module, left: ast.AST, right: ast.AST, old: str, new: str) -> list[_Edit]:
    found = module.operator_tokens(left, right, old)
    if not found or found[0].start[0] != found[-1].end[0]:
        return []
    return [_Edit(found[0].start[0], found[0].start[1], found[-1].end[1], new)]


def _compare(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    if not isinstance(node, ast.Compare):
        return
    for index, op in enumerate(node.ops):
        swapped, symbol = _COMPARE[type(op)]
        new = copy.copy(node)
        new.ops = [*node.ops[:index], swapped(), *node.ops[index + 1 :]]
        left = node.left if index == 0 else node.comparators[index - 1]
        new_symbol = _SYMBOL[swapped]
        edit = _operator_edit(module, left, node.comparators[index], symbol, new_symbol)
        yield module.mutant(node, new, f"{symbol} to {new_symbol}", [edit])


def _boolean(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    if not isinstance(node, ast.BoolOp):
        return
    swapped, symbol = _BOOLEAN[type(node.op)]
    new = copy.copy(node)
    new.op = swapped()
    edits = [
        _operator_edit(module, a, b, symbol, _SYMBOL[swapped])
        for a, b in zip(node.values, node.values[1:], strict=False)
    ]
    if all(edits):
        yield module.mutant(node, new, f"{symbol} to {_SYMBOL[swapped]}", [[e for es in edits for e in es]])


def _binary(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        if _is_text(node.left) or _is_text(node.right):
            return
        left, right = node.left, node.right
    elif isinstance(node, ast.AugAssign) and type(node.op) in _BINARY:
        if _is_text(node.value):
            return
        left, right = node.target, node.value
    else:
        return
    swapped, symbol = _BINARY[type(node.op)]
    new = copy.copy(node)
    new.op = swapped()
    suffix = "=" if isinstance(node, ast.AugAssign) else ""
    edit = _operator_edit(module, left, right, symbol + suffix, _SYMBOL[swapped] + suffix)
    yield module.mutant(node, new, f"{symbol}{suffix} to {_SYMBOL[swapped]}{suffix}", [edit])


def _negation(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        at = bisect.bisect_left(module.starts, module.start(node))
        if at + 1 < len(module.tokens) and module.tokens[at].string == "not":
            word, after = module.tokens[at], module.tokens[at + 1]
            if word.start[0] == after.start[0]:
                edit = _Edit(word.start[0], word.start[1], after.start[1], "")
                yield module.mutant(node, node.operand, "not removed", [[edit]])
    parent = module.parents.get(id(node))
    if parent is None:
        return
    holder, name, _ = parent
    is_test = (isinstance(holder, (ast.If, ast.While, ast.IfExp)) and name == "test") or (
        isinstance(holder, ast.comprehension) and name == "ifs"
    )
    if not is_test or not isinstance(node, ast.expr) or _negates_itself(node):
        return
    new = ast.UnaryOp(ast.Not(), node)
    line, start = module.start(node)
    end_line, end = module.end(node)
    candidates = [[_Edit(line, start, start, "not ")]]
    if line == end_line:
        candidates.append([_Edit(line, start, start, "not ("), _Edit(line, end, end, ")")])
    yield module.mutant(node, new, "not added", candidates)


def _negates_itself(node: ast.expr) -> bool:
    """A test whose negation another mutant already is: ``not x``, ``a is b``, ``a in b``, ``a == b``."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    return isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _NEGATED_BY_SWAP


def _integer(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    value = _int_value(node)
    if value is None:
        return
    holder, _, _ = module.parents[id(node)]
    if isinstance(node, ast.Constant) and isinstance(holder, ast.UnaryOp) and isinstance(holder.op, ast.USub):
        return  # the negative literal as a whole is the mutant
    if abs(value) > LARGE and not isinstance(holder, ast.Compare):
        return
    for changed in (value + 1, value - 1):
        yield module.mutant(
            node, _int_node(changed), f"{value} to {changed}", module.replacing(node, [str(changed)])
        )


def _boolean_constant(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        flipped = not node.value
        edits = module.replacing(node, [str(flipped)])
        yield module.mutant(node, ast.Constant(flipped), f"{node.value} to {flipped}", edits)


def _slice_bound(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    holder, name, _ = module.parents[id(node)]
    if not isinstance(holder, ast.Slice) or name not in ("lower", "upper") or _int_value(node) is not None:
        return
    assert isinstance(node, ast.expr)
    text = module.segment(node)
    if text is None:
        return
    for op, sign in ((ast.Add(), "+"), (ast.Sub(), "-")):
        new = ast.BinOp(node, op, ast.Constant(1))
        texts = [f"{text} {sign} 1", f"({text}) {sign} 1"]
        yield module.mutant(node, new, f"slice bound {sign} 1", module.replacing(node, texts))


def _swapped_name(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NAMES:
        other = _NAMES[node.func.id]
        new = ast.Name(other, ast.Load())
        yield module.mutant(
            node.func, new, f"{node.func.id} to {other}", module.replacing(node.func, [other])
        )


def _loop_jump(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    if isinstance(node, (ast.Continue, ast.Break)):
        word = "continue" if isinstance(node, ast.Continue) else "break"
        yield module.mutant(node, ast.Pass(), f"{word} removed", module.replacing(node, ["pass"]))


def _string(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    """A string a value is compared with, or a prefix or suffix tested: its last character dropped."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return
    holder, name, _ = module.parents[id(node)]
    compared = isinstance(holder, ast.Compare)
    if isinstance(holder, (ast.Tuple, ast.Set, ast.List)):
        outer = module.parents.get(id(holder))
        compared = outer is not None and isinstance(outer[0], ast.Compare)
    tested = (
        isinstance(holder, ast.Call)
        and name == "args"
        and isinstance(holder.func, ast.Attribute)
        and holder.func.attr in _STRING_METHODS
    )
    if not (compared or tested):
        return
    changed = node.value[:-1] if node.value else "x"
    new = ast.Constant(changed)
    literal = _literal(changed)
    yield module.mutant(node, new, f"{_literal(node.value)} to {literal}", module.replacing(node, [literal]))


def _literal(text: str) -> str:
    """``repr`` of a string, in double quotes where it can be, as the project writes them."""
    written = repr(text)
    if written.startswith("'") and '"' not in text:
        written = '"' + written[1:-1].replace("\\'", "'") + '"'
    return written


def _regex(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    """The pattern of a ``re`` call: one quantifier made required, or + and * swapped."""
    if not (isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute)):
        return
    if not (_is_name(node.func.value, "re") and node.func.attr in _REGEX_CALLS):
        return
    pattern = node.args[0]
    if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)):
        return
    literal = module.segment(pattern)
    if literal is None or not re.fullmatch(r"[rR]?(['\"]).*\1", literal, re.DOTALL):
        return  # one plain or raw literal on one line: its characters are the pattern's
    raw = literal[0] in "rR"
    if not raw and "\\" in literal:
        return
    body_start = 2 if raw else 1
    line, start = module.start(pattern)
    for at, new_char in _quantifier_changes(literal[body_start:-1]):
        changed = literal[: body_start + at] + new_char + literal[body_start + at + 1 :]
        value = ast.literal_eval(changed)
        try:
            re.compile(value)
        except re.error:
            continue
        old_char = literal[body_start + at]
        kind = f"regex {old_char!r} {'removed' if not new_char else f'to {new_char!r}'}"
        edit = _Edit(line, start, start + len(literal), changed)
        yield module.mutant(pattern, ast.Constant(value), kind, [[edit]])


def _quantifier_changes(pattern: str) -> Iterator[tuple[int, str]]:
    """(index, replacement) of each quantifier outside a character class: ? dropped, + and * swapped."""
    in_class = False
    escaped = False
    for at, char in enumerate(pattern):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif in_class:
            continue
        elif char == "?" and at and pattern[at - 1] not in "(*+?}":
            yield at, ""
        elif char == "+" and at and pattern[at - 1] not in "*+?":
            yield at, "*"
        elif char == "*" and at and pattern[at - 1] not in "*+?":
            yield at, "+"


def _sort(module: _Module, node: ast.AST) -> Iterator[Mutant | None]:
    """A sort turned around (``reverse=True`` added) or its ``key=`` dropped."""
    if not isinstance(node, ast.Call):
        return
    # sorted(...) or a list's .sort(key=..., reverse=...), which takes no positional argument (np.sort does)
    is_sort = (isinstance(node.func, ast.Name) and node.func.id == "sorted") or (
        isinstance(node.func, ast.Attribute) and node.func.attr == "sort" and not node.args
    )
    if not is_sort:
        return
    names = {k.arg for k in node.keywords}
    end_line, end = module.end(node)
    if "reverse" not in names and module.lines[end_line - 1][end - 1 : end] == ")":
        new = copy.copy(node)
        new.keywords = [*node.keywords, ast.keyword("reverse", ast.Constant(True))]
        separator = ", " if node.args or node.keywords else ""
        edit = _Edit(end_line, end - 1, end - 1, f"{separator}reverse=True")
        yield module.mutant(node, new, "reverse=True added", [[edit]])
    if "key" in names:
        new = copy.copy(node)
        new.keywords = [k for k in node.keywords if k.arg != "key"]
        yield module.mutant(node, new, "key= removed", module.replacing(node, [ast.unparse(new)]))


# --- mutants written by hand ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    module: str
    find: str
    replace: str
    description: str


def read_planted(path: Path) -> list[Planted]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise UsageError(f"{path}: cannot read the planted mutants ({err})") from err
    found = []
    for number, item in enumerate(data.get("mutant", []), start=1):
        try:
            found.append(Planted(item["module"], item["find"], item["replace"], item["description"]))
        except (KeyError, TypeError) as err:
            raise UsageError(
                f"{path}: mutant {number} needs module, find, replace and description ({err})"
            ) from err
    return found


def planted_mutant(root: Path, item: Planted) -> Mutant | str:
    """The mutant ``item`` describes, or why it no longer fits its module (for its owner to update)."""
    path = root / item.module
    try:
        source = path.read_text(encoding="utf-8")
    except OSError:
        return f"{item.module} is gone"
    lines = source.split("\n")
    at = [n for n, text in enumerate(lines, start=1) if item.find in text]
    if len(at) != 1:
        where = "is not in" if not at else f"is on {len(at)} lines of"
        return f"{item.find!r} {where} {item.module}"
    original = lines[at[0] - 1]
    mutated = original.replace(item.find, item.replace, 1)
    changed = list(lines)
    changed[at[0] - 1] = mutated
    try:
        same = ast.dump(ast.parse("\n".join(changed))) == ast.dump(ast.parse(source))
    except SyntaxError:
        return f"the replacement does not parse in {item.module}"
    if same:
        return f"the replacement changes nothing in {item.module}"
    span = _statement_spans(ast.parse(source)).get(at[0], (at[0], at[0]))
    return Mutant(item.module, at[0], original, mutated, item.description, span)


# --- which tests run which lines ---------------------------------------------------------------------------

_SITECUSTOMIZE = """\
import os
if os.environ.get("COVERAGE_PROCESS_START"):
    try:
        import coverage
    except ImportError:
        pass
    else:
        coverage.process_startup()
"""

_PLUGIN = f"""\
import json
import os

import coverage
import pytest

_durations = {{}}
_failed = set()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    os.environ[{TEST_VARIABLE!r}] = item.nodeid
    cov = coverage.Coverage.current()
    if cov is not None:
        cov.switch_context(item.nodeid)


def pytest_runtest_logreport(report):
    _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration
    if report.failed:
        _failed.add(report.nodeid)


def pytest_sessionfinish(session):
    os.environ.pop({TEST_VARIABLE!r}, None)
    cov = coverage.Coverage.current()
    if cov is not None:
        cov.switch_context("")
    with open(os.environ["WORKBENCH_MUTANTS_REPORT"], "w", encoding="utf-8") as out:
        json.dump({{"durations": _durations, "failed": sorted(_failed)}}, out)
"""


def _digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def test_files(root: Path) -> list[str]:
    tests = root / "tests"
    return sorted(p.relative_to(root).as_posix() for p in tests.rglob("test_*.py")) if tests.is_dir() else []


def _helpers_digest(root: Path) -> str:
    """What every test leans on: the Python files of tests/ that are not test files (conftest, fixtures)."""
    digest = hashlib.sha1()
    tests = root / "tests"
    for path in sorted(tests.rglob("*.py")) if tests.is_dir() else ():
        if not path.name.startswith("test_"):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass
class CoverageMap:
    """Per test file: its digest, its tests' durations and failures, and the lines it runs of each module."""

    helpers: str = ""
    tests: dict[str, dict] = field(default_factory=dict)  # type: ignore[type-arg]
    loaded: dict[str, dict] = field(default_factory=dict)  # type: ignore[type-arg]  # module -> lines run at all

    @classmethod
    def read(cls, path: Path) -> CoverageMap:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("version") != MAP_VERSION:
            return cls()
        return cls(data.get("helpers", ""), data.get("tests", {}), data.get("loaded", {}))

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": MAP_VERSION, "helpers": self.helpers, "tests": self.tests, "loaded": self.loaded}
        partial = path.with_name(path.name + ".part")
        partial.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        partial.replace(path)

    def stale(self, root: Path, modules: Sequence[str]) -> list[str]:
        """The test files to run again before the map can speak for ``modules``."""
        files = test_files(root)
        if self.helpers != _helpers_digest(root):
            return files
        stale = {f for f in files if self.tests.get(f, {}).get("digest") != _digest(root / f)}
        for module in modules:
            now = _digest(root / module)
            if self.loaded.get(module, {}).get("digest") != now:
                if module not in self.loaded:
                    return files  # never imported when mapped: any test may run it now
                stale.update(f for f, entry in self.tests.items() if module in entry["covers"] and f in files)
        return sorted(stale)

    def tests_for(self, mutant: Mutant) -> tuple[tuple[str, ...], float, bool]:
        """(tests that run the mutant's statement, their mapped seconds, whether any line of it runs)."""
        first, last = mutant.span
        chosen: dict[str, float] = {}
        module_tests: dict[str, float] = {}
        for entry in self.tests.values():
            covers = entry["covers"].get(mutant.path)
            if covers is None:
                continue
            nodes, durations, failed = entry["nodes"], entry["durations"], set(entry["failed"])
            for line, indexes in covers["lines"].items():
                for i in indexes:
                    if nodes[i] in failed:
                        continue
                    module_tests[nodes[i]] = durations.get(nodes[i], 0.0)
                    if first <= int(line) <= last:
                        chosen[nodes[i]] = durations.get(nodes[i], 0.0)
        ran = any(first <= line <= last for line in self.loaded.get(mutant.path, {}).get("lines", ()))
        if not chosen and ran:
            chosen = module_tests  # run only while importing: every test of the module
        ordered = tuple(sorted(chosen, key=lambda t: (chosen[t], t)))
        return ordered, sum(chosen.values()), ran or bool(chosen)

    def failed_tests(self) -> list[str]:
        return sorted({t for entry in self.tests.values() for t in entry["failed"]})


def update_map(
    root: Path, cmap: CoverageMap, files: Sequence[str], modules: Sequence[str], log: Callable[[str], None]
) -> None:
    """Run ``files`` under coverage with one context per test, and put what they ran into ``cmap``."""
    try:
        import coverage
    except ImportError as err:
        raise UsageError(
            "coverage.py maps tests to lines: install the dev extra (pip install -e '.[dev]') or give --tests"
        ) from err
    count = f"{len(files)} test file{'s' if len(files) != 1 else ''}"
    log(f"mapping which tests run which lines: {count} under coverage (kept in {MAP_NAME})")
    with tempfile.TemporaryDirectory(prefix="workbench-mutants-map-") as scratch:
        work = Path(scratch)
        (work / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
        (work / "_mutants_contexts.py").write_text(_PLUGIN, encoding="utf-8")
        config = work / "coverage.ini"
        config.write_text(
            "[run]\n"
            f"source = {root / 'src'}\n"
            "parallel = True\n"
            f"data_file = {work / 'data' / 'coverage'}\n"
            f"context = ${{{TEST_VARIABLE}}}\n"
            "patch = _exit\n"
            "disable_warnings = no-data-collected, module-not-imported, module-not-measured, "
            "couldnt-parse, no-ctracer\n",
            encoding="utf-8",
        )
        (work / "data").mkdir()
        env = dict(os.environ)
        env.pop(TEST_VARIABLE, None)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(work), str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
        env["COVERAGE_PROCESS_START"] = str(config)
        env["WORKBENCH_MUTANTS_REPORT"] = str(work / "report.json")
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "_mutants_contexts",
            *files,
        ]
        with open(work / "pytest.log", "w", encoding="utf-8") as output:
            done = subprocess.run(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
        if done.returncode not in (0, 1) or not (work / "report.json").is_file():
            tail = (work / "pytest.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            raise UsageError(f"the mapping run of the tests stopped (exit {done.returncode}):\n{tail}")
        report = json.loads((work / "report.json").read_text(encoding="utf-8"))
        cov = coverage.Coverage(config_file=str(config))
        cov.combine(data_paths=[str(work / "data")])
        data = cov.get_data()
        fresh: dict[str, dict] = {  # type: ignore[type-arg]
            f: {"digest": _digest(root / f), "nodes": [], "durations": {}, "failed": [], "covers": {}}
            for f in files
        }
        index: dict[str, tuple[str, int]] = {}
        for node, seconds in report["durations"].items():
            entry = fresh.get(node.split("::")[0])
            if entry is not None:
                index[node] = (node.split("::")[0], len(entry["nodes"]))
                entry["nodes"].append(node)
                entry["durations"][node] = round(seconds, 3)
        for node in report["failed"]:
            if node in index:
                fresh[index[node][0]]["failed"].append(node)
        src = (root / "src").resolve()
        for measured in sorted(data.measured_files()):
            try:
                module = Path(measured).resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                continue
            if not Path(measured).resolve().is_relative_to(src) or not (root / module).is_file():
                continue
            lines_run: set[int] = set()
            for line, contexts in data.contexts_by_lineno(measured).items():
                lines_run.add(line)
                for context in contexts:
                    if context in index:
                        test_file, i = index[context]
                        covers = fresh[test_file]["covers"].setdefault(module, {"lines": {}})
                        covers["lines"].setdefault(str(line), []).append(i)
            before = cmap.loaded.get(module)
            digest = _digest(root / module)
            if before is not None and before.get("digest") == digest:
                lines_run.update(before["lines"])
            cmap.loaded[module] = {"digest": digest, "lines": sorted(lines_run)}
    for module in modules:  # not imported by any test: known, so that the next run does not map again
        digest = _digest(root / module)
        if cmap.loaded.get(module, {}).get("digest") != digest:
            cmap.loaded[module] = {"digest": digest, "lines": []}
    cmap.tests = {f: e for f, e in cmap.tests.items() if (root / f).is_file() and f not in fresh}
    cmap.tests.update(fresh)
    cmap.helpers = _helpers_digest(root)
    if report["failed"]:
        named = ", ".join(report["failed"][:5])
        log(f"{len(report['failed'])} tests failed while mapping and are left out: {named}")


# --- running mutants ----------------------------------------------------------------------------------------


class Runner:
    """Runs mutants in private copies of ``src/``, one copy per job, so the worktree is never touched."""

    def __init__(self, root: Path, jobs: int) -> None:
        self.root = root
        self.scratch = Path(tempfile.mkdtemp(prefix="workbench-mutants-"))
        self.copies: list[Path] = []
        self.free: list[Path] = []
        self.running: set[subprocess.Popen[bytes]] = set()
        self.deselect: list[str] = []  # tests that fail with no mutant planted
        self.stopping = False
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
        for job in range(jobs):
            copy_root = self.scratch / f"job{job}"
            shutil.copytree(root / "src", copy_root / "src", ignore=ignore)
            self.copies.append(copy_root)
            self.free.append(copy_root)

    def stop(self) -> None:
        self.stopping = True
        for process in list(self.running):
            _kill(process)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def env(self, copy_root: Path) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("COVERAGE_PROCESS_START", None)  # a run inside a mapping run measures nothing
        env["PYTHONPATH"] = os.pathsep.join(
            [str(copy_root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
        # A mutant may keep a module's size and its second of modification: never trust a cached .pyc.
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env

    def check_imports(self, module: str) -> None:
        """The copy, not the worktree, must be what the tests import, or every mutant would survive."""
        dotted = _dotted(module)
        if dotted is None:
            return
        copy_root = self.copies[0]
        code = f"import {dotted} as m; print(m.__file__)"
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=self.root,
            env=self.env(copy_root),
            capture_output=True,
            text=True,
        )
        where = done.stdout.strip()
        if done.returncode != 0 or not Path(where).resolve().is_relative_to(copy_root.resolve()):
            raise UsageError(
                f"{module}: the tests would not import the mutated copy (they import {where or '?'})"
            )

    def pytest(
        self, copy_root: Path, tests: Sequence[str], timeout: float, stop_first: bool
    ) -> tuple[int | None, str]:
        """(exit status or None on timeout, output) of pytest over ``tests`` with ``copy_root`` first."""
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", *tests]
        command += [f"--deselect={t}" for t in self.deselect]
        if stop_first:
            command.insert(3, "-x")
        with tempfile.TemporaryFile() as output:
            process = subprocess.Popen(
                command, cwd=self.root, env=self.env(copy_root), stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
            self.running.add(process)
            if self.stopping:
                _kill(process)
            try:
                status: int | None = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(process)
                status = None
            except BaseException:  # Ctrl-C: the tests run in a session of their own and would go on
                _kill(process)
                raise
            finally:
                self.running.discard(process)
            output.seek(0)
            return status, output.read().decode("utf-8", "replace")

    def run(self, mutant: Mutant) -> Outcome:
        copy_root = self.free.pop()
        target = copy_root / mutant.path
        original = target.read_text(encoding="utf-8")
        lines = original.split("\n")
        lines[mutant.line - 1] = mutant.mutated
        try:
            target.write_text("\n".join(lines), encoding="utf-8")
            started = time.monotonic()
            status, output = self.pytest(copy_root, mutant.tests, mutant.timeout, stop_first=True)
            seconds = time.monotonic() - started
        finally:
            target.write_text(original, encoding="utf-8")
            self.free.append(copy_root)
        if status is None:
            return Outcome(mutant, True, "timed out", seconds)
        if status == 5:
            raise UsageError(
                f"{mutant.where}: pytest collected none of its tests; rebuild the map (--refresh-map)"
            )
        return Outcome(mutant, status != 0, "failed" if status != 0 else "survived", seconds)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def _dotted(module: str) -> str | None:
    parts = Path(module).with_suffix("").parts
    if not parts or parts[0] != "src":
        return None
    names = list(parts[1:])
    if names and names[-1] == "__init__":
        names.pop()
    return ".".join(names) or None


_FAILED_LINE = re.compile(r"^(?:FAILED|ERROR) (\S+)")


def baseline(runner: Runner, tests: Sequence[str], log: Callable[[str], None]) -> tuple[set[str], float]:
    """The tests that fail with no mutant planted (then left out of every run), and how long they took."""
    started = time.monotonic()
    status, output = runner.pytest(runner.copies[0], sorted(tests), timeout=24 * 3600, stop_first=False)
    seconds = time.monotonic() - started
    if status not in (0, 1):
        raise UsageError(f"the tests do not run without a mutant (pytest exit {status}):\n{output[-2000:]}")
    failing = {m.group(1) for m in map(_FAILED_LINE.match, output.splitlines()) if m}
    if status == 1 and not failing:
        raise UsageError(f"the tests fail without a mutant and pytest did not say which:\n{output[-2000:]}")
    if failing:
        named = ", ".join(sorted(failing)[:5])
        log(f"{len(failing)} tests fail without any mutant and are left out: {named}")
    runner.deselect = sorted(failing)
    return failing, seconds


def run_all(
    runner: Runner, mutants: Sequence[Mutant], jobs: int, log: Callable[[str], None]
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    to_run = [m for m in mutants if m.tests]
    for m in mutants:
        if not m.tests:
            outcomes.append(Outcome(m, False, "no test runs this line"))
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        for done, outcome in enumerate(pool.map(runner.run, to_run), start=1):
            outcomes.append(outcome)
            verdict = "caught" if outcome.caught else "SURVIVED"
            took = f"{outcome.how}, {outcome.seconds:.0f} s"
            log(f"[{done}/{len(to_run)}] {verdict} ({took}) {outcome.mutant.where}")
    except BaseException:
        runner.stop()  # the running tests first, or shutting the pool down waits for them
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return outcomes


# --- the command --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("modules", nargs="*", help="modules to mutate (paths under src/)")
    parser.add_argument(
        "--tests", nargs="+", metavar="TEST", help="run these tests for every mutant (no map)"
    )
    parser.add_argument("--max", type=int, metavar="N", help="a random sample of N mutants")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample (default 0)")
    parser.add_argument("--list", action="store_true", help="print the mutants and run nothing")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds per mutant (default: see above)")
    parser.add_argument(
        "--planted",
        nargs="?",
        const=str(PLANTED),
        metavar="FILE",
        help=f"the hand-written mutants of FILE (default {PLANTED.relative_to(ROOT)}) of the modules given",
    )
    parser.add_argument(
        "--jobs", type=int, default=JOBS, choices=(1, 2), help="mutants run at once (default 2)"
    )
    parser.add_argument(
        "--refresh-map", action="store_true", help="map every test file again (alone: only that)"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # the project (tests)
    return parser.parse_args(argv)


def collect(args: argparse.Namespace, root: Path) -> tuple[list[Mutant], list[str]]:
    """The mutants asked for, and the planted ones that no longer fit their module."""
    modules = [_relative(root, m) for m in args.modules]
    stale: list[str] = []
    mutants: list[Mutant] = []
    if args.planted:
        for item in read_planted(Path(args.planted)):
            if modules and item.module not in modules:
                continue
            made = planted_mutant(root, item)
            if isinstance(made, str):
                stale.append(f"{item.description}: {made}")
            else:
                mutants.append(made)
    else:
        if not modules:
            raise UsageError("name the modules to mutate (or give --planted)")
        for module in modules:
            source = (root / module).read_text(encoding="utf-8")
            try:
                mutants.extend(mutants_of(module, source))
            except SyntaxError as err:
                raise UsageError(f"{module}: cannot be parsed ({err})") from err
    if args.max is not None and len(mutants) > args.max:
        mutants = random.Random(args.seed).sample(mutants, args.max)
    return sorted(mutants, key=lambda m: (m.path, m.line, m.mutated)), stale


def _relative(root: Path, module: str) -> str:
    path = Path(module)
    path = path if path.is_absolute() else Path.cwd() / path
    if not path.is_file() or path.suffix != ".py":
        raise UsageError(f"{module}: not a Python module; give a path such as src/workbench/batch.py")
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError as err:
        raise UsageError(f"{module}: not inside the project {root}") from err


def with_tests(
    args: argparse.Namespace, root: Path, mutants: list[Mutant], log: Callable[[str], None]
) -> list[Mutant]:
    """The mutants with their tests and timeouts filled in (from --tests, or the map)."""
    if args.tests:
        return [replace(m, tests=tuple(args.tests)) for m in mutants]
    map_path = root / MAP_NAME
    cmap = CoverageMap() if args.refresh_map else CoverageMap.read(map_path)
    modules = sorted({m.path for m in mutants})
    stale = test_files(root) if args.refresh_map else cmap.stale(root, modules)
    if stale:
        update_map(root, cmap, stale, modules, log)
        cmap.write(map_path)
    ready = []
    for m in mutants:
        tests, seconds, _ = cmap.tests_for(m)
        timeout = args.timeout or max(MIN_TIMEOUT, TIMEOUT_FACTOR * seconds)
        ready.append(replace(m, tests=tests, timeout=timeout))
    return ready


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    root = args.root.resolve()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)

    try:
        if args.refresh_map and not args.modules and not args.planted:
            cmap = CoverageMap()
            update_map(root, cmap, test_files(root), [], log)
            cmap.write(root / MAP_NAME)
            return 0
        mutants, stale = collect(args, root)
        for line in stale:
            log(f"planted mutant no longer fits: {line}; update {args.planted}")
        if args.list:
            for m in mutants:
                print(m.describe())
            print(f"{len(mutants)} mutants")
            return 0
        if not mutants:
            raise UsageError("no mutants to run")
        mutants = with_tests(args, root, mutants, log)
        runner = Runner(root, args.jobs)
        try:
            for module in sorted({m.path for m in mutants}):
                runner.check_imports(module)
            union = sorted({t for m in mutants for t in m.tests})
            if union:
                failing, seconds = baseline(runner, union, log)
                mutants = [
                    replace(
                        m,
                        tests=tuple(t for t in m.tests if t not in failing),
                        timeout=m.timeout or args.timeout or max(MIN_TIMEOUT, TIMEOUT_FACTOR * seconds),
                    )
                    for m in mutants
                ]
            outcomes = run_all(runner, mutants, args.jobs, log)
        finally:
            runner.close()
    except UsageError as err:
        print(f"mutants: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mutants: interrupted; the worktree was never changed", file=sys.stderr)
        return 130
    outcomes.sort(key=lambda o: (o.mutant.path, o.mutant.line, o.mutant.mutated))
    for o in outcomes:
        if not o.caught:
            note = " [no test runs this line]" if o.how == "no test runs this line" else ""
            print(f"survived {o.mutant.describe()}{note}")
    hung = sum(o.how == "timed out" for o in outcomes)
    if hung:
        print(f"{hung} caught by timing out (a hang counts as caught)")
    caught = sum(o.caught for o in outcomes)
    print(f"caught {caught}/{len(outcomes)}")
    return 0 if caught == len(outcomes) and not stale else 1


if __name__ == "__main__":
    sys.exit(main())
