"""Short-range repulsion from overlapping exchange tails (ultrathin films), and the matching edge repulsion.

Pair (Lin, Reichhardt, Batista, Saxena, PRB 87, 214419 (2013)), shifted so that radius changes move the contact
distance: F(rho) = (U0 / xi) K1((rho - R_i - R_j + 2 R0) / xi), repulsive along the centre line; tail length
xi ~ sqrt(A / (K_eff + Ms B / 2)); U0, xi, R0 from an LLG repelling-pair calibration (or the analytic default).
Edge (DMI edge canting; Iwasaki et al., Nat. Nanotech. 8, 742 (2013)), calibrated on a straight edge:
F(d) = F0 exp(-(d - R0_e) / xi_e) along the inward normal, d the centre-to-edge distance. Two edge laws carry
that calibration to a polygon outline (`ExchangeRepulsion.edge_law`):

- 'straight' (`TailEdgeRecord`): each segment pushes F(d) along its normal; beyond a segment's end the vertex
  pushes F(r) along the vertex-to-centre line. A corner pushes as hard as a straight edge at the same distance.
- 'tail_integral' (`TailIntegralEdgeRecord`): the repulsion is the overlap of the skyrmion's exchange tail
  with the canted edge magnetisation, a line density along the closed edges. In 2D the linearised tail decays
  as K0(r / xi), so each boundary element ds adds the energy u(r) ds = (F0 e^(R0/xi) / pi) K0(r / xi) ds, r its
  distance to the centre. Since the integral of K0(sqrt(d^2 + s^2) / xi) over s in (-inf, inf) is
  pi xi e^(-d/xi), an infinite straight edge gives U = F0 xi e^(-(d - R0)/xi) and exactly the calibrated F(d):
  no new parameter. A corner then comes out of the geometry: a reflex corner (the film wraps round it) is two
  half-lines running away from the skyrmion and pushes less than a straight edge at the same distance; a
  concave corner (two edges facing the skyrmion) pushes more than one edge and less than the two infinite
  edges the straight law adds. Per segment (`segment_force`): the tangential part in closed form, the normal
  part by Gauss-Legendre quadrature in the angle seen from the centre. r is the straight distance even for an
  edge seen from behind round a reflex corner (the tail lives in the film, so the path round the corner would be
  more exact: tried on the chamber, it moved the first skyrmion's path by at most 0.1 nm over 11 pulses, left
  the fig4b rows' largest deviation at 4-5 and moved their RMS by -0.1 to +0.4 over seeds 0-5, and it puts a
  kink into the force where an edge goes out of sight).
"""
import dataclasses
import math
from typing import NamedTuple

import numba
import numpy as np
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
        return edge_reach(self.xi, self.R0)


class TailIntegralEdgeRecord(NamedTuple):
    """Kernel record of the 'tail_integral' edge law (present when F0 != 0): the same calibration as
    `TailEdgeRecord`, integrated along each closed segment (hook `edge_segment`)."""

    ROLE = term.EDGE
    SEGMENT_LAW = True
    """The kernel hands this law each closed segment in the skyrmion's frame (hooks.add_edge_segments)."""
    F0: float
    """Force of an infinite straight edge at d = R0 (N)."""
    xi: float
    """Decay length (m)."""
    R0: float
    """Distance offset (m)."""

    @property
    def reach(self) -> float:
        """Distance from the centre to a segment's nearest point beyond which the segment is skipped: 12 decay
        lengths past R0 (m), where an infinite edge pushes F0 e^-12 = 6e-6 F0."""
        return edge_reach(self.xi, self.R0)


EDGE_LAWS = ("straight", "tail_integral")
"""Edge laws of `ExchangeRepulsion` (module docstring)."""


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
    edge_law: str = "straight"
    """How the straight-edge calibration acts on the outline (`EDGE_LAWS`, module docstring): 'straight' (each
    segment and vertex pushes as a straight edge at its distance) or 'tail_integral' (the tail overlap
    integrated along the closed segments)."""

    def __post_init__(self):
        if self.edge_law not in EDGE_LAWS:
            raise ValueError(f"edge_law must be one of {', '.join(EDGE_LAWS)}, got {self.edge_law!r}")

    def records(self):
        pair = (TailPairRecord(self.U0, self.xi, self.R0),) if self.U0 != 0.0 else ()
        law = TailEdgeRecord if self.edge_law == "straight" else TailIntegralEdgeRecord
        edge = (law(self.edge_F0, self.edge_xi, self.edge_R0),) if self.edge_F0 != 0.0 else ()
        return pair + edge


@numba.njit(cache=True)
def edge_reach(xi, R0):
    """12 decay lengths past R0 (m): the edge laws' cut-off distance."""
    return 12.0 * xi + R0


QUADRATURE_NODES = 16
"""Gauss-Legendre nodes per angular interval of `segment_force` for a line closer than `NEAR_LINE` decay lengths
(dimensionless). Normal force error, relative to a half-line's (pi / 2) e^(-d/xi), over every interval from the
foot: < 6e-5 for d >= 0.2 xi, < 2.2e-5 for d >= 0.3 xi (checked against adaptive quadrature; on an infinite
edge: tests/emulator/test_tail_integral_edge.py)."""
QUADRATURE_NODES_FAR = 8
"""Gauss-Legendre nodes per angular interval for a line at `NEAR_LINE` decay lengths or more, where the integrand
is narrow (dimensionless): error < 7.3e-5 by the same measure. Switching rules at d = NEAR_LINE xi changes the
force by less than that."""
NEAR_LINE = 2.0
"""Distance to the segment's line below which `QUADRATURE_NODES` are used (decay lengths)."""
_NODES, _WEIGHTS = (tuple(float(v) for v in a) for a in np.polynomial.legendre.leggauss(QUADRATURE_NODES))
_NODES_FAR, _WEIGHTS_FAR = (tuple(float(v) for v in a)
                            for a in np.polynomial.legendre.leggauss(QUADRATURE_NODES_FAR))
"""Gauss-Legendre nodes on [-1, 1] and their weights (immutable tuples)."""


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
def bessel_k0(x):
    """Modified Bessel function K0(x) for x > 0 (Abramowitz and Stegun 9.8.5 and 9.8.6, |error| < 2e-7)."""
    if x <= 2.0:
        t2 = (x / 3.75) ** 2
        i0 = 1.0 + t2 * (3.5156229 + t2 * (3.0899424 + t2 * (1.2067492 + t2 * (0.2659732 + t2 * (0.0360768
                                                                                              + t2 * 0.0045813)))))
        y = x * x / 4.0
        series = -0.57721566 + y * (0.42278420 + y * (0.23069756 + y * (0.03488590 + y * (0.00262698
                 + y * (0.00010750 + y * 0.00000740)))))
        return -math.log(x / 2.0) * i0 + series
    y = 2.0 / x
    series = 1.25331414 + y * (-0.07832358 + y * (0.02189568 + y * (-0.01062446 + y * (0.00587872
             + y * (-0.00251540 + y * 0.00053208)))))
    return math.exp(-x) / math.sqrt(x) * series


@numba.njit(cache=True)
def _gauss(D, theta_a, theta_b, nodes, weights):
    """Integral of g(D sec(theta)) over [theta_a, theta_b], g(x) = x K1(x), by the Gauss-Legendre rule (nodes,
    weights) on [-1, 1] (dimensionless)."""
    half = 0.5 * (theta_b - theta_a)
    mid = 0.5 * (theta_a + theta_b)
    total = 0.0
    for k in range(len(nodes)):
        x = D / math.cos(mid + half * nodes[k])
        total += weights[k] * x * bessel_k1(x)
    return half * total


@numba.njit(cache=True)
def _normal_integral(D, theta_a, theta_b):
    """Integral of g(D sec(theta)) over [theta_a, theta_b] (dimensionless): `QUADRATURE_NODES` nodes for a line
    closer than `NEAR_LINE` decay lengths, `QUADRATURE_NODES_FAR` beyond."""
    if D < NEAR_LINE:
        return _gauss(D, theta_a, theta_b, _NODES, _WEIGHTS)
    return _gauss(D, theta_a, theta_b, _NODES_FAR, _WEIGHTS_FAR)


@numba.njit(cache=True)
def segment_force(F0, xi, R0, ax, ay, bx, by):
    """Force (N) on a skyrmion at the origin from the edge segment (ax, ay)-(bx, by) (m, the skyrmion's frame)
    under the 'tail_integral' law: the gradient of U = (F0 e^(R0/xi) / pi) * integral of K0(r / xi) ds along
    the segment. (0, 0) when the segment's nearest point is beyond `edge_reach`.

    With t the unit vector from a to b, s the position along t from the foot of the perpendicular and d the
    distance to the line: tangential part (F0 e^(R0/xi) / pi) (K0(r_b / xi) - K0(r_a / xi)) along t (away from
    the side with more edge), normal part (F0 e^(R0/xi) / pi) * integral of g(d sec(theta) / xi) d(theta),
    g(x) = x K1(x), theta = atan(s / d), from the line towards the centre. The angular interval is split at the
    foot (the integrand's peak), Gauss-Legendre on each (`_normal_integral`); a side whose end lies beyond
    `edge_reach` counts as the whole half-line, (pi / 2) e^(-d/xi) in closed form (what it leaves out is below the
    cut-off's own e^-12), so a long wall costs no quadrature.
    """
    ex = bx - ax
    ey = by - ay
    length = math.sqrt(ex * ex + ey * ey)
    tx = ex / length
    ty = ey / length
    sa = ax * tx + ay * ty
    sb = bx * tx + by * ty
    ra = math.sqrt(ax * ax + ay * ay)
    rb = math.sqrt(bx * bx + by * by)
    c = ty * ax - tx * ay   # minus a's component along p = (-ty, tx): the centre lies at c p from the line
    d = abs(c)
    nearest = d if sa < 0.0 < sb else min(ra, rb)
    if nearest > edge_reach(xi, R0):
        return 0.0, 0.0
    scale = F0 * math.exp(R0 / xi) / math.pi
    ft = scale * (bessel_k0(rb / xi) - bessel_k0(ra / xi))
    fn = 0.0
    if d > 0.0:
        D = d / xi
        theta_a = math.atan2(sa, d)
        theta_b = math.atan2(sb, d)
        if theta_a < 0.0 < theta_b:
            far = edge_reach(xi, R0)
            half_line = 0.5 * math.pi * math.exp(-D)   # the whole half-line beyond the foot, exactly
            lower = half_line if ra > far else _normal_integral(D, theta_a, 0.0)
            upper = half_line if rb > far else _normal_integral(D, 0.0, theta_b)
            fn = scale * (lower + upper)
        else:
            fn = scale * _normal_integral(D, theta_a, theta_b)
        if c < 0.0:
            fn = -fn
    # the unit normal from the line to the centre is sign(c) p
    return ft * tx - fn * ty, ft * ty + fn * tx


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


@overload(hooks.edge_segment)
def _edge_segment(rec, radius, ax, ay, bx, by):
    if hooks.is_record(rec, TailIntegralEdgeRecord):
        return lambda rec, radius, ax, ay, bx, by: segment_force(rec.F0, rec.xi, rec.R0, ax, ay, bx, by)
