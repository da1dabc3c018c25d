"""Lifecycle stage: after each move, every skyrmion's radius follows its field, or it dies; area crossings.

A skyrmion leaves the film through an exit (EXITED) or across a closed edge (EXPELLED_AT_EDGE), collapses when no
skyrmion is stable at its local field B_z + B_dip (COLLAPSED), is expelled when its centre comes within
`edge_expulsion` radii of a closed edge or within `edge_escape_gap` plus its free radius (EXPELLED_AT_EDGE), or is
annihilated by a Bernoulli draw of its Arrhenius rate over the step (ANNIHILATED; rates.py). A survivor takes the
equilibrium radius of its local field (radius relaxation is sub-ns, far faster than drift) and logs entering or
leaving the effective area.
"""
from __future__ import annotations

import dataclasses
import math
from typing import NamedTuple

import numba

from emulator.thiele import events, rates
from emulator.thiele.events import log_event
from emulator.thiele.field_table import field_lookup
from emulator.thiele.outline import crossed_exit, inside_area, inside_polygon
from emulator.thiele.rng import uniform
from emulator.thiele.state import FLAG_INSIDE, FLAG_PINNED
from skybench.errors import check_positive, check_range


@dataclasses.dataclass(frozen=True)
class Annihilation:
    """Thermally activated, current- and field-assisted annihilation, plus expulsion at closed edges."""

    attempt_frequency: float
    """f0 (1/s)."""
    barrier: float
    """E_a0 at the reference field and zero current (J)."""
    field_scale: float
    """B_a, the field where the barrier vanishes (T)."""
    reference_field: float
    """B_ref (T); also the reference field of the nucleation barriers."""
    current_scale: float
    """j_a, the local current density where the barrier vanishes (A/m^2)."""
    edge_expulsion: float
    """A skyrmion whose centre comes closer than this times its radius to a closed edge is expelled
    (dimensionless)."""
    edge_escape_gap: float = 0.0
    """A skyrmion escapes through a closed edge when its centre comes closer to it than this plus its free
    radius (the equilibrium radius at the applied field, before any squeeze by neighbours or edges) (m); 0
    leaves only `edge_expulsion`. The LLG measures it (emulator/llg/calibration/edge_escape.py): a skyrmion of
    the free radius placed with its rim closer than this to the edge expands out through it."""
    chirality: int = 1
    """chi = +-1, fixed by the stack's DMI and spin Hall signs: the damping-like SOT of nominal current of sign
    chi expands reversed (Neel, fixed-chirality) textures, of sign -chi compresses them (rates.py)."""
    barrier_spread: float = 0.0
    """Relative (log-normal) spread of each skyrmion's barrier, drawn at its birth: the local defect
    environment that mediates its collapse (dimensionless)."""

    def __post_init__(self):
        check_positive("attempt_frequency", self.attempt_frequency, "1/s")
        check_range("barrier", self.barrier, 0.0, None, "J")
        check_positive("current_scale", self.current_scale, "A/m^2")
        if self.field_scale <= self.reference_field:
            raise ValueError("field_scale must exceed reference_field")
        check_range("edge_expulsion", self.edge_expulsion, 0.0, None, "")
        check_range("edge_escape_gap", self.edge_escape_gap, 0.0, 1e-7, "m")
        if self.chirality not in (-1, 1):
            raise ValueError("chirality must be -1 or +1")
        check_range("barrier_spread", self.barrier_spread, 0.0, 2.0, "")

    def record(self) -> "AnnihilationRecord":
        return AnnihilationRecord(self.attempt_frequency, self.barrier, self.field_scale, self.reference_field,
                                  self.current_scale, self.edge_expulsion, float(self.chirality),
                                  self.edge_escape_gap)

    def expulsion_distance(self, radius: float) -> float:
        """Centre-to-edge distance (m) below which a skyrmion of equilibrium (and free) radius `radius` (m) is
        expelled."""
        limit = self.edge_expulsion * radius
        return max(limit, radius + self.edge_escape_gap) if self.edge_escape_gap > 0.0 else limit


class AnnihilationRecord(NamedTuple):
    """Kernel record of an Annihilation (same symbols and units)."""

    f0: float
    E0: float
    B_a: float
    B_ref: float
    j_a: float
    edge_expulsion: float
    chirality: float
    edge_escape_gap: float


@numba.njit(cache=True, inline="always")
def remove(st, sc, d, i):
    """Drop skyrmion i of device d by moving the last live one (and its per-step values) into its slot."""
    last = st.n[d] - 1
    st.kappa[d, i] = st.kappa[d, last]
    st.x[d, i] = st.x[d, last]
    st.y[d, i] = st.y[d, last]
    st.radius[d, i] = st.radius[d, last]
    st.b_eff[d, i] = st.b_eff[d, last]
    st.ids[d, i] = st.ids[d, last]
    st.flags[d, i] = st.flags[d, last]
    st.n[d] = last
    sc.b_dip[i] = sc.b_dip[last]
    sc.j_local[i] = sc.j_local[last]
    sc.held[i] = sc.held[last]
    sc.near[i] = sc.near[last]
    sc.near_any[i] = sc.near_any[last]


@numba.njit(cache=True, inline="always")
def update(m, st, sc, d, j_nominal, bz, temperature, dt, now):
    """Radii, deaths and area crossings of device d after a move of dt (s) ending at `now` (s); returns the
    largest annihilation rate (1/s), which bounds the next step."""
    # Arrays are taken out of the records once: an attribute read inside the loop costs a reference count.
    a = m.annihilation
    table = m.table
    edges = m.edges
    area = m.area
    crossing = 2.0 * m.step.largest_displacement
    x = st.x[d]
    y = st.y[d]
    radius = st.radius[d]
    b_field = st.b_eff[d]
    ids = st.ids[d]
    flags = st.flags[d]
    kappa = st.kappa[d]
    n = st.n
    rng = st.rng
    b_dip = sc.b_dip
    j_local = sc.j_local
    near = sc.near
    near_any = sc.near_any
    held = sc.held
    max_rate = 0.0
    r_free = 0.0
    if a.edge_escape_gap > 0.0:
        r_free, _, _ = field_lookup(table, bz)
    i = 0
    while i < n[d]:
        xi = x[i]
        yi = y[i]
        ident = ids[i]
        b_eff = bz + b_dip[i]
        r_eq, _, _ = field_lookup(table, b_eff)
        # A crossing is only possible within one step of the outline (distances from before the move).
        if near_any[i] <= crossing and not inside_polygon(edges, xi, yi):
            kind = events.EXITED if crossed_exit(edges, xi, yi) else events.EXPELLED_AT_EDGE
            log_event(st.log, d, now, kind, ident, xi, yi)
            remove(st, sc, d, i)
            continue
        # At an edge the edge decides first: there the squeeze of the edge can also shrink the radius to nothing.
        limit = a.edge_expulsion * r_eq
        if a.edge_escape_gap > 0.0:
            limit = max(limit, r_free + a.edge_escape_gap)
        if near[i] < limit:
            log_event(st.log, d, now, events.EXPELLED_AT_EDGE, ident, xi, yi)
            remove(st, sc, d, i)
            continue
        if r_eq <= m.min_radius:
            log_event(st.log, d, now, events.COLLAPSED, ident, xi, yi)
            remove(st, sc, d, i)
            continue
        # SOT on the texture (rates.py): nominal current of sign -chi compresses it, of sign chi expands it.
        j_compress = 0.0
        if j_nominal != 0.0:
            j_compress = -a.chirality * math.copysign(j_local[i], j_nominal)
        rate = 0.0
        # the rate is 0 at nearly every step: a bound decides it without the 3/2 power and the exponential
        if not rates.annihilation_rate_is_zero(a.E0, kappa[i], a.B_a, a.B_ref, a.j_a, b_eff, j_compress,
                                               temperature):
            barrier = kappa[i] * rates.annihilation_barrier(a.E0, a.B_a, a.B_ref, a.j_a, b_eff, j_compress)
            if temperature > 0.0 or barrier <= 0.0:
                rate = rates.arrhenius_rate(a.f0, barrier, temperature)
                max_rate = max(max_rate, rate)
        if rate > 0.0 and uniform(rng, d) < -math.expm1(-rate * dt):
            log_event(st.log, d, now, events.ANNIHILATED, ident, xi, yi)
            remove(st, sc, d, i)
            continue
        radius[i] = r_eq
        b_field[i] = b_eff
        inside = inside_area(area, xi, yi)
        was_inside = (flags[i] & FLAG_INSIDE) != 0
        if inside and not was_inside:
            log_event(st.log, d, now, events.ENTERED_AREA, ident, xi, yi)
        elif was_inside and not inside:
            log_event(st.log, d, now, events.LEFT_AREA, ident, xi, yi)
        flags[i] = (FLAG_INSIDE if inside else 0) | (FLAG_PINNED if held[i] else 0)
        i += 1
    return max_rate


@numba.njit(cache=True, inline="always")
def log_pinning_changes(st, d, start_ids, start_pinned, end):
    """Log PINNED / DEPINNED at time `end` (s) for skyrmions alive at both ends of the interval whose held
    state changed."""
    for i in range(st.n[d]):
        pinned_now = (st.flags[d, i] & FLAG_PINNED) != 0
        for k in range(start_ids.shape[0]):
            if start_ids[k] == st.ids[d, i]:
                if pinned_now != start_pinned[k]:
                    kind = events.PINNED if pinned_now else events.DEPINNED
                    log_event(st.log, d, end, kind, st.ids[d, i], st.x[d, i], st.y[d, i])
                break
