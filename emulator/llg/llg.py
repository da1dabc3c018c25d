"""The Landau-Lifshitz-Gilbert equation with spin-orbit torque: the right-hand side dm/dt.

Paper eq. (S1) in Gilbert form, with the SOT written as the effective field B_DL (m x p) + xi B_DL p
(`emulator.llg.torque`) and Brown's thermal field B_th (`emulator.llg.thermal`) added to B_eff:

    B'    = B_eff + B_th + B_DL(t) [ (m x P) + xi P ],   P = p |j(x, y)| / j_nominal (polarisation per cell),
    dm/dt = -gamma / (1 + alpha^2) [ m x B' + alpha m x (m x B') ]      (Landau-Lifshitz form),

gamma the gyromagnetic ratio (rad/(s T)), alpha the Gilbert damping. With `precession=False` the first term
is dropped (mumax3's relax: pure damping, energy decreases monotonically).

`LLG` holds the problem (magnet, energy terms, damping, torque, thermal field); the time, the magnetisation
and the random stream live in `emulator.llg.state.State`.
"""
from __future__ import annotations

import dataclasses

import numba
import numpy as np

from emulator.llg import local
from emulator.llg.magnet import Magnet
from emulator.llg.term import Energy, EnergyTerm
from emulator.llg.thermal import ThermalField
from emulator.llg.torque import SpinOrbitTorque
from emulator.material import GAMMA_E
from skybench.errors import ParameterError, check_positive, check_range

MAX_ALPHA = 10.0
"""Largest Gilbert damping accepted (dimensionless)."""


@dataclasses.dataclass(frozen=True, eq=False)
class LLG:
    """A micromagnetic problem: the right-hand side of the LLG equation."""

    magnet: Magnet
    """Magnetic cells and Ms."""
    energy: Energy
    """Energy terms giving B_eff."""
    alpha: float
    """Gilbert damping (dimensionless)."""
    gamma: float = GAMMA_E
    """Gyromagnetic ratio |gamma| (rad/(s T))."""
    torque: SpinOrbitTorque | None = None
    """Spin-orbit torque drive, or None."""
    thermal: ThermalField | None = None
    """Thermal field, or None (0 K)."""
    precession: bool = True
    """Keep the precession term (False: damping-only relaxation)."""
    frozen_time: float | None = None
    """If set, drives (fields, currents) are evaluated at this time (s) whatever the step time (relaxation)."""

    def __post_init__(self):
        if isinstance(self.energy, EnergyTerm):
            object.__setattr__(self, "energy", Energy((self.energy,)))
        if not isinstance(self.energy, Energy):
            raise ParameterError("energy", type(self.energy).__name__, "an Energy (terms joined with +)")
        check_range("alpha", self.alpha, 0.0, MAX_ALPHA, "")
        check_positive("gamma", self.gamma, "rad/(s T)")
        self.energy.check(self.magnet)

    def replace(self, **changes) -> "LLG":
        """A copy with some fields changed (e.g. precession=False, torque=None)."""
        return dataclasses.replace(self, **changes)

    def breakpoints(self) -> np.ndarray:
        """Sorted times (s) where a drive switches: steps end exactly there."""
        if self.frozen_time is not None:
            return np.zeros(0)
        points = set(self.energy.breakpoints())
        if self.torque is not None:
            points.update(self.torque.breakpoints())
        return np.array(sorted(points), dtype=float)

    def rate_bound(self) -> float:
        """Upper bound of the precession/relaxation rate gamma |B'| per unit m (rad/s), for step sizes."""
        bound = self.energy.max_field(self.magnet)
        return self.gamma * max(bound, 1e-3)

    def field(self, m: np.ndarray, t: float, out: np.ndarray | None = None) -> np.ndarray:
        """Effective field B_eff(m, t) (T) from the energy terms only."""
        return self.energy.field(m, self.magnet, t, out)

    def rhs(self, m: np.ndarray, t: float, out: np.ndarray, field: np.ndarray,
            noise: np.ndarray | None = None) -> np.ndarray:
        """dm/dt (1/s) into `out`; `field` is scratch space for the non-local terms and B_th (T).

        Local uniform terms go through the fused kernel (`emulator.llg.local`); the others add their field
        into `field` first.
        """
        if self.frozen_time is not None:
            t = self.frozen_time
        magnet = self.magnet
        coefficients = local.empty_coefficients()
        others = [term for term in self.energy if not term.local_coefficients(magnet, t, coefficients)]
        use_other = bool(others) or noise is not None
        if use_other:
            field[...] = 0.0
            for term in others:
                term.add_field(m, field, magnet, t)
            if noise is not None:
                field += noise
        bdl, xi, pol = self._torque_terms(t)
        mesh = magnet.mesh
        padded = self._padded("padded-m")
        runs = self.runs()
        local.fill_halo(m, runs, mesh.periodic_x, mesh.periodic_y, padded)
        local.local_rhs(padded, self._padded_weight(), runs, coefficients, field, use_other, self.gamma,
                        self.alpha, self.precession, bdl, pol, xi, out)
        return out

    def step_drive(self, t: float):
        """The drives of a step sampled at t, for the fused stepper kernels: (coefficient vector
        (`local.COEFFICIENTS`), static field (3, ny, nx) (T), B_DL (T), field-like ratio, polarisation array),
        or None when a term is neither local nor a field independent of m (full demag) or a thermal field is on.
        Valid for a whole step because steps end on every drive edge."""
        if self.thermal is not None:
            return None
        if self.frozen_time is not None:
            t = self.frozen_time
        magnet = self.magnet
        coefficients = local.empty_coefficients()
        static = self._padded("static-field", padded=False)
        static[...] = 0.0
        for term in self.energy:
            if not (term.local_coefficients(magnet, t, coefficients) or term.add_static_field(magnet, t, static)):
                return None
        bdl, xi, pol = self._torque_terms(t)
        return coefficients, static, bdl, xi, pol

    def runs(self) -> np.ndarray:
        """The magnetic cells as runs along x (`local.magnetic_runs`), cached in the workspace."""
        runs = self.magnet.workspace.get("magnetic-runs")
        if runs is None:
            runs = self.magnet.workspace.setdefault("magnetic-runs", local.magnetic_runs(self.magnet.mask))
        return runs

    def _padded(self, key: str, padded: bool = True) -> np.ndarray:
        """A zeroed magnetisation-shaped work array, with a one-cell halo if `padded`, kept in the workspace."""
        mesh = self.magnet.mesh
        shape = (3, mesh.ny + 2, mesh.nx + 2) if padded else (3, mesh.ny, mesh.nx)
        array = self.magnet.workspace.get(key)
        if array is None or array.shape != shape:
            array = self.magnet.workspace.setdefault(key, np.zeros(shape))
        return array

    def rhs_reference(self, m: np.ndarray, t: float, out: np.ndarray, field: np.ndarray) -> np.ndarray:
        """dm/dt (1/s) from the term-by-term field (`Energy.field`) and the plain LLG kernel; the oracle of
        the fused `rhs` (no thermal field)."""
        if self.frozen_time is not None:
            t = self.frozen_time
        self.energy.field(m, self.magnet, t, field)
        bdl, xi, pol = self._torque_terms(t)
        llg_rhs(m, field, self.magnet.mask, self.gamma, self.alpha, self.precession, bdl, pol, xi, out)
        return out

    def torque_max(self, m: np.ndarray, t: float = 0.0) -> float:
        """max over cells of |m x B_eff| (T): zero at equilibrium."""
        b = self.field(m, t)
        torque = np.cross(m, b, axis=0)
        return float(np.sqrt(np.max(np.sum(torque * torque, axis=0))))

    def _torque_terms(self, t: float) -> tuple[float, float, np.ndarray]:
        """(B_DL(t) (T), field-like ratio, polarisation-times-current array (3, ny, nx))."""
        if self.torque is None:
            pol = self.magnet.workspace.get("zero-polarisation")
            if pol is None:
                pol = self.magnet.workspace.setdefault("zero-polarisation", np.zeros((3,) + self.magnet.mesh.shape))
            return 0.0, 0.0, pol
        return self.torque.b_dl(t, self.magnet.Ms), self.torque.field_like, self.torque.polarisation(self.magnet)

    def _padded_weight(self) -> np.ndarray:
        """The mask as 0.0/1.0 floats with a halo (`local.padded_weight`), cached in the workspace."""
        weight = self.magnet.workspace.get("padded-weight")
        if weight is None:
            mesh = self.magnet.mesh
            weight = self.magnet.workspace.setdefault(
                "padded-weight", local.padded_weight(self.magnet.mask, mesh.periodic_x, mesh.periodic_y))
        return weight


@numba.njit(cache=True)
def llg_rhs(m, B, mask, gamma, alpha, precession, bdl, pol, xi, out):
    """out = -gamma/(1+alpha^2) [m x B' + alpha m x (m x B')], B' = B + bdl (m x P + xi P), P = pol[:, j, i]."""
    ny, nx = mask.shape
    pre = -gamma / (1.0 + alpha * alpha)
    prec = 1.0 if precession else 0.0
    for j in range(ny):
        for i in range(nx):
            if not mask[j, i]:
                out[0, j, i] = 0.0
                out[1, j, i] = 0.0
                out[2, j, i] = 0.0
                continue
            out[0, j, i], out[1, j, i], out[2, j, i] = local.landau_lifshitz(
                m[0, j, i], m[1, j, i], m[2, j, i], B[0, j, i], B[1, j, i], B[2, j, i],
                pol[0, j, i], pol[1, j, i], pol[2, j, i], bdl, xi, pre, prec, alpha)
