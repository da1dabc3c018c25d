"""Electrical readout of the synapse: the anomalous Hall signal of a Hall cross, or a magnetic tunnel junction.

Both read the reversed-magnetisation fraction f of the effective area: each skyrmion contributes the part of
its disc (radius R_i, core magnetisation reversed) that lies inside the area, so the signal follows every
skyrmion's own size (paper, Fig. 2b discussion; Zeissler et al., Nat. Nanotech. 13, 1161 (2018)).

- Hall cross:  rho_xy = rho_AH (1 - 2 f) + R0 B_z      (anomalous + ordinary Hall resistivity, Ohm m);
  the per-skyrmion change -2 rho_AH pi R^2 / A_eff is an output, set by the radius the model gives.
- MTJ (free layer = the chamber): parallel conduction of the two areas, G = (1 - f) / R_P + f / R_AP with
  R_AP = R_P (1 + TMR) (Julliere-type two-channel picture; paper Methods: TMR 200 %, Ron/Roff ~ 3).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from emulator.geometry import Circle, Rectangle
from skybench.errors import check_positive, check_range


def reversed_area(area: Circle | Rectangle, x: np.ndarray, y: np.ndarray, radius: np.ndarray) -> float:
    """Total area of the skyrmion discs that lies inside `area` (m^2)."""
    if isinstance(area, Circle):
        return float(sum(_lens(area.radius, r, math.hypot(xi - area.cx, yi - area.cy))
                         for xi, yi, r in zip(x, y, radius)))
    return float(sum(_disc_in_box(area, xi, yi, r) for xi, yi, r in zip(x, y, radius)))


@dataclasses.dataclass(frozen=True)
class HallReadout:
    """Anomalous plus ordinary Hall resistivity of a Hall cross."""

    rho_ah: float
    """Saturated anomalous Hall resistivity of the stack (Ohm m)."""
    ordinary_coefficient: float
    """Ordinary Hall coefficient R0 (Ohm m / T); paper Methods: about -1.5e-11."""
    thickness: float
    """Thickness that carries the sense current (m): R_xy = rho_xy / thickness."""

    def __post_init__(self):
        check_positive("rho_ah", self.rho_ah, "Ohm m")
        check_range("ordinary_coefficient", self.ordinary_coefficient, -1e-6, 1e-6, "Ohm m/T")
        check_positive("thickness", self.thickness, "m")

    def resistivity(self, reversed_fraction: float, bz: float) -> float:
        """rho_xy (Ohm m) for reversed fraction f of the effective area at field bz (T)."""
        return self.rho_ah * (1.0 - 2.0 * reversed_fraction) + self.ordinary_coefficient * bz

    def resistance(self, reversed_fraction: float, bz: float) -> float:
        """Hall resistance R_xy = rho_xy / t (Ohm)."""
        return self.resistivity(reversed_fraction, bz) / self.thickness


@dataclasses.dataclass(frozen=True)
class MTJReadout:
    """Tunnel junction whose free layer is the skyrmion film."""

    parallel_resistance: float
    """R_P, all of the free layer parallel to the reference (Ohm)."""
    tmr: float
    """Tunnel magnetoresistance (R_AP - R_P) / R_P (dimensionless; 2.0 for 200 %)."""

    def __post_init__(self):
        check_positive("parallel_resistance", self.parallel_resistance, "Ohm")
        check_positive("tmr", self.tmr, "")

    def conductance(self, reversed_fraction: float) -> float:
        """G = (1 - f) / R_P + f / R_AP (S)."""
        r_ap = self.parallel_resistance * (1.0 + self.tmr)
        return (1.0 - reversed_fraction) / self.parallel_resistance + reversed_fraction / r_ap


def _lens(big: float, small: float, distance: float) -> float:
    """Area of the intersection of two discs of radii big and small at centre distance `distance`."""
    if distance >= big + small:
        return 0.0
    if distance <= abs(big - small):
        return math.pi * min(big, small) ** 2
    a = big * big * math.acos((distance**2 + big**2 - small**2) / (2 * distance * big))
    b = small * small * math.acos((distance**2 + small**2 - big**2) / (2 * distance * small))
    c = 0.5 * math.sqrt((-distance + big + small) * (distance + big - small) * (distance - big + small)
                        * (distance + big + small))
    return a + b - c


def _disc_in_box(box: Rectangle, x: float, y: float, r: float) -> float:
    """Area of a disc inside an axis-aligned box, by the product of the clipped chord fractions (m^2).

    Exact when the disc crosses at most one side; a small overestimate at a corner.
    """
    def inside_fraction(centre, low, high):
        return _segment_fraction((centre - low) / r) - (1.0 - _segment_fraction((high - centre) / r))

    fx = inside_fraction(x, box.x0, box.x1)
    fy = inside_fraction(y, box.y0, box.y1)
    return math.pi * r * r * max(fx, 0.0) * max(fy, 0.0)


def _segment_fraction(u: float) -> float:
    """Fraction of a unit disc's area on the far side of a chord at signed distance -u from the centre."""
    u = min(max(u, -1.0), 1.0)
    return 0.5 + (u * math.sqrt(1.0 - u * u) + math.asin(u)) / math.pi
