"""Joule heating of the film during a pulse, and the thermal (Langevin) force.

Heating: the stack dissipates rho j^2 h per area into the substrate through a thermal conductance G_th
(W / m^2 K) with time constant tau_th, so dT/dt = (dT_ss - dT) / tau_th with dT_ss = rho j^2 h / G_th.
Thermal force: Gaussian white noise with <F_i(t) F_j(t')> = 2 alpha D k_B T delta_ij delta(t - t')
(Schuette et al., PRB 90, 174434 (2014)); per step of length dt each component has variance
2 alpha D k_B T / dt.
"""
import dataclasses
import math

import numba

from emulator.material import K_B
from emulator.thiele import layout
from emulator.thiele.term import ForceTerm


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

    def fill(self, P):
        P[layout.TEMPERATURE_RISE] = self.resistivity * self.stack_thickness / self.thermal_conductance
        P[layout.THERMAL_TIME] = self.time_constant
        P[layout.THERMAL_NOISE] = 1.0 if self.noise else 0.0


@numba.njit(cache=True)
def relax_temperature(rise, steady, dt, tau):
    """Temperature rise after dt, relaxing exponentially towards the steady value (K)."""
    return steady + (rise - steady) * math.exp(-dt / tau)


@numba.njit(cache=True)
def noise_amplitude(alpha_d, temperature, dt):
    """Standard deviation of each thermal-force component over a step dt (N)."""
    if temperature <= 0.0:
        return 0.0
    return math.sqrt(2.0 * alpha_d * K_B * temperature / dt)
