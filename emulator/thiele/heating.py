"""Joule heating of the film during a pulse, and the thermal (Langevin) force.

Heating: the stack dissipates rho j^2 h per area into the substrate through a thermal conductance G_th
(W / m^2 K) with time constant tau_th, so dT/dt = (dT_ss - dT) / tau_th with dT_ss = rho j^2 h / G_th.
Thermal force: Gaussian white noise with <F_i(t) F_j(t')> = 2 alpha D k_B T delta_ij delta(t - t')
(Schuette et al., PRB 90, 174434 (2014)); per step of length dt each component has variance
2 alpha D k_B T / dt.
"""
import dataclasses
import math
from typing import NamedTuple

import numba
from numba.extending import overload

from emulator.material import K_B
from emulator.thiele import hooks, term
from emulator.thiele.rng import normal
from emulator.thiele.term import ForceTerm


class HeatingRecord(NamedTuple):
    """Kernel record of the Joule heating."""

    ROLE = term.HEATING
    rise_per_j2: float
    """Steady rise per (A/m^2)^2 of nominal current density, rho h / G_th (K m^4 / A^2)."""
    tau: float
    """Thermal time constant (s)."""


class LangevinRecord(NamedTuple):
    """Kernel record of the thermal force (no parameters: it follows from alpha D and T)."""

    ROLE = term.NOISE


@dataclasses.dataclass(frozen=True)
class Heating(ForceTerm):
    """Joule heating and thermal agitation."""

    resistivity: float
    """Stack resistivity rho (Ohm m)."""
    stack_thickness: float
    """Thickness that carries the current, h (m)."""
    thermal_conductance: float
    """Heat-sinking conductance per area to the substrate, G_th (W / (m^2 K))."""
    time_constant: float
    """Thermal time constant tau_th (s)."""
    noise: bool = True
    """Whether to add Langevin forces (False reproduces a 0 K micromagnetic run)."""

    def steady_rise(self, j: float) -> float:
        """dT_ss = rho j^2 h / G_th for nominal current density j (A/m^2) (K)."""
        return self.resistivity * j * j * self.stack_thickness / self.thermal_conductance

    def records(self):
        heating = HeatingRecord(self.resistivity * self.stack_thickness / self.thermal_conductance,
                                self.time_constant)
        return (heating, LangevinRecord()) if self.noise else (heating,)


@numba.njit(cache=True, inline="always")
def relax_temperature(rise, steady, dt, tau):
    """Temperature rise after dt, relaxing exponentially towards the steady value (K)."""
    return steady + (rise - steady) * math.exp(-dt / tau)


@numba.njit(cache=True)
def noise_amplitude(alpha_d, temperature, dt):
    """Standard deviation of each thermal-force component over a step dt (N)."""
    if temperature <= 0.0:
        return 0.0
    return math.sqrt(2.0 * alpha_d * K_B * temperature / dt)


@overload(hooks.relax_rise, inline="always")
def _relax_rise(rec, rise, j_nominal, dt):
    if hooks.is_record(rec, HeatingRecord):
        return lambda rec, rise, j_nominal, dt: relax_temperature(rise, rec.rise_per_j2 * j_nominal * j_nominal,
                                                                  dt, rec.tau)


@overload(hooks.thermal_force, inline="always")
def _thermal_force(rec, alpha_d, temperature, dt, rng, d):
    if hooks.is_record(rec, LangevinRecord):
        def impl(rec, alpha_d, temperature, dt, rng, d):
            sigma = noise_amplitude(alpha_d, temperature, dt)
            fx = sigma * normal(rng, d)
            fy = sigma * normal(rng, d)
            return fx, fy
        return impl
