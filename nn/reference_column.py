"""Conductance to signed weight through a reference column (MLP+NeuroSim V3.0 'virtual reference current').

One device per weight; every column current is compared with a reference column of cells at the mid
conductance, G_ref = (G_max + G_min)/2, and the difference is scaled by the neuron periphery (manual eq. 4,
W_A V = 2 W_H V - J V). With G_half = (G_max - G_min)/2 and a periphery gain g:

    W = g (G - G_ref) / G_half,    clipped to [-g, g];    so G_min -> -g, G_ref -> 0, G_max -> +g.

G_min and G_max are the design (nominal) level range; a device whose own levels span a different range
(device-to-device variation) maps onto a different weight range, and readings outside [G_min, G_max] saturate
at the bounds. One device per weight matches the chip estimator's cell count (784-100-10: 79 400 cells,
nn_chip.md section 4). The inverse, dG = dW G_half / g, gives the conductance change a weight change asks for.
"""
from __future__ import annotations

import dataclasses

from skybench.errors import ParameterError, check_positive


@dataclasses.dataclass(frozen=True)
class ReferenceColumn:
    """Maps conductance (S) to weight and back, as in the module docstring."""

    g_min: float
    """Lowest nominal conductance level (S)."""
    g_max: float
    """Highest nominal conductance level (S)."""
    gain: float = 1.0
    """Periphery gain g: the weight read at G_max (dimensionless)."""

    def __post_init__(self):
        check_positive("gain", self.gain)
        if not self.g_max > self.g_min:
            raise ParameterError("g_max", self.g_max, f"> g_min = {self.g_min!r} S")

    @property
    def g_ref(self) -> float:
        """Reference-column conductance (S)."""
        return 0.5 * (self.g_max + self.g_min)

    @property
    def g_half(self) -> float:
        """Half the nominal range (S)."""
        return 0.5 * (self.g_max - self.g_min)

    def weight(self, conductance):
        """W = g (G - G_ref)/G_half, clipped to [-g, g] (works on floats, numpy arrays and torch tensors)."""
        raw = self.gain * (conductance - self.g_ref) / self.g_half
        return raw.clip(-self.gain, self.gain) if hasattr(raw, "clip") else min(max(raw, -self.gain), self.gain)

    def conductance_change(self, weight_change):
        """dG = dW G_half / g (S): the conductance change that moves the weight by `weight_change`."""
        return weight_change * self.g_half / self.gain
