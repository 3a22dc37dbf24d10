from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from review_fixtures import SENSETIME, Row, review, write_article
from workbench.errors import InputError
from workbench.glossary import Glossary
from workbench.model import Fact, FactKind, GlossaryEntry, Origin
from workbench.tm import CACHE_NAME, TMEntry, TranslationMemory, substitute
from workbench.tm.store import DELTA_NAME

RENAISSANCE = GlossaryEntry(
    "華興資本控股有限公司",
    "华兴资本控股有限公司",
    "China Renaissance Holdings Ltd.",
    aliases=("華興資本", "China Renaissance"),
    tickers=("1911.HK",),
)
QIFU = GlossaryEntry(
    "奇富科技", "奇富科技", "Qifu Technology", aliases=("Qfin",), tickers=("QFIN.US", "3660.HK")
)
LEAPMOTOR = GlossaryEntry(
    "浙江零跑科技股份有限公司", "浙江零跑科技股份有限公司", "Leapmotor", aliases=("零跑汽車",)
)


@dataclass(frozen=True)
class Translation:
    text: str
    score: float
    alternatives: tuple[tuple[str, float], ...] = ()
    repetitive: bool = False


@dataclass
class CountingEngine:
    """An engine conforming to the MT contract that records every batch it is asked to translate."""

    calls: list[list[str]] = field(default_factory=list)
    wants_simplified: bool = False

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        self.calls.append(list(texts))
        return [Translation(f"MT of {t}", -0.5) for t in texts]

    def describe(self) -> str:
        return "counting test engine"


def pretranslate(tm: TranslationMemory, sources: list[str], engine: CountingEngine) -> list[str]:
    """What the pipeline does with the memory: serve what it can, send only the rest to the engine."""
    matches = tm.lookup_many(sources)
    todo = [s for s, m in zip(sources, matches, strict=True) if m is None]
    machine = iter(engine.translate(todo)) if todo else iter(())
    return [m.draft if m is not None else next(machine).text for m in matches]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "translations"
    write_article(root, "sensetime", SENSETIME)
    return root


def test_memory_holds_only_reviewed_entries(tree: Path) -> None:
    write_article(
        tree,
        "other",
        [Row("p1.s1", "舊句子。", "Old one.")],
        obsolete=(Row("p2.s1", "刪除了。", "Removed."),),
    )
    tm = TranslationMemory.load(tree)
    by_place = {f"{e.article}:{e.position}": e for e in tm.entries}
    assert "sensetime:p7.s2" in by_place and "other:p1.s1" in by_place
    assert "sensetime:p5.s1" not in by_place  # fuzzy: machine output nobody accepted
    assert "sensetime:p9.s3" not in by_place  # empty
    assert "other:p2.s1" not in by_place  # obsolete
    assert by_place["sensetime:p7.s2"].simplified == "该股在上周五的交易中飙升了14%。"
    assert by_place["sensetime:p7.s2"].article == "sensetime"
    assert len(tm) == 10


def test_exact_match_reuses_the_reviewed_english_and_stays_for_a_quick_confirm(tree: Path) -> None:
    match = TranslationMemory.load(tree).lookup("該股在上周五的交易中飆升了14%。")
    assert match is not None
    assert match.exact and match.score == 100
    assert match.draft == "The stock jumped 14% in trading last Friday."
    assert match.origin is Origin.TM_EXACT
    assert match.comments == ("tm: exact match of p7.s2 in sensetime",)


def test_near_match_substitutes_the_new_amounts(tree: Path) -> None:
    match = TranslationMemory.load(tree).lookup(
        "今年上半年，其虧損為18億元，較去年同期的22億元虧損有所減少。"
    )
    assert match is not None and not match.exact
    assert (
        match.draft
        == "Its loss narrowed to 1.8 billion yuan in the first half from 2.2 billion yuan a year earlier."
    )
    assert 75 <= match.score <= 99
    assert match.origin is Origin.TM_FUZZY
    assert match.comment == f"tm: {match.score:.0f}% match of p9.s1 in sensetime"
    assert any("25億元 → 18億元" in n and "1.8 billion yuan" in n for n in match.notes)
    assert match.origin_target.startswith("Its loss narrowed to 2.5 billion yuan")


def test_reviewer_wording_of_an_amount_is_found_by_value(tree: Path) -> None:
    review(tree / "sensetime", {"p9.s1": "Its first-half loss shrank to RMB2.5 billion from RMB3.1 billion."})
    match = TranslationMemory.load(tree).lookup(
        "今年上半年，其虧損為12億元，較去年同期的31億元虧損有所減少。"
    )
    assert match is not None
    assert match.draft == "Its first-half loss shrank to RMB1.2 billion from RMB3.1 billion."


def test_reviewer_wording_around_a_figure_is_kept(tmp_path: Path) -> None:
    old = "公司將按每股50.03元向其發行約5,996萬股內資股，相當於每股55.49港元。"
    write_article(
        tmp_path,
        "leap",
        [Row("p1.s1", old, "It will issue some 59.96 million domestic shares at 50.03 yuan each.")],
    )
    match = TranslationMemory.load(tmp_path).lookup(
        "公司將按每股50.03元向其發行約1,200萬股內資股，相當於每股55.49港元。"
    )
    assert match is not None
    assert match.draft == "It will issue some 12 million domestic shares at 50.03 yuan each."
    match = TranslationMemory.load(tmp_path).lookup(
        "公司將按每股50.03元向其發行約1,200萬港元內資股，相當於每股55.49港元。"
    )
    assert match is not None  # shares became Hong Kong dollars: nothing to swap, the reviewer is told
    assert match.draft == match.origin_target
    assert sorted(match.notes) == [
        "tm: 約1,200萬港元 (about HK$12 million) is new in this sentence; add it to the draft",
        "tm: 約5,996萬股 (about 59.96 million shares) is not in this sentence; remove it from the draft",
    ]


def test_names_and_tickers_of_the_new_sentence_replace_the_old(tmp_path: Path) -> None:
    old = "在不良債務規模擴大的背景下，華興資本(1911.HK)亦加入這股浪潮，嘗試從問題資產中尋找獲利空間。"
    write_article(
        tmp_path,
        "renaissance",
        [
            Row(
                "p1.s1",
                old,
                "As bad debts pile up, China Renaissance (1911.HK) is joining the trend, hoping to profit.",
            )
        ],
    )
    tm = TranslationMemory.load(tmp_path, glossary=Glossary.from_entries([RENAISSANCE, QIFU]))
    match = tm.lookup(
        "在不良債務規模擴大的背景下，奇富科技(QFIN.US;3660.HK)亦加入這股浪潮，嘗試從問題資產中尋找獲利空間。"
    )
    assert match is not None and not match.exact
    # The reviewer used the short name, so the new company's short name goes in its place.
    assert (
        match.draft == "As bad debts pile up, Qfin (QFIN.US; 3660.HK) is joining the trend, hoping to profit."
    )


def test_threshold_is_configurable_and_unrelated_text_goes_to_the_engine(tree: Path) -> None:
    near = "今年上半年，其虧損為18億元，較去年同期的22億元虧損大幅減少。"
    assert TranslationMemory.load(tree).lookup(near) is not None
    assert TranslationMemory.load(tree, threshold=99.5).lookup(near) is None
    assert TranslationMemory.load(tree).lookup("零跑汽車周二宣布引入地方國資。") is None
    with pytest.raises(InputError, match="threshold"):
        TranslationMemory.load(tree, threshold=0)


def test_second_page_gets_exact_and_adjusted_matches_and_mt_only_for_the_rest(tmp_path: Path) -> None:
    tree = tmp_path / "translations"
    first = write_article(
        tree, "sensetime", [Row(r.where, r.source, r.english, fuzzy=True) for r in SENSETIME[6:10]]
    )
    review(first)  # a reviewer accepts every draft
    second_page = [
        "該股在上周五的交易中飆升了14%。",  # same sentence
        "今年上半年，其虧損為19.5億元，較去年同期的26億元虧損有所減少。",  # new figures
        "該股在上周五的交易中飆升了8%。",  # new figure
        "零跑汽車周二宣布引入地方國資。",  # never seen
    ]
    engine = CountingEngine()
    drafts = pretranslate(TranslationMemory.load(tree), second_page, engine)
    assert engine.calls == [["零跑汽車周二宣布引入地方國資。"]]
    assert drafts == [
        "The stock jumped 14% in trading last Friday.",
        "Its loss narrowed to 1.95 billion yuan in the first half from 2.6 billion yuan a year earlier.",
        "The stock jumped 8% in trading last Friday.",
        "MT of 零跑汽車周二宣布引入地方國資。",
    ]


def test_rerun_on_an_unchanged_reviewed_article_makes_no_mt_calls(tree: Path) -> None:
    review(tree / "sensetime", {"p9.s3": "Ten years on, SenseTime is still losing money."})
    engine = CountingEngine()
    sources = [r.source for r in SENSETIME]
    drafts = pretranslate(TranslationMemory.load(tree), sources, engine)
    assert engine.calls == []
    assert drafts[-1] == "Ten years on, SenseTime is still losing money."


def test_most_used_reviewed_translation_wins_and_says_so(tmp_path: Path) -> None:
    source = "該股在上周五的交易中飆升了14%。"
    for article, english in (("a", "Shares jumped 14% on Friday."), ("b", "The stock rose 14% last Friday."),
                             ("c", "The stock rose 14% last Friday.")):  # fmt: skip
        write_article(tmp_path, article, [Row("p1.s1", source, english)])
    match = TranslationMemory.load(tmp_path).lookup(source)
    assert match is not None and match.draft == "The stock rose 14% last Friday."
    assert match.variants == 2
    assert "tm: 2 different reviewed translations; the most used one is shown" in match.comments


def _saved_at(folder: Path, seconds: int) -> None:
    """Give the article's en.po a saved time, so which reviewer was newest does not hang on write order."""
    os.utime(folder / "en.po", ns=(seconds * 10**9, seconds * 10**9))


def test_most_used_translation_wins_over_the_newest_one(tmp_path: Path) -> None:
    source = "該股在上周五的交易中飆升了14%。"
    # Two reviewers chose the same English months ago; the one who saved last chose other words.
    for article, english, saved in (("a", "The stock rose 14% last Friday.", 1_700_000_000),
                                    ("b", "The stock rose 14% last Friday.", 1_700_000_100),
                                    ("c", "Shares jumped 14% on Friday.", 1_760_000_000)):  # fmt: skip
        _saved_at(write_article(tmp_path, article, [Row("p1.s1", source, english)]), saved)
    match = TranslationMemory.load(tmp_path).lookup(source)
    assert match is not None and match.draft == "The stock rose 14% last Friday."
    assert match.variants == 2


@pytest.mark.parametrize("newest", ["a", "b"])
def test_among_equally_used_translations_the_newest_wins_whatever_the_folder_order(
    tmp_path: Path, newest: str
) -> None:
    source = "該股在上周五的交易中飆升了14%。"
    english = {"a": "The stock rose 14% last Friday.", "b": "Shares jumped 14% on Friday."}
    for article in ("a", "b"):
        folder = write_article(tmp_path, article, [Row("p1.s1", source, english[article])])
        _saved_at(folder, 1_760_000_000 if article == newest else 1_700_000_000)
    match = TranslationMemory.load(tmp_path).lookup(source)
    assert match is not None and match.draft == english[newest]


def test_near_match_uses_the_wording_most_reviewers_used_for_the_same_sentence_with_other_figures(
    tmp_path: Path,
) -> None:
    # One reviewer wrote "jumped" for a 14% day (and is the first folder); two wrote "rose" for 8% days.
    for article, source, english, saved in (
        ("a", "該股在上周五的交易中飆升了14%。", "Shares jumped 14% on Friday.", 1_760_000_000),
        ("b", "該股在上周五的交易中飆升了8%。", "The stock rose 8% last Friday.", 1_700_000_000),
        ("c", "該股在上周五的交易中飆升了8%。", "The stock rose 8% last Friday.", 1_700_000_100),
    ):
        _saved_at(write_article(tmp_path, article, [Row("p1.s1", source, english)]), saved)
    match = TranslationMemory.load(tmp_path).lookup("該股在上周五的交易中飆升了5%。")
    assert match is not None and not match.exact
    assert match.draft == "The stock rose 5% last Friday."
    assert (match.origin_article, match.variants) == ("c", 2)
    assert "tm: 2 different reviewed translations; the most used one is shown" in match.comments


def test_a_blank_reviewed_english_is_never_offered() -> None:
    source = "該股在上周五的交易中飆升了14%。"
    tm = TranslationMemory([TMEntry(source, "  ", "", "a")], extractor=lambda text, hits: ())
    assert tm.lookup(source) is None
    assert tm.lookup("該股在上周五的交易中飆升了8%。") is None


def test_a_sentence_made_only_of_common_character_pairs_still_finds_its_near_match() -> None:
    # Every pair of characters of the sentence is in thousands of stored ones, as 公司 is in a newsroom's
    # archive: the index must still read the rarest posting list rather than none.
    base = "該股在上周五的交易中飆升了百分之十四"
    stored = [base + chr(0x4E00 + i) for i in range(9_000)]
    tm = TranslationMemory(
        (TMEntry(s, f"English {i}.", "", "a") for i, s in enumerate(stored)), extractor=lambda text, hits: ()
    )
    match = tm.lookup(base + "。")
    assert match is not None and not match.exact and match.draft.startswith("English ")


def _garble_keeping_stamp(path: Path) -> None:
    """Make ``path`` unparseable without changing its size or modification time."""
    st = path.stat()
    path.write_bytes(b"x" * st.st_size)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_index_cache_is_reused_and_refreshed_when_a_file_changes(tree: Path) -> None:
    assert len(TranslationMemory.load(tree).entries) == 9
    assert (tree / CACHE_NAME).is_file()
    saved = (tree / "sensetime" / "en.po").read_bytes()

    # Parsing the garbled file would fail: an unchanged stamp must mean the cached entries are used.
    _garble_keeping_stamp(tree / "sensetime" / "en.po")
    assert len(TranslationMemory.load(tree).entries) == 9
    (tree / "sensetime" / "en.po").write_bytes(saved)

    review(tree / "sensetime", {"p9.s3": "Ten years on, SenseTime is still losing money."})
    tm = TranslationMemory.load(tree)
    assert len(tm.entries) == 12
    match = tm.lookup("成立十年後，商湯仍在虧損。")
    assert match is not None and match.draft == "Ten years on, SenseTime is still losing money."


def test_corrupt_cache_is_ignored(tree: Path) -> None:
    (tree / CACHE_NAME).write_text("{not json", encoding="utf-8")
    assert len(TranslationMemory.load(tree).entries) == 9


NEW = Row("p1.s1", "恒指周五收市升1.2%。", "The Hang Seng Index closed 1.2% higher on Friday.")


def test_adding_an_article_reads_only_its_files_and_leaves_the_cache_file_alone(tree: Path) -> None:
    assert len(TranslationMemory.load(tree).entries) == 9
    base = (tree / CACHE_NAME).read_bytes()
    _garble_keeping_stamp(tree / "sensetime" / "en.po")  # re-reading the archive would fail on it

    write_article(tree, "market-close", [NEW])
    tm = TranslationMemory.load(tree)
    assert len(tm.entries) == 10
    match = tm.lookup(NEW.source)
    assert match is not None and match.exact and match.origin_article == "market-close"
    # The update is written beside the cache, not by rewriting the whole archive's cache.
    assert (tree / CACHE_NAME).read_bytes() == base


def test_a_removed_article_leaves_the_memory(tree: Path) -> None:
    write_article(tree, "market-close", [NEW])
    assert TranslationMemory.load(tree).lookup(NEW.source) is not None
    shutil.rmtree(tree / "market-close")
    tm = TranslationMemory.load(tree)
    assert tm.lookup(NEW.source) is None and len(tm.entries) == 9


def test_a_file_touched_without_change_keeps_its_cached_entries(tree: Path) -> None:
    assert len(TranslationMemory.load(tree)) == 9
    path = tree / "sensetime" / "en.po"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))  # a checkout, a copy
    assert len(TranslationMemory.load(tree).entries) == 9
    review(tree / "sensetime", {"p9.s3": "Ten years on, SenseTime is still losing money."})
    assert len(TranslationMemory.load(tree).entries) == 12


def test_the_memory_is_right_whichever_cache_file_a_crash_left(tree: Path) -> None:
    assert len(TranslationMemory.load(tree)) == 9
    write_article(tree, "market-close", [NEW])
    assert len(TranslationMemory.load(tree)) == 10  # the new article goes to the delta beside the cache
    assert (tree / DELTA_NAME).is_file()
    (tree / CACHE_NAME).unlink()
    tm = TranslationMemory.load(tree)
    assert len(tm.entries) == 10 and tm.lookup(NEW.source) is not None
    shutil.rmtree(tree / "market-close")
    (tree / CACHE_NAME).unlink()
    assert len(TranslationMemory.load(tree).entries) == 9


def test_load_is_lazy(tmp_path: Path) -> None:
    tm = TranslationMemory.load(tmp_path / "not-yet")
    (tmp_path / "not-yet").mkdir()
    write_article(tmp_path / "not-yet", "x", [Row("p1.s1", "新句子。", "A new sentence.")])
    assert tm.lookup("新句子。") is not None
    with pytest.raises(InputError, match="not a folder"):
        TranslationMemory.load(tmp_path / "missing").lookup("新句子。")


def test_broken_po_file_in_the_tree_is_one_line(tree: Path) -> None:
    (tree / "broken").mkdir()
    (tree / "broken" / "en.po").write_text('msgid "open\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"broken/en\.po:1: ") as err:
        TranslationMemory.load(tree).lookup("該股在上周五的交易中飆升了14%。")
    assert "\n" not in str(err.value)


def _fact(
    kind: FactKind, text: str, start: int, english: str, value: str | None = None, unit: str = "CNY"
) -> Fact:
    return Fact(kind, text, start, start + len(text), english, Decimal(value) if value else None, unit=unit)


def test_substitution_is_simultaneous_so_swapped_figures_do_not_chain() -> None:
    old = [_fact(FactKind.AMOUNT, "25億元", 0, "2.5 billion yuan", "2.5e9"),
           _fact(FactKind.AMOUNT, "31億元", 9, "3.1 billion yuan", "3.1e9")]  # fmt: skip
    new = [_fact(FactKind.AMOUNT, "31億元", 0, "3.1 billion yuan", "3.1e9"),
           _fact(FactKind.AMOUNT, "40億元", 9, "4 billion yuan", "4e9")]  # fmt: skip
    draft, notes = substitute("Loss fell to 2.5 billion yuan from 3.1 billion yuan.", old, new)
    assert draft == "Loss fell to 3.1 billion yuan from 4 billion yuan."
    assert len(notes) == 2


def test_substitution_reports_what_it_cannot_place() -> None:
    old = [_fact(FactKind.PERCENT, "14%", 0, "14%", "14", "%")]
    new = [_fact(FactKind.PERCENT, "8%", 0, "8%", "8", "%"), _fact(FactKind.PERCENT, "3%", 5, "3%", "3", "%")]
    draft, notes = substitute("The stock jumped sharply.", old, new)
    assert draft == "The stock jumped sharply."
    assert notes == [
        "tm: could not find 14% for 14% in the reviewed English; write 8% for 8%",
        "tm: 3% (3%) is new in this sentence; add it to the draft",
    ]


def test_substitution_respects_number_boundaries() -> None:
    old = [_fact(FactKind.PERCENT, "14%", 0, "14%", "14", "%")]
    new = [_fact(FactKind.PERCENT, "9%", 0, "9%", "9", "%")]
    draft, _ = substitute("Up 114% this year and 14% this week.", old, new)
    assert draft == "Up 114% this year and 9% this week."


def _synthetic(count: int, rng: random.Random) -> list[str]:
    """Random sentences over 3,000 characters, made fast with numpy so the test times the memory only."""
    points = np.random.default_rng(rng.randrange(1 << 30)).integers(0x4E00, 0x4E00 + 3000, count * 40)
    text = points.astype("<u4").tobytes().decode("utf-32-le")
    sizes = [rng.randint(18, 40) for _ in range(count)]
    return [text[i * 40 : i * 40 + size] + "。" for i, size in enumerate(sizes)]


def test_a_thousand_lookups_against_a_large_memory_take_well_under_a_second() -> None:
    rng = random.Random(6)
    sources = _synthetic(100_000, rng)
    tm = TranslationMemory(
        (TMEntry(s, f"English {i}.", f"a:p{i}.s1", "a") for i, s in enumerate(sources)),
        extractor=lambda text, hits: (),
    )
    tm.lookup("預熱")  # the index is built on first use, not counted
    queries, bases = [], []
    for i in range(1000):
        base = rng.randrange(len(sources))
        s = sources[base]
        queries.append(s if i % 3 == 0 else s[:5] + "的" + s[6:] if i % 3 == 1 else _synthetic(1, rng)[0])
        bases.append(base)
    started = time.perf_counter()
    found = tm.lookup_many(queries)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    assert [m.draft if m else None for m in found[0::3]] == [f"English {b}." for b in bases[0::3]]
    assert [m.draft if m else None for m in found[1::3]] == [f"English {b}." for b in bases[1::3]]
    assert not any(m.exact for m in found[1::3] if m)
    assert sum(m is not None for m in found[2::3]) == 0


def test_an_empty_memory_matches_nothing(tmp_path: Path) -> None:
    (tmp_path / "translations").mkdir()
    memory = TranslationMemory.load(tmp_path / "translations")
    assert memory.lookup("商湯集團股份有限公司(0020.HK)周二宣布回購股份。") is None
