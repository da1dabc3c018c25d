"""Energy terms and their sum.

Every term is a small frozen dataclass whose fields are the symbols of its equation. It provides

- `add_field(m, out, magnet, t)`: accumulate its effective field B = -(1/Ms) de/dm (tesla; B = mu0 H) into
  `out` (shape (3, ny, nx));
- `energy_density(m, magnet, t)`: its energy density e (J/m^3) per cell, with the same prefactor convention, so
  that the field is minus the gradient of E = sum(e) dV divided by Ms dV (the shared contract test checks
  this by finite differences for every term in `emulator.llg.terms.ALL_TERMS`);
- `max_field(magnet)`: an upper bound (T) of |B| per unit |m| (the stiffness that limits explicit steps);
- `breakpoints()`: times (s) where the term changes discontinuously (pulse edges), for the steppers;
- `local_coefficients(magnet, t, c)`: its share of the fused local kernel (`emulator.llg.local`), if any.

Terms compose with `+` into an `Energy` (Ubermag style); adding a term whose `name` is already present is
rejected, and terms may check that they agree with the others (`check_with`, e.g. DMI's boundary condition
needs the exchange stiffness).
"""
from __future__ import annotations

import dataclasses
from typing import Iterable

import numpy as np

from skybench.errors import ParameterError


class EnergyTerm:
    """Base class of the energy terms (mixin for frozen dataclasses)."""

    @property
    def name(self) -> str:
        """Unique name of the term inside an `Energy` (dimensionless label)."""
        return type(self).__name__.lower()

    def add_field(self, m: np.ndarray, out: np.ndarray, magnet, t: float = 0.0) -> None:
        raise NotImplementedError

    def energy_density(self, m: np.ndarray, magnet, t: float = 0.0) -> np.ndarray:
        raise NotImplementedError

    def quadratic_energy_density(self, m: np.ndarray, magnet, t: float = 0.0) -> np.ndarray:
        """e = -(1/2) Ms m . B_term (J/m^3): the energy density of a term quadratic in m (exchange, DMI, demag),
        whose field is linear in m (the factor 1/2 of a quadratic form)."""
        field = np.zeros_like(m)
        self.add_field(m, field, magnet, t)
        return -0.5 * magnet.Ms * np.sum(m * field, axis=0)

    def max_field(self, magnet) -> float:
        raise NotImplementedError

    def breakpoints(self) -> tuple[float, ...]:
        """Times (s) of discontinuities; none for a static term."""
        return ()

    def local_coefficients(self, magnet, t: float, coefficients: np.ndarray) -> bool:
        """Add this term's part of the fused local kernel (`emulator.llg.local.COEFFICIENTS`) at time t and
        return True, or return False if the term is not local and uniform (then its `add_field` is used)."""
        return False

    def add_static_field(self, magnet, t: float, out: np.ndarray) -> bool:
        """If this term's field does not depend on m (an applied field), add it at time t to `out` (T, shape
        (3, ny, nx)) and return True; otherwise return False (default)."""
        return False

    def check(self, magnet) -> None:
        """Warn or raise if this term is badly resolved or invalid on `magnet` (default: nothing)."""

    def check_with(self, others: tuple["EnergyTerm", ...]) -> None:
        """Raise if this term disagrees with the other terms of the sum (default: nothing)."""

    def __add__(self, other) -> "Energy":
        return Energy((self,)) + other


@dataclasses.dataclass(frozen=True)
class Energy:
    """A sum of energy terms: the total effective field and the energy per term."""

    terms: tuple[EnergyTerm, ...] = ()
    """The terms, in the order they were added."""

    def __post_init__(self):
        names = [t.name for t in self.terms]
        for name in names:
            if names.count(name) > 1:
                raise ParameterError("energy terms", names, f"distinct terms (duplicate '{name}')")
        for term in self.terms:
            term.check_with(tuple(t for t in self.terms if t is not term))

    def __add__(self, other) -> "Energy":
        if isinstance(other, Energy):
            return Energy(self.terms + other.terms)
        if isinstance(other, EnergyTerm):
            return Energy(self.terms + (other,))
        return NotImplemented

    def __radd__(self, other):
        if other == 0:  # allows sum(terms)
            return self
        return NotImplemented

    def __iter__(self) -> Iterable[EnergyTerm]:
        return iter(self.terms)

    def __getitem__(self, name: str) -> EnergyTerm:
        for term in self.terms:
            if term.name == name:
                return term
        raise KeyError(name)

    def __contains__(self, name: str) -> bool:
        return any(t.name == name for t in self.terms)

    @property
    def names(self) -> tuple[str, ...]:
        """Term names, in order."""
        return tuple(t.name for t in self.terms)

    def field(self, m: np.ndarray, magnet, t: float = 0.0, out: np.ndarray | None = None) -> np.ndarray:
        """Total effective field B_eff (T), shape (3, ny, nx); written into `out` if given (Set, not Add)."""
        if out is None:
            out = np.zeros_like(m)
        else:
            out[...] = 0.0
        for term in self.terms:
            term.add_field(m, out, magnet, t)
        return out

    def energy_densities(self, m: np.ndarray, magnet, t: float = 0.0) -> dict[str, np.ndarray]:
        """Energy density per term (J/m^3), each of shape (ny, nx)."""
        return {term.name: term.energy_density(m, magnet, t) for term in self.terms}

    def energies(self, m: np.ndarray, magnet, t: float = 0.0) -> dict[str, float]:
        """Energy per term (J): sum of the density times the cell volume."""
        volume = magnet.mesh.cell_volume
        return {name: float(e.sum() * volume) for name, e in self.energy_densities(m, magnet, t).items()}

    def total_energy(self, m: np.ndarray, magnet, t: float = 0.0) -> float:
        """Total energy (J)."""
        return float(sum(self.energies(m, magnet, t).values()))

    def max_field(self, magnet) -> float:
        """Upper bound of the field per unit magnetisation (T), summed over terms."""
        return float(sum(term.max_field(magnet) for term in self.terms))

    def breakpoints(self) -> tuple[float, ...]:
        """Sorted discontinuity times (s) of all terms."""
        return tuple(sorted(set(b for term in self.terms for b in term.breakpoints())))

    def check(self, magnet) -> None:
        """Run every term's resolution and validity checks on `magnet`."""
        for term in self.terms:
            term.check(magnet)
