"""Synthetic Traditional Chinese → English sentence pairs in the style of HK finance news.

Every pair is built from a template whose English side is derived from the same slot values as the
Chinese side, so amounts (億/萬), tickers, dates and percentages are always converted the house way:
3.08億元 → 308 million yuan, 1,390億港元 → HK$139 billion, 5,996萬股 → 59.96 million shares.
The generator is deterministic for a given seed and company list.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from workbench.facts.render import MONTHS

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Company:
    full_zh: str
    short_zh: str
    full_en: str
    short_en: str
    tickers: tuple[str, ...]
    aliases_zh: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    zh: str
    en: str


# Used when no glossary.csv is at hand; the glossary, when present, adds to these.
BUILTIN_COMPANIES: tuple[Company, ...] = (
    Company("商湯集團股份有限公司", "商湯", "SenseTime Group Inc.", "SenseTime", ("0020.HK",)),
    Company(
        "華興資本控股有限公司",
        "華興資本",
        "China Renaissance Holdings Ltd.",
        "China Renaissance",
        ("1911.HK",),
    ),
    Company(
        "奇富科技股份有限公司", "奇富科技", "Qifu Technology Inc.", "Qifu Technology", ("QFIN.US", "3660.HK")
    ),
    Company(
        "中國國際金融股份有限公司",
        "中金公司",
        "China International Capital Corp.",
        "CICC",
        ("3908.HK", "601995.SH"),
    ),
    Company(
        "浙江零跑科技股份有限公司",
        "零跑汽車",
        "Zhejiang Leapmotor Technology Co., Ltd.",
        "Leapmotor",
        ("9863.HK",),
    ),
    Company(
        "廣州遇見小麵餐飲股份有限公司",
        "遇見小麵",
        "Guangzhou Yujian Xiaomian Catering Co., Ltd.",
        "Yujian Xiaomian",
        ("2408.HK",),
    ),
    Company("明基醫院集團", "明基醫院", "BenQ Hospital Group", "BenQ Hospital", ("2581.HK",)),
    Company(
        "印象大紅袍股份有限公司",
        "印象大紅袍",
        "Impression Dahongpao Co., Ltd.",
        "Impression Dahongpao",
        ("2695.HK",),
    ),
    Company(
        "毛戈平化妝品股份有限公司", "毛戈平", "Mao Geping Cosmetics Co., Ltd.", "Mao Geping", ("1318.HK",)
    ),
    Company("騰訊控股有限公司", "騰訊", "Tencent Holdings Ltd.", "Tencent", ("0700.HK",)),
    Company(
        "阿里巴巴集團控股有限公司",
        "阿里巴巴",
        "Alibaba Group Holding Ltd.",
        "Alibaba",
        ("9988.HK", "BABA.US"),
    ),
    Company("美團", "美團", "Meituan", "Meituan", ("3690.HK",)),
    Company("小米集團", "小米", "Xiaomi Corp.", "Xiaomi", ("1810.HK",)),
    Company("比亞迪股份有限公司", "比亞迪", "BYD Co., Ltd.", "BYD", ("1211.HK", "002594.SZ")),
    Company("京東集團股份有限公司", "京東", "JD.com Inc.", "JD.com", ("9618.HK", "JD.US")),
    Company("百度集團股份有限公司", "百度", "Baidu Inc.", "Baidu", ("9888.HK", "BIDU.US")),
    Company("網易公司", "網易", "NetEase Inc.", "NetEase", ("9999.HK", "NTES.US")),
    Company("快手科技", "快手", "Kuaishou Technology", "Kuaishou", ("1024.HK",)),
    Company("理想汽車", "理想汽車", "Li Auto Inc.", "Li Auto", ("2015.HK", "LI.US")),
    Company("蔚來集團", "蔚來", "NIO Inc.", "NIO", ("9866.HK", "NIO.US")),
    Company("小鵬汽車有限公司", "小鵬汽車", "XPeng Inc.", "XPeng", ("9868.HK", "XPEV.US")),
    Company(
        "中國平安保險(集團)股份有限公司",
        "中國平安",
        "Ping An Insurance (Group) Co. of China Ltd.",
        "Ping An",
        ("2318.HK", "601318.SH"),
    ),
    Company("滙豐控股有限公司", "滙豐", "HSBC Holdings plc", "HSBC", ("0005.HK",)),
    Company("友邦保險控股有限公司", "友邦保險", "AIA Group Ltd.", "AIA", ("1299.HK",)),
    Company(
        "香港交易及結算所有限公司", "港交所", "Hong Kong Exchanges and Clearing Ltd.", "HKEX", ("0388.HK",)
    ),
    Company("蜜雪冰城股份有限公司", "蜜雪冰城", "Mixue Group", "Mixue", ("2097.HK",)),
    Company(
        "泡泡瑪特國際集團有限公司", "泡泡瑪特", "Pop Mart International Group Ltd.", "Pop Mart", ("9992.HK",)
    ),
    Company("地平線機器人", "地平線", "Horizon Robotics", "Horizon Robotics", ("9660.HK",)),
    Company(
        "寧德時代新能源科技股份有限公司",
        "寧德時代",
        "Contemporary Amperex Technology Co., Ltd.",
        "CATL",
        ("3750.HK", "300750.SZ"),
    ),
    Company(
        "中國海外發展有限公司",
        "中國海外發展",
        "China Overseas Land & Investment Ltd.",
        "China Overseas Land",
        ("0688.HK",),
    ),
    Company(
        "碧桂園控股有限公司", "碧桂園", "Country Garden Holdings Co., Ltd.", "Country Garden", ("2007.HK",)
    ),
    Company("萬科企業股份有限公司", "萬科", "China Vanke Co., Ltd.", "Vanke", ("2202.HK", "000002.SZ")),
)

BUILTIN_ORGS: tuple[tuple[str, str], ...] = (
    ("鼎一投資", "DCL Investments"),
    ("牛津智能", "Oxford Intelligence"),
    ("金義高新", "Jinyi Hi-Tech"),
    ("一汽股權", "FAW Equity"),
    ("美國政府", "US government"),
)

BUILTIN_PEOPLE: tuple[Person, ...] = (
    Person("徐立", "Xu Li"),
    Person("湯曉鷗", "Tang Xiaoou"),
    Person("肖林", "Xiao Lin"),
    Person("陽歌", "Yang Ge"),
    Person("李世達", "Li Shida"),
    Person("梁武仁", "Leung Mo-yan"),
    Person("劉智恒", "Lau Chi-hang"),
    Person("毛戈平", "Mao Geping"),
    Person("包凡", "Bao Fan"),
    Person("朱江明", "Zhu Jiangming"),
    Person("馬化騰", "Ma Huateng"),
    Person("雷軍", "Lei Jun"),
    Person("王興", "Wang Xing"),
    Person("王傳福", "Wang Chuanfu"),
    Person("陳偉", "Chen Wei"),
    Person("張靜", "Zhang Jing"),
)

# Plain finance vocabulary, so the model is not lost on ordinary words around the templates.
VOCAB: tuple[tuple[str, str], ...] = (
    ("人工智能", "artificial intelligence"),
    ("生成式人工智能", "generative AI"),
    ("人臉識別", "facial recognition"),
    ("智慧城市", "smart city"),
    ("不良貸款", "non-performing loans"),
    ("不良資產", "distressed assets"),
    ("資產管理公司", "asset management company"),
    ("投資銀行", "investment banking"),
    ("資產管理", "asset management"),
    ("營運資金", "working capital"),
    ("研發投入", "research and development"),
    ("內資股", "domestic shares"),
    ("H股", "H shares"),
    ("市銷率", "price-to-sales ratio"),
    ("市盈率", "price-to-earnings ratio"),
    ("股東大會", "shareholders' meeting"),
    ("董事會", "the board"),
    ("控股股東", "controlling shareholder"),
    ("首次公開招股", "initial public offering"),
    ("香港交易所", "the Hong Kong stock exchange"),
    ("電動車", "electric vehicles"),
    ("自動駕駛", "autonomous driving"),
    ("消費市場", "consumer market"),
    ("金融科技", "fintech"),
    ("區塊鏈", "blockchain"),
    ("減值損失", "impairment losses"),
    ("毛利率", "gross margin"),
    ("淨利潤", "net profit"),
    ("經營現金流", "operating cash flow"),
    ("派息", "dividend"),
    ("供股", "rights issue"),
    ("配股", "share placement"),
    ("回購", "buyback"),
    ("減持", "share sale"),
    ("裁員", "layoffs"),
    ("重組", "restructuring"),
    ("監管機構", "regulators"),
    ("中國經濟", "China's economy"),
    ("房地產市場", "property market"),
    ("恒生指數", "the Hang Seng Index"),
    ("恒生科技指數", "the Hang Seng Tech Index"),
    ("新聞", "News"),
    ("重點", "Highlights"),
    ("競爭激烈的領域", "A competitive field"),
    ("不良債務堆積", "Bad debts pile up"),
    (
        "欲訂閱咏竹坊每周免費通訊，請點擊這裏",
        "To subscribe to Bamboo Works' free weekly newsletter, click here",
    ),
)

_MONTHS = MONTHS
_WEEKDAYS = (
    ("一", "Monday"),
    ("二", "Tuesday"),
    ("三", "Wednesday"),
    ("四", "Thursday"),
    ("五", "Friday"),
    ("六", "Saturday"),
    ("日", "Sunday"),
)
_LATIN_WORDS = (
    "Wallaby",
    "Medical",
    "Holding",
    "Capital",
    "Partners",
    "Ventures",
    "Digital",
    "Global",
    "Asia",
    "Pacific",
    "Orient",
    "Harbour",
    "Summit",
    "Nova",
    "Apex",
    "Blue",
    "Ocean",
    "Bright",
    "Smart",
    "Labs",
    "Systems",
    "Robotics",
    "Bio",
    "Pharma",
    "Energy",
    "Link",
    "Cloud",
    "Data",
    "Quantum",
    "DCL",
    "Investments",
    "Group",
    "Fund",
    "Trust",
    "Securities",
    "Finance",
    "Tech",
    "Networks",
)
_ACRONYMS = (
    "AI",
    "GenAI",
    "IPO",
    "CEO",
    "CFO",
    "ESG",
    "AI 2.0",
    "Web 3.0",
    "ChatGPT",
    "OpenAI",
    "EV",
    "SaaS",
)


def _group(integer: str) -> str:
    """Thousands separators, as HK papers print them (1,390億, 5,996萬股)."""
    out: list[str] = []
    while len(integer) > 3:
        out.insert(0, integer[-3:])
        integer = integer[:-3]
    out.insert(0, integer)
    return ",".join(out)


def fmt(value: Decimal, group: bool = True) -> str:
    text = format(value.normalize(), "f")
    if "." in text:
        whole, frac = text.split(".")
    else:
        whole, frac = text, ""
    if group:
        whole = _group(whole)
    return whole + ("." + frac if frac else "")


def english_scaled(value: Decimal) -> tuple[str, str]:
    """(number, scale word) for a value in base units: 308000000 → ('308', 'million')."""
    if value >= Decimal("1e9"):
        return fmt(value / Decimal("1e9")), "billion"
    if value >= Decimal("1e6"):
        return fmt(value / Decimal("1e6")), "million"
    return fmt(value), ""


_UNIT_ZH = {
    "CNY": ["元", "元", "元", "元人民幣"],
    "HKD": ["港元"],
    "USD": ["美元"],
    "shares": ["股"],
    "": [""],
}


def english_amount(value: Decimal, unit: str) -> str:
    number, word = english_scaled(value)
    amount = f"{number} {word}" if word else number
    if unit == "CNY":
        return f"{amount} yuan"
    if unit == "HKD":
        return f"HK${amount}"
    if unit == "USD":
        return f"US${amount}"
    if unit == "shares":
        return f"{amount} shares"
    return amount


class Gen:
    def __init__(
        self,
        rng: random.Random,
        companies: tuple[Company, ...],
        people: tuple[Person, ...],
        terms: tuple[tuple[str, str], ...],
        orgs: tuple[tuple[str, str], ...],
    ) -> None:
        self.orgs = orgs
        self.rng = rng
        self.companies = companies
        self.people = people
        self.terms = terms

    # --- slot values -------------------------------------------------------------------------------
    def mantissa(self, unit_char: str) -> Decimal:
        r = self.rng
        if unit_char == "億":
            kind = r.random()
            if kind < 0.15:
                # Under ten 億 with decimals (3.08億 = 308 million) is common in news and the hardest shift.
                return Decimal(r.randint(1, 9)) + Decimal(r.randint(1, 99)) / 100
            if kind < 0.35:
                return Decimal(r.randint(1, 99)) + Decimal(r.randint(1, 99)) / 100
            if kind < 0.6:
                return Decimal(r.randint(1, 999)) + Decimal(r.randint(1, 9)) / 10
            if kind < 0.9:
                return Decimal(r.randint(1, 999))
            return Decimal(r.randint(1000, 3000))
        kind = r.random()
        if kind < 0.7:
            return Decimal(r.choice([r.randint(10, 99) * 100, r.randint(100, 9999), r.randint(1000, 9999)]))
        return Decimal(r.randint(10, 999))

    def amount(self, unit: str) -> tuple[str, str]:
        """(Chinese, English) for a random money/share amount in 億 or 萬."""
        unit_char = "億" if self.rng.random() < 0.6 else "萬"
        m = self.mantissa(unit_char)
        value = m * (Decimal(100_000_000) if unit_char == "億" else Decimal(10_000))
        zh = fmt(m, group=self.rng.random() < 0.9) + unit_char + self.rng.choice(_UNIT_ZH[unit])
        return zh, english_amount(value, unit)

    def pct(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return str(self.rng.randint(1, 99))
        if r < 0.85:
            return f"{self.rng.randint(0, 99)}.{self.rng.randint(1, 9)}"
        return f"{self.rng.randint(0, 20)}.{self.rng.randint(1, 99):02d}".replace(".0", ".0")

    def price(self) -> str:
        whole = self.rng.choice(
            [self.rng.randint(0, 9), self.rng.randint(10, 99), self.rng.randint(100, 650)]
        )
        frac = self.rng.randint(1, 99)
        if frac % 10 == 0:
            return f"{whole}.{frac // 10}"
        return f"{whole}.{frac:02d}" if self.rng.random() < 0.8 or whole == 0 else str(whole)

    def multiple(self) -> str:
        return (
            f"{self.rng.randint(0, 30)}.{self.rng.randint(1, 9)}"
            if self.rng.random() < 0.8
            else str(self.rng.randint(2, 40))
        )

    def year(self) -> int:
        return self.rng.randint(2010, 2027)

    def month_day(self) -> tuple[str, str]:
        m = self.rng.randint(1, 12)
        d = self.rng.randint(1, 28)
        return f"{m}月{d}日", f"{_MONTHS[m - 1]} {d}"

    def weekday(self) -> tuple[str, str]:
        zh, en = self.rng.choice(_WEEKDAYS)
        return self.rng.choice(["周", "週", "星期"]) + zh, en

    def company(self) -> Company:
        return self.rng.choice(self.companies)

    def short(self, c: Company) -> str:
        """A Chinese short form: articles call 商湯集團 商湯 or 商湯科技 as they please."""
        return self.rng.choice((c.short_zh, *c.aliases_zh)) if c.aliases_zh else c.short_zh

    def person(self) -> Person:
        return self.rng.choice(self.people)

    def tickers(self, c: Company) -> tuple[str, str]:
        if self.rng.random() < 0.15:
            t = f"{self.rng.randint(1, 9999):04d}.HK"
            return f"({t})", f"({t})"
        open_, close = ("(", ")") if self.rng.random() < 0.8 else ("（", "）")
        return open_ + ";".join(c.tickers) + close, "(" + "; ".join(c.tickers) + ")"

    def first_mention(self, c: Company) -> tuple[str, str]:
        zt, et = self.tickers(c)
        return c.full_zh + zt, f"{c.full_en} {et}"

    def name(self, c: Company) -> tuple[str, str]:
        """Either the full name with tickers or the short name, as articles use both."""
        if self.rng.random() < 0.45:
            return self.first_mention(c)
        return self.short(c), c.short_en

    def latin(self) -> str:
        k = self.rng.choice([1, 2, 2, 3])
        return " ".join(self.rng.choice(_LATIN_WORDS) for _ in range(k))

    def comma(self) -> str:
        return "，" if self.rng.random() < 0.85 else ","

    def period(self) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.3:
            return "今年上半年", "the first half of this year"
        if r < 0.45:
            return "去年上半年", "the first half of last year"
        if r < 0.7:
            y = self.year()
            return f"{y}年上半年", f"the first half of {y}"
        if r < 0.85:
            y = self.year()
            return f"{y}年", f"{y}"
        q = self.rng.randint(1, 4)
        return f"第{'一二三四'[q - 1]}季", f"the {('first', 'second', 'third', 'fourth')[q - 1]} quarter"


Template = Callable[[Gen], tuple[str, str]]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def t_buyback(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.first_mention(c)
    wz, we = g.weekday()
    p = g.pct()
    return (
        f"{n_zh}{wz}宣布{g.comma()}董事會已批準回購不超過{p}%股份。",
        f"{n_en} announced on {we} that its board had approved the buyback of up to {p}% of its shares.",
    )


def t_buyback_amount(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.name(c)
    az, ae = g.amount(g.rng.choice(["HKD", "HKD", "CNY", "USD"]))
    return (f"{n_zh}計劃斥資最多{az}回購股份。", f"{_cap(n_en)} plans to spend up to {ae} on share buybacks.")


def t_ipo_price(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.name(c)
    p = g.price()
    az, ae = g.amount("HKD")
    return (
        f"{n_zh}以每股{p}港元招股{g.comma()}集資{az}。",
        f"{_cap(n_en)} sold shares in its IPO at HK${p} each, raising {ae}.",
    )


def t_listing(g: Gen) -> tuple[str, str]:
    dz, de = g.month_day()
    p = g.pct()
    up = g.rng.random() < 0.5
    return (
        f"公司於{dz}掛牌{g.comma()}首個交易日即{'飆升' if up else '重挫'}{p}%。",
        f"The company listed on {de}, and its shares {'soared' if up else 'plunged'} {p}% "
        f"on their first trading day.",
    )


def t_close(g: Gen) -> tuple[str, str]:
    wz, we = g.weekday()
    p = g.price()
    pc = g.pct()
    up = g.rng.random() < 0.4
    return (
        f"至{wz}收盤報{p}港元{g.comma()}較發行價{'上升' if up else '下跌'}{pc}%。",
        f"The stock closed at HK${p} on {we}, {'up' if up else 'down'} {pc}% from the offer price.",
    )


def t_midday(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.name(c)
    wz, we = g.weekday()
    p = g.price()
    pc = g.pct()
    up = g.rng.random() < 0.5
    return (
        f"{n_zh}股價{wz}{'高開' if up else '低開'}{g.comma()}至中午休市報{p}港元{g.comma()}"
        f"{'升' if up else '跌'}{pc}%。",
        f"{_cap(n_en)}'s shares opened {'higher' if up else 'lower'} on {we} and were at HK${p} at the "
        f"midday break, {'up' if up else 'down'} {pc}%.",
    )


def t_surge(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.name(c)
    wz, we = g.weekday()
    pc = g.pct()
    up = g.rng.random() < 0.5
    last = g.rng.random() < 0.5
    return (
        f"{n_zh}的股價在{'上' if last else ''}{wz}的交易中{'飆升' if up else '下跌'}了{pc}%。",
        f"{_cap(n_en)}'s shares {'surged' if up else 'fell'} {pc}% in trading "
        f"{'last' if last else 'on'} {we}.",
    )


def t_revenue(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.short(c), c.short_en
    pz, pe = g.period()
    az, ae = g.amount(g.rng.choice(["CNY", "CNY", "HKD", "USD"]))
    pc = g.pct()
    up = g.rng.random() < 0.6
    return (
        f"{pz}{g.comma()}{n_zh}的營收為{az}{g.comma()}較去年同期{'增長' if up else '下降'}{pc}%。",
        f"In {pe}, {n_en}'s revenue was {ae}, {'up' if up else 'down'} {pc}% from a year earlier.",
    )


def t_loss(g: Gen) -> tuple[str, str]:
    pz, pe = g.period()
    a1z, a1e = g.amount("CNY")
    a2z, a2e = g.amount("CNY")
    return (
        f"{pz}{g.comma()}其虧損為{a1z}{g.comma()}較去年同期的{a2z}虧損有所減少。",
        f"In {pe}, its loss was {a1e}, narrower than the loss of {a2e} a year earlier.",
    )


def t_profit(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.name(c)
    pz, pe = g.period()
    az, ae = g.amount(g.rng.choice(["CNY", "HKD"]))
    return (f"{n_zh}{pz}錄得淨利潤{az}。", f"{_cap(n_en)} posted a net profit of {ae} in {pe}.")


def t_raise(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.first_mention(c)
    wz, we = g.weekday()
    az, ae = g.amount("CNY")
    uz, ue = g.amount("USD")
    return (
        f"{n_zh}{wz}宣布{g.comma()}透過發行內資股籌集資金約{az}({uz}){g.comma()}用於研發投入與營運資金。",
        f"{n_en} said on {we} it would raise about {ae} ({ue}) by issuing domestic shares, "
        f"for research and development and working capital.",
    )


def t_issue(g: Gen) -> tuple[str, str]:
    p = g.price()
    sz, se = g.amount("shares")
    hp = g.price()
    pc = g.pct()
    se = se.replace(" shares", " domestic shares")
    return (
        f"公司將按每股{p}元發行約{sz}內資股{g.comma()}相當於每股{hp}港元{g.comma()}較最新H股收市價溢價約{pc}%。",
        f"The company will issue about {se} at {p} yuan each, equivalent to "
        f"HK${hp} per share, a premium of about {pc}% to the latest H-share closing price.",
    )


def t_issue_total(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.name(c)
    sz, se = g.amount("shares")
    pc = g.pct()
    return (
        f"{n_zh}本輪共計發行{sz}{g.comma()}佔公司經擴大總股本{pc}%。",
        f"{_cap(n_en)} has issued a total of {se} in this round, or {pc}% of its enlarged share capital.",
    )


def t_selldown(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.first_mention(c)
    sz, se = g.amount("shares")
    pc = g.pct()
    return (
        f"{n_zh}公布{g.comma()}控股股東將於六個月內減持{sz}{g.comma()}佔已發行股份總數的{pc}%。",
        f"{n_en} said its controlling shareholder will sell {se} within six months, "
        f"or {pc}% of its issued shares.",
    )


def t_cashout(g: Gen) -> tuple[str, str]:
    az, ae = g.amount("HKD")
    return (
        f"若按近日收市價計算{g.comma()}預計可套現達{az}。",
        f"At recent closing prices, the sale could raise as much as {ae}.",
    )


def t_acquire(g: Gen) -> tuple[str, str]:
    a = g.company()
    b = g.company()
    an, ae_ = g.name(a)
    bn, be = g.name(b)
    wz, we = g.weekday()
    az, ae = g.amount("CNY")
    uz, ue = g.amount("USD")
    return (
        f"上{wz}{g.comma()}{an}表示{g.comma()}將以{az}(約{uz}){g.comma()}向{bn}收購兩個不良個人貸款資產包。",
        f"Last {we}, {ae_} said it would pay {ae} (about {ue}) to buy two packages of non-performing "
        f"personal loans from {be}.",
    )


def t_principal(g: Gen) -> tuple[str, str]:
    a1z, a1e = g.amount("CNY")
    a2z, a2e = g.amount("CNY")
    return (
        f"對於本金總額約{a1z}的不良貸款{g.comma()}買方僅支付約{a2z}。",
        f"For non-performing loans with total principal of about {a1e}, "
        f"the buyer is paying only about {a2e}.",
    )


def t_valuation(g: Gen) -> tuple[str, str]:
    c = g.company()
    az, ae = g.amount("HKD")
    bz, be = g.amount("HKD")
    return (
        f"當時估值{az}的{g.short(c)}最終籌集了{bz}。",
        f"{c.short_en}, valued at {ae} at the time, eventually raised {be}.",
    )


def t_ps(g: Gen) -> tuple[str, str]:
    x = g.multiple()
    return (
        f"目前{g.comma()}該股的市銷率約為{x}倍。",
        f"The stock currently trades at about {x} times sales.",
    )


def t_ps_compare(g: Gen) -> tuple[str, str]:
    c = g.company()
    x = g.multiple()
    zt, et = g.tickers(c)
    return (
        f"這與{g.short(c)}{zt}約{x}倍的水平相近。",
        f"That is close to the level of about {x} times for {c.short_en} {et}.",
    )


def t_multiple_growth(g: Gen) -> tuple[str, str]:
    az, ae = g.amount("CNY")
    x = g.multiple()
    return (
        f"該業務的收入為{az}{g.comma()}是去年同期的{x}倍。",
        f"Revenue from the business was {ae}, {x} times the figure a year earlier.",
    )


def t_users(g: Gen) -> tuple[str, str]:
    y = g.year()
    m = g.rng.randint(1, 12)
    n = g.mantissa("億")
    return (
        f"到{y}年{m}月底{g.comma()}中國GenAI用戶數量達到{fmt(n)}億。",
        f"By the end of {_MONTHS[m - 1]} {y}, China had {english_amount(n * Decimal(100_000_000), '')} "
        f"GenAI users.",
    )


def t_staff(g: Gen) -> tuple[str, str]:
    y = g.year()
    a = g.rng.randint(1000, 20000)
    b = g.rng.randint(500, a)
    m = g.rng.randint(1, 12)
    return (
        f"該公司的員工人數從{y}年的{_group(str(a))}人降至{m}月底的{_group(str(b))}人。",
        f"The company's headcount fell from {_group(str(a))} in {y} to {_group(str(b))} at the end of "
        f"{_MONTHS[m - 1]}.",
    )


def t_founded(g: Gen) -> tuple[str, str]:
    c = g.company()
    p = g.person()
    y = g.year()
    return (f"{g.short(c)}由{p.zh}於{y}年創立。", f"{c.short_en} was founded by {p.en} in {y}.")


def t_blacklist(g: Gen) -> tuple[str, str]:
    c = g.company()
    y = g.year()
    m = g.rng.randint(1, 12)
    return (
        f"美國政府於{y}年{m}月將{g.short(c)}列入黑名單。",
        f"The US government put {c.short_en} on a blacklist in {_MONTHS[m - 1]} {y}.",
    )


def t_peak(g: Gen) -> tuple[str, str]:
    c = g.company()
    y1 = g.year()
    y2 = g.year()
    az, ae = g.amount("CNY")
    bz, be = g.amount("CNY")
    return (
        f"{g.short(c)}的年收入在{y1}年攀升至{az}的峰值{g.comma()}高於{y2}年的{bz}。",
        f"{c.short_en}'s annual revenue peaked at {ae} in {y1}, up from {be} in {y2}.",
    )


def t_drop_from_high(g: Gen) -> tuple[str, str]:
    y = g.year()
    pc = g.pct()
    return (
        f"該股仍比{y}年初的高點下跌了約{pc}%。",
        f"The stock is still down about {pc}% from its high in early {y}.",
    )


def t_ipo_date(g: Gen) -> tuple[str, str]:
    c = g.company()
    n_zh, n_en = g.name(c)
    y = g.year()
    m = g.rng.randint(1, 12)
    p = g.price()
    return (
        f"{n_zh}在{y}年{m}月以每股{p}港元上市。",
        f"{_cap(n_en)} listed in {_MONTHS[m - 1]} {y} at HK${p} per share.",
    )


def t_high(g: Gen) -> tuple[str, str]:
    p = g.price()
    pc = g.pct()
    return (
        f"之後股價一度高見{p}港元{g.comma()}升幅{pc}%。",
        f"The shares later hit a high of HK${p}, a gain of {pc}%.",
    )


def t_loan(g: Gen) -> tuple[str, str]:
    c = g.company()
    y = g.year()
    name = g.latin()
    az, ae = g.amount("USD")
    return (
        f"例如在{y}年{g.comma()}{g.short(c)}曾向一家無關聯機構{name}提供{az}貸款。",
        f"In {y}, for example, {c.short_en} lent {ae} to an unrelated party, {name}.",
    )


def t_latin_inst(g: Gen) -> tuple[str, str]:
    name = g.latin()
    y = g.year()
    zh_name, en_name = g.rng.choice(g.orgs)
    if g.rng.random() < 0.5:
        return (
            f"本土機構{zh_name}({name})於{y}年成立。",
            f"The local firm {en_name} ({name}) was set up in {y}.",
        )
    c = g.company()
    return (
        f"{g.short(c)}將向{zh_name}發行內資股。",
        f"{c.short_en} will issue domestic shares to {en_name}.",
    )


def t_acronym(g: Gen) -> tuple[str, str]:
    c = g.company()
    a = g.rng.choice(_ACRONYMS)
    r = g.rng.random()
    if r < 0.33:
        return (f"{g.short(c)}將優先發展{a}業務。", f"{c.short_en} will give priority to its {a} business.")
    if r < 0.66:
        return (f"{g.short(c)}的{a}轉型進展迅速。", f"{c.short_en}'s {a} transformation has moved fast.")
    return (f"每個業務單元都有自己獨立的{a}。", f"Each business unit has its own {a}.")


def t_term(g: Gen) -> tuple[str, str]:
    zh, en = g.rng.choice(g.terms)
    c = g.company()
    r = g.rng.random()
    if r < 0.35 or len(zh) > 8 or not en[:1].islower():
        return zh, en
    if r < 0.7:
        return (f"{g.short(c)}正涉足{zh}領域。", f"{c.short_en} is moving into {en}.")
    return (f"{zh}是{g.short(c)}的核心業務。", f"{_cap(en)} is the core business of {c.short_en}.")


def t_company_alone(g: Gen) -> tuple[str, str]:
    c = g.company()
    if g.rng.random() < 0.5:
        return g.first_mention(c)
    return c.short_zh, c.short_en


def t_byline(g: Gen) -> tuple[str, str]:
    p = g.person()
    return p.zh, p.en


def t_exec(g: Gen) -> tuple[str, str]:
    c = g.company()
    p = g.person()
    wz, we = g.weekday()
    return (
        f"{g.short(c)}董事長兼首席執行官{p.zh}在{wz}的內部信中表示重組已完成。",
        f"{c.short_en} chairman and CEO {p.en} said in an internal letter on {we} that the "
        f"restructuring was complete.",
    )


def t_headline(g: Gen) -> tuple[str, str]:
    c = g.company()
    az, ae = g.amount("CNY")
    r = g.rng.random()
    if r < 0.33:
        return (
            f"簡訊:{g.short(c)}發行內資股集資{az}",
            f"Brief: {c.short_en} raises {ae} from domestic share issue",
        )
    if r < 0.66:
        return (
            f"簡訊:上市月餘股價勁挫 {g.short(c)}急回購挺股價",
            f"Brief: {c.short_en} rushes to buy back shares after post-IPO slump",
        )
    return (f"{g.short(c)}試水不良貸款", f"{c.short_en} tests the waters in bad loans")


def t_fraction(g: Gen) -> tuple[str, str]:
    pc = g.pct()
    pz, pe = g.period()
    return (
        f"{pz}{g.comma()}其智慧城市業務的收入貢獻已降至不足{pc}%。",
        f"In {pe}, the contribution of its smart city business to revenue fell below {pc}%.",
    )


def t_bare_amount(g: Gen) -> tuple[str, str]:
    c = g.company()
    n = g.mantissa("億")
    return (
        f"{g.short(c)}的總營收為{fmt(n)}億。",
        f"{c.short_en}'s total revenue was {english_amount(n * Decimal(100_000_000), '')}.",
    )


TEMPLATES: tuple[tuple[Template, float], ...] = (
    (t_buyback, 3),
    (t_buyback_amount, 2),
    (t_ipo_price, 3),
    (t_listing, 2),
    (t_close, 2),
    (t_midday, 2),
    (t_surge, 2),
    (t_revenue, 4),
    (t_loss, 3),
    (t_profit, 2),
    (t_raise, 3),
    (t_issue, 2),
    (t_issue_total, 2),
    (t_selldown, 2),
    (t_cashout, 1),
    (t_acquire, 3),
    (t_principal, 2),
    (t_valuation, 2),
    (t_ps, 1),
    (t_ps_compare, 2),
    (t_multiple_growth, 2),
    (t_users, 2),
    (t_staff, 2),
    (t_founded, 1),
    (t_blacklist, 1),
    (t_peak, 2),
    (t_drop_from_high, 1),
    (t_ipo_date, 2),
    (t_high, 1),
    (t_loan, 2),
    (t_latin_inst, 1),
    (t_acronym, 2),
    (t_term, 3),
    (t_company_alone, 2),
    (t_byline, 1),
    (t_exec, 1),
    (t_headline, 1),
    (t_fraction, 1),
    (t_bare_amount, 1),
)


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split(";") if part.strip()]


def read_glossary(
    path: Path,
) -> tuple[list[Company], list[Person], list[tuple[str, str]], list[tuple[str, str]]]:
    """Listed companies, people, terms and other organisations of a workbench glossary.csv."""
    companies: list[Company] = []
    people: list[Person] = []
    terms: list[tuple[str, str]] = []
    orgs: list[tuple[str, str]] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            zh = (row.get("traditional") or "").strip()
            en = (row.get("english") or "").strip()
            if not zh or not en:
                continue
            aliases = _split(row.get("aliases") or "")
            tickers = tuple(_split(row.get("tickers") or ""))
            kind = (row.get("type") or "").strip().lower()
            cjk_aliases = [a for a in aliases if _CJK.search(a)]
            if tickers:
                # The glossary's English column is the house form for first and later mentions alike.
                shorts = cjk_aliases + ([zh] if len(zh) <= 6 else [])
                companies.append(
                    Company(zh, min(shorts, key=len) if shorts else zh, en, en, tickers, tuple(shorts))
                )
            elif kind in ("company", "organisation", "organization"):
                orgs.append((zh, en))
                orgs.extend((alias, en) for alias in cjk_aliases if len(alias) >= 3)
            elif kind == "person":
                people.append(Person(zh, en))
            else:
                terms.append((zh, en))
    return companies, people, terms, orgs


Lists = tuple[
    tuple[Company, ...], tuple[Person, ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]
]


def merged_lists(glossary: Path | None) -> Lists:
    """The built-in lists, with the glossary's entries replacing built-in ones for the same listing."""
    companies = list(BUILTIN_COMPANIES)
    people = {p.zh: p for p in BUILTIN_PEOPLE}
    terms = dict(VOCAB)
    orgs = dict(BUILTIN_ORGS)
    if glossary is not None and glossary.is_file():
        g_companies, g_people, g_terms, g_orgs = read_glossary(glossary)
        taken = {t for c in g_companies for t in c.tickers}
        names = {n for c in g_companies for n in (c.full_zh, c.short_zh, *c.aliases_zh)}
        companies = [c for c in companies if not taken & set(c.tickers) and c.short_zh not in names]
        companies.extend(g_companies)
        people.update({p.zh: p for p in g_people})
        terms.update(dict(g_terms))
        orgs.update(dict(g_orgs))
    return tuple(companies), tuple(people.values()), tuple(terms.items()), tuple(orgs.items())


def generate(n: int, seed: int, glossary: Path | None = None) -> Iterator[tuple[str, str]]:
    """``n`` deterministic (Traditional Chinese, English) pairs."""
    rng = random.Random(seed)
    companies, people, terms, orgs = merged_lists(glossary)
    gen = Gen(rng, companies, people, terms, orgs)
    funcs = [t for t, _ in TEMPLATES]
    weights = [w for _, w in TEMPLATES]
    for _ in range(n):
        yield rng.choices(funcs, weights)[0](gen)


if __name__ == "__main__":
    for zh, en in generate(40, 1):
        print(zh, "\t", en)
