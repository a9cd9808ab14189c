"""Quotes with their speakers, indirect speech, and the sources a report credits.

The grammar of news attribution is small and regular, so this is rules over precompiled
patterns, in three steps:

1. **Quoted stretches**: text between paired quotation marks ("...", “...”, «...», ‘...’,
   ''...'', and the mixed "...” of some copy), per paragraph; a quote left open at the end of a
   paragraph runs to its end (the convention for quotes that go on over several paragraphs). A
   machine-translated quote interrupted by its cue («A – said X. – B») gives two stretches with
   one speaker. Quoted names ('what the agency called "Operation Safe City"') are not quotes.
2. **Speaker**: the speech cue next to the stretch ("said ICE Acting Director Tom Homan",
   "Homan said", "X told reporters", "according to X", "X:", a transcript's "PENCE:", a
   signature "” ― Name"), else the cue of the sentence that holds a partial quote, else the
   speaker of the quote before it in the paragraph, or of the paragraph before when that one ends
   in a colon or a quote; a few cue-less words quoted mid-sentence belong to the sentence's
   subject when it is a person of the article. The speaker is resolved to the full name of a
   person found earlier ("Homan" -> "Tom Homan"), who lends title and organisation; "he"/"she"
   resolve to the last person named, skipping names known to take the other pronoun.
3. **Indirect speech and attributions**: "NP said (that) CLAUSE", "CLAUSE, NP said", "according
   to NP, CLAUSE", "About it reports NP"; the credited NP is also an :class:`Attribution`.

:func:`match_quotes` returns the full matches (with the span of the speaker's mention, which a
benchmark scores); :func:`find_quotes` and :func:`find_attributions` turn them into claims.
Measured on PolNeAR dev by ``bench/quotes.py``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factdiff.analyse.names import canonical_name, gender_of, name_parts, same_person
from factdiff.analyse.people import NAME, lower_same_length, person_name, word_alternation
from factdiff.model import Article, Attribution, Person, Quote

__all__ = ["QuoteMatch", "find_attributions", "find_quotes", "match_quotes"]

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


#: Verbs that introduce indirect speech ("said the agency expects ..."): a narrower set.
_INDIRECT_VERBS = frozenset(
    """
    said says say told tells added adds noted notes explained explains declared declares stated wrote
    writes warned warns argued argues insisted insists acknowledged acknowledges announced announces claimed
    claims predicted predicts conceded concedes admitted admits suggested suggests confirmed confirms denied
    denies estimated reported reports informs informed believes believed thinks contended contends maintained
    maintains vowed promised pledged alleged alleges
    """.split()
)

_DETERMINERS = frozenset("the a an one two three several some many other another his her their its our".split())
_NP_STOP = re.compile(r"[,.;:!?()\"“”«»—–]|[ \t](?:that|who|which|and|but|on|in|at|to|for|as|after|when)[ \t]")
#: Capitalised words that start a sentence and are never the speaker.
_NOT_SPEAKERS = frozenset(
    """
    Most Many Some Several Few All Both Each Others Other Nobody Everyone Someone No None Neither Either
    The This That These Those Its Also Yet So Still Even However Meanwhile Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday Today Yesterday Here There Now Then Once Perhaps Maybe Though Although
    """.split()
)
#: First words that show a phrase is not a noun phrase at all.
_NOT_SPEAKER_LOWER = frozenset(
    "and or but that which who what when where if as so than then in on at by for from of to with after before"
    " while because although though since until".split()
)
#: Cues that follow their clause's subject at a distance: "X mocked the plan, saying ...".
#: Verbs of saying proper, after which a name can follow the cue ('said Helen Marchetti').
_SAY = frozenset("said says added adds continued wrote writes declared declares stated explained noted".split())
#: A sentence cut after an abbreviation or initial rather than at its real end.
_CONTINUES = re.compile(r"(?:\b[A-Z]\.|\b(?:[A-Z]\.){2,})[ \t]*$")
_PARTICIPLES = frozenset(
    "admitting acknowledging conceding countering quipping saying asking claiming insisting calling suggesting"
    " describing urging writing telling adding noting explaining arguing warning declaring tweeting recalling".split()
)
_AUXILIARIES = frozenset(
    """
    did do does not never didn't doesn't don't would could should will shall might must can cannot won't
    wouldn't couldn't is are was were be been has have had declined refused
    """.split()
)

#: Verbs whose object is the reported judgement ("called the closure the hardest decision").
_EVALUATIVE = frozenset("called calls described describes branded labeled labelled termed".split())

_PRONOUNS = r"(?:he|she|they|we|I|it|you)"
_PRONOUN_SET = frozenset({"he", "she", "they", "we", "i", "it", "you"})
_DET_NP = (
    r"(?:(?:the|a|an|one|two|three|several|some|many|other|another|his|her|their|its|our)[ \t]+)"
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
#: Words that may sit between a cue and what was said ("said Tuesday that", "said in a statement").
_CUE_TAIL = re.compile(
    r"(?i:[ \t]+(?:on[ \t]+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
    r"tonight|earlier|later|recently|last[ \t]+\w+|this[ \t]+\w+|in[ \t]+(?:a|an|the|his|her|their|its)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,3}?(?:statement|interview|update|release|email|e-mail|speech|post|tweet|letter|"
    r"briefing|call|conference|report|video|appearance|message)|on[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:call|show|program|programme|broadcast)(?:[ \t]+with[ \t]+(?:[\w-]+[ \t]+){0,2}?\w+)?|"
    r"to[ \t]+(?:reporters|journalists|the[ \t]+press)|(?:reporters|journalists)|"
    r"(?:released|issued)[ \t]+\w+|with[ \t]+\w+))*"
)
#: What may come right before the subject of a clause of saying: punctuation or a conjunction.
_SUBJECT_SLOT = re.compile(
    r"(?:^|[,;:(—–-]|\b(?:after|when|while|because|as|since|before|although|though|if|until|whereas|and|but))[ \t]*$"
)
_AND_BEFORE = re.compile(r"[ \t,]+(?:and|but)[ \t]+(?:(?:also|then|later)[ \t]+)?$")
#: Words that may open a sentence before its subject without a comma ("But Hester said ...").
_OPENING_WORDS = frozenset("But And Yet So Still Also Now Then Instead Separately Later Earlier".split())
_THAT = re.compile(r"[ \t,]*(?:that[ \t]+)?")
#: Machine-translated cue inside a guillemet quote: «A – said the head of ICE Tom Homan. – B».
_INSIDE_CUE = re.compile(rf"[ \t]+[–—-]+[ \t]*(?P<cue>{_CUE})(?P<np>[ \t]+[^–—«»\"]+?)[.,]?[ \t]*[–—-]+[ \t]+")
#: "About it reports a press-Department service." (machine translation of a source line).
_ABOUT = re.compile(
    r"(?<![\w'’])(?i:about|on)[ \t]+(?i:it|this|that)[ \t]+(?P<cue>(?i:reports|informs|report|inform|says|writes|"
    r"tells|told|reported|informed|said))[ \t]+(?P<np>[^.!?\n]+?)[ \t]*(?=[.!?]|$)",
    re.MULTILINE,
)

_OPENERS = {"“": "”", "«": "»", "‘": "’", "„": "“", '"': '"', "'": "'"}
_QUOTE_CHARS = '"“”«»‘’„'
#: Shortest quote, in words, kept without a cue next to it: shorter ones are scare quotes or names
#: ("Operation Safe City"); partial quotes with a cue in their sentence are kept at any length.
MIN_WORDS_UNCUED = 6
_WORDS = re.compile(r"[\w'’-]+")
_TRIM = " \t,;:.…"


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


# --- quoted stretches -----------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


#: The marks that matter when looking for the close of a quote opened with each mark.
_CLOSE_MARKS = {
    opener: re.compile(
        "[" + re.escape("".join(sorted({opener, close} | ({"“", "”"} if opener == '"' else set())))) + "]"
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
    marks = _CLOSE_MARKS[opener]
    k = i + 1
    while k < end:
        hit = marks.search(text, k, end)
        if hit is None:
            return -1
        k = hit.start()
        ch = text[k]
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


# --- speakers -------------------------------------------------------------------------------------


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


def _resolve(m: QuoteMatch, people: _People, last_named: list[tuple[int, str, str | None]]) -> None:
    """Fill speaker, title and organisation of ``m`` from its speaker mention."""
    if m.speaker_text is None:
        return
    mention = m.speaker_text.strip()
    person = people.at(m.speaker_start, m.speaker_end)
    if mention.lower() in _PRONOUN_SET:
        if mention.lower() in {"he", "she"}:
            # The last person named before, skipping names known to take the other pronoun.
            other = "female" if mention.lower() == "he" else "male"
            k = bisect.bisect_left(last_named, (m.speaker_start, "", None)) - 1
            while k >= 0 and last_named[k][2] == other:  # the gender any mention of that person shows
                k -= 1
            if k >= 0:
                m.speaker = last_named[k][1]
        else:
            m.speaker = mention
    elif person is not None:
        m.speaker = person.name
    elif _NAME_RE.fullmatch(mention) and name_parts(mention)[1] and not mention.isupper():
        m.speaker = canonical_name(mention, people.full)
    else:
        m.speaker = re.sub(r"^(?i:the|a|an)\s+", "", mention)
    if m.speaker and m.speaker[:1].isupper():
        titled = person if person is not None and (person.title or person.org) else None
        titled = titled or people.titled(m.speaker, m.speaker_start)
        if titled is not None and same_person(titled.name, m.speaker):
            m.speaker_title, m.speaker_org = titled.title, titled.org


def _np_after(text: str, pos: int, limit: int, people: _People) -> tuple[int, int] | None:
    """The speaker mention right after a cue at ``pos``."""
    lead = pos
    while lead < limit and text[lead] in " \t":
        lead += 1
    person = people.at(lead, lead + 1)
    if person is not None and person.start == lead:
        return person.start, _trim_np(text, person.start, person.start + len(person.text.split(",")[0]))
    m = _NP_AFTER.match(text, pos, limit)
    if not m or not _plausible(m.group("np")):
        m = _NP_ENDING_IN_NAME.match(text, pos, limit)  # "said 9/11 widow Terry Strada."
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
        e = max(e, person.start + len(person.text.split(",")[0]))
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
    return not any(w.lower() in _AUXILIARIES for w in words)


def _trim_np(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \t,.;:":
        e -= 1
    return e


def _np_before(text: str, floor: int, pos: int, people: _People) -> tuple[int, int] | None:
    """The speaker mention that ends right before a cue at ``pos``."""
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


# --- matching -------------------------------------------------------------------------------------


def _sentence_index(sentences: list[tuple[int, int]], pos: int) -> int:
    k = bisect.bisect_right(sentences, (pos, _AFTER_ANY_END)) - 1
    return max(k, 0)


_AFTER_ANY_END = 1 << 62  # sorts after any end offset, so (pos, _AFTER_ANY_END) bisects by start alone


#: The last article's matches: find_quotes and find_attributions read the same matches, and the
#: analysis calls them one after the other.
_LAST: tuple[str, str, int, list[QuoteMatch]] | None = None


def match_quotes(article: Article, sentences: list[tuple[int, int]], people: list[Person]) -> list[QuoteMatch]:
    """Direct and indirect quotes of the article with their speakers, in text order."""
    global _LAST
    key = (article.id, article.text, hash(tuple((p.start, p.end, p.name, p.title, p.org) for p in people)))
    last = _LAST
    if last is not None and last[:3] == key:
        return list(last[3])
    matches = _match_quotes(article, sentences, people)
    _LAST = (*key, matches)
    return list(matches)


def _match_quotes(article: Article, sentences: list[tuple[int, int]], people: list[Person]) -> list[QuoteMatch]:
    text = article.text
    known = _People(people)
    cues = _Cues(text)
    sentence_starts = [s for s, _ in sentences]
    matches: list[QuoteMatch] = []
    quoted: list[tuple[int, int]] = []
    previous_line_speaker: QuoteMatch | None = None
    previous_line_colon = False
    for line_start, line_end in _lines(text):
        line_matches: list[QuoteMatch] = []
        stretches = _quoted_stretches(text, line_start, line_end)
        for index, (q_open, q_close, closed) in enumerate(stretches):
            quoted.append((q_open, q_close))
            pieces = _split_inside_cue(text, q_open, q_close)
            prev_end = stretches[index - 1][1] if index else line_start
            next_open = stretches[index + 1][0] if index + 1 < len(stretches) else line_end
            k = bisect.bisect_right(sentence_starts, q_open) - 1
            sent_start = sentences[k][0] if k >= 0 else line_start
            if k > 0 and sentences[k - 1][0] >= line_start and _CONTINUES.search(text, sentences[k - 1][0], sent_start):
                sent_start = sentences[k - 1][0]  # the sentence was cut at an abbreviation ("U.N. sanctions")
            floor = max(prev_end, sent_start if sent_start >= line_start else line_start)
            for p_start, p_end, inside in pieces:
                s, e = _inner(text, p_start, p_end)
                if e <= s:
                    continue
                m = QuoteMatch(start=s, end=e, direct=True)
                label = _TRANSCRIPT.match(text, s, e)
                if label is not None:
                    # A transcript turn: "PENCE: Well, look, ..." names its speaker first.
                    m.start = label.end()
                    m.cue, m.cue_start = ":", label.end("np")
                    m.speaker_start, m.speaker_end = label.start("np"), label.end("np")
                elif inside is not None:
                    cue, np_s, np_e = inside
                    m.cue, m.cue_start = cue.group("cue").lower(), cue.start("cue")
                    m.speaker_start, m.speaker_end = np_s, np_e
                else:
                    _speaker_for(text, m, q_open, q_close, floor, next_open, line_end, known, cues, sentences, closed)
                line_matches.append(m)
        for m in line_matches:
            if m.speaker_start >= 0:
                m.speaker_text = text[m.speaker_start : m.speaker_end]
        _inherit(text, line_matches, line_start, previous_line_speaker, previous_line_colon)
        kept = [
            m
            for m in line_matches
            if not (_is_name_like(text, m) and (m.cue_start < 0 or _after_naming_verb(text, m)))
            and (m.speaker_text is not None or len(_WORDS.findall(text[m.start : m.end])) >= MIN_WORDS_UNCUED)
        ]
        matches.extend(kept)
        spoken = [m for m in kept if m.speaker_text is not None]
        stripped = text[line_start:line_end].rstrip()
        ends_in_quote = bool(stretches) and stretches[-1][1] >= len(stripped) + line_start - 1
        # A paragraph that opens with an uncued quote goes on with the last speaker before it
        # (news gives the speaker once for consecutive quote paragraphs).
        previous_line_speaker = spoken[-1] if spoken and (ends_in_quote or spoken[-1].direct) else None
        if previous_line_speaker is not None and previous_line_speaker.cue == "—":
            previous_line_speaker = None  # a signed quote ("” ― Name") speaks for itself only
        previous_line_colon = stripped.endswith(":")
        if previous_line_colon and not stretches:
            # "Caddell continued:" / "The New York Times reports:" introduces the next paragraph.
            cue = cues.search(text, line_start, line_end)
            colon_at = line_start + len(stripped) - 1
            np = _np_before(text, line_start, cue.start(), known) if cue else None
            np = np or _subject(text, line_start, colon_at, known)
            if np is not None:
                holder = QuoteMatch(start=line_end, end=line_end, direct=True)
                holder.speaker_start, holder.speaker_end = np
                holder.speaker_text = text[np[0] : np[1]]
                if cue is not None:
                    holder.cue, holder.cue_start = cue.group("cue").lower(), cue.start()
                previous_line_speaker = holder
    matches.extend(_indirect(text, sentences, quoted, known, cues))
    matches.sort(key=lambda m: (m.start, m.end))
    _resolve_all(matches, known)
    return matches


def _split_inside_cue(text: str, q_open: int, q_close: int) -> list[tuple[int, int, tuple | None]]:
    """A quote interrupted by its own cue («A – said X. – B») as two pieces sharing the cue."""
    if text[q_open] != "«":
        return [(q_open, q_close, None)]
    m = _INSIDE_CUE.search(text, q_open, q_close)
    if not m:
        return [(q_open, q_close, None)]
    np_s = m.start("np")
    while np_s < m.end("np") and text[np_s] in " \t":
        np_s += 1
    np_e = _trim_np(text, np_s, m.end("np"))
    info = (m, np_s, np_e)
    return [(q_open, m.start(), info), (m.end(), q_close, info)]


def _speaker_for(
    text: str,
    m: QuoteMatch,
    q_open: int,
    q_close: int,
    floor: int,
    next_open: int,
    line_end: int,
    known: _People,
    cues: _Cues,
    sentences: list[tuple[int, int]],
    closed: bool,
) -> None:
    """Find the cue and the speaker of one quoted stretch in its own sentence(s)."""
    if closed and _speaker_after(text, m, q_close, next_open, known, cues):
        return
    # Before the quote: 'X said: "', 'X put it plainly: "', 'X: "', or a partial quote after its cue.
    lead = text[floor:q_open]
    colon = re.search(r":[ \t]*$", lead)
    before = cues.finditer(text, floor, q_open)
    if before:
        cue = before[-1]
        word = cue.group("cue").lower()
        np: tuple[int, int] | None
        if word == "according to":
            np = _np_after(text, cue.end(), q_open, known)
        elif word in _PARTICIPLES:
            np = _subject(text, floor, cue.start(), known)
        else:
            np = _np_before(text, floor, cue.start(), known)
            if np is None and word in _SAY and text[floor : cue.start()].strip(" \t,"):
                np = _subject(text, floor, cue.start(), known)
            if np is None and word in _SAY:
                np = _np_after(text, cue.end(), q_open, known)  # ', said X, "..."'
        if np is not None:
            m.cue, m.cue_start = word, cue.start()
            m.speaker_start, m.speaker_end = np
            return
    if colon:
        # "Acting Director Tom Homan made that plain in his statement:": the subject speaks.
        np = _subject(text, floor, floor + colon.start(), known)
        if np is not None:
            m.cue, m.cue_start = ":", floor + colon.start()
            m.speaker_start, m.speaker_end = np
            return
    # The sentence before, in the same paragraph, ends in its cue: '... over Syria, Schiff said. "The ...'
    if not lead.strip(" \t" + _QUOTE_CHARS):
        k = _sentence_index(sentences, q_open)
        if k > 0 and sentences[k - 1][1] <= q_open and not text[sentences[k - 1][1] : q_open].count("\n"):
            p_start, p_end = sentences[k - 1]
            tail = cues.finditer(text, max(p_start, p_end - 40), p_end)
            quoted_before = any(ch in _QUOTE_CHARS for ch in text[p_start:q_open])
            if tail and not quoted_before and _ENDS_AFTER_CUE.match(text, tail[-1].end(), p_end):
                np = _np_before(text, p_start, tail[-1].start(), known)
                if np is not None:
                    m.cue, m.cue_start = tail[-1].group().lower(), tail[-1].start()
                    m.speaker_start, m.speaker_end = np
                    return
    # A partial quote before its cue in the same sentence: '... "the first of many," X said.'
    k = _sentence_index(sentences, max(q_close - 1, q_open))
    s_end = sentences[k][1] if sentences else line_end
    limit = min(next_open, max(s_end, q_close))
    cue = cues.search(text, q_close, limit)
    if cue and cue.group("cue").lower() != "according to":
        np = _np_before(text, q_close, cue.start(), known)
        if np is not None:
            m.cue, m.cue_start = cue.group("cue").lower(), cue.start()
            m.speaker_start, m.speaker_end = np
            return
    if cue:
        np = _np_after(text, cue.end(), limit, known)
        if np is not None:
            m.cue, m.cue_start = "according to", cue.start()
            m.speaker_start, m.speaker_end = np
            return
    # A few words quoted inside a sentence without a cue ('accused the campaign of being "duped"'):
    # the words are the sentence subject's, when it names someone.
    if _WORDS.search(lead) and len(_WORDS.findall(text, m.start, m.end)) < MIN_WORDS_UNCUED:
        np = _subject(text, floor, q_open, known, people_only=True)
        if np is not None:
            m.speaker_start, m.speaker_end = np


#: The most words between a closing quotation mark and its cue: '," a narrator in the ad asks.'
MAX_SPEAKER_WORDS = 12
#: The most words of a name with an apposition between a quote and its cue.
MAX_APPOSITION_WORDS = 40
_ENDS_AFTER_CUE = re.compile(r"(?:[ \t]+\w+){0,3}[ \t]*[.:]?[ \t]*$")
_NAME_THEN_COMMA = re.compile(rf"(?P<np>{NAME}),")
_SIGNATURE = re.compile(rf"[^\S\n]*[―—–-][^\S\n]*(?P<np>{NAME})[^\S\n.]*\.?[^\S\n]*$")
_AFTER_SPAN = re.compile(
    r"(?:[^.!?;()\"“”«»\n]|(?<=[A-Z])\.|(?<=[A-Z][a-z])\.|(?<=[A-Z][a-z][a-z])\.|(?<=[A-Z][a-z][a-z][a-z])\.)*"
)


def _speaker_after(text: str, m: QuoteMatch, q_close: int, next_open: int, known: _People, cues: _Cues) -> bool:
    """A cue after the quote: '," said X', '," X said', '," X (D-Wis.) said Friday', '» — X'."""
    after = q_close
    while after < next_open and text[after] in " \t,\u00a0":
        after += 1
    signature = _SIGNATURE.match(text, after, next_open)
    if signature:
        m.cue, m.cue_start = "—", after
        m.speaker_start, m.speaker_end = signature.start("np"), signature.end("np")
        return True
    while after < next_open and text[after] in " \t,—–-":
        after += 1
    if after >= next_open:
        return False
    cue = cues.match(text, after, next_open)
    if cue:
        np = _np_after(text, cue.end(), next_open, known)
        if np:
            m.cue, m.cue_start = cue.group("cue").lower(), cue.start()
            m.speaker_start, m.speaker_end = np
            return True
        return False
    # '," X said': the first cue of the clause after the quote, with the speaker between.
    stretch = _AFTER_SPAN.match(text, after, next_open)
    cue = cues.search(text, after, stretch.end() if stretch else after)
    if not cue or cue.group("cue").lower() == "according to":
        return False
    between = text[after : cue.start()]
    first = between.split()[0] if between.split() else ""
    named = _NAME_THEN_COMMA.match(text, after, cue.start())
    if named and len(_WORDS.findall(between)) <= MAX_APPOSITION_WORDS and person_name(named.group("np")):
        # '," Leonard E. Burman, director of ... and a professor at ..., said.'
        m.cue, m.cue_start = cue.group("cue").lower(), cue.start()
        m.speaker_start, m.speaker_end = named.start("np"), named.end("np")
        return True
    if not first or len(_WORDS.findall(between)) > MAX_SPEAKER_WORDS:
        return False
    if first[:1].islower() and first.lower() not in _DETERMINERS and first.lower() not in _PRONOUN_SET:
        return False
    s, e = after, _trim_np(text, after, cue.start())
    person = known.at(s, e)
    if person is not None and s <= person.start < e:
        s, e = person.start, min(e, person.start + len(person.text.split(",")[0]))
    else:
        inner = _NP_BEFORE.search(text, s, cue.start())
        if inner and _plausible(inner.group("np")) and inner.start("np") == s:
            e = inner.end("np")
        elif not _plausible(text[s:e]):
            return False
    m.cue, m.cue_start = cue.group("cue").lower(), cue.start()
    m.speaker_start, m.speaker_end = s, e
    return True


_TRANSCRIPT = re.compile(r"(?P<np>[A-Z][A-Z'’.-]+(?:[ \t][A-Z][A-Z'’.-]+){0,2}):[ \t]+")
_NAME_RE = re.compile(NAME)
_SUBJECT = re.compile(rf"(?<![\w'’-])(?:{NAME}|(?:he|she|they|we|I)(?![\w'’]))")


def _subject(text: str, floor: int, pos: int, known: _People, people_only: bool = False) -> tuple[int, int] | None:
    """The subject of the clause before ``pos``: the first person or name in it (with
    ``people_only``, only a name that is a person found in the article)."""
    found: tuple[int, int] | None = None
    for p in known.people:
        if floor <= p.start < pos:
            found = (p.start, p.start + len(p.text.split(",")[0]))
            break
    for name in _SUBJECT.finditer(text, floor, pos if found is None else found[0]):
        words = name.group()
        if words.lower() in _PRONOUN_SET:
            if people_only:
                continue
            return name.start(), name.end()
        if words.split()[0].endswith("ing"):
            continue  # "Following the vote, ...": a participle, not a name
        cleaned = person_name(words)
        if not cleaned or not _plausible(cleaned):
            continue
        if people_only and not any(same_person(cleaned, f) for f in known.full):
            continue
        s = name.start() + words.find(cleaned)
        return s, s + len(cleaned)
    return found


def _inherit(
    text: str,
    line_matches: list[QuoteMatch],
    line_start: int,
    previous_line_speaker: QuoteMatch | None,
    previous_line_colon: bool,
) -> None:
    """Quotes without a cue take the speaker of the quote before them in the paragraph, or of the
    paragraph before when it ends in a colon or in a quote of its own."""
    last: QuoteMatch | None = None
    for m in line_matches:
        if m.speaker_text is not None:
            last = m
            continue
        source = last
        if source is None and previous_line_speaker is not None:
            starts_with_quote = not text[line_start : m.start].strip(" \t" + _QUOTE_CHARS)
            if previous_line_colon or starts_with_quote:
                source = previous_line_speaker
        if source is not None:
            m.speaker_text, m.speaker_start, m.speaker_end = (
                source.speaker_text,
                source.speaker_start,
                source.speaker_end,
            )
            m.cue = source.cue


def _indirect(
    text: str, sentences: list[tuple[int, int]], quoted: list[tuple[int, int]], known: _People, cues: _Cues
) -> list[QuoteMatch]:
    """Indirect speech: "NP said (that) CLAUSE", "CLAUSE, NP said", "according to NP, CLAUSE"."""
    out: list[QuoteMatch] = []
    q_starts = [q[0] for q in quoted]

    def in_quote(pos: int) -> bool:
        k = bisect.bisect_right(q_starts, pos) - 1
        return k >= 0 and quoted[k][0] <= pos < quoted[k][1]

    sentence_starts = [s for s, _ in sentences]
    for cue in cues.hits:
        k = bisect.bisect_right(sentence_starts, cue.start()) - 1
        if k < 0 or cue.end() > sentences[k][1]:
            continue
        s_start, s_end = sentences[k]
        word = cue.group("cue").lower()
        if in_quote(cue.start()):
            continue
        if word == "according to":
            np = _np_after(text, cue.end(), s_end, known)
            if np is None:
                continue
            tail = re.match(r"[ \t]*,[ \t]*", text[np[1] : s_end])
            if cue.start() - s_start <= 2 and tail:
                c_start, c_end = np[1] + tail.end(), s_end
            else:
                c_start, c_end = s_start, cue.start()
            out.extend(_clause(text, c_start, c_end, word, cue.start(), np, quoted))
            continue
        if word in _EVALUATIVE:
            # "X called the closure the hardest decision ...": the verb is part of what is reported.
            np = _np_before(text, s_start, cue.start(), known)
            after = text[cue.end() : cue.end() + 3].lstrip()
            if np is not None and not text[s_start : np[0]].strip() and after[:1] not in _QUOTE_CHARS:
                out.extend(_clause(text, cue.start(), s_end, word, cue.start(), np, quoted))
            continue
        if word not in _INDIRECT_VERBS:
            continue
        np = _np_before(text, s_start, cue.start(), known)
        if np is not None:
            pre = text[s_start : np[0]]
            tail = _CUE_TAIL.match(text, cue.end(), s_end)
            ends = not text[tail.end() if tail else cue.end() : s_end].strip(' \t.!?"”’»')
            if pre.rstrip(" \t").endswith(",") and len(_WORDS.findall(pre)) >= 4 and ends:
                # "CLAUSE, NP said."
                out.extend(_clause(text, s_start, np[0], word, cue.start(), np, quoted))
                continue
            lead_words = pre.strip(' \t"“”«»')
            if lead_words and lead_words not in _OPENING_WORDS and not _SUBJECT_SLOT.search(pre):
                continue  # the NP is not the subject of the clause
            rest = cue.end()
            if word in {"told", "tells", "informed", "informs"}:
                obj = _NP_AFTER.match(text, rest, s_end)
                if obj is None:
                    continue
                rest = obj.end()
            tail = _CUE_TAIL.match(text, rest, s_end)
            rest = tail.end() if tail else rest
            if rest < s_end and text[rest] == "," and pre.rstrip(" \t").endswith(","):
                # "But to prevent problems, he said, local officials should be vigilant."
                out.extend(_clause(text, s_start, s_end, word, cue.start(), np, quoted))
                continue
            that = _THAT.match(text, rest, s_end)
            rest = that.end() if that else rest
            if rest >= s_end or text[rest] in ".;!?":
                if not any(s_start <= q_open < s_end for q_open, _ in quoted):
                    # "ICE said in a statement Thursday.": a credited source with no words reported.
                    credit = QuoteMatch(start=cue.start(), end=cue.start(), direct=False, cue=word)
                    credit.cue_start, (credit.speaker_start, credit.speaker_end) = cue.start(), np
                    credit.speaker_text = text[np[0] : np[1]]
                    out.append(credit)
                continue
            if text[rest] in ',:"“«' or in_quote(rest):
                continue
            # "... said he would order a review and warned against ...": the second verb is its own report.
            stop = next(
                (h.start() for h in cues.finditer(text, rest, s_end) if _AND_BEFORE.search(text, rest, h.start())),
                s_end,
            )
            out.extend(_clause(text, rest, stop, word, cue.start(), np, quoted))
            continue
        # "CLAUSE, said NP." (inverted)
        np = _np_after(text, cue.end(), s_end, known)
        pre = text[s_start : cue.start()]
        if np is not None and pre.rstrip(" \t").endswith(",") and len(_WORDS.findall(pre)) >= 4:
            out.extend(_clause(text, s_start, cue.start(), word, cue.start(), np, quoted))
    lower = lower_same_length(text)
    hints = [i for word in ("about ", "on ") for i in _find_all(lower, word)]
    for about in filter(None, (_ABOUT.match(text, i) for i in sorted(hints))):
        np_s, np_e = about.start("np"), about.end("np")
        m = QuoteMatch(start=about.start(), end=about.start(), direct=False, cue=about.group("cue").lower())
        m.cue_start, m.speaker_start, m.speaker_end = about.start(), np_s, np_e  # the claim reads "About it reports X"
        m.speaker_text = text[np_s:np_e]
        out.append(m)
    return out


def _find_all(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        if not i or not text[i - 1].isalnum():
            out.append(i)
        i = text.find(word, i + 1)
    return out


def _clause(
    text: str, start: int, end: int, cue: str, cue_start: int, np: tuple[int, int], quoted: list[tuple[int, int]]
) -> list[QuoteMatch]:
    s, e = _inner(text, start, end)
    if e <= s or len(_WORDS.findall(text[s:e])) < 3:
        return []
    # A clause that is itself a direct quote is already a direct quote.
    for q_open, q_close in quoted:
        if q_open <= s and e <= q_close:
            return []
        if s <= q_open and q_close <= e and (q_close - q_open) >= 0.8 * (e - s):
            return []
    m = QuoteMatch(start=s, end=e, direct=False, cue=cue, cue_start=cue_start)
    m.speaker_start, m.speaker_end = np
    m.speaker_text = text[np[0] : np[1]]
    return [m]


def _resolve_all(matches: list[QuoteMatch], known: _People) -> None:
    # (where, full name, "female"/"male"/None as the mention shows it: "Mrs. Okafor", "Helen Okafor")
    last_named: list[tuple[int, str, str | None]] = [(p.start, p.name, gender_of(p.name)) for p in known.people]
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
    for m in matches:
        _resolve(m, known, last_named)


# --- claims ---------------------------------------------------------------------------------------


def find_quotes(article: Article, sentences: list[tuple[int, int]], people: list[Person]) -> list[Quote]:
    """Direct quotes (any length with a cue, longer ones without) and indirect speech."""
    text = article.text
    out: list[Quote] = []
    for m in match_quotes(article, sentences, people):
        if m.end <= m.start:
            continue  # a credited source without reported words: an attribution only
        start, end = m.span
        out.append(
            Quote(
                start=start,
                end=end,
                text=text[start:end],
                quote=text[m.start : m.end],
                quote_start=m.start,
                quote_end=m.end,
                speaker=m.speaker,
                speaker_title=m.speaker_title,
                speaker_org=m.speaker_org,
                cue=m.cue,
                direct=m.direct,
            )
        )
    return out


def find_attributions(article: Article, sentences: list[tuple[int, int]], people: list[Person]) -> list[Attribution]:
    """Whom the report credits for its information: the source of each piece of indirect speech
    ("ICE said in a statement", "according to ICE", "About it reports a press-Department service")."""
    text = article.text
    out: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for m in match_quotes(article, sentences, people):
        if m.direct or m.speaker_start < 0 or not m.speaker:
            continue
        key = (m.speaker_start, m.cue_start)
        if key in seen:
            continue
        seen.add(key)
        start, end = min(m.speaker_start, m.cue_start), max(m.speaker_end, m.cue_start + len(m.cue or ""))
        out.append(Attribution(start=start, end=end, text=text[start:end], source=m.speaker, cue=m.cue))
    return out
