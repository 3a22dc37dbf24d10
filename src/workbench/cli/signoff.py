"""``workbench signoff ARTICLE... --by NAME``: the desk editor signs articles off.

An article is signed off only when it is ready (every English and Simplified sentence reviewed, no QA
error as ``workbench check`` finds them now); ``--force`` signs off one that is not, and the record says
what was not ready. Nothing is written unless every article named can be signed off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli._common import guarded, print_json, report_line
from workbench.cli.report import load_default_glossary, refresh_report


def article_folder(name: str, translations: Path) -> Path:
    """An article folder given as a path, or by its folder name under ``translations``."""
    from workbench.errors import InputError

    for candidate in (Path(name), translations / name):
        if (candidate / "en.po").is_file():
            return candidate
    raise InputError(
        f"{name}: no article folder (with en.po) here or in {translations}; give an article folder "
        "or its name as the review page shows it"
    )


@guarded
def signoff(
    articles: Annotated[
        list[str], typer.Argument(help="Article folders, or their names in the translations folder.")
    ],
    by: Annotated[str, typer.Option("--by", help="The name of the editor signing off.")],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Sign off even an article that is not ready (unreviewed sentences or QA errors); the "
            "record and the review page say what was not ready.",
        ),
    ] = False,
    translations: Annotated[
        Path, typer.Option("--translations", help="Where article names are looked up.")
    ] = Path("translations"),
    glossary: Annotated[
        Path | None,
        typer.Option("--glossary", "-g", help="Glossary CSV [default: ./glossary.csv when present]."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was signed off as JSON.")] = False,
) -> None:
    """Sign articles off: record who and when in each article's folder, for the review page and
    `build --signed-off`.

    An article is ready when every English and Simplified sentence is reviewed and `workbench check`
    finds no error. One that is not is refused (exit 2, nothing written) unless --force is given.
    """
    import contextlib

    from workbench.errors import InputError
    from workbench.safeio import folder_lock
    from workbench.signoff import NotReady, assess_folder, check_name, sign_off

    name = check_name(by)
    folders = list(dict.fromkeys(article_folder(a, translations) for a in articles))
    words = load_default_glossary(glossary)
    done = []
    with contextlib.ExitStack() as locks:
        for root in sorted({folder.resolve().parent for folder in folders}):
            locks.enter_context(folder_lock(root, on_wait=report_line))
        if not force:
            states = {folder: assess_folder(folder, words) for folder in folders}
            unready = [f"{folder} ({state.why_not()})" for folder, state in states.items() if not state.ready]
            if unready:
                raise NotReady(
                    f"not ready to sign off: {'; '.join(unready)}; review them first, or sign off anyway "
                    "with --force; nothing was signed off"
                )
        for folder in folders:
            try:
                done.append((folder, *sign_off(folder, name, words, force=force)))
            except NotReady as err:  # the files changed since they were assessed above
                raise InputError(f"{err}; signed off before it: {len(done)}") from None
    if as_json:
        print_json(
            [
                {
                    "folder": str(folder),
                    "by": record.by,
                    "at": record.at,
                    "forced": record.forced,
                    "not_ready": record.unready or None,
                }
                for folder, record, _ in done
            ]
        )
    else:
        for folder, record, _ in done:
            extra = f" although not ready ({record.unready})" if record.forced else ""
            report_line(f"{folder}: signed off by {record.by} at {record.when}{extra}")
    for tree in dict.fromkeys(folder.parent for folder in folders):
        refresh_report(tree, glossary)


def register(app: typer.Typer) -> None:
    app.command("signoff")(signoff)
