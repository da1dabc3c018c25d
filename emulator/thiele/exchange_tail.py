"""Short-range repulsion from overlapping exchange tails (ultrathin films), and the matching edge repulsion.

Pair (Lin, Reichhardt, Batista, Saxena, PRB 87, 214419 (2013)), shifted so that radius changes move the contact
distance: F(rho) = (U0 / xi) K1((rho - R_i - R_j + 2 R0) / xi), repulsive along the centre line; tail length
xi ~ sqrt(A / (K_eff + Ms B / 2)); U0, xi, R0 from an LLG repelling-pair calibration (or the analytic default).
Edge (DMI edge canting; Iwasaki et al., Nat. Nanotech. 8, 742 (2013)): F(d) = F0 exp(-(d - R0_e) / xi_e)
along the inward normal, d the centre-to-edge distance.
"""
import dataclasses
import math
from typing import NamedTuple

import numba
from numba.extending import overload

from emulator.thiele import hooks, term
from emulator.thiele.term import ForceTerm


class TailPairRecord(NamedTuple):
    """Kernel record of the pair law (present when U0 != 0)."""

    ROLE = term.PAIR
    U0: float
    """Pair energy scale (J)."""
    xi: float
    """Pair decay length (m)."""
    R0: float
    """Calibration radius (m)."""


class TailEdgeRecord(NamedTuple):
    """Kernel record of the edge law (present when F0 != 0)."""

    ROLE = term.EDGE
    F0: float
    """Edge force at d = R0 (N)."""
    xi: float
    """Decay length (m)."""
    R0: float
    """Distance offset (m)."""

    @property
    def reach(self) -> float:
        """Centre-to-edge distance beyond which the push is neglected: 12 decay lengths past R0 (m)."""
        return 12.0 * self.xi + self.R0


@dataclasses.dataclass(frozen=True)
class ExchangeRepulsion(ForceTerm):
    """Exchange-tail pair repulsion and edge repulsion."""

    U0: float
    """Pair energy scale (J)."""
    xi: float
    """Pair decay length (m)."""
    R0: float
    """Radius at which U0 and xi were calibrated (m)."""
    edge_F0: float = 0.0
    """Edge force at d = R0_e (N)."""
    edge_xi: float = 1e-9
    """Edge decay length (m)."""
    edge_R0: float = 0.0
    """Distance offset of the edge law (m)."""

    def records(self):
        pair = (TailPairRecord(self.U0, self.xi, self.R0),) if self.U0 != 0.0 else ()
        edge = (TailEdgeRecord(self.edge_F0, self.edge_xi, self.edge_R0),) if self.edge_F0 != 0.0 else ()
        return pair + edge


@numba.njit(cache=True)
def bessel_k1(x):
    """Modified Bessel function K1(x) for x > 0 (Abramowitz and Stegun 9.8.7 and 9.8.8, |error| < 1e-7)."""
    if x <= 2.0:
        t2 = (x / 3.75) ** 2
        i1 = x * (0.5 + t2 * (0.87890594 + t2 * (0.51498869 + t2 * (0.15084934 + t2 * (0.02658733
                  + t2 * (0.00301532 + t2 * 0.00032411))))))
        y = x * x / 4.0
        series = 1.0 + y * (0.15443144 + y * (-0.67278579 + y * (-0.18156897 + y * (-0.01919402
                 + y * (-0.00110404 + y * (-0.00004686))))))
        return math.log(x / 2.0) * i1 + series / x
    y = 2.0 / x
    series = 1.25331414 + y * (0.23498619 + y * (-0.03655620 + y * (0.01504268 + y * (-0.00780353
             + y * (0.00325614 + y * (-0.00068245))))))
    return math.exp(-x) / math.sqrt(x) * series


@numba.njit(cache=True)
def pair_force(U0, xi, R0, rho, radius_i, radius_j):
    """Magnitude of the tail repulsion (N); zero when U0 is zero."""
    if U0 == 0.0:
        return 0.0
    x = max((rho - radius_i - radius_j + 2.0 * R0) / xi, 0.05)
    return U0 / xi * bessel_k1(x)


@numba.njit(cache=True)
def edge_force(F0, xi, R0, distance):
    """Magnitude of the exchange edge push (N)."""
    if F0 == 0.0:
        return 0.0
    return F0 * math.exp(-(distance - R0) / xi)


@overload(hooks.pair_push)
def _pair_push(rec, rho, radius_i, radius_k):
    if hooks.is_record(rec, TailPairRecord):
        return lambda rec, rho, radius_i, radius_k: (pair_force(rec.U0, rec.xi, rec.R0, rho, radius_i, radius_k),
                                                     0.0, 0.0)


@overload(hooks.edge_push)
def _edge_push(rec, radius, distance):
    if hooks.is_record(rec, TailEdgeRecord):
        return lambda rec, radius, distance: edge_force(rec.F0, rec.xi, rec.R0, distance)
