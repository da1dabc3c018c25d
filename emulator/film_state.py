"""The domain state of the whole film along the field axis: saturated (with isolated skyrmions) or stripes.

A perpendicular multilayer swept in B_z is hysteretic because reversed domains must first be nucleated:
- saturated, polarity s = +-1: the background is uniform along s; isolated skyrmions (the particle engine)
  live in it at the field s B_z along the background. The film stays saturated, metastable, until either
  (a) reversed domains enter by thermal nucleation at the film's nucleation sites with no current, at the rate
      sum_k f0 exp(-E_k / k_B T),  E_k = E_n0,k + m_n (s B_z - B_ref)    (the nucleation law of rates.py at
      j = 0, the same sites and barriers that write skyrmions under current), or
  (b) a written skyrmion runs out: below the strip-out field B_so (the lowest field at which the bubble model
      of bubble.py has an equilibrium radius, i.e. the isolated reversed cylinder no longer has a finite size)
      it expands into a stripe and seeds the labyrinth (Thiele, J. Appl. Phys. 41, 1139 (1970)).
  Both move the film to the stripe state.
- stripes: the equilibrium stripe array of stripe_domains.py, M_z / M_s = m_eq(B_z), until m_eq reaches +-1,
  where the film is saturated along the field.

The state is owned by the device (emulator/device.py); this object holds it and applies the transitions.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from emulator.material import K_B
from emulator.stripe_domains import StripeDomainModel

SATURATED = "saturated"
"""Uniform background (plus isolated skyrmions)."""
STRIPES = "stripes"
"""Equilibrium stripe / labyrinth domains."""


@dataclasses.dataclass(frozen=True)
class DomainEntry:
    """Zero-current nucleation of reversed domains in a saturated film (transition (a) above)."""

    barriers: np.ndarray
    """E_n0 of each nucleation site at B_ref (J)."""
    nucleus_moment: float
    """m_n (J/T)."""
    reference_field: float
    """B_ref (T)."""
    attempt_frequency: float
    """f0 (1/s)."""

    def rate(self, field_along: float, temperature: float) -> float:
        """Total entry rate (1/s) at field `field_along` (T, along the background) and temperature (K)."""
        if self.barriers.size == 0:
            return 0.0
        energy = np.maximum(self.barriers + self.nucleus_moment * (field_along - self.reference_field), 0.0)
        if temperature <= 0.0:
            return self.attempt_frequency * float(np.count_nonzero(energy == 0.0))
        return self.attempt_frequency * float(np.exp(-energy / (K_B * temperature)).sum())


class FilmState:
    """Saturated or stripe state of one film, with its polarity; transitions logged by the caller."""

    def __init__(self, stripes: StripeDomainModel, entry: DomainEntry, strip_out_field: float,
                 temperature: float, polarity: int = 1):
        self.stripes = stripes
        self.entry = entry
        self.strip_out_field = strip_out_field
        """B_so (T): below it (along the background) a written skyrmion runs out into a stripe."""
        self.temperature = temperature
        self.polarity = polarity
        """Direction of the saturated background (+1 up, -1 down); the last saturation's in the stripe state."""
        self.phase = SATURATED

    @property
    def saturated(self) -> bool:
        return self.phase == SATURATED

    def dwell(self, field: float, duration: float, rng: np.random.Generator) -> str | None:
        """A saturated film held at `field` (T) for `duration` (s) with no current: returns 'domains_entered'
        if reversed domains nucleated (the film is then in the stripe state), else None."""
        if self.phase != SATURATED or duration <= 0.0:
            return None
        if self.stripes.equilibrium(np.array([field]))[0][0] * self.polarity >= 1.0:
            return None  # the saturated film is the equilibrium: nothing to enter
        rate = self.entry.rate(self.polarity * field, self.temperature)
        if rate > 0.0 and rng.random() < -math.expm1(-rate * duration):
            self.phase = STRIPES
            return "domains_entered"
        return None

    def apply_field(self, field: float, has_skyrmions: bool) -> str | None:
        """Transitions that a new field (T) causes at once: 'strip_out' or 'saturated', else None."""
        if self.phase == SATURATED:
            if has_skyrmions and self.polarity * field < self.strip_out_field:
                self.phase = STRIPES
                return "strip_out"
            return None
        m, _ = self.stripes.equilibrium(np.array([field]))
        if abs(m[0]) >= 1.0:
            self.phase = SATURATED
            self.polarity = int(math.copysign(1, m[0]))
            return "saturated"
        return None

    def background_mz(self, field: float) -> float:
        """M_z / M_s of the film without skyrmions: +-1 saturated, m_eq(field) in the stripe state."""
        if self.phase == SATURATED:
            return float(self.polarity)
        return float(self.stripes.equilibrium(np.array([field]))[0][0])
