"""Normalisation: a document as a reader found it in, an :class:`~factdiff.model.Article` out.

Readers (``factdiff.read``) only decode and pick fields; everything that decides what the article
text *is* happens here, in pure functions, so that every input format yields the same text for
the same report and therefore the same content hash:

- mojibake and stray control characters repaired (ftfy), curly quotes kept as written;
- line endings unified, trailing spaces dropped, runs of blank lines collapsed to one;
- ``Source: Name (domain)`` and ``Published: YYYY-MM-DD`` header lines of plain-text reports taken
  out of the text and kept as metadata;
- a doubled headline (the title printed again as the first paragraph) collapsed;
- the text laid out as ``title + "\\n\\n" + body``;
- embedded social-media posts found (their text stays in the article; :class:`Post` spans say
  where they are, so claims inside them can be told apart from the outlet's own);
- the language detected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from factdiff.analyse.dates import _MONTHS  # one month-name table for the package
from factdiff.errors import Skipped
from factdiff.model import Article, Post

__all__ = [
    "HEADLINE_KIND",
    "MIN_BODY_CHARS",
    "Draft",
    "Header",
    "clean_text",
    "collapse_doubled_title",
    "detect_language",
    "domain_of",
    "find_posts",
    "iso_date",
    "normalise",
    "parse_date_words",
    "parse_signature",
    "repair_text",
    "split_header",
    "split_source",
]

#: A body shorter than this is not a report (a caption, a stub, a paywall teaser). 20 characters
#: is about four words: the shortest body that can still hold one checkable fact.
MIN_BODY_CHARS = 20

#: Below this many letters py3langid's guess is close to chance, so no language is claimed.
MIN_LANGUAGE_LETTERS = 40
#: The identifier reads the first this-many characters: a few sentences decide the language, and
#: its cost grows with the length read.
LANGUAGE_SAMPLE_CHARS = 600
#: A language is reported only when the identifier is at least this sure (normalised probability).
MIN_LANGUAGE_PROBABILITY = 0.5
#: Languages the identifier chooses among: the languages of most online news. Restricting the set
#: keeps proper names and numbers from being read as some rarely seen language.
NEWS_LANGUAGES = (
    "ar bg ca cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv nl no pl pt ro ru sk sl sr sv tr uk vi zh"
).split()


@dataclass(slots=True)
class Draft:
    """A document as a reader found it: raw title and body plus whatever metadata came with it."""

    body: str
    input: str  # what a Skipped names: the file, "file:LINE" or "file#id"
    title: str = ""
    file: str | None = None
    url: str | None = None
    source_id: str | None = None
    outlet: str | None = None
    domain: str | None = None
    published: str | None = None
    language: str | None = None
    kind: str = "news"


@dataclass(slots=True)
class Header:
    """What the head of a plain-text report says about it."""

    title: str = ""
    outlet: str | None = None
    domain: str | None = None
    published: str | None = None
    url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


# --- text repair ------------------------------------------------------------------------------

_BLANK_RUN = re.compile(r"\n{3,}")
_EDGE_SPACE = " \t\f\v\u00a0"
#: Runs of spaces and tabs inside a line: HTML extraction collapses them, so text must too for a
#: report to get the same id from either. A no-break space is kept ("5\u00a0000" is one number).
_SPACE_RUN = re.compile(r"[ \t]{2,}|\t")
_NEEDS_FTFY_IN_ASCII = re.compile(r"[&\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def repair_text(text: str) -> str:
    """Fix mojibake, HTML entities in plain text and control characters; keep quotes as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and not _NEEDS_FTFY_IN_ASCII.search(text):
        return text  # nothing ftfy would change: most of a large English corpus, at a fraction of the cost
    import ftfy

    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False)


def clean_text(text: str) -> str:
    """Unify line endings, trim each line, collapse runs of spaces and of blank lines, join
    thousands split by a tokeniser ("50, 000"), strip."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = "\n".join(line.strip(_EDGE_SPACE) for line in text.split("\n"))
    text = _SPACE_RUN.sub(" ", text)
    text = _SPLIT_THOUSANDS.sub(_join_thousands, text)
    return _BLANK_RUN.sub("\n\n", text).strip()


#: A number whose thousands a tokeniser split off ("another 20, 000 people", "1, 200, 000"): text
#: rebuilt from tokens (news corpora such as ECB+) writes a space after every comma. Not a list
#: ("rooms 1, 2, 345") and not a day of the month before a count ("on May 5, 300 people").
_SPLIT_THOUSANDS = re.compile(r"(?<![\d.,])(?<!\d, )\b\d{1,3}(?:, \d{3})+\b(?!, ?\d)(?![.,]\d)")
_NOT_THOUSANDS_AFTER = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$|\b(?:no|nos|number|room|rooms)\.?\s*$",
    re.I,
)


def _join_thousands(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 12) : match.start()]
    if _NOT_THOUSANDS_AFTER.search(before):
        return match.group()
    return match.group().replace(", ", ",")


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- header lines -----------------------------------------------------------------------------

_HEADER_LINE = re.compile(r"^(?P<key>Source|Published|Date|URL|Url|Kind|Language|By)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_SOURCE = re.compile(r"^(?P<name>.*?)\s*\((?P<domain>[^()\s]+\.[^()\s]+)\)$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)+)/?$", re.I)


def split_source(value: str | None) -> tuple[str | None, str | None]:
    """'Meridian Wire (meridianwire.com)' -> (name, domain); a bare domain or URL -> (domain, domain)."""
    if not value or not value.strip():
        return None, None
    value = _one_line(value)
    match = _SOURCE.match(value)
    if match:
        name = match["name"].strip() or None
        domain = match["domain"].lower().removeprefix("www.")
        return name or domain, domain
    match = _DOMAIN.match(value)
    if match:
        domain = match["domain"].lower()
        return domain, domain
    if value.startswith(("http://", "https://")):
        host = domain_of(value)
        return host, host
    return value, None


def domain_of(url: str | None) -> str | None:
    """The host of a URL without a leading 'www.', lower case; None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def split_header(text: str) -> tuple[Header, str]:
    """Split a plain-text report into its header and its body.

    The first non-empty line is the title. ``Source:``, ``Published:`` (and ``URL:``, ``Date:``,
    ``Kind:``, ``Language:``, ``By:``) lines that follow the title, or a repeat of the title, blank
    lines between them allowed, are taken out as metadata. A repeated title is left at the head
    of the body: :func:`normalise` collapses a doubled headline, once, whatever the input format.
    """
    lines = text.split("\n")
    pos = 0
    while pos < len(lines) and not lines[pos].strip():
        pos += 1
    if pos == len(lines):
        return Header(), ""
    # A Markdown heading marker is not part of the title; a hashtag ("#MeToo") is.
    header = Header(title=_one_line(re.sub(r"^\s*#{1,6}\s+", "", lines[pos])))
    pos += 1
    probe = pos
    while probe < len(lines) and not lines[probe].strip():
        probe += 1
    doubled = probe < len(lines) and _same_title(lines[probe], header.title)
    if doubled:
        pos = probe + 1
    rest = pos
    while rest < len(lines):
        line = lines[rest]
        if not line.strip():
            rest += 1
            continue
        match = _HEADER_LINE.match(line.strip())
        if not match:
            break
        _take_header(header, match["key"].lower(), match["value"])
        rest += 1
        pos = rest
    body = "\n".join(lines[pos:])
    return header, f"{lines[probe]}\n\n{body}" if doubled else body


def _take_header(header: Header, key: str, value: str) -> None:
    if key == "source":
        header.outlet, header.domain = split_source(value)
    elif key in ("published", "date"):
        header.published = iso_date(value)
    elif key in ("url",):
        header.url = value or None
    else:
        header.extra[key] = value


def _same_title(line: str, title: str) -> bool:
    return bool(title) and _one_line(line).casefold() == _one_line(title).casefold()


def collapse_doubled_title(title: str, body: str) -> str:
    """The body without a first paragraph that only repeats the title."""
    if not title:
        return body
    stripped = body.lstrip()
    first, _, rest = stripped.partition("\n")
    if _same_title(first, title):
        return rest.lstrip("\n")
    return body


# --- dates ------------------------------------------------------------------------------------

_MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_WORDS = (
    rf"(?:{_MONTH_WORD}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH_WORD},?[ \t]+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_MDY = re.compile(rf"^(?P<month>{_MONTH_WORD})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$", re.I)
_DMY = re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_WORD}),?\s+(?P<year>\d{{4}})$", re.I)


def parse_date_words(value: str) -> str | None:
    """'September 29, 2017', '29 Sept. 2017' or '2017-09-29' -> '2017-09-29'; None otherwise."""
    value = _one_line(value)
    for pattern in (_MDY, _DMY):
        match = pattern.match(value)
        if match:
            month = _MONTHS.get(match["month"].rstrip(".").lower())
            try:
                return date(int(match["year"]), month or 0, int(match["day"])).isoformat()
            except ValueError:
                return None
    try:
        return date.fromisoformat(value).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def iso_date(value: Any) -> str | None:
    """A publication date as an ISO string.

    ISO dates and datetimes are kept as given ("2017-09-28", "2017-09-28T10:00:00Z"); a few common
    other forms ("September 28, 2017", RFC 2822 as in feeds, epoch seconds) are converted; anything
    else is kept as written rather than guessed at.
    """
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value).date().isoformat() if 0 < value < 10**11 else str(value)
    text = _one_line(str(value))
    if not text:
        return None
    if re.match(r"^\d{4}-\d{2}(?:-\d{2})?(?:[T ]\S.*)?$", text):
        return text
    words = parse_date_words(text)
    if words:
        return words
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return text


# --- embedded posts ---------------------------------------------------------------------------

_DASH = r"(?:[—–―]|--?)"
_HANDLE = r"\((?P<handle>@\w{1,30})\)"
_AUTHOR = r"(?P<author>[^\n()@—–―]{1,80}?)"
_TAIL = (
    rf"(?:[ \t]+on[ \t]+(?P<platform>Twitter|X|Instagram|Threads|Bluesky|Mastodon))?"
    rf"(?:[ \t]*,?[ \t]*(?P<date>{_DATE_WORDS}))?"
    r"(?:[ \t]+https?://\S+)?[ \t]*$"
)
#: A signature on a line of its own: "— NAME (@handle) Month D, YYYY", "- NAME (@handle) on Twitter",
#: "(@handle) 29 September 2017".
_SIGNATURE_LINE = re.compile(rf"^[ \t]*(?P<dash>{_DASH}[ \t]*)?(?:{_AUTHOR}[ \t]*)?{_HANDLE}{_TAIL}", re.M)
#: A signature at the end of the post's own paragraph, as HTML extraction often leaves it.
_SIGNATURE_INLINE = re.compile(rf"[ \t]+{_DASH}[ \t]*{_AUTHOR}[ \t]*{_HANDLE}{_TAIL}", re.M)
_PIC_LINK = re.compile(r"\bpic\.twitter\.com/\w+")
_PLATFORMS = {"x": "twitter", "twitter": "twitter"}


@dataclass(frozen=True, slots=True)
class Signature:
    author: str | None
    handle: str | None
    platform: str | None
    date: str | None


def parse_signature(line: str) -> Signature | None:
    """The author, handle, platform and date of a post signature line, or None if it is not one."""
    match = _SIGNATURE_LINE.fullmatch(line.strip())
    if not match or not _is_signature(match):
        return None
    return _signature(match)


def _is_signature(match: re.Match[str]) -> bool:
    # "Name (@handle)" alone in a line is a signature; so is a dashed or dated one. What is not:
    # a sentence that happens to mention a handle, which the author group's limits already exclude.
    author = (match["author"] or "").strip()
    return not author or len(author.split()) <= 8


def _signature(match: re.Match[str]) -> Signature:
    platform = (match["platform"] or "").lower() or None
    platform = _PLATFORMS.get(platform or "", platform) if platform else ("twitter" if match["handle"] else None)
    author = (match["author"] or "").strip(" \t,") or None
    return Signature(
        author=author,
        handle=match["handle"],
        platform=platform,
        date=parse_date_words(match["date"]) if match["date"] else None,
    )


def find_posts(text: str, body_start: int = 0) -> list[Post]:
    """Embedded social-media posts in ``text[body_start:]``, with spans into ``text``.

    A post is the paragraph before a signature line, or the words before a signature that ends
    their own paragraph. A paragraph with a pic.twitter.com link and no signature is a post too,
    of an unknown author.
    """
    if "(@" not in text and "pic.twitter.com" not in text:  # neither a signature nor a post link
        return []
    posts: list[Post] = []
    taken: list[tuple[int, int]] = []
    for match in _SIGNATURE_LINE.finditer(text, body_start):
        if not _is_signature(match):
            continue
        sig_start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        span = _paragraph_before(text, body_start, match.start())
        if span is None:
            continue
        _add_post(posts, taken, text, span, (sig_start, match.end()), _signature(match))
    for match in _SIGNATURE_INLINE.finditer(text, body_start):
        if any(s <= match.start() < e for s, e in taken):
            continue
        line_start = text.rfind("\n", body_start, match.start()) + 1
        line_start = max(line_start, body_start)
        if not text[line_start : match.start()].strip():
            continue
        sig_start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        _add_post(posts, taken, text, (line_start, match.start()), (sig_start, match.end()), _signature(match))
    for match in _PIC_LINK.finditer(text, body_start):
        if any(s <= match.start() < e for s, e in taken):
            continue
        start = max(text.rfind("\n", body_start, match.start()) + 1, body_start)
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        _add_post(posts, taken, text, (start, end), None, Signature(None, None, "twitter", None))
    posts.sort(key=lambda p: p.start)
    return posts


def _paragraph_before(text: str, floor: int, sig_start: int) -> tuple[int, int] | None:
    end = sig_start
    while end > floor and text[end - 1].isspace():
        end -= 1
    if end <= floor:
        return None
    start = text.rfind("\n\n", floor, end)
    start = floor if start < 0 else start + 2
    return start, end


def _add_post(
    posts: list[Post],
    taken: list[tuple[int, int]],
    text: str,
    span: tuple[int, int],
    signature: tuple[int, int] | None,
    sig: Signature,
) -> None:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if any(s < end and start < e for s, e in taken):
        return
    sig_start, sig_end = signature if signature else (-1, -1)
    posts.append(
        Post(
            platform=sig.platform,
            author=sig.author,
            handle=sig.handle,
            date=sig.date,
            text=text[start:end],
            start=start,
            end=end,
            signature_start=sig_start,
            signature_end=sig_end,
        )
    )
    taken.append((start, max(end, sig_end)))


# --- language ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(NEWS_LANGUAGES)
    return identifier


#: Function words of English. The first set is rare in the other news languages' Latin-script
#: text; the second is common in English but shared with some of them ("in", "was", "a"). When
#: they make up a large share of the words, the text is English and the statistical identifier,
#: whose model takes most of a second to load, is not needed at all.
_ENGLISH_ONLY = frozenset(
    "the of and that for with said were has have which from this been who their they would will".split()
)
_ENGLISH_SHARED = frozenset("to is was on at he she his her it by as an are after".split())
_WORD = re.compile(r"[^\W\d_]+")
#: Share of English function words at and above which a text is English: measured on the ECB+
#: development documents (English news: median 0.28, 97% at or above 0.14) against French,
#: Spanish, Dutch, German and Italian news sentences (at most 0.07). A text under it goes to the
#: identifier, so a miss costs time, never a wrong answer.
ENGLISH_MARKER_SHARE = 0.14


def looks_english(sample: str) -> bool:
    """A cheap, certain-enough answer for the common case: plainly English text."""
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return False
    only = sum(1 for word in words if word in _ENGLISH_ONLY)
    shared = sum(1 for word in words if word in _ENGLISH_SHARED)
    return only >= 2 and (only + shared) / len(words) >= ENGLISH_MARKER_SHARE


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``; None when the text is too short to tell."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LANGUAGE_LETTERS:
        return None
    if looks_english(sample):
        return "en"
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= MIN_LANGUAGE_PROBABILITY else None


# --- the whole step ---------------------------------------------------------------------------


def normalise(draft: Draft) -> Article | Skipped:
    """The normalised article of a draft, or why there is none ("empty", "too short")."""
    title = _one_line(repair_text(draft.title)) if draft.title else ""
    body = clean_text(repair_text(draft.body)) if draft.body else ""
    body = clean_text(collapse_doubled_title(title, body))
    if not body and not title:
        return Skipped(draft.input, "empty", "no text in it")
    if not body:  # a headline record (headline feeds, ECB+ title-only documents): stored as what it is
        return _headline(draft, title)
    if len(body) < MIN_BODY_CHARS:
        return Skipped(draft.input, "too short", f"{len(body)} characters of text, fewer than {MIN_BODY_CHARS}")
    if title:
        text = f"{title}\n\n{body}"
        title_end, body_start = len(title), len(title) + 2
    else:
        text, title_end, body_start = body, 0, 0
    outlet, domain = draft.outlet, draft.domain
    if not domain:
        domain = domain_of(draft.url)
    if not outlet:
        outlet = domain
    return Article(
        text=text,
        title=title,
        title_end=title_end,
        body_start=body_start,
        url=draft.url or None,
        file=draft.file,
        source_id=draft.source_id,
        outlet=outlet,
        domain=domain,
        published=iso_date(draft.published),
        language=draft.language or detect_language(body),
        kind=draft.kind or "news",
        posts=find_posts(text, body_start),
    )


#: The ``kind`` of an article that is a title and nothing else.
HEADLINE_KIND = "headline"


def _headline(draft: Draft, title: str) -> Article:
    """A record with a title and no body: its text is the title, and its kind says so."""
    domain = draft.domain or domain_of(draft.url)
    return Article(
        text=title,
        title=title,
        title_end=len(title),
        body_start=len(title),
        url=draft.url or None,
        file=draft.file,
        source_id=draft.source_id,
        outlet=draft.outlet or domain,
        domain=domain,
        published=iso_date(draft.published),
        language=draft.language or detect_language(title),
        kind=HEADLINE_KIND,
    )
