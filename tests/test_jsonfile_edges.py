"""State files read with care: how deep their JSON nests, counted exactly (a file at the limit is read, one
level more is refused, whatever mix of arrays, objects and strings holding brackets it has), and what
becomes of one that cannot be used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.jsonfile import parse_json, read_state, set_aside


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ("{}", 1),
        ("[[1], [2], [3]]", 2),
        ('{"a": {}, "b": {"c": {}}, "d": {}}', 3),
        ('[{"a": [1]}, {"b": [2]}, {"c": [3]}]', 3),
        ('{"a": [[1]], "b": [], "c": {"d": {}}}', 3),
        ('{"cache": [{"source": "[[[", "target": "}}}"}, {"source": "x"}]}', 3),
        ('[["\\\\", "\\"[["], [{"k": "]"}]]', 3),
    ],
)
def test_nesting_is_counted_exactly(text: str, depth: int) -> None:
    assert parse_json(text, "a/state.json", max_depth=depth) is not None
    if depth:
        with pytest.raises(
            InputError, match=f"a/state.json: its JSON is nested more than {depth - 1} levels"
        ):
            parse_json(text, "a/state.json", max_depth=depth - 1)


def test_a_state_file_is_read_and_a_missing_one_is_none(tmp_path: Path) -> None:
    path = tmp_path / ".workbench-state.json"
    assert read_state(path, max_bytes=1024, max_depth=4) is None
    path.write_text('{"sentences": [["商湯", "SenseTime"]]}', encoding="utf-8")
    assert read_state(path, max_bytes=1024, max_depth=4) == {"sentences": [["商湯", "SenseTime"]]}


def test_a_damaged_state_file_is_removed_with_one_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / ".workbench-state.json"
    path.write_text('{"sentences": [', encoding="utf-8")
    assert read_state(path, max_bytes=1024, max_depth=4) is None
    assert not path.exists()
    err = capsys.readouterr().err
    assert err.startswith(f"workbench: note: {path}: is not valid JSON (")
    assert err.endswith("; removed; it is written afresh\n")


def test_a_state_file_left_for_its_writer_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / ".workbench-tm.json"
    path.write_text("[" * 9 + "]" * 9, encoding="utf-8")
    assert read_state(path, max_bytes=1024, max_depth=4, remove=False) is None
    assert path.exists()
    assert capsys.readouterr().err == (
        f"workbench: note: {path}: its JSON is nested more than 4 levels deep, the most allowed; "
        "not used; it is written afresh\n"
    )


def test_a_state_path_that_is_no_regular_file_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO would block the run and a folder cannot be read: neither is opened."""
    fifo = tmp_path / "fifo" / ".workbench-state.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    assert read_state(fifo, max_bytes=1024, max_depth=4) is None
    assert not fifo.exists()
    assert (
        capsys.readouterr().err
        == f"workbench: note: {fifo}: is not a regular file; removed; it is written afresh\n"
    )
    folder = tmp_path / "folder" / ".workbench-state.json"
    folder.mkdir(parents=True)
    assert read_state(folder, max_bytes=1024, max_depth=4) is None
    assert folder.is_dir()
    assert capsys.readouterr().err == (
        f"workbench: note: {folder}: is not a regular file; "
        "not used, and cannot be removed (Is a directory)\n"
    )


def test_set_aside_removes_by_default_and_a_file_already_gone_is_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / ".workbench-report"
    path.write_text("{}", encoding="utf-8")
    set_aside(path, "is of the wrong shape")
    assert not path.exists()
    set_aside(path, "is of the wrong shape")
    assert capsys.readouterr().err.splitlines() == [
        f"workbench: note: {path}: is of the wrong shape; removed; it is written afresh",
        f"workbench: note: {path}: is of the wrong shape; not used; it is written afresh",
    ]
