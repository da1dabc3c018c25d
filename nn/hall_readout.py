"""Hall-bar readout: a trace's Hall resistivity change as a (transverse) conductance.

The Hall-bar synapse is read through its Hall voltage (paper Fig. 1a, B-B' contacts), so its weight is carried by
the transverse resistivity rho_xy, which skyrmions change by ~8 nOhm cm each (Fig. 2b), on top of a longitudinal
resistivity rho_xx of order 1e-7..1e-6 Ohm m. The conductance that a read circuit sums is the transverse
(Hall) conductance, obtained by inverting the 2-D resistivity tensor [[rho_xx, rho_xy], [-rho_xy, rho_xx]]:

    sigma_xy = -rho_xy / (rho_xx^2 + rho_xy^2),        G_xy = t * sigma_xy   (S, sheet Hall conductance)

with rho_xy = rho_xy0 + delta_rho_xy. Because |rho_xy| / rho_xx < 1e-2 here, G_xy is linear in delta_rho_xy to
better than 1e-4 relative: the level spacing of the trace is kept as measured. The alternative 1/(rho0 + drho)
would treat the Hall change as a longitudinal resistance; it is not (a skyrmion changes rho_xx by a negligible
magnetoresistance), and rho_xy passes through zero, where 1/rho_xy diverges. The sign convention makes
potentiation (more skyrmions, rho_xy decreasing) raise G_xy.

The absolute scale (rho_xx, t) cancels in the weight (the reference column normalises by the level range); it
only sets the conductance axis of the figures.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from nn.trace_file import SynapseTrace
from skybench.errors import check_finite, check_positive

RHO_XX_GDFECO = 6.0e-7
"""Longitudinal resistivity of the [Pt 3 nm/GdFeCo 9 nm/MgO 1 nm]x20 stack (Ohm m); assumed: parallel Pt
(~2.5e-7 Ohm m) and amorphous GdFeCo (~1.2e-6 Ohm m) layers; the paper gives no value (cancels in weights)."""
THICKNESS_GDFECO = 260e-9
"""Conducting thickness of the same stack, 20 x (3 + 9 + 1) nm (m); paper Fig. 2 / issue 2 preset."""


@dataclasses.dataclass(frozen=True)
class HallReadout:
    """Transverse conductance of a Hall-bar synapse from its rho_xy change (module docstring)."""

    rho_xx: float = RHO_XX_GDFECO
    """Longitudinal resistivity of the film (Ohm m)."""
    thickness: float = THICKNESS_GDFECO
    """Conducting thickness of the film (m)."""
    rho_xy0: float = 0.0
    """Hall resistivity before the first pulse (Ohm m); the trace records changes from it."""
    name: str = "hall"
    """Readout name written into reports."""

    def __post_init__(self):
        check_positive("rho_xx", self.rho_xx, "Ohm m")
        check_positive("thickness", self.thickness, "m")
        check_finite("rho_xy0", self.rho_xy0, "Ohm m")

    def conductance(self, rho_xy_change: np.ndarray) -> np.ndarray:
        """G_xy (S) for Hall resistivity changes `rho_xy_change` (Ohm m): G = -t rho_xy/(rho_xx^2 + rho_xy^2)."""
        rho_xy = self.rho_xy0 + np.asarray(rho_xy_change, dtype=float)
        return -self.thickness * rho_xy / (self.rho_xx ** 2 + rho_xy ** 2)

    def slope(self, rho_xy_change: np.ndarray) -> np.ndarray:
        """|dG/d rho_xy| (S / (Ohm m)) at `rho_xy_change`, to carry a resistivity spread into conductance."""
        rho_xy = self.rho_xy0 + np.asarray(rho_xy_change, dtype=float)
        denominator = self.rho_xx ** 2 + rho_xy ** 2
        return np.abs(self.thickness * (self.rho_xx ** 2 - rho_xy ** 2) / denominator ** 2)

    def levels(self, trace: SynapseTrace) -> tuple[np.ndarray, np.ndarray | None]:
        """Per-row conductance (S) and per-row readout spread (S, or None when the trace has no spread column)."""
        conductance = self.conductance(trace.rho_xy_change)
        if trace.rho_xy_std is None:
            return conductance, None
        return conductance, self.slope(trace.rho_xy_change) * trace.rho_xy_std
