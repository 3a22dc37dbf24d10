"""scripts/mutants.py on a tiny project of its own: which planted bugs its tests catch, nothing left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "mutants.py"

CALC = '''\
"""Small arithmetic the tiny project's tests look at."""

import time

DELAY = 0


def clamp(value: int, low: int, high: int) -> int:
    """``value`` kept within [low, high]."""
    if value < low:
        return low
    if value > high:
        return high
    return value


def count_up(n: int) -> int:
    i = 0
    while i < n:
        i += 1
    return i


def pause() -> int:
    time.sleep(DELAY)
    return DELAY
'''

TESTS = """\
import os
import subprocess
import sys
from pathlib import Path

from tiny import calc


def test_clamp_raises_a_low_value():
    assert calc.clamp(-5, 0, 10) == 0


def test_count_up_in_a_process_of_its_own():
    code = "from tiny.calc import count_up; assert count_up(2) == 2"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_pause():
    if calc.DELAY:
        Path(os.environ["TINY_MARK"]).write_text(str(os.getpid()))
    assert calc.pause() == calc.DELAY
"""


def planted(*rows: tuple[str, str, str]) -> str:
    return "".join(
        f'[[mutant]]\nmodule = "src/tiny/calc.py"\nfind = "{find}"\nreplace = "{new}"\n'
        f'description = "{what}"\n\n'
        for find, new, what in rows
    )


CAUGHT = ("if value < low:", "if value > low:", "low bound turned around")
UNTESTED = ("return high", "return low", "the low bound for a high value")
IN_PROCESS = ("while i < n:", "while i <= n:", "one step too many")
HANG = ("i += 1", "i -= 1", "counts down forever")
SLOW = ("DELAY = 0", "DELAY = 60", "sleeps a minute")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    root = tmp_path / "tiny-project"
    (root / "src" / "tiny").mkdir(parents=True)
    (root / "src" / "tiny" / "__init__.py").write_text("", encoding="utf-8")
    (root / "src" / "tiny" / "calc.py").write_text(CALC, encoding="utf-8")
    (root / "tests").mkdir()
    (root / "tests" / "test_calc.py").write_text(TESTS, encoding="utf-8")
    return root


def mutants(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_a_caught_and_an_untested_bug_make_one_of_two(tiny: Path) -> None:
    gone = ("if value == low:", "if value != low:", "a line rewritten since")
    (tiny / "planted.toml").write_text(planted(CAUGHT, UNTESTED, gone), encoding="utf-8")
    before = (tiny / "src" / "tiny" / "calc.py").read_bytes()
    done = mutants(tiny, "--planted", "planted.toml", "--tests", "tests/test_calc.py")
    assert done.stdout.splitlines() == [
        "survived src/tiny/calc.py:13: return high  ->  return low  (the low bound for a high value)",
        "caught 1/2",
    ], done.stderr
    assert (
        "planted mutant no longer fits: a line rewritten since: 'if value == low:' is not in" in done.stderr
    )
    assert done.returncode == 1
    assert (tiny / "src" / "tiny" / "calc.py").read_bytes() == before


def test_the_map_gives_each_mutant_the_tests_that_run_its_line_in_any_process(tiny: Path) -> None:
    (tiny / "planted.toml").write_text(planted(CAUGHT, UNTESTED, IN_PROCESS), encoding="utf-8")
    (tiny / "tests" / "test_other.py").write_text("def test_nothing():\n    pass\n", encoding="utf-8")
    done = mutants(tiny, "--planted", "planted.toml")
    assert done.stdout.splitlines()[-1] == "caught 2/3", done.stdout + done.stderr
    # No test reaches the high bound, so that mutant is not run; count_up runs only in a child process,
    # whose lines the map records under the test that started it.
    assert "return low  (the low bound for a high value) [no test runs this line]" in done.stdout
    assert "while i" not in done.stdout
    assert "mapping which tests run which lines: 2 test files" in done.stderr
    assert (tiny / ".mutants" / "coverage-map.json").is_file()

    # A test that reaches the high bound: only the changed test file is mapped again, and it catches it.
    with (tiny / "tests" / "test_calc.py").open("a", encoding="utf-8") as tests:
        tests.write("\n\ndef test_clamp_lowers_a_high_value():\n    assert calc.clamp(11, 0, 10) == 10\n")
    later = mutants(tiny, "--planted", "planted.toml")
    assert later.stdout.splitlines()[-1] == "caught 3/3", later.stdout + later.stderr
    assert later.returncode == 0
    assert "mapping which tests run which lines: 1 test file " in later.stderr


def test_a_mutant_that_hangs_counts_as_caught(tiny: Path) -> None:
    (tiny / "planted.toml").write_text(planted(HANG), encoding="utf-8")
    done = mutants(tiny, "--planted", "planted.toml", "--tests", "tests/test_calc.py", "--timeout", "10")
    assert done.stdout.splitlines() == ["1 caught by timing out (a hang counts as caught)", "caught 1/1"]
    assert done.returncode == 0


def test_generated_mutants_change_code_not_docstrings_or_annotations(tiny: Path) -> None:
    done = mutants(tiny, "src/tiny/calc.py", "--list")
    listed = done.stdout.splitlines()
    assert "src/tiny/calc.py:10: if value < low:  ->  if value <= low:  (< to <=)" in listed
    assert "src/tiny/calc.py:20: i += 1  ->  i -= 1  (+= to -=)" in listed
    assert "src/tiny/calc.py:5: DELAY = 0  ->  DELAY = 1  (0 to 1)" in listed
    changed = {int(line.split(":")[1]) for line in listed[:-1]}
    assert changed.isdisjoint({1, 8, 9, 17, 24})  # docstrings and def lines with annotations
    assert listed[-1] == f"{len(listed) - 1} mutants"
    sample = mutants(tiny, "src/tiny/calc.py", "--list", "--max", "3", "--seed", "4").stdout.splitlines()
    assert sample[-1] == "3 mutants" and set(sample[:-1]) <= set(listed)


def test_interrupted_run_leaves_no_mutant_and_no_test_running(tiny: Path, tmp_path: Path) -> None:
    (tiny / "planted.toml").write_text(planted(SLOW), encoding="utf-8")
    scratch, mark = tmp_path / "scratch", tmp_path / "mark"
    scratch.mkdir()
    before = (tiny / "src" / "tiny" / "calc.py").read_bytes()
    run = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--root", str(tiny), "--planted", "planted.toml", "--tests", "tests"],
        cwd=tiny,
        env={**os.environ, "TMPDIR": str(scratch), "TINY_MARK": str(mark)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not mark.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert mark.exists(), "the mutant's test never started"
    time.sleep(0.5)
    sleeper = int(mark.read_text())
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "interrupted; the worktree was never changed" in err
    assert (tiny / "src" / "tiny" / "calc.py").read_bytes() == before
    assert list(scratch.glob("workbench-mutants-*")) == []
    with pytest.raises(ProcessLookupError):
        os.kill(sleeper, 0)


def test_bad_input_is_one_line_and_status_2(tiny: Path) -> None:
    done = mutants(tiny, "src/tiny/nothing.py")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "mutants: src/tiny/nothing.py: not a Python module; give a path such as src/workbench/batch.py"
    ]
