"""PO files on disk: a broken file stops its article and stays as it was; writes are atomic."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import polib
import pytest

from workbench.errors import POFileError, WorkbenchError
from workbench.model import Article, Origin, Segment
from workbench.po import load_po, save_po

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=8)))
AID = "maogeping-results"
ARTICLE = Article(AID, "毛戈平業績", "seeds/page.txt", (), english_title="Mao Geping results")
S1 = "毛戈平公布全年業績。"
S2 = "純利增長3.08億元。"

GOOD = f'''msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# checked by Amy
msgctxt "{AID}:p1.s1"
msgid "{S1}"
msgstr "Mao Geping reports full-year results."
'''


def segments(*texts: str) -> list[Segment]:
    return [
        Segment(AID, 1, n, text, 3, simplified=f"简{n}", draft=f"MT {n}", score=-0.2, origin=Origin.MT)
        for n, text in enumerate(texts, start=1)
    ]


@pytest.mark.parametrize(
    ("broken", "line", "what"),
    [
        ('msgstr "Mao Geping "says" hi"', 9, "not written"),
        ('msgstr "Mao Geping reports', 9, "not closed"),
        ('msgstr "tab \\q here"', 9, "unknown escape sequence \\q"),
        ("Mao Geping reports full-year results.", 9, "not a PO line"),
        ('msgstr "ok"\nmsgstr "twice"', 10, "syntax error"),
    ],
)
def test_a_broken_file_is_refused_with_its_line_and_left_byte_identical(
    tmp_path: Path, broken: str, line: int, what: str
) -> None:
    path = tmp_path / "en.po"
    path.write_text(GOOD.replace('msgstr "Mao Geping reports full-year results."', broken), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(POFileError) as caught:
        load_po(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ")
    assert what in message
    assert message.endswith("fix it in your PO editor or move it away, it was left unchanged")
    assert "\n" not in message
    assert path.read_bytes() == before


def test_a_duplicate_definition_is_refused_like_msgfmt_does(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    path.write_text(
        GOOD + f'\n#~ msgctxt "{AID}:p1.s1"\n#~ msgid "{S1}"\n#~ msgstr "old"\n', encoding="utf-8"
    )
    with pytest.raises(POFileError, match=rf"^{path}:11: .*defined twice \(first at line 6\)"):
        load_po(path)


def test_bytes_that_are_not_utf8_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    path.write_bytes(GOOD.encode("utf-8").replace(b"Mao Geping", "毛戈平".encode("big5")))
    with pytest.raises(POFileError, match=rf"^{path}:9: bytes that are not valid UTF-8 text"):
        load_po(path)


def test_a_folder_or_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "en.po").mkdir()
    with pytest.raises(POFileError, match="is a folder"):
        load_po(tmp_path / "en.po")
    with pytest.raises(POFileError, match="no such PO file"):
        load_po(tmp_path / "missing.po")
    with pytest.raises(WorkbenchError):
        load_po(tmp_path)


def test_a_file_from_a_po_editor_loads_crlf_bom_and_wrapped_lines(tmp_path: Path) -> None:
    long_english = "Mao Geping reports full-year results, " * 4
    wrapped = GOOD.replace(
        'msgstr "Mao Geping reports full-year results."',
        'msgstr ""\n' + "".join(f'"{part}"\n' for part in long_english.split(", ") if part).rstrip("\n"),
    )
    path = tmp_path / "en.po"
    path.write_bytes(b"\xef\xbb\xbf" + wrapped.replace("\n", "\r\n").encode("utf-8"))
    po = load_po(path)
    assert po.metadata["Language"] == "en"
    assert po[0].msgstr == long_english.replace(", ", "")
    assert po[0].tcomment == "checked by Amy"


def test_an_empty_file_is_an_empty_catalog(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    path.write_text("", encoding="utf-8")
    assert len(load_po(path)) == 0


def test_save_writes_unwrapped_utf8_atomically_and_skips_identical_content(tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    long_source = "毛戈平" * 60 + "。"
    po.append(polib.POEntry(msgctxt=f"{AID}:p1.s1", msgid=long_source, msgstr="x " * 80))
    path = tmp_path / "nested" / "en.po"
    assert save_po(po, path)
    text = path.read_text(encoding="utf-8")
    assert f'msgid "{long_source}"' in text
    assert po.wrapwidth == 78  # the caller's object is left as it was
    assert [p.name for p in path.parent.iterdir()] == ["en.po"]  # no temp file left behind

    stamp = path.stat().st_mtime_ns
    assert not save_po(po, path)
    assert path.stat().st_mtime_ns == stamp
