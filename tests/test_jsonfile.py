"""Reading JSON that may be hostile: one line naming the file and the limit, never a traceback or a hang."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.jsonfile import parse_json, read_json


def _refusal(err: pytest.ExceptionInfo[InputError]) -> str:
    message = str(err.value)
    assert message and "\n" not in message
    return message


def test_a_file_within_its_limits_is_read(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b'\xef\xbb\xbf{"a": [[1, 2], {"b": "\xe5\x95\x86"}]}')  # with a BOM, as Notepad saves
    assert read_json(path, max_bytes=path.stat().st_size, max_depth=3) == {"a": [[1, 2], {"b": "商"}]}


@pytest.mark.parametrize("depth", [17, 900, 100_000])
def test_nesting_past_the_limit_is_one_line_naming_the_file(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "metadata.json"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_json(path, max_bytes=1024**2, max_depth=16)
    assert _refusal(err) == f"{path}: its JSON is nested more than 16 levels deep, the most allowed"


def test_nesting_at_the_limit_is_read() -> None:
    assert parse_json("[" * 16 + "]" * 16, "x.json", max_depth=16) is not None
    assert parse_json('{"a": {"b": [3]}}', "x.json", max_depth=3) == {"a": {"b": [3]}}
    with pytest.raises(InputError):
        parse_json('{"a": {"b": [3]}}', "x.json", max_depth=2)


def test_a_file_past_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('"' + "a" * 1000 + '"', encoding="utf-8")
    assert read_json(path, max_bytes=1002, max_depth=1) == "a" * 1000
    with pytest.raises(InputError) as err:
        read_json(path, max_bytes=1001, max_depth=1)
    assert _refusal(err) == f"{path}: is larger than the 1,001 bytes such a file may have"


def test_an_endless_file_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    # /dev/zero behind a state file's name: a reader that read it whole would never return. The reader
    # runs in a process that may take 1 GiB of memory, so such a reader fails fast instead.
    link = tmp_path / "state.json"
    link.symlink_to("/dev/zero")
    script = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
        "from workbench.jsonfile import read_json; read_json(sys.argv[1], max_bytes=4096, max_depth=4)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(link)], capture_output=True, text=True, timeout=120
    )
    assert "InputError" in run.stderr and "larger than the 4,096 bytes" in run.stderr, run.stderr


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "is not valid JSON (Expecting property name"),
        (b"\xff\xfe{}", "is not valid JSON ('utf-8' codec can't decode"),
        (b"1" * 5000, "is not valid JSON (Exceeds the limit"),
        (b"", "is not valid JSON (Expecting value"),
    ],
    ids=["syntax", "encoding", "huge-number", "empty"],
)
def test_what_is_not_json_is_one_line(data: bytes, expected: str) -> None:
    with pytest.raises(InputError) as err:
        parse_json(data, "a/state.json", max_depth=8)
    assert _refusal(err).startswith(f"a/state.json: {expected}")
