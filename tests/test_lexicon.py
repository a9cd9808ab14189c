"""The OEWN lexical table and its API (factdiff.lexicon), against the shipped table."""

from __future__ import annotations

import gzip
import importlib.util
import itertools
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import pytest

from factdiff import gazetteer, lexicon

ROOT = Path(__file__).resolve().parent.parent
OEWN = ROOT.parent / "shared" / "data" / "oewn"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("people", "person"),
        ("children", "child"),
        ("men", "man"),
        ("countries", "country"),
        ("arrested", "arrest"),
        ("detained", "detain"),
        ("injuries", "injury"),
        ("died", "die"),
        ("dying", "dying"),  # a noun of its own in OEWN ("the act of dying"): nouns come first
        ("women", "woman"),
        ("policemen", "policeman"),
        ("went", "go"),
        ("shot", "shot"),
        ("wives", "wife"),
        ("crises", "crisis"),
        ("stopped", "stop"),
        ("carried", "carry"),
        ("Houses", "house"),
        ("troops", "troop"),
        ("species", "species"),  # a noun of its own, not the plural of "specie"
        ("news", "news"),
        ("police officers", "police officer"),
        ("U.S. customers", "u.s. customer"),
        ("residents'", "resident"),
        ("xyzzies", "xyzzies"),  # unknown: lower-cased, not cut
        ("Blorfed", "blorfed"),
        ("", ""),
    ],
)
def test_lemma(word: str, expected: str) -> None:
    assert lexicon.lemma(word) == expected


def test_lemma_by_part_of_speech() -> None:
    assert lexicon.lemma("arrests", "n") == "arrest"
    assert lexicon.lemma("arrests", "v") == "arrest"
    assert lexicon.lemma("leaves", "n") == "leaf"
    assert lexicon.lemma("leaves", "v") == "leave"
    assert lexicon.lemma("dying", "v") == "die"
    assert lexicon.lemma("shot", "v") == "shoot"
    assert lexicon.lemma("jobs") == "job"  # Steve Jobs is a capitalised lemma, not the plural's meaning


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Americans", "consumers", "kin"),
        ("pirates", "residents", "kin"),
        ("students", "children", "kin"),
        ("troops", "soldiers", "kin"),  # troops: "military personnel", a group counted by its persons
        ("police", "officers", "kin"),
        ("women", "people", "hyponym"),
        ("families", "people", "different"),
        ("households", "people", "different"),
        ("companies", "people", "different"),
        ("days", "years", "different"),
        ("arms", "weapons", "same"),
        ("cars", "vehicles", "hyponym"),
        ("U.S. customers", "people", "hyponym"),
        ("immigrants", "people", "hyponym"),
        ("people", "immigrants", "hypernym"),
        ("countries", "counties", "different"),
        ("people", "accounts", "different"),
        ("days", "executives", "different"),
        ("cities", "towns", "different"),
        # OEWN keeps them apart: arrest is "apprehend, collar, nab", detain is "confine".
        ("detained", "arrested", "different"),
        ("arrests", "arrested", "derived"),
        ("arrests", "apprehended", "derived"),  # the verb arrest is "apprehend, arrest, collar, nab"
        ("detentions", "detained", "derived"),
        ("detainees", "detained", "derived"),
        ("deaths", "died", "derived"),
        ("wounded", "injured", "derived"),  # the wounded (a noun) / injured: wound and injure share a sense
        ("wounded", "injuries", "different"),  # persons and the injuries they have are counted apart
        ("votes", "voters", "different"),  # the doer and the act are counted apart
        # Named for one doing: populate / inhabit "be an inhabitant of", reside "live in a place".
        ("population", "residents", "derived"),
        ("population", "inhabitants", "derived"),
        ("employers", "employees", "kin"),  # one verb's doer and undergoer
        ("pirates", "suspects", "kin"),
        # A fatality is "a death resulting from an accident or a disaster": a kind of death.
        ("deaths", "fatalities", "hypernym"),
        ("fatalities", "deaths", "hyponym"),
        # "a job in an organization" is a sense of position under job.
        ("jobs", "positions", "hypernym"),
        ("homes", "houses", "hypernym"),
        ("stores", "shops", "same"),
        ("arrests", "arrest", "same"),
        ("acres", "acre", "same"),
        ("acres", "hectares", "different"),
        # Units share a sense now and then ("a short time"; the nautical mile) but never a count.
        ("minutes", "seconds", "different"),
        ("miles", "nautical miles", "different"),
        ("km", "kilometres", "same"),
        ("metres", "meters", "same"),
        ("feet", "metres", "different"),
        # A trailing participle or parenthesis is not the head noun.
        ("people arrested", "people", "same"),
        ("homes damaged", "homes", "same"),
        ("crew members (rescued)", "sailors", "kin"),
        ("police officers", "officers", "same"),
        ("xyzzies", "xyzzies", "same"),
        ("xyzzies", "people", "different"),
    ],
)
def test_relation(a: str, b: str, expected: str) -> None:
    assert lexicon.relation(a, b) == expected


_MIRROR = {"same": "same", "derived": "derived", "hyponym": "hypernym", "hypernym": "hyponym", "kin": "kin"}


def test_relation_is_its_own_mirror() -> None:
    """relation(b, a) is relation(a, b) seen from the other side: over neighbouring lemmas of the
    table, and over lemmas with a word of their first sense's hypernym."""
    t = lexicon.table()
    members = lexicon._members()
    words = [w for w in t.word_list[::97] if w.isalpha()][:600]
    pairs = list(itertools.pairwise(words))
    for word in words:
        nouns = t.entries[t.word_id(word)].split("|")[0].split()
        ups = t.synsets[int(nouns[0])].split("|")[1].split() if nouns and "|" in t.synsets[int(nouns[0])] else []
        pairs += [(word, members[int(up)][0]) for up in ups[:1]]
    assert len(pairs) > 800
    pairs += [("costs", "reimbursement"), ("courtesy", "civility"), ("immigrants", "people")]
    for a, b in pairs:
        assert lexicon.relation(b, a) == _MIRROR.get(lexicon.relation(a, b), "different"), (a, b)


def test_similarity_follows_relation() -> None:
    assert lexicon.similarity("stores", "shops") == 1.0
    assert lexicon.similarity("countries", "counties") == 0.0
    assert 0.0 < lexicon.similarity("Americans", "consumers") < lexicon.similarity("immigrants", "people") < 1.0
    assert set(lexicon.SIMILARITY) == set(lexicon.RELATIONS)


def test_noun_classes() -> None:
    assert "person" in lexicon.noun_classes("customers")
    assert "location" in lexicon.noun_classes("countries")
    assert "time" in lexicon.noun_classes("days")
    assert lexicon.primary_class("executives") == "person"
    assert lexicon.primary_class("arrests") == "act"
    assert lexicon.noun_classes("xyzzy") == frozenset()
    assert lexicon.primary_class("arrested") is None  # a verb form, not a noun


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("people", True),
        ("residents", True),
        ("Americans", True),
        ("victims", True),
        ("U.S. customers", True),
        ("Tuesday", False),
        ("accounts", False),
        ("days", False),
        ("xyzzy", False),
    ],
)
def test_is_person_noun(word: str, expected: bool) -> None:
    assert lexicon.is_person_noun(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("day", True),
        ("days", True),
        ("week", True),
        ("hours", True),
        ("years", True),
        ("month", True),
        ("decades", True),
        ("Tuesday", False),
        ("people", False),
        ("cars", False),
        ("childhood", False),
    ],
)
def test_is_time_unit(word: str, expected: bool) -> None:
    assert lexicon.is_time_unit(word) is expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Portland", "city"),
        ("Seattle", "city"),
        ("Oregon", "state"),
        ("Somalia", "country"),
        ("Africa", "continent"),
        ("New York", "state"),
        ("Tuesday", None),
        ("Smith", None),
        ("portland", None),
    ],
)
def test_place_names(name: str, kind: str | None) -> None:
    assert gazetteer.place_kind(name) == kind
    assert lexicon.is_place_name(name) is (kind is not None)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("miles", True),
        ("acres", True),
        ("dollars", True),
        ("seconds", True),
        ("tonnes", True),
        ("feet", True),
        ("people", False),
        ("percent", False),
        ("species", False),
        ("xyzzy", False),
    ],
)
def test_is_unit(word: str, expected: bool) -> None:
    assert lexicon.is_unit(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("sen", True), ("kobo", True), ("taka", True), ("dollar", True), ("yen", False), ("cup", False), ("try", False)],
)
def test_is_monetary_unit(word: str, expected: bool) -> None:
    assert lexicon.is_monetary_unit(word) is expected  # by the first sense: "yen" is first a yearning


def test_not_place_names() -> None:
    assert lexicon.is_place_name("Greece")  # one of the few places OEWN has as a proper noun
    assert not lexicon.is_place_name("Tuesday")
    assert not lexicon.is_place_name("portland")  # not capitalised: not a name
    assert not lexicon.is_place_name("")


def test_derived_and_synonyms() -> None:
    assert "detention" in lexicon.derived("detained")
    assert "arrester" in lexicon.derived("arrests")
    assert "shop" in lexicon.synonyms("stores")
    assert lexicon.synonyms("xyzzy") == frozenset()
    assert lexicon.pertainyms("economic") == {"economy", "economics"}
    assert lexicon.pertainyms("presidential") == {"president"}


def test_threads_read_the_same_answers() -> None:
    pairs = [("Americans", "consumers"), ("countries", "counties"), ("immigrants", "people")] * 50
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda p: lexicon.relation(*p), pairs))
    assert answers == [lexicon.relation(*p) for p in pairs]


def test_table_carries_its_source_and_credit() -> None:
    t = lexicon.table()
    assert t.commit and len(t.stamp) == 64
    assert "person" in t.classes and "time" in t.classes
    credit = resources.files("factdiff").joinpath("data", "OEWN-LICENSE.txt").read_text(encoding="utf-8")
    assert "Open English WordNet" in credit and t.commit in credit
    assert "Princeton University" in credit and "Creative Commons Attribution 4.0" in credit


def _build_script():
    spec = importlib.util.spec_from_file_location("build_lexicon", ROOT / "scripts" / "build_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_lexicon", module)
    spec.loader.exec_module(module)
    return module


_ENTRIES = """\
arrest:
  n:
    sense:
    - derivation:
      - 'arrest%2:35:00::'
      id: 'arrest%1:04:00::'
      synset: 00000010-n
  v:
    sense:
    - id: 'arrest%2:35:00::'
      synset: 00000020-v
guard:
  n:
    form:
    - guardz
    sense:
    - id: 'guard%1:18:00::'
      synset: 00000002-n
Guard:
  n:
    sense:
    - id: 'guard%1:15:00::'
      synset: 00000003-n
person:
  n:
    sense:
    - id: 'person%1:03:00::'
      synset: 00000001-n
policial:
  a:
    sense:
    - id: 'policial%3:01:00::'
      pertainym:
      - 'guard%1:18:00::'
      synset: 00000030-a
"""
_SYNSETS = {
    "noun.Tops": "00000001-n:\n  members:\n  - person\n  partOfSpeech: n\n",
    "noun.person": "00000002-n:\n  hypernym:\n  - 00000001-n\n  members:\n  - guard\n  partOfSpeech: n\n",
    "noun.location": "00000003-n:\n  instance_hypernym:\n  - 00000001-n\n  members:\n  - Guard\n  partOfSpeech: n\n",
    "noun.act": "00000010-n:\n  members:\n  - arrest\n  partOfSpeech: n\n",
    "verb.social": "00000020-v:\n  members:\n  - arrest\n  partOfSpeech: v\n",
}


def _tiny_oewn(folder: Path) -> Path:
    """A five-lemma OEWN source in the real layout, to build from without the real one."""
    folder.mkdir()
    (folder / "entries-a.yaml.gz").write_bytes(gzip.compress(_ENTRIES.encode()))
    for name, text in _SYNSETS.items():
        (folder / f"{name}.yaml.gz").write_bytes(gzip.compress(text.encode()))
    (folder / "COMMIT").write_text("test/oewn 0000000\n", encoding="utf-8")
    (folder / "LICENSE.md").write_text("OEWN licence text\n", encoding="utf-8")
    (folder / "WNDB_License.txt").write_text("WordNet licence text\n", encoding="utf-8")
    return folder


def test_build_script_writes_a_table_the_lexicon_reads(tmp_path: Path) -> None:
    pytest.importorskip("yaml", reason="building the table needs PyYAML")
    build = _build_script()
    source = _tiny_oewn(tmp_path / "oewn")
    out = tmp_path / "out" / lexicon.TABLE_FILE
    assert build.main(["--data", str(source), "--out", str(out)]) == 0
    first = out.read_bytes()
    assert build.main(["--data", str(source), "--out", str(out)]) == 0
    assert out.read_bytes() == first  # reproducible byte for byte

    t = lexicon.read_table(out)
    assert t.commit == "test/oewn 0000000" and t.stamp == build.source_stamp(source)
    assert t.word_list == sorted(t.word_list) == ["arrest", "guard", "person", "policial"]
    line = dict(zip(t.word_list, t.entries, strict=True))

    def classes(field: str) -> list[str]:
        return [t.classes[int(t.synsets[int(i)].split("|")[0])] for i in field.split()]

    guard = line["guard"].split("|")
    # "guard" (lower case, noun.person) first, "Guard" (capitalised, an instance) after, counted.
    assert classes(guard[0]) == ["person", "location"] and guard[4] == "1"
    arrest = line["arrest"].split("|")
    assert classes(arrest[0]) == ["act"] and classes(arrest[1]) == ["verb.social"]
    # Hypernym and instance-hypernym links are kept apart: guard -> person, Guard (instance) -> person.
    person = line["person"].split("|")[0]
    sentry, place = (int(i) for i in guard[0].split())
    assert t.synsets[sentry].split("|")[1:] == [person]
    assert t.synsets[place].split("|")[1:] == ["", person]
    assert t.word_list[int(line["policial"].split("|")[3])] == "guard"
    assert t.forms["guardz"] == "nguard"
    credit = (out.parent / "OEWN-LICENSE.txt").read_text(encoding="utf-8")
    assert "test/oewn 0000000" in credit and "OEWN licence text" in credit and "WordNet licence text" in credit


def test_a_bad_table_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / lexicon.TABLE_FILE
    bad.write_bytes(b"not gzip")
    with pytest.raises(RuntimeError, match="not a readable lexicon table"):
        lexicon.read_table(bad)


@pytest.mark.skipif(not OEWN.is_dir(), reason="the OEWN source (../shared/data/oewn) is not here")
def test_shipped_table_is_what_the_build_script_makes_from_the_source() -> None:
    """The stamp hashes the source and the build script: a changed either needs a rebuild."""
    build = _build_script()
    shipped = lexicon.table()
    assert shipped.stamp == build.source_stamp(OEWN), "rebuild with scripts/build_lexicon.py"
    assert shipped.commit == (OEWN / "COMMIT").read_text(encoding="utf-8").strip()
    assert lexicon.FORMAT == build.FORMAT
    assert build.DEFAULT_OUT.name == lexicon.TABLE_FILE


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("countries", "cities", True),
        ("machine guns", "automatic rifles", True),
        ("homes", "buildings", True),
        ("pirates", "suspects", True),
        ("countries", "fishing boats", False),
        ("days", "executives", False),
        ("rifles", "grenades", False),
        ("accounts", "people", False),
    ],
)
def test_comparable_kinds(a: str, b: str, expected: bool) -> None:
    assert lexicon.comparable_kinds(a, b) is expected
    assert lexicon.comparable_kinds(b, a) is expected


def test_comparable_kinds_of_an_unknown_noun_is_unknown() -> None:
    assert lexicon.comparable_kinds("zorblaxes", "people") is None


def test_other_names_of_a_place_and_the_words_they_are_not() -> None:
    assert gazetteer.fold("Thessaloníki") == "thessaloniki"
    assert gazetteer.main_name("Bombay") == gazetteer.main_name("Mumbai") == "mumbai"
    assert gazetteer.same_place_name("Leningrad", "Saint Petersburg")
    assert not gazetteer.same_place_name("Paris", "London")
    # an other name that is an English word is read as the word, never as the city
    words = [alias for alias in gazetteer._aliases() if lexicon.known(alias)]
    assert words and all(gazetteer.main_name(w) == w for w in words[:50])
