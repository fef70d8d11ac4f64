"""A text with its annotations as nested ``<mark>`` elements, displaCy style, every character escaped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from html import escape

from markupsafe import Markup

# Which mark goes outside when two start together and end together.
_NESTING = {"ent": 0, "coop": 1, "date": 2, "corr": 3}


@dataclass(frozen=True)
class Span:
    """One highlighted range of the text: ``kind`` is ent, coop, date or corr; ``badge`` the label shown."""

    start: int
    end: int
    kind: str
    badge: str
    title: str = ""
    colour: str = ""


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` with each span marked; a span that crosses the end of an enclosing one is cut there.

    Spans outside the text or empty are left out. The result is safe HTML: the text, badges and
    titles are escaped.
    """
    ordered = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)),
                     key=lambda s: (s.start, -s.end, _NESTING.get(s.kind, len(_NESTING))))
    out: list[str] = []
    open_marks: list[tuple[int, Span]] = []   # (end, span); ends never increase towards the top
    pos = 0

    def close_through(limit: int) -> None:
        nonlocal pos
        while open_marks and open_marks[-1][0] <= limit:
            end, span = open_marks.pop()
            out.append(escape(text[pos:end]))
            out.append(f'<span class="badge">{escape(span.badge)}</span></mark>')
            pos = end

    for span in ordered:
        close_through(span.start)
        end = min(span.end, open_marks[-1][0]) if open_marks else span.end
        out.append(escape(text[pos:span.start]))
        out.append(f'<mark class="m m-{escape(span.kind)}" style="--c:{escape(span.colour)}" title="{escape(span.title)}">')
        open_marks.append((end, span))
        pos = span.start
    close_through(len(text))
    out.append(escape(text[pos:]))
    return Markup("".join(out))
