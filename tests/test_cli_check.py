"""``workbench check``: re-checking reviewed PO files, with exit codes scripts can trust."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
import typer
from typer.testing import CliRunner

from workbench.cli.check import register

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "sensetime-bad-loans"
SOURCE = "商湯集團股份有限公司(0020.HK)將以3.08億元收購兩個不良貸款資產包。"
RIGHT = "SenseTime (0020.HK) will pay 308 million yuan for two packages of non-performing loans."
# The three slips of the issue: 308 million as 3.08 billion, the ticker dropped, SenseTime replaced.
WRONG = "China Renaissance will pay 3.08 billion yuan for two packages of non-performing loans."


def app() -> typer.Typer:
    cli = typer.Typer()

    @cli.callback()
    def main() -> None:
        """The workbench."""

    register(cli)
    return cli


def write_po(path: Path, msgstr: str, language: str = "en", *, fuzzy: bool = False) -> Path:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": ARTICLE,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Generator": "workbench 0.1.0",
        "X-Workbench-Article": ARTICLE,
        "X-Workbench-Source": "seeds/page.txt",
    }
    po.append(
        polib.POEntry(
            msgid=SOURCE,
            msgstr=msgstr,
            occurrences=[("seeds/page.txt", "3")],
            comment="position: p2.s1\n"
            "glossary: 商湯集團股份有限公司 → SenseTime (0020.HK)\nfact: 3.08億元 = 308 million yuan",
            flags=["fuzzy"] if fuzzy else [],
        )
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "glossary.csv", tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app(), ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_deliberately_wrong_review_is_caught_with_exit_1_naming_each_fact(workdir: Path) -> None:
    write_po(workdir / "translations" / ARTICLE / "en.po", WRONG)
    code, out, _ = invoke("translations", "--json")
    assert code == 1
    rows = json.loads(out)
    by_check = {row["check"]: row for row in rows}
    assert {"amount-scale", "ticker-missing", "name-missing", "hallucinated-entity"} <= set(by_check)
    assert all(row["severity"] == "error" for row in by_check.values())
    assert all((row["position"], row["msgctxt"]) == ("p2.s1", "") for row in rows)
    assert all(row["file"].endswith("en.po") for row in rows)
    amount = by_check["amount-scale"]["message"]
    assert "3.08億元" in amount and "308 million yuan" in amount and "3.08 billion" in amount
    assert "(0020.HK)" in by_check["ticker-missing"]["message"]
    assert "SenseTime" in by_check["name-missing"]["message"]
    assert by_check["hallucinated-entity"]["message"] == (
        "China Renaissance (China Renaissance Holdings, 1911.HK) is named in the translation "
        "but not in the source"
    )


def test_the_correct_translation_of_the_same_sentence_passes(workdir: Path) -> None:
    path = write_po(workdir / "translations" / ARTICLE / "en.po", RIGHT)
    code, out, err = invoke(str(path))
    assert code == 0
    assert "0 errors, 0 warnings" in err and out == ""


def test_the_table_shows_file_position_severity_check_and_message(workdir: Path) -> None:
    path = write_po(workdir / "en.po", WRONG, fuzzy=True)
    code, out, err = invoke(str(path))
    assert code == 1
    header, *lines = out.splitlines()
    assert header.split() == ["file", "position", "severity", "check", "message"]
    scale = next(line for line in lines if "amount-scale" in line)
    assert scale.startswith(str(path)) and " p2.s1 " in scale and "error" in scale
    assert "308 million yuan" in scale
    assert len(lines) == 4  # the table is the data; the count is a report line on stderr
    assert err.splitlines()[-1] == "4 errors, 0 warnings in 1 of 1 entry (1 English catalog)"


def test_warnings_alone_exit_0(workdir: Path) -> None:
    path = write_po(workdir / "en.po", RIGHT + " " + "It said so, it said so, it said so.")
    code, out, _ = invoke(str(path))
    assert code == 0
    assert "repetition" in out


def test_simplified_chinese_catalogs_are_skipped_by_their_language(workdir: Path) -> None:
    folder = workdir / "translations" / ARTICLE
    write_po(folder / "en.po", RIGHT)
    write_po(folder / "zh_Hans.po", "商汤集团股份有限公司(0020.HK)将以3.08亿元收购。", language="zh_Hans")
    code, _, err = invoke("translations")
    assert code == 0
    assert "(1 English catalog)" in err


def test_an_untranslated_entry_is_an_error(workdir: Path) -> None:
    code, out, _ = invoke(str(write_po(workdir / "en.po", "")), "--json")
    assert code == 1
    assert [row["check"] for row in json.loads(out)] == ["empty"]


def test_a_missing_path_is_bad_input_in_one_line(workdir: Path) -> None:
    code, out, err = invoke("nowhere/en.po")
    assert code == 2
    assert err.strip().count("\n") == 0 and "nowhere/en.po" in err


def test_an_unparsable_po_is_bad_input_naming_file_and_line(workdir: Path) -> None:
    path = write_po(workdir / "en.po", RIGHT)
    text = path.read_text(encoding="utf-8").replace(f'msgstr "{RIGHT}"', f'msgstr "{RIGHT}')
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("msgstr") and RIGHT in t)
    code, _, err = invoke(str(path))
    assert code == 2
    assert err.strip().count("\n") == 0
    assert f"{path}:{line}" in err
    assert "Traceback" not in err


def test_an_explicit_glossary_that_is_missing_is_bad_input(workdir: Path) -> None:
    path = write_po(workdir / "en.po", RIGHT)
    code, _, err = invoke(str(path), "--glossary", "nope.csv")
    assert code == 2 and "nope.csv" in err


def test_a_folder_without_english_catalogs_is_bad_input(workdir: Path) -> None:
    write_po(workdir / "t" / "zh_Hans.po", "商汤", language="zh_Hans")
    code, _, err = invoke("t")
    assert code == 2 and "no English PO files" in err


def test_a_figure_too_large_for_the_decimal_context_is_flagged_not_a_crash(workdir: Path) -> None:
    draft = RIGHT.replace("308 million yuan", "100000000000000000000 billion yuan")
    write_po(workdir / "translations" / ARTICLE / "en.po", draft)
    code, out, _ = invoke("translations", "--json")
    assert code == 1
    (row,) = json.loads(out)
    assert row["check"] == "amount-wrong"
    assert "100000000000000000000 billion yuan" in row["message"]


def test_the_house_style_beside_the_glossary_or_given_with_style_decides_the_ticker_form(
    workdir: Path,
) -> None:
    path = write_po(workdir / "en.po", RIGHT.replace("(0020.HK)", "(0020)"))
    code, out, err = invoke(str(path))
    assert code == 0 and "ticker-style" in out and "0020.HK" in out  # the default house style: 0020.HK
    (workdir / "house-style.toml").write_text('[tickers]\nhk = "0700"\n', encoding="utf-8")
    code, out, err = invoke(str(path))
    assert code == 0 and "0 errors, 0 warnings" in err  # the desk writes bare codes
    other = workdir / "desk" / "style.toml"
    other.parent.mkdir()
    other.write_text('[tickers]\nhk = "0700.HK"\n', encoding="utf-8")
    code, out, err = invoke(str(path), "--style", str(other))
    assert code == 0 and "ticker-style" in out


def test_a_house_style_with_an_unknown_setting_stops_with_one_line(workdir: Path) -> None:
    path = write_po(workdir / "en.po", RIGHT)
    (workdir / "house-style.toml").write_text('[numbers]\nscale = "billions"\n', encoding="utf-8")
    code, out, err = invoke(str(path))
    assert code == 2 and out == ""
    assert "house-style.toml: numbers.scale = 'billions'; use one of 'billion', 'bn'" in err
