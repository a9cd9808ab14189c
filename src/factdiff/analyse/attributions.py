"""Indirect speech and the sources a report credits.

The last step of quote finding (see :mod:`factdiff.analyse.quotes`): outside the quoted
stretches, each cue's sentence is read as "NP said (that) CLAUSE", "CLAUSE, NP said", "CLAUSE,
said NP", "according to NP, CLAUSE", "X called the closure the hardest decision", or a source
credited with no words reported ("ICE said in a statement Thursday."); machine-translated source
lines ("About it reports a press-Department service") are credits too. Each is a
:class:`~factdiff.analyse.speakers.QuoteMatch` with ``direct=False``, whose speaker
:func:`factdiff.analyse.quotes.find_attributions` turns into an :class:`~factdiff.model.Attribution`.
"""

from __future__ import annotations

import bisect
import re

from factdiff import lexicon
from factdiff.analyse.people import lower_same_length
from factdiff.analyse.quotemarks import _QUOTE_CHARS, _inner
from factdiff.analyse.speakers import (
    _NP_AFTER,
    _WORDS,
    QuoteMatch,
    _Cues,
    _np_after,
    _np_before,
    _People,
)

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

#: Verbs whose object is the reported judgement ("called the closure the hardest decision").
_EVALUATIVE = frozenset("called calls described describes branded labeled labelled termed".split())

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
#: "The USGS put the epicentre at about 58km", "Police put the death toll at 50": the subject gives
#: the figure, so the report credits it.
_PUT_AT = re.compile(
    r"\b(?P<cue>put|puts|placed|places)[ \t]+(?:the|its|their|his|her)[ \t]+(?:[\w'’-]+[ \t]+){1,5}?"
    r"(?:at|as)[ \t]+(?:(?:about|around|some|roughly|nearly|more[ \t]+than)[ \t]+)?[$€£]?\d"
)

#: "About it reports a press-Department service." (machine translation of a source line).
_ABOUT = re.compile(
    r"(?<![\w'’])(?i:about|on)[ \t]+(?i:it|this|that)[ \t]+(?P<cue>(?i:reports|informs|report|inform|says|writes|"
    r"tells|told|reported|informed|said))[ \t]+(?P<np>[^.!?\n]+?)[ \t]*(?=[.!?]|$)",
    re.MULTILINE,
)


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
                # "To keep the roads open, she said, crews will work through the night."
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
    for put in _PUT_AT.finditer(text):
        k = bisect.bisect_right(sentence_starts, put.start()) - 1
        if k < 0 or in_quote(put.start()):
            continue
        s_start = sentences[k][0]
        np = _np_before(text, s_start, put.start(), known)
        if np is None:
            continue
        if _WORDS.findall(text[s_start : np[0]]) and not _SUBJECT_SLOT.search(text[s_start : np[0]]):
            continue  # the name is not the subject of the clause
        if not _gives_figures(text[np[0] : np[1]]):
            continue  # "A first estimate put the damage at $86 million": no one credited
        credit = QuoteMatch(start=put.start(), end=put.start(), direct=False, cue=put.group("cue").lower())
        credit.cue_start, (credit.speaker_start, credit.speaker_end) = put.start(), np
        credit.speaker_text = text[np[0] : np[1]]
        out.append(credit)
    lower = lower_same_length(text)
    hints = [i for word in ("about ", "on ") for i in _find_all(lower, word)]
    for about in filter(None, (_ABOUT.match(text, i) for i in sorted(hints))):
        np_s, np_e = about.start("np"), about.end("np")
        m = QuoteMatch(start=about.start(), end=about.start(), direct=False, cue=about.group("cue").lower())
        m.cue_start, m.speaker_start, m.speaker_end = about.start(), np_s, np_e  # the claim reads "About it reports X"
        m.speaker_text = text[np_s:np_e]
        out.append(m)
    return out


def _gives_figures(np: str) -> bool:
    """Whether a subject can give a figure: a name ("US Geological Survey"), or a noun for people,
    a body or a place that governs ("police", "the county"); not an estimate or a study."""
    words = _WORDS.findall(np)
    if not words:
        return False
    if any(w[:1].isupper() for w in words[1:]):
        return True  # a name after the first word ("The US Geological Survey")
    last = words[-1]
    if last[:1].isupper() and not lexicon.known(last.lower()):
        return True  # a name alone ("Reuters", "USGS")
    return lexicon.primary_class(last.lower()) in ("person", "group", "location")


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
