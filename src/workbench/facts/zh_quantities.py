"""Quantities in a Chinese sentence: amounts, prices, shares, counts, percentages, areas, multiples, points.

A number is read with what stands around it in Hong Kong financial copy: a hedge before it (約, 逾), a
currency before it (HK$, 人民幣) or a multiplier and unit after it (億元, 萬股, 個百分點), and a hedge after
it (多, 以上). Two numbers joined by 至 or - that share a unit are one range, the lower bound borrowing the
upper's multiplier (78億至117億元). Money with no multiplier in a clause after 報, 每股 or 股價 is a price.

A plain 元 is Hong Kong dollars or renminbi by what it measures, as Hong Kong desks write it: a Hong Kong
stock's price or its change (報577元, 升26元), the market's turnover (成交額825億元), an offering's size, a
buyback's consideration, southbound money and market value are HK$; 人民幣 anywhere in the sentence and
the mainland's markets (A股, 滬深, 北向) are yuan. Results and payouts are in the reporting currency of the
company the sentence names: yuan for a mainland one (a name starting with a mainland place, or 股份有限公司),
likely HK$ for another, a Hong Kong code the glossary does not know included. Where the sentence leaves the
元 open, its article decides what it can (``workbench.facts.article``): a currency declared for what follows
(人民幣(下同)), the one an earlier sentence gave the same company's results in, the company the article
named last. What is still open keeps the house reading (``Style.bare_yuan``) with the other as an accepted
alternative (``Fact.alternatives``), so a check warns rather than calls either reading wrong.

An index level is index points with or without 點 (恒生指數報22861, 收報26263點, 跌144點). Chinese numerals
count only where they stand for a quantity, so 一個 or 三點 (three o'clock) yield nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from workbench.facts import render
from workbench.facts.article import NO_ARTICLE, ArticleContext
from workbench.facts.numerals import (
    ARABIC,
    BIG_CHARS,
    DIGIT_CHARS,
    SMALL_CHARS,
    exact,
    multiplier,
    parse_numeral,
)
from workbench.facts.style import Style
from workbench.model import Fact, FactKind

_MU = r"[十百千]?(?:萬億|万亿|[萬万億亿兆])|[百千]"  # multipliers after an Arabic number
_AR_EX = rf"(?:{ARABIC})(?:(?:{_MU})(?:(?:{ARABIC})(?:{_MU}))*)?"
_CN_START = DIGIT_CHARS.replace("〇", "").replace("零", "") + "十拾"  # 零售 is retail, not zero
_CN_EX = (
    rf"[{_CN_START}][{DIGIT_CHARS}{SMALL_CHARS}{BIG_CHARS}]*"
    rf"(?:點[{DIGIT_CHARS}]+[{BIG_CHARS}]*)?"
)

_QUALIFIERS = sorted((q for q in render.QUALIFIERS if q not in ("多", "餘", "余", "以上", "左右")), key=len)[
    ::-1
]
_PRE_CURRENCY = {
    "人民幣": "CNY", "人民币": "CNY", "RMB": "CNY", "港幣": "HKD", "港币": "HKD", "港元": "HKD",
    "HK$": "HKD", "美元": "USD", "US$": "USD", "$": "HKD",  # Hong Kong copy writes HK$ as a bare $
}  # fmt: skip
_CURRENCY_UNITS = {
    "元人民幣": "CNY", "元人民币": "CNY", "人民幣": "CNY", "人民币": "CNY", "元港幣": "HKD", "港元": "HKD",
    "港幣": "HKD", "港币": "HKD", "港圓": "HKD", "蚊": "HKD", "美元": "USD", "美金": "USD", "歐元": "EUR",
    "欧元": "EUR", "日圓": "JPY", "日元": "JPY", "英鎊": "GBP", "英镑": "GBP", "新台幣": "TWD", "台幣": "TWD",
    "澳元": "AUD", "加元": "CAD", "新加坡元": "SGD", "人幣": "CNY", "元": "", "圓": "",
}  # fmt: skip


def currency_code(word: str) -> str:
    """The code of a currency word written before or after an amount (人民幣, HK$, 港元): CNY, HKD, USD...;
    "" for a plain 元."""
    return _PRE_CURRENCY.get(word) or _CURRENCY_UNITS.get(word, "")


# (pattern, kind, unit code); tried in this order at the end of a number
_UNITS: tuple[tuple[str, str, str], ...] = (
    *((re.escape(word), "money", code) for word in sorted(_CURRENCY_UNITS, key=len, reverse=True)
      for code in (_CURRENCY_UNITS[word],)),
    (r"仙(?![人女境股])", "cents", "HKD"),  # 派息20仙: Hong Kong cents
    (r"%", "percent", "%"),
    (r"個百分點|个百分点|百分點|百分点", "percent", "pp"),
    (r"個基點|个基点|基點|基点|點子", "percent", "bp"),
    (
        r"(?:[舊新旧]|[HAB]|內資|内资|普通|優先|优先|庫存|库存)?股(?![東东價价息市民權权評评神災灾本])",
        "shares",
        "shares",
    ),
    (r"平方米|平方公尺|平米|㎡", "area", "sqm"),
    (r"平方英尺|平方呎|呎", "area", "sqft"),
    (r"平方公里", "area", "sqkm"),
    (r"人(?![民次幣币])|名(?![額额單单義义字稱称次列])|位(?![數数元置])", "people", "people"),
    (r"倍", "multiple", "x"),
    (r"成(?![為为立員员本功交長长績绩果熟品份分效器型形都就了])", "tenths", "%"),
    (r"點(?![鐘钟半\d分子])|点(?![钟半\d分子])", "points", "points"),
)  # fmt: skip
_UNIT_KINDS = {f"u{i}": (kind, code) for i, (_, kind, code) in enumerate(_UNITS)}
_UNIT_RE = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _, _) in enumerate(_UNITS))

_QUANTITY = re.compile(
    rf"(?P<q>{'|'.join(map(re.escape, _QUALIFIERS))})?"
    rf"(?P<pc>{'|'.join(map(re.escape, sorted(_PRE_CURRENCY, key=len, reverse=True)))})?\s?"
    rf"(?P<num>{_AR_EX}|{_CN_EX})"
    rf"(?:(?P<more>[多餘余])(?P<mu2>{_MU})?)?"
    rf"(?:{_UNIT_RE})?"
    rf"(?P<post>以上|左右|多(?![個个家間间名位種种項项年月日天次約约了出於于達达少一些]))?"
)
_PERCENT_WORDS = re.compile(
    rf"(?P<q>{'|'.join(map(re.escape, _QUALIFIERS))})?百分之(?P<num>{ARABIC}|[{DIGIT_CHARS}{SMALL_CHARS}點]+)"
)
_CONNECTOR = re.compile(r"\s?(?:至|到|-|~|—|–)\s?")
_TIME_WORDS = ("上午", "下午", "晚上", "早上", "凌晨", "中午", "晚", "早")
_PRICE_TRIGGERS = (
    "報",
    "报",
    "每股",
    "股價",
    "股价",
    "價",
    "价",
    "收",
    "開",
    "开",
    "高見",
    "低見",
    "招股",
    "配售",
)
_EARNINGS = ("盈利", "收益", "虧損", "亏损", "派息", "股息", "淨資產", "净资产", "派", "分紅", "分红")
_RMB_CONTEXT = re.compile(
    r"A股|人民幣|人民币|內資股|内资股|滬股|深股|滬市|深市|滬深|沪深|兩市|两市|北向|北水|科創板|科创板|創業板|创业板"
    r"|上交所|深交所|上證|上证|深證|深证|\d港[元幣币]"
)
# What a plain 元 measures in Hong Kong market copy when it is HK$: the market's turnover and short selling
# (anywhere before the figure), southbound money, market value and an offering's entry fee (in the clause
# before it); a buyback's, a placing's or a stake's consideration and an offering's size where the sentence
# says it is one. Raising money alone (集資) says nothing of the currency: a mainland company raises yuan.
_HKD_BEFORE = re.compile(r"成交|沽空|賣空|卖空")
_HKD_CLAUSE = re.compile(r"市值|招股|南向|南下|港股通|入場費|入场费|孖展")
_HKD_DEALS = (
    (
        re.compile(r"回購|回购|購回|购回"),
        re.compile(r"回購|回购|購回|购回|涉資|涉资|斥資|斥资|耗資|耗资|代價|代价|資金|资金|總額|总额"),
    ),
    (
        re.compile(r"招股|上市|IPO|新股|配售|配股|先舊後新|先旧后新|供股|公開發售|公开发售"),
        re.compile(r"集資|集资|募資|募资|籌|筹|集得|所得|淨額|净额|作價|作价|發售|发售|認購|认购"),
    ),
    (
        re.compile(r"增持|減持|减持|購入|购入|出售|持股"),
        re.compile(r"代價|代价|涉資|涉资|均價|均价|作價|作价"),
    ),
)
# Results and payouts: their plain 元 is the company's reporting currency.
_RESULTS = re.compile(
    r"收入|營收|营收|收益|純利|纯利|淨利|净利|盈利|虧損|亏损|毛利|營業額|营业额|利潤|利润|溢利|股東應佔|股东应占"
    r"|淨資產|净资产|分派|EBITDA"
)
_PAYOUTS = re.compile(r"派息|股息|末期息|中期息|特別息|特别息|派發|派发")
# Mainland companies: a name that starts with a mainland place, or a PRC joint-stock company's legal form.
_MAINLAND_NAME = re.compile(
    r"^(?:中國|中国|北京|上海|廣州|广州|深圳|天津|重慶|重庆|浙江|江蘇|江苏|廣東|广东|福建|山東|山东|四川|湖南|湖北"
    r"|河南|河北|安徽|江西|遼寧|辽宁|吉林|雲南|云南|陝西|陕西|新疆|內蒙古|内蒙古)|股份有限公司$"
)
# A quoted price's move or level (升26元, 升至13.92元, 突破200元): the verb right before the number.
_PRICE_MOVES = re.compile(
    r"(?:升|跌|漲|涨|揚|扬|挫|彈|弹|回落|回軟|回软|上升|下跌|上漲|上涨|抽升|急升|急跌|飆升|飙升|插|瀉|泻|反彈|反弹)"
    r"(?:至|到)?(?:約|约|逾|近|超過|超过)?$|(?:突破|跌穿|升穿|高見|低見|高见|低见|見|见)(?:約|约|逾|近)?$"
)
_INDEX_WORDS = re.compile(r"指數|指数|恒指|國指|国指|科指|綜指|综指|道指|標普|标普|納指|纳指|日經|日经|大市")
# A level or move of an index written without 點: the verb right before the number.
_INDEX_MOVES = re.compile(
    r"(?:報|报|收|收報|收报|開|开|升|跌|漲|涨|見|见|至|高見|低見|失守|重上|跌穿|升穿|企穩|企稳|上試|下試|挫|彈|弹)$"
)
_CLAUSE_BREAK = re.compile(r"[，。；,;：:、！？!?「」()]")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    value: Decimal
    scale: str  # the trailing multiplier text (億, 千萬); a lower bound without one borrows it
    kind: str | None  # money, percent, shares, area, people, multiple, tenths, points; None: bare number
    unit: str
    qualifier: str
    chinese: bool
    grouped: bool  # written with a thousands separator
    big: bool  # carries a 萬, 億 or 兆 somewhere (二萬三)


def quantity_facts(
    text: str,
    folded: str,
    style: Style,
    companies: Sequence[str] = (),
    article: ArticleContext = NO_ARTICLE,
) -> Iterator[Fact]:
    for m in _PERCENT_WORDS.finditer(folded):
        try:
            value = parse_numeral(m.group("num"))
        except ValueError:
            continue
        english = render.qualified(render.quantity(value, "%", style), m.group("q") or "")
        yield Fact(
            FactKind.PERCENT, text[m.start() : m.end()], m.start(), m.end(), english, exact(value), unit="%"
        )

    tokens = _merge_ranges(folded, list(_tokens(folded)))
    for low, high in tokens:
        fact = _fact(text, folded, low, high, style, companies, article)
        if fact is not None:
            yield fact


def _tokens(folded: str) -> Iterator[_Token]:
    pos = 0
    while True:
        m = _QUANTITY.search(folded, pos)
        if m is None:
            return
        token = _token(folded, m)
        if token is None:
            # Go on after the rejected numeral, not one character on: a numeral that cannot be read (數十億,
            # 兩三百萬, a run of 20,000 digits) has no readable tail worth a fact, and retrying each tail
            # would make a long run cost time quadratic in its length.
            pos = max(m.end("num"), m.start() + 1)
            continue
        pos = m.end()
        yield token


def _token(folded: str, m: re.Match[str]) -> _Token | None:
    raw = m.group("num")
    pc = m.group("pc") or ""
    lead = m.start("pc") if pc else m.start("num")
    before = folded[lead - 1] if lead else ""
    chinese = not raw[0].isdigit()
    if before and (before in "0123456789.,_第" or (before.isascii() and before.isalpha())):
        return None  # part of a code, a version (AI 2.0) or an ordinal (第3)
    if chinese and before and before in "數数幾几每週周星期":
        return None  # 數十億 is "billions", not one billion
    more, mu2 = m.group("more") or "", m.group("mu2") or ""
    unit_group = next((name for name in _UNIT_KINDS if m.group(name)), None)
    kind, unit = _UNIT_KINDS[unit_group] if unit_group else (None, "")
    try:
        value = parse_numeral(raw)
    except ValueError:
        return None
    scale = _scale(raw)
    if mu2:
        value *= multiplier(mu2)
        scale = mu2

    start, end = m.start(), m.end()
    post = m.group("post") or ""
    if kind is None:
        # a bare number ends at its digits (and a 多 that a multiplier follows: 十多億)
        end = m.end("mu2") if mu2 else m.end("num")
        more = more if mu2 else ""
        post = ""
    if pc and kind not in (None, "money"):
        start, pc = m.start("num"), ""
    if pc:
        kind = "money"
        if not unit:
            unit = _PRE_CURRENCY[pc]
    qualifier = m.group("q") or more or post

    if kind == "points":
        ahead = folded[max(0, m.start() - 2) : m.start()]
        if chinese or ahead.endswith(_TIME_WORDS):
            return None
    if kind == "cents":
        if (chinese and value < 10) or pc:
            return None
        value, kind, scale = value / 100, "money", ""
    if kind == "tenths":
        if value > 10 or (chinese and not (len(raw) == 1 and 2 <= value <= 9)):
            return None
        value, kind = value * 10, "percent"
    if (
        chinese
        and not any(ch in BIG_CHARS for ch in raw + mu2)
        and (
            kind is None
            or kind == "points"
            or (kind == "multiple" and value < 2)
            or (kind in ("shares", "people", "area") and value < 10)
        )
    ):
        return None  # 一個, 兩年, 三點 (three o'clock): Chinese numerals that are not a quantity
    return _Token(
        start=start,
        end=end,
        value=value,
        scale=scale,
        kind=kind,
        unit=unit,
        qualifier=qualifier,
        chinese=chinese,
        grouped="," in raw,
        big=any(ch in BIG_CHARS for ch in raw + mu2),
    )


def _scale(raw: str) -> str:
    """The trailing multiplier of a numeral (78億 → 億, 3千萬 → 千萬), which a range's lower bound borrows."""
    pattern = rf"[十百千]?[{BIG_CHARS}]+$|[百千]$" if raw[0].isdigit() else rf"[{BIG_CHARS}]+$"
    m = re.search(pattern, raw)
    return m.group() if m and m.start() > 0 else ""


def _merge_ranges(folded: str, tokens: list[_Token]) -> list[tuple[_Token | None, _Token]]:
    """Pairs (lower, upper) for ranges such as 78億至117億元 and 3至4元; (None, token) for the rest."""
    out: list[tuple[_Token | None, _Token]] = []
    i = 0
    while i < len(tokens):
        low = tokens[i]
        high = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            high is not None
            and high.kind is not None
            and _CONNECTOR.fullmatch(folded[low.end : high.start])
            and (low.kind is None or (low.kind == high.kind and low.unit in ("", high.unit)))
            and low.chinese == high.chinese
            and low.qualifier not in ("多", "餘", "余")
        ):
            if not low.scale and high.scale:
                low = replace(low, value=low.value * multiplier(high.scale))
            out.append((low, high))
            i += 2
            continue
        out.append((None, low))
        i += 1
    return out


def _fact(
    text: str,
    folded: str,
    low: _Token | None,
    high: _Token,
    style: Style,
    companies: Sequence[str] = (),
    article: ArticleContext = NO_ARTICLE,
) -> Fact | None:
    kind = high.kind
    start = low.start if low else high.start
    end = high.end
    lower = low.value if low else None
    alternatives: tuple[str, ...] = ()
    if kind is None and _is_index_level(folded, start, high):
        fact_kind, unit = FactKind.POINTS, "points"
    elif kind is None:
        if not (high.big or high.grouped):
            return None  # a bare 30 or 2024 says nothing checkable
        fact_kind, unit = FactKind.COUNT, ""
    elif kind == "money":
        fact_kind = FactKind.AMOUNT
        scaled = bool(high.scale or (low and low.scale))
        if not scaled and (_is_price(folded, start) or _is_price_move(folded, start)):
            fact_kind = FactKind.PRICE
        unit = high.unit
        if not unit:
            price = fact_kind is FactKind.PRICE
            unit, alternatives = _plain_yuan(folded, start, price, style, companies, article)
    else:
        fact_kind, unit = {
            "percent": (FactKind.PERCENT, high.unit),
            "shares": (FactKind.SHARES, "shares"),
            "people": (FactKind.COUNT, "people"),
            "area": (FactKind.AREA, high.unit),
            "multiple": (FactKind.MULTIPLE, "x"),
            "points": (FactKind.POINTS, "points"),
        }[kind]

    qualifier = (low.qualifier if low else "") or high.qualifier
    if fact_kind in (FactKind.AMOUNT, FactKind.PRICE):
        english = (
            render.money_range(lower, high.value, unit, style)
            if lower is not None
            else render.money(high.value, unit, style)
        )
    elif lower is not None:
        english = render.quantity_range(lower, high.value, unit, style)
    else:
        english = render.quantity(high.value, unit, style)
    if lower is not None and low is not None and low.qualifier in ("多", "餘", "余"):
        qualifier = ""
    english = render.qualified(english, qualifier)
    value, upper = (lower, high.value) if lower is not None else (high.value, None)
    return Fact(
        fact_kind,
        text[start:end],
        start,
        end,
        english,
        exact(value),
        upper and exact(upper),
        unit,
        alternatives=alternatives,
    )


def _clause_before(folded: str, start: int) -> str:
    window = folded[max(0, start - 10) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _is_price(folded: str, start: int) -> bool:
    """A money figure with no multiplier after 報, 每股, 股價, 招股 ... is a price per share."""
    clause = _clause_before(folded, start)
    return any(trigger in clause for trigger in _PRICE_TRIGGERS)


def _is_price_move(folded: str, start: int) -> bool:
    """升26元, 跌1.2元: a plain amount right after a price's move is a change of the price."""
    return bool(_PRICE_MOVES.search(folded[max(0, start - 6) : start]))


def _is_index_level(folded: str, start: int, token: _Token) -> bool:
    """恒生指數報22861, 恒指跌144: a bare number after an index's verb, in a clause that names an index."""
    if token.chinese or token.value < 10:
        return False
    clause = _clause_before(folded, start)
    return bool(_INDEX_WORDS.search(clause) and _INDEX_MOVES.search(clause))


def _plain_yuan(
    folded: str, start: int, price: bool, style: Style, companies: Sequence[str], article: ArticleContext
) -> tuple[str, tuple[str, ...]]:
    """The currency of an amount or price in plain 元, and the other reading when neither the sentence nor
    its article decides; see the module docstring. ``companies``: the Chinese names of the companies the
    sentence names; ``article``: what the sentences before it in its article said."""
    clause = _clause_before(folded, start)
    if _RMB_CONTEXT.search(folded):
        return "CNY", ()  # 人民幣 said elsewhere, a mainland market, or 港元 written for another figure
    per_share_earnings = price and "每股" in clause and any(word in clause for word in _EARNINGS)
    if per_share_earnings or (not price and reports_results(folded)):
        # Results and payouts are in the company's reporting currency: a mainland company's are yuan, a
        # Hong Kong company's likely HK$; without a company, the article's subject's; else the house reading.
        if article.declared:
            return article.declared, ()
        if companies:
            return _reporting(companies, article, style)
        if article.subject:
            unit, _ = _reporting((article.subject,), article, style)
            return unit, _other(unit)  # the company named before: likely, not certain
        return style.bare_yuan, _other(style.bare_yuan)
    if (
        price
        or _HKD_BEFORE.search(folded[:start])
        or _HKD_CLAUSE.search(clause)
        or any(d.search(folded) and c.search(clause) for d, c in _HKD_DEALS)
    ):
        return "HKD", ()
    if article.declared:
        return article.declared, ()
    # Whatever the sentence does not pin down: the house reading, the other accepted with a warning.
    return style.bare_yuan, _other(style.bare_yuan)


def reports_results(folded: str) -> bool:
    """Whether a (folded) sentence gives results or a payout, whose plain 元 is a reporting currency."""
    return bool(_RESULTS.search(folded) or _PAYOUTS.search(folded))


def _reporting(
    companies: Sequence[str], article: ArticleContext, style: Style
) -> tuple[str, tuple[str, ...]]:
    """The reporting currency of ``companies``: the one the article gave their results in, else yuan for a
    mainland company (certain) and HK$ for another (likely); companies that disagree decide nothing."""
    readings = set()
    for name in companies:
        stated = article.reports_in(name)
        if stated:
            readings.add((stated, _other(stated)))
        elif _MAINLAND_NAME.search(name):
            readings.add(("CNY", ()))
        else:
            readings.add(("HKD", ("CNY",)))
    if ("CNY", ()) in readings:
        return "CNY", ()
    if len(readings) == 1:
        return next(iter(readings))
    return style.bare_yuan, _other(style.bare_yuan)


def _other(currency: str) -> tuple[str, ...]:
    return tuple(c for c in ("CNY", "HKD") if c != currency)
