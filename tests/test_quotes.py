"""Quotes, speakers, indirect speech and attributions."""

from __future__ import annotations

import json
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from factdiff.analyse.names import same_person
from factdiff.analyse.people import find_people
from factdiff.analyse.quotes import find_attributions, find_quotes, match_quotes
from factdiff.analyse.text import split_sentences
from factdiff.model import Article, Attribution, Quote
from tests.shared_data import ROOT, SEED, STORIES, need


def analyse(text: str) -> tuple[list[Quote], list[Attribution]]:
    article = Article(text=text)
    sentences = split_sentences(text)
    people = find_people(article, sentences)
    return find_quotes(article, sentences, people), find_attributions(article, sentences, people)


def quotes(text: str, direct: bool = True) -> list[Quote]:
    found = [q for q in analyse(text)[0] if q.direct == direct]
    for q in found:
        assert text[q.quote_start : q.quote_end] == q.quote
        assert text[q.start : q.end] == q.text
    return found


# --- direct quotes and their speakers -------------------------------------------------------------


def test_cue_after_the_quote_with_title() -> None:
    text = '"We moved fast and we will keep moving," said FWS Acting Director Dana Whitlock.'
    (q,) = quotes(text)
    assert q.quote == "We moved fast and we will keep moving"
    assert (q.speaker, q.speaker_title, q.speaker_org, q.cue) == ("Dana Whitlock", "Acting Director", "FWS", "said")


def test_speaker_titles_beyond_a_word_list() -> None:
    text = (
        '"Every school will stay open," said Ana Ruiz, Director of Emergency Operations at the Port Authority.\n\n'
        "State Climatologist Dr. Rui Tavares disagreed.\n\n"
        '"The rain is not over," Tavares said.'
    )
    first, second = quotes(text)
    assert (first.speaker, first.speaker_title, first.speaker_org) == (
        "Ana Ruiz",
        "Director of Emergency Operations",
        "Port Authority",
    )
    assert (second.speaker, second.speaker_title) == ("Rui Tavares", "State Climatologist")


def test_surname_resolves_to_the_full_name() -> None:
    text = (
        "Tallow President and CEO Priya Ramanathan announced the sale on Monday.\n\n"
        '"This was the right price," Ramanathan said. "We waited for it."'
    )
    first, second = quotes(text)
    assert first.speaker == second.speaker == "Priya Ramanathan"
    assert first.speaker_title == "President and Chief Executive Officer"
    assert second.quote == "We waited for it"  # takes the speaker of the quote before it


def test_pronoun_and_colon_and_next_paragraph() -> None:
    text = (
        "Omar Haddad, an FWS executive associate director, spoke after the vote.\n\n"
        '"The numbers are clear," he said.\n\n'
        "Haddad continued:\n\n"
        '"We will publish every figure next week, county by county, as we promised."'
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Omar Haddad", "Omar Haddad"]
    assert found[0].speaker_title == "Executive Associate Director"


def test_partial_quote_inside_a_sentence() -> None:
    text = 'FWS Director Dana Whitlock said the agency expects the sweep to be "the first of many" this year.'
    partial = quotes(text)
    assert [(q.quote, q.speaker) for q in partial] == [("the first of many", "Dana Whitlock")]
    indirect = quotes(text, direct=False)
    assert indirect and indirect[0].quote.startswith("the agency expects the sweep")
    assert indirect[0].speaker == "Dana Whitlock"


def test_curly_and_single_and_doubled_marks() -> None:
    text = (
        "“It’s a long road,” said Ruth Okafor. ‘We’ll walk it anyway,’ Okafor added. "
        "''Nobody here is giving up,'' Okafor told reporters."
    )
    found = quotes(text)
    assert [q.quote for q in found] == ["It’s a long road", "We’ll walk it anyway", "Nobody here is giving up"]
    assert {q.speaker for q in found} == {"Ruth Okafor"}


def test_a_straight_mark_closed_by_two_single_marks() -> None:
    # Text converted from ``...'': the quote ends at the two marks, not at the paragraph's end.
    text = (
        "\"The water rose faster than anyone expected,'' Chief Ruth Okafor said. "
        "\"We say ''leave now'' and people listen,'' she added."
    )
    found = quotes(text)
    assert [q.quote for q in found] == [
        "The water rose faster than anyone expected",
        "We say ''leave now'' and people listen",
    ]
    assert found[0].speaker == "Ruth Okafor"


def test_british_single_quotes() -> None:
    text = (
        "Home Secretary Priti Okafor said: ‘We won’t accept this.’\n\n"
        "She added: ‘It’s the officers’ decision, not mine.’"
    )
    found = quotes(text)
    assert [(q.quote, q.speaker) for q in found] == [
        ("We won’t accept this", "Priti Okafor"),
        ("It’s the officers’ decision, not mine", "Priti Okafor"),
    ]


def test_apostrophes_are_not_quotes() -> None:
    assert quotes("Whitlock's team didn't say when the agents' report would come out.") == []


def test_scare_quotes_and_names_are_not_quotes() -> None:
    text = 'Agents finished what the agency called "Operation Safe Harbor" on Monday.'
    assert quotes(text) == []
    assert quotes('FWS announced Thursday that its "Operation Safe Harbor" made 500 arrests.') == []


def test_a_few_words_quoted_mid_sentence() -> None:
    text = 'FWS Director Dana Whitlock met the board.\n\nWhitlock accused the county of being "reckless" again.'
    assert [(q.quote, q.speaker) for q in quotes(text)] == [("reckless", "Dana Whitlock")]
    assert quotes('The so-called "sanctuary" towns refused again.') == []


def test_a_long_quote_mid_sentence_is_the_subjects() -> None:
    text = (
        "FWS Director Dana Whitlock met the board.\n\n"
        'In recent weeks, Whitlock has gone after the county as "a club that answers to no one at all."'
    )
    assert [q.speaker for q in quotes(text)] == ["Dana Whitlock"]


def test_a_quote_after_a_sentence_without_a_cue_is_its_subjects() -> None:
    text = (
        "FWS Director Dana Whitlock met the board.\n\n"
        'Later, Whitlock faulted the county for its slow repairs. "Every week of delay costs the town money."'
    )
    assert [q.speaker for q in quotes(text)] == ["Dana Whitlock"]


def test_a_quoted_title_before_does_not_stop_the_subject_speaking() -> None:
    text = (
        "FWS Director Dana Whitlock met the board.\n\n"
        'On "Morning Harbour Report," Whitlock faulted the county. "Every week of delay costs the town money."'
    )
    assert [q.speaker for q in quotes(text)] == ["Dana Whitlock"]


def test_a_dash_gives_the_quote_to_the_name_before_it() -> None:
    text = (
        "Many residents have said the same thing, including the retired teacher Ann Lee -- "
        '"It is a waste of the town\'s money" -- and the shop owner Tom Reed.'
    )
    assert [q.speaker for q in quotes(text)] == ["Ann Lee"]
    text = (
        "Mayor Tom Reed met Ann Lee on Monday.\n\n"
        'Reed said later that he had grown fond of Ann Lee -- "a neighbour who keeps her word," he said.'
    )
    assert [q.speaker for q in quotes(text)] == ["Tom Reed"]


def test_who_before_a_cue_stands_for_the_name_before_it() -> None:
    text = (
        "The opening drew Mayor Ann Lee, the novelist Tom Reed and the singer Mia Ortiz, who joked of the hall, "
        '"I have not seen the inside yet."'
    )
    assert [q.speaker for q in quotes(text)] == ["Mia Ortiz"]


def test_a_clause_before_a_cue_is_not_a_speaker_phrase() -> None:
    text = (
        "The Harbour Board said on Monday it would review the plan.\n\n"
        'The council is defending the plan. It’s denouncing what it calls "a campaign of lies."'
    )
    article = Article(text=text)
    sentences = split_sentences(text)
    (m,) = [m for m in match_quotes(article, sentences, find_people(article, sentences)) if m.direct]
    assert m.speaker_text == "it"


def test_a_few_words_quoted_are_an_honorific_subjects() -> None:
    text = 'Mr. Okafor waved the report away as "a fairy tale" at the meeting.'
    assert [q.speaker for q in quotes(text)] == ["Okafor"]


def test_the_object_of_a_cue_after_a_quote_is_not_its_speaker() -> None:
    text = (
        "Council member Ann Lee met port director Tom Reed.\n\n"
        'Lee has used the phrase "a plain waste" often, and criticized Reed for it.'
    )
    assert [q.speaker for q in quotes(text)] == ["Ann Lee"]
    assert [q.speaker for q in quotes('"Who pays for it?" asked council member Ann Lee.')] == ["Ann Lee"]


def test_a_name_that_is_also_a_title_word_before_an_apposition_is_the_subject() -> None:
    text = (
        "Port director Tom Reed spoke first.\n\n"
        'Dean, a retired judge, waved the plan away at the hearing, saying "it will never be built."'
    )
    assert [q.speaker for q in quotes(text)] == ["Dean"]


def test_long_quote_without_a_cue_is_kept() -> None:
    text = '"Every single one of these cases was reviewed twice before anyone was arrested."'
    (q,) = quotes(text)
    assert q.speaker is None


def test_machine_translated_quote_split_by_its_cue() -> None:
    text = (
        "«Cities of refuge protect the criminals from the law – said the head of FWS Dana Whitlock. – "
        "As a result, we must send more officers»."
    )
    first, second = quotes(text)
    assert first.quote == "Cities of refuge protect the criminals from the law"
    assert second.quote == "As a result, we must send more officers"
    for q in (first, second):
        assert (q.speaker, q.speaker_title, q.speaker_org) == ("Dana Whitlock", "head of FWS", "FWS")


def test_machine_translated_cue_after_guillemets() -> None:
    text = (
        "«When the county refuses our requests, it protects criminal foreigners», — declared head of FWS "
        "Daniel Whitlock, who occupies the post of acting director."
    )
    (q,) = quotes(text)
    assert q.speaker == "Daniel Whitlock"
    assert q.speaker_title == "Acting Director"
    assert q.cue == "declared"


def test_transcript_turns() -> None:
    text = '"HOST: Are you running again?\n\n"OKAFOR: I have not decided, and I will not decide this week.'
    found = quotes(text)
    assert [(q.quote[:10], q.speaker) for q in found] == [("Are you ru", "HOST"), ("I have not", "OKAFOR")]


def test_dash_signature() -> None:
    text = "“He never answered a single question about the budget.” ― Maria Lintz"
    (q,) = quotes(text)
    assert q.speaker == "Maria Lintz"


# --- indirect speech and attributions ---------------------------------------------------------------


def test_indirect_speech_forms() -> None:
    text = (
        "Workers will receive 26 weeks of severance pay, the company said.\n\n"
        "Tallow said Tuesday that it will close the plant by June.\n\n"
        "The plant opened in 1987, according to the county.\n\n"
        "Chief Executive Priya Ramanathan called the closure the hardest call of her career."
    )
    found = quotes(text, direct=False)
    assert [(q.quote, q.speaker) for q in found] == [
        ("Workers will receive 26 weeks of severance pay", "company"),
        ("it will close the plant by June", "Tallow"),
        ("The plant opened in 1987", "county"),
        ("called the closure the hardest call of her career", "Priya Ramanathan"),
    ]
    sources = [a.source for a in analyse(text)[1]]
    assert sources == ["company", "Tallow", "county", "Priya Ramanathan"]


def test_indirect_speech_subjects() -> None:
    text = (
        "For his part, Mr. Okafor said he planned to stay on.\n\n"
        "Tallow's chief spokesman says the plant will close in June.\n\n"
        "But to prevent delays, she said, the county should hire more inspectors.\n\n"
        "The Commission on Fair Elections says turnout rose in every county.\n\n"
        "Members met on Friday, shortly after Lintz said he finally believes the count was right."
    )
    found = quotes(text, direct=False)
    assert [(q.quote, q.speaker) for q in found] == [
        ("he planned to stay on", "Okafor"),
        ("the plant will close in June", "Tallow's chief spokesman"),
        ("But to prevent delays, she said, the county should hire more inspectors", None),  # not Mr. Okafor
        ("turnout rose in every county", "Commission on Fair Elections"),
        ("he finally believes the count was right", "Lintz"),
    ]


def test_negated_and_verbless_are_not_indirect_speech() -> None:
    text = "The agency did not say where the arrests took place. Most said nothing at all about it."
    assert quotes(text, direct=False) == []


def test_attribution_without_reported_words() -> None:
    found, attributions = analyse("FWS said in a statement on Thursday.")
    assert found == []
    assert [(a.source, a.cue, a.text) for a in attributions] == [("FWS", "said", "FWS said")]


def test_machine_translated_attribution() -> None:
    _, attributions = analyse("Agents detained 120 people. About it reports a press-Department service.")
    assert [(a.source, a.text) for a in attributions] == [
        ("press-Department service", "About it reports a press-Department service")
    ]
    _, attributions = analyse("Agents detained 120 people. About this informs the press service of the agency.")
    assert attributions[0].source == "press service of the agency"


# --- invariants ---------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        '"We will be back," said Ruth Okafor.',
        "FWS Acting Director Dana Whitlock spoke.",
        "“It’s done”, she said",
        "«A – said the head of FWS Dana Whitlock. – B»",
        "Whitlock's agents didn't stop.",
        "'single",
        '"unclosed',
        "according to the county,",
        "the company said.",
        "\n\n",
        ":",
        " ",
        "''",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_spans_always_point_at_the_words(pieces: list[str]) -> None:
    text = " ".join(pieces)
    article = Article(text=text)
    sentences = split_sentences(text)
    people = find_people(article, sentences)
    for q in find_quotes(article, sentences, people):
        assert 0 <= q.start <= q.quote_start < q.quote_end <= len(text)
        assert q.start <= q.end <= len(text)
        assert text[q.quote_start : q.quote_end] == q.quote
    for a in find_attributions(article, sentences, people):
        assert text[a.start : a.end] == a.text
    assert match_quotes(article, sentences, people) == match_quotes(article, sentences, people)


# --- shared data: the seed and the stories --------------------------------------------------------------


def test_seed_quote_speaker_and_attribution() -> None:
    text = need(SEED).read_text(encoding="utf-8")
    found, attributions = analyse(text)
    refuge = [q for q in found if q.quote.startswith("States of refuge")]
    assert refuge
    assert (refuge[0].speaker, refuge[0].speaker_title, refuge[0].speaker_org) == ("Tom Homan", "head of ICE", "ICE")
    assert any("press" in a.source for a in attributions)


def _quote_facts() -> list[tuple[str, dict]]:
    facts = []
    for key in sorted(STORIES.glob("*/answers.json")):
        for article in json.loads(key.read_text(encoding="utf-8"))["articles"]:
            for fact in article["facts"]:
                if fact["slot"].startswith("quote_"):
                    facts.append((f"{key.parent.name}/{article['file']}", fact))
    return facts


def test_every_quote_of_the_stories() -> None:
    need(STORIES)
    facts = _quote_facts()
    assert len(facts) >= 30
    missed = []
    for file, fact in facts:
        text = (STORIES / file).read_text(encoding="utf-8")
        found = analyse(text)[0]
        direct = fact.get("direct", True)
        if not any(
            q.direct == direct
            and fact["surface"] in text[q.quote_start : q.quote_end + 1]
            and q.speaker
            and same_person(q.speaker, fact["person"])
            for q in found
        ):
            missed.append((file, fact["person"], fact["surface"][:40]))
    assert not missed


def test_benchmark_matching_can_fail(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The benchmark's scorer on a two-quote document: one quote right, one missed."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import quotes as bench  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "bench"))
    text = '"We are ready," said Ruth Okafor.\n\nShe later wrote that she was "not worried at all" about it.\n'
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    a, b = text.index('"We'), text.index('are ready,"') + len('are ready,"')
    c, d = text.index("said"), text.index("said") + 4
    e, f = text.index("Ruth"), text.index("Okafor") + 6
    g, h = text.index("she was"), text.index('at all"') + 7
    ann = [
        f"T1\tContent {a} {b}\t{text[a:b]}",
        f"T2\tCue {c} {d}\tsaid",
        f"T3\tSource {e} {f}\tRuth Okafor",
        "E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3",
        f"T4\tContent {g} {h}\t{text[g:h]}",
        "E2\tAttribution:T4 Content:T4",
    ]
    (tmp_path / "attributions" / "doc_ab12.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    (doc,) = bench.load(tmp_path)
    assert [text[u.span[0] : u.span[1]] for u in doc.direct] == ["We are ready", "not worried at all"]
    assert len(doc.indirect) == 0  # "she was" has fewer than three words outside the quote
    score = bench.Score()
    direct, _ = bench.factdiff_units(text)
    bench.score(doc, direct, doc.direct, score, "direct")
    assert score.tp == 2 and score.fp == 0 and score.fn == 0
    assert score.spk_n == 1 and score.spk_ok == 1
    empty = bench.Score()
    bench.score(doc, [], doc.direct, empty, "direct")
    assert empty.prf() == (0.0, 0.0, 0.0) and empty.fn == 2


def test_quotes_module_keeps_its_public_names() -> None:
    """The analysis and bench/quotes.py import these from factdiff.analyse.quotes, whichever module
    holds the code behind them."""
    from factdiff.analyse import quotes as module

    assert module.__all__ == ["QuoteMatch", "find_attributions", "find_quotes", "match_quotes"]
    assert all(callable(getattr(module, name)) for name in module.__all__)
    text = '"We will rebuild the bridge by May," Ruth Okafor said.'
    (m,) = module.match_quotes(Article(text=text), split_sentences(text), [])
    assert isinstance(m, module.QuoteMatch) and m.speaker == "Ruth Okafor" and m.cue == "said"


def test_a_quote_of_two_sentences_on_two_lines_is_one_quote() -> None:
    # Text rebuilt one sentence per line: the marks are at the two ends of the quotation.
    text = (
        '"The warship turned towards the boats and challenged them.\n'
        'While two of them got away, the crew boarded the other three, " said Captain Ravi Menon.'
    )
    (q,) = quotes(text)
    assert q.quote.startswith("The warship turned") and q.quote.endswith("boarded the other three")
    assert q.speaker == "Ravi Menon"


def test_a_quote_of_three_sentences_on_three_lines_is_one_quote() -> None:
    # The middle line has no mark; the last closes with two single marks (ECB+ style).
    text = (
        "The receiver released a statement through the team on Tuesday.\n"
        '"Yesterday I was stopped by an officer.\n'
        "I don't think any charges will be filed as a result of the stop.\n"
        "In the event they are, I look forward to clearing my name.''\n"
        "He set career highs this season."
    )
    (q,) = quotes(text)
    assert q.quote.startswith("Yesterday") and q.quote.endswith("clearing my name")
    assert "career highs" not in q.quote


def test_an_open_quote_runs_on_only_into_a_line_that_closes_it() -> None:
    # The third line opens a quote of its own: the first one's mark was left open, not run on.
    text = '"We will rebuild the pier.\nThe council met on Monday.\n"It approved the budget," the mayor said.'
    assert [q.quote for q in quotes(text)] == ["It approved the budget"]


def test_a_line_that_opens_its_own_quote_is_not_joined_to_the_one_above() -> None:
    text = '"We will rebuild the pier.\n"It will take a year," said Mayor Ana Ruiz.'
    found = quotes(text)
    assert [q.quote for q in found][-1] == "It will take a year"
