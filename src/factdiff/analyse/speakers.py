"""Speakers: speech cues, the noun phrases that speak, and who they are.

The middle step of quote finding (see :mod:`factdiff.analyse.quotes`). :class:`_Cues` finds every
speech cue of a text once ("said", "told reporters", "according to"); the noun-phrase readers take
the speaker's mention on either side of a cue ("said ICE Acting Director Tom Homan", "Homan
said", "the agency", "officials") or the subject of a clause; :func:`_resolve_all` turns each
mention into a full name of a person found earlier ("Homan" -> "Tom Homan", "he" -> the last man
named), with the title and organisation that person carries. :class:`QuoteMatch`, the record the
other steps fill in, lives here because resolution is what completes it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from factdiff.analyse.dates import WEEKDAYS
from factdiff.analyse.lexicon import is_common_word
from factdiff.analyse.names import canonical_name, gender_of, name_parts, same_person
from factdiff.analyse.people import NAME, TITLE_HEADS, lower_same_length, person_name, word_alternation
from factdiff.analyse.tagger import tag_spans
from factdiff.model import Person

# --- cues -----------------------------------------------------------------------------------------

_VERBS = (
    "said|says|say|told|tells|tell|added|adds|asked|asks|noted|notes|explained|explains|declared|declares"
    "|stated|wrote|writes|warned|warns|argued|argues|insisted|insists|acknowledged|acknowledges"
    "|announced|announces|claimed|continued|continues|replied|replies|responded|responds|recalled"
    "|recalls|urged|urges|predicted|predicts|tweeted|posted|remarked|conceded|concedes|admitted"
    "|admits|observed|emphasized|emphasised|stressed|stresses|suggested|suggests|complained|complains"
    "|joked|quipped|boasted|boasts|mused|shouted|yelled|cautioned|countered|agreed|agrees|repeated"
    "|reiterated|testified|confirmed|confirms|denied|denies|estimated|reported|reports|informs|informed"
    "|believes|believed|thinks|thought|contended|contends|maintained|maintains|vowed|promised|pledged"
    "|charged|alleged|alleges|called|calls|described|describes|went on|pointed out|points out|put it"
    "|spoke|speaks|sings|sang|reads|read|branded|brands|accused|accuses|accuse|exhorted|rated|rates|labeled|labelled"
    "|termed|praised|criticized|criticised|denounced|blasted|slammed|mocked|condemned|hailed|demanded|demands"
    "|wondered|wonders|scolded|snapped|shot back|retorted|concluded|concludes|commented|yells|yelled"
    "|shouts|attacked|characterized|characterised|admitting|acknowledging|conceding|countering|quipping"
    "|asking|claiming|insisting|calling|suggesting|describing|urging"
    "|writing|saying|telling|adding|noting|explaining|arguing|warning|declaring|tweeting|recalling"
)
_CUE = "(?:" + word_alternation(_VERBS.split("|")).replace("\\ ", "[ \\t]+") + ")"
_CUE_WORDS = frozenset(v for v in _VERBS.split("|") if " " not in v)
#: Cues of two words, by their first word.
_CUE_PAIRS: dict[str, frozenset[str]] = {}
for _pair in [v for v in _VERBS.split("|") if " " in v] + ["according to"]:
    _first, _second = _pair.split(" ", 1)
    _CUE_PAIRS[_first] = _CUE_PAIRS.get(_first, frozenset()) | {_second}
_CUE_SCAN = re.compile(rf"(?<![a-z])(?:{word_alternation(_CUE_WORDS | set(_CUE_PAIRS))})(?![a-z])")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")


class _Hit:
    """A cue found in the text, with the small part of the re.Match interface the rules use."""

    __slots__ = ("_end", "_start", "_word")

    def __init__(self, start: int, end: int, word: str) -> None:
        self._start, self._end, self._word = start, end, word

    def start(self, _group: str = "cue") -> int:
        return self._start

    def end(self, _group: str = "cue") -> int:
        return self._end

    def group(self, _group: str = "cue") -> str:
        return self._word


class _Cues:
    """Every speech cue of one text, found once by a scan over its words (a set lookup per word
    is many times faster than trying a long alternation of verbs at every character)."""

    def __init__(self, text: str) -> None:
        hits: list[_Hit] = []
        lower = lower_same_length(text)
        for w in _CUE_SCAN.finditer(lower):
            low = w.group()
            s, e = w.span()
            if s and lower[s - 1] in "'’-" and s > 1 and lower[s - 2].isalpha():
                continue  # the second half of "don't" or "so-called"
            seconds = _CUE_PAIRS.get(low)
            if seconds:
                nxt = _NEXT_WORD.match(lower, e)
                if nxt and nxt.group(1) in seconds:
                    hits.append(_Hit(s, nxt.end(), text[s : nxt.end()]))
                    continue
            if low in _CUE_WORDS and not (e + 1 < len(text) and lower[e] in "'’-" and lower[e + 1].isalpha()):
                hits.append(_Hit(s, e, text[s:e]))
        self.hits = hits
        self.starts = [h.start() for h in hits]

    def finditer(self, _text: str, start: int, end: int) -> list[_Hit]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [h for h in self.hits[lo:hi] if h.end() <= end]

    def search(self, _text: str, start: int, end: int) -> _Hit | None:
        found = self.finditer(_text, start, end)
        return found[0] if found else None

    def match(self, _text: str, start: int, end: int) -> _Hit | None:
        found = self.search(_text, start, end)
        return found if found is not None and found.start() == start else None


# --- noun phrases that speak ----------------------------------------------------------------------

_DETERMINERS = frozenset("the a an one two three several some many other another his her their its our".split())
_NP_STOP = re.compile(r"[,.;:!?()\"“”«»—–]|[ \t](?:that|who|which|and|but|on|in|at|to|for|as|after|when)[ \t]")
#: Capitalised words that start a sentence and are never the speaker.
_NOT_SPEAKERS = frozenset(
    """
    Most Many Some Several Few All Both Each Others Other Nobody Everyone Someone No None Neither Either
    The This That These Those Its Also Yet So Still Even However Meanwhile Today Yesterday Here There Now
    Then Once Perhaps Maybe Though Although
    """.split()
) | frozenset(WEEKDAYS)
#: First words that show a phrase is not a noun phrase at all.
_NOT_SPEAKER_LOWER = frozenset(
    "and or but that which who what when where if as so than then in on at by for from of to with after before"
    " while because although though since until".split()
)
_AUXILIARIES = frozenset(
    """
    did do does not never didn't doesn't don't would could should will shall might must can cannot won't
    wouldn't couldn't is are was were be been has have had declined refused
    """.split()
)

_PRONOUN_SET = frozenset({"he", "she", "they", "we", "i", "it", "you"})
#: Pronouns that stand for an organisation or a group that spoke before ("the agency ... it said").
_BODY_PRONOUNS = frozenset({"it", "they", "we"})
_PRONOUNS = word_alternation(_PRONOUN_SET)  # read case-insensitively: "I", "He"
_DET_NP = (
    rf"(?:{word_alternation(_DETERMINERS)}[ \t]+)"
    r"(?:(?!(?:that|which|who|whom|whose|and|or|but|is|was|are|were|has|had|have|be|been|said|says|to|when|while"
    r"|if|as|because|saying|than|then|not)[ \t])[\w'’.&-]+[ \t]+){0,9}?[\w'’.&-]+"
)
#: Plural nouns that speak without a determiner ("officials said", "critics say"), optionally
#: with a short phrase after them ("advisers to Mr. Obama", "officials from both parties").
_BARE_NOUNS = """
officials authorities police prosecutors investigators analysts experts critics aides sources advisers advisors
activists observers supporters opponents developers residents voters lawmakers legislators economists
researchers scientists doctors witnesses leaders members executives officers organizers protesters democrats
republicans families workers employees students parents teachers diplomats strategists historians
""".split()
_BARE_NOUN = word_alternation(_BARE_NOUNS)
_BARE_NP = (
    rf"(?:{_BARE_NOUN}(?:[ \t]+and[ \t]+{_BARE_NOUN})?"
    r"(?:[ \t]+(?:in|from|at|of|to|for|close[ \t]+to|familiar[ \t]+with)[ \t]+[\w.’'-]+(?:[ \t]+[\w.’'-]+){0,5}?)?"
    r"|(?:those|many|some|most|others)[ \t]+(?:close[ \t]+to|familiar[ \t]+with|of)"
    r"[ \t]+[\w’'.-]+(?:[ \t]+[\w’'.-]+){0,3}?)"
)
#: "Clinton's team", "Connecticut's tax commissioner", "the GOP's complaint".
_POSSESSIVE_NP = rf"(?:(?:the[ \t]+)?(?:{NAME}|[A-Z]{{2,6}}))['’]s(?:[ \t]+[\w-]+){{1,3}}"
_NAME_OR_ORG = (
    rf"(?:(?:{NAME}|[A-Z]{{2,6}}s?(?:[ \t]+{NAME})?)(?:[ \t]+\d{{1,3}}(?![\d,.]))?(?:[ \t]+and[ \t]+{NAME})?)"
)
#: A noun phrase that can speak, read backwards from a cue: "Teague", "the agency", "officials".
_CLAUSE_MARKS = frozenset(';:!?"“”«»—–')
#: Where a speaker's phrase can start: a capital or a digit, a determiner or pronoun, or a word
#: before (or at) a bare plural like "officials"; the rest of the words need not be tried.
_WORD_START = re.compile(
    rf"(?<![\w'’.-])(?:[A-Z0-9(]|(?i:{word_alternation(_DETERMINERS | _PRONOUN_SET)})(?![\w'’-])"
    rf"|(?:[\w-]+[ \t]+)?{_BARE_NP}(?![\w'’-]))"
)
_NP_BEFORE = re.compile(
    rf"(?:(?<![\w'’-])(?P<np>{_POSSESSIVE_NP}|{_NAME_OR_ORG}|(?i:{_PRONOUNS})|(?i:{_DET_NP})"
    rf"|(?i:(?:[\w-]+[ \t]+){{0,3}}{_BARE_NP}))"
    rf"(?:[ \t]*\([^()\n]{{1,25}}\))?(?:,[^,\"“”«»]{{1,100}},)?(?:['’]s)?"
    rf"(?:[ \t]+(?:\w+ly|often|even|still|now|just|also|then|later|has|had|have|is|was|are|were|been|previously"
    rf"|once|again|on[ \t]+\w+|last[ \t]+\w+)){{0,2}}[ \t]*)$"
)
_NP_ENDING_IN_NAME = re.compile(rf"[ \t]+(?P<np>[^,.;:!?\"“”«»\n]{{1,40}}?[ \t]{NAME})(?=[ \t]*(?:[,.;:!?]|$))")
#: The noun phrase after a cue: "said ICE Acting Director Tom Homan", "said the company".
_NP_AFTER = re.compile(
    rf"[ \t]+(?P<np>{_NAME_OR_ORG}|(?i:{_PRONOUNS})(?![\w'’])|(?i:{_DET_NP})|(?i:(?:[\w-]+[ \t]+)?{_BARE_NP}))"
)

_WORDS = re.compile(r"[\w'’-]+")


@dataclass(slots=True)
class QuoteMatch:
    """One quote or piece of indirect speech, with where its speaker is mentioned."""

    start: int  # the quoted (or reported) words
    end: int
    direct: bool
    cue: str | None = None
    cue_start: int = -1
    speaker_text: str | None = None  # the mention as written ("Homan", "he", "the agency")
    speaker_start: int = -1
    speaker_end: int = -1
    speaker: str | None = None  # the resolved full name or body
    speaker_title: str | None = None
    speaker_org: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        """The whole attribution: the words, the cue and the speaker's mention."""
        points = [self.start, self.end]
        if self.speaker_start >= 0:
            points += [self.speaker_start, self.speaker_end]
        if self.cue_start >= 0:
            points.append(self.cue_start)
        return min(points), max(points)


# --- speakers -------------------------------------------------------------------------------------


def _credit(m: QuoteMatch, cue: str | None, cue_start: int, speaker: tuple[int, int]) -> None:
    """Record on ``m`` the cue that credits it and where its speaker is mentioned."""
    m.cue, m.cue_start = cue, cue_start
    m.speaker_start, m.speaker_end = speaker


def _name_end(person: Person) -> int:
    """Where the name of a person mention ends, before any apposition ("Tom Homan, the director")."""
    return person.start + len(person.text.split(",")[0])


class _People:
    """The people of the article by position, to resolve a mention to a full name and title."""

    def __init__(self, people: list[Person]) -> None:
        self.people = sorted(people, key=lambda p: p.start)
        self.starts = [p.start for p in self.people]
        self.full = tuple(p.name for p in self.people if name_parts(p.name)[0])

    def at(self, start: int, end: int) -> Person | None:
        """The person mention that overlaps the span, if any."""
        k = bisect.bisect_right(self.starts, end) - 1
        while k >= 0 and self.people[k].end > start - 200:
            p = self.people[k]
            if p.start < end and start < p.end:
                return p
            k -= 1
        return None

    def titled(self, name: str, before: int) -> Person | None:
        """The nearest earlier mention of the same person with a title or organisation."""
        best = None
        for p in self.people:
            if p.start > before and best is not None:
                break
            if (p.title or p.org) and same_person(p.name, name):
                best = p
        return best


#: How far back (characters) a "he" or "she" looks for a person named as a subject before it takes
#: the last person named at all: about two paragraphs.
SUBJECT_WINDOW = 600


def _antecedent(
    at: int, pronoun: str, last_named: list[tuple[int, str, str | None]], subject: Callable[[int], bool] | None
) -> tuple[str | None, bool]:
    """The person a "he" or "she" at ``at`` stands for: the last person named before it as the subject
    of a sentence within :data:`SUBJECT_WINDOW` characters, else the last person named at all; names
    known to take the other pronoun are skipped. The second item: whether that person was named
    within the window."""
    other = "female" if pronoun == "he" else "male"
    k = bisect.bisect_left(last_named, (at, "", None)) - 1
    first: str | None = None
    near = False
    while k >= 0:
        pos, name, gender = last_named[k]
        k -= 1
        if gender == other:  # the gender any mention of that person shows
            continue
        if first is None:
            first, near = name, at - pos <= SUBJECT_WINDOW
        if subject is None or at - pos > SUBJECT_WINDOW:
            break
        if subject(pos):
            return name, True
    return first, first is not None and near


def _resolve(
    m: QuoteMatch,
    people: _People,
    last_named: list[tuple[int, str, str | None]],
    last_body: dict[bool, str] | None = None,
    subject: Callable[[int], bool] | None = None,
    text: str = "",
) -> None:
    """Fill speaker, title and organisation of ``m`` from its speaker mention."""
    if m.speaker_text is None:
        return
    mention = m.speaker_text.strip()
    person = people.at(m.speaker_start, m.speaker_end)
    if mention.lower() in _PRONOUN_SET:
        if mention.lower() in {"he", "she"}:
            m.speaker, near = _antecedent(m.speaker_start, mention.lower(), last_named, subject)
            if not near and text:
                # no person named within the window: a name never written in full that is the
                # subject of a recent clause ("Okafor attacked the plan. ... she said") comes first
                other = "female" if mention.lower() == "he" else "male"
                others = frozenset(w for _, n, g in last_named if g == other for w in n.split())
                nearer = _named_subject_before(text, m.speaker_start, mention.lower(), others, subject)
                m.speaker = canonical_name(nearer, people.full) if nearer else m.speaker
        elif mention.lower() in _BODY_PRONOUNS and last_body and (mention.lower() != "it") in last_body:
            # "it said", "they said": the body that spoke last, one ("the agency") or many ("officials")
            m.speaker = last_body[mention.lower() != "it"]
        else:
            m.speaker = mention
    elif person is not None:
        m.speaker = person.name
    elif (titled := _described(mention, m.speaker_start, people, last_named)) is not None:
        m.speaker = titled  # "the minister", "the 52-year-old": the person named before
    elif _NAME_RE.fullmatch(mention) and name_parts(mention)[1] and not mention.isupper():
        m.speaker = canonical_name(mention, people.full)
    else:
        m.speaker = re.sub(r"^(?i:the|a|an)\s+", "", mention)
    if m.speaker and m.speaker[:1].isupper():
        titled = person if person is not None and (person.title or person.org) else None
        titled = titled or people.titled(m.speaker, m.speaker_start)
        if titled is not None and same_person(titled.name, m.speaker):
            m.speaker_title, m.speaker_org = titled.title, titled.org


# "the minister", "the former state senator", "the 52-year-old": a definite description of a person.
_DESCRIPTION = re.compile(r"(?i:the|this|that)[ \t]+(?:[\w.'’-]+[ \t]+){0,4}?(?P<head>[A-Za-z-]+|\d+-year-old)")
_AGE_HEAD = re.compile(r"(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old")


def _described(mention: str, at: int, people: _People, last_named: list[tuple[int, str, str | None]]) -> str | None:
    """The person a definite description of a role or an age stands for: the last person before it
    whose title has the description's head word ("the minister" after "Foreign Minister Ana Ruiz"),
    else the last person named before it. None when the head is no title word nor an age."""
    match = _DESCRIPTION.fullmatch(mention)
    if match is None:
        return None
    head = match.group("head").lower()
    if not _AGE_HEAD.fullmatch(head) and head not in TITLE_HEADS:
        return None
    k = bisect.bisect_left(people.starts, at) - 1
    while k >= 0:
        p = people.people[k]
        if p.title and head in p.title.lower().split():
            return p.name
        k -= 1
    k = bisect.bisect_left(last_named, (at, "", None)) - 1
    return last_named[k][1] if k >= 0 else None


def _np_after(text: str, pos: int, limit: int, people: _People) -> tuple[int, int] | None:
    """The speaker mention right after a cue at ``pos``."""
    lead = pos
    while lead < limit and text[lead] in " \t":
        lead += 1
    person = people.at(lead, lead + 1)
    if person is not None and person.start == lead:
        return person.start, _trim_np(text, person.start, _name_end(person))
    m = _NP_AFTER.match(text, pos, limit)
    if not m or not _plausible(m.group("np")):
        m = _NP_ENDING_IN_NAME.match(text, pos, limit)  # "said flood survivor Ada Okafor."
        if not m:
            return None
    s, e = m.start("np"), m.end("np")
    if m.group("np").split()[0].lower() in _DETERMINERS:
        # "according to the Pruitt County Office of Emergency Management.": up to the punctuation.
        stop = _NP_STOP.search(text, e, min(limit, e + 60))
        if stop and len(_WORDS.findall(text[e : stop.start()])) <= 5:
            e = stop.start()
    person = people.at(s, s + 1)
    if person is not None and person.start >= s - 1:
        e = max(e, _name_end(person))
    return s, _trim_np(text, s, e)


def _plausible(np: str) -> bool:
    """False for phrases that look like a speaker but are not one ("Most", "the agency did not")."""
    words = np.split()
    if not words or (len(words) == 1 and words[0] in _NOT_SPEAKERS) or words[0].lower() in _NOT_SPEAKER_LOWER:
        return False
    if len(words) > 1 and words[-1].lower() in {"that", "which", "who", "whom", "and", "or", "by", "of"}:
        return False
    if words[0] in {"Most", "Many", "Some", "Few", "None", "Nobody"} and len(words) == 1:
        return False
    # "It's denouncing what it": a clause (a contracted "is", a "what"), not a noun phrase
    return not any(w.lower() in _AUXILIARIES or _CLAUSE_WORD.fullmatch(w) for w in words)


_CLAUSE_WORD = re.compile(r"(?i:what|(?:it|he|she|that|there|what|who)['’](?:s|re|ve|ll|d))")


def _trim_np(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \t,.;:":
        e -= 1
    return e


_RELATIVE_WHO = re.compile(r"(?<=,)[ \t]+who(?:[ \t]+(?:also|later|then|once|often|has|had))?[ \t]+\Z")


def _np_before(text: str, floor: int, pos: int, people: _People) -> tuple[int, int] | None:
    """The speaker mention that ends right before a cue at ``pos``; for "NAME, who said", the name
    the relative pronoun stands for."""
    who = _RELATIVE_WHO.search(text, max(floor, pos - 24), pos)
    if who is not None:
        name = _NAME_BEFORE_COMMA.search(text, max(floor, who.start() - 80), who.start() - 1)
        if name is not None and _plausible(name.group("np")):
            person = people.at(name.start("np"), name.end("np"))
            return (person.start, _name_end(person)) if person is not None else (name.start("np"), name.end("np"))
    person = people.at(pos - 2, pos - 1)
    if person is not None and person.end <= pos and not text[person.end : pos].strip(" \t,"):
        # A phrase that starts before the person and holds it ("a spokeswoman for X") is the speaker.
        wider = _np_before_phrase(text, max(floor, person.start - 60), person.start, pos)
        return wider if wider is not None else (person.start, person.end)
    m = _np_before_phrase(text, floor, pos, pos)
    if m is None:
        return None
    s, e = m
    person = people.at(s, e)
    if person is not None and person.start <= s and person.end >= e:
        return person.start, person.end
    return s, e


def _np_before_phrase(text: str, floor: int, last_start: int, pos: int) -> tuple[int, int] | None:
    """The longest plausible phrase that starts before ``last_start`` and ends at ``pos``."""
    m = None
    lo = max(floor, pos - 160)
    # A speaker does not reach back over these marks.
    lo = max([lo] + [text.rfind(mark, lo, pos) + 1 for mark in _CLAUSE_MARKS])
    # Nor over a comma with words after it: those words hold the speaker. (A comma right before
    # the cue may close an apposition, "X, a senior official, said", which the pattern reads.)
    comma = text.rfind(",", lo, pos)
    if comma >= 0 and text[comma + 1 : pos].strip(" \t"):
        lo = comma + 1
    for start in _WORD_START.finditer(text, lo, last_start):
        m = _NP_BEFORE.match(text, start.start(), pos)
        if m and _plausible(m.group("np")):
            return m.start("np"), m.end("np")
    return None


_NAME_RE = re.compile(NAME)
_APPOSITION_AFTER = re.compile(r",[ \t]+(?:a|an|the)[ \t]+[a-z]")
_NAME_BEFORE_COMMA = re.compile(rf"(?<![\w'’-])(?P<np>{NAME})\Z")
_SUBJECT = re.compile(rf"(?<![\w'’-])(?:{NAME}|(?:he|she|they|we|I|it)(?![\w'’]))")


def _subject(text: str, floor: int, pos: int, known: _People, people_only: bool = False) -> tuple[int, int] | None:
    """The subject of the clause before ``pos``: the first person or name in it (with
    ``people_only``, only a name that is a person found in the article)."""
    found: tuple[int, int] | None = None
    for p in known.people:
        if floor <= p.start < pos:
            found = (p.start, _name_end(p))
            break
    for name in _SUBJECT.finditer(text, floor, pos if found is None else found[0]):
        words = name.group()
        if words.lower() in _PRONOUN_SET:
            if people_only:
                continue
            return name.start(), name.end()
        if words.split()[0].endswith("ing"):
            continue  # "Following the vote, ...": a participle, not a name
        # a capitalised word before an apposition names someone even if it is also a common word
        # ("Dean, a former chairman, ...")
        cleaned = person_name(words) or (words if _APPOSITION_AFTER.match(text, name.end()) else None)
        if not cleaned or not _plausible(cleaned):
            continue
        honorific = _HONORIFIC_NAME.match(words) is not None  # "Mr. Okafor" is a person
        if people_only and not honorific and not any(same_person(cleaned, f) for f in known.full):
            continue
        s = name.start() + words.find(cleaned)
        if _place_object(text, s):
            continue  # "In a panel discussion in Washington, Marc Morial told ...": where, not who
        return s, s + len(cleaned)
    return found


_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|from|near|across|outside|inside|throughout)[ \t]+(?:the[ \t]+)?\Z")


def _place_object(text: str, start: int) -> bool:
    """True when the name at ``start`` is the object of a preposition of place ("in Washington")."""
    return bool(_PLACE_PREPOSITION.search(text, max(0, start - 16), start))


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


# A name right after one of these, or followed by a possessive, is not the subject of its clause
# ("served under Obama", "Obama's policies"): a later "he said" does not go back to it.
_OBLIQUE_BEFORE = re.compile(
    r"(?:\b(?:with|for|to|under|by|against|of|about|from|over|at|on|than|toward|towards|into|like|as)|['’]s)"
    r"[ \t]+(?:(?:the|a|an)[ \t]+)?(?:[A-Z][\w.'’-]*[ \t]+){0,4}$"
)
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


def _oblique(text: str, start: int, end: int) -> bool:
    """True when the name at ``text[start:end]`` is the object of a preposition or a possessor."""
    return bool(_OBLIQUE_BEFORE.search(text, max(0, start - 60), start)) or bool(_POSSESSIVE_AFTER.match(text, end))


def _surname_mentions(text: str, known: _People) -> list[tuple[int, int, str]]:
    """(start, end, full name) of every surname written alone after a person was named in full
    ("Norman Ham ... Ham said"); a surname two people share is left out."""
    owners: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    for p in known.people:
        last = name_parts(p.name)[1]
        if last and name_parts(p.name)[0] and last[:1].isupper():
            owners.setdefault(last, set()).add(p.name)
            first_seen.setdefault(last, p.start)
    unique = {last: next(iter(names)) for last, names in owners.items() if len(names) == 1}
    if not unique:
        return []
    names = "|".join(map(re.escape, sorted(unique, key=len, reverse=True)))
    pattern = re.compile(r"(?<![\w'’-])(?:" + names + r")(?![\w-])")
    return [
        (m.start(), m.end(), unique[m.group()])
        for m in pattern.finditer(text)
        if m.start() > first_seen[m.group()] and known.at(m.start(), m.end()) is None
    ]


# "Mr. Okafor", "Ms. Lee": an honorific and a capitalised surname name a person even when the article
# never gives the full name outside quotation marks.
_HONORIFIC_NAME = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms)\.?[ \t]+(?P<name>[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*)?)(?![\w'’-])"
)


def _honorific_mentions(text: str, known: _People) -> list[tuple[int, int, str]]:
    """(start, end, name) of every "Mr. NAME" / "Ms. NAME" that no person found covers; the name is
    the full name of a person found with that surname, if any, else the honorific and surname as
    written. The span holds the honorific, which gives the mention's gender."""
    out = []
    for m in _HONORIFIC_NAME.finditer(text):
        if known.at(m.start("name"), m.end("name")) is not None:
            continue
        name = m.group("name")
        full = canonical_name(name, known.full)
        out.append((m.start(), m.end(), full if full != name else m.group()))
    return out


# A sentence that opens with a name described by an apposition ("Ada Okafor, a Leeds-based engineer,",
# "Ada Okafor, who", "Ada Okafor, of Leeds,", "Ada Okafor, 45,"): the subject of its sentence, so a
# later "she said" may take it. Two or three capitalised words, not all of them common English words
# ("Homeland Security, the").
_APPOSED = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?][ \t])|(?<=[.!?][\"”’'][ \t]))"
    r"(?P<name>[A-Z][a-z'’-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][a-z'’-]+){1,2}),[ \t]+(?:a|an|the|who|of|\d{1,3},)[ \t]"
)


def _apposed_mentions(text: str, known: _People) -> list[tuple[int, int, str]]:
    """(start, end, name) of people who open a sentence with an apposition and whom the title grammar
    did not find."""
    out = []
    for m in _APPOSED.finditer(text):
        name = m.group("name")
        if all(is_common_word(w) for w in name.split()) or known.at(m.start("name"), m.end("name")) is not None:
            continue
        if name.split()[0].lower() in _NOT_SPEAKER_LOWER or name.split()[0] in _NOT_SPEAKERS:
            continue  # "For Ann Lee, the vote ...": an opening phrase, not a name
        out.append((m.start("name"), m.end("name"), canonical_name(name, known.full)))
    for m in _APPOSED_SURNAME.finditer(text):
        # "Howard Reed ... Reed, a medical doctor, then ...": one word, when the text gave it earlier
        # after a given name
        surname = m.group("name")
        if known.at(m.start("name"), m.end("name")) is not None:
            continue
        full = re.search(rf"\b(?P<given>[A-Z][a-z]+)[ \t]+{re.escape(surname)}\b", text[: m.start("name")])
        given = full.group("given") if full is not None else ""
        if given and (gender_of(f"{given} {surname}") is not None or not is_common_word(given)):
            out.append((m.start("name"), m.end("name"), f"{given} {surname}"))
    return out


# A given name and a surname ("Ada Okafor"), however the sentence goes on.
_GIVEN_AND_SURNAME = re.compile(
    r"(?<![\w'’.-])(?P<given>[A-Z][a-z]+)(?:[ \t]+[A-Z]\.)?[ \t]+(?P<last>[A-Z][a-z'’-]+)(?![\w'’-])"
)


def _given_name_mentions(text: str, known: _People) -> list[tuple[int, int, str]]:
    """(start, end, name) of every name that opens with a common given name ("Ada Okafor") and that the
    title grammar did not find: a person even with no title, no apposition and no speech verb."""
    out = []
    for m in _GIVEN_AND_SURNAME.finditer(text):
        if gender_of(m.group()) is None:
            continue
        last = m.group("last")
        if is_common_word(last) and not _never_lower(text, last):
            continue  # a surname that is also a word ("Ann Baker") only when the text never writes it as a word
        if known.at(m.start(), m.end()) is not None:
            continue
        out.append((m.start(), m.end(), canonical_name(m.group(), known.full)))
    return out


_APPOSED_SURNAME = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?][ \t])|(?<=[.!?][\"”’'][ \t]))(?P<name>[A-Z][a-z'’-]+),[ \t]+(?:a|an|the|who|\d{1,3},)[ \t]"
)


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?[ \t]+(?=[\"“‘]?[A-Z])|\n")


def _opens_clause(text: str, pos: int) -> bool:
    """True when no verb stands between the start of its clause (the sentence's start or the last
    comma, semicolon or dash before it) and the name at ``pos``: the name is (in) the subject
    ("Retired general Ada Okafor explained", "Looking ahead, Okafor said"), not an object."""
    start = max(0, pos - 200)
    breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text, start, pos)]
    start = breaks[-1] if breaks else start
    start = max(start, *(text.rfind(mark, start, pos) + 1 for mark in (",", ";", "—", "–")))
    return all(upos not in ("VERB", "AUX") for _, _, _, upos in tag_spans(text, start, pos))


def _named_subject_before(
    text: str,
    at: int,
    pronoun: str,
    other_gender: frozenset[str] = frozenset(),
    subject: Callable[[int], bool] | None = None,
) -> str | None:
    """For a "he" or "she" with no person named near before it: the last capitalised word before it, within
    :data:`SUBJECT_WINDOW` characters, that the tagger reads as a proper noun right before a verb, that
    is no common word and whose honorific, if any, is not of the other gender ("Okafor leaned in",
    with Okafor never named in full; not "Mr. Okafor said" for a "she"); not a word of a name in
    ``other_gender``, and, with ``subject``, only a word that opens its clause."""
    other = "female" if pronoun == "he" else "male"
    start = max(0, at - SUBJECT_WINDOW)
    tokens = tag_spans(text, start, at)
    for k in range(len(tokens) - 2, -1, -1):
        _, _, word, upos = tokens[k]
        if (
            upos == "PROPN"
            and tokens[k + 1][3] in ("VERB", "AUX")
            and word.isalpha()
            and (not is_common_word(word) or _never_lower(text, word))
            and not _inside_quote_marks(text, tokens[k][0])
            and (k == 0 or gender_of(f"{tokens[k - 1][2]} {word}") != other)
            and word not in other_gender
            and (subject is None or subject(tokens[k][0]))
        ):
            return word
    return None


def _never_lower(text: str, word: str) -> bool:
    """Whether ``text`` never writes the capitalised ``word`` in lower case: a surname that is also an
    English word ("Baker") is a name in a text that does not use the word."""
    return re.search(rf"\b{re.escape(word.lower())}\b", text) is None


def _inside_quote_marks(text: str, pos: int) -> bool:
    """True when an odd number of double quotation marks stands between the start of the paragraph
    and ``pos``."""
    stretch = text[text.rfind("\n", 0, pos) + 1 : pos]
    return (stretch.count('"') + stretch.count("“") + stretch.count("”")) % 2 == 1


def _plural(head: str) -> bool:
    """Whether a body's head noun is plural: "officials", "fishermen", "people", "police"."""
    return (head.endswith("s") and not head.endswith("ss")) or head.endswith("men") or head in ("people", "police")


def _resolve_all(
    matches: list[QuoteMatch], known: _People, quoted: list[tuple[int, int]] | None = None, text: str = ""
) -> None:
    """Resolve every speaker mention of ``matches``. A pronoun takes the last person named before it
    outside quotation marks (``quoted``: a name the speaker says is not who is speaking), in full or
    by surname alone, and not as the object of a preposition or as a possessor (:func:`_oblique`)."""
    spans = sorted(quoted or [])
    starts = [a for a, _ in spans]
    mentions = [(p.start, _name_end(p), p.name) for p in known.people]
    if text:
        mentions += _surname_mentions(text, known) + _apposed_mentions(text, known)
        mentions += _honorific_mentions(text, known) + _given_name_mentions(text, known)
    # (where, full name, "female"/"male"/None as the mention shows it: "Mrs. Okafor", "Helen Okafor")
    last_named: list[tuple[int, str, str | None]] = [
        (start, name, gender_of(text[start:end]) or gender_of(name))
        for start, end, name in mentions
        if not _inside(spans, starts, start) and not (text and _oblique(text, start, end))
    ]
    for m in matches:
        if m.speaker_text is not None and m.speaker_start >= 0:
            person = known.at(m.speaker_start, m.speaker_end)
            if person is not None:
                last_named.append(
                    (m.speaker_start, person.name, gender_of(m.speaker_text.strip()) or gender_of(person.name))
                )
                continue
            mention = person_name(m.speaker_text.strip())
            # A bare word ("Authorities") is a name only when it is the surname of a person found,
            # or a common given name (features call people "Melanie").
            if (
                mention
                and name_parts(mention)[1]
                and (
                    " " in mention
                    or any(same_person(mention, f) for f in known.full)
                    or gender_of(f"{mention} X") is not None
                )
            ):
                full = canonical_name(mention, known.full)
                last_named.append((m.speaker_start, full, gender_of(mention) or gender_of(full)))
    genders: dict[str, str] = {}
    for _, name, gender in last_named:
        if gender:
            genders.setdefault(name, gender)
    last_named = sorted(((pos, name, genders.get(name)) for pos, name, _ in last_named), key=lambda item: item[0])
    named = {name for _, name, _ in last_named}
    last_body: dict[bool, str] = {}  # plural or not -> the body that spoke last
    subject = functools.cache(functools.partial(_opens_clause, text)) if text else None
    for m in matches:
        _resolve(m, known, last_named, last_body, subject, text)
        pronoun = (m.speaker_text or "").strip().lower()
        if pronoun in ("he", "she") and m.speaker and m.speaker_start >= 0:
            # the pronoun names its person again: a later "he" goes back to the last one who spoke
            bisect.insort(last_named, (m.speaker_start, m.speaker, "male" if pronoun == "he" else "female"))
        if (
            m.speaker
            and m.speaker.lower() not in _PRONOUN_SET
            and m.speaker not in named
            and known.at(m.speaker_start, m.speaker_end) is None
        ):
            last_body[_plural(m.speaker.split()[-1].lower())] = m.speaker
