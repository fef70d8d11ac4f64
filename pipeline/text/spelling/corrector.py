"""Context-aware correction of non-word typos in Thai text.

1. Detection: thaibreak pieces of the text; a Thai piece is suspicious when it is not a known word
   (the LM corpus vocabulary plus pythainlp's word lists), or a lone letter / a piece that cannot
   start a word. Runs of adjacent suspicious pieces are merged (the segmenter cuts an unknown string
   into pieces: "หหาร" -> "ห|หาร").
2. Protection: a run is left alone when it looks like a name: repeated in the document, after a title
   (นาย, ประธานาธิบดี...), in a name list or the user's allow-list, touching Latin script or digits, or
   a long unknown string (transliterations).
3. Candidates: single edits (keyboard neighbours, shift slips, look-alikes, anticipation,
   transposition, doubled / extra / dropped letters) inside the run, over windows of the run plus one
   known word on either side; a candidate must read as one or two known words.
4. Ranking: noisy channel, log P(edit) + log P(words | neighbours) from the bigram LM, against keeping
   the text (the run scored as one unknown word); a bonus when the corrected word occurs elsewhere in
   the document. The gain beyond a calibrated margin becomes a 0..1 score.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.text.spelling.build_lm import BOUNDARY, FLAG_LEXICON, FLAG_NAME, is_thai_char, token_class
from pipeline.text.spelling.keyboard import COSTS, THAI_ALPHABET, neighbours, substitutions
from pipeline.text.spelling.lm import DEFAULT_MODEL, WordLM

# Letters and marks that cannot begin a Thai word.
NON_INITIAL = set("ะัาำิีึืฺุู็่้๊๋์ํ\u0e45")
SINGLE_WORDS = {"ณ", "ฯ", "ๆ"}
TITLES = {
    "นาย", "นาง", "นางสาว", "น.ส.", "ดร.", "ศ.", "รศ.", "ผศ.", "พล.อ.", "พล.ต.อ.", "ประธานาธิบดี",
    "นายกรัฐมนตรี", "นายกฯ", "รัฐมนตรี", "สมเด็จ", "พระ", "เจ้าชาย", "เจ้าหญิง", "คุณ", "ท่าน", "มิสเตอร์",
    "ประธาน", "ผู้ว่าการ", "ผู้ว่าราชการ", "เอกอัครราชทูต", "ราชินี", "กษัตริย์", "สุลต่าน", "โฆษก",
}
_FAMILY_NAME = re.compile(r"(?:นางสาว|นาง|นาย(?!ก)|ดร\.|นพ\.|พญ\.|พล\.[ก-ฮ]\.)[\u0e01-\u0e4e]{2,20} [\u0e01-\u0e4e]{0,12}$")
MAX_RUN = 16  # longer unknown strings are names or foreign words, not typos


@dataclass
class Params:
    unk_logp: float = -15.0  # log P of an unknown word (the kept run), per run
    unk_char_logp: float = -0.3  # extra per character of the unknown run
    doc_bonus: float = 2.5  # the corrected word occurs elsewhere in the document
    margin: float = 3.0  # the gain at which score = 0.5
    scale: float = 1.5  # gain -> score slope
    report_min: float = 0.2  # candidates below this score are not reported
    min_count: int = 20  # corpus count that makes a word known
    min_count_short: int = 100  # the same for a listed word of one or two letters
    cand_min_count: int = 5  # corpus count a candidate word needs (or be in the word list)


@dataclass
class Suggestion:
    start: int  # working-text offsets
    end: int
    original: str
    text: str
    score: float
    method: str
    gain: float = 0.0


@dataclass
class _Cand:
    v: str
    seg: list[str]
    cost: float
    kind: str
    i: int  # edit position in q
    dq: int  # chars of q replaced
    dv: int  # chars of v inserted


def _trim(text: str, b: list[int], start: int, end: int, new: str, rs: int, re: int,
          words: set[str]) -> tuple[int, int, str]:
    """Leave out whole known words that the correction keeps unchanged at either end (never a cut
    inside the suspicious run ``[rs, re)``)."""
    old = text[start:end]
    cp = 0
    while cp < min(len(old), len(new)) and old[cp] == new[cp]:
        cp += 1
    j = bisect_right(b, min(start + cp, rs)) - 1
    if j >= 0 and start < b[j] < end and new[b[j] - start:] in words:
        cut = b[j] - start
        start, old, new = b[j], old[cut:], new[cut:]
    cs = 0
    while cs < min(len(old), len(new)) and old[-1 - cs] == new[-1 - cs]:
        cs += 1
    j = bisect_left(b, max(end - cs, re))
    if j < len(b) and start < b[j] < end and new[:len(new) - (end - b[j])] in words:
        cut = end - b[j]
        end, new = b[j], new[:len(new) - cut]
    return start, end, new


@dataclass
class SpellingCorrector:
    lm: WordLM
    allow: frozenset[str] = frozenset()
    params: Params = field(default_factory=Params)

    def __post_init__(self) -> None:
        p = self.params
        lm = self.lm
        # known: frequent in the corpus, or a listed word (short listed words need some use too:
        # the lists hold fragments such as "ริ" that a typo often leaves behind)
        self.known = {w for w, c, f in zip(lm.words, lm.counts, lm.flags)
                      if c >= p.min_count or (f & (FLAG_LEXICON | FLAG_NAME) and (len(w) >= 3 or c >= p.min_count_short))}
        self.known |= set(self.allow)
        self.cand_words = {w for w in self.lm.word_set(p.cand_min_count, FLAG_LEXICON) if len(w) > 1 or w in SINGLE_WORDS}
        self.known.difference_update(w for w in list(self.known) if len(w) == 1 and w not in SINGLE_WORDS)
        self.known.update(SINGLE_WORDS)

    @classmethod
    def load(cls, model: str | Path | None = None, allow: frozenset[str] = frozenset(),
             params: Params | None = None) -> "SpellingCorrector":
        return cls(WordLM.load(model or DEFAULT_MODEL), frozenset(allow), params or Params())

    # ------------------------------------------------------------------------------------------
    def _suspicious(self, tok: str) -> bool:
        if tok in self.known:
            return tok[0] in NON_INITIAL
        return all(is_thai_char(c) for c in tok)

    def suggest(self, text: str) -> list[Suggestion]:
        import thaibreak

        b = thaibreak.boundaries(text)
        if len(b) < 2:
            return []
        toks = [text[b[i]:b[i + 1]] for i in range(len(b) - 1)]
        known = self.known
        sus = [i for i, t in enumerate(toks) if (t not in known or t[0] in NON_INITIAL) and self._suspicious(t)]
        if not sus:
            return []
        runs: list[list[int]] = []
        for i in sus:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        allowed: list[tuple[int, int]] = []  # where allow-list words occur
        for w in self.allow:
            i = text.find(w)
            while i >= 0:
                allowed.append((i, i + len(w)))
                i = text.find(w, i + 1)
        out: list[Suggestion] = []
        for run in runs:
            rs, re = b[run[0]], b[run[-1] + 1]
            if any(s < re and rs < e for s, e in allowed):
                continue
            s = self._correct_run(text, b, toks, run[0], run[-1])
            if s is not None and s.score >= self.params.report_min:
                if out and s.start < out[-1].end:
                    if s.score <= out[-1].score:
                        continue
                    out.pop()
                out.append(s)
        return out

    # ------------------------------------------------------------------------------------------
    def _protected(self, text: str, b: list[int], toks: list[str], a: int, z: int) -> bool:
        run = text[b[a]:b[z + 1]]
        if len(run) > MAX_RUN or run in self.allow or self.lm.has_flag(run, FLAG_NAME):
            return True
        if len(run) >= 4 and text.count(run) >= 2:
            return True
        # the run with its neighbouring pieces repeated: a name cut into pieces
        ctx = text[b[max(a - 1, 0)]:b[min(z + 2, len(b) - 1)]]
        if not any(c.isspace() for c in ctx) and text.count(ctx) >= 2:
            return True
        # touching Latin letters or digits (URLs, codes, mixed names)
        before = text[b[a] - 1] if b[a] > 0 else " "
        after = text[b[z + 1]] if b[z + 1] < len(text) else " "
        if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()) or before in "/@._-#" or after in "/@_-":
            return True
        # after a title (skipping one space)
        j = a - 1
        if j >= 0 and toks[j].isspace() and toks[j] != "\n":
            j -= 1
        if j >= 0 and toks[j] in TITLES:
            return True
        # a family name: title, given name, one space, then the run
        if _FAMILY_NAME.search(text, max(0, b[a] - 40), b[a]):
            return True
        return False

    def _correct_run(self, text: str, b: list[int], toks: list[str], a: int, z: int) -> Suggestion | None:
        import thaibreak

        if self._protected(text, b, toks, a, z):
            return None
        n = len(toks)
        known = self.known
        left_ok = a > 0 and toks[a - 1] in known and not toks[a - 1].isspace() and all(is_thai_char(c) for c in toks[a - 1])
        right_ok = z + 1 < n and toks[z + 1] in known and all(is_thai_char(c) for c in toks[z + 1])
        windows = [(a, z)]
        if left_ok:
            windows.append((a - 1, z))
        if right_ok:
            windows.append((a, z + 1))
        if left_ok and right_ok:
            windows.append((a - 1, z + 1))
        best: dict[tuple[int, int, str], tuple[float, str]] = {}
        p = self.params
        for wa, wb in windows:
            q = text[b[wa]:b[wb + 1]]
            lo = b[a] - b[wa]
            hi = b[z + 1] - b[wa]
            prev = token_class(toks[wa - 1]) if wa > 0 else BOUNDARY
            nxt = token_class(toks[wb + 1]) if wb + 1 < n else BOUNDARY
            orig_lp = self._orig_logp(toks, wa, wb, a, z, prev, nxt, hi - lo)
            for c in self._candidates(q, lo, hi):
                # score the window as the segmenter (and so the LM) would cut the corrected text
                vb = thaibreak.boundaries(c.v)
                seg = [c.v[vb[k]:vb[k + 1]] for k in range(len(vb) - 1)]
                if any(w not in known for w in seg):
                    continue
                lp = 0.0
                last = prev
                for w in seg:
                    lp += self.lm.logp(w, last, p.unk_logp)
                    last = w
                lp += self.lm.logp(nxt, last, p.unk_logp)
                # the corrected word(s): the lexicon words overlapping the edit
                pos = 0
                ws = we = None
                for w in c.seg:
                    end = pos + len(w)
                    if end > c.i and pos <= c.i + c.dv:
                        if ws is None:
                            ws = pos
                        we = end
                    pos = end
                if ws is None:
                    ws, we = c.i, c.i + c.dv
                delta = c.dv - c.dq
                new = c.v[ws:we]
                if len(new) < 2:
                    continue
                gain = lp - orig_lp - c.cost
                key = _trim(text, b, b[wa] + ws, b[wa] + we - delta, new, b[a], b[z + 1], self.cand_words)
                if key not in best or gain > best[key][0]:
                    best[key] = (gain, c.kind)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:4]
        # document evidence: the corrected word is written correctly elsewhere in the document
        rescored = []
        for (start, end, new), (gain, kind) in ranked:
            if len(new) >= 3 and new in text:
                gain += p.doc_bonus
            rescored.append(((start, end, new), (gain, kind)))
        ranked = sorted(rescored, key=lambda kv: -kv[1][0])
        (start, end, new), (gain, kind) = ranked[0]
        # an ambiguous choice between two different fixes is less sure
        if len(ranked) > 1:
            second = ranked[1][1][0]
            gain = min(gain, gain - second + p.margin) if second > gain - 2.0 else gain
        score = 1.0 / (1.0 + math.exp(-(gain - p.margin) / p.scale))
        return Suggestion(start, end, text[start:end], new, round(score, 4), f"noisy-channel:{kind}", round(gain, 3))

    def _orig_logp(self, toks: list[str], wa: int, wb: int, a: int, z: int, prev: str, nxt: str, run_len: int) -> float:
        p = self.params
        lp = 0.0
        last: str | None = prev
        for j in range(wa, wb + 1):
            if a <= j <= z:
                if j == a:
                    lp += p.unk_logp + p.unk_char_logp * run_len
                last = None
                continue
            lp += self.lm.logp(toks[j], last, p.unk_logp)
            last = toks[j]
        lp += self.lm.logp(nxt, last, p.unk_logp)
        return lp

    # ------------------------------------------------------------------------------------------
    def _segment(self, v: str, pre_ok: set[int], suf_ok: set[int], i: int, dq: int, dv: int) -> list[str] | None:
        """``v`` as one or two known words (the edit at ``i`` replaced ``dq`` chars by ``dv``)."""
        words = self.cand_words
        if v in words:
            return [v]
        delta = dv - dq
        best: list[str] | None = None
        best_score = -1
        for k in range(1, len(v)):
            if k <= i:
                if k not in pre_ok:
                    continue
            elif k >= i + dv:
                if (k - delta) not in suf_ok:
                    continue
            left, right = v[:k], v[k:]
            if left in words and right in words:
                sc = min(self.lm.count(left), self.lm.count(right))
                if sc > best_score:
                    best, best_score = [left, right], sc
        return best

    def _candidates(self, q: str, lo: int, hi: int) -> list[_Cand]:
        words = self.cand_words
        pre_ok = {k for k in range(1, len(q)) if q[:k] in words}
        suf_ok = {k for k in range(1, len(q)) if q[k:] in words}
        out: list[_Cand] = []
        seen: set[str] = set()

        def add(v: str, cost: float, kind: str, i: int, dq: int, dv: int) -> None:
            if v in seen or v == q:
                return
            seen.add(v)
            seg = self._segment(v, pre_ok, suf_ok, i, dq, dv)
            if seg is not None:
                out.append(_Cand(v, seg, cost, kind, i, dq, dv))

        n = len(q)
        lo = max(0, lo - 1)
        hi = min(n, hi + 1)
        for i in range(lo, hi):
            ch = q[i]
            # an extra letter (doubled, a neighbour key of the next/previous one, or any)
            prev_c = q[i - 1] if i > 0 else ""
            next_c = q[i + 1] if i + 1 < n else ""
            if ch == prev_c or ch == next_c:
                add(q[:i] + q[i + 1:], COSTS["double"], "double", i, 1, 0)
            elif ch in neighbours(prev_c) or ch in neighbours(next_c):
                add(q[:i] + q[i + 1:], COSTS["insert_near"], "insert", i, 1, 0)
            else:
                add(q[:i] + q[i + 1:], COSTS["insert"], "insert", i, 1, 0)
            # swapped letters
            if i + 1 < n and q[i] != q[i + 1]:
                add(q[:i] + q[i + 1] + q[i] + q[i + 2:], COSTS["transpose"], "transpose", i, 2, 2)
            # a wrong letter: keyboard neighbour, shift, look-alike
            for c, kind in substitutions(ch):
                add(q[:i] + c + q[i + 1:], COSTS[kind], kind, i, 1, 1)
            # anticipation: the next letter typed early
            if ch == next_c or (i + 2 < n and ch == q[i + 2]):
                for c in THAI_ALPHABET:
                    add(q[:i] + c + q[i + 1:], COSTS["anticipate"], "anticipate", i, 1, 1)
        # a dropped letter
        for i in range(lo, hi + 1):
            for c in THAI_ALPHABET:
                add(q[:i] + c + q[i:], COSTS["delete"], "delete", i, 0, 1)
        return out
