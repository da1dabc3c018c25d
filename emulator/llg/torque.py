"""Damping-like spin-orbit torque (spin Hall effect of the heavy metal), with an optional field-like part.

The paper's eq. (S1) (Methods; Slonczewski form as in OOMMF, Sampaio et al. Nat. Nanotech. 8, 839 (2013)):

    dm/dt = -gamma m x B_eff + alpha m x dm/dt + gamma B_DL m x (p x m),
    B_DL  = hbar theta_SH j / (2 e Ms t)          (T),

with p = -y the spin polarisation for a current along +x, j the current density (A/m^2), t the magnetic
layer thickness. The torque equals that of an extra effective field B_DL (m x p), so the solver adds
B_DL (m x p) + xi B_DL p (the field-like part, ratio xi) to B_eff before the Landau-Lifshitz form
(`emulator.llg.llg`). `distribution` gives the local current density per nominal one (current crowding,
direction), uniform along +x by default; p turns with the local current direction.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.llg.waveform import Waveform
from emulator.material import E_CHARGE, HBAR
from skybench.errors import ParameterError, check_finite, check_range


@dataclasses.dataclass(frozen=True, eq=False)
class SpinOrbitTorque:
    """Damping-like SOT of a current-density waveform j(t) with polarisation p."""

    theta_SH: float
    """Effective spin Hall angle, damping-like efficiency (dimensionless)."""
    current: Waveform
    """Current density j(t) along +x (A/m^2)."""
    thickness: float
    """Magnetic layer thickness t in B_DL (m)."""
    p: tuple[float, float, float] = (0.0, -1.0, 0.0)
    """Spin polarisation unit vector (dimensionless); -y for current along +x (paper eq. S1)."""
    field_like: float = 0.0
    """Field-like over damping-like torque ratio xi (dimensionless)."""
    distribution: np.ndarray | None = None
    """Current density per nominal current density: None (uniform along +x), a (ny, nx) array (along +x,
    scaled), or a (2, ny, nx) array (jx, jy), e.g. from `emulator.current_flow` (dimensionless)."""

    def __post_init__(self):
        check_range("theta_SH", self.theta_SH, -10.0, 10.0, "")
        check_range("thickness", self.thickness, 0.0, None, "m", low_inclusive=False)
        check_finite("field_like", self.field_like)
        p = np.asarray(self.p, dtype=float)
        if p.shape != (3,) or abs(float(np.linalg.norm(p)) - 1.0) > 1e-12:
            raise ParameterError("p", self.p, "a unit 3-vector")

    def b_dl(self, t: float, Ms: float) -> float:
        """B_DL(t) = hbar theta_SH j(t) / (2 e Ms t) (T)."""
        return HBAR * self.theta_SH * self.current.value(t) / (2.0 * E_CHARGE * Ms * self.thickness)

    def b_dl_per_current(self, Ms: float) -> float:
        """B_DL / j (T m^2 / A)."""
        return HBAR * self.theta_SH / (2.0 * E_CHARGE * Ms * self.thickness)

    def polarisation(self, magnet) -> np.ndarray:
        """P = p rotated to the local current direction times |j| / j_nominal, per cell (3, ny, nx).

        For a current along phi (angle from +x) the polarisation turns with it: P = R_z(phi) p |j|, i.e.
        (px jx - py jy, px jy + py jx, pz |j|); p = -y gives (jy, -jx, 0).
        """
        key = ("sot-polarisation", id(self.distribution), self.p)
        if key not in magnet.workspace:
            shape = magnet.mesh.shape
            if self.distribution is None:
                jx, jy = np.ones(shape), np.zeros(shape)
            else:
                d = np.asarray(self.distribution, dtype=float)
                if d.shape == shape:
                    jx, jy = d, np.zeros(shape)
                elif d.shape == (2,) + shape:
                    jx, jy = d[0], d[1]
                else:
                    raise ParameterError("distribution", d.shape, f"an array of shape {shape} or {(2,) + shape}")
                if not np.all(np.isfinite(d)):
                    raise ParameterError("distribution", "non-finite values", "finite relative current densities")
            px, py, pz = self.p
            pol = np.stack([px * jx - py * jy, px * jy + py * jx, pz * np.hypot(jx, jy)])
            pol[:, ~magnet.mask] = 0.0
            magnet.workspace[key] = np.ascontiguousarray(pol)
        return magnet.workspace[key]

    def breakpoints(self) -> tuple[float, ...]:
        return self.current.breakpoints()
