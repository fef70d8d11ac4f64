"""thai-extract: the command line (a thin layer over ``thai_extract.runner`` and friends)."""

from __future__ import annotations

import codecs
import glob
import json
import re
import signal
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

from thai_extract._offline import set_offline_environment
from thai_extract.errors import ConfigError, ThaiExtractError
from thai_extract.version import __version__

EXIT_OK, EXIT_WITH_ERRORS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143

app = typer.Typer(
    help="Structured records from raw Thai text: typos fixed, sentences, words, entities, dates and cooperation areas, as Parquet datasets.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
)
console = Console(stderr=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a scheduler's timeout, ``kill``): stop like Ctrl-C, and exit 143."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated()


def _error(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``message`` as one error line (markup in it is shown as is) and return the exit to raise."""
    console.print(f"[red]error:[/red] {escape(str(message))}", soft_wrap=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        print(__version__)
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", metavar="",
                                                callback=_version, is_eager=True)] = False) -> None:
    """Structured records from raw Thai text."""


# -- run and ingest --------------------------------------------------------------------------
Inputs = Annotated[list[str], typer.Argument(help="Folders (read recursively), files, globs, or - for stdin.",
                                             show_default=False)]
Out = Annotated[Path, typer.Option("--out", "-o", help="Output folder: one Parquet dataset per table.",
                                   show_default=False)]
Jobs = Annotated[int, typer.Option("--jobs", "-j", metavar="N", help="Worker processes (0: all cores).")]
ConfigFile = Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="TOML pipeline config: stage order and settings (see README).")]
WordEngine = Annotated[Optional[str], typer.Option("--word-engine", metavar="NAME", help="Word segmenter: thaibreak (default), nlpo3, newmm.")]
TextField = Annotated[Optional[str], typer.Option("--text-field", metavar="NAME", help="Record field with the text (default: text, else body, else content).")]
IdField = Annotated[Optional[str], typer.Option("--id-field", metavar="NAME", help="Record field with the document id (default: id).")]
TitleField = Annotated[Optional[str], typer.Option("--title-field", metavar="NAME", help="Record field with the title (default: title).")]
DateField = Annotated[Optional[str], typer.Option("--date-field", metavar="NAME", help="Record field with the publication date (default: date, else published).")]
Encoding = Annotated[Optional[str], typer.Option("--encoding", metavar="CODEC", help="Force an input encoding instead of detecting UTF-8/UTF-16/TIS-620.")]
DocIds = Annotated[str, typer.Option("--doc-id", metavar="path|content", help="What an id is made from when a record has none: its path below the input folder, or its text.")]
FollowLinks = Annotated[bool, typer.Option("--follow-symlinks", metavar="", help="Follow links in input folders that lead outside them (links inside are always followed).")]
MaxDocMb = Annotated[float, typer.Option("--max-doc-mb", metavar="MB", min=0.001, help="Largest document (file, line or record) read; a larger one is an errors row.")]
BatchSize = Annotated[int, typer.Option("--batch-size", metavar="N", min=1, help="Documents per batch sent to a worker.")]
CommitEvery = Annotated[int, typer.Option("--commit-every", metavar="N", min=1, help="Commit (make visible) at least every N documents.")]
FailFast = Annotated[bool, typer.Option("--fail-fast", metavar="", help="Stop at the first input that fails instead of writing an errors row.")]
MaxErrors = Annotated[Optional[int], typer.Option("--max-errors", metavar="N", min=0, help="Exit 3 (failed) when more than N inputs become errors rows.")]
MaxErrorRate = Annotated[Optional[float], typer.Option("--max-error-rate", metavar="R", min=0.0, max=1.0, help="Exit 3 (failed) when more than this share of inputs become errors rows.")]
SummaryJson = Annotated[Optional[Path], typer.Option("--summary-json", metavar="FILE", help="Also write the summary as JSON (for Airflow and other schedulers).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No progress or summary (errors still print).")]
NerModel = Annotated[Optional[Path], typer.Option("--ner-model", metavar="DIR", help="A local Hugging Face token-classification model folder for the entity stage (the transformers extra).")]
Engine = Annotated[str, typer.Option("--engine", metavar="local|dask", help="local (a process pool) or dask (dask.distributed workers; the dask extra).")]
Scheduler = Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler (tcp://HOST:PORT); default a local cluster of --jobs workers.")]

EXIT_CODES_HELP = """Exit codes: 0 every input processed; 1 done, but some inputs became rows of the errors table;
    2 bad options, inputs or config (nothing written); 3 the run failed (output not writable, --fail-fast,
    --max-errors); 130 / 143 stopped by Ctrl-C / SIGTERM (committed output kept).
    Part files appear whole or not at all; a run killed at any moment is completed or undone by the next."""


@app.command(help=f"""Process INPUTS into the output tables under --out.

    On a folder that already holds output, --mode says what to do: error (the default: refuse),
    append (add this run's rows), overwrite (replace what is there, in one step), ignore (do nothing).
    For scheduled, incremental loads use ingest.

    {EXIT_CODES_HELP}""")
def run(inputs: Inputs, out: Out, jobs: Jobs = 0, config: ConfigFile = None, word_engine: WordEngine = None,
        text_field: TextField = None, id_field: IdField = None, title_field: TitleField = None,
        date_field: DateField = None, encoding: Encoding = None, doc_id: DocIds = "path",
        follow_symlinks: FollowLinks = False, max_doc_mb: MaxDocMb = 100.0, batch_size: BatchSize = 64,
        commit_every: CommitEvery = 10_000, fail_fast: FailFast = False, max_errors: MaxErrors = None,
        max_error_rate: MaxErrorRate = None, summary_json: SummaryJson = None, quiet: Quiet = False,
        engine: Engine = "local", scheduler: Scheduler = None, ner_model: NerModel = None,
        mode: Annotated[str, typer.Option("--mode", metavar="error|append|overwrite|ignore",
                                          help="What to do when --out already holds output.")] = "error") -> None:
    _process(**locals(), incremental=False)


@app.command(help=f"""Process only the documents of INPUTS not already in --out (by doc_id and content hash).

    A document whose content changed is processed again, and the loader returns its latest version.
    Every run is recorded in OUT/_thai_extract/runs/. Runs on one output folder take turns (a lock).
    --reprocess processes everything again (after a pipeline upgrade, say).

    {EXIT_CODES_HELP}""")
def ingest(inputs: Inputs, out: Out, jobs: Jobs = 0, config: ConfigFile = None, word_engine: WordEngine = None,
           text_field: TextField = None, id_field: IdField = None, title_field: TitleField = None,
           date_field: DateField = None, encoding: Encoding = None, doc_id: DocIds = "path",
           follow_symlinks: FollowLinks = False, max_doc_mb: MaxDocMb = 100.0, batch_size: BatchSize = 64,
           commit_every: CommitEvery = 10_000, fail_fast: FailFast = False, max_errors: MaxErrors = None,
           max_error_rate: MaxErrorRate = None, summary_json: SummaryJson = None, quiet: Quiet = False,
           engine: Engine = "local", scheduler: Scheduler = None, ner_model: NerModel = None,
           reprocess: Annotated[bool, typer.Option("--reprocess", metavar="", help="Process every document again.")] = False) -> None:
    options = locals()
    del options["reprocess"]
    _process(**options, incremental=not reprocess, mode="append")


def _check_inputs(inputs: list[str], out: Path) -> None:
    """Exit 2 (before anything is created) on inputs that do not exist and outputs we cannot write."""
    if re.match(r"^[A-Za-z][\w+.-]*:/", str(out)):  # s3://b/x (Path() has already made it s3:/b/x)
        raise _error(f"--out {out}: remote outputs are not supported (the commit protocol needs atomic renames "
                     "on a local or mounted file system); write to a local folder and copy it")
    if out.exists() and not out.is_dir():
        raise _error(f"--out {out} is a file, not a folder")
    for item in inputs:
        if item == "-" or Path(item).exists() or Path(item).is_symlink():
            continue
        if any(ch in item for ch in "*?["):
            if not any(Path(m).is_file() for m in glob.iglob(item, recursive=True)):
                raise _error(f"the pattern {item!r} matches no file")
            continue
        raise _error(f"no such file or folder: {item}")


def _build_pipeline(config: Path | None, word_engine: str | None, ner_model: Path | None) -> Any:
    from thai_extract.core import Pipeline
    from thai_extract.registry import load_config

    cfg = load_config(config)
    if word_engine:
        cfg.setdefault("stages", {}).setdefault("segment", {})["engine"] = word_engine
    if ner_model:
        cfg.setdefault("stages", {}).setdefault("entities", {})["ner_model"] = str(ner_model)
    return Pipeline.from_config(cfg)


def _process(inputs: list[str], out: Path, jobs: int, config: Path | None, word_engine: str | None,
             text_field: str | None, id_field: str | None, title_field: str | None, date_field: str | None,
             encoding: str | None, doc_id: str, follow_symlinks: bool, max_doc_mb: float, batch_size: int,
             commit_every: int, fail_fast: bool, max_errors: int | None, max_error_rate: float | None,
             summary_json: Path | None, quiet: bool, engine: str, scheduler: str | None, ner_model: Path | None,
             incremental: bool, mode: str) -> None:
    from thai_extract.io.readers import FieldNames
    from thai_extract.runner import ENGINES, MODES, FailFastError, OutputExistsError, Runner, default_jobs

    for name, value, choices in (("--mode", mode, MODES), ("--engine", engine, ENGINES), ("--doc-id", doc_id, ("path", "content"))):
        if value not in choices:
            raise _error(f"{name} {value!r}: choose from {', '.join(choices)}")
    if jobs < 0:
        raise _error(f"--jobs {jobs}: give 1 or more workers, or 0 for all cores ({default_jobs()} here)")
    if jobs > default_jobs():
        console.print(f"[yellow]warning:[/yellow] --jobs {jobs} is more than the {default_jobs()} cores this process "
                      "may use; each worker loads its own models (about 250 MB)")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise _error(f"--encoding {encoding!r}: no such codec (try utf-8, utf-16-le, tis-620, cp874)") from None
    _check_inputs(inputs, out)
    try:
        pipe = _build_pipeline(config, word_engine, ner_model)
    except ConfigError as exc:
        raise _error(str(exc)) from None
    fields = FieldNames.with_overrides(id=id_field, text=text_field, title=title_field, published=date_field)
    display = _Display(quiet, "ingest" if incremental else "run")
    runner = Runner(pipe, out, jobs=jobs or None, fields=fields, encoding=encoding, id_from=doc_id,
                    follow_symlinks=follow_symlinks, max_document_mb=max_doc_mb, batch_docs=batch_size,
                    commit_docs=commit_every, fail_fast=fail_fast, engine=engine, scheduler=scheduler, mode=mode,
                    on_progress=display.progress,
                    on_wait=lambda: console.print(f"waiting for another run on {escape(str(out))} to finish…"))
    display.start(runner.reader.total_bytes(inputs))
    try:
        summary = runner.run(inputs, stdin=sys.stdin.buffer, incremental=incremental)
    except OutputExistsError as exc:
        raise _error(str(exc)) from None
    except ConfigError as exc:  # a field named on the command line that no record has
        raise _error(str(exc)) from None
    except FailFastError as exc:
        console.print(f"[red]stopped (--fail-fast):[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_FAILED) from None
    except Terminated:
        console.print("[yellow]terminated (SIGTERM):[/yellow] committed output is kept; the next run finishes or undoes the rest")
        raise typer.Exit(EXIT_TERMINATED) from None
    except KeyboardInterrupt:
        console.print("[yellow]interrupted:[/yellow] committed output is kept; the next run finishes or undoes the rest")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (OSError, ThaiExtractError) as exc:
        raise _error(f"run failed: {exc}", EXIT_FAILED) from None
    finally:
        display.stop()
    code = EXIT_WITH_ERRORS if summary.errors else EXIT_OK
    inputs_total = summary.documents + summary.errors
    too_many = []
    if max_errors is not None and summary.errors > max_errors:
        too_many.append(f"{summary.errors} errors rows, more than --max-errors {max_errors}")
    if max_error_rate is not None and inputs_total and summary.errors / inputs_total > max_error_rate:
        too_many.append(f"{summary.errors / inputs_total:.1%} of inputs failed, more than --max-error-rate {max_error_rate:g}")
    if too_many:
        code = EXIT_FAILED
    if summary_json:
        summary_json.write_text(json.dumps({**summary.as_dict(), "exit_code": code}, ensure_ascii=False, indent=1),
                                encoding="utf-8")
    if summary.status == "ignored":
        if not quiet:
            console.print(f"{escape(str(out))} already holds output: nothing done (--mode ignore)")
        raise typer.Exit(EXIT_OK)
    if not quiet:
        console.print(_summary_table(summary))
    _print_errors(summary)
    if too_many:
        console.print(f"[red]failed:[/red] {'; '.join(too_many)}")
    raise typer.Exit(code)


class _Display:
    """Progress while a run goes: a bar with bytes and ETA on a terminal, a plain line every 10 s otherwise."""

    def __init__(self, quiet: bool, command: str) -> None:
        self.quiet, self.command = quiet, command
        self.live = console.is_terminal and not quiet
        self.progress_bar: Progress | None = None
        self.started = self.last_line = time.monotonic()
        self.total: int | None = None

    def start(self, total_bytes: int | None) -> None:
        self.total = total_bytes or None
        self.started = self.last_line = time.monotonic()
        if self.live:
            self.progress_bar = Progress(
                SpinnerColumn(), TextColumn(f"[bold]{self.command}"), BarColumn(), DownloadColumn(),
                TextColumn("{task.fields[docs]} docs"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=console, transient=True)
            self.task = self.progress_bar.add_task(self.command, total=self.total, docs="0")
            self.progress_bar.start()

    def progress(self, summary: Any) -> None:
        if self.progress_bar is not None:
            self.progress_bar.update(self.task, completed=summary.bytes_read, docs=f"{summary.documents:,}")
        elif not self.quiet and time.monotonic() - self.last_line >= 10:
            self.last_line = time.monotonic()
            share = f" ({summary.bytes_read / self.total:.0%} of the input)" if self.total else ""
            rate = summary.documents / max(self.last_line - self.started, 1e-9)
            console.print(f"{self.command}: {summary.documents:,} documents, {summary.errors:,} errors{share}, "
                          f"{rate:,.1f} docs/s", soft_wrap=True)

    def stop(self) -> None:
        if self.progress_bar is not None:
            self.progress_bar.stop()


def _summary_table(summary: Any) -> Table:
    table = Table(title=f"thai-extract {summary.command} {summary.run_id}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [
        ("documents", f"{summary.documents:,}"),
        ("characters", f"{summary.chars:,}"),
        *((f"  {name} rows", f"{n:,}") for name, n in summary.rows_written.items() if name not in ("documents", "errors")),
        ("errors", f"{summary.errors:,}" + (" (" + ", ".join(f"{c} ×{n}" for c, n in sorted(summary.errors_by_reason.items())) + ")"
                                            if summary.errors else "")),
        ("skipped: already in output", f"{summary.skipped:,}"),
        ("skipped: duplicate records", f"{summary.duplicates:,}"),
        ("skipped: unsupported files", f"{summary.unsupported:,}"),
        ("time", f"{summary.seconds:.2f} s"),
        ("throughput", f"{summary.docs_per_second:,.1f} docs/s, {summary.chars_per_second:,.0f} chars/s"),
        ("workers", str(summary.jobs)),
        ("output", escape(str(summary.out_dir.resolve()))),
        ("run manifest", escape(str(summary.manifest.resolve()))),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def _print_errors(summary: Any) -> None:
    if not summary.errors:
        return
    console.print(f"[yellow]{summary.errors:,} input(s) became rows of the errors table "
                  f"({escape(str((summary.out_dir / 'errors').resolve()))}); the first {len(summary.error_samples)}:[/yellow]")
    for failure in summary.error_samples:
        console.print(f"  {escape(failure.detail.splitlines()[0])}", soft_wrap=True)


# -- the output folder -----------------------------------------------------------------------
OutDir = Annotated[Path, typer.Argument(help="An output folder of thai-extract run/ingest.", show_default=False)]


def _existing_output(out: Path) -> Any:
    from thai_extract.io.output import OutputFolder

    folder = OutputFolder(out)
    if not folder.meta.is_dir():
        raise _error(f"{out} is not a thai-extract output folder")
    return folder


@app.command()
def compact(out: OutDir) -> None:
    """Merge each table's part files into one, without changing what readers get."""
    from thai_extract.io.compact import compact as compact_folder

    _existing_output(out)
    result = compact_folder(out)
    table = Table(title=f"thai-extract compact {result.run_id}", show_header=True, title_justify="left")
    for column in ("table", "part files before", "after"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for name, (before, after) in result.tables.items():
        table.add_row(name, str(before), str(after))
    if not result.tables:
        table.add_row("(nothing to merge)", "", "")
    console.print(table)
    for path in result.foreign:
        console.print(f"[yellow]left alone:[/yellow] {escape(str(path))} (not a part file written by thai-extract)",
                      soft_wrap=True)


@app.command()
def recover(out: OutDir) -> None:
    """Finish or undo what a killed run left in an output folder.

    Every run, ingest and compact does this first, under the folder's lock; use it for a folder
    that no run will write to again.
    """
    folder = _existing_output(out)
    with folder.locked(lambda: console.print(f"waiting for another run on {escape(str(out))} to finish…")) as done:
        console.print(f"{escape(str(out))}: {done.finished_commits} unfinished commits completed, "
                      f"{done.discarded_runs} killed runs' uncommitted files deleted", soft_wrap=True)


@app.command()
def show(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.", show_default=False)],
    doc_id: Annotated[Optional[str], typer.Argument(help="The document (or a unique start of its id).", show_default=False)] = None,
    list_ids: Annotated[bool, typer.Option("--list", metavar="", help="List the documents (id, title) instead.")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON (for scripts).")] = False,
) -> None:
    """One document at a glance: its entities, dates, corrections and who cooperates with whom, on what, when."""
    from thai_extract.document_view import document_view, find_doc_ids, render_view
    from thai_extract.loader import load

    _existing_output(out)
    tables = load(out)
    documents = tables.get("documents")
    if documents is None or documents.empty:
        raise _error(f"{out} holds no document yet")
    if list_ids or doc_id is None:
        rows = [{"doc_id": d, "title": t if isinstance(t, str) else None} for d, t in zip(documents.doc_id, documents.title)]
        print(json.dumps(rows, ensure_ascii=False, indent=1) if as_json
              else "\n".join(f"{r['doc_id']}\t{r['title'] or ''}" for r in rows))
        return
    matches = find_doc_ids(documents, doc_id)
    if len(matches) != 1:
        raise _error(f"no document {doc_id!r} in {out}" if not matches else
                     f"{doc_id!r} starts {len(matches)} ids ({', '.join(matches[:5])}{', …' if len(matches) > 5 else ''}): give more of it")
    view = document_view(tables, matches[0])
    print(json.dumps(view, ensure_ascii=False, indent=1, default=str) if as_json else render_view(view))


@app.command()
def sql(
    out: OutDir,
    command: Annotated[Optional[str], typer.Option("--command", "-c", metavar="SQL", help="Run this query (needs the duckdb package) instead of printing the views.")] = None,
) -> None:
    """The DuckDB views that read OUT the way load() does: latest_<table> per table (each document's latest run).

    Without -c, prints the CREATE VIEW statements (pipe them into the duckdb shell); with -c, runs a query over them.
    """
    from thai_extract.sql import latest_views

    _existing_output(out)
    statements = latest_views(out)
    if command is None:
        print(statements)
        return
    try:
        import duckdb
    except ImportError:
        raise _error("-c needs the duckdb package: pip install duckdb") from None
    connection = duckdb.connect()
    connection.execute(statements)
    print(connection.sql(command))


@app.command()
def report(
    out: OutDir,
    dest: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write (a folder gets report.html).")] = Path("report.html"),
    max_documents: Annotated[int, typer.Option("--max-documents", metavar="N", min=0, help="Documents the page carries in full: those with the most cooperation passages.")] = 500,
) -> None:
    """One self-contained HTML page about an output folder: counts, who cooperates with whom (a network
    and a timeline), top persons, organisations and places over time, highlighted documents."""
    from thai_extract.report import MissingExtraError, write_report

    _existing_output(out)
    try:
        path = write_report(out, dest, max_documents=max_documents)
    except (MissingExtraError, FileNotFoundError) as exc:
        raise _error(str(exc)) from None
    console.print(f"report: {escape(str(path.resolve()))} ({path.stat().st_size / 1e6:.1f} MB)", soft_wrap=True)


# -- checking ----------------------------------------------------------------------------------
@app.command()
def check(
    config: ConfigFile = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Also check that this output folder can be written.")] = None,
) -> None:
    """Check an installation: the config is valid, every model is found and loads, the output is writable, which extras are present."""
    import importlib.util
    import tempfile

    ok = True

    def line(good: bool, what: str, detail: str = "") -> None:
        nonlocal ok
        ok &= good
        console.print(f"  [{'green' if good else 'red'}]{'ok' if good else 'FAIL'}[/] {escape(what)}"
                      + (f": {escape(detail)}" if detail else ""), soft_wrap=True)

    console.print(f"thai-extract {__version__}")
    try:
        pipe = _build_pipeline(config, None, None)
        line(True, "config", ", ".join(s.name for s in pipe.stages))
    except ConfigError as exc:
        line(False, "config", str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    from thai_extract.resources import models_dir

    line(models_dir().is_dir(), "models folder", str(models_dir()))
    try:
        started = time.perf_counter()
        pipe.warm_up()
        line(True, "models load", f"{time.perf_counter() - started:.2f} s")
    except Exception as exc:
        line(False, "models load", f"{type(exc).__name__}: {exc}")
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            tempfile.NamedTemporaryFile(dir=out).close()
            line(True, "output writable", str(out.resolve()))
        except OSError as exc:
            line(False, "output writable", f"{out}: {exc.strerror or exc}")
    for extra, modules in EXTRAS.items():
        present = all(importlib.util.find_spec(m) is not None for m in modules)
        console.print(f"  {'present' if present else 'absent '} extra [bold]{extra}[/bold] ({', '.join(modules)})")
    raise typer.Exit(EXIT_OK if ok else EXIT_FAILED)


EXTRAS = {"dask": ["distributed"], "transformers": ["torch", "transformers"], "report": ["jinja2", "plotly", "networkx"],
          "bench": ["dateparser", "symspellpy"]}
"""Optional extras and the modules that show each is installed (``thai-extract check``)."""


# -- eval and train ------------------------------------------------------------------------------
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


def _run_eval(task: str, path: Path, baselines: bool, **options: Any) -> None:
    import importlib

    if not path.is_file():
        raise _error(f"no such file {path}")
    module = importlib.import_module(f"thai_extract.eval.{task}")
    try:
        rows = module.evaluate(path, baselines=baselines, **options)
    except (KeyError, TypeError, ValueError) as exc:  # a record without the fields this evaluation needs
        what = f"a record has no field {exc}" if isinstance(exc, KeyError) else str(exc).splitlines()[0]
        raise _error(f"{path} is not a `{task}` eval file ({what}); see `thai-extract eval {task} --help`") from None
    _print_report(f"{task}: {path}", rows)


def _eval_command(task: str, summary: str):
    def command(
        path: Annotated[Path, typer.Argument(help="Annotated JSONL file.", show_default=False)],
        baselines: Annotated[bool, typer.Option(help="Also score the baselines, in the same run.", metavar="")] = True,
    ) -> None:
        _run_eval(task, path, baselines)

    command.__doc__ = summary
    return command


EVALUATIONS: dict[str, str] = {
    "dates": "Date mentions: span P/R/F1 (overlap) and value accuracy, against dateparser. Records: {doc_id, text, published, dates: [{start, end, start_date, end_date, granularity}]}.",
    "typos": "Typo correction: line recall, precision, false alarms per 1,000 words, against pythainlp and symspell. Records: {id, text, clean, typo}.",
    "ner": "Entities in ThaiNER JSONL: micro and per-label P/R/F1 (exact spans), against pythainlp's ThaiNER 1.5.1 CRF.",
    "cooperation": "Cooperation spans: area and party micro P/R/F1, domestic spans tagged, against a plain keyword lookup. Records: {doc_id, text, spans: [{start, end, areas, parties}]}.",
}
"""Evaluation name → one-line summary; each has a module ``thai_extract.eval.<name>``."""

for _task, _summary in EVALUATIONS.items():
    if _task != "ner":
        eval_app.command(_task)(_eval_command(_task, _summary))


@eval_app.command("ner")
def eval_ner(
    path: Annotated[Path, typer.Argument(help="ThaiNER-format JSONL.", show_default=False)],
    baselines: Annotated[bool, typer.Option(help="Also score the baselines, in the same run.", metavar="")] = True,
    model: Annotated[str, typer.Option("--model", metavar="crf|spacy", help="The entity model kind.")] = "crf",
    model_path: Annotated[Optional[Path], typer.Option("--model-path", metavar="PATH", help="Another CRF file or spaCy folder.")] = None,
    ner_model: NerModel = None,
) -> None:
    """Entities in ThaiNER JSONL: micro and per-label P/R/F1 (exact spans), against pythainlp's ThaiNER 1.5.1 CRF. Records: {text, entities: [{start, end, label}]}."""
    if model not in ("crf", "spacy"):
        raise _error(f"--model {model!r}: choose crf or spacy")
    try:
        _run_eval("ner", path, baselines, model=model, model_path=model_path, ner_model=ner_model)
    except (ThaiExtractError, ImportError) as exc:
        raise _error(str(exc), EXIT_FAILED) from None


train_app = typer.Typer(help="Rebuild a model from annotated data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner(
    train: Annotated[Path, typer.Option("--train", help="ThaiNER-format JSONL to train on.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="Model folder to write (gazetteers are read from it when present).", show_default=False)],
    dev: Annotated[Optional[Path], typer.Option("--dev", help="ThaiNER-format JSONL to score the new model on.")] = None,
    model: Annotated[str, typer.Option("--model", metavar="crf|spacy", help="Which model to train.")] = "crf",
    unlabeled: Annotated[Optional[Path], typer.Option("--unlabeled", metavar="FILE", help="spaCy: unlabeled news (JSONL, gzipped or not) for the static vectors.")] = None,
    vectors: Annotated[Optional[Path], typer.Option("--vectors", metavar="DIR", help="spaCy: a vectors folder to reuse (built there from --unlabeled when absent).")] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Overwrite a model that is already in --out (the shipped one included).")] = False,
) -> None:
    """Train the entity model (crf.model, or the spacy/ folder, in --out) and print its dev scores."""
    from thai_extract.training.ner import MODEL_FILE

    if model not in ("crf", "spacy"):
        raise _error(f"--model {model!r}: choose crf or spacy")
    for path in (train, dev, unlabeled):
        if path is not None and not path.is_file():
            raise _error(f"no such file {path}")
    target = out / (MODEL_FILE if model == "crf" else "spacy/meta.json")
    if target.exists() and not force:
        raise _error(f"{target} exists (it may be the shipped model): give another --out, or --force to overwrite it")
    if model == "spacy":
        from thai_extract.training.ner_spacy import train as train_spacy

        result = train_spacy(train, dev, out, unlabeled=unlabeled, vectors=vectors)
    else:
        from thai_extract.training.ner import train as train_crf

        result = train_crf(train, dev, out)
    print(json.dumps(result, indent=1, ensure_ascii=False, default=str))


@train_app.command("spelling")
def train_spelling(
    corpus: Annotated[Path, typer.Option("--corpus", metavar="FILE", help="Unlabeled news, JSONL (gzipped or not) with title and text or body.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="Model folder to write (lm.npz and ranker.json).", show_default=False)],
    force: Annotated[bool, typer.Option("--force", metavar="", help="Overwrite a model that is already in --out (the shipped one included).")] = False,
) -> None:
    """Build the spelling language model and train its ranker of corrections (the train extra)."""
    if not corpus.is_file():
        raise _error(f"no such file {corpus}")
    if (out / "lm.npz").exists() and not force:
        raise _error(f"{out / 'lm.npz'} exists (it may be the shipped model): give another --out, or --force to overwrite it")
    from thai_extract.training.spelling import train_spelling as build

    print(json.dumps(build(corpus, out), indent=1, ensure_ascii=False, default=str))


@train_app.command("cooperation")
def train_cooperation(
    gold: Annotated[list[str], typer.Option("--gold", metavar="GLOB", help="Cooperation eval files (JSONL; a glob pattern is expanded); repeat for more.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="Model folder to write (paragraphs.json).", show_default=False)],
    force: Annotated[bool, typer.Option("--force", metavar="", help="Overwrite a model that is already in --out (the shipped one included).")] = False,
) -> None:
    """Train the cooperation paragraph model on annotated spans (the train extra), and print its cross-validation."""
    import glob

    from thai_extract.text.cooperation.paragraphs import MODEL_FILE

    paths = [Path(p) for pattern in gold for p in (sorted(glob.glob(pattern)) or [pattern])]
    for path in paths:
        if not path.is_file():
            raise _error(f"no such file {path}")
    if (out / MODEL_FILE).exists() and not force:
        raise _error(f"{out / MODEL_FILE} exists (it may be the shipped model): give another --out, or --force to overwrite it")
    from thai_extract.training.cooperation_paragraphs import train as build

    print(json.dumps(build(paths, out), indent=1, ensure_ascii=False, default=str))


@train_app.command("sentences")
def train_sentences(
    corpus: Annotated[Path, typer.Option("--corpus", metavar="FILE", help="Unlabeled news, JSONL (gzipped or not) with text or body.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", metavar="FILE", help="Model file to write (sentences.json.gz).", show_default=False)],
    articles: Annotated[int, typer.Option("--articles", help="Articles to label.")] = 3000,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Overwrite a model that is already there (the shipped one included).")] = False,
) -> None:
    """Distil the sentence model from pythainlp's CRFCut on unlabeled news, and print a held-out report."""
    if not corpus.is_file():
        raise _error(f"no such file {corpus}")
    if out.exists() and not force:
        raise _error(f"{out} exists (it may be the shipped model): give another --out, or --force to overwrite it")
    from thai_extract.training.sentences import main as build

    raise typer.Exit(build(["--corpus", str(corpus), "--out", str(out), "--articles", str(articles)]))


@app.command()
def version() -> None:
    """Print the pipeline version."""
    print(__version__)


def main() -> None:
    """The ``thai-extract`` console script."""
    set_offline_environment()
    signal.signal(signal.SIGTERM, _terminate)
    app()


if __name__ == "__main__":
    main()
