"""Units of measure: their dimensions, conversion between them, and sums of money."""

from __future__ import annotations

#: Unit names as extractors or writers give them -> (dimension, factor to the SI base).
UNITS: dict[str, tuple[str, float]] = {
    "foot": ("length", 0.3048),
    "feet": ("length", 0.3048),
    "ft": ("length", 0.3048),
    "inch": ("length", 0.0254),
    "inches": ("length", 0.0254),
    "yard": ("length", 0.9144),
    "mile": ("length", 1609.344),
    "miles": ("length", 1609.344),
    "metre": ("length", 1.0),
    "meter": ("length", 1.0),
    "metres": ("length", 1.0),
    "meters": ("length", 1.0),
    "m": ("length", 1.0),
    "centimetre": ("length", 0.01),
    "centimeter": ("length", 0.01),
    "cm": ("length", 0.01),
    "kilometre": ("length", 1000.0),
    "kilometer": ("length", 1000.0),
    "km": ("length", 1000.0),
    "pound": ("mass", 0.45359237),
    "lb": ("mass", 0.45359237),
    "kilogram": ("mass", 1.0),
    "kg": ("mass", 1.0),
    "ton": ("mass", 907.18474),
    "tonne": ("mass", 1000.0),
    "acre": ("area", 4046.8564224),
    "hectare": ("area", 10000.0),
    "square mile": ("area", 2589988.110336),
    "square kilometre": ("area", 1e6),
    "square kilometer": ("area", 1e6),
    "minute": ("time", 60.0),
    "hour": ("time", 3600.0),
    "day": ("time", 86400.0),
    "week": ("time", 604800.0),
    "month": ("time", 2629746.0),
    "year": ("time", 31556952.0),
    "gallon": ("volume", 3.785411784),
    "litre": ("volume", 1.0),
    "liter": ("volume", 1.0),
    "mph": ("speed", 0.44704),
    "km/h": ("speed", 1 / 3.6),
}


TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})


#: Unit words say how a number is measured, not what it measures ("four years" of what?).
UNIT_WORDS = frozenset(
    "year month week day hour minute second percent cent feet foot metre meter mile kilometre dollar euro pound "
    "million billion thousand".split()
)


#: Relative difference under which two measurements in different units are the same figure: a
#: conversion is usually printed to two or three significant digits (31.4 ft = 9.57 m, printed 9.6).
CONVERSION_TOLERANCE = 0.02


def _unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    unit = unit.strip().lower()
    if unit in ("%", "pct", "per cent", "percentage", "percentage points"):
        return "percent"
    if unit in ("usd", "$", "dollar", "dollars"):
        return "USD"
    if unit.endswith("s") and unit[:-1] in UNITS:
        return unit[:-1]
    return unit


def convert(value: float, unit: str | None, to_unit: str | None) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit``; None when the units measure different things."""
    if unit == to_unit:
        return value
    if unit is None or to_unit is None:
        return None
    a, b = UNITS.get(unit), UNITS.get(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


def _money(unit: str | None) -> bool:
    from factdiff.analyse.units import CURRENCIES

    return unit is not None and (unit in CURRENCIES or unit.upper() in CURRENCIES)
