"""Loading, matching and checking the glossary."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from workbench.errors import GlossaryError
from workbench.glossary import Glossary, check_glossary, load_glossary, parse_text
from workbench.model import GlossaryEntry, Severity

ROOT = Path(__file__).resolve().parents[1]
HEADER = "traditional,simplified,english,aliases,tickers,type,forbidden,notes"


def write(tmp_path: Path, data: bytes | str, name: str = "glossary.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def entry(traditional: str, english: str = "X", **kw: object) -> GlossaryEntry:
    from workbench.simplified import to_simplified

    kw.setdefault("simplified", to_simplified(traditional))
    return GlossaryEntry(traditional=traditional, english=english, **kw)  # type: ignore[arg-type]


# -- the committed glossary ----------------------------------------------------------------------------


def test_committed_glossary_covers_the_seed_and_passes_check() -> None:
    g = load_glossary(ROOT / "glossary.csv")
    assert len(g) >= 30
    problems = check_glossary(g)
    assert [p for p in problems if p.severity == Severity.ERROR] == []
    sensetime = g.by_ticker("00020")
    assert sensetime is not None and sensetime.english == "SenseTime"
    assert "Shang Tang" in sensetime.forbidden
    assert g.by_ticker("3660.HK") is g.by_ticker("QFIN.US")
    assert g.by_ticker("601995.SH") is g.by_name("中金公司")
    for name in (
        "徐立",
        "湯曉鷗",
        "香港交易所",
        "咏竹坊",
        "中國互聯網絡信息中心",
        "一汽",
        "鼎一投資",
        "牛津大學",
    ):
        assert g.by_name(name) is not None, name


def test_committed_glossary_finds_every_company_of_the_seed() -> None:
    g = load_glossary(ROOT / "glossary.csv")
    seed = (ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt").read_text(encoding="utf-8")
    found = {hit.entry.english for hit in g.match(seed)}
    for english in (
        "SenseTime",
        "Yujian Xiaomian",
        "Leapmotor",
        "China Renaissance Holdings",
        "Qifu Technology",
        "CICC",
        "Mao Geping Cosmetics",
        "HKEX",
        "OpenAI",
        "Fuzhou Qifu Financing Guarantee",
        "Wallaby Medical Holding",
        "Tang Xiao'ou",
        "Bamboo Works",
    ):
        assert english in found, english


# -- loading -------------------------------------------------------------------------------------------


def test_excel_style_file_loads(tmp_path: Path) -> None:
    text = (
        f"{HEADER}\r\n"
        "商湯集團股份有限公司,商汤集团股份有限公司,SenseTime,商湯;SenseTime Group,00020,company,Shang Tang,"
        '"AI company, Hong Kong"\r\n'
        "奇富科技,奇富科技,Qifu Technology,Qfin,QFIN.US；3660,company,,\r\n"
        ",,,,,,,\r\n"
        "\r\n\r\n"
    )
    g = load_glossary(write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert [e.traditional for e in g.entries] == ["商湯集團股份有限公司", "奇富科技"]
    first, second = g.entries
    assert first.notes == "AI company, Hong Kong"
    assert first.tickers == ("0020.HK",)
    assert first.aliases == ("商湯", "SenseTime Group")
    assert second.tickers == ("QFIN.US", "3660.HK")
    assert (first.row, second.row) == (2, 3)


@pytest.mark.parametrize(
    ("data", "row", "hint"),
    [
        (f"{HEADER}\n商湯,商汤,SenseTime,,,company,,\n奇富,,Qifu,,,company\n".encode(), 3, "fields"),
        (
            f"{HEADER}\n商湯,商汤,SenseTime,,,company,,\n".encode() + "奇富".encode("big5") + b",,Q,,,,,\n",
            3,
            "UTF-8",
        ),
        (f'{HEADER}\n商湯,商汤,SenseTime,,,company,,"open\n'.encode(), 2, "quote"),
        (f"{HEADER}\n商湯,商汤,SenseTime,,,company,,\n,奇富,Qifu,,,company,,\n".encode(), 3, "traditional"),
        (f'{HEADER}\n商湯,商汤,SenseTime,,,company,,"two\nlines"\n'.encode(), 2, "one line"),
        (b"traditional,simplified,english,alias\n", 1, "alias"),
        (b"simplified,english\n", 1, "traditional"),
        (b"", 0, "empty"),
    ],
)
def test_bad_files_name_the_row(tmp_path: Path, data: bytes, row: int, hint: str) -> None:
    with pytest.raises(GlossaryError) as err:
        load_glossary(write(tmp_path, data))
    message = str(err.value)
    assert "\n" not in message
    assert hint in message
    if row:
        assert f"row {row}" in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossary(tmp_path / "nope.csv")
    with pytest.raises(GlossaryError, match="folder"):
        load_glossary(tmp_path)


# -- matching ------------------------------------------------------------------------------------------


def seed_glossary() -> Glossary:
    return load_glossary(ROOT / "glossary.csv")


def test_longest_entry_wins_at_each_position() -> None:
    g = Glossary.from_entries(
        [
            entry("商湯", "SenseTime short", row=2),
            entry("商湯集團股份有限公司", "SenseTime", aliases=("商湯集團",), row=3),
        ]
    )
    text = "商湯集團股份有限公司(0020.HK)表示,商湯集團與商湯都在香港。"
    hits = g.match(text)
    assert [(h.text, h.entry.english) for h in hits] == [
        ("商湯集團股份有限公司", "SenseTime"),
        ("商湯集團", "SenseTime"),
        ("商湯", "SenseTime short"),
    ]
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text


def test_matches_simplified_names_and_aliases_but_latin_only_as_words() -> None:
    g = seed_glossary()
    hits = g.match("商汤集团股份有限公司和商汤都提到OpenAI,但OpenAIX不是。")
    assert [h.text for h in hits] == ["商汤集团股份有限公司", "商汤", "OpenAI"]
    assert {h.entry.english for h in hits} == {"SenseTime", "OpenAI"}


def test_hits_do_not_overlap_and_run_left_to_right() -> None:
    g = seed_glossary()
    seed = (ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt").read_text(encoding="utf-8")
    hits = g.match(seed)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))
    assert "華興資本控股有限公司" in {h.text for h in hits}


def test_matching_agrees_with_a_naive_scan_on_a_large_glossary() -> None:
    rng = random.Random(7)
    pool = "華興資本控股商湯集團科技零跑汽車奇富金融中國香港投資銀行有限公司"
    names = {"".join(rng.choice(pool) for _ in range(rng.randint(2, 6))) for _ in range(600)}
    entries = [entry(name, f"E{i}", row=i + 2) for i, name in enumerate(sorted(names))]
    g = Glossary.from_entries(entries)
    compared = 0
    for _ in range(30):
        text = "".join(rng.choice(pool + "的了,。") for _ in range(60))
        expected = []
        position = 0
        while position < len(text):
            best = max(
                (e for e in entries if text.startswith(e.traditional, position)),
                key=lambda e: len(e.traditional),
                default=None,
            )
            if best is None:
                position += 1
                continue
            expected.append((position, best.traditional))
            position += len(best.traditional)
        assert [(h.start, h.entry.traditional) for h in g.match(text)] == expected
        compared += len(expected)
    assert compared > 30, "the random texts must contain names for the comparison to mean anything"


def test_english_forms_and_lookups() -> None:
    g = seed_glossary()
    qifu = g.by_name("奇富科技")
    assert qifu is not None
    assert g.english_forms(qifu)[0] == "Qifu Technology"
    assert "Qfin" in g.english_forms(qifu)
    assert not any("數" in form for form in g.english_forms(qifu))
    assert g.by_ticker("HK:1911") is g.by_name("華興資本")
    assert g.by_ticker("9999.HK") is None
    assert g.match("") == ()
    assert Glossary.from_entries([]).match("商湯") == ()


# -- check ---------------------------------------------------------------------------------------------


def problems_of(text: str) -> dict[str, list[tuple[int, Severity]]]:
    found: dict[str, list[tuple[int, Severity]]] = {}
    for p in check_glossary(parse_text(text)):
        found.setdefault(p.check, []).append((p.row, p.severity))
    return found


def test_clean_rows_pass() -> None:
    assert (
        problems_of(f"{HEADER}\n商湯集團股份有限公司,商汤集团股份有限公司,SenseTime,商湯,0020.HK,company,,\n")
        == {}
    )


@pytest.mark.parametrize(
    ("rows", "check", "row", "severity"),
    [
        (
            ["商湯,商汤,SenseTime,,,company,,", "商湯,商汤,Sense Time,,,company,,"],
            "duplicate-name",
            3,
            Severity.ERROR,
        ),
        (
            ["商湯,商汤,SenseTime,,,company,,", "商湯科技,商汤科技,SenseTime,商湯,,company,,"],
            "duplicate-name",
            3,
            Severity.ERROR,
        ),
        (
            ["商湯,商汤,SenseTime,,0020.HK,company,,", "華興,华兴,CR,,20,company,,"],
            "duplicate-ticker",
            3,
            Severity.ERROR,
        ),
        (["商湯,商汤,SenseTime,,123456,company,,"], "bad-ticker", 2, Severity.ERROR),
        (["商湯,商汤,SenseTime,,QFIN,company,,"], "bad-ticker", 2, Severity.ERROR),
        (["商湯,商汤,SenseTime,,60199.SH,company,,"], "bad-ticker", 2, Severity.ERROR),
        (["商湯,商汤,,,,company,,"], "missing-english", 2, Severity.ERROR),
        (["商湯,商汤,SenseTime,,,firm,,"], "unknown-type", 2, Severity.ERROR),
        (["商湯,商汤,SenseTime,,,company,SenseTime,"], "forbidden-is-allowed", 2, Severity.ERROR),
        (["衞生集團,衞生集团,Health,,,company,,"], "simplified-differs", 2, Severity.WARNING),
        (["衞生集團,,Health,,,company,,"], "simplified-differs", 2, Severity.WARNING),
        (
            ["奇富科技,奇富科技,Qifu,奇富,,company,,", "福州奇富融資擔保,福州奇富融资担保,F,,,company,,"],
            "ambiguous-alias",
            2,
            Severity.WARNING,
        ),
    ],
)
def test_each_problem_is_caught(rows: list[str], check: str, row: int, severity: Severity) -> None:
    found = problems_of("\n".join([HEADER, *rows]) + "\n")
    assert (row, severity) in found.get(check, []), found


def test_an_alias_inside_a_name_the_glossary_also_has_short_is_no_warning() -> None:
    rows = [
        "太古股份有限公司,太古股份有限公司,Swire Pacific,太古,0019.HK,company,,",
        "太古地產有限公司,太古地产有限公司,Swire Properties,太古地產,1972.HK,company,,",
        "奇富科技,奇富科技,Qifu,奇富,,company,,",
        "福州奇富融資擔保,福州奇富融资担保,F,奇富融資,,company,,",
    ]
    # 太古地產 and 奇富融資 are read as their own companies (the longest name wins); 太古 alone is Swire
    # Pacific, as the press writes it.
    assert "ambiguous-alias" not in problems_of("\n".join([HEADER, *rows]) + "\n")


def test_an_alias_inside_a_name_with_no_short_form_names_the_row_to_give_one() -> None:
    rows = [
        "新鴻基地產發展有限公司,新鸿基地产发展有限公司,Sun Hung Kai Properties,新地;新鴻基,0016.HK,company,,",
        "新鴻基有限公司,新鸿基有限公司,Sun Hung Kai & Co.,,0086.HK,company,,",
        "新鴻基金融,新鸿基金融,SHK Finance,新鴻基,,company,,",
    ]
    found = check_glossary(parse_text("\n".join([HEADER, *rows]) + "\n"))
    ambiguous = [(p.row, p.message) for p in found if p.check == "ambiguous-alias"]
    # Both rows that hold 新鴻基 hear of 新鴻基有限公司; that they share it is shared-alias's to say.
    assert [row for row, _ in ambiguous] == [2, 4]
    assert all("part of 新鴻基有限公司, a name of 新鴻基有限公司 (row 3)" in m for _, m in ambiguous)
    assert all("give row 3 the name the press writes" in m for _, m in ambiguous)
    assert [p.row for p in found if p.check == "shared-alias"] == [4]


def test_errors_sort_before_warnings_and_messages_are_one_line() -> None:
    text = "\n".join([HEADER, "衞生集團,衞生集团,Health,,,company,,", "華興,华兴,,,,company,,"]) + "\n"
    problems = check_glossary(parse_text(text))
    assert [p.severity for p in problems] == [Severity.ERROR, Severity.WARNING]
    assert all("\n" not in p.message and p.message for p in problems)
