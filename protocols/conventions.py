"""The declaration conventions every instrument class keeps, checked over all of them by one test.

`check_instrument_class(cls)` returns a list of problems (empty when the class is clean):
- every header pattern parses, each long mnemonic has at most 12 characters;
- every declaration has a doc line and a snake_case attribute name;
- every numeric limit (low, high, step, allowed values) equals a named UPPER_CASE constant of the
  instrument's module or class: limits are named, never magic numbers (the limited types already refuse to
  be built without a deliberate `out_of_range` choice);
- every unit is one the numeric suffix table knows;
- every default passes its own type's checks unchanged;
- a setting has a query form: a ScpiProperty unless `readonly`, a command that takes parameters unless it
  gives `write_only="why"` (or another declaration answers the same header's query);
- no two nodes at one tree level share a short or long form (the tree refuses those when it is built).
"""
from __future__ import annotations

import math
import re
import sys
from typing import Any

from protocols.declare import Declaration, ScpiCommand, ScpiProperty, ScpiQuery, declarations_of
from protocols.message import MAX_MNEMONIC_LENGTH
from protocols.numeric import UNIT_SUFFIXES
from protocols.values import ValueType, _Number

_SNAKE = re.compile(r"_?[a-z][a-z0-9_]*")


def named_constants(cls: type) -> dict[str, float]:
    """UPPER_CASE numeric constants of the class's module and of the class and its bases."""
    found: dict[str, float] = {}
    scopes: list[dict[str, Any]] = []
    for klass in reversed(cls.__mro__):
        module = sys.modules.get(klass.__module__)
        if module is not None:
            scopes.append(vars(module))
        scopes.append(vars(klass))
    for scope in scopes:
        for name, value in scope.items():
            if name.isupper() and isinstance(value, (int, float)) and not isinstance(value, bool):
                found[name] = float(value)
    return found


def _is_named(value: float, constants: dict[str, float]) -> bool:
    return any(math.isclose(value, constant, rel_tol=1e-12, abs_tol=0.0) or value == constant for constant in constants.values())


def _header_key(declaration: Declaration) -> tuple[str, ...]:
    return tuple(element.long for element in declaration.pattern.elements)


def check_instrument_class(cls: type) -> list[str]:
    """Problems with `cls`'s declarations; [] when it keeps every convention."""
    problems: list[str] = []
    constants = named_constants(cls)
    declarations = declarations_of(cls)
    queried = {
        _header_key(d)
        for decls in declarations.values()
        for d in decls
        if (isinstance(d, ScpiProperty) and d.write_only is None) or isinstance(d, ScpiQuery)
    }
    for attribute, decls in declarations.items():
        if not _SNAKE.fullmatch(attribute):
            problems.append(f"{cls.__name__}.{attribute}: attribute names are snake_case")
        for declaration in decls:
            where = f"{cls.__name__}.{attribute} ({declaration.header})"
            for element in declaration.pattern.elements:
                if len(element.long) > MAX_MNEMONIC_LENGTH:
                    problems.append(f"{where}: mnemonic {element.long} is longer than {MAX_MNEMONIC_LENGTH}")
            if not declaration.doc:
                problems.append(f"{where}: no doc line")
            for vtype in declaration.value_types():
                problems.extend(_check_type(where, vtype, constants))
            if isinstance(declaration, ScpiProperty):
                problems.extend(_check_default(where, declaration))
                if declaration.write_only is not None and not str(declaration.write_only).strip():
                    problems.append(f"{where}: write_only needs the reason the query is missing")
            if isinstance(declaration, ScpiCommand) and declaration.params and not declaration.pattern.common:
                if declaration.write_only is None and _header_key(declaration) not in queried:
                    problems.append(f"{where}: a setting without a query form (declare one, or write_only='why')")
    return problems


def _check_type(where: str, vtype: ValueType, constants: dict[str, float]) -> list[str]:
    problems = []
    for name, value in vtype.limits().items():
        if not _is_named(float(value), constants):
            problems.append(f"{where}: limit {name}={value!r} is not a named UPPER_CASE constant")
    unit = getattr(vtype, "unit", None)
    if unit is not None and unit not in UNIT_SUFFIXES:
        problems.append(f"{where}: unit {unit!r} is not in protocols.numeric.UNIT_SUFFIXES")
    item = getattr(vtype, "item", None)
    if isinstance(item, ValueType):
        problems.extend(_check_type(where, item, constants))
    return problems


def _check_default(where: str, declaration: ScpiProperty) -> list[str]:
    default = declaration.default
    if default is None:
        return [] if declaration.readonly else [f"{where}: a setting needs a default (*RST restores it)"]
    try:
        coerced = declaration.vtype.coerce(default)
    except Exception as error:  # the check reports, it does not stop at the first bad class
        return [f"{where}: default {default!r} fails its own type: {error}"]
    if isinstance(declaration.vtype, _Number):
        same = coerced == default or (isinstance(coerced, float) and math.isclose(coerced, float(default)))
    else:
        same = coerced == default
    return [] if same else [f"{where}: default {default!r} becomes {coerced!r} under its own type"]
