"""thai-extract: the command line (a thin layer over ``thai_extract.runner``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from thai_extract._offline import set_offline_environment
from thai_extract.core import Pipeline
from thai_extract.errors import ConfigError, ThaiExtractError
from thai_extract.io.readers import FieldNames
from thai_extract.registry import load_config
from thai_extract.runner import FailFastError, Runner, RunSummary, default_jobs
from thai_extract.text.words import DEFAULT_WORD_ENGINE, WORD_ENGINES
from thai_extract.version import __version__

EXIT_OK, EXIT_WITH_ERRORS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3

app = typer.Typer(
    help="Structured records from raw Thai text: typos fixed, sentences, words, entities, dates and cooperation areas, as Parquet datasets.",
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
        ("skipped (already in output)", f"{summary.skipped:,}"),
        ("time", f"{summary.seconds:.2f} s"),
        ("throughput", f"{summary.docs_per_second:,.1f} docs/s, {summary.chars_per_second:,.0f} chars/s"),
        ("workers", str(summary.jobs)),
        ("output", str(summary.out_dir)),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


Inputs = Annotated[Optional[list[str]], typer.Argument(help="Folders (read recursively), files, globs, or - for stdin.")]
Out = Annotated[Path, typer.Option("--out", "-o", help="Output folder: one Parquet dataset per table.")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")]
ConfigFile = Annotated[Optional[Path], typer.Option("--config", help="TOML pipeline config: stage order and settings (see README).")]
WordEngine = Annotated[Optional[str], typer.Option("--word-engine", help=f"Word segmenter: {', '.join(WORD_ENGINES)} (default {DEFAULT_WORD_ENGINE}).")]
TextField = Annotated[Optional[str], typer.Option("--text-field", help="Record field with the text (default: text, else body, else content).")]
IdField = Annotated[Optional[str], typer.Option("--id-field", help="Record field with the document id (default: id).")]
TitleField = Annotated[Optional[str], typer.Option("--title-field", help="Record field with the title (default: title).")]
DateField = Annotated[Optional[str], typer.Option("--date-field", help="Record field with the publication date (default: date, else published).")]
Encoding = Annotated[Optional[str], typer.Option("--encoding", help="Force an input encoding instead of detecting UTF-8/UTF-16/TIS-620.")]
BatchSize = Annotated[int, typer.Option("--batch-size", help="Documents per batch sent to a worker.")]
CommitEvery = Annotated[int, typer.Option("--commit-every", help="Commit (make visible) at least every N documents.")]
FailFast = Annotated[bool, typer.Option("--fail-fast", help="Stop at the first input that fails instead of writing an errors row.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
NerModel = Annotated[Optional[Path], typer.Option("--ner-model", help="A local Hugging Face token-classification model folder for the entity stage (the transformers extra).")]
Engine = Annotated[str, typer.Option("--engine", help="local (a process pool) or dask (dask.distributed workers; the dask extra).")]
Scheduler = Annotated[Optional[str], typer.Option("--scheduler", help="With --engine dask: the scheduler address (tcp://HOST:PORT); default a local cluster of --jobs workers.")]

EXIT_CODES_HELP = """Exit codes: 0 every input processed; 1 done, but some inputs became rows of the errors table;
    2 bad options or config; 3 the run failed (output not writable, --fail-fast hit an error).
    Part files appear whole or not at all; a run killed at any moment is completed or undone by the next."""


@app.command(help=f"""Process INPUTS (default data/raw) and append the output tables under --out.

    {EXIT_CODES_HELP}""")
def run(inputs: Inputs = None, out: Out = Path("data/processed"), jobs: Jobs = 0, config: ConfigFile = None,
        word_engine: WordEngine = None, text_field: TextField = None, id_field: IdField = None,
        title_field: TitleField = None, date_field: DateField = None, encoding: Encoding = None,
        batch_size: BatchSize = 64, commit_every: CommitEvery = 10_000, fail_fast: FailFast = False,
        quiet: Quiet = False, engine: Engine = "local", scheduler: Scheduler = None,
        ner_model: NerModel = None) -> None:
    _process(**locals(), incremental=False)


@app.command(help=f"""Process only the documents of SOURCES not already in --out (by doc_id and content hash).

    A document whose content changed is processed again, and the loader returns its latest version.
    Every run is recorded in OUT/_thai_extract/runs/. Runs on one output folder take turns (a lock).
    --reprocess processes everything again (after a pipeline upgrade, say).

    {EXIT_CODES_HELP}""")
def ingest(inputs: Inputs = None, out: Out = Path("data/processed"), jobs: Jobs = 0, config: ConfigFile = None,
           word_engine: WordEngine = None, text_field: TextField = None, id_field: IdField = None,
           title_field: TitleField = None, date_field: DateField = None, encoding: Encoding = None,
           batch_size: BatchSize = 64, commit_every: CommitEvery = 10_000, fail_fast: FailFast = False,
           quiet: Quiet = False, engine: Engine = "local", scheduler: Scheduler = None,
           ner_model: NerModel = None, reprocess: Annotated[bool, typer.Option("--reprocess", help="Process every document again.")] = False) -> None:
    options = locals()
    del options["reprocess"]
    _process(**options, incremental=not reprocess)


@app.command()
def compact(out: Annotated[Path, typer.Argument(help="Output folder to compact.")] = Path("data/processed")) -> None:
    """Merge each table's part files into one, without changing what readers get."""
    from thai_extract.io.compact import compact as compact_folder

    for table, (before, after) in compact_folder(out).items():
        console.print(f"{table}: {before} part files -> {after}")


@app.command()
def recover(out: Annotated[Path, typer.Argument(help="Output folder to recover.")] = Path("data/processed")) -> None:
    """Finish or undo what a killed run left in an output folder.

    Every run, ingest and compact does this first, under the folder's lock; use it for a folder
    that no run will write to again.
    """
    from thai_extract.io.output import OutputFolder

    folder = OutputFolder(out)
    if not folder.meta.is_dir():
        console.print(f"[red]error:[/red] {out} is not a thai-extract output folder")
        raise typer.Exit(EXIT_USAGE)
    with folder.locked() as done:
        console.print(f"{out}: {done.finished_commits} unfinished commits completed, "
                      f"{done.discarded_runs} killed runs' uncommitted files deleted", soft_wrap=True)


def _process(inputs: list[str] | None, out: Path, jobs: int, config: Path | None, word_engine: str | None,
             text_field: str | None, id_field: str | None, title_field: str | None, date_field: str | None,
             encoding: str | None, batch_size: int, commit_every: int, fail_fast: bool, quiet: bool,
             engine: str, scheduler: str | None, ner_model: Path | None, incremental: bool) -> None:
    try:
        cfg = load_config(config)
        if word_engine:
            cfg.setdefault("stages", {}).setdefault("segment", {})["engine"] = word_engine
        if ner_model:
            cfg.setdefault("stages", {}).setdefault("entities", {})["ner_model"] = str(ner_model)
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

    try:
        runner = Runner(pipe, out, jobs=jobs or default_jobs(), fields=fields, encoding=encoding,
                        batch_docs=batch_size, commit_docs=commit_every, fail_fast=fail_fast,
                        on_progress=on_progress, engine=engine, scheduler=scheduler)
    except ValueError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    try:
        with progress:
            summary = runner.run(inputs or ["data/raw"], stdin=sys.stdin.buffer, incremental=incremental)
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
    module = importlib.import_module(f"thai_extract.eval.{task}")
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
    "ner": "Entities in ThaiNER JSONL: micro and per-label P/R/F1 (exact spans), against pythainlp's ThaiNER 1.5.1 CRF.",
    "cooperation": "Cooperation spans: area and party micro P/R/F1, domestic spans tagged, against a plain keyword lookup.",
}
"""Evaluation name → one-line summary; each has a module ``thai_extract.eval.<name>``."""

for _task, _summary in EVALUATIONS.items():
    eval_app.command(_task)(_eval_command(_task, _summary))


train_app = typer.Typer(help="Rebuild a model from annotated data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner(
    train: Annotated[Path, typer.Option("--train", help="ThaiNER-format JSONL to train on.")],
    dev: Annotated[Optional[Path], typer.Option("--dev", help="ThaiNER-format JSONL to score the new model on.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Model folder (gazetteers are read from it when present).")] = Path("models/entities"),
) -> None:
    """Train the entity CRF (models/entities/crf.model) and print its dev scores."""
    from thai_extract.training.ner import train as train_entities

    for path in (train, dev):
        if path is not None and not path.is_file():
            console.print(f"[red]error:[/red] no such file {path}")
            raise typer.Exit(EXIT_USAGE)
    result = train_entities(train, dev, out)
    print(json.dumps(result, indent=1, ensure_ascii=False, default=str))


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="The document to show.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("data/processed"),
) -> None:
    """One document at a glance: who cooperates with whom, on what, and when."""
    from thai_extract.loader import load
    from thai_extract.text.cooperation.rollup import summarise

    tables = load(out)
    if "documents" not in tables or doc_id not in set(tables["documents"].doc_id):
        console.print(f"[red]error:[/red] no document {doc_id!r} in {out}")
        raise typer.Exit(EXIT_USAGE)
    print(summarise(tables, doc_id))


@app.command()
def version() -> None:
    """Print the pipeline version."""
    print(__version__)


def main() -> None:
    set_offline_environment()
    app()


if __name__ == "__main__":
    main()
