"""Dipolar skyrmion-skyrmion and skyrmion-edge forces in a thick film (see emulator/bubble.py for the model).

Each skyrmion is a reversed column of height h carrying surface charges +-q, q = 2 Ms_eff pi R^2.
- Pair energy  E = K_d R_i^2 R_j^2 g(rho),  g = 1/rho - 1/sqrt(rho^2 + h^2),  K_d = (mu0/4pi) (2 Ms_eff pi)^2 2;
  force on i  F = K_d R_i^2 R_j^2 (1/rho^2 - rho/(rho^2 + h^2)^(3/2)) along (r_i - r_j)/rho (repulsive);
  stray field on i  B_i = sum_j K_d R_j^2 g(rho) / (2 Ms_eff pi h): crowding acts as extra applied field.
- Edge (missing charge sheet beyond a straight edge at distance d): F = C_e R^2 ln(1 + h^2/d^2) along the inward
  normal, C_e = (mu0/4pi) 2 (2 Ms_eff pi) Ms_eff.
"""
import dataclasses
import math
from typing import NamedTuple

import numba
from numba.extending import overload

from emulator.material import MU0
from emulator.thiele import hooks, term
from emulator.thiele.term import ForceTerm


class DipolarPairRecord(NamedTuple):
    """Kernel record of the pair force and stray field."""

    ROLE = term.PAIR
    K_d: float
    """Pair constant (J/m^3)."""
    h: float
    """Film thickness (m)."""
    field_per_energy: float
    """B_i / (K_d R_j^2 g): 1 / (2 Ms_eff pi h) (T m^3 / J)."""


class DipolarEdgeRecord(NamedTuple):
    """Kernel record of the edge push."""

    ROLE = term.EDGE
    C_e: float
    """Edge constant (N / m^2)."""
    h: float
    """Film thickness (m)."""

    @property
    def reach(self) -> float:
        """Centre-to-edge distance beyond which the push is neglected: 20 film thicknesses (m)."""
        return 20.0 * self.h


@dataclasses.dataclass(frozen=True)
class DipolarRepulsion(ForceTerm):
    """Stray-field interactions of reversed columns in an effective-medium film."""

    ms_effective: float
    """Effective-medium magnetisation Ms * t / period (A/m)."""
    film_thickness: float
    """Effective-medium thickness h (m)."""

    @property
    def pair_constant(self) -> float:
        """K_d = (mu0 / 4 pi) (2 Ms_eff pi)^2 * 2 (J/m^3)."""
        return MU0 / (4.0 * math.pi) * (2.0 * self.ms_effective * math.pi) ** 2 * 2.0

    @property
    def edge_constant(self) -> float:
        """C_e = (mu0 / 4 pi) 2 (2 Ms_eff pi) Ms_eff (N / m^2)."""
        return MU0 / (4.0 * math.pi) * 2.0 * (2.0 * self.ms_effective * math.pi) * self.ms_effective

    def records(self):
        if self.ms_effective == 0.0:
            return ()
        field = 1.0 / (2.0 * self.ms_effective * math.pi * self.film_thickness)
        return (DipolarPairRecord(self.pair_constant, self.film_thickness, field),
                DipolarEdgeRecord(self.edge_constant, self.film_thickness))


@numba.njit(cache=True)
def pair_kernel(rho, h):
    """(g(rho), -dg/drho) for the column-charge interaction (1/m, 1/m^2)."""
    s = math.sqrt(rho * rho + h * h)
    return 1.0 / rho - 1.0 / s, 1.0 / (rho * rho) - rho / (s * s * s)


@numba.njit(cache=True)
def edge_force(c_edge, radius, distance, h):
    """Magnitude of the dipolar edge push (N) at centre-to-edge distance `distance` (m)."""
    d = max(distance, 1e-3 * h)
    return c_edge * radius * radius * math.log1p(h * h / (d * d))


@overload(hooks.pair_push, inline="always")
def _pair_push(rec, rho, radius_i, radius_k):
    if hooks.is_record(rec, DipolarPairRecord):
        def impl(rec, rho, radius_i, radius_k):
            g, dg = pair_kernel(max(rho, radius_i + radius_k), rec.h)
            ri2 = radius_i * radius_i
            rk2 = radius_k * radius_k
            field = rec.K_d * rec.field_per_energy * g
            return rec.K_d * ri2 * rk2 * dg, field * rk2, field * ri2
        return impl


@overload(hooks.edge_push, inline="always")
def _edge_push(rec, radius, distance):
    if hooks.is_record(rec, DipolarEdgeRecord):
        return lambda rec, radius, distance: edge_force(rec.C_e, radius, distance, rec.h)
