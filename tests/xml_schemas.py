"""Validation of exchange files against the published schemas shipped in ``tests/schemas``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"


class _LocalCopies(etree.Resolver):
    """Serve the schemas' imports from the shipped copies: tests never reach the network."""

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        name = system_url.rsplit("/", 1)[-1]
        if (SCHEMAS / name).is_file():
            return self.resolve_filename(str(SCHEMAS / name), context)
        return None


@cache
def _xliff_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalCopies())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_core_2.0.xsd"), parser))


@cache
def _xliff12_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalCopies())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


@cache
def _tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx14.dtd"))


def validate_xliff(data: bytes) -> list[str]:
    """The OASIS XLIFF 2.0 core schema's complaints about ``data``; empty when it is valid."""
    schema = _xliff_schema()
    schema.validate(etree.fromstring(data))
    return [str(error) for error in schema.error_log]


def validate_xliff12(data: bytes) -> list[str]:
    """The OASIS XLIFF 1.2 strict schema's complaints about ``data``; empty when it is valid."""
    schema = _xliff12_schema()
    schema.validate(etree.fromstring(data))
    return [str(error) for error in schema.error_log]


def validate_tmx(data: bytes) -> list[str]:
    """The TMX 1.4 DTD's complaints about ``data``; empty when it is valid."""
    dtd = _tmx_dtd()
    dtd.validate(etree.fromstring(data))
    return [str(error) for error in dtd.error_log]


# The TBX-Basic dialect's rules are an XPath 2 schematron (queryBinding xslt2); lxml runs schematron with
# XSLT 1. Its only XPath 2 spellings are rewritten to their XPath 1 equivalents, nothing else is changed.
_XPATH2_TO_1 = (
    ('queryBinding="xslt2"', 'queryBinding="xslt"'),
    ("./local-name()", "local-name(.)"),
    ("matches(@target,'https?://.+')", "(starts-with(@target,'http://') or starts-with(@target,'https://'))"),
)


@cache
def _tbx_core() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXcoreStructV03.rng")))


@cache
def _tbx_basic_rules() -> etree._XSLTResultTree:
    from lxml import isoschematron

    text = (SCHEMAS / "TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")
    for xpath2, xpath1 in _XPATH2_TO_1:
        assert xpath2 in text, f"the TBX-Basic schematron changed: {xpath2} is gone"
        text = text.replace(xpath2, xpath1)
    return isoschematron.Schematron(etree.fromstring(text.encode("utf-8")))


def validate_tbx_basic(data: bytes) -> list[str]:
    """TBX core structure (RELAX NG) and TBX-Basic dialect (schematron) complaints; empty when valid."""
    document = etree.fromstring(data)
    core, rules = _tbx_core(), _tbx_basic_rules()
    core.validate(document)
    rules.validate(document)
    return [str(error) for error in core.error_log] + [error.message for error in rules.error_log]
