"""Sum of Thiele force laws, composed with `+` (a duplicate law is rejected), and their kernel records."""
from __future__ import annotations

import dataclasses

from emulator.thiele import term
from emulator.thiele.dipolar import DipolarRepulsion
from emulator.thiele.exchange_tail import ExchangeRepulsion
from emulator.thiele.heating import Heating
from emulator.thiele.pinning import Pinning
from emulator.thiele.sot import SOTDrive
from emulator.thiele.term import ForceTerm

LAWS = (SOTDrive, DipolarRepulsion, ExchangeRepulsion, Pinning, Heating)
"""Every force law of the particle model (the contract test runs over these)."""


@dataclasses.dataclass(frozen=True)
class ForceField:
    """A set of force laws, at most one of each type, in the order they were added."""

    terms: tuple = ()

    def __post_init__(self):
        kinds = [type(t) for t in self.terms]
        for t in self.terms:
            if not isinstance(t, ForceTerm):
                raise TypeError(f"{type(t).__name__} is not a Thiele force term")
        duplicates = {k.__name__ for k in kinds if kinds.count(k) > 1}
        if duplicates:
            raise ValueError(f"duplicate force terms: {', '.join(sorted(duplicates))}")
        singles = [r.ROLE for r in self.records() if r.ROLE in term.SINGLE]
        repeated = {role for role in singles if singles.count(role) > 1}
        if repeated:
            raise ValueError(f"more than one force term with a {', '.join(sorted(repeated))} law")

    def __add__(self, other) -> "ForceField":
        others = other.terms if isinstance(other, ForceField) else (other,)
        return ForceField(self.terms + tuple(others))

    __radd__ = __add__

    def get(self, kind):
        """The term of type `kind`, or None."""
        for t in self.terms:
            if isinstance(t, kind):
                return t
        return None

    def records(self) -> tuple:
        """Kernel records of every law, in the order the laws were added."""
        return tuple(r for t in self.terms for r in t.records())
