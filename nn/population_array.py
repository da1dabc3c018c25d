"""One layer of synapses drawn from a study population (`nn.population_model`): cell i is device `device[i]` of
the population, and a write moves it exactly as `nn.transition_array` moves a cell, through that device's own
levels, nominal curves, per-pulse increments and capacity (the same kernel,
`nn.transition_array_kernels.write_cells`, with one table row per device).

Initial state: each cell a uniformly random device, at a uniformly random potentiation position of one of that
device's traces, with a conductance drawn from its level and size spread (as `nn.transition_array`).
"""
from __future__ import annotations

import numpy as np

from nn.synapse_array import PulseCount, SynapseLayer
from nn.transition_array import _scaled
from nn.transition_array_kernels import write_cells


class PopulationArray(SynapseLayer):
    """A layer of `shape` = (outputs, inputs) synapses, each a device of `model` (module docstring)."""

    def __init__(self, shape: tuple[int, int], model, gain: float, seed):
        super().__init__(shape, model, gain, seed)
        devices, scale = model.devices, model.c2c_scale
        width = max(t.level_mean.size for t in devices)
        self._level = np.stack([_padded(self._norm(t.level_mean), width) for t in devices])
        self._spread = np.stack([_padded(scale * t.level_std / self._span, width) for t in devices])
        self._low = np.array([float(self._norm(t.level_mean).min()) for t in devices])
        self._high = np.array([float(self._norm(t.level_mean).max()) for t in devices])
        self._pot_curve = np.stack([self._norm(t.pot_nominal) for t in devices])
        self._dep_curve = np.stack([-self._norm(t.dep_nominal) for t in devices])   # ascending, for the search
        self._pot_selected = devices[0].pot_selected.astype(np.int64)
        self._dep_selected = devices[0].dep_selected.astype(np.int64)
        self._pot_increments = np.stack([_scaled(t.pot_increments, scale) for t in devices])
        self._dep_increments = np.stack([_scaled(t.dep_increments, scale) for t in devices])
        self._max_count = np.array([float(t.max_count) for t in devices])

        size = self.u.size
        self.device = self.rng.integers(0, len(devices), size)
        traces = devices[0].n_traces
        trace = self.rng.integers(0, traces, size)
        position = self.rng.integers(0, devices[0].pot_available, size)
        pot_counts = np.stack([t.pot_counts for t in devices])
        self.count = pot_counts[self.device, trace, position].astype(np.float64)
        whole = self.count.astype(np.int64)       # recorded counts are whole skyrmions
        drawn = (self._level[self.device, whole]
                 + self._spread[self.device, whole] * self.rng.standard_normal(size))
        self.u = np.clip(drawn, self._low[self.device], self._high[self.device])

    def _write(self, du: np.ndarray) -> PulseCount:
        pot, dep, steps_pot, steps_dep, written = write_cells(
            du, self.device, self.count, self.u, self._level, self._spread, self._low, self._high,
            self._pot_curve, self._dep_curve, self._pot_selected, self._dep_selected, self._pot_increments,
            self._dep_increments, self._max_count, self.model.rounding.random_offset, self.rng)
        return PulseCount(int(pot), int(dep), int(written), int(steps_pot), int(steps_dep))


def _padded(values: np.ndarray, width: int) -> np.ndarray:
    """`values` extended to `width` entries with its last value (a count a device never reaches)."""
    return np.r_[values, np.full(width - values.size, values[-1])]
