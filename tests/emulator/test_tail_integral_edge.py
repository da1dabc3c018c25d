"""The 'tail_integral' edge law (emulator/thiele/exchange_tail.py): the exchange-tail overlap integrated along the
closed edges. It must give the calibrated straight-edge law on a straight edge, push less at a reflex corner and
more at a concave one than a straight edge at the same distance, be continuous where the 'straight' law switches
from a segment to its vertex, and be the negative gradient of its energy."""
import dataclasses
import math

import numpy as np
import pytest
from scipy import integrate, special

from emulator.presets import chamber_150nm
from emulator.thiele.exchange_tail import (TABLE_D_MIN, TAIL_INTEGRAL_REACH, ExchangeRepulsion, TailEdgeRecord,
                                           bessel_k0, segment_force, tail_integral_record, tail_table)
from emulator.thiele import term
from emulator.thiele.outline import edge_pass

NM = 1e-9
F0, XI, R0 = 5.600713459321205e-12, 5.254582424581013e-09, 5.063746870303364e-09
"""The chamber's LLG calibration (emulator/calibrations/chamber_150nm.json, edge)."""
REC = tail_integral_record(F0, XI, R0)
"""The kernel record of that calibration (its table built once here)."""
FAR = 60 * XI
"""Length that stands for infinity: the tail left beyond it is e^-60 of the push."""


def straight(d):
    """The calibrated straight-edge law F(d) = F0 exp(-(d - R0) / xi) (N)."""
    return F0 * math.exp(-(d - R0) / XI)


def force(*segments):
    """Summed 'tail_integral' force (N) on a skyrmion at the origin from segments ((ax, ay), (bx, by)) (m)."""
    fx = fy = 0.0
    for (ax, ay), (bx, by) in segments:
        gx, gy = segment_force(REC, ax, ay, bx, by)
        fx += gx
        fy += gy
    return np.array([fx, fy])


def energy(x, y, segments):
    """Energy (J) of a skyrmion at (x, y) under the line density (F0 e^(R0/xi) / pi) K0(r / xi) along the segments,
    by adaptive quadrature with scipy's K0: independent of the kernel's quadrature and Bessel polynomials."""
    total = 0.0
    for (ax, ay), (bx, by) in segments:
        length = math.hypot(bx - ax, by - ay)

        def density(s):
            px = ax + (bx - ax) * s / length
            py = ay + (by - ay) * s / length
            return special.k0(math.hypot(px - x, py - y) / XI)
        total += integrate.quad(density, 0.0, length, epsabs=0.0, epsrel=1e-12, limit=400)[0]
    return F0 * math.exp(R0 / XI) / math.pi * total


def test_k0_matches_scipy():
    x = np.logspace(-3, 1.5, 400)
    assert max(abs(bessel_k0(v) / special.k0(v) - 1.0) for v in x) < 5e-7


@pytest.mark.parametrize("ratio", [0.2, 0.5, 1.0, 2.0, 5.0, 10.0])
def test_an_infinite_straight_edge_gives_the_calibrated_law(ratio):
    """Normal force = F0 e^(-(d - R0)/xi) to the table's accuracy (1e-4 asked, a few 1e-6 measured); no
    tangential force on a symmetric edge."""
    d = ratio * XI
    f = force(((-FAR, -d), (FAR, -d)))
    assert f[1] == pytest.approx(straight(d), rel=1e-4)
    assert abs(f[0]) < 1e-12 * f[1]
    # the same edge in two pieces, split anywhere, pushes the same (the tangential parts cancel at the joint)
    g = force(((-FAR, -d), (0.3 * d, -d)), ((0.3 * d, -d), (FAR, -d)))
    assert g == pytest.approx(f, rel=1e-4, abs=1e-9 * f[1])


def test_a_segment_anywhere_matches_adaptive_quadrature():
    """200 random segments (ends within 15 xi, the line at 0.2-12 xi from the centre, within reach): the force
    equals the direct integral of (F0 e^(R0/xi) / (pi xi)) K1(r / xi) (centre - p) / r ds (adaptive, scipy's
    K1) within 1e-4 of the force scale of a half-line at the segment's distance, (F0 e^(R0/xi) / 2) e^(-d/xi), plus the
    cut-off's own level (F0 / 2) e^-9.25 (a side ending beyond the reach counts as a whole half-line)."""
    rng = np.random.default_rng(1)
    scale = F0 * math.exp(R0 / XI) / math.pi
    checked = 0
    while checked < 200:
        a, b = rng.uniform(-15 * XI, 15 * XI, 2), rng.uniform(-15 * XI, 15 * XI, 2)
        t = (b - a) / np.hypot(*(b - a))
        d = abs(t[1] * a[0] - t[0] * a[1])
        foot_inside = (a @ t) < 0.0 < (b @ t)
        if not 0.2 * XI <= d <= 12 * XI or (d if foot_inside else min(np.hypot(*a), np.hypot(*b))) > REC.reach:
            continue
        length = np.hypot(*(b - a))

        def part(s, k):
            p = a + t * s
            r = np.hypot(*p)
            return scale / XI * special.k1(r / XI) * (-p[k]) / r
        want = np.array([integrate.quad(part, 0.0, length, args=(k,), epsabs=0.0, epsrel=1e-9, limit=400)[0]
                         for k in (0, 1)])
        got = np.array(segment_force(REC, a[0], a[1], b[0], b[1]))
        assert np.hypot(*(got - want)) < (1e-4 * 0.5 * math.pi * scale * math.exp(-d / XI)
                                          + 0.5 * F0 * math.exp(-TAIL_INTEGRAL_REACH))
        checked += 1


def test_the_reach_neglects_less_than_1e_4_of_f0():
    """A long edge just beyond the reach is skipped; just inside, it pushes as the straight law there, which is
    below 1e-4 F0: the cut-off drops at most that per segment."""
    inside, beyond = REC.reach * (1.0 - 1e-9), REC.reach * (1.0 + 1e-9)
    assert tuple(force(((-FAR, -beyond), (FAR, -beyond)))) == (0.0, 0.0)
    push = force(((-FAR, -inside), (FAR, -inside)))[1]
    assert push == pytest.approx(straight(inside), rel=1e-4)
    assert push < 1e-4 * F0


def _exact_tail(D, S):
    """Tail fraction beyond S of a line at D (decay lengths), by adaptive quadrature with scipy's K1."""
    beyond = integrate.quad(lambda s: D * special.k1(math.hypot(D, s)) / math.hypot(D, s), S, np.inf, epsabs=0.0,
                            epsrel=1e-12, limit=400)[0]
    return beyond / (0.5 * math.pi * math.exp(-D))


def test_the_tail_table_matches_adaptive_quadrature():
    """400 random (D, S) with the end within reach (R <= reach / xi), D from TABLE_D_MIN up: the interpolated
    tail fraction (e^D exp(L - R), as the kernel reads it) equals the direct integral within 2e-5 relative
    (measured 3.2e-6), including ends far out where T is ~e^-9."""
    table, l0, step_l, step_sigma = tail_table(REC.reach / XI)
    top = REC.reach / XI
    rng = np.random.default_rng(2)
    worst = 0.0
    for n in range(400):
        D = math.exp(rng.uniform(math.log(TABLE_D_MIN), math.log(top)))
        S = rng.uniform(0.0, math.sqrt(top * top - D * D))
        R = math.hypot(D, S)
        got = segment_tail(table, l0, step_l, step_sigma, D, S, R) * math.exp(D)
        worst = max(worst, abs(got / _exact_tail(D, S) - 1.0))
    assert worst < 2e-5


def segment_tail(table, l0, step_l, step_sigma, D, S, R):
    """The kernel's interpolation of tail_table (exchange_tail._tail), through a record holding this table."""
    from emulator.thiele.exchange_tail import _cubic_weights, _tail
    rec = REC._replace(table=table, table_l0=l0, table_dl=step_l, table_dsigma=step_sigma)
    f = (math.log(D) - l0) / step_l
    row = min(max(int(f), 1), table.shape[0] - 3)
    return _tail(rec, row, *_cubic_weights(f - row), D, S, R)


@pytest.mark.parametrize("ends", [(-3.0, 4.0), (0.5, 3.0), (-0.05, 0.3), (2.0, 5.0)])
def test_the_switch_to_quadrature_close_to_the_line_is_small(ends):
    """At d = TABLE_D_MIN xi the normal part goes from the table to 16-point quadrature: the force jumps by less
    than 1e-4 of a half-line's push (measured 3.5e-5 for a segment across the foot, < 1e-7 otherwise)."""
    (s0, s1), d = ends, TABLE_D_MIN * XI
    near = np.array(segment_force(REC, s0 * XI, -d * (1 - 1e-9), s1 * XI, -d * (1 - 1e-9)))
    far = np.array(segment_force(REC, s0 * XI, -d * (1 + 1e-9), s1 * XI, -d * (1 + 1e-9)))
    assert np.hypot(*(far - near)) < 1e-4 * 0.5 * F0 * math.exp(R0 / XI - TABLE_D_MIN)


def test_a_short_segment_far_along_its_line_keeps_its_own_accuracy():
    """A segment seen nearly edge-on (line at 0.3-3 xi, ends 2-11 xi along it, 0.5-2 xi long) pushes far less
    than a half-line at its line's distance; the table gives each end's tail to a relative accuracy, so the
    force still matches adaptive quadrature within 1e-5 of its own size (measured 1.0e-7)."""
    rng = np.random.default_rng(3)
    scale = F0 * math.exp(R0 / XI) / math.pi
    for _ in range(60):
        d, s0, length = rng.uniform(0.3, 3.0) * XI, rng.uniform(2.0, 9.0) * XI, rng.uniform(0.5, 2.0) * XI
        a, b = np.array([s0, -d]), np.array([s0 + length, -d])

        def part(s, k):
            p = a + np.array([s, 0.0])
            r = np.hypot(*p)
            return scale / XI * special.k1(r / XI) * (-p[k]) / r
        want = np.array([integrate.quad(part, 0.0, length, args=(k,), epsabs=0.0, epsrel=1e-10, limit=400)[0]
                         for k in (0, 1)])
        got = np.array(segment_force(REC, a[0], a[1], b[0], b[1]))
        assert np.hypot(*(got - want)) < 1e-5 * np.hypot(*want)


def test_far_from_corners_the_chamber_pushes_as_the_straight_law():
    """Points over the middle of the chamber's bottom edge (75 nm from the nearest corner): the integral law's
    push on the chamber outline (both terms, the outer and the inner one) equals the straight law's to the
    quadrature's accuracy."""
    model = chamber_150nm().model
    km = model.kernel_model()
    law = model.forces.get(ExchangeRepulsion)
    everything = np.arange(km.edges.shape[0], dtype=np.int64)
    assert [type(r).__name__ for r in km.edge_laws] == ["TailBoundaryEdgeRecord", "TailIntegralEdgeRecord"]
    old = (TailEdgeRecord(law.edge_F0, law.edge_xi, law.edge_R0),
           TailEdgeRecord(-law.edge_F1, 0.5 * law.edge_xi, law.edge_R0))
    new = km.edge_laws
    for d in (2 * NM, 5 * NM, 10 * NM, 20 * NM, 40 * NM):
        a = edge_pass(old, km.reach, km.edges, everything, 0, len(everything), 75 * NM, d, 5 * NM)
        b = edge_pass(new, km.reach, km.edges, everything, 0, len(everything), 75 * NM, d, 5 * NM)
        assert b[1] == pytest.approx(a[1], rel=1e-4)
        assert abs(b[0]) < 1e-9 * abs(a[1])
        assert b[2:] == a[2:]     # the distances the lifecycle reads do not depend on the law


@pytest.mark.parametrize("ratio", [1.0, 2.0, 3.0, 6.0, 10.0])
@pytest.mark.parametrize("angle_deg", [-80.0, -45.0, -10.0])
def test_a_reflex_corner_pushes_less_than_a_straight_edge(ratio, angle_deg):
    """Film wrapped round a 270 degree corner at the origin (edges along +y and -x, the film at x > 0 or y < 0);
    the skyrmion in the quadrant x > 0, y < 0, beyond both edges' ends, at distance r from the vertex: where the
    straight law pushes F(r) from the vertex, the two half-lines running away from it push less."""
    r = ratio * XI
    cx, cy = r * math.cos(math.radians(angle_deg)), r * math.sin(math.radians(angle_deg))
    f = force(((-cx, FAR - cy), (-cx, -cy)), ((-cx, -cy), (-FAR - cx, -cy)))
    assert np.hypot(*f) < 0.9 * straight(r)
    assert f @ np.array([cx, cy]) > 0.0   # still a repulsion away from the vertex


@pytest.mark.parametrize("edge_law, low, high", [("tail_integral", 0.45, 0.7), ("boundary_term", 0.25, 0.4)])
def test_the_chamber_pad_corner_pushes_less_at_the_write_point(edge_law, low, high):
    """At the write point (8, 83) nm, 14 nm below-right of the pad opening's corner (0, 95) nm: the straight law
    pushes as a straight edge 14 nm away; the integral law ~0.58 of that, the boundary-term law (the preset's
    since 2026-12-07: an edge seen from beyond a reflex corner faces away) ~0.32 (measured 2026-12-07)."""
    model = chamber_150nm().model
    km = model.kernel_model()
    law = dataclasses.replace(model.forces.get(ExchangeRepulsion), edge_law=edge_law)
    records = tuple(r for r in law.records() if r.ROLE == term.EDGE)
    everything = np.arange(km.edges.shape[0], dtype=np.int64)
    old = edge_pass((TailEdgeRecord(F0, XI, R0),), km.reach, km.edges, everything, 0, len(everything),
                    8 * NM, 83 * NM, 5 * NM)
    new = edge_pass(records, km.reach, km.edges, everything, 0, len(everything), 8 * NM, 83 * NM, 5 * NM)
    assert low < math.hypot(new[0], new[1]) / math.hypot(old[0], old[1]) < high
    assert new[0] > 0.0 and new[1] < 0.0    # into the chamber and away from the corner


@pytest.mark.parametrize("ratio", [1.5, 2.0, 3.0, 6.0, 10.0])
def test_a_concave_corner_pushes_more_than_one_edge(ratio):
    """Skyrmion on the bisector of a 90 degree corner, d from both edges: more than one straight edge, less than
    the two infinite edges the straight law adds. (Closer than ~1.2 xi the far parts of both edges pull along
    the bisector towards the vertex and the sum drops below one edge; see the energy test.)"""
    d = ratio * XI
    f = force(((-d, -d), (FAR, -d)), ((-d, FAR), (-d, -d)))
    assert f[0] == pytest.approx(f[1], rel=1e-9)
    assert straight(d) < np.hypot(*f) < math.sqrt(2.0) * straight(d)


@pytest.mark.parametrize("ratio", [0.5, 1.0, 2.0, 4.0])
def test_a_concave_corner_holds_more_energy_than_one_edge(ratio):
    """At every distance the corner's two half-lines hold more edge within the tail than one straight edge:
    U > F0 xi e^(-(d - R0)/xi) (the energy of an infinite edge), and less than two infinite edges."""
    d = ratio * XI
    u = energy(0.0, 0.0, (((-d, -d), (FAR, -d)), ((-d, FAR), (-d, -d))))
    line = XI * straight(d)
    assert line < u < 2.0 * line


def test_continuous_where_the_straight_law_switches_to_the_vertex():
    """Across the line y = 95 nm at x = 8 nm the straight law switches from the chamber's left wall (x = 0,
    y >= 95 nm: normal push) to that wall's end vertex (0, 95) nm. Both laws are continuous there; the integral
    law is also smooth (its second difference across the switch is as small as beside it), the straight law has
    a kink there (a second difference orders of magnitude larger)."""
    km = chamber_150nm().model.kernel_model()
    everything = np.arange(km.edges.shape[0], dtype=np.int64)
    old = (TailEdgeRecord(F0, XI, R0),)

    def f(laws, y):
        return np.array(edge_pass(laws, km.reach, km.edges, everything, 0, len(everything), 8 * NM, y, 5 * NM)[:2])

    h = 0.05 * NM
    for laws, smooth in ((km.edge_laws, True), (old, False)):
        at = f(laws, 95 * NM)
        assert np.hypot(*(f(laws, 95 * NM + 1e-18) - f(laws, 95 * NM - 1e-18))) < 1e-8 * np.hypot(*at)
        across = np.hypot(*(f(laws, 95 * NM + h) - 2 * at + f(laws, 95 * NM - h)))
        beside = np.hypot(*(f(laws, 97 * NM + h) - 2 * f(laws, 97 * NM) + f(laws, 97 * NM - h)))
        assert (across < 3.0 * beside) == smooth


@pytest.mark.parametrize("point", [(8 * NM, 83 * NM), (3 * NM, 75 * NM), (6 * NM, 6 * NM), (12 * NM, 101 * NM),
                                   (-20 * NM, 70 * NM)])
def test_the_force_is_minus_the_gradient_of_the_energy(point):
    """Central differences of the energy (adaptive quadrature, scipy's K0) over all the chamber's closed segments
    against the kernel's force, at points by the pad opening, a concave corner and in the pad: within 2e-4 of
    the force plus the reach's stated bound, F0 e^-9.25 (what the kernel skips beyond reach: measured 7.5e-17 N
    = 1.3e-5 F0 at (3, 75) nm, where the force is only 0.025 F0)."""
    model = chamber_150nm().model
    edges = model.geometry.edge_arrays()
    segments = [((e[0], e[1]), (e[2], e[3])) for e in edges if e[6] == 0.0]
    x, y = point
    h = 1e-3 * NM
    grad = np.array([(energy(x + h, y, segments) - energy(x - h, y, segments)) / (2 * h),
                     (energy(x, y + h, segments) - energy(x, y - h, segments)) / (2 * h)])
    f = force(*[((ax - x, ay - y), (bx - x, by - y)) for (ax, ay), (bx, by) in segments])
    assert f == pytest.approx(-grad, rel=2e-4, abs=2e-4 * np.hypot(*grad) + F0 * math.exp(-TAIL_INTEGRAL_REACH))


def test_the_edge_law_is_checked_and_selects_its_record():
    law = ExchangeRepulsion(U0=0.0, xi=4 * NM, R0=3.6 * NM, edge_F0=F0, edge_xi=XI, edge_R0=R0,
                            edge_law="tail_integral")
    assert [type(r).__name__ for r in law.records()] == ["TailIntegralEdgeRecord"]
    assert law.records()[0].reach == pytest.approx(9.25 * XI + R0)
    with pytest.raises(ValueError, match="edge_law"):
        ExchangeRepulsion(U0=0.0, xi=4 * NM, R0=3.6 * NM, edge_law="mirror")
