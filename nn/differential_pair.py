"""Conductance to signed weight through a bidirectional differential pair: two devices per weight.

Each weight is two devices of the same kind, G+ and G-, on two columns whose currents the periphery subtracts
(Burr et al., IEEE TED 62, 3498 (2015); aihwkit's VectorUnitCell / OneSidedUnitCell keep the same two-device
layout). With u the conductance normalised so that potentiation raises it (nn.synapse_array) and a periphery
gain g:

    W = g (u+ - u-) / (u_high - u_low),    clipped to [-g, g].

[u_low, u_high] is the window a device can move through in both directions: u_high the top of the potentiation
branch, u_low the end of the depression branch (the lowest level the device's own reversed pulses reach). The
chamber's reversed pulses need not empty it (its LLG reference: 8 -> 5 skyrmions; the particle preset with the
straight edge law 16 -> 8, now 11 -> 8-9): with 16 -> 8 the window is 8..16 skyrmions, not 0..16, and below 8 the
device can be potentiated but never depressed again. Inside the window the weight spans [-g, g] and never
ratchets, while a reference column (nn.reference_column) puts zero at the middle of 0..16, so with 16 -> 8 the
same device could only be lowered to W = 0.

A write changes one device of the pair (`choose_plus`): an increase potentiates G+ or depresses G-, a decrease
depresses G+ or potentiates G-, whichever device has more room for it. Both branches of the device are used
and no erase is needed. The other textbook answer, a potentiation-only pair (increase: potentiate G+, decrease:
potentiate G-) with a refresh when a device tops out, was not chosen: its refresh must return devices to their
floor, which here is again the reversed-pulse branch (~120 pulses) or an erase the chamber has no means of (a
local field line; a global saturating field would erase the whole array). It would use the same window with
fewer of the device's states per write and extra refresh pulses (nn/README.md).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from skybench.errors import ParameterError, check_positive

DEVICES_PER_WEIGHT = 2
"""Devices (cells) per weight of the pair."""


@dataclasses.dataclass(frozen=True)
class DifferentialPair:
    """Maps a pair of normalised conductances to a weight and back (module docstring)."""

    u_low: float
    """Lowest level both branches reach: the end of the depression branch (normalised, dimensionless)."""
    u_high: float
    """Highest level: the top of the potentiation branch (normalised, dimensionless)."""
    gain: float = 1.0
    """Periphery gain g: the weight read when G+ is at the top and G- at the bottom (dimensionless)."""

    def __post_init__(self):
        check_positive("gain", self.gain)
        if not self.u_high > self.u_low:
            raise ParameterError("u_high", self.u_high, f"> u_low = {self.u_low!r} (the window both branches reach)")

    @property
    def span(self) -> float:
        """Width of the window (normalised)."""
        return self.u_high - self.u_low

    def weight(self, u_plus, u_minus):
        """W = g (u+ - u-)/(u_high - u_low), clipped to [-g, g] (numpy arrays)."""
        return np.clip(self.gain * (np.asarray(u_plus) - np.asarray(u_minus)) / self.span, -self.gain, self.gain)

    def conductance_change(self, weight_change):
        """du = dW (u_high - u_low)/g: the change of u+ - u- that moves the weight by `weight_change`."""
        return np.asarray(weight_change) * self.span / self.gain

    def choose_plus(self, du, u_plus, u_minus) -> np.ndarray:
        """True where G+ moves (by +du), False where G- moves (by -du): the device with more room for it.

        An increase (du > 0) has room u_high - u+ on G+ (potentiate) and u- - u_low on G- (depress); a decrease
        has u+ - u_low on G+ (depress) and u_high - u- on G- (potentiate). Ties go to G+."""
        du, u_plus, u_minus = np.asarray(du), np.asarray(u_plus), np.asarray(u_minus)
        room_plus = np.where(du > 0, self.u_high - u_plus, u_plus - self.u_low)
        room_minus = np.where(du > 0, u_minus - self.u_low, self.u_high - u_minus)
        return room_plus >= room_minus
