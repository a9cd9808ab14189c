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

This module runs the steps and finds the speakers of direct quotes; the steps' parts live in
:mod:`~factdiff.analyse.quotemarks` (step 1), :mod:`~factdiff.analyse.speakers` (cues, the noun
phrases that speak, and resolution to full names) and :mod:`~factdiff.analyse.attributions` (step 3).
"""

from __future__ import annotations

import bisect
import re

from factdiff.analyse.attributions import _indirect
from factdiff.analyse.people import NAME, person_name
from factdiff.analyse.quotemarks import (
    _QUOTE_CHARS,
    _after_naming_verb,
    _inner,
    _is_name_like,
    _quoted_stretches,
    quote_units,
)
from factdiff.analyse.speakers import (
    _CUE,
    _CUE_WORDS,
    _DETERMINERS,
    _NP_BEFORE,
    _PRONOUN_SET,
    _WORDS,
    QuoteMatch,
    _credit,
    _Cues,
    _name_end,
    _np_after,
    _np_before,
    _oblique,
    _People,
    _plausible,
    _resolve_all,
    _subject,
    _trim_np,
)
from factdiff.analyse.text import plain_spaces
from factdiff.model import Article, Attribution, Person, Quote

__all__ = ["QuoteMatch", "find_attributions", "find_quotes", "match_quotes"]

# --- direct quotes --------------------------------------------------------------------------------

#: Verbs of saying proper, after which a name can follow the cue ('said Helen Marchetti').
_SAY = frozenset("said says added adds continued wrote writes declared declares stated explained noted".split())
#: Cues that may stand before their speaker ('"...," asked Ann Lee'); others take an object after them.
_INVERTED = _SAY | frozenset(
    "asked asks replied replies recalled recalls insisted insists warned warns argued argues".split()
)
#: A sentence cut after an abbreviation or initial rather than at its real end.
_CONTINUES = re.compile(r"(?:\b[A-Z]\.|\b(?:[A-Z]\.){2,})[ \t]*$")
#: Cues that follow their clause's subject at a distance: "X mocked the plan, saying ...".
_PARTICIPLES = frozenset(word for word in _CUE_WORDS if word.endswith("ing"))

#: Machine-translated cue inside a guillemet quote: «A – said the head of ICE Tom Homan. – B».
_INSIDE_CUE = re.compile(rf"[ \t]+[–—-]+[ \t]*(?P<cue>{_CUE})(?P<np>[ \t]+[^–—«»\"]+?)[.,]?[ \t]*[–—-]+[ \t]+")

#: Shortest quote, in words, kept without a cue next to it: shorter ones are scare quotes or names
#: ("Operation Safe City"); partial quotes with a cue in their sentence are kept at any length.
MIN_WORDS_UNCUED = 6

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
    text = plain_spaces(article.text)
    known = _People(people)
    cues = _Cues(text)
    sentence_starts = [s for s, _ in sentences]
    matches: list[QuoteMatch] = []
    quoted: list[tuple[int, int]] = []
    previous_line_speaker: QuoteMatch | None = None
    previous_line_colon = False
    for line_start, line_end in quote_units(text):
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
                    _credit(m, ":", label.end("np"), (label.start("np"), label.end("np")))
                elif inside is not None:
                    cue, np_s, np_e = inside
                    _credit(m, cue.group("cue").lower(), cue.start("cue"), (np_s, np_e))
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
            # "Okafor continued:" / "The Harbour Gazette reports:" introduces the next paragraph.
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
    _resolve_all(matches, known, quoted, text)
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
    dash = _NAME_DASH.search(text, max(floor, q_open - 80), q_open)
    if dash is not None and not _oblique(text, dash.start("np"), dash.end("np")):
        # "..., including the former governor Ann Lee -- "It is ..." --": a dash gives the words to the
        # name before it, unless the name is an object ("supportive of Ann Lee -- "...")
        person = known.at(dash.start("np"), dash.end("np"))
        words = dash.group("np")
        cleaned = person_name(words)
        if person is not None:
            _credit(m, "—", dash.start("dash"), (person.start, _name_end(person)))
            return
        if cleaned and " " in cleaned and _plausible(cleaned):
            at = dash.start("np") + words.find(cleaned)
            _credit(m, "—", dash.start("dash"), (at, at + len(cleaned)))
            return
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
            if np is None and text[floor : cue.start()].strip(" \t,"):
                # "As Ada Okafor, a harbour engineer, recently put it, "...": the clause's subject
                np = _subject(text, floor, cue.start(), known)
            if np is None and word in _SAY:
                np = _np_after(text, cue.end(), q_open, known)  # ', said X, "..."'
        if np is not None:
            _credit(m, word, cue.start(), np)
            return
    if colon:
        # "Acting Director Tom Homan made that plain in his statement:": the subject speaks.
        np = _subject(text, floor, floor + colon.start(), known)
        if np is not None:
            _credit(m, ":", floor + colon.start(), np)
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
                    _credit(m, tail[-1].group().lower(), tail[-1].start(), np)
                    return
            paragraph = text.rfind("\n", 0, q_open) + 1
            if not _speech_before(text, paragraph, q_open):
                # 'Ann Lee, who chairs the board, faulted the plan. "It fails the town," ...': a quote
                # after a sentence without a cue is the words of that sentence's subject, a person
                np = _subject(text, p_start, p_end, known, people_only=True)
                if np is not None:
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
            _credit(m, cue.group("cue").lower(), cue.start(), np)
            return
    if cue and (cue.group("cue").lower() == "according to" or cue.group("cue").lower() in _INVERTED):
        # '"...," said Ann Lee', '"...," according to Ann Lee'; not the object of "criticized Ann Lee"
        np = _np_after(text, cue.end(), limit, known)
        if np is not None:
            _credit(m, "according to", cue.start(), np)
            return
    # Words quoted inside a sentence without a cue ('accused the campaign of being "duped"', 'has
    # gone after the board as "a club that answers to no one"'): the words are the sentence
    # subject's, when it names someone, however many they are.
    if _WORDS.search(lead):
        np = _subject(text, floor, q_open, known, people_only=True)
        if np is not None:
            m.speaker_start, m.speaker_end = np


def _speech_before(text: str, start: int, end: int) -> bool:
    """Whether quoted speech, not only a quoted name or title ("Face the Press"), stands in ``text[start:end]``."""
    if not any(ch in _QUOTE_CHARS for ch in text[start:end]):
        return False
    for q_open, q_close, _closed in _quoted_stretches(text, start, end):
        s, e = _inner(text, q_open, q_close)
        if e > s and not _is_name_like(text, QuoteMatch(start=s, end=e, direct=True)):
            return True
    return False


_NAME_DASH = re.compile(rf"(?<![\w'’-])(?P<np>{NAME})[ \t]*(?P<dash>--|—|–)[ \t]*\Z")


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
        _credit(m, "—", after, (signature.start("np"), signature.end("np")))
        return True
    while after < next_open and text[after] in " \t,—–-":
        after += 1
    if after >= next_open:
        return False
    cue = cues.match(text, after, next_open)
    if cue:
        np = _np_after(text, cue.end(), next_open, known)
        if np:
            _credit(m, cue.group("cue").lower(), cue.start(), np)
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
        _credit(m, cue.group("cue").lower(), cue.start(), (named.start("np"), named.end("np")))
        return True
    if not first or len(_WORDS.findall(between)) > MAX_SPEAKER_WORDS:
        return False
    if first[:1].islower() and first.lower() not in _DETERMINERS and first.lower() not in _PRONOUN_SET:
        return False
    s, e = after, _trim_np(text, after, cue.start())
    person = known.at(s, e)
    if person is not None and s <= person.start < e:
        s, e = person.start, min(e, _name_end(person))
    else:
        inner = _NP_BEFORE.search(text, s, cue.start())
        if inner and _plausible(inner.group("np")) and inner.start("np") == s:
            e = inner.end("np")
        elif not _plausible(text[s:e]):
            return False
    _credit(m, cue.group("cue").lower(), cue.start(), (s, e))
    return True


_TRANSCRIPT = re.compile(r"(?P<np>[A-Z][A-Z'’.-]+(?:[ \t][A-Z][A-Z'’.-]+){0,2}):[ \t]+")


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
