from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from workbench.segment import fold_space, normalise_space, split_sentences


def test_splits_after_chinese_full_stop_and_keeps_numbers_and_tickers_whole() -> None:
    text = (
        "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。"
        "當時估值1,390億港元的商湯最終籌集了57.8億港元。奇富科技(QFIN.US;3660.HK)股價報3.08元!"
    )
    assert split_sentences(text) == [
        "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一,在人臉識別領域享有盛名。",
        "當時估值1,390億港元的商湯最終籌集了57.8億港元。",
        "奇富科技(QFIN.US;3660.HK)股價報3.08元!",
    ]


def test_closing_quote_stays_with_the_sentence_it_closes() -> None:
    text = "他說:「通過這次重組,我們將把集團升級。」投資者似乎不太感興趣。"
    assert split_sentences(text) == ["他說:「通過這次重組,我們將把集團升級。」", "投資者似乎不太感興趣。"]


def test_terminator_inside_a_quotation_does_not_split() -> None:
    assert split_sentences("他說:「第一。第二。」完畢。") == ["他說:「第一。第二。」", "完畢。"]


def test_question_exclamation_runs_and_ellipsis() -> None:
    assert split_sentences("真的嗎？！是的……然後呢?好") == ["真的嗎？！", "是的……", "然後呢?", "好"]


def test_semicolon_does_not_split() -> None:
    text = "其中70%用於研發投入;餘額撥作補充營運資金。"
    assert split_sentences(text) == [text]


def test_english_phrases_and_dates_stay_whole() -> None:
    text = "華興資本去年亦宣布計劃投資Web 3.0,即建立於區塊鏈上的網絡。公司於2024年12月5日上市。"
    assert split_sentences(text) == [
        "華興資本去年亦宣布計劃投資Web 3.0,即建立於區塊鏈上的網絡。",
        "公司於2024年12月5日上市。",
    ]


def test_latin_names_with_an_exclamation_or_question_mark_never_end_a_sentence() -> None:
    assert split_sentences("Yahoo!公司今日公布業績。股價上升。") == ["Yahoo!公司今日公布業績。", "股價上升。"]
    assert split_sentences("電視節目Jeopardy!的收視上升。") == ["電視節目Jeopardy!的收視上升。"]
    assert split_sentences("雅虎(Yahoo!)與Ask Jeeves? 網站合作。") == ["雅虎(Yahoo!)與Ask Jeeves? 網站合作。"]
    # After Chinese text or a figure the ASCII marks end a sentence as the full-width ones do.
    ends = split_sentences("股價報3.08元!公司表示。真的?是的。")
    assert ends == ["股價報3.08元!", "公司表示。", "真的?", "是的。"]


def test_unbalanced_quote_does_not_swallow_the_paragraph() -> None:
    assert split_sentences("他說:「第一。第二。第三。") == ["他說:「第一。", "第二。", "第三。"]


def test_spaces_at_the_edges_and_runs_of_spaces_are_normalised() -> None:
    assert split_sentences("\u00a0 股價上升。\u3000 公司表示。 ") == ["股價上升。", "公司表示。"]
    assert normalise_space("a\u00a0\u00a0b \tc\u200bd\u3000") == "a b c d"


def test_a_space_the_page_chose_is_kept_as_the_page_has_it() -> None:
    # A CAT tool segmenting the page sees the no-break space; the sentence must be the page's text.
    title = "簡訊:上市月餘股價勁挫\u00a0遇見小麵急回購挺股價"
    assert split_sentences(title) == [title]
    assert normalise_space("公司\u3000公告") == "公司\u3000公告"
    assert fold_space(title) == "簡訊:上市月餘股價勁挫 遇見小麵急回購挺股價"


ALPHABET = st.sampled_from(
    list("商湯股價上升公司表示港元億萬0123456789.,;:%()AIGenHK ")
    + list("。！？!?…「」『』“”（）《》\u00a0\u3000\n")
)


@given(st.text(alphabet=ALPHABET, max_size=120))
def test_sentences_join_back_to_the_paragraph(paragraph: str) -> None:
    sentences = split_sentences(paragraph)
    assert all(s and s == s.strip() for s in sentences)
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", normalise_space(paragraph))


@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("公司股價上升AI0123456789.,")), min_size=1, max_size=20),
        min_size=1,
        max_size=6,
    )
)
def test_each_terminated_clause_is_one_sentence(clauses: list[str]) -> None:
    paragraph = "".join(f"{c}。" for c in clauses)
    assert split_sentences(paragraph) == [f"{c.strip()}。" if c.strip() else "。" for c in clauses]
