"""Thai sentence splitting: decides which whitespace gaps between words end a sentence.

Thai writes no sentence punctuation; a sentence ends at a space, but most spaces are not sentence
ends. Candidates are the whitespace gaps between consecutive words. A gap holding a line break is
always a boundary; a gap inside a name, a date, a short bracket or before a joining word (see
``_blocked``) never is; the other gaps of a line are labelled by a small linear-chain CRF whose
weights are stored as JSON (``models/sentences/``, built by ``thai_extract.text.build_sentence_model``).
Zero-width gaps (no whitespace, for example after "?") are never boundaries.
"""

from __future__ import annotations

import gzip
import json
import os
import threading
from collections.abc import Sequence
from itertools import compress, islice, repeat
from operator import ne
from pathlib import Path
from typing import Any

from thai_extract.errors import require_resource
from thai_extract.resources import model_path as resolve_model

Span = tuple[int, int]

MODEL_FILE = "sentences.json.gz"
REBUILD_COMMAND = (
    "python -m thai_extract.text.build_sentence_model "
    "--corpus ../shared/data/thaigov_unlabeled.jsonl.gz --out models/sentences/" + MODEL_FILE
)

# Word lists for the hard rules. They hold only words that never end or never start a sentence.
THAI_MONTHS = frozenset(
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม "
    "พฤศจิกายน ธันวาคม ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค. "
    "ม.ค ก.พ มี.ค เม.ย พ.ค มิ.ย ก.ค ส.ค ก.ย ต.ค พ.ย ธ.ค".split()
)
# Words followed by a number inside one phrase ("พ.ศ. 2568", "วันที่ 13", "เวลา 10.00").
NUMBER_HEADS = THAI_MONTHS | frozenset(
    "วันที่ ที่ พ.ศ. ค.ศ. พ.ศ ค.ศ เวลา ปี จำนวน ครั้งที่ ฉบับที่ ข้อ มาตรา หมู่ หมู่ที่ เลขที่ "
    "ชั้น ชั้นที่ อายุ รุ่นที่ ประมาณ กว่า ร้อยละ ถึง ครบ ครบรอบ ละ รวม วงเงิน ทั้งสิ้น เป็นเงิน "
    "หมายเลข ตั้งแต่ ภายใน ลำดับที่ อันดับ อันดับที่ ระดับ ระยะ ระยะเวลา ค่า ราคา พื้นที่ กม. ถนน "
    "ซอย ม. ต. อ. จ. เขต ครั้ง ช่วง ระหว่าง ระหว่างวันที่ ภายในวันที่ ก่อน หลัง เดือน วัน ฉบับ".split()
)
# Words that follow a number inside one phrase ("13 พฤษภาคม", "10.00 น.", "5 ล้านบาท").
NUMBER_TAILS = THAI_MONTHS | frozenset(
    "น. น บาท ล้าน ล้านบาท แสน หมื่น พัน ร้อย คน ราย ราย) % เปอร์เซ็นต์ กม. กิโลเมตร เมตร ไร่ ตัน "
    "ครั้ง แห่ง ปี เดือน วัน ชั่วโมง นาที ชม. ลบ.ม. ตร.ม. ตร.กม. องศา ลิตร กิโลกรัม กก. "
    "ฉบับ ครัวเรือน ลำ คัน เครื่อง".split()
)
# Words that never end a sentence: prepositions, conjunctions and heads that need what follows.
NEVER_LAST = frozenset(
    "ที่ ว่า ณ และ หรือ ของ จำนวน คือ ได้แก่ เช่น กับ แก่ โดย เพื่อ ใน จาก ระหว่าง "
    "ซึ่ง ทั้ง แต่ อาทิ ดังนี้ ประกอบด้วย ภายใต้ สำหรับ เกี่ยวกับ อันได้แก่ ตั้งแต่ "
    "หาก ถ้า เมื่อ เนื่องจาก เพราะ จึง ก็ ไปยัง ที่จะ จะ ทุก ไม่ว่าจะ "
    "( “ ‘ - – — / : , วันที่ พ.ศ. ค.ศ. เวลา นาย นาง นางสาว น.ส. ดร.".split()
)
# Words that never start a sentence.
NEVER_FIRST = frozenset(
    "และ หรือ ของ ณ กับ แก่ ได้แก่ คือ ว่า ๆ ฯ ฯลฯ ) ” ’ , - – — / : % เป็นต้น "
    "อาทิ เช่น ตลอดจน รวมถึง รวมทั้ง จนถึง".split()
)
# Multi-word joiners that never start a sentence, matched on the text (the segmenter may cut them).
JOINER_PREFIXES = tuple(
    "รวมทั้ง รวมถึง ตลอดจน จนถึง เป็นต้น ได้แก่ อาทิ ฯลฯ ตลอดจนถึง อันได้แก่ และ หรือ".split()
)
PERSON_TITLES = (
    "นาย นาง นางสาว น.ส. ดร. ด.ช. ด.ญ. เด็กชาย เด็กหญิง ศ. รศ. ผศ. ศาสตราจารย์ รองศาสตราจารย์ "
    "ผู้ช่วยศาสตราจารย์ นพ. พญ. ทพ. ทพญ. ภก. ภญ. พล.อ. พล.ท. พล.ต. พล.ร.อ. พล.ร.ท. พล.ร.ต. "
    "พล.อ.อ. พล.อ.ท. พล.อ.ต. พล.ต.อ. พล.ต.ท. พล.ต.ต. พ.อ. พ.ท. พ.ต. พ.ต.อ. พ.ต.ท. พ.ต.ต. ร.อ. "
    "ร.ต.อ. ร.ต.ท. ร.ต.ต. ว่าที่ร้อยตรี ว่าที่ ร.ต. พลเอก พลโท พลตรี พลเรือเอก พลเรือโท "
    "พลเรือตรี พลอากาศเอก พลอากาศโท พลอากาศตรี พลตำรวจเอก พลตำรวจโท พลตำรวจตรี พันเอก พันโท "
    "พันตรี พันตำรวจเอก พันตำรวจโท พันตำรวจตรี ร้อยเอก ร้อยโท ร้อยตรี ร้อยตำรวจเอก จ่าสิบเอก "
    "คุณหญิง ท่านผู้หญิง หม่อมราชวงศ์ หม่อมหลวง ม.ร.ว. ม.ล. นายแพทย์ แพทย์หญิง เภสัชกร "
    "ศ.ดร. รศ.ดร. ผศ.ดร. ศ.นพ. รศ.นพ. ผศ.นพ. Mr. Mrs. Ms. Dr."
).split()
# Office titles written before a name: count as a title only when an unknown word follows.
OFFICE_TITLES = (
    "ประธานาธิบดี รองประธานาธิบดี นายกรัฐมนตรี รองนายกรัฐมนตรี นายกฯ รัฐมนตรี เลขาธิการ "
    "สมเด็จพระราชาธิบดี สมเด็จพระราชินี สมเด็จพระ พระราชาธิบดี สุลต่าน เจ้าชาย เจ้าหญิง "
    "มกุฎราชกุมาร กษัตริย์ ประธาน เอกอัครราชทูต ผู้ว่าราชการ นายกเทศมนตรี"
).split()
TITLES = tuple(sorted(set(PERSON_TITLES) | set(OFFICE_TITLES), key=len, reverse=True))
_PERSON_TITLE_SET = frozenset(PERSON_TITLES)
MAX_NAME_CHARS = 25  # longest given name (after its title) that the name rule protects
_TITLE_WINDOW = MAX_NAME_CHARS + max(len(t) for t in TITLES)
MAX_BRACKET_CHARS = 200  # brackets up to this long are never split
MAX_QUOTE_CHARS = 80  # quotes up to this long are never split
_OPEN_CLOSE = {"(": ")", "[": "]", "“": "”", "‘": "’"}

_ZWSP = "\u200b"


def _shape(word: str) -> str:
    """Coarse script class of a word's first and last characters (T thai, L latin, D digit, P other)."""
    a = word[0]
    b = word[-1]
    sa = "T" if "\u0e00" <= a <= "\u0e7f" else "D" if a.isdigit() else "L" if a.isalpha() else "P"
    sb = "T" if "\u0e00" <= b <= "\u0e7f" else "D" if b.isdigit() else "L" if b.isalpha() else "P"
    return sa + sb


_SHAPES: dict[str, str] = {}
_LB = tuple(f"lb={k}" for k in range(64))
_LA = tuple(f"la={k}" for k in range(64))
_LBA = tuple(tuple(f"lba={a}|{b}" for b in range(64)) for a in range(64))
_W = ("w=0", "w=1", "w=2", "w=3")


def _protected_ranges(text: str, start: int, end: int) -> list[Span]:
    """Short bracketed or quoted stretches of ``text[start:end]`` (one line) whose gaps never split."""
    out: list[Span] = []
    stack: list[tuple[str, int]] = []
    i = start
    find = text.find
    while True:
        # next bracket-ish character
        best = -1
        for ch in "([“‘)]”’\"":
            j = find(ch, i, end)
            if j != -1 and (best == -1 or j < best):
                best = j
        if best == -1:
            break
        ch = text[best]
        if ch in _OPEN_CLOSE:
            stack.append((ch, best))
        elif ch == '"':
            if stack and stack[-1][0] == '"':
                _, o = stack.pop()
                if best - o <= MAX_QUOTE_CHARS:
                    out.append((o, best))
            else:
                stack.append((ch, best))
        else:
            for k in range(len(stack) - 1, -1, -1):
                if _OPEN_CLOSE.get(stack[k][0]) == ch:
                    o = stack[k][1]
                    del stack[k:]
                    limit = MAX_BRACKET_CHARS if ch in ")]" else MAX_QUOTE_CHARS
                    if best - o <= limit:
                        out.append((o, best))
                    break
        i = best + 1
    return out


class _Lexicon:
    """Word lists the features look up (dictionary, given names, family names)."""

    __slots__ = ("dictionary", "given", "family")

    def __init__(self, dictionary: frozenset[str], given: frozenset[str], family: frozenset[str]):
        self.dictionary = dictionary
        self.given = given
        self.family = family


def _line_features(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    ws: Sequence[str],
    first: int,
    last: int,
    gaps: Sequence[int],
    lex: _Lexicon,
) -> tuple[list[list[str]], list[bool]]:
    """Features and hard-rule blocks for the gaps of one line (words ``first``..``last`` inclusive).

    ``gaps`` holds, for each candidate gap of the line in order, the index of the word before it.
    """
    dictionary = lex.dictionary
    given = lex.given
    family = lex.family
    feats: list[list[str]] = []
    blocked: list[bool] = []
    n = len(gaps)
    line_start = starts[first]
    line_end = ends[last]
    segment = text[line_start:line_end]
    ranges: list[Span] = []
    if "(" in segment or "“" in segment or '"' in segment or "[" in segment or "‘" in segment:
        ranges = _protected_ranges(text, line_start, line_end)
    r = 0
    prev_bare_title = False
    for k in range(n):
        i = gaps[k]
        j = i + 1
        g0 = ends[i]
        g1 = starts[j]
        chunk_first = gaps[k - 1] + 1 if k else first
        chunk_next_last = gaps[k + 1] if k + 1 < n else last
        p1 = ws[i]
        if p1 == _ZWSP and i > chunk_first:
            i -= 1
            p1 = ws[i]
        n1 = ws[j]
        if n1 == _ZWSP and j < chunk_next_last:
            j += 1
            n1 = ws[j]
        p2 = ws[i - 1] if i > first else "<s>"
        n2 = ws[j + 1] if j < last else "</s>"
        len_before = g0 - starts[chunk_first]
        len_after = ends[chunk_next_last] - g1
        sp1 = _SHAPES.get(p1)
        if sp1 is None:
            sp1 = _shape(p1)
            if len(_SHAPES) < 200_000:
                _SHAPES[p1] = sp1
        sn1 = _SHAPES.get(n1)
        if sn1 is None:
            sn1 = _shape(n1)
            if len(_SHAPES) < 200_000:
                _SHAPES[n1] = sn1
        lb = len_before.bit_length()
        la = len_after.bit_length()
        dp1 = p1 in dictionary
        dn1 = n1 in dictionary
        cw = ws[chunk_first]
        f = [
            "b",
            "p1=" + p1,
            "n1=" + n1,
            "p2=" + p2,
            "n2=" + n2,
            "p21=" + p2 + "|" + p1,
            "n12=" + n1 + "|" + n2,
            "pn=" + p1 + "|" + n1,
            "sh=" + sp1 + sn1,
            "shp1=" + sp1 + p1,
            "shn1=" + sn1 + n1,
            "d=" + ("1" if dp1 else "0") + ("1" if dn1 else "0") + sp1 + sn1,
            _LB[lb],
            _LA[la],
            _LBA[lb][la],
            _W[min(g1 - g0, 3)],
            "cf=" + cw,
        ]
        if k == 0:
            f.append("first")
        if k == n - 1:
            f.append("last")
        if p1 in given or (not dp1 and sp1 == "TT"):
            if n1 in family:
                f.append("name2")
            if not dn1 and sn1 == "TT":
                f.append("oov2")
        feats.append(f)

        # hard rules: a boundary is impossible here
        block = (
            p1 in NEVER_LAST
            or n1 in NEVER_FIRST
            or text.startswith(JOINER_PREFIXES, g1)
            or (n1[0].isdigit() and p1 in NUMBER_HEADS)
            or (p1[-1].isdigit() and n1 in NUMBER_TAILS)
        )
        bare_title = False
        if not block:
            if prev_bare_title and len_before <= MAX_NAME_CHARS:
                block = True  # "พลเอก ประยุทธ์ | จันทร์โอชา": the given name after a spaced title
            else:
                # a title at a word start near the end of the chunk ("และนายศักดิ์สยาม | ชิดชอบ")
                x = i
                while x > chunk_first and g0 - starts[x - 1] <= _TITLE_WINDOW:
                    x -= 1
                while x <= i:
                    sx = starts[x]
                    if text.startswith(TITLES, sx, g0):
                        block, bare_title = _title_chunk(text[sx:g0], starts, ends, ws, x, i, dictionary)
                        break
                    x += 1
        prev_bare_title = bare_title
        if not block and ranges:
            while r < len(ranges) and ranges[r][1] < g0:
                r += 1
            if r < len(ranges) and ranges[r][0] < g0:
                block = True
        if block:
            f.append("blk")
        blocked.append(block)
    return feats, blocked


def _title_chunk(
    chunk: str,
    starts: Sequence[int],
    ends: Sequence[int],
    ws: Sequence[str],
    a: int,
    b: int,
    dictionary: frozenset[str],
) -> tuple[bool, bool]:
    """Whether a space-delimited chunk (words a..b) beginning with a title is a title plus a name.

    Returns (name follows, chunk is the bare title).
    """
    base = starts[a]
    for title in TITLES:
        if not chunk.startswith(title):
            continue
        cut = base + len(title)
        # the title must end at a word end, unless it is an abbreviation ending in "."
        aligned = title.endswith(".") or any(ends[x] == cut for x in range(a, b + 1))
        if not aligned:
            continue
        rest = len(chunk) - len(title)
        if rest == 0:
            return True, title in _PERSON_TITLE_SET
        if rest > MAX_NAME_CHARS:
            return False, False
        if title in _PERSON_TITLE_SET:
            return True, False
        # office title: protect only when an unknown (name-like) word follows
        for x in range(a, b + 1):
            if starts[x] >= cut and ws[x] not in dictionary and "\u0e00" <= ws[x][0] <= "\u0e7f":
                return True, False
        return False, False
    return False, False


def candidate_lines(
    text: str, starts: Sequence[int], ends: Sequence[int]
) -> list[tuple[int, int, list[int]]]:
    """Lines of words: (first word, last word, indices of words followed by a whitespace gap).

    Lines are separated by gaps that hold a line break.
    """
    out: list[tuple[int, int, list[int]]] = []
    n = len(starts)
    first = 0
    gaps: list[int] = []
    for i in compress(range(n - 1), map(ne, ends, islice(starts, 1, None))):
        between = text[ends[i]:starts[i + 1]]
        if "\n" in between or "\r" in between or "\u2028" in between:
            out.append((first, i, gaps))
            first = i + 1
            gaps = []
        else:
            gaps.append(i)
    if n:
        out.append((first, n - 1, gaps))
    return out


def load_model(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a sentence model file (gzip JSON)."""
    p = require_resource(path, "sentence model", f"rebuild it with: {REBUILD_COMMAND}")
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        return json.load(fh)


class _Model:
    """A loaded sentence model: feature weights, transition weights and word lists."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.weights: dict[str, float] = data["weights"]
        t = data["transitions"]  # [[N->N, N->B], [B->N, B->B]]
        self.t = (float(t[0][0]), float(t[0][1]), float(t[1][0]), float(t[1][1]))
        self.lex = _Lexicon(
            frozenset(data["dictionary"]), frozenset(data["given_names"]), frozenset(data["family_names"])
        )


_MODEL_CACHE: dict[str, _Model] = {}
_MODEL_LOCK = threading.Lock()


def _get_model(path: Path) -> _Model:
    """The model at ``path``, loaded once per process."""
    key = str(path)
    model = _MODEL_CACHE.get(key)
    if model is None:
        with _MODEL_LOCK:
            model = _MODEL_CACHE.get(key)
            if model is None:
                model = _Model(load_model(path))
                _MODEL_CACHE[key] = model
    return model


def _viterbi(scores: list[float], blocked: list[bool], t: tuple[float, float, float, float]) -> list[bool]:
    """Best boundary labels for one line's gaps given boundary scores (blocked gaps forced off)."""
    tnn, tnb, tbn, tbb = t
    n = len(scores)
    # state scores ending in N / B
    sn = 0.0
    sb = float("-inf")
    back: list[tuple[bool, bool]] = []
    first = True
    for k in range(n):
        e = scores[k]
        if first:
            nn = 0.0
            nb = e
            bn_from_b = False
            bb_from_b = False
            first = False
        else:
            a = sn + tnn
            b = sb + tbn
            if b > a:
                nn, bn_from_b = b, True
            else:
                nn, bn_from_b = a, False
            a = sn + tnb
            b = sb + tbb
            if b > a:
                nb, bb_from_b = b + e, True
            else:
                nb, bb_from_b = a + e, False
        if blocked[k]:
            nb = float("-inf")
        sn, sb = nn, nb
        back.append((bn_from_b, bb_from_b))
    labels = [False] * n
    state = sb > sn
    for k in range(n - 1, -1, -1):
        labels[k] = state
        state = back[k][1] if state else back[k][0]
    return labels


# Tuned on unlabeled news and ThaiNER train (not the dev sets) so that boundary recall on joined
# paragraphs beats crfcut at about its split rate, with half its splits inside names (bench/sentence_quality.py).
DEFAULT_BIAS = 2.0


class SentenceSplitter:
    """Splits Thai text into sentences at whitespace gaps between words, with a small CRF/linear model."""

    def __init__(self, model_path: str | os.PathLike[str] | None = None, bias: float = DEFAULT_BIAS) -> None:
        """``bias`` is added to every gap's boundary score: higher splits more often."""
        self.configured_path = str(model_path) if model_path is not None else None
        self.bias = bias
        self._model: _Model | None = None

    @property
    def model_path(self) -> Path:
        """The model file: the configured one, else the shipped one (resolved where the splitter runs)."""
        return resolve_model("sentences", MODEL_FILE, configured=self.configured_path)

    def __getstate__(self) -> dict[str, Any]:
        return {"model_path": self.configured_path, "bias": self.bias}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.configured_path = state["model_path"]
        self.bias = state.get("bias", DEFAULT_BIAS)
        self._model = None

    def boundaries(self, text: str, words: Sequence[Span]) -> list[int]:
        """Indices of the words that end a sentence (the last word always does)."""
        if not words:
            return []
        model = self._model
        if model is None:
            model = self._model = _get_model(self.model_path)
        starts, ends = zip(*words)
        ws = [text[s:e] for s, e in words]
        weights_get = model.weights.get
        lex = model.lex
        t = model.t
        zeros = repeat(0.0)
        bias = self.bias
        out: list[int] = []
        for first, last, gaps in candidate_lines(text, starts, ends):
            if gaps:
                feats, blocked = _line_features(text, starts, ends, ws, first, last, gaps, lex)
                scores = [sum(map(weights_get, f, zeros)) + bias for f in feats]
                labels = _viterbi(scores, blocked, t)
                out.extend(g for g, lab in zip(gaps, labels) if lab)
            out.append(last)
        return out

    def split(self, text: str, words: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Sentence spans (start, end) over `text`."""
        if not words:
            return []
        spans: list[Span] = []
        begin = 0
        for last in self.boundaries(text, words):
            spans.append((words[begin][0], words[last][1]))
            begin = last + 1
        return spans
