"""``thai-extract report``: one self-contained HTML page about an output folder.

>>> from thai_extract.report import write_report
>>> write_report("data/processed", "report.html")  # doctest: +SKIP
PosixPath('/…/report.html')

The page holds corpus counts, the cooperation network, a timeline of dated cooperation passages,
the most mentioned persons, organisations and places by publication month, and the text of up to
``max_documents`` documents with their annotations highlighted. Every script and style is inline:
it opens offline and fetches nothing. It needs the ``report`` extra (Jinja2, Plotly, networkx).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MAX_DOCUMENTS = 500
INSTALL_HINT = "pip install 'thai-extract[report]'"
_EXTRA_MODULES = {"jinja2", "markupsafe", "plotly", "networkx"}


class MissingExtraError(ImportError):
    """The report's libraries are not installed; the message says which ``pip install`` to run."""


def write_report(out_dir: str | Path, dest: str | Path, *, max_documents: int = DEFAULT_MAX_DOCUMENTS) -> Path:
    """Write the report of the output folder ``out_dir`` to ``dest`` (an .html file, or a folder to
    hold ``report.html``); return its path.

    Raises FileNotFoundError when ``out_dir`` holds no output table, and MissingExtraError when
    the ``report`` extra is not installed.
    """
    try:
        from thai_extract.report.build import build_page
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in _EXTRA_MODULES:
            raise
        raise MissingExtraError(
            f"the report needs the 'report' extra ({exc.name or exc}): {INSTALL_HINT} "
            "(in a checkout: pip install -e '.[report]')") from exc
    out_dir = Path(out_dir)
    tables = _load(out_dir)
    if not tables:
        raise FileNotFoundError(f"no output tables under {out_dir}: run `thai-extract run ... --out {out_dir}` first")
    html = build_page(tables, source=out_dir.resolve(), max_documents=max_documents)
    dest = Path(dest) / "report.html" if Path(dest).is_dir() else Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, dest)   # a reader never sees half a page
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest.resolve()


def _load(out_dir: Path) -> dict:
    """The tables the report reads (not tokens or records: they are the largest and add nothing here)."""
    from thai_extract.io.schemas import TABLES
    from thai_extract.loader import load_table
    from thai_extract.report.frames import COLUMNS

    names = [name for name in COLUMNS if name in TABLES and (out_dir / name).is_dir()]
    return {name: load_table(out_dir, name) for name in names}


__all__ = ["DEFAULT_MAX_DOCUMENTS", "INSTALL_HINT", "MissingExtraError", "write_report"]
