"""Labels: what a fact is, as an editor's checklist names it ("vehicles a day", "cost of the
project", "date the operation ended"), read from the words around a number or a date."""

from __future__ import annotations

import re

from factdiff.align.facts import Fact
from factdiff.align.measures import UNITS
from factdiff.align.words import _AUXILIARIES, _CLOSED, _DATE_WORDS, _DETERMINERS, _IRREGULAR_VERBS, content_words
from factdiff.model import Duration, Quantity

#: A speech verb right before a date ("said Thursday", "announced the results on Thursday").
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|announced|told|stated|reported|confirmed)\b(?:\s+[^\s.;:!?]+){0,6}\s+(?:on\s+)?$", re.I
)


def _label(fact: Fact) -> str:
    label = _label_of(fact)
    if fact.claim.in_title and fact.family != "quote":
        # A headline capitalises every word: "length of the Rebuild" reads "length of the rebuild".
        keep = {w for p in fact.places for w in p.split()}
        label = " ".join(w if w in keep else w.lower() for w in label.split(" "))
    return label


def _label_of(fact: Fact) -> str:
    claim = fact.claim
    if fact.family in ("number", "percent"):
        return _label_number(fact)
    if fact.family == "date":
        return _label_date(fact)
    if fact.family == "person":
        return f"title of {claim.name}"  # type: ignore[attr-defined]
    speaker = getattr(claim, "speaker", None) or "unknown speaker"
    words = getattr(claim, "quote", "").split()
    head = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return f"quote of {speaker}: “{head}”"


_LABEL_TOKEN = re.compile(r"\d+(?:[,.]\d+)*(?:st|nd|rd|th)?%?|[A-Za-z][A-Za-z'’\-]*|[^\sA-Za-z\d]")


_AMOUNT_WORDS = frozenset("million billion thousand trillion percent per cent percentage points point".split())


_OBJECT_OPENERS = frozenset("a an the its their his her our your my".split())


_COMPARATIVES = frozenset("more fewer additional extra other another further".split())


_HEDGES = frozenset("about around nearly almost roughly approximately some over under than least at up to just".split())


_RATE = re.compile(
    r"\b(?:a|an|per|each|every)\s+(day|week|month|year|hour|minute|second|share|person|resident|capita)\b", re.I
)


#: Nouns that are sums of money themselves ("revenue of $4.8 billion"); a sum before any other
#: noun is what that thing costs ("the $38.5 million project").
_MONEY_NOUNS = frozenset(
    "revenue revenues sales profit profits income earnings loss losses charge charges cost costs budget fine fines "
    "damage damages salary salaries pay wage wages bonus price prices fee fees deal settlement funding fund funds "
    "grant grants payment payments restitution bail tax taxes debt spending investment contract aid award penalty "
    "value bill package loan loans dividend dividends bid offer sum amount money cash compensation".split()
)


#: A verb whose length of time has a name of its own ("sentenced to eight years": the sentence).
_TIME_NOUNS = {
    "sentenced": "sentence",
    "jailed": "jail term",
    "imprisoned": "prison term",
    "delayed": "delay",
    "closed": "closure",
    "close": "closure",
    "banned": "ban",
    "ban": "ban",
    "suspended": "suspension",
    "extended": "extension",
    "served": "term served",
}


_CHANGE_VERBS = frozenset(
    "rose rise rises risen fell fall falls fallen grew grow grows grown increased increase increases decreased "
    "decrease decreases dropped drop drops declined decline declines jumped jump jumps climbed climb climbs slid "
    "slipped gained gain gains lost up down higher lower".split()
)


_SPEECH_VERBS = frozenset("said says announced announces told stated reported confirmed declared".split())


#: Nouns that name an event a date can be the day of ("the open meeting on March 24").
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "ing", "ival", "oval")


_EVENT_NOUNS = frozenset(
    "meeting hearing trial vote election operation raid attack storm quake earthquake flood crest call conference "
    "report update sale deal visit launch release verdict sentence strike crash fire blast explosion shooting "
    "ceremony summit session rebuild opening closing closure deadline match game race protest rally debate "
    "speech interview audit review inspection accident collision outbreak eruption landslide derailment "
    "event festival funeral wedding".split()
)


_MAX_LABEL_WORDS = 4


#: Words back from a number within which a verb says what the number is ("will add up to 9").
VERB_REACH = 4


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _LABEL_TOKEN.finditer(sentence)]


def _wordlike(token: str) -> bool:
    return token[:1].isalpha()


def _verbish(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """A word that is a verb by its form or its place: "-ed", a known irregular form, or after a
    modal or "to" ("will add")."""
    word = tokens[i][2].lower()
    if word in _CLOSED or not _wordlike(word) or "-" in word:
        return False  # "school-based", "long-awaited": adjectives
    if word in _IRREGULAR_VERBS or (word.endswith("ed") and len(word) > 4):
        return True
    prev = tokens[i - 1][2].lower() if i > 0 else ""
    return prev in ("will", "would", "can", "could", "may", "might", "must", "should", "to", "did", "does", "do")


def _is_object_start(token: str) -> bool:
    return token.lower() in _DETERMINERS or token[:1].isupper()


def _noun_run(tokens: list[tuple[int, int, str]], i: int) -> tuple[list[str], int]:
    """Words of a noun phrase from token ``i`` on (no determiners, no possessive owners), and the
    index after it. A word followed by a determiner is a verb ("project replaces the deck")."""
    words: list[str] = []
    while i < len(tokens) and len(words) < _MAX_LABEL_WORDS:
        word = tokens[i][2]
        lower = word.lower()
        if not _wordlike(word) or lower in _CLOSED or lower.endswith("ly"):
            break
        if words and _verbish(tokens, i):
            break
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if words and nxt and nxt.lower() in _OBJECT_OPENERS:
            break  # "vehicles cross the bridge": a verb with its object
        if lower.endswith(("'s", "’s")) or nxt in ("'", "’"):
            words = []  # "the bridge's 40 steel beams": the owner is not what is counted
            i += 2 if nxt in ("'", "’") else 1
            while i < len(tokens) and tokens[i][2][0].isdigit():
                i += 1
            continue
        if len(word) < 2:
            break
        words.append(_as_written(tokens, i))
        i += 1
    return words, i


def _as_written(tokens: list[tuple[int, int, str]], i: int) -> str:
    """A word as the label shows it: as written (a capital at a sentence start may begin a name:
    "Keel resigned"), except a word in capitals."""
    word = tokens[i][2]
    if word.isupper() and len(word) > 3:
        return word.lower()  # a headline or dateline in capitals
    return word


def _sentence_start(tokens: list[tuple[int, int, str]], i: int) -> bool:
    return i == 0 or tokens[i - 1][2] in ("“", '"', "—", ":")


_WHOLE_BEFORE = re.compile(r"\d\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w’']+[’']s?\s+)?$")


def _after_concept(sentence: str, end: int, start: int = -1) -> tuple[list[str], str, bool]:
    """What a number counts, from the words after it: (noun words, a rate such as "a day",
    whether the noun follows the number directly as its modifier)."""
    tokens = [t for t in _tokens(sentence) if t[0] >= end]
    i = 0
    while i < len(tokens) and tokens[i][2].lower() in _COMPARATIVES | _AMOUNT_WORDS:
        i += 1
    direct = i < len(tokens) and tokens[i][0] - end <= 1 and tokens[i][2] not in ("-",)
    if i < len(tokens) and tokens[i][2].lower() == "of":  # "23 of the bridge's 40 steel beams"
        i += 1
        direct = False
        while i < len(tokens) and (tokens[i][2].lower() in _DETERMINERS or tokens[i][2][0].isdigit()):
            i += 1
    words, j = _noun_run(tokens, i)
    if words and words[0][0].isdigit():
        words = []
    if not words and i < len(tokens) and tokens[i][2].lower() in ("had", "have", "has", "were", "are", "was"):
        # "317 had criminal convictions", "Eighteen were gang members"
        verb = tokens[i][2].lower()
        words, j = _noun_run(tokens, i + 1)
        if words and _verbish(tokens, i + 1):
            words = []  # "37,566 had received all required vaccines": a verb, not a possession
        elif words and verb.startswith("ha"):
            words = ["with", *words]
    if words and j + 1 < len(tokens) and tokens[j][2].lower() == "of" and tokens[j + 1][2].lower() not in _CLOSED:
        more, k = _noun_run(tokens, j + 1)  # "nine counts of embezzlement"
        if more and len(more) <= 2 and not more[0][0].isdigit():
            words, j = [*words, "of", *more], k
    whole = _WHOLE_BEFORE.search(sentence[:start]) if start >= 0 else None
    if words and not whole:  # the whole of "23 of the 40 beams rated" is not what was rated
        rest = tokens[j:]
        k = 0
        while k < len(rest) and rest[k][2].lower() in ("were", "was", "are", "is", "been", "have", "had", "as"):
            k += 1
        if k < len(rest) and rest[k][2].lower().endswith("ed") and len(rest[k][2]) > 4:
            words.append(rest[k][2].lower())  # "homes were damaged", "beams as deteriorated"
    rate = ""
    at = tokens[j][0] if words and j < len(tokens) else (tokens[i][0] if i < len(tokens) else len(sentence))
    clause = re.split(r"[,;:()]|\s(?:and|but|while)\s", sentence[at:], maxsplit=1)[0]
    found = _RATE.search(clause)
    if found:
        rate = "a " + found.group(1).lower()
    return words, rate, bool(words) and direct


def _before_concept(sentence: str, start: int) -> tuple[list[str], str | None]:
    """The noun phrase a number is said of, from the words before it in its clause ("a
    restructuring charge of $240 million", "Revenue rose 11% to ..."), and the verb skipped."""
    tokens = [t for t in _tokens(sentence) if t[1] <= start]
    i = len(tokens) - 1
    verb: str | None = None
    while i >= 0:
        word = tokens[i][2]
        lower = word.lower()
        if word in (",", ";", ":", "(", "—", "–", '"', "“", "”") or lower in ("and", "but", "while", "which", "who"):
            return [], verb
        if not _wordlike(word) or lower in _CLOSED or lower in _HEDGES or lower in _DATE_WORDS:
            i -= 1
            continue
        if _verbish(tokens, i) and not (i > 0 and tokens[i - 1][2].lower() in _DETERMINERS):
            if verb is None and len(tokens) - i <= VERB_REACH:
                verb = lower  # "embezzled $2.3 million", "will add up to 9 minutes"
            i -= 1
            continue
        break
    words: list[str] = []
    while i >= 0 and len(words) < 3:
        word = tokens[i][2]
        lower = word.lower()
        if not _wordlike(word) or lower in _CLOSED or lower.endswith(("'s", "’s")) or _verbish(tokens, i):
            break
        words.insert(0, _as_written(tokens, i))
        i -= 1
    if words and all(w[:1].isupper() for w in words):
        return [], verb  # a name says who, not what
    return words, verb


def _with_place(label: str, fact: Fact) -> str:
    return f"{label} in {fact.places[0]}" if fact.places and fact.places[0] not in label else label


def _label_number(fact: Fact) -> str:
    """What a number counts, as an editor would list it: "vehicles a day", "cost of the
    project", "length of the rebuild", "share of employees", with " in PLACE" when the number is
    keyed by a place. Whole words only."""
    claim = fact.claim
    if fact.unit == "age":
        names = sorted(w for w in fact.concept if w != "age")
        return f"age of {names[0].title()}" if names else "age"
    if fact.unit == "rank":
        return f"rank of {fact.places[0]}" if fact.places else "rank"
    sentence = fact.sentence
    at = sentence.find(claim.text) if sentence else -1
    if at < 0:
        concept = claim.concept if isinstance(claim, Quantity) and claim.concept else claim.text
        return _with_place(concept, fact)
    end = at + len(claim.text)
    after, rate, direct = _after_concept(sentence, end, at)
    before, verb = _before_concept(sentence, at)
    if isinstance(claim, Duration):
        return _label_duration(after, direct, before, verb, sentence, end)
    if fact.family == "percent":
        label = _label_percent(sentence, end, after, before, verb)
        return _with_place(label, fact)
    named = claim.concept if isinstance(claim, Quantity) and claim.concept else ""
    named = "with " + named[4:] if named.startswith("had ") else named
    if named and (not after or all(_verbish([(0, 0, w)], 0) for w in after)) and len(named.split()) > 1:
        after = named.split()  # "Eighteen of those arrested were gang members": the extractor's noun
        direct = False
    if not after:
        after, rate = _gapped(sentence, at) or ([], rate)
    if after:
        noun = " ".join(after)
        if fact.unit == "USD" and direct and after[-1].lower() not in _MONEY_NOUNS:
            label = f"cost of the {noun}"
        elif fact.unit in UNITS and UNITS[fact.unit][0] != "time" and direct:
            label = f"{UNITS[fact.unit][0]} of the {noun}"
        else:
            label = noun
    elif before:
        label = " ".join(before)
    elif named:
        label = named
    elif verb:
        kind = "amount" if fact.unit == "USD" else UNITS[fact.unit][0] if fact.unit in UNITS else "number"
        label = f"{kind} {verb}"
    else:
        label = _quoted(sentence, at, end)
    if rate and rate not in label:
        label = f"{label} {rate}"
    return _with_place(label, fact)


def _quoted(sentence: str, at: int, end: int) -> str:
    """The number with the words after it up to the next punctuation, whole words only: the
    label of a figure whose counted thing has no name ("“25 a season”")."""
    rest = re.split(r"[,;:.!?](?:\s|$)|[()\"“”—–]", sentence[end:], maxsplit=1)[0].split()[:4]
    return "“" + " ".join([sentence[at:end], *rest]) + "”"


def _gapped(sentence: str, at: int) -> tuple[list[str], str] | None:
    """A number with no noun of its own after "and" counts what the number before it in the
    sentence counts ("4,100 more vehicles a day to Eastbank and 2,900 more to Southport")."""
    tokens = [t for t in _tokens(sentence) if t[1] <= at]
    if not any(t[2].lower() in ("and", "or", ",", ";") for t in tokens[-8:]):
        return None
    for _s, e, word in reversed(tokens[:-1] if tokens and tokens[-1][1] > at else tokens):
        if word[0].isdigit():
            words, rate, _direct = _after_concept(sentence, e)
            return (words, rate) if words else None
    return None


def _label_percent(sentence: str, end: int, after: list[str], before: list[str], verb: str | None) -> str:
    rest = sentence[end:].lstrip()
    if after and rest.lower().startswith("of "):
        return "share of " + " ".join(after)
    if before and verb in _CHANGE_VERBS:
        return "change in " + " ".join(before)
    if before:
        return "share: " + " ".join(before)
    if after:
        return "share of " + " ".join(after)
    lead = _LIST_LEAD.match(sentence)
    if lead:
        return f"percentage for {lead.group(1)}"  # "- Bexley County: 90.4 percent"
    return "percentage"


_LIST_LEAD = re.compile(r"^\W*([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*)\s*(?::|,?\s+(?:ranked|reached|was|had|at)\b)")


def _label_duration(
    after: list[str], direct: bool, before: list[str], verb: str | None, sentence: str, end: int
) -> str:
    if after and direct:
        return "length of the " + " ".join(after)  # "a 14-month rebuild", "a four-day operation"
    if after:
        return "length of " + " ".join(after)  # "26 weeks of base pay"
    if verb and verb in _TIME_NOUNS:
        return "length of the " + _TIME_NOUNS[verb]
    if verb:
        to = _TIME_TO.match(sentence, end)  # "add up to 9 minutes to a typical trip"
        return f"time {_participle(verb)}" + (f" {to.group(1)} {to.group(2)}" if to else "")
    return "length of time"  # the words before a length of time rarely say what lasts


_TIME_TO = re.compile(
    r"\s+(to|for|on)\s+((?:(?:a|an|the|each|every)\s+)?(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?=[\s,.;:]|$)"
)


_DATE_SKIP = frozenset("on in by at early late last this next since from until of the".split())


def _label_date(fact: Fact) -> str:
    """The event of a date's sentence, from its verb or event noun: "date of the announcement",
    "date of the open meeting", "date the operation ended", "date Keel was convicted"."""
    claim = fact.claim
    sentence = fact.sentence
    at = sentence.find(claim.text) if sentence else -1
    if at < 0:
        return f"date {getattr(claim, 'value', '') or claim.text}"
    if _SPEECH_BEFORE.search(sentence[:at]) and not _EVENT_BETWEEN.search(sentence[:at]):
        return "date of the announcement"
    tokens = _tokens(sentence)
    first = next((k for k, t in enumerate(tokens) if t[0] >= at), len(tokens))
    last = next((k for k, t in enumerate(tokens) if t[0] >= at + len(claim.text)), len(tokens))
    # "Tuesday's earthquake": the event the date owns.
    if last + 1 < len(tokens) and tokens[last][2] in ("'s", "’s", "'", "’"):
        words, _ = _noun_run(tokens, last + 1)
        if words:
            return "date of the " + " ".join(words)
    if last < len(tokens) and tokens[last - 1][2].endswith(("'s", "’s")):
        words, _ = _noun_run(tokens, last)
        if words:
            return "date of the " + " ".join(words)
    i = first - 1
    while i >= 0 and tokens[i][2].lower() in _DATE_SKIP:
        i -= 1
    if i >= 0 and _verbish(tokens, i) and tokens[i][2].lower() not in _SPEECH_VERBS:
        return _date_by_verb(tokens, i)
    # An event noun before the date in its clause ("an open meeting at Eastbank Library on March 24").
    k = first - 1
    while k >= 0 and first - k <= 12 and tokens[k][2] not in (",", ";", ":", "—", "(", "“", '"'):
        word = tokens[k][2].lower()
        if _wordlike(word) and _event_noun(word) and word not in _CLOSED:
            words = _noun_before(tokens, k)
            return "date of the " + " ".join(words)
        if _verbish(tokens, k) and word not in _SPEECH_VERBS:
            return _date_by_verb(tokens, k)
        k -= 1
    plain = [w for w in content_words(sentence[max(0, at - 40) : at]) if w.lower() not in _DATE_WORDS]
    words = [
        t[2]
        for t in tokens[max(0, first - 6) : first]
        if _wordlike(t[2]) and len(t[2]) > 2 and t[2].lower() not in _CLOSED | _DATE_WORDS
    ]
    return "date: " + " ".join(words[-3:]) if plain and words else f"date {getattr(claim, 'value', '')}"


_EVENT_BETWEEN = re.compile(r"\b(?:that|which|when|after|before)\b[^,;]*$", re.I)


#: Nouns with an event's ending that name no event.
_NOT_EVENTS = frozenset(
    "information population nation station position location condition situation organization organisation "
    "administration attention question section portion option department government management equipment "
    "environment apartment document treatment insurance audience science evidence experience distance "
    "presence balance nature future feature culture structure".split()
)


def _event_noun(word: str) -> bool:
    if word in _NOT_EVENTS:
        return False
    return word in _EVENT_NOUNS or (len(word) > 6 and word.endswith(_EVENT_SUFFIXES) and not word.endswith("ing"))


def _noun_before(tokens: list[tuple[int, int, str]], k: int) -> list[str]:
    words = [_as_written(tokens, k)]
    j = k - 1
    while j >= 0 and len(words) < 3:
        word = tokens[j][2]
        if not _wordlike(word) or word.lower() in _CLOSED or word.endswith(("'s", "’s")) or _verbish(tokens, j):
            break
        words.insert(0, _as_written(tokens, j))
        j -= 1
    return words


def _participle(verb: str) -> str:
    if verb.endswith("ed") or verb in _IRREGULAR_VERBS:
        return verb
    return verb + "d" if verb.endswith("e") else verb + "ed"


def _date_by_verb(tokens: list[tuple[int, int, str]], i: int) -> str:
    """The date of what verb ``i`` says happened: its object made subject ("date the bridge is
    closed") or its subject ("date the operation ended")."""
    verb = tokens[i][2].lower()
    future = i > 0 and tokens[i - 1][2].lower() in ("will", "to", "would", "may", "could", "can")
    j = i + 1
    while j < len(tokens) and tokens[j][2].lower() in _DETERMINERS:
        j += 1
    obj, _ = _noun_run(tokens, j) if j > i + 1 or (j < len(tokens) and tokens[j][2][:1].isupper()) else ([], j)
    if any(w.lower() in _DATE_WORDS for w in obj):
        obj = []  # "released Wednesday": the date, not what was released
    if obj and j > i + 1 and tokens[i + 1][2].lower() in _DETERMINERS:
        obj = [tokens[i + 1][2].lower(), *obj]
    if obj:
        return f"date {' '.join(obj)} {'is' if future else 'was'} {_participle(verb)}"
    # The subject: the noun phrase before the verb (past "was", "that", "which", "who").
    k = i - 1
    aux: list[str] = []
    while k >= 0 and tokens[k][2].lower() in _AUXILIARIES | {"that", "which", "who", ",", "also", "then"}:
        if tokens[k][2].lower() in _AUXILIARIES:
            aux.insert(0, tokens[k][2].lower())
        k -= 1
    if k >= 0 and _wordlike(tokens[k][2]) and tokens[k][2].lower() not in _CLOSED:
        subject = _noun_before(tokens, k)
        if subject:
            det = "the " if subject[0][:1].islower() else ""
            return f"date {det}{' '.join(subject)} {' '.join([*aux, verb])}"
    return f"date {'to be ' if future else ''}{_participle(verb)}"
