"""thai-extract: the command line (a thin layer over ``pipeline.runner``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import pipeline  # noqa: F401  (sets the offline switches first)
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.core import Pipeline
from pipeline.errors import ConfigError, ThaiExtractError
from pipeline.io.readers import FieldNames
from pipeline.registry import load_config
from pipeline.runner import FailFastError, Runner, RunSummary, default_jobs
from pipeline.text.words import DEFAULT_WORD_ENGINE, WORD_ENGINES
from pipeline.version import __version__

EXIT_OK, EXIT_WITH_ERRORS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3

app = typer.Typer(
    help="Structured records from raw Thai text: normalise, segment, … and write Parquet datasets.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
)
console = Console(stderr=True)


def _summary_table(summary: RunSummary) -> Table:
    table = Table(title=f"thai-extract run {summary.run_id}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [
        ("documents", f"{summary.documents:,}"),
        ("sentences", f"{summary.sentences:,}"),
        ("tokens", f"{summary.tokens:,}"),
        ("characters", f"{summary.chars:,}"),
        ("errors", f"{summary.errors:,}"),
        ("time", f"{summary.seconds:.2f} s"),
        ("throughput", f"{summary.docs_per_second:,.1f} docs/s, {summary.chars_per_second:,.0f} chars/s"),
        ("workers", str(summary.jobs)),
        ("output", str(summary.out_dir)),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Folders (read recursively), files, globs, or - for stdin.")] = None,  # type: ignore[assignment]
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder: one Parquet dataset per table.")] = Path("data/processed"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
    config: Annotated[Optional[Path], typer.Option(help="TOML pipeline config ([pipeline] stages, [stages.NAME] settings).")] = None,
    word_engine: Annotated[Optional[str], typer.Option(help=f"Word segmenter: {', '.join(WORD_ENGINES)} (default {DEFAULT_WORD_ENGINE}).")] = None,
    text_field: Annotated[Optional[str], typer.Option(help="Record field with the text (default: text, else body, else content).")] = None,
    id_field: Annotated[Optional[str], typer.Option(help="Record field with the document id (default: id).")] = None,
    title_field: Annotated[Optional[str], typer.Option(help="Record field with the title (default: title).")] = None,
    date_field: Annotated[Optional[str], typer.Option(help="Record field with the publication date (default: date, else published).")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Force an input encoding instead of detecting UTF-8/UTF-16/TIS-620.")] = None,
    batch_size: Annotated[int, typer.Option(help="Documents per batch sent to a worker.")] = 64,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first input that fails instead of writing an errors row.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Process INPUTS and write the output tables under --out.

    Exit codes: 0 every input processed; 1 done, but some inputs became rows of the errors table;
    2 bad options or config; 3 the run failed (output not writable, --fail-fast hit an error).
    Every part file that was written is complete; a failed run leaves no half-written file.
    """
    try:
        cfg = load_config(config)
        if word_engine:
            cfg.setdefault("stages", {}).setdefault("segment", {})["engine"] = word_engine
        pipe = Pipeline.from_config(cfg)
    except ConfigError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    fields = FieldNames.with_overrides(id=id_field, text=text_field, title=title_field, published=date_field)
    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
        TextColumn("{task.completed:,} docs"), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
        console=console, disable=quiet, transient=False,
    )
    task = progress.add_task("processing", total=None, rate="")

    def on_progress(documents: int, chars: int) -> None:
        elapsed = progress.tasks[task].elapsed or 1e-9
        progress.update(task, completed=documents, rate=f"{documents / elapsed:,.1f} docs/s")

    runner = Runner(pipe, out, jobs=jobs or default_jobs(), fields=fields, encoding=encoding,
                    batch_docs=batch_size, fail_fast=fail_fast, on_progress=on_progress)
    try:
        with progress:
            summary = runner.run(inputs or ["data/raw"], stdin=sys.stdin.buffer)
    except FailFastError as exc:
        console.print(f"[red]stopped (--fail-fast):[/red] {exc}")
        raise typer.Exit(EXIT_FAILED) from None
    except (OSError, ThaiExtractError) as exc:
        console.print(f"[red]run failed:[/red] {exc}")
        raise typer.Exit(EXIT_FAILED) from None
    if not quiet:
        console.print(_summary_table(summary))
        if summary.errors:
            console.print(f"[yellow]{summary.errors} input(s) could not be processed: see {out / 'errors'}[/yellow]")
    raise typer.Exit(EXIT_WITH_ERRORS if summary.errors else EXIT_OK)


eval_app = typer.Typer(help="Score a stage on an annotated file, against baselines in the same run.",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _print_report(title: str, rows: list[dict]) -> None:
    table = Table(title=title, title_justify="left")
    columns = list(dict.fromkeys(key for row in rows for key in row))
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    for i, column in enumerate(columns):
        width = max([len(column), *(len(r[i]) for r in cells)])
        table.add_column(column, justify="left" if column == "system" else "right", no_wrap=True, min_width=width)
    for row in cells:
        table.add_row(*row)
    Console(width=max(120, sum(len(c) + 3 for c in columns) + 40)).print(table)


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _run_eval(task: str, path: Path, baselines: bool) -> None:
    import importlib

    if not path.is_file():
        console.print(f"[red]error:[/red] no such file {path}")
        raise typer.Exit(EXIT_USAGE)
    module = importlib.import_module(f"pipeline.eval.{task}")
    _print_report(f"{task}: {path}", module.evaluate(path, baselines=baselines))


def _eval_command(task: str, summary: str):
    def command(
        path: Annotated[Path, typer.Argument(help="Annotated JSONL file.")],
        baselines: Annotated[bool, typer.Option(help="Also score the baselines, in the same run.")] = True,
    ) -> None:
        _run_eval(task, path, baselines)

    command.__doc__ = summary
    return command


EVALUATIONS: dict[str, str] = {
    "dates": "Date mentions: span P/R/F1 (overlap) and value accuracy, against dateparser.",
    "typos": "Typo correction: line recall, precision, false alarms per 1,000 words, against pythainlp and symspell.",
}
"""Evaluation name → one-line summary; each has a module ``pipeline.eval.<name>``."""

for _task, _summary in EVALUATIONS.items():
    eval_app.command(_task)(_eval_command(_task, _summary))


@app.command()
def version() -> None:
    """Print the pipeline version."""
    print(__version__)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
