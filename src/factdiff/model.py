"""The data model: one vocabulary for code, JSON, the store and the reports.

An :class:`Article` owns its text. Everything found in it (claims, posts, sentences) refers back
to that text by character offsets, never by copies, so any piece of evidence can be highlighted
in the original.

The article text is the normalised text: the title once, a blank line, then the body. Header
lines (``Source:``, ``Published:``) and a doubled headline are removed by normalisation, so
``text[:title_end]`` is the title and ``text[body_start:]`` the body.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ArticleKind = Literal["press_release", "news", "blog", "aggregator", "social", "machine_translation"]
ClaimKind = Literal["quantity", "date", "duration", "person", "quote", "attribution"]
Approx = Literal["exact", "about", "nearly", "over", "under", "at_least", "up_to", "range"]

#: Verdicts of one report on one slot, in the order reports show them.
VERDICTS: tuple[str, ...] = (
    "agrees",
    "rounded_hedged",
    "rounded_unhedged",
    "number_changed",
    "unit_swap",
    "entity_swap",
    "title_changed",
    "date_changed",
    "percent_wrong",
    "quote_altered",
    "omitted",
    "unsupported",
    "disputed",
)
#: Verdicts that are divergences from the reference (counted against an outlet). ``disputed`` is not
#: one: independent reports disagree with no majority, and nobody can say which is wrong.
DIVERGENCES: frozenset[str] = frozenset(VERDICTS) - {"agrees", "rounded_hedged", "omitted", "unsupported", "disputed"}


def content_hash(text: str) -> str:
    """The article id: a short, stable hash of the normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Post:
    """A social-media post embedded in an article: its author's words, not the outlet's."""

    platform: str | None
    author: str | None
    handle: str | None
    date: str | None  # ISO 8601 date
    text: str
    start: int  # span of the post text (without the signature) in the article text
    end: int
    signature_start: int = -1  # span of the "— NAME (@handle) Month D, YYYY" line
    signature_end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Article:
    """One report as factdiff reads it. ``id`` is the content hash of ``text``."""

    text: str
    title: str = ""
    title_end: int = 0
    body_start: int = 0
    url: str | None = None
    file: str | None = None
    source_id: str | None = None  # the dataset's own id, kept as given
    outlet: str | None = None
    domain: str | None = None
    published: str | None = None  # ISO 8601 date (or datetime) as read
    language: str | None = None
    kind: str = "news"
    posts: list[Post] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def post_at(self, start: int, end: int) -> Post | None:
        """The embedded post that holds the span, if any (signature included)."""
        for post in self.posts:
            last = max(post.end, post.signature_end)
            if post.start <= start and end <= last:
                return post
        return None

    def meta(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_id": self.source_id,
            "file": self.file,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "domain": self.domain,
            "published": self.published,
            "language": self.language,
            "kind": self.kind,
        }


@dataclass(slots=True, kw_only=True)
class Claim:
    """A checkable statement: a span of the article text and a typed payload."""

    kind: str
    start: int
    end: int
    text: str
    sentence_start: int = -1
    sentence_end: int = -1
    in_post: bool = False
    in_title: bool = False

    def payload(self) -> dict[str, Any]:
        return {}

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "in_post": self.in_post,
            "in_title": self.in_title,
        }
        data.update(self.payload())
        return data


@dataclass(slots=True, kw_only=True)
class Quantity(Claim):
    """A number and what it counts: "about 500 immigrants", "$86 million", "27 percent"."""

    kind: str = "quantity"
    value: float | None = None  # None for a range: see low/high
    low: float | None = None
    high: float | None = None
    approx: str = "exact"
    unit: str | None = None  # normalised unit ("percent", "USD", "foot", "day") or None for a count
    unit_text: str | None = None  # the unit as written ("feet", "$", "percent")
    concept: str | None = None  # what is counted: "people arrested", "countries", "homes destroyed"
    qualifiers: list[str] = field(default_factory=list)  # "in Philadelphia", "of those arrested"
    part_of: float | None = None  # the total this number is a part of ("Of the 498 ..., 317 ...")
    direction: str | None = None  # "up" or "down" for changes ("rose 5 percent")
    places: list[str] = field(default_factory=list)  # places the number is attached to
    percent_of: float | None = None  # for a percentage: the base count the text gives
    percent_part: float | None = None  # for a percentage: the part count the text gives
    #: The noun phrase the quantity is said of, as a reader would say it, read from the sentence's
    #: syntax (factdiff.analyse.concepts.said_of): "her savings" in "40 percent of her savings".
    #: ``concept`` is the counted noun alignment compares; this is the phrase for a person to read.
    said_of: str | None = None
    #: The unit was read from a neighbouring number ("3.5 and 4.2 percent", "1.4 degrees in 2018 and 2.1
    #: last year"), not written at this one: no word after this number is a unit or what one measures.
    unit_shared: bool = False

    @property
    def number(self) -> float:
        """One number for the quantity: the value, or the middle of a range."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else (self.high or 0.0)

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.value is not None:
            data["value"] = _num(self.value)
        else:
            data["low"] = _num(self.low)
            data["high"] = _num(self.high)
        data.update(approx=self.approx, unit=self.unit, concept=self.concept, qualifiers=list(self.qualifiers))
        if self.unit_text is not None:
            data["unit_text"] = self.unit_text
        if self.part_of is not None:
            data["part_of"] = _num(self.part_of)
        if self.direction is not None:
            data["direction"] = self.direction
        if self.places:
            data["places"] = list(self.places)
        if self.said_of is not None:
            data["said_of"] = self.said_of
        if self.percent_of is not None:
            data["percent_of"] = _num(self.percent_of)
        if self.percent_part is not None:
            data["percent_part"] = _num(self.percent_part)
        return data


@dataclass(slots=True, kw_only=True)
class DateClaim(Claim):
    """A calendar date, resolved against the publication date where the text is relative."""

    kind: str = "date"
    value: str | None = None  # ISO 8601: "2017-09-27", "2025-06" (month), "1987" (year)
    weekday: str | None = None  # the weekday as written ("Wednesday")
    relative: bool = False  # resolved from a weekday or "yesterday" against the publication date
    granularity: str = "day"  # day | month | year

    def payload(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "weekday": self.weekday,
            "relative": self.relative,
            "granularity": self.granularity,
        }


@dataclass(slots=True, kw_only=True)
class Duration(Claim):
    """A length of time: "four-day operation", "18 months", "up to 26 weeks"."""

    kind: str = "duration"
    value: str | None = None  # ISO 8601 duration: "P4D", "P18M", "P26W"
    amount: float | None = None
    unit: str | None = None  # day | week | month | year | hour | minute
    approx: str = "exact"

    def payload(self) -> dict[str, Any]:
        return {"value": self.value, "amount": _num(self.amount), "unit": self.unit, "approx": self.approx}


@dataclass(slots=True, kw_only=True)
class Person(Claim):
    """A person with the title and organisation the report gives them."""

    kind: str = "person"
    name: str = ""
    title: str | None = None
    org: str | None = None

    def payload(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "org": self.org}


@dataclass(slots=True, kw_only=True)
class Quote(Claim):
    """Words the report puts in someone's mouth, directly (in quotation marks) or indirectly."""

    kind: str = "quote"
    quote: str = ""  # the quoted words, without quotation marks
    quote_start: int = -1  # span of the quoted words in the article text
    quote_end: int = -1
    speaker: str | None = None
    speaker_title: str | None = None
    speaker_org: str | None = None
    cue: str | None = None  # "said", "told", "according to"
    direct: bool = True

    def payload(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "quote_start": self.quote_start,
            "quote_end": self.quote_end,
            "speaker": self.speaker,
            "speaker_title": self.speaker_title,
            "speaker_org": self.speaker_org,
            "cue": self.cue,
            "direct": self.direct,
        }


@dataclass(slots=True, kw_only=True)
class Attribution(Claim):
    """Whom the report credits for its information: "ICE said in a statement"."""

    kind: str = "attribution"
    source: str = ""
    cue: str | None = None

    def payload(self) -> dict[str, Any]:
        return {"source": self.source, "cue": self.cue}


@dataclass(slots=True)
class Finding:
    """An internal inconsistency of one article (headline against body, parts against a total)."""

    type: str
    message: str
    start: int
    end: int
    text: str
    related: list[tuple[int, int]] = field(default_factory=list)  # spans of the claims it compares
    in_post: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "message": self.message,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "related": [list(span) for span in self.related],
            "in_post": self.in_post,
        }


@dataclass(slots=True)
class Analysis:
    """What the analysis found in one article."""

    article: Article
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Claim]:
        return [c for c in self.claims if c.kind == kind]


def _num(value: float | None) -> float | int | None:
    """Whole numbers as int in JSON, so 498 reads as 498, not 498.0."""
    if value is None:
        return None
    if float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return value
