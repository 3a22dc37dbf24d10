"""``workbench model list`` and ``workbench model install``: the argos packages translation runs on."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli._common import guarded, print_json, report_line


@guarded
def list_models(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """List the installed argos packages (ARGOS_PACKAGES_DIR or argostranslate's folder).

    The package marked * is the one `workbench translate` uses without --model.
    """
    from workbench.errors import ModelError
    from workbench.mt.package import default_package, describe_packages, installed_packages, packages_dir

    root = packages_dir()
    packages, problems = installed_packages(root)
    try:
        chosen = default_package(root).path if packages else None
    except ModelError:
        chosen = None
    rows = describe_packages(packages)
    for row in rows:
        row["default"] = "yes" if row["path"] == str(chosen) else "no"
    if as_json:
        print_json({"packages_dir": str(root), "packages": rows, "unreadable": problems})
        return
    for problem in problems:
        typer.echo(f"workbench: skipped {problem}", err=True)
    if not rows:
        report_line(
            f"no argos packages installed in {root}; "
            "install one with `workbench model install FILE.argosmodel`"
        )
        return
    typer.echo(f"argos packages in {root}:")
    width = max(len(row["name"]) for row in rows)
    for row in rows:
        mark = "*" if row["default"] == "yes" else " "
        direction = f"{row['from']}→{row['to']}"
        typer.echo(
            f"{mark} {row['name']:<{width}}  {direction:<6}  {row['version'] or '-':<6}  {row['path']}"
        )


@guarded
def install_model(
    source: Annotated[
        str,
        typer.Argument(
            help="A .argosmodel file, or a package name from the argos index (translate-zt_en; needs the "
            "argos extra and a network connection)."
        ),
    ],
) -> None:
    """Validate an argos package and install it where argostranslate and `workbench translate` find it."""
    from workbench.mt.install import install

    package = install(source)
    note = "" if package.translates_chinese_to_english else " (translate uses zt→en or zh→en packages only)"
    version = f" {package.version}" if package.version else ""
    report_line(f"installed {package.name}{version} ({package.direction}) in {package.path}{note}")


def register(app: typer.Typer) -> None:
    model_app = typer.Typer(
        name="model",
        help="List and install the argos translation packages.",
        no_args_is_help=True,
    )
    model_app.command("list")(list_models)
    model_app.command("install")(install_model)
    app.add_typer(model_app, name="model")
