"""Bad input: each case is one line naming the input and the reason; the good inputs still go in."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdiff.cli import cli
from factdiff.errors import Skipped
from factdiff.model import Article
from factdiff.read import read_inputs
from factdiff.store import Store

BODY = "Federal officers arrested {n} people in a five-day operation, the agency said on Friday."
FIFTY_MB = 50 * 1024 * 1024

NO_ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Example News | Home</title></head><body>
<header><a href="/">Example News</a></header>
<nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/about">About us</a></li></ul></nav>
<footer><p>© 2021 Example News</p><a href="/privacy">Privacy</a></footer></body></html>"""


def make_bad_inputs(folder: Path) -> dict[str, tuple[str, str]]:
    """Each bad input: its label in the outcomes -> (reason, words the detail must contain)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n\t \n")
    (folder / "blob.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    with (folder / "huge.txt").open("wb") as huge:
        huge.truncate(FIFTY_MB)  # sparse: 50 MB on paper, nothing written
    (folder / "menu.html").write_text(NO_ARTICLE_HTML)
    (folder / "columns.csv").write_text("id,headline,body\n1,A title,Some body text that is long enough.\n")
    rows = [json.dumps({"id": "ok1", "text": BODY.format(n=11)}), '{"id": "broken", "text": "unterminated', ""]
    rows[2] = json.dumps({"id": "ok3", "text": BODY.format(n=13)})
    (folder / "rows.jsonl").write_text("\n".join(rows) + "\n")
    return {
        str(folder / "missing.txt"): ("not found", "no such file"),
        str(folder / "empty.txt"): ("empty", "empty"),
        str(folder / "blank.txt"): ("empty", "white space"),
        str(folder / "blob.txt"): ("binary", "not text"),
        str(folder / "huge.txt"): ("too large", "52,428,800 bytes"),
        str(folder / "menu.html"): ("no article text", "no article"),
        str(folder / "columns.csv"): ("no 'text' column", "columns are: id, headline, body"),
        f"{folder / 'rows.jsonl'}:2": ("invalid JSON", "Unterminated string"),
    }


def make_good_inputs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = folder / "good.txt"
    good.write_text(f"A good report\n\n{BODY.format(n=42)}\n", encoding="utf-8")
    cp1252 = folder / "windows.txt"
    cp1252.write_bytes(
        (
            "Caf\u00e9 owners count the cost\n\n"
            "The caf\u00e9 lost 40 tables in the flood, its owner said: \u201cwe will reopen\u201d \u2013 on Friday.\n"
        ).encode("cp1252")
    )
    return [good, cp1252]


def test_each_bad_input_is_one_line_and_good_inputs_are_stored(tmp_path: Path) -> None:
    bad = make_bad_inputs(tmp_path / "in")
    good = make_good_inputs(tmp_path / "in")
    db = tmp_path / "f.db"
    inputs = [*sorted({label.split(":2")[0] for label in bad}), *map(str, good)]
    result = CliRunner().invoke(cli, ["add", *inputs, "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 1  # some inputs failed, the others were processed
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(bad), lines
    for label, (reason, words) in bad.items():
        (line,) = [line for line in lines if line.startswith(f"{label}: ")]
        assert f"skipped, {reason}" in line and words in line, line
    assert result.stdout.strip().startswith("added 4, skipped 8: ")
    with Store(db) as store:
        stored = {a.source_id or Path(a.file or "").name: a for a in store.iter_articles()}
    assert set(stored) == {"good.txt", "windows.txt", "ok1", "ok3"}
    text = stored["windows.txt"].text
    assert "café" in text and "\u201cwe will reopen\u201d" in text and "\u2013" in text
    assert stored["windows.txt"].title == "Café owners count the cost"


@pytest.mark.parametrize(
    "name",
    ["missing.txt", "empty.txt", "blank.txt", "blob.txt", "huge.txt", "menu.html", "columns.csv", "rows.jsonl"],
)
def test_each_bad_input_alone(tmp_path: Path, name: str) -> None:
    bad = make_bad_inputs(tmp_path)
    items = list(read_inputs([str(tmp_path / name)]))
    skips = [i for i in items if isinstance(i, Skipped)]
    (skip,) = skips
    reason, words = bad[skip.input]
    assert skip.reason == reason and words in skip.detail and skip.error
    if name == "rows.jsonl":  # the good lines around the broken one are read
        assert [i.source_id for i in items if isinstance(i, Article)] == ["ok1", "ok3"]


def test_huge_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_bad_inputs(tmp_path)
    opened: list[str] = []
    real_open = open

    def spy_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        stream = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
        if "huge" in str(file):
            opened.append(mode)
            real_read = stream.read

            def read(size: int = -1) -> bytes:
                assert 0 <= size <= 1 << 20, "the whole file was read"
                return real_read(size)

            stream = _Wrapped(stream, read)
        return stream

    monkeypatch.setattr("builtins.open", spy_open)
    (skip,) = read_inputs([str(tmp_path / "huge.txt")])
    assert isinstance(skip, Skipped) and skip.reason == "too large"
    assert opened in ([], ["rb"])  # opened at most, never read whole


class _Wrapped:
    def __init__(self, stream: object, read: object) -> None:
        self._stream, self.read = stream, read

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def __enter__(self) -> _Wrapped:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()  # type: ignore[attr-defined]


def test_windows_1252_file_reads_correctly(tmp_path: Path) -> None:
    _, cp1252 = make_good_inputs(tmp_path)
    (article,) = read_inputs([str(cp1252)])
    assert isinstance(article, Article)
    assert "café lost 40 tables" in article.text
    assert "\u201cwe will reopen\u201d" in article.text


def test_too_short_text_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("A title\n\nToo short.\n")
    (skip,) = read_inputs([str(tmp_path / "short.txt")])
    assert isinstance(skip, Skipped) and skip.reason == "too short"


def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "pipe.txt")
    (skip,) = read_inputs([str(tmp_path)])
    assert isinstance(skip, Skipped) and skip.reason == "unreadable"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="permissions do not bind root")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(f"Title\n\n{BODY.format(n=1)}\n")
    path.chmod(0)
    try:
        (skip,) = read_inputs([str(path)])
    finally:
        path.chmod(0o644)
    assert isinstance(skip, Skipped) and skip.reason == "unreadable"


def test_all_inputs_bad_is_exit_3(tmp_path: Path) -> None:
    make_bad_inputs(tmp_path)
    args = ["add", str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt"), "--db", str(tmp_path / "f.db")]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=600) | st.text(max_size=400).map(lambda t: t.encode("utf-8")),
    suffix=st.sampled_from([".txt", ".html", ".jsonl", ".csv", ".tsv", ".json", ".warc", ".warc.gz", ".jsonl.gz", ""]),
)
def test_any_bytes_give_outcomes_never_an_exception(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in read_inputs([str(path)]):
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Article):
            assert item.text and item.id
