"""The sign-off's edges, called directly on real PO files in an article folder: counts and their plurals,
the name's limits, the record's shape and size limits, and the line the page shows."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import polib
import pytest

from report_fixtures import FINISHED, glossary
from review_fixtures import Row, write_article
from test_signoff import edit  # one entry's text or review state, as a reviewer's save leaves it
from workbench.errors import InputError
from workbench.model import Severity
from workbench.signoff import (
    MAX_NAME,
    MAX_RECORD_BYTES,
    SIGNOFF_NAME,
    NotReady,
    SignOff,
    SignOffUnreadable,
    Standing,
    assess_folder,
    check_name,
    content_digest,
    folder_standing,
    read_signoff,
    sign_off,
    standing,
)

HKT = timezone(timedelta(hours=8))
ARTICLE = "results-due-friday"
THREE = [
    *FINISHED,
    Row("p2.s1", "股息為每股1.5港元。", "The dividend is HK$1.5 a share.", simplified="股息为每股1.5港元。"),
]  # fmt: skip
# Signed-off digests are kept in records: the same entries must give the same digest in every version.
THREE_DIGEST = "0e20a791406f4f4904865884cf7bea21"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An article a reviewer has finished in both languages, with English the checks find right."""
    return write_article(tmp_path, ARTICLE, THREE)


def test_a_finished_article_is_ready_and_counts_every_sentence(folder: Path) -> None:
    state = assess_folder(folder, glossary())
    assert (state.sentences, state.en_unreviewed, state.zh_unreviewed, state.errors) == (3, 0, 0, 0)
    assert state.ready and state.why_not() == ""


@pytest.mark.parametrize(
    ("fuzzy_en", "fuzzy_zh", "why"),
    [
        ((0,), (), "1 English sentence unreviewed"),
        ((0, 2), (), "2 English sentences unreviewed"),
        ((), (1,), "1 Simplified sentence unreviewed"),
        ((), (0, 1, 2), "3 Simplified sentences unreviewed"),
        ((1,), (2,), "1 English sentence unreviewed, 1 Simplified sentence unreviewed"),
    ],
)
def test_what_is_not_ready_is_counted_in_words(
    folder: Path, fuzzy_en: tuple[int, ...], fuzzy_zh: tuple[int, ...], why: str
) -> None:
    for i in fuzzy_en:
        edit(folder / "en.po", i, fuzzy=True)
    for i in fuzzy_zh:
        edit(folder / "zh_Hans.po", i, fuzzy=True)
    state = assess_folder(folder, glossary())
    assert not state.ready and state.why_not() == why


def test_an_empty_translation_is_unreviewed_even_without_the_fuzzy_flag(folder: Path) -> None:
    edit(folder / "zh_Hans.po", 0, "")
    state = assess_folder(folder, glossary())
    assert state.zh_unreviewed == 1 and not state.ready


def test_errors_are_counted_and_a_warning_alone_does_not_stop_sign_off(folder: Path) -> None:
    edit(folder / "en.po", 0, "The company's shares rose 8%.")  # the source says 5%
    edit(folder / "en.po", 2, "The dividend is HK$1.6 a share.")  # the source says 1.5
    state = assess_folder(folder, glossary())
    assert state.errors == 2 and state.why_not() == "2 QA errors" and not state.ready
    assert {f.severity for found in state.findings.values() for f in found} == {Severity.ERROR}

    edit(folder / "en.po", 0, "The company's shares rose 5%.")
    edit(folder / "en.po", 2, "The dividend is HK$1.5 a share.")
    edit(folder / "en.po", 1, "The company will report its results on Friday.")
    assert assess_folder(folder, glossary()).ready


def test_a_warning_is_counted_and_does_not_stop_sign_off(tmp_path: Path) -> None:
    rows = [
        *FINISHED,
        Row("p2.s1", "該公司專注於生成式人工智能。", "The company focuses on AI.",
            simplified="该公司专注于生成式人工智能。"),
    ]  # fmt: skip
    state = assess_folder(write_article(tmp_path, ARTICLE, rows), glossary())
    assert (state.errors, state.warnings) == (0, 1) and state.ready


def test_an_article_of_one_finished_sentence_is_ready(tmp_path: Path) -> None:
    state = assess_folder(write_article(tmp_path, ARTICLE, FINISHED[:1]), glossary())
    assert state.sentences == 1 and state.ready


def test_a_missing_simplified_file_leaves_every_sentence_unreviewed(folder: Path) -> None:
    os.remove(folder / "zh_Hans.po")
    state = assess_folder(folder, glossary())
    assert state.zh_unreviewed == 3 and state.why_not() == "3 Simplified sentences unreviewed"


def test_an_article_of_no_sentences_is_never_ready(tmp_path: Path) -> None:
    empty = write_article(tmp_path, "empty", [])
    state = assess_folder(empty, glossary())
    assert not state.ready and state.why_not() == "no sentences"
    with pytest.raises(NotReady, match="no sentences"):
        sign_off(empty, "Chan Tai Man", glossary())


def test_the_digest_follows_text_and_review_state_but_not_comments(folder: Path) -> None:
    def digest() -> str:
        return content_digest(polib.pofile(str(folder / "en.po")), polib.pofile(str(folder / "zh_Hans.po")))

    signed = digest()
    assert signed == THREE_DIGEST
    po = polib.pofile(str(folder / "en.po"), wrapwidth=0)
    po[0].tcomment = "Checked against the filing."
    po[0].occurrences = [("seeds/other.txt", "99")]
    po.save(str(folder / "en.po"))
    assert digest() == signed
    edit(folder / "zh_Hans.po", 2, fuzzy=True)
    assert digest() != signed
    edit(folder / "zh_Hans.po", 2, fuzzy=False)
    assert digest() == signed
    edit(folder / "en.po", 1, "The company will report its results on Friday")
    assert digest() != signed
    # Without its Simplified file the article is another article.
    assert content_digest(polib.pofile(str(folder / "en.po")), None) != digest()


def test_a_chinese_name_is_written_as_the_editor_wrote_it(folder: Path) -> None:
    sign_off(folder, "陳大文", glossary())
    assert '"by": "陳大文"' in (folder / SIGNOFF_NAME).read_text(encoding="utf-8")


def test_the_digest_of_chinese_text_is_stable(tmp_path: Path) -> None:
    en = polib.POFile()
    en.append(polib.POEntry(msgctxt="a", msgid="公司", msgstr="公司 Company"))
    assert content_digest(en, None) == "a0f37f35a10efba3ba4179340646e343"


@pytest.mark.parametrize(
    ("given", "kept"),
    [("  Chan Tai Man  ", "Chan Tai Man"), ("x" * MAX_NAME, "x" * MAX_NAME), ("陳大文", "陳大文")],
)
def test_a_good_name_is_kept_trimmed(given: str, kept: str) -> None:
    assert check_name(given) == kept


@pytest.mark.parametrize(
    "given", ["", "   ", "x" * (MAX_NAME + 1), "Chan\tTai Man", "Chan\x1b[31m", "Chan\u200e"]
)
def test_a_bad_name_is_refused_in_one_line(given: str) -> None:
    with pytest.raises(InputError) as err:
        check_name(given)
    assert "--by" in str(err.value) and "\n" not in str(err.value)


def test_sign_off_writes_the_record_to_the_second_with_the_offset(folder: Path) -> None:
    moment = datetime(2027, 1, 5, 18, 30, 59, 987654, tzinfo=HKT)
    record, state = sign_off(folder, " Chan Tai Man ", glossary(), now=moment)
    assert record == SignOff(by="Chan Tai Man", at="2027-01-05T18:30:59+08:00", content=state.content)
    text = (folder / SIGNOFF_NAME).read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1  # the record's format: a newer one is refused by this version
    assert text.splitlines()[3:5] == [' "by": "Chan Tai Man",', ' "at": "2027-01-05T18:30:59+08:00",']
    assert (data["by"], data["at"], data["forced"], data["unready"]) == (
        "Chan Tai Man",
        "2027-01-05T18:30:59+08:00",
        False,
        "",
    )
    assert read_signoff(folder) == record
    assert record.when == "2027-01-05 18:30"
    assert folder_standing(folder).holds


def test_a_time_without_an_offset_is_recorded_with_the_local_one(folder: Path) -> None:
    record, _ = sign_off(folder, "Chan Tai Man", glossary(), now=datetime(2027, 1, 5, 18, 30))
    at = datetime.fromisoformat(record.at)
    assert at.tzinfo is not None and at.replace(tzinfo=None) == datetime(2027, 1, 5, 18, 30)


def test_a_forced_sign_off_records_what_was_not_ready(folder: Path) -> None:
    edit(folder / "en.po", 0, fuzzy=True)
    with pytest.raises(NotReady, match="1 English sentence unreviewed"):
        sign_off(folder, "Chan Tai Man", glossary())
    assert not (folder / SIGNOFF_NAME).exists()
    record, _ = sign_off(
        folder, "Chan Tai Man", glossary(), force=True, now=datetime(2027, 1, 5, 9, 0, tzinfo=HKT)
    )
    assert record.forced and record.unready == "1 English sentence unreviewed"
    assert read_signoff(folder) == record
    assert folder_standing(folder).describe() == (
        "signed off by Chan Tai Man, 2027-01-05 09:00 (not ready then: 1 English sentence unreviewed)"
    )
    edit(folder / "en.po", 0, fuzzy=False)
    again, _ = sign_off(folder, "Wong Siu Ming", glossary(), force=True)
    assert not again.forced and again.unready == "" and read_signoff(folder) == again


def test_a_symlink_in_place_of_the_record_is_replaced_not_written_through(
    folder: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("keep", encoding="utf-8")
    (folder / SIGNOFF_NAME).symlink_to(outside)
    with pytest.raises(SignOffUnreadable, match="is a symlink"):
        read_signoff(folder)
    sign_off(folder, "Chan Tai Man", glossary())
    assert outside.read_text(encoding="utf-8") == "keep"
    assert not (folder / SIGNOFF_NAME).is_symlink() and read_signoff(folder) is not None


def test_no_record_is_no_sign_off(folder: Path) -> None:
    assert read_signoff(folder) is None
    now = folder_standing(folder)
    assert now == Standing(None) and not now.holds and now.describe() == ""


def _record(folder: Path, **changes: object) -> Path:
    sign_off(folder, "Chan Tai Man", glossary(), now=datetime(2027, 1, 5, 18, 30, tzinfo=HKT))
    path = folder / SIGNOFF_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "changes",
    [
        {"version": 2},
        {"version": None},
        {"by": ""},
        {"by": 7},
        {"at": "tomorrow"},
        {"content": "0" * 31},
        {"content": "0" * 33},
        {"content": "g" * 32},
        {"content": "A" * 32},
        {"content": "0" * 31 + "g"},
        {"forced": "no"},
        {"forced": 0},
        {"unready": "x" * 501},
        {"by": None},
        {"by": "Chan\x1b[31m"},
        {"by": "x" * (MAX_NAME + 1)},
    ],
)
def test_a_record_of_the_wrong_shape_is_damaged(folder: Path, changes: dict[str, object]) -> None:
    _record(folder, **changes)
    with pytest.raises(SignOffUnreadable, match="is damaged; sign the article off again"):
        read_signoff(folder)
    assert not folder_standing(folder).holds


def test_a_record_of_an_older_writer_without_the_optional_fields_is_read(folder: Path) -> None:
    _record(folder, forced=None, unready=None, note=None)
    record = read_signoff(folder)
    assert record is not None and not record.forced and record.unready == "" and record.by == "Chan Tai Man"
    assert folder_standing(folder).holds


def test_the_longest_short_text_is_read(folder: Path) -> None:
    _record(folder, unready="x" * 500)
    record = read_signoff(folder)
    assert record is not None and record.unready == "x" * 500


def test_the_record_size_limit_is_exact(folder: Path) -> None:
    assert MAX_RECORD_BYTES == 16 * 1024  # far above any real record, far below a planted giant
    path = _record(folder)
    text = path.read_text(encoding="utf-8").rstrip()
    assert text.endswith("}")
    path.write_text(text[:-1] + " " * (MAX_RECORD_BYTES - len(text)) + "}", encoding="utf-8")
    assert path.stat().st_size == MAX_RECORD_BYTES and read_signoff(folder) is not None
    path.write_text(text[:-1] + " " * (MAX_RECORD_BYTES - len(text) + 1) + "}", encoding="utf-8")
    with pytest.raises(SignOffUnreadable, match=f"at most {MAX_RECORD_BYTES} bytes"):
        read_signoff(folder)


def test_a_record_that_cannot_be_opened_says_why(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "article"
    not_a_folder.write_text("", encoding="utf-8")
    with pytest.raises(SignOffUnreadable, match=r"cannot be read \(Not a directory\); sign the article"):
        read_signoff(not_a_folder)


def test_a_folder_in_place_of_the_record_is_not_trusted(folder: Path) -> None:
    (folder / SIGNOFF_NAME).mkdir()
    with pytest.raises(SignOffUnreadable, match="is not a file of at most"):
        read_signoff(folder)


def test_standing_against_the_digest_now(folder: Path) -> None:
    record, state = sign_off(folder, "Chan Tai Man", glossary(), now=datetime(2027, 1, 5, 18, 30, tzinfo=HKT))
    held = standing(folder, state.content)
    assert held.holds and held.describe() == "signed off by Chan Tai Man, 2027-01-05 18:30"
    moved = standing(folder, "f" * 32)
    assert moved.changed and not moved.holds
    assert moved.describe() == "signed off by Chan Tai Man, 2027-01-05 18:30; changed since"
    (folder / SIGNOFF_NAME).write_text("{", encoding="utf-8")
    broken = standing(folder, state.content)
    assert broken.record is None and not broken.holds
    assert broken.describe().startswith("sign-off record unreadable: ") and "is damaged" in broken.describe()
