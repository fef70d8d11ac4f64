"""Who cooperates with whom: parties as nodes, an edge per pair and top-level area, weighted by passages."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from thai_extract.report.charts import base_layout, escaped
from thai_extract.report.frames import strings
from thai_extract.report.vocabulary import KIND_COLOURS, NO_AREA, UNKNOWN_COLOUR, Vocabulary

MAX_PARTIES = 60
_PARALLEL_GAP = 0.018   # layout units between parallel edges of one pair (the layout spans [-1, 1])


@dataclass(frozen=True)
class Network:
    figure: go.Figure | None
    parties: int            # parties in the corpus
    shown: int              # parties drawn (the most active, at most MAX_PARTIES)


def cooperation_network(passages: pd.DataFrame, vocab: Vocabulary, max_parties: int = MAX_PARTIES) -> Network:
    """The network figure of ``passages``; node size is a party's passages, edge width a pair's."""
    involved: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    pair_areas: dict[tuple[str, str], Counter[str]] = {}
    for parties, areas in zip(passages["parties"], passages["areas"]):
        parties = sorted(set(strings(parties)))
        roots = list(dict.fromkeys(vocab.root(a) for a in strings(areas))) or [NO_AREA]
        involved.update(parties)
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                pairs[a, b] += 1
                pair_areas.setdefault((a, b), Counter()).update(roots)
    shown = [p for p, _ in involved.most_common(max_parties)]
    if not shown:
        return Network(None, 0, 0)
    keep = set(shown)
    graph = nx.Graph()
    graph.add_nodes_from(shown)
    graph.add_weighted_edges_from((a, b, math.log1p(n)) for (a, b), n in pairs.items() if a in keep and b in keep)
    # k: the distance nodes settle at; three times networkx's default spreads a hub's many partners apart
    position = nx.spring_layout(graph, weight="weight", seed=7, iterations=300, k=3 / math.sqrt(graph.number_of_nodes()))
    traces = _edge_traces(graph, position, pairs, pair_areas, vocab) + [_node_trace(shown, position, involved, pairs, vocab)]
    figure = go.Figure(traces)
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    xs, ys = [x for x, _ in position.values()], [y for _, y in position.values()]
    figure.update_layout(**base_layout(
        height=560, hovermode="closest", dragmode="pan", xaxis={**hidden, "range": _padded(xs, 0.25)},
        yaxis={**hidden, "range": _padded(ys, 0.12), "scaleanchor": "x"},
        legend={"title": {"text": "area"}, "itemclick": "toggle", "font": {"size": 11}},
    ))
    return Network(figure, len(involved), len(shown))


def _edge_traces(graph: nx.Graph, position: dict, pairs: Counter, pair_areas: dict[tuple[str, str], Counter],
                 vocab: Vocabulary) -> list[go.Scatter]:
    """One line trace per (top-level area, width), plus invisible midpoints that carry the hover text."""
    most = max((n for a, b in graph.edges() for n in pair_areas[tuple(sorted((a, b)))].values()), default=1)
    lines: dict[tuple[str, float], tuple[list, list]] = {}
    middles: dict[str, tuple[list, list, list]] = {}
    for a, b in graph.edges():
        a, b = sorted((a, b))
        by_area = pair_areas[a, b]
        (xa, ya), (xb, yb) = position[a], position[b]
        length = math.hypot(xb - xa, yb - ya) or 1.0
        nx_, ny_ = -(yb - ya) / length, (xb - xa) / length   # unit normal: parallel edges side by side
        for i, (root, n) in enumerate(by_area.most_common()):
            shift = (i - (len(by_area) - 1) / 2) * _PARALLEL_GAP
            dx, dy = nx_ * shift, ny_ * shift
            width = round(2 * (1 + 7 * math.sqrt(n / most))) / 2
            xs, ys = lines.setdefault((root, width), ([], []))
            xs += [xa + dx, xb + dx, None]
            ys += [ya + dy, yb + dy, None]
            mx, my, text = middles.setdefault(root, ([], [], []))
            mx.append((xa + xb) / 2 + dx)
            my.append((ya + yb) / 2 + dy)
            text.append(f"<b>{escaped(vocab.party_label(a))} – {escaped(vocab.party_label(b))}</b><br>"
                        f"{escaped(vocab.area_label(root))}: {n} passage{'s' if n != 1 else ''}<br>"
                        f"all areas: {pairs[a, b]} passage{'s' if pairs[a, b] != 1 else ''}")
    roots_in_order = [r for r in vocab.roots() if r in middles] + sorted(set(middles) - set(vocab.roots()))
    traces = []
    for root in roots_in_order:
        name, colour = escaped(vocab.area_label(root)), vocab.colour(root)
        first = True
        for (r, width), (xs, ys) in sorted(lines.items(), key=lambda item: item[0][1]):
            if r != root:
                continue
            traces.append(go.Scatter(x=xs, y=ys, mode="lines", name=name, legendgroup=root, showlegend=first,
                                     line={"color": colour, "width": width}, opacity=0.75, hoverinfo="skip"))
            first = False
        mx, my, text = middles[root]
        traces.append(go.Scatter(x=mx, y=my, mode="markers", legendgroup=root, showlegend=False,
                                 marker={"size": 12, "color": colour, "opacity": 0}, hovertext=text, hoverinfo="text"))
    return traces


def _node_trace(shown: list[str], position: dict, involved: Counter, pairs: Counter, vocab: Vocabulary) -> go.Scatter:
    most = max(involved[p] for p in shown)
    hover = []
    for party in shown:
        partners = Counter({(b if a == party else a): n for (a, b), n in pairs.items() if party in (a, b)})
        top = ", ".join(f"{escaped(p)} {n}" for p, n in partners.most_common(6))
        kind = vocab.party_kind.get(party, "party")
        hover.append(f"<b>{escaped(vocab.party_label(party))}</b> · {kind}<br>"
                     f"{involved[party]} passage{'s' if involved[party] != 1 else ''}"
                     + (f"<br>with {top}" if top else "") + "<br><i>click: its documents</i>")
    return go.Scatter(
        x=[position[p][0] for p in shown], y=[position[p][1] for p in shown], mode="markers+text",
        text=[escaped(p) for p in shown], textposition="top center", name="party", showlegend=False,
        marker={"size": [12 + 34 * math.sqrt(involved[p] / most) for p in shown],
                "color": [KIND_COLOURS.get(vocab.party_kind.get(p, ""), UNKNOWN_COLOUR) for p in shown],
                "line": {"width": 1.5, "color": "#ffffff"}},
        hovertext=hover, hoverinfo="text", customdata=shown, textfont={"size": 12, "color": "#222"},
    )


def _padded(values: list[float], pad: float) -> list[float]:
    """An axis range around ``values`` with room for the labels."""
    return [min(values) - pad, max(values) + pad]
