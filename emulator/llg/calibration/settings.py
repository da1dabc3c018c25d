"""Settings of the LLG calibration runs (recorded in calibration.json as `llg_settings`).

The defaults keep `skybench calibrate` to a few minutes on two cores: small periodic boxes (the particle laws
are local), 0.5 nm cells (on the paper's 1 nm grid this small skyrmion is 7 % too small and a close pair
collapses through the lattice; 0.5 nm puts radius and velocity within ~2 % of the continuum, see
tests/emulator/llg/test_validation.py), and durations just long enough to pass the breathing transient.
"""
from __future__ import annotations

import dataclasses

from emulator.llg.demag import DEMAG_MODES
from skybench.errors import ParameterError, check_choice, check_positive, check_range


@dataclasses.dataclass(frozen=True)
class CalibrationSettings:
    """What the calibration runs and how finely."""

    cell: float = 0.5e-9
    """Cell size (m)."""
    demag: str = "none"
    """Demag treatment ('none' matches the paper's ~7.3 nm diameter, physics.md section 5)."""
    Bz: float = 0.2
    """Applied field of the drift, pair and edge runs (T); the paper's chamber field."""
    currents: tuple[float, ...] = (1e10, 2e10, 4e10, 6e10)
    """Current densities of the drift runs (A/m^2)."""
    drift_box: float = 40e-9
    """Side of the periodic drift box (m)."""
    drift_settle: float = 0.05e-9
    """Drift time discarded before fitting the velocity (s)."""
    drift_time: float = 0.15e-9
    """Drift time fitted (s)."""
    pair_box: tuple[float, float] = (80e-9, 80e-9)
    """Periodic pair box (m); square, since a rotating pair in an oblong box feels its images unevenly
    (64 x 48 nm gave a rotation/separation ratio 20 % low)."""
    pair_start_gap: float = 7e-9
    """Initial gap between the two m_z = 0 circles (m)."""
    pair_settle: float = 0.04e-9
    """Pair time discarded (breathing transient) (s)."""
    pair_time: float = 0.4e-9
    """Pair time sampled (s)."""
    edge_box: tuple[float, float] = (80e-9, 64e-9)
    """Edge box: open along x (the edge at x = 0), periodic along y (m); 80 nm lets the skyrmion recede to
    d ~ 24 nm, where the edge force has fallen by two orders of magnitude. 64 nm along y keeps the periodic
    images from squeezing it: at 32 nm the radius far from the edge was 4.73 nm against 4.90 nm (chamber
    material, 1 nm cells, isolated 4.91 nm)."""
    edge_start_gap: float = 4e-9
    """Initial gap between the m_z = 0 circle and the edge (m); at 2 nm the skyrmion is annihilated."""
    edge_settle: float = 0.03e-9
    """Edge time discarded (s)."""
    edge_time: float = 3e-9
    """Edge time sampled (s): long enough to sample d = 8-24 nm (a 0.3 ns run sees only the force peak,
    d = 8-13 nm, and its fit overstates the force at 20 nm by 2x)."""
    sample_every: float = 5e-12
    """Sampling interval of the trajectories (s)."""
    fields: tuple[float, ...] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
    """Fields of the radius-versus-field runs (T)."""
    max_err: float = 1e-5
    """RK45 error bound (dimensionless), mumax3's default."""
    torque_tol: float = 1e-4
    """Relaxation threshold (T)."""

    def __post_init__(self):
        check_range("cell", self.cell, 0.05e-9, 2e-9, "m")
        check_choice("demag", self.demag, DEMAG_MODES[:2])
        check_range("Bz", self.Bz, 0.0, 5.0, "T")
        if not self.currents or any(j <= 0 for j in self.currents):
            raise ParameterError("currents", self.currents, "positive current densities (A/m^2)")
        for name in ("drift_box", "drift_settle", "drift_time", "pair_start_gap", "pair_settle", "pair_time",
                     "edge_start_gap", "edge_settle", "edge_time", "sample_every", "max_err", "torque_tol"):
            check_positive(name, getattr(self, name))
        if not self.fields:
            raise ParameterError("fields", self.fields, "at least one field (T)")

    def as_dict(self) -> dict:
        """JSON form, names with units."""
        return {"cell_m": self.cell, "demag": self.demag, "Bz_T": self.Bz, "integrator": "rk45 (Dormand-Prince)",
                "max_err": self.max_err, "torque_tol_T": self.torque_tol,
                "currents_A_per_m2": list(self.currents), "drift_box_m": self.drift_box,
                "drift_settle_s": self.drift_settle, "drift_time_s": self.drift_time,
                "pair_box_m": list(self.pair_box), "pair_start_gap_m": self.pair_start_gap,
                "pair_settle_s": self.pair_settle, "pair_time_s": self.pair_time,
                "edge_box_m": list(self.edge_box), "edge_start_gap_m": self.edge_start_gap,
                "edge_settle_s": self.edge_settle, "edge_time_s": self.edge_time,
                "sample_every_s": self.sample_every, "fields_T": list(self.fields)}
