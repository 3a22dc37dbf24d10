"""The reference set of real Hong Kong market copy (tests/data/market_copy) keeps the shape the checks and
the name hints are measured on: every field there, one sentence per line as the workbench splits it,
Traditional Chinese, figures and company names that are really in the sentence and in its English, and
company codes that the exchange's own list knows."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from workbench.segment import normalise_space, split_sentences
from workbench.simplified import to_simplified

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "market_copy" / "reference.jsonl"
EXCHANGE_LIST = DATA / "hkex" / "hyperlinks_to_listed_companies.json"

FIELDS: dict[str, type] = {
    "id": str,
    "outlet": str,
    "source": str,
    "date": str,
    "kind": str,
    "zh": str,
    "converted": bool,
    "en": str,
    "companies": list,
    "figures": list,
}
KINDS = {"quote", "index", "turnover", "results", "ipo", "placing", "buyback", "dividend", "other"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CODE = re.compile(r"\d{4,5}\.HK")


@lru_cache(maxsize=1)
def listed_codes() -> frozenset[int]:
    return frozenset(int(row["symbol"]) for row in json.loads(EXCHANGE_LIST.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _to_traditional() -> Any:
    import opencc

    return opencc.OpenCC("s2hk.json")


def is_traditional(text: str) -> bool:
    """OpenCC hk2s changes it, or it holds no character either script writes differently."""
    if to_simplified(text) != text:
        return True
    return str(_to_traditional().convert(text)) == text


def _pair_problems(where: str, label: str, keys: set[str], entry: Any, zh: str, en: str) -> list[str]:
    """A company or figure must have exactly ``keys``, its Chinese in ``zh`` and its English in ``en``."""
    if not isinstance(entry, dict) or set(entry) != keys:
        return [f"{where}: {label} {entry!r} must have exactly {', '.join(sorted(keys))}"]
    problems = []
    if entry["zh"] not in zh:
        problems.append(f"{where}: {label} {entry['zh']!r} is not in zh")
    if entry["en"] not in en:
        problems.append(f"{where}: {label} English {entry['en']!r} is not in en")
    return problems


def line_problems(number: int, line: str, listed: frozenset[int]) -> list[str]:
    """What is wrong with one line of the file, each as 'line N: ...'."""
    where = f"line {number}"
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return [f"{where}: not JSON ({error.msg})"]
    if not isinstance(item, dict):
        return [f"{where}: not a JSON object"]
    problems = [
        f"{where}: field {name!r} missing or not {kind.__name__}"
        for name, kind in FIELDS.items()
        if not isinstance(item.get(name), kind)
    ]
    if problems:
        return problems
    zh, en = item["zh"], item["en"]
    if not zh.strip() or not en.strip():
        problems.append(f"{where}: empty zh or en")
    if item["kind"] not in KINDS:
        problems.append(f"{where}: kind {item['kind']!r} is not one of {sorted(KINDS)}")
    if item["date"] and not DATE.fullmatch(item["date"]):
        problems.append(f"{where}: date {item['date']!r} is not YYYY-MM-DD")
    if split_sentences(zh) != [normalise_space(zh)]:
        problems.append(f"{where}: zh is not one sentence as the workbench splits it")
    if not is_traditional(zh):
        problems.append(f"{where}: zh is not Traditional Chinese")
    for label, keys, entries in (
        ("company", {"zh", "code", "en"}, item["companies"]),
        ("figure", {"zh", "en"}, item["figures"]),
    ):
        for entry in entries:
            problems += _pair_problems(where, label, keys, entry, zh, en)
            code = entry.get("code") if isinstance(entry, dict) else None
            if code and (not CODE.fullmatch(code) or int(code[:-3]) not in listed):
                problems.append(f"{where}: company code {code!r} is not on the exchange's list")
    return problems


def file_problems(lines: list[str], listed: frozenset[int]) -> list[str]:
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        problems += line_problems(number, line, listed)
        try:
            ident = json.loads(line).get("id")
        except (json.JSONDecodeError, AttributeError):
            continue
        if ident in seen:
            problems.append(f"line {number}: id {ident!r} already used on line {seen[ident]}")
        seen[ident] = number
    return problems


def reference_lines() -> list[str]:
    return REFERENCE.read_text(encoding="utf-8").splitlines()


def test_the_reference_set_is_well_formed() -> None:
    assert file_problems(reference_lines(), listed_codes()) == []


def test_the_reference_set_is_large_and_from_several_outlets() -> None:
    items = [json.loads(line) for line in reference_lines()]
    assert len(items) >= 150
    outlets = {item["outlet"] for item in items if not item["converted"]}
    assert len(outlets) >= 3
    assert sum(item["converted"] for item in items) * 2 < len(items)
    assert {item["kind"] for item in items} == KINDS
    assert sum(not item["figures"] for item in items) >= 5  # sentences with no figure at all


def _good_line() -> dict[str, Any]:
    return json.loads(reference_lines()[0])


def _company(zh: str, code: str) -> list[dict[str, str]]:
    return [{"zh": zh, "code": code, "en": "Hang Seng"}]


def _with(**changes: Any) -> str:
    item = _good_line()
    for key, value in changes.items():
        if value is None:
            del item[key]
        else:
            item[key] = value
    return json.dumps(item, ensure_ascii=False)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (_with(en=None), "field 'en' missing"),
        (_with(converted="no"), "field 'converted' missing or not bool"),
        (_with(kind="rumour"), "kind 'rumour'"),
        (_with(date="17/04/2025"), "not YYYY-MM-DD"),
        (_with(zh="恒生指数较早时报21397点，升340点，升幅1.62%。"), "not Traditional"),
        (_with(zh="恒生指數較早時報21397點。升340點。"), "not one sentence"),
        (_with(companies=_company("恒生指數", "9999999.HK")), "not on the exchange's list"),
        (_with(companies=_company("恒生指數", "0823.HK")), "not on the exchange's list"),
        (_with(companies=_company("騰訊", "0700.HK")), "company '騰訊' is not in zh"),
        (_with(figures=[{"zh": "21397點", "en": "21,398"}]), "figure English '21,398' is not in en"),
        (_with(figures=[{"zh": "577元", "en": "21,397"}]), "figure '577元' is not in zh"),
    ],
)
def test_a_malformed_line_is_reported(line: str, expected: str) -> None:
    problems = file_problems([line], listed_codes())
    assert any(expected in problem for problem in problems), problems


def test_a_repeated_id_is_reported() -> None:
    line = reference_lines()[0]
    assert file_problems([line, line], listed_codes()) == ["line 2: id 'rthk-001' already used on line 1"]
