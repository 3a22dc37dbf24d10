"""A newsroom's folder for tests that drive the command line: the seed page, the glossary, no model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import GLOSSARY, SEED
from workbench.cli import _register, app

PAGE = f"seeds/{SEED.name}"

_register()


def seed_desk(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``root`` made the working folder, with ``seeds/<seed page>`` and ``glossary.csv``; no package."""
    (root / "seeds").mkdir(exist_ok=True)
    shutil.copy(SEED, root / PAGE)
    shutil.copy(GLOSSARY, root / "glossary.csv")
    monkeypatch.chdir(root)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root / "no-packages"))
    return root


def cli(*args: str) -> Result:
    """``workbench ARGS...`` in this process; the result has ``exit_code``, ``stdout`` and ``stderr``."""
    return CliRunner().invoke(app, list(args))
