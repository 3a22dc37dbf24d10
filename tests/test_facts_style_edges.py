"""A Hong Kong code written in the house's form, from the example the desk gives (``[tickers] hk``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.facts.style import Style, load_style


@pytest.mark.parametrize(
    ("example", "code", "written"),
    [
        ("0700.HK", "0005.HK", "0005.HK"),
        ("0700.HK", "9988.HK", "9988.HK"),
        ("00700", "0005.HK", "00005"),  # the exchange's five digits, no suffix
        ("700", "0005.HK", "5"),  # no padding at all
        ("700.HK", "0388.HK", "388.HK"),
        ("HK:0700", "0005.HK", "HK:0005"),
        ("0700 HK", "0000.HK", "0000 HK"),
    ],
)
def test_a_code_is_written_in_the_form_of_the_houses_example(example: str, code: str, written: str) -> None:
    assert Style(hk_ticker=example).hk_code(code) == written


def test_the_example_read_from_the_house_style_file_is_the_form_written(tmp_path: Path) -> None:
    path = tmp_path / "house-style.toml"
    path.write_text('[tickers]\nhk = "00700"\n', encoding="utf-8")
    assert load_style(path).hk_code("0005.HK") == "00005"
