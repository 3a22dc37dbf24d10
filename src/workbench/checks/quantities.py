"""Amounts, share counts, percentages and multiples: is every number of the source in the draft, right?

The source's facts are aligned to the numbers ``workbench.facts.find_quantities`` reads in the English, in
passes from most to least certain: the same value (exactly, as decimals, so 3.08億 = 308 million is equal and
not a digit-string mismatch); then the same digits at another power of ten (308 million written as 3.08
billion: a scale error, the commonest slip of both models and people); then, among what is left of the
same family, by order. A fact with nothing left to pair is missing. The alignment is shared with
``workbench.carry``, which repairs a draft only where a pairing is unambiguous.

The module is longer than most (about 370 lines) because the alignment and the checks that report it are one
piece: every check below reads the same ``Match`` statuses, and splitting them would split one definition.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from itertools import islice

from workbench.checks.base import Context, Problem, check
from workbench.facts.english import Quantity
from workbench.model import Fact, FactKind, Severity

MONEY = frozenset({FactKind.AMOUNT, FactKind.PRICE})
NUMERIC = frozenset(
    {FactKind.AMOUNT, FactKind.PRICE, FactKind.SHARES, FactKind.COUNT, FactKind.AREA, FactKind.POINTS}
)

LABEL = {
    FactKind.AMOUNT: "amount",
    FactKind.PRICE: "price",
    FactKind.SHARES: "share count",
    FactKind.COUNT: "number",
    FactKind.AREA: "area",
    FactKind.POINTS: "index level",
    FactKind.PERCENT: "percentage",
    FactKind.MULTIPLE: "multiple",
}

# English words for small multiples that a fluent draft uses instead of "2 times", beyond those the English
# reader already reads as multiples (twice, doubled, tripled, threefold, four-fold ...).
_MULTIPLE_WORDS = {
    "twofold": Decimal(2),
    "trebles": Decimal(3),
    "treble": Decimal(3),
    "trebled": Decimal(3),
    "quadruples": Decimal(4),
    "quadruple": Decimal(4),
    "quadrupled": Decimal(4),
    "fourfold": Decimal(4),
}


class Status(str, Enum):
    OK = "ok"
    CURRENCY_UNSURE = "currency-unsure"  # right number, in a currency the source may mean (plain 元)
    CURRENCY_DROPPED = "currency-dropped"  # right number, currency not said
    CURRENCY = "currency"  # right number, another currency
    SCALE = "scale"  # right digits, wrong power of ten
    VALUE = "value"  # another number stands where this one should
    MISSING = "missing"


# A number read in the draft, whichever reader found it (the English reader, or words like "tripled").
Target = Quantity


@dataclass(frozen=True)
class Match:
    fact: Fact
    status: Status
    targets: tuple[Target, ...] = ()  # one, or two when a range is written as two numbers
    # Whether a repair may rewrite the paired span; read only for a wrong pairing, which always sets it.
    unambiguous: bool = True  # pragma: no mutate (the default only serves right and missing facts)

    @property
    def right(self) -> bool:
        return self.status in (Status.OK, Status.CURRENCY_UNSURE)


def _unit_relation(fact: Fact, target: Target) -> Status:
    """OK when the units agree, CURRENCY_DROPPED or CURRENCY when a known currency was lost or changed."""
    fact_money = fact.kind in MONEY
    target_money = target.kind in MONEY
    if fact_money and fact.unit:
        if target_money and target.unit == fact.unit:
            return Status.OK
        if target_money and target.unit in fact.alternatives:
            return Status.CURRENCY_UNSURE
        if target_money and target.unit:
            return Status.CURRENCY
        return Status.CURRENCY_DROPPED
    if fact_money or (fact.kind is FactKind.COUNT and not fact.unit):
        return Status.OK  # the reader could not tell the currency or unit; the number is what counts
    if target_money and target.unit:
        return Status.CURRENCY
    return Status.OK


def _same_family(fact: Fact, target: Target) -> bool:
    """Whether a wrong number in the draft plausibly stands for this fact."""
    if fact.kind in MONEY:
        return target.kind in MONEY or not target.unit
    if fact.kind is FactKind.COUNT and not fact.unit:
        return True
    return target.kind not in MONEY or not target.unit


_RANK = [Status.OK, Status.CURRENCY_UNSURE, Status.CURRENCY_DROPPED, Status.CURRENCY]


def _rendering(fact: Fact, target: Target, pool: _Pool) -> tuple[Target, ...]:
    """The number(s) of the draft, starting with ``target``, that give the fact's exact value, if they do.

    A range may be one number with an upper bound or two numbers ("7.8 billion to 11.7 billion yuan",
    where only the second carries the currency).
    """
    if target.value != fact.value:
        return ()
    if fact.upper is None:
        return (target,) if target.upper is None else ()
    if target.upper == fact.upper:
        return (target,)
    if target.upper is None:
        # > and >= agree: two numbers of a draft never start at one place.
        uppers = pool.free(pool.by_value, fact.upper)
        second = next((u for u in uppers if u.start > target.start), None)  # pragma: no mutate
        if second is not None:
            return (target, second)
    return ()


def _digits(value: Decimal) -> tuple[int, ...]:
    """The significant digits of a value: 308 million and 3.08 billion share them (a scale slip)."""
    return value.normalize().as_tuple().digits


def _family(target: Target) -> tuple[bool, bool]:
    return target.kind in MONEY, bool(target.unit)


def _families(fact: Fact) -> tuple[tuple[bool, bool], ...]:
    """The ``_family`` values of the targets that ``_same_family`` accepts for ``fact``."""
    if fact.kind in MONEY:
        return ((True, True), (True, False), (False, False))
    if fact.kind is FactKind.COUNT and not fact.unit:
        return ((True, True), (True, False), (False, True), (False, False))
    return ((False, True), (False, False), (True, False))


class _Pool:
    """The draft's numbers not yet paired, looked up by value, by digits or by family, in draft order.

    A sentence may hold thousands of figures (a table pasted as one line); looking a fact's partner up
    in a bucket, and skipping for good what the front of a bucket has already given, keeps the alignment
    linear in the sentence where a scan of every number for every fact was quadratic.
    """

    def __init__(self, targets: Sequence[Target]) -> None:
        self.order = sorted(targets, key=lambda t: t.start)
        self.rank = {id(t): n for n, t in enumerate(self.order)}
        self.used: set[int] = set()
        self.by_value: dict[object, list[Target]] = {}
        self.by_digits: dict[object, list[Target]] = {}
        for t in self.order:
            self.by_value.setdefault(t.value, []).append(t)
            if t.value != 0:
                self.by_digits.setdefault(_digits(t.value), []).append(t)
        self._front: dict[tuple[int, object], int] = {}

    def take(self, chosen: Sequence[Target]) -> None:
        self.used.update(id(t) for t in chosen)

    def free(self, buckets: dict[object, list[Target]], key: object) -> Iterator[Target]:
        """The unused targets of one bucket, in draft order."""
        items = buckets.get(key, [])
        front = (id(buckets), key)
        at = self._front.get(front, 0)
        while at < len(items) and id(items[at]) in self.used:
            at += 1
        self._front[front] = at
        return (items[n] for n in range(at, len(items)) if id(items[n]) not in self.used)


def align(facts: Sequence[Fact], targets: Sequence[Target], *, scale: bool = True) -> tuple[Match, ...]:
    """Pair each fact with the number(s) of the draft that render it; see the module docstring."""
    pending = sorted((f for f in facts if f.value is not None), key=lambda f: f.start)
    pool = _Pool(targets)
    result: dict[int, Match] = {}

    def take(index: int, fact: Fact, status: Status, chosen: tuple[Target, ...], sure: bool = True) -> None:
        result[index] = Match(fact, status, chosen, sure)
        pool.take(chosen)

    # Exact values, best unit agreement first, so that 30億元(4.3億美元) pairs each amount with its own.
    for wanted in _RANK:
        for i, fact in enumerate(pending):
            if i in result:
                continue
            for t in pool.free(pool.by_value, fact.value):
                chosen = _rendering(fact, t, pool)
                if chosen and min((_unit_relation(fact, c) for c in chosen), key=_RANK.index) is wanted:
                    take(i, fact, wanted, chosen)
                    break

    if scale:
        # Facts still waiting, by digits and by value: a rival is another waiting fact that the same
        # number of the draft would also render at another power of ten.
        waiting: dict[tuple[int, ...], Counter[Decimal]] = {}
        for i, fact in enumerate(pending):
            if i not in result and fact.value:
                waiting.setdefault(_digits(fact.value), Counter())[abs(fact.value)] += 1
        for i, fact in enumerate(pending):
            if i in result or not fact.value:
                continue
            key = _digits(fact.value)
            same = (t for t in pool.free(pool.by_digits, key) if abs(t.value) != abs(fact.value))
            # Two are enough to tell one candidate from several.
            candidates = list(islice((t for t in same if _same_family(fact, t)), 2))  # pragma: no mutate
            if candidates:
                t = candidates[0]
                counts = waiting[key]
                rivals = counts.total() - 1 - counts[abs(t.value)]
                take(i, fact, Status.SCALE, (t,), len(candidates) == 1 and not rivals)
                counts[abs(fact.value)] -= 1

    rest = [i for i in range(len(pending)) if i not in result]
    spare: dict[object, list[Target]] = {}
    for t in pool.order:
        if id(t) not in pool.used:
            spare.setdefault(_family(t), []).append(t)
    sure = len(rest) == sum(map(len, spare.values()))
    for i in rest:
        fronts = (next(pool.free(spare, family), None) for family in _families(pending[i]))
        other = min((t for t in fronts if t is not None), key=lambda t: pool.rank[id(t)], default=None)
        if other is None:
            result[i] = Match(pending[i], Status.MISSING)
        else:
            take(i, pending[i], Status.VALUE, (other,), sure)
    return tuple(result[i] for i in range(len(pending)))


def _words_as_multiples(text: str) -> list[Target]:
    found = []
    for m in re.finditer(r"[A-Za-z][A-Za-z-]*", text):  # pragma: no mutate (no multiple word is one letter)
        value = _MULTIPLE_WORDS.get(m.group().lower())
        if value is not None:
            found.append(Target(FactKind.MULTIPLE, value, None, "x", m.start(), m.end(), m.group()))
    return found


# 升1倍 is an increase by once the value: "doubled", "up 100%".
_INCREASE = re.compile(r"升|增|漲|涨|多|高|揚|扬|飆|飙|擴大|扩大")
_CLAUSE_END = re.compile(r"[，。；,;：:、！？!?]")


def _as_increases(context: Context, facts: Sequence[Fact], targets: list[Target]) -> list[Target]:
    """``targets`` with the English of an increase read as its multiple: for 升1倍, "doubled" (2) and
    "100%" stand for 1, since a rise by once the value is a doubling."""
    out = list(targets)
    for fact in facts:
        if fact.value is None or fact.upper is not None or any(t.value == fact.value for t in out):
            continue
        before = context.source[max(0, fact.start - 16) : fact.start]
        if not _INCREASE.search(_CLAUSE_END.split(before)[-1]):
            continue
        for q in (*targets, *context.quantities):
            word = q.kind is FactKind.MULTIPLE and not any(ch.isdigit() for ch in q.text)
            percent = q.kind is FactKind.PERCENT and q.unit == "%"
            if (word and q.value == fact.value + 1) or (percent and q.value == fact.value * 100):
                out.append(replace(q, kind=FactKind.MULTIPLE, value=fact.value, unit="x"))
                break  # pragma: no mutate (a second rendering would only stay unpaired)
    return out


def numeric_matches(context: Context) -> tuple[Match, ...]:
    """The alignment of the source's amounts, prices, share counts and other quantities."""

    def compute() -> tuple[Match, ...]:
        facts = [f for f in context.facts if f.kind in NUMERIC]
        if not facts:
            return ()
        matches = align(facts, [q for q in context.quantities if q.kind in NUMERIC])
        return tuple(_spelled_out(context.target, m) for m in matches)

    return context.shared("numeric", compute)


_NUMBER_WORDS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def _spelled_out(target: str, match: Match) -> Match:
    """A small count the draft spells out ("no fewer than six placees" for 不少於6名) is there."""
    fact = match.fact
    if match.status is not Status.MISSING or fact.kind is not FactKind.COUNT or fact.value is None:
        return match
    if not (2 <= fact.value <= 20 and fact.value == fact.value.to_integral_value()):
        return match
    word = _NUMBER_WORDS[int(fact.value) - 2]
    # Not a part of a larger number (twenty-one, thirty-two) nor a multiple (six times, two-fold).
    found = re.search(rf"(?<![\w-]){word}(?![\w-]|\s*times)", target, re.IGNORECASE)
    if found is None:
        return match
    spelled = Target(FactKind.COUNT, fact.value, None, "", found.start(), found.end(), found.group())
    return Match(fact, Status.OK, (spelled,))


def kind_matches(context: Context, kind: FactKind) -> tuple[Match, ...]:
    """The alignment of the source's facts of one kind (percentages, multiples) with the draft's."""

    def compute() -> tuple[Match, ...]:
        facts = [f for f in context.facts if f.kind is kind]
        if not facts:
            return ()
        targets = [q for q in context.quantities if q.kind is kind]
        if kind is FactKind.MULTIPLE:
            targets += _words_as_multiples(context.target)
            targets = _as_increases(context, facts, targets)
        return align(facts, targets, scale=False)

    return context.shared(kind.value, compute)


def describe(fact: Fact) -> str:
    return f"{LABEL.get(fact.kind, fact.kind.value)} {fact.text}"


def _shown(match: Match) -> str:
    return " ... ".join(t.text for t in match.targets)


def _problem(match: Match, message: str) -> Problem:
    return Problem(message, source_span=match.fact.text, target_span=_shown(match) or None)


@check("amount-missing", Severity.ERROR)
def amount_missing(context: Context) -> Iterator[Problem]:
    """An amount, price, share count or other quantity of the source is not in the draft."""
    for m in numeric_matches(context):
        if m.status is Status.MISSING:
            yield _problem(m, f"{describe(m.fact)} ({m.fact.english}) is missing from the translation")


def _mismatch(m: Match, note: str = "") -> Problem:
    return _problem(
        m, f"{describe(m.fact)} should be {m.fact.english}; the translation has {_shown(m)}{note}"
    )


@check("amount-scale", Severity.ERROR)
def amount_scale(context: Context) -> Iterator[Problem]:
    """A quantity has the right digits at the wrong power of ten (million for billion)."""
    for m in numeric_matches(context):
        if m.status is Status.SCALE:
            yield _mismatch(m, " (wrong scale)")


@check("amount-wrong", Severity.ERROR)
def amount_wrong(context: Context) -> Iterator[Problem]:
    """A quantity has another value, or another currency, than the source."""
    for m in numeric_matches(context):
        if m.status is Status.VALUE:
            yield _mismatch(m)
        elif m.status is Status.CURRENCY:
            yield _mismatch(m, " (wrong currency)")


@check("amount-currency", Severity.WARNING)
def amount_currency(context: Context) -> Iterator[Problem]:
    """An amount is right but its currency is not said (yuan, HK$ and US$ differ), or is one the sentence
    and its article do not decide (a plain 元 that is HK$ or yuan by what the article is about).

    Several such amounts in one sentence are one question for the reviewer (which 元 does it mean), so
    they get one finding naming them all; or, where the draft writes them in different currencies, one
    finding saying so."""
    matches = numeric_matches(context)
    for m in matches:
        if m.status is Status.CURRENCY_DROPPED:
            yield _mismatch(m, " without its currency")
    if not any(m.status is Status.CURRENCY_UNSURE for m in matches):
        return
    # Every amount in a plain 元 the sentence leaves open and the draft renders with a currency.
    open_ = [m for m in matches if m.fact.alternatives and m.right]
    facts = _listed([describe(m.fact) for m in open_])
    written = _listed([_shown(m) for m in open_])
    if len({t.unit for m in open_ for t in m.targets if t.unit}) > 1:
        message = (
            f"{facts} are in one 元, but the translation writes them in different currencies ({written}): "
            "check which 元 the article means and write them alike"
        )
    else:
        first = open_[0].fact
        readings = " or ".join(_CURRENCY_NAMES.get(c, c) for c in (first.unit, *first.alternatives))
        them = "it" if len(open_) == 1 else "them"
        message = (
            f"{facts}: the sentence does not say which 元 it means ({readings}); the translation has "
            f"{written}, check {them} against the article"
        )
    yield Problem(
        message,
        source_span=" ... ".join(m.fact.text for m in open_),
        target_span=" ... ".join(_shown(m) for m in open_),
    )


_CURRENCY_NAMES = {"CNY": "yuan", "HKD": "HK$", "USD": "US$"}


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _mismatches(context: Context, kind: FactKind) -> Iterator[Problem]:
    for m in kind_matches(context, kind):
        if m.status is Status.MISSING:
            yield _problem(m, f"{describe(m.fact)} ({m.fact.english}) is missing from the translation")
        elif not m.right:
            yield _mismatch(m)


@check("percent-mismatch", Severity.ERROR)
def percent_mismatch(context: Context) -> Iterator[Problem]:
    """A percentage of the source is missing from the draft or has another value."""
    yield from _mismatches(context, FactKind.PERCENT)


@check("multiple-mismatch", Severity.ERROR)
def multiple_mismatch(context: Context) -> Iterator[Problem]:
    """A multiple (2.2倍) of the source is missing from the draft or has another value."""
    yield from _mismatches(context, FactKind.MULTIPLE)
