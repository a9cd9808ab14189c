"""The number grammar: every number mention in a text, with its span, value and hedge.

This module knows numbers, not what they count: digits ("1,140", "31.4", ".5"), digits with a
scale ("1.2 million", "$1.7bn" without the currency, "25k"), number words ("Eighteen",
"sixty-eight", "a dozen", "three hundred and two"), fractions ("two-thirds", "3/4", "one and a
half"), ordinals ("27th", "second"), vague amounts ("hundreds of", "tens of thousands of"),
ranges ("between 4 and 6", "4-6", "from 10 to 20") and the hedge in front ("about", "more than",
"up to"). Units, exclusions (years, dates, phone numbers) and what is counted belong to
:mod:`factdiff.analyse.quantities`.

Everything runs on precompiled regular expressions over the whole text; Python only looks at
the matches, which is what keeps the analysis at hundreds of articles a second.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from factdiff.analyse.units import unit_after

__all__ = ["HEDGES", "NumberMention", "hedge_before", "parse_number", "scan_numbers", "word_trie"]

_UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7,
    "crores": 1e7,
}  # fmt: skip
_DOZENS = frozenset({"dozen", "dozens", "dozs", "dzs"})
_HUNDRED = frozenset({"hundred", "hundreds"})  # "two out of five hundreds"
#: Denominators of spoken fractions ("two thirds", "a quarter"), singular and plural.
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
    "thousandth": 1e3, "thousandths": 1e3, "millionth": 1e6, "millionths": 1e6, "billionth": 1e9,
    "billionths": 1e9, "trillionth": 1e12, "trillionths": 1e12,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
    "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 1e6, "billionth": 1e9,
    "trillionth": 1e12, "nineth": 9,
}  # fmt: skip
#: Every word that can close a spoken fraction ("a thirtieth", "three twenty-firsts"), with its denominator.
_FRACTION_LAST: dict[str, float] = {
    **_ORDINALS, **{w + "s": v for w, v in _ORDINALS.items() if w != "nineth"}, **_DENOMINATORS,
}  # fmt: skip
#: Ordinals that close a fraction only after a tens word ("three twenty-firsts", never "two seconds").
_AFTER_TENS_ONLY = frozenset({"first", "second", "firsts", "seconds"})
_ABBREVIATED_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
    "bln": 1e9, "billion": 1e9, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "g": 1e9, "t": 1e12,
    "tn": 1e12, "tln": 1e12, "trillion": 1e12, "hundred": 100, "dozen": 12, "doz": 12, "dz": 12, "mil": 1e6, "MM": 1e6,
}  # fmt: skip

#: Hedge words in front of a number and the approximation they mean (Quantity.approx).
HEDGES: dict[str, str] = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "approx.": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "circa": "about", "c.": "about",
    "~": "about", "≈": "about", "or so": "about", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "just under": "under", "just shy of": "nearly", "more than": "over", "over": "over",
    "above": "over", "in excess of": "over", "upwards of": "over", "exceeding": "over", "well over": "over",
    "just over": "over", "more then": "over", "at least": "at_least", "no fewer than": "at_least",
    ">": "over", ">=": "at_least", "> =": "at_least", "≥": "at_least", "<": "under", "<=": "up_to", "< =": "up_to",
    "≤": "up_to", "exceed": "over", "exceeds": "over", "surpass": "over",
    "greater than or equal to": "at_least", "less than or equal to": "up_to", "equal to": "exact",
    "equals": "exact", "equals to": "exact", "equaling to": "exact",
    "higher or equal than": "at_least", "bigger or equal than": "at_least", "larger or equal than": "at_least",
    "greater or equal than": "at_least", "more or equal than": "at_least", "at least or equal to": "at_least",
    "smaller or equal than": "up_to", "less or equal than": "up_to", "lower or equal than": "up_to",
    "fewer or equal than": "up_to",
    "no less than": "at_least", "a minimum of": "at_least", "up to": "up_to", "as many as": "up_to",
    "as much as": "up_to", "as high as": "up_to", "at most": "up_to", "no more than": "up_to",
    "a maximum of": "up_to", "fewer than": "under", "less than": "under", "under": "under",
    "lower than": "under", "smaller than": "under", "higher than": "over", "greater than": "over",
    "larger than": "over", "bigger than": "over",
    "below": "under", "well under": "under", "well below": "under", "sub-": "under", "over than": "over",
    "averaging": "about", "averaged": "about",
}  # fmt: skip


def word_trie(words: list[str]) -> str:
    """One regular expression for a word list, factored by prefix so that a failing position fails fast."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(sub) for char, sub in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(root)


_NUMBER_WORDS = [*_UNITS, *_TENS, "hundred", "hundreds", *_SCALES, *_DOZENS]
_WORD_NUMBER = word_trie(_NUMBER_WORDS)
_FRACTION_WORD = word_trie(list(_DENOMINATORS))
_ORDINAL_WORD = word_trie(list(_ORDINALS))
_WORD_ATOM = word_trie([*_NUMBER_WORDS, *_FRACTION_LAST, "point"])
_UNIT_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_JOIN = r"(?:\s*-\s*|\s+)(?:and\s+)?"
# "a"/"an"/"half" count as numbers only in front of a scale, a dozen or a denominator.
_LEAD = (
    rf"(?:(?:half\s+)?an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen|{_FRACTION_WORD})\b"
    # "a twenty-first" is 1/21, but "a twenty-first century" is an ordinal
    rf"|(?:{word_trie(list(_TENS))})[-\s]{_UNIT_ORDINAL}(?:s\b|\b(?![ \t]+(?!of\b)[a-z])))"
    r"|(?:half|quarter)\s+(?=(?:million|billion|trillion|thousand)\b))"
)
_WORDS_RE = (
    # "half the flats", "half of them", but not "the first half of the year"
    r"(?:(?<!first\s)(?<!second\s)(?<!last\s)(?<!other\s)(?<!the\s)(?<!a\s)"
    r"half(?=\s+(?:of|the|its|their|his|her|our|all)\b))|"
    rf"(?:{_LEAD}?(?:{_WORD_NUMBER})(?:{_JOIN}(?:an?\s+)?{_WORD_ATOM})*"
    rf"|{_LEAD}(?:{_FRACTION_WORD}|{_WORD_NUMBER})(?:{_JOIN}{_WORD_ATOM})*)"
)
# The letters a number word can start with: a cheap gate in front of the word alternatives.
_FIRST_LETTERS = "".join(sorted({w[0] for w in [*_NUMBER_WORDS, *_DENOMINATORS, *_ORDINALS, "a", "an", "half"]}))
_GATE = rf"(?=[{_FIRST_LETTERS}{_FIRST_LETTERS.upper()}])(?<![A-Za-z])"
# Possessive digit runs ("\d{1,3}+") fail at once on a longer run instead of backtracking.
_DIGITS_RE = (
    r"(?:\d{1,2}+(?:,\d\d)+,\d{3}(?!\d)|\d{1,3}+(?:(?:,\d{3})+|(?:[\u202f\u00a0]\d{3})+"
    # "1 234 567": thousands grouped by plain spaces, every group three digits
    r"|(?:\x20\d{3})+(?![\d,.]?\d)"
    # "200, 000": text rebuilt from tokens puts a space after the comma; a group led by a zero is
    # never a number of its own
    r"|(?:,\x20(?=0)\d{3})+(?![\d,.]?\d))|\d+)(?:\.\d+)?|\.\d+"
)

_VULGAR = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5, "⅘": 4 / 5,
    "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
}  # fmt: skip
# Digits and number words are found by two expressions: the words one runs case-sensitively on the
# lower-cased text, which is several times faster than one case-insensitive expression for both.
_DIGIT_TOKEN = re.compile(
    rf"""
    (?P<digits>(?=[-−–.\d])(?:(?<![A-Za-z0-9_À-ɏ.,/@#])|(?<=sub-)|(?<=minus-)|(?<=magnitude-)|(?<=\bM)(?=\d\.\d)|(?<=USD)|(?<=\$US)|(?<=EUR)|(?<=\bPS)|(?<=GBP)|(?<=INR)|(?<=MYR)|(?<=RM)|(?<=Rs))(?:(?<![A-JL-Za-jln-z][-‑])|(?<=sub-)|(?<=minus-)|(?<=magnitude-))(?:(?<=\s)[-−–]|(?<=^)[-−]|(?<=[(<>=$])[-−])?(?:{_DIGITS_RE}))
    | (?P<vulgar>(?=[\d{"".join(_VULGAR)}])(?<![\w.])(?:\d+\s?)?[{"".join(_VULGAR)}])
    """,
    re.VERBOSE,
)
_WORD_PATTERN = rf"(?=[{_FIRST_LETTERS}])(?<![a-z])(?:(?P<words>{_WORDS_RE}\b)|(?P<ordinal>(?:{_ORDINAL_WORD})\b))"
_WORD_TOKEN = re.compile(_WORD_PATTERN)
# Where a number word can start: a cheap scan, after which the full expression runs only there.
_WORD_START = re.compile(
    r"\b(?:" + word_trie(sorted({*_NUMBER_WORDS, *_DENOMINATORS, *_ORDINALS, "a", "an", "half", "quarter"})) + r")\b"
)


@functools.cache
def _word_token_any_case() -> re.Pattern[str]:
    """Compiled on first use only: few texts change length when lower-cased."""
    return re.compile(_WORD_PATTERN.replace("(?<![a-z])", "(?<![A-Za-z])"), re.IGNORECASE)


_AFTER_DIGITS = re.compile(
    r"""
    (?P<exp>[eE][-+]?\d+\b|[x×]10\^[-+]?\d+\b)
    | (?P<mixed>\s+\d+/\d+\b)
    | (?P<slash>/\d+(?![\d/]))
    | (?P<ordsuffix>(?:st|nd|rd|th)\b)
    | (?P<scale>\s*-?\s*(?:hundred|thousand|million|billion|trillion|dozen|lakh|crore|doz|dz)s?\b
        | \s?(?:bln|mln|tln)(?![\w])
        | (?:bn|mn|mln|bln|tln|tn|mil|MM|[kKmMbBG])(?![\w]))
    """,
    re.VERBOSE,
)
_VAGUE = re.compile(
    r"(?=[mstdhbMSTDHB])\b(?P<text>(?:(?:many|several|tens|hundreds)\s+of\s+)?(?P<scale>dozens|hundreds|thousands|millions|billions))"
    r"\s+of\b",
    re.IGNORECASE,
)
_VAGUE_SCALES = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_HEDGE_LAST_WORDS = frozenset(
    [h.split()[-1].split("-")[-1] for h in HEDGES if h[-1].isalpha()] + ["of"] + [h for h in HEDGES if " " not in h]
)
_HEDGE_LAST_MARKS = frozenset(h[-1] for h in HEDGES if not h[-1].isalpha())
_HEDGE_RE = re.compile(
    r"(?=[" + "".join(sorted({h[0] for h in HEDGES} | {h[0].upper() for h in HEDGES})) + r"])"
    r"(?:^|(?<=[\s(\[\"“'‘—–-])|(?<![<>=])(?=[<>≤≥]))(?P<hedge>" + word_trie(list(HEDGES)) + r")\s*(?:of\s+)?$",
    re.IGNORECASE,
)
_RANGE_BETWEEN = re.compile(r"(?:^|\s)(?P<word>between|from)\s+(?:negative\s+|minus\s+)?$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:(?P<dash>[-–—~])|(?P<to>to|through|and|or)\s+)\s*$", re.IGNORECASE)
_ORDINAL_TAIL = re.compile(
    r"[-\s](?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b", re.IGNORECASE
)
_DIGIT_PART = re.compile(r"\s+(?:and\s+)?(?P<n>\d{1,3})(?:\s+(?P<scale>hundred|thousand))?\b(?![.,]\d)")
_AND_A_HALF = re.compile(r"\s+and\s+(?:a|one)\s+(?P<frac>half|quarter|third)\b", re.IGNORECASE)
_DENOMINATORS_SINGLE = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
_CURRENCY_END = re.compile(r"(?:[$€£¥]|\b(?:USD|EUR|GBP|RM|Rs\.?|INR|PS)\s?)$")
_MINUS_BEFORE = re.compile(r"\b(?:minus|negative)(?:\s+|-)\Z", re.IGNORECASE)
_PRONOUN_ONE = re.compile(r"\b(?:the|this|that|which|each|every|any|no|no\s+other|another|what)\s+$", re.IGNORECASE)
_TOKENISE_WORDS = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
_OF_A_SCALE = re.compile(r" of an? (thousand|million|billion|trillion)\b", re.IGNORECASE)
_EXPONENT = re.compile(r"[-+]?\d+$")


@dataclass(slots=True)
class NumberMention:
    """One number in the text: a span, a value (or a range) and how it is hedged."""

    start: int  # span of the number itself (without the hedge)
    end: int
    text: str
    value: float | None  # None for a range
    low: float | None = None
    high: float | None = None
    approx: str = "exact"  # exact | about | nearly | over | under | at_least | up_to | range
    kind: str = "cardinal"  # cardinal | ordinal | fraction | vague | range
    words: bool = False  # written in words ("Eighteen")
    hedge_start: int = -1  # start of the hedge ("about 500"), or -1
    hedge: str | None = None  # the hedge as written
    scaled: bool = False  # carries a scale word ("1.2 million")
    grouped: bool = False  # digits with thousands separators ("1,140")

    @property
    def number(self) -> float:
        if self.value is not None:
            return self.value
        return self.low if self.low is not None else (self.high or 0.0)

    @property
    def full_start(self) -> int:
        return self.hedge_start if self.hedge_start >= 0 else self.start


def parse_number(text: str) -> float | None:
    """The value of one number written in digits and/or words; None when ``text`` is not a number.

    >>> parse_number("1,140"), parse_number("Sixty-eight"), parse_number("1.2 million"), parse_number("two-thirds")
    (1140.0, 68.0, 1200000.0, 0.6666666666666666)
    """
    text = text.strip()
    if not text:
        return None
    found = scan_numbers(text, ranges=False, hedges=False)
    if len(found) != 1:
        return None
    mention = found[0]
    if mention.start != 0 or mention.end != len(text) or mention.value is None:
        return None
    return mention.value


def scan_numbers(
    text: str, start: int = 0, end: int | None = None, *, ranges: bool = True, hedges: bool = True
) -> list[NumberMention]:
    """Every number mention in ``text[start:end]``, in text order, ranges joined and hedges read."""
    end = len(text) if end is None else end
    mentions: list[NumberMention] = []
    lowered = text.lower()
    vague = any(word in lowered for word in _VAGUE_SCALES)
    for match in _VAGUE.finditer(text, start, end) if vague else ():
        scale = _VAGUE_SCALES[match.group("scale").lower()]
        low, high = scale, scale * 10
        lead = match.group("text").lower()
        if lead.startswith(("tens of", "hundreds of")) and lead.count(" of ") == 1:
            # "tens of thousands" is 10,000-100,000, "hundreds of millions" 100 million to a billion
            low = scale * (10 if lead.startswith("tens") else 100)
            high = low * 10
        mentions.append(
            NumberMention(match.start(), match.end("text"), match.group("text"), low, low, high, "about", "vague")
        )
    taken = [(m.start, m.end) for m in mentions]
    last_end = start
    # str.lower() keeps offsets except for a few letters ("İ"): then the slower any-case expression runs.
    word_text, word_re = (lowered, _WORD_TOKEN) if len(lowered) == len(text) else (text, _word_token_any_case())
    matches = [*_DIGIT_TOKEN.finditer(text, start, end), *_word_matches(word_text, word_re, start, end)]
    matches.sort(key=lambda m: m.start())
    index = 0
    while index < len(matches):
        match = matches[index]
        index += 1
        if match.start() < last_end or (taken and any(s <= match.start() < e for s, e in taken)):
            if match.re is not _DIGIT_TOKEN and match.end() > last_end > match.start():
                # "5 million and two new hospitals": the words run on past the digits; read the rest again
                matches[index:index] = list(word_re.finditer(word_text, last_end, match.end()))
            continue
        mention = _mention(text, match, end)
        if mention is not None:
            mentions.append(mention)
            last_end = mention.end
            if match.re is not _DIGIT_TOKEN and mention.end < match.end():
                # "ten and fifteen" was cut after "ten": read the rest again
                rest = list(word_re.finditer(word_text, mention.end, match.end()))
                matches[index:index] = rest
    mentions.sort(key=lambda m: m.start)
    mentions = _join_ratios(text, mentions)
    if ranges:
        mentions = _join_ranges(text, mentions)
    if hedges:
        for mention in mentions:
            if mention.kind in ("ordinal", "vague"):
                continue
            hedge = hedge_before(text, mention.start)
            if hedge is not None:
                mention.hedge_start, mention.hedge, approx = hedge
                if mention.kind != "range":
                    mention.approx = approx
            if mention.kind != "range" and mention.approx in ("exact", "about"):
                tail = _OR_MORE.match(text, mention.end) if text.startswith((" or", " and"), mention.end) else None
                if tail is not None:  # "500 or more", "5,000 or fewer"
                    mention.approx = "at_least" if tail.group("dir").lower() in _MORE_WORDS else "up_to"
                elif _PLUS_AFTER.match(text, mention.end):  # "three-plus seasons", "400+ yards"
                    mention.approx = "over"
        mentions = _join_bounds(text, mentions)
    return mentions


_MORE_WORDS = frozenset({"more", "greater", "higher", "above", "over", "larger", "bigger"})
#: "three-plus seasons", "20-plus years", "400+": more than the number (not "3 plus 4", a sum).
_PLUS_AFTER = re.compile(r"(?:-plus\b|\+(?![\d+]))", re.IGNORECASE)
_OR_MORE = re.compile(
    r"\s+(?:and|or)\s+(?P<dir>more|greater|higher|above|over|larger|bigger|less|fewer|lower|below|under|smaller)\b"
    r"(?!\s+than\s+\d)",
    re.IGNORECASE,
)
_BOUND_JOIN = re.compile(r"\s*(?:,\s*)?(?:and|but|,)\s*", re.IGNORECASE)


def _join_bounds(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """ "more than 10 and less than 20": a lower and an upper bound make one range."""
    out: list[NumberMention] = []
    i = 0
    while i < len(mentions):
        first = mentions[i]
        if i + 1 < len(mentions) and first.hedge_start >= 0 and first.value is not None:
            second = mentions[i + 1]
            bounds = {first.approx, second.approx}
            lower = bounds & {"over", "at_least"}
            upper = bounds & {"under", "up_to"}
            if (
                lower
                and upper
                and second.hedge_start >= 0
                and second.value is not None
                and _BOUND_JOIN.fullmatch(text, first.end, second.hedge_start)
            ):
                low, high = (first, second) if first.approx in ("over", "at_least") else (second, first)
                if (low.value or 0) < (high.value or 0):
                    out.append(
                        NumberMention(
                            first.start, second.end, text[first.start : second.end], None, low.value, high.value,
                            "range", "range", hedge_start=first.hedge_start, hedge=first.hedge,
                        )
                    )  # fmt: skip
                    i += 2
                    continue
        out.append(first)
        i += 1
    return out


def _minus_before(text: str, pos: int) -> bool:
    window = text[max(0, pos - 10) : pos]
    return ("inus" in window or "ative" in window) and bool(_MINUS_BEFORE.search(window))


def _word_matches(word_text: str, word_re: re.Pattern[str], start: int, end: int) -> list[re.Match[str]]:
    """Number-word matches: the full expression tried only where a number word starts."""
    if word_re is not _WORD_TOKEN:
        return list(word_re.finditer(word_text, start, end))
    found: list[re.Match[str]] = []
    last = start
    for candidate in _WORD_START.finditer(word_text, start, end):
        if candidate.start() < last:
            continue
        match = _WORD_TOKEN.match(word_text, candidate.start(), end)
        if match is not None:
            found.append(match)
            last = match.end()
    return found


def hedge_before(text: str, pos: int) -> tuple[int, str, str] | None:
    """(start, words, approx) of a hedge that ends right before ``pos`` ("about ", "more than ")."""
    window = text[max(0, pos - 32) : pos]
    stripped = window.rstrip()
    last = stripped[-1:]
    if not last:
        return None
    if last.isalpha():  # cheap test: the word before the number must end some hedge
        if stripped.rsplit(None, 1)[-1].lower() not in _HEDGE_LAST_WORDS:  # any space: "\n\nNearly 92,000"
            return None
    elif last not in _HEDGE_LAST_MARKS:
        return None
    match = _HEDGE_RE.search(window)
    if match is None:
        return None
    hedge = match.group("hedge")
    return pos - len(window) + match.start("hedge"), hedge, HEDGES[hedge.lower()]


def _mention(text: str, match: re.Match[str], end: int) -> NumberMention | None:
    if match.re is not _DIGIT_TOKEN:
        if match.group("ordinal") is not None:
            word = match.group("ordinal").lower()
            return NumberMention(
                match.start(),
                match.end(),
                text[match.start() : match.end()],
                _ORDINALS[word],
                kind="ordinal",
                words=True,
            )
        mention = _words_mention(match)
        if mention is not None:
            tail = _ORDINAL_TAIL.match(match.string, mention.end) if mention.kind == "cardinal" else None
            if tail is not None and match.group("words").lower().rstrip().endswith(tuple(_TENS)):
                # "twenty-first", "one hundred twenty second"
                mention.value = (mention.value or 0) + _ORDINALS[tail.group("ordinal").lower()]
                mention.kind, mention.end = "ordinal", tail.end()
            if mention.kind == "fraction" and text.startswith(" of a", mention.end):
                scale = _OF_A_SCALE.match(text, mention.end)
                if scale is not None and mention.value is not None:  # "two thirds of a million"
                    mention.value *= _SCALES[scale.group(1).lower()]
                    mention.end, mention.scaled = scale.end(), True
            mention.text = text[mention.start : mention.end]  # as written, not lower-cased
        return mention
    if match.group("vulgar") is not None:
        raw = match.group("vulgar")
        whole = raw[:-1].strip()
        value = (float(whole) if whole else 0.0) + _VULGAR[raw[-1]]
        return NumberMention(match.start(), match.end(), raw, value, kind="fraction")
    return _digits_mention(text, match, end)


def _digits_mention(text: str, match: re.Match[str], end: int) -> NumberMention | None:
    raw = match.group("digits")
    stop = match.end()
    sign = -1.0 if raw[0] in "-−–" else 1.0
    body = raw.lstrip("-−– ")
    value = float(body.replace(",", "").replace("\u202f", "").replace("\u00a0", "").replace(" ", ""))
    kind = "cardinal"
    scaled = False
    after = _AFTER_DIGITS.match(text, stop, end)
    if after is not None:
        group = after.lastgroup
        if group == "exp":
            value *= 10 ** int(_EXPONENT.search(after.group()).group())  # type: ignore[union-attr]
            stop = after.end()
        elif group == "mixed":
            num, den = after.group().split("/")
            if float(den) != 0 and "." not in body:
                value += float(num) / float(den)
                kind = "fraction"
                stop = after.end()
        elif group == "slash":
            den = float(after.group()[1:])
            if (
                den != 0
                and "." not in body
                and not (
                    text[after.end() : after.end() + 1] == "/" and text[after.end() + 1 : after.end() + 2].isdigit()
                )
            ):
                value /= den
                kind = "fraction"
                stop = after.end()
        elif group == "ordsuffix":
            kind = "ordinal"
            stop = after.end()
        elif group == "scale":
            written = after.group().strip(" -")
            word = written.lower().rstrip("s") if len(written) > 2 else written
            factor = _ABBREVIATED_SCALES.get(word) or _ABBREVIATED_SCALES.get(word.lower())
            # A bare lower-case "m" or "b" glued to digits is a metre or a byte as often as a million.
            glued_small = word in ("m", "g", "G", "t")  # "5G" is a generation, "10g" ten grams
            if factor is not None and not (
                glued_small and not _currency_before(text, match.start()) and not _million_m(text, after, body)
            ):
                value = _times(value, factor)
                scaled = True
                stop = after.end()
                half = _AND_A_HALF.match(text, stop, end) if factor >= 1e3 else None
                if half is not None:  # "3 million and a half"
                    value += _DENOMINATORS_SINGLE[half.group("frac").lower()] * factor  # the sign comes last
                    stop = half.end()
                elif written.lower().rstrip("s") in ("hundred", "thousand"):
                    # "4 thousand 3 hundred and 21": digits with spelled scales, smaller parts after larger
                    last = factor
                    while (part := _DIGIT_PART.match(text, stop, end)) is not None:
                        amount = float(part.group("n"))
                        scale = _ABBREVIATED_SCALES.get((part.group("scale") or "").lower(), 1)
                        if amount * scale >= last or amount >= 1000 or amount == 0:
                            break
                        value += amount * scale
                        last = scale
                        stop = part.end()
                if factor in (100, 1e5, 1e7) and text.startswith(" and ", stop):
                    # "3 hundred and one", "6 crore and two hundred": number words after a spelled scale
                    words = _words_after(text, stop + 5, end)
                    if words is not None and words.value and words.value < factor and (factor == 100 or words.scaled):
                        value += words.value
                        stop = stop + 5 + words.end
    if _minus_before(text, match.start()):
        sign = -1.0
    if sign < 0 and kind != "ordinal":
        value = -value
    grouped = "," in body or "\u202f" in body or "\u00a0" in body or " " in body
    return NumberMention(
        match.start(), stop, text[match.start() : stop], value, kind=kind, scaled=scaled, grouped=grouped
    )


def _times(value: float, factor: float) -> float:
    """``value * factor`` without binary rounding showing in the result: "4.1m" is 4,100,000, not
    4,099,999.9999999995 (the product is taken in decimal from the shortest written forms)."""
    return float(Decimal(repr(value)) * Decimal(repr(factor)))


_MILLION_M_AFTER = re.compile(
    r"m\s+(?:of\b|(?!(?:tall|high|long|wide|deep|away|from|above|below|in|sprint|race|hurdles|freestyle|final|"
    r"dash|relay|run|swim|mark)\b)(?:[a-z]+\s+){0,4}(?:[a-z]+s|people)\b)"
)


def _words_after(text: str, pos: int, end: int) -> NumberMention | None:
    """The cardinal in number words at ``pos``, offsets relative to ``pos``; None when there is none."""
    window = text[pos : min(end, pos + 60)].lower()
    match = _WORD_TOKEN.match(window)
    if match is None or match.group("words") is None:
        return None
    mention = _words_mention(match)
    return mention if mention is not None and mention.kind == "cardinal" else None


def _million_m(text: str, after: re.Match[str], body: str) -> bool:
    """A glued "m" means million before "of" ("35m of its devices") or a decimal before a noun phrase
    ("2.7m combined sales"); otherwise it is a metre ("5m tall", "the 100m final")."""
    if after.group().strip() != "m":
        return False
    return bool(_MILLION_M_AFTER.match(text, after.start())) and (
        "." in body or text[after.end() :].lstrip().startswith("of")
    )


def _currency_before(text: str, pos: int) -> bool:
    return bool(_CURRENCY_END.search(text[max(0, pos - 5) : pos]))


_HYPHEN_WORD = re.compile(r"-[a-z]", re.IGNORECASE)
_AND = re.compile(r"(?:\s*-\s*|\s+)and\s+")
_AND_OK_BEFORE = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens"})


def _cut_at_list_and(raw: str) -> str:
    """ "ten and fifteen" is two numbers: "and" joins number words only after a scale ("one hundred and
    two") or before a fraction ("three and a half")."""
    for join in _AND.finditer(raw):
        before = _TOKENISE_WORDS.findall(raw[: join.start()].lower())
        after = _TOKENISE_WORDS.findall(raw[join.end() :].lower())
        if before and before[-1] in _AND_OK_BEFORE:
            continue
        if any(t in _FRACTION_LAST and t not in _AFTER_TENS_ONLY for t in after):
            continue
        return raw[: join.start()]
    return raw


def _words_mention(match: re.Match[str]) -> NumberMention | None:
    raw = match.group("words")
    raw = _cut_at_list_and(raw)
    tokens = _TOKENISE_WORDS.findall(raw.lower())
    inner = (
        next((i for i, t in enumerate(tokens[:-1]) if t in _FRACTION_LAST and t not in _DENOMINATORS), None)
        if len(tokens) > 1
        else None
    )
    if inner:  # "two second-half goals": an ordinal inside the words ends the number
        raw = raw[: _word_start(raw, inner)].rstrip(" -\t\n")
        tokens = tokens[:inner]
    if len(tokens) > 1 and tokens[-1] == "point":  # "from three-point range": a point with no digits after is a noun
        raw = raw[: _last_word_start(raw)].rstrip(" -\t\n")
        tokens = tokens[:-1]
    negative = _minus_before(match.string, match.start())
    # A lone "one" after a determiner is a pronoun ("the one you mentioned", "which one").
    if (
        tokens == ["one"]
        and _PRONOUN_ONE.search(match.string[max(0, match.start() - 8) : match.start()])
        and unit_after(match.string, match.end()) is None  # "that one mile" is a mile
    ):
        return None
    if len(tokens) == 1 and (tokens[0] in _SCALES or tokens[0] in _HUNDRED or tokens[0] in _DOZENS):
        return None  # "parts per million", "by the dozen": a scale word alone is not a number
    if tokens[-1] in _ORDINALS and _HYPHEN_WORD.match(match.string, match.start() + len(raw)):
        # "a fourth-year pro", "the third-largest city": an ordinal adjective, not a fraction
        value = _compound_ordinal(tokens)
        if value is None and tokens[0] not in ("a", "an") and len(tokens) > 1:
            # "two second-half goals": a number, then the ordinal adjective read on its own
            raw = raw[: _last_word_start(raw)].rstrip(" -\t\n")
            tokens = tokens[:-1]
        else:
            value = value or _ORDINALS[tokens[-1]]
            return NumberMention(match.start(), match.start() + len(raw), raw, value, kind="ordinal", words=True)
    ordinal = _compound_ordinal(tokens)
    if ordinal is not None:  # "twenty-fifth", "one hundred twenty fifth", "two hundredth"
        return NumberMention(match.start(), match.start() + len(raw), raw, ordinal, kind="ordinal", words=True)
    if tokens[-1] in _FRACTION_LAST:
        fraction = _spoken_fraction(tokens)
        if fraction is not None:  # "one hundred thirty fifths" (100/35), "three twenty-firsts", "a thirtieth"
            value = -fraction if negative else fraction
            return NumberMention(match.start(), match.start() + len(raw), raw, value, kind="fraction", words=True)
        if tokens[-1] not in _DENOMINATORS and len(tokens) > 1:  # "two seconds": the number before the word
            raw = raw[: _last_word_start(raw)].rstrip(" -\t\n")
            tokens = tokens[:-1]
    breaks = _break_at(tokens) if len(tokens) > 1 and tokens[-1] not in _DENOMINATORS else None
    if breaks is not None:  # "three-nought-four", "twenty twenty": numbers side by side are several numbers
        raw = raw[: _word_start(raw, breaks)].rstrip(" -\t\n")
        tokens = tokens[:breaks]
    value = _words_value(tokens)
    if value is None:
        return None
    kind = "fraction" if any(t in _DENOMINATORS for t in tokens) else "cardinal"
    scaled = any(t in _SCALES or t in _HUNDRED for t in tokens)
    return NumberMention(
        match.start(),
        match.start() + len(raw),
        raw,
        -value if negative else value,
        kind=kind,
        words=True,
        scaled=scaled,
    )


def _last_word_start(raw: str) -> int:
    return _word_start(raw, len(_TOKENISE_WORDS.findall(raw.lower())) - 1)


def _word_start(raw: str, index: int) -> int:
    """Where the ``index``-th word of ``raw`` starts."""
    for i, word in enumerate(_TOKENISE_WORDS.finditer(raw.lower())):
        if i == index:
            return word.start()
    return len(raw)


_KIND_UNIT, _KIND_TEEN, _KIND_TENS, _KIND_HUNDRED, _KIND_SCALE, _KIND_AND, _KIND_DOZEN = range(7)


def _token_kind(token: str) -> int | None:
    if token in _UNITS:
        return _KIND_UNIT if _UNITS[token] < 10 else _KIND_TEEN
    if token in _TENS:
        return _KIND_TENS
    if token in _HUNDRED:
        return _KIND_HUNDRED
    if token in _SCALES:
        return _KIND_SCALE
    if token == "and":
        return _KIND_AND
    if token in _DOZENS:
        return _KIND_DOZEN
    return None


# Word pairs that cannot follow each other inside one number: "three four", "twenty twenty", "ten five".
_BREAKS = {
    (_KIND_UNIT, _KIND_UNIT), (_KIND_UNIT, _KIND_TEEN), (_KIND_UNIT, _KIND_TENS), (_KIND_TEEN, _KIND_UNIT),
    (_KIND_TEEN, _KIND_TEEN), (_KIND_TEEN, _KIND_TENS), (_KIND_TENS, _KIND_TEEN), (_KIND_TENS, _KIND_TENS),
    (_KIND_HUNDRED, _KIND_HUNDRED),
}  # fmt: skip


def _break_at(tokens: list[str]) -> int | None:
    """The index of the first word that starts a second number ("three four" -> 1); None when there is none."""
    previous = None
    for i, token in enumerate(tokens):
        kind = _token_kind(token)
        if kind is None:
            return None
        if kind == _KIND_AND:
            continue
        if (previous, kind) in _BREAKS:
            return i - 1 if tokens[i - 1] == "and" else i
        previous = kind
    return None


def _well_formed(tokens: list[str]) -> float | None:
    """The value of number words that make one integer ("one hundred and thirty"), else None."""
    if not tokens or tokens[0] == "and" or tokens[-1] == "and" or _break_at(tokens) is not None:
        return None
    if any(_token_kind(t) is None for t in tokens):
        return None
    return _integer_value(tokens)


def _spoken_fraction(tokens: list[str]) -> float | None:
    """Number words closed by an ordinal read as a fraction: "two hundred thirty two and a thirtieth",
    "one hundred thirty fifths" (100/35, as against "one hundred and thirty fifths", 130/5), "one one
    hundred fifth" (1/105); None when the words make no fraction."""
    for i in range(len(tokens) - 2, 0, -1):  # "... and a thirtieth": a whole number and a fraction
        if tokens[i] == "and":
            whole = _well_formed(tokens[:i])
            part = _split_fraction(tokens[i + 1 :])
            if whole is not None and part is not None and (tokens[i + 1] in ("a", "an", "one") or part < 1):
                # "one hundred and three quarters" is 100.75, "one hundred and thirty fifths" 130/5
                scales = [t for t in tokens[:i] if t in _SCALES]
                if scales:  # "three million and a half" is 3.5 million
                    return whole + part * _SCALES[scales[-1]]
                return whole + part
            break
    return _split_fraction(tokens)


def _split_fraction(tokens: list[str]) -> float | None:
    """Numerator words then denominator words: the longest denominator that makes one ordinal wins."""
    last = tokens[-1]
    head = tokens[:-1]
    for i in range(1, len(head) + 1):
        numerator = 1.0 if head[:i] in (["a"], ["an"]) else _well_formed(head[:i])
        if numerator is None:
            continue
        denominator = _denominator(head[i:], last)
        if denominator:
            return numerator / denominator
    return None


def _denominator(words: list[str], last: str) -> float | None:
    """The value of an ordinal used as a denominator: "fifths" 5, "thirty fifths" 35, "one hundred and fifth" 105."""
    value = _FRACTION_LAST[last]
    if not words:
        return None if last in _AFTER_TENS_ONLY else value
    if value >= 10 or (words[0] not in _UNITS and words[0] not in _TENS):
        return None
    if words[-1] == "and":
        words = words[:-1]
        if not words or _token_kind(words[-1]) not in (_KIND_HUNDRED, _KIND_SCALE):
            return None
    if _token_kind(words[-1]) not in (_KIND_TENS, _KIND_HUNDRED, _KIND_SCALE):
        return None
    if _token_kind(words[-1]) != _KIND_TENS and words[:-1] != ["one"]:
        return None  # "one hundred fifth" is 105, but in "ninety-five hundred fifths" the denominator is 5
    if last in _AFTER_TENS_ONLY and words[-1] not in _TENS:
        return None
    base = _well_formed(words)
    return None if base is None else base + value


def _compound_ordinal(tokens: list[str]) -> float | None:
    """The ordinal that number words end in, when the last word is a singular ordinal after a tens
    word or a numerator above one ("twenty-first" 21, "two hundredth" 200); None for fractions
    ("a fifth", "two thirds", "one twenty-fifth")."""
    last = tokens[-1]
    if len(tokens) < 2 or last not in _ORDINALS or last in ("half", "quarter") or last.endswith("s"):
        return None
    head = [t for t in tokens[:-1] if t != "and"]
    if not head or head[0] in ("a", "an"):
        return None
    if head[-1] in _TENS:  # "twenty-fifth", "one hundred twenty fifth"
        base = _well_formed(head)
        return None if base is None else base + _ORDINALS[last]
    if _ORDINALS[last] >= 100:  # "two hundredth", "three trillionth"
        base = _integer_value(head)
        return None if base is None or base <= 1 else base * _ORDINALS[last]
    return None


def _words_value(tokens: list[str]) -> float | None:
    """The value of number words, tokens lower-cased ("three", "hundred", "and", "two")."""
    if "point" in tokens:
        i = tokens.index("point")
        whole = _words_value(tokens[:i]) if i else 0.0
        after = [t for t in tokens[i + 1 :] if t != "and"]
        if all(t in _UNITS and _UNITS[t] < 10 for t in after):  # "point zero three"
            digits = "".join(str(_UNITS[t]) for t in after)
        else:  # "point seventy-one"
            tail = _integer_value(after)
            digits = str(int(tail)) if tail is not None else ""
        if whole is None or not digits:
            return whole
        return whole + float("0." + digits)
    denominator_at = next((i for i, t in enumerate(tokens) if t in _DENOMINATORS), None)
    if denominator_at is not None:
        head = tokens[:denominator_at]
        cut = max((i for i, t in enumerate(head) if t == "and"), default=-1)
        whole = _integer_value(head[:cut]) if cut > 0 else 0.0
        numerator = _integer_value(head[cut + 1 :]) if head[cut + 1 :] else 1.0
        den = _DENOMINATORS[tokens[denominator_at]]
        trailing = [t for t in tokens[denominator_at + 1 :] if t not in ("a", "an", "and")]
        if whole is None or numerator is None:
            return None
        fraction = numerator / den
        if trailing and trailing[0] in ("dozen", "dozens"):  # "half a dozen"
            return (whole + fraction) * 12
        if trailing and trailing[-1] in _SCALES:  # "half a million", "one billion and a half million"
            scale = _SCALES[trailing[-1]]
            return whole + fraction * scale if whole >= scale else (whole + fraction) * scale
        scales = [t for t in head[:cut] if t in _SCALES] if cut > 0 else []
        if scales:  # "three million and a half" is 3.5 million
            return whole + fraction * _SCALES[scales[-1]]
        return whole + fraction
    return _integer_value(tokens)


def _integer_value(tokens: list[str]) -> float | None:
    total = 0.0
    current = 0.0
    small = 0.0  # the part of ``current`` after its hundreds: "three hundred and two dozens" is 300 + 2 * 12
    last_scale = 0.0
    seen = False
    for token in tokens:
        if token in ("and", "a", "an"):
            if token != "and":
                current += 1
                small += 1
                seen = True
            continue
        if token[0].isdigit():
            current += float(token)
            small += float(token)
        elif token in _UNITS:
            current += _UNITS[token]
            small += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
            small += _TENS[token]
        elif token in _HUNDRED:
            current = (current or 1) * 100
            small = 0
        elif token in _DOZENS:
            current = current + small * 11 if small else (current or 1) * 12
            small = 0
        elif token in _SCALES:
            scale = _SCALES[token]
            if not current and total and last_scale and last_scale < scale:
                total *= scale  # "three lakh crore"
            else:
                total += (current or 1) * scale
            current = small = 0
            last_scale = scale
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current


_RATIO_JOIN = re.compile(r"\s+(?P<word>over|out\s+of|in)\s+")


def _join_ratios(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """ "one in five", "two out of five hundred", "1 over 3": a fraction written as a ratio."""
    out: list[NumberMention] = []
    i = 0
    while i < len(mentions):
        first = mentions[i]
        if i + 1 < len(mentions) and first.kind == "cardinal" and first.value is not None:
            second = mentions[i + 1]
            join = _RATIO_JOIN.fullmatch(text, first.end, second.start) if second.start - first.end < 10 else None
            if join is not None and second.kind == "cardinal" and second.value and not _year_like(second):
                word = join.group("word").lower()
                small = float(first.value).is_integer() and 0 < abs(first.value) <= 10
                if abs(first.value) <= second.value and (word.startswith("out") or small):
                    value = first.value / second.value
                    words = first.words and second.words
                    out.append(
                        NumberMention(
                            first.start, second.end, text[first.start : second.end], value, kind="fraction", words=words
                        )
                    )
                    i += 2
                    continue
        out.append(first)
        i += 1
    return out


_PHONE_LIKE = re.compile(r"(?<!\d)\d{3}[-–]\d{4}(?!\d)|[-–]0\d|\+\d")


def _join_ranges(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Join "4-6", "4 to 6", "between 4 and 6" and "from 10 to 20" into one range mention."""
    out: list[NumberMention] = []
    i = 0
    while i < len(mentions):
        first = mentions[i]
        if i + 1 < len(mentions) and first.kind in ("cardinal", "fraction"):
            second = mentions[i + 1]
            if _is_score(text, first, second):
                i += 2  # "beat Wexford 4-2", "a 7-3 lead": a score is no quantity
                continue
            joined = _range(text, first, second)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(first)
        i += 1
    return out


def _is_score(text: str, first: NumberMention, second: NumberMention) -> bool:
    if first.words or second.words or first.value is None or second.value is None:
        return False
    if not _SCORE_DASH.fullmatch(text, first.end, second.start):
        return False
    small = all(float(v).is_integer() and 0 <= v < 200 for v in (first.value, second.value))
    return small and second.value <= first.value and "." not in first.text + second.text


_SCORE_DASH = re.compile(r"[-–]")


def _range(text: str, first: NumberMention, second: NumberMention) -> NumberMention | None:
    if second.kind not in ("cardinal", "fraction") or second.value is None or first.value is None:
        return None
    between = text[first.end : second.start]
    join = _RANGE_JOIN.match(between) if len(between) < 14 else None
    if join is None:
        return None
    # The units in between must match: "3% and 7%" is joined by the caller of the unit layer.
    lead = _RANGE_BETWEEN.search(text[max(0, first.start - 18) : first.start])
    word = (join.group("to") or "").lower()
    if word in ("and", "or") and (lead is None or lead.group("word").lower() != "between"):
        return None
    if word == "or":
        return None
    # "4-6" only between plain digits; "COVID-19", "2-0" scores and "555-0142" are not ranges.
    if join.group("dash") is not None and (
        first.words or second.words or _PHONE_LIKE.search(text, max(0, first.start - 1), min(len(text), second.end + 6))
    ):
        return None
    low, high = first.value, second.value
    if join.group("dash") is not None and low is not None and high is not None and high <= low:
        return None  # "2-1", "2-2": a score, not a range
    if _year_like(first) and not _year_like(second):
        return None  # "in 2021 to 6.2 million"
    if second.scaled and not first.scaled and low is not None and high is not None:
        factor = _scale_of(second.text)
        # "5 to 10 million" is 5 million, "$300 to $2 million" is 300 dollars.
        if factor and abs(low) < 10 * abs(high) / factor:
            low *= factor
    start = first.start
    hedge_start = -1
    hedge = None
    if lead is not None:
        hedge_start = first.start - len(text[max(0, first.start - 18) : first.start]) + lead.start("word")
        hedge = lead.group("word")
    return NumberMention(
        start,
        second.end,
        text[start : second.end],
        None,
        low,
        high,
        "range",
        "range",
        words=first.words and second.words,
        hedge_start=hedge_start,
        hedge=hedge,
        scaled=second.scaled,
    )


def _year_like(mention: NumberMention) -> bool:
    value = mention.value
    return (
        value is not None
        and not mention.words
        and len(mention.text) == 4
        and 1800 <= value <= 2100
        and float(value).is_integer()
    )


def _scale_of(text: str) -> float | None:
    match = re.search(r"(hundred|thousand|million|billion|trillion|bn|mn|tn|k|m|b)s?\W*$", text, re.IGNORECASE)
    if match is None:
        return None
    return _ABBREVIATED_SCALES.get(match.group(1).lower())
