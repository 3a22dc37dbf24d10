"""Command-line conventions: --version, python -m, shell completion, and data on stdout, reports on stderr.

Every command is run as a user would pipe it: what lands on stdout must be the data alone (a table, JSON,
the exported text), so `> file` and `| jq` work; what was written and how many go to stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import GLOSSARY, SEED
from workbench import __version__
from workbench.cli import _register, app

_register()
runner = CliRunner()


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_version_from_the_command_and_from_python_m() -> None:
    result = run_process("--version")
    assert result.returncode == 0
    assert result.stdout == f"workbench {__version__}\n"
    installed = shutil.which("workbench", path=str(Path(sys.executable).parent))
    assert installed is not None
    direct = subprocess.run([installed, "--version"], capture_output=True, text=True, timeout=120)
    assert direct.stdout == result.stdout


def test_the_distribution_has_its_own_name_and_still_installs_the_workbench_command() -> None:
    from importlib.metadata import distribution

    # "workbench" on PyPI is someone else's project: installing by that name must not be the advice.
    dist = distribution("hk-newsroom-workbench")
    assert dist.version == __version__
    assert [(ep.name, ep.value) for ep in dist.entry_points if ep.group == "console_scripts"] == [
        ("workbench", "workbench.cli:main")
    ]


def test_python_m_workbench_is_the_same_command_line() -> None:
    result = run_process("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: workbench ")
    for command in ("translate", "segment", "check", "build", "export", "report", "model", "glossary"):
        assert f"  {command} " in result.stdout


def test_shell_completion_is_offered_and_completes_commands_and_choices() -> None:
    help_text = run_process("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    script = run_process("--show-completion", "bash")
    assert script.returncode == 0 and "_WORKBENCH_COMPLETE" in script.stdout
    # What bash asks when a user presses Tab after `workbench gl` and after `export --format`.
    bash = {"_WORKBENCH_COMPLETE": "complete_bash"}
    assert run_process(env={**bash, "COMP_WORDS": "workbench gl", "COMP_CWORD": "1"}).stdout.split() == [
        "glossary"
    ]
    words = {"COMP_WORDS": "workbench export --format ", "COMP_CWORD": "3"}
    assert run_process(env={**bash, **words}).stdout.split() == ["tmx", "xliff", "xliff-1.2"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder after one translation run, as every command but translate expects it."""
    root = tmp_path_factory.mktemp("desk")
    shutil.copy(SEED, root / "page.txt")
    shutil.copy(GLOSSARY, root / "glossary.csv")
    (root / "packages").mkdir()
    (root / "vendor.csv").write_text("code,english,chinese\n700,Tencent,騰訊控股\n", encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(root)
    try:
        assert runner.invoke(app, ["translate", "page.txt", "--no-mt"]).exit_code == 0
    finally:
        os.chdir(cwd)
    return root


# (arguments, what stdout holds): "" for commands that only report, "data" for those that print data.
TEXT_RUNS = [
    (["translate", "page.txt", "--no-mt"], ""),
    (["segment", "page.txt"], "data"),
    (["check", "translations"], "data"),
    (["build", "translations"], ""),
    (["export", "--format", "tmx", "translations"], ""),
    (["export", "--format", "xliff", "translations"], ""),
    (["model", "list"], ""),
    (["glossary", "check"], "data"),  # its problem rows; the count on stderr
    (["glossary", "find", "商湯"], "data"),
    (["glossary", "export", "--format", "tbx", "--output", "glossary.tbx"], ""),
    (["glossary", "export", "--format", "deepl"], "data"),
    (["glossary", "add", "測試公司", "--english", "Test Co"], ""),
    (["glossary", "import", "vendor.csv"], ""),
    (["report", "translations"], ""),
]
JSON_RUNS = [
    ["translate", "page.txt", "--no-mt", "--json"],
    ["segment", "page.txt", "--json"],
    ["check", "translations", "--json"],
    ["build", "translations", "--json"],
    ["export", "--format", "tmx", "translations", "--json"],
    ["export", "--format", "xliff", "translations", "--json"],
    ["model", "list", "--json"],
    ["glossary", "check", "--json"],
    ["glossary", "find", "商湯", "--json"],
    ["glossary", "suggest", "page.txt", "--no-model", "--json"],
    ["glossary", "import", "vendor.csv", "--json"],
    ["report", "translations", "--json"],
]


@pytest.fixture
def in_desk(desk: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(desk)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(desk / "packages"))
    return desk


def _name(value: object) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


@pytest.mark.parametrize(("args", "stdout"), TEXT_RUNS, ids=_name)
def test_reports_go_to_stderr_and_data_to_stdout(in_desk: Path, args: list[str], stdout: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    if stdout:
        assert result.stdout.strip(), "this command's data belongs on stdout"
        assert "workbench:" not in result.stdout
    else:
        assert result.stdout == "", f"report lines leaked onto stdout: {result.stdout[:200]!r}"
        assert result.stderr.strip(), "the command should say what it did, on stderr"


@pytest.mark.parametrize("args", JSON_RUNS, ids=" ".join)
def test_json_on_stdout_is_the_whole_of_stdout(in_desk: Path, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    json.loads(result.stdout)


def test_export_json_names_every_file_written_with_its_units(in_desk: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "xliff", "translations", "--json"])
    data = json.loads(result.stdout)
    assert data["format"] == "xliff" and len(data["files"]) == 5
    for item in data["files"]:
        assert Path(item["file"]).is_file() and item["units"] > 0
    tmx = json.loads(runner.invoke(app, ["export", "-f", "tmx", "translations", "--json"]).stdout)
    assert tmx["files"][0]["file"] == str(Path("translations") / "workbench.tmx")
    assert tmx["files"][0]["units"] == 0  # nothing reviewed yet after a run without a model
