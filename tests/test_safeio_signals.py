"""Stopping a process on purpose: SIGTERM cleans up like Ctrl-C, and a step held from signals finishes first.

Each case is a real process sent a real signal by the kernel.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

_TERMINATED = """
import os, signal, sys, time
from pathlib import Path
from workbench.safeio import terminate_cleanly
work = Path(sys.argv[1])
with terminate_cleanly():
    try:
        work.mkdir()
        print("working", flush=True)
        time.sleep(60)
    finally:
        work.rmdir()
        Path(sys.argv[2]).write_text("cleaned up")
print("went on", flush=True)
"""

_HELD = """
import os, signal, sys
from pathlib import Path
from workbench.safeio import signals_held, terminate_cleanly
with terminate_cleanly():
    with signals_held():
        os.kill(os.getpid(), signal.SIGTERM)
        Path(sys.argv[1]).write_text("first")
        Path(sys.argv[2]).write_text("second")
    print("after the held step", flush=True)
"""


def test_sigterm_runs_the_clean_up_then_ends_the_process_by_the_signal(tmp_path: Path) -> None:
    work, note = tmp_path / "work", tmp_path / "note"
    run = subprocess.Popen(
        [sys.executable, "-c", _TERMINATED, str(work), str(note)], stdout=subprocess.PIPE, text=True
    )
    assert run.stdout is not None and run.stdout.readline().strip() == "working"
    assert work.is_dir()
    run.send_signal(signal.SIGTERM)
    rest, _ = run.communicate(timeout=60)
    assert run.returncode == -signal.SIGTERM
    assert not work.exists() and note.read_text() == "cleaned up"
    assert "went on" not in rest


def test_a_held_step_finishes_before_the_signal_takes_effect(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    run = subprocess.run(
        [sys.executable, "-c", _HELD, str(first), str(second)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == -signal.SIGTERM, run.stderr
    assert first.read_text() == "first" and second.read_text() == "second"
    assert "after the held step" not in run.stdout and "Traceback" not in run.stderr
