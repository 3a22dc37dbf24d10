"""The main job end to end: seed page → per-article files, re-runs that keep reviewers' work, bad input."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from conftest import GLOSSARY, SEED, TEST_MODEL
from workbench.cli import _register, app
from workbench.mt import Translation
from workbench.pipeline import TranslateOptions, translate_page
from workbench.po import entry_position

SENSETIME = "sensetime-completes-reorg-to-focus-on-genai"
FIRST_BODY = "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。"

_register()
runner = CliRunner()


class CountingEngine:
    """An engine that records what it is asked; drafts echo the sentence length."""

    wants_simplified = False

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def describe(self) -> str:
        return "counting-engine 1.0 (cpu)"

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        self.calls.append(list(texts))
        return [Translation(f"Draft of a sentence of {len(t)} characters.", -0.5) for t in texts]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom folder: the seed page and the glossary, no model installed."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    return tmp_path


def page() -> str:
    return f"seeds/{SEED.name}"


def test_translate_without_a_model_writes_every_file_and_says_how_to_get_one(workdir: Path) -> None:
    result = runner.invoke(app, ["translate", page()])
    assert result.exit_code == 0, result.output
    folders = sorted(p.name for p in (workdir / "translations").iterdir() if p.is_dir())
    assert len(folders) == 5 and SENSETIME in folders
    for folder in folders:
        for name in ("en.po", "zh_Hans.po", "zh_Hans.txt", "en.md"):
            assert (workdir / "translations" / folder / name).is_file()
    assert "model install" in result.output
    en = polib.pofile(str(workdir / "translations" / SENSETIME / "en.po"))
    entry = next(e for e in en if e.msgid == FIRST_BODY)
    assert entry.msgctxt is None and "position: p6.s1" in entry.comment.split("\n")
    assert entry.msgstr == ""
    assert "glossary: 商湯集團股份有限公司 → SenseTime (0020.HK)" in entry.comment
    assert entry.occurrences == [(f"seeds/{SEED.name}", "15")]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_every_po_file_passes_msgfmt_check(workdir: Path) -> None:
    translate_page(page(), TranslateOptions(), engine=CountingEngine())
    files = sorted((workdir / "translations").glob("*/*.po"))
    assert len(files) == 10
    for po in files:
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


def test_simplified_uses_the_hong_kong_aware_conversion(workdir: Path) -> None:
    text = "簡訊:衞生署敍述\n\n商湯集團股份有限公司(0020.HK)裏的衞生問題。\n"
    (workdir / "hk.txt").write_text(text, encoding="utf-8")
    report = translate_page("hk.txt", TranslateOptions(use_mt=False))
    folder = report.articles[0].folder
    simplified = (folder / "zh_Hans.txt").read_text(encoding="utf-8")
    assert "卫生署叙述" in simplified and "里的卫生问题" in simplified
    zh = polib.pofile(str(folder / "zh_Hans.po"))
    assert all(e.fuzzy and e.msgstr for e in zh)


def test_all_sentences_go_to_the_engine_in_one_call_and_reruns_make_none(workdir: Path) -> None:
    engine = CountingEngine()
    first = translate_page(page(), TranslateOptions(), engine=engine)
    total = sum(a.sentences for a in first.articles)
    assert len(engine.calls) == 1 and len(engine.calls[0]) == total
    en = polib.pofile(str(workdir / "translations" / SENSETIME / "en.po"))
    assert all(e.msgstr and e.fuzzy for e in en)
    assert any("mt: score -0.50 (counting-engine 1.0 (cpu))" in e.comment for e in en)

    again = CountingEngine()
    translate_page(page(), TranslateOptions(), engine=again)
    assert again.calls == []


def test_a_rerun_of_an_unchanged_page_changes_no_byte_even_with_qa_findings(workdir: Path) -> None:
    translate_page(page(), TranslateOptions(), engine=CountingEngine())
    en_path = workdir / "translations" / SENSETIME / "en.po"
    # As if the files had been written on an earlier day: a re-run must not touch their date.
    text = en_path.read_text(encoding="utf-8")
    text = re.sub(r"POT-Creation-Date: [^\\]*", "POT-Creation-Date: 2024-05-01 12:00+0800", text, count=1)
    en_path.write_text(text, encoding="utf-8")
    assert "#. QA: error" in text
    written = (workdir / "translations").rglob("*.*")
    # The run's own records (memory cache, folder state) may note the edit; files a reviewer reads may not.
    ours = (".workbench-tm.json", ".workbench-state.json", ".workbench.lock")
    files = {p: p.read_bytes() for p in written if p.name not in ours}
    translate_page(page(), TranslateOptions(), engine=CountingEngine())
    assert {p: p.read_bytes() for p in files} == files


def _review(path: Path, where: str, english: str) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if str(entry_position(e)) == where)
    entry.msgstr = english
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    entry.tcomment = "checked against the filing"
    po.save(str(path))


def test_rerun_on_an_edited_page_behaves_like_msgmerge(workdir: Path) -> None:
    translate_page(page(), TranslateOptions(), engine=CountingEngine())
    en_path = workdir / "translations" / SENSETIME / "en.po"
    reviewed = (
        "SenseTime Group Inc. (0020.HK) is one of China's earliest pure artificial intelligence (AI) "
        "companies and is well known for facial recognition."
    )
    _review(en_path, "p6.s1", reviewed)
    second = "徐立在周二的內部信中表示重組已完成"
    po = polib.pofile(str(en_path))
    changed_old = next(e for e in po if e.msgid.startswith(second))
    done = "Xu Li said in an internal letter on Tuesday that the reorg was done."
    _review(en_path, str(entry_position(changed_old)), done)
    removed = next(e for e in po if e.msgid.startswith("競爭激烈的領域"))
    _review(en_path, str(entry_position(removed)), "A crowded field")

    text = (workdir / page()).read_text(encoding="utf-8")
    text = text.replace("徐立在周二的內部信中", "徐立在周三的內部信中").replace("競爭激烈的領域\n", "")
    text = text.replace("雖然從用戶數量來看", "新增的句子。雖然從用戶數量來看")
    (workdir / page()).write_text(text, encoding="utf-8")

    engine = CountingEngine()
    translate_page(page(), TranslateOptions(), engine=engine)
    po = polib.pofile(str(en_path))
    kept = next(e for e in po if e.msgid == FIRST_BODY and not e.obsolete)
    assert kept.msgstr == reviewed and not kept.fuzzy and "checked against the filing" in kept.tcomment
    changed = next(e for e in po if e.msgid.startswith("徐立在周三") and not e.obsolete)
    assert changed.fuzzy and changed.msgstr.startswith("Xu Li said")
    assert changed.previous_msgid.startswith(second)
    gone = [e for e in po.obsolete_entries() if e.msgid == "競爭激烈的領域"]
    assert gone and gone[0].msgstr == "A crowded field"
    assert any(e.msgid == "新增的句子。" and e.msgstr for e in po)
    # Only the new and the changed sentence's neighbours without a translation reach the engine.
    assert engine.calls and "新增的句子。" in engine.calls[0]
    assert FIRST_BODY not in engine.calls[0]


def test_a_broken_po_file_stops_only_its_article_and_is_left_as_it_was(workdir: Path) -> None:
    translate_page(page(), TranslateOptions(use_mt=False))
    en_path = workdir / "translations" / SENSETIME / "en.po"
    text = en_path.read_text(encoding="utf-8")
    highlights = r'msgstr ""\n\n#\. position: p\d+\.s\d+\n#\. kind: highlights'
    broken = re.sub(highlights, 'msgstr "oops\n\n#.', text, count=1)
    assert broken != text
    en_path.write_text(broken, encoding="utf-8")
    before = en_path.read_bytes()
    zh_path = en_path.with_name("zh_Hans.po")
    zh_before = zh_path.read_bytes()
    result = runner.invoke(app, ["translate", page(), "--no-mt"])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "en.po" in line]
    assert len(lines) == 1 and f"{SENSETIME}/en.po:" in lines[0]
    assert en_path.read_bytes() == before
    # The article stops whole: its Simplified catalog stays in step with the English one.
    assert zh_path.read_bytes() == zh_before
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"Just an English page.\n", "no Chinese"),
    ],
)
def test_bad_pages_exit_2_with_one_line_and_write_nothing(
    workdir: Path, content: bytes, expected: str
) -> None:
    (workdir / "bad.txt").write_bytes(content)
    result = runner.invoke(app, ["translate", "bad.txt"])
    assert result.exit_code == 2
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (workdir / "translations").exists()


def test_a_folder_without_pages_is_one_line_and_writes_nothing(workdir: Path) -> None:
    (workdir / "empty").mkdir()
    result = runner.invoke(app, ["translate", "empty"])
    assert result.exit_code == 2 and "no *.txt pages" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (workdir / "translations").exists()


@pytest.mark.parametrize("codec", ["big5hkscs", "utf-8-sig"])
def test_big5_and_bom_crlf_pages_give_the_same_articles(workdir: Path, codec: str) -> None:
    # Big5 has no non-breaking space; the page's own are ordinary spaces to the splitter anyway.
    text = (workdir / page()).read_text(encoding="utf-8").replace("\u00a0", " ")
    (workdir / "ref.txt").write_text(text, encoding="utf-8")
    (workdir / "other.txt").write_bytes(text.replace("\n", "\r\n").encode(codec, errors="strict"))
    ours = translate_page("other.txt", TranslateOptions(use_mt=False, out_dir=workdir / "a"))
    reference = translate_page("ref.txt", TranslateOptions(use_mt=False, out_dir=workdir / "b"))
    assert [a.article.id for a in ours.articles] == [a.article.id for a in reference.articles]
    assert [a.sentences for a in ours.articles] == [a.sentences for a in reference.articles]


def test_segment_lists_articles_and_sentences_as_json(workdir: Path) -> None:
    import json

    result = runner.invoke(app, ["segment", page(), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data) == 5 and data[0]["id"] == SENSETIME
    first = next(s for s in data[0]["sentences"] if s["text"] == FIRST_BODY)
    assert first["id"] == f"{SENSETIME}:p6.s1" and first["line"] == 15


def _assert_every_sentence_drafted(folder: Path) -> None:
    for en_path in folder.glob("*/en.po"):
        po = polib.pofile(str(en_path))
        entries = [e for e in po if not e.obsolete]
        assert entries and all(e.msgstr and e.fuzzy for e in entries)
        assert all("mt: score" in e.comment and "translate-zt_en" in e.comment for e in entries)


def test_the_test_model_drafts_every_sentence_given_as_a_file(workdir: Path) -> None:
    result = runner.invoke(app, ["translate", page(), "--model", str(TEST_MODEL), "--device", "cpu"])
    assert result.exit_code == 0, result.output
    _assert_every_sentence_drafted(workdir / "translations")


def test_the_installed_package_is_used_when_no_model_is_named(workdir: Path) -> None:
    install = runner.invoke(app, ["model", "install", str(TEST_MODEL)])
    assert install.exit_code == 0, install.output
    result = runner.invoke(app, ["translate", page()])
    assert result.exit_code == 0, result.output
    assert "no machine drafts" not in result.output
    _assert_every_sentence_drafted(workdir / "translations")


ISSUE = (
    "公司於1月6日與金義高新訂立內資股認購協議,將按每股50.03元向其發行約{}股內資股,"
    "相當於每股55.49港元,較最新H股收市價溢價約9.88%。"
)
LEAPMOTOR_REVIEWED = {
    ISSUE.format("5,996萬"): (
        "On January 6 the company agreed to issue about 59.96 million domestic shares to Jinyi Hi-Tech at "
        "50.03 yuan each, equivalent to HK$55.49 per share, a premium of about 9.88% to the latest "
        "H-share close."
    ),
    "公司股價周三低開,至中午休市報49.24港元,跌2.5%。": (
        "The company's shares opened lower on Wednesday and were at HK$49.24 at the midday break, down 2.5%."
    ),
    "李世達": "Li Shida",
}

SECOND_PAGE = (
    "簡訊:零跑汽車再度發行內資股\n\n"
    + ISSUE.format("6,200萬")
    + " 公司股價周三低開,至中午休市報49.24港元,跌2.5%。 市場反應冷淡。 李世達\n"
)


def test_reviewed_sentences_are_reused_on_another_page_and_only_the_rest_is_translated(workdir: Path) -> None:
    translate_page(page(), TranslateOptions(), engine=CountingEngine())
    en_path = next((workdir / "translations").glob("9863-hk-*/en.po"))
    po = polib.pofile(str(en_path), wrapwidth=0)
    for entry in po:
        if entry.msgid in LEAPMOTOR_REVIEWED:
            entry.msgstr = LEAPMOTOR_REVIEWED[entry.msgid]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(en_path))

    (workdir / "second.txt").write_text(SECOND_PAGE, encoding="utf-8")
    engine = CountingEngine()
    report = translate_page("second.txt", TranslateOptions(), engine=engine)
    assert engine.calls == [["簡訊:零跑汽車再度發行內資股", "市場反應冷淡。"]]
    assert report.articles[0].from_tm == 3

    drafts = {e.msgid: e for e in polib.pofile(str(report.articles[0].folder / "en.po"))}
    price = drafts["公司股價周三低開,至中午休市報49.24港元,跌2.5%。"]
    assert price.msgstr == LEAPMOTOR_REVIEWED["公司股價周三低開,至中午休市報49.24港元,跌2.5%。"]
    assert price.fuzzy
    assert re.search(r"^tm: exact match of p\d+\.s\d+ in 9863-hk-", price.comment, re.MULTILINE)
    issue = next(e for k, e in drafts.items() if "6,200萬股" in k)
    assert issue.fuzzy and "tm: " in issue.comment
    assert "62 million" in issue.msgstr and "59.96" not in issue.msgstr
    assert "QA: error" not in issue.comment


def test_an_output_folder_that_cannot_be_created_is_one_line(workdir: Path) -> None:
    (workdir / "translations").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["translate", page(), "--no-mt"])
    assert result.exit_code == 2
    assert "translations" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (workdir / "translations").read_text(encoding="utf-8") == "not a folder"


class BetterEngine(CountingEngine):
    def describe(self) -> str:
        return "better-engine 2.0 (cpu)"

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        self.calls.append(list(texts))
        return [Translation(f"A better draft of {len(t)} characters.", -0.1) for t in texts]


def test_refresh_replaces_only_machine_drafts_nobody_touched(workdir: Path) -> None:
    translate_page(page(), TranslateOptions(), engine=CountingEngine())
    en_path = workdir / "translations" / SENSETIME / "en.po"
    _review(en_path, "p6.s1", "Reviewed and confirmed.")
    po = polib.pofile(str(en_path), wrapwidth=0)
    edited = next(e for e in po if e.msgid.startswith("這個轉變是一項全面重組計劃"))
    edited.msgstr = "Edited by a reviewer but not yet confirmed."  # still fuzzy
    po.save(str(en_path))

    plain = BetterEngine()
    translate_page(page(), TranslateOptions(), engine=plain)
    assert plain.calls == []  # without --refresh-mt nothing already drafted is re-translated

    better = BetterEngine()
    translate_page(page(), TranslateOptions(refresh_mt=True), engine=better)
    by_place = {str(entry_position(e)): e for e in polib.pofile(str(en_path))}
    assert by_place["p6.s1"].msgstr == "Reviewed and confirmed."
    assert by_place[str(entry_position(edited))].msgstr == "Edited by a reviewer but not yet confirmed."
    assert FIRST_BODY not in better.calls[0] and edited.msgid not in better.calls[0]
    refreshed = [e for e in by_place.values() if e.msgstr.startswith("A better draft")]
    assert len(refreshed) == len(by_place) - 2
    assert all(
        e.fuzzy and "better-engine 2.0" in e.comment and "counting-engine" not in e.comment for e in refreshed
    )


def test_simplified_conversions_follow_the_glossary_unless_a_reviewer_edited_them(workdir: Path) -> None:
    name, official = "福州奇富融資擔保", "福州奇富融资担保公司"
    translate_page(page(), TranslateOptions(use_mt=False))
    zh_path = next((workdir / "translations").glob("china-renaissance*/zh_Hans.po"))
    po = polib.pofile(str(zh_path), wrapwidth=0)
    mentions = [e for e in po if name in e.msgid]
    assert len(mentions) >= 3
    edited = mentions[0]
    edited.msgstr = "审校过的简体句子。"
    edited.flags = []
    po.save(str(zh_path))

    glossary = (workdir / "glossary.csv").read_text(encoding="utf-8")
    (workdir / "glossary.csv").write_text(
        glossary.replace(",福州奇富融资担保,", f",{official},"), encoding="utf-8"
    )
    translate_page(page(), TranslateOptions(use_mt=False))
    by_id = {e.msgid: e for e in polib.pofile(str(zh_path))}
    assert by_id[edited.msgid].msgstr == "审校过的简体句子。" and not by_id[edited.msgid].fuzzy
    assert all(official in by_id[e.msgid].msgstr for e in mentions[1:])
