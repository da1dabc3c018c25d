"""One layer of skyrmion synapses whose pulses are random events (`nn.transition_model`).

State of every cell (numpy arrays, owned by the layer with its own seeded Generator):
- `count`: the skyrmions in its active area (float: a scaled increment may be fractional), in [0, N_max];
- `u`: the conductance it holds, normalised as in `nn.synapse_array` (potentiation raises u).

A write, per cell (the controller plans on the nominal curves, the device answers pulse by pulse):
1. dG = dW G_half / g (reference column); the branch is potentiation if dW > 0, depression if dW < 0;
2. the cell's level G(count) is located on the branch's nominal curve: its ramp position x, and x* for the
   target G(count) + dG (linear between positions, clamped to the branch); in selected states (the controller's
   programming levels, `PulseTransitions` step 5) these are s and s*, and n* = s* - s >= 0 expected steps;
3. the pulse rounding (`nn.pulse_rounding`) gives n whole steps; n = 0 skips the cell (no pulse, no write);
4. the controller fires the ramp pulses from the selected state j = floor(s) to j + n (at most to the end of the
   branch): for each, the count changes by an increment of that ramp position, drawn from a uniformly random
   trace (scaled about the position's mean by c2c_scale) and kept in [0, N_max];
5. the conductance becomes G(count) + c2c_scale s(count) z, z ~ N(0, 1) (the new population's size spread),
   kept inside the level range.
Pulses are counted as fired (one per ramp pulse); steps as selected-state steps.
Initial state: a uniformly random potentiation position of a uniformly random trace, its count, and a
conductance drawn as in 5 (the paper's weights 'were distributed randomly before training', Fig. 3d).
"""
from __future__ import annotations

import numpy as np

from nn.synapse_array import PulseCount, SynapseLayer
from nn.transition_array_kernels import write_cells
from nn.transition_model import TransitionModel


class TransitionArray(SynapseLayer):
    """A layer of `shape` = (outputs, inputs) synapses following `model` (module docstring)."""

    def __init__(self, shape: tuple[int, int], model: TransitionModel, gain: float, seed):
        super().__init__(shape, model, gain, seed)
        t, scale = model.transitions, model.c2c_scale
        self._level = self._norm(t.level_mean)
        self._spread = scale * t.level_std / self._span
        self._low, self._high = float(self._level.min()), float(self._level.max())
        self._pot_curve = self._norm(t.pot_nominal)
        self._dep_curve = -self._norm(t.dep_nominal)  # ascending, for the position search
        self._pot_selected = t.pot_selected.astype(np.int64)
        self._dep_selected = t.dep_selected.astype(np.int64)
        self._pot_increments = _scaled(t.pot_increments, scale)
        self._dep_increments = _scaled(t.dep_increments, scale)
        self._max_count = float(t.max_count)

        size = self.u.size
        trace = self.rng.integers(0, t.n_traces, size)
        position = self.rng.integers(0, t.pot_available, size)
        self.count = t.pot_counts[trace, position].astype(np.float64)
        drawn = np.interp(self.count, np.arange(self._level.size), self._level)
        drawn += np.interp(self.count, np.arange(self._spread.size), self._spread) * self.rng.standard_normal(size)
        self.u = np.clip(drawn, self._low, self._high)

    def _write(self, du: np.ndarray) -> PulseCount:
        one = np.zeros(du.size, dtype=np.int64)  # every cell is the layer's one device: row 0 of each table
        pot, dep, steps_pot, steps_dep, written = write_cells(
            du, one, self.count, self.u, self._level[None], self._spread[None], np.array([self._low]),
            np.array([self._high]), self._pot_curve[None], self._dep_curve[None], self._pot_selected,
            self._dep_selected, self._pot_increments[None], self._dep_increments[None],
            np.array([self._max_count]), self.model.rounding.random_offset, self.rng)
        return PulseCount(int(pot), int(dep), int(written), int(steps_pot), int(steps_dep))


def _scaled(increments: np.ndarray, scale: float) -> np.ndarray:
    """dN = m_p + scale (dN_k - m_p), m_p the mean increment of position p over the traces."""
    increments = np.asarray(increments, dtype=np.float64)
    mean = increments.mean(axis=0, keepdims=True)
    return np.ascontiguousarray(mean + scale * (increments - mean))
