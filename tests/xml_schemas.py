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
def _tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx14.dtd"))


def validate_xliff(data: bytes) -> list[str]:
    """The OASIS XLIFF 2.0 core schema's complaints about ``data``; empty when it is valid."""
    schema = _xliff_schema()
    schema.validate(etree.fromstring(data))
    return [str(error) for error in schema.error_log]


def validate_tmx(data: bytes) -> list[str]:
    """The TMX 1.4 DTD's complaints about ``data``; empty when it is valid."""
    dtd = _tmx_dtd()
    dtd.validate(etree.fromstring(data))
    return [str(error) for error in dtd.error_log]
