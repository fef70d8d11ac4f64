"""Thai sentence splitting: decides which whitespace gaps between words end a sentence.

Thai writes no sentence punctuation; a sentence ends at a space, but most spaces are not sentence
ends. Candidates are the whitespace gaps between consecutive words. A gap holding a line break is
always a boundary; a gap inside a name, a date, a short bracket or before a joining word (see
``gap_contexts``) never is; the other gaps of a line are labelled by a small linear-chain CRF whose
weights are stored as JSON (``models/sentences/``, built by ``thai_extract.training.sentences``).
Zero-width gaps (no whitespace, for example after "?") are never boundaries. A line of more than
``MAX_LINE_WORDS`` words (only seen in broken or hostile input) is cut into pieces that long, so time
and memory stay linear in the text and no sentence is longer.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import threading
from collections.abc import Iterator, Sequence
from itertools import compress, islice
from operator import ne
from pathlib import Path
from typing import Any

from thai_extract.errors import require_resource
from thai_extract.resources import model_path as resolve_model

Span = tuple[int, int]

MODEL_FILE = "sentences.json.gz"
REBUILD_COMMAND = (
    "python -m thai_extract.training.sentences "
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

_CLOSE_OPEN = {close: open_ for open_, close in _OPEN_CLOSE.items()}
_BRACKETS = re.compile("[(\\[“‘)\\]”’\"]")
_ZWSP = "\u200b"
MAX_LINE_WORDS = 2048  # a line of more words is cut into pieces this long (the longest in 4,000 articles: 706)


def _by_first_char(words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by first character, each group in the order of ``words``."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in groups.items()}


_TITLES_BY_FIRST = _by_first_char(TITLES)
_JOINERS_BY_FIRST = _by_first_char(JOINER_PREFIXES)


def _shape(word: str) -> str:
    """Coarse script class of a word's first and last characters (T thai, L latin, D digit, P other)."""
    a = word[0]
    b = word[-1]
    sa = "T" if "\u0e00" <= a <= "\u0e7f" else "D" if a.isdigit() else "L" if a.isalpha() else "P"
    sb = "T" if "\u0e00" <= b <= "\u0e7f" else "D" if b.isdigit() else "L" if b.isalpha() else "P"
    return sa + sb


_LB = tuple(f"lb={k}" for k in range(64))
_LA = tuple(f"la={k}" for k in range(64))
_LBA = tuple(tuple(f"lba={a}|{b}" for b in range(64)) for a in range(64))
_W = ("w=0", "w=1", "w=2", "w=3")
_CACHE_WORDS = 200_000  # word types kept in the per-word caches (cleared when full)


def _protected_ranges(text: str, start: int, end: int) -> list[Span]:
    """Short bracketed or quoted stretches of ``text[start:end]`` (one line) whose gaps never split."""
    out: list[Span] = []
    stack: list[tuple[str, int]] = []
    # where each kind of opening bracket sits in the stack, so that a close finds its open at once
    open_at: dict[str, list[int]] = {ch: [] for ch in _OPEN_CLOSE}
    for m in _BRACKETS.finditer(text, start, end):
        pos = m.start()
        ch = text[pos]
        if ch in _OPEN_CLOSE:
            open_at[ch].append(len(stack))
            stack.append((ch, pos))
        elif ch == '"':
            if stack and stack[-1][0] == '"':
                o = stack.pop()[1]
                if pos - o <= MAX_QUOTE_CHARS:
                    out.append((o, pos))
            else:
                stack.append((ch, pos))
        else:
            at = open_at[_CLOSE_OPEN[ch]]
            if at:
                k = at[-1]
                o = stack[k][1]
                del stack[k:]  # the close also ends every bracket opened inside it
                for positions in open_at.values():
                    while positions and positions[-1] >= k:
                        positions.pop()
                limit = MAX_BRACKET_CHARS if ch in ")]" else MAX_QUOTE_CHARS
                if pos - o <= limit:
                    out.append((o, pos))
    return out


class Lexicon:
    """Word lists the features look up (dictionary, given names, family names), with what a word's
    features need from them cached per word: (shape, in dictionary, given name, family name)."""

    __slots__ = ("dictionary", "given", "family", "_info")

    def __init__(self, dictionary: frozenset[str], given: frozenset[str], family: frozenset[str]):
        self.dictionary = dictionary
        self.given = given
        self.family = family
        self._info: dict[str, tuple[str, bool, bool, bool]] = {}

    def info(self, word: str) -> tuple[str, bool, bool, bool]:
        found = self._info.get(word)
        if found is None:
            if len(self._info) >= _CACHE_WORDS:
                self._info.clear()
            found = self._info[word] = (_shape(word), word in self.dictionary, word in self.given, word in self.family)
        return found


GapContext = tuple[str, str, str, str, str, str, bool, bool, int, int, int, str, bool, bool, bool, bool, bool]
"""What the features of one gap are made of: (p1, n1, p2, n2, shape p1, shape n1, p1 in dictionary,
n1 in dictionary, log2 chunk length before, after, gap width, chunk's first word, first gap of the
line, last gap, name2, oov2, blocked by a hard rule)."""


def gap_contexts(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    ws: Sequence[str],
    first: int,
    last: int,
    gaps: Sequence[int],
    lex: Lexicon,
) -> list[GapContext]:
    """The context of each gap of one line (words ``first``..``last`` inclusive).

    ``gaps`` holds, for each candidate gap of the line in order, the index of the word before it.
    """
    info = lex.info
    cached_info = lex._info.get
    dictionary = lex.dictionary
    out: list[GapContext] = []
    n = len(gaps)
    line_start = starts[first]
    line_end = ends[last]
    ranges: list[Span] = []
    if any(text.find(ch, line_start, line_end) >= 0 for ch in "(“\"[‘"):
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
        sp1, dp1, given_p1, _ = cached_info(p1) or info(p1)
        sn1, dn1, _, family_n1 = cached_info(n1) or info(n1)
        name2 = oov2 = False
        if given_p1 or (not dp1 and sp1 == "TT"):
            name2 = family_n1
            oov2 = not dn1 and sn1 == "TT"

        # hard rules: a boundary is impossible here
        joiners = _JOINERS_BY_FIRST.get(text[g1])
        block = (
            p1 in NEVER_LAST
            or n1 in NEVER_FIRST
            or (joiners is not None and text.startswith(joiners, g1))
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
                    titles = _TITLES_BY_FIRST.get(text[sx])
                    if titles is not None and text.startswith(titles, sx, g0):
                        block, bare_title = _title_chunk(text[sx:g0], titles, starts, ends, ws, x, i, dictionary)
                        break
                    x += 1
        prev_bare_title = bare_title
        if not block and ranges:
            while r < len(ranges) and ranges[r][1] < g0:
                r += 1
            if r < len(ranges) and ranges[r][0] < g0:
                block = True
        out.append((
            p1, n1, p2, n2, sp1, sn1, dp1, dn1, len_before.bit_length(), (ends[chunk_next_last] - g1).bit_length(),
            min(g1 - g0, 3), ws[chunk_first], k == 0, k == n - 1, name2, oov2, block,
        ))
    return out


def feature_strings(context: GapContext) -> list[str]:
    """The CRF attributes of one gap (what the model's weights are keyed by)."""
    p1, n1, p2, n2, sp1, sn1, dp1, dn1, lb, la, width, cw, first, last, name2, oov2, blocked = context
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
        _W[width],
        "cf=" + cw,
    ]
    if first:
        f.append("first")
    if last:
        f.append("last")
    if name2:
        f.append("name2")
    if oov2:
        f.append("oov2")
    if blocked:
        f.append("blk")
    return f


def _title_chunk(
    chunk: str,
    titles: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    ws: Sequence[str],
    a: int,
    b: int,
    dictionary: frozenset[str],
) -> tuple[bool, bool]:
    """Whether a space-delimited chunk (words a..b) beginning with a title is a title plus a name.

    ``titles``: the titles that share the chunk's first character, longest first.
    Returns (name follows, chunk is the bare title).
    """
    base = starts[a]
    for title in titles:
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

    Lines are separated by gaps that hold a line break; a line of more than MAX_LINE_WORDS words is
    cut into pieces of that many words (so that no sentence is longer).
    """
    return list(_lines(text, starts, ends))


def _lines(text: str, starts: Sequence[int], ends: Sequence[int]) -> Iterator[tuple[int, int, list[int]]]:
    """``candidate_lines``, one at a time (a text of millions of short lines needs no list of them)."""
    n = len(starts)
    first = 0
    gaps: list[int] = []
    for i in compress(range(n - 1), map(ne, ends, islice(starts, 1, None))):
        between = text[ends[i]:starts[i + 1]]
        if "\n" in between or "\r" in between or "\u2028" in between:
            yield from _cut_line(first, i, gaps)
            first = i + 1
            gaps = []
        else:
            gaps.append(i)
    if n:
        yield from _cut_line(first, n - 1, gaps)


def _cut_line(first: int, last: int, gaps: list[int]) -> list[tuple[int, int, list[int]]]:
    """A line as pieces of at most MAX_LINE_WORDS words, each with its own gaps."""
    if last - first < MAX_LINE_WORDS:
        return [(first, last, gaps)]
    pieces = []
    k = 0
    for a in range(first, last + 1, MAX_LINE_WORDS):
        b = min(a + MAX_LINE_WORDS - 1, last)
        piece_gaps = []
        while k < len(gaps) and gaps[k] <= b:
            if gaps[k] < b:  # a gap after the piece's last word is the cut itself
                piece_gaps.append(gaps[k])
            k += 1
        pieces.append((a, b, piece_gaps))
    return pieces


def load_model(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a sentence model file (gzip JSON)."""
    p = require_resource(path, "sentence model", f"rebuild it with: {REBUILD_COMMAND}")
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _pair_weights(weights: dict[str, float]) -> dict[str, dict[tuple[str, str], float]]:
    """The weights of the word-pair features ("p21=a|b", "n12=a|b", "pn=a|b") by name, keyed by
    (a, b); a key with several "|" is entered under each of its splits, as any could be looked up."""
    out: dict[str, dict[tuple[str, str], float]] = {"p21": {}, "n12": {}, "pn": {}}
    for key, w in weights.items():
        name, _, rest = key.partition("=")
        table = out.get(name)
        if table is not None:
            cut = rest.find("|")
            while cut >= 0:
                table[(rest[:cut], rest[cut + 1:])] = w
                cut = rest.find("|", cut + 1)
    return out


class SentenceModel:
    """A loaded sentence model: feature weights, transition weights and word lists.

    ``score`` sums the weights of a gap's features (``feature_strings``) in their order, reading
    them from tables and per-word caches rather than building the feature strings.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.weights: dict[str, float] = data["weights"]
        t = data["transitions"]  # [[N->N, N->B], [B->N, B->B]]
        self.transitions = (float(t[0][0]), float(t[0][1]), float(t[1][0]), float(t[1][1]))
        self.lex = Lexicon(
            frozenset(data["dictionary"]), frozenset(data["given_names"]), frozenset(data["family_names"])
        )
        get = self.weights.get
        pairs = _pair_weights(self.weights)
        self._p21, self._n12, self._pn = pairs["p21"], pairs["n12"], pairs["pn"]
        self._fixed = {name: get(name, 0.0) for name in ("b", "first", "last", "name2", "oov2", "blk")}
        self._lb = [get(f, 0.0) for f in _LB]
        self._la = [get(f, 0.0) for f in _LA]
        self._lba = [[get(f, 0.0) for f in row] for row in _LBA]
        self._w = [get(f, 0.0) for f in _W]
        self._sh: dict[str, float] = {}
        self._d: dict[str, float] = {}
        self._words: dict[str, tuple[float, float, float, float, float, float, float]] = {}

    def _word(self, word: str) -> tuple[float, float, float, float, float, float, float]:
        """Weights of the features of ``word`` in each position: p1, n1, p2, n2, shp1, shn1, cf."""
        found = self._words.get(word)
        if found is None:
            if len(self._words) >= _CACHE_WORDS:
                self._words.clear()
            get = self.weights.get
            shape = _shape(word) if word else ""
            found = self._words[word] = (
                get("p1=" + word, 0.0), get("n1=" + word, 0.0), get("p2=" + word, 0.0), get("n2=" + word, 0.0),
                get("shp1=" + shape + word, 0.0), get("shn1=" + shape + word, 0.0), get("cf=" + word, 0.0),
            )
        return found

    def scores(self, contexts: Sequence[GapContext]) -> list[float]:
        """Each gap's boundary score: the sum of its features' weights, in ``feature_strings`` order."""
        fixed = self._fixed
        b, f_first, f_last, f_name2, f_oov2, f_blk = (fixed[k] for k in ("b", "first", "last", "name2", "oov2", "blk"))
        p21, n12, pn = self._p21.get, self._n12.get, self._pn.get
        sh_table, d_table = self._sh, self._d
        word, cached = self._word, self._words.get
        lb_w, la_w, lba_w, w_w = self._lb, self._la, self._lba, self._w
        out: list[float] = []
        for p1, n1, p2, n2, sp1, sn1, dp1, dn1, lb, la, width, cw, first, last, name2, oov2, blocked in contexts:
            wp1 = cached(p1) or word(p1)
            wn1 = cached(n1) or word(n1)
            wp2 = cached(p2) or word(p2)
            wn2 = cached(n2) or word(n2)
            wcw = cached(cw) or word(cw)
            shapes = sp1 + sn1
            sh = sh_table.get(shapes)
            if sh is None:
                sh = sh_table[shapes] = self.weights.get("sh=" + shapes, 0.0)
            dkey = ("1" if dp1 else "0") + ("1" if dn1 else "0") + shapes
            d = d_table.get(dkey)
            if d is None:
                d = d_table[dkey] = self.weights.get("d=" + dkey, 0.0)
            terms = [
                b, wp1[0], wn1[1], wp2[2], wn2[3], p21((p2, p1), 0.0), n12((n1, n2), 0.0), pn((p1, n1), 0.0),
                sh, wp1[4], wn1[5], d, lb_w[lb], la_w[la], lba_w[lb][la], w_w[width], wcw[6],
            ]
            if first:
                terms.append(f_first)
            if last:
                terms.append(f_last)
            if name2:
                terms.append(f_name2)
            if oov2:
                terms.append(f_oov2)
            if blocked:
                terms.append(f_blk)
            out.append(sum(terms))  # sum(), as the sum over feature_strings: the same float
        return out


_MODEL_CACHE: dict[str, SentenceModel] = {}
_MODEL_LOCK = threading.Lock()


def _get_model(path: Path) -> SentenceModel:
    """The model at ``path``, loaded once per process."""
    key = str(path)
    model = _MODEL_CACHE.get(key)
    if model is None:
        with _MODEL_LOCK:
            model = _MODEL_CACHE.get(key)
            if model is None:
                model = SentenceModel(load_model(path))
                _MODEL_CACHE[key] = model
    return model


def viterbi(scores: Sequence[float], blocked: Sequence[bool], t: tuple[float, float, float, float]) -> list[bool]:
    """Best boundary labels for one line's gaps given boundary scores (blocked gaps forced off).

    ``t``: transition weights (N->N, N->B, B->N, B->B).
    """
    tnn, tnb, tbn, tbb = t
    n = len(scores)
    if not n:
        return []
    # best path scores ending in N / B, and whether the best path into N / B at k came from B
    from_b_into_n = [False] * n
    from_b_into_b = [False] * n
    sn = 0.0
    sb = float("-inf") if blocked[0] else scores[0]
    for k in range(1, n):
        a = sn + tnn
        b = sb + tbn
        if b > a:
            nn = b
            from_b_into_n[k] = True
        else:
            nn = a
        a = sn + tnb
        b = sb + tbb
        if b > a:
            nb = b + scores[k]
            from_b_into_b[k] = True
        else:
            nb = a + scores[k]
        sn = nn
        sb = float("-inf") if blocked[k] else nb
    labels = [False] * n
    state = sb > sn
    for k in range(n - 1, -1, -1):
        labels[k] = state
        state = from_b_into_b[k] if state else from_b_into_n[k]
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
        self._model: SentenceModel | None = None

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
        starts, ends = zip(*words)
        return self.word_boundaries(text, starts, ends, [text[s:e] for s, e in words])

    def word_boundaries(self, text: str, starts: Sequence[int], ends: Sequence[int], ws: Sequence[str]) -> list[int]:
        """``boundaries`` for words given as their starts, ends and strings (``ws[i] == text[starts[i]:ends[i]]``)."""
        if not ws:
            return []
        model = self._model
        if model is None:
            model = self._model = _get_model(self.model_path)
        lex = model.lex
        bias = self.bias
        out: list[int] = []
        for first, last, gaps in _lines(text, starts, ends):
            if gaps:
                contexts = gap_contexts(text, starts, ends, ws, first, last, gaps, lex)
                scores = [score + bias for score in model.scores(contexts)]
                labels = viterbi(scores, [c[-1] for c in contexts], model.transitions)
                out.extend(compress(gaps, labels))
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
