"""A spaCy NER model over our own tokens: ``SpacyTagger(model_dir).mentions(text, sentences)``.

The model (``models/entities/spacy/``, built by ``thai-extract train ner --model spacy`` from the
``config.cfg`` next to it) is a blank spaCy pipeline whose tokenizer is ours: the entity tokens of
``features.refine_tokens`` (thaibreak words, abbreviations cut after their dot), with each
whitespace gap between two tokens as a token of its own, so the model sees where Thai text puts
its spaces. Only the ``tok2vec`` and ``ner`` components run; sentences are tagged in batches.
The model is loaded once per process, on first use, from a local folder (nothing is downloaded).

A transition-based NER gives no probability per mention: a mention's score is ``SPACY_SCORE``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from thai_extract.errors import ResourceNotFoundError

Span = tuple[int, int]
TOKENIZER = "thai_extract.entity_tokens.v1"
REBUILD = ("rebuild it with: thai-extract train ner --model spacy --train ../shared/data/thainer15_train.jsonl "
           "--dev ../shared/data/thainer15_val.jsonl --out models/entities")
SPACY_SCORE = 0.9
_BATCH = 64
_LOADED: dict[str, Any] = {}
_LOCK = threading.Lock()


def doc_words(text: str, spans: Sequence[Span]) -> tuple[list[str], list[int]]:
    """The words of a sentence's spaCy Doc (its tokens, each whitespace gap a word " ") and, for each
    word, the index of its token in ``spans`` (-1 for a gap)."""
    words: list[str] = []
    index: list[int] = []
    prev_end = None
    for k, (start, end) in enumerate(spans):
        if prev_end is not None and start > prev_end:
            words.append(" ")
            index.append(-1)
        words.append(text[start:end])
        index.append(k)
        prev_end = end
    return words, index


def make_doc(vocab: Any, text: str, spans: Sequence[Span]) -> tuple[Any, list[int]]:
    """A spaCy ``Doc`` of one sentence (see :func:`doc_words`) and its word -> token index."""
    from spacy.tokens import Doc

    words, index = doc_words(text, spans)
    return Doc(vocab, words=words, spaces=[False] * len(words)), index


class NothingToSave:
    """The serialisation spaCy asks of a tokenizer whose settings, if any, the nlp config holds."""

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> Any:
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> Any:
        return self


class EntityTokenizer(NothingToSave):
    """spaCy tokenizer for a whole text: our entity tokens (thaibreak, refined), gaps as words."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Any:
        from thai_extract.text.entities.features import refine_tokens
        from thai_extract.text.words import thaibreak_words

        return make_doc(self.vocab, text, refine_tokens(text, thaibreak_words(text)))[0]


def register() -> None:
    """Register the tokenizer with spaCy (``[nlp.tokenizer] @tokenizers`` in the model's config)."""
    from spacy.util import registry

    if TOKENIZER not in registry.tokenizers:
        registry.tokenizers.register(TOKENIZER, func=lambda: lambda nlp: EntityTokenizer(nlp.vocab))


def load_model(path: str | Path) -> Any:
    """The spaCy pipeline in ``path``, loaded once per process; ResourceNotFoundError if it is missing
    or unreadable (naming the folder and the command that rebuilds it)."""
    key = str(path)
    with _LOCK:
        nlp = _LOADED.get(key)
        if nlp is not None:
            return nlp
        folder = Path(path)
        for needed in ("config.cfg", "meta.json", "ner"):
            if not (folder / needed).exists():
                raise ResourceNotFoundError(f"spaCy entity model not found or incomplete: {folder} "
                                            f"(no {needed}); {REBUILD} (see models/README.md)")
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - spacy is a dependency
            raise ResourceNotFoundError(f"the spaCy entity model {folder} needs spacy: "
                                        "pip install 'thai-extract[spacy]'") from exc
        register()
        try:
            nlp = spacy.load(folder, exclude=[n for n in _other_components(folder)])
        except Exception as exc:  # a corrupt folder: any error of spaCy's loaders
            raise ResourceNotFoundError(f"spaCy entity model in {folder} cannot be loaded ({exc}); {REBUILD}") from exc
        if "ner" not in nlp.pipe_names:
            raise ResourceNotFoundError(f"spaCy model in {folder} has no 'ner' component; {REBUILD}")
        _LOADED[key] = nlp
        return nlp


def _other_components(folder: Path) -> list[str]:
    """Pipeline components other than tok2vec and ner (left out at load time)."""
    import json

    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return [n for n in meta.get("pipeline", []) if n not in ("tok2vec", "ner")]


class SpacyTagger:
    """Model mentions from a spaCy NER folder. Pickles as its path; loads the model where it runs."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)

    def __getstate__(self) -> dict[str, str]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.path = state["path"]

    def spans(self, text: str, sentences: Sequence[Sequence[Span]]) -> list[list[tuple[int, int, str]]]:
        """For each sentence (its token spans), the (first token, last token, label) of each mention."""
        nlp = load_model(self.path)
        docs, indexes = [], []
        for spans in sentences:
            doc, index = make_doc(nlp.vocab, text, spans)
            docs.append(doc)
            indexes.append(index)
        out: list[list[tuple[int, int, str]]] = []
        for doc, index in zip(_run(nlp, docs), indexes):
            found = []
            for ent in doc.ents:
                toks = [index[i] for i in range(ent.start, ent.end) if index[i] >= 0]
                if toks:
                    found.append((toks[0], toks[-1], ent.label_))
            out.append(found)
        return out


def _run(nlp: Any, docs: list[Any]) -> Iterable[Any]:
    """The docs through the pipeline's components (the tokenizer is skipped: the docs are built)."""
    stream: Iterable[Any] = docs
    for _, proc in nlp.pipeline:
        stream = proc.pipe(stream, batch_size=_BATCH)
    return stream
