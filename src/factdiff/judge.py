"""Judging: the primary source of a story, and a verdict for each report on each slot.

Pure functions over aligned slots (see :mod:`factdiff.align`). The verdict vocabulary is
``model.VERDICTS``; the divergences among them are ``model.DIVERGENCES``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from factdiff import lexicon
from factdiff.align import STOPWORDS, Fact, Match, Slot, _same_thing, convert, place_key
from factdiff.align.checks import (
    HEDGE_TOLERANCE,
    PERCENT_POINTS,
    ROUNDING_TOLERANCE,
    counted_pair,
    is_rounding,
    percent_slot,
    percent_verdict,
    two_days,
    weekday_contradicts,
)
from factdiff.analyse.numbers import parse_number
from factdiff.primary import PrimaryChoice, choose_primary, own_statement

# The checks of a figure against itself live with alignment, which applies them too
# (:mod:`factdiff.align.checks`); they are judge's vocabulary as well, so they are named here.
__all__ = [
    "PERCENT_POINTS",
    "ROUNDING_TOLERANCE",
    "PrimaryChoice",
    "choose_primary",
    "counted_pair",
    "is_rounding",
    "own_statement",
    "percent_slot",
    "percent_verdict",
    "quote_verdict",
    "title_verdict",
    "verdict",
    "weekday_contradicts",
]

#: A direct quote is checked for altered words only when this share of its words is verbatim:
#: below it the quote is a paraphrase or a translation, whose meaning words cannot settle.
QUOTE_VERBATIM_SHARE = 0.7
#: At most this many changed content words make an alteration; more is a rewording.
QUOTE_MAX_CHANGES = 4
#: Function words changed in one stretch that alter a quote though no content word changes.
QUOTE_FUNCTION_RUN = 3
#: A run of this many of the source's words (and half the report's quote) makes it the same quote.
QUOTE_VERBATIM_RUN = 5
#: Words that relate two things; one put for another in a quote changes what it says.
_RELATION_WORDS = frozenset(
    "over for against with without before after above below under from to into by since until despite".split()
)
#: rapidfuzz ratio above which two words are one word spelt two ways ("labour", "labor").
SPELLING_VARIANT = 85.0

#: Words of a title that change the office when dropped or added.
_RANK_WORDS = frozenset("acting interim deputy assistant associate vice former executive senior chief".split())
#: Words for where a person stands towards an office (running for it, named to it), not an office:
#: "candidate Sarah Palin" for Governor Palin, "Nominee" for the nominated Surgeon General.
_STATUS_TITLES = frozenset("candidate nominee designate elect hopeful contender".split())
#: Titles that only describe a post, so they cannot contradict a precise title.
_VAGUE_TITLES = frozenset("head leader boss chief official spokesman spokeswoman spokesperson aide".split())
_TITLE_ABBREVIATIONS = {
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cto": "chief technology officer",
    "dir": "director",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "sec": "secretary",
}


def verdict(match: Match, slot: Slot) -> str:
    """The verdict of one matched claim on its slot."""
    if match.relation == "source":
        return "agrees"
    if match.relation == "extra":
        return "unsupported"
    fact, source = match.fact, slot.source
    if source is None:
        return "agrees"
    if slot.family in ("number", "percent"):
        return _number_verdict(match.relation, fact, source)
    if slot.family == "date":
        if match.relation != "same" and _same_weekday_either_way(fact, source):
            return "agrees"
        if match.relation != "same" or weekday_contradicts(fact):
            return "date_changed"
        return "agrees"
    if slot.family == "person":
        title = getattr(fact.claim, "title", None)
        formal = bool(title) and _formal_title(fact.claim.text, title, getattr(fact.claim, "name", None))
        described = described_title(fact.claim.text, title)
        return title_verdict(title, getattr(source.claim, "title", None), formal=formal, described=described)
    if slot.family == "quote":
        return quote_verdict(fact.claim.quote, source.claim.quote, direct=fact.claim.direct)  # type: ignore[attr-defined]
    return "agrees"


def _number_verdict(relation: str, fact: Fact, source: Fact) -> str:
    if relation in ("entity_swap", "unit_swap"):
        return relation
    if relation == "same":
        bound = source.approx in ("up_to", "range") and fact.approx == "exact"
        unnamed = not (fact.concept | source.concept)
        if bound and (unnamed or _same_thing(fact, source)):
            return "rounded_unhedged"  # a bound or a range reported as the exact figure
        return "agrees"
    if relation == "near":
        if fact.approx != "exact":
            return "rounded_hedged"
        return "rounded_unhedged"
    if fact.approx != "exact" and fact.value is not None and source.value is not None:
        converted = convert(fact.value, fact.unit, source.unit)
        if converted is not None and abs(converted - source.value) <= HEDGE_TOLERANCE * abs(source.value):
            return "rounded_hedged"
    return "number_changed"


def _same_weekday_either_way(fact: Fact, source: Fact) -> bool:
    """A bare weekday ("on Wednesday") that is the source's weekday read in another week: a report
    that names the weekday of a coming event is read back from its publication date, and one whose
    page was updated later is read in a later week, but the day it means is the one the source
    gives."""
    claim, theirs = fact.claim, source.claim
    if not getattr(claim, "relative", False) or not getattr(claim, "weekday", None):
        return False
    days = two_days(getattr(claim, "value", None) or "", getattr(theirs, "value", None) or "")
    if days is None:
        return False
    ours, source_day = days
    # Any number of weeks: the report wrote only the weekday, and the week it was read into comes
    # from a dateline or publication date that may be a later update of the page.
    return ours != source_day and (ours - source_day).days % 7 == 0


def _title_words(title: str | None) -> list[str]:
    if not title:
        return []
    words: list[str] = []
    for word in re.findall(r"[A-Za-z]+", title.lower()):
        words.extend(_TITLE_ABBREVIATIONS.get(word, word).split())
    return [w for w in words if w not in ("and", "of", "the", "a", "an")]


def _formal_title(text: str, title: str | None, name: str | None) -> bool:
    """A title written as one, capitalised right before the name ("Fire Chief Dana Whitcombe"),
    not a description ("a senior ICE official")."""
    if not title or not name:
        return False
    at = text.find(title)
    words = re.findall(r"[A-Za-z]+", title)
    return (
        at >= 0
        and text.find(name.split()[0], at + len(title)) == at + len(title) + 1
        and all(w[0].isupper() and not w.isupper() for w in words)
    )


def described_title(text: str, title: str | None) -> bool:
    """A role written in lower case before the name ("Alabama physician Dr. Regina Benjamin",
    "genius grant fellow Regina Benjamin"): by news style an occupation or a description, where a
    formal title is capitalised ("Surgeon General Regina Benjamin")."""
    if not title or title.lower() == title:
        return False
    return re.search(rf"\b{re.escape(title.lower())}\b", text) is not None and title not in text


def title_verdict(report: str | None, source: str | None, *, formal: bool = False, described: bool = False) -> str:
    """``title_changed`` when a report gives another office than the source; shortened forms agree.
    ``described``: the report writes its role in lower case (:func:`described_title`), so a role of
    another domain is one the person holds besides ("physician" and "Surgeon General" compete;
    "trustee" of an association does not)."""
    if not report:
        return "omitted"
    if not source:
        return "agrees"
    report_words, source_words = _title_words(report), _title_words(source)
    r, s = set(report_words), set(source_words)
    if r and report_words[-1] in _STATUS_TITLES and not (s - r) & _RANK_WORDS:
        return "agrees"  # "candidate Sarah Palin", "Nominee" for "Surgeon General": a status, not an office
    if not r or r <= _VAGUE_TITLES or report_words[-1] in _VAGUE_TITLES:
        if formal and not r & s and r - _VAGUE_TITLES - _RANK_WORDS:
            # "Fire Chief" for "Incident Commander": a capitalised title naming another role.
            return "title_changed"
        return "agrees"  # "head of ICE", "a senior ICE official": a description, not a title
    parts = [p for p in re.split(r"\s+and\s+|\s*[,;/&]\s*", source, flags=re.I) if p.strip()]
    if len(parts) > 1:
        # "Governor and former vice presidential candidate": a report may give one of the posts.
        for part in parts:
            words = set(_title_words(part))
            if words and (r <= words or words <= r) and title_verdict(report, part) == "agrees":
                return "agrees"
    missing, added = s - r, r - s
    if s and source_words[-1] in _VAGUE_TITLES and not missing & _RANK_WORDS:
        # "Police Spokesman", "aide": the source describes the post; an office, of any rank, is
        # no contradiction ("deputy campaign manager" for "aide").
        return "agrees"
    if (
        report_words
        and source_words
        and not s & _RANK_WORDS
        and report_words[-1] != source_words[-1]
        and lexicon.relation(" ".join(report_words), " ".join(source_words)) == "hyponym"
    ):
        return "agrees"  # "Assistant District Attorney" for "Prosecutor": the office named more precisely
    if missing & _RANK_WORDS or added & _RANK_WORDS:
        return "title_changed"  # "Acting Director" -> "Director", "President" -> "Vice President"
    if r == s or s <= r:
        return "agrees"  # same, or more specific ("Labor Commissioner" for "Commissioner")
    if _one_office(report_words, source_words):
        return "agrees"  # "Attorney" for "Lawyer", "City Councilman" for "Council Member"
    if described and lexicon.same_domain_roles(" ".join(report_words), " ".join(source_words)) is False:
        return "agrees"  # "former AMA trustee Dr. Benjamin" for "Surgeon General": another role held too
    # Shortened forms keep the head word ("Chief Executive" for "Chief Executive Officer"); a
    # different head word is another office ("Coordinator" -> "Director").
    if added and not added <= (s | _VAGUE_TITLES | {"officer"}):
        return "title_changed"
    return "agrees"


def _one_office(report: list[str], source: list[str]) -> bool:
    """Whether two titles name one office by the lexicon: the same sense ("attorney", "lawyer")
    or one a kind of the other ("councilman", "council member"; "senator", "legislator"). Two
    offices that are only both persons' ("director", "coordinator") are not."""
    return lexicon.relation(" ".join(report), " ".join(source)) in ("same", "hyponym", "hypernym")


def _quote_words(text: str) -> list[str]:
    """The quote's words, lower case, apostrophes dropped: "can't" and "cant" (a copy that lost
    its apostrophes) are one word, and a stray mark ("'I") is no word of its own."""
    words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
    return [_number_word(w) for w in (w.replace("'", "") for w in words) if w]


@lru_cache(maxsize=4096)
def _number_word(word: str) -> str:
    """A number written in words or digits as one token ("eleventh" and "11th" -> "11"): a copy
    editor's style, not a change of the speaker's words."""
    value = parse_number(word)
    if value is None or not float(value).is_integer():
        return word
    return str(int(value))


def quote_verdict(report: str, source: str, direct: bool = True) -> str:
    """``quote_altered`` when a near-verbatim direct quote has content words changed.

    Not changes: a partial quote, words left out at an ellipsis, an editor's words in square
    brackets (or in parentheses the source does not have: "altered (its direction) towards"), a
    spelling variant ("organisation", "organization"; "on board", "onboard"), and a quote that goes
    on with more of the statement.
    """
    if not direct:
        return "agrees"  # indirect speech paraphrases by nature
    elided = "..." in report or "…" in report
    report = re.sub(r"\[[^\]]*\]", " ", report)
    if "(" not in source:
        report = re.sub(r"\([^)]*\)", " ", report)
    rw, sw = _quote_words(report), _quote_words(source)
    if not rw or not sw:
        return "agrees"
    matcher = difflib.SequenceMatcher(a=sw, b=rw, autojunk=False)
    ops = matcher.get_opcodes()
    # A partial quote leaves out the start or the end of the source, and a longer one goes on
    # with other words of the statement: neither is a change of these words.
    while ops and ops[0][0] in ("delete", "insert"):
        ops = ops[1:]
    while ops and ops[-1][0] in ("delete", "insert"):
        ops = ops[:-1]
    if not ops:
        return "agrees"
    verbatim = sum(i2 - i1 for tag, i1, i2, _j1, _j2 in ops if tag == "equal")
    aligned = ops[-1][4] - ops[0][3]
    longest = max((i2 - i1 for tag, i1, i2, _j1, _j2 in ops if tag == "equal"), default=0)
    if (
        verbatim < QUOTE_VERBATIM_SHARE * aligned or verbatim < QUOTE_VERBATIM_SHARE * min(len(rw), len(sw))
    ) and longest < max(QUOTE_VERBATIM_RUN, len(rw) / 2):
        # Few words in common, and no long run of them: a paraphrase in quotation marks. A run of
        # the source's words with an ending of the report's own ("... these kettles if they notice
        # overheating") is the quote changed.
        return "agrees"
    changed = 0
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" or (tag == "delete" and elided):
            continue
        if tag == "replace" and "".join(sw[i1:i2]) == "".join(rw[j1:j2]):
            continue  # one word written as two, or joined by a hyphen ("on board", "well-practiced")
        if tag == "replace" and _initials(sw[i1:i2], rw[j1:j2]):
            continue  # "IE customers" for "Internet Explorer customers": a name and its initials
        old, new = _content(sw[i1:i2]), _content(rw[j1:j2])
        if tag == "replace":
            # "chose Ostwick over bigger offers" -> "for the bigger offer": one relation word for
            # another changes the meaning, though both are stopwords.
            was, now = set(sw[i1:i2]) & _RELATION_WORDS, set(rw[j1:j2]) & _RELATION_WORDS
            if was and now and was != now:
                changed += len(was ^ now)
        if tag == "replace" and len(old) == len(new):
            pairs = list(zip(old, new, strict=True))
            old = [a for a, b in pairs if fuzz.ratio(a, b) < SPELLING_VARIANT]
            new = [b for a, b in pairs if fuzz.ratio(a, b) < SPELLING_VARIANT]
        changed += len(old) + len(new)
        if not old and not new and (i2 - i1) + (j2 - j1) >= QUOTE_FUNCTION_RUN:
            # "and there were another dozen" -> "and a dozen": the small words of a clause
            # rewritten inside the marks, where one dropped word ("there another") is a slip.
            changed += 1
    if 0 < changed <= 2 * QUOTE_MAX_CHANGES:
        return "quote_altered"
    return "agrees"


def _initials(a: list[str], b: list[str]) -> bool:
    """One side is a single word made of the initials of the other's words ("ie" / "internet
    explorer", "un" / "united nations")."""
    for short, long in ((a, b), (b, a)):
        if len(short) == 1 and len(long) >= 2 and short[0] == "".join(w[0] for w in long):
            return True
    return False


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS or w in ("not", "no", "never")]


#: Points a plain fraction ("half", "a third") may be off its share: such words round by nature.
FRACTION_POINTS = 5.0


def fraction_slot(fact: Fact, facts: dict[str, list[Fact]], primary: list[str]) -> tuple[float, float] | None:
    """The (part, base) of the source that a fraction of a count ("more than half of the 40
    beams") is about: the source's count equal to the base and a smaller count of its sentence
    ("23 of the bridge's 40 steel beams"), the one closest before it."""
    base = fact.fraction_of
    if base is None:
        return None
    for source_id in primary:
        counts = [f for f in facts.get(source_id, []) if f.family == "number" and f.unit is None and f.value]
        for whole in counts:
            if whole.value != base or whole.claim.in_title:
                continue
            parts = [
                f for f in counts if f.claim.sentence_start == whole.claim.sentence_start and 0 < (f.value or 0) < base
            ]
            parts.sort(key=lambda f: (f.claim.start > whole.claim.start, abs(f.claim.start - whole.claim.start)))
            if parts and parts[0].value is not None:
                return parts[0].value, base
    return None


def fraction_verdict(fact: Fact, part: float, base: float) -> str:
    """A fraction against the share it stands for: "more than half" for 23 of 40 agrees."""
    share, value = 100 * part / base, fact.value or 0.0
    if fact.approx in ("over", "at_least"):
        return "agrees" if share >= value else "percent_wrong"
    if fact.approx in ("under", "up_to"):
        return "agrees" if share <= value else "percent_wrong"
    return "agrees" if abs(share - value) <= FRACTION_POINTS else "percent_wrong"


def consensus(slot: Slot, copy_of: dict[str, str]) -> str | None:
    """The value most reports give for a slot, each text-reuse family counted once (a copy's
    original votes for the family)."""
    votes: Counter[tuple] = Counter()
    shown: dict[tuple, str] = {}
    for article_id, matches in slot.matches.items():
        if article_id in copy_of and copy_of[article_id] in slot.matches:
            continue
        own = [m for m in matches if not m.fact.in_post]
        if own:
            key = _value_key(own[0].fact)
            votes[key] += 1
            shown.setdefault(key, display_value(own[0].fact, noun=False))
    if not votes:
        return None
    return shown[votes.most_common(1)[0][0]]


def _value_key(fact: Fact) -> tuple:
    """What two statements of a slot must share to be the same value: "33 in Portland, Ore." and
    "33 arrests in Portland, Oregon" are one value."""
    claim = fact.claim
    if fact.family in ("number", "percent"):
        place = place_key(fact.places[0]).split("|")[0] if fact.places else ""
        return (fact.family, round(fact.value or 0.0, 6), fact.unit, fact.approx != "exact", place)
    if fact.family == "date":
        return ("date", getattr(claim, "value", None), (getattr(claim, "weekday", None) or "").lower())
    if fact.family == "person":
        return ("person", tuple(sorted(set(_title_words(getattr(claim, "title", None))))))
    return ("quote", tuple(_quote_words(getattr(claim, "quote", ""))))


def display_value(fact: Fact, *, noun: bool = True, place: bool = True) -> str:
    """A claim's value as reports show it: "498 people", "nearly 500", "$38.5 million",
    "2017-09-27 (Monday)". ``noun`` and ``place`` add what is counted and where."""
    claim = fact.claim
    if fact.family in ("number", "percent"):
        hedge = "" if fact.approx == "exact" else fact.approx.replace("_", " ") + " "
        text = _amount(fact.value, fact.unit, getattr(claim, "unit_text", None))
        concept = getattr(claim, "concept", None)
        words = f" {concept}" if noun and concept and fact.family == "number" else ""
        where = f" in {fact.places[0]}" if place and fact.places else ""
        return f"{hedge}{text}{words}{where}"
    if fact.family == "date":
        weekday = getattr(claim, "weekday", None)
        return f"{claim.value} ({weekday})" if weekday else str(claim.value)  # type: ignore[attr-defined]
    if fact.family == "person":
        return getattr(claim, "title", None) or "(no title)"
    if fact.family == "quote":
        return f"“{claim.quote}”"  # type: ignore[attr-defined]
    return claim.text


def _amount(value: float | None, unit: str | None, unit_text: str | None) -> str:
    if unit == "USD":
        if value is not None and abs(value) >= 1e9:
            return f"${_fmt(round(value / 1e9, 2))} billion"
        if value is not None and abs(value) >= 1e6:
            return f"${_fmt(round(value / 1e6, 2))} million"
        return f"${_fmt(value)}"
    if unit == "percent":
        return f"{_fmt(value)}%"
    if unit:
        name = unit_text if unit_text and unit_text.isalpha() else unit
        if unit_text is None and value != 1 and name.isalpha() and not name.endswith("s"):
            name = {"foot": "feet"}.get(name, name + "s")
        return f"{_fmt(value)} {name}"
    return _fmt(value)


def _fmt(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
