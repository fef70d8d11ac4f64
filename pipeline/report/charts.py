"""The report's Plotly charts: top entities by publication month, and dated cooperation passages."""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from thai_extract.report.frames import iso_dates, strings, table
from thai_extract.report.vocabulary import NO_AREA, Vocabulary

TOP_NAMES = 8
SNIPPET_CHARS = 70   # of the first passage, in the timeline's hover
TITLE_CHARS = 60
HOVER_TITLES = 3


@dataclass(frozen=True)
class EntityGroup:
    key: str
    title: str
    labels: tuple[str, ...]


ENTITY_GROUPS = (
    EntityGroup("persons", "Persons", ("PERSON",)),
    EntityGroup("organisations", "Organisations", ("ORGANIZATION",)),
    EntityGroup("places", "Places", ("LOCATION",)),
)


def base_layout(**overrides: object) -> dict[str, object]:
    """Layout settings every chart shares (system fonts: nothing is fetched)."""
    layout: dict[str, object] = {
        "template": "plotly_white",
        "font": {"family": "system-ui, 'Noto Sans Thai', 'Sarabun', 'Loma', 'Garuda', sans-serif", "size": 12},
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "hoverlabel": {"align": "left"},
    }
    layout.update(overrides)
    return layout


def escaped(text: object, limit: int | None = None) -> str:
    """Text for a Plotly label: shortened, with HTML special characters escaped."""
    text = " ".join(str(text).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text)


def entities_over_time(tables: Mapping[str, pd.DataFrame], group: EntityGroup, vocab: Vocabulary) -> go.Figure | None:
    """The names of ``group`` in the most documents, as a heatmap: documents per name and publication month.

    Without two publication months (plain text inputs, one day's news) it is a bar chart of mentions.
    """
    entities = table(tables, "entities")
    entities = entities[entities["label"].isin(group.labels)]
    if entities.empty:
        return None
    names = entities["canonical"].where(entities["canonical"].notna() & (entities["canonical"] != ""), entities["text"])
    mentions = pd.DataFrame({"doc_id": entities["doc_id"], "name": names.astype(str)}).drop_duplicates()
    documents = table(tables, "documents")
    months = pd.to_datetime(iso_dates(documents["published"]), errors="coerce").dt.strftime("%Y-%m")
    mentions = mentions.merge(pd.DataFrame({"doc_id": documents["doc_id"], "month": months}), on="doc_id", how="left")
    top = mentions["name"].value_counts().head(TOP_NAMES).index.tolist()
    mentions = mentions[mentions["name"].isin(top)]
    labels = [escaped(vocab.party_label(name) if name in vocab.party_name else name, 32) for name in top]
    height = 70 + 30 * len(top)
    monthly = mentions.dropna(subset=["month"])
    if monthly["month"].nunique() < 2:
        times = names.astype(str).value_counts().reindex(top)
        figure = go.Figure(go.Bar(x=times.values, y=labels, orientation="h", marker_color="#4c78a8",
                                  hovertemplate="%{y}: %{x} mentions<extra></extra>"))
        figure.update_layout(**base_layout(height=height, yaxis={"autorange": "reversed"}, xaxis={"title": "mentions"}))
        return figure
    counts = monthly.groupby(["name", "month"]).size().unstack(fill_value=0)
    all_months = pd.period_range(min(counts.columns), max(counts.columns), freq="M").strftime("%Y-%m")
    counts = counts.reindex(index=top, columns=all_months, fill_value=0)
    figure = go.Figure(go.Heatmap(
        z=counts.values.tolist(), x=[f"{m}-01" for m in all_months], y=labels, colorscale="Blues", xgap=2, ygap=2,
        hovertemplate="%{y}<br>%{x|%B %Y}: %{z} documents<extra></extra>", colorbar={"thickness": 8, "tickfont": {"size": 10}},
    ))
    step = 1 if len(all_months) <= 12 else 3 if len(all_months) <= 36 else 12
    years = sorted({m[:4] for m in all_months})
    figure.update_layout(**base_layout(height=height + 20, yaxis={"autorange": "reversed"}, xaxis={
        "type": "date", "tickformat": "%b" if len(years) == 1 else "%b %y", "dtick": f"M{step}", "tickfont": {"size": 10},
        "title": {"text": years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}", "font": {"size": 11}}}))
    return figure


def passage_timeline(passages: pd.DataFrame, titles: Mapping[str, str], vocab: Vocabulary,
                     doc_index: Mapping[str, int]) -> go.Figure | None:
    """Dated cooperation passages by date and top-level area: one marker per date, area and date source."""
    dated = passages.dropna(subset=["start_date"])
    if dated.empty:
        return None
    points: dict[tuple[str, str, str, str], dict] = {}
    for row in dated.itertuples(index=False):
        roots = list(dict.fromkeys(vocab.root(a) for a in strings(row.areas))) or [NO_AREA]
        source = row.date_source if isinstance(row.date_source, str) else ""
        for root in roots:
            key = (root, row.start_date, row.end_date or row.start_date, source)
            point = points.setdefault(key, {"n": 0, "parties": Counter(), "docs": {}, "text": row.text})
            point["n"] += 1
            point["parties"].update(strings(row.parties))
            point["docs"][row.doc_id] = None
    order = [r for r in vocab.roots() if any(k[0] == r for k in points)]
    order += sorted({k[0] for k in points} - set(order))
    traces = []
    for root in order:
        keys = [k for k in points if k[0] == root]
        name, colour = escaped(vocab.area_label(root)), vocab.colour(root)
        spans_x: list[str | None] = []
        for _, start, end, _ in keys:
            if end != start:
                spans_x += [start, end, None]
        if spans_x:
            traces.append(go.Scatter(x=spans_x, y=[None if x is None else name for x in spans_x], mode="lines",
                                     hoverinfo="skip", line={"color": colour, "width": 3}, opacity=0.5))
        traces.append(go.Scatter(
            x=[k[1] for k in keys], y=[name] * len(keys), name=name, mode="markers",
            marker={"color": colour, "size": [7 + 3 * math.sqrt(points[k]["n"]) for k in keys],
                    "symbol": ["circle-open" if k[3] == "published" else "circle" for k in keys],
                    "line": {"width": 2, "color": colour}},
            hovertext=[_passage_hover(k, points[k], titles) for k in keys], hoverinfo="text",
            customdata=[_first_shown(points[k]["docs"], doc_index) for k in keys],
        ))
    figure = go.Figure(traces)
    figure.update_layout(**base_layout(
        height=max(220, 34 * len(order) + 80), hovermode="closest", showlegend=False,
        xaxis={"type": "date", "range": _focus(dated["start_date"])},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": [escaped(vocab.area_label(r)) for r in order][::-1]},
    ))
    return figure


def _first_shown(doc_ids: Mapping[str, None], doc_index: Mapping[str, int]) -> int:
    """The page index of the first of ``doc_ids`` that the document view holds, else -1."""
    return next((doc_index[d] for d in doc_ids if d in doc_index), -1)


def _passage_hover(key: tuple[str, str, str, str], point: Mapping, titles: Mapping[str, str]) -> str:
    _, start, end, source = key
    when = start if end == start else f"{start} to {end}"
    how = {"published": "publication date", "sentence": "date in the passage",
           "context": "date just before the passage"}.get(source, source)
    docs = list(point["docs"])
    lines = [f"<b>{escaped(when)}</b>" + (f" ({escaped(how)})" if how else ""),
             f"{point['n']} passage{'s' if point['n'] != 1 else ''} in {len(docs)} document{'s' if len(docs) != 1 else ''}: "
             + escaped(", ".join(p for p, _ in point["parties"].most_common(6)) or "no party")]
    lines += [escaped(titles.get(d) or d, TITLE_CHARS) for d in docs[:HOVER_TITLES]]
    if len(docs) > HOVER_TITLES:
        lines.append(f"and {len(docs) - HOVER_TITLES} more")
    lines.append(f"<i>{escaped(point['text'], SNIPPET_CHARS)}</i>")
    return "<br>".join(lines)


def _focus(starts: pd.Series) -> list[str]:
    """The dates where most passages lie (5th to 95th percentile, padded); far-off ones are a zoom-out away."""
    dates = pd.to_datetime(starts, errors="coerce").dropna()
    low, high = dates.quantile(0.05), dates.quantile(0.95)
    pad = max((high - low) * 0.05, pd.Timedelta(days=15))
    return [(low - pad).strftime("%Y-%m-%d"), (high + pad).strftime("%Y-%m-%d")]
