"""The readable articles rebuilt from the PO files as they are now: ``en.md`` and ``zh_Hans.txt``.

An editor reads ``en.md`` and may publish it, so every sentence that no reviewer has accepted (fuzzy, or
still empty) carries a marker they can search for; an empty one shows its Chinese source after the marker,
so nothing is silently missing. ``reviewed_only`` refuses to write while such a sentence exists and
returns the list instead, for a publishing step that must not let machine output through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import InputError
from workbench.model import ParagraphKind
from workbench.owned import require_article_or_translations_folder
from workbench.po import article_of, is_reviewed, live_entries, load_po, load_po_if_present
from workbench.textio import write_text_atomic

if TYPE_CHECKING:
    import polib

DEFAULT_MARKER = "⟦MT⟧ "
ENGLISH_TITLE = "X-Workbench-English-Title"
HIGHLIGHTS_LABEL = "Highlights"

_KIND = re.compile(r"^kind:\s*(\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Unreviewed:
    """A sentence of ``en.po`` that no reviewer has accepted yet."""

    path: Path
    position: str  # p3.s2, where the sentence is in the article
    source: str
    reason: str  # "fuzzy" or "empty"

    def __str__(self) -> str:
        return f"{self.path}: {self.position} ({self.reason}): {self.source}"


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    article_id: str
    written: tuple[Path, ...]
    unreviewed: tuple[Unreviewed, ...]
    marked: int  # sentences of en.md carrying the marker
    refused: bool  # reviewed_only was asked and unreviewed sentences remain; nothing was written

    @property
    def files(self) -> tuple[Path, ...]:
        return self.written


@dataclass(frozen=True)
class _Sentence:
    label: str
    paragraph: int
    sentence: int
    kind: ParagraphKind
    source: str
    text: str
    reviewed: bool


def build_article(folder: Path, marker: str = DEFAULT_MARKER, reviewed_only: bool = False) -> BuildResult:
    """Write ``en.md`` (from ``en.po``) and ``zh_Hans.txt`` (from ``zh_Hans.po``) in an article folder.

    ``marker`` goes before every machine-only sentence; a marker holding ``{}`` wraps it instead
    (``"[MT: {}]"``). With ``reviewed_only`` nothing is written while any entry is fuzzy or empty; the
    result lists them.
    """
    folder = Path(folder)
    en_path = folder / "en.po"
    if not en_path.is_file():
        raise InputError(f"{folder}: no en.po here; give an article folder made by `workbench translate`")
    if not marker.strip():
        raise InputError("the marker is empty; give text an editor can search for, e.g. --marker '⟦MT⟧ '")
    po = load_po(en_path)
    article = article_of(po, en_path)
    unreviewed = tuple(_unreviewed(en_path, po))
    if reviewed_only and unreviewed:
        return BuildResult(folder, article, (), unreviewed, 0, refused=True)

    # Both catalogs are read before anything is written, so a broken zh_Hans.po leaves en.md as it was.
    zh_path = folder / "zh_Hans.po"
    texts, marked = render_article(po, load_po_if_present(zh_path), marker)
    outputs = {folder / name: text for name, text in texts.items()}
    for path, content in outputs.items():
        write_text_atomic(path, content)
    return BuildResult(folder, article, tuple(outputs), unreviewed, marked, refused=False)


def render_article(
    en: polib.POFile, zh: polib.POFile | None, marker: str = DEFAULT_MARKER
) -> tuple[dict[str, str], int]:
    """The texts of ``en.md`` and (when ``zh`` is a catalog) ``zh_Hans.txt`` by file name, and how many
    sentences of ``en.md`` carry the marker.

    For callers that hold the catalogs already (the main job just wrote them), so no file is read twice.
    """
    text, marked = _render_english(_sentences(en), marker, en.metadata.get(ENGLISH_TITLE, "").strip())
    texts = {"en.md": text}
    if zh is not None:
        texts["zh_Hans.txt"] = _render_simplified(_sentences(zh))
    return texts, marked


def article_folders(paths: Iterable[Path]) -> list[Path]:
    """The article folders named by ``paths``: each is an article folder or a tree of them."""
    folders: dict[Path, None] = {}  # in order, each once (a list's `in` made thousands of folders quadratic)
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputError(f"{path}: no such folder; give an article folder or the translations folder")
        # Before searching it: `workbench report /` must not read the whole disk.
        require_article_or_translations_folder(path)
        if (path / "en.po").is_file():
            found = [path]
        else:
            found = sorted(p.parent for p in path.rglob("en.po")) if path.is_dir() else []
        if not found:
            raise InputError(
                f"{path}: no en.po found; give an article folder or the translations folder "
                "(run `workbench translate` first)"
            )
        folders.update(dict.fromkeys(found))
    return list(folders)


def _sentences(po: polib.POFile) -> list[_Sentence]:
    """The live entries in article order (paragraph, sentence); entries with no position go last."""
    from workbench.po.keys import entry_label, entry_position

    keyed: list[tuple[tuple[int, int, int], _Sentence]] = []
    last = 1 << 30
    for order, entry in enumerate(live_entries(po)):
        place = entry_position(entry)
        paragraph, sentence = (place.paragraph, place.sentence) if place else (last, order)
        kind_match = _KIND.search(entry.comment or "")
        try:
            kind = ParagraphKind(kind_match.group(1)) if kind_match else ParagraphKind.BODY
        except ValueError:
            kind = ParagraphKind.BODY
        keyed.append(
            (
                (paragraph, sentence, order),
                _Sentence(
                    entry_label(entry),
                    paragraph,
                    sentence,
                    kind,
                    entry.msgid,
                    entry.msgstr,
                    is_reviewed(entry),
                ),
            )
        )
    return [s for _, s in sorted(keyed, key=lambda pair: pair[0])]


def _unreviewed(path: Path, po: polib.POFile) -> Iterable[Unreviewed]:
    for s in _sentences(po):
        if not s.reviewed:
            yield Unreviewed(path, s.label, s.source, "empty" if not s.text.strip() else "fuzzy")


def _paragraphs(sentences: Sequence[_Sentence]) -> list[list[_Sentence]]:
    paragraphs: list[list[_Sentence]] = []
    for s in sentences:
        if paragraphs and paragraphs[-1][0].paragraph == s.paragraph:
            paragraphs[-1].append(s)
        else:
            paragraphs.append([s])
    return paragraphs


def _mark(text: str, marker: str) -> str:
    return marker.replace("{}", text) if "{}" in marker else marker + text


def _render_english(sentences: Sequence[_Sentence], marker: str, english_title: str = "") -> tuple[str, int]:
    """The Markdown draft and how many sentences in it carry the marker."""
    blocks: list[str] = []
    marked = 0
    bullets: list[str] = []

    def flush_bullets() -> None:
        if bullets:
            blocks.append("\n".join(bullets))
            bullets.clear()

    def join(paragraph: Sequence[_Sentence]) -> str:
        nonlocal marked
        parts = []
        for s in paragraph:
            text = " ".join(s.text.split())
            if not s.reviewed:
                marked += 1
                text = _mark(text or s.source.strip(), marker)
            parts.append(text)
        return " ".join(p for p in parts if p)

    if english_title:
        blocks.append(f"# {' '.join(english_title.split())}")
    for paragraph in _paragraphs(sentences):
        kind = paragraph[0].kind
        if kind is not ParagraphKind.BULLET:
            flush_bullets()
        if kind is ParagraphKind.TITLE:
            # The English headline printed with the article is the editor's own; it wins over a draft.
            if not english_title:
                blocks.append(f"# {join(paragraph)}")
        elif kind is ParagraphKind.HIGHLIGHTS:
            blocks.append(f"**{HIGHLIGHTS_LABEL}**")
        elif kind is ParagraphKind.BULLET:
            bullets.append(f"- {join(paragraph)}")
        elif kind is ParagraphKind.HEADING:
            blocks.append(f"## {join(paragraph)}")
        elif kind is ParagraphKind.BYLINE:
            text = join(paragraph)
            blocks.append(text if text.lower().startswith("by ") else f"By {text}")
        else:
            blocks.append(join(paragraph))
    flush_bullets()
    return "\n\n".join(blocks) + "\n", marked


def _render_simplified(sentences: Sequence[_Sentence]) -> str:
    """The Simplified article: one paragraph a block, sentences joined as Chinese is written."""
    blocks: list[str] = []
    bullets: list[str] = []
    for paragraph in _paragraphs(sentences):
        # A sentence OpenCC has not converted yet stays in its Traditional form rather than vanish.
        text = "".join((s.text or s.source).strip() for s in paragraph)
        if paragraph[0].kind is ParagraphKind.BULLET:
            bullets.append(f"• {text}")
            continue
        if bullets:
            blocks.append("\n".join(bullets))
            bullets = []
        blocks.append(text)
    if bullets:
        blocks.append("\n".join(bullets))
    return "\n\n".join(blocks) + "\n"
