"""Report dates assigned to date slots: the same day, a changed day of the same event (by the
words of the sentences), the statement's own day ("said Thursday"), or a weekday that
contradicts its date."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from factdiff.align.checks import two_days, weekday_contradicts
from factdiff.align.facts import Fact, at_in_sentence
from factdiff.align.labels import _SPEECH_BEFORE
from factdiff.align.slots import Match, Slot
from factdiff.align.words import _DATE_WORDS, _WORD, STOPWORDS, lemma

#: Context similarity (rapidfuzz token_set_ratio of the sentences' content words) above which a
#: report's other date is taken to date the same event as a source date.
DATE_CONTEXT = 40.0


#: How much better another source date's sentence must fit before a date equal to one source date
#: is read as a changed date of the other event.
DATE_MARGIN = 15.0


#: Plain words two date sentences must share at the least to be about one event.
DATE_SHARED_WORDS = 2


_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")


def _match_date(
    fact: Fact,
    slots: list[Slot],
    announced: set[str],
    beside: set[str | None] | None = None,
    heard: Heard | None = None,
) -> None:
    """``beside``: the other dates of the same sentence. A sentence that dates two events
    ("killed by Tuesday's earthquake ... rose to 46 on Thursday") fits the source's sentences of
    both, so a date is not read as another of them that the sentence states itself.
    ``heard``: per slot, other reports' sentences that give the slot's own day (a first pass):
    they name the event in their words too, so a report's "foiled a pirate attack ... on Friday"
    is recognised as the attack the source dates in other words, and its day as changed."""
    beside = beside or set()
    heard = heard or {}
    value = getattr(fact.claim, "value", None) or ""
    if not _CALENDAR.match(value):
        return  # weeks ("this week"), clock times and seasons are not compared
    written_year = bool(re.search(r"\b(?:1[89]|20)\d\d\b", fact.claim.text))
    if len(value) == 4 and not written_year:
        return  # "the 2025-26 school year": a year read from two digits is not a date to compare
    announcement = next(
        (s for s in slots if s.source is not None and getattr(s.source.claim, "value", None) in announced), None
    )
    before = fact.sentence[: max(0, fact.sentence.find(fact.claim.text))]
    if announcement is not None and len(value) == 10 and _SPEECH_BEFORE.search(before):
        # "the agency said Wednesday": the day of the statement, whatever else the source dates.
        relation = "same" if getattr(announcement.source.claim, "value", None) == value else "changed"
        if relation == "same" or _nearest_day(value or "", [announcement]) is not None:
            announcement.matches.setdefault(fact.article, []).append(Match(fact, relation, 100.0))
            return
    equal: Slot | None = None
    best: tuple[float, Slot] | None = None
    taken = False
    for slot in slots:
        source_value = getattr(slot.source.claim, "value", None) if slot.source else None
        if source_value is None or len(value) < 7 <= len(source_value) or len(value) > len(source_value):
            continue  # years against years; a month ("in July") against the source's days and months
        coarser = len(value) < len(source_value)
        source_value = source_value[: len(value)]
        score = _date_context(fact, slot, heard=heard)
        # A date written without its year ("May", "June 12") is the source's date of that month
        # and day: the year the extractor gave it is a guess.
        same_day = source_value == value or (not written_year and source_value[4:] == value[4:])
        if same_day and (equal is None or _date_context(fact, slot, 1, heard) > _date_context(fact, equal, 1, heard)):
            equal = slot
        elif source_value in beside and score >= DATE_CONTEXT:
            taken = True  # the sentence's words belong to its other date, which the source has
        elif (
            not same_day
            and not coarser
            and len(value) > 4
            and (best is None or score > best[0])
            and _same_event(fact, slot)
            and not _in_other_period(value, slot, slots)
            and _a_slip(value, source_value)
            and not (_ahead(fact) and not _ahead(slot.source))
        ):
            # A month is not read as a changed day: which of the source's days it would be is
            # too uncertain. Nor is a year a changed year: a bare year in news dates the past (a
            # career, an award, an earlier case), and two of them in like sentences are most
            # often two events.
            best = (score, slot)
    if taken and equal is not None:
        best = None  # keep the equal date: the sentence's other date explains its words
    if equal is not None:
        # The same day as one source date, unless the sentence plainly dates another event of
        # the source ("crested early Saturday" where the crest was Sunday and Saturday a death).
        equal_score = _date_context(fact, equal, 1, heard)  # one word in common is enough to keep an equal date
        announcement = equal.source is not None and getattr(equal.source.claim, "value", None) in announced
        if announcement or not (best and best[0] >= DATE_CONTEXT and best[0] - equal_score >= DATE_MARGIN):
            equal.matches.setdefault(fact.article, []).append(Match(fact, "same", 100.0))
            return
    if best is not None and best[0] >= DATE_CONTEXT:
        best[1].matches.setdefault(fact.article, []).append(Match(fact, "changed", best[0]))
        return
    if weekday_contradicts(fact):
        # "Monday, April 7" for Monday, April 6: a weekday that contradicts its own date is a
        # changed date of the nearest source day.
        nearest = _nearest_day(value or "", slots)
        if nearest is not None:
            nearest.matches.setdefault(fact.article, []).append(Match(fact, "changed", 0.0))


#: Words that put what a date dates ahead of the report: "will be introduced at a Tuesday news
#: conference", "advances to play Saturday", "is scheduled to be sentenced on March 3".
_AHEAD = re.compile(
    r"\b(?:will|shall|['’]ll|(?:is|are|was|were)\s+(?:scheduled|expected|set|due|slated|going)\s+to|"
    r"plans?\s+to|planning\s+to|advances?\s+to|next|upcoming|coming)\b",
    re.IGNORECASE,
)


def _ahead(fact: Fact | None) -> bool:
    """Whether the date's clause speaks of something to come (see :data:`_AHEAD`): a report's such
    date is another event than a day the source dates without looking ahead, not that day
    misstated ("advances to play Saturday" against "scored 23 points Friday"). Asked of the
    report's date; the source's only to see that it too looks ahead."""
    if fact is None:
        return False
    sentence, at = fact.sentence, at_in_sentence(fact)
    if at < 0:
        return False
    if _POSSESSIVE_EVENT.match(sentence, at + len(fact.claim.text)):
        return False  # "after ... Wednesday's election": the date names its own event
    lo = max(sentence.rfind(",", 0, at), sentence.rfind(";", 0, at), 0)
    words = list(re.finditer(r"\S+", sentence[lo:at]))
    if len(words) > AHEAD_REACH:
        lo += words[-AHEAD_REACH].start()
    return bool(_AHEAD.search(sentence, lo, at))


#: Words before a date within which a word of what is to come governs it.
AHEAD_REACH = 8


#: Days within which two dates may be one event's date misstated whatever parts differ: a
#: weekday confused, a time zone, a day counted from the wrong end.
SLIP_DAYS = 7


def _a_slip(value: str, source_value: str) -> bool:
    """Whether a report's day may be the source's day misstated: within :data:`SLIP_DAYS`, or
    differing in one part only (the year, the month or the day of the month: "June 24" for
    "July 24", "2016" for "2017"). Days apart in two parts and by more than a week ("June 24,
    2007" against "June 20, 2005"; "October 10" against "August 16") are two events."""
    days = two_days(value, source_value)
    if days is None:
        return True
    ours, theirs = days
    if abs((ours - theirs).days) <= SLIP_DAYS:
        return True
    parts = (ours.year != theirs.year, ours.month != theirs.month, ours.day != theirs.day)
    return sum(parts) <= 1


def _in_other_period(value: str, slot: Slot, slots: list[Slot]) -> bool:
    """Whether the day falls in a week or month that the source gives in the same sentence as the
    slot's day ("fired last week ... walked into his old office Monday"): a report's "fired last
    Thursday" states that period's event, not a changed day of the other."""
    source = slot.source
    if source is None or len(value) != 10:
        return False
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    year, week, _ = day.isocalendar()
    for other in slots:
        theirs = other.source
        period = getattr(theirs.claim, "value", None) if theirs is not None else None
        if other is slot or not period or theirs.sentence != source.sentence:
            continue
        if period == f"{year}-W{week:02d}" or (len(period) == 7 and value.startswith(period)):
            return True
    return False


#: A date that names its event in the possessive: "after Monday's derailment", "Tuesday's deadly storm".
_POSSESSIVE_EVENT = re.compile(r"['’]s\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?")


#: ... or after its noun: "after the derailment on Monday".
_EVENT_ON = re.compile(r"\b(?:after|since|before|following)\s+(?:the|a|an|last)\s+([a-z][a-z-]+)\s+(?:on\s+)?$", re.I)


def _date_event(fact: Fact) -> frozenset[str]:
    """The words of the event a date names ("Monday's derailment", "after the derailment on
    Monday"), or none."""
    text = fact.sentence
    at = text.find(fact.claim.text)
    if at < 0:
        return frozenset()
    found = _POSSESSIVE_EVENT.match(text, at + len(fact.claim.text)) or _EVENT_ON.search(text[:at])
    if not found:
        return frozenset()
    return frozenset(lemma(w) for w in found.groups() if w and w not in STOPWORDS)


def _same_event(fact: Fact, slot: Slot) -> bool:
    """Whether a report's date may be another day of the slot's event: a date that names its
    event ("after Monday's derailment") is not the date of a source sentence that does not name
    it (the statement announced on Wednesday)."""
    event = _date_event(fact)
    if not event:
        return True
    mentions = [m.fact for ms in slot.matches.values() for m in ms if m.relation == "source"] or [slot.source]
    return any(m is not None and event & _plain_words(m.sentence or m.context) for m in mentions)


def _nearest_day(value: str, slots: list[Slot], within: int = 7) -> Slot | None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    best: tuple[int, Slot] | None = None
    for slot in slots:
        other = getattr(slot.source.claim, "value", None) if slot.source else None
        try:
            gap = abs((dt.date.fromisoformat(other) - day).days) if other and len(other) == 10 else None
        except ValueError:
            gap = None
        if gap is not None and gap <= within and (best is None or gap < best[0]):
            best = (gap, slot)
    return best[1] if best else None


#: Per slot, the plain words of other reports' sentences that give the slot's day, each with the
#: reports that wrote them (see :func:`_match_date`).
Heard = dict[str, list[tuple[frozenset[str], frozenset[str]]]]

#: At most this many of those sentences (the most widely written first) are read per slot: a
#: story of hundreds of reports repeats a few wordings many times.
HEARD_LIMIT = 24


def heard_sentences(facts_by_slot: dict[str, list[Fact]]) -> Heard:
    """:data:`Heard` from the report facts that give each slot's day."""
    heard: Heard = {}
    for slot_id, facts in facts_by_slot.items():
        wordings: dict[frozenset[str], set[str]] = {}
        for fact in facts:
            words = _plain_words(fact.sentence)
            if words:
                wordings.setdefault(words, set()).add(fact.article)
        ranked = sorted(wordings.items(), key=lambda pair: (-len(pair[1]), sorted(pair[0])))
        heard[slot_id] = [(words, frozenset(articles)) for words, articles in ranked[:HEARD_LIMIT]]
    return heard


def _date_context(fact: Fact, slot: Slot, least: int = DATE_SHARED_WORDS, heard: Heard | None = None) -> float:
    """How well a report's date sentence fits any of the source's mentions of a slot's date, or
    of other reports' sentences that give that day (``heard``): the share of common words (names
    and date words left out, since a sentence's names say who speaks, not what happened on the
    day)."""
    mentions = [m.fact for ms in slot.matches.values() for m in ms if m.relation == "source"] or [slot.source]
    wordings = [
        _plain_words(m.sentence) if m.sentence else frozenset(m.context.split()) for m in mentions if m is not None
    ]
    wordings += [words for words, articles in (heard or {}).get(slot.id, ()) if articles != {fact.article}]
    mine = _plain_words(fact.sentence)
    best = 0.0
    for theirs in wordings:
        if mine and theirs:
            shared = len(mine & theirs)
            if shared >= least:
                best = max(best, 100.0 * shared / min(len(mine), len(theirs)))
    return best


@lru_cache(maxsize=65536)
def _plain_words(sentence: str) -> frozenset[str]:
    return frozenset(
        lemma(w)
        for w in _WORD.findall(sentence)
        if w[0].islower() and w not in STOPWORDS and w not in _DATE_WORDS and len(w) > 2
    )
