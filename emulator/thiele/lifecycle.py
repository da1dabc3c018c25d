"""Parameters of a skyrmion's birth and death: nucleation sites and the annihilation law (see rates.py)."""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.thiele import layout
from skybench.errors import check_positive, check_range


@dataclasses.dataclass(frozen=True)
class NucleationSite:
    """A place where skyrmions are born under current: a contact edge, a low-barrier defect, a pad."""

    x: float
    """Position x (m)."""
    y: float
    """Position y (m)."""
    critical_current: float
    """Local current density at which the barrier vanishes, j_c (A/m^2)."""
    barrier: float
    """Zero-current barrier at the reference field, E_n0 (J)."""
    polarity: int
    """+1: nucleates under positive nominal current, -1: under negative, 0: under either (a defect whose
    canted texture either torque sign excites, ref. 11 of the paper)."""
    blockade_radius: float
    """No nucleation while a skyrmion centre is closer than this (m)."""
    kind: str = "contact"
    """'contact', 'defect' or 'pad' (reports only)."""

    def __post_init__(self):
        check_positive("critical_current", self.critical_current, "A/m^2")
        check_range("barrier", self.barrier, 0.0, None, "J")
        if self.polarity not in (-1, 0, 1):
            raise ValueError("polarity must be -1, 0 or +1")
        check_positive("blockade_radius", self.blockade_radius, "m")


@dataclasses.dataclass(frozen=True)
class Nucleation:
    """All nucleation sites of a device and the field dependence of their barriers."""

    sites: tuple[NucleationSite, ...]
    """The sites."""
    nucleus_moment: float
    """m_n: moment of the critical nucleus, dE_n/dB at rest and B_ref (J/T); see rates.py."""
    per_pulse_limit: int = 0
    """Most skyrmions one site can write during one pulse (0: no limit). A contact-edge site writes once
    per pulse when it has to re-form its reversed nucleus between pulses (deterministic single-skyrmion
    writing, Woo et al., Nat. Electron. 1, 288 (2018))."""

    def site_array(self) -> np.ndarray:
        """Rows [x, y, j_c, E_n0, polarity, blockade radius] for the kernel."""
        rows = np.zeros((len(self.sites), 6))
        for i, s in enumerate(self.sites):
            rows[i] = (s.x, s.y, s.critical_current, s.barrier, s.polarity, s.blockade_radius)
        return rows

    def fill(self, P) -> None:
        P[layout.NUCLEUS_MOMENT] = self.nucleus_moment
        P[layout.SITE_REFIRE_LIMIT] = self.per_pulse_limit


@dataclasses.dataclass(frozen=True)
class Annihilation:
    """Thermally activated, current- and field-assisted annihilation, plus expulsion at closed edges."""

    attempt_frequency: float
    """f0 (1/s)."""
    barrier: float
    """E_a0 at the reference field and zero current (J)."""
    field_scale: float
    """B_a, the field where the barrier vanishes (T)."""
    reference_field: float
    """B_ref (T); also the reference field of the nucleation barriers."""
    current_scale: float
    """j_a, the local current density where the barrier vanishes (A/m^2)."""
    edge_expulsion: float
    """A skyrmion whose centre comes closer than this times its radius to a closed edge is expelled."""
    chirality: int = 1
    """chi = +-1, fixed by the stack's DMI and spin Hall signs: the damping-like SOT of nominal current of sign
    chi expands reversed (Neel, fixed-chirality) textures, of sign -chi compresses them (rates.py)."""
    barrier_spread: float = 0.0
    """Relative (log-normal) spread of each skyrmion's barrier, drawn at its birth: the local defect
    environment that mediates its collapse (dimensionless)."""

    def __post_init__(self):
        check_positive("attempt_frequency", self.attempt_frequency, "1/s")
        check_range("barrier", self.barrier, 0.0, None, "J")
        check_positive("current_scale", self.current_scale, "A/m^2")
        if self.field_scale <= self.reference_field:
            raise ValueError("field_scale must exceed reference_field")
        check_range("edge_expulsion", self.edge_expulsion, 0.0, None, "")
        if self.chirality not in (-1, 1):
            raise ValueError("chirality must be -1 or +1")
        check_range("barrier_spread", self.barrier_spread, 0.0, 2.0, "")

    def fill(self, P) -> None:
        P[layout.ATTEMPT_FREQUENCY] = self.attempt_frequency
        P[layout.ANNIHILATION_BARRIER] = self.barrier
        P[layout.ANNIHILATION_FIELD] = self.field_scale
        P[layout.REFERENCE_FIELD] = self.reference_field
        P[layout.ANNIHILATION_CURRENT] = self.current_scale
        P[layout.EDGE_ANNIHILATION] = self.edge_expulsion
        P[layout.SOT_CHIRALITY] = self.chirality
        P[layout.BARRIER_SPREAD] = self.barrier_spread
