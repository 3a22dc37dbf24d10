"""PO files read as msgfmt reads them: charset as declared, entries cut short refused, files untouched."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import GLOSSARY, ROOT, SEED
from workbench.cli import _register, app
from workbench.errors import POFileError
from workbench.po import load_po

REAL_PO = ROOT / "translations" / "9863-hk-c7c975" / "en.po"  # written by the tool, accepted by msgfmt -c

needs_msgfmt = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed"
)
_register()


def msgfmt_accepts(path: Path) -> bool:
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


def reader_accepts(path: Path) -> bool:
    try:
        load_po(path)
    except POFileError as err:
        assert "\n" not in str(err) and str(err).startswith(str(path))
        return False
    return True


@needs_msgfmt
def test_the_reader_and_msgfmt_agree_on_a_file_cut_at_every_line(tmp_path: Path) -> None:
    lines = REAL_PO.read_text(encoding="utf-8").split("\n")
    cut = tmp_path / "en.po"
    verdicts = []
    for count in range(1, len(lines) + 1):
        cut.write_text("\n".join(lines[:count]) + "\n", encoding="utf-8")
        verdicts.append((count, msgfmt_accepts(cut), reader_accepts(cut)))
    assert [v for v in verdicts if v[1] != v[2]] == []
    assert (
        sum(not accepted for _, accepted, _ in verdicts) >= 10
    )  # cuts after a msgid or msgctxt, or the header


def _variant(tmp_path: Path, change: str) -> Path:
    text = REAL_PO.read_text(encoding="utf-8")
    lines = text.split("\n")
    if change == "two header entries":
        header_end = text.index("\n\n") + 2
        text = text[:header_end] + 'msgid ""\nmsgstr "Language: en\\n"\n\n' + text[header_end:]
    elif change == "a msgstr line deleted":
        third = [n for n, line in enumerate(lines) if line.startswith('msgstr "') and n > 20][2]
        text = "\n".join(lines[:third] + lines[third + 1 :])
    elif change == "cut after a msgid":
        last = max(n for n, line in enumerate(lines) if line.startswith('msgid "'))
        text = "\n".join(lines[: last + 1]) + "\n"
    path = tmp_path / "en.po"
    path.write_text(text, encoding="utf-8")
    return path


@needs_msgfmt
@pytest.mark.parametrize(
    ("change", "why"),
    [
        ("two header entries", 'a second header entry (msgid "")'),
        ("a msgstr line deleted", "missing 'msgstr' section"),
        ("cut after a msgid", "missing 'msgstr' section"),
    ],
)
def test_what_msgfmt_refuses_is_refused_at_the_line_msgfmt_names(
    tmp_path: Path, change: str, why: str
) -> None:
    path = _variant(tmp_path, change)
    verdict = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert verdict.returncode != 0
    found = re.search(rf"{re.escape(str(path))}:(\d+): ", verdict.stderr)
    assert found is not None, verdict.stderr
    msgfmt_line = found.group(1)
    with pytest.raises(POFileError) as err:
        load_po(path)
    assert str(err.value).startswith(f"{path}:{msgfmt_line}: {why}")


# ---------------------------------------------------------------------------------------------- charset

LEAPMOTOR = "9863-hk-c7c975"


@pytest.fixture
def confirmed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed page translated, and five of the Leapmotor article's sentences confirmed by a reviewer."""
    shutil.copy(SEED, tmp_path / "page.txt")
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["translate", "page.txt", "--no-mt"]).exit_code == 0
    en = tmp_path / "translations" / LEAPMOTOR / "en.po"
    po = polib.pofile(str(en), wrapwidth=0)
    for number, entry in enumerate(po[:5], start=1):
        entry.msgstr = f"Reviewed sentence {number} — café"
        entry.flags = []
    po.save(str(en))
    return en


def confirmed_msgids(path: Path) -> list[str]:
    return [
        e.msgid for e in load_po(path) if e.msgstr.startswith("Reviewed") and not e.fuzzy and not e.obsolete
    ]


@needs_msgfmt
def test_utf8_under_an_iso_8859_1_header_refuses_its_article_and_keeps_all_confirmed_work(
    confirmed: Path,
) -> None:
    five = confirmed_msgids(confirmed)
    assert len(five) == 5
    confirmed.write_bytes(confirmed.read_bytes().replace(b"charset=UTF-8", b"charset=ISO-8859-1"))
    assert msgfmt_accepts(confirmed)
    before = confirmed.read_bytes()

    result = CliRunner().invoke(app, ["translate", "page.txt", "--no-mt"])
    assert result.exit_code == 2
    (line,) = [line for line in result.stderr.splitlines() if "charset" in line]
    assert (
        f"{confirmed.relative_to(Path.cwd())}: the header says charset=ISO-8859-1 but the text is UTF-8"
        in line
    )
    assert confirmed.read_bytes() == before
    assert "#~" not in before.decode("utf-8")

    # Once the header is put right, the next run merges as usual and the five stay confirmed.
    confirmed.write_bytes(before.replace(b"charset=ISO-8859-1", b"charset=UTF-8"))
    assert CliRunner().invoke(app, ["translate", "page.txt", "--no-mt"]).exit_code == 0
    assert confirmed_msgids(confirmed) == five


@needs_msgfmt
def test_a_file_really_in_its_declared_charset_is_read_so_and_written_back_as_utf8(confirmed: Path) -> None:
    five = confirmed_msgids(confirmed)
    text = confirmed.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=GB18030")
    confirmed.write_bytes(text.encode("gb18030"))
    assert msgfmt_accepts(confirmed)

    assert CliRunner().invoke(app, ["translate", "page.txt", "--no-mt"]).exit_code == 0
    rewritten = confirmed.read_bytes().decode("utf-8")
    assert "charset=UTF-8" in rewritten and "#~" not in rewritten
    assert confirmed_msgids(confirmed) == five
    assert msgfmt_accepts(confirmed)
