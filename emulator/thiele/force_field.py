"""Sum of Thiele force terms, composed with `+` (a duplicate term is rejected), packed for the kernel."""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.thiele.dipolar import DipolarRepulsion
from emulator.thiele.exchange_tail import ExchangeRepulsion
from emulator.thiele.heating import Heating
from emulator.thiele.pinning import Pinning
from emulator.thiele.sot import SOTDrive

TERMS = (SOTDrive, DipolarRepulsion, ExchangeRepulsion, Pinning, Heating)
"""Every force term type the kernel knows."""


@dataclasses.dataclass(frozen=True)
class ForceField:
    """A set of force terms, at most one of each type."""

    terms: tuple = ()

    def __post_init__(self):
        kinds = [type(term) for term in self.terms]
        for term in self.terms:
            if not isinstance(term, TERMS):
                raise TypeError(f"{type(term).__name__} is not a Thiele force term")
        duplicates = {k.__name__ for k in kinds if kinds.count(k) > 1}
        if duplicates:
            raise ValueError(f"duplicate force terms: {', '.join(sorted(duplicates))}")

    def __add__(self, other) -> "ForceField":
        others = other.terms if isinstance(other, ForceField) else (other,)
        return ForceField(self.terms + tuple(others))

    __radd__ = __add__

    def get(self, kind):
        """The term of type `kind`, or None."""
        for term in self.terms:
            if isinstance(term, kind):
                return term
        return None

    def fill(self, P: np.ndarray) -> None:
        for term in self.terms:
            term.fill(P)
