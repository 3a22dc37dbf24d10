"""Writing the review site: an index, one page per article and a glossary page, as static HTML.

Every page is one self-contained file (styles and the page's small script inline, no fonts, images or
libraries from elsewhere), so it opens from ``file://`` and from any web server alike. Templates are jinja2
files beside this module, rendered with autoescaping: text from the PO files (sources, drafts, reviewers'
comments) can never become markup. The Content-Security-Policy in every page admits only the page's own
style and script, by hash, as a second line of defence.

The output folder holds a marker file; a folder with files but no marker is someone else's and is refused,
so ``-o`` can never overwrite a page that was not made here. Inside it, nothing is ever followed: a symlink
found where a page or a folder of the site belongs is removed and replaced by the real thing, and whatever
it pointed to is left alone.

The marker also remembers each article's summary, the size and time of the files it was made from (PO
files, sign-off record) and of the page as written. A rebuild (after every ``translate``, ``build`` and
``signoff``) reads, checks and renders only the articles whose files changed or whose page is missing or not
as written, and redraws the index and glossary from the summaries. The summaries are kept under a digest of
the workbench's code, the templates and the glossary, so a changed check or glossary checks every article
again: the findings shown are always those ``workbench check`` gives now.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from workbench import jsonfile
from workbench.errors import InputError, WorkbenchError
from workbench.owned import refuse_links_in_site
from workbench.report.read import ArticleReport, ArticleSummary, State, Status, read_article
from workbench.signoff import SIGNOFF_NAME
from workbench.textio import write_bytes_atomic

if TYPE_CHECKING:
    from workbench.glossary import Glossary

REPORT_FOLDER = "report"
MARKER = ".workbench-report"
ARTICLES = "articles"
XLIFF = "xliff"
_TERM_ARTICLES = 5  # articles named per glossary term; the others are one search away on the index
PAGE_SIZE = 100  # index rows shown at once; the rest are a page away (and all there without scripts)
_MARKER_NOTE = "Made by `workbench report`; everything in this folder is rebuilt from the PO files."
_CACHE_VERSION = 2
# A few hundred bytes an article: 256 MiB is far beyond any translations folder.
MARKER_MAX_BYTES = 256 << 20
MARKER_MAX_DEPTH = 16
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ARTICLE_FILES = ("en.po", "zh_Hans.po", "en.md")
_MARKUP_CHARS = re.compile(r"[<>&]")  # never searched for, and kept out of the page's data altogether
_INDEX_PAGE = re.compile(r"^index-\d+\.html$")


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
    read: int  # article folders read and checked; the others were unchanged since the last report

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(a.problem for a in self.articles if a.problem)


def default_out(tree: Path) -> Path:
    return Path(tree) / REPORT_FOLDER


def write_report(tree: Path, out: Path | None = None, glossary: Glossary | None = None) -> SiteResult:
    """Read every article folder under ``tree`` and write the site to ``out`` (default ``tree/report``).

    ``glossary`` is what the findings are checked against, as ``workbench check --glossary`` would.
    """
    from workbench.build import article_folders

    tree = Path(tree)
    # The site's own folder may be a link only where the user named it with -o.
    refuse_links_in_site(default_out(tree) if out is None else Path(out), itself=out is None)
    out = default_out(tree) if out is None else Path(out)
    # Found before the site's folder is claimed: a folder that is not the tool's is refused untouched.
    inside = out.resolve()
    folders = [f for f in article_folders([tree]) if not f.resolve().is_relative_to(inside)]
    _claim(out)
    names = _page_names(tree, folders)
    env = _environment()
    assets = _assets(env)
    version = _fingerprint(env, assets, glossary)
    cached = _read_marker(out, version)
    _own_folder(out / ARTICLES)
    _own_folder(out / XLIFF)
    places = {
        folder: (f"{ARTICLES}/{names[folder]}", f"{XLIFF}/{Path(names[folder]).stem}.xlf")
        for folder in folders
    }
    # Taken before reading, so a file saved meanwhile is read again next time.
    stamps = {folder: _stamp(folder) for folder in folders}
    summaries: dict[Path, ArticleSummary] = {}
    rows: dict[Path, str] = {}  # index rows as last written, for the articles unchanged since
    for folder, (page, xliff) in places.items():
        summary = _unchanged(cached.get(page), stamps[folder], out, page, xliff)
        if summary is not None:
            summaries[folder] = summary
            row = cached[page].get("row")
            if isinstance(row, str):
                rows[folder] = row
    todo = [(folder, places[folder][0]) for folder in folders if folder not in summaries]
    written = 0
    article_template = env.get_template("article.html")
    for article, xliff_data in _read_articles(todo, glossary):
        page, xliff = places[article.folder]
        made = None if xliff_data is None else _write_bytes(out / xliff, xliff_data)
        if made is None:
            (out / xliff).unlink(missing_ok=True)
        written += made or 0
        files = _links(article.folder, out / ARTICLES, xliff if made is not None else None)
        # Article pages sit one folder down; their links to each other go through the index.
        text = article_template.render(assets, root="../", a=article, files=files)
        written += _write(out / page, text)
        summaries[article.folder] = ArticleSummary.of(article)
    render_row = env.get_template("_row.html").make_module(assets).row
    for folder in folders:
        if folder not in rows:
            rows[folder] = str(render_row(summaries[folder])).strip()
    remembered: dict[str, Any] = {}
    for folder, (page, xliff) in places.items():
        if not summaries[folder].problem:
            remembered[page] = {
                "stamp": stamps[folder],
                "page": _file_stamp(out / page),
                "xliff": _file_stamp(out / xliff),
                "summary": summaries[folder].as_json(),
                "row": rows[folder],
            }
    read = len(todo)
    summaries_list = [summaries[folder] for folder in folders]
    overview = _overview(env, assets, tree, summaries_list, [rows[folder] for folder in folders], glossary)
    for name, text in overview.items():
        written += _write(out / name, text)
    marker = {"note": _MARKER_NOTE, "version": version, "articles": remembered}
    written += _write(out / MARKER, json.dumps(marker, ensure_ascii=False, sort_keys=True) + "\n")
    _remove_stale(out / ARTICLES, ".html", {Path(s.page).name for s in summaries_list})
    _remove_stale(out, ".html", overview, only=_INDEX_PAGE)
    _remove_stale(out / XLIFF, ".xlf", {f"{Path(s.page).stem}.xlf" for s in summaries_list})
    return SiteResult(out, tuple(summaries_list), written, read)


def _read_articles(
    todo: Sequence[tuple[Path, str]], glossary: Glossary | None
) -> Iterator[tuple[ArticleReport, bytes | None]]:
    """Each article of ``todo`` read and checked, with its XLIFF; on several cores, in worker processes.

    Checking is the cost of a report (a newsroom's first one checks every sentence it has): many articles
    are spread over up to ``_MAX_WORKERS`` processes, started afresh (``spawn``: safe in a process that runs
    threads) with the glossary's entries; a few are read here, where starting workers would cost more.
    """
    workers = min(os.cpu_count() or 1, _MAX_WORKERS, len(todo) // _PER_WORKER)
    if workers < 2:
        for folder, page in todo:
            yield _read_one(folder, page, glossary)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    entries = None if glossary is None else (tuple(glossary), glossary.source)
    context = multiprocessing.get_context("spawn")
    done = 0
    try:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(entries,)
        ) as pool:
            for result in pool.map(_read_in_worker, todo, chunksize=4):
                done += 1
                yield result
    except (BrokenProcessPool, OSError):
        # Workers that cannot start (a caller's script without a __main__ guard, no room for processes)
        # cost only the speed: the rest is read here.
        for folder, page in todo[done:]:
            yield _read_one(folder, page, glossary)


_MAX_WORKERS = 8
_PER_WORKER = 32  # articles a worker should have to read before one is worth starting
_worker_glossary: Glossary | None = None


def _start_worker(entries: tuple[Any, Path | None] | None) -> None:
    global _worker_glossary
    from workbench.glossary import Glossary

    _worker_glossary = None if entries is None else Glossary(entries[0], entries[1])


def _read_in_worker(job: tuple[Path, str]) -> tuple[ArticleReport, bytes | None]:
    return _read_one(job[0], job[1], _worker_glossary)


def _read_one(folder: Path, page: str, glossary: Glossary | None) -> tuple[ArticleReport, bytes | None]:
    """The article's report, and its XLIFF 2.0 as ``workbench export --format xliff`` makes it (or None)."""
    from workbench.exchange import xliff_bytes

    article = read_article(folder, page, glossary)
    if article.problem:
        return article, None
    try:
        data, _, _ = xliff_bytes(folder)
    except WorkbenchError:
        return article, None
    return article, data


def rebuild_if_present(tree: Path, glossary: Glossary | None = None) -> SiteResult | None:
    """Rebuild the report at its default place under ``tree`` when one was made there; else do nothing."""
    out = default_out(tree)
    if not _is_regular(out / MARKER):
        return None
    return write_report(tree, out, glossary)


def _claim(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: is a file, not a folder; give a folder for the report with -o")
    if (out / "en.po").exists():
        raise InputError(f"{out}: is an article folder; give another folder for the report with -o")
    if out.is_dir() and any(out.iterdir()) and not _is_regular(out / MARKER):
        raise InputError(
            f"{out}: holds files that `workbench report` did not write; give a new or empty folder with -o"
        )
    out.mkdir(parents=True, exist_ok=True)
    if not _is_regular(out / MARKER):
        # Claimed before anything else is written, so a report stopped half-way is still known as ours.
        _write(out / MARKER, json.dumps({"note": _MARKER_NOTE, "version": "", "articles": {}}) + "\n")


def _own_folder(folder: Path) -> None:
    """Make ``folder`` a real folder of the site: a symlink or file in its place is removed, not followed."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    folder.mkdir(exist_ok=True)


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


def _links(folder: Path, base: Path, xliff: str | None) -> list[tuple[str, str]]:
    """(label, href) of the article's files that exist, relative to ``base`` (the page's folder)."""
    links = [(name, _href(folder / name, base)) for name in _ARTICLE_FILES if (folder / name).is_file()]
    if xliff is not None:
        links.append(("XLIFF", posixpath.join("..", xliff)))
    return links


def _href(target: Path, base: Path) -> str:
    relative = os.path.relpath(os.path.abspath(target), os.path.abspath(base))
    return quote(Path(relative).as_posix())


def _assets(env: Any) -> dict[str, Any]:
    """What every page shares: the stylesheet and scripts, their CSP hashes, helpers for the charts."""
    from markupsafe import Markup

    # Our own stylesheet and script go into <style> and <script> as they are (entities mean nothing there).
    style = Markup(env.get_template("report.css").render())
    script = Markup(env.get_template("article.js").render())
    index_script = Markup(env.get_template("index.js").render(page_size=PAGE_SIZE))
    return {
        "State": State,
        "Status": Status,
        "style": style,
        "style_hash": _csp_hash(style),
        "script": script,
        "script_hash": _csp_hash(script),
        "index_script": index_script,
        "index_script_hash": _csp_hash(index_script),
        "percent": _percent,
        "segments": _segments,
        "last": 1 << 30,
    }


def _overview(
    env: Any,
    assets: dict[str, Any],
    tree: Path,
    articles: Sequence[ArticleSummary],
    rows: Sequence[str],
    glossary: Glossary | None,
) -> dict[str, str]:
    """The index pages and the glossary page; ``rows`` are the articles' rows of the index, as HTML.

    The index is pages of ``PAGE_SIZE`` rows in folder order (``index.html``, ``index-2.html``...), each a
    table that reads without scripts. The first also holds every row as data, with the script that
    searches, filters, sorts and pages through them all: the browser builds the rows of one page at a
    time, so a newsroom's thousands of articles cost it no more than a hundred. The other pages and the
    glossary page have no script, so their policy admits none.
    """
    from markupsafe import Markup

    rows = [Markup(row) for row in rows]
    totals = {state: sum(a.count(state) for a in articles) for state in State}
    statuses = {status: sum(a.status is status for a in articles) for status in Status}
    pages = max(1, -(-len(articles) // PAGE_SIZE))
    shared = {
        **assets,
        "root": "",
        "tree": str(tree),
        "articles": articles,
        "totals": totals,
        "statuses": statuses,
        "total": sum(totals.values()),
        "simplified": sum(a.simplified_reviewed for a in articles),
        "errors": sum(a.errors for a in articles),
        "warnings": sum(a.warnings for a in articles),
        "page_size": PAGE_SIZE,
        "pages": pages,
    }
    index = env.get_template("index.html")
    written: dict[str, str] = {}
    for number in range(1, pages + 1):
        first = number == 1
        written[index_page(number)] = index.render(
            shared,
            page=number,
            rows=rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE],
            data=_index_data(articles, rows) if first else "",
            script=assets["index_script"] if first else "",
            script_hash=assets["index_script_hash"] if first else _csp_hash(""),
        )
    terms = _terms(articles, glossary)
    written["glossary.html"] = env.get_template("glossary.html").render(
        assets,
        root="",
        script_hash=_csp_hash(""),
        terms=terms,
        shown=_TERM_ARTICLES,
        used=sum(bool(t.articles) for t in terms),
        glossary_source=str(glossary.source) if glossary is not None and glossary.source else "",
    )
    return written


def index_page(number: int) -> str:
    """The file of the index's page ``number`` (1-based)."""
    return "index.html" if number == 1 else f"index-{number}.html"


def _index_data(articles: Sequence[ArticleSummary], rows: Sequence[str]) -> Any:
    """Every row and what the index script sorts and filters on, as JSON safe inside a <script> element."""
    from markupsafe import Markup

    data = [
        {
            "s": a.status.value,
            "e": a.errors,
            "u": a.unreviewed,
            "p": round(a.progress, 4),
            "q": _MARKUP_CHARS.sub(" ", a.search_text),
            "h": str(html),
        }
        for a, html in zip(articles, rows, strict=True)
    ]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script> only "</" (which could end the element) and "<!--" mean anything to the HTML parser;
    # both are written with a JSON escape the script's JSON.parse reads back as the same text.
    text = text.replace("</", "<\\/").replace("<!--", "<\\u0021--")
    return Markup(text)


def _fingerprint(env: Any, assets: dict[str, Any], glossary: Glossary | None) -> str:
    """What pages and summaries were made with: the code, the templates and the glossary checked against.

    Any change to one of them makes every page again, so no page shows findings of an older check.
    """
    from workbench import __version__
    from workbench.glossary.cache import code_key

    digest = hashlib.sha256(f"{_CACHE_VERSION} {__version__}".encode())
    digest.update(code_key() or os.urandom(16))  # code that cannot be read is never trusted to match
    for name in sorted(env.list_templates()):
        source, _, _ = env.loader.get_source(env, name)
        digest.update(f"{name}\0{source}\0".encode())
    digest.update(str(assets["style_hash"] + assets["script_hash"]).encode())
    digest.update(repr(tuple(glossary or ())).encode("utf-8"))
    return digest.hexdigest()[:16]


def _file_stamp(path: Path) -> list[int]:
    """What tells that a file changed without reading it: size, times and inode; a link is no file."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return [0, 0, 0, -1]
    if stat.S_ISLNK(st.st_mode):
        return [st.st_mtime_ns, st.st_ctime_ns, st.st_ino, -2]
    return [st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_size]


def _stamp(folder: Path) -> list[list[int]]:
    """The stamps of what an article's page is made from: its PO files and its sign-off record."""
    return [_file_stamp(folder / name) for name in ("en.po", "zh_Hans.po", "en.md", SIGNOFF_NAME)]


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


def _unchanged(
    cached: Any, stamp: list[list[int]], out: Path, page: str, xliff: str
) -> ArticleSummary | None:
    """The remembered summary, when the article's files and its page are exactly as when it was made.

    A page that is missing, edited or replaced (by a symlink too) is made again, so the index never links
    to a page that is not there.
    """
    if not isinstance(cached, dict) or cached.get("stamp") != stamp:
        return None
    if cached.get("page") != _file_stamp(out / page) or not _is_regular(out / page):
        return None
    if cached.get("xliff") != _file_stamp(out / xliff):
        return None
    try:
        summary = ArticleSummary.from_json(cached["summary"])
    except (KeyError, TypeError, ValueError, AttributeError):
        # A marker edited by hand or from elsewhere only costs a fresh read.
        return None
    return summary if summary.page == page else None


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


def _segments(
    counts: Mapping[State, int], whole: int, width: int, digits: int = 3
) -> list[tuple[State, str, str]]:
    """Stacked-bar pieces (state, x, width) for ``counts`` scaled to ``width``; empty states are skipped."""
    pieces = []
    x = 0.0
    for state in State:
        share = width * counts[state] / whole if whole else 0.0
        if share > 0:
            pieces.append((state, f"{x:.{digits}f}", f"{share:.{digits}f}"))
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


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _write(path: Path, text: str) -> int:
    return _write_bytes(path, text.encode("utf-8"))


def _write_bytes(path: Path, data: bytes) -> int:
    """Write ``data`` unless the file already holds it, so an unchanged page keeps its timestamp.

    The site's own files are never written through a symlink: one planted in a page's place is removed.
    """
    if path.is_symlink():
        path.unlink()
    elif _is_regular(path):
        try:
            if path.read_bytes() == data:
                return 0
        except OSError:
            pass
    write_bytes_atomic(path, data)
    return 1


def _remove_stale(
    folder: Path, suffix: str, wanted: Iterable[str], only: re.Pattern[str] | None = None
) -> None:
    """Drop the pages (or files) that are no longer part of the site, in its own folders only, links too."""
    wanted = set(wanted)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not entry.name.endswith(suffix) or entry.name in wanted or entry.is_dir(follow_symlinks=False):
            continue
        if only is None or only.match(entry.name):
            Path(entry.path).unlink(missing_ok=True)
