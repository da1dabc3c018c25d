"""Numeric program data: suffix multipliers and units in, NR1/NR3 response numbers out.

IEEE 488.2 7.7.3 lets a decimal number carry a suffix made of an optional multiplier and a unit
(`100NS`, `-3 mV`, `10 us`, `1.5MA`). The multiplier table is 488.2 Table 7-2: `M` is milli and `MA` is
mega, with the two exceptions every SCPI instrument honours, `MHZ` (megahertz) and `MOHM` (megaohm). A suffix
is read against the unit the parameter declares, longest unit match first, so for a current `1.5MA` is
1.5 mA (the unit `A` with the prefix `M`), as Keysight and Keithley instruments read it; for a parameter
declared without a unit any suffix is -138 "Suffix not allowed", and a suffix naming another unit is -131
"Invalid suffix".

Responses: NR1 for integers, NR3 for reals (`+1.000000000E-07` by default), `9.9E+37` for infinity and
`9.91E+37` for not-a-number (SCPI-99 vol. 1, 7.2.1.5).
"""
from __future__ import annotations

import math
from types import MappingProxyType

from protocols.errors import INVALID_SUFFIX, SUFFIX_NOT_ALLOWED, ScpiError

#: IEEE 488.2 Table 7-2 suffix multipliers (upper case).
MULTIPLIERS = MappingProxyType({
    "EX": 1e18,
    "PE": 1e15,
    "T": 1e12,
    "G": 1e9,
    "MA": 1e6,
    "K": 1e3,
    "M": 1e-3,
    "U": 1e-6,
    "N": 1e-9,
    "P": 1e-12,
    "F": 1e-15,
    "A": 1e-18,
})

#: Units whose `M` prefix means mega, not milli (IEEE 488.2 7.7.3.4).
MEGA_UNITS = frozenset({"HZ", "OHM"})

#: Declared unit -> the SCPI suffix spellings it accepts (upper case, longest first).
UNIT_SUFFIXES = MappingProxyType({
    "s": ("SEC", "S"),
    "Hz": ("HZ",),
    "A": ("A",),
    "V": ("V",),
    "Ohm": ("OHM",),
    "T": ("T",),
    "W": ("W",),
    "S": ("SIE",),
    "K": ("K",),
    "degC": ("CEL",),
    "%": ("PCT",),
    "dB": ("DB",),
    "A/s": ("A/S",),
    "V/s": ("V/S",),
    "T/s": ("T/S",),
})

#: The response for +infinity and for not-a-number (SCPI-99 vol. 1, 7.2.1.5).
INFINITY_RESPONSE = "9.9E+37"
NAN_RESPONSE = "9.91E+37"
#: Numbers at or beyond this magnitude read back as infinity.
SCPI_INFINITY = 9.9e37


def unit_suffixes(unit: str) -> tuple[str, ...]:
    """The upper-case suffix spellings of a declared unit (an unknown unit is its own upper-case name)."""
    return UNIT_SUFFIXES.get(unit) or (unit.upper(),)


def suffix_multiplier(suffix: str, unit: str | None) -> float:
    """The factor that an upper-case `suffix` applies to a number declared in `unit`.

    Raises ScpiError -138 when the parameter takes no suffix, -131 when the suffix does not fit the unit.
    """
    if unit is None:
        raise ScpiError(SUFFIX_NOT_ALLOWED, suffix)
    for name in unit_suffixes(unit):
        if suffix.endswith(name):
            prefix = suffix[: -len(name)]
            if not prefix:
                return 1.0
            if prefix == "M" and name in MEGA_UNITS:
                return 1e6
            factor = MULTIPLIERS.get(prefix)
            if factor is not None:
                return factor
    factor = MULTIPLIERS.get(suffix)
    if factor is not None:
        return factor
    raise ScpiError(INVALID_SUFFIX, suffix)


def format_nr1(value: int) -> str:
    """An integer response (NR1)."""
    return str(int(value))


def format_nr3(value: float, template: str = "{:+.9E}") -> str:
    """A real response (NR3) through `template`, with the SCPI codes for infinity and not-a-number."""
    if math.isnan(value):
        return NAN_RESPONSE
    if math.isinf(value):
        return INFINITY_RESPONSE if value > 0 else "-" + INFINITY_RESPONSE
    return template.format(value)
