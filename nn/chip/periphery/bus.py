"""On-chip H-tree bus moving `width` bits per transfer from its root to one of `leaves` leaves in a square of
side S (`span`).

A transfer runs from the root to a leaf, a Manhattan path of about S (centre to corner). Each wire has one
driver (a `LineDriver` sized for that path) and carries random data, toggling with probability BUS_ACTIVITY.
One operation = one word of `width` bits moved:
  E = BUS_ACTIVITY width E_line,  E_line = C_w S V_dd^2 + driver internals;
  delay = driver chain plus the Elmore delay of the wire (unrepeated; spans here are < 1 mm).
Area: the whole tree, `width` wires at the wire pitch over the H-tree length; an H-tree over n = 4^k leaves
has 1.5 S (2^k - 1) = 1.5 S (sqrt(n) - 1) of wire (level i: 4^i H's of three S/2^(i+1) segments); a single
leaf is one link of length S. Plus the drivers.
"""
from __future__ import annotations

import dataclasses
import math

from nn.chip.periphery.block import BlockCost
from nn.chip.periphery.line_driver import LineDriver
from nn.chip.technology import Technology
from skybench.errors import check_positive, check_range

HTREE_FACTOR = 1.5
"""H-tree wire length per sqrt(leaf) in units of the span (dimensionless)."""
BUS_ACTIVITY = 0.5
"""Probability that a bus wire toggles per transfer, random data (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class Bus:
    """A `width`-bit H-tree over `leaves` leaves in a square of side `span` (m)."""

    width: int
    """Bits per transfer."""
    span: float
    """Side of the square the tree covers (m): the root-to-leaf path length."""
    leaves: int = 1
    """Number of leaves (PEs of a tile, tiles of the chip)."""

    def __post_init__(self):
        check_range("bus_width", self.width, 1, None, "bits")
        check_positive("span", self.span, "m")
        check_range("leaves", self.leaves, 1, None, "")

    @property
    def tree_length(self) -> float:
        """Total wire length of one bit of the tree (m)."""
        return self.span * max(1.0, HTREE_FACTOR * (math.sqrt(self.leaves) - 1.0))

    def cost(self, tech: Technology) -> BlockCost:
        r_wire, c_wire = tech.wire(self.span)
        drivers = LineDriver(lines=int(self.width), c_line=c_wire, r_line=r_wire, v_line=tech.vdd).cost(tech)
        return BlockCost(
            area=drivers.area + self.width * tech.wire_pitch * self.tree_length,
            energy=BUS_ACTIVITY * self.width * drivers.energy,
            delay=drivers.delay,
            leakage=drivers.leakage,
            transistors=drivers.transistors,
        )
