"""``glossary suggest`` from articles and from reviewed PO files."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from workbench.glossary import Glossary, load_glossary, parse_text, suggest, suggest_from_paths
from workbench.glossary.suggest import Reviewed, names_with_suffixes, names_with_tickers, short_forms

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"


def without(english: str) -> Glossary:
    g = load_glossary(ROOT / "glossary.csv")
    kept = [e for e in g.entries if e.english != english]
    assert len(kept) == len(g) - 1
    return Glossary.from_entries(kept)


def test_seed_without_china_renaissance_proposes_it_with_its_ticker() -> None:
    suggestions = suggest_from_paths(without("China Renaissance Holdings"), [SEED])
    by_name = {s.traditional: s for s in suggestions}
    cr = by_name["華興資本控股有限公司"]
    assert cr.tickers == ("1911.HK",)
    assert cr.simplified == "华兴资本控股有限公司"
    assert cr.reason == "ticker"
    forms = dict(cr.short_forms)
    assert forms["華興資本"] >= 15  # the short form the feature uses throughout
    assert "華興資本" not in by_name, "the short form belongs under the full name"
    row = cr.as_entry()
    assert row.aliases == ("華興資本",) and row.tickers == ("1911.HK",)


def test_seed_with_the_full_glossary_has_no_company_missing() -> None:
    suggestions = suggest_from_paths(load_glossary(ROOT / "glossary.csv"), [SEED])
    assert [s.traditional for s in suggestions if s.reason == "ticker"] == []


def test_bare_codes_in_brackets_become_hk_tickers() -> None:
    text = (
        "珠寶零售商周大福(01929)周二公布業績,周大福股價上升。"
        "另一家內地銀行招商銀行(3968.HK;600036.SH)亦公布。"
    )
    suggestions = suggest(Glossary.from_entries([]), [("page.txt", text)])
    by_name = {s.traditional: s for s in suggestions}
    assert by_name["周大福"].tickers == ("1929.HK",)
    assert by_name["周大福"].count == 2
    assert by_name["招商銀行"].tickers == ("3968.HK", "600036.SH")
    assert all(not name.startswith(("珠寶", "另一家")) for name in by_name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("面館連鎖運營商廣州遇見小麵餐飲股份有限公司(2408.HK)周二宣布", "廣州遇見小麵餐飲股份有限公司"),
        ("電動車製造商浙江零跑科技股份有限公司(9863.HK)周二宣布", "浙江零跑科技股份有限公司"),
        ("約4,400萬美元),向奇富科技(QFIN.US;3660.HK)旗下", "奇富科技"),
        ("水平相近,與中金公司(3908.HK;601995.SH)在港上市", "中金公司"),
        ("同期上市的文化旅遊企業印象大紅袍(2695.HK)亦下跌", "印象大紅袍"),
    ],
)
def test_descriptions_before_the_name_are_trimmed(text: str, expected: str) -> None:
    assert [name for name, _, _ in names_with_tickers(text)] == [expected]


def test_brackets_that_are_not_tickers_are_ignored() -> None:
    assert names_with_tickers("純人工智能(AI)公司,市銷率(P/S)約為2.2倍,奇富科技(Qfin)") == []


def test_suffix_names_skip_descriptions() -> None:
    text = "表達對集團長期前景的信心,負責接收國有銀行的不良貸款,金融科技放貸機構,富途控股股價上升。"
    assert [name for name, _ in names_with_suffixes(text)] == ["富途控股"]


def test_short_forms_drop_legal_form_place_and_trade() -> None:
    assert short_forms("廣州遇見小麵餐飲股份有限公司")[:3] == ["廣州遇見小麵餐飲", "遇見小麵餐飲", "遇見小麵"]
    assert "零跑汽車" in short_forms("浙江零跑科技股份有限公司")


def test_a_model_proposes_english_for_names_without_evidence() -> None:
    calls: list[list[str]] = []

    def translate(names: list[str]) -> list[str]:
        calls.append(names)
        return [f"EN:{n}" for n in names]

    suggestions = suggest_from_paths(without("China Renaissance Holdings"), [SEED], translate=translate)
    cr = next(s for s in suggestions if s.traditional == "華興資本控股有限公司")
    assert (cr.english, cr.english_from) == ("EN:華興資本控股有限公司", "model")
    assert len(calls) == 1, "names are translated in one batch"


def test_a_known_ticker_under_a_new_name_is_an_alias() -> None:
    g = load_glossary(ROOT / "glossary.csv")
    (s,) = suggest(g, [("p.txt", "人工智能企業商湯智能(0020.HK)股價上升。")])
    assert s.traditional == "商湯智能"
    assert s.alias_of is not None and s.alias_of.english == "SenseTime"


# -- reviewed PO files ----------------------------------------------------------------------------------


def write_po(path: Path, entries: list[tuple[str, str, bool]]) -> Path:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for index, (msgid, msgstr, fuzzy) in enumerate(entries, start=1):
        po.append(
            polib.POEntry(
                msgctxt=f"a:p1.s{index}", msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def test_reviewed_english_is_used_for_a_suggested_name(tmp_path: Path) -> None:
    write_po(
        tmp_path / "translations" / "cr" / "en.po",
        [
            (
                "在不良債務規模擴大的背景下,華興資本控股有限公司(1911.HK)亦加入這股浪潮。",
                "As bad debts pile up, China Renaissance Holdings (1911.HK) is joining the trend.",
                False,
            ),
            ("華興資本控股有限公司(1911.HK)股價上升。", "Huaxing Capital (1911.HK) shares rose.", True),
        ],
    )
    suggestions = suggest_from_paths(
        without("China Renaissance Holdings"),
        [SEED, tmp_path / "translations"],
        translate=lambda n: ["MT"] * len(n),
    )
    cr = next(s for s in suggestions if s.traditional == "華興資本控股有限公司")
    assert (cr.english, cr.english_from) == ("China Renaissance Holdings", "reviewed")


def test_a_consistent_reviewer_rendering_of_an_unknown_name_is_suggested(tmp_path: Path) -> None:
    glossary = parse_text("traditional,simplified,english\n商湯,商汤,SenseTime\n")
    reviewed = [
        Reviewed(
            "富途控股周二公布業績,商湯亦然。", "Futu Holdings reported results on Tuesday, as did SenseTime."
        ),
        Reviewed("分析師看好富途控股。", "Analysts like Futu Holdings."),
        Reviewed("雲鋒科技股價上升。", "Yunfeng Tech shares rose."),
        Reviewed("雲鋒科技公布業績。", "Yunfeng Technology posted results."),
    ]
    suggestions = suggest(glossary, [], reviewed)
    by_name = {s.traditional: s for s in suggestions}
    assert by_name["富途控股"].english == "Futu Holdings"
    assert by_name["富途控股"].reason == "reviewed"
    assert "雲鋒科技" not in by_name, "reviewers disagree, so there is nothing consistent to propose"


def test_fuzzy_and_other_language_po_entries_are_not_evidence(tmp_path: Path) -> None:
    write_po(
        tmp_path / "en.po",
        [
            ("富途控股周二公布業績。", "Futu Holdings reported.", True),
            ("富途控股上升。", "Futu Holdings rose.", True),
        ],
    )
    assert suggest_from_paths(Glossary.from_entries([]), [tmp_path / "en.po"]) == []
