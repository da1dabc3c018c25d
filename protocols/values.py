"""Value types: how one SCPI parameter is read from the wire, checked, and written back in a response.

Each type turns a parser `Token` into a Python value (`parse`), checks a value given from Python (`coerce`)
with the same rules, and formats a value as response data (`format`). The errors are the ones SCPI
instruments give:

- a data element of the wrong kind (a string where a number goes): -104 Data type error;
- character data that is not a keyword of this parameter: -141 Invalid character data;
- a suffix on a unitless number: -138; a suffix of another unit: -131;
- a number outside the limits: -222 Data out of range, or clipped, as the declaration chooses
  (`out_of_range="error" | "clip" | "clip_error"`, the last clips and still queues -222, as the
  33500/81150 generators do). A type with limits must say which: the choice is deliberate.
- a value outside a discrete set: -224 Illegal parameter value.

Numbers accept MIN, MAX and DEF (the declared limits and default), INF/NINF where `inf=True`, and UP/DOWN
where a `step` is declared. Booleans accept ON/OFF and numbers (non-zero after rounding is ON) and answer 1/0.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Iterable, Mapping

from protocols.errors import (
    DATA_OUT_OF_RANGE,
    DATA_TYPE_ERROR,
    EXPRESSION_ERROR,
    ILLEGAL_PARAMETER_VALUE,
    INVALID_CHARACTER_DATA,
    NUMERIC_DATA_ERROR,
    ScpiError,
)
from protocols.message import Token
from protocols.numeric import format_nr1, format_nr3, suffix_multiplier
from protocols.tree import parse_pattern

#: The clip-or-error choices a limited parameter may declare.
OUT_OF_RANGE_POLICIES = ("error", "clip", "clip_error")
#: Default NR3 template of real responses.
NR3_TEMPLATE = "{:+.9E}"


class ParseContext:
    """What a parameter needs besides its token: the declared default (DEF), the present value (UP/DOWN),
    and the list of errors to queue even though the value was accepted (clipping)."""

    __slots__ = ("default", "current", "notes")

    def __init__(self, default: Any = None, current: Callable[[], Any] | None = None):
        self.default = default
        self.current = current
        self.notes: list[ScpiError] = []


class ValueType:
    """Base class. `optional=True` lets the parameter be left out (its value is then `missing`)."""

    def __init__(self, *, optional: bool = False, missing: Any = None):
        self.optional = optional
        self.missing = missing

    def parse(self, token: Token, ctx: ParseContext) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def coerce(self, value: Any) -> Any:
        """Check a value given from Python; raise ScpiError as the wire would."""
        return value

    def format(self, value: Any) -> str:
        return str(value)

    def special(self, word: str, ctx: ParseContext) -> Any:
        """The value of MIN/MAX/DEF in a query (`WIDT? MAX`); ScpiError -141 if it has none."""
        raise ScpiError(INVALID_CHARACTER_DATA, word)

    def describe(self) -> str:
        return type(self).__name__.lower()

    def limits(self) -> dict[str, float]:
        """The named numeric limits of this type (for the conventions check)."""
        return {}


class _Number(ValueType):
    _kind = "number"

    def __init__(
        self,
        *,
        unit: str | None = None,
        low: float | None = None,
        high: float | None = None,
        out_of_range: str | None = None,
        inf: bool = False,
        step: float | None = None,
        allowed: Iterable[float] | None = None,
        optional: bool = False,
        missing: Any = None,
    ):
        super().__init__(optional=optional, missing=missing)
        if (low is not None or high is not None) and out_of_range not in OUT_OF_RANGE_POLICIES:
            raise TypeError(
                f"a limited {self._kind} must choose out_of_range from {OUT_OF_RANGE_POLICIES}, got {out_of_range!r}"
            )
        if low is not None and high is not None and low > high:
            raise TypeError(f"low {low} > high {high}")
        self.unit = unit
        self.low = low
        self.high = high
        self.out_of_range = out_of_range
        self.inf = inf
        self.step = step
        self.allowed = tuple(allowed) if allowed is not None else None

    def parse(self, token: Token, ctx: ParseContext) -> Any:
        if token.kind == "num":
            value = token.value
            if token.suffix:
                value = value * suffix_multiplier(token.suffix, self.unit)
            return self._check(value, ctx)
        if token.kind == "char":
            word = token.value
            if word in ("MIN", "MINIMUM", "MAX", "MAXIMUM", "DEF", "DEFAULT"):
                return self._convert(self.special(word, ctx))
            if self.inf and word in ("INF", "NINF"):
                if word == "NINF" and self.low is not None:
                    raise ScpiError(DATA_OUT_OF_RANGE, "-INF is below the lower limit")
                return math.inf if word == "INF" else -math.inf
            if self.step is not None and word in ("UP", "DOWN") and ctx.current is not None:
                current = ctx.current()
                delta = self.step if word == "UP" else -self.step
                return self._check(current + delta, ctx)
            raise ScpiError(INVALID_CHARACTER_DATA, token.text)
        raise ScpiError(DATA_TYPE_ERROR, f"{token.kind} data where a {self._kind} goes")

    def special(self, word: str, ctx: ParseContext) -> Any:
        if word in ("MIN", "MINIMUM") and self.low is not None:
            return self.low
        if word in ("MAX", "MAXIMUM") and self.high is not None:
            return self.high
        if word in ("DEF", "DEFAULT") and ctx.default is not None:
            return ctx.default
        raise ScpiError(INVALID_CHARACTER_DATA, word)

    def coerce(self, value: Any) -> Any:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ScpiError(DATA_TYPE_ERROR, repr(value)) from None
        if math.isinf(number) and self.inf:
            return number
        return self._check(number, None)

    def _convert(self, value: float) -> Any:
        return value

    def _check(self, value: float, ctx: ParseContext | None) -> Any:
        if math.isnan(value):
            raise ScpiError(NUMERIC_DATA_ERROR, "not a number")
        if math.isinf(value) and not self.inf:
            raise ScpiError(DATA_OUT_OF_RANGE, "infinite")
        value = self._convert(value)
        low, high = self.low, self.high
        if (low is not None and value < low) or (high is not None and value > high):
            if self.out_of_range == "error" or math.isinf(value):
                raise ScpiError(DATA_OUT_OF_RANGE, f"valid range is [{_g(low)}, {_g(high)}]")
            clipped = low if (low is not None and value < low) else high
            if self.out_of_range == "clip_error" and ctx is not None:
                side = "lower" if clipped == low else "upper"
                ctx.notes.append(ScpiError(DATA_OUT_OF_RANGE, f"value clipped to {side} limit"))
            value = clipped
        if self.allowed is not None and value not in self.allowed:
            raise ScpiError(ILLEGAL_PARAMETER_VALUE, f"one of {', '.join(map(_g, self.allowed))}")
        return value

    def limits(self) -> dict[str, float]:
        found = {name: v for name, v in (("low", self.low), ("high", self.high), ("step", self.step)) if v is not None}
        if self.allowed is not None:
            found.update({f"allowed[{k}]": v for k, v in enumerate(self.allowed)})
        return found

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.low is None and self.high is None:
            return f"{self._kind}{unit}"
        return f"{self._kind} in [{_g(self.low)}, {_g(self.high)}]{unit}"


class Float(_Number):
    """A real number with optional unit, limits, INF and UP/DOWN step; answered as NR3.

    `fmt` is a str.format template (default `{:+.9E}`) or a callable value -> str.
    """

    _kind = "real"

    def __init__(self, *, fmt: str | Callable[[float], str] = NR3_TEMPLATE, **kwargs: Any):
        super().__init__(**kwargs)
        self.fmt = fmt

    def _convert(self, value: float) -> float:
        return float(value)

    def format(self, value: Any) -> str:
        if callable(self.fmt):
            return self.fmt(value)
        return format_nr3(float(value), self.fmt)


class Int(_Number):
    """An integer (numbers are rounded half to even, as SCPI rounds); answered as NR1 (INF as 9.9E+37)."""

    _kind = "integer"

    def _convert(self, value: float) -> Any:
        if isinstance(value, float) and math.isinf(value):
            return value
        return int(round(value))

    def format(self, value: Any) -> str:
        if isinstance(value, float) and math.isinf(value):
            return format_nr3(value)
        return format_nr1(value)


class Bool(ValueType):
    """ON/OFF/1/0 (any number: non-zero after rounding is ON); answered 1 or 0."""

    def parse(self, token: Token, ctx: ParseContext) -> bool:
        if token.kind == "num":
            if token.suffix:
                raise ScpiError(-138, token.suffix)
            if not math.isfinite(token.value):
                return True  # non-zero, as any other number that does not round to 0
            return round(token.value) != 0
        if token.kind == "char":
            if token.value == "ON":
                return True
            if token.value == "OFF":
                return False
            if token.value in ("DEF", "DEFAULT") and ctx.default is not None:
                return bool(ctx.default)
            raise ScpiError(INVALID_CHARACTER_DATA, token.text)
        raise ScpiError(DATA_TYPE_ERROR, f"{token.kind} data where a boolean goes")

    def coerce(self, value: Any) -> bool:
        if isinstance(value, str):
            word = value.strip().upper()
            if word in ("ON", "1"):
                return True
            if word in ("OFF", "0"):
                return False
            raise ScpiError(INVALID_CHARACTER_DATA, value)
        return bool(value)

    def format(self, value: Any) -> str:
        return "1" if value else "0"

    def describe(self) -> str:
        return "ON|OFF|1|0"


class Choice(ValueType):
    """One keyword of a set, in short or long form (`Choice("IMMediate", "BUS", "EXTernal")`).

    The Python value is the short form in upper case (`"IMM"`), or the mapped value when the options are
    given as a mapping `{"GUARd": "guard", ...}`. Responses give the short form, as instruments do.
    With `quoted=True` a quoted string holding the keyword is accepted too (`SENS:FUNC 'VOLT'`).
    """

    def __init__(
        self,
        *options: str | Mapping[str, Any],
        quoted: bool = False,
        optional: bool = False,
        missing: Any = None,
    ):
        super().__init__(optional=optional, missing=missing)
        if len(options) == 1 and isinstance(options[0], Mapping):
            mapping = dict(options[0])
        else:
            mapping = {}
            for option in options:
                if not isinstance(option, str):
                    raise TypeError("Choice options are strings, or one mapping")
                mapping[option] = None
        self.quoted = quoted
        self.options: tuple[str, ...] = tuple(mapping)
        self._by_word: dict[str, tuple[str, Any]] = {}
        self._value_short: dict[Any, str] = {}
        for option, mapped in mapping.items():
            element = parse_pattern(option).elements[0]
            value = element.short if mapped is None else mapped
            for word in {element.short, element.long}:
                if word in self._by_word:
                    raise TypeError(f"Choice option {option!r} clashes with another option")
                self._by_word[word] = (element.short, value)
            self._value_short.setdefault(value, element.short)

    def parse(self, token: Token, ctx: ParseContext) -> Any:
        if token.kind == "char" or (token.kind == "str" and self.quoted):
            word = str(token.value).strip().upper()
            hit = self._by_word.get(word)
            if hit is not None:
                return hit[1]
            if word in ("DEF", "DEFAULT") and ctx.default is not None:
                return ctx.default
            raise ScpiError(INVALID_CHARACTER_DATA if token.kind == "char" else ILLEGAL_PARAMETER_VALUE, token.text)
        raise ScpiError(DATA_TYPE_ERROR, f"{token.kind} data where one of {', '.join(self.options)} goes")

    def coerce(self, value: Any) -> Any:
        if isinstance(value, str):
            hit = self._by_word.get(value.strip().upper())
            if hit is not None:
                return hit[1]
        try:
            if value in self._value_short:
                return value
        except TypeError:
            pass
        raise ScpiError(ILLEGAL_PARAMETER_VALUE, f"{value!r} is not one of {', '.join(self.options)}")

    def format(self, value: Any) -> str:
        short = self._value_short.get(value)
        return short if short is not None else str(value)

    def describe(self) -> str:
        return "|".join(self.options)


class String(ValueType):
    """A quoted string (-104 for other data unless `unquoted=True` also takes character data); answered in
    double quotes with embedded quotes doubled."""

    def __init__(self, *, max_length: int | None = None, unquoted: bool = False, optional: bool = False, missing: Any = None):
        super().__init__(optional=optional, missing=missing)
        self.max_length = max_length
        self.unquoted = unquoted

    def parse(self, token: Token, ctx: ParseContext) -> str:
        if token.kind == "str" or (token.kind == "char" and self.unquoted):
            return self.coerce(token.value if token.kind == "str" else token.text)
        raise ScpiError(DATA_TYPE_ERROR, f"{token.kind} data where a string goes")

    def coerce(self, value: Any) -> str:
        text = str(value)
        if self.max_length is not None and len(text) > self.max_length:
            raise ScpiError(-223, f"at most {self.max_length} characters")
        return text

    def format(self, value: Any) -> str:
        return '"' + str(value).replace('"', '""') + '"'


class Block(ValueType):
    """An arbitrary block (`#<n><length><bytes>` or `#0...`); answered as a definite block."""

    def __init__(self, *, max_length: int | None = None, optional: bool = False, missing: Any = None):
        super().__init__(optional=optional, missing=missing)
        self.max_length = max_length

    def parse(self, token: Token, ctx: ParseContext) -> bytes:
        if token.kind != "block":
            raise ScpiError(DATA_TYPE_ERROR, f"{token.kind} data where a block goes")
        return self.coerce(token.value)

    def coerce(self, value: Any) -> bytes:
        data = bytes(value)
        if self.max_length is not None and len(data) > self.max_length:
            raise ScpiError(-223, f"at most {self.max_length} bytes")
        return data

    def format(self, value: Any) -> str:
        return format_block(bytes(value))


class ChannelList(ValueType):
    """A SCPI channel list `(@1,3:5,2!4)`: a tuple of ints, ranges expanded, `a!b` as an (a, b) pair."""

    def __init__(self, *, max_channels: int = 4096, optional: bool = False, missing: Any = None):
        super().__init__(optional=optional, missing=missing)
        self.max_channels = max_channels

    def parse(self, token: Token, ctx: ParseContext) -> tuple:
        if token.kind != "expr":
            raise ScpiError(DATA_TYPE_ERROR, f"{token.kind} data where a channel list goes")
        return self.coerce(token.value)

    def coerce(self, value: Any) -> tuple:
        if not isinstance(value, str):
            return tuple(value)
        text = value.strip()
        if not (text.startswith("(@") and text.endswith(")")):
            raise ScpiError(EXPRESSION_ERROR, "a channel list is (@...)")
        channels: list = []
        for item in filter(None, (part.strip() for part in text[2:-1].split(","))):
            try:
                if ":" in item:
                    first, last = (int(part) for part in item.split(":"))
                    if last < first or last - first >= self.max_channels:
                        raise ValueError
                    channels.extend(range(first, last + 1))
                elif "!" in item:
                    channels.append(tuple(int(part) for part in item.split("!")))
                else:
                    channels.append(int(item))
            except ValueError:
                raise ScpiError(EXPRESSION_ERROR, item[:20]) from None
            if len(channels) > self.max_channels:
                raise ScpiError(-223, "too many channels")
        return tuple(channels)

    def format(self, value: Any) -> str:
        items = ["!".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in value]
        return "(@" + ",".join(items) + ")"


class Raw(ValueType):
    """Any data element, handed over as its Token (for parameters a handler reads itself)."""

    def parse(self, token: Token, ctx: ParseContext) -> Token:
        return token

    def format(self, value: Any) -> str:
        return value.text if isinstance(value, Token) else str(value)


class ListOf(ValueType):
    """The remaining parameters, each of type `item` (`min_count` to `max_count` of them); last only."""

    def __init__(self, item: ValueType, *, min_count: int = 1, max_count: int | None = None):
        super().__init__(optional=min_count == 0, missing=())
        self.item = item
        self.min_count = min_count
        self.max_count = max_count

    def format(self, value: Any) -> str:
        return ",".join(self.item.format(v) for v in value)

    def limits(self) -> dict[str, float]:
        return self.item.limits()

    def describe(self) -> str:
        return f"list of {self.item.describe()}"


def format_block(data: bytes) -> str:
    """A definite-length arbitrary block response, as latin-1 text."""
    length = str(len(data))
    return f"#{len(length)}{length}" + data.decode("latin-1")


def format_auto(value: Any) -> str:
    """Response text for a handler's plain Python result: str as is, bool 1/0, int NR1, float NR3,
    bytes as a block, sequences comma-separated."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return format_nr1(value)
    if isinstance(value, float):
        return format_nr3(value, NR3_TEMPLATE)
    if isinstance(value, (bytes, bytearray)):
        return format_block(bytes(value))
    if isinstance(value, (list, tuple)):
        return ",".join(format_auto(v) for v in value)
    if value is None:
        return ""
    try:
        return format_nr3(float(value), NR3_TEMPLATE)
    except (TypeError, ValueError):
        return str(value)


def _g(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
