"""What an article's earlier sentences say about the currency of a plain 元, as an editor reads them.

A sentence is read within its article. "派末期息每股1.419元" names no company, but the sentence before
it gave 中銀香港's results, so the dividend is BOC Hong Kong's, in its reporting currency; "純利131.1億元"
follows "收入錄2,394.77億元人民幣(下同)", so it is yuan. ``ArticleContext`` is what one pass over an article's
sentences, title first, has gathered by the time it reaches a sentence:

- ``declared``: a currency the article declared for the figures after it (人民幣(下同), 港元，下同);
- ``subject``: the company named last, whom a sentence naming none is about;
- ``stated``: the companies whose results an earlier sentence gave in a currency it named
  (收入1,928.7億元人民幣), which is the currency they report in.

The reader of amounts (``zh_quantities``) uses it only where the sentence alone leaves a plain 元 undecided; a
sentence that says its currency, or quotes a price or the market's turnover, is read as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.facts.numerals import fold
from workbench.model import Fact, FactKind, TermHit

# A currency the rest of the article keeps: 人民幣(下同), （下同）, ，下同.
_DECLARED = re.compile(
    r"(?P<currency>人民幣|人民币|RMB|人幣|港元|港幣|港币|HK\$|美元|US\$)[^，。；,;()（）]{0,4}?[(（,，]\s*下同"
)
_NAMED_CURRENCY = (
    (re.compile(r"人民幣|人民币|RMB|人幣|人币"), "CNY"),
    (re.compile(r"港元|港幣|港币|HK\$"), "HKD"),
    (re.compile(r"美元|美金|US\$"), "USD"),
)
# A code's company, named by the words before it in its clause when the glossary does not know the code.
_CLAUSE_BREAK = re.compile(r"[，。；,;：:、！？!?「」()\s]")
_NAME_BEFORE = 12


@dataclass(frozen=True)
class ArticleContext:
    """What the sentences before one in its article decide about a plain 元; see the module docstring.

    Built by ``then``, one sentence after another. The empty context (``ArticleContext()``) is a sentence
    read alone, and is false.
    """

    declared: str = ""  # CNY, HKD or USD; "" when the article declared none
    subject: str = ""  # the Chinese name of the company named last; "" when none was
    stated: tuple[tuple[str, str], ...] = ()  # (company, currency its results were given in)

    def __bool__(self) -> bool:
        return bool(self.declared or self.subject or self.stated)

    def reports_in(self, company: str) -> str:
        """The currency the article gave ``company``'s results in, or ""."""
        return next((currency for name, currency in reversed(self.stated) if name == company), "")

    def then(self, sentence: str, companies: Sequence[str]) -> ArticleContext:
        """The context of the sentence after ``sentence``, which names ``companies`` (``named_companies``)."""
        from workbench.facts.zh_quantities import currency_code, reports_results

        folded = fold(sentence)
        declared = self.declared
        found = _DECLARED.search(folded)
        if found is not None:
            declared = currency_code(found.group("currency"))
        stated = self.stated
        about = tuple(companies) or ((self.subject,) if self.subject else ())
        if about and reports_results(folded):
            named = {code for pattern, code in _NAMED_CURRENCY if pattern.search(folded)}
            if named in ({"CNY"}, {"HKD"}):  # one currency named, and one a plain 元 may be
                currency = next(iter(named))
                stated = (*stated, *((name, currency) for name in about if self.reports_in(name) != currency))
        subject = companies[-1] if companies else self.subject
        if (declared, subject, stated) == (self.declared, self.subject, self.stated):
            return self
        return ArticleContext(declared, subject, stated)


NO_ARTICLE = ArticleContext()  # a sentence read alone


def named_companies(text: str, hits: Sequence[TermHit], facts: Sequence[Fact]) -> tuple[str, ...]:
    """The Chinese names of the companies ``text`` names, in the order it names them.

    A company is named by a glossary name or code (``hits``), or by a Hong Kong code the glossary does not
    know (領展(00823.HK), with a REIT missing from the exchange's list of companies): that is a Hong Kong
    listed company all the same, and the words before the code in its clause stand for its name, so a name
    that marks it mainland (中國…, …股份有限公司) still does.
    """
    found: list[tuple[int, str]] = []
    known: set[str] = set()
    name_ends = set()
    for hit in hits:
        if hit.entry.type == "company":
            found.append((hit.start, hit.entry.traditional))
            known.update(hit.entry.tickers)
            name_ends.add(hit.end)
    for fact in facts:
        if fact.kind is not FactKind.TICKER or fact.start in name_ends:
            continue
        codes = [code for code in fact.tickers if code.endswith(".HK")]
        if codes and not known.intersection(codes):
            before = text[max(0, fact.start - _NAME_BEFORE) : fact.start]
            name = _CLAUSE_BREAK.split(before)[-1]
            found.append((fact.start, name or codes[0]))
    return tuple(name for _, name in sorted(found))
