"""``thai-extract train spelling-lm``: rebuild both spelling models, the language model and then the
ranker over it (about 15 minutes on one core)."""

from __future__ import annotations

from pathlib import Path

from thai_extract.training import spelling_lm, spelling_ranker


def train_spelling(corpus: str | Path, out_dir: str | Path = "models/spelling") -> dict:
    """Build ``out_dir/lm.npz`` from ``corpus`` (JSONL(.gz) with title and text or body), then train
    ``out_dir/ranker.json`` over it; the metadata of both."""
    out_dir = Path(out_dir)
    lm = spelling_lm.build(corpus, out_dir / "lm.npz")
    lm["perplexity_calibration_split"] = spelling_lm.perplexity(out_dir / "lm.npz", corpus)
    ranker = spelling_ranker.train(corpus, out_dir / "ranker.json", lm=out_dir / "lm.npz")
    return {"lm": lm, "ranker": ranker}
