"""Damping-like spin-orbit-torque drive on a Neel skyrmion.

F_SOT = N (hbar theta_SH eta / 2e) j_local I(R) along the local current (physics.md section 1; Tomasello et
al., Sci. Rep. 4, 6784 (2014)), with I(R) = pi int (r th' + sin th cos th) dr from the skyrmion profile, N the
number of magnetic layers each driven by its own heavy metal, and eta = j_HM / j_average the share of the
current carried by the heavy metal. For the paper's left-handed Neel skyrmions the force points along the
charge current (the skyrmions move with the current, against the electrons).
"""
import dataclasses
from typing import NamedTuple

import numba
from numba.extending import overload

from emulator.material import E_CHARGE, HBAR
from emulator.thiele import hooks, term
from emulator.thiele.term import ForceTerm


class SOTRecord(NamedTuple):
    """Kernel record of the SOT drive."""

    ROLE = term.LOCAL
    k: float
    """N hbar theta_SH eta / (2e) (N per (A/m^2) per m of profile integral)."""


@dataclasses.dataclass(frozen=True)
class SOTDrive(ForceTerm):
    """Spin-orbit-torque force per unit current density and per unit profile integral."""

    theta_SH: float
    """Effective spin Hall angle (dimensionless)."""
    layers: int = 1
    """Number of driven magnetic layers (dimensionless)."""
    heavy_metal_share: float = 1.0
    """eta = j_HM / j_average, current concentration in the heavy metal (dimensionless)."""

    @property
    def coefficient(self) -> float:
        """k = N hbar theta_SH eta / (2e) (N per (A/m^2) per m of profile integral)."""
        return self.layers * HBAR * self.theta_SH * self.heavy_metal_share / (2.0 * E_CHARGE)

    def records(self):
        return (SOTRecord(self.coefficient),) if self.coefficient != 0.0 else ()


@numba.njit(cache=True, inline="always")
def sot_force(k, jx, jy, profile_integral):
    """(Fx, Fy) for local current density (jx, jy) (A/m^2) and I(R) (m)."""
    scale = k * profile_integral
    return scale * jx, scale * jy


@overload(hooks.local_force, inline="always")
def _local_force(rec, x, y, radius, jx, jy, s_int):
    if hooks.is_record(rec, SOTRecord):
        return lambda rec, x, y, radius, jx, jy, s_int: sot_force(rec.k, jx, jy, s_int)
