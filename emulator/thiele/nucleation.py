"""Nucleation: the sites where skyrmions are born under current, and the stage that writes them.

Each driven step, every site of the current's polarity (or a defect site, of either polarity) that is not
blockaded (no skyrmion centre within its
blockade radius) and has not reached its per-interval limit fires with probability 1 - exp(-nu dt), nu the
Arrhenius rate of its barrier (rates.py). A newborn takes the equilibrium radius of the applied field, a
position within a tenth of the blockade radius of the site, and its log-normal barrier factor.

A birth needs the skyrmion state to exist under the drive that writes it: a defect site excites its texture under
either current sign, but under the compressing sign (-chi) the nucleus is a Neel texture of the stack's chirality
that the same damping-like SOT compresses (rates.py). Where the newborn's annihilation barrier at the applied field
and the site's compressing drive has vanished (E_a = 0: the skyrmion minimum is gone at its saddle-node), the
excited texture relaxes back and no skyrmion is written. This is the paper's depression at 144 mT: "reversed pulses
could excite skyrmion texture, eventually leading to skyrmion annihilation mediated by topological defects without
creating additional skyrmions" (section II.B, ref. 11); at a lower field the skyrmion state survives a larger
compressing drive, so reversed pulses can write at defects.
"""
from __future__ import annotations

import dataclasses
import math
from typing import NamedTuple

import numba
import numpy as np

from emulator.current_flow import interpolate
from emulator.thiele import events, rates
from emulator.thiele.events import log_event
from emulator.thiele.field_table import field_lookup
from emulator.thiele.outline import inside_area
from emulator.thiele.rng import normal, uniform
from emulator.thiele.state import FLAG_INSIDE
from skybench.errors import check_positive, check_range


@dataclasses.dataclass(frozen=True)
class NucleationSite:
    """A place where skyrmions are born under current: a contact edge, a low-barrier defect, a pad."""

    x: float
    """Position x (m)."""
    y: float
    """Position y (m)."""
    critical_current: float
    """Local current density at which the barrier vanishes, j_c (A/m^2)."""
    barrier: float
    """Zero-current barrier at the reference field, E_n0 (J)."""
    polarity: int
    """+1: nucleates under positive nominal current, -1: under negative, 0: under either (a defect whose
    canted texture either torque sign excites, ref. 11 of the paper)."""
    blockade_radius: float
    """No nucleation while a skyrmion centre is closer than this (m)."""
    kind: str = "contact"
    """'contact', 'defect' or 'pad' (reports only)."""

    def __post_init__(self):
        check_positive("critical_current", self.critical_current, "A/m^2")
        check_range("barrier", self.barrier, 0.0, None, "J")
        if self.polarity not in (-1, 0, 1):
            raise ValueError("polarity must be -1, 0 or +1")
        check_positive("blockade_radius", self.blockade_radius, "m")


@dataclasses.dataclass(frozen=True)
class Nucleation:
    """All nucleation sites of a device and the field dependence of their barriers."""

    sites: tuple[NucleationSite, ...]
    """The sites."""
    nucleus_moment: float
    """m_n: moment of the critical nucleus, dE_n/dB at rest and B_ref (J/T); see rates.py."""
    per_pulse_limit: int = 0
    """Most skyrmions one site can write during one pulse (0: no limit). A contact-edge site writes once
    per pulse when it has to re-form its reversed nucleus between pulses (deterministic single-skyrmion
    writing, Woo et al., Nat. Electron. 1, 288 (2018))."""

    def site_array(self) -> np.ndarray:
        """Rows [x, y, j_c, E_n0, polarity, blockade radius] for the kernel."""
        rows = np.zeros((len(self.sites), 6))
        for i, s in enumerate(self.sites):
            rows[i] = (s.x, s.y, s.critical_current, s.barrier, s.polarity, s.blockade_radius)
        return rows

    def record(self, attempt_frequency: float, reference_field: float,
               barrier_spread: float) -> "NucleationRecord":
        """Kernel record, with the attempt frequency, reference field and barrier spread of the annihilation
        law (one f0 and one B_ref for births and deaths; the spread is drawn at birth)."""
        return NucleationRecord(self.site_array(), self.nucleus_moment, int(self.per_pulse_limit),
                                attempt_frequency, reference_field, barrier_spread)


class NucleationRecord(NamedTuple):
    """Kernel record of a Nucleation."""

    sites: np.ndarray
    """Rows [x m, y m, j_c A/m^2, E_n0 J, polarity, blockade radius m]."""
    moment: float
    """m_n (J/T)."""
    per_pulse_limit: int
    """Most births per site and interval (0: no limit)."""
    f0: float
    """Attempt frequency (1/s)."""
    B_ref: float
    """Reference field of the barriers (T)."""
    barrier_spread: float
    """Log-normal spread of a newborn's barrier factor (dimensionless)."""


@numba.njit(cache=True, inline="always")
def nucleate(m, st, sc, d, j_nominal, bz, temperature, dt, now):
    """Births at device d's sites over a driven step of dt (s) ending at `now` (s)."""
    nuc = m.nucleation
    sites = nuc.sites
    fired = sc.fired
    x = st.x[d]
    y = st.y[d]
    capacity = x.shape[0]
    for s in range(sites.shape[0]):
        if st.n[d] >= capacity:
            break
        if nuc.per_pulse_limit > 0 and fired[s] >= nuc.per_pulse_limit:
            continue
        sx = sites[s, 0]
        sy = sites[s, 1]
        blocked = False
        for k in range(st.n[d]):
            dx = x[k] - sx
            dy = y[k] - sy
            if dx * dx + dy * dy < sites[s, 5] * sites[s, 5]:
                blocked = True
                break
        if blocked:
            continue
        ux, uy = interpolate(m.current_x0, m.current_y0, m.current_step, m.current_jx, m.current_jy, sx, sy)
        j_site = j_nominal * math.sqrt(ux * ux + uy * uy)
        barrier = rates.nucleation_barrier(sites[s, 3], nuc.moment, nuc.B_ref, sites[s, 2], sites[s, 4], bz,
                                           j_site)
        if barrier < 0.0:
            continue
        ann = m.annihilation
        if rates.annihilation_barrier(ann.E0, ann.B_a, ann.B_ref, ann.j_a, bz, -ann.chirality * j_site) <= 0.0:
            continue  # the excited texture has no skyrmion minimum under this drive: it relaxes back
        rate = rates.arrhenius_rate(nuc.f0, barrier, temperature)
        if rate > 0.0 and uniform(st.rng, d) < -math.expm1(-rate * dt):
            r_eq, _, _ = field_lookup(m.table, bz)
            if r_eq <= m.min_radius:
                continue
            k = st.n[d]
            fired[s] += 1
            angle = 2.0 * math.pi * uniform(st.rng, d)
            offset = 0.1 * sites[s, 5] * uniform(st.rng, d)
            st.x[d, k] = sx + offset * math.cos(angle)
            st.y[d, k] = sy + offset * math.sin(angle)
            st.radius[d, k] = r_eq
            st.b_eff[d, k] = bz
            st.kappa[d, k] = math.exp(nuc.barrier_spread * normal(st.rng, d))
            st.ids[d, k] = st.next_id[d]
            st.next_id[d] += 1
            inside = inside_area(m.area, st.x[d, k], st.y[d, k])
            st.flags[d, k] = FLAG_INSIDE if inside else 0
            st.n[d] = k + 1
            log_event(st.log, d, now, events.NUCLEATED, st.ids[d, k], st.x[d, k], st.y[d, k])
            if inside:
                log_event(st.log, d, now, events.ENTERED_AREA, st.ids[d, k], st.x[d, k], st.y[d, k])
