"""Magnetic material parameters of a skyrmion host film, in SI units.

A `Material` holds what the particle model and the LLG reference both need. Values are SI floats; build one
from pint Quantities with `Material.from_quantities` (the API boundary) or use a preset in `emulator.presets`.

Symbols follow the paper's Methods and eq. (S1): Ms, A, D, Ku, alpha, theta_SH. Multilayers are described by
one magnetic layer (`thickness`) repeated `repeats` times with a repeat `period`; the effective-medium film
used for dipolar (bubble) physics has thickness `repeats * period` and magnetisation `Ms * thickness/period`
(Lemesh and Beach, Phys. Rev. B 98, 104402 (2018)).
"""
from __future__ import annotations

import dataclasses
import math

from emulator.units import to_si
from skybench.errors import check_positive, check_range

MU0 = 4e-7 * math.pi
"""Vacuum permeability (T m / A)."""
GAMMA_E = 1.76085963e11
"""Electron gyromagnetic ratio |gamma| (rad / (s T)), CODATA 2018."""
HBAR = 1.054571817e-34
"""Reduced Planck constant (J s)."""
E_CHARGE = 1.602176634e-19
"""Elementary charge (C)."""
K_B = 1.380649e-23
"""Boltzmann constant (J / K)."""


@dataclasses.dataclass(frozen=True)
class Material:
    """A perpendicular-anisotropy film with interfacial DMI."""

    name: str
    """Short name used in file headers and reports."""
    Ms: float
    """Saturation magnetisation of the magnetic layer (A/m); for a ferrimagnet the net value."""
    A: float
    """Exchange stiffness (J/m)."""
    D: float
    """Interfacial DMI constant (J/m^2); the magnitude, chirality is fixed by the film stack."""
    Ku: float
    """First-order uniaxial (perpendicular) anisotropy constant (J/m^3), before any shape anisotropy."""
    alpha: float
    """Gilbert damping (dimensionless)."""
    thickness: float
    """Thickness of one magnetic layer (m)."""
    theta_SH: float
    """Effective spin Hall angle of the heavy metal (dimensionless): damping-like torque efficiency."""
    repeats: int = 1
    """Number of magnetic layers in the stack (each driven by its own heavy-metal layer)."""
    period: float = 0.0
    """Repeat period of the multilayer (m); 0 means a single layer (period = thickness)."""
    gamma: float = GAMMA_E
    """Gyromagnetic ratio |gamma| (rad / (s T))."""
    angular_momentum_ratio: float = 1.0
    """Net over total spin angular-momentum density, (s_A - s_B)/(s_A + s_B) (dimensionless); 1 for a
    ferromagnet, small near angular-momentum compensation of a ferrimagnet. Scales the gyrovector G."""
    resistivity: float = 2.0e-7
    """Electrical resistivity of the whole stack (Ohm m), for Joule heating."""
    source: str = ""
    """Where the numbers come from."""

    def __post_init__(self):
        check_positive("Ms", self.Ms, "A/m")
        check_positive("A", self.A, "J/m")
        check_range("D", self.D, 0.0, None, "J/m^2")
        check_positive("Ku", self.Ku, "J/m^3")
        check_range("alpha", self.alpha, 0.0, 10.0, "", low_inclusive=False)
        check_positive("thickness", self.thickness, "m")
        check_range("theta_SH", self.theta_SH, 0.0, None, "")
        check_range("repeats", self.repeats, 1, None, "")
        check_range("period", self.period, 0.0, None, "m")
        check_positive("gamma", self.gamma, "rad/(s T)")
        check_range("angular_momentum_ratio", self.angular_momentum_ratio, 0.0, 1.0, "",
                    low_inclusive=False)
        check_positive("resistivity", self.resistivity, "Ohm m")
        if self.period and self.period < self.thickness:
            raise ValueError(f"period {self.period} m shorter than the magnetic layer {self.thickness} m")

    # --- derived quantities (SI) -------------------------------------------------------------------
    @property
    def K_eff(self) -> float:
        """Effective anisotropy with thin-film shape anisotropy, Ku - mu0 Ms^2 / 2 (J/m^3)."""
        return self.Ku - 0.5 * MU0 * self.Ms**2

    @property
    def stack_period(self) -> float:
        """Repeat period (m); the layer thickness for a single layer."""
        return self.period or self.thickness

    @property
    def fill_factor(self) -> float:
        """Magnetic fraction of the stack, thickness / period (dimensionless)."""
        return self.thickness / self.stack_period

    @property
    def stack_thickness(self) -> float:
        """Total thickness of the effective-medium film, repeats * period (m)."""
        return self.repeats * self.stack_period

    @property
    def ms_effective(self) -> float:
        """Effective-medium magnetisation of the stack, Ms * fill_factor (A/m)."""
        return self.Ms * self.fill_factor

    @property
    def magnetic_thickness(self) -> float:
        """Summed thickness of the magnetic layers, repeats * thickness (m)."""
        return self.repeats * self.thickness

    @property
    def spin_density(self) -> float:
        """Net spin angular-momentum density Ms / gamma (J s / m^3)."""
        return self.Ms / self.gamma

    @property
    def total_spin_density(self) -> float:
        """Total (sum over sublattices) spin density, (Ms / gamma) / angular_momentum_ratio (J s / m^3)."""
        return self.spin_density / self.angular_momentum_ratio

    @property
    def wall_width(self) -> float:
        """Bloch-wall width parameter sqrt(A / K_eff) (m)."""
        return math.sqrt(self.A / self.K_eff)

    @property
    def critical_D(self) -> float:
        """DMI above which the domain-wall energy is negative, 4 sqrt(A K_eff) / pi (J/m^2)."""
        return 4.0 * math.sqrt(self.A * self.K_eff) / math.pi

    @classmethod
    def from_quantities(cls, name: str, **values) -> "Material":
        """Build a Material from pint Quantities (or SI numbers), converting each at the boundary."""
        units = {
            "Ms": "A/m", "A": "J/m", "D": "J/m^2", "Ku": "J/m^3", "alpha": "dimensionless",
            "thickness": "m", "theta_SH": "dimensionless", "period": "m", "gamma": "rad/s/T",
            "angular_momentum_ratio": "dimensionless", "resistivity": "ohm*m",
        }
        converted = {}
        for key, value in values.items():
            if key in units:
                converted[key] = to_si(key, value, units[key])
            else:
                converted[key] = value
        return cls(name=name, **converted)
