"""The primary source of a story: which report the others should be checked against.

The rule, in order (the choice says which one fired):

1. **own statement**: the statement of the organisation the story is about. A report marked
   ``press_release`` is one; so is a report from a government or intergovernmental domain; so is a
   report whose outlet is an institution (an agency, office, department, board, police, court,
   ministry, a company "Inc." or a club) and which reads as one: other reports credit it, it follows
   press-release conventions ("FOR IMMEDIATE RELEASE", "###", "Media contact", a "CITY —" dateline
   or a "RECALL NOTICE" heading), or it speaks in the first person of the institution ("we", "our").
2. **credited by others**: the report whose outlet at least two other reports credit ("according to
   X", "X said in a statement", "released by X", a "CITY (X) —" dateline, "first appeared in X").
   Credits are matched to outlets loosely: by token sets (rapidfuzz), by acronym ("ICE" for "U.S.
   Immigration and Customs Enforcement") and by role ("the county" for the one outlet that is a
   county office).
3. **earliest, most specific**: of the reports that copy no other, the earliest, then the one with
   the most claims.

A blog or an aggregator (as marked, or as read from the text: a personal first-person voice, or a
"first appeared in" credit line) is never chosen while another report is available.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from factdiff.analyse.text import split_sentences
from factdiff.model import Analysis, Article, Attribution

__all__ = [
    "PrimaryChoice",
    "choose_primary",
    "credited_names",
    "credits",
    "infer_kind",
    "is_institution",
    "own_statement",
    "statement_signals",
]

#: rapidfuzz token_set_ratio at or above which a credited name is the outlet's name.
CREDIT_MATCH = 85.0


@dataclass(slots=True)
class PrimaryChoice:
    ids: list[str]
    rule: str  # "official statement" | "own statement" | "credited by others" | "earliest, most specific"
    reason: str
    #: The choice is the official statement itself (a press release, a government domain, an
    #: institution that other reports credit, or a text that others quote as the statement): only
    #: then is it the reference of every slot; otherwise each slot's reference is the consensus of
    #: independent reports (factdiff.reference).
    official: bool = False
    #: Votes the pivot carries in a consensus when it is not the official statement but reads as an
    #: organisation's own (release conventions, an institutional voice): enough to break a tie with
    #: one report, never enough to outvote two independent reports that agree against it.
    weight: int = 1


#: Signals of :func:`statement_signals` that make a report the official statement itself; the
#: others (release conventions, an institutional voice) are found on advocacy pages, forums and
#: company blogs too, and make it a good pivot but not the truth.
_OFFICIAL_SIGNALS = ("marked as a press release", "a government domain", "credited by")

#: Words a quotation must have to count as the statement's own words (shorter ones are phrases).
_STATEMENT_QUOTE_WORDS = 6
#: Words per run when a quotation is looked for in a report's own words, and the share of its runs
#: that must be there.
_STATEMENT_SHINGLE = 4
_STATEMENT_QUOTE_SHARE = 0.6


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _shingles(words: list[str], n: int = _STATEMENT_SHINGLE) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def quoted_statements(analyses: list[Analysis], copy_of: dict[str, str]) -> dict[str, int]:
    """Per report, how many other independent reports quote its own (unquoted) words: a report that
    reprints the statement carries, outside quotation marks, the words others put in quotes.

    A quotation counts when most of its word runs (:data:`_STATEMENT_SHINGLE` words) are in the
    report's own words; runs are indexed once, so the cost grows with the text, not with the
    square of the number of reports."""
    quotes: list[tuple[str, set[tuple[str, ...]]]] = []
    for analysis in analyses:
        family = copy_of.get(analysis.article.id, analysis.article.id)
        for claim in analysis.claims:
            words = getattr(claim, "quote", "") or ""
            if getattr(claim, "direct", False) and len(words.split()) >= _STATEMENT_QUOTE_WORDS:
                runs = _shingles(_plain(words).split())
                if runs:
                    quotes.append((family, runs))
    holders: dict[tuple[str, ...], list[int]] = {}
    for i, (_family, runs) in enumerate(quotes):
        for run in runs:
            holders.setdefault(run, []).append(i)
    found: dict[str, int] = {}
    for analysis in analyses:
        own = _plain(_unattributed_voice(analysis.article)).split()
        if len(own) < 40:
            continue
        mine = copy_of.get(analysis.article.id, analysis.article.id)
        hits: Counter[int] = Counter()
        for run in _shingles(own):
            for i in holders.get(run, ()):
                hits[i] += 1
        families = {
            quotes[i][0]
            for i, n in hits.items()
            if quotes[i][0] != mine and n >= _STATEMENT_QUOTE_SHARE * len(quotes[i][1])
        }
        if families:
            found[analysis.article.id] = len(families)
    return found


#: Words that make an outlet name an institution's (matched as whole words).
_INSTITUTION_WORDS = frozenset(
    """
    agency office department board commission committee police sheriff county city ministry court
    council authority bureau government administration municipality prefecture parliament senate
    assembly university hospital institute foundation association federation union club fc
    inc inc. corp corp. corporation ltd ltd. llc plc gmbh ag sa company co. enforcement attorney
    attorney's prosecutor prosecutor's embassy secretariat directorate service
    """.split()
)
#: Words that make an outlet name a news outlet's, whatever else it says ("Continental Press Agency").
_NEWS_WORDS = frozenset(
    """
    news newswire wire press times post tribune herald journal review gazette chronicle courier
    register ledger sentinel observer dispatch bulletin weekly daily monthly magazine digest report
    reporter radio tv television channel broadcasting network media edition echo voice watch
    blog insider today express telegraph mirror standard star globe record examiner inquirer monitor
    """.split()
)
#: Words of organisation names that do not identify one ("The Daily News", "U.S. Department of ...").
_GENERIC_NAME_WORDS = frozenset(
    """
    the a an of and for on u.s us u s state national federal county city department office agency service
    services news daily weekly wire press times post tribune herald journal review report reports media network
    group inc corp co ltd llc plc company industries international global online tv radio channel board
    technologies holdings systems club fc football
    """.split()
)
#: "the county said": role nouns that stand for the one institution of that kind in a story.
_ROLES = (
    "county",
    "city",
    "agency",
    "company",
    "club",
    "department",
    "board",
    "office",
    "ministry",
    "police",
    "commission",
    "court",
    "council",
    "authority",
    "service",
    "government",
)
_ROLE_OUTLET_WORDS = {
    "company": ("inc", "inc.", "corp", "corp.", "corporation", "ltd", "ltd.", "llc", "plc", "company", "co."),
    "club": ("club", "fc"),
}

_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:(?:of|and|for|the|on|de|del|du)\s+)*[A-Z][\w.&'’-]*)*"
_CREDIT_PATTERNS = (
    re.compile(
        r"\b(?i:according to|released by|issued by|announced by|reported by|published by|provided by|"
        r"first (?:appeared|published) (?:in|on|by)|statement (?:from|by)|data from|figures from|"
        r"originally published by|courtesy of)\s+(?:the\s+)?(" + _NAME + ")"
    ),
    re.compile(
        r"\b(?:the\s+)?(" + _NAME + r")(?:'s?|’s?)?\s+(?:said|says|announced|reported|confirmed|stated|"
        r"said in a statement|told)\b"
    ),
    re.compile(r"^[A-Z][A-Z .,'’-]+\s*\(([^)\n]{2,60})\)\s*[—–-]", re.MULTILINE),
)
_ROLE_CREDIT = re.compile(
    r"\b(?:according to the|[Tt]he)\s+(" + "|".join(_ROLES) + r")(?:'s?|’s?)?"
    r"(?:\s+(?:said|says|announced|reported|confirmed|stated|told|released|issued))?\b"
)
_RELEASE_CONVENTIONS = re.compile(
    r"for immediate release|^\s*#{3}\s*$|^\s*-\s*30\s*-\s*$|media contacts?:|press contacts?:|"
    r"^[A-Z][A-Z .,'’-]{2,40}\s+[—–]\s|"  # a "CITY —" dateline without an outlet in brackets
    r"^[A-Z][A-Z ]{3,40}(?:NOTICE|RELEASE|UPDATE|REPORT|STATEMENT|ADVISORY|BULLETIN)\b|"
    r"^(?:RECALL|PRESS|NEWS|MEDIA|INCIDENT|SITUATION|PUBLIC) (?:NOTICE|RELEASE|UPDATE|REPORT|STATEMENT|ADVISORY)\b",
    re.IGNORECASE | re.MULTILINE,
)
#: Quotations in double, typographic, doubled-apostrophe or single quotes, and a quoted paragraph
#: left open to be continued in the next one (the news convention).
_QUOTED = re.compile(
    r"[\"“][^\"“”\n]{0,800}(?:[\"”]|$)|``[^\n]{0,800}?''|''[^\n]{0,800}?''|(?<!\w)[‘'][^‘’'\n]{0,400}[’'](?!\w)",
    re.MULTILINE,
)
_INSTITUTIONAL_VOICE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_PERSONAL_VOICE = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|me|let's|let’s)\b(?![-‑])")
_AGGREGATOR_LINES = re.compile(
    r"^(?:this story (?:first|originally) appeared|originally published|read more:|more [\w ]{0,30}news:|"
    r"via\s|source:\s)",
    re.IGNORECASE | re.MULTILINE,
)


def _words(name: str) -> list[str]:
    return re.findall(r"[A-Za-z][\w.&'’-]*", name)


def _key_words(name: str) -> list[str]:
    return [w.lower().rstrip(".") for w in _words(name)]


def is_institution(article: Article) -> bool:
    """The outlet is an institution by its name or domain, not a news outlet."""
    domain = (article.domain or "").lower()
    if re.search(r"\.(gov|mil)(\.[a-z]{2})?$|\.gov\.[a-z]{2}$|\.int$", domain):
        return True
    words = {w.lower() for w in _words(article.outlet or "")}
    words |= {w.rstrip(".") for w in words}
    if words & _NEWS_WORDS or any(w.endswith(("wire", "news", "feed", "post")) for w in words):
        return False
    if words & _INSTITUTION_WORDS:
        return True
    # The .org, .edu or .ac site of a body that is no news outlet ("redcross.org", "uni.ac.uk").
    return bool(words) and bool(re.search(r"\.(org|edu|ac)(\.[a-z]{2})?$", domain))


def _without_posts(article: Article) -> str:
    """The article's text with its embedded posts blanked out (offsets kept)."""
    text = article.text
    for post in sorted(article.posts, key=lambda p: -p.start):
        end = max(post.end, post.signature_end)
        text = text[: post.start] + " " * (end - post.start) + text[end:]
    return text


def _own_voice(article: Article) -> str:
    """The body without quotations and embedded posts: the outlet's own words."""
    return _QUOTED.sub(" ", _without_posts(article)[article.body_start :])


#: A sentence in which a report gives someone else's words: a speech verb or "according to".
_REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|according to|wrote|writes|added|adds|stated|states|described|"
    r"quoted|quoting|declared|insisted|noted|explained)\b",
    re.IGNORECASE,
)


def _unattributed_voice(article: Article) -> str:
    """The sentences of a report's body where it speaks for itself: not those that credit someone
    ("Gaskin told the Timaru Herald", "according to the New York Times") nor those with any
    quotation mark, paired or left unpaired by copying. A statement reprinted as a report's own
    text is narrative, with no one credited; embedded posts are left out as in :func:`_own_voice`."""
    text = _without_posts(article)
    kept = []
    inside = False  # within a quotation that runs on from an earlier sentence
    for a, b in split_sentences(text, article.body_start):
        sentence = text[a:b]
        marked = re.search(r"[\"“”]|''|``|(?<!\w)'\w", sentence)
        if not inside and not marked and not _REPORTED_SPEECH.search(sentence):
            kept.append(sentence)
        inside = _still_quoting(sentence, inside)
    return " ".join(kept)


def _still_quoting(sentence: str, inside: bool) -> bool:
    """Whether a quotation is still open after ``sentence``: one opened and not closed ("Yesterday
    I was stopped by an officer. / I don't think ... / ... my innocence.''" runs over three
    sentences whose middle one has no mark). Unlike the quote finder's run-on (at most three lines,
    and closed), a quotation stays open here for as long as it runs: a statement relayed over five
    lines is still no report's own voice."""
    for mark in re.finditer(r"“|”|``|''|\"", sentence):
        token = mark.group()
        if token in ("“", "``"):
            inside = True
        elif token in ("”", "''"):
            inside = False
        elif inside:
            inside = False  # a straight mark closes an open quotation
        else:  # ... and opens one at the start or after a space
            at = mark.start()
            inside = at == 0 or sentence[at - 1] in " \t\n([—–-"
    return inside


def statement_signals(article: Article, articles: list[Article]) -> list[str]:
    """Why a report reads as an organisation's own statement (empty when it does not)."""
    if article.kind == "press_release":
        return ["marked as a press release"]
    domain = (article.domain or "").lower()
    if re.search(r"\.(gov|mil)(\.[a-z]{2})?$|\.gov\.[a-z]{2}$|\.int$", domain):
        return [f"a government domain ({domain})"]
    if not is_institution(article):
        return []
    signals = []
    holders = _role_holders(articles)
    crediting = [other for other in articles if other is not article and credits(other, article, holders=holders)]
    if crediting:
        signals.append(f"credited by {len(crediting)} other report{'s' if len(crediting) > 1 else ''}")
    if _RELEASE_CONVENTIONS.search(article.body):
        signals.append("press-release conventions")
    own = _own_voice(article)
    if len(_INSTITUTIONAL_VOICE.findall(own)) >= 1 and not _PERSONAL_VOICE.search(own):
        signals.append("speaks as the institution")
    if _name_in_others(article, articles):
        signals.append("the subject of the other reports")
    # The name of an institution alone is not enough ("Government Executive" is a magazine).
    return signals if signals and signals != ["the subject of the other reports"] else []


def own_statement(article: Article, articles: list[Article]) -> bool:
    """A statement published by the organisation the story is about (see :func:`statement_signals`)."""
    return bool(statement_signals(article, articles))


def _distinctive(name: str) -> list[str]:
    return [w for w in _key_words(name) if w not in _GENERIC_NAME_WORDS and len(w) > 1]


def _name_in_others(article: Article, articles: list[Article]) -> bool:
    words = _distinctive(article.outlet or "")
    if not words:
        return False
    pattern = re.compile(r"\b" + r"\b.{0,40}\b".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    others = [a for a in articles if a is not article]
    return bool(others) and sum(1 for o in others if pattern.search(o.text)) >= max(1, len(others) / 2)


def credited_names(analysis_or_article: Analysis | Article) -> list[str]:
    """The bodies a report credits: attribution sources, "according to X", "X said", datelines."""
    if isinstance(analysis_or_article, Analysis):
        article = analysis_or_article.article
        names = [c.source for c in analysis_or_article.claims if isinstance(c, Attribution) and c.source]
    else:
        article, names = analysis_or_article, []
    return names + list(_text_credits(_own_voice(article)))


@lru_cache(maxsize=4096)
def _text_credits(body: str) -> tuple[str, ...]:
    """The names credited in a report's own words (cached: every statement check reads every report)."""
    names = [m.group(1).strip() for pattern in _CREDIT_PATTERNS for m in pattern.finditer(body)]
    return tuple(names + ["the " + m.group(1) for m in _ROLE_CREDIT.finditer(body)])


def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w[0].isupper() and w.lower() not in {"u.s.", "u.k."})


def _credit_matches(credit: str, article: Article, role_holders: dict[str, int]) -> bool:
    outlet = article.outlet or ""
    credit = re.sub(r"(?:'s?|’s?)$", "", credit.strip())
    if not credit.lower().startswith("the ") or credit[4:].lower() not in _ROLES:
        credit = re.sub(r"^the\s+", "", credit, flags=re.IGNORECASE)
    if not outlet or len(credit) < 2:
        return False
    role = re.fullmatch(r"the (\w+)", credit.lower())
    if role and role.group(1) in _ROLES:
        word = role.group(1)
        words = {w.rstrip(".") for w in _key_words(outlet)} | set(_key_words(outlet))
        holds = bool(words & set(_ROLE_OUTLET_WORDS.get(word, (word,))))
        return holds and is_institution(article) and role_holders.get(word, 0) == 1
    if re.fullmatch(r"[A-Z]{2,6}", credit):
        initials = _initials(outlet)
        label = (article.domain or "").split(".")[0].lower()
        return credit == initials or credit.lower() == label or (len(credit) >= 3 and credit in initials)
    own, theirs = set(_distinctive(credit)), set(_distinctive(outlet))
    if not own or not theirs or not own & theirs:
        return False
    if len(own & theirs) < 2 and len(theirs) > 1 and len(own) > 1:
        return fuzz.token_set_ratio(credit.lower(), outlet.lower()) >= CREDIT_MATCH + 5
    if len(own & theirs) < 2 and len(theirs) > 1:
        return False  # "Brennock" alone credits none of "Brennock Taxpayers' Voice"
    return fuzz.token_set_ratio(credit.lower(), outlet.lower()) >= CREDIT_MATCH


def _role_holders(articles: list[Article]) -> dict[str, int]:
    holders: Counter[str] = Counter()
    for article in articles:
        if not is_institution(article):
            continue
        words = {w.rstrip(".") for w in _key_words(article.outlet or "")} | set(_key_words(article.outlet or ""))
        for role in _ROLES:
            if words & set(_ROLE_OUTLET_WORDS.get(role, (role,))):
                holders[role] += 1
    return holders


def credits(
    reporter: Analysis | Article,
    credited: Article,
    articles: list[Article] | None = None,
    holders: dict[str, int] | None = None,
) -> bool:
    """Whether ``reporter`` credits the outlet of ``credited`` for its information. A role ("the
    county") names the outlet only when it is the one institution of that kind among ``articles``
    (``holders``: those counts, when already known)."""
    article = reporter.article if isinstance(reporter, Analysis) else reporter
    if article is credited or article.id == credited.id:
        return False
    if holders is None:
        holders = _role_holders(articles or [credited])
    return any(_credit_matches(name, credited, holders) for name in credited_names(reporter))


def infer_kind(article: Article, is_copy: bool = False) -> str:
    """The kind of a report: as marked when marked, else read from the text (blog, aggregator, news)."""
    if article.kind != "news":
        return article.kind
    own = _own_voice(article)
    if len(_PERSONAL_VOICE.findall(own)) >= 2:
        return "blog"
    if _AGGREGATOR_LINES.search(article.body) or is_copy:
        return "aggregator"
    return "news"


def _name(article: Article) -> str:
    return article.outlet or article.domain or article.source_id or article.file or article.id


def choose_primary(analyses: list[Analysis], copy_of: dict[str, str] | None = None) -> PrimaryChoice:
    """The primary source(s), and the rule that chose them (see the module docstring)."""
    copy_of = copy_of or {}
    articles = [a.article for a in analyses]
    marked = [a for a in analyses if a.article.kind == "press_release"]
    if marked:
        names = ", ".join(_name(a.article) for a in marked)
        return PrimaryChoice(
            [a.article.id for a in marked],
            "own statement",
            f"the statement of the organisation itself: {names}",
            official=True,
        )
    found = [(a, statement_signals(a.article, articles)) for a in analyses if a.article.id not in copy_of]
    official = [(a, s) for a, s in found if any(sig.startswith(_OFFICIAL_SIGNALS) for sig in s)]
    if official:
        names = "; ".join(f"{_name(a.article)} ({', '.join(s)})" for a, s in official)
        return PrimaryChoice(
            [a.article.id for a, _ in official],
            "own statement",
            f"the statement of the organisation itself: {names}",
            official=True,
        )
    quoting = quoted_statements(analyses, copy_of)
    quoted = [(a, n) for a in analyses if a.article.id not in copy_of and (n := quoting.get(a.article.id, 0)) >= 2]
    if quoted:
        names = "; ".join(f"{_name(a.article)} ({n} other reports quote its words)" for a, n in quoted)
        ids = [a.article.id for a, _ in quoted]
        ids += [c for c, o in copy_of.items() if o in ids]
        return PrimaryChoice(ids, "official statement", f"the statement others quote: {names}", official=True)
    releases = [(a, s) for a, s in found if s]
    if releases:
        names = "; ".join(f"{_name(a.article)} ({', '.join(s)})" for a, s in releases)
        return PrimaryChoice(
            [a.article.id for a, _ in releases],
            "own statement",
            f"the statement of the organisation itself: {names}",
            weight=2,
        )
    kinds = {a.article.id: infer_kind(a.article, a.article.id in copy_of) for a in analyses}
    eligible = [a for a in analyses if kinds[a.article.id] not in {"blog", "aggregator", "social"}] or analyses
    tally: Counter[str] = Counter()
    holders = _role_holders(articles)
    # Each credited name is matched against each outlet once: reports credit the same few bodies.
    matched: dict[str, set[str]] = {}
    for a in analyses:
        if a.article.id in copy_of:
            continue  # a copy repeats its original's credits: each text-reuse family counts once
        credited: set[str] = set()
        for name in credited_names(a):
            if name not in matched:
                matched[name] = {o.article.id for o in eligible if _credit_matches(name, o.article, holders)}
            credited |= matched[name]
        credited.discard(a.article.id)
        tally.update(credited)
    if tally:
        best, n = tally.most_common(1)[0]
        if n >= 2:
            article = next(a.article for a in analyses if a.article.id == best)
            # An institution that other reports credit is the statement they take their facts from.
            return PrimaryChoice(
                [best],
                "credited by others",
                f"{n} other reports credit {_name(article)}",
                official=is_institution(article),
                weight=2,
            )
    candidates = [a for a in eligible if a.article.id not in copy_of] or eligible
    candidates.sort(key=lambda a: (a.article.published or "9999", -len(a.claims)))
    first = candidates[0]
    return PrimaryChoice(
        [first.article.id],
        "earliest, most specific",
        f"{_name(first.article)} is the earliest report ({first.article.published or 'undated'}) "
        f"with {len(first.claims)} claims",
    )
