"""TBX exports: TBX-Basic as published now (TBX v3), and the 2008 form the older tools read."""

from __future__ import annotations

import pytest
from translate.storage import tbx

from conftest import GLOSSARY
from workbench.errors import InputError
from workbench.glossary import Glossary, load_glossary
from workbench.glossary.export import export_glossary
from xml_schemas import validate_tbx_basic

EMPTY = Glossary.from_entries(())


def test_the_glossary_is_valid_tbx_basic() -> None:
    data = export_glossary(load_glossary(GLOSSARY), "tbx").encode("utf-8")
    assert validate_tbx_basic(data) == []
    text = data.decode("utf-8")
    assert '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">' in text
    assert '<langSec xml:lang="zh-Hant-HK">' in text and '<langSec xml:lang="zh-Hans">' in text
    assert "<term>商湯集團股份有限公司</term>" in text and "<term>SenseTime</term>" in text


def test_an_empty_glossary_is_a_valid_termbase_without_entries() -> None:
    data = export_glossary(EMPTY, "tbx").encode("utf-8")
    assert validate_tbx_basic(data) == []
    assert b"conceptEntry" not in data


def test_the_checks_catch_what_tbx_basic_forbids() -> None:
    data = export_glossary(load_glossary(GLOSSARY), "tbx").encode("utf-8")
    # A part of speech TBX-Basic does not list, and an entry where the core structure wants none.
    assert any("partOfSpeech" in e for e in validate_tbx_basic(data.replace(b">noun<", b">properNoun<", 1)))
    misplaced = data.replace(b"<body>", b"<body><note>stray</note>", 1)
    assert validate_tbx_basic(misplaced) != []


def test_forbidden_renderings_are_deprecated_english_terms() -> None:
    text = export_glossary(load_glossary(GLOSSARY), "tbx")
    forbidden = next(e.forbidden[0] for e in load_glossary(GLOSSARY).entries if e.forbidden)
    at = text.index(f"<term>{forbidden}</term>")
    assert "deprecatedTerm-admn-sts" in text[at : text.index("</termSec>", at)]


def test_the_2008_form_has_english_second_and_forbidden_renderings_as_notes_not_terms() -> None:
    text = export_glossary(load_glossary(GLOSSARY), "tbx-2008")
    assert '<martif type="TBX-Basic" xml:lang="en">' in text
    store = tbx.tbxfile.parsestring(text.encode("utf-8"))  # type: ignore[no-untyped-call]
    units = [u for u in store.units if u.source]
    assert (units[0].source, units[0].target) == ("商湯集團股份有限公司", "SenseTime")
    assert 'xml:lang="zh-Hant-HK"' in text and 'xml:lang="zh-Hans"' in text
    assert "deprecatedTerm-admn-sts" not in text and "<term>Shang Tang</term>" not in text
    assert "<note>forbidden: Shang Tang, Shangtang</note>" in text


def test_the_2008_form_of_an_empty_glossary_is_refused_with_the_way_out() -> None:
    with pytest.raises(InputError, match="--format tbx"):
        export_glossary(EMPTY, "tbx-2008")
