"""The per-document view: which documents the page carries, and each one's highlighted text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd
from markupsafe import Markup

from thai_extract.report.frames import iso_dates, present, strings, table
from thai_extract.report.highlight import Span, highlight
from thai_extract.report.vocabulary import CORRECTION_COLOURS, DATE_COLOUR, ENTITY_COLOURS, UNKNOWN_COLOUR, Vocabulary

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n(?:[ \t\r\f\v]*\n)+")
_SHORT_LABEL = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC", "FACILITY": "FAC", "EVENT": "EVENT"}


@dataclass(frozen=True)
class DocumentView:
    """One document as the page shows it."""

    index: int
    doc_id: str
    title: str
    published: str | None
    source: str
    title_html: Markup
    body_html: Markup
    parties: list[str]
    areas: list[tuple[str, str, str]]          # (code, English name, colour)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def option(self) -> str:
        """The document picker's line."""
        head = self.title or self.doc_id
        head = head if len(head) <= 90 else head[:89] + "…"
        return f"{self.published or 'no date'} · {head}"


def choose_documents(tables: Mapping[str, pd.DataFrame], passages: pd.DataFrame, max_documents: int) -> list[str]:
    """The ``max_documents`` documents with the most cooperation passages, then the most annotations."""
    doc_ids = list(dict.fromkeys(table(tables, "documents")["doc_id"].dropna().tolist()))
    in_passages = Counter(passages["doc_id"].tolist())
    mentions: Counter[str] = Counter()
    for name in ("entities", "dates", "corrections"):
        mentions.update(table(tables, name)["doc_id"].tolist())
    ranked = sorted(doc_ids, key=lambda d: (-in_passages[d], -mentions[d], str(d)))
    return ranked[: max(0, max_documents)]


def document_views(tables: Mapping[str, pd.DataFrame], passages: pd.DataFrame, doc_ids: list[str],
                   vocab: Vocabulary) -> list[DocumentView]:
    """The views of ``doc_ids``, newest publication first."""
    wanted = set(doc_ids)
    documents = table(tables, "documents")
    documents = documents[documents["doc_id"].isin(wanted)].drop_duplicates("doc_id")
    documents = documents.assign(published=iso_dates(documents["published"]))
    documents = documents.sort_values(["published", "doc_id"], ascending=[False, True], na_position="last")
    frames = {name: table(tables, name) for name in ("entities", "dates", "corrections", "cooperation")}
    for column in ("start_date", "end_date"):
        frames["dates"][column] = iso_dates(frames["dates"][column])
    rows = {name: _by_doc(frame, wanted) for name, frame in frames.items()}
    by_doc_passages = _by_doc(passages, wanted)
    views = []
    for index, doc in enumerate(documents.itertuples(index=False)):
        spans = {name: list(_spans(name, rows[name].get(doc.doc_id), vocab)) for name in rows}
        own = by_doc_passages.get(doc.doc_id, [])
        parties = sorted({p for passage in own for p in strings(passage["parties"])})
        areas = list(dict.fromkeys(a for passage in own for a in strings(passage["areas"])))
        title = str(doc.title) if present(doc.title) else ""
        text = str(doc.text) if present(doc.text) else ""
        # documents.text is the title, a line break and the body; offsets index all of it
        body_start = int(doc.body_start) if present(getattr(doc, "body_start", None)) else 0
        every = [s for ss in spans.values() for s in ss]
        views.append(DocumentView(
            index=index, doc_id=str(doc.doc_id), title=title, published=doc.published,
            source=str(doc.source) if present(doc.source) else "",
            title_html=highlight(text[:max(body_start - 1, 0)], [s for s in every if s.end < body_start]),
            body_html=_fewer_blank_lines(highlight(text[body_start:], [
                replace(s, start=s.start - body_start, end=s.end - body_start) for s in every if s.start >= body_start])),
            parties=parties, areas=[(a, vocab.area_label(a), vocab.colour(a)) for a in areas],
            counts={"entities": len(spans["entities"]), "dates": len(spans["dates"]),
                    "corrections": len(spans["corrections"]), "passages": len(own)},
        ))
    return views


def _fewer_blank_lines(html: Markup) -> Markup:
    """Runs of blank lines shown as one (the text is shown as written, in pre-wrap)."""
    return Markup(_BLANK_LINES.sub("\n\n", str(html)))


def _by_doc(frame: pd.DataFrame, wanted: set[str]) -> dict[str, list[dict]]:
    """The rows of ``frame`` for the ``wanted`` documents, as records grouped by doc_id."""
    out: dict[str, list[dict]] = {}
    for row in frame[frame["doc_id"].isin(wanted)].to_dict("records"):
        out.setdefault(row["doc_id"], []).append(row)
    return out


def _spans(name: str, rows: list[dict] | None, vocab: Vocabulary) -> Iterator[Span]:
    """The Span of each row with offsets (into documents.text)."""
    for row in rows or ():
        if not (present(row.get("start")) and present(row.get("end"))):
            continue
        yield _span(name, int(row["start"]), int(row["end"]), row, vocab)


def _span(name: str, start: int, end: int, row: Mapping, vocab: Vocabulary) -> Span:
    if name == "entities":
        label = str(row.get("label") or "")
        canonical = row.get("canonical")
        title = f"{label}: {canonical}" if present(canonical) and canonical else label
        return Span(start, end, "ent", _SHORT_LABEL.get(label, label), title, ENTITY_COLOURS.get(label, UNKNOWN_COLOUR))
    if name == "dates":
        first, last = row.get("start_date"), row.get("end_date")   # ISO strings or None
        value = "?" if not present(first) else first if not present(last) or last == first else f"{first} – {last}"
        return Span(start, end, "date", value, f"date ({row.get('granularity') or '?'}): {value}", DATE_COLOUR)
    if name == "corrections":
        applied = row.get("applied")
        status = "suggested" if present(applied) and not applied else "applied"
        score = row.get("score")
        title = f"typo {row.get('original')} → {row.get('text')} ({status}" + (
            f", score {float(score):.2f})" if present(score) else ")")
        return Span(start, end, "corr", f"→ {row.get('text')}", title, CORRECTION_COLOURS[status])
    area = str(row.get("area") or "")
    parties = ", ".join(strings(row.get("parties")))
    return Span(start, end, "coop", area, f"cooperation: {vocab.area_label(area)} · {parties}", vocab.colour(area))
