"""``thai-extract eval ner FILE.jsonl``: entity mentions scored against ThaiNER-format gold.

FILE holds one record a line: ``{id, text, entities: [{start, end, label, text}]}`` with character
offsets into ``text``. A prediction counts when (start, end, label) equals a gold entity exactly;
scores are micro precision/recall/F1 over PERSON, ORGANIZATION and LOCATION, F1 per label, and
speed in characters per second (tagging only, one thread).

Systems: ours (the CRF or the spaCy model with gazetteers and rules, as the entities stage runs it,
each line tagged as one sentence), and as a baseline the ThaiNER 1.5.1 CRF that ships inside pythainlp
(``pythainlp/corpus/thainer_crf_1_5_1.model``), loaded with python-crfsuite and fed the features of
pythainlp's code. That model expects LST20 POS tags, whose tagger is not shipped; we map pythainlp's
ORCHID perceptron tags to LST20's tag set. It was trained on ThaiNER train + validation, so its
validation score is inflated.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported
from thai_extract.text.entities.scoring import MAIN_LABELS, score


class _HasSpan(Protocol):
    start: int
    end: int
    label: str


class System(Protocol):
    def tag(self, text: str) -> Sequence[_HasSpan]: ...


def load(path: str | Path) -> list[dict[str, Any]]:
    """The records of a ThaiNER-format JSONL file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_system(data: str | Path | list[dict[str, Any]], system: System,
                    labels: Sequence[str] = MAIN_LABELS) -> dict[str, Any]:
    """Scores of one system on ``data`` (a path or loaded records)."""
    records = load(data) if isinstance(data, (str, Path)) else data
    gold = [[(e["start"], e["end"], e["label"]) for e in rec["entities"]] for rec in records]
    pred = []
    n_chars = 0
    t0 = time.perf_counter()
    for rec in records:
        n_chars += len(rec["text"])
        pred.append([(m.start, m.end, m.label) for m in system.tag(rec["text"])])
    seconds = time.perf_counter() - t0
    out: dict[str, Any] = score(gold, pred, labels)
    out["chars_per_s"] = round(n_chars / seconds) if seconds > 0 else 0
    return out


# ---- the ThaiNER 1.5.1 CRF shipped in pythainlp
# ORCHID POS tags (pythainlp's perceptron) -> LST20 tags, which the 1.5.1 model was trained with
_ORCHID_TO_LST20 = {
    "NPRP": "NN", "NCMN": "NN", "NLBL": "NN", "NTTL": "NN", "NCNM": "NU", "NONM": "NU",
    "PPRS": "PR", "PDMN": "PR", "PNTR": "PR", "PREL": "PR",
    "VACT": "VV", "VSTA": "VV", "VATT": "AJ",
    "XVBM": "AX", "XVAM": "AX", "XVMM": "AX", "XVBB": "AX", "XVAE": "AX",
    "DDAN": "DT", "DDAC": "DT", "DDBQ": "DT", "DDAQ": "DT", "DIAC": "DT", "DIBQ": "DT", "DIAQ": "DT",
    "DCNM": "DT", "DONM": "DT",
    "ADVN": "AV", "ADVI": "AV", "ADVP": "AV", "ADVS": "AV",
    "CNIT": "CL", "CLTV": "CL", "CMTR": "CL", "CFQC": "CL", "CVBL": "CL",
    "JCRG": "CC", "JCMP": "CC", "JSBR": "CC", "RPRE": "PS", "INT": "IJ",
    "FIXN": "FX", "FIXV": "FX", "EAFF": "PA", "EITT": "PA", "NEG": "NG", "PUNC": "PU",
}


class ThaiNER151:
    """pythainlp's shipped ThaiNER 1.5.1 CRF, run the way pythainlp's code builds its features."""

    def __init__(self) -> None:
        import importlib.util

        import pycrfsuite
        from pythainlp.corpus import thai_stopwords

        spec = importlib.util.find_spec("pythainlp")
        assert spec is not None and spec.origin is not None
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(Path(spec.origin).parent / "corpus" / "thainer_crf_1_5_1.model"))
        self.stopwords = thai_stopwords()

    def _features(self, doc: list[tuple[str, str]]) -> list[dict[str, Any]]:
        from pythainlp.util import is_thai

        sw = self.stopwords

        def word_feats(word: str, pos: str, pre: str) -> dict[str, Any]:
            return {f"word.{pre}word": word, f"word.{pre}isspace": word.isspace(),
                    f"word.{pre}isthai": is_thai(word), f"word.{pre}stopword": word in sw,
                    f"word.{pre}wordisdigit": word.isdigit()}

        out = []
        n = len(doc)
        for i, (word, pos) in enumerate(doc):
            f: dict[str, Any] = {"word.word": word, "word.stopword": word in sw, "word.isthai": is_thai(word),
                                 "word.isspace": word.isspace(), "postag": pos, "word.isdigit()": word.isdigit()}
            if word.isdigit() and len(word) == 5:
                f["word.islen5"] = True
            if i > 0:
                w, p = doc[i - 1]
                f.update({"word.prevword": w, "word.previsspace": w.isspace(), "word.previsthai": is_thai(w),
                          "word.prevstopword": w in sw, "word.prepostag": p, "word.prevwordisdigit": w.isdigit()})
            else:
                f["BOS"] = True
            if i < n - 1:
                w, p = doc[i + 1]
                f.update({"word.nextword": w, "word.nextisspace": w.isspace(), "word.nextisthai": is_thai(w),
                          "word.nextstopword": w in sw, "word.nextpostag": p, "word.nextwordisdigit": w.isdigit()})
            else:
                f["EOS"] = True
            # crfsuite reads True as weight 1 and drops False
            out.append({k: v for k, v in f.items() if v is not False})
        return out

    def tag(self, text: str) -> list[Any]:
        from types import SimpleNamespace

        from pythainlp.tag import pos_tag
        from pythainlp.tokenize import word_tokenize

        words = word_tokenize(text, engine="mm", keep_whitespace=True)
        if not words:
            return []
        tags = [_ORCHID_TO_LST20.get(p, "NN") if not w.isspace() else "PU"
                for w, p in pos_tag(words, engine="perceptron", corpus="orchid")]
        labels = self.tagger.tag(self._features(list(zip(words, tags))))
        offsets = []
        pos = 0
        for w in words:
            start = text.find(w, pos)
            start = pos if start < 0 else start
            offsets.append((start, start + len(w)))
            pos = start + len(w)
        out = []
        cur: list[Any] | None = None
        for (s, e), lab, w in zip(offsets, labels, words):
            if lab.startswith("I-") and cur is not None and cur[2] == lab[2:]:
                cur[1] = e
                continue
            if cur is not None:
                out.append(cur)
            cur = [s, e, lab[2:]] if lab != "O" else None
        if cur is not None:
            out.append(cur)
        spans = []
        for s, e, lab in out:  # a span never starts or ends with whitespace
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            spans.append(SimpleNamespace(start=s, end=e, label=lab))
        return spans


def evaluate(path: str | Path, baselines: bool = True, model_path: str | Path | None = None,
             model: str = "crf", ner_model: str | Path | None = None) -> list[dict[str, Any]]:
    """One row per system: micro P/R/F1 over PERSON, ORGANIZATION, LOCATION, F1 per label, chars/s.
    ``model``: the entity model kind ("crf" or "spacy"), ``model_path`` its file or folder;
    ``ner_model``: a local Hugging Face token-classification folder that replaces either."""
    from thai_extract.text.entities.tagger import EntityTagger

    records = load(path)
    tagger = EntityTagger(model_path, model=model, ner_model=str(ner_model) if ner_model else None)
    name = f"transformers {Path(ner_model).name}" if ner_model else model
    rows = [{"system": f"thai-extract {name} + gazetteers", **evaluate_system(records, tagger)}]
    if baselines:
        rows.append({"system": "pythainlp ThaiNER 1.5.1 CRF (trained on train+val)",
                     **evaluate_system(records, ThaiNER151())})
    return rows
