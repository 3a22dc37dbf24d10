"""Writing the review site: an index, one page per article and a glossary page, as static HTML.

Every page is one self-contained file (styles and the article page's small script inline, no fonts, images
or libraries from elsewhere), so it opens from ``file://`` and from any web server alike. Templates are
jinja2 files beside this module, rendered with autoescaping: text from the PO files (sources, drafts,
reviewers' comments) can never become markup. The Content-Security-Policy in every page admits only the
page's own style and script, by hash, as a second line of defence.

The output folder holds a marker file; a folder with files but no marker is someone else's and is refused,
so ``-o`` can never overwrite a page that was not made here. The marker also remembers each article's
summary and the size and time of its PO files: a rebuild (after every ``translate`` and ``build``) reads and
renders only the articles whose files changed, and redraws the index and glossary from the summaries.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import jsonfile
from workbench.errors import InputError
from workbench.owned import refuse_links_in_site
from workbench.report.read import ArticleSummary, State, read_article
from workbench.textio import write_text_atomic

if TYPE_CHECKING:
    from workbench.glossary import Glossary

REPORT_FOLDER = "report"
MARKER = ".workbench-report"
ARTICLES = "articles"
_MARKER_NOTE = "Made by `workbench report`; everything in this folder is rebuilt from the PO files."
_CACHE_VERSION = 1
# A few hundred bytes an article: 256 MiB is far beyond any translations folder.
MARKER_MAX_BYTES = 256 << 20
MARKER_MAX_DEPTH = 16
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class TermRow:
    """A line of the glossary page: a term and the articles whose sentences name it."""

    traditional: str
    simplified: str
    english: str
    tickers: tuple[str, ...]
    type: str
    found: tuple[str, ...]  # the forms the articles use, when other than the full Traditional name
    articles: tuple[ArticleSummary, ...]


@dataclass(frozen=True)
class SiteResult:
    out: Path
    articles: tuple[ArticleSummary, ...]
    written: int  # files written (unchanged ones are left alone)
    read: int  # article folders read; the others were unchanged since the last report

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(a.problem for a in self.articles if a.problem)


def default_out(tree: Path) -> Path:
    return Path(tree) / REPORT_FOLDER


def write_report(tree: Path, out: Path | None = None, glossary: Glossary | None = None) -> SiteResult:
    """Read every article folder under ``tree`` and write the site to ``out`` (default ``tree/report``)."""
    from workbench.build import article_folders

    tree = Path(tree)
    # The site's own folder may be a link only where the user named it with -o.
    refuse_links_in_site(default_out(tree) if out is None else Path(out), itself=out is None)
    out = default_out(tree) if out is None else Path(out)
    _claim(out)
    folders = article_folders([tree])
    names = _page_names(tree, folders)
    env = _environment()
    assets = _assets(env)
    version = _fingerprint(env, assets)
    cached = _read_marker(out, version)
    remembered: dict[str, Any] = {}
    summaries: list[ArticleSummary] = []
    written = read = 0
    article_template = env.get_template("article.html")
    for folder in folders:
        page = f"{ARTICLES}/{names[folder]}"
        stamp = _stamp(folder)  # before reading: a file saved meanwhile is read again next time
        summary = _unchanged(cached.get(page), stamp, out / page)
        if summary is None:
            article = read_article(folder, page)
            read += 1
            # Article pages sit one folder down; their links to each other go through the index.
            text = article_template.render(assets, root="../", a=article)
            written += _write(out / page, text)
            summary = ArticleSummary.of(article)
        if not summary.problem:
            remembered[page] = {"stamp": stamp, "summary": summary.as_json()}
        summaries.append(summary)
    for name, text in _overview(env, assets, tree, summaries, glossary).items():
        written += _write(out / name, text)
    marker = {"note": _MARKER_NOTE, "version": version, "articles": remembered}
    written += _write(out / MARKER, json.dumps(marker, ensure_ascii=False, sort_keys=True) + "\n")
    _remove_stale(out / ARTICLES, {Path(s.page).name for s in summaries})
    return SiteResult(out, tuple(summaries), written, read)


def rebuild_if_present(tree: Path, glossary: Glossary | None = None) -> SiteResult | None:
    """Rebuild the report at its default place under ``tree`` when one was made there; else do nothing."""
    out = default_out(tree)
    if not (out / MARKER).is_file():
        return None
    return write_report(tree, out, glossary)


def _claim(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: is a file, not a folder; give a folder for the report with -o")
    if (out / "en.po").exists():
        raise InputError(f"{out}: is an article folder; give another folder for the report with -o")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise InputError(
            f"{out}: holds files that `workbench report` did not write; give a new or empty folder with -o"
        )


def _page_names(tree: Path, folders: Sequence[Path]) -> dict[Path, str]:
    """A file name per article folder, from its path under ``tree``: readable, unique, safe in a URL."""
    names: dict[Path, str] = {}
    used: set[str] = set()
    for folder in folders:
        try:
            relative = folder.resolve().relative_to(tree.resolve()).as_posix()
        except ValueError:
            relative = folder.name
        stem = _UNSAFE.sub("-", relative.replace("/", "--")).strip(".-") or "article"
        name, n = f"{stem}.html", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}.html"
        used.add(name.lower())
        names[folder] = name
    return names


def _assets(env: Any) -> dict[str, Any]:
    """What every page shares: the stylesheet and script, their CSP hashes, helpers for the charts."""
    from markupsafe import Markup

    # Our own stylesheet and script go into <style> and <script> as they are (entities mean nothing there).
    style = Markup(env.get_template("report.css").render())
    script = Markup(env.get_template("article.js").render())
    return {
        "State": State,
        "style": style,
        "style_hash": _csp_hash(style),
        "script": script,
        "script_hash": _csp_hash(script),
        "percent": _percent,
        "segments": _segments,
        "last": 1 << 30,
    }


def _overview(
    env: Any,
    assets: dict[str, Any],
    tree: Path,
    articles: Sequence[ArticleSummary],
    glossary: Glossary | None,
) -> dict[str, str]:
    """The index and the glossary page; neither has a script, so their policy admits none."""
    shared = {**assets, "root": "", "script_hash": _csp_hash("")}
    totals = {state: sum(a.count(state) for a in articles) for state in State}
    terms = _terms(articles, glossary)
    return {
        "index.html": env.get_template("index.html").render(
            shared,
            tree=str(tree),
            articles=articles,
            totals=totals,
            total=sum(totals.values()),
            errors=sum(a.errors for a in articles),
            warnings=sum(a.warnings for a in articles),
        ),
        "glossary.html": env.get_template("glossary.html").render(
            shared,
            terms=terms,
            used=sum(bool(t.articles) for t in terms),
            glossary_source=str(glossary.source) if glossary is not None and glossary.source else "",
        ),
    }


def _fingerprint(env: Any, assets: dict[str, Any]) -> str:
    """What pages were made with: a new workbench or changed templates make every page again."""
    from workbench import __version__

    digest = hashlib.sha256(f"{_CACHE_VERSION} {__version__}".encode())
    for name in sorted(env.list_templates()):
        source, _, _ = env.loader.get_source(env, name)
        digest.update(f"{name}\0{source}\0".encode())
    digest.update(str(assets["style_hash"] + assets["script_hash"]).encode())
    return digest.hexdigest()[:16]


def _stamp(folder: Path) -> list[list[int]]:
    """Time and size of an article's PO files: what decides whether its page is made again."""
    stamp = []
    for name in ("en.po", "zh_Hans.po"):
        try:
            st = (folder / name).stat()
            stamp.append([st.st_mtime_ns, st.st_size])
        except FileNotFoundError:
            stamp.append([0, -1])
    return stamp


def _read_marker(out: Path, version: str) -> dict[str, Any]:
    """The article summaries of the last report, when made the same way; nothing otherwise.

    A marker that cannot be read is noted and left for this report to rewrite (it also says whose folder
    this is, so it is never removed)."""
    path = out / MARKER
    data = jsonfile.read_state(path, max_bytes=MARKER_MAX_BYTES, max_depth=MARKER_MAX_DEPTH, remove=False)
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("articles", {}), dict):
        jsonfile.set_aside(path, "is not a report's marker", remove=False)
        return {}
    if data.get("version") != version:
        return {}
    articles = data.get("articles")
    return articles if isinstance(articles, dict) else {}


def _unchanged(cached: Any, stamp: list[list[int]], page: Path) -> ArticleSummary | None:
    if not isinstance(cached, dict) or cached.get("stamp") != stamp or not page.is_file():
        return None
    try:
        return ArticleSummary.from_json(cached["summary"])
    except (KeyError, TypeError, ValueError, AttributeError):
        # A marker edited by hand or from elsewhere only costs a fresh read.
        return None


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("workbench.report", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}" if whole else "0"


def _segments(counts: Mapping[State, int], whole: int, width: int) -> list[tuple[State, str, str]]:
    """Stacked-bar pieces (state, x, width) for ``counts`` scaled to ``width``; empty states are skipped."""
    pieces = []
    x = 0.0
    for state in State:
        share = width * counts[state] / whole if whole else 0.0
        if share > 0:
            pieces.append((state, f"{x:.3f}", f"{share:.3f}"))
        x += share
    return pieces


def _terms(articles: Sequence[ArticleSummary], glossary: Glossary | None) -> list[TermRow]:
    """Every glossary entry (or, without a glossary, every term the PO hints name) with its articles."""
    uses: dict[tuple[str, tuple[str, ...]], dict[str, ArticleSummary]] = {}
    found: dict[tuple[str, tuple[str, ...]], dict[str, None]] = {}
    for a in articles:
        for term in a.terms:
            key = (term.english, term.tickers)
            uses.setdefault(key, {})[a.page] = a
            found.setdefault(key, {})[term.text] = None
    rows: list[TermRow] = []
    listed: set[tuple[str, tuple[str, ...]]] = set()
    for entry in glossary or ():
        key = (entry.english, entry.tickers)
        listed.add(key)
        rows.append(
            TermRow(
                entry.traditional,
                entry.simplified,
                entry.english,
                entry.tickers,
                entry.type,
                tuple(t for t in found.get(key, {}) if t != entry.traditional),
                tuple(uses.get(key, {}).values()),
            )
        )
    # Names the PO files carry hints for but the glossary given (if any) does not list.
    for key, forms in found.items():
        if key not in listed:
            names = tuple(forms)
            rows.append(TermRow(names[0], "", key[0], key[1], "", names[1:], tuple(uses[key].values())))
    return rows


def _write(path: Path, text: str) -> int:
    """Write ``text`` unless the file already holds it, so an unchanged page keeps its timestamp."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return 0
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)
    return 1


def _remove_stale(folder: Path, wanted: Iterable[str]) -> None:
    """Drop pages of articles that are gone; only ``.html`` files in the report's own articles folder."""
    wanted = set(wanted)
    if not folder.is_dir():
        return
    for page in folder.glob("*.html"):
        if page.name not in wanted and page.is_file():
            page.unlink()
