from __future__ import annotations

from workbench.model import GlossaryEntry, TermHit
from workbench.simplified import to_simplified


def test_hong_kong_variants_convert_where_plain_t2s_would_not() -> None:
    assert to_simplified("衞生署敍述裏面的情況") == "卫生署叙述里面的情况"


def test_the_zhu_particle_becomes_zhe_but_words_with_zhu_keep_it() -> None:
    text = "隨著虧損持續,標誌著商湯意味著改變;著名的顯著成就、著作與土著。"
    assert to_simplified(text) == "随着亏损持续,标志着商汤意味着改变;著名的显著成就、著作与土著。"


def test_glossary_names_take_the_glossary_simplified_form() -> None:
    entry = GlossaryEntry(traditional="華興資本", simplified="华兴资本（官方）", english="China Renaissance")
    text = "華興資本表示"
    hit = TermHit(entry=entry, start=0, end=4, text="華興資本")
    assert to_simplified(text, [hit]) == "华兴资本（官方）表示"
    alias = TermHit(entry=entry, start=0, end=2, text="華興")
    assert to_simplified("華興表示", [alias]) == "华兴表示"
