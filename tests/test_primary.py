"""The primary source of a story, read from the reports themselves (factdiff.primary)."""

from __future__ import annotations

from pathlib import Path

from factdiff.compare import compare_paths
from factdiff.model import Analysis, Article, Attribution
from factdiff.primary import _unattributed_voice, choose_primary, credits, infer_kind, is_institution, own_statement


def _article(body: str, outlet: str, published: str = "2031-05-02", domain: str | None = None) -> Article:
    title = "Bridge closed"
    text = f"{title}\n\n{body}"
    return Article(
        text=text,
        title=title,
        title_end=len(title),
        body_start=len(title) + 2,
        outlet=outlet,
        domain=domain,
        published=published,
    )


def _analysis(article: Article, credited: str | None = None) -> Analysis:
    claims = []
    if credited:
        start = article.text.index(credited)
        claims.append(Attribution(start=start, end=start + len(credited), text=credited, source=credited))
    return Analysis(article=article, claims=claims)


STATEMENT = _article(
    "The Orland Harbour Board on Monday closed the Weir Street bridge after inspectors found cracks in two "
    "supports. The bridge carries about 9,000 vehicles a day. Repairs will take six weeks.",
    "Orland Port Authority",
    published="2031-05-02",
)
WIRE = _article(
    "ORLAND (Coastline Wire) — The Weir Street bridge is closed for six weeks, according to a notice released by "
    "the Orland Port Authority on Monday. About 9,000 vehicles cross it each day.",
    "Coastline Wire",
    published="2031-05-01",
)
TV = _article(
    "Drivers face detours after the Port Authority closed the Weir Street bridge, the authority said. "
    "Around 9,000 vehicles use it daily, and repairs are expected to last six weeks.",
    "Channel 4 Orland",
)


def test_an_institution_that_others_credit_is_the_own_statement() -> None:
    analyses = [_analysis(WIRE), _analysis(TV), _analysis(STATEMENT)]
    chosen = choose_primary(analyses)
    assert chosen.ids == [STATEMENT.id]
    assert chosen.rule == "own statement"
    assert "credited by 2 other reports" in chosen.reason


def test_a_news_agency_is_no_institution() -> None:
    assert not is_institution(_article("Text.", "Continental Press Agency"))
    assert not is_institution(_article("Text.", "The Tri-County Sentinel"))
    assert is_institution(_article("Text.", "Marlow District Attorney's Office"))
    assert is_institution(_article("Text.", "Quayside Robotics Inc."))
    assert is_institution(_article("Text.", "Anything", domain="transport.gov.xx"))


def test_an_institution_name_alone_is_not_a_statement() -> None:
    magazine = _article("Ministers met on Monday. The budget was discussed at length.", "Government Executive")
    other = _article("The budget was discussed by ministers on Monday.", "Evening Courier")
    assert not own_statement(magazine, [magazine, other])


def test_press_release_conventions_make_a_statement() -> None:
    release = _article(
        "FOR IMMEDIATE RELEASE\n\nMARLOW — The office charged two people on Friday.\n\n###\n\nMedia contact: desk",
        "Marlow District Attorney's Office",
    )
    news = _article("Two people were charged on Friday, prosecutors said.", "Marlow Ledger")
    assert own_statement(release, [release, news])


def test_credit_by_acronym_and_by_role() -> None:
    agency = _article("Text.", "Federal Bridge Safety Administration")
    acronym = _article("The FBSA said the bridge was unsafe.", "Evening Courier")
    assert credits(acronym, agency)
    county = _article("Text.", "Harlan County Office of Roads")
    role = _article("The county said the road would reopen on Friday.", "Evening Courier")
    assert credits(role, county, [county, role])
    # Two county offices in a story: "the county" names neither.
    second = _article("Text.", "Harlan County Sheriff's Office")
    assert not credits(role, county, [county, second, role])


def test_a_shared_place_name_is_not_a_credit() -> None:
    blog = _article("Text.", "Orland Taxpayers' Voice")
    report = _article("Orland said goodbye to its old bridge, according to Orland residents.", "Evening Courier")
    assert not credits(report, blog)


def test_attribution_claims_count_as_credits() -> None:
    credited = "the Coastline Wire"
    report = _article(f"Figures from {credited} show the detour adds ten minutes.", "Evening Courier")
    wire = _article("Text.", "Coastline Wire")
    assert credits(_analysis(report, credited), wire)


def test_the_most_credited_report_when_no_statement() -> None:
    wire = _article("ORLAND (Coastline Wire) — The bridge is closed for six weeks.", "Coastline Wire", "2031-05-03")
    a = _article("The bridge is closed, Coastline Wire reported on Monday.", "Evening Courier", "2031-05-02")
    b = _article("According to Coastline Wire, repairs take six weeks.", "Morning Star", "2031-05-02")
    chosen = choose_primary([_analysis(a), _analysis(b), _analysis(wire)])
    assert (chosen.ids, chosen.rule) == ([wire.id], "credited by others")


def test_a_blog_is_never_the_primary_source() -> None:
    blog = _article(
        "I drove over that bridge every day and my car shook. I told you so. Let's hope they fix it.",
        "Commuter Diaries",
        "2031-05-01",
    )
    news = _article("The Weir Street bridge closed on Monday for six weeks of repairs.", "Evening Courier")
    assert infer_kind(blog) == "blog"
    chosen = choose_primary([_analysis(blog), _analysis(news)])
    assert (chosen.ids, chosen.rule) == ([news.id], "earliest, most specific")


def test_an_aggregator_credit_line_is_read_as_an_aggregator() -> None:
    feed = _article("The bridge closed.\n\nThis story first appeared in Evening Courier.", "FeedLane")
    assert infer_kind(feed) == "aggregator"
    assert infer_kind(_article("The bridge closed.", "Evening Courier")) == "news"
    assert infer_kind(_article("The bridge closed.", "Evening Courier"), is_copy=True) == "aggregator"


def test_an_org_site_that_is_no_news_outlet_is_an_institution() -> None:
    assert is_institution(_article("Text.", "Harbour Lifeboat Volunteers", domain="lifeboats.org"))
    assert not is_institution(_article("Text.", "The Commons Review", domain="commonsreview.org"))


def test_a_copy_and_its_original_credit_once() -> None:
    wire = _article("The bridge is closed for six weeks.", "Coastline Wire", "2031-05-03")
    a = _article("The bridge is closed, Coastline Wire reported on Monday.", "Evening Courier", "2031-05-02")
    copy = _article("The bridge is closed, Coastline Wire reported on Monday. More below.", "FeedLane", "2031-05-02")
    chosen = choose_primary([_analysis(a), _analysis(copy), _analysis(wire)], {copy.id: a.id})
    assert chosen.rule == "earliest, most specific"
    assert chosen.ids == [a.id]


REPORTS = {
    # Listed first, so the order of the files does not make it the original.
    "01-feedbox.txt": (
        "Water main break: boil notice for east Larkfield",
        "FeedBox",
        "LARKFIELD (Ridgeway News Service) — About 14,200 households in east Larkfield must boil tap water "
        "until at least Thursday after a 36-inch main burst under Canal Road on Monday night, according to "
        "figures released by the Larkfield Water Authority. Crews expect the repair to take 48 hours, and "
        "bottled water is being handed out at three schools. The authority said pressure would return first "
        "to homes north of the canal.\n\nMore city news: the week's road closures and bus diversions.",
    ),
    "02-ridgeway.txt": (
        "Boil-water notice for 14,200 Larkfield homes after main bursts",
        "Ridgeway News Service",
        "LARKFIELD (Ridgeway News Service) — About 14,200 households in east Larkfield must boil tap water "
        "until at least Thursday after a 36-inch main burst under Canal Road on Monday night, according to "
        "figures released by the Larkfield Water Authority. Crews expect the repair to take 48 hours, and "
        "bottled water is being handed out at three schools. The authority said pressure would return first "
        "to homes north of the canal.",
    ),
    "03-statement.txt": (
        "Boil water notice: east Larkfield",
        "Larkfield Water Authority",
        "A 36-inch water main under Canal Road failed on Monday evening. Customers in about 14,200 households "
        "east of Mill Street should boil water for drinking and cooking until further notice. Repairs are "
        "expected to take 48 hours. Bottled water is available at three school sites.",
    ),
    "04-channel.txt": (
        "East Larkfield told to boil water",
        "Channel 6 Larkfield",
        "If you live in east Larkfield, boil your water before drinking it. The Larkfield Water Authority says "
        "about 14,200 homes are affected by Monday's main break on Canal Road, and repairs could take 48 hours.",
    ),
}


def test_a_statement_nobody_marked_and_a_wire_copied_the_same_day(tmp_path: Path) -> None:
    for name, (title, outlet, body) in REPORTS.items():
        domain = outlet.lower().replace(" ", "") + ".example"
        (tmp_path / name).write_text(
            f"{title}\n\nSource: {outlet} ({domain})\nPublished: 2031-06-02\n\n{body}\n", encoding="utf-8"
        )
    comparison = compare_paths([str(tmp_path)])
    files = {a.id: Path(a.file or "").name for a in comparison.articles}
    assert [files[i] for i in comparison.primary.ids] == ["03-statement.txt"]
    assert comparison.primary.rule == "own statement"
    assert {files[c]: files[r.original] for c, r in comparison.copies.items()} == {"01-feedbox.txt": "02-ridgeway.txt"}


def test_first_person_inside_quotations_or_road_names_is_no_blog() -> None:
    quoted = _article(
        "\u201cI saw the deck move and I ran,\u201d said one driver. ''My car was on it,'' said another.\n\n"
        "\u201cI called my sister right away.\n\nTraffic moved to I-75 and I-94 for the night.",
        "Evening Courier",
    )
    assert infer_kind(quoted) == "news"


def test_a_quotation_running_over_sentences_is_not_the_report_s_own_voice() -> None:
    # One paragraph per sentence and a quotation over three of them, closed by '': the middle
    # sentence has no mark of its own, yet it is the player's words, not the report's.
    body = (
        "The receiver was arrested early Tuesday and released later that day.\n"
        "He released a statement through the team later Tuesday.\n"
        '"Yesterday I was stopped by an officer.\n'
        "I don't think any charges will be filed as a result of the stop.\n"
        "In the event they are, I look forward to clearing my name.''\n"
        "He set career highs this season."
    )
    own = _unattributed_voice(_article(body, "Sports Desk"))
    assert "charges will be filed" not in own
    assert "released a statement" in own and "career highs" in own
