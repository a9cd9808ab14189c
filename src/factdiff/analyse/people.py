"""People, their titles and organisations: "ICE Acting Director Tom Homan" -> Tom Homan, Acting
Director, ICE.

News names a person in a few fixed shapes, so this is a small grammar of precompiled patterns
rather than a tagger:

- a title before the name: "[ORG] TITLE NAME" ("Pruitt County Emergency Management Coordinator
  Marisol Teague", "the head of ICE Tom Homan"), also in lower case after an article or a possessive,
  with a field after it ("Northline's vice president of safety, Gareth Olsson");
- an apposition after the name: "NAME, [a|the] [ORG('s)] TITLE [of ORG]," ("Matthew Albence, an ICE
  executive associate director,"; "Thomas Homan, who occupies the post of acting director");
- a name as the subject or object of a speech verb ("Ada Okafor told", "said Helen Marchetti").

A title is not limited to a word list. Its head is a listed title word or a role noun known by its
ending ("Epidemiologist", "Librarian", "Superintendent", "Spokesperson"; words that only look like
one, "-ment" words and given names are left out, and a lone "-er"/"-or"/"-ant"/"-ent" word before a
name, which is as often a surname, needs a modifier or field word with it). Before the head come
modifiers ("Acting", "Deputy", "Interim", "Senior", "Vice") and field words, listed or known by
their ending ("Chief Financial Officer", "Emergency Operations"). Capitalised words before a title
belong to it when they start with a modifier or a common adjective ("State Health Commissioner",
"Civil Protection Minister", "Superior Court Judge", "Deputy Fire Chief"), and are its organisation
when they are a name, an acronym, a place, a party or a portfolio ("Ostrava County", "FWS",
"Labor"). After the head, "of" + a field stays in the title and the organisation follows it: "Ana
Ruiz, Director of Emergency Operations at the Port Authority".

An apposition wins over a title before the name: in "head of ICE Thomas Homan, who occupies the
post of acting director" the apposition gives the real title. Titles are kept in one casing
("Executive Associate Director", with "CEO" spelt out) so that reports can be compared; "head of
ORG" stays as written, since it describes a post rather than naming one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from factdiff.analyse.names import canonical_name, gender_of, given_names, name_parts
from factdiff.analyse.text import plain_spaces, sentence_of
from factdiff.model import Article, Person

__all__ = [
    "NAME",
    "TITLE_HEADS",
    "find_people",
    "lower_same_length",
    "normalise_title",
    "person_name",
    "resolve_name",
    "word_alternation",
]


def word_alternation(words: list[str] | frozenset[str] | set[str]) -> str:
    """A regex alternation of ``words`` factored into a trie ("sa(?:id|ys)"), which Python's
    regex engine rejects at the first letter instead of trying every word at every position."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = []
        optional = False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            branches.append(re.escape(ch) + render(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        if optional:
            body = (body if body.startswith("(?:") else "(?:" + body + ")") + "?"
        return body

    return render(trie)


# --- vocabulary -----------------------------------------------------------------------------------

#: Words that make the head of a title (lower-case; multi-word heads first so they win).
_HEADS = sorted(
    """
    chief executive officer|chief executive|chief operating officer|chief financial officer|chief of staff
    lieutenant governor|lt. gov.|vice president|vice chair|vice chairman|attorney general|secretary of state
    press secretary|prime minister|executive director|managing director|director general|secretary general
    secretary-general|council member|campaign manager|campaign chairman|spokesman|spokeswoman|spokesperson
    president-elect|president|director|ceo|cfo|coo|cto|chairman|chairwoman|chairperson|chair|commissioner|coordinator
    secretary|minister|governor|gov.|senator|sen.|representative|rep.|congressman|congresswoman|mayor
    coach|master|manager|administrator|attorney|judge|justice|sheriff|superintendent|chief|head|leader|adviser|advisor
    analyst|professor|prof.|economist|strategist|pollster|founder|co-founder|cofounder|owner|official|officer
    deputy|lawyer|counsel|aide|ambassador|envoy|general|gen.|colonel|col.|captain|capt.|lieutenant|lt.
    sergeant|sgt.|detective|inspector|agent|correspondent|reporter|editor|host|anchor|nominee|candidate
    premier|chancellor|speaker|whip|treasurer|auditor|comptroller|controller|clerk|councilman|councilwoman
    councilor|councillor|alderman|trustee|partner|dean|provost|researcher|scientist|fellow|physician|surgeon
    economist|historian|mogul|billionaire|activist|organizer|organiser|commander|marshal|prosecutor
    """.replace("\n", "|").split("|"),
    key=len,
    reverse=True,
)
_HEADS = [h.strip() for h in _HEADS if h.strip()]
#: Words that modify a title head ("Acting Director", "executive associate director").
_MODIFIERS = """
acting|interim|deputy|associate|assistant|executive|senior|vice|chief|special|principal|general|former|then
longtime|long-time|top|head|regional|national|state|federal|district|field|press|public|campaign|managing|lead
founding|elected|incoming|outgoing|co|joint|first|second|third|staff|policy|political|legal|medical|foreign
""".replace("\n", "|").strip("|")
#: Function words inside a title ("Emergency Management Coordinator", "Public Health Director"), and
#: the public services that name a post rather than an organisation ("Fire Chief", "Incident Commander",
#: "Parole Officer"); a portfolio ("Labor", "Interior") is the organisation and is not here.
_DOMAINS = """
emergency management|emergency services|public safety|public health|public affairs|public information
homeland security|national security|communications|operations|enforcement and removal operations
finance|policy|media relations|human resources|information|security|research|strategy|marketing|sales
health|data|science|product|risk|revenue|people|digital|child welfare|engineering|nursing|planning|housing
safety|compliance|stability|trade|industry|defence|defense|education|environment|energy|transport|justice|customs
fire|police|incident|harbor|harbour|port|airport|schools|parks|parole|probation|tax
transit|traffic|aviation|election|elections|homicide|narcotics|juvenile|water|sanitation|border
sporting|technical|creative|artistic|editorial|athletic|athletics|academic|scientific|musical|commercial
""".replace("\n", "|").strip("|")
#: A word that names a field of work by its ending ("Financial", "Operating", "Technology",
#: "Protection", "Management", "Safety", "Emergency"): "Chief Financial Officer", "Civil Protection Minister".


def _ending(endings: str) -> str:
    """A check that the word just matched ends in one of ``endings`` ("al|ing"): lookbehinds, so that
    a possessive word pattern never backtracks into the word to try each ending."""
    by_width: dict[int, list[str]] = {}
    for e in endings.split("|"):
        by_width.setdefault(len(e), []).append(e)
    # a lookbehind per width (its alternatives must be as wide as each other)
    return "(?:" + "|".join(f"(?<={'|'.join(group)})" for _, group in sorted(by_width.items())) + ")"


#: Words with the ending of a field that name an institution instead.
_NOT_FIELDS = (
    "county university society party union commission administration association corporation foundation"
    " institution federation organisation organization coalition station nation region congregation"
    " department government parliament"
).split()
_FIELD = (
    rf"(?-i:(?=[A-Za-z]{{5}})(?!(?i:{word_alternation(_NOT_FIELDS)})(?![\w-]))"
    rf"[A-Za-z][a-z]{{4,}}+{_ending('al|ics|ing|ion|ions|ment|ety|ity|cy|gy|ance|ence|ure')})"
)
#: Words with the ending of a role noun that are not one ("Labor", "Center", "After", "Current").
_NOT_ROLES = frozenset(
    """
    after other over under never ever however whether together rather neither either later earlier latter letter
    better number water winter summer center centre chapter tower power order border corner matter paper river
    silver super major minor interior exterior error mirror color colour labor labour honor honour favor favour
    humor humour floor door tumor sector factor motor vector meter metre filter shelter theater theatre cancer
    fever clever fewer lower upper inner outer proper sober tender twitter uber monster computer printer poster
    newspaper cluster register ledger mister sister brother mother father daughter leather feather weather rubber dinner
    butter wonder thunder ember december november october september former latter sooner wider
    superior inferior prior senior junior
    important significant restaurant plant giant want grant elephant relevant pregnant vibrant brilliant distant
    constant instant abundant elegant tolerant arrogant vacant recent current different present urgent
    independent apparent efficient ancient prominent permanent excellent frequent violent silent patent talent
    parent client event percent content intent extent accent incident accident advent continent orient
    exist insist persist consist assist resist baptist methodist
    libertarian authoritarian humanitarian totalitarian sectarian vegetarian egalitarian
    bulgarian hungarian rotarian gibraltarian victorian ecuadorian salvadorian gregorian
    tyler spencer hunter parker carter walker taylor connor trevor victor hector oliver chandler grant brent
    vincent laurent clement kent trent dorian florian
    """.split()
) | frozenset(n for n in given_names() if re.search("(?:ist|ician|arian|orian|odian|edian|er|or|ant|ent|person)$", n))
#: A role noun by its ending ("Epidemiologist", "Librarian", "Superintendent", "Commissioner",
#: "Spokesperson"), capitalised; words that only look like one are left out, and so is every "-ment".
_ROLE_ENDINGS = "ist|ician|arian|orian|odian|edian|er|or|ant|ent|person"
#: Endings that surnames and given names rarely have ("Epidemiologist", "Librarian", "Spokesperson");
#: a role noun in -er, -or, -ant or -ent ("Superintendent", "Developer") may also be a name ("Chandler",
#: "Grant"), so before a name it needs a modifier or field word before it ("Regional Superintendent").
_SAFE_ENDINGS = "ist|ician|arian|orian|odian|edian|person"
_NOT_ROLE = rf"(?!(?i:{word_alternation(_NOT_ROLES)})(?![\w-]))"
_MORPH = rf"(?-i:(?=[A-Z][a-z]{{4}}){_NOT_ROLE}[A-Z][a-z]{{4,}}+{_ending(_ROLE_ENDINGS)}(?<!ment))"
#: Any role noun by its ending in any case, for appositions ("Ana Ruiz, a county librarian,").
_MORPH_LOW = rf"(?-i:(?=[a-z]{{6}}){_NOT_ROLE}[a-z]{{5,}}+{_ending(_ROLE_ENDINGS)}(?<!ment))"
_MORPH_ANY = rf"(?i:(?=[a-z]{{6}}){_NOT_ROLE}[a-z]{{5,}}+{_ending(_ROLE_ENDINGS)}(?<!ment))"
#: Field words before a head: capitalised before a name ("Chief Financial Officer Tom Lee"), any case in
#: an apposition ("the company's chief financial officer").
#: Capitalised, the endings that given names and surnames share ("Laurence", "Florence", "Sterling") are left out.
_FIELD_CAP = _FIELD.replace("(?=[A-Za-z]{5})", "(?=[A-Z][a-z]{4})").replace("|ing|", "|").replace("|ance|ence", "")

#: Capitalised words that start a sentence or a phrase and are never a name or an organisation.
_STOP = frozenset(
    """
    The A An In On At As By For From Of To And But Or If When While After Before During Since Until With
    Without This That These Those It Its He She They We You I His Her Their Our Your My There Here Then
    Also Yet So Still Even However Meanwhile According Last Next Earlier Later Now Today Yesterday Tomorrow
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr
    Some Many Most All Both Each Every Several Few No Not One Two Three Four Five Six Seven Eight Nine Ten
    Operation Share Recall Remind About Said Says Told Asked What Who Why How Where Which Whose
    Under Over Against Between Among Through Despite Unlike Including Within Behind Beyond
    """.split()
)
#: Words that mark a capitalised phrase as an organisation or a place, not a person.
_ORG_WORDS = frozenset(
    """
    County City State States Department Dept Office Service Services Agency Administration Bureau
    Council Committee Commission Court Police Party Inc Corp Co Company Corporation Group News Post
    Times Journal University College School Institute Foundation Association Center Centre Union
    Congress Senate House Ministry Government Republic Kingdom Industries Bank Fund Board Authority
    Enforcement Immigration Customs Security Army Navy Force Forces Guard Campaign Forum Assembly Act
    Report Heel Caucus Conference America American Americans Democrats Republicans Democratic Republican
    Street Road River Avenue Airport Hospital Church Club Network Press Daily Weekly Wire Tribune Review
    Register Sentinel Dispatch Courier Today Watch Radio Television TV Management Development Workforce
    Affairs Relations Operations Services Health Safety
    """.split()
)

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOW = "a-zß-öø-ÿā-ž"
#: A capitalised word, with the inner capitals of "McCaskill", "DuVernay", "O'Neill".
_CAP = rf"(?:O['’])?[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:[-'’][{_UP}]?[{_LOW}]+)*"
_INITIAL = rf"[{_UP}]\."
_PARTICLE = r"(?:(?:van|von|de|del|da|di|la|le|bin)[ \t]+)"
#: A middle initial written without its full stop ("Christina N Luis"), before another capital.
_BARE_INITIAL = rf"[{_UP}](?=[ \t]+[{_UP}])"
_ACRONYM = rf"[{_UP}]{{2,6}}s?"
#: A person's name: a capitalised word, then up to three more words, initials or particles.
NAME = (
    rf"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Del|Supt)\.[ \t\u00a0]+)?(?:{_INITIAL}\s?)*{_CAP}"
    rf"(?:[ \t]+(?:{_INITIAL}|{_BARE_INITIAL}|{_PARTICLE}?(?:Mc|Mac|O['’])?{_CAP})){{0,3}}"
    rf"(?:,?[ \t]+(?:Jr\.|Sr\.|II|III|IV))?"
)
#: Organisation words before a title: acronyms and capitalised words ("ICE", "Pruitt County").
_ORGWORD = rf"(?:{_ACRONYM}|{_CAP}|[{_UP}]\.(?:[{_UP}]\.)+)"
_ORG = rf"{_ORGWORD}(?:[ \t]+(?:&[ \t]+|and[ \t]+|of[ \t]+(?:the[ \t]+)?)?{_ORGWORD}){{0,4}}?"
# Trie-shaped alternations (see word_alternation): the title grammar is tried at many places.
_HEAD = word_alternation(_HEADS).replace("\\ ", "[ \\t]+")
_MODIFIER_SET = frozenset(_MODIFIERS.split("|"))
_MOD = word_alternation(_MODIFIERS.split("|")).replace("\\ ", "[ \\t]+")
_DOMAIN = word_alternation(_DOMAINS.split("|")).replace("\\ ", "[ \\t]+")


def _title_pattern(field: str, morph: str) -> str:
    """A title: modifiers and field words, a head (from the list, or a role noun by its ending), and a
    second one after "and" ("President and Chief Executive Officer")."""
    # A role noun by its ending is the head only when no listed head follows ("Labor Commissioner");
    # "Inspector General", "Surgeon General": a head with "general" after it.
    head = rf"(?:{_HEAD}|{morph}(?![\w-])(?![ \t]+(?i:{_HEAD})(?![\w-])))(?![\w-])(?:[ \t]+general(?![\w-]))?"
    core = rf"(?:(?:{_MOD}|{_DOMAIN}|{field})[ \t]+){{0,4}}{head}"
    return rf"(?i:{core}(?:[ \t]*(?:,[ \t]*)?(?:and|&)[ \t]+{core})?)"


_TITLE = _title_pattern(_FIELD_CAP, _MORPH)
_FIELD_LOW = _FIELD.replace("(?=[A-Za-z]{5})", "(?=[a-z]{5})").replace("[A-Za-z][a-z]{4,}", "[a-z]{5,}")
_TITLE_ANY = _title_pattern(f"(?:{_FIELD_CAP}|{_FIELD_LOW})", _MORPH_ANY)
_AND_RE = re.compile(r"(?:[ \t]+|[ \t]*,[ \t]*)(?:and|&)[ \t]+")
_SAFE_END_RE = re.compile(rf"(?:{_SAFE_ENDINGS})$")


def _bare_role(title: str) -> bool:
    """A title of one word that is a role noun only by an ending that names share ("Chandler", "Grant"):
    not a title before a name, where a modifier or field word must come with it ("Regional Superintendent")."""
    low = title.lower().rstrip(".")
    return " " not in low and low not in _HEAD_WORDS and not _SAFE_END_RE.search(low)


_POSS = r"['’]s"
#: One word of a title ("Acting", "Director", "Management"): not the first word of a name.
_TITLE_WORD = re.compile(
    "(?i:"
    + "|".join(
        sorted(
            {
                w
                for group in (_HEADS, _MODIFIERS.split("|"), _DOMAINS.split("|"))
                for phrase in group
                for w in phrase.split()
            },
            key=len,
            reverse=True,
        )
    )
    + ")"
)

#: A field of work in lower case after a title: "director of emergency operations".
_FIELD_WORDS = rf"(?-i:(?:{_FIELD}|{_DOMAIN})(?:[ \t]+(?:and[ \t]+)?(?:{_FIELD}|{_DOMAIN})){{0,2}})"
#: An organisation named by a common noun after "the": "a spokesperson for the ministry".
_THE_NOUN = r"(?<=the )(?-i:[a-z]{3,})"
#: A name has no title head among its first words: in "Deputy Fire Chief Hal Ortiz" the name is not
#: "Fire Chief Hal Ortiz" but "Hal Ortiz".
#: Abbreviated titles ("Sen.", "Lt. Gov.") may start a name.
_UNDOTTED_HEAD = word_alternation([h for h in _HEADS if "." not in h])
_NO_HEAD_AHEAD = rf"(?!(?:[\w.'’-]+[ \t]+){{0,2}}(?i:{_UNDOTTED_HEAD})(?![\w.-]))"
#: A title in lower case before a name, after an article or a possessive: "the state epidemiologist Rui
#: Tavares", "Ostwick's sporting director, Callum Reith" (capitalised words alone would be a name).
_AFTER_DETERMINER = r"(?=[a-z])(?:(?<=\b[Tt]he )|(?<=\b[Aa]n )|(?<=\b[Aa] )|(?<=['’]s ))"
_TITLE_LOW = (
    rf"(?-i:(?:(?:{_MOD}|{_DOMAIN}|{_FIELD_LOW})[ \t]+){{0,4}}"
    rf"(?:{_HEAD}|{_MORPH_LOW}(?![\w-])(?![ \t]+{_HEAD}(?![\w-])))(?![\w-])(?:[ \t]+general(?![\w-]))?)"
)
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|an?)|['’]s)[ \t]+(?:[a-z-]+[ \t]+){0,3}$", re.IGNORECASE)


def _determiner_before(text: str, pos: int) -> bool:
    """An article or a possessive among the few words before ``pos``."""
    return _DETERMINER_BEFORE.search(text, max(0, pos - 50), pos) is not None


def _before_pattern(title: str) -> re.Pattern[str]:
    """ "[ORG] TITLE NAME", "TITLE of ORG NAME" and "TITLE of FIELD NAME" ("vice president of safety")."""
    return re.compile(
        rf"(?<![\w'’])(?:(?P<org>{_ORG})(?P<poss>{_POSS})?[ \t]+)??(?P<title>{title})"
        rf"(?:[ \t]+(?P<of>of|for|at)[ \t]+"
        rf"(?:(?P<offield>(?<!at )(?=[a-z]){_FIELD_WORDS})|(?:the[ \t]+)?(?P<oforg>{_ORG})))?"
        rf"(?:,[ \t]*)?[ \t]+(?P<name>{_NO_HEAD_AHEAD}{NAME})(?![\w'’-])"
    )


_BEFORE = _before_pattern(_TITLE)
_BEFORE_LOW = _before_pattern(f"{_AFTER_DETERMINER}{_TITLE_LOW}")
#: "NAME, [who is|who occupies the post of] [a|an|the] [ORG('s)] TITLE [of ORG]" closed by punctuation.
_AFTER = re.compile(
    rf"(?<![\w'’-])(?P<name>{NAME}),[ \t]+(?:who[ \t]+(?:is|was|occupies|holds|serves[ \t]+as|served[ \t]+as)[ \t]+)?"
    rf"(?:(?i:the)[ \t]+(?:post|position|office|role)[ \t]+of[ \t]+)?"
    rf"(?:(?i:a|an|the)[ \t]+)?(?:(?P<mods>(?i:{_MOD}[ \t]+)+))?"
    rf"(?:(?P<org>{_ORG}|(?i:the[ \t]+)?[a-z]+)(?P<poss>{_POSS})?[ \t]+)??"
    rf"(?P<title>{_TITLE_ANY})"
    rf"(?:[ \t]+(?P<of>of|for|at|with)[ \t]+(?:the[ \t]+)?(?P<oforg>{_ORG}|{_FIELD_WORDS}|{_THE_NOUN}))?"
    rf"(?:[ \t]+(?P<of2>of|for|at|with)[ \t]+(?:the[ \t]+)?(?P<oforg2>{_ORG}|{_THE_NOUN}))?"
    rf"(?=[ \t]*(?:[,.;:)—–]|$))",
    re.MULTILINE,
)
#: "ORG's NAME" ("ICE's Matthew Albence").
_POSSESSED = re.compile(rf"(?<![\w'’])(?P<org>{_ACRONYM}|{_CAP}){_POSS}[ \t]+(?P<name>{NAME})(?![\w'’-])")
_SPEECH = (
    r"said|says|told|added|asked|noted|explained|declared|stated|wrote|warned|argued|insisted|acknowledged"
    r"|announced|claimed|continued|replied|responded|recalled|urged|predicted|tweeted|believes|thinks"
)
_SPEECH_ALT = word_alternation(_SPEECH.split("|"))
#: A name next to a speech verb: "Ada Okafor told", "said Helen Marchetti".
_SPEAKS = re.compile(
    rf"(?<![\w'’])(?:(?P<before>{NAME})[ \t]+(?:(?:also|then|later|has|had|previously)[ \t]+)?{_SPEECH_ALT}\b"
    rf"|\b{_SPEECH_ALT}[ \t]+(?P<after>{NAME})(?![\w'’-]))"
)

_SMALL_WORDS = frozenset({"and", "of", "the", "for", "at", "on", "in", "to", "with"})
_ACRONYM_TITLES = {
    "ceo": "Chief Executive Officer",
    "cfo": "Chief Financial Officer",
    "coo": "Chief Operating Officer",
    "cto": "Chief Technology Officer",
    "gov.": "Governor",
    "sen.": "Senator",
    "rep.": "Representative",
    "prof.": "Professor",
    "gen.": "General",
    "col.": "Colonel",
    "capt.": "Captain",
    "lt.": "Lieutenant",
    "sgt.": "Sergeant",
}


def normalise_title(title: str) -> str:
    """One casing for titles: "executive associate director" -> "Executive Associate Director",
    "President and CEO" -> "President and Chief Executive Officer"; "head of ICE" stays as written."""
    words = title.replace("&", "and").split()
    if words and words[0].lower() == "head" and (len(words) == 1 or words[1].lower() in ("of", "for", "at")):
        return " ".join(["head", *words[1:]])
    out: list[str] = []
    for i, word in enumerate(words):
        low = word.lower().rstrip(",")
        if low in _ACRONYM_TITLES:
            out.append(_ACRONYM_TITLES[low])
        elif low in _SMALL_WORDS and i > 0:
            out.append(low)
        elif word.isupper() and len(word) > 1:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in low.split("-")))
    return " ".join(out)


def _clean_name(name: str) -> str | None:
    """The name without trailing possessive or stop words, or None when it is not a person's name."""
    words = name.replace("’", "'").split()
    while words and _TITLE_WORD.fullmatch(words[0]):
        words.pop(0)
    while words and (words[-1] in _STOP or words[-1].rstrip(",") in _STOP):
        words.pop()
    while words and words[0] in _STOP:
        words.pop(0)
    if not words:
        return None
    if any(w.strip(",.") in _ORG_WORDS for w in words):
        return None
    if words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    if len(words) > 1 and re.fullmatch(r"[A-Z]\.", words[-1]):
        return None  # cut short ("Robert C." before a nickname in quotes)
    return " ".join(words)


_NAME_RE = re.compile(NAME)


def lower_same_length(text: str) -> str:
    """``text`` lower-cased with every offset kept ("İ".lower() is two characters; it stays as is)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


@lru_cache(maxsize=8192)
def person_name(text: str) -> str | None:
    """``text`` as a person's name ("Tom Homan", "Homan"), or None when it is not one
    ("The New York Times", "Operation Safe City", "During")."""
    name = _clean_name(text)
    if not name or not _NAME_RE.fullmatch(name):
        return None
    return name


def _strip_org(org: str | None) -> str | None:
    if not org:
        return None
    org = re.sub(r"^(?i:the)\s+", "", org.strip())
    org = re.sub(r"['’]s$", "", org)
    if not org or org in _STOP:
        return None
    return org


#: Anchors: each pattern runs only in a window around a word it cannot match without, so that the
#: long patterns are tried at a few places per article rather than at every character.
_HEAD_WORDS = frozenset(w.rstrip(".") for h in _HEADS for w in h.split())
#: The head words of titles in lower case ("minister", "president", "spokeswoman"): what a
#: description of a person may end in ("the minister", "the former president").
TITLE_HEADS = frozenset(h.lower() for h in _HEADS if h.isalpha())
_SPEECH_WORDS = frozenset(_SPEECH.split("|"))
#: A listed head or speech verb, or a word with the ending of a role noun (see _MORPH), in lower-cased text.
_ANCHOR_RE = re.compile(
    rf"(?<![a-z])(?:{word_alternation(_HEAD_WORDS | _SPEECH_WORDS)}(?![a-z])"
    rf"|[a-z]{{5,}}+{_ending(_ROLE_ENDINGS)}(?<!ment)(?![a-z-]))"
)
#: What follows a title before a name: a capital, or "of"/"for"/"at"/"and" and more title.
_NAME_NEXT = re.compile(rf"\.?,?[ \t]+(?:[{_UP}]|(?:of|for|at|and|&)[ \t])")
_CAPITAL_NEXT = re.compile(rf",?[ \t]+[{_UP}]")
#: A title in lower case with its field and then a name: "vice president of safety, Gareth Olsson".
_FIELD_NEXT = re.compile(rf"[ \t]+(?:of|for)[ \t]+{_FIELD_WORDS},?[ \t]+[{_UP}]")
_POSS_RE = re.compile(r"['’]s[ \t]")
#: Window sizes in characters around an anchor (the longest organisation + title before a
#: name, or name + apposition, seen in news is well inside these).
_BACK, _AHEAD = 120, 90
#: A title before a name: the organisation and title words before the head word, the name after
#: it ("Pruitt County Emergency Management Coordinator Marisol Teague", "head of ICE Thomas Homan").
_BEFORE_BACK, _BEFORE_AHEAD = 70, 60
#: An apposition: what may follow the head word ("... Officer of Corvane Industries,").
_AFTER_AHEAD = 100


def _windows(
    text: str, sentences: list[tuple[int, int]], hits: Iterable[tuple[int, int]], back: int = _BACK, ahead: int = _AHEAD
) -> list[tuple[int, int]]:
    """Stretches of text around each anchor hit, clipped to its sentence, overlapping ones merged."""
    starts = [s for s, _ in sentences]
    out: list[tuple[int, int]] = []
    for h_start, h_end in hits:
        k = bisect.bisect_right(starts, h_start) - 1
        if k < 0 or h_start >= sentences[k][1]:
            continue
        s, e = sentences[k]
        ws, we = max(s, h_start - back), min(e, h_end + ahead)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


#: The most words between the comma after a name and the head of its apposition's title
#: ("Thomas Homan, who occupies the post of acting director").
_APPOSITION_WORDS = 10


#: How far before a role noun by its ending the comma of an apposition may be ("Ana Ruiz, the
#: county's deputy chief epidemiologist").
_ROLE_BACK = 60


def _apposition_possible(text: str, head: int, back: int = _BACK) -> bool:
    """A comma not far before ``head`` that closes a capitalised word (a name may end there)."""
    comma = text.rfind(",", max(0, head - back), head)
    if comma < 1 or not text[comma - 1].isalpha():
        return False
    between = text[comma + 1 : head]
    if "." in between or len(between.split()) > _APPOSITION_WORDS:
        return False
    j = comma - 1
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "'’-"):
        j -= 1
    return text[j].isupper()


def _capital_near(text: str, start: int, end: int) -> bool:
    """A capitalised word right after a speech verb, or among the two words before it."""
    if end + 1 < len(text) and text[end] in " \t" and text[end + 1].isupper():
        return True
    words = text[max(0, start - 40) : start].split()[-3:]
    return any(w[:1].isupper() for w in words)


def _candidates(
    text: str, sentences: list[tuple[int, int]]
) -> Iterable[tuple[int, int, int, int, str, str | None, str | None]]:
    """(mention start, mention end, name start, name end, name, title, org) for the whole text."""
    before: list[tuple[int, int]] = []
    before_low: list[tuple[int, int]] = []  # a title in lower case after an article or possessive
    after: list[tuple[int, int]] = []
    speech: list[tuple[int, int]] = []
    for word in _ANCHOR_RE.finditer(lower_same_length(text)):
        low = word.group()
        if low in _HEAD_WORDS:
            # A title before a name has a capital (or "of ORG") next; one in an apposition has a
            # comma somewhere before it. Most "general", "head" or "host" in a text have neither.
            if _NAME_NEXT.match(text, word.end()):
                before.append(word.span())
                if (
                    text[word.start()].islower()
                    and (_CAPITAL_NEXT.match(text, word.end()) or _FIELD_NEXT.match(text, word.end()))
                    and _determiner_before(text, word.start())
                ):
                    before_low.append(word.span())
            if _apposition_possible(text, word.start()):
                after.append(word.span())
        elif low in _SPEECH_WORDS:
            if _capital_near(text, word.start(), word.end()):
                speech.append(word.span())
        elif low not in _NOT_ROLES:
            # A role noun by its ending: capitalised before a name ("State Epidemiologist Ana Ruiz"),
            # in any case in an apposition ("Ana Ruiz, a county librarian,").
            if _NAME_NEXT.match(text, word.end()):
                if text[word.start()].isupper():
                    before.append(word.span())
                elif (
                    _CAPITAL_NEXT.match(text, word.end()) or _FIELD_NEXT.match(text, word.end())
                ) and _determiner_before(text, word.start()):
                    before_low.append(word.span())
            if _apposition_possible(text, word.start(), _ROLE_BACK):
                after.append(word.span())
    # A title in lower case first: where both match, it holds more of the title ("sporting director").
    for start, end in _windows(text, sentences, before_low, _BEFORE_BACK, _BEFORE_AHEAD):
        yield from _titled_before(text, start, end, _BEFORE_LOW)
    for start, end in _windows(text, sentences, before, _BEFORE_BACK, _BEFORE_AHEAD):
        yield from _titled_before(text, start, end, _BEFORE)
    for start, end in _windows(text, sentences, after, _BACK, _AFTER_AHEAD):
        yield from _titled_after(text, start, end)
    for start, end in _windows(text, sentences, (m.span() for m in _POSS_RE.finditer(text))):
        yield from _possessed(text, start, end)
    for start, end in _windows(text, sentences, speech):
        yield from _speakers(text, start, end)


#: Titles that news puts before a bare surname ("President Obama", "Gov. Cuomo", "Mayor Roberts").
_SURNAME_TITLES = frozenset(
    """
    president senator sen. governor gov. representative rep. mayor secretary chancellor judge justice minister
    commissioner sheriff ambassador director chairman chairwoman premier pope king queen prince speaker
    """.split()
)


#: Words that make a phrase an institution rather than a field of work or a rank.
_INSTITUTION_WORDS = _ORG_WORDS - frozenset(
    "Management Development Workforce Affairs Relations Operations Services Service Health Safety Security "
    "Enforcement Immigration Customs Report Press Campaign".split()
)
#: Courts whose name is part of a judge's title ("Superior Court Judge", "Supreme Court Justice").
_COURT_HEADS = frozenset({"judge", "justice", "magistrate", "clerk"})
_FIELD_RE = re.compile(rf"(?i:{_FIELD}|{_DOMAIN}|and)")
_DOMAIN_RE = re.compile(rf"(?i:{_DOMAIN})")
_FIELD_OF_ONE = re.compile(r"[a-z]{3}(?:ions|ics|ion|ments?|ety|ity|gy|cy)$")
#: Common adjectives by their ending ("Federal", "Civil", "Superior", "Supreme"); proper adjectives of
#: nations and parties ("Russian", "Democratic") are an affiliation, and a portfolio ("Interior") an
#: organisation, not part of the title.
_ADJECTIVE_END = re.compile(r"(?:al|ary|il|ile)$|^(?:superior|supreme)$")
#: Modifiers of rank, which keep the nouns after them in the title ("Deputy Fire Chief", "Interim Police Chief").
_RANK_MODIFIERS = frozenset("acting interim deputy assistant associate executive senior vice chief principal".split())
_AFFILIATIONS = frozenset({"liberal", "conservative", "democratic", "republican", "libertarian", "socialist", "green"})


def _is_field(phrase: str) -> bool:
    """ "Emergency Operations", "public safety": a field of work, part of a title when it follows
    "of"; "Tallow Works", "FWS", "Ostrava County" are organisations."""
    words = phrase.split()
    if not words or any(w in _INSTITUTION_WORDS or w.lower() in _NOT_FIELDS for w in words):
        return False
    if len(words) == 1 and words[0][:1].isupper() and not _DOMAIN_RE.fullmatch(words[0]):
        # One capitalised word may be a place ("France", "Portugal", "Beijing"): only the endings
        # that places do not have make it a field ("Communications", "Economics", "Technology").
        return bool(_FIELD_OF_ONE.search(words[0]))
    return all(_FIELD_RE.fullmatch(w) for w in words)


def _rank_words(org: str, title: str) -> bool:
    """True when the capitalised words before a title are part of it rather than its organisation:
    led by a modifier or an adjective ("State Health Commissioner", "Civil Protection Minister",
    "Superior Court Judge"), not a name, acronym or portfolio ("Ostrava County", "FWS", "Labor")."""
    words = org.split()
    head = title.lower().split()[-1]
    led = False
    for k, word in enumerate(words):
        low = word.lower()
        if word.isupper() or not word[:1].isupper() or low in _AFFILIATIONS:
            return False
        if k > 0 and word == "Court" and head in _COURT_HEADS:
            continue
        if word in _INSTITUTION_WORDS and not led:
            return False
        rank = low in _MODIFIER_SET or bool(_ADJECTIVE_END.search(low))
        if k == 0:
            if not rank or gender_of(f"{word} X"):
                return False  # led by a name ("Ostrava", "Carmen") or a portfolio ("Labor")
            led = low in _RANK_MODIFIERS
        elif not (rank or led or _FIELD_RE.fullmatch(word)):
            return False  # "Former Ohio": a place after the modifier
    return True


def _institution(org: str | None) -> bool:
    """ "County", "FWS", "Ostrava City": an organisation by its last word or an acronym."""
    words = (org or "").split()
    return bool(words) and (words[-1] in _INSTITUTION_WORDS or (words[-1].isupper() and len(words[-1]) > 1))


def _rank_split(org: str, title: str) -> tuple[str, str | None]:
    """The title and organisation when the capitalised words before a title end in words of the title:
    "Santa Rosa Chief Deputy City" + "Attorney" -> ("Chief Deputy City Attorney", "Santa Rosa")."""
    words = org.split()
    for k in range(len(words)):
        if _rank_words(" ".join(words[k:]), title):
            return " ".join([*words[k:], title]), " ".join(words[:k]) or None
    return title, org


def _titled_before(
    text: str, start: int, end: int, pattern: re.Pattern[str]
) -> Iterable[tuple[int, int, int, int, str, str | None, str | None]]:
    for m in pattern.finditer(text, start, end):
        written = m.group("name")
        name = _clean_name(written)
        if not name:
            continue
        n_start = m.start("name") + max(0, written.find(name))
        org = _strip_org(m.group("org"))
        if org and (org.split()[0] in _STOP or org.lower() in _SMALL_WORDS):
            org = None
        title = m.group("title")
        if gender_of(f"{title.split()[-1]} X") or (_bare_role(title) and not _institution(m.group("org"))):
            continue  # a name that looks like a role noun ("Jennifer", "Chandler"), but "County Coroner"
        if org and not m.group("poss"):
            title, org = _rank_split(org, title)
        if m.group("offield"):
            title = f"{title} {m.group('of')} {m.group('offield')}"  # "vice president of safety"
        elif m.group("of") and pattern is _BEFORE_LOW:
            continue  # "a member of the San Remo Chargers": the name is of the organisation
        elif m.group("of"):
            # Title words that the name pattern took: "Director of Emergency | Operations Ana Ruiz".
            skipped = text[m.start("name") : n_start]
            if any(w.rstrip(".") in _STOP for w in skipped.split()):
                skipped = ""  # "Mr.", "Dr.": not words of the title
            oforg = f"{m.group('oforg')} {skipped}".strip()
            if gender_of(f"{oforg.split()[0]} {name}"):
                continue  # "a spokeswoman for Hillary Clinton": the name is whom the title is for
            title = f"{title} {m.group('of')} {oforg}"
            if not _is_field(oforg):
                org = org or _strip_org(oforg)
        # A single word after a title is a surname only after the titles used that way
        # ("President Obama", "Sen. Warren"), not after "General" ("General Assembly").
        if " " not in name and (
            name.lower() in _SMALL_WORDS
            or m.group("title").lower().split()[-1] not in _SURNAME_TITLES
            or _is_field(name)  # "Deputy Governor for Financial | Stability,": the end of a field
        ):
            continue
        yield m.start(), n_start + len(name), n_start, n_start + len(name), name, title, org


def _titled_after(text: str, start: int, end: int) -> Iterable[tuple[int, int, int, int, str, str | None, str | None]]:
    for m in _AFTER.finditer(text, start, end):
        name = _clean_name(m.group("name"))
        if not name or " " not in name:
            continue
        org = _strip_org(m.group("org"))
        if org and org.lower() in {"a", "an", "the"}:
            org = None
        title = m.group("title")
        if any(_bare_role(part) and part[:1].isupper() for part in _AND_RE.split(title)):
            continue  # "Agnes Moor, Thelma Ritter,": a list of names
        if org and not m.group("poss"):
            title, org = _rank_split(org, title)
        if m.group("mods"):
            title = f"{m.group('mods').strip()} {title}"
        if m.group("of"):
            # "Director of Emergency Operations at the Civil Protection Department": a field of work
            # stays in the title, the organisation after it (or in place of it) is the organisation.
            if _is_field(m.group("oforg")):
                title = f"{title} {m.group('of')} {m.group('oforg')}"
            else:
                org = _strip_org(m.group("oforg")) or org
            if m.group("of2"):
                if m.group("of2") in ("of", "for") and not _is_field(m.group("oforg")):
                    # "the Mine Workers of America", "the Society for Conservation Biology"
                    org = _strip_org(f"{m.group('oforg')} {m.group('of2')} {m.group('oforg2')}")
                else:
                    org = _strip_org(m.group("oforg2")) or org
        yield m.start(), m.end(), m.start("name"), m.start("name") + len(name), name, title, org


def _possessed(text: str, start: int, end: int) -> Iterable[tuple[int, int, int, int, str, str | None, str | None]]:
    for m in _POSSESSED.finditer(text, start, end):
        name = _clean_name(m.group("name"))
        if not name or " " not in name or m.group("org") in _STOP:
            continue
        if not m.group("org").isupper() and gender_of(name) is None:
            continue  # "Harlow's West Coast Gold Rush": only a known given name makes it a person
        yield (
            m.start(),
            m.start("name") + len(name),
            m.start("name"),
            m.start("name") + len(name),
            name,
            None,
            m.group("org"),
        )


_INSIDE_ORG = re.compile(rf"[{_UP}][\w.&-]*[ \t]+(?:of|on|for|and|at|&)[ \t]+(?:the[ \t]+)?$")


def _speakers(text: str, start: int, end: int) -> Iterable[tuple[int, int, int, int, str, str | None, str | None]]:
    for m in _SPEAKS.finditer(text, start, end):
        group = "before" if m.group("before") else "after"
        name = _clean_name(m.group(group))
        if not name or " " not in name:
            continue
        if group == "before" and _INSIDE_ORG.search(text, max(0, m.start(group) - 30), m.start(group)):
            continue  # "the Commission on Presidential Debates says": the end of a longer name
        s = m.start(group) + m.group(group).find(name)
        yield s, s + len(name), s, s + len(name), name, None, None


def resolve_name(name: str, known: list[str]) -> str:
    """The full name of a reference ("Homan", "Mr. Homan") among the names already known."""
    return canonical_name(name, known)


def find_people(article: Article, sentences: list[tuple[int, int]]) -> list[Person]:
    """Every mention of a person with a title, an organisation, or a speech verb.

    Mentions with a title that are inside one another (the title before the name and the
    apposition after it) merge into one claim that takes the apposition's title.
    """
    text = plain_spaces(article.text)
    found: dict[int, Person] = {}
    seen: set[tuple[int, int, str | None]] = set()
    for m_start, m_end, n_start, _n_end, name, title, org in _candidates(text, sentences):
        if (m_start, m_end, title) in seen or not name_parts(name)[1]:
            continue
        seen.add((m_start, m_end, title))
        s_start, s_end = sentence_of(sentences, n_start)
        key = n_start + len(name)  # the end of the name: "Labor Commissioner Andrea Voss" is "Andrea Voss"
        person = found.get(key)
        if person is None:
            person = Person(
                start=m_start,
                end=m_end,
                text=text[m_start:m_end],
                name=name,
                title=normalise_title(title) if title else None,
                org=org,
                sentence_start=s_start,
                sentence_end=s_end,
            )
            found[key] = person
            continue
        # A second pattern on the same name: widen the mention, let an apposition (which
        # starts at the name) give the title, and keep any organisation found.
        person.start, person.end = min(person.start, m_start), max(person.end, m_end)
        person.text = text[person.start : person.end]
        if title and (m_start == n_start or not person.title):
            person.title = normalise_title(title)
            if m_start == n_start and org:
                person.org = org  # the apposition's organisation goes with its title
        person.org = person.org or org
    people = sorted(found.values(), key=lambda p: (p.start, p.end))
    full = [p.name for p in people if len(name_parts(p.name)[0]) >= 1]
    for person in people:
        person.name = canonical_name(person.name, full)
    return people
