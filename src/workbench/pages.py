"""Splitting a scraped page into articles and articles into typed paragraphs.

Pages come from the web, messy. What this module decides, once and consistently:

- An article starts at a ticker tag line (``0020.HK``), at an English headline or caption line (the page
  prints them above the Chinese article: ``SenseTime completes reorg to focus on GenAI``), at a brief's title
  (``簡訊:...``), and after the subscription footer of the previous article.
- Ticker tags and English lines are metadata of the article they start (``Article.tickers``,
  ``Article.english_title``), never sentences to machine-translate.
- The subscription footer (``欲訂閱咏竹坊每周免費通訊,請點擊這裏``) is boilerplate: it ends the article and is
  dropped, with anything after it on its line. It is not translated; a publication adds its own.
- A short label alone on a line right before the next article starts (``新聞``) is a section label of the
  page, not an article and not part of one; it is dropped.
- The first Chinese line of an article is its title when it reads as one (short, no commas or sentence
  punctuation); otherwise the article has no Chinese title and that line is its standfirst.
- Some articles arrive with all their paragraphs collapsed into one line. A line is cut into blocks at
  whitespace that follows a sentence end (or a comma) or stands between two Chinese characters; a block of
  2-4 Chinese characters on its own is a byline, a short unpunctuated block in the body a heading, the
  blocks after a ``重點:`` label the highlights (one segment each), until the byline or the first
  punctuated paragraph.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from workbench import tickers as ticker_forms
from workbench.errors import InputError
from workbench.model import Article, Paragraph, ParagraphKind
from workbench.owned import is_reserved
from workbench.segment import fold_space, normalise_space

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
# In either script, as the brief and highlights labels below: a page that came in Simplified is still cut
# into the same articles.
FOOTER = re.compile(r"欲(?:訂閱|订阅).{0,20}?(?:通訊|通讯)\s*[,，]?\s*(?:請點擊這裏|请点击这里).*$")
_TICKER_TAG = re.compile(r"^\s*(?:[A-Z]{1,6}:)?\d{1,6}(?:\.[A-Z]{2})?(?:\s*[;,/]\s*[A-Z0-9.:]+)*\s*$")
_BRIEF_TITLE = re.compile(r"^(?:簡訊|简讯|快訊|快讯|短訊|短讯)\s*[:：]")
_HIGHLIGHTS = re.compile(r"(?:重點|重点|要點|要点|摘要)\s*[:：]")
_BULLET = re.compile(r"^\s*[•·●▪■◆\-\*]\s*")
_SENTENCE_END = "。！？!?…」』”’）)"
# A block boundary inside a collapsed line: whitespace after a sentence end or comma, or between two
# Chinese characters. Whitespace between Latin text and anything (AI 2.0時代, Web 3.0) never cuts.
_BLOCK_CUT = re.compile(
    f"(?<=[{_SENTENCE_END},，:：])\\s+(?=[{_CJK}「『“（(])|(?<=[{_CJK}])\\s+(?=[{_CJK}「『“])"
)
_BYLINE = re.compile(f"^[{_CJK}]{{2,4}}(?:\\s*[、/]\\s*[{_CJK}]{{2,4}})*$")
_PUNCT = re.compile(r"[,，、;；:：。！？!?]")


def split_page(text: str, source: str) -> list[Article]:
    """The articles of a page, in page order, each with a stable id.

    A page that yields none (a section label alone, only the subscription footer) is refused with
    ``InputError``: a run that writes nothing must say so, not exit as if it had worked.
    """
    drafts = _collect(text.split("\n"))
    articles: list[Article] = []
    seen: dict[str, int] = {}
    for draft in drafts:
        paragraphs = _classify(draft.lines)
        if not paragraphs:
            continue
        article_id = _unique(_article_id(draft, paragraphs), seen)
        title_para = paragraphs[0] if paragraphs[0].kind is ParagraphKind.TITLE else None
        title = title_para.text if title_para else (draft.english_title or paragraphs[0].text)
        articles.append(
            Article(
                id=article_id,
                title=title,
                source=source,
                paragraphs=tuple(paragraphs),
                english_title=draft.english_title,
                tickers=tuple(draft.tickers),
            )
        )
    if not articles:
        raise InputError(
            f"{source}: no article found (only section labels, tags or the subscription footer); "
            "give a page with at least one Chinese article"
        )
    return articles


@dataclass
class _Draft:
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text) of Chinese content
    english_title: str | None = None
    tickers: list[str] = field(default_factory=list)

    @property
    def started(self) -> bool:
        return bool(self.lines or self.english_title or self.tickers)


def _kind_of_line(line: str) -> str:
    if not line:
        return "blank"
    if _TICKER_TAG.match(line) and any(ticker_forms.normalise(t) for t in ticker_forms.split_list(line)):
        return "tag"
    if not _HAS_CJK.search(line):
        return "english" if re.search(r"[A-Za-z]{2,}", line) else "blank"
    if _BRIEF_TITLE.match(line):
        return "brief"
    return "chinese"


def _collect(raw_lines: list[str]) -> list[_Draft]:
    """Group the page's lines into articles."""
    lines = [(n, normalise_space(raw)) for n, raw in enumerate(raw_lines, start=1)]
    kinds = [_kind_of_line(text) for _, text in lines]
    drafts: list[_Draft] = []
    current = _Draft()

    def start_new() -> None:
        nonlocal current
        if current.started:
            drafts.append(current)
        current = _Draft()

    for index, ((number, text), kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind == "blank":
            continue
        if kind == "tag":
            if current.lines:
                start_new()
            current.tickers.extend(
                t for t in (ticker_forms.normalise(p) for p in ticker_forms.split_list(text)) if t
            )
            continue
        if kind == "english":
            if current.lines or current.english_title:
                start_new()
            current.english_title = text
            continue
        if kind == "brief" and current.lines:
            start_new()
        if kind == "chinese" and _is_section_label(text, index, kinds):
            continue
        footer = FOOTER.search(text)
        if footer:
            text = text[: footer.start()].strip()
        if text:
            current.lines.append((number, text))
        if footer:
            start_new()
    start_new()
    return drafts


def _is_section_label(text: str, index: int, kinds: list[str]) -> bool:
    """A short bare label followed by the start of another article (``新聞``) labels the page's section."""
    if len(text) > 6 or _PUNCT.search(text) or not _HAS_CJK.search(text):
        return False
    following = next((k for k in kinds[index + 1 :] if k != "blank"), "end")
    return following in ("tag", "english", "brief", "end")


def _blocks(text: str) -> list[str]:
    """Cut one line into the paragraphs that were collapsed into it."""
    text = _HIGHLIGHTS.sub(lambda m: f" {m.group(0)} ", text)
    out: list[str] = []
    for piece in _BLOCK_CUT.split(text):
        for part in re.split(f"\\s+(?=(?:{_HIGHLIGHTS.pattern}))|(?<=[:：])\\s+(?=[{_CJK}])", piece):
            part = part.strip()
            if part:
                out.append(part)
    return out


def _classify(lines: list[tuple[int, str]]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    in_highlights = False
    seen_body = False
    for position, (number, line) in enumerate(lines):
        if position == 0 and _is_title(line):
            paragraphs.append(Paragraph(ParagraphKind.TITLE, line, number))
            continue
        bullet_line = bool(_BULLET.match(line))
        for block in _blocks(line) if not bullet_line else [_BULLET.sub("", line)]:
            if _HIGHLIGHTS.fullmatch(block):
                paragraphs.append(Paragraph(ParagraphKind.HIGHLIGHTS, block, number))
                in_highlights = True
                continue
            ends = block.endswith(tuple(_SENTENCE_END)) and not block.endswith((")", "）"))
            if _BYLINE.match(block):
                kind = ParagraphKind.BYLINE
                in_highlights = False
            elif bullet_line or (in_highlights and not ends):
                kind = ParagraphKind.BULLET
            elif (
                not seen_body
                and not ends
                and not any(p.kind in (ParagraphKind.STANDFIRST, ParagraphKind.BODY) for p in paragraphs)
            ):
                kind = ParagraphKind.STANDFIRST
            elif not ends and len(block) <= 24 and not _PUNCT.search(block):
                kind = ParagraphKind.HEADING
            else:
                kind = ParagraphKind.BODY
                in_highlights = False
                seen_body = True
            paragraphs.append(Paragraph(kind, block, number))
    return paragraphs


def _is_title(line: str) -> bool:
    if _BRIEF_TITLE.match(line):
        return True
    body = line.strip()
    return len(body) <= 36 and not _PUNCT.search(body) and not body.endswith(tuple(_SENTENCE_END))


def _article_id(draft: _Draft, paragraphs: list[Paragraph]) -> str:
    """A readable slug that stays the same when the article's body is edited.

    From the English headline when the page gives one; otherwise the first ticker of the article and a
    short hash of its Chinese title. Never a name the tool uses in a translations folder (``report``).
    """
    if draft.english_title:
        slug = _slugify(draft.english_title)
        if slug:
            # A headline such as "Report" must not take the name of the review site's folder.
            return f"{slug}-article" if is_reserved(slug) else slug
    # The title with its spaces folded, so the id is the one given before the page's spaces were kept.
    anchor = fold_space(paragraphs[0].text)
    digest = hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:6]
    ticker = draft.tickers[0] if draft.tickers else _first_ticker(paragraphs)
    prefix = _slugify(ticker) if ticker else "article"
    return f"{prefix}-{digest}"


def _first_ticker(paragraphs: list[Paragraph]) -> str | None:
    for paragraph in paragraphs:
        for m in re.finditer(r"[(（]\s*([A-Za-z0-9.:;；\s]{1,40}?)\s*[)）]", paragraph.text):
            for part in ticker_forms.split_list(m.group(1)):
                found = ticker_forms.normalise(part)
                if found and (found.endswith(".HK") and "." in part or len(part) >= 4):
                    return found
    return None


def _slugify(text: str, limit: int = 48) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def _unique(article_id: str, seen: dict[str, int]) -> str:
    seen[article_id] = seen.get(article_id, 0) + 1
    return article_id if seen[article_id] == 1 else f"{article_id}-{seen[article_id]}"
