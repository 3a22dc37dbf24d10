"""Which text a spreadsheet would run as a formula, value by value, and how a glossary holding one is refused.
The commands that apply the rule are tested in ``tests/hostile/test_formula_cells.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import GlossaryError
from workbench.glossary.core import Glossary
from workbench.glossary.formulas import formula_cells, formula_like, refuse_formulas
from workbench.model import GlossaryEntry


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        # Numbers with their sign, as a spreadsheet reads them: numbers, not formulas.
        ("-5", False),
        ("+3.5%", False),
        ("-1,200", False),
        ("-5.", False),
        ("-.5", False),
        ("+1.5e-3", False),
        ("-2E+6", False),
        ("-7e5%", False),
        # Formulas, and signs that are not numbers.
        ("=1+1", True),
        ('=HYPERLINK("http://x","y")', True),
        ("+cmd|' /C calc'!A0", True),
        ("-2+3+cmd|' /C calc'!A0", True),
        ("@SUM(1+1)", True),
        ("\t=1+1", True),
        ("\r-1", True),
        ("-", True),
        ("-.", True),
        ("-1e", True),
        ("-e5", True),
        # Signs inside text, and text a spreadsheet keeps as text.
        ("Alibaba-SW", False),
        ("A+H shares", False),
        ("5%", False),
        ("", False),
    ],
)
def test_what_a_spreadsheet_runs_as_a_formula(text: str, runs: bool) -> None:
    assert formula_like(text) is runs


def test_every_formula_value_of_an_entry_is_named_with_its_column() -> None:
    entry = GlossaryEntry(
        traditional="測試公司",
        simplified="=1",
        english="Test Co",
        aliases=("測試", "@A1", "+B2"),
        tickers=("0005.HK",),
        type="-x",
        forbidden=("Test Company", "=C3"),
        notes="-5%",
    )
    assert list(formula_cells(entry)) == [
        ("simplified", "=1"),
        ("aliases", "@A1"),
        ("aliases", "+B2"),
        ("type", "-x"),
        ("forbidden", "=C3"),
    ]
    assert list(formula_cells(GlossaryEntry("測試公司", "测试公司", "Test Co", notes="-5%"))) == []


@pytest.mark.parametrize("source", [Path("glossary.csv"), None])
def test_a_glossary_holding_a_formula_is_refused_naming_the_file_row_and_column(source: Path | None) -> None:
    clean = GlossaryEntry("匯豐控股", "汇丰控股", "HSBC", row=2)
    bad = GlossaryEntry("測試公司", "测试公司", "Test Co", notes="=1+1", row=3)
    refuse_formulas(Glossary([clean], source))
    with pytest.raises(GlossaryError) as caught:
        refuse_formulas(Glossary([clean, bad], source))
    where = "glossary.csv: row 3" if source else "row 3"
    assert str(caught.value) == (
        f"{where}: the notes value '=1+1' starts with '=', which a spreadsheet runs as a formula "
        "(glossary.csv is opened in Excel); nothing exported: correct the row (glossary check lists every "
        "such value) and export again"
    )
