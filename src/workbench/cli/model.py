"""``workbench model list`` and ``workbench model install``: the models translation runs on."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli._common import guarded, print_json, report_line


@guarded
def list_models(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """List the installed models: argos packages (ARGOS_PACKAGES_DIR or argostranslate's folder) and
    converted CTranslate2 models (WORKBENCH_MODELS_DIR or ~/.local/share/workbench/models).

    The model marked * is the one `workbench translate` uses without --model: a converted model when one
    is installed (Traditional-reading first), else the argos zt package (else zh).
    """
    from workbench.errors import ModelError
    from workbench.mt.converted import models_dir
    from workbench.mt.loader import default_model, installed_models
    from workbench.mt.package import describe_packages, installed_packages, packages_dir

    root, models_root = packages_dir(), models_dir()
    packages, problems = installed_packages(root)
    converted, unreadable = installed_models(models_root)
    try:
        chosen = str(default_model(root, models_root).path) if packages or converted else None
    except ModelError:
        chosen = None
    rows = describe_packages(packages)
    for row in rows:
        row["default"] = "yes" if row["path"] == chosen else "no"
    model_rows = [
        {
            **m.info(),
            "version": m.version,
            "path": str(m.path),
            "default": "yes" if str(m.path) == chosen else "no",
        }
        for m in converted
    ]
    if as_json:
        print_json(
            {
                "packages_dir": str(root),
                "packages": rows,
                "models_dir": str(models_root),
                "models": model_rows,
                "unreadable": problems + unreadable,
            }
        )
        return
    for problem in problems + unreadable:
        typer.echo(f"workbench: skipped {problem}", err=True)
    if not rows and not model_rows:
        report_line(
            f"no argos packages installed in {root} and no converted models in {models_root}; install one "
            "with `workbench model install FILE.argosmodel` (or a converted model folder)"
        )
        return
    if rows:
        typer.echo(f"argos packages in {root}:")
        width = max(len(row["name"]) for row in rows)
        for row in rows:
            mark = "*" if row["default"] == "yes" else " "
            direction = f"{row['from']}→{row['to']}"
            typer.echo(
                f"{mark} {row['name']:<{width}}  {direction:<6}  {row['version'] or '-':<6}  {row['path']}"
            )
    if model_rows:
        typer.echo(f"converted models in {models_root}:")
        width = max(len(row["name"]) for row in model_rows)
        for m, row in zip(converted, model_rows, strict=True):
            mark = "*" if row["default"] == "yes" else " "
            languages = f"{m.kind_name} {m.source_language}→{m.target_language}"
            typer.echo(f"{mark} {row['name']:<{width}}  {m.direction:<6}  {languages:<28}  {row['path']}")


@guarded
def install_model(
    source: Annotated[
        str,
        typer.Argument(
            help="A .argosmodel file, a folder written by ct2-transformers-converter (Marian, NLLB-200, "
            "M2M-100), or a package name from the argos index (translate-zt_en; needs the argos extra and a "
            "network connection)."
        ),
    ],
) -> None:
    """Validate a model and install it where `workbench translate` finds it: an argos package where
    argostranslate keeps them, a converted model in workbench's models folder. It must load and translate
    a sentence before it replaces an installed one of the same name."""
    from workbench.mt.converted import ConvertedModel
    from workbench.mt.install import install

    model = install(source)
    note = "" if model.translates_chinese_to_english else " (translate uses zt→en or zh→en packages only)"
    version = f" {model.version}" if model.version else ""
    kind = (
        f", {model.kind_name} {model.source_language}→{model.target_language}"
        if isinstance(model, ConvertedModel)
        else ""
    )
    report_line(f"installed {model.name}{version} ({model.direction}{kind}) in {model.path}{note}")


def register(app: typer.Typer) -> None:
    model_app = typer.Typer(
        name="model",
        help="List and install translation models (argos packages, converted Marian and NLLB models).",
        no_args_is_help=True,
    )
    model_app.command("list")(list_models)
    model_app.command("install")(install_model)
    app.add_typer(model_app, name="model")
