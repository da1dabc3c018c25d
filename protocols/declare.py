"""Declaring an instrument's SCPI commands once: properties, commands and queries.

In the spirit of PyMeasure's `Instrument.control`, each setting is one class attribute:

    width = ScpiProperty("[:SOURce]:PULSe:WIDTh",
                         Float(unit="s", low=PULSE_WIDTH_MIN, high=PULSE_WIDTH_MAX, out_of_range="error"),
                         default=PULSE_WIDTH_DEFAULT, doc="Pulse width (s).")

gives the set form (`PULS:WIDT 100NS`), the query form (`PULS:WIDT?`, also `PULS:WIDT? MIN|MAX|DEF`),
*RST to the default, and the Python attribute `instrument.width` with the same checks (a rejected value
raises `skybench.errors.ParameterError`). Hooks: `get(instrument, **suffixes)` computes the value
instead of the stored one, `set(instrument, value, **suffixes)` acts on a new value before it is stored
(raise `ScpiError(SETTINGS_CONFLICT)` to refuse it; return a value to store that one instead). A hook is a
callable or the name of a method.

Actions and measurements are methods:

    @scpi_command("INITiate[:IMMediate]")
    def initiate(self): ...

    @scpi_query("FETCh?", returns=Float())
    def fetch(self): return self.last_reading

A query may return a `Deferred` (a response that needs simulated time, e.g. READ? during its integration
time); the session produces it when the instrument's clock says it is ready.
"""
from __future__ import annotations

from typing import Any, Callable

from protocols.errors import MISSING_PARAMETER, PARAMETER_NOT_ALLOWED, ScpiError
from protocols.message import Token
from protocols.tree import Pattern, parse_pattern
from protocols.values import ListOf, ParseContext, ValueType, format_auto
from skybench.errors import ParameterError

#: The words a query of a numeric property may carry (`WIDT? MAX`).
QUERY_SPECIALS = frozenset({"MIN", "MINIMUM", "MAX", "MAXIMUM", "DEF", "DEFAULT"})


class Deferred:
    """A response that is not ready yet: `ready()` says whether it can be produced, `produce()` gives the
    response value (it may raise ScpiError, e.g. -230 for stale data). `returns` formats the value.
    `wait(timeout) -> bool`, if given, is how to wait for it (else the instrument's `advance_until`)."""

    __slots__ = ("ready", "produce", "returns", "wait")

    def __init__(
        self,
        ready: Callable[[], bool],
        produce: Callable[[], Any],
        returns: ValueType | None = None,
        wait: Callable[[float | None], bool] | None = None,
    ):
        self.ready = ready
        self.produce = produce
        self.returns = returns
        self.wait = wait

    def text(self) -> str:
        """Produce and format the response."""
        value = self.produce()
        if isinstance(value, Deferred):
            return value.text()
        return self.returns.format(value) if self.returns is not None else format_auto(value)


class Declaration:
    """What every declaration has: the header pattern, a doc line and the attribute name it is bound to."""

    kinds: tuple[str, ...] = ()

    def __init__(self, header: str, doc: str = "", write_only: str | None = None):
        self.header = header
        self.pattern: Pattern = parse_pattern(header)
        self.doc = doc
        self.write_only = write_only
        self.name = ""

    def handlers(self) -> dict[str, Callable[[Any, tuple[Token, ...], dict[str, int]], Any]]:
        """kind ('set' or 'query') -> handler(instrument, params, suffixes)."""
        raise NotImplementedError

    def value_types(self) -> list[ValueType]:
        """Every value type this declaration uses (for the conventions check)."""
        return []


def _hook(hook: Callable | str | None) -> Callable | None:
    if hook is None or callable(hook):
        return hook
    name = str(hook)
    return lambda instrument, *args, **kwargs: getattr(instrument, name)(*args, **kwargs)


class ScpiProperty(Declaration):
    """One SCPI setting: set and query forms, a default restored by *RST, and a Python attribute.

    `readonly=True` declares only the query form (a measured or derived value; `get` or `store` provides
    it). `write_only="reason"` declares only the set form and says why the instrument has no query.
    `reset=False` keeps the value through *RST (an interface setting, say).
    """

    def __init__(
        self,
        header: str,
        vtype: ValueType,
        *,
        default: Any = None,
        doc: str = "",
        get: Callable | str | None = None,
        set: Callable | str | None = None,
        readonly: bool = False,
        write_only: str | None = None,
        reset: bool = True,
    ):
        super().__init__(header, doc, write_only)
        self.vtype = vtype
        self.default = default
        self._get = _hook(get)
        self._set = _hook(set)
        self.readonly = readonly
        self.reset = reset
        self.suffix_names = tuple(e.suffix.name for e in self.pattern.elements if e.suffix is not None)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    # --- Python side -------------------------------------------------------------------------------
    def __get__(self, instrument: Any, owner: type | None = None) -> Any:
        if instrument is None:
            return self
        return self.get(instrument)

    def __set__(self, instrument: Any, value: Any) -> None:
        if self.readonly:
            raise AttributeError(f"{self.name} is read-only (a measured value)")
        self.set(instrument, value)

    def _key(self, suffixes: dict[str, int]) -> tuple:
        return tuple(suffixes.get(name, _default_suffix(self.pattern, name)) for name in self.suffix_names)

    def get(self, instrument: Any, **suffixes: int) -> Any:
        """The present value (through the `get` hook if there is one)."""
        if self._get is not None:
            return self._get(instrument, **suffixes)
        return self.load(instrument, **suffixes)

    def load(self, instrument: Any, **suffixes: int) -> Any:
        """The stored value, bypassing the `get` hook."""
        slot = instrument._scpi_state.get(self.name)
        if not self.suffix_names:
            return slot
        return slot.get(self._key(suffixes), self.default) if slot is not None else self.default

    def store(self, instrument: Any, value: Any, **suffixes: int) -> None:
        """Store `value` as is (no checks, no hook): for the instrument's own updates."""
        if not self.suffix_names:
            instrument._scpi_state[self.name] = value
        else:
            instrument._scpi_state.setdefault(self.name, {})[self._key(suffixes)] = value

    def set(self, instrument: Any, value: Any, **suffixes: int) -> None:
        """Set from Python with the wire's checks; a rejected value raises ParameterError."""
        try:
            value = self.vtype.coerce(value)
            self._apply(instrument, value, suffixes)
        except ScpiError as error:
            raise ParameterError(self.name, value, f"{self.vtype.describe()} ({error.entry()})") from None

    def _apply(self, instrument: Any, value: Any, suffixes: dict[str, int]) -> None:
        if self._set is not None:
            replaced = self._set(instrument, value, **suffixes)
            if replaced is not None:
                value = replaced
        self.store(instrument, value, **suffixes)

    def restore_default(self, instrument: Any) -> None:
        """Back to the default (every suffix), as *RST does."""
        instrument._scpi_state[self.name] = {} if self.suffix_names else self.default

    # --- wire side ---------------------------------------------------------------------------------
    def handlers(self):
        found = {}
        if not self.readonly:
            found["set"] = self._wire_set
        if self.write_only is None:
            found["query"] = self._wire_query
        return found

    def _wire_set(self, instrument: Any, params: tuple[Token, ...], suffixes: dict[str, int]) -> None:
        if not params:
            raise ScpiError(MISSING_PARAMETER, self.header)
        if len(params) > 1:
            raise ScpiError(PARAMETER_NOT_ALLOWED, f"{self.header} takes one parameter")
        ctx = ParseContext(self.default, lambda: self.load(instrument, **suffixes))
        value = self.vtype.parse(params[0], ctx)
        self._apply(instrument, value, suffixes)
        for note in ctx.notes:
            instrument.push_error(note)

    def _wire_query(self, instrument: Any, params: tuple[Token, ...], suffixes: dict[str, int]) -> str:
        if params:
            word = params[0].value if params[0].kind == "char" else None
            if len(params) > 1 or word not in QUERY_SPECIALS:
                raise ScpiError(PARAMETER_NOT_ALLOWED, f"{self.header}? takes MIN, MAX or DEF only")
            return self.vtype.format(self.vtype.special(word, ParseContext(self.default)))
        return self.vtype.format(self.get(instrument, **suffixes))

    def value_types(self) -> list[ValueType]:
        return [self.vtype]


class _Method(Declaration):
    def __init__(self, header: str, params: tuple[ValueType, ...], doc: str, write_only: str | None):
        super().__init__(header, doc, write_only)
        self.params = params
        self.function: Callable | None = None
        for position, vtype in enumerate(params):
            if isinstance(vtype, ListOf) and position != len(params) - 1:
                raise TypeError(f"{header}: ListOf must be the last parameter")

    def bind(self, function: Callable) -> None:
        self.function = function
        self.name = function.__name__
        if not self.doc:
            self.doc = (function.__doc__ or "").strip()

    def value_types(self) -> list[ValueType]:
        return list(self.params)


class ScpiCommand(_Method):
    """A command bound to a method: `method(self, *values, **suffixes)`."""

    def handlers(self):
        def handler(instrument, params, suffixes):
            values = parse_params(self.params, params, self.header, instrument)
            getattr(instrument, self.name)(*values, **suffixes)

        return {"set": handler}


class ScpiQuery(_Method):
    """A query bound to a method returning the response value (or a Deferred); `returns` formats it."""

    def __init__(self, header: str, params, doc: str, returns: ValueType | None):
        super().__init__(header, params, doc, None)
        self.returns = returns

    def handlers(self):
        def handler(instrument, params, suffixes):
            values = parse_params(self.params, params, self.header, instrument)
            result = getattr(instrument, self.name)(*values, **suffixes)
            if isinstance(result, Deferred):
                if result.returns is None and self.returns is not None:
                    result.returns = self.returns
                return result
            return self.returns.format(result) if self.returns is not None else format_auto(result)

        return {"query": handler}

    def value_types(self) -> list[ValueType]:
        return list(self.params) + ([self.returns] if self.returns is not None else [])


def scpi_command(header: str, *params: ValueType, doc: str = "", write_only: str | None = None):
    """Bind a method to the set form of `header`; its parameters are parsed by `params` in order."""

    def decorate(function: Callable) -> Callable:
        declaration = ScpiCommand(header, params, doc, write_only)
        declaration.bind(function)
        function.__dict__.setdefault("__scpi__", []).append(declaration)
        return function

    return decorate


def scpi_query(header: str, *params: ValueType, returns: ValueType | None = None, doc: str = ""):
    """Bind a method to the query form of `header` (a trailing '?' in `header` is optional)."""

    def decorate(function: Callable) -> Callable:
        declaration = ScpiQuery(header.rstrip("?"), params, doc, returns)
        declaration.bind(function)
        function.__dict__.setdefault("__scpi__", []).append(declaration)
        return function

    return decorate


def parse_params(types: tuple[ValueType, ...], params: tuple[Token, ...], header: str, instrument: Any) -> list:
    """Parse `params` by `types`: -109 when too few, -108 when too many; queue clipping notes."""
    values: list[Any] = []
    ctx = ParseContext()
    count = len(params)
    for position, vtype in enumerate(types):
        if isinstance(vtype, ListOf):
            rest = params[position:]
            if len(rest) < vtype.min_count:
                raise ScpiError(MISSING_PARAMETER, header)
            if vtype.max_count is not None and len(rest) > vtype.max_count:
                raise ScpiError(PARAMETER_NOT_ALLOWED, f"{header} takes at most {vtype.max_count} values")
            values.append(tuple(vtype.item.parse(token, ctx) for token in rest))
            count = position
            break
        if position < len(params):
            values.append(vtype.parse(params[position], ctx))
        elif vtype.optional:
            values.append(vtype.missing)
        else:
            raise ScpiError(MISSING_PARAMETER, header)
    else:
        if count > len(types):
            raise ScpiError(PARAMETER_NOT_ALLOWED, f"{header} takes {len(types)} parameter(s)")
    for note in ctx.notes:
        instrument.push_error(note)
    return values


def _default_suffix(pattern: Pattern, name: str) -> int:
    for element in pattern.elements:
        if element.suffix is not None and element.suffix.name == name:
            return element.suffix.low
    raise KeyError(name)


def declarations_of(cls: type) -> dict[str, list[Declaration]]:
    """Attribute name -> its declarations, through the MRO. A subclass declaration replaces its base's; a
    plain method overriding a declared one keeps the declaration (the wire calls the override)."""
    found: dict[str, list[Declaration]] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, ScpiProperty):
                found[name] = [value]
            elif callable(value) and "__scpi__" in getattr(value, "__dict__", {}):
                found[name] = list(value.__dict__["__scpi__"])
            elif value is None and name in found:
                del found[name]  # `name = None` in a subclass removes a command
    return found
