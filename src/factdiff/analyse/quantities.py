"""Quantities: a number, its unit, what it counts, where, and what it is a part of.

The number grammar lives in :mod:`factdiff.analyse.numbers` and the unit table in
:mod:`factdiff.analyse.units`; this module decides which numbers are quantities at all (not a
year, a day of the month, a clock time, a phone number, a handle, a road or a model number) and
reads the words around each one:

- **concept**, what is counted: the noun phrase after the number ("498 people", "500 illegal
  immigrants", "Ford and Nissan vans", "boxes of seedlings") with what its predicate says
  of it ("114 buildings were damaged" -> "buildings damaged", "1,734 kindergartners had a medical
  exemption" -> "kindergartners medical exemption"), the predicate when there is no noun ("317 had
  criminal convictions", "Eighteen of those arrested were gang members"), the noun of the whole a
  partitive refers back to ("1,140 homes damaged ... 312 of them destroyed" -> "homes destroyed"),
  or the heading of a list ("Arrests by area:" over "Denver: 63");
- **places** the number is attached to ("33 in Seattle", "Denver: 63", "Philadelphia led the way
  with 107", "Portland (State Oregon) — 33", "250 to Ashby", "at the company's Dunmore campus",
  "Ulveno, where 24 died", "lose 520 jobs and Dunmore 380"), the place a sentence opens with when
  it is named as one ("Corran County ranked last, at 83.6 percent", "In Ulveno, 24 died"), and
  qualifiers ("of those arrested");
- two kinds of number that are not counts: a place in a ranking ("ranked 12th of 14", unit
  "rank"; never "the 12th of March" or "the 12th century") and the size of an earthquake ("a 6.4
  quake", "M7.4", "magnitude-6.4", unit "magnitude", concept "earthquake");
- **part_of** ("Of the 498 people arrested, 317 ..."), percentages with their part and base
  ("317 (74 percent)", "312 of the 1,140 homes, or 27 percent") and the **direction** of a change
  ("rose 5 percent", "fell by 3").

Durations ("4 days", "four-day", "18 months") belong to the date extractor; :func:`extract`
still returns them (flagged) for callers that score every quantity, such as the benchmarks.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from factdiff.analyse.lexicon import opens_with_common_word
from factdiff.analyse.numbers import NumberMention, hedge_before, parse_number, scan_numbers, word_trie
from factdiff.analyse.text import split_sentences
from factdiff.analyse.units import CURRENCIES, TIME_UNITS, UnitMatch, unit_after, unit_before
from factdiff.lexicon import known
from factdiff.model import Article, Quantity

__all__ = ["Found", "extract", "find_quantities"]


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A rarely needed expression, compiled on its first use: it costs no start-up time."""
    return functools.cache(lambda: re.compile(pattern, flags))


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\.?,?\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH}\b")
_CLOCK_AFTER = re.compile(
    r"^(?::\d\d|\.\d\d\s*[ap]\.?m\b|\s*[ap]\.?\s?m\.?(?!\w)|\s*(?:GMT|EDT|EST|UTC|BST|CET|PDT|PST)\b|\s*o'clock"
    r"|/\d{1,2}/\d{2,4}\b)"  # "7 p. m.", "10/25/11"
)
_CLOCK_BEFORE = re.compile(r"\d[:.]$")
_PHONE = re.compile(r"(?:\(\d{3}\)\s*|\b\d{3}[-.\s])?\d{3}[-.]\d{4}\b|\+\d[\d\s().-]{7,}\d")
_CALL_BEFORE = re.compile(r"\b(?:call|calling|dial|dialling|dialing|text|phone|hotline|fax|extension|ext\.?)\s*$", re.I)
_ID_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|Number|Route|Rte|Road|Rd|Highway|Hwy|Interstate|Exit|Flight|Room|Suite|Gate|Platform|"
    r"Channel|Article|Section|Chapter|Episode|Season|Page|Level|Grade|Ward|District|Precinct|Unit|Box|Apt|"
    r"Building|Lot|Model|Series|Version|Phase|Stage|Title|Form|Bill|Case|Docket|Code)\.?\s*#?\s*|[#№]\s*)$"
)
_CAPITAL_BEFORE = re.compile(r"(?:^|[\s/])(?P<word>[a-z]{0,2}[A-Z][\w&.'’-]*)\s$")
_OF_NP = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+|[A-Z][\w-]*['’]s\s+)")
_MONTH_WORD = re.compile(_MONTH + r"\.?")
_CLOCK_STARTS = frozenset(":./aApPGEUBCo")
_CALL_WORDS = frozenset("call calling dial dialling dialing text phone hotline fax extension ext".split())
_YEAR_WORDS = frozenset("since in by from until till of before after during around circa year early late mid".split())
_SUB_MINUS = re.compile(r"\b(?:sub|minus|magnitude)-\Z", re.IGNORECASE)
_STAT_AFTER = re.compile(r"^-(?:of|for|in|by)-", re.IGNORECASE)
_GLUED_AFTER = re.compile(r"^[A-Za-z0-9]")
_YEAR_AFTER_OK = re.compile(
    r"^\s+(?!(?:was|is|has|does|was|as|its|his|this|thus|plus|versus|across|towards)\b)"
    r"(?:[a-z][a-z-]{2,}s|people|persons|men|women|children|staff)\b"
)
_YEAR_BEFORE = re.compile(
    r"\b(?:since|in|by|from|until|till|of|before|after|during|around|circa|year|early|late|mid)\s+$", re.I
)
# A noun that names an amount, then "of": the number after it is that amount, never a year.
_AMOUNT_OF = re.compile(
    r"\b(?:average|total|sum|maximum|minimum|median|mean|tally|cap|limit|increase|decrease|fine|fee|salary|"
    r"payout|bonus|rent|wage|donation)\s+of\s*\Z",
    re.IGNORECASE,
)
_NOT_ID_WORDS = frozenset(
    """
    About Around Roughly Approximately Some Nearly Almost Over Under Just Only All Of The And But Or At In On
    For From To With By Than Up Down Another Total Totally Exactly Precisely Fewer Less More Least Most
    Between Among Including Plus Minus Nearly Barely Still Now Then Also Even Perhaps Maybe Another Every
    Each Those These Them They We He She It I You Who Which That Those Where When While Whereas Although
    Mon Monday Tue Tuesday Wed Wednesday Thu Thursday Fri Friday Sat Saturday Sun Sunday
    """.split()
)
_DIRECTION_VERBS = """
    rose rise rises rising risen increased increase increases increasing up climbed climbs climb gained gains gain
    jumped jumps jump grew grow grows growing added adds surged surges soared soars advanced advances rallied
    rallies boosted raised hiked fell fall falls falling fallen down dropped drops drop declined declines decline
    decreased decreases decrease lost loses lose slid slides slipped slips tumbled tumbles plunged plunges
    plummeted plummets sank sinks eased eases shed sheds dipped dips cut cuts reduced lowered retreated retreats
    shrank shrunk contracted skidded sagged slumped slumps
    spiked spikes soaring surging jumping climbing sliding sinking dived dives dove slashed slashes trimmed
    trims tumbling plunging dropping declining rebounded rebounds swelled swells widened widens
    gaining advancing rallying decreasing losing shrinking slipping dipping easing retreating slumping skidding
    sagging collapsed collapses stumbled stumbles descended
    """.split()
_DIRECTION = re.compile(
    r"(?=[" + "".join(sorted({w[0] for w in _DIRECTION_VERBS})) + r"])\b(?P<verb>" + word_trie(_DIRECTION_VERBS) + r")"
    # "rose 5%", "fell by 3", "cut its workforce by 10%", "lift exports by 12 per cent"
    r"(?:\s+(?:by|another|a\s+further|further)|(?:\s+[a-z'’]+){1,3}\s+by)?\s+"
    r"(?:(?:about|around|roughly|nearly|almost|some|just|"
    r"more\s+than|over|less\s+than|under|an?\s+estimated)\s+)?$",
    re.IGNORECASE,
)
# The word right before a changed number: a direction verb, "by", "further", or a hedge after one.
_DIRECTION_LAST_WORDS = frozenset(
    [*_DIRECTION_VERBS, "by", "another", "further", "about", "around", "roughly", "nearly", "almost", "some",
     "just", "than", "over", "under", "estimated", "a", "an"]
)  # fmt: skip
_INDEX_UNITS = frozenset({"point", "percent", "percentage point", "basis point"})
_PHRASAL_BEFORE = re.compile(
    r"\b(?:gave|give|gives|giving|set|sets|picked|pick|made|make|add|sum|summed|take|took|put|puts|signed|sign|"
    r"showed|show|turned|turn|shut|broke|break|broken|back|backed|mop|mopped|wrap|wrapped|"
    r"stepped|step|stood|stand|stands|sat|sit|slow|slowed|cool|cooled|calm|calmed|wind|wound|narrowed)\s+\Z",
    re.IGNORECASE,
)
_DOWN = frozenset(
    """
    fell fall falls falling fallen down dropped drops drop declined declines decline decreased decreases decrease
    lost loses lose slid slides slipped slips tumbled tumbles plunged plunges plummeted plummets sank sinks eased
    eases shed sheds dipped dips cut cuts reduced lowered retreated retreats shrank shrunk contracted skidded
    sagged slumped slumps sliding sinking dived dives dove slashed slashes trimmed trims tumbling plunging
    dropping declining decreasing losing shrinking slipping dipping easing retreating slumping skidding sagging
    collapsed collapses stumbled stumbles descended
    """.split()
)
# "cut 1,850 jobs" cuts jobs, it is not a change of a figure; "cut by 3" is.
_NEEDS_BY = frozenset(
    """cut cuts reduced lowered raised boosted hiked shed sheds lost lose loses losing slashed slashes trimmed
    trims""".split()
)
_PARTITIVE_AFTER = re.compile(
    r"\s+of\s+(?P<ref>them|those|these|which|whom|the\s+total|all)\b(?P<tail>(?:\s+(?![A-Z])[a-z]+ed\b)?)"
)
_PARTITIVE_NUMBER = re.compile(r"^\s+of\s+(?:the|those|these|its|their|all)?\s*$")
_OF_FRAME = re.compile(r"^\s*(?:Of|Among)\s+(?:the|those|these)\s+$")
_OF_THOSE_START = re.compile(r"^\s*(?:Of|Among)\s+(?:those|these|them)\b\s*,?")
_PAREN_OR = re.compile(r"\s*(?:\([^()]{0,40}\)|,\s*or\s+(?:[^,;.]|\.(?=\d)){1,30},|—[^—]{1,30}—)")
_COPULA = re.compile(
    r"\s*(?:(?:will|would|could|may|might|had|have|has)\s+(?:already\s+|previously\s+|also\s+|not\s+)?been|"
    r"will\s+be|would\s+be|are|were|is|was|be|being|remain|remained)\s+"
    r"(?:also\s+|still\s+|now\s+|already\s+|previously\s+|once\s+)?"
)
_DASH_LEAD = re.compile(r"\s*[–—-]\s*(?:an?\s+|the\s+)?(?:[a-z]+ly\s+)?")
_VERB_AFTER = re.compile(r"\s*(?P<verb>[a-z]+)\b")
_PARTICIPLE_ED = re.compile(r"[a-z]{3,}ed")
_ARTICLE = re.compile(r"\s+(?:a|an|the)\b")
_WORD = re.compile(
    r"\s*(?P<word>[A-Za-z][A-Za-z'’-]*(?:\.[A-Za-z]+)+\.?|[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)?(?=\s+[A-Za-z]))"
)
_STOP = frozenset(
    """
    a an the this that these those its their his her our your my of in on at from for to by with over under
    during after before since into onto across through between within without about around against among than
    as per via and or but nor so yet while who whom whose which what where when why how if then there here
    is are was were be been being am will would could should can may might must shall do does did has have had
    having not no also only just still even more most less least very too each every all both either neither
    some any many much several such another own same it they he she we you i them him us me up down out
    off back away ago later earlier last next now today yesterday tomorrow tonight once twice again already
    said says say told tells according reported according including include includes included plus minus
    percent per cent dollars each apiece respectively outright overall altogether total totals
    whereas although though because unless until till above below beyond ahead behind apart
    """.split()
)
_VERBS = frozenset(
    """
    had have has held hold holds got get gets faced face faces lacked lack lacks came come comes lived live
    lives worked work works died die dies remain remains remained received receive receives left leave leaves
    owned own owns carried carry carries showed show shows needed need needs wanted want wants made make makes
    took take takes gave give gives lost lose loses won win wins scored score scores returned return returns
    fled flee flees stayed stay stays belong belongs belonged went go goes hailed hail hails
    """.split()
)
# Letters of any Latin alphabet, so "Almerón", "São Paulo" and "Zürich" are read whole.
_PLACE_WORD = r"(?:[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|[.'’-])*|D\.C\.)"
_PLACE = (
    rf"(?P<place>{_PLACE_WORD}(?:\s+(?:{_PLACE_WORD}|of|de|del|la|le|upon)(?=\s|,|$|\W))*"
    r"(?:\s+\(State\s+[A-Z][a-z]+\)|,\s+(?:D\.C\.|[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+)?)(?=[\s:,)—–-]|$))?)"
)
# Tried only where a capitalised word starts ("fullmatch" from there to the number): far cheaper than a
# search that backtracks through every position of the window.
_PLACE_BEFORE = re.compile(
    rf"{_PLACE}(?P<link>\s*[:—–]\s*|\s*\(\s*|,?\s+(?:[a-z]+,?\s+){{0,5}}?with\s+|\s+(?:accounted\s+for|had|saw|recorded|reported|made|led\s+with)\s+(?:[a-z]+\s+){{0,4}}?[a-z]+,\s+|\s+(?:was|were)\s+"
    r"(?:detained|arrested)\s+|,\s+where\s+(?:[A-Za-z]+\s+){0,6})"
)
# A place that opens the sentence: "In Ulveno, ...", "Corran County ranked last, at 83.6 percent".
_SUBJECT_PLACE = _lazy(
    rf"[\s\"“]*(?:(?P<prep>In|At|Across|Throughout)\s+(?:the\s+)?)?{_PLACE}(?P<gap>,\s|\s+(?=[a-z]))"
)
_PLACE_KINDS = frozenset(
    """
    County City Province State Region District Township Parish Borough Island Islands Republic Territory
    Prefecture Oblast Valley Coast Shire Town Village Municipality Canton Emirate Governorate Counties States
    """.split()
)
_GAPPED_PLACE = _lazy(rf"(?:,|\band|\bwhile|\bbut)\s+{_PLACE}\s+\Z")
_PLACE_START = re.compile(r"(?:^|(?<=[\s(\[\"“-]))(?=[A-Z])")
_PLACE_AFTER = re.compile(rf"^(?:[^.;:()\d]{{0,40}}?)\b(?:in|to|at)\s+(?:the\s+)?(?:[a-z]+['’]s\s+)?{_PLACE}")
_US_STATES = frozenset(
    """
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
    Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
    Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
    Vermont Virginia Washington Wisconsin Wyoming Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind.
    Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Tex. Va. Vt. Wash.
    Wis. Wyo. D.C.
    """.split()
)
# Closed word classes that are never a place however they are written: function words, pronouns,
# calendar names and number words. Whether an open-class word that opens a sentence is a common word
# ("Floodwater", "Residents") the tagger and the lexicon decide (lexicon.opens_with_common_word).
_NOT_PLACES = frozenset(
    """
    The A An And But Or Of In On At For To With By From This That These Those It Its He She They We I You
    His Her Their Our Some Many Most All About Nearly Almost More Less Up Down Over Under Just Only
    Among After Before During Since Until While When Where Then Next Also However
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Forty Fifty Hundreds Thousands
    """.split()
)
_SITE_WORDS = frozenset(
    "plant office offices site facility county's area campus factory mill headquarters warehouse store branch".split()
)
_ABSTRACT_ENDINGS = ("tions", "sions", "ments", "nesses", "ities")
_ORGANISATION_WORDS = frozenset(
    "Office Department Agency Service Services Management Administration Bureau Commission Council Ministry".split()
)
_PERCENT_GAP = re.compile(
    r"(?:\s+of\s+(?:them|those|which|these))?(?:\s+(?:were|was|are|is)\s+[a-z]+(?:\s+[a-z]+)?)?\s*(?:\(|,\s*or|—|–)\s*"
)
# "..., or 27 percent", "— roughly 64 percent": a percentage that restates the count before it.
_PERCENT_LEAD = re.compile(r"(?:\(|,\s*or|—|–)\s*(?:(?:about|around|roughly|nearly|almost|some|just\s+over)\s+)?\Z")
_SENTENCE_END = re.compile(r"[.!?]\s")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_PHONE_JOIN = re.compile(r"\d[-.]\d|\)\s*\d")
# Cheap test of the end of a place link ("Denver: ", "Philadelphia led the way with ", "arrests, "), before
# the full place pattern runs.
_LINK_MARKS = frozenset(":—–(,")
_LINK_WORDS = ("with", "detained", "arrested", "made", "reported", "recorded")
_COMMA_LINK_VERBS = (" accounted for ", " had ", " saw ", " recorded ", " reported ", " made ", " led with ")
_BY_BEFORE = re.compile(r"\bby\s+\Z")
_UNIT_RANGE_JOIN = re.compile(r"\s*(?:(?P<dash>-|–)|(?P<word>to|and|up\s+to))\s*")
# "from $1,900 on Monday morning to $1,850": a few words may stand between the ends of a "from" range.
_FROM_TO_GAP = re.compile(r"\s+[^;:()]{1,40}?\s+(?P<word>(?:up\s+)?to)\s+(?P<dash>(?!x)x)?")
# Literal starts keep these scans fast: "http(s)://" and "www." links, and bare "domain.gov/path" ones found
# from their ".gov/" and widened to the whole word.
_URL = re.compile(r"https?://\S+|www\.\S+|HTTPS?://\S+|WWW\.\S+")
_DOMAIN_SLASH = re.compile(r"\.(?:com|org|net|gov|edu|io|uk|de|fr)/", re.IGNORECASE)
_URL_CHAR = re.compile(r"[\w.-]")
_NOUN_BEFORE = re.compile(r"\b(?P<noun>[a-z]{3,}s)\s*(?:,|\(|—|–)\s*\Z")
_FRAME_NOUN = re.compile(
    r"\s*(?:Of|Among)\s+(?:the|those|these|all)\s+(?:[a-z-]+\s+){0,2}?(?P<noun>[a-z]{3,}s)\b[^,.]{0,30},"
)
_PREP_BEFORE = re.compile(r"\b(?:to|from|at|across|into|in|among|between)\s+\Z")
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en)")
_LEADING_ZERO = re.compile(r"0\d+")
_AND_TO = re.compile(r"\s+(?:and|to)\b")
_OF_WORD = re.compile(r"\s+of\b")
_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
_PREP_END = re.compile(r"\b(in|to|at|for)\s+(?:the\s+)?$")
_BETWEEN_FROM = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
_OF_BEFORE_NUMBER = re.compile(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?$")
_HEADING = re.compile(r"(?m)^(?P<heading>[^\n]{2,80}):[ \t]*\n")
_LIST_LINE = re.compile(r"^[ \t]*(?:[-•*][ \t]+)?[^:\n]{1,60}:")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-•*][ \t]+)?[^:\n]{1,60}:[ \t]*$")


@dataclass(slots=True)
class Found:
    """A quantity with what the extractor saw on the way: kept apart from the model for scoring."""

    quantity: Quantity
    mention: NumberMention
    noun: str | None = None  # the counted noun as written right after the number ("workers")
    duration: bool = False  # a length of time ("4 days"): the date extractor's claim
    unit_match: UnitMatch | None = None


def find_quantities(article: Article, sentences: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Quantity]:
    """The quantities of ``article``: never a span in ``taken`` (dates, durations), a year or an id."""
    return [f.quantity for f in extract(article.text, sentences, taken) if not f.duration]


def extract(
    text: str, sentences: list[tuple[int, int]] | None = None, taken: list[tuple[int, int]] | None = None
) -> list[Found]:
    """Every quantity of ``text``, durations included (flagged), with concepts, places and relations."""
    if sentences is None:
        sentences = split_sentences(text)
    taken = sorted([*(taken or []), *_url_spans(text)])
    found: list[Found] = []
    mentions = scan_numbers(text)  # once over the whole text: far cheaper than once per sentence
    starts = [m.start for m in mentions]
    for s_start, s_end in sentences:
        sentence_found: list[Found] = []
        index = bisect_left(starts, s_start)
        while index < len(mentions) and mentions[index].start < s_end:
            mention = mentions[index]
            index += 1
            if mention.end > s_end or mention.full_start < s_start:
                continue
            if sentence_found and mention.start < sentence_found[-1].quantity.end:
                continue  # already read as part of the previous quantity ("5 feet 2 inches")
            prev_end = sentence_found[-1].quantity.end if sentence_found else s_start
            item = _read(text, mention, s_start, s_end, taken, prev_end)
            if item is not None:
                sentence_found.append(item)
        _merge_unit_ranges(text, sentence_found)
        if len(sentence_found) > 1:
            _share_units(text, sentence_found)
        found.extend(sentence_found)
    _relate(text, found, sentences)
    return found


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "/" not in text and "www." not in text and "WWW." not in text:
        return []  # every link these expressions find has a slash or starts with www.
    spans = [m.span() for m in _URL.finditer(text)]
    for match in _DOMAIN_SLASH.finditer(text):
        start = match.start()
        while start > 0 and _URL_CHAR.match(text[start - 1]):
            start -= 1
        end = match.end()
        while end < len(text) and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def _read(
    text: str, mention: NumberMention, s_start: int, s_end: int, taken: list[tuple[int, int]], prev_end: int
) -> Found | None:
    start, end = mention.start, mention.end
    if taken and _overlaps(taken, start, end):
        return None
    if mention.kind == "ordinal":
        return _read_rank(text, mention, s_start, s_end)
    before = text[max(s_start, start - 40) : start]
    after = text[end : min(s_end, end + 40)]
    currency = unit_before(text, start)
    if currency is not None and currency.start < max(s_start, prev_end):
        currency = None  # "10 rmb 20 usd": the rmb belongs to the 10
    unit = None if currency is not None else unit_after(text, end, s_end)
    code = unit_after(text, end, s_end) if currency is not None and currency.text == "$" else None
    if code is not None and code.unit in CURRENCIES and _ISO_CODE.fullmatch(code.text):
        # "$100 AUD", "$1.1396 EUR=": the code after the number names which currency the dollar sign is
        currency = UnitMatch(currency.start, code.end, code.unit, f"{currency.text} {code.text}")
    if unit is not None and unit.text in ("F", "C") and not _TEMPERATURE_CUE.search(text, s_start, s_end):
        # "a Boeing 777F", "the 13F filing": a bare F or C is Celsius or Fahrenheit only in weather, and a
        # farad or a coulomb among electrical words ("2.5 F and the voltage across it was 5 volts")
        electric = unit.start > end and _ELECTRIC_CUE.search(text, s_start, s_end)
        unit = UnitMatch(unit.start, unit.end, _ELECTRIC_UNITS[unit.text], unit.text) if electric else None
    if mention.kind != "vague" and _excluded(text, mention, before, after, currency, unit, s_start):
        return None
    q_start = currency.start if currency is not None else start
    q_end = unit.end if unit is not None else currency.end if currency is not None and currency.end > end else end
    approx = mention.approx
    hedge = hedge_before(text, q_start) if currency is not None else None
    if hedge is not None and hedge[0] >= s_start and mention.kind != "range":
        approx = hedge[2]
    if mention.kind == "range":
        approx = "range"
    if mention.kind == "vague":
        approx = "about"
        q_end = _skip_of(text, end)
        unit = unit_after(text, q_end, s_end)  # "hundreds of thousands of euros"
        if unit is not None and unit.unit in TIME_UNITS:
            unit = None
        elif unit is not None:
            q_end = unit.end
    unit_match = currency or unit
    norm = unit_match.unit if unit_match is not None else None
    if norm is None and (
        _is_age(text, mention, before, after)
        or ("age" in before[-8:] and _AGED_BEFORE.search(before[-8:]))
        or _pronoun_age(mention, before, after)
    ):
        norm = "year of age"
    if norm is None and mention.value is not None and 0 < mention.value < 10 and _magnitude_cue(text, mention):
        # "a 6.4 quake", "magnitude-6.4", "M7.4": the size of an earthquake
        norm = "magnitude" if _is_magnitude(text, mention, s_start, s_end) else None
    if norm == "pound" and mention.scaled:
        norm = "GBP"  # "361 million pounds" is money, "25 pounds" a weight
    unit_text = unit_match.text if unit_match is not None else None
    if mention.kind == "vague":
        unit_text = mention.text.lower() + " of"
    if norm is not None and currency is None:
        rate = _RATE.match(text, q_end, s_end)
        per_unit = _per_unit(text, q_end, s_end) if rate is None else None
        if rate is not None:
            norm = f"{norm} per {_per(rate.group('per'))}"
            q_end = rate.end()
        elif per_unit is not None:  # "37.8 microgrammes per gramme": any unit of the table after "per"
            norm = f"{norm} per {per_unit.unit}"
            q_end = per_unit.end
        elif norm not in TIME_UNITS and text.startswith(" of ", q_end):
            rate = _RATE_PAST_KIND.match(text, q_end, s_end)
            if rate is not None:  # the kind stays outside the quantity's span: it is what is measured
                norm = f"{norm} per {_per(rate.group('per'))}"
    elif currency is not None:
        # "$86 million dollars" is rare, but "$3,500 a month" is common.
        rate = _RATE.match(text, end, s_end)
        if rate is not None:
            norm = f"{norm} per {_per(rate.group('per'))}"
            q_end = rate.end()
    if unit_match is not None and norm in CURRENCIES and mention.value is not None:
        if unit_match.text.lower() in _MILLION_CODES:  # "30 MUSD", "MAUD 60": millions in finance shorthand
            mention.value *= 1e6
        elif unit is not None and not mention.scaled:
            scale = _SCALE_AFTER_UNIT.match(text, q_end, s_end)
            if scale is not None:  # "75 USD million"
                mention.value *= _SCALE_FACTORS[scale.group(1).lower()]
                q_end = scale.end()
    if unit is not None and norm in CURRENCIES and mention.value is not None and float(mention.value).is_integer():
        cents = _CENTS.match(text, q_end, s_end)
        if cents is not None:  # "3 dollars 50 cents", "15 dollars and 50"
            amount = parse_number(cents.group("n"))
            if amount is not None and 0 < amount < 100 and float(amount).is_integer():
                mention.value += amount / 100
                q_end = cents.end()
    if norm == "foot" and mention.value is not None:
        inches = _FEET_INCHES.match(text, q_end, s_end)
        if inches is not None:  # "5 feet 2 inches", "12 ft 2 in"
            mention.value += float(inches.group(1)) / 12
            q_end = inches.end()
    duration = unit is not None and unit.unit in TIME_UNITS and currency is None
    value = mention.value if mention.kind != "range" else None
    low = mention.low if mention.kind == "range" else None
    high = mention.high if mention.kind == "range" else None
    if mention.kind == "vague":
        value, low, high = mention.low, None, None
    quantity = Quantity(
        start=q_start,
        end=q_end,
        text=text[q_start:q_end],
        value=value,
        low=low,
        high=high,
        approx=approx,
        unit=norm,
        unit_text=unit_text,
    )
    item = Found(quantity=quantity, mention=mention, duration=duration, unit_match=unit_match)
    if hedge is not None and hedge[0] >= s_start:
        item.mention.hedge_start = hedge[0]
    _read_concept(text, item, s_start, s_end)
    if quantity.unit is None and mention.kind == "cardinal":
        hyphened = _HYPHENED_NOUN.match(text, mention.end, s_end)
        if hyphened is not None:  # "a two-car garage", "from three-point range": the number counts cars, points
            item.noun = hyphened.group("noun")
        rate = _COUNT_RATE.match(text, quantity.end, s_end)
        if rate is not None:  # "an average of 20 per week", "2,000 tickets a day": a count in each period
            quantity.qualifiers.append(f"per {rate.group('period').lower()}")
    if norm == "magnitude":
        quantity.concept = "earthquake"
        item.noun = None
    lone_one = mention.words and value == 1 and norm is None and not mention.scaled
    if lone_one and (item.noun is None or _ONE_OF.match(text, mention.end)):
        return None  # "one of them", "the one you mentioned"
    _read_places(text, item, s_start, s_end)
    _read_direction(text, item, s_start)
    return item


_RANK_BEFORE = _lazy(
    r"\b(?:rank(?:ed|s|ing)?|placed?|places|finish(?:ed|es)?|came|comes|come|sits|sat|stands|stood|"
    r"(?:slipped|slips|rose|rises|fell|falls|dropped|drops|climbed|climbs|moved|moves|jumped|jumps)(?:\s+up|\s+down)?\s+to)"
    r"\s+(?:at\s+|in\s+|as\s+)?(?:the\s+)?(?:No\.\s*)?\Z",
    re.IGNORECASE,
)
_RANK_AFTER = _lazy(
    r"\s+(?:of|out\s+of)\s+(?:the\s+|all\s+)?(?P<n>\d+|[a-z]+)\b(?:\s+(?P<noun>[a-z]+s)\b)?"
    r"|\s+(?:among|nationally|nationwide|overall|in\s+the\s+(?:nation|country|state|league|region|world|rankings?|"
    r"table|standings|list))\b"
)
_NOT_RANK_AFTER = _lazy(rf"\s*(?:-|century|centuries|anniversary|birthday|time|floor|round|day|week|{_MONTH}\b)", re.I)


# The last three letters of the words _RANK_BEFORE ends with: a cheap test before it.
_RANK_ENDS = frozenset("ked nks ing ced ace ces hed hes ame mes ome its sat nds ood to at in as the No.".split())
_COUNT_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty hundred".split()
)


def _read_rank(text: str, mention: NumberMention, s_start: int, s_end: int) -> Found | None:
    """ "ranked 12th of 14", "finished third", "12th among the states": a place in a ranking is a checkable
    fact (unit "rank"); other ordinals ("the 12th of March", "the 19th century", "a second suspect") are not."""
    if mention.value is None or _NOT_RANK_AFTER().match(text, mention.end, s_end):
        return None
    head = text[max(s_start, mention.start - 30) : mention.start]
    ranked = _RANK_BEFORE().search(head) if head.rstrip()[-3:].lower() in _RANK_ENDS else None
    after = _RANK_AFTER().match(text, mention.end, s_end)
    if after is not None and after.group("n") is not None:
        n = after.group("n")
        total = float(n) if n.isdigit() else parse_number(n) if n in _COUNT_WORDS else None
        if total is None or total < mention.value:
            after = None  # "the 12th of those": no ranking
    if ranked is None and after is None:
        return None
    quantity = Quantity(
        start=mention.start,
        end=mention.end,
        text=mention.text,
        value=mention.value,
        approx="exact",
        unit="rank",
        unit_text=mention.text,
        concept=after.group("noun") if after is not None and after.group("noun") else None,
    )
    item = Found(quantity=quantity, mention=mention)
    _read_places(text, item, s_start, s_end)
    return item


_RATE = re.compile(
    r"\s*(?:-\s*)?(?:per|a|an|/)(?:\s*-)?\s*(?P<per>day|week|month|year|annum|hour|minute|second|share|dozen|"
    r"gallon|barrel|gram|ounce|"
    r"person|capita|head|night|kilogram|kg|pound|litre|liter|tonne|ton|mile|kilometre|kilometer|sq\s*ft|mmbtu|btu|"
    r"cm|kwh|mwh|"
    r"square\s+foot|square\s+metre|square\s+meter|century|decade)\b(?!\s+(?:earlier|ago|before|after|later|from))",
    re.IGNORECASE,
)


# A measure of a stuff told per period past the stuff: "2.4 billion gallons of jet fuel a year".
_RATE_PAST_KIND = re.compile(
    r"\s+of\s+(?:(?!(?:in|for|of|at|on|from|to|by|and|or|the|a|an)\b)[a-z][\w-]*\s+){1,3}?"
    r"(?:per|a|an)\s+(?P<per>day|week|month|year|annum)\b(?!\s+(?:ago|earlier|later|before|after|on|in|of)\b)",
)


_PER_WORD = re.compile(r"\s*(?:per|/)\s*")


def _per_unit(text: str, pos: int, end: int) -> UnitMatch | None:
    """A unit of the table after "per" or "/" ("per gramme", "/cm²"), or None; never a currency, a unit
    that is already a rate, or "per cent"."""
    match = _PER_WORD.match(text, pos, end)
    if match is None or text.startswith(("per cent", "per-cent"), match.start() + match.group().find("p")):
        return None
    unit = unit_after(text, match.end(), end)
    if unit is None or unit.start != match.end() or unit.unit in CURRENCIES or " per " in unit.unit:
        return None
    return unit


def _per(written: str) -> str:
    """The unit a rate is per, by its normalised name: "per kg" -> "kilogram", "per share" -> "share",
    "per annum" -> "year"."""
    if written.lower() == "annum":
        return "year"
    unit = unit_after(written, 0)
    return unit.unit if unit is not None and unit.end == len(written) else written.lower()


def _excluded(
    text: str,
    mention: NumberMention,
    before: str,
    after: str,
    currency: UnitMatch | None,
    unit: UnitMatch | None,
    s_start: int,
) -> bool:
    """True for numbers that are not quantities: years, days, clock times, phones, handles, ids."""
    raw = mention.text
    if mention.kind == "range":
        return _excluded_range(text, mention, before, after)
    prev_char = text[mention.start - 1 : mention.start]
    if (prev_char and prev_char in "@#/") or (
        prev_char == "-"
        and text[mention.start - 2 : mention.start - 1].isalpha()
        and not _SUB_MINUS.search(text, max(0, mention.start - 11), mention.start)
    ):
        return True
    if not mention.words and unit is None and _GLUED_AFTER.match(after):
        return True  # "5G", "4x4", "1990s", "A380"
    if after[:1] == "-" and _STAT_AFTER.match(after):
        return True  # "29-of-34", "7-for-14": a statistic, not a count
    tail = before[-16:]
    stripped = tail.rstrip()
    # The word before the number decides most exclusions; a cheap look at it spares the searches.
    last_word = stripped[stripped.rfind(" ") + 1 :].lstrip("([\"'“‘—–-")
    last_lower = last_word.lower().rstrip(".,")
    if (after.lstrip()[:1] in _CLOCK_STARTS and _CLOCK_AFTER.match(after)) or (
        tail[-1:] in ":." and tail[-2:-1].isdigit()
    ):
        return True
    if not mention.words:
        window = text[max(0, mention.start - 8) : mention.end + 9]
        if ("-" in window or ")" in window or "+" in window) and (
            _ISO_DATE.search(window) or (currency is None and _PHONE.search(window) and _PHONE_JOIN.search(window))
        ):
            return True  # an ISO date or a phone number
        if currency is None and last_lower in _CALL_WORDS and _CALL_BEFORE.search(tail):
            return True
    if currency is None and unit is None:
        month_like = last_word[:1].isupper()
        if month_like and _MONTH_BEFORE.search(tail) and mention.value is not None and 1 <= mention.value <= 31:
            return True
        if mention.value is not None and 1 <= mention.value <= 31 and _MONTH_AFTER.match(after):
            return True
        if (_is_year(mention, after) or (last_lower in _YEAR_WORDS and _is_year(mention, ""))) and not (
            last_lower == "of" and _AMOUNT_OF.search(tail)
        ):
            return True  # a year; but "an average of 1500", "a total of 2000" are amounts
        if (month_like or "#" in tail or "№" in tail) and _ID_BEFORE.search(before[-24:]):
            return True
        capital = _CAPITAL_BEFORE.search(before) if any(c.isupper() for c in last_word[:3]) else None
        # "Route 9", "Stage 4", "the Big Ten": a number right after a name is part of the name.
        if capital is not None and (not mention.words or mention.text[0].isupper()):
            word = capital.group("word")
            word_start = mention.start - len(before) + capital.start("word")
            at_sentence_start = not text[s_start:word_start].strip()
            if (
                word not in _NOT_ID_WORDS
                and not word.endswith(("'s", "’s"))  # "Westmarch's 14 counties": a possessive, not a name
                and not (at_sentence_start and word.lower() in _STOP)
                and not _MONTH_WORD.fullmatch(word)
                and not _gapped(text, s_start, word_start, mention)
            ):
                return True
    return raw[:1] == "0" and bool(_LEADING_ZERO.fullmatch(raw))  # "0142", "007": codes, not counts


_GAP_LEAD = re.compile(r"(?:,|\band|\bwhile|\bbut)\s+\Z")
_GAP_END = re.compile(r"\s*(?:[,.;)]|and\b|\Z)")
_COUNT_WITH_NOUN = re.compile(r"\d\s+(?:[a-z]+\s+)?[a-z]{3,}s\b")


def _gapped(text: str, s_start: int, word_start: int, mention: NumberMention) -> bool:
    """ "Ravensport will lose 520 jobs and Dunmore 380": a name and a number that repeat an earlier
    count's verb and noun are a place and a count, not a name with a number."""
    return (
        not mention.words
        and "." not in mention.text
        and bool(_GAP_LEAD.search(text, max(s_start, word_start - 8), word_start))
        and bool(_GAP_END.match(text, mention.end))
        and bool(_COUNT_WITH_NOUN.search(text, s_start, word_start))
    )


_ISO_OR_CODE = re.compile(r"\d{4}-\d\d-\d\d|(?<!\d)0\d")
_YEAR_SPAN = re.compile(r"\d{4}\s*[-–]\s*\d{2,4}")


def _excluded_range(text: str, mention: NumberMention, before: str, after: str) -> bool:
    low, high = mention.low or 0, mention.high or 0
    if _ISO_OR_CODE.search(text, max(0, mention.start - 8), mention.end + 3):
        return True  # an ISO date or a code with a leading zero
    if mention.text.count("-") == 1 and _YEAR_SPAN.fullmatch(mention.text):
        return True  # "2017-18", "1995-2001": a span of years, the date extractor's
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True
    if _CLOCK_AFTER.match(after):
        return True
    return bool(1800 <= low <= 2100 and 1800 <= high <= 2100 and float(low).is_integer() and "," not in mention.text)


def _is_year(mention: NumberMention, after: str) -> bool:
    value = mention.value
    if value is None or mention.words or mention.grouped or mention.scaled or mention.hedge is not None:
        return False
    if not (1000 <= value <= 2200 and float(value).is_integer() and len(mention.text) == 4):
        return False
    return not _YEAR_AFTER_OK.match(after) or bool(_AND_TO.match(after))


# "one of the victims", "a one-story house": "one" as a pronoun or in a compound is not a count.
_ONE_OF = re.compile(r"\s+of\b|-")
_TEMPERATURE_CUE = re.compile(
    r"temperature|degree|weather|heat|cold|warm|hot|cool|fever|thermostat|oven|freez|boil|melt|high of|low of|°",
    re.IGNORECASE,
)
_ISO_CODE = re.compile(r"[A-Z]{3}")
_ELECTRIC_CUE = re.compile(
    r"\b(?:volt(?:s|age)?|amps?|amperes?|amperage|ohms?|capacit(?:or|ors|ance)|coulombs?|farads?|"
    r"electr(?:ic|ical|ode|odes|on|ons)|circuits?|resistors?|inductors?|batter(?:y|ies))\b",
    re.IGNORECASE,
)
_ELECTRIC_UNITS = {"F": "farad", "C": "coulomb"}
_MILLION_CODES = frozenset({"musd", "meur", "mgbp", "maud"})
_SCALE_AFTER_UNIT = re.compile(r"\s+(million|billion|trillion)\b", re.IGNORECASE)
_CENTS = re.compile(r"\s+(?:and\s+)?(?P<n>\d{1,2}|[a-z]+(?:[- ][a-z]+)?)(?:\s+cents?\b|(?=\s*(?:[.,;!?]|$|\s+more\b)))")
_AGED_BEFORE = re.compile(r"\b(?:aged?|ages)\s+\Z", re.IGNORECASE)
_FEET_INCHES = re.compile(r"\s+(?:and\s+)?(\d{1,2}(?:\.\d+)?)\s*(?:inches|inch|in\b\.?|\"|″)")
_AGE_BEFORE = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s\Z")
_AGE_AFTER = re.compile(r",\s+(?:a|an|the|who|said|says|is|was|has|had|now|will|from|of)\b")


#: "magnitude 7", "a magnitude of 5.9", and the magnitude a source gives ("puts the magnitude at 6.1",
#: "revised the magnitude to 6.0", "the magnitude was 6.1").
_MAGNITUDE_BEFORE = re.compile(r"(?:(?i:\bmagnitude(?:\s+(?:of|at|to|as|was|is|of\s+about))?)[-\s]|(?<![A-Za-z])Mw?)\Z")
_MAGNITUDE_AFTER = re.compile(r"(?i:[-\s](?:magnitude\b|on\s+the\s+richter\b))")
_QUAKE_AFTER = re.compile(r"(?i:[-\s](?:quake|earthquake|tremor|temblor|aftershock)s?\b)")


_MEASURING_BEFORE = re.compile(r"\bmeasur(?:ing|ed|es)\s+(?:at\s+)?\Z")
_QUAKE_IN_SENTENCE = re.compile(r"(?i:quake|tremor|temblor|aftershock|seismi)")
_QUAKE_WORDS = ("agnitude", "uake", "remor", "emblor", "ichter")


def _magnitude_cue(text: str, mention: NumberMention) -> bool:
    """A cheap test before the magnitude expressions: a quake word near the number, or an M glued to it."""
    if text[mention.start - 1 : mention.start] in ("M", "w"):
        return True
    window = text[max(0, mention.start - 12) : mention.end + 16]
    return "easur" in window or any(word in window for word in _QUAKE_WORDS)


def _is_magnitude(text: str, mention: NumberMention, s_start: int, s_end: int) -> bool:
    """ "magnitude 7", "magnitude-6.4", "M7.4", "a 6.4-magnitude quake", "a 6.4 quake" (not "2 quakes"),
    "aftershocks ..., the strongest measuring 4.8"."""
    if mention.words or mention.kind != "cardinal":
        return False
    if _MAGNITUDE_BEFORE.search(text, max(0, mention.start - 22), mention.start):
        return True
    if (
        "." in mention.text
        and _MEASURING_BEFORE.search(text, max(0, mention.start - 14), mention.start)
        and _QUAKE_IN_SENTENCE.search(text, s_start, s_end)
    ):
        return True
    if text[mention.end : mention.end + 1] not in ("-", " "):
        return False
    if _MAGNITUDE_AFTER.match(text, mention.end, s_end):
        return True
    return "." in mention.text and bool(_QUAKE_AFTER.match(text, mention.end, s_end))


def _is_age(text: str, mention: NumberMention, before: str, after: str) -> bool:
    """ "Okafor, 58, now leads ...": a person's age in the news style of name, age, comma."""
    value = mention.value
    if value is None or mention.words or not (1 <= value <= 110) or not float(value).is_integer():
        return False
    name = _AGE_BEFORE.search(before)
    if name is None or name.group().split(",")[0].split()[-1] in _US_STATES:
        return False
    return bool(_AGE_AFTER.match(after))


#: A person's pronoun, then "is", "was", "will be", "turned" ... right before a bare number.
_PRONOUN_AGE_BEFORE = re.compile(
    r"(?<![\w'’])(?:[Hh]e|[Ss]he|I)\s+(?:is|was|am|will\s+be|would\s+be|['’]s|turns|turned|will\s+turn|"
    r"(?:has|had)\s+turned)\s+(?:now\s+|only\s+|just\s+|about\s+|nearly\s+|almost\s+|around\s+)?\Z"
)
#: ... and the number ends its phrase: nothing is counted after it.
_PRONOUN_AGE_AFTER = re.compile(
    r"\s*(?:[.,;:!?)]|\Z|\s+(?:by|in|on|at|when|next|this|last|and|or|but|until|before|after|if|years?)\b)"
)


def _pronoun_age(mention: NumberMention, before: str, after: str) -> bool:
    """ "He will be 35 by the end of the year", "she turned 40 in May": a bare whole number that a
    person's pronoun is said to be or turn is that person's age."""
    value = mention.value
    if value is None or not (1 <= value <= 110) or not float(value).is_integer():
        return False
    return bool(_PRONOUN_AGE_BEFORE.search(before[-40:])) and bool(_PRONOUN_AGE_AFTER.match(after))


def _skip_of(text: str, pos: int) -> int:
    match = _OF_WORD.match(text[pos : pos + 4])
    return pos + match.end() if match else pos


def _noun_phrase(text: str, pos: int, end: int, limit: int = 4) -> tuple[list[str], int]:
    """Content words from ``pos``: a short noun phrase ("illegal immigrants", "homes damaged")."""
    words: list[str] = []
    stop = pos
    while len(words) < limit:
        match = _WORD.match(text, stop, end)
        if match is None:
            break
        word = match.group("word")
        lower = word.lower()
        if lower == "and" and words and not _is_plural(words[-1]):
            coordinated = _COORDINATED.match(text, match.end(), end)
            if coordinated is not None and _is_plural(coordinated.group("noun")):
                stop = match.end()  # "Ford and Nissan vans", "boxed and online editions"
                limit = max(limit, len(words) + len(coordinated.group().split()))  # "Model S and Model X vehicles"
                continue
        if (lower in _STOP and not (word.isupper() and len(word) > 1)) or lower in _VERBS:
            break  # "the city fleet" goes on
        if lower.endswith("ing") and _DETERMINER_AFTER.match(text, match.end(), end):
            break  # "is around 73 raising the prospect": a verb taking its object, not a counted noun
        if _THAN_AFTER.match(text, match.end(), end) and not known(lower, "n"):
            break  # "around 25k or 40k cheaper than": a comparative, not what is counted
        if word[0].isdigit() and (not words or words[-1].lower().endswith(("'s", "’s"))):
            break  # "of the bridge's 40 steel beams": the number after a possessive is a count of its own
        if (
            words
            and (lower in _PAST_VERBS or (lower.endswith("ed") and _PAST_ED.fullmatch(lower)))
            and not _is_plural(words[-1])
        ):
            break  # "a 6.4 quake hit", "the 40 percent stake rattled": a verb after a singular noun
        if words and word[0].isupper() and not word.isupper() and _is_plural(words[-1]) and "." not in word:
            break  # "42 countries During ..." or a place after the noun; "three other Corvane plants" goes on
        if words and _is_plural(words[-1]):
            if lower.endswith("ed") and len(lower) > 4:
                words.append(word)  # a participle after the noun: "homes damaged", "people arrested"
                stop = match.end()
            break  # "seats available", "members nationwide"
        words.append(word)
        stop = match.end()
    return words, stop


_PREDICATE_STARTS = frozenset(
    "we ar wa is ha wi th wh".split()
)  # the first letters of the words _PREDICATE starts with
_PREDICATE = re.compile(
    r"\s*(?:(?:(?:were|are|was|is|have\s+been|has\s+been|had\s+been|will\s+be|(?:that|which)(?:\s+were|\s+had\s+been)?)"
    r"\s+(?:also\s+|all\s+|now\s+)?(?P<word>(?!been\b)[a-z]{3,}(?:ed|en))\b)"
    r"|(?:had|have|has)\s+(?:an?|no)\s+(?=[a-z]))"
)
_PAST_ED = re.compile(r"[a-z]{3,}ed")
_DETERMINER_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|our|this|these|those|some)\s")
_THAN_AFTER = re.compile(r"\s+than\b")
_PAST_VERBS = frozenset("hit struck shook rocked left killed sent forced drew brought caught".split())
# "of" and a bare noun after a counted noun says what kind: "categories of products", not "members of the board".
_OF_KIND = re.compile(
    r"\s+of\s+(?!(?:the|a|an|its|their|his|her|our|my|your|this|that|these|those|them|us|whom|which|all|some|"
    r"any|each|every|both|it|him|me|you)\b)(?=[a-z])"
)
_OF_WHOLE_NUMBER = re.compile(r"\s+of\s+(?:the\s+|all\s+)?\d[\d,.]*(?=\s+[a-z])")
_WHOLE_AFTER_PART = re.compile(r"\d\s+of\s+(?:the\s+|all\s+)?\Z")
_COORDINATED = re.compile(r"\s+(?:[A-Za-z][\w-]*\s+){0,2}?(?P<noun>[a-z]{3,}s)\b")
_FRACTION_OF = re.compile(r"\s+(?:of\s+)?(?:the|its|their|his|her|our|all\s+the)\s+")
_PLURALS = frozenset("people persons men women children staff police cattle".split())


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower.endswith(("'s", "’s")):
        return False  # a possessive goes on to its noun: "the company's plants"
    return lower in _PLURALS or (len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")))


# A count told per period after it, past a short noun phrase: "20 per week", "2,000 new tickets a day"
# (not "a year ago", not "20 people died in a day").
_COUNT_RATE = re.compile(
    r"(?:\s+(?!(?:in|for|within|of|during|over|under|after|before|by|at|on|from|to|with|than|that|which|who|"
    r"and|or|but|is|are|was|were|be|been|has|have|had|will|would)\b)[A-Za-z][\w'’-]*){0,3}?"
    r"\s+(?:per|a|an|each|every)\s+"
    r"(?P<period>day|week|month|year|hour|minute|second|decade|quarter|season|night|game)\b"
    r"(?!\s+(?:ago|earlier|later|before|after|on|in|of)\b)",
    re.IGNORECASE,
)
# A number joined by a hyphen to a noun that modifies another noun: "a two-car garage", "three-point range".
_HYPHENED_NOUN = re.compile(r"-(?P<noun>[a-z]{2,})(?=\s+[a-z])")
# A number inside the whole a fraction is of: "two-thirds of the combined 4.3M digital and physical sales".
_NUMBER_IN_WHOLE = re.compile(
    r"\s*\d[\d,.]*(?:\s*(?:[KMB]|bn|mn|thousand|million|billion|trillion)\b)?(?=\s+[A-Za-z])", re.IGNORECASE
)


def _read_concept(text: str, item: Found, s_start: int, s_end: int) -> None:
    quantity = item.quantity
    pos = quantity.end
    if item.mention.kind == "vague":
        pos = _skip_of(text, item.mention.end)
    if item.mention.kind == "fraction" and quantity.unit is None:
        whole = _FRACTION_OF.match(text, pos, s_end)
        if whole is not None:  # "half the flats", "one fifth of the city fleet"
            words, stop = _noun_phrase(text, whole.end(), s_end, limit=3)
            number = _NUMBER_IN_WHOLE.match(text, stop, s_end) if len(words) < 2 else None
            if number is not None:  # "of the combined 4.3M digital and physical sales": the sales are the whole
                words = _noun_phrase(text, number.end(), s_end, limit=3)[0] or words
                words = words[:-1] if len(words) > 1 and words[-1].lower().endswith("ed") else words
            if words:
                item.noun = " ".join(words)
                quantity.concept = item.noun.lower()
                return
    if quantity.unit is not None and quantity.unit not in ("percent",):
        match = _OF_THE.match(text[pos : pos + 10])
        if match is None:
            words, _ = _noun_phrase(text, pos, s_end, limit=3)
            if words and quantity.unit in TIME_UNITS:
                return
            quantity.concept = " ".join(words).lower() or None
            return
        pos += match.end()
    if text.startswith(" of ", pos) and quantity.unit is None:
        whole = _OF_WHOLE_NUMBER.match(text, pos, s_end)
        if whole is not None:
            pos = whole.end()  # "1,734 of 41,280 kindergartners had ...": the part counts what the whole counts
    paren = _PAREN_OR.match(text, pos, s_end) if text[pos : pos + 2].lstrip()[:1] in "(,—" else None
    if paren is not None:
        pos = paren.end()
    partitive = _PARTITIVE_AFTER.match(text, pos, s_end)
    if partitive is not None:
        ref, tail = partitive.group("ref"), partitive.group("tail").strip()
        if tail and ref in ("them", "which", "whom"):
            quantity.qualifiers.append(f"of {ref}")
            quantity.concept = tail.lower()  # "312 of them destroyed": the whole's noun is added by _relate
            return
        quantity.qualifiers.append(f"of {ref} {tail}".strip())
        pos = partitive.end()
    dash = _DASH_LEAD.match(text, pos, s_end)
    if dash is not None:
        pos = dash.end()
    copula = _COPULA.match(text, pos, s_end)
    if copula is not None:
        words, _ = _noun_phrase(text, copula.end(), s_end)
        if words:
            if len(words) == 1 and words[0].lower().endswith(("ed", "en")):
                quantity.concept = words[0].lower()  # filled with the whole's noun by _relate
                item.noun = None
                return
            quantity.concept = " ".join(words).lower()
        return
    verb = _VERB_AFTER.match(text, pos, s_end)
    if verb is not None and (verb.group("verb") in _VERBS or _PARTICIPLE_ED.fullmatch(verb.group("verb"))):
        verb_end = verb.end()
        article = _ARTICLE.match(text, verb_end, s_end)  # "had a criminal conviction"
        object_words, _ = _noun_phrase(text, article.end() if article else verb_end, s_end)
        # "40 printed maps", "42 confirmed cases": a participle before a plural noun is an adjective.
        adjective = verb.group("verb") not in _VERBS and not article and object_words and _is_plural(object_words[-1])
        if adjective:
            if partitive is None:
                item.noun = " ".join([verb.group("verb"), *object_words])
            quantity.concept = " ".join([verb.group("verb"), *object_words]).lower()
            return
        if verb.group("verb") in _VERBS or object_words:
            phrase = [verb.group("verb"), *object_words]
            quantity.concept = " ".join(phrase).lower().strip() or None
        return
    of_np = _OF_NP.match(text, pos, s_end)
    if of_np is not None and partitive is None:
        words, _ = _noun_phrase(text, of_np.end(), s_end)
        if words:
            quantity.qualifiers.append(text[pos : of_np.end()].strip())
            noun = words[:-1] if len(words) > 1 and words[-1].lower().endswith("ed") else words
            owner = of_np.group().split()[-1]
            if owner.endswith(("'s", "’s")):
                noun = [owner, *noun]  # "two of Johnson's deputies" counts Johnson's deputies
            item.noun = " ".join(noun)
            quantity.concept = " ".join(words).lower()
            return
    words, stop = _noun_phrase(text, pos, s_end)
    if words:
        if _is_plural(words[-1]):
            complement = _OF_KIND.match(text, stop, s_end)
            if complement is not None:  # "12 bottles of wine", "30 crates of apples"
                more, stop = _noun_phrase(text, complement.end(), s_end, limit=2)
                words = [*words, "of", *more] if more else words
        if partitive is None:
            noun = words[:-1] if len(words) > 1 and words[-1].lower().endswith("ed") else words
            item.noun = " ".join(noun)
        if _is_plural(words[-1]) and text[stop : stop + 2] in (", ", " (", " —"):
            restated = _PAREN_OR.match(text, stop, s_end)  # "1,734 kindergartners, or 4.2 percent, had ..."
            stop = restated.end() if restated is not None else stop
        if (
            _is_plural(words[-1])
            and text[stop : stop + 6].lstrip()[:2] in _PREDICATE_STARTS
            and not _WHOLE_AFTER_PART.search(text, max(0, quantity.start - 14), quantity.start)
        ):  # the predicate of "312 of the 1,140 homes were destroyed" is said of the part, not the whole
            words = [*words, *_predicate(text, stop, s_end)]
        quantity.concept = " ".join(words).lower()


def _predicate(text: str, pos: int, end: int) -> list[str]:
    """What a count's predicate says of it: "114 buildings were damaged" -> "damaged", "1,734 kindergartners
    had a medical exemption" -> "medical exemption". It tells one count of a noun from another."""
    match = _PREDICATE.match(text, pos, end)
    if match is None:
        return []
    if match.group("word") is not None:
        return [match.group("word")]
    words, _ = _noun_phrase(text, match.end(), end, limit=3)
    return words


_STATE_IN_BRACKETS = re.compile(r"\s+\(State\s+([A-Z][a-z]+)\)$")


def _clean_place(place: str, text: str = "", opens_at: int = -1, sentence_end: int = 0) -> str | None:
    """The place a matched run of capitalised words names, or None. ``opens_at``: where the run starts
    when it opens its sentence, so that a common word capitalised there ("Residents", "Closer") is
    left out of it (-1 when it does not open the sentence)."""
    if opens_at >= 0:
        lead = len(place) - len(place.lstrip())
        if opens_with_common_word(text, opens_at + lead, sentence_end):
            rest = place.lstrip().split(None, 1)
            place = rest[1] if len(rest) > 1 else ""
    place = place.strip().rstrip(",")
    if place.endswith(("'s", "’s")):
        place = place[:-2]  # "Westmarch's 14 counties"
    state = _STATE_IN_BRACKETS.search(place) if "(State" in place else None
    if state is not None:
        place = place[: state.start()] + ", " + state.group(1)
    if "," in place:
        head, _, tail = place.partition(",")
        if tail.strip() not in _US_STATES:
            place = head
    words = place.split()
    if words and words[-1].endswith(".") and words[-1].count(".") == 1 and words[-1] not in _US_STATES:
        words[-1] = words[-1][:-1]  # the sentence's full stop
    while words and words[0] in _NOT_PLACES:
        words = words[1:]
    while words and words[-1].lower() in _SITE_WORDS:
        words = words[:-1]
    while words and words[-1] in _NOT_PLACES:
        words = words[:-1]
    if any(w in _ORGANISATION_WORDS for w in words):
        return None
    if len(words) == 1 and words[0].endswith(_ABSTRACT_ENDINGS):
        return None  # "Exemptions: 1,734" heads a list of a kind, not of a place
    if not words:
        return None
    place = " ".join(words)
    if place in _NOT_PLACES or (place.isupper() and len(place) > 1 and "." not in place):
        return None
    return place


def _read_places(text: str, item: Found, s_start: int, s_end: int) -> None:
    quantity = item.quantity
    full_start = item.mention.full_start if item.mention.hedge_start >= 0 else quantity.start
    full_start = min(full_start, quantity.start)
    before = text[max(s_start, full_start - 80) : full_start]
    tail = before.rstrip()
    linked = bool(tail) and (tail[-1] in _LINK_MARKS or tail.endswith(_LINK_WORDS) or ", where " in before)
    if linked and tail[-1] == "," and ", where " not in before and not any(v in before for v in _COMMA_LINK_VERBS):
        linked = False  # after a comma a place links only through one of these verbs: spare the search
    match = None
    if linked:
        for start in _PLACE_START.finditer(before):
            match = _PLACE_BEFORE.fullmatch(before, start.start())
            if match is not None:
                break
    if match is None and tail[-1:].isalpha() and tail[: tail.rfind(" ")].endswith((",", " and", " while", " but")):
        match = _GAPPED_PLACE().search(before)  # "520 jobs and Dunmore 380"
    if match is not None:
        at = full_start - len(before) + match.start("place")
        place = _clean_place(match.group("place"), text, _opening(text, s_start, at), s_end)
        if place is not None:
            quantity.places.append(place)
    after = text[quantity.end : min(s_end, quantity.end + 60)]
    if not quantity.places and s_start < full_start:
        subject = _subject_place(text, s_start, full_start)
        if subject is not None:
            quantity.places.append(subject)
            return
    has_prep = " in " in after or " to " in after or " at " in after
    match = _PLACE_AFTER.match(after) if has_prep and not after.islower() else None
    if match is not None and (match.end() < len(after) or quantity.end + 60 >= s_end):
        place = _clean_place(match.group("place"))
        if place is not None and place not in quantity.places:
            quantity.places.append(place)
            prep = _PREP_END.search(after[: match.start("place")])
            if prep is not None:
                quantity.qualifiers.append(f"{prep.group(1)} {place}")


def _subject_place(text: str, s_start: int, number_start: int) -> str | None:
    """The place a sentence opens with, when nothing but lower-case words stand between it and the number:
    "In Ulveno, 24 died", "Dunmoor County had the lowest rate, at 83.6 percent" (not "Smith said 24")."""
    global _subject_memo
    memo = _subject_memo
    if memo[0] is text and memo[1] == s_start:
        found = memo[2]
    else:
        found = _sentence_place(text, s_start)
        _subject_memo = (text, s_start, found)  # the quantities of one sentence share its subject
    if found is None or found[1] > number_start or _NOT_SUBJECT_GAP.search(text, found[1], number_start):
        return None
    return found[0]


_SUBJECT_PREPS = frozenset({"In", "At", "Across", "Throughout"})
_subject_memo: tuple[str | None, int, tuple[str, int] | None] = (None, -1, None)
_NOT_SUBJECT_GAP = re.compile(r"[A-Z;:]|[.!?]\s")


def _sentence_place(text: str, s_start: int) -> tuple[str, int] | None:
    """The place that opens the sentence at ``s_start`` and where its words end, or None."""
    opening = text[s_start : s_start + 60].lstrip(' "“')
    if not opening[:1].isupper():
        return None
    words = opening.replace(",", " ").split(None, 8)[:8]
    first = words[0]
    if first not in _SUBJECT_PREPS and first not in _US_STATES and _PLACE_KINDS.isdisjoint(words):
        return None  # cheap tests before the place expression
    match = _SUBJECT_PLACE().match(text, s_start)
    if match is None:
        return None
    raw = match.group("place")
    words = raw.split()
    if match.group("prep") is not None:
        if not match.group("gap").startswith(","):
            return None
    elif words[-1] not in _PLACE_KINDS and raw not in _US_STATES:
        return None
    at = match.start("place")
    place = _clean_place(raw, text, _opening(text, s_start, at), len(text))
    return (place, match.end()) if place is not None else None


def _opening(text: str, s_start: int, at: int) -> int:
    """``at`` when only quotation marks and spaces stand between the sentence start and it, else -1."""
    return at if not text[s_start:at].strip(' \t\n"“(') else -1


_SIGN_WORD = re.compile(r"\b(?:minus|negative)[\s-]*\Z", re.IGNORECASE)


def _read_direction(text: str, item: Found, s_start: int) -> None:
    quantity = item.quantity
    start = item.mention.full_start if item.mention.hedge_start >= 0 else quantity.start
    start = min(start, quantity.start)
    before = text[max(s_start, start - 40) : start]
    if quantity.value is not None and quantity.value < 0:
        before = _SIGN_WORD.sub("", before)  # "dip down to minus-130 degrees": the verb is before the sign
    stripped = before.rstrip()
    word = stripped[stripped.rfind(" ") + 1 :].lower()
    if word not in _DIRECTION_LAST_WORDS:  # cheap test before the search
        if word == "to":
            _read_level_direction(before, quantity)
        return
    match = _DIRECTION.search(before)
    if match is None:
        return
    verb = match.group("verb").lower()
    # "cut 1,850 jobs" and "lost $5 million" are amounts; "shed 42 points" and "cut by 3%" are changes.
    if verb in _NEEDS_BY and " by" not in match.group().lower() and quantity.unit not in _INDEX_UNITS:
        return
    if verb in ("up", "down") and _PHRASAL_BEFORE.search(before, 0, match.start("verb")):
        return  # "gave up 210 yards", "set up 3 teams"
    if quantity.approx == "range":
        return  # "widened from 2.5 to 3.0 mm": the range is the change
    quantity.direction = "down" if verb in _DOWN else "up"


_LEVEL_DIRECTION = re.compile(
    r"\b(?P<verb>" + word_trie(_DIRECTION_VERBS) + r")"
    r"\s+to\s+\Z",  # "fell to 49.5"; after a change ("rose 2% to 3,410") the level is told as it is
    re.IGNORECASE,
)


def _read_level_direction(before: str, quantity: Quantity) -> None:
    """A level reached with no change told takes the verb's direction ("fell to 49.5 Hz" is a fall to it)."""
    match = _LEVEL_DIRECTION.search(before)
    if match is None or quantity.approx == "range":
        return
    verb = match.group("verb").lower()
    if verb in ("up", "down") and _PHRASAL_BEFORE.search(before, 0, match.start("verb")):
        return
    quantity.direction = "down" if verb in _DOWN else "up"


def _merge_unit_ranges(text: str, found: list[Found]) -> None:
    """Join "3% and 7%" after "between", "$40 and $45", "5% to 6%" into one range quantity."""
    i = 0
    while i + 1 < len(found):
        first, second = found[i].quantity, found[i + 1].quantity
        gap = text[first.end : second.start]
        lead = _BETWEEN_FROM.search(text[max(0, first.start - 9) : first.start])
        joiner = _UNIT_RANGE_JOIN.fullmatch(gap)
        if joiner is None and lead is not None and lead.group(1).lower() == "from":
            joiner = _FROM_TO_GAP.fullmatch(gap)
        # "widened by $2.1 billion to $17.8 billion" is a change and a level, not a range.
        by = bool(_BY_BEFORE.search(text, max(0, first.start - 12), first.start))
        same_unit = (
            first.unit is not None
            and second.unit is not None
            and (first.unit == second.unit or first.unit == second.unit.split(" per ")[0])
        )
        # "from 180 pounds to 171": the second number takes the first one's unit.
        bare_second = (
            first.unit is not None and second.unit is None and lead is not None and lead.group(1).lower() == "from"
        )
        if (
            joiner is not None
            and (same_unit or bare_second)
            and first.value is not None
            and second.value is not None
            and (joiner.group("dash") is not None or lead is not None or (joiner.group("word") == "to" and not by))
            and not found[i].duration
        ):
            low = first.value
            factor = _scale_factor(found[i + 1].mention.text) if found[i + 1].mention.scaled else None
            if factor and not found[i].mention.scaled and abs(low) < 10 * abs(second.value) / factor:
                low *= factor  # "$3 to $5 billion", but "$300 to $2 million" stays 300
            first.low, first.high, first.value = low, second.value, None
            first.unit = second.unit or first.unit
            first.approx = "range"
            first.end = second.end
            first.text = text[first.start : first.end]
            first.concept = first.concept or second.concept
            for place in second.places:
                if place not in first.places:
                    first.places.append(place)
            del found[i + 1]
            continue
        i += 1


_LEVEL_BEFORE = re.compile(r"\b(?:to|at)\s+(?:a\s+close\s+of\s+|(?:end|close|finish|settle)\s+at\s+)?\Z")
_ALTERNATIVE_GAP = re.compile(r"\s*(?:or|to|and|-|–)\s*")
_OR_AND_GAP = re.compile(r"\s*(?:or|and)\s*")
_LIST_GAP = re.compile(r"\s*,\s*")  # "2.5, 3.1 and 4.0 percent": a list whose last items share a unit
_DIMENSION_GAP = re.compile(r"\s*(?:by|x|×)\s*")
_NO_SHARING = frozenset({"percent", "percentage point", "basis point", "rank", "year of age", *TIME_UNITS})
# The same measure at another time, its unit left out: "1.4 degrees in 2018 and 2.1 last year",
# "5.1 percent in May and 5.3 in June".
_ELLIPSIS_BEFORE = re.compile(r"(?:\band|\bversus|\bvs\.?|\bagainst|compared\s+(?:with|to))\s+\Z")
_ELLIPSIS_AFTER = re.compile(
    r"\s+(?:(?:last|this|next|the\s+previous|the\s+prior)\s+(?:year|month|week|quarter|season)\b"
    r"|(?:a|one)\s+(?:year|month|week|quarter)\s+(?:earlier|before|ago)\b"
    r"|(?:in|during|by)\s+(?:\d{4}\b|" + _MONTH + r"))",
    re.IGNORECASE,
)


def _share_units(text: str, found: list[Found]) -> None:
    """A bare number takes the unit the sentence gave its neighbour: the level a change reached
    ("rose 12.5 points to 3,410.2", "lost 0.8% to end at 2,104.50" after "1,980.12 points"), the numbers
    joined before a number with a unit ("6 or $7", "3.5 and 4.2 percent", "2.5, 3.1 and 4.0 percent")
    and the first side of a dimension ("5 by 10 feet"); a small number just before a scaled one shares
    its scale ("$2 or $3 billion")."""
    for item, after in pairwise(found):
        first, second = item.quantity, after.quantity
        if (
            item.mention.kind == "cardinal"
            and first.end == item.mention.end  # nothing written after the first number: "$2 or $3 billion"
            and after.mention.scaled
            and not item.mention.scaled
            and first.value is not None
            and first.value < 1000
            and first.unit in (None, second.unit)
            and item.noun is None
            and _OR_AND_GAP.fullmatch(text, first.end, second.start)
        ):
            factor = _scale_factor(after.mention.text)
            if factor is not None:  # "$2 or $3 billion", "5 or 6 million users": both are billions, millions
                first.value *= factor
    if all(f.quantity.unit is None for f in found):
        return
    shared: set[int] = set()  # the positions given a unit by the number after them ("3.1 and 4.0 percent")
    for index in range(len(found) - 2, -1, -1):
        item, following = found[index], found[index + 1].quantity
        quantity = item.quantity
        if quantity.unit is not None or item.noun is not None or item.duration or item.mention.kind != "cardinal":
            continue
        if following.unit is None or following.unit in ("rank", "year of age"):
            continue
        if _ALTERNATIVE_GAP.fullmatch(text, quantity.end, following.start) or (
            index + 1 in shared and _LIST_GAP.fullmatch(text, quantity.end, following.start)
        ):  # "6 or $7", "3.5 and 4.2 percent", "2.5, 3.1 and 4.0 percent"
            quantity.unit = following.unit
            quantity.unit_shared = True
            shared.add(index)
        elif following.unit != "percent" and _DIMENSION_GAP.fullmatch(text, quantity.end, following.start):
            quantity.unit = following.unit  # "5 by 10 feet"
            quantity.unit_shared = True
    for index, item in enumerate(found):
        quantity = item.quantity
        if quantity.unit is not None or item.noun is not None or item.duration or item.mention.kind != "cardinal":
            continue
        if (
            quantity.concept is None
            and text[quantity.start - 3 : quantity.start] in ("to ", "at ", "of ")
            and _LEVEL_BEFORE.search(text, max(0, quantity.start - 24), quantity.start)
        ):
            earlier = next(
                (f.quantity for f in reversed(found[:index]) if f.quantity.unit and f.quantity.unit not in _NO_SHARING),
                None,
            )
            # a level takes index points from anywhere in the sentence, another unit only from its own clause
            # ("held 61.4 MPa, while the index climbed 0.1% to 1,333.18": no pressure)
            other_clause = earlier is not None and re.search(r"[,;]", text[earlier.end : quantity.start])
            if earlier is not None and earlier.unit != "point" and other_clause:
                earlier = None
            if earlier is not None and earlier.unit not in CURRENCIES:
                quantity.unit = earlier.unit
                quantity.unit_shared = True
        elif index > 0 and found[index - 1].quantity.unit not in (None, "rank", "year of age", "magnitude"):
            previous = found[index - 1]
            earlier = previous.quantity
            if (
                not previous.duration
                and earlier.unit not in CURRENCIES
                and _ELLIPSIS_BEFORE.search(text, max(earlier.end, quantity.start - 16), quantity.start)
                and _ELLIPSIS_AFTER.match(text, quantity.end)
                and not re.search(r"[;:]|\d", text[earlier.end : max(earlier.end, quantity.start - 16)])
            ):
                quantity.unit = earlier.unit
                quantity.unit_shared = True


def _scale_factor(number: str) -> float | None:
    match = _SCALE_WORD.search(number)
    return _SCALE_FACTORS[match.group(1).lower()] if match else None


_SCALE_WORD = re.compile(r"(thousand|million|billion|trillion|bn|mn|tn|k|m|b)\W*$", re.IGNORECASE)
_SCALE_FACTORS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9}
_SCALE_FACTORS |= {"trillion": 1e12, "tn": 1e12}


def _relate(text: str, found: list[Found], sentences: list[tuple[int, int]]) -> None:
    """Second pass: part_of, percent part and base, partitives, inherited concepts, list headings."""
    from factdiff.analyse.text import sentence_of

    previous_of: dict[int, Found] = {}  # each item's predecessor, to look further back than one step
    frame: Quantity | None = None  # "Of the 498 people arrested, ..." opens a frame for its paragraph
    frame_paragraph = -1
    previous: Found | None = None
    for item in found:
        quantity = item.quantity
        sentence = sentence_of(sentences, quantity.start)
        paragraph = text.rfind("\n\n", 0, quantity.start)
        if frame is not None and paragraph != frame_paragraph:
            frame = None
        before_in_sentence = text[sentence[0] : quantity.start]
        opener = _OF_FRAME.match(before_in_sentence)
        if opener is not None and quantity.unit is None:
            frame, frame_paragraph = quantity, paragraph
            previous = item
            continue
        is_count = quantity.unit is None and not item.duration
        # "312 of the 1,140 homes": this number is a part of the next one.
        if is_count and previous is not None and previous is not item:
            pass
        if is_count and frame is not None and quantity is not frame and quantity.number < frame.number:
            quantity.part_of = frame.number
        partitive_ref = any(q.startswith("of ") for q in quantity.qualifiers) or _OF_THOSE_START.match(
            before_in_sentence
        )
        if is_count and partitive_ref:
            whole = _whole_for(found, item, text)
            if whole is not None:
                if quantity.part_of is None and whole.quantity.number > quantity.number:
                    quantity.part_of = whole.quantity.number
                head = _head(whole.quantity.concept)
                concept = quantity.concept
                if head and (concept is None or _PARTICIPLE.fullmatch(concept)):
                    quantity.concept = f"{head} {concept}" if concept else head
        if quantity.unit == "percent":
            _relate_percent(text, item, previous, found)
        if previous is not None and previous.quantity.start >= sentence[0]:
            _inherit_from_previous(text, item, previous)
        if is_count and quantity.concept is None:
            _inherit_concept(text, item, previous, sentence, previous_of)
        elif is_count and quantity.concept and _PARTICIPLE.fullmatch(quantity.concept):
            frame_noun = _FRAME_NOUN.match(text, sentence[0], quantity.start)
            if frame_noun is not None:  # "Of the affected positions, 600 will be transferred"
                quantity.concept = f"{frame_noun.group('noun').lower()} {quantity.concept}"
                item.noun = frame_noun.group("noun")
        if previous is not None:
            previous_of[id(item)] = previous
        previous = item


_BY_ONLY = re.compile(r",\s+(?:[A-Z][\w&.'’-]*\s+){1,3}by\s+")
_CONVERSION_GAP = re.compile(r"\s*(?:\(|,\s*or\s+|/\s*)")


def _inherit_from_previous(text: str, item: Found, previous: Found) -> None:
    """A conversion or restatement keeps the hedge and the direction of what it restates: "more than
    300 kilometers (186 miles)", "shed 42 points, or 1.3%". In "rose 5% to $17" the $17 is a level, no change."""
    quantity, before = item.quantity, previous.quantity
    gap = text[before.end : quantity.start]
    if _CONVERSION_GAP.fullmatch(gap):
        if quantity.approx == "exact" and before.approx not in ("exact", "range"):
            quantity.approx = before.approx
        if quantity.direction is None:
            quantity.direction = before.direction
    elif quantity.direction is None and before.direction is not None and _BY_ONLY.fullmatch(gap):
        quantity.direction = before.direction  # "were down 1.4%, Harlow by 2.0%"


def _position(found: list[Found], item: Found) -> int:
    """The index of ``item`` itself (not of an equal one) in ``found``."""
    return next(i for i, other in enumerate(found) if other is item)


def _has_own_share(found: list[Found], count: Found) -> bool:
    """ "48,212 votes, or 52.6 percent, to 41,905 votes, or 45.7 percent": a count that carries its own
    percentage is a sibling of the next one, not the whole it is a share of."""
    number = count.quantity.number
    return any(f.quantity.unit == "percent" and f.quantity.percent_part == number for f in found)


def _whole_for(found: list[Found], item: Found, text: str) -> Found | None:
    """The quantity a partitive ("of them", "of those arrested", "Of those,") refers back to."""
    index = _position(found, item)
    tail = next((q for q in item.quantity.qualifiers if q.startswith("of ")), "")
    participle = tail.split()[-1] if tail and tail.split()[-1].endswith("ed") else None
    # "86 of the people arrested": the whole is the earlier count of the same noun.
    noun = item.noun.lower().split() if item.noun and tail in ("of the", "of those", "of these", "of all") else None
    for other in reversed(found[:index]):
        q = other.quantity
        if q.unit is not None or other.duration or q.concept is None:
            continue
        if noun is not None:
            words = set(q.concept.split())
            wanted = set((item.quantity.concept or "").split())
            same = wanted <= words or q.concept == noun[0]  # "people arrested" or plain "people"
            if same and q.number > item.quantity.number:
                return other
            continue
        if participle is not None:
            stem = participle[:-2]
            if stem and stem in q.concept:
                return other
            continue
        if q.number > item.quantity.number:
            return other
    return None


def _head(concept: str | None) -> str | None:
    if not concept:
        return None
    words = concept.split()
    while len(words) > 1 and words[-1].endswith(("ed", "en")):
        words = words[:-1]
    if words and words[0] in _VERBS:
        return None
    return " ".join(words)


def _relate_percent(text: str, item: Found, previous: Found | None, found: list[Found]) -> None:
    quantity = item.quantity
    gap_before = text[previous.quantity.end : quantity.start] if previous is not None else ""
    same_sentence = previous is not None and not _SENTENCE_END.search(gap_before)
    restated = _PERCENT_GAP.fullmatch(gap_before) or (
        same_sentence
        and len(gap_before) < 90
        and _PERCENT_LEAD.search(text, max(0, quantity.start - 12), quantity.start)
    )
    if previous is not None and previous.quantity.unit is None and not previous.duration and restated:
        quantity.percent_part = previous.quantity.number
        if previous.quantity.part_of is not None:
            quantity.percent_of = previous.quantity.part_of
        elif previous is not None:
            whole = _whole_for(found, previous, text)
            if whole is not None and not _has_own_share(found, whole):
                quantity.percent_of = whole.quantity.number
        return
    of_number = _OF_BEFORE_NUMBER.match(text[quantity.end : quantity.end + 20])
    index = _position(found, item)
    if of_number is not None and index + 1 < len(found):
        nxt = found[index + 1].quantity
        if nxt.start - quantity.end <= 16 and nxt.unit is None:
            quantity.percent_of = nxt.number


def _inherit_concept(
    text: str, item: Found, previous: Found | None, sentence: tuple[int, int], previous_of: dict[int, Found]
) -> None:
    quantity = item.quantity
    line_start = text.rfind("\n", 0, quantity.start) + 1
    line_end = text.find("\n", quantity.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if ":" in line and (_LIST_ITEM.match(line.replace(item.quantity.text, "")) or _LIST_LINE.match(line)):
        heading = _list_heading(text, line_start)
        if heading is not None:
            quantity.concept = heading
            return
    before = text[max(sentence[0], quantity.start - 40) : quantity.start]
    noun_before = _NOUN_BEFORE.search(before)
    if noun_before is not None and noun_before.group("noun").lower() not in _STOP:
        # "the most arrests, 107"
        quantity.concept = item.noun = noun_before.group("noun").lower()
        return
    # "to three other plants: 250 to Ashby" lists what moves, not plants; a duration counts nothing.
    while previous is not None and (
        previous.duration
        or (
            ":" in text[previous.quantity.end : quantity.start]
            and _PREP_BEFORE.search(text, max(0, previous.quantity.start - 8), previous.quantity.start)
        )
    ):
        previous = previous_of.get(id(previous))
    if previous is not None and previous.noun and previous.quantity.unit is None:
        gap = text[previous.quantity.end : quantity.start]
        if previous.quantity.start >= sentence[0] and not previous.duration and ";" not in gap:
            quantity.concept = previous.quantity.concept
            item.noun = previous.noun
            own = _predicate(text, quantity.end, sentence[1])
            if own:  # "114 buildings that collapsed and 1,930 that were damaged"
                quantity.concept = " ".join([previous.noun.lower(), *own])
            return
    frame = _FRAME_NOUN.match(text, sentence[0], quantity.start)
    if frame is not None:  # "Of the affected positions, 600 will be transferred"
        quantity.concept = item.noun = frame.group("noun").lower()


def _list_heading(text: str, line_start: int) -> str | None:
    """The concept of a list's heading line ("Arrests by area:" -> "arrests") above ``line_start``."""
    pos = line_start
    for _ in range(40):
        prev_end = pos - 1
        if prev_end <= 0:
            return None
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        pos = prev_start
        if not line:
            continue
        if line.endswith(":") and not re.search(r"\d", line):
            words, _ = _noun_phrase(line, 0, len(line) - 1, limit=3)
            return " ".join(words).lower() or _plural_in(line)
        if ":" not in line:
            # A short heading line over a list: "Where the arrests happened".
            if len(line) <= 60 and not line.endswith((".", "?", "!")) and not re.search(r"\d", line):
                return _plural_in(line)
            return None
    return None


_LINE_WORD = re.compile(r"[A-Za-z][A-Za-z&'’.-]*")


def _plural_in(line: str) -> str | None:
    for word in _LINE_WORD.findall(line):
        lower = word.lower()
        if lower not in _STOP and _is_plural(lower):
            return lower
    return None
