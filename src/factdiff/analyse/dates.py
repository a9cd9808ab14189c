"""Dates, clock times and durations, resolved against the publication date.

A hand-written grammar. One scan of the lower-cased text finds the words that can start a date
(month and weekday names, numbers, "today", "last", ...); only there are the precompiled patterns
tried, and a length of time is tried only where a unit of time follows. Small resolver functions
turn each match into an ISO value, and the longest non-overlapping matches win. This costs a few
tenths of a millisecond per news report, where dateparser's ``search_dates`` costs tens
(bench/recognizers_datetime.py measures both).

News conventions this follows:

- a bare weekday ("said Thursday", "ended Wednesday") is the most recent such day on or before the
  publication date; when the words before it in the sentence speak of the future ("will meet
  Friday") it is the next such day on or after it;
- "this/next/last Friday" is the Friday of the current, next or previous Monday-to-Sunday week;
- a day and month without a year ("Sept. 27", "March 18") take the year that puts the date nearest
  to the publication date;
- a month alone ("in June") is the next such month when the sentence speaks of the future ("Layoffs
  will start in June"), otherwise the last one up to the publication month (unless that is more
  than nine months back);
- when a weekday and a date are both written, the value is the calendar date and the weekday is
  kept as written in ``weekday``, so a later stage can see "Monday, Sept. 27" disagree with 2017;
- expressions relative to the story rather than to the publication ("two days later", "the next
  day") are found, so no number in them is read as a count, but get no value;
- an impossible date ("Feb. 30") is found and gets no value;
- "in 4 days" is a length of time ("500 arrests in 4 days"); after a verb in the future ("will
  leave in 3 weeks") it is the date that far after publication;
- a year alone is a date only where a year can stand ("in 1987", "since 1987", "the summer of
  2017", "(1987)", "1987-era"), never as a count ("1,850 jobs", "in 2000 homes").

Values: "2017-09-27" (day), "2025-06" (month), "1987" (year), "198" (decade: "the 1980s"),
"2017-W38" (week: "last week"), "07:35" (time, granularity "time"); "--09-27" for a day and month
when there is no publication date to take a year from. Durations are ISO 8601 durations ("P4D",
"P18M", "P26W", "PT1.5H", "P1Y3M" for "a year and three months"), with ``amount`` and ``unit`` for a
single unit; a range ("two to three weeks") has approx "range" and keeps its upper bound; a vague
count ("several days") has the value "PXD" and no amount.
"""

from __future__ import annotations

import bisect
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from factdiff.model import Article, Claim, DateClaim, Duration

__all__ = ["WEEKDAYS", "find_dates", "parse_reference", "weekday_index"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_FULL_MONTHS = frozenset(name for name in _MONTHS if len(name) > 4 or name in ("may", "june", "july"))
_WEEKDAY_NAMES = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "weds": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
#: Short weekday forms that are ordinary words or names too ("Sun", "Sat", "Wed"): only taken next to a date.
_SHORT_WEEKDAYS = frozenset({"mon", "tue", "wed", "thu", "thur", "fri", "sat", "sun"})

_UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30}


def _word_numbers() -> tuple[dict[str, int], dict[str, int]]:
    """Cardinal and ordinal number words for 1..99 and 1..31, with "twenty-one" and "twenty one"."""
    cardinals = {word: i for i, word in enumerate(_UNITS_WORDS)}
    for t, tens in enumerate(_TENS_WORDS):
        cardinals[tens] = 20 + 10 * t
        for u in range(1, 10):
            cardinals[f"{tens} {_UNITS_WORDS[u]}"] = 20 + 10 * t + u
    ordinals = {word: i for i, word in enumerate(_ORDINAL_UNITS) if i}
    ordinals.update(_ORDINAL_TENS)
    for tens, base in (("twenty", 20), ("thirty", 30)):
        for u in range(1, 10 if base == 20 else 2):
            ordinals[f"{tens} {_ORDINAL_UNITS[u]}"] = base + u
    return cardinals, ordinals


_CARDINALS, _ORDINALS = _word_numbers()


def _alternation(words: object) -> str:
    """A regex alternation of words, longest first, where a space also matches a hyphen."""
    items = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", "[- ]") for w in items)


_MONTH = rf"(?P<month>{_alternation(_MONTHS)})(?![a-z])\.?"
_WD = rf"(?P<wd>{_alternation(_WEEKDAY_NAMES)})(?![a-z])"
_DAY_WORDS = _alternation([*_ORDINALS, *(w for w, n in _CARDINALS.items() if 1 <= n <= 31)])
_DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
_DAY = rf"(?P<day>{_DAY_NUM}|(?:{_DAY_WORDS})(?![a-z])(?!-[a-z]))"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TWO_DIGIT_WORDS = rf"(?:(?:{_TENS})(?:[- ](?:{_DIGIT_WORDS}))?|{_TEENS}|(?:oh|zero)[- ](?:{_DIGIT_WORDS}))"
# "nineteen seventy eight", "nineteen zero one", "two thousand and eighteen": only at the end of a clause,
# so that "May 5 two thousand people" keeps its count
_SPELLED_YEAR = (
    rf"(?:(?:{_TEENS}|twenty)[- ](?:{_TWO_DIGIT_WORDS}|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TWO_DIGIT_WORDS}|{_DIGIT_WORDS}))?)(?=\s*(?:[.,;:!?)]|$))"
)
_YEAR = rf"(?P<year>[12]\d{{3}}(?![\d]|[.,]\d|:)|{_SPELLED_YEAR})"
_WD_PREFIX = rf"(?:(?:(?:this|next|last|coming)\s+)?{_WD}\.?,?\s*)?"

_I = re.IGNORECASE
# "Wednesday, Sept. 27, 2017", "january 12 of 2016", "may the eleventh", "Oct-2", "jan/1"
_MONTH_DAY = re.compile(
    rf"\b{_WD_PREFIX}{_MONTH}(?P<sep>\s*[-/]\s*|\s*,\s*|\s+(?:the\s+)?|(?<=\.)|(?<=[a-z])(?=\d)){_DAY}"
    rf"(?:\s*(?:-|–|to|through)\s*(?P<day2>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)(?![\d:]|[.,]\d|\s*(?:%|percent|(?:day|week|month|year|hour|minute)s?\b)))?"
    rf"(?:(?:\s*,\s*|\s+|\s+of\s+){_YEAR})?",
    _I,
)
# "27 September", "15 june 2016", "wed, 22 of jan", "fourth of may", "16. nov. 2016", "26th june of 2020"
_DAY_MONTH = re.compile(
    rf"(?<![\w.,/]){_WD_PREFIX}{_DAY}(?P<sep>\s*-\s*|\s+of\s+|\.?\s+|(?<=\d)(?=[a-z])){_MONTH}"
    rf"(?:(?:\s*,\s*|\s+|\s+of\s+){_YEAR})?",
    _I,
)
# "2017-09-28", "2015/08/12", "2015.5.13", "2019-sep-1", "friday 2018-7-6"
_YMD = re.compile(
    rf"(?<![\w/.-]){_WD_PREFIX}(?P<y>[12]\d{{3}})(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9]|{_alternation(_MONTHS)})(?P=s)"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/-]|\.\d)"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b)?",  # the time of an ISO timestamp
    _I,
)
# "02/22/2016", "21/04/16", "9-18-15", "13.5.2015", "11/12,2016"
_NUMERIC_DATE = re.compile(
    rf"(?<![\w/.,-]){_WD_PREFIX}(?P<a>\d{{1,2}})(?P<s>[/.-])(?P<b>\d{{1,2}})(?:(?P=s)|,)(?P<y>\d{{4}}|\d{{2}})"
    r"(?![\d/-]|[.,]\d)",
    _I,
)
# "4/22", "on 4.22", "friday 7-6" (month first unless the first number cannot be a month)
_NUMERIC_DAY = re.compile(
    rf"(?<![\w/.,$-])(?P<on>(?:on|in)\s+)?{_WD_PREFIX}(?P<a>\d{{1,2}})(?P<s>[/.-])(?P<b>\d{{1,2}})"
    r"(?![\d/-]|[.,]\d|\s*%|\s*per)",
    _I,
)
# "wednesday the 27th", "friday the fifteen"
_WEEKDAY_THE_DAY = re.compile(rf"\b{_WD}\.?\s+the\s+{_DAY}", _I)
#: After "Friday the second" written in words, only these words may follow: not "Wednesday the second time".
_AFTER_WORD_DAY = re.compile(r"\s*(?:[.,;:!?)]|$)|\s+(?:with|at|and|or|in|of|to|for|from|when|so|but)\b", _I)
# "the 27th", "on 22nd", "the 20th of next month"
_THE_DAY = re.compile(
    rf"\b(?P<lead>on\s+(?:the\s+)?|the\s+)?{_DAY}"
    rf"(?:(?P<tail>\s+(?:of\s+)?(?P<rel>this|next|last|previous)\s+month)|(?=\s*(?:[.;:!?](?!\d)|,(?!\s*\d)|$)))",
    _I,
)
# "the first friday of july", "second sunday", "the third Wednesday of previous month"
_NTH_WEEKDAY = re.compile(
    rf"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last)\s+{_WD}"
    rf"(?:\s+(?:of|in)\s+(?:{_MONTH}|(?:the\s+)?(?P<rel>this|next|previous|last)\s+month))?",
    _I,
)
# "this friday", "next week sunday", "on friday next week", "tuesday of next week", "this friday (jun-15)"
_WEEKDAY = re.compile(
    rf"\b(?P<on>on\s+)?(?:(?P<mod>this|next|last|past|coming|previous)\s+(?P<week>week\s+(?:on\s+)?)?)?{_WD}"
    rf"(?:\s+(?:of\s+)?(?P<mod2>this|next|last)\s+week"
    rf"|\s*\(\s*(?P<pm>{_alternation(_MONTHS)})\.?\s*-\s*(?P<pd>\d{{1,2}})\s*\)"
    rf"|\s*-\s*(?P<qm>{_alternation(_MONTHS)})\.?-(?P<qd>\d{{1,2}})(?!\d))?",
    _I,
)
_NUMW = _alternation(w for w, n in _CARDINALS.items() if n >= 1)
# "two sundays from now", "two monday later"
_NTH_WEEKDAY_FROM_NOW = re.compile(
    rf"\b(?P<n>\d{{1,2}}|{_NUMW})\s+(?P<wd>{_alternation(_WEEKDAY_NAMES)})s?\s+(?P<dir>from\s+now|later)\b",
    _I,
)
_RELATIVE_DAY = re.compile(
    r"\b(?P<w>the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow|tmrw)|today|tonight|tomorrow|yesterday|tmrw"
    r"|(?:the\s+)?next\s+day|the\s+following\s+day|the\s+previous\s+day|the\s+day\s+before|the\s+day\s+after"
    r"|(?:this|next|last)\s+(?:week|month|year))\b",
    _I,
)
# A month (and year): "June 2025", "Sept. 2017", "in June" (the word before is checked in code)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}(?:,?\s+(?P<year>[12]\d{{3}})(?![\d]|[.,]\d))?", _I)
_YEAR_ALONE = re.compile(r"(?<![\w.,$£€/])(?P<year>1\d{3}|20\d{2})(?P<decade>'?s)?(?![\w%]|[.,]\d|:\d)")
_CLOCK = re.compile(
    r"(?<![\w:.,$])(?P<h>[01]?\d|2[0-3])(?:(?P<colon>[:.])(?P<mi>[0-5]\d))?\s*"
    r"(?P<ap>[ap]\.\s?m\.|[ap]m\b|[ap]\.m\b)?"
    r"(?:\s+(?P<tz>[ECMP][SD]?T|UTC|GMT)\b)?",
    _I,
)

# Durations -----------------------------------------------------------------------------------

_UNIT_NAMES: dict[str, tuple[str, float]] = {}
for _names, _unit, _factor in (
    ("second seconds sec secs", "second", 1),
    ("minute minutes min mins", "minute", 1),
    ("hour hours hr hrs h", "hour", 1),
    ("day days", "day", 1),
    ("business day business days", "business_day", 1),
    ("week weeks wk wks", "week", 1),
    ("fortnight fortnights", "week", 2),
    ("month months", "month", 1),
    ("year years yr yrs", "year", 1),
    ("decade decades", "year", 10),
    ("century centuries", "year", 100),
):
    for _name in _names.replace("business day", "business_day").split():
        _UNIT_NAMES[_name.replace("_", " ")] = (_unit, _factor)
#: Unit symbols only taken after digits ("3h", "3 h", "5 min"), never after a number word.
_DIGIT_ONLY_UNITS = frozenset({"h", "sec", "secs", "hr", "hrs", "yr", "yrs", "wk", "wks"})
_ISO_UNIT = {"year": "Y", "month": "M", "week": "W", "business_day": "BD", "day": "D"}
_ISO_TIME_UNIT = {"hour": "H", "minute": "M", "second": "S"}
_UNIT_ORDER = ("year", "month", "week", "business_day", "day", "hour", "minute", "second")

_UNIT_ALTERNATION = _alternation(_UNIT_NAMES).replace("business[- ]day", r"business\s+day")
_UNIT = rf"(?:{_UNIT_ALTERNATION})(?![a-z])"
_VAGUE = {"few": 3.0, "a few": 3.0, "couple of": 2.0, "a couple of": 2.0, "several": None, "some": None}
_FEW = re.compile(r"\b(?:few|couple)\b", re.IGNORECASE)
_QTY_WORDS = (
    rf"(?:{_NUMW})(?:\s+hundred)?(?:\s+and\s+a\s+half)?|a\s+half|half\s+an?|half|an?\s+couple\s+of|couple\s+of"
    r"|an?\s+few|few|several|some|an?|another|all|full|whole"
)
_QTY_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_PAIR = rf"(?:(?<![\w.,]){_QTY_DIGITS}(?:\s*-\s*|\s*)|\b(?:{_QTY_WORDS})(?:\s*-\s*|\s+)){_UNIT}"
_MODIFIERS = {
    "up to": "up_to", "as many as": "up_to", "as long as": "up_to", "at most": "up_to", "no more than": "up_to",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "some": "about",
    "nearly": "nearly", "almost": "nearly", "just under": "nearly", "more than": "over", "just over": "over",
    "less than": "under", "under": "under", "fewer than": "under", "at least": "at_least",
}  # fmt: skip
_DURATION_CORE = (
    rf"(?:(?P<lo>(?<![\w.,]){_QTY_DIGITS}|\b(?:{_NUMW}))\s*(?:-|–|to|or)\s*)?"
    rf"(?P<pairs>{_PAIR}(?:(?:\s*,\s*|\s+and\s+|\s+){_PAIR})*)(?P<half>\s+and\s+(?:a\s+)?half\b)?"
    rf"(?P<rel>\s+(?:ago|from\s+now|from\s+today|after\s+today|before\s+today|later|earlier"
    r"|(?:from|after|before)\s+(?:tomorrow|yesterday))\b)?"
)
_DURATION = re.compile(rf"(?:\b(?P<mod>{_alternation(_MODIFIERS)})\s+)?{_DURATION_CORE}", _I)
# "in 3 weeks": taken as a date only after a verb in the future ("will leave in 3 weeks")
_IN_DURATION = re.compile(rf"\bin\s+(?P<mod>(?!x)x)?{_DURATION_CORE}", _I)
_PAIR_RE = re.compile(rf"(?P<q>{_QTY_DIGITS}|{_QTY_WORDS})(?P<sep>\s*-\s*|\s*)(?P<u>{_UNIT})", _I)
_MILITARY_TIME = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d\s+hours", _I)
#: After "a second", a word that makes "second" the ordinal: anything but these.
_ORDINAL_SECOND = re.compile(r"\s+(?!(?:later|earlier|ago|or|and|before|after|of|to|in|for|too)\b)[a-z]", _I)
_NOT_DURATION_AFTER = re.compile(r"[- ]old\b|[- ]olds\b", _I)
#: Words before "a day", "an hour" that make it a rate ("twice a day", "60 miles an hour"), not a length.
_RATE_WORDS = frozenset(
    "times twice once thrice miles mile kilometers kilometres km mph dollars cents percent gallons pounds "
    "per euros barrels tons tonnes feet meters metres inches people cases deaths million billion thousand "
    "hundred each".split()
)
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|going\s+to|plans?\s+to|(?:is|are)\s+(?:scheduled|expected|set|due)|upcoming"
    r"|begins|starts|opens)\b|'ll\b"
)  # searched in the lower-cased text

#: Words after which a four-digit number is a year ("in 1987", "since 1987", "mid-2018").
_YEAR_WORDS = frozenset(
    "in since by during until till through before after circa from year years fiscal early late mid "
    "between spring summer autumn fall winter christmas around ca c".split()
)
#: Words before "of" that make the year after it a year ("the summer of 1987", "the end of 2026").
_YEAR_OF_WORDS = frozenset(
    "spring summer autumn fall winter end start beginning middle half quarter class month months year".split()
)
#: Words before a year that stands before its noun ("the 2016 election", "Trump's 2016 campaign").
_YEAR_DETERMINERS = frozenset("the its his her their our this that s a".split())
#: Singular nouns that make the number before them a count or a measure ("the 2000 block of Main Street").
_COUNTED_NOUNS = frozenset(
    "block percent per acre square foot mile pound ton yard point member hundred thousand million billion dollar "
    "word meter metre kilometer kilometre person".split()
)
#: After a number, a following plural noun makes it a count ("in 2000 homes"), not a year.
_NOT_PLURAL = frozenset("as is was has its this thus us plus news always perhaps ends".split())
_IRREGULAR_PLURALS = frozenset("people men women children persons staff police cattle".split())
#: Words after which a month name alone is a month ("in June", "by September", "mid-June").
_MONTH_WORDS = frozenset(
    "in by since until till through from during before after of last next this early late mid end "
    "starting beginning around between and or to until".split()
)


@dataclass(slots=True)
class _Context:
    text: str
    ref: date | None
    sentence_starts: list[int]
    lowered: str = ""

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentence_starts[i] if i >= 0 else 0

    def future(self, pos: int) -> bool:
        """Whether the words before ``pos`` in its sentence speak of the future."""
        start = max(self.sentence_start(pos), pos - 80)
        return bool(_FUTURE.search(self.lowered, start, pos))


_Handler = Callable[[re.Match[str], _Context], Claim | list[Claim] | None]


def parse_reference(published: str | None) -> date | None:
    """The publication date as a date (a datetime string keeps its date part); None when unreadable."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    # Outside these years a publication date is a mistake, and date arithmetic near year 1 or 9999 overflows.
    return day if 1000 <= day.year <= 8999 else None


def weekday_index(name: str | None) -> int | None:
    """0 for Monday ... 6 for Sunday, from a weekday as written ("Wed", "Thursday", "tues."); None if not one."""
    if not name:
        return None
    return _WEEKDAY_NAMES.get(name.lower().rstrip("."))


#: Lines at the top of a text (its title first) where a dateline may stand.
DATELINE_LINES = 5
#: At most this many characters besides the date on a dateline ("Last updated on: ... 19:04 IST").
DATELINE_EXTRA = 40


def find_dates(article: Article, sentences: list[tuple[int, int]]) -> list[Claim]:
    """Every date, clock time and duration in the article, as DateClaim and Duration claims.

    Weekdays and "yesterday" are resolved against the publication date; a report that has none
    (a text saved from a page) is read against its own dateline, a line near the top that holds
    a full date and little else ("Updated: November 11, 2011 20:09 IST", "Wed May 5, 2010
    7:12pm BST"), as a reader would read "on Friday" there."""
    reference = parse_reference(article.published)
    found = _find_dates(article, sentences, reference)
    if reference is None and any(isinstance(c, DateClaim) and c.value is None for c in found):
        dateline = _dateline(article.text, found)
        if dateline is not None:
            found = _find_dates(article, sentences, dateline)
    return found


def _dateline(text: str, found: list[Claim]) -> date | None:
    """The day of the report's dateline: the first full date (year, month and day) that stands
    on one of the first :data:`DATELINE_LINES` lines with at most :data:`DATELINE_EXTRA` other
    characters; None when there is none."""
    limit, lines = 0, 0
    while lines < DATELINE_LINES:
        at = text.find("\n", limit)
        if at < 0:
            limit = len(text)
            break
        limit, lines = at + 1, lines + 1
    for claim in found:
        if claim.start >= limit:
            break
        value = getattr(claim, "value", None)
        if not isinstance(claim, DateClaim) or claim.relative or not value or len(value) != 10:
            continue
        line_start = text.rfind("\n", 0, claim.start) + 1
        line_end = text.find("\n", claim.end)
        line = text[line_start : len(text) if line_end < 0 else line_end].strip()
        if len(line) - len(claim.text) <= DATELINE_EXTRA:
            return parse_reference(value)
    return None


def _find_dates(article: Article, sentences: list[tuple[int, int]], reference: date | None) -> list[Claim]:
    text = article.text
    lowered = text.lower()
    ctx = _Context(text, reference, [s for s, _ in sentences], lowered)
    found: list[Claim] = []
    # Each pattern is tried only where a word that can start it stands, never at every character (a
    # scan of the whole text per pattern cost about 6 ms an article). A length of time is tried only
    # where a unit of time follows, from each of the few trigger words before the unit.
    triggers = [(t.start(), t.end(), t.group()) for t in _TRIGGER.finditer(lowered)]
    # Where month and weekday names stand: a pattern that needs one is not tried where none is near.
    near = {
        "month": [start for start, _, key in triggers if key in _MONTHS],
        "weekday": [start for start, _, key in triggers if key.rstrip("s") in _WEEKDAY_NAMES],
    }
    starts: list[int] = []
    tried: set[int] = set()
    for start, end, key in triggers:
        if key[0].isdigit():
            key = _DIGIT_KEYS.get(len(key), "#n")
            after = text[end] if end < len(text) else " "
            if key == "#d":  # a one- or two-digit number: which patterns can start here depends on what follows
                key += _AFTER_DIGITS.get(after, "a" if after.isalpha() else "x")
                if key == "#d " and lowered[end + 1 : end + 2] in _CLOCK_LETTERS:
                    key = "#dt"  # "7 p.m.", "4 a.m.": a number and a space before a clock time's letters
            if after.isalpha():  # "3day", "3.5years", "3h"
                for before in (*starts[-1:], start):
                    if start - before < 12:
                        _try_duration(before, ctx, tried, found)
        elif key in _UNIT_NAMES:
            for before in reversed(starts[-6:]):
                if start - before > 48:
                    break
                _try_duration(before, ctx, tried, found)
            if key not in _TRIGGERS:
                continue
        starts.append(start)
        for pattern, handler, need in _TRIGGERS.get(key, ()):
            if need is not None:
                positions = near[need[0]]
                i = bisect.bisect_left(positions, start)
                if i == len(positions) or positions[i] - start > need[1]:
                    continue
            match = pattern.match(text, start)
            if match is not None:
                claim = handler(match, ctx)
                if isinstance(claim, list):
                    found.extend(claim)
                elif claim is not None:
                    found.append(claim)
    return _longest(found)


def _try_duration(start: int, ctx: _Context, tried: set[int], found: list[Claim]) -> None:
    if start in tried:
        return
    tried.add(start)
    match = _DURATION.match(ctx.text, start)
    if match is not None:
        claim = _on_duration(match, ctx)
        if claim is not None:
            found.append(claim)
    if ctx.lowered.startswith("in", start):
        match = _IN_DURATION.match(ctx.text, start)
        if match is not None:
            claim = _on_in_future(match, ctx)
            if claim is not None:
                found.append(claim)


def _longest(claims: list[Claim]) -> list[Claim]:
    """The longest claims that do not overlap; the earlier of two equally long ones."""
    claims.sort(key=lambda c: (c.start - c.end, c.start))
    taken: list[tuple[int, int]] = []
    kept: list[Claim] = []
    for claim in claims:
        i = bisect.bisect_left(taken, (claim.start, claim.end))
        if i > 0 and taken[i - 1][1] > claim.start:
            continue
        if i < len(taken) and taken[i][0] < claim.end:
            continue
        taken.insert(i, (claim.start, claim.end))
        kept.append(claim)
    kept.sort(key=lambda c: c.start)
    return kept


# Resolution helpers ---------------------------------------------------------------------------


def _day_number(token: str) -> int | None:
    token = token.lower().replace("-", " ")
    token = re.sub(r"\s+", " ", token)
    digits = re.match(r"\d+", token)
    if digits:
        return int(digits.group())
    return _ORDINALS.get(token) or _CARDINALS.get(token)


def _year_number(token: str) -> int | None:
    """1987 from "1987", "nineteen eighty seven", "nineteen oh five" or "two thousand and eighteen"."""
    if token.isdigit():
        return int(token)
    words = re.sub(r"[\s-]+", " ", token.lower()).replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = " ".join(words[2:])
        return 2000 + (_CARDINALS.get(rest, 0) if rest else 0)
    century = _CARDINALS.get(words[0])
    if century is None:
        return None
    rest = words[1:]
    if rest == ["hundred"]:
        return century * 100
    if rest and rest[0] in ("oh", "zero"):
        rest = rest[1:]
    tail = _CARDINALS.get(" ".join(rest))
    return None if tail is None else century * 100 + tail


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid(year: int, month: int, day: int) -> bool:
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month]):
        return False
    return not (month == 2 and day == 29) or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))


def _nearest_year(month: int, day: int, ref: date) -> int | None:
    """The year that puts month/day nearest to ref (for Feb. 29, the nearest leap year)."""
    best: tuple[int, int] | None = None
    spread = 4 if (month, day) == (2, 29) else 1
    for year in range(ref.year - spread, ref.year + spread + 1):
        if _valid(year, month, day):
            gap = abs((date(year, month, day) - ref).days)
            if best is None or gap < best[0]:
                best = (gap, year)
    return best[1] if best else None


def _iso_day(year: int | None, month: int, day: int, ref: date | None) -> tuple[str | None, bool]:
    """The ISO value of a day date (None when impossible) and whether its year was inferred."""
    if year is not None:
        return (date(year, month, day).isoformat() if _valid(year, month, day) else None), False
    if not _valid(2000, month, day):  # 2000 is a leap year: only a day no year has fails
        return None, True
    if ref is None:
        return f"--{month:02d}-{day:02d}", True
    inferred = _nearest_year(month, day, ref)
    return (date(inferred, month, day).isoformat() if inferred else None), True


def _shift_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _strip_end(match: re.Match[str], start: int | None = None, end: int | None = None) -> tuple[int, int, str]:
    """The span of a match without trailing spaces, commas or the full stop of an abbreviation."""
    text = match.string
    start = match.start() if start is None else start
    end = match.end() if end is None else end
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    if end > start and text[end - 1] == ".":
        end -= 1  # "tues." and "Aug." at the end of a sentence: the stop belongs to the sentence
    return start, end, text[start:end]


def _date(
    match: re.Match[str],
    value: str | None,
    *,
    granularity: str = "day",
    relative: bool = False,
    weekday: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> DateClaim:
    s, e, t = _strip_end(match, start, end)
    return DateClaim(start=s, end=e, text=t, value=value, weekday=weekday, relative=relative, granularity=granularity)


def _group(match: re.Match[str], name: str) -> str | None:
    try:
        return match.group(name)
    except IndexError:
        return None


def _weekday_of(match: re.Match[str]) -> str | None:
    wd = _group(match, "wd")
    return wd.rstrip(".") if wd else None


def _lower_may(match: re.Match[str], day_word: str) -> bool:
    """True for "may"/"march" written in lower case before a number word that is not clearly a date."""
    month = match.group("month")
    if month[0].isupper() or month.lower() not in ("may", "march", "mar"):
        return False
    if day_word[0].isdigit() or "the" in match.group("sep").lower():
        return False
    rest = match.string[match.end() : match.end() + 2]
    return bool(rest.strip()) and rest.lstrip()[:1].isalnum()


# Handlers -------------------------------------------------------------------------------------


def _on_month_day(match: re.Match[str], ctx: _Context) -> Claim | list[Claim] | None:
    day = _day_number(match.group("day"))
    if day is None or _lower_may(match, match.group("day")):
        return None
    month = _MONTHS[match.group("month").lower().rstrip(".")]
    year = _year_number(match.group("year")) if match.group("year") else None
    value, _ = _iso_day(year, month, day, ctx.ref)
    if not match.group("day2"):
        return _date(match, value, weekday=_weekday_of(match))
    # "Sept. 24-27, 2017": two days, the first ending at its day, the second carrying the year
    last_value, _ = _iso_day(year, month, int(re.match(r"\d+", match.group("day2")).group()), ctx.ref)  # type: ignore[union-attr]
    first = _date(match, value, weekday=_weekday_of(match), end=match.end("day"))
    return [first, _date(match, last_value, start=match.start("day2"))]


def _on_day_month(match: re.Match[str], ctx: _Context) -> Claim | list[Claim] | None:
    word = match.group("day")
    day = _day_number(word)
    if day is None:
        return None
    if not word[0].isdigit() and "of" not in match.group("sep").lower():
        return None  # "first May Day": a word ordinal needs "of" ("fourth of may")
    month_word = match.group("month")
    if month_word.lower() in ("may", "march", "mar") and month_word[0].islower() and word[0].isdigit():
        rest = match.string[match.end() : match.end() + 3].strip()
        if "of" not in match.group("sep").lower() and rest[:1].isalpha() and not match.group("year"):
            return None  # "5 may be": the verb, not the month
    month = _MONTHS[month_word.lower().rstrip(".")]
    year = _year_number(match.group("year")) if match.group("year") else None
    value, _ = _iso_day(year, month, day, ctx.ref)
    claim = _date(match, value, weekday=_weekday_of(match))
    first = _RANGE_START.search(match.string, max(0, match.start() - 8), match.start())
    if first is None or not word[0].isdigit() or match.group("wd"):
        return claim
    # "5–6 September 2019": the first day of the range shares the month and year
    first_value, _ = _iso_day(year, month, int(first.group(1)), ctx.ref)
    start = first.start(1)
    return [DateClaim(start=start, end=start + len(first.group(1)), text=first.group(1), value=first_value), claim]


_RANGE_START = re.compile(r"(?<![\w.,-])((?:[12]\d|3[01]|0?[1-9]))\s*[–-]\s*$")


def _month_of(token: str) -> int:
    return int(token) if token.isdigit() else _MONTHS[token.lower()]


def _on_ymd(match: re.Match[str], ctx: _Context) -> Claim | None:
    year, month, day = int(match.group("y")), _month_of(match.group("m")), int(match.group("d"))
    value, _ = _iso_day(year, month, day, ctx.ref)
    return _date(match, value, weekday=_weekday_of(match))


def _full_year(token: str) -> int:
    if len(token) == 4:
        return int(token)
    two = int(token)
    return 2000 + two if two < 50 else 1900 + two  # "3-7-27" is 2027, "05/05/71" is 1971


def _month_day_order(a: int, b: int, sep: str) -> tuple[int, int] | None:
    """(month, day) from two numbers: month first with slashes and dashes, day first with dots."""
    if sep == "." and b <= 12 and a <= 31:
        return b, a
    if a <= 12 and b <= 31:
        return a, b
    if b <= 12 and a <= 31:
        return b, a
    return None


def _on_numeric_date(match: re.Match[str], ctx: _Context) -> Claim | None:
    order = _month_day_order(int(match.group("a")), int(match.group("b")), match.group("s"))
    if order is None:
        return None
    value, _ = _iso_day(_full_year(match.group("y")), *order, ctx.ref)
    return _date(match, value, weekday=_weekday_of(match))


#: Fractions that are far likelier than a date without a year: "1/2", "3/4", "2/3".
_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10})


def _on_numeric_day(match: re.Match[str], ctx: _Context) -> Claim | None:
    a, b, sep = int(match.group("a")), int(match.group("b")), match.group("s")
    has_weekday = bool(match.group("wd"))
    text = match.string
    if sep == "/":
        if not has_weekday and ((a < b and b in _FRACTION_DENOMINATORS) or (a, b) == (24, 7)):
            return None  # "3/4" is a fraction, "24/7" is "all the time"
        before = text[max(0, match.start() - 2) : match.start()]
        if re.search(r"\d\s$", before):
            return None  # "6 1/4": a mixed number
    else:
        # "4-22" and "4.22" are scores, ranges and decimals unless a weekday or "on"/"in" is before them and
        # nothing follows them in the sentence.
        if not has_weekday and not (match.group("on") and re.match(r"\s*(?:[.,;:!?)]|$)", text[match.end() :])):
            return None
    order = _month_day_order(a, b, sep)
    if order is None:
        return None
    value, _ = _iso_day(None, *order, ctx.ref)
    if (a, b, sep, has_weekday) == (9, 11, "/", False):
        value = "2001-09-11"  # "after 9/11": the attacks, not this year's September 11
    start = match.start("wd") if has_weekday else match.start("a")
    return _date(match, value, weekday=_weekday_of(match), start=start)


def _nearest_month_day(day: int, ref: date, weekday: int | None = None) -> date | None:
    """The date with this day of the month nearest to ref (matching the weekday when one is given)."""
    candidates = []
    for shift in (-1, 0, 1):
        first = _shift_months(ref.replace(day=1), shift)
        if day <= monthrange(first.year, first.month)[1]:
            candidates.append(first.replace(day=day))
    if weekday is not None:
        matching = [c for c in candidates if c.weekday() == weekday]
        candidates = matching or candidates
    return min(candidates, key=lambda c: abs((c - ref).days)) if candidates else None


def _on_weekday_the_day(match: re.Match[str], ctx: _Context) -> Claim | None:
    day = _day_number(match.group("day"))
    if day is None or day > 31:
        return None
    if not match.group("day")[0].isdigit() and not _AFTER_WORD_DAY.match(match.string, match.end()):
        return None
    value = None
    if ctx.ref is not None:
        found = _nearest_month_day(day, ctx.ref)
        value = found.isoformat() if found else None
    return _date(match, value, weekday=_weekday_of(match), relative=True)


def _on_the_day(match: re.Match[str], ctx: _Context) -> Claim | None:
    word = match.group("day")
    day = _day_number(word)
    if day is None or day > 31:
        return None
    rel = match.group("rel")  # without it, only punctuation may follow: not "the 27th floor", "the first prize"
    lead = (match.group("lead") or "").lower()
    if not lead and not (rel and re.search(r"\d", word)):
        return None
    if lead.strip() == "the" and not rel and word.isdigit() and _prev_word(ctx.text, match.start()) == "of":
        # "3 of the 25," "one of the 12": a part of a count, not a day of the month.
        return None
    if lead.startswith("on") and "the" in lead:
        start = match.start() + lead.index("the")
    elif lead.startswith("on"):
        start = match.start("day")
    else:
        start = match.start()
    value = None
    if ctx.ref is not None:
        if rel:
            shift = {"this": 0, "next": 1}.get(rel.lower(), -1)
            first = _shift_months(ctx.ref.replace(day=1), shift)
            value = date(first.year, first.month, day).isoformat() if _valid(first.year, first.month, day) else None
        else:
            found = _nearest_month_day(day, ctx.ref)
            value = found.isoformat() if found else None
    return _date(match, value, relative=True, start=start)


def _nth_weekday_in(year: int, month: int, weekday: int, nth: str) -> date | None:
    days = [d for d in range(1, monthrange(year, month)[1] + 1) if date(year, month, d).weekday() == weekday]
    if nth == "last":
        return date(year, month, days[-1])
    index = ("first", "second", "third", "fourth", "fifth").index(nth)
    return date(year, month, days[index]) if index < len(days) else None


def _on_nth_weekday(match: re.Match[str], ctx: _Context) -> Claim | None:
    nth = match.group("nth").lower()
    weekday = _WEEKDAY_NAMES[match.group("wd").lower()]
    month_word, rel = match.group("month"), match.group("rel")
    if nth == "last" and not (month_word or rel):
        return None  # "last Friday" is the previous week's Friday, found by the weekday pattern
    if match.group("wd").lower() in _SHORT_WEEKDAYS:
        return None
    value = None
    if ctx.ref is not None:
        if month_word:
            month = _MONTHS[month_word.lower().rstrip(".")]
            options = [
                _nth_weekday_in(y, month, weekday, nth) for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)
            ]
            dates = [d for d in options if d is not None]
            found = min(dates, key=lambda d: abs((d - ctx.ref).days)) if dates else None  # type: ignore[operator]
        else:
            shift = {"this": 0, "next": 1}.get((rel or "this").lower(), -1)
            first = _shift_months(ctx.ref.replace(day=1), shift)
            found = _nth_weekday_in(first.year, first.month, weekday, nth)
        value = found.isoformat() if found else None
    return _date(match, value, relative=True, weekday=match.group("wd"))


def _resolve_weekday(weekday: int, ref: date, mod: str | None, future: bool) -> date:
    if mod in ("this", "coming"):
        day = _week_monday(ref) + timedelta(days=weekday)
        return day if mod == "this" or day >= ref else day + timedelta(days=7)
    if mod == "next":
        return _week_monday(ref) + timedelta(days=7 + weekday)
    if mod in ("last", "past", "previous"):
        return _week_monday(ref) - timedelta(days=7 - weekday)
    if future:
        return ref + timedelta(days=(weekday - ref.weekday()) % 7)
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _on_weekday(match: re.Match[str], ctx: _Context) -> Claim | None:
    wd = match.group("wd")
    weekday = _WEEKDAY_NAMES[wd.lower()]
    mod = (match.group("mod2") or match.group("mod") or "").lower() or None
    explicit_month = match.group("pm") or match.group("qm")
    if wd.lower() in _SHORT_WEEKDAYS and not explicit_month:
        return None
    start = match.start() if (match.group("on") and match.group("mod2")) else None
    if start is None:
        start = match.start("mod") if match.group("mod") else match.start("wd")
    value = None
    relative = True
    if explicit_month:
        month = _MONTHS[explicit_month.lower()]
        day = int(match.group("pd") or match.group("qd"))
        value, _ = _iso_day(None, month, day, ctx.ref)
        relative = False
    elif ctx.ref is not None:
        value = _resolve_weekday(weekday, ctx.ref, mod, ctx.future(match.start())).isoformat()
    return _date(match, value, relative=relative, weekday=wd, start=start)


def _number(token: str) -> float | None:
    token = re.sub(r"[\s-]+", " ", token.lower().strip())
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", token):
        return float(token.replace(",", ""))
    half = 0.0
    if token.endswith(" and a half"):
        token, half = token[: -len(" and a half")], 0.5
    if token in ("a", "an", "another", "all", "full", "whole"):
        return 1.0 + half
    if token in ("half", "a half", "half a", "half an"):
        return 0.5
    if token in _VAGUE:
        return _VAGUE[token]
    hundred = token.endswith(" hundred")
    if hundred:
        token = token[: -len(" hundred")]
    value = _CARDINALS.get(token)
    if value is None:
        return None
    return value * (100 if hundred else 1) + half


def _on_nth_weekday_from_now(match: re.Match[str], ctx: _Context) -> Claim | None:
    count = _number(match.group("n"))
    if count is None or ctx.ref is None:
        return _date(match, None, relative=True, weekday=match.group("wd"))
    weekday = _WEEKDAY_NAMES[match.group("wd").lower()]
    first = ctx.ref + timedelta(days=(weekday - ctx.ref.weekday()) % 7 or 7)
    value = first + timedelta(days=7 * (int(count) - 1))
    return _date(match, value.isoformat(), relative=True, weekday=match.group("wd"))


def _on_relative_day(match: re.Match[str], ctx: _Context) -> Claim | None:
    words = re.sub(r"\s+", " ", match.group("w").lower())
    ref = ctx.ref
    offsets = {
        "today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1,
        "the day before yesterday": -2, "the day after tomorrow": 2, "the day after tmrw": 2,
    }  # fmt: skip
    if words in offsets:
        value = (ref + timedelta(days=offsets[words])).isoformat() if ref else None
        return _date(match, value, relative=True)
    if words.endswith(("week", "month", "year")) and words.split()[0] in ("this", "next", "last"):
        text = match.string
        if _prev_word(text, match.start()) == "the" or re.match(r"\s+of\b", text[match.end() :]):
            return None  # "the last week of November", "the last year": not a week or year of the calendar
        shift = {"this": 0, "next": 1, "last": -1}[words.split()[0]]
        unit = words.split()[1]
        value = None
        if ref is not None:
            if unit == "week":
                iso = (ref + timedelta(weeks=shift)).isocalendar()
                value = f"{iso.year}-W{iso.week:02d}"
            elif unit == "month":
                value = _shift_months(ref.replace(day=1), shift).isoformat()[:7]
            else:
                value = str(ref.year + shift)
        return _date(match, value, relative=True, granularity=unit)
    # "the next day", "the day before": relative to an event of the story, not to the publication
    return _date(match, None, relative=True)


def _prev_word(text: str, pos: int) -> str:
    match = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, pos - 24) : pos])
    return match.group(1).lower() if match else ""


def _on_month_year(match: re.Match[str], ctx: _Context) -> Claim | None:
    word = match.group("month")
    month = _MONTHS[word.lower().rstrip(".")]
    year = match.group("year")
    if not word[0].isupper():
        return None
    if year:
        return _date(match, f"{int(year):04d}-{month:02d}", granularity="month")
    if word.lower() not in _FULL_MONTHS or _prev_word(match.string, match.start()) not in _MONTH_WORDS:
        return None  # "Jan" the name, "April" the name, "May" the verb
    shared = _SHARED_YEAR.match(match.string, match.end())
    if shared:  # "from March to August 2011": the year written once is both months'
        return _date(match, f"{int(shared.group(1)):04d}-{month:02d}", granularity="month")
    if ctx.ref is None:
        return _date(match, None, granularity="month", relative=True)
    # A month alone after a verb in the future is the next such month; otherwise the last one, up to the
    # publication month, unless that is so far back (over 9 months) that the coming one is nearer.
    this_month = ctx.ref.replace(day=1)
    options = [date(ctx.ref.year + d, month, 1) for d in (-1, 0, 1)]
    if ctx.future(match.start()):
        chosen = min(o for o in options if o >= this_month)
    else:
        chosen = max(o for o in options if o <= this_month)
        if (this_month.year - chosen.year) * 12 + this_month.month - chosen.month > 9:
            chosen = min(o for o in options if o > this_month)
    return _date(match, chosen.isoformat()[:7], granularity="month", relative=True)


_SHARED_YEAR = re.compile(
    rf"\s*(?:to|through|until|till|and|or|–|-)\s*(?:{_alternation(_FULL_MONTHS)})\.?,?\s+([12]\d{{3}})\b", _I
)


def _on_year(match: re.Match[str], ctx: _Context) -> Claim | list[Claim] | None:
    text = match.string
    year = int(match.group("year"))
    if match.group("decade"):
        if year % 10:
            return None
        return _date(match, str(year // 10), granularity="decade")
    after = text[match.end() : match.end() + 24]
    before = text[max(0, match.start() - 40) : match.start()]
    prev = _prev_word(text, match.start())
    if before.endswith("-") and prev != "mid" and not re.search(r"\d{4}\s*-$", before):
        return None  # "F-1990", "3-2017": part of a code or a score
    short_range = re.match(r"(\s*[–-]\s*)(\d{2})\b(?![.,]\d)", after)
    if short_range and year % 100 < int(short_range.group(2)):
        # "the 2017-18 season", "in 1981-82": two years, so that "18" is not read as a count
        second = match.end() + len(short_range.group(1))
        end_year = year - year % 100 + int(short_range.group(2))
        return [
            _date(match, str(year), granularity="year"),
            DateClaim(
                start=second, end=second + 2, text=text[second : second + 2], value=str(end_year), granularity="year"
            ),
        ]
    if re.match(r"-era\b|'s\b|\s*(?:–|-)\s*\d{4}\b", after) or re.search(r"\(\s*$", before):
        return _date(match, str(year), granularity="year")
    if re.search(r"(?:\d{4}|[A-Za-z]{3,}\.?)\s*(?:–|-|and|or|to|through)\s*$", before) and prev in (
        "and", "or", "to", "through", ""
    ):  # fmt: skip
        if not re.search(r"\d{4}\s*(?:–|-|and|or|to|through)\s*$", before):
            return None
    elif prev == "of":
        word_before_of = _prev_word(text, match.start() - len(re.search(r"of\s*$", before).group()))  # type: ignore[union-attr]
        if word_before_of not in _YEAR_OF_WORDS:
            return None
    elif prev in _YEAR_DETERMINERS and 1900 <= year <= 2099:
        # "the 2016 election", "Trump's 2016 campaign": a year before a noun, not a count of them
        noun = re.match(r"\s+([A-Za-z]+)", after)
        if noun is None or noun.group(1).lower() in _COUNTED_NOUNS:
            return None
    elif prev not in _YEAR_WORDS:
        return None
    follower = re.match(r"\s+([a-z]+)", after)
    if follower:
        word = follower.group(1)
        if word in _IRREGULAR_PLURALS or (word.endswith("s") and word not in _NOT_PLURAL and len(word) > 3):
            return None  # "in 2000 homes": a count
    return _date(match, str(year), granularity="year")


_NOON = re.compile(r"\b(?P<w>noon|midnight)\b", _I)


def _on_noon(match: re.Match[str], ctx: _Context) -> Claim | None:
    value = "12:00" if match.group("w").lower() == "noon" else "00:00"
    return DateClaim(start=match.start(), end=match.end(), text=match.group(), value=value, granularity="time")


def _on_clock(match: re.Match[str], ctx: _Context) -> Claim | None:
    minutes, ap = match.group("mi"), match.group("ap")
    if ap is None and (minutes is None or match.group("colon") == "."):
        return None  # "7.30" alone is a decimal; "7.30pm" is a time
    hour = int(match.group("h"))
    if ap:
        if hour > 12 or hour == 0:
            return None
        if ap.lower().startswith("p") and hour != 12:
            hour += 12
        elif ap.lower().startswith("a") and hour == 12:
            hour = 0
    elif re.match(r"\d", match.string[match.end() : match.end() + 1]):
        return None
    s, e, t = match.start(), match.end(), match.group()
    t = t.rstrip()
    e = s + len(t)
    return DateClaim(start=s, end=e, text=t, value=f"{hour:02d}:{int(minutes or 0):02d}", granularity="time")


def _iso_duration(parts: dict[str, float]) -> str:
    def fmt(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else f"{x:g}"

    date_part = "".join(f"{fmt(parts[u])}{_ISO_UNIT[u]}" for u in _UNIT_ORDER if u in parts and u in _ISO_UNIT)
    time_part = "".join(
        f"{fmt(parts[u])}{_ISO_TIME_UNIT[u]}" for u in _UNIT_ORDER if u in parts and u in _ISO_TIME_UNIT
    )
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _on_duration(match: re.Match[str], ctx: _Context) -> Claim | None:
    text = match.string
    if _NOT_DURATION_AFTER.match(text, match.end()):
        return None  # "a 47-year-old": an age
    parts: dict[str, float] = {}
    vague = False
    pairs = list(_PAIR_RE.finditer(match.group("pairs")))
    if not pairs:
        return None
    if len(pairs) == 1 and _MILITARY_TIME.fullmatch(match.group("pairs")) and _prev_word(text, match.start()) == "at":
        hhmm = pairs[0].group("q")
        return DateClaim(
            start=match.start(), end=match.end(), text=match.group(), value=f"{hhmm[:2]}:{hhmm[2:]}", granularity="time"
        )  # "at 1230 hours": a clock time
    first_unit: str | None = None
    first_amount: float | None = None
    for pair in pairs:
        q, unit_word = pair.group("q"), re.sub(r"\s+", " ", pair.group("u").lower())
        is_digits = q[0].isdigit()
        if unit_word in _DIGIT_ONLY_UNITS and not is_digits:
            return None
        if unit_word == "second" and _ORDINAL_SECOND.match(text, pair.end() + match.start("pairs")):
            return None  # "a second suspect", "No. 12 Second baseman": the ordinal
        if is_digits and re.fullmatch(r"(?:19|20)\d\d", q) and not unit_word.endswith("s"):
            return None  # "World Cup 2018 day five": a year before a noun
        unit, factor = _UNIT_NAMES[unit_word]
        qword = re.sub(r"\s+", " ", q.lower())
        if qword in ("all", "full", "whole") and (unit_word.endswith("s") or factor != 1):
            return None
        amount = _number(q)
        if amount is None:
            if qword not in _VAGUE:
                return None
            vague = True
            amount = 0
        parts[unit] = parts.get(unit, 0) + amount * factor
        if first_unit is None:
            first_unit, first_amount = unit, (None if vague else amount * factor)
    qfirst = pairs[0].group("q").lower()
    if qfirst in ("a", "an") and len(pairs) == 1 and not match.group("mod"):
        prev = text[max(0, match.start() - 20) : match.start()].split()
        if prev and (any(ch.isdigit() for ch in prev[-1]) or prev[-1].lower().strip(",") in _RATE_WORDS):
            return None  # "twice a day", "$15 an hour": a rate
    if match.group("half") and len(pairs) == 1 and first_unit is not None and first_amount is not None:
        first_amount += 0.5
        parts[first_unit] = first_amount
    approx = _MODIFIERS.get(re.sub(r"\s+", " ", match.group("mod").lower()), "exact") if match.group("mod") else "exact"
    rel = match.group("rel")
    if rel:
        return _relative_offset(match, ctx, parts, vague)
    if match.group("lo"):
        approx = "range"
    elif approx == "exact" and _FEW.search(match.group(0)):
        approx = "about"  # "a few hours", "a couple of days": three and two, but not counted
    start = match.start()
    if match.group("mod") and match.group("mod").lower() == "some" and vague:
        start = match.start("pairs")
    if vague:
        unit = first_unit or "day"
        value = "P" + ("T" if unit in _ISO_TIME_UNIT else "") + "X" + {**_ISO_UNIT, **_ISO_TIME_UNIT}[unit]
        s, e, t = _strip_end(match, start)
        return Duration(start=s, end=e, text=t, value=value, amount=None, unit=unit, approx="about")
    single = len(parts) == 1
    amount, unit = (first_amount, first_unit) if single else _one_unit(parts)
    s, e, t = _strip_end(match, start)
    return Duration(start=s, end=e, text=t, value=_iso_duration(parts), amount=amount, unit=unit, approx=approx)


# Units that add up exactly: "eight years and four months" is 100 months, "2 weeks and 3 days" 17 days.
_IN_SMALLEST = (
    {"year": 12.0, "month": 1.0},
    {"week": 7.0, "day": 1.0},
    {"hour": 3600.0, "minute": 60.0, "second": 1.0},
)


def _one_unit(parts: dict[str, float]) -> tuple[float | None, str | None]:
    """A compound length of time as one amount in its smallest unit, when its units add up exactly."""
    for factors in _IN_SMALLEST:
        if parts.keys() <= factors.keys():
            smallest = min(parts, key=factors.__getitem__)
            total = sum(amount * factors[unit] for unit, amount in parts.items()) / factors[smallest]
            return total, smallest
    return None, None


def _relative_offset(match: re.Match[str], ctx: _Context, parts: dict[str, float], vague: bool) -> Claim | None:
    rel = re.sub(r"\s+", " ", match.group("rel").strip().lower())
    if rel in ("later", "earlier") or ctx.ref is None or (vague and not parts):
        return _date(match, None, relative=True)
    sign = -1 if rel in ("ago", "before today", "before tomorrow", "before yesterday") else 1
    base = ctx.ref + timedelta(days={"tomorrow": 1, "yesterday": -1}.get(rel.split()[-1], 0))
    day = _offset(base, parts, sign)  # None for "two hours ago": a time, not a date
    return _date(match, day.isoformat() if day else None, relative=True)


#: More business days than this are not counted one by one (and are not a date anyone writes).
_MAX_BUSINESS_DAYS = 5000


def _offset(day: date, parts: dict[str, float], sign: int) -> date | None:
    """``day`` moved by a length of time in whole days, weeks, months or years; None when it cannot be."""
    try:
        for unit, amount in parts.items():
            if not float(amount).is_integer():
                return None
            n = int(amount) * sign
            if unit == "year":
                day = _shift_months(day, 12 * n)
            elif unit == "month":
                day = _shift_months(day, n)
            elif unit == "week":
                day += timedelta(weeks=n)
            elif unit == "day":
                day += timedelta(days=n)
            elif unit == "business_day" and abs(n) <= _MAX_BUSINESS_DAYS:
                day = _add_business_days(day, n)
            else:
                return None
    except (OverflowError, ValueError):  # before year 1 or after 9999
        return None
    return day


def _add_business_days(day: date, n: int) -> date:
    step = 1 if n >= 0 else -1
    for _ in range(abs(n)):
        day += timedelta(days=step)
        while day.weekday() >= 5:
            day += timedelta(days=step)
    return day


def _on_in_future(match: re.Match[str], ctx: _Context) -> Claim | None:
    """ "will leave in 3 weeks": a date that far after publication; without a future verb it is a duration."""
    if not ctx.future(match.start()):
        return None
    duration = _on_duration(match, ctx)
    if not isinstance(duration, Duration) or duration.value is None or "T" in duration.value or "X" in duration.value:
        return None
    if ctx.ref is None:
        return _date(match, None, relative=True)
    names = {"Y": "year", "M": "month", "W": "week", "D": "day", "BD": "business_day"}
    parts = {names[u]: float(a) for a, u in re.findall(r"(\d+(?:\.\d+)?)(BD|Y|M|W|D)", duration.value)}
    day = _offset(ctx.ref, parts, 1)
    if day is None:
        return None
    return _date(match, day.isoformat(), relative=True, start=match.start())


_NeededRule = tuple[re.Pattern[str], _Handler, tuple[str, int] | None]
_DIGIT_KEYS = {1: "#d", 2: "#d", 4: "#y"}
_CLOCK_LETTERS = frozenset("ap")
_AFTER_DIGITS = {"/": "/", ".": "/", "-": "/", ":": ":", " ": " ", "\u00a0": " ", "\n": " "}


def _first_words(words: object) -> set[str]:
    return {re.split(r"[\s-]", str(w))[0].lower() for w in words}  # type: ignore[attr-defined]


def _triggers() -> tuple[dict[str, tuple[_NeededRule, ...]], dict[str, frozenset[str]]]:
    """Which patterns can start at which word, and what must follow the commonest of those words."""
    months, weekdays = set(_MONTHS), set(_WEEKDAY_NAMES)
    day_words = _first_words([*_ORDINALS, *_CARDINALS])
    number_words = _first_words(w for w, n in _CARDINALS.items() if n >= 1)
    week_mods = {"this", "next", "last", "coming", "past", "previous"}
    units = _first_words(_UNIT_NAMES)
    quantity_words = {"a", "an", "half", "couple", "few", "several", "some", "another", "all", "full", "whole"}
    table: list[tuple[re.Pattern[str], _Handler, set[str]]] = [
        (_MONTH_DAY, _on_month_day, months | weekdays | week_mods),
        (_DAY_MONTH, _on_day_month, weekdays | week_mods | day_words | {"#d/", "#d ", "#dt", "#da"}),
        (_YMD, _on_ymd, weekdays | week_mods | {"#y"}),
        (_NUMERIC_DATE, _on_numeric_date, weekdays | week_mods | {"#d/"}),
        (_NUMERIC_DAY, _on_numeric_day, weekdays | week_mods | {"on", "in", "#d/"}),
        (_WEEKDAY_THE_DAY, _on_weekday_the_day, weekdays),
        (_THE_DAY, _on_the_day, day_words | {"on", "the", "#da"}),
        (_NTH_WEEKDAY, _on_nth_weekday, {"the", "first", "second", "third", "fourth", "fifth", "last"}),
        (_WEEKDAY, _on_weekday, weekdays | week_mods | {"on"}),
        (_NTH_WEEKDAY_FROM_NOW, _on_nth_weekday_from_now, number_words | {"#d ", "#dt"}),
        (_RELATIVE_DAY, _on_relative_day, {"the", "today", "tonight", "tomorrow", "yesterday", "tmrw"} | week_mods),
        (_MONTH_YEAR, _on_month_year, months),
        (_YEAR_ALONE, _on_year, {"#y"}),
        (_CLOCK, _on_clock, {"#d:", "#dt", "#da", "#d/"}),
        (_NOON, _on_noon, {"noon", "midnight"}),
    ]
    #: Patterns that can only match where a month (or weekday) name stands within so many characters.
    needs: dict[str, tuple[str, int]] = {"_on_day_month": ("month", 40), "_on_month_day": ("month", 30)}
    needs["_on_nth_weekday_from_now"] = ("weekday", 24)
    triggers: dict[str, list[_NeededRule]] = {}
    for pattern, handler, words in table:
        for word in words:
            triggers.setdefault(word, []).append((pattern, handler, needs.get(handler.__name__)))
    digits = {"#d", "#y", "#n"}  # what a gate compares: the next token's key, without the character after it
    gates = {
        "the": frozenset(day_words | digits | {"day", "following", "previous", "next", "last"}),
        "on": frozenset(day_words | digits | weekdays | week_mods | {"the"}),
        "in": frozenset(number_words | digits | quantity_words | {"the"}),
        "a": frozenset(units | {"few", "couple", "half", "hundred"}),
        "an": frozenset(units | {"few", "couple", "half", "hundred"}),
    }
    # Words that can start a length of time: tried from the unit of time after them (see find_dates).
    for word in _first_words(_MODIFIERS) | number_words | quantity_words | {"in"}:
        triggers.setdefault(word, [])
    return {word: tuple(rules) for word, rules in triggers.items()}, gates


_TRIGGERS, _GATES = _triggers()


_PLURAL_WEEKDAYS = [f"{day.lower()}s" for day in WEEKDAYS]  # "two sundays from now"


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of words shared as a prefix tree, so a word start costs a few comparisons."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie)


def _trigger_pattern() -> re.Pattern[str]:
    """Words that can start a pattern; the commonest ("the", "in", ...) only before a word their gate allows."""
    plain = {*_UNIT_NAMES, *(w for w in _TRIGGERS if not w.startswith("#")), *_PLURAL_WEEKDAYS} - set(_GATES)
    gated = []
    for word, allowed in sorted(_GATES.items()):
        words = sorted(w for w in allowed if not w.startswith("#"))
        digits = r"|\d" if any(w.startswith("#") for w in allowed) else ""
        gated.append(rf"{word}(?=[\s,.-]+(?:(?:{_trie_pattern(words)})(?![a-z]){digits}))")
    # run on the lower-cased text: matching without IGNORECASE is about twice as fast
    return re.compile(r"(?<![a-z])(?:" + "|".join(gated) + "|" + _trie_pattern(sorted(plain)) + r"(?![a-z])|\d+)")


_TRIGGER = _trigger_pattern()
