"""Floating-point weights: the software baseline ('ideal (software-based)' curve of paper Fig. 3c).

Same interface as `nn.synapse_array.SynapseArray` (read, write, pulses, conductance), so the trainer composes
either: `read()` returns the weights, `write(dW)` adds dW exactly, no pulses are fired and there is no
conductance. Weights start uniform in [-init_scale, init_scale].
"""
from __future__ import annotations

import numpy as np

from nn.synapse_array import PulseCount
from skybench.errors import check_positive


class FloatWeights:
    """A layer of float32 weights of `shape` = (outputs, inputs)."""

    def __init__(self, shape: tuple[int, int], init_scale: float, seed):
        import torch

        check_positive("init_scale", init_scale)
        self.shape = tuple(shape)
        self.pulses = PulseCount()
        draw = np.random.default_rng(seed).uniform(-init_scale, init_scale, self.shape)
        self.weights = torch.from_numpy(draw.astype(np.float32))

    def read(self):
        """The weights (no noise)."""
        return self.weights

    def write(self, weight_change) -> PulseCount:
        """Add `weight_change` exactly; no pulses."""
        self.weights = self.weights + weight_change
        return PulseCount()

    def conductance(self):
        """Float weights have no conductance."""
        return None
