"""The vocabulary conventions shared by the spelling model's builder and the corrector: LM token
classes, word-list flags, the bigram key layout, and the name lists that protect a word from
correction."""

from __future__ import annotations

from functools import cache, lru_cache

ID_BITS = 21  # a word id fits 21 bits (up to 2 M words): two make a bigram key, three a trigram key
FLAG_LEXICON = 1  # pythainlp words_th
FLAG_TNC = 2  # pythainlp TNC frequency list
FLAG_NAME = 4  # person / family names, countries, provinces

BOUNDARY = "<s>"
LATIN = "<lat>"
NUMBER = "<num>"


def is_thai_char(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


@lru_cache(maxsize=1 << 16)  # called per piece of every context compared: the same pieces recur
def token_class(tok: str) -> str:
    """The LM token for a segmenter piece: Thai and punctuation as is; whitespace, Latin, digits as classes."""
    if tok.isspace():
        return BOUNDARY
    if any(is_thai_char(c) for c in tok):
        return tok
    if any(c.isalpha() for c in tok):
        return LATIN
    if any(c.isdigit() for c in tok):
        return NUMBER
    return tok.strip() or BOUNDARY


def lm_tokens(text: str) -> list[str]:
    """``text`` as LM tokens: thaibreak pieces as classes, runs of boundaries merged, a boundary at each end."""
    import thaibreak

    b = thaibreak.boundaries(text)
    out = [BOUNDARY]
    for i in range(len(b) - 1):
        t = token_class(text[b[i]:b[i + 1]])
        if t == BOUNDARY and out[-1] == BOUNDARY:
            continue
        out.append(t)
    if out[-1] != BOUNDARY:
        out.append(BOUNDARY)
    return out


@cache
def gazetteer_names() -> frozenset[str]:
    """Thai surface forms of the entity gazetteers (countries, provinces, cities, organisations,
    people): a string the entity stage knows as a name is never corrected. The one call into the
    entity package."""
    from thai_extract.text.entities.resources import load_resources

    return frozenset(s for s in load_resources().entries if len(s) >= 2 and any(is_thai_char(c) for c in s))
