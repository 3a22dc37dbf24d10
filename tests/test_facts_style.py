"""The house style is data the desk edits: one file, read once, passed to the reader, renderer and checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.checks import run_checks
from workbench.errors import InputError
from workbench.facts import extract, render
from workbench.facts.style import DEFAULT_STYLE, STYLE_FILE, Style, load_style, style_for

ROOT = Path(__file__).resolve().parent.parent


def test_the_documented_file_holds_the_defaults_the_tool_uses_without_one() -> None:
    assert load_style(ROOT / STYLE_FILE) == DEFAULT_STYLE == Style()


def test_a_desk_style_changes_every_figure_the_tool_writes(tmp_path: Path) -> None:
    path = tmp_path / STYLE_FILE
    path.write_text(
        '[currency]\nyuan = "RMB"\n[numbers]\nscale = "bn"\npercent = "per cent"\n'
        '[tickers]\nhk = "00700"\n[dates]\nday_first = true\n',
        encoding="utf-8",
    )
    style = load_style(path)
    facts = extract("商湯(0020.HK)收入為3.08億元，1,390億港元，升14%，12月5日。", style=style)
    assert [f.english for f in facts] == [
        "(00020)", "RMB308m", "HK$139bn", "14 per cent", "5 December"
    ]  # fmt: skip
    assert render.tickers(("0700.HK", "QFIN.US"), style) == "(00700; QFIN.US)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[numbers]\nscale = "billions"\n', "numbers.scale = 'billions'; use one of 'billion', 'bn'"),
        ('[numbers]\ncolour = "red"\n', "numbers.colour = 'red' is not a house-style setting"),
        ('[tickers]\nhk = "Tencent"\n', "tickers.hk = 'Tencent' is not a house-style setting"),
        ("scale = bn\n", "not a TOML file"),
    ],
)
def test_a_setting_the_tool_cannot_use_is_refused_naming_the_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / STYLE_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="^" + str(path).replace(".", r"\.") + ": ") as caught:
        load_style(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_the_style_beside_the_glossary_is_found_and_a_given_one_wins(tmp_path: Path) -> None:
    (tmp_path / STYLE_FILE).write_text('[numbers]\nscale = "bn"\n', encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text('[numbers]\npercent = "percent"\n', encoding="utf-8")
    glossary = tmp_path / "glossary.csv"
    assert style_for(None, glossary).abbreviated_scale
    chosen = style_for(other, glossary)
    assert chosen.percent_sign == " percent" and not chosen.abbreviated_scale
    assert style_for(None, tmp_path / "elsewhere" / "glossary.csv") == DEFAULT_STYLE


def test_a_code_without_its_exchange_is_a_style_warning_not_a_missing_ticker() -> None:
    source = "騰訊(00700)收報577元。"
    for draft in ("Tencent (0700) closed at HK$577.", "Tencent (700) closed at HK$577."):
        found = run_checks(source, draft, extract(source))
        assert [(f.check, f.severity.value) for f in found] == [("ticker-style", "warning")], draft
        assert "0700.HK" in found[0].message
    assert run_checks(source, "Tencent (0700.HK) closed at HK$577.", extract(source)) == ()
    bare = Style(hk_ticker="0700")
    assert (
        run_checks(source, "Tencent (0700) closed at HK$577.", extract(source, style=bare), style=bare) == ()
    )
    found = run_checks(source, "Tencent closed at HK$577.", extract(source))
    assert [f.check for f in found] == ["ticker-missing"]


def test_a_run_writes_figures_in_the_house_style_beside_the_glossary_and_redoes_articles_when_it_changes(
    tmp_path: Path,
) -> None:
    from workbench.pipeline import TranslateOptions, translate_pages

    glossary = tmp_path / "glossary.csv"
    glossary.write_bytes((ROOT / "glossary.csv").read_bytes())
    page = tmp_path / "page.txt"
    page.write_text(
        "1211.HK\nBYD results\n\n比亞迪公布，去年收入為1,390億港元，增長14%。\n", encoding="utf-8"
    )
    options = TranslateOptions(out_dir=tmp_path / "out", glossary=glossary, use_mt=False)

    def notes() -> str:
        return "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*/en.po"))

    translate_pages([str(page)], options)
    assert "= HK$139 billion" in notes()
    (tmp_path / STYLE_FILE).write_text('[numbers]\nscale = "bn"\n', encoding="utf-8")
    translate_pages([str(page)], options)
    assert "= HK$139bn" in notes() and "= HK$139 billion" not in notes()
