"""The paragraph model: how likely a paragraph reports international cooperation.

The rule detector (:mod:`.detector`) finds passages from cue words, parties and area terms; it
misses paragraphs that report cooperation in other words ("สร้างสะพานเชื่อมด้านวิทยาศาสตร์กับ…",
a headline that only names the visit) and keeps a few that do not. The paragraph model reads each
paragraph's words, what the taxonomy's matcher marked in it (cues, parties, area terms) and where the
rule passages are, and gives the probability that annotators would call it cooperation. The detector
then adds the area terms of a likely paragraph the rules left out (``rescue``) and drops the rows of
an unlikely one they kept (``veto``).

A logistic regression trained by ``thai_extract.training.cooperation_paragraphs`` (scikit-learn) on
the blind-annotated cooperation sets of ``bench/data``; here it is a sum of weights.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from thai_extract.errors import require_resource
from thai_extract.resources import cached, model_path
from thai_extract.text.cooperation.reading import CooperationInput, Sentence

MODEL_FILE = "paragraphs.json"
REBUILD = ("rebuild it with: python bench/cooperation.py --export-gold DIR, then "
           "thai-extract train cooperation --gold 'DIR/*.jsonl' --out models/cooperation --force")
_NEAR, _FAR = 300, 1000   # characters to the nearest rule passage: near, not far, far


@dataclass(frozen=True, slots=True)
class Paragraph:
    """The sentences ``first`` to ``last`` (inclusive) of one paragraph, and its working-text span."""

    first: int
    last: int
    start: int
    end: int


def paragraphs(sents: Sequence[Sentence]) -> list[Paragraph]:
    """The paragraphs of marked sentences, in order."""
    out: list[Paragraph] = []
    for i, s in enumerate(sents):
        if out and sents[out[-1].first].para == s.para:
            p = out[-1]
            out[-1] = Paragraph(p.first, i, p.start, s.end)
        else:
            out.append(Paragraph(i, i, s.start, s.end))
    return out


def paragraph_features(inp: CooperationInput, sents: Sequence[Sentence], paras: Sequence[Paragraph], k: int,
                       row_spans: Sequence[tuple[int, int]], home: str | None,
                       token_starts: Sequence[int] | None = None) -> dict[str, float]:
    """The features of paragraph ``k``: its words, what the matcher marked in it, where the rule rows are.

    ``row_spans``: the working-text spans of the rule detector's rows, sorted; ``token_starts``:
    the starts of ``inp.tokens`` (computed when not given).
    """
    p = paras[k]
    mine = sents[p.first:p.last + 1]
    f: dict[str, float] = {"bias_headline": float(k == 0)}
    if token_starts is None:
        token_starts = [s for s, _ in inp.tokens]
    for ts, te in inp.tokens[bisect.bisect_left(token_starts, p.start):bisect.bisect_left(token_starts, p.end)]:
        word = inp.work[ts:te].strip().lower()
        if word and any(ch.isalnum() for ch in word):
            f["w=" + word] = 1.0
    foreign = {c for s in mine for _, c in s.parties if c != home}
    for name, present in (("cue", any(s.cue for s in mine)), ("cont", any(s.cont for s in mine)),
                          ("area", any(s.areas for s in mine)), ("agency", any(s.agency_areas for s in mine)),
                          ("foreign", bool(foreign)), ("home", any(c == home for s in mine for _, c in s.parties))):
        if present:
            f["m=" + name] = 1.0
    f["n_foreign"] = min(len(foreign), 3) / 3
    f["length"] = min(p.end - p.start, 1000) / 1000

    def has_rows(q: Paragraph) -> bool:
        return rows_within(row_spans, q.start, q.end)

    ruled = has_rows(p)
    if ruled:
        f["rule"] = 1.0
    if row_spans:
        f["doc_rule"] = 1.0
        if has_rows(paras[0]):
            f["headline_rule"] = 1.0
        if k > 0 and has_rows(paras[k - 1]):
            f["prev_rule"] = 1.0
        if k + 1 < len(paras) and has_rows(paras[k + 1]):
            f["next_rule"] = 1.0
        i = bisect.bisect_left(row_spans, (p.start, -1))
        gaps = [p.start - row_spans[i - 1][1]] if i > 0 else []
        if i < len(row_spans):
            gaps.append(max(row_spans[i][0] - p.end, 0))
        gap = max(min(gaps), 0)
        f["gap=" + ("in" if ruled else "near" if gap < _NEAR else "mid" if gap < _FAR else "far")] = 1.0
    return f


def rows_within(row_spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a row of the sorted ``row_spans`` starts in ``[start, end)``."""
    i = bisect.bisect_left(row_spans, (start, -1))
    return i < len(row_spans) and row_spans[i][0] < end


@dataclass(frozen=True)
class ParagraphModel:
    """Weights by feature name, an intercept, and the two probabilities the detector acts on:
    ``rescue`` (a paragraph without rule rows above it gets its area terms) and ``veto`` (a
    paragraph with rule rows below it loses them)."""

    weights: Mapping[str, float]
    intercept: float
    rescue: float
    veto: float
    meta: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ParagraphModel":
        path = require_resource(model_path("cooperation", MODEL_FILE, configured=path),
                                "cooperation paragraph model", REBUILD)
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            return cls(dict(data["weights"]), float(data["intercept"]), float(data["rescue"]), float(data["veto"]),
                       data.get("meta", {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: not a cooperation paragraph model ({exc!r}); {REBUILD}") from None

    def save(self, path: str | Path) -> None:
        data = {"intercept": self.intercept, "rescue": self.rescue, "veto": self.veto, "meta": self.meta,
                "weights": dict(sorted(self.weights.items()))}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def cached_paragraph_model(path: str | None = None) -> ParagraphModel:
    """:meth:`ParagraphModel.load`, once per process and path."""
    return cached("cooperation paragraph model", path, lambda: ParagraphModel.load(path))
