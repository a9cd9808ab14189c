"""A report's weekday, read against its own dateline, is checked against the day of the event it
names; the event is recognised in the words of every report that gives its day, not only in the
source's: hand-written reports compared end to end."""

from __future__ import annotations

from factdiff.align import Fact, facts_of
from factdiff.align.match_dates import _a_slip, _ahead
from factdiff.analyse import analyse
from factdiff.compare import compare_articles
from factdiff.model import Article
from factdiff.normalise import normalise
from factdiff.read.text import read_text

_RELEASE = (
    "Coast guard release\n\nThe cutter Harwell, on patrol in the Strait under the regional command, thwarted a "
    "multiple-boat smuggling raid on 7 Mar, seizing 14 crates of rifles. The cutter was escorting a convoy of "
    "four ferries through the channel when the crew detected three fast boats approaching the ferries."
)
_REPORTS = {
    "b": "Cutter stops smugglers\n\nUpdated: March 8, 2019 10:15 GMT\n\nA coast guard cutter on Thursday "
    "intercepted three fast boats with smugglers in the Strait and foiled a raid on ferries crossing the channel.",
    "d": "Raid in the Strait\n\nMarch 8, 2019\n\nA coast guard cutter on Thursday intercepted three fast boats "
    "and foiled a smuggling raid on ferries crossing the channel.",
}


def _divergences(report: str) -> list[tuple[str, str]]:
    articles = [
        Article(id="a", text=_RELEASE, file="a.txt", kind="press_release", published="2019-03-09"),
        *(Article(id=k, text=v, file=f"{k}.txt") for k, v in {**_REPORTS, "c": report}.items()),
    ]
    return [(d.article, d.type) for d in compare_articles(articles).divergences]


def test_a_weekday_that_moves_the_event_is_a_changed_date() -> None:
    # The release dates the raid "7 Mar" in other words; two reports date it Thursday (the 7th
    # by their datelines) in words like this report's, which says Friday (the 8th).
    report = (
        "Smuggling raid foiled\n\nPublished on: Fri, 8 Mar 2019 at 09:56 GMT\n\nA coast guard cutter foiled a raid "
        "on ferries crossing the Strait on Friday, intercepting three fast boats with smugglers."
    )
    assert ("c", "date_changed") in _divergences(report)


def test_the_event_s_own_weekday_agrees() -> None:
    report = (
        "Smuggling raid foiled\n\nPublished on: Fri, 8 Mar 2019 at 09:56 GMT\n\nA coast guard cutter foiled a raid "
        "on ferries crossing the Strait on Thursday, intercepting three fast boats with smugglers."
    )
    assert _divergences(report) == []


def _story(reports: dict[str, str]) -> list[tuple[str, str]]:
    articles = [Article(id=k, text=v, file=f"{k}.txt") for k, v in reports.items()]
    return [(d.article, d.type) for d in compare_articles(articles, threshold=0.0).all_divergences]


_AWARD = {
    "a": "Harbour pilot honoured\n\nMara Quist, who joined the harbour service in 1998, received the Tidewater "
    "medal on 4 May 2019 for the rescue of a ferry crew. She was made chief pilot of the port in 2011.",
    "b": "Medal for pilot\n\nPilot Mara Quist received the Tidewater medal on 4 May 2019. Quist, chief pilot of "
    "the port since 2011, led the rescue of a ferry crew in January.",
    "c": "Rescue pilot given medal\n\nThe Tidewater medal went to Mara Quist on 4 May 2019 for the ferry rescue. "
    "Quist has been chief pilot of the port since 2006 and joined the harbour service in 1998.",
}


def test_a_bare_year_is_no_changed_date() -> None:
    # A year dates the past (a career, an earlier post): two of them in like sentences are most
    # often two events, not one changed.
    assert not [d for d in _story(_AWARD) if d[1] == "date_changed"]


def test_a_page_s_own_publication_line_is_no_fact() -> None:
    # Each outlet dates its own page; two pages of the same day do not make a third one's wrong.
    dated = {
        k: v + f"\nPublished: Saturday, {day} May 2019, 10:15 BST | Harbour Desk"
        for (k, v), day in zip(_AWARD.items(), ("11", "11", "13"), strict=True)
    }
    articles = [normalise(read_text(v, f"{k}.txt", f"{k}.txt")) for k, v in dated.items()]
    found = compare_articles([a for a in articles if isinstance(a, Article)], threshold=0.0).all_divergences
    assert not [d for d in found if d.type == "date_changed"]


def test_a_dateline_is_no_fact() -> None:
    # "WASHINGTON, DC, April 28, 2009" or "May 23, 2005" on a line of its own dates the page, as a
    # publication line does; a date in a sentence stays a fact.
    for line in ("HARBOUR CITY, 11 May 2019", "May 11, 2019", "11 May 2019 - 10:15 AM"):
        text = _AWARD["a"].replace("\n\n", f"\n\n{line}\n", 1)
        dates = [getattr(f.claim, "value", None) for f in facts_of(analyse(Article(id="a", text=text, file="a")))]
        assert "2019-05-11" not in dates and "2019-05-04" in dates, line


def test_a_day_within_the_week_the_source_gives_beside_is_that_week_s_event() -> None:
    # "fired last week ... walked in Monday": "fired last Thursday" dates the firing, in that week.
    source = (
        "Bakery fire\n\nA clerk who was fired last week from a bakery in Harlow walked into the shop on Monday "
        "and set fire to the storeroom, police said."
    )
    fired = (
        "Clerk held over fire\n\nThe clerk, who had been fired last Thursday from the bakery in Harlow, walked into "
        "the shop, police said. He set fire to the storeroom."
    )
    monday = "Storeroom fire\n\nOn Monday a sacked clerk walked into the Harlow bakery and set the storeroom alight."
    again = "Arson at bakery\n\nPolice in Harlow said a former clerk started the storeroom fire at the bakery Monday."
    articles = [
        Article(id="a", text=source, file="a.txt", published="2024-03-06"),
        Article(id="b", text=fired, file="b.txt", published="2024-03-06"),
        Article(id="c", text=monday, file="c.txt", published="2024-03-06"),
        Article(id="d", text=again, file="d.txt", published="2024-03-07"),
    ]
    found = compare_articles(articles, threshold=0.0).all_divergences
    assert not [d for d in found if d.type == "date_changed"]


def test_a_slip_is_one_part_of_a_date_or_a_few_days() -> None:
    assert _a_slip("2011-01-04", "2011-01-05")  # a day
    assert _a_slip("2010-12-27", "2011-01-02")  # across a month and a year, within a week
    assert _a_slip("2017-07-24", "2017-06-24")  # the month only
    assert _a_slip("2016-09-27", "2017-09-27")  # the year only
    assert _a_slip("2012-12-23", "2012-12-09")  # the day of the month only
    assert not _a_slip("2007-06-24", "2005-06-20")  # two parts, two years apart: another event
    assert not _a_slip("2011-10-10", "2011-08-16")
    assert _a_slip("2011-10", "2011-08")  # months are not days


def _date_fact(text: str) -> Fact:
    article = Article(id="d", text=f"Game\n\n{text}", file="d.txt", published="2013-03-09")
    return next(f for f in facts_of(analyse(article)) if f.family == "date")


def test_a_date_to_come_is_another_event() -> None:
    assert _ahead(_date_fact("Creighton advances to play Saturday in a 1:35 pm semifinal."))
    assert _ahead(_date_fact("Cheeks will be introduced at a news conference on Tuesday."))
    assert not _ahead(_date_fact("Doug McDermott scored 23 points Friday in the quarterfinal."))
    # A date that names its own event is that event's, whatever comes before it.
    assert not _ahead(_date_fact("Okoye will be mayor after the county certified Wednesday's election."))
