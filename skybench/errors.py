"""Errors shared by every room, and the checks that raise them.

A `ParameterError` always names the parameter, the value it got and the valid range, so that the command
line can print it as one line and exit non-zero.
"""
from __future__ import annotations

import math
import numbers
from typing import Any


class SkybenchError(Exception):
    """Base class of every error skybench raises on purpose (printed as one line by the CLI)."""


class ParameterError(SkybenchError, ValueError):
    """A parameter outside its valid range; the message names the parameter, its value and the range."""

    def __init__(self, name: str, value: Any, valid: str):
        self.name = name
        self.value = value
        self.valid = valid
        super().__init__(f"parameter '{name}' = {value!r} is invalid: valid range is {valid}")


class DataError(SkybenchError, ValueError):
    """An input file (trace, bench file, calibration) that cannot be used; the message names the file."""


def check_finite(name: str, value: float, unit: str = "") -> float:
    """Return `value` as a float, or raise ParameterError if it is NaN or infinite."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, f"a finite number{_unit(unit)}") from None
    if not math.isfinite(number):
        raise ParameterError(name, value, f"a finite number{_unit(unit)}")
    return number


def check_range(
    name: str,
    value: float,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """Return `value` as a float if it is finite and within [low, high] (bounds optional), else raise."""
    valid = _describe(low, high, unit, low_inclusive, high_inclusive)
    try:
        number = check_finite(name, value, unit)
    except ParameterError:
        raise ParameterError(name, value, f"finite numbers in {valid}") from None
    below = low is not None and (number < low if low_inclusive else number <= low)
    above = high is not None and (number > high if high_inclusive else number >= high)
    if below or above:
        raise ParameterError(name, value, valid)
    return number


def check_positive(name: str, value: float, unit: str = "") -> float:
    """Return `value` if it is a finite number > 0, else raise ParameterError."""
    return check_range(name, value, 0.0, None, unit, low_inclusive=False)


def check_integer(name: str, value: Any, low: int, high: int) -> int:
    """Return `value` if it is an int (not a bool) within [low, high], else raise ParameterError."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ParameterError(name, value, f"an integer in [{low}, {high}]")
    return value


SEED_MAX = 2**32 - 1
"""Largest seed: every random generator the project uses takes it (numpy SeedSequence and Generator, torch, a
32-bit legacy generator), and any JSON or TOML reader keeps it exact."""


def check_seed(name: str, value: Any, count: int = 1) -> int:
    """Return `value` if it is an integer seed such that value .. value + count - 1 lie in [0, SEED_MAX]; the one
    seed check of the project (where a seed enters: a command's --seed, a bench file, an API call)."""
    integral = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not integral or not 0 <= value <= SEED_MAX - (count - 1):
        high = SEED_MAX - (count - 1)
        extra = f" (so that all {count} seeds from it are <= {SEED_MAX})" if count > 1 else ""
        raise ParameterError(name, value, f"an integer in [0, {high}]{extra}")
    return int(value)


def check_choice(name: str, value: Any, choices: tuple[Any, ...] | list[Any]) -> Any:
    """Return `value` if it is one of `choices`, else raise ParameterError listing them."""
    if value not in choices:
        raise ParameterError(name, value, "one of " + ", ".join(map(str, choices)))
    return value


def _unit(unit: str) -> str:
    return f" ({unit})" if unit else ""


def _describe(low, high, unit, low_inclusive, high_inclusive) -> str:
    left = "[" if low_inclusive else "("
    right = "]" if high_inclusive else ")"
    low_text = f"{low:g}" if low is not None else "-inf"
    high_text = f"{high:g}" if high is not None else "inf"
    return f"{left}{low_text}, {high_text}{right}{_unit(unit)}"
