"""The consumers' own readers, for the interop tests: translate-toolkit (the current release, in this
environment, and the release Weblate pins, in an environment of its own) and OmegaT in console mode.

The pinned translate-toolkit is installed from PyPI once, into ``.interop/`` (ignored by git), the first
time a test asks for it; OmegaT is Debian's ``omegat`` package. Where one cannot be had, its tests skip
with the reason, except in CI (``CI`` set), where they fail: CI installs both (``.ci/run``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

from conftest import ROOT

INTEROP = ROOT / ".interop"
READER = ROOT / "scripts" / "interop" / "toolkit_read.py"
OMEGAT_GLOSSARY = ROOT / "scripts" / "interop" / "OmegatGlossary.java"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
# Weblate 5.14.3 requires translate-toolkit>=3.16.1,<3.17.
WEBLATE = "Weblate 5.14.3"
WEBLATE_TOOLKIT = "translate-toolkit>=3.16.1,<3.17"


def unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; with CI set it must be there (.ci/run)")
    pytest.skip(reason)


@dataclass(frozen=True)
class Toolkit:
    """A Python whose translate-toolkit reads the files: ``name`` says which release and why."""

    name: str
    python: Path

    def read(self, kind: str, path: Path) -> dict[str, Any]:
        """What ``scripts/interop/toolkit_read.py KIND PATH`` prints under this Python."""
        result = subprocess.run(
            [str(self.python), str(READER), kind, str(path)], capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        data: dict[str, Any] = json.loads(result.stdout)
        return data


def current_toolkit() -> Toolkit:
    return Toolkit("current", Path(sys.executable))


def weblate_toolkit() -> Toolkit:
    """The translate-toolkit Weblate pins, in ``.interop/translate-toolkit-3.16`` (built once)."""
    venv = INTEROP / "translate-toolkit-3.16"
    python = venv / "bin" / "python"
    if not (venv / ".ready").is_file():
        # Built beside its place and renamed into it, so a run killed half-way leaves no broken copy.
        building = INTEROP / f".translate-toolkit-3.16.{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        steps = (
            [sys.executable, "-m", "venv", str(building)],
            [str(building / "bin" / "python"), "-m", "pip", "install", "-q", WEBLATE_TOOLKIT],
        )
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True, timeout=600)
            if result.returncode != 0:
                shutil.rmtree(building, ignore_errors=True)
                last = (result.stderr.strip().splitlines() or ["no output"])[-1]
                unavailable(f"{WEBLATE_TOOLKIT} (as {WEBLATE} pins it) could not be installed: {last}")
        (building / ".ready").write_text(WEBLATE_TOOLKIT + "\n", encoding="utf-8")
        shutil.rmtree(venv, ignore_errors=True)
        building.rename(venv)
    return Toolkit(f"as {WEBLATE} pins it", python)


# -- OmegaT --------------------------------------------------------------------------------------------

_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_version() -> str:
    if not OMEGAT_JAR.is_file() or shutil.which("javac") is None:
        # javac: java runs the one-file reader from source only with the JDK's compiler.
        unavailable("OmegaT or the JDK is not installed (apt-get install omegat default-jdk-headless)")
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "omegat"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "unknown"


def omegat_project(
    root: Path,
    *,
    sources: dict[str, str],
    memories: dict[str, bytes] | None = None,
    glossaries: dict[str, bytes] | None = None,
    languages: tuple[str, str] = ("zh-HK", "en"),
) -> Path:
    """An OmegaT project: ``sources`` as plain-text source files, ``memories`` in ``tm/auto`` (the memories
    OmegaT fills segments from when the project loads), ``glossaries`` in ``glossary/``."""
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "omegat.project").write_text(
        _PROJECT.format(source=languages[0], target=languages[1]), encoding="utf-8"
    )
    for name, text in sources.items():
        (root / "source" / name).write_text(text, encoding="utf-8")
    for name, data in (memories or {}).items():
        (root / "tm" / "auto" / name).write_bytes(data)
    for name, data in (glossaries or {}).items():
        (root / "glossary" / name).write_bytes(data)
    return root


def _omegat_env(project: Path) -> dict[str, str]:
    # OmegaT keeps its preferences in ~/.omegat: a home of its own leaves the user's alone.
    home = project.parent / f"{project.name}-home"
    home.mkdir(exist_ok=True)
    return {**os.environ, "HOME": str(home)}


def omegat_translate(project: Path) -> dict[str, str]:
    """Run ``omegat --mode=console-translate`` on ``project``; the target files it writes, by name."""
    result = subprocess.run(
        ["omegat", str(project), "--mode=console-translate"],
        capture_output=True,
        text=True,
        timeout=300,
        env=_omegat_env(project),
    )
    assert result.returncode == 0 and "Finished" in result.stdout, (
        result.stdout[-2000:] + result.stderr[-2000:]
    )
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((project / "target").iterdir())}


def omegat_glossary(project: Path) -> list[dict[str, str]]:
    """The glossary entries OmegaT's own readers read from the project's glossary folder."""
    result = subprocess.run(
        ["java", "-cp", str(OMEGAT_JAR), str(OMEGAT_GLOSSARY), str(project)],
        capture_output=True,
        text=True,
        timeout=300,
        env=_omegat_env(project),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
