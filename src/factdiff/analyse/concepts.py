"""What a quantity is said of: one noun phrase per quantity, read from the sentence's syntax.

"The March wheat contract was up 7 cents" is said of "March wheat contract"; "It weighs about
4 kg" of nothing that the sentence names; "40 percent of her savings" of "savings".
The phrase comes from the part-of-speech tags of the shipped GUM tagger (:mod:`.tagger`), a few
rules over them, and, where those cannot settle it, the dependency heads of the shipped GUM arc
scorer (:mod:`.heads`), not from word lists:

1. an "of" complement right after the number and its unit (and a bracketed restatement) names the
   whole the number is a part of ("40 percent of her savings" -> "savings", "6 miles (10 km) of new
   cable" -> "new cable"), or after a count's noun what the counted things belong to ("five new
   seasons of the show" -> "show"); right after a bare count it is what the count counts ("two of
   the crew", "a third of those polled"), and a count is of what it counts: ``None``. A "from" phrase
   there names the whole as well, unless a verb of change tells the number ("shooting 47.6% from the
   field" -> "field"; in "rose 3% from the previous close" the phrase is where the figure started).
   A noun phrase right before "of" and the number names what the number is ("a speed of 12 knots"
   -> "speed"), unless it only says how much ("a total of 40"); a phrase of another preposition that
   the tree attaches to the noun phrase right before it names what the number is of ("new capacity
   above 40 gigawatts" -> "new capacity"; in "paid 5% in cash, up from 2%" the tree gives "from 2%"
   to the verb), or, where that phrase is a copula's predicate noun, the copula's subject ("Morro
   Bay is the home port for about 60 fishermen" -> "Morro Bay"); a sum followed by "in" and a
   phrase of common nouns is a sum of that ("$1 billion in gains"; not "in exchange for", whose
   noun has a preposition of its own); a difference or a multiple is said of what it is measured
   against ("10mph less than the top wind speeds", "four times the number"; not a time); a "for"
   phrase right after the figure says whom or what it is for ("one per cent for men", "6.7 inches
   for the mini, standard and Pro Max models", "paid $4,000 for tickets");
2. otherwise the subject of the verb nearest before the number: the noun phrase right before that
   verb's group ("the new line will carry 9,000 riders a day" -> "new line"), or, when no noun
   phrase stands there, the noun that the tree makes the verb's subject ("Exports in the first
   half of the year rose 4%" -> "Exports"); a relative pronoun
   hands over to the phrase before it ("Lakeside Mills, which employs 900 people" -> "Lakeside
   Mills"), and a participle without its own subject ("having grown by $2bn") to the verb before it.
   The verb's object right before the "by"/"to" that introduces the number is what changes, and
   comes before the subject ("It will widen the main road by 3 metres" -> "main road", "the brand
   was expected to grow sales by 35 per cent" -> "sales"; not a preposition's object: "easing
   against the yen to 108.79" is said of what eases);
3. a personal pronoun, or a clause without a subject, stands for the subject of an earlier verb of
   the sentence ("The harbour authority said it handled 12,000 containers" -> "harbour
   authority"); with none, the sentence names nothing: ``None``;
4. with no verb before the number, the nearest noun phrase before it in its clause ("Cooper Mills up
   2 per cent"), or ``None`` when the number opens its clause;
5. but a measure (a number with a unit) is always of something: where steps 2-4 name nothing, it
   is said of the first noun phrase of the sentence before it ("The new kiln is small, but it can
   reach 1,200 C" -> "new kiln"; a phrase after it is a new topic); a count with nothing named is
   of what it counts, and stays ``None``.

Determiners and possessives are left out of the phrase ("the main road" -> "main road"); an
apposition between a subject and its verb is stepped over ("The ferry, the oldest in the fleet,
carried 240 passengers" -> "ferry"); a phrase headed by a noun of time ("last week") says when, not
what, and is never the answer; nor is a phrase headed by a noun that only says how much ("a
total of 40", "an average of 20": the total of what is named elsewhere, if at all).
"""

from __future__ import annotations

from functools import lru_cache

from factdiff.analyse.heads import MAX_TOKENS, heads_of
from factdiff.analyse.quantities import _DIRECTION_VERBS
from factdiff.analyse.tagger import _chunks, tag_spans
from factdiff.analyse.units import unit_after
from factdiff.lexicon import known

_CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "(", ")", '"', "“", "”"})
_VERBAL = frozenset({"VERB", "AUX"})
_VERB_GROUP = frozenset({"VERB", "AUX", "ADV", "PART"})
_RELATIVES = frozenset({"which", "who", "that", "whose"})
_PERSONAL = frozenset({"PRON"})
_CHANGE_PREPS = frozenset({"by", "to"})
_LEAD_TAGS = frozenset({"DET", "PRON"})
_OF_WINDOW = 4  # tokens after the number that may stand before "of" ("per cent", "square feet")

Token = tuple[int, int, str, str]
Chunk = tuple[int, int, int, int]  # start, end, first token, last token


def said_of(text: str, start: int, end: int, sentence: tuple[int, int], measure: bool = False) -> str | None:
    """The noun phrase that the quantity at ``text[start:end]`` is said of, within ``sentence``
    (its start and end offsets), or None when the sentence names none (see the module doc).

    ``measure``: the quantity has a unit, so nouns right after it in its phrase are what it
    measures ("a 40 mm steel cable" -> "steel cable"); after a count they are what it counts.
    """
    return reading(text, start, end, sentence, measure)[0]


def reading(
    text: str, start: int, end: int, sentence: tuple[int, int], measure: bool = False
) -> tuple[str | None, str]:
    """What :func:`said_of` answers, with the name of the step of the module doc that gave it
    ("of_complement", "subject", ...; "none" when no token holds the quantity)."""
    tokens, chunks = _sentence(text, sentence[0], sentence[1])
    first = next((k for k, t in enumerate(tokens) if t[1] > start), None)
    if first is None:
        return None, "none"
    last = max((k for k, t in enumerate(tokens) if t[0] < end), default=first)
    before = _restated_number(tokens, first)
    if before is not None:
        # "a net worth of 1.356 billion ($1.762bn)": a bracketed restatement is said of what the
        # figure it restates is said of
        return reading(text, tokens[before][0], tokens[first - 2][1], sentence, measure)
    if measure:
        own = next((c for c in _untrimmed(tokens) if c[2] <= last < c[3]), None)
        if own is not None and _named(text[tokens[last + 1][0] : own[1]]) and not _temporal(tokens, own):
            return text[tokens[last + 1][0] : own[1]], "own_phrase"
        modified = _measure_modifies(tokens, first, last)
        if modified is not None:
            return text[tokens[last + 1][0] : tokens[modified][1]], "measure_modifies"
    after = _after_brackets(tokens, last)
    if first > 0 and tokens[first - 1][2] == "(" and after + 1 < len(tokens) and tokens[after + 1][2] == ")":
        after += 1  # "8 miles (13 km) of new cable": the restatement is said of what follows its bracket
    partitive = not measure and after + 1 < len(tokens) and tokens[after + 1][2].lower() == "of"
    if partitive:
        return None, "partitive"
    whole = _of_complement(tokens, chunks, after)
    if whole is not None:
        return _words(text, tokens, whole), "of_complement"
    standard = _compared_with(tokens, chunks, after)
    if standard is not None:
        return _words(text, tokens, standard), "compared_with"
    beneficiary = _for_phrase(tokens, chunks, after)
    if beneficiary is not None:
        return _words(text, tokens, beneficiary), "for_phrase"
    kind = _money_in(text, tokens, chunks, start, end, after)
    if kind is not None:
        return _words(text, tokens, kind), "money_in"
    source = _from_phrase(tokens, chunks, first, after)
    if source is not None:
        return _words(text, tokens, source), "from_phrase"
    named = _named_before(tokens, chunks, first)
    if named is not None:
        return _words(text, tokens, named), "named_before"
    if first > 0 and tokens[first - 1][2] == "(":
        first = _before_brackets(tokens, first - 1)  # "nine miles (14 km)": said of what the miles are
    modified = _noun_modified(tokens, chunks, first, last)
    if modified is not None:
        described = _copula_subject(tokens, chunks, modified)
        if described is not None:
            # "Morro Bay is the home port for about 60 fishermen": the predicate noun describes the
            # subject, which the number is said of
            return _words(text, tokens, described), "copula_subject"
        return _words(text, tokens, modified), "noun_modified"
    clause = _clause_start(tokens, first)
    verb = _verb_before(tokens, clause, first)
    gapped = _gapped_subject(text, tokens, chunks, first, verb) if verb is not None else None
    if gapped is not None:
        return gapped, "gapped"
    if verb is None:
        before = [c for c in chunks if c[3] < first and c[2] >= clause and tokens[c[3]][2].lower() not in _AMOUNT_HEADS]
        if before:
            return _words(text, tokens, before[-1]), "verbless"
        earlier = _earlier_subject(tokens, chunks, first) if clause > 0 else None
        if earlier is None:
            return (_first_named(text, tokens, chunks, first) if measure else None), "first_named"
        return _words(text, tokens, earlier), "earlier_subject"
    changed = _changed_object(tokens, chunks, verb, first)
    if changed is not None:
        return _words(text, tokens, changed), "changed_object"
    subject = _subject(tokens, chunks, verb)
    if subject is not None:
        return _words(text, tokens, subject), "subject"
    subject = _tree_subject(tokens, chunks, verb, first)
    if subject is not None:
        return _words(text, tokens, subject), "tree_subject"
    # "The harbour authority said it handled 12,000 containers", "The rand was steady, easing against
    # the euro to 19.9": a pronoun, or a clause without a subject, stands for an earlier subject.
    earlier = _earlier_subject(tokens, chunks, verb)
    if earlier is None:
        return (_first_named(text, tokens, chunks, first) if measure else None), "first_named"
    return _words(text, tokens, earlier), "earlier_subject"


def _measure_modifies(tokens: list[Token], first: int, last: int) -> int | None:
    """The last token of the noun phrase that a measure stands in front of, as its modifier, where the
    tagger split the measure from the phrase ("a 25% drop in", "12 C melting point"): the measure opens
    its sentence or follows a determiner or an adjective, and nouns follow it (a participle before them
    is a modifier too, "melting point"); None otherwise."""
    if first > 0 and tokens[first - 1][3] not in ("DET", "ADJ"):
        return None
    k = last + 1
    if k + 1 < len(tokens) and tokens[k][3] == "VERB" and tokens[k][2].endswith(("ing", "ed")):
        k += 1  # "a 12 C melting point"
    end = None
    while k < len(tokens) and tokens[k][3] in ("NOUN", "ADJ") and tokens[k][2][:1].isalpha():
        if tokens[k][3] == "NOUN":
            end = k
        k += 1
    return end


def _first_named(text: str, tokens: list[Token], chunks: list[Chunk], first: int) -> str | None:
    """What a measure is said of when nothing closer names it: the first noun phrase of the
    sentence before it, not a pronoun and not the measure's own phrase (step 5 of the module doc)."""
    own = next((c for c in _untrimmed(tokens) if c[2] <= first <= c[3]), None)
    for chunk in chunks:
        if own is not None and own[2] <= chunk[2] <= own[3]:
            continue
        if chunk[3] >= first:
            break  # a phrase after the measure is a new topic, not what the measure is of
        if tokens[chunk[3]][3] != "PRON":
            return _words(text, tokens, chunk)
    return None


@lru_cache(maxsize=512)
def _sentence(text: str, start: int, end: int) -> tuple[list[Token], list[Chunk]]:
    """The tagged tokens of a sentence as the rules read them, and its noun phrases without
    numbers, nouns of time and bare units. Cached: a sentence with several quantities is read once.
    Callers do not change the lists."""
    tokens = _modifiers_as_adjectives(_hyphen_compounds(tag_spans(text, start, end)))
    trimmed = (_trimmed(tokens, s, e, k) for s, e, k in _chunks(tokens))
    chunks = [c for c in trimmed if c is not None and not _temporal(tokens, c) and not _unit_only(text, tokens, c)]
    return tokens, chunks


_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "remains", "remained", "becomes", "became"})


def _copula_subject(tokens: list[Token], chunks: list[Chunk], chunk: Chunk) -> Chunk | None:
    """The subject of a copula whose predicate noun is ``chunk`` ("Morro Bay is the home port"), or
    None when ``chunk`` is no predicate noun."""
    k = chunk[2] - 1
    while k >= 0 and tokens[k][3] in ("DET", "ADV"):
        k -= 1
    if k < 1 or tokens[k][2].lower() not in _COPULAS:
        return None
    subject = next((c for c in chunks if c[3] == k - 1), None)
    if subject is None or tokens[subject[3]][3] == "PRON":
        return None
    return subject


def _tree_subject(tokens: list[Token], chunks: list[Chunk], verb: int, first: int) -> Chunk | None:
    """The subject of the verb group at ``verb`` by the dependency tree, when no noun phrase stands
    right before the group ("Profit for the three months to June fell 12%"): the nearest noun before
    the group that depends on one of its verbs and has no preposition of its own."""
    if len(tokens) > MAX_TOKENS:
        return None
    tree = heads_of(tuple(tokens))
    group = {k for k in range(verb, first) if tokens[k][3] in _VERBAL}
    heads = tree.heads(range(verb))
    for k in range(verb - 1, -1, -1):
        if heads[k] in group and tokens[k][3] in ("NOUN", "PROPN"):
            if any(heads[j] == k and tokens[j][3] == "ADP" for j in range(k)):
                continue  # "In the city, ...": a phrase with a preposition is no subject
            if 0 < k < len(tokens) - 1 and tokens[k - 1][2] == tokens[k + 1][2] == "," and tokens[k][2].islower():
                continue  # "The SUV, meanwhile, is": one lower-case word between commas is an aside
            return next((c for c in chunks if c[2] <= k <= c[3]), None)
    return None


def _noun_modified(tokens: list[Token], chunks: list[Chunk], first: int, last: int) -> Chunk | None:
    """The noun phrase that a prepositional phrase holding the quantity modifies, by the dependency
    tree: "new capacity above 40 gigawatts", "plans for over 300 homes". Only where a noun phrase
    stands right before the preposition (so the sentence is parsed only then); the tree decides
    whether the phrase belongs to that noun or to the verb ("paid 5% in cash, up from 2%")."""
    k = first - 1
    while k > 0 and tokens[k][3] in ("ADV", "ADJ", "DET") and tokens[k][2][:1].islower():
        k -= 1  # "over about 35", "of at least 74"
    if k < 1 or tokens[k][3] != "ADP" or not any(c[3] == k - 1 for c in chunks) or len(tokens) > MAX_TOKENS:
        return None
    if tokens[k][2].lower() in ("to", "from", "by") and _change_verb_before(tokens, k):
        return None  # "easing against the yen to 108.79": the level or change of a verb of change
    tree = heads_of(tuple(tokens))
    tree.heads([k, *range(first, min(len(tokens), last + 4))])  # at once: one look-up for all of them
    span = range(first, last + 1)
    node = next((j for j in span if tree.head(j) not in span), last)
    for _ in range(4):  # from the number to the noun it counts: "about 60 commercial fishermen"
        head = tree.head(node)
        if not (node < head <= node + 3 and tokens[head][3] in ("NOUN", "PROPN")):
            break
        node = head
    head = tree.head(node)
    if head < 0 or head >= k or tokens[head][3] not in ("NOUN", "PROPN") or tree.head(k) != node:
        return None
    if tokens[head][2].lower() in _AMOUNT_HEADS:
        return None
    return next((c for c in chunks if c[2] <= head <= c[3]), None)


# Nouns of time: a phrase they head ("last week", "20 June", "Monday") says when, not what.
_TIME_HEADS = frozenset(
    """
    day days week weeks month months year years decade decades century centuries hour hours minute minutes
    morning afternoon evening night today yesterday tomorrow quarter season monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september october
    november december
    """.split()
)
# Heads that only say how much ("a total of 40", "an average of 20"): the number is not said of them.
_AMOUNT_HEADS = frozenset("total average sum number amount maximum minimum range count figure level".split())


def _temporal(tokens: list[Token], chunk: Chunk) -> bool:
    return tokens[chunk[3]][2].lower() in _TIME_HEADS


def _unit_only(text: str, tokens: list[Token], chunk: Chunk) -> bool:
    """True for a phrase that is only a unit of measurement or a currency ("ksi", "inches", "shekels"):
    it says what another number is counted in, not what a quantity is said of."""
    if tokens[chunk[2]][3] == "DET":
        return False  # "the yen rose": a currency that is spoken of
    start = tokens[chunk[2]][0]
    unit = unit_after(text, start, chunk[1])
    return unit is not None and unit.end >= chunk[1]


def _named(words: str) -> bool:
    """True when ``words`` open with a word, not a number or a sign ("steel cable", not "3.7")."""
    return words[:1].isalpha()


def _after_brackets(tokens: list[Token], last: int) -> int:
    """The last token of a bracketed restatement right after ``last`` ("8 miles (13 km) of"), or ``last``."""
    if last + 1 < len(tokens) and tokens[last + 1][2] == "(":
        for k in range(last + 2, min(len(tokens), last + 10)):
            if tokens[k][2] == ")":
                return k
    return last


def _named_before(tokens: list[Token], chunks: list[Chunk], first: int) -> Chunk | None:
    """The noun phrase of "a speed of 15 mph", "the limit of 40 mg": a phrase right before "of"
    and the number, unless it only says how much ("a total of 40")."""
    k = first - 1
    if k < 1 or tokens[k][2].lower() != "of":
        return None
    chunk = next((c for c in chunks if c[3] == k - 1), None)
    if chunk is None or tokens[chunk[3]][2].lower() in _AMOUNT_HEADS:
        return None
    return chunk


_GAP_HEDGES = frozenset({"between", "by", "about", "around", "nearly", "almost", "some", "just"})


def _gapped_subject(text: str, tokens: list[Token], chunks: list[Chunk], first: int, verb: int) -> str | None:
    """The subject of a clause whose verb is left out after a first number: "Gold rose 2% and silver
    3%", "A fell by 1% and B and C by 2%": a noun phrase (or two joined by "and") right before the
    number, after an "and" or a comma that follows an earlier number of the same verb."""
    k = first - 1
    while k > verb and tokens[k][2].lower() in _GAP_HEDGES:
        k -= 1
    chunk = next((c for c in chunks if c[1] == tokens[k][1] and c[2] > verb), None)
    if chunk is None:
        return None
    start = chunk
    before = chunk[2] - 1
    if before - 1 > verb and tokens[before][2].lower() == "and":
        joined = next((c for c in chunks if c[1] == tokens[before - 1][1] and c[2] > verb), None)
        if joined is not None:
            start, before = joined, joined[2] - 1  # "fats and oils"
    if before <= verb or tokens[before][2].lower() not in ("and", ","):
        return None
    if not any(t[3] == "NUM" or t[2][:1].isdigit() for t in tokens[verb + 1 : before]):
        return None
    return _words(text, tokens, (start[0], chunk[1], start[2], k))


def _earlier_subject(tokens: list[Token], chunks: list[Chunk], verb: int) -> tuple | None:
    k = verb - 1
    while k > 0:
        earlier = _verb_before(tokens, 0, k)
        if earlier is None:
            return None
        subject = _subject(tokens, chunks, earlier)
        if subject is not None:
            return subject
        k = earlier - 1
    return None


def _untrimmed(tokens: list[Token]) -> list[Chunk]:
    return [(s, e, k, _last_index(tokens, e, k)) for s, e, k in _chunks(tokens)]


def _trimmed(tokens: list[Token], s: int, e: int, k: int) -> Chunk | None:
    """A noun phrase without its numbers and what comes before them ("2021", "7.5 ksi"): a number
    inside a phrase is a quantity of its own, not part of what another quantity is said of."""
    last = _last_index(tokens, e, k)
    nums = [
        j
        for j in range(k, last + 1)
        if (tokens[j][3] == "NUM" or tokens[j][2][:1].isdigit()) and not _hyphened_name(tokens, j)
    ]
    if not nums:
        return (s, e, k, last)
    if nums == [last] and last > k:
        if tokens[last - 1][3] in ("PROPN", "NOUN") and tokens[last - 1][2].isupper():
            return (s, e, k, last)  # a number in a name: "FTSE 100", "TA-90"
        if _hyphened_name(tokens, last):
            return (s, e, k, last)
        return (s, tokens[last - 1][1], k, last)  # "Ada Okafor 58": an age after a name
    after = nums[-1] + 1
    while after < last and tokens[after][2] in ("-", "–"):
        after += 1  # "three-point range" -> "point range"
    if after > last or tokens[last][3] not in ("NOUN", "PROPN"):
        return None
    return (tokens[after][0], e, after, last)


def _noun_before_verb(tokens: list[Token], k: int) -> bool:
    """True for a "verb" right before another verb that the lexicon knows only as a noun ("the trade
    deficit hit"): two verbs in a row, the first no verb at all."""
    word = tokens[k][2]
    if k + 1 >= len(tokens) or tokens[k + 1][3] not in _VERBAL or not (word.isalpha() and word.islower()):
        return False
    return not known(word, "v") and known(word, "n")


def _hyphened_name(tokens: list[Token], last: int) -> bool:
    """True for a number joined by a hyphen to a capitalised name before it ("TA-90", "Boeing 737-8"
    is not, "XR-7" is): the number is part of the name."""
    if last < 2 or tokens[last - 1][2] not in ("-", "–"):
        return False
    name = tokens[last - 2]
    return name[2][:1].isupper() and name[1] == tokens[last - 1][0] and tokens[last - 1][1] == tokens[last][0]


def _hyphen_compounds(tokens: list[Token]) -> list[Token]:
    """Words joined by hyphens without spaces ("loan-to-value", "state-of-the-art") as one token,
    tagged as their last word: the tokenizer splits them as GUM does, and a phrase must not end
    inside one. Parts that are numbers stay apart ("TA-90", "two-thirds" read as a quantity)."""
    if not any(t[2] in ("-", "–") for t in tokens):
        return tokens
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        j = k
        while (
            j + 2 < len(tokens)
            and tokens[j + 1][2] in ("-", "–")
            and tokens[j][1] == tokens[j + 1][0]
            and tokens[j + 1][1] == tokens[j + 2][0]
            and tokens[j][2].isalpha()
            and tokens[j + 2][2].isalpha()
            and tokens[j][3] != "NUM"
            and tokens[j + 2][3] != "NUM"
        ):
            j += 2
        if j > k:
            out.append((tokens[k][0], tokens[j][1], "".join(t[2] for t in tokens[k : j + 1]), tokens[j][3]))
        else:
            out.append(tokens[k])
        k = j + 1
    return out


def _modifiers_as_adjectives(tokens: list[Token]) -> list[Token]:
    """A verb form between a determiner or adjective and a noun modifies the noun ("the rising
    tide", "a revised estimate"; so is an adverb there, "a disorderly exit"): tag it as an adjective
    so it stays inside the noun phrase. A verb
    form that is a noun phrase of its own ("those polled", a gerund subject) is tagged a noun."""
    out = list(tokens)
    for k, (s, e, word, upos) in enumerate(out):
        # "The economy in 2019 grew by 2%": a lower-case "noun" that the lexicon knows only as a verb
        if upos == "NOUN" and word.isalpha() and word.islower() and not known(word, "n") and known(word, "v"):
            out[k] = (s, e, word, "VERB")
        elif upos == "VERB" and _noun_before_verb(out, k):
            out[k] = (s, e, word, "NOUN")  # "the trade deficit hit": a noun the tagger took for a verb
        elif upos == "X" and word.isalpha() and known(word, "n"):
            out[k] = (s, e, word, "NOUN")  # "the Japanese yen": a word the tagger left unclassed
    for k in range(1, len(out) - 1):
        if (
            out[k][3] in ("VERB", "ADV")
            and out[k - 1][3] in ("DET", "ADJ", "NUM")
            and out[k + 1][3] in ("NOUN", "PROPN")
        ):
            s, e, word, _ = out[k]
            out[k] = (s, e, word, "ADJ")
    for k in range(len(out) - 1):
        if _gerund_subject(out, k):
            s, e, word, _ = out[k]
            out[k] = (s, e, word, "NOUN")
    for k in range(1, len(out)):
        after = out[k + 1][3] if k + 1 < len(out) else "PUNCT"
        if out[k][3] == "VERB" and out[k - 1][2].lower() == "those" and after not in ("NOUN", "PROPN", "DET", "PRON"):
            s, e, word, _ = out[k]
            out[k] = (s, e, word, "NOUN")  # "those polled", "those affected": people named by a participle
    return out


def _gerund_subject(tokens: list[Token], k: int) -> bool:
    """True for a "verb" in "-ing" that is the subject of its clause ("In Royal Oak, sampling between
    2014 and 2017 came back at 4 ppb"): it opens the clause, a preposition follows it (not an object),
    the lexicon has it as a noun, and a finite verb follows later in the clause ("easing against the
    yen to 108.79" has none: a participle)."""
    word, upos = tokens[k][2].lower(), tokens[k][3]
    if upos != "VERB" or not word.endswith("ing") or not (k == 0 or tokens[k - 1][2] in _CLAUSE_MARKS):
        return False
    if tokens[k + 1][3] != "ADP" or not known(word, "n"):
        return False
    for j in range(k + 2, len(tokens)):
        if tokens[j][2] in _CLAUSE_MARKS:
            return False
        if tokens[j][3] in _VERBAL and not tokens[j][2].lower().endswith("ing"):
            return True
    return False


def _restated_number(tokens: list[Token], first: int) -> int | None:
    """The first token of the figure that a quantity opening a bracket restates ("1.356 billion" in
    "1.356 billion ($1.762bn)"): a number at most three tokens before the bracket, with only its
    unit or scale between; None when the bracket follows no figure."""
    if first < 2 or tokens[first - 1][2] != "(":
        return None
    for k in range(first - 2, max(-1, first - 5), -1):
        word, upos = tokens[k][2], tokens[k][3]
        if upos == "NUM" or word[:1].isdigit():
            while k > 0 and (tokens[k - 1][3] == "NUM" or tokens[k - 1][2] in _CURRENCY_SIGNS):
                k -= 1
            return k
        if upos not in ("NOUN", "PROPN", "SYM", "X") or word in _CLAUSE_MARKS:
            return None
    return None


def _before_brackets(tokens: list[Token], opening: int) -> int:
    """The index to read a bracketed restatement from: the token before its opening bracket, as if
    the restatement's number stood there."""
    return opening


def _last_index(tokens: list[Token], end: int, first: int) -> int:
    k = first
    while k + 1 < len(tokens) and tokens[k + 1][1] <= end:
        k += 1
    return k


def _words(text: str, tokens: list[Token], chunk: Chunk) -> str | None:
    """The chunk's text without its leading determiners and possessives."""
    k = chunk[2]
    while k < chunk[3] and tokens[k][3] in _LEAD_TAGS:
        k += 1
    if tokens[k][3] in _LEAD_TAGS:
        return None
    return text[tokens[k][0] : chunk[1]]


def _of_complement(tokens: list[Token], chunks: list[Chunk], last: int) -> tuple | None:
    """The phrase of an "of" right after the number and its unit, or after the counted noun phrase
    ("digital and physical sales of the film": nouns, adjectives and "and" go on past the window)."""
    k = last + 1
    while k < len(tokens):
        word, upos = tokens[k][2], tokens[k][3]
        if word.lower() == "of":
            return next((c for c in chunks if c[2] == k + 1), None)
        if upos in _VERBAL or word in _CLAUSE_MARKS or upos == "ADP":
            return None
        if k >= last + _OF_WINDOW and upos not in ("NOUN", "ADJ", "CCONJ"):
            return None
        k += 1
    return None


_COMPARATIVES = frozenset(
    "more less fewer higher lower bigger smaller larger greater longer shorter faster slower older younger".split()
)


def _compared_with(tokens: list[Token], chunks: list[Chunk], last: int) -> Chunk | None:
    """What a difference or a multiple is measured against: "10mph less than the top wind speeds",
    "four times the number from the year before"; not a time ("20% more than last year")."""
    k = last + 1
    if k + 1 < len(tokens) and tokens[k][2].lower() in _COMPARATIVES and tokens[k + 1][2].lower() == "than":
        k += 2
    elif not (tokens[last][2].lower() == "times" and k < len(tokens) and tokens[k][2].lower() == "the"):
        return None
    while k < len(tokens) and tokens[k][3] == "DET":
        k += 1
    return next((c for c in chunks if c[2] <= k <= c[3]), None)


def _for_phrase(tokens: list[Token], chunks: list[Chunk], last: int) -> Chunk | None:
    """Whom or what a figure is for, in a "for" phrase right after it ("one per cent for men", "6.7
    inches for the mini, standard and Pro Max models": a coordination whole; "paid $4,000 for
    tickets": what the sum was for)."""
    if last + 2 >= len(tokens) or tokens[last + 1][2].lower() != "for":
        return None
    k = last + 2
    while k < len(tokens) and tokens[k][3] == "DET":
        k += 1
    first = next((c for c in chunks if c[2] <= k <= c[3]), None)
    if first is None:
        return None
    end = first
    while True:
        j = end[3] + 1
        if j < len(tokens) and tokens[j][2] == ",":
            j += 1
        if j < len(tokens) and tokens[j][2].lower() in ("and", "or"):
            j += 1
        following = next((c for c in chunks if c[2] == j), None) if j > end[3] + 1 else None
        if following is None:
            break
        end = following
    return (first[0], end[1], first[2], end[3])


_CURRENCY_SIGNS = frozenset("$£€¥₹₩₪")
#: The last word of a compound preposition that opens with "in" ("in exchange for", "in line with").
_COMPOUND_PREPOSITION_ENDS = frozenset({"of", "for", "to", "with"})


def _money_in(text: str, tokens: list[Token], chunks: list[Chunk], start: int, end: int, last: int) -> Chunk | None:
    """What a sum is of, named in an "in" phrase right after it ("$1 billion in gains", "$2m in
    damages"): a phrase of common nouns, not a place or a time ("$5m in Texas", "$5m in May")."""
    if not _CURRENCY_SIGNS & set(text[start:end]) or last + 2 >= len(tokens) or tokens[last + 1][2] != "in":
        return None
    chunk = next((c for c in chunks if c[2] == last + 2), None)
    if chunk is None or tokens[chunk[3]][3] != "NOUN" or not tokens[chunk[3]][2][:1].islower():
        return None
    if chunk[3] + 1 < len(tokens) and tokens[chunk[3] + 1][2].lower() in _COMPOUND_PREPOSITION_ENDS:
        return None  # "in exchange for", "in the event of": a compound preposition, not what the sum is
    return chunk


def _from_phrase(tokens: list[Token], chunks: list[Chunk], first: int, last: int) -> Chunk | None:
    """The whole that a number is taken from, in a "from" phrase right after it ("shooting 47.6% from
    the field", "wiping $340 million from the company's value"), as in an "of" phrase; not after a
    verb of change, whose "from" phrase is where the figure started ("rose 3% from the previous close")."""
    k = last + 1
    if k + 1 >= len(tokens) or tokens[k][2].lower() != "from":
        return None
    if _change_verb_before(tokens, first):
        return None
    return _chunk_at(tokens, chunks, k + 1)


def _chunk_at(tokens: list[Token], chunks: list[Chunk], j: int) -> Chunk | None:
    """The noun phrase that starts at token ``j``, also where a number hyphened to the next word
    opens it ("from three-point range": the phrases leave numbers out, the answer keeps the word)."""
    hyphened = j + 2 < len(tokens) and tokens[j + 1][2] in ("-", "–") and tokens[j][1] == tokens[j + 1][0]
    if hyphened and (tokens[j][3] == "NUM" or tokens[j][2][:1].isdigit()):
        chunk = next((c for c in chunks if c[2] == j + 2), None)
        return None if chunk is None else (tokens[j][0], chunk[1], j, chunk[3])
    return next((c for c in chunks if c[2] == j), None)


def _change_verb_before(tokens: list[Token], k: int) -> bool:
    """True when the nearest verb before token ``k`` in its clause is a verb of change ("rose", "easing")."""
    j = k - 1
    while j >= 0 and tokens[j][3] not in _VERBAL and tokens[j][2] not in _CLAUSE_MARKS:
        j -= 1
    return j >= 0 and tokens[j][2].lower() in _DIRECTION_VERBS


def _clause_start(tokens: list[Token], first: int) -> int:
    k = first - 1
    while k >= 0 and tokens[k][2] not in _CLAUSE_MARKS:
        k -= 1
    return k + 1


def _verb_before(tokens: list[Token], clause: int, first: int) -> int | None:
    """The first token of the verb group nearest before ``first``; a participle opening its group
    ("having grown") defers to the verb group before it, if the clause has one."""
    k = first - 1
    found: int | None = None
    while k >= clause:
        if tokens[k][3] in _VERBAL:
            while k - 1 >= clause and tokens[k - 1][3] in _VERB_GROUP:
                k -= 1
            while tokens[k][3] not in _VERBAL:  # the group starts at its first verb, not at an adverb
                k += 1
            found = k
            head = tokens[k][2].lower()
            participle = head.endswith("ing") and k > clause and tokens[k - 1][3] not in _LEAD_TAGS
            if participle and not _has_subject(tokens, k):
                k -= 1
                continue  # a participle: look for the finite verb before it
            return k
        k -= 1
    return found


def _has_subject(tokens: list[Token], k: int) -> bool:
    """True when a noun (not one of time) stands right before the participle at ``k``: "people earning
    $900 a week" says the number of the people, not of the clause before."""
    word, upos = tokens[k - 1][2], tokens[k - 1][3]
    if upos not in ("NOUN", "PROPN") or word.lower() in _TIME_HEADS:
        return False
    # ... unless that noun ends the object of a finite verb with its own subject ("Hosmer entered
    # Sunday's game averaging 15.9 degrees": Hosmer averages)
    j = k - 1
    while j > 0 and tokens[j - 1][3] in ("NOUN", "PROPN", "ADJ", "DET", "PART", "NUM"):
        j -= 1
    before = j - 1
    return not (before > 0 and tokens[before][3] == "VERB" and tokens[before - 1][3] in ("PROPN", "PRON"))


def _subject(tokens: list[Token], chunks: list[Chunk], verb: int) -> tuple | None:
    """The noun phrase ending right before the verb group at ``verb``; through a relative pronoun and
    a comma to the phrase it stands for."""
    k = verb - 1
    while k > 0 and tokens[k][3] == "ADV":
        k -= 1  # "The council also said"
    if k >= 0 and tokens[k][2].lower() in _RELATIVES:
        k -= 1
        while k >= 0 and tokens[k][2] in _CLAUSE_MARKS:
            if tokens[k][2] == ")":  # "Acme (ACM), which has 900 staff": the name before its code
                k = next((j for j in range(k - 1, max(-1, k - 8), -1) if tokens[j][2] == "("), k)
            k -= 1
    elif k > 0 and tokens[k][2] == ")":
        # "Acme (ACM) has 900 staff": the subject before a bracketed code or aside
        k = next((j - 1 for j in range(k - 1, max(-1, k - 8), -1) if tokens[j][2] == "("), k)
    elif k > 0 and tokens[k][2] == ",":
        # "The ferry, the oldest in the fleet, carried 240": the subject before an apposition
        opening = next((j for j in range(k - 1, max(-1, k - 12), -1) if tokens[j][2] == ","), None)
        if opening is not None and not any(_finite(tokens, j) for j in range(opening + 1, k)):
            k = opening - 1
    head = _before_modifier(tokens, chunks, k)
    if head is not None:
        return head
    for chunk in chunks:
        if chunk[3] == k and tokens[chunk[3]][3] != "PRON":
            return chunk
    return None


def _before_modifier(tokens: list[Token], chunks: list[Chunk], k: int) -> Chunk | None:
    """The noun phrase before a prepositional modifier ending at ``k`` whose object is a number or a
    pronoun ("the economy in 2019 grew", "the voltage across it was"): the modifier says where or
    when, the phrase before it is the subject."""
    if k < 2 or not (tokens[k][3] in ("NUM", "PRON") or tokens[k][2][:1].isdigit()):
        return None
    if tokens[k - 1][3] != "ADP" or tokens[k - 1][2].lower() == "of":
        return None
    return next((c for c in chunks if c[3] == k - 2 and tokens[c[3]][3] != "PRON"), None)


def _finite(tokens: list[Token], j: int) -> bool:
    """True for a verb that is not a participle modifying the noun after it ("the worst performing
    sector", "a newly listed firm"): an apposition holds no verb of its own."""
    if tokens[j][3] not in _VERBAL:
        return False
    word = tokens[j][2].lower()
    modifier = word.endswith(("ing", "ed")) and j + 1 < len(tokens) and tokens[j + 1][3] in ("NOUN", "PROPN")
    return not modifier


def _changed_object(tokens: list[Token], chunks: list[Chunk], verb: int, first: int) -> tuple | None:
    """The verb's object right before the "by"/"to" right before the number; not the object of a
    preposition ("easing against the yen to 108.79" is said of what eases)."""
    k = first - 1
    while k > verb and tokens[k][3] in ("ADV", "ADJ") and tokens[k][2][:1].islower():
        k -= 1  # "by about 3 metres"
    if k <= verb or tokens[k][2].lower() not in _CHANGE_PREPS:
        return None
    chunk = next((c for c in chunks if c[3] == k - 1 and c[2] > verb), None)
    if chunk is None or tokens[chunk[2] - 1][3] == "ADP":
        return None
    return chunk
