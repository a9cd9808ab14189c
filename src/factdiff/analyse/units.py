"""Units of measure and currencies: the words after (or the symbol before) a number.

One table maps every written form to a normalised unit name. Two precompiled regular
expressions read a unit that starts right after a number (``31.4 feet``, ``27 percent``,
``420 million Finnish markka``) and a currency symbol or code right before one (``$``, ``US$``,
``HK $``, ``RM``, ``€``, and the stand-ins news wires write for a sign in plain text: ``PS2.7m``,
``Y=28,030``). Durations (day, week, month, year, hour, minute) are units here too, so
that a caller can tell "4 days" from "4 arrests"; :data:`TIME_UNITS` names them. A penny ("118.5p",
"470 pence") is not a cent.

Beside factdiff's own table, the forms of Microsoft Recognizers-Text's English unit and currency
lists are read from ``data/recognizers_units.tsv`` (derived by ``scripts/build_unit_table.py``; MIT,
notice in ``data/RECOGNIZERS-LICENSE.txt``): every form the own table lacks and Recognizers-Text does
not call ambiguous ("afghanis", "nz$", "hectolitres", "km/min"), currencies under their ISO codes
and a currency without a code (a fractional unit: "kobo", "centavos") under its name. Short letter
forms (three letters or fewer) are taken only as upper-case currency codes ("AFN"). An ambiguous
currency form is taken after a number, in lower case as written, when OEWN's first sense of the
word is a monetary unit (the table's last column, marked by the build script with
``factdiff.lexicon.is_monetary_unit``: "20 kobo", "150 taka"; never "kiwi", "cup" or "try").

An SI prefix on a unit symbol that neither table holds ("40 TWh", "980 hPa", "2.4 mSv") is named by
pint, loaded on the first such symbol; an upper-case pair that may be a place ("MA") and a lower-case
pair that may be a word ("at", "pm") are never read so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["CURRENCIES", "CURRENCY_NAMES", "TIME_UNITS", "UnitMatch", "unit_after", "unit_before"]

#: normalised unit -> written forms after a number (lower case; matched case-insensitively
#: unless listed in _CASED).
_AFTER: dict[str, tuple[str, ...]] = {
    "percent": ("percent", "per cent", "percents", "percentage", "pct", "%", "pc"),
    "percentage point": ("percentage points", "percentage point", "points of percentage"),
    "basis point": ("basis points", "basis point", "bps", "bp"),
    "USD": (
        "us dollars",
        "u.s. dollars",
        "us dollar",
        "american dollars",
        "dollars",
        "dollar",
        "bucks",
        "usd",
        "$",
        "musd",
    ),
    "EUR": ("euros", "euro", "eur", "€", "meur"),
    "GBP": ("pounds sterling", "pound sterling", "british pounds", "sterling", "gbp", "mgbp"),
    "JPY": ("japanese yen", "yen", "jpy"),
    "CNY": ("chinese yuan", "yuan", "renminbi", "cny", "rmb", "元"),
    "INR": ("indian rupees", "rupees", "rupee", "inr"),
    "ESP": ("spanish pesetas", "pesetas", "peseta"),
    "NLG": ("dutch guilders", "guilders", "guilder"),
    "CRC": ("costa rican colones", "colones", "₡"),
    "GEL": ("georgian lari", "lari", "₾"),
    "LAK": ("lao kip", "₭"),
    "satoshi": ("satoshis", "satoshi"),
    "MYR": ("malaysian ringgit", "ringgit", "myr"),
    "HKD": ("hong kong dollars", "hk dollars", "hkd"),
    "CAD": ("canadian dollars", "cad"),
    "AUD": ("australian dollars", "aud"),
    "ILS": ("israeli shekels", "new shekels", "shekels", "shekel", "ils"),
    "CHF": ("swiss francs", "francs", "franc", "chf"),
    "RUB": ("russian rubles", "rubles", "roubles", "ruble", "rouble", "rub"),
    "KRW": ("south korean won", "korean won", "won", "krw"),
    "MXN": ("mexican pesos", "pesos", "peso", "mxn"),
    "BRL": ("brazilian reais", "reais", "real", "brl"),
    "HRK": ("croatian kuna", "kuna", "kn", "hrk"),
    "ZAR": ("south african rand", "rand", "zar"),
    "TRY": ("turkish lira", "lira", "try"),
    "FIM": ("finnish markka", "markka", "markkaa"),
    "DEM": ("deutsche marks", "deutsche mark", "german marks"),
    "NGN": ("nigerian naira", "naira"),
    "BTC": ("bitcoins", "bitcoin", "btc"),
    # A lower-case "c" glued to a number is a cent ("17c a share"); "12 C" and "12°C" are Celsius. A
    # "sen" is a hundredth of a ringgit (Recognizers-Text's "Sen"), not a cent, as a penny is not.
    "cent": ("cents", "cent", "c"),
    # A penny is a hundredth of a pound, not a cent: "118.5p", "470 pence a share" (Recognizers-Text's "Penny").
    "penny": ("pence", "pennies", "penny", "p"),
    "foot": ("feet", "foot", "ft", "'"),
    "inch": ("inches", "inch", "in.", '"', "″"),
    "yard": ("yards", "yard", "yds", "yd"),
    "mile": ("miles", "mile", "mi"),
    "metre": ("metres", "meters", "metre", "meter", "m"),
    "kilometre": ("kilometres", "kilometers", "kilometre", "kilometer", "km", "kms"),
    "centimetre": ("centimetres", "centimeters", "centimetre", "centimeter", "cm"),
    "decimetre": ("decimetres", "decimeters", "decimetre", "decimeter", "dm"),
    "picometre": ("picometres", "picometers", "picometre", "picometer"),
    "millimetre": ("millimetres", "millimeters", "millimetre", "millimeter", "mm"),
    "micrometre": ("micrometres", "micrometers", "micrometre", "micrometer", "microns", "micron", "µm", "μm"),
    "nanometre": ("nanometres", "nanometers", "nanometre", "nanometer", "nm"),
    "square foot": ("square feet", "square foot", "sq ft", "sq. ft.", "sq. ft", "sqft"),
    "square metre": ("square metres", "square meters", "square metre", "square meter", "sq m", "m2", "m²"),
    "square kilometre": ("square kilometres", "square kilometers", "square kilometre", "sq km", "km2", "km²"),
    "square mile": ("square miles", "square mile", "sq mi"),
    "cubic foot": ("cubic feet", "cubic foot", "cu ft"),
    "cubic metre": ("cubic metres", "cubic meters", "m3", "m³"),
    "acre": ("acres", "acre"),
    "hectare": ("hectares", "hectare", "ha"),
    "kilogram": ("kilograms", "kilogrammes", "kilogram", "kilos", "kilo", "kg", "kgs"),
    "gram": ("grams", "grammes", "gram", "g"),
    "milligram": ("milligrams", "milligrammes", "milligram", "mg"),
    "microgram": ("micrograms", "microgrammes", "microgram", "microgramme", "µg", "μg", "mcg"),
    "pound": ("pounds", "pound", "lbs", "lb"),
    "ounce": ("ounces", "ounce", "oz"),
    "ton": ("tons", "ton", "short tons"),
    "tonne": ("tonnes", "tonne", "metric tons", "metric ton", "t"),
    "stone": ("stone",),
    "litre": ("L", "litres", "liters", "litre", "liter", "l"),
    "millilitre": ("millilitres", "milliliters", "millilitre", "milliliter", "ml"),
    "gallon": ("gallons", "gallon", "gal"),
    "pint": ("pints", "pint"),
    "quart": ("quarts", "quart"),
    "dram": ("drams", "dram", "drachmas", "drachma"),
    "radian": ("radians", "radian", "rad"),
    "barrel": ("barrels", "barrel", "bbl"),
    "barrel per day": ("barrels a day", "barrels per day", "barrel-a-day", "barrels-a-day", "bpd"),
    "mile per hour": ("miles per hour", "miles an hour", "mile per hour", "mph", "m.p.h."),
    "kilometre per hour": ("kilometres per hour", "kilometers per hour", "km/h", "kph", "kmh", "kmph", "km/hr"),
    "metre per second": ("metres per second", "meters per second", "m/s"),
    "mile per gallon": ("miles per gallon", "mpg"),
    "knot": ("knots", "knot"),
    "degree": ("degrees", "degree", "deg.", "deg", "°"),
    "celsius": (
        "C",
        "degrees celsius",
        "degrees centigrade",
        "degree celsius",
        "deg celsius",
        "° celsius",
        "° centigrade",
        "deg c",
        "degrees c",
        "celsius",
        "celcius",
        "centigrade",
        "centigrate",
        "°c",
        "ºc",
    ),
    "fahrenheit": (
        "F",
        "degrees fahrenheit",
        "degree fahrenheit",
        "deg fahrenheit",
        "° fahrenheit",
        "deg f",
        "degrees f",
        "degrees farenheit",
        "fahrenheit",
        "farenheit",
        "°f",
        "ºf",
        "f",
    ),
    "kelvin": ("kelvin",),
    "horsepower": ("PS", "horsepower", "hp", "bhp", "ps"),
    "watt": ("W", "watts", "watt", "w"),
    "kilowatt": ("kW", "KW", "kilowatts", "kilowatt", "kw"),
    "megawatt": ("MW", "megawatts", "megawatt", "mw"),
    "gigawatt": ("GW", "gigawatts", "gigawatt", "gw"),
    "kilowatt hour": ("kilowatt-hours", "kilowatt hours", "kilowatt-hour", "kilowatt hour", "kwh"),
    "megawatt hour": ("megawatt-hours", "megawatt hours", "mwh"),
    "gigawatt hour": ("gigawatt-hours", "gigawatt hours", "gwh"),
    "volt": ("V", "volts", "volt", "v"),
    "kilovolt": ("kV", "kilovolts", "kilovolt", "kv"),
    "megapascal": ("MPa", "megapascals", "megapascal", "mpa"),
    "kilopascal": ("kPa", "kilopascals", "kilopascal", "kpa"),
    "pound per square inch": ("psi", "pounds per square inch"),
    "kilopound per square inch": ("ksi",),
    "british thermal unit": ("btus", "btu"),
    "mega british thermal unit": ("mmbtu",),
    "ampere": ("A", "amperes", "amps", "amp", "a"),
    "milliampere-hour": ("milliamp-hours", "mah"),
    "ampere per square centimetre": ("A/cm2", "A/cm²"),
    "hertz": ("Hz", "HZ", "hertz", "hz"),
    "megahertz": ("megahertz", "mhz"),
    "gigahertz": ("gigahertz", "ghz"),
    "decibel": ("dB", "decibels", "decibel", "db"),
    "newton metre": ("newton metres", "newton meters", "Nm"),
    "pound-foot": ("pound-feet", "pound-foot", "lb-ft", "lb ft"),
    "revolutions per minute": ("revolutions per minute", "rpm"),
    "byte": ("bytes",),
    "bit": ("bits", "bit"),
    "megabit": ("megabits", "megabit"),
    "tablespoon": ("tablespoons", "tablespoon", "tbsp"),
    "teaspoon": ("teaspoons", "teaspoon", "tsp"),
    "cup": ("cups", "cup"),
    "kilobyte": ("KB", "kilobytes", "kb"),
    "megabyte": ("MB", "megabytes", "mb"),
    "gigabyte": ("GB", "gigabytes", "gb"),
    "terabyte": ("TB", "terabytes", "tb"),
    "megabit per second": ("megabits per second", "mbps", "mb/s"),
    "part per million": ("parts per million", "ppm"),
    "part per billion": ("parts per billion", "ppb"),
    "calorie": ("calories", "kcal", "calorie"),
    "point": ("points", "point", "pts"),
    "day": ("days", "day"),
    "week": ("weeks", "week", "wks"),
    "month": ("months", "month", "mos"),
    "year": ("years", "year", "yrs"),
    "decade": ("decades", "decade"),
    "century": ("centuries", "century"),
    "hour": ("hours", "hour", "hrs", "hr"),
    "minute": ("minutes", "minute", "mins", "min"),
    "second": ("seconds", "second", "secs", "sec"),
    "year of age": ("years old", "year old", "years of age", "-year-old", "year-old", "yo", "y/o"),
    "month of age": ("months old", "month old", "months of age", "-month-old", "month-old"),
    "week of age": ("weeks old", "week old", "weeks of age", "-week-old", "week-old"),
    "day of age": ("days old", "day old", "days of age", "-day-old", "day-old"),
}

#: Forms that are only units when written exactly so (a lone "m" or "C" is too common otherwise).
_CASED = frozenset(
    """
    m g l L t w W a A v V c C f F p mi nm Nm kb KB mb MB gb GB tb TB mw MW gw GW kw kW KW db dB hz Hz HZ ps PS
    sen pc in. mos min sec hr ha bp ft kn A/cm2 A/cm²
    """.split()
)
#: Short forms that must be glued to the number or follow it after one space, never stand alone.
_NEED_TIGHT = frozenset({"'", '"', "″", "m", "g", "l", "t", "w", "a", "v", "c", "f", "p", "°c", "°f", "ºc", "ºf"})

#: Currency symbols and codes written before the number.
_BEFORE: dict[str, tuple[str, ...]] = {
    "USD": ("us$", "us $", "u.s.$", "usd$", "usd", "$us", "$"),
    "MXN": ("mex$", "mxn$", "mxn"),
    "EUR": ("€", "eur"),
    "GBP": ("£", "gbp", "PS"),  # "PS2.7m": a pound sign lost in conversion, only glued to the number
    "JPY": ("¥", "jpy", "Y="),  # "Y=28,030": the yen sign as news wires write it in plain text
    "CNY": ("RMB", "rmb", "cny", "元"),
    "INR": ("Rs.", "Rs", "inr", "₹"),
    "MYR": ("RM", "myr"),
    "HKD": ("hk$", "hk $", "hkd"),
    "CAD": ("c$", "c $", "ca$", "cad$", "cad"),
    "AUD": ("a$", "au$", "aud$", "aud", "maud"),
    "NZD": ("nz$", "nzd$", "nzd"),
    "SGD": ("s$", "sgd"),
    "BRL": ("r$", "brl"),
    "ILS": ("₪", "NIS", "ils"),
    "KRW": ("₩", "krw"),
    "CHF": ("chf", "sfr"),
    "RUB": ("₽", "rub"),
    "TRY": ("₺",),
    "NGN": ("₦",),
    "PHP": ("₱",),
    "BTC": ("₿",),
}
_BEFORE_CASED = frozenset({"RM", "Rs", "Rs.", "NIS", "RMB", "PS", "Y="})
#: Stand-ins for a currency sign, taken only glued to the number and after no letter or digit ("PS2.7m").
_GLUED_ONLY = frozenset({"PS", "Y="})


RECOGNIZERS_FILE = "recognizers_units.tsv"
# Recognizers-Text names the temperature units by letter and the ages by their unit of time.
_RECOGNIZERS_NAMES = {"f": "fahrenheit", "c": "celsius", "k": "kelvin", "r": "rankine", "d": "delisle"}
_SHORT_FORM = 3  # letters; a form this short is taken only as an upper-case currency code


def _recognizers_name(kind: str, name: str, code: str) -> str | None:
    """factdiff's name for a Recognizers-Text unit: the ISO code of a currency, else the name in lower
    case with British spellings ("Kilometer per hour" -> "kilometre per hour")."""
    if kind == "currency":
        return code or ("cent" if name == "Cent" else name.lower())  # a fractional unit has no code: "sen"
    lower = name.lower()
    if kind == "temperature" and lower in _RECOGNIZERS_NAMES:
        return _RECOGNIZERS_NAMES[lower]
    if kind == "age":
        return f"{lower} of age"
    return re.sub(r"(met|lit|millimit)er\b", r"\1re", lower).replace("millimitre", "millimetre")


_Forms = dict[str, tuple[str, ...]]


def _recognizers_forms() -> tuple[_Forms, _Forms, frozenset[str], dict[str, str], frozenset[str]]:
    """(forms after a number, forms before one, upper-case codes, currency names by code, the names of
    currencies without a code, "sen") from the
    shipped Recognizers-Text table, without the forms factdiff's own tables hold or that are ambiguous.

    An ambiguous currency form after a number is taken, as written in lower case only, when the table
    marks it monetary ("20 kobo"; not "cup", "try" or "mad")."""
    raw = resources.files("factdiff").joinpath("data", RECOGNIZERS_FILE).read_text(encoding="utf-8")
    known_after = {f.lower() for forms in _AFTER.values() for f in forms}
    known_before = {f.replace(" ", "").lower() for forms in _BEFORE.values() for f in forms}
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    cased: set[str] = set()
    names: dict[str, str] = {}
    codeless: set[str] = set()
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, position, name, code, forms, _ambiguous, *rest = line.split("\t")
        monetary = rest[0] if rest else ""
        unit = _recognizers_name(kind, name, code)
        if unit is None or (kind == "currency" and not code and unit in _AFTER and unit != "cent"):
            continue  # a currency without a code named like one of factdiff's units ("pound") is left out
        if code:
            names.setdefault(code, name)
        known, into = (known_after, after) if position == "after" else (known_before, before)
        money = monetary.split("|") if monetary and position == "after" else []
        for form in [*forms.split("|"), *money]:
            form = form.lstrip("-").strip()
            key = form.lower() if position == "after" else form.replace(" ", "").lower()
            if not form or key in known:
                continue
            if form in money:
                cased.add(form)  # "5 sen", never "Sen." (a senator)
            elif form.isalpha() and len(form) <= _SHORT_FORM:
                if not code or form.upper() != code:
                    continue
                form = code  # "500 AFN": a currency code, upper case only
                cased.add(form)
            known.add(key)
            into.setdefault(unit, []).append(form)
            if kind == "currency" and not code and unit != "cent":
                codeless.add(unit)
    return (
        {u: tuple(f) for u, f in after.items()},
        {u: tuple(f) for u, f in before.items()},
        frozenset(cased),
        names,
        frozenset(codeless),
    )


_MORE_AFTER, _MORE_BEFORE, _MORE_CASED, CURRENCY_NAMES, _FRACTIONAL_MONEY = _recognizers_forms()
for _unit, _forms in _MORE_AFTER.items():
    _AFTER[_unit] = (*_AFTER.get(_unit, ()), *_forms)
for _unit, _forms in _MORE_BEFORE.items():
    _BEFORE[_unit] = (*_BEFORE.get(_unit, ()), *_forms)
_CASED = _CASED | _MORE_CASED
_BEFORE_CASED = _BEFORE_CASED | _MORE_CASED

#: Currency codes (the normalised names of money units).
CURRENCIES = frozenset(
    [
        *_BEFORE,
        *(unit for unit in _MORE_AFTER if unit.isupper() and len(unit) == 3),
        *_FRACTIONAL_MONEY,
        *"FIM DEM ZAR HRK MXN KRW RUB CHF ILS INR CNY JPY GBP EUR BTC ESP NLG CRC GEL LAK".split(),
        "satoshi",
    ]
)
#: Units of time: a number followed by one of these is a duration, not a count.
TIME_UNITS = frozenset({"day", "week", "month", "year", "decade", "century", "hour", "minute", "second"})

#: The dimension each unit measures (currency, length, ...), for callers comparing two units.
DIMENSIONS: dict[str, str] = {
    **{code: "currency" for code in CURRENCIES},
    "cent": "currency",
    "penny": "currency",
    **dict.fromkeys(("foot", "inch", "yard", "mile", "metre", "kilometre", "centimetre", "millimetre"), "length"),
    **dict.fromkeys(("micrometre", "nanometre"), "length"),
    **dict.fromkeys(("kilogram", "gram", "milligram", "microgram", "pound", "ounce", "ton", "tonne", "stone"), "mass"),
    **dict.fromkeys(("celsius", "fahrenheit", "kelvin"), "temperature"),
    **dict.fromkeys(TIME_UNITS, "time"),
    **dict.fromkeys(("year of age", "month of age", "week of age", "day of age"), "age"),
    "percent": "ratio",
}


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit read next to a number: its span, the normalised name and the form as written."""

    start: int
    end: int
    unit: str
    text: str


def _form_trie(forms: list[str]) -> str:
    """One prefix-factored pattern for unit forms; a form ending in a letter or digit must end a word."""
    root: dict = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        # A one-letter unit must stand alone: not "F-Series", "C.P.I." or "14.7C/ per". Longer forms end
        # a word too, but that test is made once after the whole alternation (_WORD_END): a far shorter
        # expression, quicker to compile, with the same matches (a failed test backtracks to a shorter form).
        node[""] = r"(?![\w$\-./])" if len(form) == 1 and form.isalnum() else ""

    def emit(node: dict) -> str:
        branches = []
        for char, sub in sorted(node.items(), key=lambda kv: kv[0] == ""):
            if char == "":
                branches.append(sub)
            else:
                # the words of a unit may be hyphened in a compound: "a 5,000-square-foot house"
                branches.append((r"[\s-]+" if char == " " else re.escape(char)) + emit(sub))
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(root)


# After a form that ends in a letter or digit, no letter, digit or "$" may follow.
_WORD_END = r"(?:(?<![^\W_])|(?![\w$]))"


def _build_after() -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for unit, written in _AFTER.items():
        for form in written:
            forms.setdefault(form, unit)
    caseless = sorted({form.lower() for form in forms if form not in _CASED})
    cased = sorted(form for form in forms if form in _CASED)
    # A hyphen joins a unit to its number in compounds ("31.4-foot", "four-day", "5-mpg").
    regex = re.compile(
        r"(?P<gap>\s?-\s?|[ \u00a0]?)(?P<unit>(?i:" + _form_trie(caseless) + ")|" + _form_trie(cased) + ")" + _WORD_END
    )
    return regex, forms


_AFTER_RE, _AFTER_FORMS = _build_after()
_AFTER_LOWER = {form.lower(): unit for form, unit in _AFTER_FORMS.items()}


def _build_before() -> re.Pattern[str]:
    parts = []
    for written in _BEFORE.values():
        for form in written:
            pattern = re.escape(form).replace(r"\ ", r"\s?")
            parts.append(pattern if form in _BEFORE_CASED else f"(?i:{pattern})")
    parts.sort(key=len, reverse=True)
    # The currency sits right before the number: "$86", "US $4.5", "RM12.80", "USD2,300", "€ 5".
    return re.compile(r"(?:^|(?<=[^\w$]))(?P<unit>" + "|".join(parts) + r")\s?$")


_BEFORE_RE = _build_before()
_BEFORE_LOWER = {form.replace(" ", "").lower(): unit for unit, forms in _BEFORE.items() for form in forms}
_BEFORE_LAST = frozenset(
    form.replace(" ", "")[-1] for forms in _BEFORE.values() for form in forms if not form[-1].isalpha()
)
_BEFORE_LOWER_ENDS = frozenset(
    form.replace(" ", "")[-3:].lower() for forms in _BEFORE.values() for form in forms if form[-1].isalpha()
)
_CASED_BEFORE = {"RM": "MYR", "Rs": "INR", "Rs.": "INR", "NIS": "ILS", "RMB": "CNY", "PS": "GBP", "Y=": "JPY"}


_SPACES = re.compile(r"[\s-]+")
_AFTER_SPACED_M = re.compile(r"\s*(?:$|[^\w\s]|\d|x\b)")
_BRACKETED = re.compile(r" ?[(\[{<](?P<inner>[^()\[\]{}<>\s]{1,6})[)\]}>]")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


# An SI prefix and a unit symbol that the tables lack ("40 TWh", "2.4 mSv", "12 kN", "980 hPa"); read by
# pint. Bare symbols and prefixes of a metre, second, gram or litre are in the tables, or are words ("pm").
_SI_SYMBOL = re.compile(
    r"[ \u00a0]?(?P<unit>(?:da|[yzafpnµμumcdhkMGTPE])(?:Wh|W|V|A|Pa|bar|N|J|Hz|Sv|Gy|t|L|eV|mol|Bq|Ω))(?![\w$/-]|\.\w)"
)
# pint's names as factdiff writes units: British spellings, "tonne".
_PINT_SPELLING = (("metric_ton", "tonne"), ("meter", "metre"), ("liter", "litre"), ("_", " "))


@lru_cache(maxsize=256)
def _pint_unit(symbol: str) -> str | None:
    """The name of a prefixed SI symbol by pint ("TWh" -> "terawatt hour"), or None when pint has no such
    unit. pint is loaded on the first such symbol only."""
    if (symbol.isupper() and not symbol.endswith("W")) or (symbol.islower() and len(symbol) == 2):
        return None  # "MA", "PA", "MN" are as often places as megaamperes; "at", "pm" are words
    import pint  # here: a symbol outside the tables is rare, and the registry takes half a second to load

    try:
        name = str(_registry(pint).parse_units(symbol))
    except (pint.errors.UndefinedUnitError, ValueError, AttributeError, TypeError):
        return None
    if not name or "baud" in name or "/" in name or "*" in name:
        return None
    for american, british in _PINT_SPELLING:
        name = name.replace(american, british)
    return name


@lru_cache(maxsize=1)
def _registry(pint: Any) -> Any:
    return pint.UnitRegistry()


def unit_after(text: str, pos: int, end: int | None = None) -> UnitMatch | None:
    """The unit that starts at ``pos`` (right after a number), or None."""
    end = len(text) if end is None else end
    match = _AFTER_RE.match(text, pos, end)
    if match is None:
        symbol = _SI_SYMBOL.match(text, pos, end)
        if symbol is not None:
            name = _pint_unit(symbol.group("unit"))
            if name is not None:
                return UnitMatch(symbol.start("unit"), symbol.end("unit"), name, symbol.group("unit"))
        bracket = _BRACKETED.match(text, pos, end) if text[pos : pos + 2].lstrip()[:1] in "([{<" else None
        if bracket is not None:
            inner = unit_after(bracket.group("inner"), 0)
            if inner is not None and inner.end == len(bracket.group("inner")):
                return UnitMatch(bracket.start("inner"), bracket.end(), inner.unit, inner.text)
        return None
    form = match.group("unit")
    gap = match.group("gap")
    unit = _AFTER_FORMS.get(form) or _AFTER_LOWER.get(form.lower())
    if unit is None and (" " in form or "-" in form or "\n" in form):
        spaced = _SPACES.sub(" ", form)
        unit = _AFTER_FORMS.get(spaced) or _AFTER_LOWER.get(spaced.lower())
    if unit is None:
        return None
    # Short forms count only glued to the number ("5kW", "200lbs", "30'"); "5 W" and "5 V" may keep a space.
    # "1 m x 1 m", "12 m." but not "5 m from": a spaced metre only before a number, a sign or the end.
    spaced_metre = form == "m" and _AFTER_SPACED_M.match(text, match.end("unit"))
    if form.lower() in _NEED_TIGHT and gap and form not in ("W", "V", "C", "F", "°") and not spaced_metre:
        return None
    # "40 C boiling point" but not "PA 23456 F Block": a spaced capital letter is a unit before lower case.
    if form in ("C", "F") and gap and _CAPITAL_NEXT.match(text, match.end("unit")):
        return None
    if form in ("'", '"', "″") and (not text[pos - 1 : pos].isdigit() or text[match.end() : match.end() + 1].isalpha()):
        return None  # "2008's" is a possessive, not feet
    return UnitMatch(match.start("unit"), match.end("unit"), unit, form)


def unit_before(text: str, pos: int) -> UnitMatch | None:
    """The currency symbol or code that ends at ``pos`` (right before a number), or None."""
    window = text[max(0, pos - 6) : pos]
    stripped = window.rstrip()
    last = stripped[-1:]
    # Cheap tests first: a currency ends in a symbol, a letter of a code ("USD", "RM", "usd") or "Rs.".
    if not last or not (last in _BEFORE_LAST or last.isalpha()):
        return None
    if last.islower() and not any(stripped[-n:].lower() in _BEFORE_LOWER_ENDS for n in (3, 2)):
        return None  # ("Rs 500": a form of two letters ends in them)
    match = _BEFORE_RE.search(window)
    if match is None:
        return None
    form = match.group("unit")
    key = form.replace(" ", "").lower()
    unit = _CASED_BEFORE.get(form.strip()) or _BEFORE_LOWER.get(key)
    glued = match.end("unit") == len(window) and not window[: match.start()][-1:].isalnum()
    if unit is None or (form in _GLUED_ONLY and not glued):
        return None
    offset = pos - len(window)
    return UnitMatch(offset + match.start("unit"), offset + match.end("unit"), unit, form)
