"""Article folders in the PO layout, written with polib as `workbench translate` and a reviewer leave them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from workbench.po import entry_position
from workbench.po.keys import contexts_for


@dataclass(frozen=True)
class Row:
    where: str  # "p3.s2"
    source: str  # Traditional sentence (msgid)
    english: str = ""  # msgstr of en.po
    fuzzy: bool = False  # machine output nobody has accepted
    kind: str | None = None  # title, standfirst, highlights, bullet, byline, heading; None for body
    simplified: str = ""  # msgstr of zh_Hans.po


def _header(article: str, language: str, english_title: str | None) -> dict[str, str]:
    meta = {
        "Project-Id-Version": f"workbench {article}",
        "POT-Creation-Date": "2025-01-08 10:00+0800",
        "PO-Revision-Date": "2025-01-08 10:00+0800",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Generator": "workbench 0.1.0",
        "X-Workbench-Article": article,
        "X-Workbench-Source": "seeds/page.txt",
    }
    if english_title:
        meta["X-Workbench-English-Title"] = english_title
    return meta


def write_article(
    tree: Path,
    article: str,
    rows: list[Row],
    *,
    english_title: str | None = None,
    simplified: bool = True,
    obsolete: tuple[Row, ...] = (),
    legacy: bool = False,
) -> Path:
    """Write en.po (and zh_Hans.po) of ``rows``; ``legacy`` writes the old positional msgctxt
    (``<article>:p3.s2``, no ``position:`` comment), as files made before stable keys are."""
    folder = tree / article
    folder.mkdir(parents=True, exist_ok=True)
    en = polib.POFile(wrapwidth=0)
    en.metadata = _header(article, "en", english_title)
    zh = polib.POFile(wrapwidth=0)
    zh.metadata = _header(article, "zh_Hans", None)
    contexts = contexts_for(row.source for row in rows)
    for line, (row, context) in enumerate(zip(rows, contexts, strict=True), start=10):
        notes = [] if legacy else [f"position: {row.where}"]
        notes += [f"kind: {row.kind}"] if row.kind else []
        comment = "\n".join(notes)
        msgctxt = f"{article}:{row.where}" if legacy else context
        en.append(
            polib.POEntry(
                msgctxt=msgctxt,
                msgid=row.source,
                msgstr=row.english,
                comment=comment,
                occurrences=[("seeds/page.txt", str(line))],
                flags=["fuzzy"] if row.fuzzy else [],
            )
        )
        zh.append(
            polib.POEntry(
                msgctxt=msgctxt,
                msgid=row.source,
                msgstr=row.simplified,
                comment=comment,
                occurrences=[("seeds/page.txt", str(line))],
            )
        )
    for row in obsolete:
        en.append(
            polib.POEntry(
                msgctxt=f"{article}:{row.where}" if legacy else None,
                msgid=row.source,
                msgstr=row.english,
                obsolete=True,
            )
        )
    en.save(str(folder / "en.po"))
    if simplified:
        zh.save(str(folder / "zh_Hans.po"))
    return folder


def review(folder: Path, edits: dict[str, str] | None = None) -> None:
    """Accept every entry of en.po as a reviewer clearing fuzzy flags in Poedit would, with optional edits."""
    path = folder / "en.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        where = str(entry_position(entry))
        if edits and where in edits:
            entry.msgstr = edits[where]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))


# One article as `workbench translate` leaves it, with a mix of accepted and machine-only sentences.
SENSETIME = [
    Row("p1.s1", "商湯完成重組專注生成式人工智能", "SenseTime completes reorg to focus on GenAI",
        kind="title", simplified="商汤完成重组专注生成式人工智能"),
    Row("p2.s1", "該公司曾是傳統人工智能領域的領導者，現已正式重組。",
        "The company, once a leader in traditional AI, has formally reorganised.", kind="standfirst",
        simplified="该公司曾是传统人工智能领域的领导者，现已正式重组。"),
    Row("p3.s1", "重點:", "Key points:", kind="highlights", simplified="重点:"),
    Row("p4.s1", "商湯已完成戰略重組。", "SenseTime has completed a strategic reorganisation.", kind="bullet",
        simplified="商汤已完成战略重组。"),
    Row("p5.s1", "這家公司正轉向一個市場潛力更大的大眾領域。",
        "The company is shifting to a mass market with more potential.", fuzzy=True, kind="bullet",
        simplified="这家公司正转向一个市场潜力更大的大众领域。"),
    Row("p6.s1", "肖林", "Xiao Lin", kind="byline", simplified="肖林"),
    Row("p7.s1", "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能公司之一。",
        "SenseTime Group Inc. (0020.HK) is one of China's first pure AI companies.",
        simplified="商汤集团股份有限公司(0020.HK)是中国最早的纯人工智能公司之一。"),
    Row("p7.s2", "該股在上周五的交易中飆升了14%。", "The stock jumped 14% in trading last Friday.",
        simplified="该股在上周五的交易中飙升了14%。"),
    Row("p8.s1", "競爭激烈的領域", "A crowded field", kind="heading", simplified="竞争激烈的领域"),
    Row("p9.s1", "今年上半年，其虧損為25億元，較去年同期的31億元虧損有所減少。",
        "Its loss narrowed to 2.5 billion yuan in the first half from 3.1 billion yuan a year earlier.",
        simplified="今年上半年，其亏损为25亿元，较去年同期的31亿元亏损有所减少。"),
    Row("p9.s2", "預計公司至少到2026年仍將維持虧損狀態。",
        "The company is expected to remain loss-making until at least 2026.", fuzzy=True,
        simplified="预计公司至少到2026年仍将维持亏损状态。"),
    Row("p9.s3", "成立十年後，商湯仍在虧損。", "",
        simplified="成立十年后，商汤仍在亏损。"),
]  # fmt: skip
