"""The domain state of the whole film along the field axis: saturated (with isolated skyrmions) or domains.

A perpendicular multilayer swept in B_z is hysteretic because reversed domains must first be nucleated:
- saturated, polarity s = +-1: the background is uniform along s; isolated skyrmions (the particle engine)
  live in it at the field s B_z along the background. The film stays saturated, metastable, until either
  (a) reversed domains enter by thermal nucleation at the film's nucleation sites with no current, at the rate
      sum_k f0 exp(-E_k / k_B T), E_k the nucleation barrier of rates.py at j = 0 and field s B_z (the same
      sites and barriers that write skyrmions under current), or
  (b) a written skyrmion runs out: below the strip-out field B_so (the lowest field at which the bubble model
      of bubble.py has an equilibrium radius, i.e. the isolated reversed cylinder no longer has a finite size)
      it expands into a stripe and seeds the labyrinth (Thiele, J. Appl. Phys. 41, 1139 (1970)).
  Both move the film to the stripe state. A new device starts saturated along its initial field, as a sample
  prepared by a prior saturation (assumed preparation): until the field first moves against the background
  (the first step of a sweep towards reversal) the thermal entry (a) is not applied, so an idle virgin device
  at zero field reads the saturated film although the equilibrium there is the demagnetised stripe state.
- stripes: the equilibrium domain texture of domain_model.py, stripes (stripe_domains.py) or a hexagonal
  bubble lattice (bubble_lattice.py), M_z / M_s = m_eq(B_z), until m_eq reaches +-1, where the film is saturated
  along the field. The phase keeps the name 'stripes' for either texture; `texture` names the one at the field.

The state is owned by the device (emulator/device.py); this object holds it and applies the transitions.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from emulator.material import K_B
from emulator.domain_model import DomainModel
from emulator.thiele.rates import nucleation_barrier

SATURATED = "saturated"
"""Uniform background (plus isolated skyrmions)."""
STRIPES = "stripes"
"""Equilibrium domains: stripes / labyrinth or the bubble lattice (`FilmState.texture`)."""


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
        energy = np.array([nucleation_barrier(e0, self.nucleus_moment, self.reference_field, 1.0, 0, field_along,
                                              0.0) for e0 in self.barriers])
        if temperature <= 0.0:
            return self.attempt_frequency * float(np.count_nonzero(energy == 0.0))
        return self.attempt_frequency * float(np.exp(-energy / (K_B * temperature)).sum())


class FilmState:
    """Saturated or domain state of one film, with its polarity; transitions logged by the caller."""

    def __init__(self, stripes: DomainModel, entry: DomainEntry, strip_out_field: float,
                 temperature: float, field: float = 0.0):
        self.stripes = stripes
        self.entry = entry
        self.strip_out_field = strip_out_field
        """B_so (T): below it (along the background) a written skyrmion runs out into a stripe."""
        self.temperature = temperature
        self.polarity = -1 if field < 0 else 1
        """Direction of the saturated background (+1 up, -1 down); the last saturation's in the stripe state."""
        self.phase = SATURATED
        self.field = field
        """The last field applied (T)."""
        self.swept = False
        """False for the prepared (virgin) state until the field first moves against the background."""

    @property
    def saturated(self) -> bool:
        return self.phase == SATURATED

    @property
    def texture(self) -> str:
        """'saturated', or in the domain state the equilibrium texture at the last field: 'stripes' or
        'lattice' (domain_model.py)."""
        if self.phase == SATURATED:
            return SATURATED
        return self.stripes.textures(np.array([self.field]))[0]

    def dwell(self, field: float, duration: float, rng: np.random.Generator) -> str | None:
        """A saturated film held at `field` (T) for `duration` (s) with no current: returns 'domains_entered'
        if reversed domains nucleated (the film is then in the stripe state), else None."""
        if self.phase != SATURATED or duration <= 0.0 or not self.swept:
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
        if self.polarity * (field - self.field) < 0.0:
            self.swept = True
        self.field = field
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
