"""spaCy for our users: what the pipeline found, as a ``spacy.tokens.Doc`` (needs the ``spacy`` extra).

    from thai_extract import extract
    from thai_extract.spacy import to_spacy
    from spacy import displacy

    doc = to_spacy(extract(text, published="2024-05-01"))
    [(e.text, e.label_, e.kb_id_) for e in doc.ents]          # entities, kb_id_ = canonical name
    [(s.text, s._.start_date, s._.end_date) for s in doc.spans["dates"]]
    displacy.render(doc, style="ent")                          # or style="span", options={"spans_key": "dates"}

The ``Doc``'s text is the document's text exactly as read (title, line break, body when there is a
title), so every offset of our tables is a character offset into ``doc.text``:
``doc.char_span(row["start"], row["end"])`` is that row's span. Its tokens are our tokens, cut
further only where an annotation starts or ends inside one; whitespace between tokens is a token of
its own (spaCy's convention: one trailing space belongs to the token before it). What it carries:

- sentences (``doc.sents``); ``token.norm_`` is the working form of a token when normalisation or a
  typo fix changed it (``"หหาร"`` → ``"ทหาร"``);
- ``doc.ents``: the entities (``label_``, ``kb_id_`` = canonical: an ISO code for a country), where
  two overlap the longer one; ``doc.spans["entities"]`` holds them all;
- span groups ``dates``, ``cooperation``, ``cooperation_events`` and ``corrections``, with the
  table's values on span extensions (``span._.start_date``, ``span._.parties``, ``span._.correction``…:
  see :data:`SPAN_EXTENSIONS`).

Inside a spaCy pipeline, ``nlp.add_pipe("thai_extract")`` runs our stages on each ``Doc`` and puts
the same annotations on it (spans widened to the Doc's own tokens where they cut inside one);
:func:`blank` gives a pipeline whose tokenizer is ours, so nothing needs widening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from thai_extract.api import Rows, _rows_up_to, extract
from thai_extract.text.entities.spacy_ner import NothingToSave

TOKENIZER = "thai_extract.Tokenizer.v1"
COMPONENT = "thai_extract"

SPAN_GROUPS = ("entities", "dates", "cooperation", "cooperation_events", "corrections")
"""The span groups a Doc gets, named as our tables (``entities`` also fill ``doc.ents``)."""

SPAN_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "entities": ("canonical", "score", "source"),
    "dates": ("start_date", "end_date", "granularity", "relative", "time"),
    "cooperation": ("area_parent", "parties", "party_kinds", "score"),
    "cooperation_events": ("parties", "party_kinds", "areas", "kind", "start_date", "end_date", "date_source"),
    "corrections": ("correction", "original", "applied", "score", "method"),
}
"""Per span group, the ``span._`` extensions that hold the table's columns (``correction`` is the
corrections table's ``text``: the fix)."""


def _label(group: str, row: Mapping[str, Any]) -> str:
    """The span label: the entity label, ``DATE``, the area code, the event kind, ``TYPO``."""
    if group == "entities":
        return str(row["label"])
    if group == "cooperation":
        return str(row["area"])
    if group == "cooperation_events":
        return str(row["kind"] or "cooperation")
    return "DATE" if group == "dates" else "TYPO"


def _plain(value: Any) -> Any:
    """A value msgpack stores (``DocBin(store_user_data=True)``): dates as ISO strings, lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return [_plain(v) for v in value] if isinstance(value, (list, tuple)) else value


def _span_value(row: Mapping[str, Any], name: str) -> Any:
    return _plain(row["text"] if name == "correction" else row.get(name))


def _register_extensions() -> None:
    names = {name for names in SPAN_EXTENSIONS.values() for name in names}
    for name in sorted(names):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("thai_extract"):
        Doc.set_extension("thai_extract", default=None)


# ---- building a Doc whose tokens fit every span ------------------------------------------------
def _cut_points(text: str, rows: Rows) -> tuple[list[int], set[int], set[int]]:
    """Where the Doc's tokens start and end, and the offsets where spans (not tokens) start and end."""
    def offsets(tables: tuple[str, ...], key: str) -> set[int]:
        return {r[key] for table in tables for r in rows.get(table, ())}

    spans = ("sentences", *SPAN_GROUPS)
    cuts = {0, len(text)} | offsets(("tokens", *spans), "start") | offsets(("tokens", *spans), "end")
    return sorted(o for o in cuts if 0 <= o <= len(text)), offsets(spans, "start"), offsets(spans, "end")


def doc_from_cuts(vocab: Any, text: str, cuts: list[int], span_starts: set[int] = frozenset(),
                  span_ends: set[int] = frozenset()) -> Doc:
    """A Doc over ``text`` with a token boundary at every cut; ``doc.text == text``.

    A space right after a token becomes that token's trailing whitespace (spaCy's convention)
    unless a span starts at the space or, when the space is all of its piece, ends right after it.
    """
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        if not piece:
            continue
        if piece[0] == " " and words and not spaces[-1] and not words[-1].isspace() and start not in span_starts \
                and (len(piece) > 1 or end not in span_ends):
            spaces[-1] = True
            piece = piece[1:]
            if not piece:
                continue
        words.append(piece)
        spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)


def _set_sentences(doc: Doc, rows: Rows, mode: str) -> None:
    spans = [doc.char_span(r["start"], r["end"], alignment_mode=mode) for r in rows["sentences"]]
    # whitespace before the first sentence belongs to it: that sentence starts at token 0
    firsts = set(sorted({span.start for span in spans if span is not None})[1:])
    for token in doc:
        token.is_sent_start = token.i == 0 or token.i in firsts


def _set_norms(doc: Doc, rows: Rows) -> None:
    """``token.norm_`` = our working form where it differs from the text as read."""
    for row in rows["tokens"]:
        span = doc.char_span(row["start"], row["end"])
        if span is not None and len(span) == 1 and span.text != row["text"]:
            span[0].norm_ = row["text"]


def _spans(doc: Doc, rows: Rows, group: str, mode: str) -> list[Span]:
    spans = []
    for row in rows.get(group, ()):
        span = doc.char_span(row["start"], row["end"], label=_label(group, row),
                             kb_id=row.get("canonical") or "", alignment_mode=mode)
        if span is None:  # an empty span, or one inside whitespace: no token to put it on
            continue
        for name in SPAN_EXTENSIONS[group]:
            span._.set(name, _span_value(row, name))
        spans.append(span)
    return spans


def annotate(doc: Doc, rows: Rows, *, alignment_mode: str = "strict") -> Doc:
    """Put one document's rows (``extract()``'s result) on ``doc``, whose text must be the document's.

    ``alignment_mode="expand"`` widens a span that cuts inside a token to whole tokens.
    """
    [document] = rows["documents"]
    if doc.text != document["text"]:
        raise ValueError("the Doc's text is not the text these rows were extracted from")
    _register_extensions()
    if not doc.has_annotation("SENT_START"):
        _set_sentences(doc, rows, alignment_mode)
    _set_norms(doc, rows)
    for group in SPAN_GROUPS:
        doc.spans[group] = _spans(doc, rows, group, alignment_mode)
    doc.set_ents(filter_spans(doc.spans["entities"]), default="outside")
    doc._.thai_extract = {k: _plain(v) for k, v in document.items() if k not in ("text", "text_clean")}
    return doc


@cache
def _shared_vocab() -> Any:
    """One vocabulary for the Docs of ``to_spacy`` without ``vocab=`` (so they go into one DocBin)."""
    return spacy.blank("xx").vocab


def to_spacy(result: Rows | str, *, vocab: Any = None, **extract_options: Any) -> Doc:
    """A spaCy ``Doc`` of one document: ``extract()``'s result, or a text (then ``extract()`` runs
    on it with ``extract_options``: ``title=``, ``published=``, ``config=``).

    Every row's ``[start, end)`` is a span of the Doc: ``doc.char_span(start, end)`` never misses.
    """
    rows = extract(result, **extract_options) if isinstance(result, str) else result
    text = rows["documents"][0]["text"]
    doc = doc_from_cuts(vocab if vocab is not None else _shared_vocab(), text, *_cut_points(text, rows))
    return annotate(doc, rows)


# ---- inside a spaCy pipeline ---------------------------------------------------------------
class ThaiExtractTokenizer(NothingToSave):
    """spaCy tokenizer: our normalise, spelling and segment stages' tokens (settings in ``config``)."""

    def __init__(self, vocab: Any, config: Mapping[str, Any] | None = None) -> None:
        self.vocab = vocab
        self.config = dict(config or {})

    def __call__(self, text: str) -> Doc:
        rows = _rows_up_to("segment", text, self.config)
        doc = doc_from_cuts(self.vocab, text, *_cut_points(text, rows))
        _set_sentences(doc, rows, "strict")
        _set_norms(doc, rows)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)


@spacy.registry.tokenizers(TOKENIZER)
def create_tokenizer(config: dict[str, Any] = {}) -> Any:  # noqa: B006 - spaCy fills it from the nlp config
    """``[nlp.tokenizer] @tokenizers = "thai_extract.Tokenizer.v1"``: our tokens."""
    return lambda nlp: ThaiExtractTokenizer(nlp.vocab, config)


class ThaiExtractComponent:
    """``nlp.add_pipe("thai_extract")``: our stages on each Doc's text, their rows put on the Doc."""

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        self.config = dict(config or {})

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get("published")
        rows = extract(doc.text, published=published, config=self.config)
        return annotate(doc, rows, alignment_mode="expand")


@Language.factory(COMPONENT, default_config={"config": {}})
def create_component(nlp: Language, name: str, config: dict[str, Any]) -> ThaiExtractComponent:
    """The ``thai_extract`` component; ``config`` is a pipeline config as ``extract(config=...)`` takes."""
    return ThaiExtractComponent(config)


def blank(config: Mapping[str, Any] | None = None) -> Language:
    """A spaCy pipeline for Thai: our tokenizer and the ``thai_extract`` component, same ``config``.

    Set ``doc.user_data["published"]`` (a date) before the component runs to anchor relative dates;
    ``nlp.pipe`` or ``nlp(text)`` otherwise resolve them against nothing, as ``extract()`` does.
    """
    settings = dict(config or {})
    nlp = spacy.blank("th", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER, "config": settings}}})
    nlp.add_pipe(COMPONENT, config={"config": settings})
    return nlp


__all__ = ["SPAN_EXTENSIONS", "SPAN_GROUPS", "ThaiExtractComponent", "ThaiExtractTokenizer", "annotate", "blank",
           "doc_from_cuts", "to_spacy"]
