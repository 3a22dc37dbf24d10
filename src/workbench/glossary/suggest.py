"""``glossary suggest``: names the glossary lacks, found in articles and in reviewed translations.

Three kinds of evidence, strongest first:

* a name followed by a ticker in brackets, ``華興資本控股有限公司(1911.HK)`` or ``周大福(01929)``;
* a name ending in a company suffix (股份有限公司, 控股, 集團, 科技, 銀行, 資本 …);
* short forms of those names used later in the same text (華興資本 for 華興資本控股有限公司).

Each suggestion carries its count, the ticker found, the OpenCC Simplified name and, where possible, an
English name: the one reviewers used consistently in reviewed PO entries (non-fuzzy, non-empty), else one
from a translation model when the caller passes a ``translate`` function. Nothing here edits the glossary;
a person reviews the list and appends the rows.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench import tickers as tk
from workbench.errors import InputError
from workbench.facts.render import MONTHS, WEEKDAYS
from workbench.glossary.core import Glossary
from workbench.model import GlossaryEntry

Translate = Callable[[list[str]], list[str]]

_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TICKER_TOKEN = r"(?:[A-Z]{2,6}\s*:\s*)?[0-9A-Za-z][0-9A-Za-z.\-]{0,11}"
_BRACKETED_TICKERS = re.compile(rf"[（(]\s*({_TICKER_TOKEN}(?:\s*[;；,，、/]\s*{_TICKER_TOKEN})*)\s*[)）]")

# Legal forms first: they end a company name for certain. The short suffixes also end ordinary words
# (金融科技, 民營資本), so names found only through them pass the generic-word filter below.
LEGAL_SUFFIXES = ("股份有限公司", "有限責任公司", "有限公司", "公司")
SHORT_SUFFIXES = (
    "控股",
    "集團",
    "科技",
    "銀行",
    "資本",
    "證券",
    "保險",
    "地產",
    "置業",
    "醫藥",
    "實業",
)
_SUFFIX_CHAIN = re.compile(
    "(?:" + "|".join(sorted(SHORT_SUFFIXES, key=len, reverse=True)) + ")*"
    "(?:" + "|".join(LEGAL_SUFFIXES[:3] + SHORT_SUFFIXES) + ")"
)

# Where a run of Chinese characters stops being a description and starts being the name: after a trade
# description (面館連鎖運營商|廣州遇見小麵…) or a function word (向|奇富科技).
_BOUNDARY_WORDS = (
    "運營商",
    "營運商",
    "製造商",
    "開發商",
    "供應商",
    "服務商",
    "生產商",
    "零售商",
    "經銷商",
    "分銷商",
    "承包商",
    "企業",
    "公司",
    "銀行",
    "券商",
    "車企",
    "藥企",
    "房企",
    "險企",
    "平台",
    "平臺",
    "機構",
    "巨頭",
    "龍頭",
    "同業",
    "對手",
    "旗下",
    "股東",
    "品牌",
    "連鎖",
    "包括",
    "例如",
    "以及",
    "表示",
    "宣布",
    "宣佈",
    "公布",
    "公佈",
    "指出",
    "透露",
    "的",
    "之",
    "向",
    "與",
    "及",
    "由",
    "對",
    "在",
    "將",
    "為",
    "是",
    "從",
    "把",
    "被",
    "讓",
    "給",
    "據",
    "令",
    "跟",
    "而",
    "但",
    "即",
    "稱",
    "儘管",
    "促使",
    "使用",
    "於",
    "等",
    "非",
    "和",
)
# Description words that also end in a company suffix; a name made only of these is not a name.
_GENERIC = {
    "金融",
    "投資",
    "民營",
    "國有",
    "國營",
    "國資",
    "本土",
    "外資",
    "中資",
    "港資",
    "私募",
    "商業",
    "地方",
    "數字",
    "數碼",
    "人工智能",
    "信息",
    "資訊",
    "網絡",
    "互聯網",
    "金融科技",
    "生物",
    "醫療",
    "大型",
    "中小",
    "上市",
    "內地",
    "香港",
    "全球",
    "中國",
    "美國",
    "海外",
    "區域",
    "城市",
    "農村",
    "村鎮",
    "社會",
    "風險",
    "創業",
    "產業",
    "汽車",
    "電子",
    "前沿",
    "新興",
    "傳統",
    "該",
    "其",
    "這",
    "本",
    "新",
    "各",
    "多家",
    "一家",
    "這家",
    "該家",
    "母",
    "子",
    "控股",
    "集團",
    "科技",
    "投資銀行",
    "資產管理",
    "管理",
    "控股股東",
}
_PLACES = (
    "中國",
    "香港",
    "澳門",
    "北京",
    "上海",
    "天津",
    "重慶",
    "廣州",
    "深圳",
    "杭州",
    "南京",
    "蘇州",
    "武漢",
    "成都",
    "西安",
    "福州",
    "廈門",
    "長沙",
    "青島",
    "大連",
    "寧波",
    "合肥",
    "鄭州",
    "濟南",
    "瀋陽",
    "昆明",
    "廣東",
    "浙江",
    "江蘇",
    "福建",
    "山東",
    "河南",
    "河北",
    "湖南",
    "湖北",
    "四川",
    "安徽",
    "江西",
    "遼寧",
    "吉林",
    "黑龍江",
    "陝西",
    "山西",
    "雲南",
    "貴州",
    "廣西",
    "海南",
    "甘肅",
    "內蒙古",
    "新疆",
    "西藏",
    "寧夏",
    "青海",
)
_TRADES = (
    "集團",
    "控股",
    "科技",
    "餐飲",
    "化妝品",
    "汽車",
    "醫藥",
    "醫療",
    "生物",
    "實業",
    "地產",
    "置業",
    "銀行",
    "證券",
    "保險",
    "國際",
    "電子",
    "網絡",
    "能源",
    "傳媒",
    "食品",
    "零售",
)


@dataclass(frozen=True)
class Suggestion:
    traditional: str
    count: int  # mentions of the full name in the texts read
    tickers: tuple[str, ...]
    simplified: str
    english: str = ""  # proposed English name; "" when there is no evidence and no model
    english_from: str = ""  # "reviewed" (reviewers' consistent rendering), "model", or ""
    short_forms: tuple[tuple[str, int], ...] = ()  # later short forms and their counts
    reason: str = "suffix"  # "ticker", "suffix" or "reviewed": the evidence that found the name
    sources: tuple[str, ...] = ()
    alias_of: GlossaryEntry | None = None  # the glossary already lists this ticker under another name

    def as_entry(self) -> GlossaryEntry:
        """The glossary row to append after review."""
        where = ", ".join(Path(s).name for s in self.sources[:3])
        note = f"suggested: {self.count} mention{'s' if self.count != 1 else ''} in {where}"
        if self.english_from:
            note += (
                f"; English from {'reviewed translations' if self.english_from == 'reviewed' else 'model'}"
            )
        return GlossaryEntry(
            traditional=self.traditional,
            simplified=self.simplified,
            english=self.english,
            aliases=tuple(form for form, _ in self.short_forms),
            tickers=self.tickers,
            type="company",
            notes=note,
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "traditional": self.traditional,
            "simplified": self.simplified,
            "english": self.english,
            "english_from": self.english_from,
            "count": self.count,
            "tickers": list(self.tickers),
            "short_forms": [{"name": form, "count": n} for form, n in self.short_forms],
            "reason": self.reason,
            "sources": list(self.sources),
            "alias_of": None
            if self.alias_of is None
            else {"row": self.alias_of.row, "traditional": self.alias_of.traditional},
        }


@dataclass(frozen=True)
class Reviewed:
    """One reviewed PO entry: the Traditional sentence and the English a reviewer approved."""

    source: str
    english: str
    where: str = ""


@dataclass
class _Candidate:
    name: str
    reason: str
    tickers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


# -- finding names in Chinese text --------------------------------------------------------------------


def _run_before(text: str, end: int) -> str:
    start = end
    while start > 0 and _CJK_CHAR.match(text[start - 1]):
        start -= 1
    return text[start:end]


def trim_description(run: str, keep: int = 2) -> str:
    """The name at the end of a run of Chinese characters, without the description before it.

    The run is cut after the last boundary word that leaves at least ``keep`` characters, unless what is
    left starts with a company suffix (the 銀行 of 建設銀行股份有限公司 is part of the name).
    """
    return run[_cut(run, keep) :]


def _cut(run: str, keep: int) -> int:
    best = 0
    for word in _BOUNDARY_WORDS:
        index = run.rfind(word)
        while index >= 0:
            cut = index + len(word)
            if len(run) - cut >= keep and not run[cut:].startswith(LEGAL_SUFFIXES + SHORT_SUFFIXES):
                best = max(best, cut)
                break
            index = run.rfind(word, 0, index)
    return best


def names_with_tickers(text: str) -> list[tuple[str, tuple[str, ...], int]]:
    """(name, tickers, position) for each name written right before a ticker in brackets."""
    found: list[tuple[str, tuple[str, ...], int]] = []
    for m in _BRACKETED_TICKERS.finditer(text):
        parts = tk.split_list(m.group(1))
        normalised = [tk.normalise(p) for p in parts]
        if not parts or any(t is None for t in normalised):
            continue
        name = trim_description(_run_before(text, m.start()))
        if len(name) >= 2:
            found.append((name, tuple(t for t in normalised if t), m.start() - len(name)))
    return found


def names_with_suffixes(text: str) -> list[tuple[str, int]]:
    """(name, position) for each name ending in a company suffix that is more than a description."""
    found: list[tuple[str, int]] = []
    for m in _SUFFIX_CHAIN.finditer(text):
        # Keep 0 characters: a suffix right after a function word (表達對集團, 為集團) is no name at all.
        stem = trim_description(_run_before(text, m.start()), keep=0)
        if len(stem) < 2 or _is_generic(stem):
            continue
        found.append((stem + m.group(0), m.start() - len(stem)))
    return found


def _is_generic(stem: str) -> bool:
    """True for a stem that describes rather than names (國有銀行, 金融科技, 本土投資銀行)."""
    return any(stem.endswith(word) for word in _GENERIC)


def short_forms(name: str) -> list[str]:
    """Shorter ways an article may refer to ``name`` after its first mention."""
    forms: list[str] = []
    base = name
    for suffix in ("集團股份有限公司", "控股有限公司", "集團有限公司", *LEGAL_SUFFIXES[:3]):
        if base.endswith(suffix) and len(base) - len(suffix) >= 2:
            base = base[: -len(suffix)]
            break
    forms.append(base)
    for place in _PLACES:
        if base.startswith(place) and len(base) - len(place) >= 2:
            base = base[len(place) :]
            forms.append(base)
            break
    core = base
    for trade in _TRADES:
        if base.endswith(trade) and len(base) - len(trade) >= 2:
            core = base[: -len(trade)]
            forms.append(core)
            break
    forms += [core + trade for trade in _TRADES]
    return [f for f in dict.fromkeys(forms) if f != name and len(f) >= 2]


def _count(text: str, names: Iterable[str]) -> Counter[str]:
    """Non-overlapping mentions of each name, longest first (零跑汽車 is not also a 零跑)."""
    ordered = sorted(set(names), key=len, reverse=True)
    if not ordered:
        return Counter()
    pattern = re.compile("|".join(re.escape(n) for n in ordered))
    return Counter(m.group(0) for m in pattern.finditer(text))


def _known(glossary: Glossary, name: str) -> bool:
    if glossary.by_name(name) is not None:
        return True
    hits = glossary.match(name)
    return len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(name)


# -- English evidence from reviewed translations -------------------------------------------------------

_CAPITALISED = re.compile(
    r"[A-Z][A-Za-z0-9&'’\-]*(?:\.[A-Za-z]+)*(?:\s+(?:(?:of|and|the|de|&)\s+)?[A-Z][A-Za-z0-9&'’\-]*(?:\.[A-Za-z]+)*)*"
)
_NOT_NAMES = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "It",
    "Its",
    "This",
    "That",
    "But",
    "And",
    "However",
    "Last",
    "On Tuesday",
    "China",
    "Hong Kong",
    "US",
    "U.S.",
    "CEO",
    "AI",
    "IPO",
    "HK",
    "Chinese",
    *WEEKDAYS,
    *MONTHS,
}
_LEADING = re.compile(r"^(?:The|A|An|In|On|At|As|But|And|However|Last|Meanwhile|Also)\s+")


def _phrases(english: str) -> set[str]:
    out: set[str] = set()
    for m in _CAPITALISED.finditer(english):
        phrase = _LEADING.sub("", m.group(0)).removesuffix("'s").removesuffix("’s").strip()
        if phrase and phrase not in _NOT_NAMES and not phrase.startswith(("HK$", "US$")):
            out.add(phrase)
    return out


def _anchored(english: str, ticker: str) -> str | None:
    """The capitalised phrase written right before ``(ticker)`` in an English sentence."""
    for m in re.finditer(r"[(（]\s*([^()（）]{1,30}?)\s*[)）]", english):
        parts = [tk.normalise(p) for p in tk.split_list(m.group(1))]
        if ticker not in parts:
            continue
        before = english[: m.start()].rstrip()
        words = list(_CAPITALISED.finditer(before))
        if words and words[-1].end() == len(before):
            phrase = _LEADING.sub("", words[-1].group(0)).removesuffix("'s").strip()
            if phrase:
                return phrase
    return None


class _Evidence:
    """Renderings reviewers chose for each Chinese name, to tell a consistent one from a guess."""

    def __init__(self) -> None:
        self.anchored: dict[str, Counter[str]] = defaultdict(Counter)
        self.free: dict[str, list[set[str]]] = defaultdict(list)

    def english_for(self, name: str) -> str | None:
        anchored = self.anchored.get(name)
        if anchored:
            rendering, votes = anchored.most_common(1)[0]
            if votes * 3 >= sum(anchored.values()) * 2:
                return rendering
            return None
        sets = self.free.get(name, [])
        if len(sets) < 2:
            return None
        common = set.intersection(*sets)
        # Keep only the most specific phrases: "China Renaissance Holdings" over "China Renaissance".
        common = {p for p in common if not any(p != q and p in q for q in common)}
        return next(iter(common)) if len(common) == 1 else None


def _gather(glossary: Glossary, reviewed: Sequence[Reviewed], names: Iterable[str]) -> _Evidence:
    evidence = _Evidence()
    wanted = sorted(set(names), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in wanted)) if wanted else None
    for item in reviewed:
        tickers_of: dict[str, tuple[str, ...]] = {n: t for n, t, _ in names_with_tickers(item.source)}
        explained = {
            form for hit in glossary.match(item.source) for form in glossary.english_forms(hit.entry)
        }
        free = {p for p in _phrases(item.english) if not any(p in form or form in p for form in explained)}
        mentioned = set(m.group(0) for m in pattern.finditer(item.source)) if pattern else set()
        for name in mentioned:
            anchored = None
            for ticker in tickers_of.get(name, ()):
                anchored = _anchored(item.english, ticker)
                if anchored:
                    break
            if anchored:
                evidence.anchored[name][anchored] += 1
            elif free:
                evidence.free[name].append(free)
    return evidence


# -- the whole job -------------------------------------------------------------------------------------


def suggest(
    glossary: Glossary,
    texts: Sequence[tuple[str, str]],
    reviewed: Sequence[Reviewed] = (),
    translate: Translate | None = None,
) -> list[Suggestion]:
    """Names in ``texts`` ((source, text) pairs) and ``reviewed`` entries that ``glossary`` lacks."""
    from workbench.simplified import to_simplified

    candidates: dict[str, _Candidate] = {}

    def note(name: str, reason: str, source: str, tickers: Iterable[str] = ()) -> None:
        cand = candidates.setdefault(name, _Candidate(name, reason))
        if reason == "ticker":
            cand.reason = "ticker"
        cand.tickers += [t for t in tickers if t not in cand.tickers]
        if source not in cand.sources:
            cand.sources.append(source)

    for source, text in texts:
        for name, found_tickers, _ in names_with_tickers(text):
            note(name, "ticker", source, found_tickers)
        for name, _ in names_with_suffixes(text):
            note(name, "suffix", source)
    for item in reviewed:
        for name, found_tickers, _ in names_with_tickers(item.source):
            note(name, "reviewed", item.where or "reviewed", found_tickers)
        for name, _ in names_with_suffixes(item.source):
            note(name, "reviewed", item.where or "reviewed")

    # Without a ticker or a legal form, a name's start is a guess: 分析師看好富途控股 is 富途控股 with a verb
    # in front. When a shorter candidate ends the longer one, the shorter is the name.
    for cand in sorted(candidates.values(), key=lambda c: -len(c.name)):
        if cand.tickers or cand.name.endswith(LEGAL_SUFFIXES[:3]):
            continue
        shorter = next((o for o in candidates if o != cand.name and cand.name.endswith(o)), None)
        if shorter is not None:
            candidates[shorter].sources += [s for s in cand.sources if s not in candidates[shorter].sources]
            del candidates[cand.name]

    # A short name found on its own (華興資本, by its 資本 suffix) belongs under the full name it abbreviates.
    full = sorted(
        (c for c in candidates.values() if c.tickers or c.name.endswith(LEGAL_SUFFIXES[:3])),
        key=lambda c: -len(c.name),
    )
    forms_of: dict[str, list[str]] = {}
    for cand in full:
        forms_of[cand.name] = [f for f in short_forms(cand.name) if not _known(glossary, f)]
        for form in forms_of[cand.name]:
            other = candidates.get(form)
            if other is not None and other is not cand and not other.tickers:
                cand.sources += [s for s in other.sources if s not in cand.sources]
                del candidates[form]

    counts: Counter[str] = Counter()
    all_names = {n for c in candidates.values() for n in (c.name, *forms_of.get(c.name, ()))}
    for _, text in texts:
        counts.update(_count(text, all_names))
    reviewed_counts: Counter[str] = Counter()
    for item in reviewed:
        reviewed_counts.update(_count(item.source, all_names))

    evidence = _gather(glossary, reviewed, all_names)
    out: list[Suggestion] = []
    for cand in candidates.values():
        if _known(glossary, cand.name):
            continue
        hits = glossary.match(cand.name)
        if not cand.tickers and hits and hits[-1].end == len(cand.name):
            continue  # a description in front of a name the glossary has (使用奇富科技)
        alias_of = next((e for t in cand.tickers if (e := glossary.by_ticker(t)) is not None), None)
        found_forms = tuple(
            (form, counts[form] or reviewed_counts[form])
            for form in forms_of.get(cand.name, ())
            if counts[form] or reviewed_counts[form]
        )
        english = evidence.english_for(cand.name)
        if english is None:
            english = next((r for f, _ in found_forms if (r := evidence.english_for(f))), None)
        if cand.reason == "reviewed" and english is None and not cand.tickers:
            continue  # from reviewed files, only names reviewers rendered consistently are news
        count = counts[cand.name] or reviewed_counts[cand.name]
        if (
            cand.reason == "suffix"
            and not cand.name.endswith(LEGAL_SUFFIXES[:3])
            and count + sum(n for _, n in found_forms) < 2
        ):
            continue  # one mention of a word ending in 科技 or 資本 is too weak to bother a person with
        out.append(
            Suggestion(
                traditional=cand.name,
                count=count,
                tickers=tuple(cand.tickers),
                simplified=to_simplified(cand.name),
                english=english or "",
                english_from="reviewed" if english else "",
                short_forms=found_forms,
                reason=cand.reason,
                sources=tuple(cand.sources),
                alias_of=alias_of,
            )
        )
    if translate is not None:
        missing = [s for s in out if not s.english and s.alias_of is None]
        if missing:
            renderings = translate([s.traditional for s in missing])
            by_name = {s.traditional: r.strip() for s, r in zip(missing, renderings, strict=True)}
            out = [
                replace(s, english=by_name[s.traditional], english_from="model")
                if by_name.get(s.traditional)
                else s
                for s in out
            ]
    rank = {"ticker": 0, "reviewed": 1, "suffix": 2}
    return sorted(out, key=lambda s: (rank[s.reason], -s.count, s.traditional))


# -- reading inputs ------------------------------------------------------------------------------------


def read_reviewed(path: Path) -> list[Reviewed]:
    """Reviewed entries of an English PO file: not fuzzy, not obsolete, with a translation."""
    from workbench.po import is_english, is_reviewed, load_po

    po = load_po(path)
    if not is_english(po, path):
        return []
    return [Reviewed(source=e.msgid, english=e.msgstr, where=str(path)) for e in po if is_reviewed(e)]


def collect(paths: Sequence[str | Path]) -> tuple[list[tuple[str, str]], list[Reviewed]]:
    """Pages and reviewed PO entries from ``paths`` (pages, PO files, or folders holding PO files)."""
    from workbench.textio import read_page

    texts: list[tuple[str, str]] = []
    reviewed: list[Reviewed] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for po_path in sorted(p.rglob("*.po")):
                reviewed += read_reviewed(po_path)
        elif p.suffix.lower() == ".po":
            if not p.exists():
                raise InputError(f"{p}: no such PO file")
            reviewed += read_reviewed(p)
        else:
            page = read_page(p)
            texts.append((page.path, page.text))
    return texts, reviewed


def suggest_from_paths(
    glossary: Glossary,
    paths: Sequence[str | Path],
    translate: Translate | None = None,
) -> list[Suggestion]:
    """``suggest`` over pages, PO files and folders of PO files (such as ``translations/``)."""
    texts, reviewed = collect(paths)
    return suggest(glossary, texts, reviewed, translate)


__all__ = ["Reviewed", "Suggestion", "Translate", "collect", "read_reviewed", "suggest", "suggest_from_paths"]
