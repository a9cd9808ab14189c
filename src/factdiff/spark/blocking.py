"""Candidate blocking: which articles might share a story, so that each block is grouped alone.

Incremental assignment (:class:`factdiff.group.Grouper`) looks at one article at a time and asks
an index for the few stories it could join. At corpus scale the same question is asked once for
all articles: each article emits *block keys*, articles sharing a key are linked when their
MinHash signatures say they are alike, and the connected components of the links are the blocks.
An article can only join a story of its own block, so blocks are grouped in parallel and the
shuffle carries keys and short signatures, never texts.

Keys, each qualified by a date bucket so that only reports within the grouper's window meet:

- **MinHash LSH** over the fingerprint's features (words, names, numbers, days): the signature
  is cut into bands and each band is a key (datasketch computes the signature);
- **number and name fingerprints**: the article's heaviest name and number features, the ones
  that pick candidate stories in the incremental index.

A key held by more than :data:`MAX_KEY_ARTICLES` articles of one bucket says nothing (a common
name in a busy fortnight) and is dropped, as the grouper drops features shared by too many
stories.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Iterator, Sequence

from factdiff.group import WINDOW_DAYS, Fingerprint

__all__ = [
    "BAND_ROWS",
    "LINK_JACCARD",
    "MAX_KEY_ARTICLES",
    "NUM_PERM",
    "UnionFind",
    "block_keys",
    "date_buckets",
    "link_members",
    "signature",
]

#: MinHash permutations per article: 32 keep a signature at 128 bytes, enough to tell a report of
#: the same event (Jaccard 0.2-0.6 on the ECB+ dev topics) from one of another (under 0.1).
NUM_PERM = 32
#: Rows per LSH band: bands of two collide for a pair of Jaccard 0.2 with probability 1 - 0.96**16,
#: about one half per pair, and a story of several reports is linked through any of its pairs.
BAND_ROWS = 2
#: Estimated Jaccard above which two articles that share a key are linked into one block.
LINK_JACCARD = 0.08
#: Estimated Jaccard above which two articles sharing one of their heaviest names or numbers are
#: linked: one equal position in 32. On the real story folders a report of the Dubai earthquake
#: shares "Iran" with its story at a true Jaccard of 0.06-0.1 and was left out at 0.08.
NAMED_JACCARD = 0.03
#: Name and number features per article used as keys (the heaviest first).
FINGERPRINT_KEYS = 6
#: Kinds of feature used as fingerprint keys: names (``e``, ``h``) and numbers (``n``).
FINGERPRINT_KINDS = frozenset("ehn")
#: A key with more articles than this in one date bucket is dropped as uninformative; the grouper's
#: index drops a feature named by more than 16 stories, and a story has a handful of reports.
MAX_KEY_ARTICLES = 200
#: Kinds of feature the MinHash signature is computed over ("t" repeats the title's words and "y"
#: years say little).
SIGNATURE_KINDS = frozenset("wenhd")
#: The bucket of articles without a date: they meet only each other.
UNDATED = "u"


def date_buckets(day: int | None, window: int = WINDOW_DAYS) -> list[str]:
    """Buckets of ``window`` days; an article is in its own and the next, so two articles at most
    ``window`` days apart always share one."""
    if day is None:
        return [UNDATED]
    home = day // window
    return [str(home), str(home + 1)]


def signature(fp: Fingerprint, num_perm: int = NUM_PERM) -> bytes:
    """The MinHash signature of the fingerprint's feature set, packed as ``num_perm`` uint32."""
    from datasketch import MinHash

    features = sorted(f for f in fp.features if f[0] in SIGNATURE_KINDS)
    minhash = MinHash(num_perm=num_perm, seed=1)
    if features:
        minhash.update_batch([f.encode("utf-8") for f in features])
    return struct.pack(f"<{num_perm}I", *(int(v) & 0xFFFFFFFF for v in minhash.hashvalues))


def block_keys(fp: Fingerprint, sig: bytes, num_perm: int = NUM_PERM, rows: int = BAND_ROWS) -> list[str]:
    """The keys an article is filed under: LSH bands and its heaviest names and numbers, per bucket."""
    keys: list[str] = []
    if any(f[0] in SIGNATURE_KINDS for f in fp.features):
        width = 4 * rows
        for band in range(num_perm // rows):
            digest = hashlib.blake2b(sig[band * width : (band + 1) * width], digest_size=8).hexdigest()
            keys.append(f"b{band}:{digest}")
    heavy = sorted((f for f in fp.features if f[0] in FINGERPRINT_KINDS), key=lambda f: (-fp.features[f], f))
    keys += ["f:" + f for f in heavy[:FINGERPRINT_KEYS]]
    return [f"{bucket}|{key}" for bucket in date_buckets(fp.day) for key in keys]


def jaccard(a: bytes, b: bytes) -> float:
    """The Jaccard similarity two MinHash signatures estimate: the share of equal positions."""
    n = len(a) // 4
    left, right = struct.unpack(f"<{n}I", a), struct.unpack(f"<{n}I", b)
    return sum(1 for x, y in zip(left, right, strict=True) if x == y) / n if n else 0.0


def threshold_of(key: str) -> float:
    """The signature agreement a key's articles need to be linked: less for a shared heavy name or
    number, which already says much of what the grouper's index would say."""
    return NAMED_JACCARD if "|f:" in key else LINK_JACCARD


def link_members(
    members: Sequence[tuple[int, bytes]], threshold: float = LINK_JACCARD, limit: int = MAX_KEY_ARTICLES
) -> Iterator[tuple[int, int]]:
    """Links among the articles of one key: each to the earliest earlier article it is alike to.

    ``members`` are (rank, signature). A key of more than ``limit`` articles gives no link. One
    link per article is enough: blocks are connected components, so links are transitive.
    """
    if len(members) < 2 or len(members) > limit:
        return
    ordered = sorted(members)
    for i in range(1, len(ordered)):
        rank, sig = ordered[i]
        for j in range(i):
            if jaccard(sig, ordered[j][1]) >= threshold:
                if ordered[j][0] != rank:
                    yield rank, ordered[j][0]
                break


class UnionFind:
    """Connected components of integer ids (path halving, union by size)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.size: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        if x not in parent:
            parent[x] = x
            self.size[x] = 1
            return x
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def add_all(self, links: Iterable[tuple[int, int]]) -> None:
        for a, b in links:
            self.union(a, b)

    def roots(self) -> dict[int, int]:
        """Each id seen and the smallest id of its component (a stable block id)."""
        smallest: dict[int, int] = {}
        for x in list(self.parent):
            root = self.find(x)
            smallest[root] = min(smallest.get(root, x), x)
        return {x: smallest[self.find(x)] for x in self.parent}
