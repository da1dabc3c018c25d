"""Short-range repulsion from overlapping exchange tails (ultrathin films), and the matching edge repulsion.

Pair (Lin, Reichhardt, Batista, Saxena, PRB 87, 214419 (2013)), shifted so that radius changes move the contact
distance: F(rho) = (U0 / xi) K1((rho - R_i - R_j + 2 R0) / xi), repulsive along the centre line; tail length
xi ~ sqrt(A / (K_eff + Ms B / 2)); U0, xi, R0 from an LLG repelling-pair calibration (or the analytic default).
Edge (DMI edge canting; Iwasaki et al., Nat. Nanotech. 8, 742 (2013)), calibrated on a straight edge:
F(d) = F0 exp(-(d - R0_e) / xi_e) - F1 exp(-2 (d - R0_e) / xi_e) along the inward normal, d the centre-to-edge
distance: the outer term is the exchange-tail overlap, the inner one (F1 >= 0) makes the push level off and turn
over next to the edge, where the LLG skyrmion is squeezed and then escapes (peak ~1.1 pN ~11 nm from the edge in
the chamber material). Each term is an exponential, so everything below holds term by term (two records). Two
edge laws carry that calibration to a polygon outline (`ExchangeRepulsion.edge_law`):

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
  part from a table of the share of a half-line's push beyond each end, built once per record (`tail_table`;
  Gauss-Legendre quadrature in the angle seen from the centre for a line closer than TABLE_D_MIN xi), and no
  segment farther than TAIL_INTEGRAL_REACH decay lengths past R0. r is the straight distance even for an edge
  seen from behind round a reflex corner (the tail lives in the film, so the path round the corner would be
  more exact: tried on the chamber, it moved the first skyrmion's path by at most 0.1 nm over 11 pulses, left
  the fig4b rows' largest deviation at 4-5 and moved their RMS by -0.1 to +0.4 over seeds 0-5, and it puts a
  kink into the force where an edge goes out of sight).
- 'boundary_term' (`TailBoundaryEdgeRecord`, proposed in issue 10, not the chamber preset's law yet): the outer
  term acts through the DMI boundary term. Integrating the Neel DMI energy by parts leaves D times the outline
  integral of (n . m) m_z, n the outward normal; to first order in the skyrmion's tail, whose linearised in-plane
  part points radially with amplitude K1(r / xi), the edge energy is the line density
  (F0 e^(R0/xi) / pi) K1(r / xi) (n . r_hat) ds, r_hat from the centre to the element. On a straight edge
  n . r_hat = d / r and the integral of K1(r / xi) d / r over the line is pi xi e^(-d/xi): the calibrated outer
  term again, with the tail integral's constant (no new parameter). Unlike the K0 density it depends on how an
  edge faces the skyrmion: an edge seen end-on adds little (the right terminal's walls seen from the chamber),
  one seen from behind a reflex corner pulls. The inner term (F1, second order in the tail) keeps the scalar
  K0(2 r / xi) density of 'tail_integral'. LLG evidence (emulator/llg/validation/terminal_mouth.py): skyrmions
  released at rest in front of the 20 nm terminal move under 0.31-0.48 pN; 'tail_integral' gives 0.46-0.94 pN
  (RMS error 0.29-0.45 pN), this law 0.04-0.11 pN RMS error; on a straight wall both agree (0.04-0.07 pN).
  Per segment (`boundary_segment_force`): the tangential part in closed form, the normal part from the K0 line
  integral through the modified Helmholtz equation (Gauss-Legendre in s = d sinh u).
"""
import dataclasses
import functools
import math
from typing import NamedTuple

import numba
import numpy as np
from numba.extending import overload
from scipy import special

from emulator.thiele import hooks, term
from emulator.thiele.term import ForceTerm
from skybench.errors import check_choice, check_range


def _segment_reach(rec) -> float:
    """Distance (m) from the centre to a segment's nearest point beyond which a segment law skips the segment
    (`tail_integral_reach`)."""
    return tail_integral_reach(rec.xi, rec.R0)


def _edge_squeeze_reach(rec) -> float:
    """Centre-to-edge distance (m) beyond which an edge record's squeeze is dropped (`squeeze_reach`)."""
    return squeeze_reach(rec.compression_field, rec.compression_length, rec.R0)


class TailPairRecord(NamedTuple):
    """Kernel record of the pair law (present when U0 != 0)."""

    ROLE = term.PAIR
    U0: float
    """Pair energy scale (J)."""
    xi: float
    """Pair decay length (m)."""
    R0: float
    """Calibration radius (m)."""
    compression_field: float = 0.0
    """B_c of the squeeze a neighbour puts on a skyrmion, as an equivalent field at rho = 2 R0 (T); 0: none."""
    compression_length: float = 1e-9
    """Its decay length (m)."""


class TailEdgeRecord(NamedTuple):
    """Kernel record of the edge law (present when F0 != 0)."""

    ROLE = term.EDGE
    F0: float
    """Edge force at d = R0 (N)."""
    xi: float
    """Decay length (m)."""
    R0: float
    """Distance offset (m)."""
    compression_field: float = 0.0
    """B_c of the squeeze the edge puts on a skyrmion, as an equivalent field at d = R0 (T); 0: none."""
    compression_length: float = 1e-9
    """Its decay length (m)."""

    @property
    def reach(self) -> float:
        """Centre-to-edge distance beyond which the push is neglected: 12 decay lengths past R0 (m)."""
        return edge_reach(self.xi, self.R0)

    squeeze_reach = property(_edge_squeeze_reach)


class TailIntegralEdgeRecord(NamedTuple):
    """Kernel record of the 'tail_integral' edge law (present when F0 != 0): the same calibration as
    `TailEdgeRecord`, integrated along each closed segment (hook `edge_segment`). Built by
    `tail_integral_record`, which tabulates the normal part once (`tail_table`)."""

    ROLE = term.EDGE
    SEGMENT_LAW = True
    """The kernel hands this law each closed segment in the skyrmion's frame (hooks.add_edge_segments)."""
    POSITION_ONLY = True
    """Its force depends on the skyrmion's position alone (not its radius): the kernel may read the summed force
    from a table over the outline (emulator/thiele/edge_field_grid.py)."""
    F0: float
    """Force of an infinite straight edge at d = R0 (N)."""
    xi: float
    """Decay length (m)."""
    R0: float
    """Distance offset (m)."""
    scale: float
    """F0 e^(R0/xi) / pi, the line density's prefactor over xi (N)."""
    table: np.ndarray
    """The normal part's tail beyond a segment end, L(log D, sigma) on a regular grid (dimensionless,
    `tail_table`)."""
    table_l0: float
    """log(D) of the table's first row, D = d / xi (dimensionless)."""
    table_dl: float
    """Row step in log(D) (dimensionless)."""
    table_dsigma: float
    """Column step in sigma = asinh(S / D) (dimensionless)."""
    compression_field: float = 0.0
    """B_c of the squeeze the edge puts on a skyrmion, as an equivalent field at d = R0 (T); 0: none."""
    compression_length: float = 1e-9
    """Its decay length (m)."""

    reach = property(_segment_reach)
    squeeze_reach = property(_edge_squeeze_reach)


class TailBoundaryEdgeRecord(NamedTuple):
    """Kernel record of the outer term of the 'boundary_term' edge law (present when F0 != 0): the straight-edge
    calibration's outer term as the DMI boundary term's K1 (n . r_hat) line density along each closed segment
    (hook `edge_segment`, `boundary_segment_force`)."""

    ROLE = term.EDGE
    SEGMENT_LAW = True
    """The kernel hands this law each closed segment in the skyrmion's frame (hooks.add_edge_segments)."""
    POSITION_ONLY = True
    """Its force depends on the skyrmion's position alone: the kernel may read it from a table
    (emulator/thiele/edge_field_grid.py)."""
    F0: float
    """Force of an infinite straight edge at d = R0 (N)."""
    xi: float
    """Decay length (m)."""
    R0: float
    """Distance offset (m)."""
    scale: float
    """F0 e^(R0/xi) / pi, the line density's prefactor (N)."""
    compression_field: float = 0.0
    """B_c of the squeeze the edge puts on a skyrmion, as an equivalent field at d = R0 (T); 0: none."""
    compression_length: float = 1e-9
    """Its decay length (m)."""

    reach = property(_segment_reach)
    squeeze_reach = property(_edge_squeeze_reach)


SQUEEZE_FLOOR = 1e-3
"""Squeeze fields below this are dropped (T): ~0.01 nm of radius at 0.2 T in the chamber material, a fifth of the
smallest squeeze the LLG fit saw (emulator/llg/calibration/compression.py, MIN_FIELD); it gives the squeeze a
reach the kernel's distance lists cover (KernelModel)."""

EDGE_LAWS = ("straight", "tail_integral", "boundary_term")
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
    """Edge force at d = R0_e (N) of the outer term."""
    edge_xi: float = 1e-9
    """Edge decay length (m)."""
    edge_R0: float = 0.0
    """Distance offset of the edge law (m)."""
    edge_F1: float = 0.0
    """Inner term (N): the edge law is F0 e^(-(d - R0)/xi) - F1 e^(-2 (d - R0)/xi), which levels off and
    turns over next to the edge as the LLG push does (the squeezed skyrmion; emulator/llg/calibration/
    interactions.py). 0: the plain exponential."""
    edge_law: str = "straight"
    """How the straight-edge calibration acts on the outline (`EDGE_LAWS`, module docstring): 'straight' (each
    segment and vertex pushes as a straight edge at its distance), 'tail_integral' (the tail overlap
    integrated along the closed segments) or 'boundary_term' (the outer term through the DMI boundary term)."""
    pair_compression: tuple[float, float] = (0.0, 1e-9)
    """(B_c (T), lambda (m)): a neighbour at centre distance rho squeezes a skyrmion as an extra field
    B_c exp(-(rho - 2 R0) / lambda) would (emulator/llg/calibration/compression.py); B_c = 0: no squeeze."""
    edge_compression: tuple[float, float] = (0.0, 1e-9)
    """(B_c (T), lambda (m)): the nearest closed edge at centre distance d squeezes a skyrmion as an extra field
    B_c exp(-(d - R0_e) / lambda) would; B_c = 0: no squeeze."""

    def __post_init__(self):
        check_choice("edge_law", self.edge_law, EDGE_LAWS)
        check_range("edge_F1", self.edge_F1, 0.0, None, "N")
        for name, (field, length) in (("pair_compression", self.pair_compression),
                                      ("edge_compression", self.edge_compression)):
            check_range(name + " field", field, 0.0, 10.0, "T")
            check_range(name + " length", length, 1e-11, 1e-7, "m")

    def records(self):
        pair = (TailPairRecord(self.U0, self.xi, self.R0, *self.pair_compression),) if self.U0 != 0.0 else ()
        if self.edge_F0 == 0.0:
            return pair
        if self.edge_law == "straight":
            outer = TailEdgeRecord(self.edge_F0, self.edge_xi, self.edge_R0, *self.edge_compression)
            inner = (TailEdgeRecord(-self.edge_F1, 0.5 * self.edge_xi, self.edge_R0),) if self.edge_F1 else ()
            return pair + (outer,) + inner
        if self.edge_law == "boundary_term":
            return pair + self._boundary_term_records
        return pair + self._tail_integral_records

    @functools.cached_property
    def _boundary_term_records(self):
        """The 'boundary_term' records: the outer term as the DMI boundary term (with the squeeze), and the inner
        one, if F1 != 0, as the 'tail_integral' K0 density (`tail_integral_record`)."""
        outer = TailBoundaryEdgeRecord(float(self.edge_F0), float(self.edge_xi), float(self.edge_R0),
                                       float(self.edge_F0 * math.exp(self.edge_R0 / self.edge_xi) / math.pi),
                                       float(self.edge_compression[0]), float(self.edge_compression[1]))
        if not self.edge_F1:
            return (outer,)
        return outer, tail_integral_record(-self.edge_F1, 0.5 * self.edge_xi, self.edge_R0)

    @functools.cached_property
    def _tail_integral_records(self):
        """The 'tail_integral' records (outer term, and the inner one if F1 != 0), their tables built once per
        term (`tail_integral_record`). The squeeze rides on the outer record."""
        outer = tail_integral_record(self.edge_F0, self.edge_xi, self.edge_R0, self.edge_compression)
        if not self.edge_F1:
            return (outer,)
        return outer, tail_integral_record(-self.edge_F1, 0.5 * self.edge_xi, self.edge_R0)


@numba.njit(cache=True)
def edge_reach(xi, R0):
    """12 decay lengths past R0 (m): the 'straight' law's cut-off distance."""
    return 12.0 * xi + R0


TAIL_INTEGRAL_REACH = 9.25
"""Decay lengths past R0 beyond which the 'tail_integral' law skips a segment (dimensionless). A segment whose
nearest point lies farther pushes less than an infinite straight edge there, F0 e^-9.25 = 9.6e-5 F0 (the
neglected force; 5.4e-16 N on the chamber). 12 decay lengths (the 'straight' law's) put 1.4 times as many
segments within reach (chamber_150nm, 300 uniform points inside: 3.7 against 2.7) for forces below 1e-4 F0."""


@numba.njit(cache=True)
def tail_integral_reach(xi, R0):
    """TAIL_INTEGRAL_REACH decay lengths past R0 (m): the 'tail_integral' law's cut-off distance."""
    return TAIL_INTEGRAL_REACH * xi + R0


QUADRATURE_NODES = 16
"""Gauss-Legendre nodes per angular interval of `segment_force` for a line closer than `TABLE_D_MIN` decay
lengths (dimensionless). Normal force error, relative to a half-line's (pi / 2) e^(-d/xi), over every interval
from the foot: < 6e-5 for d >= 0.2 xi (checked against adaptive quadrature before the table took over there);
not measured below 0.02 xi, where it is used now (at 0.02 xi it agrees with the table within 3.5e-5). A line
that close passes through the skyrmion: rare, mostly a segment seen edge-on."""
_NODES, _WEIGHTS = (tuple(float(v) for v in a) for a in np.polynomial.legendre.leggauss(QUADRATURE_NODES))
"""Gauss-Legendre nodes on [-1, 1] and their weights (immutable tuples)."""
TABLE_D_MIN = 0.02
"""Distance to the segment's line (decay lengths) from which the normal part is read from the table
(`tail_table`) instead of the quadrature. The force jumps there by < 3.5e-5 of a half-line's push (the
quadrature's error this close; measured 2026-12-07, tests/emulator/test_tail_integral_edge.py)."""
TABLE_ROWS = 64
"""Rows of `tail_table`, spaced evenly in log(D) from log(TABLE_D_MIN) to log(reach / xi) (one row of margin
below, two above). With TABLE_COLUMNS and the chamber's reach (10.2 xi): relative error of the interpolated tail
fraction T < 2.8e-6 (largest near D = 10.1), measured against adaptive quadrature at 3000 random points with
the end within reach (tests/emulator/test_tail_integral_edge.py checks < 2e-5)."""
TABLE_COLUMNS = 160
"""Columns of `tail_table`, spaced evenly in sigma = asinh(S / D) from 0 to asinh(1.05 reach / (xi TABLE_D_MIN))."""
_BUILD_NODES = tuple(tuple(float(v) for v in a) for a in np.polynomial.legendre.leggauss(8))
"""Gauss-Legendre nodes and weights on [-1, 1] for each table cell when the table is built (immutable)."""


def tail_table(d_max, rows=TABLE_ROWS, columns=TABLE_COLUMNS):
    """The normal part's tail beyond an end, as a table L(log D, sigma) (dimensionless).

    For a line at D = d / xi and an end at S = |s| / xi from the foot (R = sqrt(D^2 + S^2)), the tail fraction
    T(D, S) = (integral of D K1(R') / R' dS' from S to infinity) / ((pi / 2) e^-D) is the share of a half-line's
    normal push that lies beyond the end (1 at the foot, 0 far away). The table holds
    L = log(T) + R - D, which removes T's exponential decay, on a regular grid in log(D) (rows: from
    log(TABLE_D_MIN) - step to log(d_max) + 2 steps, d_max = reach / xi) and in sigma = asinh(S / D) (columns:
    from 0), so that both the width D of the integrand's peak near the line and its decay over ~1 decay length
    far along are a few columns wide. Each row sums 8-point Gauss-Legendre integrals (scipy's K1) over the cells
    between columns, from 40 decay lengths past the last column inwards; where T underflows (R > ~600, far
    beyond any reach) the row repeats its last finite value. Returns (table, log D of row 0, row step, column
    step)."""
    if not d_max > TABLE_D_MIN:
        raise ValueError(f"d_max must exceed TABLE_D_MIN = {TABLE_D_MIN} decay lengths, got {d_max}")
    step_l = (math.log(d_max) - math.log(TABLE_D_MIN)) / (rows - 4)
    l0 = math.log(TABLE_D_MIN) - step_l
    step_sigma = math.asinh(1.05 * d_max / TABLE_D_MIN) / (columns - 3)
    nodes, weights = (np.array(v) for v in _BUILD_NODES)
    table = np.empty((rows, columns))
    for k in range(rows):
        D = math.exp(l0 + k * step_l)
        S_nodes = D * np.sinh(np.arange(columns) * step_sigma)
        cuts = np.concatenate([S_nodes, S_nodes[-1] + 0.1 * np.arange(1, 401)])
        lo, hi = cuts[:-1, None], cuts[1:, None]
        S = 0.5 * (lo + hi) + 0.5 * (hi - lo) * nodes
        R = np.sqrt(D * D + S * S)
        cells = (D * special.k1e(R) * np.exp(-R) / R * (0.5 * (hi - lo) * weights)).sum(axis=1)
        beyond = np.cumsum(cells[::-1])[::-1][:columns]
        R_nodes = np.sqrt(D * D + S_nodes * S_nodes)
        finite = beyond > 0.0
        with np.errstate(divide="ignore"):
            row = np.log(beyond / (0.5 * math.pi * math.exp(-D))) + R_nodes - D
        last = int(np.flatnonzero(finite)[-1])
        row[last + 1:] = row[last]
        table[k] = row
    return np.ascontiguousarray(table), l0, step_l, step_sigma


def tail_integral_record(F0, xi, R0, compression=(0.0, 1e-9)):
    """The kernel record of the 'tail_integral' law (SI floats: N, m, m, (T, m)), its table built for D up to
    tail_integral_reach / xi."""
    table, l0, step_l, step_sigma = tail_table(tail_integral_reach(xi, R0) / xi)
    return TailIntegralEdgeRecord(float(F0), float(xi), float(R0), float(F0 * math.exp(R0 / xi) / math.pi),
                                  table, l0, step_l, step_sigma, float(compression[0]), float(compression[1]))


@numba.njit(cache=True, inline="always")
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


@numba.njit(cache=True, inline="always")
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
def _gauss(D, theta_a, theta_b):
    """Integral of g(D sec(theta)) over [theta_a, theta_b], g(x) = x K1(x), by the `QUADRATURE_NODES`-point
    Gauss-Legendre rule (dimensionless)."""
    half = 0.5 * (theta_b - theta_a)
    mid = 0.5 * (theta_a + theta_b)
    total = 0.0
    for k in range(len(_NODES)):
        x = D / math.cos(mid + half * _NODES[k])
        total += _WEIGHTS[k] * x * bessel_k1(x)
    return half * total


@numba.njit(cache=True, inline="always")
def _cubic_weights(t):
    """Cubic Lagrange weights of the nodes -1, 0, 1, 2 at t (dimensionless)."""
    return (-t * (t - 1.0) * (t - 2.0) / 6.0, 0.5 * (t + 1.0) * (t - 1.0) * (t - 2.0),
            -0.5 * (t + 1.0) * t * (t - 2.0), (t + 1.0) * t * (t - 1.0) / 6.0)


@numba.njit(cache=True, inline="always")
def _tail(rec, row, w0, w1, w2, w3, D, S, R):
    """Tail fraction T beyond an end at S (dimensionless) of a line at D (`tail_table`), times e^-D, by cubic
    interpolation over the 4 x 4 nodes around it; R = sqrt(D^2 + S^2)."""
    table = rec.table
    f = math.log((S + R) / D) / rec.table_dsigma   # asinh(S / D) in columns
    j = min(max(int(f), 1), table.shape[1] - 3)
    v0, v1, v2, v3 = _cubic_weights(f - j)
    total = 0.0
    for p in range(4):
        wp = w0 if p == 0 else (w1 if p == 1 else (w2 if p == 2 else w3))
        r = table[row - 1 + p]
        total += wp * (v0 * r[j - 1] + v1 * r[j] + v2 * r[j + 1] + v3 * r[j + 2])
    return math.exp(total - R)


@numba.njit(cache=True)
def segment_force(rec, ax, ay, bx, by):
    """Force (N) on a skyrmion at the origin from the edge segment (ax, ay)-(bx, by) (m, the skyrmion's frame)
    under the 'tail_integral' law of record `rec`: the gradient of U = (F0 e^(R0/xi) / pi) * integral of
    K0(r / xi) ds along the segment. (0, 0) when the segment's nearest point is beyond
    `tail_integral_reach`.

    With t the unit vector from a to b, s the position along t from the foot of the perpendicular and d the
    distance to the line: tangential part (F0 e^(R0/xi) / pi) (K0(r_b / xi) - K0(r_a / xi)) along t (away from
    the side with more edge), normal part (F0 e^(R0/xi) / pi) * integral of g(d sec(theta) / xi) d(theta),
    g(x) = x K1(x), theta = atan(s / d), from the line towards the centre: N(theta_b) - N(theta_a), N odd in
    theta: for d >= TABLE_D_MIN xi, (pi / 2) e^(-d/xi) times the half-lines' shares between the ends, from the
    tail fractions beyond each end (`tail_table`); closer, Gauss-Legendre on each side of the foot. A side whose
    end lies beyond `tail_integral_reach` counts as the whole half-line, (pi / 2) e^(-d/xi), and adds no K0 to
    the tangential part: it stands for an end at infinity, so a segment skipped beyond reach leaves no
    unbalanced K0 at its joint with a segment within reach (what this leaves out is below the cut-off's own
    F0 e^-9.25).
    """
    xi = rec.xi
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
    far = tail_integral_reach(xi, rec.R0)
    nearest = d if sa < 0.0 < sb else min(ra, rb)
    if nearest > far:
        return 0.0, 0.0
    scale = rec.scale
    # an end beyond reach stands for a line running on to infinity: no K0 there (as the half-line rule below)
    ka = 0.0 if ra > far else bessel_k0(ra / xi)
    kb = 0.0 if rb > far else bessel_k0(rb / xi)
    ft = scale * (kb - ka)
    fn = 0.0
    if d > 0.0:
        D = d / xi
        if D >= TABLE_D_MIN:
            f = (math.log(D) - rec.table_l0) / rec.table_dl
            row = min(max(int(f), 1), rec.table.shape[0] - 3)
            w0, w1, w2, w3 = _cubic_weights(f - row)
            # e^-D times the tail beyond each end; an end beyond reach leaves no tail
            ta = 0.0 if ra > far else _tail(rec, row, w0, w1, w2, w3, D, abs(sa) / xi, ra / xi)
            tb = 0.0 if rb > far else _tail(rec, row, w0, w1, w2, w3, D, abs(sb) / xi, rb / xi)
            if sa < 0.0 < sb:
                n = 2.0 * math.exp(-D) - ta - tb   # both sides of the foot
            elif sa >= 0.0:
                n = ta - tb                         # b farther out than a on the same side
            else:
                n = tb - ta
            fn = scale * 0.5 * math.pi * n
        else:
            theta_a = math.atan2(sa, d)
            theta_b = math.atan2(sb, d)
            if theta_a < 0.0 < theta_b:
                half_line = 0.5 * math.pi * math.exp(-D)   # the whole half-line beyond the foot, exactly
                lower = half_line if ra > far else _gauss(D, theta_a, 0.0)
                upper = half_line if rb > far else _gauss(D, 0.0, theta_b)
                fn = scale * (lower + upper)
            else:
                fn = scale * _gauss(D, theta_a, theta_b)
        if c < 0.0:
            fn = -fn
    # the unit normal from the line to the centre is sign(c) p
    return ft * tx - fn * ty, ft * ty + fn * tx


BOUNDARY_NODES = 24
"""Gauss-Legendre nodes on each side of the foot for the K0 line integral of `boundary_segment_force`
(dimensionless). In u = asinh(s / d) the integrand K0(D cosh u) cosh u is smooth and is cut where
D cosh u > BOUNDARY_CUT; against 0.05 nm midpoint sums the force agrees within 2e-4 of F0 at 1-50 nm from the
chamber's outline (tests/emulator/llg/test_terminal_mouth.py checks 1e-3)."""
_BNODES, _BWEIGHTS = (tuple(float(v) for v in a) for a in np.polynomial.legendre.leggauss(BOUNDARY_NODES))
"""Gauss-Legendre nodes on [-1, 1] and their weights for `_k0_line` (immutable tuples)."""
BOUNDARY_CUT = 40.0
"""K0's argument beyond which the line integrand is dropped (dimensionless): e^-40 of the integral."""


@numba.njit(cache=True, inline="always")
def _k0_line(D, ua, ub):
    """Integral of K0(D cosh u) cosh u over [ua, ub] (dimensionless), D > 0, the part beyond BOUNDARY_CUT left
    out, by `BOUNDARY_NODES`-point Gauss-Legendre."""
    cut = math.acosh(max(BOUNDARY_CUT / D, 1.0))
    lo = max(ua, -cut)
    hi = min(ub, cut)
    if hi <= lo:
        return 0.0
    half = 0.5 * (hi - lo)
    mid = 0.5 * (hi + lo)
    total = 0.0
    for k in range(len(_BNODES)):
        c = math.cosh(mid + half * _BNODES[k])
        total += _BWEIGHTS[k] * bessel_k0(D * c) * c
    return half * total


@numba.njit(cache=True)
def boundary_segment_force(rec, ax, ay, bx, by):
    """Force (N) on a skyrmion at the origin from the closed segment (ax, ay)-(bx, by) (m, the skyrmion's frame,
    the film to the segment's left: a counter-clockwise outline) under the 'boundary_term' outer record `rec`:
    minus the gradient of E = scale * integral of K1(r / xi) (n . r_hat) ds, n the outward normal.

    With t the unit vector from a to b, p = (-t_y, t_x) the inward normal, c the centre's signed distance from
    the line along p (n . r = c for every element) and s the position along t from the foot,
    h(s) = K1(r / xi) c / r = -xi dK0(r / xi)/dc. Tangential part scale (h(s_b) - h(s_a)); normal part (along
    p) -scale * integral of dh/dc ds = scale (V / xi + K1(r_b/xi) s_b / r_b - K1(r_a/xi) s_a / r_a), from the
    modified Helmholtz equation d2K0/dc2 + d2K0/ds2 = K0 / xi^2, V the integral of K0(r / xi) ds over the
    segment (`_k0_line`). An end beyond `tail_integral_reach` stands for a line running on to infinity (no end
    terms), as in `segment_force`; (0, 0) when the segment's nearest point is beyond it."""
    xi = rec.xi
    ex = bx - ax
    ey = by - ay
    length = math.sqrt(ex * ex + ey * ey)
    tx = ex / length
    ty = ey / length
    sa = ax * tx + ay * ty
    sb = bx * tx + by * ty
    ra = math.sqrt(ax * ax + ay * ay)
    rb = math.sqrt(bx * bx + by * by)
    c = ty * ax - tx * ay
    d = abs(c)
    far = tail_integral_reach(xi, rec.R0)
    nearest = d if sa < 0.0 < sb else min(ra, rb)
    if nearest > far or ra == 0.0 or rb == 0.0:
        return 0.0, 0.0
    ka = 0.0 if ra > far else bessel_k1(ra / xi) / ra
    kb = 0.0 if rb > far else bessel_k1(rb / xi) / rb
    ft = rec.scale * c * (kb - ka)
    dd = max(d, 1e-9 * xi)   # on the line's extension (d = 0) the u-substitution needs d > 0; the limit is smooth
    v = dd * _k0_line(dd / xi, math.asinh(sa / dd), math.asinh(sb / dd))
    fn = rec.scale * (v / xi + kb * sb - ka * sa)
    return ft * tx - fn * ty, ft * ty + fn * tx


@numba.njit(cache=True, inline="always")
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


@overload(hooks.pair_push, inline="always")
def _pair_push(rec, rho, radius_i, radius_k):
    if hooks.is_record(rec, TailPairRecord):
        def impl(rec, rho, radius_i, radius_k):
            b = squeeze(rec.compression_field, rec.compression_length, 2.0 * rec.R0, rho)
            return pair_force(rec.U0, rec.xi, rec.R0, rho, radius_i, radius_k), b, b
        return impl


@overload(hooks.edge_push, inline="always")
def _edge_push(rec, radius, distance):
    if hooks.is_record(rec, TailEdgeRecord):
        return lambda rec, radius, distance: edge_force(rec.F0, rec.xi, rec.R0, distance)


SQUEEZE_SKIP_MARGIN = 1e-6
"""`squeeze` skips the exponential where (distance - offset) / length exceeds log(field / SQUEEZE_FLOOR) by more
than this (dimensionless): there the squeeze is below the floor by a factor e^-1e-6, far beyond rounding, so
skipping it changes no result. The log depends on the record alone (hoisted out of the kernel's loops); the
exponential it saves is the costly one, far from every edge (distance 1e30, an underflow) and between distant
pairs."""


@numba.njit(cache=True, inline="always")
def squeeze(field, length, offset, distance):
    """field exp(-(distance - offset) / length) (T) for distance > 0 while it is at least SQUEEZE_FLOOR, else 0."""
    if field > 0.0 and distance > 0.0:
        if (distance - offset) / length > math.log(field / SQUEEZE_FLOOR) + SQUEEZE_SKIP_MARGIN:
            return 0.0
        b = field * math.exp(-(distance - offset) / length)
        if b >= SQUEEZE_FLOOR:
            return b
    return 0.0


def squeeze_reach(field, length, offset):
    """Distance (m) beyond which `squeeze` is 0 (offset if field <= SQUEEZE_FLOOR)."""
    return offset + length * math.log(field / SQUEEZE_FLOOR) if field > SQUEEZE_FLOOR else offset


@overload(hooks.edge_squeeze, inline="always")
def _edge_squeeze(rec, distance):
    if (hooks.is_record(rec, TailEdgeRecord) or hooks.is_record(rec, TailIntegralEdgeRecord)
            or hooks.is_record(rec, TailBoundaryEdgeRecord)):
        return lambda rec, distance: squeeze(rec.compression_field, rec.compression_length, rec.R0, distance)


@overload(hooks.edge_segment, inline="always")
def _edge_segment(rec, radius, ax, ay, bx, by):
    if hooks.is_record(rec, TailIntegralEdgeRecord):
        return lambda rec, radius, ax, ay, bx, by: segment_force(rec, ax, ay, bx, by)
    if hooks.is_record(rec, TailBoundaryEdgeRecord):
        return lambda rec, radius, ax, ay, bx, by: boundary_segment_force(rec, ax, ay, bx, by)
