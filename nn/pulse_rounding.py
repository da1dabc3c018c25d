"""How a fractional number of pulses becomes the whole number a pulse generator can fire.

The update rule turns the weight change wanted by backpropagation into an expected number of pulses n* >= 0
along the device's level curve (`nn.synapse_array`). Hardware fires whole pulses, n = floor(n* + r); an n of
zero fires nothing and the synapse is left alone (the update is skipped, no write is counted).

- `NearestPulses`: r = 1/2, round half up (MLP+NeuroSim `truncate`, manual section 5: |dW| below half a step
  gives no pulse). Deterministic. NeuroSim applies it after every image, whose gradient is large and noisy;
  after a batch of 300 the averaged gradient is small and smooth, so most updates fall below half a step and
  are lost while the few large ones overshoot by whole steps. No learning rate cures it: on the experiment
  preset the best of a 3 x 4 per-layer grid reaches 70 % validation accuracy after 30 iterations and 71 %
  after 100, against 92.5 % with stochastic rounding (nn/README.md, 'Rounding').
- `StochasticPulses`: r ~ U[0, 1), so n = floor(n*) + Bernoulli(n* - floor(n*)) and E[n] = n* (unbiased).
  This is what a stochastic pulse scheme does in hardware (Gokmen & Vlasov, Front. Neurosci. 10, 333 (2016);
  aihwkit's default STOCHASTIC_COMPRESSED update): a comparator against a random number fires the last pulse.
  It is the device presets' rule: low-precision SGD needs unbiased rounding (Gupta et al., ICML 2015).
The synapse kernel applies the same rule per cell; `__call__` applies it to an array (reference and tests).
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType

import numpy as np

ROUND_HALF = 0.5
"""Offset r of round-half-up (pulses)."""


@dataclasses.dataclass(frozen=True)
class NearestPulses:
    """Deterministic rounding to the nearest pulse count, halves up."""

    name: str = "nearest"
    random_offset: bool = False
    """False: r = 1/2 in n = floor(n* + r)."""

    def __call__(self, expected: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return np.floor(np.asarray(expected) + ROUND_HALF).astype(np.int64)


@dataclasses.dataclass(frozen=True)
class StochasticPulses:
    """Unbiased stochastic rounding: the fractional part fires one more pulse with that probability."""

    name: str = "stochastic"
    random_offset: bool = True
    """True: r ~ U[0, 1) in n = floor(n* + r)."""

    def __call__(self, expected: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        expected = np.asarray(expected, dtype=float)
        return np.floor(expected + rng.random(expected.shape)).astype(np.int64)


ROUNDINGS = MappingProxyType({rule.name: rule for rule in (NearestPulses(), StochasticPulses())})
"""The pulse roundings by name (the CLI's --rounding choices)."""
