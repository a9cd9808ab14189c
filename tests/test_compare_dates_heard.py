"""A report's weekday, read against its own dateline, is checked against the day of the event it
names; the event is recognised in the words of every report that gives its day, not only in the
source's: hand-written reports compared end to end."""

from __future__ import annotations

from factdiff.compare import compare_articles
from factdiff.model import Article

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
