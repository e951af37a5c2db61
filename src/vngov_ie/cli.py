"""`vngov-ie`: thin typer commands over the package's functions."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

app = typer.Typer(help="Information extraction from Vietnamese government reports.", no_args_is_help=True)
err = Console(stderr=True)


class OutputFormat(str, Enum):
    json = "json"
    conll = "conll"
    html = "html"


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Reports (.txt, .docx, .pdf), folders, or - for stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the output files.")],
    tagger: Annotated[str, typer.Option(help="rules or model.")] = "rules",
    model: Annotated[Optional[Path], typer.Option(help="A trained model folder (implies --tagger model).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="json (annotation format), conll or html.")] = OutputFormat.json,
    encoding: Annotated[Optional[str], typer.Option(help="Text encoding of .txt inputs, e.g. utf-16 or cp1258.")] = None,
) -> None:
    """Tag entities and relations in reports; write OUT/<doc_id>.<format>."""
    from vngov_ie.extract_files import extract_files
    from vngov_ie.pipeline import get_tagger

    try:
        chosen = get_tagger(tagger, model)
    except (ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    with _progress() as progress:
        task = progress.add_task("extract", total=None)
        report = extract_files(
            inputs, out, chosen, fmt.value, encoding,
            on_done=lambda n, total: progress.update(task, completed=n, total=total),
        )
    for failure in report.failures:
        typer.echo(f"error: {failure}", err=True)
    typer.echo(f"{len(report.written)} written to {out}, {len(report.failures)} failed", err=True)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Annotation files or folders of them.")],
    corpus: Annotated[Optional[Path], typer.Option(help="Folder of <doc_id>.txt texts (default: $VNGOV_CORPUS or ../shared/corpus).")] = None,
) -> None:
    """Check annotation files against their texts and the spec; one line per problem."""
    from vngov_ie.validate import annotation_files, validate_paths

    files = annotation_files(paths)
    problems = validate_paths(files, corpus)
    for problem in problems:
        typer.echo(str(problem))
    typer.echo(f"{len(files)} file(s) checked, {len(problems)} problem(s)", err=True)
    if problems or not files:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
