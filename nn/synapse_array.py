"""One layer of skyrmion synapses (one device per weight), written by pulses and read back as weights.

`SynapseLayer` holds what every layer shares (the normalised conductance u, the read-out, the pulse counts);
`SynapseArray` below is the layer of a level-table model (`nn.device_model`), `nn.transition_array` the layer of
a per-pulse transition model (`nn.transition_model`).

State of every cell (numpy arrays of the layer's shape, owned by the array with its own seeded Generator):
- `device`: which device table the cell follows (device-to-device variation);
- `level`: the state the cell is in, an index into its combined table [potentiation 0..Np-1 | depression
  Np..Np+Nd-1] (the branch it last moved along, and where on it);
- `u`: the conductance it holds, normalised to the nominal range so that potentiation raises it:
  u = (G - G_min)/(G_max - G_min) for polarity +1 (Hall), u = (G_max - G)/(G_max - G_min) for polarity -1 (MTJ;
  the reference-column periphery subtracts the other way round, so the weight still grows with potentiation).
The network never holds weights: `read()` senses u (plus read noise) through the reference column
(`nn.reference_column`), every time it is called.

A write (`write(dW)`), per cell, follows the paper's update ('the amount of delta weight is determined, which
then provides feedback into arrays to adjust the synapse weights by inducing write or erase pulses'):
1. the conductance change wanted is dG = dW G_half / g (reference column);
2. the branch is potentiation if dW > 0, depression if dW < 0; a cell last moved along the other branch is
   placed on this branch at the state whose mean is nearest its own state's mean (its skyrmion population);
3. on the nominal level curve of that branch (what the write controller knows), the target G_p + dG is located
   by linear interpolation between states: its fractional position x*; the expected pulse count is
   n* = x* - p >= 0 (p: the current position), bounded by the end of the branch (clipping at the bounds);
4. the pulse rounding (`nn.pulse_rounding`) gives n whole pulses; n = 0 skips the cell (no write, no pulse);
5. the cell moves n states along its own device's branch and its conductance is drawn afresh from
   N(G_i, (c2c_scale sigma_i)^2) of the state i it lands in, clipped to its device's level range. The pulses
   counted are the physical pulses the device's trace needed between the two states (with every state kept,
   one per state only if each pulse changed the state).
Initial state: a uniformly random potentiation state of a uniformly random device, conductance drawn as in 5
(the paper's weights 'were distributed randomly before training', Fig. 3d). `first_state` > 0 leaves out the
lowest potentiation states (the differential pair starts its devices inside the window both branches reach).
Pulses and written cells are counted per branch. The per-cell loop is a numba kernel
(`nn.synapse_array_kernels`).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from nn.device_model import DeviceModel
from nn.reference_column import ReferenceColumn
from nn.synapse_array_kernels import write_cells
from skybench.errors import ParameterError


@dataclasses.dataclass
class PulseCount:
    """Pulses fired and cells written so far."""

    potentiation: int = 0
    """Potentiation pulses fired on the devices (pulses; from the traces' pulse positions of the states)."""
    depression: int = 0
    """Depression pulses fired on the devices (pulses)."""
    cell_writes: int = 0
    """Cell write events (a cell moving >= 1 state in one update)."""
    steps_potentiation: int = 0
    """Potentiation moves counted in selected states (one network-level step each)."""
    steps_depression: int = 0
    """Depression moves counted in selected states."""

    @property
    def total(self) -> int:
        return self.potentiation + self.depression

    def __iadd__(self, other: "PulseCount") -> "PulseCount":
        self.potentiation += other.potentiation
        self.depression += other.depression
        self.cell_writes += other.cell_writes
        self.steps_potentiation += other.steps_potentiation
        self.steps_depression += other.steps_depression
        return self


def normalised(model, values) -> np.ndarray:
    """Conductances (S) of `model`'s devices as u: 0 at the model's low end, 1 at its high end, rising with
    potentiation (module docstring)."""
    values = np.asarray(values, dtype=np.float64)
    span = model.g_max - model.g_min
    if model.polarity > 0:
        return (values - model.g_min) / span
    return (model.g_max - values) / span


class SynapseLayer:
    """What every synapse layer shares: the normalised conductance `u` it holds, its reference-column read-out
    (read noise included, `read()`), its conductance in S and its pulse counts. Subclasses own the write."""

    def __init__(self, shape: tuple[int, int], model, gain: float, seed):
        self.model = model
        self.shape = tuple(shape)
        self.mapping = ReferenceColumn(0.0, 1.0, gain)  # in normalised conductance u
        self.pulses = PulseCount()
        self.rng = np.random.default_rng(seed)
        self._g_min, self._g_max, self._span = model.g_min, model.g_max, model.g_max - model.g_min
        self.u = np.zeros(int(np.prod(self.shape)))

    def read(self):
        """The weights the periphery senses now (float32 torch tensor): reference column of u + read noise."""
        import torch

        sensed = self.u
        if self.model.read_noise > 0:
            sensed = sensed + self.model.read_noise * self.rng.standard_normal(sensed.size)
        return torch.from_numpy(self.mapping.weight(sensed).astype(np.float32).reshape(self.shape))

    def write(self, weight_change) -> PulseCount:
        """Apply a weight change (tensor or array of the layer's shape) through pulses; return this write's counts."""
        du = np.ascontiguousarray(self.mapping.conductance_change(np.asarray(weight_change, dtype=np.float64)))
        count = self._write(du.reshape(-1))
        self.pulses += count
        return count

    def _write(self, du: np.ndarray) -> PulseCount:
        raise NotImplementedError

    def conductance(self) -> np.ndarray:
        """The conductance each cell holds (S), as a numpy array of the layer's shape."""
        if self.model.polarity > 0:
            return (self._g_min + self.u * self._span).reshape(self.shape)
        return (self._g_max - self.u * self._span).reshape(self.shape)

    def _norm(self, values) -> np.ndarray:
        return normalised(self.model, values)


class SynapseArray(SynapseLayer):
    """A layer of `shape` = (outputs, inputs) synapses following the level-table `model` (module docstring)."""

    def __init__(self, shape: tuple[int, int], model: DeviceModel, gain: float, seed, first_state: int = 0):
        super().__init__(shape, model, gain, seed)
        n_pot, n_dep = model.n_pot, model.n_dep
        self._n_pot, self._n_dep = n_pot, n_dep
        self._nominal_pot = self._norm(model.nominal_pot)
        self._nominal_dep_desc = -self._norm(model.nominal_dep)  # ascending, for the position search
        means = np.stack([np.r_[t.pot_mean, t.dep_mean] for t in model.tables])  # (K, Np + Nd) in S
        stds = np.stack([np.r_[t.pot_std, t.dep_std] for t in model.tables]) * model.c2c_scale
        self._mean = self._norm(means).reshape(-1)
        self._std = (stds / self._span).reshape(-1)
        self._low = self._norm(means).min(axis=1)
        self._high = self._norm(means).max(axis=1)
        to_pot = np.abs(means[:, :, None] - means[:, None, :n_pot]).argmin(axis=2)
        to_dep = np.abs(means[:, :, None] - means[:, None, n_pot:]).argmin(axis=2)
        to_pot[:, :n_pot] = np.arange(n_pot)
        to_dep[:, n_pot:] = np.arange(n_dep)
        self._pulse_at = np.stack([np.r_[t.pot_pulse, t.dep_pulse] for t in model.tables]).reshape(-1)
        self._pulse_at = self._pulse_at.astype(np.int64)
        self._to_pot = to_pot.reshape(-1).astype(np.int64)
        self._to_dep = to_dep.reshape(-1).astype(np.int64)
        self._states = n_pot + n_dep

        size = self.u.size
        self.device = self.rng.integers(0, model.n_devices, size)
        if not 0 <= first_state < n_pot:
            raise ParameterError("first_state", first_state, f"a potentiation state index in [0, {n_pot - 1}]")
        self.level = self.rng.integers(first_state, n_pot, size)
        flat = self.device * self._states + self.level
        drawn = self._mean[flat] + self._std[flat] * self.rng.standard_normal(size)
        self.u = np.clip(drawn, self._low[self.device], self._high[self.device])

    def _write(self, du: np.ndarray) -> PulseCount:
        pot, dep, steps_pot, steps_dep, written = write_cells(
            du, self.level, self.u, self.device, self._to_pot, self._to_dep, self._nominal_pot,
            self._nominal_dep_desc, self._mean, self._std, self._low, self._high, self._pulse_at, self._n_pot,
            self._n_dep, self.model.rounding.random_offset, self.rng)
        return PulseCount(int(pot), int(dep), int(written), int(steps_pot), int(steps_dep))
