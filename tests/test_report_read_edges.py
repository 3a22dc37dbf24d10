"""What the review page reads of an article folder, called directly on PO files written as the tools and
reviewers leave them: each sentence's state, kind, order, hints, terms and score; the article's status,
tickers, latest revision and search text; and the summary the index keeps between runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from report_fixtures import glossary
from workbench.report.read import (
    ArticleSummary,
    Revision,
    State,
    Status,
    Term,
    latest,
    read_article,
    status_of,
)
from workbench.signoff import SignOff, Standing

HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: results\\n"
"PO-Revision-Date: {date}\\n"
"Last-Translator: {translator}\\n"
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Workbench-Article: results-week\\n"
"X-Workbench-Source: seeds/market.txt\\n"
{extra}
"""

# Entries out of page order on purpose: the page shows them by position.
ENGLISH = """
#. position: p2.s2
#. mt: score -3.5 (test 1.0 (cpu)) draft:0a1b2c3d
#. glossary: 騰訊 → Tencent (0700.HK)
#: seeds/market.txt:9
#, fuzzy
msgid "騰訊股價上升5%。"
msgstr "Tencent shares rose 5%."

#. position: p1.s1
#. kind: title
#: seeds/market.txt:1
msgid "港股業績周"
msgstr "Results week in Hong Kong"

#. position: p2.s1
#. tm: 0.92 from other-article
#. glossary: 中國平安 → Ping An (2318.HK, 601318.SH)
#. glossary: 生成式人工智能 → generative AI
#: seeds/market.txt:8
#, fuzzy
msgid "中國平安公布業績。"
msgstr "Ping An reported results."

# Checked against the filing.
#. position: p2.s3
#: seeds/market.txt:10
msgid "股價上升5%。"
msgstr "The shares rose 8%."

#. position: p10.s1
#: seeds/market.txt:30
msgid "完。"
msgstr ""

#. position: p3.s1
#. mt: score -12 (test 1.0 (cpu)) draft:0a1b2c3e
#: seeds/market.txt:12
#, fuzzy
msgid "美團(3690.HK)亦走高。"
msgstr "Meituan also rose."

#: seeds/market.txt:40
#, fuzzy
msgid "編者按。"
msgstr "Editor's note."

#~ msgid "舊句。"
#~ msgstr "An old sentence."
"""

SIMPLIFIED = """
#. position: p1.s1
msgid "港股業績周"
msgstr "港股业绩周"

#. position: p2.s1
#, fuzzy
msgid "中國平安公布業績。"
msgstr "中国平安公布业绩。"

#. position: p2.s2
msgid "騰訊股價上升5%。"
msgstr ""
"""


def _write(folder: Path, *, zh: bool = True, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    header = HEADER.format(
        date="2027-01-05 10:00+0800", translator="Chan Tai Man <chan@example.com>", language="en", extra=extra
    )
    (folder / "en.po").write_text(header + ENGLISH, encoding="utf-8")
    if zh:
        header = HEADER.format(date="2027-01-05 11:30+0800", translator="Wong", language="zh_Hans", extra="")
        (folder / "zh_Hans.po").write_text(header + SIMPLIFIED, encoding="utf-8")
    return folder


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return _write(tmp_path / "results-week")


def test_sentences_come_in_page_order_with_their_states(article: Path) -> None:
    report = read_article(article, "articles/results-week.html", glossary())
    rows = [(s.paragraph, s.number, s.source, s.kind, s.state) for s in report.sentences]
    assert rows == [
        (1, 1, "港股業績周", "title", State.REVIEWED),
        (2, 1, "中國平安公布業績。", "body", State.MEMORY),
        (2, 2, "騰訊股價上升5%。", "body", State.MACHINE),
        (2, 3, "股價上升5%。", "body", State.REVIEWED),
        (3, 1, "美團(3690.HK)亦走高。", "body", State.MACHINE),
        (10, 1, "完。", "body", State.EMPTY),
        (1 << 30, 6, "編者按。", "body", State.FUZZY),  # no position: after every placed sentence
    ]
    assert report.counts == {
        State.REVIEWED: 2,
        State.MACHINE: 2,
        State.MEMORY: 1,
        State.FUZZY: 1,
        State.EMPTY: 1,
    }
    assert len({s.anchor for s in report.sentences}) == 7


def test_the_simplified_beside_each_sentence_and_its_state(article: Path) -> None:
    report = read_article(article, "p.html", glossary())
    simplified = {s.source: (s.simplified, s.simplified_state) for s in report.sentences}
    assert simplified["港股業績周"] == ("港股业绩周", State.REVIEWED)
    assert simplified["中國平安公布業績。"] == (
        "中国平安公布业绩。",
        State.FUZZY,
    )  # a conversion nobody confirmed
    assert simplified["騰訊股價上升5%。"] == ("", State.EMPTY)
    assert simplified["完。"] == ("", State.EMPTY)  # no entry at all
    assert report.simplified_reviewed == 1
    assert sum(s.simplified_reviewed for s in report.sentences) == 1


def test_hints_terms_scores_and_the_reviewers_comment(article: Path) -> None:
    by_source = {s.source: s for s in read_article(article, "p.html", glossary()).sentences}
    tencent, ping_an = by_source["騰訊股價上升5%。"], by_source["中國平安公布業績。"]
    assert tencent.score == -3.5 and by_source["美團(3690.HK)亦走高。"].score == -12.0
    assert ping_an.score is None and by_source["港股業績周"].score is None
    assert tencent.hints == ("glossary: 騰訊 → Tencent (0700.HK)",)
    assert tencent.terms == (Term("騰訊", "Tencent", ("0700.HK",)),)
    assert ping_an.hints[0] == "tm: 0.92 from other-article"
    assert ping_an.terms == (
        Term("中國平安", "Ping An", ("2318.HK", "601318.SH")),
        Term("生成式人工智能", "generative AI", ()),
    )
    assert by_source["股價上升5%。"].comments == ("Checked against the filing.",)
    assert tencent.comments == ()


def test_findings_are_the_checks_of_the_text_now(article: Path) -> None:
    report = read_article(article, "p.html", glossary())
    wrong = next(s for s in report.sentences if s.source == "股價上升5%。")
    assert wrong.errors == 1 and [f.severity for f in wrong.findings].count("error") == 1
    assert any("8" in f.message for f in wrong.findings)
    assert report.errors == sum(s.errors for s in report.sentences) >= 1
    assert report.warnings == sum(s.warnings for s in report.sentences)
    assert report.status is Status.ATTENTION and not report.ready
    assert "QA error" in report.not_ready and "English sentences unreviewed" in report.not_ready


def test_the_article_names_its_tickers_once_from_terms_sources_and_hints(article: Path) -> None:
    report = read_article(article, "p.html", glossary())
    assert report.tickers == ("2318.HK", "601318.SH", "0700.HK", "3690.HK")  # in page order
    po = article / "en.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("美團(3690.HK)", "騰訊(700.HK)及美團(3690.HK)"),
        encoding="utf-8",
    )
    # 700.HK is Tencent's 0700.HK, written short: named once, in the form the glossary uses.
    assert read_article(article, "p.html", glossary()).tickers == report.tickers


def test_a_warning_is_counted_as_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "en.po").write_text(
        HEADER.format(date="", translator="", language="en", extra="")
        + '\n#. position: p1.s1\nmsgid "該公司專注於生成式人工智能。"\nmsgstr "The company focuses on AI."\n',
        encoding="utf-8",
    )
    report = read_article(folder, "p.html", glossary())
    (sentence,) = report.sentences
    assert (sentence.errors, sentence.warnings) == (0, 1)
    assert (report.errors, report.warnings) == (0, 1)
    assert [f.check for f in sentence.findings] == ["name-missing"]


@pytest.mark.parametrize(
    ("notes", "kind", "score", "terms"),
    [
        (["kind:title"], "title", None, ()),  # no space after the colon
        (["kind:", "mt: score n/a"], "body", None, ()),  # a kind or score left empty is none
        (["mt: score -", "mt: score 0.00 (test)"], "body", 0.0, ()),
        (["mt: score -3 (test)"], "body", -3.0, ()),
        (["glossary:  → Tencent (0700.HK)"], "body", None, ()),  # no Chinese: not a term
        (["glossary: 騰訊 → "], "body", None, ()),  # no English: not a term
        (
            ["glossary: 騰訊 → Tencent (0700.HK, 9988.HK)"],
            "body",
            None,
            (("騰訊", "Tencent", ("0700.HK", "9988.HK")),),
        ),
        (["glossary: 阿里 → Alibaba (Group)"], "body", None, (("阿里", "Alibaba (Group)", ()),)),
        (["glossary: 阿里 → Alibaba ()"], "body", None, (("阿里", "Alibaba ()", ()),)),
    ],
)
def test_hint_lines_are_read_strictly(
    tmp_path: Path,
    notes: list[str],
    kind: str,
    score: float | None,
    terms: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    comments = "".join(f"#. {note}\n" for note in notes)
    (folder / "en.po").write_text(
        HEADER.format(date="", translator="", language="en", extra="")
        + f"\n#. position: p1.s1\n{comments}#, fuzzy\n"
        + 'msgid "公司公布業績。"\nmsgstr "The company reported results."\n',
        encoding="utf-8",
    )
    (sentence,) = read_article(folder, "p.html").sentences
    assert (sentence.kind, sentence.score) == (kind, score)
    assert sentence.terms == tuple(Term(*t) for t in terms)


LEGACY = """
#. position: p0.s1
#. kind: title
msgid "業績"
msgstr "Results"

# QA: error old-check: a finding that no longer
# holds, whatever the desk said of it
# the desk checked the length
#. position: p1.s1
msgid ""
"公司公布業績,股價上升5%,分析師表示業績好於預期,公司將於周五舉行"
"發布會。"
msgstr ""
"The company reported results and its shares rose 5%; analysts said the "
"results beat expectations."
"""


def test_an_old_layout_file_an_editor_wrapped_shows_only_the_reviewers_lines(tmp_path: Path) -> None:
    """An older run wrote findings as translator comments; an editor then wrapped the file at 50 columns.
    The page shows what the next run keeps: the reviewer's line, not the finding nor its tail."""
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "en.po").write_text(
        HEADER.format(date="", translator="", language="en", extra="") + LEGACY, encoding="utf-8"
    )
    title, sentence = read_article(folder, "p.html").sentences
    assert sentence.comments == ("the desk checked the length",) and title.comments == ()


def test_a_reviewers_lines_are_kept_whole_in_a_file_of_the_current_layout(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    text = LEGACY.replace("# QA: error old-check: a finding that no longer\n", "")
    (folder / "en.po").write_text(
        HEADER.format(date="", translator="", language="en", extra="") + text, encoding="utf-8"
    )
    _, sentence = read_article(folder, "p.html").sentences
    assert sentence.comments == ("holds, whatever the desk said of it", "the desk checked the length")


def test_titles_source_and_revisions(article: Path) -> None:
    report = read_article(article, "articles/results-week.html", glossary())
    assert (report.id, report.page, report.source) == (
        "results-week",
        "articles/results-week.html",
        "seeds/market.txt",
    )
    assert (report.title_zh, report.title_en) == ("港股業績周", "Results week in Hong Kong")
    assert report.revisions == (
        Revision("en.po", "Chan Tai Man <chan@example.com>", "2027-01-05 10:00+0800"),
        Revision("zh_Hans.po", "Wong", "2027-01-05 11:30+0800"),
    )
    assert report.last_revision == Revision("zh_Hans.po", "Wong", "2027-01-05 11:30+0800")


def test_the_english_title_header_wins_over_the_title_sentence(tmp_path: Path) -> None:
    folder = _write(tmp_path / "a", extra='"X-Workbench-English-Title: Results week\\n"')
    assert read_article(folder, "p.html").title_en == "Results week"


def test_a_folder_without_simplified_has_every_simplified_empty(tmp_path: Path) -> None:
    report = read_article(_write(tmp_path / "a", zh=False), "p.html")
    assert report.simplified_reviewed == 0
    assert {s.simplified_state for s in report.sentences} == {State.EMPTY}
    assert [r.file for r in report.revisions] == ["en.po"]


def test_a_po_file_that_cannot_be_read_is_the_articles_problem(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "en.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    report = read_article(folder, "p.html")
    assert report.problem and report.sentences == () and report.status is Status.ATTENTION
    assert report.id == "broken"


@pytest.mark.parametrize(
    ("dates", "newest"),
    [
        (["2027-01-05 10:00+0800", "2027-01-05 11:30+0800"], 1),
        (["2027-01-05 11:30+0800", "2027-01-05 10:00+0800"], 0),
        (["2027-01-05 10:00+0000", "2027-01-05 17:00+0800"], 0),  # 18:00 in Hong Kong is later
        (["YEAR-MO-DA HO:MI+ZONE", "2020-01-01 00:00+0000"], 1),  # an unset date counts as oldest
        (["2020-01-01 00:00+0000", "not a date"], 0),
    ],
)
def test_the_latest_revision_is_by_time(dates: list[str], newest: int) -> None:
    revisions = [Revision(f"f{i}", f"t{i}", d) for i, d in enumerate(dates)]
    assert latest(revisions) == revisions[newest]
    assert latest([]) is None


SIGNED = SignOff(by="Chan", at="2027-01-05T18:30:00+08:00", content="0" * 32)


@pytest.mark.parametrize(
    ("problem", "errors", "signoff", "ready", "status"),
    [
        ("", 0, Standing(SIGNED), False, Status.SIGNED),
        ("", 2, Standing(SIGNED), False, Status.SIGNED),  # a sign-off that holds wins
        ("unreadable", 0, Standing(SIGNED), True, Status.ATTENTION),
        ("", 1, Standing(None), True, Status.ATTENTION),
        ("", 0, Standing(SIGNED, changed=True), True, Status.ATTENTION),
        ("", 0, Standing(None, problem="damaged"), True, Status.ATTENTION),
        ("", 0, Standing(None), True, Status.READY),
        ("", 0, Standing(None), False, Status.REVIEW),
    ],
)
def test_one_status_rule(problem: str, errors: int, signoff: Standing, ready: bool, status: Status) -> None:
    assert status_of(problem, errors, signoff, ready) is status


def test_the_summary_keeps_what_the_index_needs_and_reads_back(article: Path) -> None:
    summary = ArticleSummary.of(read_article(article, "articles/results-week.html", glossary()))
    assert (summary.sentences, summary.unreviewed, summary.simplified_reviewed) == (7, 5, 1)
    assert summary.progress == pytest.approx(2 / 7)
    assert summary.title_zh_hans == "港股业绩周"
    assert (summary.translator, summary.revised) == ("Wong", "2027-01-05 11:30+0800")
    assert summary.count(State.MACHINE) == 2
    assert summary.status is Status.ATTENTION
    for word in (
        "results week in hong kong",
        "0700.hk",
        "0700 ",
        "2318",
        "601318.sh",
        "ping an",
        "tencent",
        "results-week",
        "港股業績周",
        "港股业绩周",
    ):
        assert word in summary.search_text + " ", word
    assert "  " not in summary.search_text
    saved = json.loads(json.dumps(summary.as_json()))
    assert saved["counts"] == {"reviewed": 2, "machine": 2, "memory": 1, "fuzzy": 1, "empty": 1}
    assert saved["status"] == "attention"
    assert ArticleSummary.from_json(saved) == summary


def test_an_article_without_sentences_has_no_progress(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "en.po").write_text(
        HEADER.format(date="", translator="", language="en", extra=""), encoding="utf-8"
    )
    summary = ArticleSummary.of(read_article(folder, "p.html"))
    assert summary.sentences == 0 and summary.progress == 0.0 and summary.status is Status.REVIEW
    assert summary.not_ready == "no sentences"
    assert (summary.translator, summary.revised, summary.title_zh_hans) == ("", "", "")


@pytest.mark.parametrize(
    "damage",
    [
        {"sentences": -1},
        {"sentences": True},
        {"errors": "1"},
        {"title_en": 7},
        {"counts": {"reviewed": 1}},
        {"status": "lost"},
        {"tickers": [1]},
    ],
)
def test_a_saved_summary_of_another_shape_is_refused(article: Path, damage: dict[str, object]) -> None:
    saved = ArticleSummary.of(read_article(article, "p.html", glossary())).as_json()
    saved.update(damage)
    with pytest.raises((KeyError, TypeError, ValueError)):
        ArticleSummary.from_json(saved)


def test_a_saved_summary_of_zero_counts_reads_back(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "en.po").write_text(
        HEADER.format(date="", translator="", language="en", extra=""), encoding="utf-8"
    )
    summary = ArticleSummary.of(read_article(folder, "p.html"))
    assert ArticleSummary.from_json(json.loads(json.dumps(summary.as_json()))) == summary
