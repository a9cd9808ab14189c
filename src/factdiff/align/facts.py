"""The comparable facts of one report: each claim reduced to what alignment compares.

:func:`facts_of` turns an analysis into :class:`Fact` objects: the value and its unit, the counted
noun, the places, the words around the number, and readings the extractor leaves open (a
person's age, a rank, a fraction of a count, a field name of a notice, a noun elided in a
coordinated clause).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdiff import lexicon
from factdiff.align.measures import _unit
from factdiff.align.places import GENERIC_PLACES, place_key
from factdiff.align.words import (
    _CLOSED,
    _DATE_WORDS,
    _IRREGULAR_VERBS,
    _PERSON,
    _PREPOSITIONS,
    GENERIC_CONCEPTS,
    STOPWORDS,
    _people,
    concept_tokens,
    content_words,
    counts_members,
    lemma,
)
from factdiff.model import Analysis, Claim, DateClaim, Duration, Person, Quantity, Quote

_LIST_DASH = re.compile(r"^[-–—]\s")


#: Characters either side of a number whose words name what it counts ("a pre-tax restructuring
#: charge of $240 million").
NEAR_WIDTH = 30


@dataclass(slots=True)
class Fact:
    """A claim as alignment sees it: the comparable parts, already normalised."""

    article: str
    claim: Claim
    family: str  # "number" | "percent" | "date" | "person" | "quote"
    value: float | None = None
    unit: str | None = None  # normalised unit or None for a count
    approx: str = "exact"
    concept: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()
    context: str = ""  # content words of the sentence, numbers and dates out
    window: frozenset[str] = frozenset()  # content words close to the claim in its sentence
    near: frozenset[str] = frozenset()  # content words right next to the claim
    sentence: str = ""
    fraction_of: float | None = None  # "more than half of the 40 beams": a share of this count
    topic: frozenset[str] = frozenset()  # a figure under a field name ("Units: 186,400"): the title's words
    field: frozenset[str] = frozenset()  # ... and the field name's own words

    @property
    def in_post(self) -> bool:
        return self.claim.in_post


#: A noun and "of" right before a number, with an optional hedge: "a population of about 120,000";
#: or "home to", English's other way of giving a place's population ("Qeshm, home to 120,000 people").
_HEDGE_BEFORE = r"(?:(?:about|around|some|roughly|nearly|almost|over|more than)\s+)?$"
_NOUN_OF = re.compile(r"\b([A-Za-z]+)\s+of\s+" + _HEDGE_BEFORE)
_HOME_TO = re.compile(r"\bhome\s+to\s+" + _HEDGE_BEFORE, re.IGNORECASE)


def _body_of_people(text: str, claim: Claim) -> str | None:
    """The body of people a number counts the members of: "a population of 120,000", "a crowd of
    20,000", "a workforce of 3,000", and a place "home to 200,000 people" (its population). Only a
    group noun that the lexicon has as people (its most frequent sense a body of persons); "a fee
    of 38 million" or "a total of 91,680" name no people."""
    lead = text[max(0, claim.start - 40) : claim.start]
    if _HOME_TO.search(lead):
        return "population"
    found = _NOUN_OF.search(lead)
    if found is None:
        return None
    word = found.group(1).lower()
    if lexicon.primary_class(word) != "group" or not lexicon.is_person_noun(word):
        return None
    return lemma(word)


#: A person's home after the age apposition: "LaSalle, 36, of Bloomington" (or "from").
_HOME = re.compile(
    r",\s*(?:of|from)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\b(?=\s*[,.;)]|\s+(?:was|is|who|and)\b)"
)


def _adverb(word: str) -> bool:
    """A word in -ly that the lexicon has as no noun or verb ("heavily" of "23 heavily armed
    men", "reportedly"): it says how, never what is counted."""
    return word.endswith("ly") and not lexicon.known(word, "n") and not lexicon.known(word, "v")


def at_in_sentence(fact: Fact) -> int:
    """Where the claim stands in its sentence (-1 when it is not there): by its own offset, so
    that the second "three" of "three rifles, ... three outboard motors" is not read at the
    first."""
    claim = fact.claim
    if claim.sentence_start >= 0:
        at = claim.start - claim.sentence_start
        if at >= 0 and fact.sentence[at : at + len(claim.text)] == claim.text:
            return at
    return fact.sentence.find(claim.text)


def facts_of(analysis: Analysis) -> list[Fact]:
    """The comparable facts of one analysed report."""
    article = analysis.article
    text = article.text
    facts: list[Fact] = []
    quoted = [(c.quote_start, c.quote_end) for c in analysis.claims if isinstance(c, Quote) and c.direct]
    for claim in analysis.claims:
        sentence = text[claim.sentence_start : claim.sentence_end] if claim.sentence_start >= 0 else claim.text
        context = " ".join(
            _PERSON if _people(frozenset({w})) else w for w in content_words(sentence) if not w[0].isdigit()
        )
        if isinstance(claim, Quantity):
            unit = _unit(claim.unit)
            is_percent = unit == "percent"
            concept = frozenset(
                w for w in concept_tokens(_as_in(claim.concept, sentence)) if w != "percent" and not _adverb(w)
            )
            # A capitalised word inside the sentence is a name or a nationality ("23 Somali",
            # "11 Yemeni suspects"): it says whose, not what is counted.
            proper = {lemma(w) for w in re.findall(r"(?<=[a-z0-9,;] )[A-Z][a-z]+", sentence)}
            concept = concept - proper if concept - proper else concept
            head = _head_noun(_as_in(claim.concept, sentence))
            if head and (_people(frozenset({lemma(head)})) or counts_members(head) or lexicon.is_person_noun(head)):
                concept = concept | {_PERSON}  # "immigrants", "Americans", "26 crew": persons, as "people" are
            if not concept - GENERIC_CONCEPTS and claim.unit is None:
                body = _body_of_people(text, claim)
                if body:
                    concept = frozenset({body, _PERSON})  # "a population of 120,000": its people
            places = tuple(p for p in claim.places if place_key(p).split("|")[0] not in GENERIC_PLACES)
            numbered = _numbered_place(text, claim)
            if numbered and all(numbered.startswith(p) for p in places):
                places = (numbered,)  # "highest in Ward 6, at 58.3 percent": the ward, with its number
            label = _field_label(text, claim.start, claim.sentence_start)
            if label:
                # "Size: 14,860 acres", "Units: About 186,400": a notice's field name, not a place.
                places = tuple(p for p in places if p != label.group(1))
            topic = concept_tokens(article.title) if label and not concept else frozenset()
            field_words = concept_tokens(label.group(1)) if label and not concept else frozenset()
            value = claim.number
            if value < 0 and _LIST_DASH.match(claim.text):
                value = -value  # "- 498 people": a list item's dash read as a minus sign
            aged = unit is not None and "age" in unit
            whose = _age_of(text, claim) if unit is None or aged else None
            if whose:
                concept = frozenset({"age", whose.lower()})  # "Martin Keel, 54,": Keel's age
                unit = "age"
            elif aged:
                unit = "age"
            if unit == "age" and not places:
                home = _HOME.match(text, claim.end)
                if home:
                    places = (home.group(1),)  # "LaSalle, 36, of Bloomington": where the person lives
            elif unit == "rank":
                ranked = _RANKED.search(text, claim.sentence_start if claim.sentence_start >= 0 else 0, claim.start)
                concept = frozenset({"rank"})
                if ranked and not places:
                    places = (ranked.group(1),)  # "Dunmoor County ranked 13th": the rank's holder
            fraction_of = None
            whole = claim.part_of
            if whole is None and unit is None and 0 < value < 1:
                of = _FRACTION_OF.match(text, claim.end)  # "a third of the bridge's 30 girders"
                whole = float(of.group(1).replace(",", "")) if of else None
            if unit is None and 0 < value < 1 and whole and _FRACTION.search(claim.text):
                # "more than half of the steel beams": a share of a count, judged like a percentage.
                is_percent, unit, value, fraction_of = True, "percent", 100 * value, whole
            facts.append(
                Fact(
                    article=article.id,
                    claim=claim,
                    fraction_of=fraction_of,
                    topic=topic,
                    field=field_words,
                    family="percent" if is_percent else "number",
                    value=value,
                    unit=unit,
                    approx=claim.approx,
                    concept=concept,
                    places=places,
                    context=context,
                    window=_window_concept(text, claim),
                    near=_phrase_words(text, claim),
                    sentence=sentence,
                )
            )
        elif isinstance(claim, Duration):
            if claim.amount is None or _is_rate(text, claim):
                continue
            facts.append(
                Fact(
                    article=article.id,
                    claim=claim,
                    family="number",
                    value=claim.amount,
                    unit=_unit(claim.unit),
                    approx=claim.approx,
                    concept=frozenset(),  # what lasts is in the words around it, not in the unit
                    context=context,
                    window=_window_concept(text, claim),
                    near=_phrase_words(text, claim),
                    sentence=sentence,
                )
            )
        elif isinstance(claim, DateClaim):
            if claim.value and not _date_in_name(text, claim) and not _publication_line(text, claim):
                window = _window_concept(text, claim, 50)
                facts.append(
                    Fact(
                        article=article.id,
                        claim=claim,
                        family="date",
                        context=context,
                        window=window,
                        sentence=sentence,
                    )
                )
        elif isinstance(claim, Person):
            # A title inside a quotation is the speaker's word ("As president, Senator Obama will
            # fight ...", said in a campaign), not the report's own claim of the person's post.
            if claim.name and not any(a <= claim.start and claim.end <= b for a, b in quoted):
                facts.append(Fact(article=article.id, claim=claim, family="person", context=context, sentence=sentence))
        elif isinstance(claim, Quote) and claim.quote and len(claim.quote.split()) >= 2:
            facts.append(Fact(article=article.id, claim=claim, family="quote", context=context, sentence=sentence))
    _share_elided_nouns(text, facts)
    return facts


_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


def _as_in(concept: str | None, sentence: str) -> str | None:
    """The extractor's counted noun with the acronyms the sentence writes in capitals ("dui
    convictions" -> "DUI convictions"), so that they are not read as inflected words."""
    if not concept:
        return concept
    acronyms = {w.lower(): w for w in _ACRONYM.findall(sentence)}
    if not acronyms:
        return concept
    return " ".join(acronyms.get(w, w) for w in concept.split())


def _head_noun(concept: str | None) -> str | None:
    """The head of a counted noun phrase as written: its last word the lexicon knows as a noun
    ("injuries" in "minor burn injuries", "crew" in "Somali crew onboard", "people" in "people
    arrested", "personnel" in "personnel working")."""
    for word in reversed((concept or "").split()):
        if lexicon.known(word, "n") and not word.lower().endswith(("ed", "ing")):
            return word
    return None


_COORDINATED = re.compile(r"^[^.;:\d]{0,80}?(?:,\s*|\s)(?:and|or)\s+$")


_ELIDED_AFTER = re.compile(r"\s*(?:$|[,;.)]|(?:at|in|on|for|from|by)\b)")


def _share_elided_nouns(text: str, facts: list[Fact]) -> None:
    """A bare count in a coordinated clause counts what its sibling counts: in "132,900 were
    treated at Merriton General and 58,400 at Dunmore", the 58,400 were treated too."""
    previous: Fact | None = None
    for fact in facts:
        if fact.family != "number" or fact.claim.kind != "quantity":
            continue
        claim = fact.claim
        if (
            previous is not None
            and previous.claim.sentence_start == claim.sentence_start
            and previous.unit is None
            and fact.unit is None
            and previous.concept
            and not fact.concept
            and not getattr(claim, "concept", None)
            and _COORDINATED.match(text[previous.claim.end : claim.start])
            and _ELIDED_AFTER.match(text, claim.end)
        ):
            fact.concept = previous.concept
        previous = fact


_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z&'’-]*[ -]$")


#: A line that dates the page itself: "Published: Saturday, March 9", "Posted 2:13 pm", "Last
#: updated at 12:42 GMT". Each outlet's own; no fact of the story.
_PUBLICATION_LINE = re.compile(
    r"(?i:(?:first\s+)?(?:published|posted|updated|last\s+updated|last\s+modified|created|date))\b\s*(?:on|at)?\s*:?"
)


#: ... or a short line that ends with one ("16 September 2013 Last updated at 12:42 GMT").
_UPDATED_AFTER = re.compile(r"(?i:\b(?:last\s+)?updated\s+(?:at|on)\b)")


def _publication_line(text: str, claim: Claim) -> bool:
    """Whether the date stands in a line that dates the page (:data:`_PUBLICATION_LINE`)."""
    line_start = text.rfind("\n", 0, claim.start) + 1
    line_end = text.find("\n", claim.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    lead = text[line_start : claim.start]
    found = _PUBLICATION_LINE.match(lead.lstrip())
    if found is not None and len(lead) < 60 and "." not in lead[found.end() :].replace("a.m.", ""):
        return True
    return (len(line) < 80 and _UPDATED_AFTER.search(line) is not None) or _dateline(line, claim.text)


#: What a dateline holds besides its date: names in capitals (the place, the outlet), a clock time.
_DATELINE_WORD = re.compile(r"[A-Za-z][A-Za-z.'’&-]*|\d+(?::\d+)?")
_CLOCK = re.compile(r"(?i:\d{1,2}(?::\d\d)?|[ap]\.?m\.?)$")


def _dateline(line: str, date: str) -> bool:
    """A line that is only a date with a place or a clock time ("May 23, 2005", "WASHINGTON, DC,
    April 28, 2009", "Jan 5, 2011 - 4:35 PM"): the page's own date, no fact of the story."""
    line = line.strip()
    if not line or len(line) > 70 or date not in line:
        return False
    words = _DATELINE_WORD.findall(line.replace(date, " ", 1))
    return len(words) <= 6 and all(w[0].isupper() or _CLOCK.match(w) for w in words)


def _date_in_name(text: str, claim: Claim) -> bool:
    """A capitalised "Today" right after a capitalised word ends a name ("HealthSec Today reported",
    "USA Today"), not a date."""
    if claim.text.strip() != "Today":
        return False
    found = _NAME_BEFORE.search(text[max(claim.sentence_start, claim.start - 40, 0) : claim.start])
    if not found:
        return False
    return found.group(0).strip(" -").lower() not in STOPWORDS


#: A numbered district named just before a figure: "in Ward 6, at 58.3 percent".
_NUMBERED_PLACE = re.compile(r"\bin ([A-Z][a-z]+ \d{1,3})\b(?=[^.;:\d]{0,30}$)")


def _numbered_place(text: str, claim: Claim) -> str | None:
    start = max(claim.sentence_start, claim.start - 60, 0)
    found = _NUMBERED_PLACE.search(text[start : claim.start])
    if found is None or found.group(1).split()[0].lower() in _DATE_WORDS:
        return None
    return found.group(1)


#: A field name opening a line of a notice: "Units: About 186,400".
_FIELD_LABEL = re.compile(r"([A-Z][a-z]+(?: [a-z]+)?):\s")


_LATER_FIELD = re.compile(r"(?<=[.;] )([A-Z][a-z]+(?: [a-z]+)?):\s+(?:[A-Za-z]+\s+)?$")


#: A line of a list of names and figures ("Denver: 36"): the name is the figure's owner.
_LISTED_LINE = re.compile(r"[-–—•*]?\s*[A-Z][\w.’' ,]*:\s*[\d$€£]")


def _field_label(text: str, at: int, sentence_start: int) -> re.Match[str] | None:
    """The field name that opens the line or the sentence of position ``at``, unless the lines
    around it list names with figures in the same way."""
    start = text.rfind("\n", 0, at) + 1
    label = _FIELD_LABEL.match(text, start) or (
        _FIELD_LABEL.match(text, sentence_start) if sentence_start > 0 else None
    )
    if label is None or label.end() < at - 20:
        # "Size: 14,860 acres (6,014 hectares). Containment: 35 percent.": the field right before
        label = _LATER_FIELD.search(text, start, at) or label
    if label is None:
        return None
    end = text.find("\n", at)
    before = [line for line in text[:start].split("\n")[-3:] if line.strip()][-1:]
    after = [line for line in text[end:].split("\n")[:3] if line.strip()][:1] if end >= 0 else []
    return None if any(_LISTED_LINE.match(line.strip()) for line in before + after) else label


#: "Martin Keel, 54," "Keel, 45, was": a person's age after the name; "aged 54".
_AGE_BEFORE = re.compile(r"(?:\b([A-Z][a-z’'\-]+),\s*|\b([A-Z][a-z’'\-]+)\s*\(|\baged\s+)$")


_LISTED = re.compile(r"\b([A-Z][a-z’'\-]+)(?:,\s*|\s*\()\d+\b")


_AGE_AFTER = re.compile(r"^\s*(?:[,;.)]|$)")


_RANKED = re.compile(
    r"([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*)\s+(?:ranked|finished|placed|came|was|is|ranks|finishes)\s+"
    r"(?:[a-z]+\s+){0,2}$"
)


def _age_of(text: str, claim: Claim) -> str | None:
    """The surname whose age a bare number is ("Martin Keel, 54, ..."), else None."""
    if not claim.text.isdigit() or not 0 < int(claim.text) < 120:
        return None
    before = _AGE_BEFORE.search(text, max(0, claim.start - 40), claim.start)
    if before is None or not _AGE_AFTER.match(text[claim.end : claim.end + 3]):
        return None
    name = before.group(1) or before.group(2)
    if name is not None:
        # "Martin Keel, 54" or "Mr. Keel, 54": a first name or courtesy title before the surname,
        # and no preposition before the whole ("in Los Angeles, 101" is a place in a list).
        lead = text[max(0, before.start() - 30) : before.start()].split()
        opens = before.start() == claim.sentence_start  # "Valmar, 24, completed his medical"
        if not opens and (not lead or not (lead[-1][:1].isupper() or lead[-1] in ("Mr.", "Mrs.", "Ms.", "Dr."))):
            return None
        if not opens and len(lead) > 1 and lead[-2].lower() in _PREPOSITIONS:
            return None
        listed = _LISTED.finditer(text, claim.sentence_start, claim.sentence_end)
        if len([m for m in listed if m.group(1).lower() not in _DATE_WORDS]) > 1:  # not "Sunday, 12 July"
            return None  # "Los Angeles, 101; Denver, 63": a list of places and counts
    if name is None:  # "aged 54": the name before it in the sentence
        names = re.findall(r"\b[A-Z][a-z’'\-]+\b", text[max(0, claim.start - 80) : before.start()])
        name = names[-1] if names else None
    if name is None or name.lower() in _DATE_WORDS or name.lower() in _CLOSED:
        return None
    return name


_FRACTION = re.compile(r"\b(?:half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths)\b", re.I)


_FRACTION_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w’']+[’']s\s+)?(\d[\d,]*)\b")


_RATE_DURATION = re.compile(r"^(?:a|an|one|per|each|every)\s+[a-z]+$", re.I)


_BEFORE_WORD = re.compile(r"([\w$%,.]+)\s*$")


def _is_rate(text: str, claim: Claim) -> bool:
    """ "4,100 more vehicles a day", "$1.37 a share", "twice a year": "a day" after a noun or a
    number is part of a rate, not a length of time ("closed for a day", "spent a day" are)."""
    if not _RATE_DURATION.match(claim.text.strip()):
        return False
    if claim.text.split()[0].lower() in ("per", "each", "every"):
        return True
    before = _BEFORE_WORD.search(text, max(0, claim.start - 40), claim.start)
    if before is None:
        return False
    word = before.group(1).lower()
    if word[0].isdigit() or word[0] in "$%" or word in ("twice", "once", "thrice", "times"):
        return True
    return word.isalpha() and word not in _CLOSED and word not in _IRREGULAR_VERBS and not word.endswith("ed")


_PHRASE_STOP = re.compile(r"[,;:.!?()\[\]\"“”—–]|\d")


def _phrase_words(text: str, claim: Claim) -> frozenset[str]:
    """Content words of a number's own phrase: from the punctuation or number before it to the
    one after it, at most NEAR_WIDTH characters each way ("restructuring charge of about")."""
    lo = claim.sentence_start if claim.sentence_start >= 0 else 0
    hi = claim.sentence_end if claim.sentence_end >= 0 else len(text)
    start = max(lo, claim.start - NEAR_WIDTH)
    while start > lo and text[start - 1].isalpha():  # whole words only
        start -= 1
    before = text[start : claim.start]
    stops = list(_PHRASE_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    end = min(hi, claim.end + NEAR_WIDTH)
    while end < hi and text[end].isalpha():
        end += 1
    after = text[claim.end : end]
    stop = _PHRASE_STOP.search(after)
    if stop:
        after = after[: stop.start()]
    return concept_tokens(before + " " + after)


def _window_concept(text: str, claim: Claim, width: int = 60) -> frozenset[str]:
    """Content words right around a number whose counted noun the extractor did not name."""
    lo = claim.sentence_start if claim.sentence_start >= 0 else 0
    hi = claim.sentence_end if claim.sentence_end >= 0 else len(text)
    start, end = max(lo, claim.start - width), min(hi, claim.end + width)
    while start > lo and text[start - 1].isalpha():  # whole words only
        start -= 1
    while end < hi and text[end].isalpha():
        end += 1
    return concept_tokens(text[start:end])
