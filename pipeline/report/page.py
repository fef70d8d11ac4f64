"""The report page: the template filled in, with plotly.js and every figure inlined."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

import jinja2
import plotly.graph_objects as go
import plotly.io as pio
from markupsafe import Markup
from plotly.offline import get_plotlyjs

# Characters that could end a <script> element or an HTML comment inside inlined JSON.
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("thai_extract.report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


def figures_json(figures: Mapping[str, go.Figure | None]) -> Markup:
    """The figures as one JSON object, safe to place inside a ``<script>`` element."""
    plain = {key: json.loads(pio.to_json(figure, validate=False)) for key, figure in figures.items() if figure is not None}
    # Thai as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6)
    return Markup(json.dumps(plain, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES))


def render_page(context: Mapping[str, Any]) -> str:
    """The whole HTML page; ``context`` fills ``templates/report.html.j2``."""
    return _environment().get_template("report.html.j2").render(
        **context, plotly_js=Markup(get_plotlyjs()),
    )
