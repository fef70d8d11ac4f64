"""From the loaded output tables to the report page (the libraries of the ``report`` extra start here)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from thai_extract.report.charts import ENTITY_GROUPS, entities_over_time, passage_timeline
from thai_extract.report.documents import choose_documents, document_views
from thai_extract.report.frames import table
from thai_extract.report.network import cooperation_network
from thai_extract.report.page import figures_json, render_page
from thai_extract.report.passages import cooperation_passages
from thai_extract.report.summary import corpus_counts
from thai_extract.report.vocabulary import CORRECTION_COLOURS, DATE_COLOUR, ENTITY_COLOURS, vocabulary
from thai_extract.version import __version__

MAX_ERROR_ROWS = 50


def build_page(tables: Mapping[str, pd.DataFrame], *, source: Path, max_documents: int) -> str:
    """The report page of ``tables`` (as :func:`thai_extract.load` returns them)."""
    vocab = vocabulary()
    passages = cooperation_passages(tables)
    documents = table(tables, "documents")
    chosen = choose_documents(tables, passages, max_documents)
    views = document_views(tables, passages, chosen, vocab)
    index = {view.doc_id: view.index for view in views}
    titles = {d: str(t) for d, t in zip(documents["doc_id"], documents["title"]) if isinstance(t, str) and t}
    network = cooperation_network(passages, vocab)
    figures = {"network": network.figure, "timeline": passage_timeline(passages, titles, vocab, index)}
    figures.update({group.key: entities_over_time(tables, group, vocab) for group in ENTITY_GROUPS})
    errors = table(tables, "errors")
    return render_page({
        "version": __version__,
        "source": str(source),
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "counts": corpus_counts(tables, passages),
        "figures": figures_json(figures),
        "has": {key: figure is not None for key, figure in figures.items()},
        "network": network,
        "passages_from_events": "cooperation_events" in tables,
        "entity_groups": ENTITY_GROUPS,
        "documents": views,
        "first_document": index.get(chosen[0], 0) if chosen else 0,   # the one with the most passages
        "total_documents": documents["doc_id"].nunique(),
        "entity_colours": ENTITY_COLOURS,
        "date_colour": DATE_COLOUR,
        "correction_colour": CORRECTION_COLOURS["applied"],
        "errors": errors[["source", "reason", "stage", "detail"]].head(MAX_ERROR_ROWS).astype(object).fillna("").to_dict("records"),
        "error_count": len(errors),
    })
