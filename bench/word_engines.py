"""Word engines compared: boundary F1 on the wisesight gold and speed on the dev news (one core).

    python bench/word_engines.py
"""

from __future__ import annotations

import time

from _common import SHARED_DATA, dev_news, require

from thai_extract.text.words import WORD_ENGINES


def boundaries(spans: list[tuple[int, int]]) -> set[int]:
    return {b for span in spans for b in span}


def gold_spans(gold_line: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for piece in gold_line.split("|"):
        if piece and not piece.isspace():
            spans.append((pos, pos + len(piece)))
        pos += len(piece)
    return spans


def main() -> None:
    raw = require(SHARED_DATA / "seg_wisesight1000.raw.txt").read_text(encoding="utf-8").split("\n")
    gold = (SHARED_DATA / "seg_wisesight1000.gold.txt").read_text(encoding="utf-8").split("\n")
    pairs = [(r, g) for r, g in zip(raw, gold) if r.strip()]
    news = dev_news()
    news_chars = sum(map(len, news))
    print(f"wisesight gold: {len(pairs)} lines; dev news: {len(news)} articles, {news_chars:,} chars\n")
    print(f"{'engine':<10} {'P':>7} {'R':>7} {'F1':>7} {'wisesight c/s':>14} {'news c/s':>12}")
    for name, engine in WORD_ENGINES.items():
        engine("ทดสอบ")  # load resources outside the timing
        tp = fp = fn = 0
        t0 = time.perf_counter()
        for r, g in pairs:
            predicted, expected = boundaries(engine(r)), boundaries(gold_spans(g))
            tp, fp, fn = tp + len(predicted & expected), fp + len(predicted - expected), fn + len(expected - predicted)
        ws_speed = sum(len(r) for r, _ in pairs) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for text in news:
            engine(text)
        news_speed = news_chars / (time.perf_counter() - t0)
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(f"{name:<10} {p:7.4f} {r:7.4f} {2 * p * r / (p + r):7.4f} {ws_speed:14,.0f} {news_speed:12,.0f}")
    print("\nBoundaries are the start and end offsets of non-space words (space handling does not count).")


if __name__ == "__main__":
    main()
