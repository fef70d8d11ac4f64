"""Build the sentence model (``models/sentences/sentences.json.gz``) from unlabeled Thai news.

Labels are distilled from pythainlp's CRFCut (run per line, its boundaries mapped onto the whitespace
gaps between thaibreak words), with CRFCut's systematic errors corrected: its forced split after every
token ending in "." (abbreviations such as "พ.ศ.", "ส.ค.", "น.") is dropped, and the hard rules of
``thai_extract.text.sentences`` (names, dates, numbers, short brackets, joining words) relabel the gaps
they cover as non-boundaries. A linear-chain CRF (python-crfsuite, L1+L2) is trained on the gap
sequences of each line and its weights are exported to gzip JSON with the word lists it looks up.

    python -m thai_extract.training.sentences --corpus PATH.jsonl[.gz] --out models/sentences/sentences.json.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from thai_extract.text import sentences as S  # noqa: E402
from thai_extract.text.words import thaibreak_words  # noqa: E402


def read_texts(path: str, limit: int, skip: int = 0) -> Iterator[str]:
    """Texts of a JSONL file (``text``, or ``title`` + newline + ``body``), gzip or plain."""
    opener = gzip.open if path.endswith(".gz") else open
    n = 0
    with opener(path, "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k < skip:
                continue
            if n >= limit:
                break
            obj = json.loads(line)
            text = obj.get("text")
            if text is None:
                body = obj.get("body") or ""
                title = obj.get("title") or ""
                text = f"{title}\n{body}" if title else body
            if text and text.strip():
                n += 1
                yield text


class CrfCutLabeler:
    """Sentence-end offsets of pythainlp's CRFCut for one line, without its forced split after '.'."""

    def __init__(self) -> None:
        from pythainlp.tokenize import crfcut, word_tokenize

        self._crfcut = crfcut
        self._tokenize = word_tokenize

    def ends(self, line: str) -> list[int]:
        """Character offsets where CRFCut ends a sentence (after its E-labelled tokens)."""
        toks = self._tokenize(line)
        if not toks:
            return []
        labels = self._crfcut._tagger.tag(self._crfcut._extract_features(toks))
        out = []
        pos = 0
        for tok, lab in zip(toks, labels):
            pos += len(tok)
            # keep CRFCut's punctuation rule for "!" and "?", drop it for "." (abbreviations)
            if lab == "E" or tok.strip().endswith(("!", "?")):
                out.append(pos)
        return out


def pythainlp_lexicon() -> tuple[list[str], list[str], list[str]]:
    """pythainlp's word list, given names and family names (read from the installed wheel)."""
    import importlib.util

    spec = importlib.util.find_spec("pythainlp")
    if spec is None or spec.origin is None:
        raise SystemExit("pythainlp is needed to build the model: pip install pythainlp")
    corpus = Path(spec.origin).parent / "corpus"

    def read(name: str) -> list[str]:
        with open(corpus / name, encoding="utf-8") as fh:
            return sorted({w.strip() for w in fh if w.strip()})

    given = sorted(set(read("person_names_male_th.txt")) | set(read("person_names_female_th.txt")))
    return read("words_th.txt"), given, read("family_names_th.txt")


def label_text(text: str, labeler: CrfCutLabeler, lex: S.Lexicon):
    """(features, labels, crfcut labels, blocked) for each line of ``text`` that has gaps."""
    words = thaibreak_words(text)
    if not words:
        return []
    starts, ends = zip(*words)
    ws = [text[s:e] for s, e in words]
    out = []
    for first, last, gaps in S.candidate_lines(text, starts, ends):
        if not gaps:
            continue
        a, b = starts[first], ends[last]
        cut = sorted(a + x for x in labeler.ends(text[a:b]))
        crf = []
        k = 0
        for i in gaps:
            g0, g1 = ends[i], starts[i + 1]
            while k < len(cut) and cut[k] < g0:
                k += 1
            crf.append(k < len(cut) and cut[k] <= g1)
        contexts = S.gap_contexts(text, starts, ends, ws, first, last, gaps, lex)
        feats, blocked = [S.feature_strings(c) for c in contexts], [c[-1] for c in contexts]
        labels = [c and not bl for c, bl in zip(crf, blocked)]
        out.append((feats, labels, crf, blocked))
    return out


def export(model_file: str, lexicon: tuple[list[str], list[str], list[str]], meta: dict) -> dict:
    """The crfsuite model as a JSON-able dict: one weight per attribute (B minus N), transitions."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(model_file)
    info = tagger.info()
    weights: dict[str, float] = {}
    for (attr, label), w in info.state_features.items():
        weights[attr] = weights.get(attr, 0.0) + (w if label == "B" else -w)
    weights = {a: round(w, 4) for a, w in weights.items() if abs(w) >= 1e-4}
    tr = info.transitions
    transitions = [[tr.get(("N", "N"), 0.0), tr.get(("N", "B"), 0.0)],
                   [tr.get(("B", "N"), 0.0), tr.get(("B", "B"), 0.0)]]
    dictionary, given, family = lexicon
    return {
        "format": "thai-extract sentence model 1",
        "meta": meta,
        "transitions": transitions,
        "weights": dict(sorted(weights.items())),
        "dictionary": dictionary,
        "given_names": given,
        "family_names": family,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, help="JSONL (optionally .gz) with `text` or `body`")
    ap.add_argument("--out", required=True, help="model file to write (.json.gz)")
    ap.add_argument("--articles", type=int, default=3000, help="articles to label (default 3000)")
    ap.add_argument("--skip", type=int, default=0, help="articles to skip at the start of the corpus")
    ap.add_argument("--heldout", type=float, default=0.1, help="share of lines kept for a report")
    ap.add_argument("--c1", type=float, default=0.3)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)

    import pycrfsuite

    t0 = time.time()
    lexicon = pythainlp_lexicon()
    lex = S.Lexicon(frozenset(lexicon[0]), frozenset(lexicon[1]), frozenset(lexicon[2]))
    labeler = CrfCutLabeler()
    lines = []
    chars = 0
    for text in read_texts(args.corpus, args.articles, args.skip):
        chars += len(text)
        lines.extend(label_text(text, labeler, lex))
    print(f"labelled {len(lines)} lines, {chars} chars in {time.time() - t0:.0f}s", file=sys.stderr)

    random.Random(args.seed).shuffle(lines)
    n_test = int(len(lines) * args.heldout)
    test, train = lines[:n_test], lines[n_test:]
    trainer = pycrfsuite.Trainer(verbose=False)
    space = re.compile(r"\s").search  # crfsuite's model dump cannot hold such attribute names
    for feats, labels, _, _ in train:
        clean = [[f for f in fs if not space(f)] for fs in feats]
        trainer.append(clean, ["B" if x else "N" for x in labels])
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        crf_file = os.path.join(tmp, "sent.crfsuite")
        t1 = time.time()
        trainer.train(crf_file)
        print(f"trained in {time.time() - t1:.0f}s", file=sys.stderr)
        n_gaps = sum(len(x[1]) for x in train)
        meta = {
            "source": "PyThaiNLP/thaigov-v2-corpus (public domain)",
            "labels": "distilled from pythainlp CRFCut (Apache-2.0), corrected by rules",
            "corpus": os.path.basename(args.corpus),
            "articles": args.articles,
            "skip": args.skip,
            "train_lines": len(train),
            "train_gaps": n_gaps,
            "c1": args.c1,
            "c2": args.c2,
            "iterations": args.iterations,
        }
        data = export(crf_file, lexicon, meta)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(out, "wb") as fh:
        fh.write(gzip.compress(payload, 9, mtime=0))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(data['weights'])} weights)", file=sys.stderr)

    # held-out report: the exported model against the training labels and against raw CRFCut
    model = S.SentenceModel(data)
    tp = fp = fn = tp_c = fp_c = fn_c = 0
    for feats, labels, crf, blocked in test:
        scores = [sum(model.weights.get(f, 0.0) for f in fs) for fs in feats]
        pred = S.viterbi(scores, blocked, model.transitions)
        for p, g, c in zip(pred, labels, crf):
            tp += p and g
            fp += p and not g
            fn += g and not p
            tp_c += p and c
            fp_c += p and not c
            fn_c += c and not p

    def prf(tp: int, fp: int, fn: int) -> str:
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        return f"P={p:.3f} R={r:.3f} F1={2 * p * r / max(p + r, 1e-9):.3f}"

    print(f"held-out {len(test)} lines: vs corrected labels {prf(tp, fp, fn)}; "
          f"vs raw crfcut {prf(tp_c, fp_c, fn_c)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
