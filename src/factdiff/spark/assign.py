"""Story assignment inside one block, as incremental assignment would have done it.

:class:`factdiff.group.Grouper` decides from two kinds of state: the stories it holds, and corpus
counts (how many articles it has seen and in how many of them each feature occurs) that give the
inverse document frequencies. Inside a block the stories are all there are (an article never joins
a story of another block), but the counts are the corpus's: :class:`BlockGrouper` is handed, for
each article, the counts the corpus had when that article arrived in publication order (computed
for all articles at once by the job), so its idf, and therefore its scores, are those of one
process reading the whole corpus in that order.

What still differs from one process is documented in docs/scale.md: a feature dropped from the
index as too common is dropped per block, and a split check weighs the other reports' features
with the counts last seen in the block.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from factdiff.group import Assignment, Fingerprint, Grouper

__all__ = ["Arrival", "BlockGrouper", "Member", "Move", "assign_block", "assign_stream"]


@dataclass(frozen=True, slots=True)
class Arrival:
    """One article of a block: its place in publication order and the corpus counts it saw."""

    rank: int  # 0-based position of the article in the corpus, in publication order
    fingerprint: Fingerprint
    df: dict[int, int]  # df bucket -> articles holding a feature of that bucket, this one included


@dataclass(slots=True)
class Member:
    """Where one article went: the ``story_members`` row of the embedded store."""

    article_id: str
    rank: int
    joined: str  # the story it joined on arrival
    story_id: str  # its story now (differs after a split)
    decision: str  # the fingerprint with the deciding score, as the store keeps it


class _Counts(dict[int, int]):
    """The df table of a block: the corpus counts last handed in, zero for the rest."""

    def __missing__(self, key: int) -> int:
        return 0


class BlockGrouper(Grouper):
    """A grouper for one block, fed the corpus counts each article saw on arrival."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.df = _Counts()  # type: ignore[assignment]
        self._dropped: dict[str, tuple[Any, ...]] = {}
        self._arrival: Arrival | None = None

    def arrive(self, arrival: Arrival) -> Assignment:
        self._arrival = arrival
        return self.assign(arrival.fingerprint)

    def _count(self, fp: Fingerprint) -> None:
        arrival = self._arrival
        assert arrival is not None and arrival.fingerprint is fp
        self.articles = arrival.rank + 1
        self.df.update(arrival.df)
        if fp.day is not None and (self.newest_day is None or fp.day > self.newest_day):
            self.newest_day = fp.day
            self._close_old()

    def _drop(self, story_id: str) -> None:
        from factdiff.group_store import _story_values  # one definition of a story's summary row

        self._dropped[story_id] = _story_values(self.stories[story_id])
        super()._drop(story_id)

    def closed_rows(self) -> list[tuple[Any, ...]]:
        """Summary rows of the stories closed since the last call, final from now on.

        A split drops a story and opens it again under the same id at once: such a story is
        still open and is left out. A closed story's id is never used again (ids are the ids
        of the articles that opened them), so its row is final and can leave the grouper,
        which keeps a block of any length in memory bounded by its open stories.
        """
        dropped, self._dropped = self._dropped, {}
        return [row for sid, row in dropped.items() if sid not in self.stories]

    def finish(self) -> list[tuple[Any, ...]]:
        """Summary rows of the stories still open: (id, label, size, first, last, outlets, facts)."""
        from factdiff.group_store import _story_values

        rows = self.closed_rows()
        rows.extend(_story_values(story) for story in self.stories.values())
        return rows


@dataclass(frozen=True, slots=True)
class Move:
    """An earlier article moved to another story by a split, when the article of ``rank`` arrived."""

    article_id: str
    rank: int
    story_id: str


def assign_stream(arrivals: Iterable[Arrival]) -> Iterator[Member | Move | tuple[Any, ...]]:
    """Assign a block's arrivals, given in rank order, yielding each decision as it is made.

    Memory stays bounded by the grouper's open stories however large the block: a member row is
    final except for the splits that follow (its story at the end is the target of its last
    :class:`Move`, else the story it was given). A story's row (a tuple, as
    :meth:`BlockGrouper.finish` gives them) comes as soon as the story closes; the rows of the
    stories still open come last.
    """
    grouper = BlockGrouper()
    yield from _decide(grouper, arrivals)
    yield from grouper.finish()


def assign_block(arrivals: Iterable[Arrival]) -> tuple[list[Member], list[tuple[Any, ...]]]:
    """Assign the articles of one block in publication order; their member rows and story rows."""
    grouper = BlockGrouper()
    members: dict[str, Member] = {}
    rows: list[tuple[Any, ...]] = []
    for item in _decide(grouper, sorted(arrivals, key=lambda a: a.rank)):
        if isinstance(item, Member):
            members[item.article_id] = item
        elif isinstance(item, Move):
            members[item.article_id].story_id = item.story_id
        else:
            rows.append(item)
    rows.extend(grouper.finish())
    live = {m.story_id for m in members.values()}
    return list(members.values()), [row for row in rows if row[0] in live]


def _decide(grouper: BlockGrouper, arrivals: Iterable[Arrival]) -> Iterator[Member | Move | tuple[Any, ...]]:
    last = -1
    for arrival in arrivals:
        if arrival.rank <= last:
            raise ValueError(f"arrivals out of rank order: {arrival.rank} after {last}")
        last = arrival.rank
        fp = arrival.fingerprint
        assignment = grouper.arrive(arrival)
        decision = json.dumps({**fp.to_dict(), "score": assignment.score}, ensure_ascii=False)
        joined = assignment.split_from or assignment.story_id
        yield Member(fp.article_id, arrival.rank, joined, assignment.story_id, decision)
        for moved in assignment.moved:
            if moved != fp.article_id:
                yield Move(moved, arrival.rank, assignment.split_to or assignment.story_id)
        yield from grouper.closed_rows()


def arrivals_of(rows: Iterable[tuple[int, str, list[tuple[int, int]]]]) -> Iterator[Arrival]:
    """Arrivals from (rank, fingerprint JSON, [(bucket, df)]) rows."""
    for rank, fingerprint, df in rows:
        yield Arrival(rank, Fingerprint.from_dict(json.loads(fingerprint)), dict(df))
