"""`vngov-ie`: thin typer commands over the package's functions."""

from __future__ import annotations

import dataclasses

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


class ConvertFormat(str, Enum):
    labelstudio = "labelstudio"
    doccano = "doccano"
    brat = "brat"
    conll = "conll"


class StatsFormat(str, Enum):
    table = "table"
    markdown = "markdown"


class GraphFormat(str, Enum):
    ttl = "ttl"
    jsonld = "jsonld"
    graphml = "graphml"
    neo4j = "neo4j"


class TokenUnit(str, Enum):
    whitespace = "whitespace"
    words = "words"


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Reports (.txt, .docx, .pdf), folders, or - for stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the output files.")],
    tagger: Annotated[str, typer.Option(help="crf (default: the shipped model folder's CRF, stacked on the rules), model (the transformer, reading that CRF's tags), rules, or rules+model (the rules, the model where they found nothing).")] = "crf",
    model: Annotated[Optional[Path], typer.Option(help="A trained model folder instead of the shipped one.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="json (annotation format), conll or html.")] = OutputFormat.json,
    encoding: Annotated[Optional[str], typer.Option(help="Text encoding of .txt inputs, e.g. utf-16 or cp1258.")] = None,
    graph_out: Annotated[
        Optional[Path], typer.Option("--graph", help="Also write the knowledge graph of these reports to this file.")
    ] = None,
    graph_format: Annotated[
        Optional[GraphFormat], typer.Option(help="Graph format (default: from the --graph suffix; a folder is neo4j).")
    ] = None,
) -> None:
    """Tag entities, relations and tasks in reports; write OUT/<doc_id>.<format> (and the graph with --graph)."""
    from vngov_ie.extract_files import extract_files
    from vngov_ie.graph import CachingTagger
    from vngov_ie.pipeline import get_tagger

    try:
        chosen = get_tagger(tagger, model)
    except (ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if graph_out is not None:
        chosen = CachingTagger(chosen)  # type: ignore[assignment]
    with _progress() as progress:
        task = progress.add_task("extract", total=None)
        report = extract_files(
            inputs, out, chosen, fmt.value, encoding,
            on_done=lambda n, total: progress.update(task, completed=n, total=total),
        )
    for failure in report.failures:
        typer.echo(f"error: {failure}", err=True)
    typer.echo(f"{len(report.written)} written to {out}, {len(report.failures)} failed", err=True)
    if graph_out is not None:
        _write_graph([i for i in inputs if i != "-"], graph_out, graph_format, chosen, encoding, None)
    if report.failures:
        raise typer.Exit(1)


def _write_graph(inputs: list[str], out: Path, fmt: Optional[GraphFormat], chosen: object, encoding: Optional[str],
                 corpus: Optional[Path]) -> int:
    """Build and export the graph of `inputs`; return the number of inputs that failed."""
    from vngov_ie.graph import build_graph, collect_reports, dumps_summary, export, format_for

    collected = collect_reports(inputs, chosen, encoding, corpus)
    for failure in collected.failures:
        typer.echo(f"error: {failure}", err=True)
    if not collected.reports:
        typer.echo("error: no report to build a graph from", err=True)
        raise typer.Exit(1)
    kg = build_graph(collected.reports)
    written = export(kg, out, format_for(out, fmt.value if fmt else None))
    typer.echo(f"graph of {len(collected.reports)} report(s) written to {written}: {dumps_summary(kg)}", err=True)
    for a, b in kg.aliases:
        typer.echo(f"probable alias: {a} ~ {b}", err=True)
    return len(collected.failures)


@app.command()
def graph(
    inputs: Annotated[
        list[str], typer.Argument(help="Reports (.txt, .docx, .pdf), annotation or prediction .json files, or folders.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (a folder for neo4j).")],
    fmt: Annotated[
        Optional[GraphFormat], typer.Option("--format", help="ttl, jsonld, graphml or neo4j (default: from --out).")
    ] = None,
    tagger: Annotated[
        Optional[str], typer.Option(help="As for extract (for reports given as documents; default crf, or model with --model).")
    ] = None,
    model: Annotated[Optional[Path], typer.Option(help="A trained model folder (implies --tagger model).")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Text encoding of .txt inputs.")] = None,
    corpus: Annotated[
        Optional[Path], typer.Option(help="Folder of <doc_id>.txt texts for .json inputs (default: $VNGOV_CORPUS or ../shared/corpus).")
    ] = None,
) -> None:
    """Build the knowledge graph of reports (tasks, legal bases, bodies, places, results) and export it."""
    from vngov_ie.pipeline import DEFAULT_TAGGER, get_tagger

    try:
        name = tagger or ("model" if model is not None else DEFAULT_TAGGER)  # --model implies a model tagger
        chosen = get_tagger(name, model) if any(not i.endswith(".json") for i in inputs) else None
    except (ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    failed = _write_graph(inputs, out, fmt, chosen, encoding, corpus)
    if failed:
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


@app.command()
def train(
    config: Annotated[Path, typer.Option(help="A training config (JSON), e.g. training/configs/default.json.")],
    out: Annotated[Path, typer.Option(help="Run folder: checkpoint/, train_log.jsonl, model/.")],
    device: Annotated[str, typer.Option(help="cpu or cuda.")] = "cpu",
    resume: Annotated[bool, typer.Option(help="Continue from the run folder's last checkpoint.")] = False,
    seed: Annotated[Optional[int], typer.Option(help="Override the config's seed (one run per seed).")] = None,
) -> None:
    """Train the tagger (seeded; deterministic on CPU); the best model by dev F1 lands in OUT/model."""
    from vngov_ie.model.config import TrainConfig
    from vngov_ie.model.train import train as run_training

    if device not in ("cpu", "cuda"):
        typer.echo(f"error: --device must be cpu or cuda, not {device!r}", err=True)
        raise typer.Exit(2)
    try:
        cfg = TrainConfig.load(config)
        if seed is not None:
            cfg = dataclasses.replace(cfg, seed=seed)
    except (OSError, ValueError, TypeError) as exc:
        typer.echo(f"error: {config}: {exc}", err=True)
        raise typer.Exit(2) from None
    with _progress() as progress:
        task = progress.add_task("train", total=None)
        logs = run_training(cfg, out, device, resume,
                            lambda stage, n, total: progress.update(task, description=stage, completed=n, total=total))
    for entry in logs:
        typer.echo(f"epoch {entry.epoch}: loss {entry.train_loss:.4f}, dev F1 {entry.dev_f1:.4f}, {entry.seconds:.0f} s")


@app.command()
def convert(
    inputs: Annotated[
        list[Path], typer.Argument(help="Annotation JSON files or folders (--to); converted files or folders (--from).")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="--to: a file, or a folder for brat; --from: a folder for <doc_id>.json.")
    ],
    to: Annotated[Optional[ConvertFormat], typer.Option("--to", help="Convert annotation files to this format.")] = None,
    from_: Annotated[
        Optional[ConvertFormat], typer.Option("--from", help="Convert files in this format back to annotation files.")
    ] = None,
    corpus: Annotated[
        Optional[Path], typer.Option(help="Folder of <doc_id>.txt texts (default: $VNGOV_CORPUS or ../shared/corpus).")
    ] = None,
) -> None:
    """Convert annotations to or from Label Studio, doccano, brat or CoNLL (see vngov_ie.convert)."""
    from vngov_ie.convert import export_files, import_files

    if (to is None) == (from_ is None):
        typer.echo("error: give exactly one of --to and --from", err=True)
        raise typer.Exit(2)
    if to is not None:
        report = export_files(inputs, to.value, out, corpus)
    else:
        assert from_ is not None
        report = import_files(inputs, from_.value, out, corpus)
    for failure in report.failures:
        typer.echo(f"error: {failure}", err=True)
    for problem in report.problems:
        typer.echo(str(problem))
    typer.echo(
        f"{len(report.written)} file(s) written to {out}, {len(report.failures)} failed, "
        f"{len(report.problems)} problem(s)", err=True,
    )
    if report.failures or report.problems or not report.written:
        raise typer.Exit(1)


@app.command()
def stats(
    annotations: Annotated[Path, typer.Argument(help="Folder of annotation JSON files.")] = Path("annotations"),
    splits: Annotated[
        Optional[Path], typer.Option(help="TSV doc_id, split, doc_type, noisy (default: data/splits.tsv if it exists).")
    ] = None,
    fmt: Annotated[StatsFormat, typer.Option("--format", help="table (terminal) or markdown.")] = StatsFormat.table,
    tokens: Annotated[
        TokenUnit, typer.Option(help="Count whitespace tokens or underthesea words (slower).")
    ] = TokenUnit.whitespace,
    corpus: Annotated[
        Optional[Path], typer.Option(help="Folder of <doc_id>.txt texts (default: $VNGOV_CORPUS or ../shared/corpus).")
    ] = None,
) -> None:
    """Documents, tokens, entities, relations and tasks per split, and for clean and noisy texts."""
    from rich.table import Table

    from vngov_ie.stats import corpus_stats, splits_file, table_rows, to_markdown

    try:
        result = corpus_stats(annotations, splits_file(splits), corpus, tokens.value)
    except (ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for line in result.skipped:
        typer.echo(f"skipped: {line}", err=True)
    if result.unsplit:
        names = ", ".join(result.unsplit[:10]) + (", ..." if len(result.unsplit) > 10 else "")
        typer.echo(f"{len(result.unsplit)} document(s) not in the splits file: {names}", err=True)
    if not result.docs:
        typer.echo(f"error: no annotation files in {annotations}", err=True)
        raise typer.Exit(1)
    if fmt is StatsFormat.markdown:
        typer.echo(to_markdown(result), nl=False)
        return
    table = Table(title=f"{annotations}: counts per group (tokens = {result.token_unit})")
    table.add_column("")
    for group in result.groups:
        table.add_column(group.name, justify="right")
    for section in table_rows(result):
        for i, (name, values) in enumerate(section):
            table.add_row(name, *(f"{v:,}" for v in values), end_section=i == len(section) - 1)
    Console().print(table)


@app.command()
def evaluate(
    out: Annotated[Path, typer.Option(help="Folder for leaderboard.md, leaderboard.html and predictions/.")] = Path("eval"),
    model: Annotated[
        Optional[list[str]],
        typer.Option(help='A model folder as NAME=DIR (repeatable); seeds as "model (seed 13)=DIR" are aggregated.'),
    ] = None,
    baseline: Annotated[
        Optional[list[str]], typer.Option(help="Run only these baselines (repeatable): rules, underthesea, crf, crf+rules, spacy.")
    ] = None,
    quick: Annotated[bool, typer.Option(help="Rules and CRF only, on a handful of test documents (for tests).")] = False,
    annotations: Annotated[Path, typer.Option(help="Folder of gold annotation files.")] = Path("annotations"),
    splits: Annotated[Path, typer.Option(help="The split TSV (doc_id, split, doc_type, noisy).")] = Path("data/splits.tsv"),
    threads: Annotated[int, typer.Option(help="CPU threads for every system (timing and spaCy training).")] = 2,
    spacy_steps: Annotated[int, typer.Option(help="Step cap of the spaCy baseline's training.")] = 1600,
) -> None:
    """Run every system on the test split; write OUT/leaderboard.md, OUT/leaderboard.html and OUT/predictions/."""
    from vngov_ie.leaderboard import board_config, run_leaderboard, write_board

    if quick and model:
        typer.echo("note: --quick runs the rules and the CRF only; --model ignored", err=True)
    try:
        config = board_config(out, model or [], baseline or [], quick, annotations, splits, threads, spacy_steps)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    board = run_leaderboard(config, log=lambda line: typer.echo(line, err=True))
    md, page = write_board(board)
    for run in board.runs:
        if run.error is not None:
            typer.echo(f"not run: {run.name}: {run.error}", err=True)
    typer.echo(f"wrote {md} and {page} ({len(board.runs)} systems, {len(board.subsets['all'])} test documents)", err=True)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
