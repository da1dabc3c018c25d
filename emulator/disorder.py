"""The disorder of a film as statistics, and one device's realisation drawn from them by its seed.

A real wafer's devices differ in where their nucleation sites and pinning defects sit and how strong they are
(aihwkit's `_dtod` device-to-device spread). A preset therefore describes its disorder by distributions, and
`Disorder.draw(seed)` gives one device's realisation: the same seed, the same device.

- Contact-edge nucleation sites (current crowding at the tapered contact): a Poisson number with mean
  `site_line_density` times the length of the contact's edge within `edge_reach` of its tip, placed uniformly
  along that edge and `site_offset` into the film; each with a critical local current density drawn from a
  normal law (mean, std; truncated at CURRENT_FLOOR of the mean).
- Low-barrier defects in the active region: a Poisson number with mean `defect_density` times the area of
  the disc `defect_region`, placed uniformly in it; each nucleates at a critical current drawn like the sites'
  (its own mean and std) and pins with a Gaussian well of depth drawn log-normally (median `well_depth`,
  log-spread `well_depth_spread`) and width `well_width`.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from emulator.geometry import Circle
from emulator.thiele.nucleation import NucleationSite
from emulator.thiele.pinning import PinningWell
from skybench.errors import check_positive, check_range

DISORDER_STREAM = 0x44495352
"""Second seed word of the disorder stream, independent of the thermal (particle) streams of the same seed."""
CURRENT_FLOOR = 0.2
"""A drawn critical current below this fraction of its mean is redrawn (a normal law has a negative tail)."""


@dataclasses.dataclass(frozen=True)
class Realisation:
    """One device's disorder."""

    seed: int
    """The disorder seed it was drawn with."""
    contact_sites: tuple[NucleationSite, ...]
    """Nucleation sites along the contact edge."""
    defect_sites: tuple[NucleationSite, ...]
    """Nucleation sites of the defects (same positions as `wells`)."""
    wells: tuple[PinningWell, ...]
    """Pinning wells of the defects."""

    @property
    def sites(self) -> tuple[NucleationSite, ...]:
        return self.contact_sites + self.defect_sites


@dataclasses.dataclass(frozen=True)
class Disorder:
    """Distributions of a film's nucleation sites and defects (SI units)."""

    contact_edge: np.ndarray
    """Polyline (m), shape (n, 2), of the contact edge that faces the film, ordered along the edge."""
    tip: tuple[float, float]
    """The contact's tip (m): sites lie on the edge within `edge_reach` of it."""
    edge_reach: float
    """Distance from the tip along which the edge crowds the current enough to nucleate (m)."""
    site_offset: tuple[float, float]
    """Range of the sites' distance from the edge into the film (m)."""
    site_line_density: float
    """Mean number of contact sites per metre of edge (1/m)."""
    site_current_mean: float
    """Mean critical local current density of a contact site (A/m^2)."""
    site_current_std: float
    """Its standard deviation (A/m^2)."""
    defect_region: Circle
    """Where defects are (the active region)."""
    defect_density: float
    """Mean number of defects per square metre (1/m^2)."""
    defect_current_mean: float
    """Mean critical local current density of a defect (A/m^2)."""
    defect_current_std: float
    """Its standard deviation (A/m^2)."""
    well_depth: float
    """Median depth of a defect's pinning well (J)."""
    well_depth_spread: float
    """Log-normal spread of the well depth (dimensionless; 0: every well the median)."""
    well_width: float
    """Gaussian width of a well (m)."""
    barrier: float
    """Zero-current nucleation barrier of every site at the reference field (J)."""
    blockade_radius: float
    """No nucleation at a site while a skyrmion is closer (m)."""
    chirality: int = 1
    """chi of the stack: contact sites write under nominal current of this sign; defects under either."""

    def __post_init__(self):
        check_positive("edge_reach", self.edge_reach, "m")
        check_range("site_line_density", self.site_line_density, 0.0, None, "1/m")
        check_positive("site_current_mean", self.site_current_mean, "A/m^2")
        check_range("site_current_std", self.site_current_std, 0.0, None, "A/m^2")
        check_range("defect_density", self.defect_density, 0.0, None, "1/m^2")
        check_positive("defect_current_mean", self.defect_current_mean, "A/m^2")
        check_range("defect_current_std", self.defect_current_std, 0.0, None, "A/m^2")
        check_positive("well_depth", self.well_depth, "J")
        check_range("well_depth_spread", self.well_depth_spread, 0.0, 2.0, "")
        check_positive("well_width", self.well_width, "m")

    def _edge_segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Pieces of the edge within reach of the tip: start points, unit directions, lengths."""
        starts, directions, lengths = [], [], []
        tip = np.asarray(self.tip)
        for a, b in zip(self.contact_edge[:-1], self.contact_edge[1:]):
            vector = b - a
            length = float(np.hypot(*vector))
            unit = vector / length
            # keep the part of the segment within edge_reach of the tip (sampled: the edge is nearly straight)
            s = np.linspace(0.0, length, 201)
            near = np.hypot(*(a[:, None] + unit[:, None] * s - tip[:, None])) <= self.edge_reach
            if near.any():
                lo, hi = s[near][0], s[near][-1]
                starts.append(a + unit * lo)
                directions.append(unit)
                lengths.append(hi - lo)
        return np.array(starts), np.array(directions), np.array(lengths)

    @property
    def edge_length(self) -> float:
        """Length of the nucleating edge (m)."""
        return float(self._edge_segments()[2].sum())

    def draw(self, seed: int) -> Realisation:
        """One device's disorder, a pure function of `seed`."""
        check_range("disorder_seed", seed, 0, 2**63 - 1, "")
        rng = np.random.default_rng([int(seed), DISORDER_STREAM])
        starts, directions, lengths = self._edge_segments()
        count = rng.poisson(self.site_line_density * lengths.sum())
        contact = []
        for _ in range(count):
            k = rng.choice(len(lengths), p=lengths / lengths.sum())
            along = starts[k] + directions[k] * rng.uniform(0.0, lengths[k])
            # the film lies to the right of the edge's direction (the edge is listed with the film on its right)
            normal = np.array([directions[k][1], -directions[k][0]])
            x, y = along + normal * rng.uniform(*self.site_offset)
            jc = _positive_normal(rng, self.site_current_mean, self.site_current_std)
            contact.append(NucleationSite(x=float(x), y=float(y), critical_current=jc, barrier=self.barrier,
                                          polarity=self.chirality, blockade_radius=self.blockade_radius, kind="contact"))
        region = self.defect_region
        count = rng.poisson(self.defect_density * region.area)
        defects, wells = [], []
        for _ in range(count):
            r = region.radius * math.sqrt(rng.uniform())
            angle = rng.uniform(0.0, 2.0 * math.pi)
            x, y = region.cx + r * math.cos(angle), region.cy + r * math.sin(angle)
            jc = _positive_normal(rng, self.defect_current_mean, self.defect_current_std)
            depth = self.well_depth * math.exp(self.well_depth_spread * rng.standard_normal())
            defects.append(NucleationSite(x=x, y=y, critical_current=jc, barrier=self.barrier, polarity=0,
                                          blockade_radius=self.blockade_radius, kind="defect"))
            wells.append(PinningWell(x, y, depth, self.well_width))
        return Realisation(int(seed), tuple(contact), tuple(defects), tuple(wells))


def _positive_normal(rng: np.random.Generator, mean: float, std: float) -> float:
    """A normal draw, redrawn while below CURRENT_FLOOR * mean."""
    while True:
        value = rng.normal(mean, std)
        if value >= CURRENT_FLOOR * mean:
            return float(value)
