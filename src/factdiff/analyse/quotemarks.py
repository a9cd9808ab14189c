"""Quote marks: the quoted stretches of a paragraph, and quoted names that are not speech.

The first step of quote finding (see :mod:`factdiff.analyse.quotes`): text between paired
quotation marks ("...", “...”, «...», ‘...’, ''...'', and the mixed "...” and "...'' of some copy), per
paragraph, telling a closing mark from an apostrophe ("don't", "the players’ decision"); a quote
left open at the end of a paragraph runs to its end. Quoted names ('what the agency called
"Operation Safe City"') are recognised here so that the caller can drop them.
"""

from __future__ import annotations

import re

from factdiff.analyse.speakers import _CUE, _WORDS, QuoteMatch

_OPENERS = {"“": "”", "«": "»", "‘": "’", "„": "“", '"': '"', "'": "'"}
_QUOTE_CHARS = '"“”«»‘’„'
_TRIM = " \t,;:.…"

# --- quoted stretches -----------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


#: A closing straight mark after a comma and before a speech verb ('..., " said Captain Nambiar'),
#: with no opening mark earlier on its line.
_CLOSE_THEN_CUE = re.compile(rf'[^"“”]*?[,.!?][ \t]*"[ \t]+(?:{_CUE})\b', re.I)


def quote_units(text: str) -> list[tuple[int, int]]:
    """The paragraphs in which quotes are paired: the lines, except that a line whose quote is left
    open runs on into the next when that one closes it ('..., " said X') without opening one.

    Text rebuilt one sentence per line (corpora such as ECB+, some feeds) puts a quote of two
    sentences on two lines with its marks at the two ends. A paragraph that goes on quoting in
    news copy opens with a mark of its own, so a line that closes a quote it never opened is read
    as the rest of the one left open above it.
    """
    units: list[tuple[int, int]] = []
    lines = _lines(text)
    skip_to = -1
    for n, (start, end) in enumerate(lines):
        if n <= skip_to:
            continue
        if units and _CLOSE_THEN_CUE.match(text, start, end):
            prev_start, prev_end = units[-1]
            stretches = _quoted_stretches(text, prev_start, prev_end)
            if stretches and not stretches[-1][2] and text[start] not in _QUOTE_CHARS:
                units[-1] = (prev_start, end)
                continue
        units.append((start, end))
        closing = _runs_on(text, lines, n)
        if closing > n:
            units[-1] = (start, lines[closing][1])
            skip_to = closing
    return units


#: Lines a quotation left open may run over, one sentence per line, before the line that closes it.
RUN_ON_LINES = 3


def _runs_on(text: str, lines: list[tuple[int, int]], n: int) -> int:
    """The line that closes a quotation line ``n`` leaves open, when the lines between carry no
    mark and the closing line closes before it opens anything (a statement of three sentences in
    text rebuilt one sentence per line: an opening mark on the first line, none on the second, a
    closing one on the third); else ``n``."""
    start, end = lines[n]
    stretches = _quoted_stretches(text, start, end)
    if not stretches or stretches[-1][2]:
        return n
    for k in range(n + 1, min(len(lines), n + 1 + RUN_ON_LINES)):
        line_start, line_end = lines[k]
        mark = _ANY_MARK.search(text, line_start, line_end)
        if mark is None:
            continue
        return k if _closes(text, mark.start(), line_start) else n
    return n


_ANY_MARK = re.compile(r"[\"“”«»]|''|``")


def _closes(text: str, at: int, line_start: int) -> bool:
    """Whether the mark at ``at`` closes a quotation: a closing curly mark, two single marks not
    before a word, or a straight mark after a word."""
    ch = text[at]
    if ch in "”»":
        return True
    if text.startswith("''", at):
        return not text[at + 2 : at + 3].isalnum()
    return ch == '"' and at > line_start and not text[at - 1].isspace()


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


#: The marks that matter when looking for the close of a quote opened with each mark.
_CLOSE_MARKS = {
    opener: re.compile(
        "[" + re.escape("".join(sorted({opener, close} | ({"“", "”", "'"} if opener == '"' else set())))) + "]"
    )
    for opener, close in _OPENERS.items()
}
_MARK = re.compile(r"[\"“«‘'`„]")


def _quoted_stretches(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(open mark, end after close mark, closed) of the outermost quotes in one paragraph."""
    out: list[tuple[int, int, bool]] = []
    i = start
    while i < end:
        jump = _MARK.search(text, i, end)
        if jump is None:
            break
        i = jump.start()
        ch = text[i]
        pair = text[i : i + 2]
        if pair in ("''", "``"):
            # Doubled single marks stand for double quotes in some archives: ''...''.
            j = text.find("''", i + 2, end)
            out.append((i, j + 2, True) if j >= 0 else (i, end, False))
            if j < 0:
                break
            i = j + 2
            continue
        if ch not in _OPENERS or ch in "”»":
            i += 1
            continue
        if ch in "'‘’" and (_is_apostrophe(text, i) or (i > start and text[i - 1].isalnum())):
            i += 1
            continue
        if ch in "'‘" and not (i + 1 < end and (text[i + 1].isalpha() or text[i + 1] in '“"')):
            i += 1
            continue
        close = _OPENERS[ch]
        j = _find_close(text, i, end, ch, close)
        if j < 0:
            if ch in "'‘":  # an unpaired single mark is an apostrophe, not a quote
                i += 1
                continue
            out.append((i, end, False))
            break
        out.append((i, j + 1, True))
        i = j + 1
    return out


#: s’ + a lower-case word that is not a cue: a plural possessive ("the players’ decision").
_PLURAL_POSSESSIVE = re.compile(rf"s['’][ \t]+(?!{_CUE}\b)[a-z]")


def _find_close(text: str, i: int, end: int, opener: str, close: str) -> int:
    depth = 0
    curly = 0  # “...” pairs inside a straight-quoted stretch
    inner = 0  # ''...'' pairs inside a straight-quoted stretch
    marks = _CLOSE_MARKS[opener]
    k = i + 1
    while k < end:
        hit = marks.search(text, k, end)
        if hit is None:
            return -1
        k = hit.start()
        ch = text[k]
        if opener == '"' and ch == "'":
            if text.startswith("''", k):
                # Text converted from ``...'' (corpora tokenised the Penn Treebank way, some feeds)
                # opens with a straight mark and closes with two single ones: "...,'' he said.
                # Two marks before a word open a quote inside the quote ("We say ''no'' to it").
                if text[k + 2 : k + 3].isalnum():
                    inner += 1
                elif inner:
                    inner -= 1
                else:
                    return k + 1
                k += 2
                continue
            k += 1
            continue
        if opener == '"' and ch in "“”":
            # Copy that opens with a straight mark and closes with a curly one: "...”
            if ch == "“":
                curly += 1
            elif curly:
                curly -= 1
            else:
                return k
        elif opener != close and ch == opener:
            depth += 1
        elif ch == close:
            if close in "'’" and _is_apostrophe(text, k):
                k += 1
                continue
            if close in "'’" and k + 1 < end and text[k + 1].isalpha():
                k += 1
                continue
            if close in "'’" and _PLURAL_POSSESSIVE.match(text, k - 1, end):
                k += 1  # "the players’ decision": an apostrophe, not the close
                continue
            if depth == 0:
                return k
            depth -= 1
        k += 1
    return -1


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without marks, spaces and trailing commas or full stops."""
    while start < end and (text[start] in _QUOTE_CHARS + "'" or text[start] in _TRIM):
        start += 1
    while end > start and (text[end - 1] in _QUOTE_CHARS + "'" or text[end - 1] in _TRIM):
        end -= 1
    return start, end


_NAMING = re.compile(
    r"(?i:called|named|dubbed|so-called|known[ \t]+as|titled|entitled|nicknamed|labeled|labelled)[ \t]*$"
)
_DETERMINED = re.compile(r"(?<![\w'’-])(?i:its|their|his|her|the|this|that)[ \t]*$")


def _after_naming_verb(text: str, m: QuoteMatch) -> bool:
    """After "called", "dubbed" ...; or, for capitalised words, after a determiner ('its "Operation
    Safe City"'): a name, not words said."""
    before = max(0, m.start - 1)
    if _NAMING.search(text, max(0, m.start - 20), before):
        return True
    capitalised = all(w[:1].isupper() for w in _WORDS.findall(text, m.start, m.end))
    return capitalised and bool(_DETERMINED.search(text, max(0, m.start - 8), before))


def _is_name_like(text: str, m: QuoteMatch) -> bool:
    """A quoted name or title rather than quoted speech: "Operation Safe City", what X "called" Y.

    Kept as a quote only when a cue of its own credits it to someone and no naming verb precedes it.
    """
    words = _WORDS.findall(text[m.start : m.end])
    if not words or len(words) > 6:
        return False
    if _after_naming_verb(text, m):
        return True
    content = [w for w in words if w.lower() not in {"of", "the", "and", "a", "in", "for", "on", "to"}]
    capitalised = all(w[:1].isupper() or w[:1].isdigit() for w in content)
    return capitalised and len(words) > 1 and not re.search(r"[.!?]", text[m.start : m.end])
