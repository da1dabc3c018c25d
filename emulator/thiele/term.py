"""What a Thiele force law is: a frozen dataclass that composes with `+` and hands the kernel its records.

A law's dataclass holds its parameters (symbols, units, sources). `records()` turns them into kernel records:
small `NamedTuple`s of SI floats and arrays, each of one role (its class attribute `ROLE`), whose kernel
function the law's file registers for that role's hook (`emulator/thiele/hooks.py`). A law returns no record
for a part that would contribute exactly nothing (a zero coefficient, no wells), so the kernel does not
evaluate it. A new law is one file (dataclass, records, overloads) listed in `force_field.LAWS`, which the
contract test (tests/emulator/test_thiele_laws.py) runs over.
"""
from __future__ import annotations

LOCAL = "local"
"""A force on one skyrmion from its own position and drive (N): hook `local_force`."""
EDGE = "edge"
"""An edge force (N), summed in one pass over the outline: hook `edge_push` (a push along the inward normal at a
distance) or, for a record class with SEGMENT_LAW = True, hook `edge_segment` (the force of a whole segment)."""
PAIR = "pair"
"""A central skyrmion-skyrmion force (N) and the stray fields the two exert (T): hook `pair_push`."""
FRICTION = "friction"
"""A threshold applied to the net force, at most one law: hook `apply_friction`."""
HEATING = "heating"
"""The film's Joule temperature rise, at most one law: hook `relax_rise`."""
NOISE = "noise"
"""The Langevin force, at most one law: hook `thermal_force`."""
ROLES = (LOCAL, EDGE, PAIR, FRICTION, HEATING, NOISE)
"""Every role a record can have, in the order the kernel model lists them."""
SINGLE = (FRICTION, HEATING, NOISE)
"""Roles of which a model holds at most one record."""


class ForceTerm:
    """Mixin for force-law dataclasses: `a + b` gives ForceField((a, b))."""

    def __add__(self, other):
        from emulator.thiele.force_field import ForceField

        return ForceField((self,)) + other

    def records(self) -> tuple:  # pragma: no cover - every term overrides
        """The kernel records of this law (NamedTuples with a `ROLE`), in the order they add."""
        raise NotImplementedError
