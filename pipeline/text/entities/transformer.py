"""Optional Hugging Face token-classification backend for the entity tagger.

``TransformerTagger(path)`` loads a local model directory (``AutoTokenizer`` — a *fast* tokenizer,
for ``word_ids`` — and ``AutoModelForTokenClassification``, both with ``local_files_only=True``;
nothing is downloaded) on first use, once per process, and tags sentences given as token spans of
the working text. Each sentence goes to the model as its words (``is_split_into_words=True``,
truncated to the model's maximum length); a word's label is the label of its first sub-token;
BIO/IOB2 labels (and plain labels without a prefix) are decoded into spans over whole words, so a
mention's offsets are always a word's start and a word's end, inside its sentence. Label names are
mapped to ours (PER -> PERSON, ORG -> ORGANIZATION, LOC -> LOCATION, FAC -> FACILITY, ...; DATE and
TIME dropped: the dates stage has them); a mention's score is the mean softmax probability of the
labels chosen for its words.

Needs the ``transformers`` extra: ``pip install 'thai-extract[transformers]'`` (torch, transformers).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thai_extract._offline import set_offline_environment
from thai_extract.errors import ResourceNotFoundError

Span = tuple[int, int]

EXTRA_HINT = "pip install 'thai-extract[transformers]'"
# model label -> our label; anything else is kept, upper-cased
LABEL_MAP = {
    "PER": "PERSON", "PERSON": "PERSON", "PERS": "PERSON",
    "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION", "ORGANISATION": "ORGANIZATION",
    "LOC": "LOCATION", "LOCATION": "LOCATION", "GPE": "LOCATION",
    "FAC": "FACILITY", "FACILITY": "FACILITY",
    "EVENT": "EVENT", "EVT": "EVENT",
}
DROPPED_LABELS = frozenset({"DATE", "TIME"})
_OUTSIDE = frozenset({"O", "", "OUTSIDE"})

# (resolved path, device) -> (tokenizer, model, torch module): loaded once per process
_LOADED: dict[tuple[str, str], tuple[Any, Any, Any]] = {}
_LOCK = threading.Lock()


def split_label(raw: str) -> tuple[str, str | None]:
    """``("B", "PERSON")`` for "B-PER"; ``("I", ...)`` for "I-"/"E-"/"L-"; ``("O", None)`` for outside
    and dropped labels; a plain label ("LOC") is ``("I", "LOCATION")`` (consecutive words join)."""
    tag = raw.strip()
    if tag.upper() in _OUTSIDE:
        return "O", None
    prefix, name = "I", tag
    if len(tag) > 2 and tag[1] in "-_" and tag[0].upper() in "BIESLU":
        prefix, name = tag[0].upper(), tag[2:]
        prefix = {"S": "B", "U": "B", "E": "I", "L": "I"}.get(prefix, prefix)
    name = name.strip().upper()
    if not name or name in _OUTSIDE or name in DROPPED_LABELS:
        return "O", None
    return prefix, LABEL_MAP.get(name, name)


def decode(tags: Sequence[tuple[str, str | None]], probs: Sequence[float]) -> list[tuple[int, int, str, float]]:
    """Word-index spans ``(i, j, label, score)`` (``j`` exclusive) from per-word ``(prefix, label)``.

    A span starts at a "B" word, or at an "I" word whose label differs from the span before (IOB1 /
    a stray I-), and runs over the following "I" words of the same label.
    """
    out: list[tuple[int, int, str, float]] = []
    i, n = 0, len(tags)
    while i < n:
        prefix, label = tags[i]
        if label is None:
            i += 1
            continue
        j = i + 1
        while j < n and tags[j] == ("I", label):
            j += 1
        out.append((i, j, label, sum(probs[i:j]) / (j - i)))
        i = j
    return out


class TransformerTagger:
    """Entity mentions from a local Hugging Face token-classification model (see the module docstring).

    Pickles as its settings (path, device, batch size); the model is loaded again where it is used.
    """

    def __init__(self, path: str, device: str | None = None, batch_size: int = 16) -> None:
        self.path = str(path)
        self.device = device
        self.batch_size = max(1, int(batch_size))
        self._loaded: tuple[Any, Any, Any] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "device": self.device, "batch_size": self.batch_size}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self.device = state["device"]
        self.batch_size = state["batch_size"]
        self._loaded = None

    def __repr__(self) -> str:
        return f"TransformerTagger({self.path!r}, device={self.device!r}, batch_size={self.batch_size})"

    # ---- loading
    def _load(self) -> tuple[Any, Any, Any]:
        if self._loaded is not None:
            return self._loaded
        set_offline_environment()
        try:
            import torch
            import transformers
        except ImportError as exc:
            raise ImportError(
                f"--ner-model needs torch and transformers, which are not installed ({exc}); "
                f"install the extra: {EXTRA_HINT}") from exc
        path = Path(self.path).expanduser()
        if not path.is_dir():
            raise ResourceNotFoundError(
                f"NER model directory not found: {self.path} (a local Hugging Face token-classification "
                "model directory is needed; nothing is downloaded)")
        device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        key = (str(path.resolve()), device)
        with _LOCK:
            if key not in _LOADED:
                try:
                    tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), local_files_only=True)
                    model = transformers.AutoModelForTokenClassification.from_pretrained(
                        str(path), local_files_only=True)
                except (OSError, ValueError) as exc:
                    raise OSError(f"could not load the NER model at {self.path}: {exc}") from exc
                if not getattr(tokenizer, "is_fast", False):
                    raise ValueError(f"the NER model at {self.path} needs a fast tokenizer (tokenizer.json) "
                                     "for word alignment")
                model.to(device)
                model.eval()
                _LOADED[key] = (tokenizer, model, torch)
            self._loaded = _LOADED[key]
        return self._loaded

    def _max_length(self, tokenizer: Any, model: Any) -> int:
        limits = [n for n in (getattr(tokenizer, "model_max_length", None),
                              getattr(model.config, "max_position_embeddings", None))
                  if isinstance(n, int) and 0 < n < 100_000]
        return min(limits) if limits else 512

    # ---- tagging
    def word_labels(self, words: Sequence[Sequence[str]]) -> list[list[tuple[str, float]]]:
        """The raw model label of each word (its first sub-token's) and that label's probability;
        words cut off by truncation, or with no sub-token (whitespace), get ``("O", 1.0)``."""
        tokenizer, model, torch = self._load()
        id2label = model.config.id2label
        max_length = self._max_length(tokenizer, model)
        device = next(model.parameters()).device
        out: list[list[tuple[str, float]]] = []
        for b in range(0, len(words), self.batch_size):
            batch = [list(ws) for ws in words[b:b + self.batch_size]]
            enc = tokenizer(batch, is_split_into_words=True, truncation=True, max_length=max_length,
                            padding=True, return_tensors="pt")
            inputs = {k: v.to(device) for k, v in enc.items() if k in ("input_ids", "attention_mask",
                                                                       "token_type_ids")}
            with torch.inference_mode():
                logits = model(**inputs).logits
            probs = torch.softmax(logits.float(), dim=-1)
            best_p, best = probs.max(dim=-1)
            best_p, best = best_p.cpu().tolist(), best.cpu().tolist()
            for k, ws in enumerate(batch):
                labels: list[tuple[str, float]] = [("O", 1.0)] * len(ws)
                seen: set[int] = set()
                for t, w in enumerate(enc.word_ids(k)):
                    if w is None or w in seen:
                        continue
                    seen.add(w)
                    labels[w] = (id2label.get(best[k][t], id2label.get(str(best[k][t]), "O")), best_p[k][t])
                out.append(labels)
        return out

    def mentions(self, text: str, sentences: Sequence[Sequence[Span]]) -> list[list[Any]]:
        """Model mentions of each sentence (its token spans in ``text``), source ``"transformer"``."""
        from thai_extract.annotations import Mention

        words = [[text[s:e] for s, e in spans] for spans in sentences]
        nonempty = [k for k, ws in enumerate(words) if ws]
        labelled = self.word_labels([words[k] for k in nonempty]) if nonempty else []
        out: list[list[Any]] = [[] for _ in sentences]
        for k, labels in zip(nonempty, labelled):
            spans = sentences[k]
            tags = [split_label(raw) if text[s:e].strip() else ("O", None)
                    for (raw, _), (s, e) in zip(labels, spans)]
            for w, (s, e) in enumerate(spans):  # a space inside a name ("วลาร์ดิมีร์ ปูติน") joins it
                if not text[s:e].strip() and 0 < w < len(spans) - 1:
                    label = tags[w - 1][1]
                    if label is not None and tags[w + 1] == ("I", label):
                        tags[w] = ("I", label)
            for i, j, label, score in decode(tags, [p for _, p in labels]):
                start, end = spans[i][0], spans[j - 1][1]
                out[k].append(Mention(start, end, text[start:end], label, round(score, 4), "transformer"))
        return out
