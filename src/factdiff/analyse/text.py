"""Sentence splitting and small text helpers shared by the extractors.

Hand-written rather than a statistical splitter: news text breaks cleanly at line ends and at
sentence punctuation, and the one hard case, abbreviations ("Sept. 27", "U.S. cities", "Portland,
Ore."), is a closed list. This runs at several MB/s, which is what lets the whole analysis stay
fast enough for corpus work.
"""

from __future__ import annotations

import re

#: Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd llc bros dept est approx vs etc al fig no nos vol pp ca cf
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb
    nev okla ore pa tenn tex va vt wash wis wyo
    u.s u.k u.n e.u d.c a.m p.m e.g i.e u.s.a n.y l.a
    """.split()
)

_BOUNDARY = re.compile(r"""[.!?]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-Z0-9])|[!?]+["'”’»]*(?=\s)""")
_WORD_BEFORE = re.compile(r"((?:[^\W\d_])(?:[^\W\d_]|\.)*)\.$")  # letters of any alphabet: "Almerón."


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` as (start, end) offsets into ``text``, trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start, line_end = start + line.start(), start + line.end()
        pos = line_start
        for match in _BOUNDARY.finditer(text, line_start, line_end):
            cut = match.end()
            if _is_abbreviation(text, pos, match.start() + 1):
                continue
            _add(spans, text, pos, cut)
            pos = cut
        _add(spans, text, pos, line_end)
    return spans


def _is_abbreviation(text: str, line_start: int, dot_end: int) -> bool:
    """True when the full stop ending at ``dot_end`` closes an abbreviation or an initial."""
    if text[dot_end - 1] != ".":
        return False
    head = text[max(line_start, dot_end - 12) : dot_end]
    match = _WORD_BEFORE.search(head)
    if not match:
        return False
    word = match.group(1).lower()
    if word in ABBREVIATIONS:
        return True
    # A single capital initial ("J. Smith") or dotted initials ("U.S.", "D.C.").
    return (len(word) == 1 and match.group(1).isupper()) or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_of(spans: list[tuple[int, int]], start: int) -> tuple[int, int]:
    """The sentence span that holds offset ``start`` (binary search over sorted spans)."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if start < s:
            hi = mid - 1
        elif start >= e:
            lo = mid + 1
        else:
            return spans[mid]
    return (start, start)


_ODD_SPACES = ("\u00a0", "\u2007", "\u202f", "\u2009")
_SPACES = str.maketrans(dict.fromkeys(_ODD_SPACES, " "))


def plain_spaces(text: str) -> str:
    """``text`` with no-break and thin spaces as plain spaces ("Ann\\u00a0Lee" -> "Ann Lee").

    The length and every offset stay the same, so spans found in the result hold for ``text``; the
    name and speech-cue patterns, which join words by plain spaces and tabs, then read web copy that
    puts a no-break space inside a name or after a title."""
    if not any(space in text for space in _ODD_SPACES):
        return text
    return text.translate(_SPACES)
