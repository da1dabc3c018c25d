"""The one pint unit registry of skybench, and the conversion at the API boundary.

Physical parameters enter the public API as pint Quantities (or plain numbers, taken to be in the SI unit
that the parameter documents) and are converted once, here, to SI floats for the kernels. Nothing inside a
kernel carries units. The registry is created once and never modified after import.
"""
from __future__ import annotations

import pint

from skybench.errors import ParameterError

ureg = pint.UnitRegistry()
Q_ = ureg.Quantity


def to_si(name: str, value, unit: str) -> float:
    """Return `value` in the SI unit `unit` as a float.

    `value` may be a pint Quantity with compatible dimensions or a plain number (already in `unit`).
    A dimension mismatch raises ParameterError naming the parameter.
    """
    if isinstance(value, pint.Quantity):
        try:
            return float(value.to(unit).magnitude)
        except pint.DimensionalityError:
            raise ParameterError(name, str(value), f"a quantity convertible to {unit}") from None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, f"a number in {unit} or a pint Quantity") from None
