"""One layer of differential-pair synapses: two level-model devices per weight (nn.differential_pair).

`PairArray` holds two `SynapseArray`s of the same shape, G+ and G-, each with its own seeded Generator (spawned
from the layer's seed), and the `DifferentialPair` that reads them as weights. It has the layer interface the
trainer uses (`read`, `write`, `conductance`, `pulses`, `model`, `shape`).
- Window: u_high is the top of the nominal potentiation curve, u_low the end of the nominal depression curve
  (the lowest level a device's reversed pulses reach: 3 of 11 skyrmions for today's chamber, 8 of 16 with the
  straight edge law).
- Initial state: each device in a uniformly random potentiation state from the one nearest u_low to the top,
  conductance drawn as in nn.synapse_array, so both devices start inside the window and the weights are
  spread over [-g, g] (difference of two uniform levels).
- Write: dW -> du = dW (u_high - u_low)/g; per cell, the device with more room takes it (`choose_plus`): G+
  moves by +du or G- by -du, through the level model's own write (nn.synapse_array, steps 2-5: branch,
  position on the nominal curve, stochastic rounding, pulses on the device). The other device is not pulsed.
- Read: each device is read with its own read noise (two reads per weight), then W = g (u+ - u-)/span.
- Pulses and written cells are the sum over both devices: every pulse is a physical pulse on one device.
`conductance()` returns both devices, shape (2, outputs, inputs) (S): G+ first.
"""
from __future__ import annotations

import numpy as np

from nn.device_model import DeviceModel
from nn.differential_pair import DifferentialPair
from nn.synapse_array import PulseCount, SynapseArray, normalised
from skybench.errors import ParameterError


class PairArray:
    """A layer of `shape` = (outputs, inputs) weights, each a G+ / G- pair of `model` devices (module docstring)."""

    def __init__(self, shape: tuple[int, int], model: DeviceModel, gain: float, seed):
        if not isinstance(model, DeviceModel):
            raise ParameterError("mapping", "differential", "the levels synapse model (--synapse-model levels); "
                                 f"got {type(model).__name__}")
        entropy = [int(seed)] if np.isscalar(seed) else [int(part) for part in seed]
        plus_seed, minus_seed, read_seed = np.random.SeedSequence(entropy).spawn(3)
        pot = normalised(model, model.nominal_pot)
        u_low, u_high = float(normalised(model, model.nominal_dep).min()), float(pot.max())
        first = int(np.abs(pot - u_low).argmin())
        self.model = model
        self.shape = tuple(shape)
        self.mapping = DifferentialPair(u_low, u_high, gain)
        self.plus = SynapseArray(shape, model, gain, plus_seed, first_state=first)
        self.minus = SynapseArray(shape, model, gain, minus_seed, first_state=first)
        self.rng = np.random.default_rng(read_seed)
        self.pulses = PulseCount()

    def read(self):
        """The weights the periphery senses now (float32 torch tensor): G+ and G- each read, then subtracted."""
        import torch

        plus, minus = self.plus.u, self.minus.u
        if self.model.read_noise > 0:
            plus = plus + self.model.read_noise * self.rng.standard_normal(plus.size)
            minus = minus + self.model.read_noise * self.rng.standard_normal(minus.size)
        return torch.from_numpy(self.mapping.weight(plus, minus).astype(np.float32).reshape(self.shape))

    def write(self, weight_change) -> PulseCount:
        """Apply a weight change (tensor or array of the layer's shape) to one device of each pair; return counts."""
        du = np.ascontiguousarray(self.mapping.conductance_change(np.asarray(weight_change, dtype=np.float64)))
        du = du.reshape(-1)
        on_plus = self.mapping.choose_plus(du, self.plus.u, self.minus.u)
        count = self.plus._write(np.where(on_plus, du, 0.0))
        count += self.minus._write(np.where(on_plus, 0.0, -du))
        self.pulses += count
        return count

    def conductance(self) -> np.ndarray:
        """Both devices' conductances (S), shape (2, outputs, inputs): G+ then G-."""
        return np.stack([self.plus.conductance(), self.minus.conductance()])
