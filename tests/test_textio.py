from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.textio import read_page, write_text_atomic

SAMPLE = "簡訊:遇見小麵急回購挺股價\n\n公司於12月5日掛牌,首個交易日即重挫28%。裏面的衞生問題。\n"


def test_utf8_with_bom_and_crlf_reads_clean(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_bytes(b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    read = read_page(page)
    assert read.text == SAMPLE
    assert read.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["big5hkscs", "gb18030"])
def test_big5_and_gb18030_pages_are_detected_and_decoded(tmp_path: Path, codec: str) -> None:
    text = (
        SAMPLE
        if codec.startswith("big5")
        else "简讯:遇见小面急回购挺股价\n\n公司于12月5日挂牌,首个交易日即重挫28%。\n"
    )
    page = tmp_path / "p.txt"
    page.write_bytes(text.encode(codec))
    read = read_page(page)
    assert read.text == text
    assert read.encoding == codec


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Only English here.\n", "no Chinese"),
    ],
)
def test_bad_pages_get_one_clear_line(tmp_path: Path, content: bytes, expected: str) -> None:
    page = tmp_path / "p.txt"
    page.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_page(page)
    message = str(err.value)
    assert expected in message and "\n" not in message and str(page) in message


def test_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_page(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_page(tmp_path / "missing.txt")


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_text_atomic(target, "一")
    write_text_atomic(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]
