"""Readers: every input format to the same normalised articles; datasets streamed row by row."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factdiff.errors import Skipped
from factdiff.model import Article
from factdiff.read import Fields, read_inputs
from factdiff.read.tables import read_jsonl
from tests.shared_data import SEED, STORIES, need

TITLE = "Officers arrest 212 in five-day sweep"
BODY = (
    "Federal officers arrested 212 people in a five-day operation, the agency said on Friday.\n\n"
    "The people arrested came from 17 countries, according to a statement."
)
REPORT = f"{TITLE}\n\nSource: The Daily Example (dailyexample.com)\nPublished: 2021-10-01\n\n{BODY}\n"

HTML = f"""<!DOCTYPE html><html><head><title>{TITLE} | Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2021-10-01">
<link rel="canonical" href="https://www.dailyexample.com/news/212-arrests"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{TITLE}</h1>
<p>Federal officers arrested 212 people in a five-day operation, the agency said on Friday.</p>
<p>The people arrested came from 17 countries, according to a statement.</p>
<blockquote class="twitter-tweet"><p>212 off the streets in 5 days! <a href="https://t.co/x">pic.twitter.com/abc123</a></p>
&mdash; Jane Roe (@jroe_1) <a href="https://twitter.com/jroe_1/status/1">October 2, 2021</a></blockquote>
<p>The agency declined to say how many of them had been released since then.</p>
</article><footer>Copyright The Daily Example</footer></body></html>"""


def read_all(*inputs: str, fields: Fields | None = None) -> list[Article | Skipped]:
    return list(read_inputs(list(inputs), fields or Fields()))


def only_article(items: list[Article | Skipped]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_plain_text_report(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    a = only_article(read_all(str(path)))
    assert a.title == TITLE
    assert a.body == BODY
    assert (a.outlet, a.domain, a.published) == ("The Daily Example", "dailyexample.com", "2021-10-01")
    assert a.file == str(path) and a.source_id is None and a.kind == "news" and a.language == "en"
    assert "Source:" not in a.text


def test_html_report(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    a = only_article(read_all(str(path)))
    assert a.title == TITLE
    assert a.text.count(TITLE) == 1  # the <h1> repeating the <title> is collapsed
    assert "Federal officers arrested 212 people" in a.body
    assert "Home" not in a.body and "Copyright" not in a.body
    assert a.outlet == "The Daily Example" and a.domain == "dailyexample.com"
    assert a.published == "2021-10-01"
    assert a.url == "https://www.dailyexample.com/news/212-arrests"
    (post,) = a.posts
    assert post.handle == "@jroe_1" and post.date == "2021-10-02"
    assert "212 off the streets" in a.text[post.start : post.end]


def test_html_and_text_of_one_report_share_the_body(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{TITLE}\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
        + "</article></body></html>",
        encoding="utf-8",
    )
    a, b = read_all(str(tmp_path / "a.txt"), str(tmp_path / "b.html"))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.text == b.text and a.id == b.id


def test_jsonl_dataset(tmp_path: Path) -> None:
    rows = [
        {"id": 17, "title": TITLE, "text": BODY, "url": "https://news.example.com/1", "published": "2021-10-01"},
        {"id": "b-2", "title": "", "text": BODY + " More.", "source": "Example Wire (wire.example)"},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n", encoding="utf-8")
    one, two = read_all(str(path))
    assert isinstance(one, Article) and isinstance(two, Article)
    assert one.source_id == "17" and one.domain == "news.example.com" and one.published == "2021-10-01"
    assert one.file == str(path)
    assert two.title == "" and two.text.startswith("Federal officers") and two.outlet == "Example Wire"
    assert two.domain == "wire.example"


def test_renamed_fields(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"doc": "x9", "headline": TITLE, "content": BODY, "date": "2021-10-01"}) + "\n")
    fields = Fields(id="doc", title="headline", text="content", published="date")
    a = only_article(read_all(str(path), fields=fields))
    assert (a.source_id, a.title, a.published) == ("x9", TITLE, "2021-10-01")


def test_csv_and_tsv(tmp_path: Path) -> None:
    csv_path = tmp_path / "set.csv"
    csv_path.write_text(f'id,title,text,source\nr1,"{TITLE}","{BODY}",dailyexample.com\n,,"{BODY}",\n')
    tsv_path = tmp_path / "set.tsv"
    tsv_path.write_text(f"id\ttext\nt1\t{BODY.replace(chr(10), ' ')}\n")
    items = read_all(str(csv_path), str(tsv_path))
    assert all(isinstance(i, Article) for i in items), items
    first, second, third = items
    assert isinstance(first, Article) and first.source_id == "r1" and first.domain == "dailyexample.com"
    assert isinstance(second, Article) and second.source_id is None and second.title == ""
    assert isinstance(third, Article) and third.source_id == "t1"


def test_csv_row_labels_in_outcomes(tmp_path: Path) -> None:
    path = tmp_path / "set.csv"
    path.write_text("id,text\nr1,short\n,tiny\n")
    first, second = read_all(str(path))
    assert isinstance(first, Skipped) and first.input == f"{path}#r1" and first.reason == "too short"
    assert isinstance(second, Skipped) and second.input == f"{path}:3"


def test_json_list_and_object(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"id": "a", "text": BODY}, {"id": "b", "text": BODY + "!"}]))
    (tmp_path / "one.json").write_text(json.dumps({"id": "c", "title": TITLE, "text": BODY}))
    items = read_all(str(tmp_path / "list.json"), str(tmp_path / "one.json"))
    assert [i.source_id for i in items if isinstance(i, Article)] == ["a", "b", "c"]


def test_folder_sorted_recursive_without_hidden_json_or_md(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(f"B title\n\n{BODY}\n")
    (tmp_path / "a.txt").write_text(f"A title\n\n{BODY}\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(f"C title\n\n{BODY}\n")
    (tmp_path / ".hidden.txt").write_text(f"H title\n\n{BODY}\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text(f"D title\n\n{BODY}\n")
    (tmp_path / "answers.json").write_text(json.dumps({"text": BODY}))
    (tmp_path / "README.md").write_text(f"# Readme\n\n{BODY}\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    titles = [i.title for i in read_all(str(tmp_path)) if isinstance(i, Article)]
    assert titles == ["A title", "B title", "C title"]


def test_markdown_named_directly_is_read(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text(f"# Notes\n\n{BODY}\n")
    assert only_article(read_all(str(tmp_path / "note.md"))).title == "Notes"


@pytest.mark.parametrize(
    ("data", "expect"),
    [
        (REPORT, "text"),
        (HTML, "html"),
        (json.dumps({"id": "s1", "text": BODY}) + "\n" + json.dumps({"id": "s2", "text": BODY + "!"}) + "\n", "jsonl"),
    ],
)
def test_standard_input_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: str, expect: str) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    items = read_all("-")
    assert all(isinstance(i, Article) for i in items), items
    if expect == "jsonl":
        assert [i.source_id for i in items if isinstance(i, Article)] == ["s1", "s2"]
    else:
        a = only_article(items)
        assert a.title == TITLE and a.file is None
        assert a.domain == "dailyexample.com"


def test_encodings_utf8_bom_and_utf16(tmp_path: Path) -> None:
    text = f"Café report\n\n{BODY} The \u201cowner\u201d agreed.\n"
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    a, b = read_all(str(tmp_path / "bom.txt"), str(tmp_path / "u16.txt"))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.title == "Café report" and a.text == b.text and "\u201cowner\u201d" in a.text


def test_jsonl_is_streamed_not_loaded_whole() -> None:
    line = (json.dumps({"id": "r", "text": BODY}) + "\n").encode()

    class Counting(io.BytesIO):
        pass

    stream = Counting(line * 5000)
    rows = read_jsonl(stream, "big.jsonl", Fields(), max_bytes=1 << 20)
    next(rows)
    assert stream.tell() < len(line) * 10  # one row read, not the file


def test_mixed_run_keeps_going_past_bad_inputs(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(REPORT)
    (tmp_path / "empty.txt").write_text("")
    items = read_all(str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "good.txt"))
    assert [i.reason if isinstance(i, Skipped) else "article" for i in items] == ["not found", "empty", "article"]


def test_seed_article() -> None:
    a = only_article(read_all(str(need(SEED))))
    assert a.title.startswith("The immigration service has arrested about 500 immigrants")
    assert a.text.count(a.title) == 1  # the doubled headline is collapsed
    (post,) = a.posts
    assert post.handle == "@NIVIsa4031" and post.date == "2017-09-29" and post.platform == "twitter"
    assert "500 illegal immigrants" in a.text[post.start : post.end]
    assert a.language == "en"


def test_stories_folder_reads_every_report_once() -> None:
    folder = need(STORIES)
    answers = {
        f"{story.name}/{entry['file']}": entry
        for story in sorted(folder.iterdir())
        if (story / "answers.json").exists()
        for entry in json.loads((story / "answers.json").read_text())["articles"]
    }
    items = read_all(str(folder))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == len(answers) and len(items) == len(articles)
    for a in articles:
        assert a.file is not None
        entry = answers["/".join(Path(a.file).parts[-2:])]
        assert (a.domain, a.published) == (entry["domain"], entry["published"])
        assert a.outlet == entry["outlet"]
        assert "Source:" not in a.text and "Published:" not in a.text
        assert len(a.posts) == len(entry.get("embedded_posts", []))
        for post, expected in zip(a.posts, entry.get("embedded_posts", []), strict=True):
            assert (post.handle, post.date) == (expected["handle"], expected["date"])


def test_csv_with_bom_and_windows_1252(tmp_path: Path) -> None:
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbfid,text\nb1," + BODY.replace("\n\n", " ").encode() + b"\n")
    (tmp_path / "win.csv").write_bytes(
        "id,text\nw1,\u201cThe caf\u00e9 lost 40 tables\u201d in the flood on Friday.\n".encode("cp1252")
    )
    a, b = read_all(str(tmp_path / "bom.csv"), str(tmp_path / "win.csv"))
    assert isinstance(a, Article) and a.source_id == "b1"
    assert isinstance(b, Article) and b.text == "\u201cThe café lost 40 tables\u201d in the flood on Friday."


_paragraph = st.lists(
    st.sampled_from("the agency said 212 officers arrested people on Friday in Portland".split()),
    min_size=4,
    max_size=20,
).map(lambda words: " ".join(words).capitalize() + ".")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_paragraph, paragraphs=st.lists(_paragraph, min_size=1, max_size=5))
def test_reading_normalised_text_again_gives_the_same_article(
    tmp_path: Path, title: str, paragraphs: list[str]
) -> None:
    assume(paragraphs[0] != title)  # a body that opens with its own headline is collapsed each time it is read
    path = tmp_path / "once.txt"
    path.write_text(f"\n{title}\n\n{title}\n\n" + "\n\n\n".join(p + "  " for p in paragraphs) + "\n")
    first = read_all(str(path))
    if len(first) != 1 or not isinstance(first[0], Article):
        assert isinstance(first[0], Skipped) and first[0].reason == "too short"
        return
    path.write_text(first[0].text)
    again = only_article(read_all(str(path)))
    assert again.text == first[0].text and again.id == first[0].id


def test_gzipped_datasets(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"z{n}", "text": BODY + f" Row {n}."}) + "\n" for n in range(3))
    (tmp_path / "set.jsonl.gz").write_bytes(gzip.compress(rows.encode()))
    (tmp_path / "set.csv.gz").write_bytes(gzip.compress(f"id,text\nc1,{BODY.replace(chr(10), ' ')}\n".encode()))
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"not read in a folder"))
    ids = [i.source_id for i in read_all(str(tmp_path)) if isinstance(i, Article)]
    assert ids == ["c1", "z0", "z1", "z2"]
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(rows.encode() * 50)[:-40])
    items = read_all(str(tmp_path / "cut.jsonl.gz"))
    assert isinstance(items[-1], Skipped) and items[-1].reason == "unreadable"
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 1


def test_jsonl_with_the_wrong_text_field_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps({"id": n, "body": BODY}) + "\n" for n in range(1000)))
    (skip,) = read_all(str(path))
    assert isinstance(skip, Skipped) and skip.input == str(path)
    assert skip.reason == "no 'text' field" and skip.detail == "fields are: id, body"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("koi8-r", "Иммиграционная служба задержала 498 человек из 42 стран, сообщила служба в четверг."),
        ("cp1251", "Иммиграционная служба задержала 498 человек из 42 стран, сообщила служба в четверг."),
        ("gbk", "移民局星期四表示，在为期四天的特别行动中，执法人员在多个城市逮捕了来自42个国家的498人。"),
        ("cp1252", "Der Bürgermeister sagte am Freitag, dass 40 Häuser zerstört wurden und 12 beschädigt."),
    ],
)
def test_legacy_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(f"Title\n\n{text}\n".encode(encoding))
    assert only_article(read_all(str(path))).body == text


def test_html_without_its_extractor_is_a_skip_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factdiff.read import html as html_reader

    def missing(html: str, url: str | None) -> None:
        raise ImportError("No module named 'lxml_html_clean'")

    monkeypatch.setattr(html_reader, "_extract", missing)
    (tmp_path / "page.html").write_text(HTML)
    (skip,) = read_all(str(tmp_path / "page.html"))
    assert isinstance(skip, Skipped) and skip.reason == "no HTML reader" and "lxml_html_clean" in skip.detail
