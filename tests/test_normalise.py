"""Normalisation: header lines, doubled headlines, embedded posts, language, the text layout."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdiff.errors import Skipped
from factdiff.model import Article, content_hash
from factdiff.normalise import (
    Draft,
    clean_text,
    collapse_doubled_title,
    detect_language,
    find_posts,
    iso_date,
    normalise,
    parse_date_words,
    parse_signature,
    split_header,
    split_source,
)

BODY = (
    "Federal officers arrested 212 people in a five-day operation, the agency said on Friday.\n\n"
    "The people arrested came from 17 countries, according to a statement."
)


def article(draft: Draft) -> Article:
    result = normalise(draft)
    assert isinstance(result, Article), result
    return result


def test_text_is_title_blank_line_body() -> None:
    a = article(Draft(body=BODY, input="x", title="Officers arrest 212"))
    assert a.text == "Officers arrest 212\n\n" + BODY
    assert a.text[: a.title_end] == "Officers arrest 212"
    assert a.body == BODY
    assert a.id == content_hash(a.text)


def test_same_report_same_id_whatever_the_whitespace() -> None:
    one = article(Draft(body=BODY, input="x", title="Officers arrest 212"))
    messy = "\t" + BODY.replace("\n\n", "  \r\n   \r\n\r\n  ").replace(", ", ",\t  ") + "\n\n\n"
    two = article(Draft(body=messy, input="y", title="  Officers   arrest 212 "))
    assert one.id == two.id


def test_split_header_reads_source_and_published() -> None:
    text = "A headline\n\nSource: The Daily Example (dailyexample.com)\nPublished: 2019-03-04\n\nBody here.\n"
    header, body = split_header(text)
    assert header.title == "A headline"
    assert (header.outlet, header.domain, header.published) == ("The Daily Example", "dailyexample.com", "2019-03-04")
    assert body.strip() == "Body here."


def test_split_header_collapses_doubled_headline() -> None:
    text = "Same title\n\nSame title\n\nSource: Wire (wire.example)\nPublished: 2020-01-02\n\nThe body.\n"
    header, body = split_header(text)
    assert header.title == "Same title"
    assert header.domain == "wire.example"
    assert collapse_doubled_title(header.title, body).strip() == "The body."


def test_split_header_without_header_lines_keeps_body() -> None:
    header, body = split_header("\n\nTitle only line\nFirst paragraph.\n\nSecond.")
    assert header.title == "Title only line"
    assert header.outlet is None
    assert body.strip() == "First paragraph.\n\nSecond."


def test_markdown_heading_marker_is_dropped_but_hashtag_kept() -> None:
    assert split_header("# A title\n\nbody")[0].title == "A title"
    assert split_header("#MeToo at work\n\nbody")[0].title == "#MeToo at work"


_words = st.text(alphabet=string.ascii_letters, min_size=1, max_size=10)
_names = st.lists(_words, min_size=1, max_size=5).map(" ".join)
_domains = st.lists(
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12), min_size=2, max_size=3
).map(".".join)


@given(
    title=_names,
    outlet=_names,
    domain=_domains,
    day=st.dates(min_value=date(1900, 1, 1)),
    doubled=st.booleans(),
    body=_names,
)
def test_header_round_trip(title: str, outlet: str, domain: str, day: date, doubled: bool, body: str) -> None:
    head = f"{title}\n\n{title}\n\n" if doubled else f"{title}\n\n"
    text = f"{head}Source: {outlet} ({domain})\nPublished: {day.isoformat()}\n\nBody {body}.\n"
    header, rest = split_header(text)
    assert header.title == title
    assert header.outlet == outlet
    assert header.domain == domain
    assert header.published == day.isoformat()
    assert collapse_doubled_title(title, rest).strip() == f"Body {body}."


def test_split_source_forms() -> None:
    assert split_source("Meridian Wire Service (meridianwire.com)") == ("Meridian Wire Service", "meridianwire.com")
    assert split_source("www.example.org") == ("example.org", "example.org")
    assert split_source("https://www.example.org/") == ("example.org", "example.org")
    assert split_source("Example News") == ("Example News", None)
    assert split_source("  ") == (None, None)


def test_collapse_doubled_title_only_when_identical() -> None:
    assert collapse_doubled_title("Big news", "Big  news\n\nBody.") == "Body."
    assert collapse_doubled_title("Big news", "Bigger news\n\nBody.") == "Bigger news\n\nBody."


def test_clean_text_collapses_blank_runs_and_trailing_space() -> None:
    assert clean_text("  a  \r\n\r\n \n\nb\t\nc  ") == "a\n\nb\nc"
    assert clean_text("one  two\tthree\u00a0000\n   four") == "one two three\u00a0000\nfour"


def test_dates() -> None:
    assert parse_date_words("September 29, 2017") == "2017-09-29"
    assert parse_date_words("29 Sept. 2017") == "2017-09-29"
    assert parse_date_words("Feb 30, 2017") is None
    assert iso_date("2017-09-28") == "2017-09-28"
    assert iso_date("2017-09-28T10:00:00Z") == "2017-09-28T10:00:00Z"
    assert iso_date("Thu, 28 Sep 2017 10:00:00 +0000") == "2017-09-28T10:00:00+00:00"
    assert iso_date("sometime last week") == "sometime last week"
    assert iso_date("") is None


# --- embedded posts ---------------------------------------------------------------------------


def test_post_before_signature_line() -> None:
    text = (
        "Title\n\nOfficers arrested 212 people in the operation on Friday.\n\n"
        "212 off the streets in 5 days!!! Share if you agree\n\n"
        "— Jane Roe (@jroe_1) October 3, 2021\n\nThe agency declined to comment further."
    )
    posts = find_posts(text, 7)
    assert len(posts) == 1
    post = posts[0]
    assert post.text == "212 off the streets in 5 days!!! Share if you agree"
    assert text[post.start : post.end] == post.text
    assert text[post.signature_start : post.signature_end] == "— Jane Roe (@jroe_1) October 3, 2021"
    assert (post.platform, post.author, post.handle, post.date) == ("twitter", "Jane Roe", "@jroe_1", "2021-10-03")


def test_inline_signature_as_html_extraction_leaves_it() -> None:
    text = "T\n\nBody sentence one is here.\n\nWe did it pic.twitter.com/abc — Agency (@agency) on Twitter\n\nMore."
    (post,) = find_posts(text, 3)
    assert post.text == "We did it pic.twitter.com/abc"
    assert post.handle == "@agency" and post.platform == "twitter" and post.date is None


def test_pic_link_without_signature_is_a_post() -> None:
    text = "T\n\nBody sentence one is here.\n\nLook at this pic.twitter.com/xyz\n\nMore text."
    (post,) = find_posts(text, 3)
    assert post.text == "Look at this pic.twitter.com/xyz"
    assert post.author is None and post.signature_start == -1


def test_no_post_in_ordinary_text() -> None:
    text = "T\n\nThe mayor - who spoke on Monday - said 12 homes were lost.\n\nOfficials (@ the scene) agreed."
    assert find_posts(text, 3) == []


def test_signature_forms() -> None:
    a = parse_signature("- Sam Lee (@samlee) on Twitter")
    assert a is not None and (a.author, a.handle, a.date) == ("Sam Lee", "@samlee", None)
    b = parse_signature("(@handle9) 29 September 2017")
    assert b is not None and (b.author, b.handle, b.date) == (None, "@handle9", "2017-09-29")
    assert parse_signature("The agency said on Friday that 20 people were hurt.") is None


_handles = st.from_regex(r"@[A-Za-z0-9_]{1,15}", fullmatch=True)
_authors = st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=8), min_size=1, max_size=3).map(
    " ".join
)
_dashes = st.sampled_from(["—", "–", "-", "--"])
_day = st.dates(min_value=date(2006, 1, 1), max_value=date(2030, 12, 31))


@given(author=_authors, handle=_handles, dash=_dashes, day=_day, style=st.sampled_from(["mdy", "dmy", "iso"]))
def test_signature_round_trip(author: str, handle: str, dash: str, day: date, style: str) -> None:
    written = {
        "mdy": f"{day:%B} {day.day}, {day.year}",
        "dmy": f"{day.day} {day:%B} {day.year}",
        "iso": day.isoformat(),
    }[style]
    sig = parse_signature(f"{dash} {author} ({handle}) {written}")
    assert sig is not None
    assert (sig.author, sig.handle, sig.date, sig.platform) == (author, handle, day.isoformat(), "twitter")
    text = f"Title\n\nA first paragraph of the report.\n\nThe post words\n\n{dash} {author} ({handle}) {written}\n"
    (post,) = find_posts(text, 7)
    assert post.text == "The post words"
    assert post.start < post.end <= post.signature_start < post.signature_end


def test_posts_are_found_by_normalise_with_spans_into_the_text() -> None:
    body = "The agency reported 40 arrests.\n\nForty arrests, well done\n\n— A Fan (@fan) May 2, 2022\n\nEnd of report."
    a = article(Draft(body=body, input="x", title="Arrests"))
    (post,) = a.posts
    assert a.text[post.start : post.end] == "Forty arrests, well done"
    assert a.post_at(post.start, post.end) is post


# --- language and outcomes --------------------------------------------------------------------


def test_language_detection() -> None:
    assert detect_language(BODY) == "en"
    assert detect_language("Die Polizei hat am Mittwoch 212 Menschen festgenommen, teilte die Behörde mit.") == "de"
    assert detect_language("ICE: 212") is None


def test_non_english_article_is_kept_and_labelled() -> None:
    body = "La police a arrêté 212 personnes lors d'une opération de cinq jours, a indiqué l'agence vendredi."
    assert article(Draft(body=body, input="x", title="Arrestations")).language == "fr"


def test_a_title_without_a_body_is_a_headline_record() -> None:
    headline = normalise(
        Draft(body=" \n ", input="h.txt", title="Ferry adds a late sailing", url="https://bay.example/f")
    )
    assert isinstance(headline, Article)
    assert (headline.kind, headline.text, headline.title_end, headline.body_start) == (
        "headline",
        "Ferry adds a late sailing",
        25,
        25,
    )
    assert headline.body == "" and headline.domain == "bay.example" and headline.outlet == "bay.example"


def test_short_and_empty_bodies_are_skipped() -> None:
    short = normalise(Draft(body="Too short.", input="a.txt", title="T"))
    assert isinstance(short, Skipped) and short.reason == "too short" and short.input == "a.txt"
    empty = normalise(Draft(body="  \n ", input="b.txt"))
    assert isinstance(empty, Skipped) and empty.reason == "empty"


def test_mojibake_repaired_and_curly_quotes_kept() -> None:
    body = "The caf\u00c3\u00a9 owner said \u201cwe lost 40 tables\u201d after the flood on Friday."
    a = article(Draft(body=body, input="x", title="Flood"))
    assert "café" in a.text and "\u201cwe lost 40 tables\u201d" in a.text


def test_domain_from_url_and_outlet_fallback() -> None:
    a = article(Draft(body=BODY, input="x", title="T", url="https://www.example.net/a/1"))
    assert (a.domain, a.outlet) == ("example.net", "example.net")


def test_dataset_row_without_title_has_no_title_span() -> None:
    a = article(Draft(body=BODY, input="x"))
    assert a.title == "" and a.title_end == 0 and a.body_start == 0 and a.text == BODY


def test_doubled_headline_is_collapsed_once() -> None:
    body = "Same title\n\nSame title\n\nThe body goes on here for a while."
    a = article(Draft(body=body, input="x", title="Same title"))
    assert a.body == "Same title\n\nThe body goes on here for a while."
    header, rest = split_header(f"Same title\n\n{body}\n")
    a = article(Draft(body=rest, input="x", title=header.title))
    assert a.body == "Same title\n\nThe body goes on here for a while."


_TOKENS = [*"ab @()—-\n.,1", "(@x)", "pic.twitter.com/q", "May 2, 2020", "\n\n"]


@given(st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join))
def test_post_spans_always_point_into_the_text(text: str) -> None:
    for post in find_posts(text):
        assert 0 <= post.start < post.end <= len(text)
        assert text[post.start : post.end] == post.text == post.text.strip()
        if post.signature_start >= 0:
            assert post.end <= post.signature_start < post.signature_end <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("another 20, 000 people marched", "another 20,000 people marched"),
        ("a bill of 1, 200, 000 euros", "a bill of 1,200,000 euros"),
        ("a 4, 000-strong crowd", "a 4,000-strong crowd"),
        ("rooms 1, 2, 345 were closed", "rooms 1, 2, 345 were closed"),
        ("On May 5, 300 people died", "On May 5, 300 people died"),
        ("In 2008, 200 people died", "In 2008, 200 people died"),
    ],
)
def test_thousands_split_by_a_tokeniser_are_joined(text: str, expected: str) -> None:
    assert clean_text(text) == expected
