"""Context-aware correction of non-word typos in Thai text.

1. Detection: thaibreak pieces of the text (a piece that starts with spaces is cut after them); a
   Thai piece is suspicious when it is not a known word (the LM corpus vocabulary plus pythainlp's
   word lists), or a lone letter / a piece that cannot start a word. Runs of adjacent suspicious
   pieces are merged (the segmenter cuts an unknown string into pieces: "หหาร" -> "ห|หาร").
   Typos that the segmenter cuts into known words ("กฎ|หาย", "ดัง|นี่") are found as adjacent known
   pieces whose bigram the LM has (almost) never seen. A Thai digit glued between two Thai letters
   is a shift slip ("พิ๗ารณา": shift + จ types ๗), so its piece is suspicious too.
2. Protection: a run is left alone when it looks like a name: inside a name of our lists (the entity
   gazetteers, pythainlp's person, family, country and province names) written in full, repeated
   in the document in different contexts (a copied passage counts once), in the user's allow-list,
   touching Latin script, digits, a format character or a dot of a domain, a short quoted or
   bracketed unit, or a long unknown string (transliterations). After a title (นาย, รัฐมนตรี...) a
   run is fixed only into a word the corpus often writes after that title ("รัฐมนตรีว่าการ").
3. Candidates: single edits of the channel model (``edits.EditModel``: keyboard neighbours and
   near keys, shift slips, look-alikes, anticipation, transposition, doubled / extra / dropped
   letters) inside the run, over windows of the run plus up to two known words on either side; a
   candidate must read as one or two known words. For a rare pair of known pieces (or the pair with
   a neighbour), frequent words one edit from the joined string, and real-word errors in one piece
   whose corrected pair is common ("ฐาน|ประธาน" -> "ฐานะ").
4. Ranking: noisy channel, log P(edit) + log P(words | neighbours) from the LM (the window plus the
   next word), against keeping the text: a run scored as one unknown word, or by the LM when the
   corpus knows its pieces ("คอ|ล|เซ็นเตอร์"); a known pair by the LM. A bonus when the corrected
   word occurs elsewhere in the document. The best candidates by that gain go to the learned ranker
   (``ranker.Ranker``: their gains, the trigram LM's gain, edit kind and cost, counts...), which
   picks one and scores it 0..1 (0.5 at the calibrated operating point); without a ranker the gain
   beyond a margin becomes the score. A real-word error in one piece of a pair keeps the channel
   score (the ranker was trained on non-word typos only). Document evidence comes from one index of
   the document's pieces, so time is linear in the document's length, and a run seen again in the
   same context is answered from a cache.
"""

from __future__ import annotations

import math
import unicodedata
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from thai_extract.text.spelling.edits import EditModel
from thai_extract.text.spelling.keyboard import THAI_ALPHABET
from thai_extract.text.spelling.lexicon import (
    BOUNDARY, FLAG_LEXICON, FLAG_NAME, ID_BITS, gazetteer_names, is_thai_char, token_class,
)
from thai_extract.text.spelling.lm import WordLM
from thai_extract.text.spelling.ranker import Ranker, feature_vector
from thai_extract.text.words import piece_bounds, thaibreak_bounds

# Letters and marks that cannot begin a Thai word.
NON_INITIAL = set("ะัาำิีึืฺุู็่้๊๋์ํ\u0e45")
SINGLE_WORDS = {"ณ", "ฯ", "ๆ"}
# Thai digits share their keys with letters (shift + จ types ๗): one glued between two Thai letters
# is a shift slip, never how the news writes a number ("ที่๘อง" for ของ; "ที่ ๘", "ปี๒๕๖๗" are not).
_GLUED_DIGIT = re.compile(r"(?<=[\u0e01-\u0e4e])[๐-๙](?=[\u0e01-\u0e4e])")
TITLES = {
    "นาย", "นาง", "นางสาว", "น.ส.", "ดร.", "ศ.", "รศ.", "ผศ.", "พล.อ.", "พล.ต.อ.", "ประธานาธิบดี",
    "นายกรัฐมนตรี", "นายกฯ", "รัฐมนตรี", "สมเด็จ", "พระ", "เจ้าชาย", "เจ้าหญิง", "คุณ", "ท่าน", "มิสเตอร์",
    "ประธาน", "นายแพทย์", "แพทย์หญิง", "นพ.", "พญ.", "ทันตแพทย์", "เภสัชกร", "ศาสตราจารย์", "อาจารย์",
    "หม่อมราชวงศ์", "หม่อมหลวง", "ม.ร.ว.", "ม.ล.", "พลเอก", "พลตำรวจเอก", "พันเอก", "พันตำรวจเอก", "ผู้ว่าการ", "ผู้ว่าราชการ", "เอกอัครราชทูต", "ราชินี", "กษัตริย์", "สุลต่าน", "โฆษก",
}
_FAMILY_NAME = re.compile(r"(?:นางสาว|นาง|นาย(?!ก)|ดร\.|นพ\.|พญ\.|พล\.[ก-ฮ]\.)[\u0e01-\u0e4e]{2,20} [\u0e01-\u0e4e]{0,12}$")
OPENERS = set("(“\"'‘[{«")
CLOSERS = set(")”\"'’]}»")
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
    # a typo that the segmenter cuts into known words ("กฎ|หาย" for กฎหมาย)
    split_max_bigram: int = 50  # the pair's LM bigram count is at most this
    split_min_count: int = 200  # the joined word's corpus count
    split_ratio: int = 1000  # ... and the word is this many times commoner than the pair
    split_piece_edit: bool = True  # also a real-word error in one piece of a rare pair
    split_edit_min_bigram: int = 50  # ... when the corrected pair is this common in the corpus
    split_edit_cost: float = 6.0  # ... at this extra cost (the text as written is a real word)
    split_max_len: int = 12  # the pair's length in characters
    split_margin: float = 3.0  # margin for these (in place of ``margin``)
    split_min_gain: float = -6.0  # candidates below this gain are not considered (they never score)
    glued_removal: float = 6.0  # extra cost: removing the first letter of a word glued to the previous
    score_next: bool = True  # the LM scores a run's window together with the next word
    orig_by_lm: bool = True  # a run of pieces the LM knows is scored by the LM too (the better of the two)
    orig_lm_min_count: int = 2  # ... pieces seen this often in the corpus
    rank_top: int = 8  # candidates the learned ranker chooses from (by channel + LM gain)
    wide: int = 2  # known words on either side of a run that its candidates may rewrite
    max_window: int = 24  # ... in a window of at most this many characters
    short_piece: int = 3  # ... the second one only past a known word this short
    title_min_bigram: int = 100  # a run after a title is fixed only into a word this common after it


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


def _pieces(text: str, b: list[int]) -> list[int]:
    """Segmenter boundaries, with a piece that starts with spaces cut after them (thaibreak glues a
    mark that cannot start a word to the space before it: " ำนักงาน" -> " ำ|นัก|งาน")."""
    extra = []
    for i in range(len(b) - 1):
        s, e = b[i], b[i + 1]
        if e - s > 1 and text[s].isspace() and not text[e - 1].isspace():
            k = s
            while k < e and text[k].isspace():
                k += 1
            if k < e:
                extra.append(k)
    return sorted(set(b) | set(extra)) if extra else b


# the frequent words one edit from a string, cached: (word -> (cost, kind), None) when no word
# depends on the letters around the string, else (None, word -> (cost, kind, edge))
_SplitEntry = tuple[dict[str, tuple[float, str]] | None, dict[str, tuple[float, str, str]] | None]


def _split_entry(found: dict[str, tuple[float, str, str]]) -> _SplitEntry:
    """``found`` as a cache entry (see ``_SplitEntry``)."""
    if any(edge for _, _, edge in found.values()):
        return None, found
    return {w: (cost, kind) for w, (cost, kind, _) in found.items()}, None


@lru_cache(maxsize=1 << 16)  # candidate strings recur across runs and documents
def _words_of(text: str) -> tuple[str, ...]:
    """The thaibreak pieces of a short ``text`` (a candidate correction)."""
    b = thaibreak_bounds(text).tolist()
    return tuple(text[b[k]:b[k + 1]] for k in range(len(b) - 1))


def _title_before(toks: list[str], a: int) -> str | None:
    """The title (นาย, รัฐมนตรี...) right before piece ``a`` (skipping one space), or None."""
    j = a - 1
    if j >= 0 and toks[j].isspace() and toks[j] != "\n":
        j -= 1
    return toks[j] if j >= 0 and toks[j] in TITLES else None


class _DocIndex:
    """Where each segmenter piece occurs in one document, built once (linear in its length), so that
    document evidence (is this run repeated? is the corrected word written elsewhere?) is a lookup
    instead of a scan of the whole text per suspicious run."""

    def __init__(self, toks: list[str]) -> None:
        self.toks = toks
        self._pos: dict[str, list[int]] | None = None
        self._memo: dict[tuple, int] = {}
        self.runs: dict[tuple, tuple | None] = {}  # corrections of runs already seen, by their context

    def _positions(self) -> dict[str, list[int]]:
        if self._pos is None:
            pos: defaultdict[str, list[int]] = defaultdict(list)
            for i, t in enumerate(self.toks):
                pos[t].append(i)
            self._pos = dict(pos)  # a plain dict: a lookup must not add a key
        return self._pos

    def contexts(self, seq: tuple[str, ...], limit: int = 2, width: int = 4) -> int:
        """Distinct contexts (``width`` pieces on either side, as LM classes) of the occurrences of
        the piece sequence ``seq``, up to ``limit``. Verbatim copies of a passage share their
        contexts, so a typo in a repeated paragraph counts once; a name used across the document
        does not."""
        key = (seq, limit)
        got = self._memo.get(key)
        if got is not None:
            return got
        pos = self._positions()
        lists = [pos.get(t) for t in seq]
        if any(lst is None for lst in lists):
            self._memo[key] = 0
            return 0
        k = min(range(len(seq)), key=lambda j: len(lists[j]))  # the rarest piece anchors the search
        toks, n, m = self.toks, len(self.toks), len(seq)
        seen: set[tuple[str, str]] = set()
        for i in lists[k]:
            s = i - k
            if s < 0 or s + m > n or tuple(toks[s:s + m]) != seq:
                continue
            seen.add((tuple(token_class(toks[j]) if j >= 0 else BOUNDARY for j in range(s - width, s)),
                      tuple(token_class(toks[j]) if j < n else BOUNDARY for j in range(s + m, s + m + width))))
            if len(seen) >= limit:
                break
        self._memo[key] = len(seen)
        return len(seen)

    def occurs(self, seq: tuple[str, ...]) -> bool:
        return self.contexts(seq, 1) > 0


@dataclass
class SpellingCorrector:
    lm: WordLM
    allow: frozenset[str] = frozenset()
    params: Params = field(default_factory=Params)
    edits: EditModel = field(default_factory=EditModel)
    ranker: Ranker | None = None  # None: the hand-set noisy-channel score
    trace: list | None = None  # when a list, every ranked candidate's (text, start, end, new, features)

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
        self._split_cache: dict[str, _SplitEntry] = {}
        self._pair_word_cache: dict[str, bool] = {}  # piece -> a known Thai word (see _split_words)
        self._freq: tuple[set[str], dict[str, list[tuple[str, int]]]] | None = None
        self.names = gazetteer_names()
        self.name_parts = {n[i:j] for n in self.names for i in range(len(n)) for j in range(i + 1, len(n) + 1)}

    @classmethod
    def load(cls, model: str | Path | None = None, allow: frozenset[str] = frozenset(),
             params: Params | None = None, ranker: str | Path | Ranker | bool = True) -> "SpellingCorrector":
        """The corrector over the language model at ``model`` (default: the shipped one); ``ranker``
        True loads the shipped ranker, a path another one, False keeps the hand-set score."""
        if ranker is True or isinstance(ranker, (str, Path)):
            ranker = Ranker.load(None if ranker is True else ranker)
        return cls(WordLM.load(model), frozenset(allow), params or Params(), ranker=ranker or None)

    # ------------------------------------------------------------------------------------------
    def _suspicious(self, tok: str) -> bool:
        if tok in self.known:
            return tok[0] in NON_INITIAL
        return all(is_thai_char(c) for c in tok)

    @staticmethod
    def _glued_digit_pieces(text: str, b: list[int]) -> set[int]:
        """The pieces that are Thai letters with a Thai digit glued between two Thai letters (a
        shift slip: "พิ๗ารณา", "ที่|๘อง")."""
        out = set()
        for m in _GLUED_DIGIT.finditer(text):
            j = bisect_right(b, m.start()) - 1
            s, e = b[j], b[j + 1]
            if all(is_thai_char(c) or _GLUED_DIGIT.match(text, k) for k, c in enumerate(text[s:e], s)):
                out.add(j)
        return out

    def suggest(self, text: str) -> list[Suggestion]:
        b = _pieces(text, piece_bounds(text).tolist())
        if len(b) < 2:
            return []
        toks = [text[b[i]:b[i + 1]] for i in range(len(b) - 1)]
        known = self.known
        glued = self._glued_digit_pieces(text, b)
        sus = [i for i, t in enumerate(toks) if (t not in known or t[0] in NON_INITIAL)
               and (self._suspicious(t) or i in glued)]
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
        doc = _DocIndex(toks)
        out: list[Suggestion] = []
        for run in runs:
            rs, re = b[run[0]], b[run[-1] + 1]
            if any(s < re and rs < e for s, e in allowed):
                continue
            s = self._correct_run_cached(text, b, toks, run[0], run[-1], doc)
            if s is not None and s.score >= self.params.report_min:
                out.append(s)
        out.extend(s for s in self._split_words(text, b, toks, set(sus), doc, allowed) if s.score >= self.params.report_min)
        out.sort(key=lambda s: s.start)
        kept: list[Suggestion] = []
        for s in out:
            if kept and s.start < kept[-1].end:
                if s.score <= kept[-1].score:
                    continue
                kept.pop()
            kept.append(s)
        return kept

    # ------------------------------------------------------------------------------------------
    def _frequent(self) -> tuple[set[str], dict[str, list[tuple[str, int]]]]:
        """Frequent Thai words (the only corrections of a pair of known pieces), and the same words
        by each one-letter deletion and one-letter wildcard, for finding those one edit from a
        string without trying every edit (built once)."""
        if self._freq is None:
            p = self.params
            freq = {w for w, c in zip(self.lm.words, self.lm.counts)
                    if c >= p.split_min_count and len(w) >= 3 and all(is_thai_char(ch) for ch in w)}
            near: dict[str, list[tuple[str, int]]] = {}
            for w in sorted(freq):  # sorted: the same order (and ties) in every process
                for j in range(len(w)):
                    near.setdefault(w[:j] + w[j + 1:], []).append((w, j))
                    near.setdefault(w[:j] + "?" + w[j + 1:], []).append((w, j))
            self._freq = (freq, near)
        return self._freq

    def _split_candidates(self, q: str, before: str = "", after: str = "") -> dict[str, tuple[float, str]]:
        """Frequent words one edit away from ``q``: word -> (channel cost, kind). Cached (the same
        pairs recur across documents)."""
        got = self._split_cache.get(q)
        if got is None:
            if len(self._split_cache) > 500_000:
                self._split_cache.clear()
            got = self._split_cache[q] = _split_entry(self._split_candidates_uncached(q))
        plain, edged = got
        if edged is None:
            return plain
        # a dropped letter that stands right next to the string is a word cut elsewhere
        # ("ติดตา|มาร" is not "ติดตาม" missing its ม)
        return {w: (cost, kind) for w, (cost, kind, edge) in edged.items()
                if not edge or (edge == "<" and w[0] != before) or (edge == ">" and w[-1] != after)}

    def _split_candidates_uncached(self, q: str) -> dict[str, tuple[float, str, str]]:
        freq, near = self._frequent()
        n = len(q)
        hits = list(near.get(q, ()))  # a letter dropped at j
        for j in range(n):
            hits.extend(near.get(q[:j] + "?" + q[j + 1:], ()))  # a wrong letter at j
            for v in (q[:j] + q[j + 1:], q[:j] + q[j + 1:j + 2] + q[j] + q[j + 2:]):  # extra, swapped
                if v in freq:
                    hits.append((v, j))
        out: dict[str, tuple[float, str, str]] = {}
        for v, j in hits:
            e = self.edits.explain(q, v, j)
            if e is None or v == q or (v in out and out[v][0] <= e.cost):
                continue
            if e.dq == 1 and e.dv == 0 and not 0 < e.i < n - 1:
                # an extra first or last letter would drop a prefix or suffix of the pair: "ณ|สมัย",
                # "ไพ|โร" are more often names than typos
                continue
            edge = ""
            if e.kind == "delete":  # a dropped first or last letter: see the caller
                edge = "<" if e.i == 0 else ">" if e.i == n else ""
            out[v] = (e.cost, e.kind, edge)
        return out

    def _split_words(self, text: str, b: list[int], toks: list[str], sus: set[int], doc: _DocIndex,
                     allowed: list[tuple[int, int]]) -> list[Suggestion]:
        """Typos the segmenter cuts into known words: two adjacent known pieces the LM has (almost)
        never seen together, whose join is one edit from a frequent word that fits the context
        better than the pair does (both sides scored by the LM)."""
        import numpy as np

        p = self.params
        n = len(toks)
        if n < 2:
            return []
        index = self.lm.index
        ids = np.array([index.get(t, -1) for t in toks], dtype=np.int64)
        ok = ids >= 0
        pair = ok[:-1] & ok[1:]
        cand = np.flatnonzero(pair)
        if not len(cand):
            return []
        keys = ((ids[cand] << ID_BITS) | ids[cand + 1]).astype(np.uint64)
        bk = self.lm.bigram_keys
        j = np.searchsorted(bk, keys)
        j = np.minimum(j, len(bk) - 1)
        found = bk[j] == keys
        counts = np.where(found, self.lm.bigram_counts[j], 0)
        out: list[Suggestion] = []
        lm = self.lm
        # pieces that may take part: known Thai words, not suspicious themselves
        word_ok = self._pair_word_cache
        if len(word_ok) > 500_000:
            word_ok.clear()
        use = []
        for j, t in enumerate(toks):
            got = word_ok.get(t)
            if got is None:
                got = word_ok[t] = t in self.known and all(is_thai_char(c) and c not in "ๆฯ" for c in t)
            use.append(got and j not in sus)

        def usable(j: int) -> bool:
            return 0 <= j < n and use[j]

        protections: dict[tuple[int, int], bool] = {}

        def protected(x: int, y: int) -> bool:
            got = protections.get((x, y))
            if got is None:
                got = protections[(x, y)] = self._protected(text, b, toks, x, y, doc, names=False)
            return got

        done: set[tuple[int, int]] = set()
        rare = counts <= p.split_max_bigram
        # a rare pair of usable pieces, with no suspicious piece right before or after it
        use_arr = np.array(use, dtype=bool)
        clear = np.ones(n + 2, dtype=bool)  # clear[j + 1]: piece j (-1 and n included) is not suspicious
        if sus:
            clear[np.fromiter(sus, dtype=np.int64, count=len(sus)) + 1] = False
        keep = rare & use_arr[cand] & use_arr[cand + 1] & clear[cand] & clear[cand + 3]
        for i, pair_count in zip(cand[keep].tolist(), counts[keep].tolist()):
            # the pair, or the pair with a known piece on either side ("กระ|ทร|สง")
            options: list[tuple[float, str, str, int, int, dict]] = []
            piece_options: list[tuple[float, str, str, int, int, dict]] = []
            for x, y in ((i, i + 1), (i - 1, i + 1), (i, i + 2)):
                if (x, y) in done or (x != i and not usable(x)) or (y != i + 1 and not usable(y)):
                    continue
                done.add((x, y))
                if (x != i or y != i + 1) and (x - 1 in sus or y + 1 in sus):
                    continue
                rs, re = b[x], b[y + 1]
                if re - rs > p.split_max_len or any(s < re and rs < e for s, e in allowed):
                    continue
                q = text[rs:re]
                cands = self._split_candidates(q, text[rs - 1] if rs > 0 else "", text[re] if re < len(text) else "")
                # a pair the corpus writes now and then is a phrase unless the word is far commoner
                # ("ผลัด|กัน" take turns, not "ผลักดัน")
                cands = [(w, ck) for w, ck in cands.items() if pair_count * p.split_ratio <= lm.count(w)]
                if not cands or protected(x, y):
                    continue
                prev = token_class(toks[x - 1]) if x > 0 else BOUNDARY
                nxt = token_class(toks[y + 1]) if y + 1 < n else BOUNDARY
                orig = 0.0
                last = prev
                for j in range(x, y + 1):
                    orig += lm.logp(toks[j], last, p.unk_logp)
                    last = toks[j]
                orig += lm.logp(nxt, last, p.unk_logp)
                found = []
                for w, (cost, kind) in cands:
                    lm_gain = lm.logp(w, prev, p.unk_logp) + lm.logp(nxt, w, p.unk_logp) - orig
                    if lm_gain - cost + p.doc_bonus >= p.split_min_gain:
                        found.append((w, cost, kind, lm_gain))
                if found and self._in_listed_name(text, b, x, y):
                    continue
                for w, cost, kind, lm_gain in found:
                    gain = lm_gain - cost
                    written = self._written_in(w, doc)
                    if written:
                        gain += p.doc_bonus
                    options.append((gain, w, kind, x, y, {"lm_gain": lm_gain, "cost": cost, "doc": written,
                                                        "window": (x, y, [w])}))
            # a real-word error in one piece of the pair ("ใน|ฐาน|ประธาน" -> "ฐานะ"): the new pair
            # must be a common one in the corpus
            if p.split_piece_edit:
                prev = token_class(toks[i - 1]) if i > 0 else BOUNDARY
                nxt = token_class(toks[i + 2]) if i + 2 < n else BOUNDARY
                t1, t2 = toks[i], toks[i + 1]
                piece_edits = []  # the new pair must be a common one, the old pair far rarer
                for k in (i, i + 1):
                    if len(toks[k]) < 2 or any(s < b[k + 1] and b[k] < e for s, e in allowed):
                        continue
                    cands = self._split_candidates(toks[k], text[b[k] - 1] if b[k] > 0 else "",
                                                   text[b[k + 1]] if b[k + 1] < len(text) else "")
                    for w, (cost, kind) in cands.items():
                        a1, a2 = (w, t2) if k == i else (t1, w)
                        ia, ib = lm.index.get(a1), lm.index.get(a2)
                        if ia is None or ib is None:
                            continue
                        new_count = lm.bigram_count(ia, ib)
                        if new_count >= p.split_edit_min_bigram and pair_count * p.split_ratio <= new_count * 10:
                            piece_edits.append((k, w, cost, kind, a1, a2))
                if piece_edits and not protected(i, i + 1):
                    orig = lm.logp(t1, prev, p.unk_logp) + lm.logp(t2, t1, p.unk_logp) + lm.logp(nxt, t2, p.unk_logp)
                    for k, w, cost, kind, a1, a2 in piece_edits:
                        lm_gain = (lm.logp(a1, prev, p.unk_logp) + lm.logp(a2, a1, p.unk_logp)
                                   + lm.logp(nxt, a2, p.unk_logp) - orig)
                        piece_options.append((lm_gain - cost - p.split_edit_cost, w, kind, k, k, {
                            "lm_gain": lm_gain, "cost": cost, "piece_edit": True, "window": (i, i + 1, [a1, a2])}))
            if piece_options and not self._in_listed_name(text, b, i, i + 1):
                options.extend(piece_options)
            if not options:
                continue
            options.sort(key=lambda o: -o[0])  # stable: the first of equal gains stays first
            best = options[0][:5]
            second = options[1][0] if len(options) > 1 else -1e9
            # the ranker never saw real-word errors (its typos are non-words): a fix of one piece of
            # the pair keeps the channel score
            if self.ranker is not None and best[3] != best[4]:
                top = [o for o in options if o[3] != o[4]][:p.rank_top]
                sug = self._rank(text, toks, [(b[x], b[y + 1], w, gain, kind, "noisy-channel-split", f)
                                              for gain, w, kind, x, y, f in top])
                if sug.score >= p.report_min:
                    out.append(sug)
                continue
            gain, w, kind, x, y = best
            if second > gain - 2.0:
                gain = min(gain, gain - second + p.split_margin)
            score = 1.0 / (1.0 + math.exp(-(gain - p.split_margin) / p.scale))
            if score >= p.report_min:
                out.append(Suggestion(b[x], b[y + 1], text[b[x]:b[y + 1]], w, round(score, 4),
                                      f"noisy-channel-split:{kind}", round(gain, 3)))
        return out

    # ------------------------------------------------------------------------------------------
    def _protected(self, text: str, b: list[int], toks: list[str], a: int, z: int, doc: _DocIndex,
                   titles: bool = True, names: bool = True) -> bool:
        """Whether the pieces ``a..z`` look like a name or a code, not a typo (``titles``: a run right
        after a title counts as a name; ``names``: look the run up in the name lists too)."""
        run = text[b[a]:b[z + 1]]
        if len(run) > MAX_RUN or run in self.allow:
            return True
        # touching Latin letters or digits (URLs, codes, mixed names)
        before = text[b[a] - 1] if b[a] > 0 else " "
        after = text[b[z + 1]] if b[z + 1] < len(text) else " "
        if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()) or before in "/@_-#" or after in "/@_-":
            return True
        # after a dot: a domain or file name ("thaigov.go.th"), not a Thai abbreviation ("ครม.", "จ.")
        if before == "." and b[a] >= 2 and not is_thai_char(text[b[a] - 2]):
            return True
        # a format character (zero-width space...) inside the word
        if unicodedata.category(before) == "Cf" or unicodedata.category(after) == "Cf":
            return True
        # a short quoted or bracketed unit: an abbreviation, a list marker, a title ("(ก)", "“จภ”")
        if (before in OPENERS or after in CLOSERS) and (len(run) <= 2 or (before in OPENERS and after in CLOSERS)):
            return True
        if titles and _title_before(toks, a) is not None:
            return True
        # a family name: title, given name, one space, then the run
        if _FAMILY_NAME.search(text, max(0, b[a] - 40), b[a]):
            return True
        # repeated in the document (in different contexts: a copied passage is one typing)
        if len(run) >= 4 and doc.contexts(tuple(toks[a:z + 1])) >= 2:
            return True
        # the run with its neighbouring pieces repeated: a name cut into pieces
        ca, cz = max(a - 1, 0), min(z + 1, len(toks) - 1)
        if not any(toks[j].isspace() for j in range(ca, cz + 1)) and doc.contexts(tuple(toks[ca:cz + 1])) >= 2:
            return True
        return names and self._in_listed_name(text, b, a, z)

    def _correct_run_cached(self, text: str, b: list[int], toks: list[str], a: int, z: int,
                            doc: _DocIndex) -> Suggestion | None:
        """``_correct_run``, once per distinct run-in-context of a document (the answer depends on
        the text up to 40 characters and four pieces before the run and five pieces after it, and on
        the document evidence, which is the same for every copy)."""
        key = (text[max(0, b[a] - 40):b[a]], tuple(toks[max(0, a - 4):a]), a >= 4, tuple(toks[a:z + 6]))
        if key in doc.runs:
            got = doc.runs[key]
            if got is None:
                return None
            ds, de, new, score, method, gain = got
            return Suggestion(b[a] + ds, b[a] + de, text[b[a] + ds:b[a] + de], new, score, method, gain)
        s = self._correct_run(text, b, toks, a, z, doc)
        doc.runs[key] = None if s is None else (s.start - b[a], s.end - b[a], s.text, s.score, s.method, s.gain)
        return s

    def _correct_run(self, text: str, b: list[int], toks: list[str], a: int, z: int,
                     doc: _DocIndex) -> Suggestion | None:
        if self._protected(text, b, toks, a, z, doc, titles=False):
            return None
        # after a title a run is a name, unless it is fixed into a phrase common after that title
        # ("รัฐมนตรีวาาการ" -> "ว่าการ")
        title = _title_before(toks, a)
        n = len(toks)
        known = self.known
        p = self.params
        def thai_word(j: int) -> bool:
            return 0 <= j < n and toks[j] in known and all(is_thai_char(c) for c in toks[j])

        # the run with up to ``wide`` known words on either side: a typo often leaves a known piece
        # behind ("รัฐ|บา|ข" for รัฐบาล)
        left = 0  # a second word only past a short one: a piece the typo broke off
        while left < p.wide and thai_word(a - left - 1) and (left == 0 or len(toks[a - left]) <= p.short_piece):
            left += 1
        right = 0
        while right < p.wide and thai_word(z + right + 1) and (right == 0 or len(toks[z + right]) <= p.short_piece):
            right += 1
        windows = [(a - i, z + j) for i in range(left + 1) for j in range(right + 1)
                   if i + j <= p.wide and b[z + j + 1] - b[a - i] <= p.max_window]
        best: dict[tuple[int, int, str], tuple[float, str, dict]] = {}
        for wa, wb in windows:
            q = text[b[wa]:b[wb + 1]]
            lo = b[a] - b[wa]
            hi = b[z + 1] - b[wa]
            prev = token_class(toks[wa - 1]) if wa > 0 else BOUNDARY
            # the LM scores the window plus the next Thai word: a fix can make the segmenter join
            # them ("ำนัก|งาน" -> "สำนักงาน")
            ext = ""
            xb = wb
            if p.score_next and wb + 1 < n and toks[wb + 1] in known and all(is_thai_char(ch) for ch in toks[wb + 1]):
                ext = toks[wb + 1]
                xb = wb + 1
            nxt = token_class(toks[xb + 1]) if xb + 1 < n else BOUNDARY
            orig_lp, by_lm = self._orig_logp(toks, wa, xb, a, z, prev, nxt, hi - lo)
            for c in self._candidates(q, lo, hi):
                # score the window as the segmenter (and so the LM) would cut the corrected text
                cv = c.v + ext
                seg = _words_of(cv)
                if any(w not in known for w in seg):
                    continue
                if title is not None and not self._title_phrase(title, toks[wa], seg):
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
                if ws is None and c.dv == 0 and c.i == len(c.v) and c.seg:
                    # an extra letter after the window's last word ("กีฬา|ร"): that word is the fix
                    ws, we = len(c.v) - len(c.seg[-1]), len(c.v)
                if ws is None:
                    ws, we = c.i, c.i + c.dv
                delta = c.dv - c.dq
                new = c.v[ws:we]
                if len(new) < 2:
                    continue
                gain = lp - orig_lp - c.cost
                # an extra letter removed at the start of a word glued to the previous one: as often
                # the end of that word (a name, "เทพ|ยวดี") as a typo
                glued = c.dq == 1 and c.dv == 0 and c.i == ws and b[wa] + ws > 0 and is_thai_char(text[b[wa] + ws - 1])
                if glued:
                    gain -= p.glued_removal
                key = _trim(text, b, b[wa] + ws, b[wa] + we - delta, new, b[a], b[z + 1], self.cand_words)
                if key not in best or gain > best[key][0]:
                    best[key] = (gain, c.kind, {"lm_gain": lp - orig_lp, "cost": c.cost, "glued": glued,
                                               "orig_by_lm": by_lm, "after_title": title is not None,
                                               "window": (wa, xb, seg)})
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:p.rank_top if self.ranker is not None else 4]
        # document evidence: the corrected word is written correctly elsewhere in the document
        rescored = []
        for (start, end, new), (gain, kind, f) in ranked:
            f["doc"] = len(new) >= 3 and self._written_in(new, doc)
            if f["doc"]:
                gain += p.doc_bonus
            rescored.append(((start, end, new), (gain, kind, f)))
        ranked = sorted(rescored, key=lambda kv: -kv[1][0])
        if self.ranker is not None:
            return self._rank(text, toks, [(st, en, new, gain, kind, "noisy-channel", f)
                                           for (st, en, new), (gain, kind, f) in ranked])
        (start, end, new), (gain, kind, _) = ranked[0]
        # an ambiguous choice between two different fixes is less sure
        if len(ranked) > 1:
            second = ranked[1][1][0]
            gain = min(gain, gain - second + p.margin) if second > gain - 2.0 else gain
        score = 1.0 / (1.0 + math.exp(-(gain - p.margin) / p.scale))
        return Suggestion(start, end, text[start:end], new, round(score, 4), f"noisy-channel:{kind}", round(gain, 3))

    def _rank(self, text: str, toks: list[str], cands: list[tuple]) -> Suggestion:
        """The learned ranker's choice among ``(start, end, new, gain, kind, method, features)``."""
        assert self.ranker is not None
        lm = self.lm
        gains = [c[3] for c in cands]
        best_x: tuple[float, int] | None = None
        for r, (start, end, new, gain, kind, method, f) in enumerate(cands):
            others = [g for j, g in enumerate(gains) if j != r]
            orig = text[start:end]
            values = {
                "gain": gain, "gap": gain - max(others) if others else 10.0, "rank": r,
                "log_count_new": math.log1p(lm.count(new)), "log_count_orig": math.log1p(lm.count(orig)),
                "len_new": len(new), "len_orig": len(orig), "split": method != "noisy-channel",
                "lm3_gain": self._lm3_gain(toks, f["window"]) if "window" in f else 0.0,
                **{k: v for k, v in f.items() if k != "window"},
            }
            x = feature_vector(values, kind)
            prob = self.ranker.probability(x)
            if self.trace is not None:
                self.trace.append((text, start, end, new, x))
            if best_x is None or prob > best_x[0]:
                best_x = (prob, r)
        prob, r = best_x
        start, end, new, gain, kind, method, _ = cands[r]
        return Suggestion(start, end, text[start:end], new, round(prob, 4), f"{method}:{kind}", round(gain, 3))

    def _lm3_gain(self, toks: list[str], window: tuple[int, int, list[str]]) -> float:
        """Trigram log-probability of the corrected window in its context, minus that of the text."""
        wa, xb, seg = window
        n = len(toks)
        left = [token_class(toks[j]) if j >= 0 else BOUNDARY for j in (wa - 2, wa - 1)]
        right = [token_class(toks[j]) if j < n else BOUNDARY for j in (xb + 1, xb + 2)]
        unk = self.params.unk_logp
        new = self.lm.sequence_logp(left + list(seg) + right, unk)
        old = self.lm.sequence_logp(left + [token_class(t) for t in toks[wa:xb + 1]] + right, unk)
        return new - old

    def _in_listed_name(self, text: str, b: list[int], a: int, z: int, reach: int = 4) -> bool:
        """Whether the pieces ``a..z`` lie inside a name of our lists (the entity gazetteers,
        pythainlp's person, family, country and province names) written in full around them, from
        up to ``reach`` pieces before to ``reach`` pieces after."""
        run = text[b[a]:b[z + 1]]
        gazetteer = run in self.name_parts
        has_flag = self.lm.has_flag
        for s in range(a, max(0, a - reach) - 1, -1):
            spaced = any(text[k].isspace() for k in range(b[s], b[a]))
            if spaced and not gazetteer:
                break
            for e in range(z + 1, min(len(b) - 1, z + 1 + reach) + 1):
                if e > z + 1 and text[b[e - 1]].isspace():
                    spaced = True
                    if not gazetteer:
                        break
                sub = text[b[s]:b[e]]
                if (gazetteer and sub in self.names) or (
                        not spaced and (len(sub) >= 4 or sub == run) and has_flag(sub, FLAG_NAME)):
                    return True
        return False

    def _title_phrase(self, title: str, first: str, seg: list[str]) -> bool:
        """Whether the corrected window ``seg`` (starting at the piece ``first``) reads as the title
        followed by a word the corpus often writes after it."""
        if first == title:
            if len(seg) < 2 or seg[0] != title:
                return False
            word = seg[1]
        else:
            word = seg[0]
        ia, ib = self.lm.index.get(title), self.lm.index.get(word)
        return ia is not None and ib is not None and self.lm.bigram_count(ia, ib) >= self.params.title_min_bigram

    def _written_in(self, word: str, doc: _DocIndex) -> bool:
        return doc.occurs(_words_of(word))

    def _orig_logp(self, toks: list[str], wa: int, wb: int, a: int, z: int, prev: str, nxt: str,
                   run_len: int) -> tuple[float, bool]:
        """log P of the window as written (the run as one unknown word, or by the LM when it knows the
        run's pieces), and whether the LM's reading was the one taken."""
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
        if p.orig_by_lm and all(self.lm.count(toks[j]) >= p.orig_lm_min_count for j in range(a, z + 1)):
            # the pieces of the run are in the LM: the text as written may be likelier than an
            # unknown word ("คอ|ล|เซ็นเตอร์" is how the corpus writes call centre)
            alt = 0.0
            last = prev
            for j in range(wa, wb + 1):
                alt += self.lm.logp(toks[j], last, p.unk_logp)
                last = toks[j]
            alt += self.lm.logp(nxt, last, p.unk_logp)
            return max(lp, alt), True
        return lp, False

    # ------------------------------------------------------------------------------------------
    def _segment(self, v: str, pre_ok: list[int], suf_ok: list[int], i: int, dq: int, dv: int) -> list[str] | None:
        """``v`` as one or two known words (the edit at ``i`` replaced ``dq`` chars by ``dv``; the
        typed string's known prefixes end at ``pre_ok``, its known suffixes start at ``suf_ok``, both
        ascending)."""
        words = self.cand_words
        if v in words:
            return [v]
        n = len(v)
        delta = dv - dq
        count = self.lm.count
        best: list[str] | None = None
        best_score = -1
        # the cuts in ascending order: before the edit only after a known prefix, inside the edit
        # anywhere, after it only before a known suffix (the first of equally good cuts wins)
        for k in pre_ok:
            if k > i:
                break
            right = v[k:]
            if right in words:
                sc = min(count(v[:k]), count(right))
                if sc > best_score:
                    best, best_score = [v[:k], right], sc
        for k in range(i + 1, min(i + dv, n)):
            left, right = v[:k], v[k:]
            if left in words and right in words:
                sc = min(count(left), count(right))
                if sc > best_score:
                    best, best_score = [left, right], sc
        for s in suf_ok:
            k = s + delta
            if k <= i or k < i + dv:
                continue
            if k >= n:
                break
            left = v[:k]
            if left in words:
                sc = min(count(left), count(v[k:]))
                if sc > best_score:
                    best, best_score = [left, v[k:]], sc
        return best

    def _candidates(self, q: str, lo: int, hi: int) -> list[_Cand]:
        words = self.cand_words
        pre_ok = [k for k in range(1, len(q)) if q[:k] in words]
        suf_ok = [k for k in range(1, len(q)) if q[k:] in words]
        out: list[_Cand] = []
        seen: set[str] = set()

        def add(v: str, cost: float, kind: str, i: int, dq: int, dv: int) -> None:
            if v in seen or v == q:
                return
            seen.add(v)
            seg = self._segment(v, pre_ok, suf_ok, i, dq, dv)
            if seg is not None:
                out.append(_Cand(v, seg, cost, kind, i, dq, dv))

        for e in self.edits.replacements(q, lo, hi):
            add(e.v, e.cost, e.kind, e.i, e.dq, e.dv)
        # a dropped letter put back at i: _segment's cuts written out for this one edit, the
        # commonest one (a letter of the alphabet at every point), without building an Edit each;
        # the two loops over the cuts stay apart and inline (a shared helper or generator made the
        # whole stage 8-15 % slower)
        cost = self.edits.costs["delete"]
        count = self.lm.count
        for i in self.edits.drop_points(q, lo, hi):
            head, tail = q[:i], q[i:]
            before = [(q[:k], q[k:i]) for k in pre_ok if k <= i]
            after = [(q[i:k], q[k:]) for k in suf_ok if k >= i]
            for c in THAI_ALPHABET:
                v = head + c + tail
                if v in seen:
                    continue
                seen.add(v)
                if v in words:
                    out.append(_Cand(v, [v], cost, "delete", i, 0, 1))
                    continue
                best: list[str] | None = None
                best_score = -1
                for left, mid in before:
                    right = mid + c + tail
                    if right in words:
                        sc = min(count(left), count(right))
                        if sc > best_score:
                            best, best_score = [left, right], sc
                for mid, right in after:
                    left = head + c + mid
                    if left in words:
                        sc = min(count(left), count(right))
                        if sc > best_score:
                            best, best_score = [left, right], sc
                if best is not None:
                    out.append(_Cand(v, best, cost, "delete", i, 0, 1))
        return out
