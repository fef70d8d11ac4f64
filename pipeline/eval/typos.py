"""``thai-extract eval typos FILE.jsonl``: score typo correction against baselines.

FILE has one sentence a line, ``{id, text, clean, typo: {start, end, wrong, right, kind} | null}``:
``text`` holds the typo, ``clean`` the original. Per system:

- recall: typo lines whose corrected text equals ``clean`` exactly (any extra change loses the line);
- precision: right corrections / all corrections, typo and clean lines together (a correction is right
  when applying it alone to ``text`` gives ``clean``);
- false alarms per 1,000 words: corrections on clean lines per 1,000 thaibreak words of those lines;
- chars/s: characters of ``text`` corrected per second by the system (after its model is loaded);
- ``recall_<kind>``: recall over the typo lines of each ``typo.kind``.

A line may also list the real typos of its source text, found by a reader (``source_typos: [{start,
end, right}]`` in ``text``'s coordinates): news articles hold typos of their own, and fixing one
rightly counts against a system above. Where any line lists them, each row also has
``recall_adj``, ``precision_adj`` and ``false_alarms_adj``: the same figures with a correction that
makes a listed source typo right counted as right (not a false alarm, and not a change that loses
the line), and ``source_typos_fixed``.

``evaluate_detection`` scores finding misspellings in real text (``spelling_detection_dev.jsonl``:
``{id, text, misspelled_spans: [{start, end, text}]}``): a flagged span is right when it overlaps a
marked one; recall counts the marked spans that some flagged span overlaps.

Systems: thai-extract (this project's spelling stage logic, corrections with score >= threshold),
and the baselines (imported lazily): pythainlp ``correct(engine="pn")`` on every unknown token,
symspellpy built from pythainlp's TNC frequencies, and no correction.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported

# A system maps a line to corrections (start, end, replacement) in the line's coordinates.
Fix = tuple[int, int, str]
System = Callable[[str], list[Fix]]


def read_lines(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    out, cursor = [], 0
    for s, e, r in sorted(fixes):
        if s < cursor:
            continue
        out.append(text[cursor:s])
        out.append(r)
        cursor = e
    out.append(text[cursor:])
    return "".join(out)


def _thai(tok: str) -> bool:
    return bool(tok) and all("\u0e01" <= c <= "\u0e4e" for c in tok)


def thai_extract_system(threshold: float = 0.5, model: str | Path | None = None,
                        ranker: str | Path | bool = True) -> System:
    """Our corrector (``ranker``: True the shipped ranker, a path another, False the hand-set score)."""
    from thai_extract.text.spelling.corrector import SpellingCorrector

    corrector = SpellingCorrector.load(model, ranker=ranker)
    return corrector_system(corrector, threshold)


def corrector_system(corrector, threshold: float = 0.5) -> System:
    """A loaded ``SpellingCorrector`` as a system: its suggestions scored ``>= threshold``."""

    def run(text: str) -> list[Fix]:
        return [(s.start, s.end, s.text) for s in corrector.suggest(text) if s.score >= threshold]

    return run


def _token_system(fix_token: Callable[[str], str | None]) -> System:
    """Correct every Thai token not in pythainlp's word list (newmm segmentation, as users do)."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    words = thai_words()
    cache: dict[str, str | None] = {}

    def run(text: str) -> list[Fix]:
        fixes: list[Fix] = []
        pos = 0
        for tok in word_tokenize(text, engine="newmm", keep_whitespace=True):
            start, pos = pos, pos + len(tok)
            if len(tok) < 2 or tok in words or not _thai(tok):
                continue
            if tok not in cache:
                cache[tok] = fix_token(tok)
            new = cache[tok]
            if new and new != tok:
                fixes.append((start, pos, new))
        return fixes

    return run


def pythainlp_pn_system() -> System:
    from pythainlp.spell import correct

    return _token_system(lambda tok: correct(tok, engine="pn"))


def symspell_tnc_system() -> System:
    import importlib.util

    from symspellpy import SymSpell, Verbosity

    spec = importlib.util.find_spec("pythainlp")
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin).parent / "corpus" / "tnc_freq.txt"
    sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    sym.load_dictionary(str(path), term_index=0, count_index=1, separator="\t", encoding="utf-8")

    def fix(tok: str) -> str | None:
        hits = sym.lookup(tok, Verbosity.TOP, max_edit_distance=2)
        return hits[0].term if hits else None

    return _token_system(fix)


def no_correction_system() -> System:
    return lambda text: []


def score(lines: list[dict], system: System) -> dict:
    import thaibreak

    recall_hits = n_typo = right = total = clean_fixes = clean_words = 0
    adj_hits = adj_right = adj_clean_fixes = source_fixed = 0
    adjudicated = any("source_typos" in r for r in lines)
    by_kind: dict[str, list[int]] = {}
    t0 = time.perf_counter()
    outputs = [system(r["text"]) for r in lines]
    seconds = time.perf_counter() - t0
    for r, fixes in zip(lines, outputs):
        text, clean = r["text"], r["clean"]
        total += len(fixes)
        alone = [apply_fixes(text, [f]) for f in fixes]  # the text with each correction alone
        is_right = [fixed == clean and text != clean for fixed in alone]
        right += sum(is_right)
        source = {apply_fixes(text, [(t["start"], t["end"], t["right"])]) for t in r.get("source_typos") or []}
        is_source = [fixed in source for fixed in alone]
        source_fixed += sum(is_source)
        adj_right += sum(a or b for a, b in zip(is_right, is_source))
        own = [f for f, src in zip(fixes, is_source) if not src]
        if r.get("typo"):
            n_typo += 1
            hit = apply_fixes(text, fixes) == clean
            recall_hits += hit
            adj_hits += apply_fixes(text, own) == clean
            kind = by_kind.setdefault(r["typo"].get("kind") or "?", [0, 0])
            kind[0] += hit
            kind[1] += 1
        else:
            clean_fixes += len(fixes)
            adj_clean_fixes += len(own)
            b = thaibreak.boundaries(text)
            clean_words += sum(1 for i in range(len(b) - 1) if not text[b[i]:b[i + 1]].isspace())
    chars = sum(len(r["text"]) for r in lines)
    row = {
        "recall": round(recall_hits / n_typo, 4) if n_typo else 0.0,
        "precision": round(right / total, 4) if total else 0.0,
        "false_alarms_per_1k_words": round(1000 * clean_fixes / clean_words, 3) if clean_words else 0.0,
        "corrections": total,
        "right": right,
        "typo_lines": n_typo,
        "chars_per_s": int(chars / seconds) if seconds > 0 else 0,
        **{f"recall_{k}": round(h / n, 3) for k, (h, n) in sorted(by_kind.items())},
    }
    if adjudicated:
        row.update({
            "recall_adj": round(adj_hits / n_typo, 4) if n_typo else 0.0,
            "precision_adj": round(adj_right / total, 4) if total else 0.0,
            "false_alarms_adj": round(1000 * adj_clean_fixes / clean_words, 3) if clean_words else 0.0,
            "source_typos_fixed": source_fixed,
        })
    return row


def evaluate(path: str | Path, baselines: bool = True, threshold: float = 0.5,
             model: str | Path | None = None, ranker: str | Path | bool = True) -> list[dict]:
    """One dict per system; the first key is ``system``."""
    lines = read_lines(path)
    systems: list[tuple[str, Callable[[], System]]] = [
        ("thai-extract", lambda: thai_extract_system(threshold, model, ranker)),
    ]
    if baselines:
        systems += [
            ("pythainlp-pn", pythainlp_pn_system),
            ("symspell-tnc", symspell_tnc_system),
            ("no-correction", no_correction_system),
        ]
    rows = []
    for name, make in systems:
        t0 = time.perf_counter()
        system = make()
        load = time.perf_counter() - t0
        rows.append({"system": name, **score(lines, system), "load_s": round(load, 2)})
    return rows


# --- detection in real text --------------------------------------------------------------------
Span = tuple[int, int]
Detector = Callable[[str], list[Span]]


def pythainlp_detector() -> Detector:
    """pythainlp's spell checker as users run it: newmm words, a Thai word of two letters or more
    that its ("pn") dictionary lacks is flagged."""
    from pythainlp.spell.core import default_spell_checker
    from pythainlp.tokenize import word_tokenize

    known = {w for w, _ in default_spell_checker().dictionary()}

    def run(text: str) -> list[Span]:
        out, pos = [], 0
        for tok in word_tokenize(text, engine="newmm", keep_whitespace=True):
            start, pos = pos, pos + len(tok)
            if len(tok) >= 2 and _thai(tok) and tok not in known:
                out.append((start, pos))
        return out

    return run


def thai_extract_detector(threshold: float = 0.5, model: str | Path | None = None) -> Detector:
    """The spans of our corrections scored ``>= threshold``."""
    from thai_extract.text.spelling.corrector import SpellingCorrector

    corrector = SpellingCorrector.load(model)
    return lambda text: [(s.start, s.end) for s in corrector.suggest(text) if s.score >= threshold]


def score_detection(lines: list[dict], detector: Detector) -> dict:
    flagged = right = found = gold = 0
    t0 = time.perf_counter()
    outputs = [detector(r["text"]) for r in lines]
    seconds = time.perf_counter() - t0
    for r, spans in zip(lines, outputs):
        marked = [(m["start"], m["end"]) for m in r.get("misspelled_spans") or []]
        flagged += len(spans)
        right += sum(1 for s, e in spans if any(s < me and ms < e for ms, me in marked))
        gold += len(marked)
        found += sum(1 for ms, me in marked if any(s < me and ms < e for s, e in spans))
    p = right / flagged if flagged else 0.0
    rec = found / gold if gold else 0.0
    return {"precision": round(p, 4), "recall": round(rec, 4), "f1": round(2 * p * rec / (p + rec), 4) if p + rec else 0.0,
            "flagged": flagged, "marked": gold, "chars_per_s": int(sum(len(r["text"]) for r in lines) / seconds) if seconds > 0 else 0}


def evaluate_detection(path: str | Path, threshold: float = 0.5, report_min: float = 0.2,
                       model: str | Path | None = None) -> list[dict]:
    """Detection scores of thai-extract (applied and reported corrections) beside pythainlp."""
    lines = read_lines(path)
    systems: list[tuple[str, Callable[[], Detector]]] = [
        (f"thai-extract (score >= {threshold})", lambda: thai_extract_detector(threshold, model)),
        (f"thai-extract (score >= {report_min})", lambda: thai_extract_detector(report_min, model)),
        ("pythainlp-pn", pythainlp_detector),
    ]
    return [{"system": name, **score_detection(lines, make())} for name, make in systems]
