"""Sentences longer than the model's positions: cut at clause ends for the engine, the drafts joined."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import polib
import pytest
import sentencepiece as spm
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import TEST_MODEL
from test_mt import _random_transformer, build_package
from workbench.cli import _register, app
from workbench.mt import find_package, load_engine
from workbench.mt.limits import max_positions, split_for_engine

_register()

COMPANIES = ("騰訊控股", "阿里巴巴集團", "美團", "小米集團", "京東集團", "網易", "百度集團", "快手科技")
# A list pasted as one sentence: commas, no 。 until the end, well over 512 model pieces.
LIST_SENTENCE = "，".join(f"{COMPANIES[i % 8]}收入增長{i % 9 + 1}%" for i in range(80)) + "。"
SHORT = "公司股價周三低開,至中午休市報49.24港元,跌2.5%。"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    yield


def package_with_positions(folder: Path, positions: int) -> Path:
    """A throwaway package whose model stores position encodings for ``positions`` positions only."""
    build_package(folder)
    sp = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    spec = _random_transformer([sp.id_to_piece(i) for i in range(sp.get_piece_size())], seed=0)
    depth = spec.encoder.embeddings[0].weight.shape[1]
    angles = np.arange(positions)[:, None] / np.power(10000, np.arange(0, depth, 2) / depth)[None, :]
    table = np.concatenate([np.sin(angles), np.cos(angles)], axis=1).astype(np.float32)
    spec.encoder.position_encodings.encodings = table
    spec.decoder.position_encodings.encodings = table
    spec.validate()
    spec.optimize(quantization=None)
    shutil.rmtree(folder / "model")
    (folder / "model").mkdir()
    spec.save(str(folder / "model"))
    return folder


def test_the_limit_is_read_from_each_package_not_assumed(tmp_path: Path) -> None:
    assert max_positions(find_package(str(TEST_MODEL)).model_dir) == 512
    small = package_with_positions(tmp_path / "translate-zt_en-small-0_3", 48)
    assert max_positions(small / "model") == 48
    # Positions computed on the fly have no limit, and a folder without model.bin says nothing.
    assert max_positions(build_package(tmp_path / "translate-zt_en-tiny-0_3") / "model") is None
    assert max_positions(tmp_path) is None


def test_a_list_sentence_of_over_700_characters_is_translated_in_parts_with_the_test_model() -> None:
    engine = load_engine(str(TEST_MODEL), device="cpu")
    assert len(LIST_SENTENCE) > 700 and engine.tokenizer.count(LIST_SENTENCE) > 512
    long, short = engine.translate([LIST_SENTENCE, SHORT])
    assert engine.budget is not None
    parts = split_for_engine(LIST_SENTENCE, engine.tokenizer.count, engine.budget)
    assert len(parts) >= 3 and "".join(parts) == LIST_SENTENCE
    assert all(part.endswith(("，", "。")) for part in parts)
    # The draft is the parts' drafts in order, each as the engine gives it for that part alone.
    assert long.text == " ".join(t.text for t in engine.translate(parts))
    assert long.text and long.alternatives
    assert short == engine.translate([SHORT])[0]


def test_a_package_with_fewer_positions_gets_shorter_parts(tmp_path: Path) -> None:
    engine = load_engine(
        str(package_with_positions(tmp_path / "translate-zt_en-small-0_3", 48)), device="cpu"
    )
    assert engine.budget is not None and engine.budget < 24
    sentence = LIST_SENTENCE[:200]
    assert engine.tokenizer.count(sentence) > 48
    (draft,) = engine.translate([sentence])
    assert draft.text


def test_translate_writes_one_entry_for_the_long_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text(f"簡訊:科網股業績一覽\n\n{LIST_SENTENCE}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", "page.txt", "--model", str(TEST_MODEL), "--device", "cpu"])
    assert result.exit_code == 0, result.output
    (en,) = (tmp_path / "translations").glob("*/en.po")
    entry = next(e for e in polib.pofile(str(en)) if e.msgid == LIST_SENTENCE)
    assert entry.msgstr and entry.fuzzy
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(en)]).returncode == 0


@pytest.mark.parametrize(
    ("text", "budget", "parts"),
    [
        ("甲乙，丙丁；戊己：庚辛", 4, ["甲乙，", "丙丁；", "戊己：", "庚辛"]),
        ("甲乙,丙丁;戊己", 4, ["甲乙,", "丙丁;", "戊己"]),  # ASCII marks when there are no full-width ones
        ("甲乙、丙丁、戊己", 4, ["甲乙、", "丙丁、", "戊己"]),
        ("甲乙丙丁戊己庚辛", 4, ["甲乙丙丁", "戊己庚辛"]),  # no mark at all: between words
        ("營收3.08億元增長", 8, ["營收3.08億元", "增長"]),  # never between 3.08, 億 and 元
        ("甲，乙丙丁戊己、庚", 4, ["甲，", "乙丙丁戊", "己、庚"]),  # a long clause is cut finer
    ],
)
def test_cuts_come_at_clause_ends_first(text: str, budget: int, parts: list[str]) -> None:
    assert split_for_engine(text, len, budget) == parts


@given(
    st.text(alphabet="甲乙丙丁，；、,. 123億元", min_size=1, max_size=120),
    st.integers(min_value=2, max_value=30),
)
def test_parts_give_the_sentence_back_and_each_fits(text: str, budget: int) -> None:
    parts = split_for_engine(text, len, budget)
    assert "".join(parts) == text
    assert all(len(part) <= budget for part in parts)


FIGURES = ("三億港元", "1,390億港元", "3.08億", "20.8%", "0020.HK", "5,996萬股")
FILLERS = ("公司收入增長", "公司收入，增長", "公司 收入、增長")


@pytest.mark.parametrize("figure", (*FIGURES, "(0020.HK)"))
@pytest.mark.parametrize("filler", FILLERS, ids=["words", "comma", "space-and-enumeration"])
def test_a_figure_is_never_cut_wherever_the_limit_falls(figure: str, filler: str) -> None:
    """Wherever the budget ends, before, inside or after a figure, the figure goes to the engine whole.

    The sentence puts the figure after ``lead`` characters, for every ``lead`` that makes the budget end at
    one of the figure's own cut points or the ones just around it.
    """
    budget = 16
    tail = "，同比增長五成。"
    for lead in range(max(0, budget - len(figure) - 3), budget + 3):
        head = (filler * 8)[:lead]
        sentence = head + figure + tail + (filler * 8)
        parts = split_for_engine(sentence, len, budget)
        assert "".join(parts) == sentence and all(len(part) <= budget for part in parts)
        assert any(figure in part for part in parts), (lead, parts)


@pytest.mark.parametrize("figure", FIGURES)
def test_a_figure_glued_to_words_is_whole_when_its_clause_is_cut_finer(figure: str) -> None:
    """With a budget just over the figure's length, the clause holding it is cut around it, not in it.

    A figure of digits and signs alone fits a budget of its own length; one with Chinese units is kept
    together with the word before it, so it needs one more.
    """
    for budget in range(len(figure) + (0 if figure.isascii() else 1), len(figure) + 4):
        for lead in range(0, 6):
            sentence = "增長" * 3 + "增" * lead + figure + "增長" * 3
            parts = split_for_engine(sentence, len, budget)
            assert "".join(parts) == sentence
            assert any(figure in part for part in parts), (budget, lead, parts)


def test_a_figure_is_whole_when_the_test_model_counts_pieces() -> None:
    """The same with the test model's own SentencePiece counts, where one character may be several pieces."""
    sp = spm.SentencePieceProcessor(model_file=str(find_package(str(TEST_MODEL)).sentencepiece_model))

    def pieces(text: str) -> int:
        return len(sp.encode(text))

    for figure in FIGURES:
        for lead in range(0, 14):
            sentence = ("公司收入增長" * 4)[:lead] + figure + "，同比增長五成。" + "公司收入增長" * 4
            parts = split_for_engine(sentence, pieces, 16)
            assert "".join(parts) == sentence
            assert any(figure in part for part in parts), (figure, lead, parts)
