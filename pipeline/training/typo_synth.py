"""Synthetic typo sentences (the format of ``typos_dev.jsonl``) for benchmarking the spelling stage.

    python -m thai_extract.training.typo_synth --corpus ../shared/data/thaigov_unlabeled.jsonl.gz \
        --out /tmp/typos_bench.jsonl

Written apart from the corrector's channel model (``text/spelling/edits.py``, ``keyboard.py``): its
own keyboard table, its own letter classes, its own word list (pythainlp's, not the LM's), so a bench
built with it does not score the model against itself. The typos follow how people mistype Thai on
a Kedmanee keyboard: the key next to the intended one, the same key with or without shift, a tone
mark or vowel sign left out or a spacing vowel typed twice, a look-alike letter, a letter left out,
a neighbouring key pressed with the intended one, two letters typed in the wrong order. Doubled
combining marks and "เเ" for "แ" are left out: the normalise stage repairs those before spelling
runs. The same settings and corpus always give the same lines.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported

# Kedmanee by the US key under each Thai character: key -> (unshifted, shifted). Keys are listed
# row by row as they sit on a US keyboard; "" where the key types no Thai letter.
_US_ROWS = ("`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./")
_ROW_X = (0.0, 1.5, 1.75, 2.25)  # where each row's first key starts, in key widths (Tab, Caps, Shift before)
_KEDMANEE = {
    "`": ("_", "%"), "1": ("ๅ", "+"), "2": ("/", "๑"), "3": ("-", "๒"), "4": ("ภ", "๓"), "5": ("ถ", "๔"),
    "6": ("ุ", "ู"), "7": ("ึ", "฿"), "8": ("ค", "๕"), "9": ("ต", "๖"), "0": ("จ", "๗"), "-": ("ข", "๘"),
    "=": ("ช", "๙"),
    "q": ("ๆ", "๐"), "w": ("ไ", '"'), "e": ("ำ", "ฎ"), "r": ("พ", "ฑ"), "t": ("ะ", "ธ"), "y": ("ั", "ํ"),
    "u": ("ี", "๊"), "i": ("ร", "ณ"), "o": ("น", "ฯ"), "p": ("ย", "ญ"), "[": ("บ", "ฐ"), "]": ("ล", ","),
    "\\": ("ฃ", "ฅ"),
    "a": ("ฟ", "ฤ"), "s": ("ห", "ฆ"), "d": ("ก", "ฏ"), "f": ("ด", "โ"), "g": ("เ", "ฌ"), "h": ("้", "็"),
    "j": ("่", "๋"), "k": ("า", "ษ"), "l": ("ส", "ศ"), ";": ("ว", "ซ"), "'": ("ง", "."),
    "z": ("ผ", "("), "x": ("ป", ")"), "c": ("แ", "ฉ"), "v": ("อ", "ฮ"), "b": ("ิ", "ฺ"), "n": ("ื", "์"),
    "m": ("ท", "?"), ",": ("ม", "ฒ"), ".": ("ใ", "ฬ"), "/": ("ฝ", "ฦ"),
}
# Pairs that readers and writers mix up because they look (or sound) alike.
_LOOKALIKE_PAIRS = (
    "ถภ", "ภฦ", "ดต", "ฎฏ", "บป", "ขช", "ฃข", "คศ", "ผฝ", "พฟ", "ซศ", "ซส", "ทธ", "ฑฒ", "นณ", "ลฬ",
    "ยญ", "ฐฑ", "อฮ", "มน", "ฆม", "รฤ", "ใไ", "ิี", "ึื", "ุู", "่้", "้๊", "๊๋", "ั็", "าำ", "ฉจ",
)
_TONE_AND_VOWEL_SIGNS = "่้๊๋ิีึืุูั็์"  # combining: dropped without a trace on screen
_SPACING_VOWELS = "ะาำแโใไ"  # typed twice ("เ" twice is how many write "แ"; normalise joins them)
_THAI = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮฤฦะัาำิีึืุูเแโใไๅ็่้๊๋์"


@dataclass(frozen=True)
class Settings:
    """What the generator draws: lines, kinds of typo and their weights, where the text comes from."""

    seed: int = 17
    typo_lines: int = 500
    clean_lines: int = 500
    kinds: tuple[tuple[str, float], ...] = (
        ("neighbour", 0.30),     # the key next to the intended one, same shift level
        ("shift", 0.08),         # the intended key with shift held, or without it
        ("sign_dropped", 0.14),  # a tone mark or vowel sign left out
        ("vowel_doubled", 0.05), # a spacing vowel typed twice
        ("lookalike", 0.12),     # a letter that looks or sounds like the intended one
        ("letter_dropped", 0.12),
        ("fat_finger", 0.11),    # a neighbouring key pressed along with the intended one
        ("swapped", 0.08),       # two adjacent letters in the wrong order
    )
    min_chars: int = 60  # sentence length
    max_chars: int = 260
    per_article: int = 2  # sentences taken from one article at most
    split: str = "bench"  # records of the unlabeled corpus (``spelling_lm.split_of``)


BENCH = Settings()


@cache
def _keys() -> dict[str, tuple[float, float, int]]:
    """Thai character -> (row, column, shift level) of its key."""
    out: dict[str, tuple[float, float, int]] = {}
    for r, row in enumerate(_US_ROWS):
        for c, key in enumerate(row):
            for level, ch in enumerate(_KEDMANEE.get(key, ())):
                if ch in _THAI:
                    out[ch] = (r, c + _ROW_X[r], level)
    return out


@cache
def adjacent_keys(ch: str) -> tuple[str, ...]:
    """Thai characters on the keys touching ``ch``'s key, same shift level."""
    keys = _keys()
    if ch not in keys:
        return ()
    r, x, level = keys[ch]
    return tuple(sorted(o for o, (r2, x2, l2) in keys.items() if o != ch and l2 == level
                        and ((r2 == r and abs(x2 - x) == 1) or (abs(r2 - r) == 1 and abs(x2 - x) <= 0.75))))


@cache
def _shift_partners() -> dict[str, str]:
    """Thai character -> the Thai character on the same key at the other shift level."""
    both = [(plain, shifted) for plain, shifted in _KEDMANEE.values() if plain in _THAI and shifted in _THAI]
    return {**dict(both), **{shifted: plain for plain, shifted in both}}


def other_level(ch: str) -> str | None:
    return _shift_partners().get(ch)


@cache
def lookalikes(ch: str) -> tuple[str, ...]:
    return tuple(sorted({p[1 - p.index(ch)] for p in _LOOKALIKE_PAIRS if ch in p}))


def mistype(word: str, kind: str, rng: random.Random) -> str | None:
    """``word`` with one typo of ``kind``, or None when the word offers no place for one."""
    n = len(word)
    spots = list(range(n))
    rng.shuffle(spots)
    for j in spots:
        ch = word[j]
        if kind == "neighbour" and adjacent_keys(ch):
            return word[:j] + rng.choice(adjacent_keys(ch)) + word[j + 1:]
        if kind == "shift" and other_level(ch):
            return word[:j] + other_level(ch) + word[j + 1:]
        if kind == "sign_dropped" and ch in _TONE_AND_VOWEL_SIGNS:
            return word[:j] + word[j + 1:]
        if kind == "vowel_doubled" and ch in _SPACING_VOWELS:
            return word[:j + 1] + ch + word[j + 1:]
        if kind == "lookalike" and lookalikes(ch):
            return word[:j] + rng.choice(lookalikes(ch)) + word[j + 1:]
        if kind == "letter_dropped" and n >= 3:
            return word[:j] + word[j + 1:]
        if kind == "fat_finger" and adjacent_keys(ch):
            extra = rng.choice(adjacent_keys(ch))
            return word[:j] + extra + word[j:] if rng.random() < 0.5 else word[:j + 1] + extra + word[j + 1:]
        if kind == "swapped" and j + 1 < n and word[j] != word[j + 1]:
            return word[:j] + word[j + 1] + word[j] + word[j + 2:]
    return None


def sentences(text: str, lo: int, hi: int) -> Iterator[str]:
    """Paragraph pieces of ``lo``..``hi`` characters, cut at spaces."""
    for para in text.split("\n"):
        para = para.strip()
        while len(para) > hi:
            cut = para.rfind(" ", lo, hi)
            if cut < 0:
                break
            yield para[:cut]
            para = para[cut + 1:]
        if lo <= len(para) <= hi:
            yield para


def generate(corpus: str | Path, settings: Settings = BENCH,
             typo: Callable[[str, str, random.Random], str | None] | None = None) -> list[dict]:
    """``typo_lines`` lines with one typo and ``clean_lines`` clean ones, in the typos_dev format;
    ``typo`` (default :func:`mistype`) makes a typo of a kind of ``settings.kinds`` in a word."""
    import thaibreak
    from pythainlp.corpus import thai_words

    from thai_extract.training.spelling_lm import read_corpus

    words = thai_words()
    typo = typo or mistype
    rng = random.Random(settings.seed)
    need = settings.typo_lines + settings.clean_lines
    pool: list[str] = []
    for text in read_corpus(corpus, settings.split):
        sents = [s for s in sentences(text, settings.min_chars, settings.max_chars)
                 if sum("\u0e01" <= c <= "\u0e4e" for c in s) >= len(s) // 2]
        rng.shuffle(sents)
        pool.extend(sents[:settings.per_article])
        if len(pool) >= 2 * need:
            break
    rng.shuffle(pool)
    names, weights = zip(*settings.kinds)
    out: list[dict] = []
    typos = 0
    for k, sent in enumerate(pool):
        if len(out) >= need:
            break
        if typos >= settings.typo_lines or (len(out) - typos < settings.clean_lines and k % 2):
            out.append({"id": f"synth-{settings.seed}-{k}", "text": sent, "clean": sent, "typo": None})
            continue
        b = thaibreak.boundaries(sent)
        spans = [(b[i], b[i + 1]) for i in range(len(b) - 1)
                 if b[i + 1] - b[i] >= 2 and sent[b[i]:b[i + 1]] in words]
        rng.shuffle(spans)
        kind = rng.choices(names, weights)[0]
        for s, e in spans[:10]:
            wrong = typo(sent[s:e], kind, rng)
            if wrong and wrong != sent[s:e] and wrong not in words:
                out.append({"id": f"synth-{settings.seed}-{k}", "text": sent[:s] + wrong + sent[e:], "clean": sent,
                            "typo": {"start": s, "end": s + len(wrong), "wrong": wrong, "right": sent[s:e],
                                     "kind": kind}})
                typos += 1
                break
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=BENCH.seed)
    ap.add_argument("--split", default=BENCH.split)
    args = ap.parse_args(argv)
    settings = Settings(seed=args.seed, split=args.split)
    recs = generate(args.corpus, settings)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    print(json.dumps({"lines": len(recs), "typo_lines": sum(1 for r in recs if r["typo"]), **asdict(settings)},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
