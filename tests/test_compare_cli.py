"""``factdiff compare`` end to end: the example story, the JSON and HTML outputs, and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdiff.cli import cli
from factdiff.model import VERDICTS
from tests.shared_data import EXAMPLES

STORY = EXAMPLES / "story"

OTHER_EVENT = """Orchard growers report record apple harvest

Source: Valley Farm Journal (valleyfarmjournal.com)
Published: 2026-03-11

Growers in the northern valley picked 1.2 million bushels of apples this season, the most since records began,
the growers' cooperative said. Cider mills expect to run through the summer.
"""


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["compare", *args])
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> dict:
    code, out, _err = _run(*args, "--json")
    assert code == 0
    return json.loads(out)


def test_example_story_prints_the_matrix() -> None:
    code, out, _err = _run(str(STORY))
    assert code == 0
    assert "Claim matrix" in out
    assert "Primary source: Larkmont Department of Transportation" in out
    assert "rule: own statement" in out
    assert "Valley Wire (05-valley-wire.txt) copies The Larkmont Ledger (01-larkmont-ledger.txt)" in out


def test_example_story_divergences() -> None:
    doc = _json(str(STORY))
    assert doc["schema"] == "factdiff.compare/1"
    names = {a["id"]: Path(a["file"]).name for a in doc["articles"]}
    found = {(names[d["article"]], d["type"]) for d in doc["divergences"]}
    planted = {
        ("02-channel-5-news.txt", "title_changed"),
        ("02-channel-5-news.txt", "number_changed"),
        ("02-channel-5-news.txt", "rounded_unhedged"),
        ("03-metro-roundup.txt", "date_changed"),
        ("03-metro-roundup.txt", "rounded_unhedged"),
        ("03-metro-roundup.txt", "unit_swap"),
        ("04-eastbank-voice.txt", "percent_wrong"),
        ("04-eastbank-voice.txt", "quote_altered"),
        ("04-eastbank-voice.txt", "entity_swap"),
    }
    assert len(found & planted) >= 8
    clean = {"00-department-statement.txt", "01-larkmont-ledger.txt", "05-valley-wire.txt"}
    assert not {f for f, _t in found} & clean


def test_json_document_shape() -> None:
    doc = _json(str(STORY))
    ids = {a["id"] for a in doc["articles"]}
    assert doc["articles"][0]["id"] == doc["primary_sources"][0]  # primary source first
    copies = [a for a in doc["articles"] if a["copy_of"]]
    assert [Path(a["file"]).name for a in copies] == ["05-valley-wire.txt"]
    for slot in doc["slots"]:
        assert {"id", "label", "source_value", "consensus", "cells"} <= set(slot)
        for cell in slot["cells"]:
            assert cell["article"] in ids
            assert cell["verdict"] in VERDICTS
    texts = {}
    for a in doc["articles"]:
        from factdiff.read import read_inputs

        texts[a["id"]] = next(iter(read_inputs([a["file"]]))).text  # type: ignore[union-attr]
    for d in doc["divergences"]:
        assert texts[d["article"]][d["start"] : d["end"]] == d["text"]
        assert d["type"] in VERDICTS


def test_html_is_self_contained(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    code, _out, _err = _run(str(STORY), "--html", str(page))
    assert code == 0
    html = page.read_text(encoding="utf-8")
    assert "factdiff.compare/1" in html
    assert "src=" not in html.lower().replace("textcontent", "")
    assert "<link" not in html


def test_one_report_has_nothing_to_compare() -> None:
    code, out, _err = _run(str(STORY / "01-larkmont-ledger.txt"))
    assert code == 0
    assert "Nothing to compare" in out


def test_bad_input_is_named_and_the_rest_compared(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(STORY, folder)
    shutil.copy(folder / "02-channel-5-news.txt", folder / "02b-repeat.txt")
    (folder / "06-other-event.txt").write_text(OTHER_EVENT, encoding="utf-8")
    (folder / "07-broken.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    code, out, err = _run(str(folder))
    assert code == 1  # an unreadable input
    assert "07-broken.txt" in err
    assert "Duplicate:" in out and "02b-repeat.txt" in out
    assert "another event" in out and "06-other-event.txt" in out
    assert "Claim matrix" in out


def test_unknown_id_without_store_is_skipped() -> None:
    code, _out, err = _run(str(STORY), "no-such-report-id")
    assert code == 1
    assert "no-such-report-id" in err


def test_every_verdict_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "compare.md").read_text(encoding="utf-8")
    for name in VERDICTS:
        assert f"| `{name}` |" in docs
    assert "factdiff.compare/1" in docs


# A second small story, written after the rules it checks: each report holds one kind of
# divergence in wording the development stories do not use, and one report is clean.
HARBOUR = {
    "00-port-authority.txt": (
        "Port of Selwick Reports Record Container Traffic\n"
        "\n"
        "Source: Selwick Port Authority (selwickport.gov)\n"
        "Published: 2026-02-05\n"
        "\n"
        "SELWICK — The Selwick Port Authority said on Thursday, February 5, 2026, that "
        "the port handled 1,284,000 containers in 2025, a record.\n"
        "\n"
        "Net income rose to $48 million. The authority employs 2,150 staff.\n"
        "\n"
        "The new north quay, which is 640 metres long, will open on Monday, March 16, "
        "2026. Dredging in the channel reached a depth of 17 metres.\n"
        "\n"
        "Of the 1,284,000 containers, 321,000 were transshipped to other ports.\n"
        "\n"
        "\"This was the busiest year in the port's history, and the new quay will let us "
        'grow again," said Harbour Master Elena Voss.\n'
    ),
    "01-selwick-post.txt": (
        "Selwick port sets container record\n"
        "\n"
        "Source: Selwick Post (selwickpost.example)\n"
        "Published: 2026-02-05\n"
        "\n"
        "The Port of Selwick moved 1,284,000 containers last year, the port authority "
        "said Thursday. Its profit was $48 million, and it has 2,150 employees.\n"
        "\n"
        "The 640-metre north quay opens on Monday, March 16. Of the containers, 321,000, "
        "or 25 percent, were transshipped.\n"
        "\n"
        "\"This was the busiest year in the port's history, and the new quay will let us "
        'grow again," Harbour Master Elena Voss said.\n'
    ),
    "02-coastal-times.txt": (
        "Record year at Selwick\n"
        "\n"
        "Source: Coastal Times (coastaltimes.example)\n"
        "Published: 2026-02-06\n"
        "\n"
        "The port handled 1,284,000 containers in 2025. Its earnings reached $84 million, "
        "the authority said.\n"
        "\n"
        "The north quay, 640 feet long, opens on Monday, March 16.\n"
    ),
    "03-shipping-digest.txt": (
        "Selwick quay to open in March\n"
        "\n"
        "Source: Shipping Digest (shippingdigest.example)\n"
        "Published: 2026-02-06\n"
        "\n"
        "The port handled 1,284,000 containers in 2025. Of them, 321,000 containers, or "
        "35 percent, were transshipped.\n"
        "\n"
        "The new north quay opens on Tuesday, March 16.\n"
        "\n"
        "\"This was the busiest year in the port's history, and the new quay will let us "
        'shrink again," said Harbour Master Elena Voss.\n'
    ),
}


def test_a_story_written_after_the_rules(tmp_path: Path) -> None:
    folder = tmp_path / "harbour"
    folder.mkdir()
    for name, text in HARBOUR.items():
        (folder / name).write_text(text, encoding="utf-8")
    doc = _json(str(folder))
    names = {a["id"]: Path(a["file"]).name for a in doc["articles"]}
    assert [names[i] for i in doc["primary_sources"]] == ["00-port-authority.txt"]
    found = {(names[d["article"]], d["type"]) for d in doc["divergences"]}
    assert ("02-coastal-times.txt", "number_changed") in found  # earnings $84 million for net income $48 million
    assert ("02-coastal-times.txt", "unit_swap") in found  # 640 feet for 640 metres
    assert ("03-shipping-digest.txt", "percent_wrong") in found  # 321,000 of 1,284,000 is 25 percent
    assert ("03-shipping-digest.txt", "date_changed") in found  # March 16, 2026 is a Monday
    assert ("03-shipping-digest.txt", "quote_altered") in found  # grow -> shrink
    assert not {f for f, _t in found} & {"00-port-authority.txt", "01-selwick-post.txt"}


def _write_story(folder: Path, reports: dict[str, str]) -> dict:
    folder.mkdir()
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    return _json(str(folder))


def _divergences(doc: dict) -> list[tuple[str, str, str]]:
    names = {a["id"]: Path(a["file"]).name for a in doc["articles"]}
    return [(names[d["article"]], d["type"], d["text"]) for d in doc["divergences"]]


BOARD_SOURCE = """Health Board Reports Hospital Figures

Source: Carrow Regional Health Board (carrowhealth.gov)
Published: 2026-05-13

CARROW — The Carrow Regional Health Board said Wednesday that 132,900 patients were treated at Merriton General
last year.

The board met its 2 percent goal for cutting waiting times, it said.
"""


def test_an_outlet_named_today_is_not_a_date(tmp_path: Path) -> None:
    report = """Hospitals in Carrow treated thousands, health board says

Source: HealthSec Today (healthsectoday.com)
Published: 2026-05-15

HealthSec Today has learned that 132,900 patients were treated at Merriton General last year, the Carrow
Regional Health Board said.

The board said the hospital met its 2 percent goal for cutting waiting times.
"""
    doc = _write_story(tmp_path / "board", {"00-board.txt": BOARD_SOURCE, "01-report.txt": report})
    assert _divergences(doc) == []


RAIL_SOURCE = """Health Board Opens Beds

Source: Carrow Regional Health Board (carrowhealth.gov)
Published: 2026-05-13

CARROW — The Carrow Regional Health Board announced on Wednesday that it will open 40 more beds at Merriton
General.
"""


@pytest.mark.parametrize("event", ["After Monday's derailment", "After the derailment on Monday"])
def test_a_date_of_another_event_is_not_the_statements_date(tmp_path: Path, event: str) -> None:
    report = f"""Health board adds beds after derailment

Source: Carrow Courier (carrowcourier.com)
Published: 2026-05-14

{event} near Fallow Junction, the Carrow Regional Health Board announced that it will open 40
more beds at Merriton General.
"""
    doc = _write_story(tmp_path / "rail", {"00-board.txt": RAIL_SOURCE, "01-report.txt": report})
    assert _divergences(doc) == []


def test_a_changed_day_of_the_same_event_is_still_found(tmp_path: Path) -> None:
    source = RAIL_SOURCE.replace("The Carrow", "Sunday's derailment near Fallow Junction injured 12 people. The Carrow")
    report = """Health board adds beds after derailment

Source: Carrow Courier (carrowcourier.com)
Published: 2026-05-14

Monday's derailment near Fallow Junction injured 12 people. The Carrow Regional Health Board announced that it
will open 40 more beds at Merriton General.
"""
    doc = _write_story(tmp_path / "rail", {"00-board.txt": source, "01-report.txt": report})
    assert ("01-report.txt", "date_changed", "Monday") in _divergences(doc)
