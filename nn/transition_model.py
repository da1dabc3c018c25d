"""A synapse device model in which every pulse is a random event: per-pulse transitions plus the variation knobs.

The device is `PulseTransitions` (nn/pulse_transitions.py): what one pulse at each ramp position adds or removes,
sampled from the traces, and the conductance of a population of N skyrmions. On top of it (names as in
`nn.device_model`, aihwkit's convention):
- Cycle-to-cycle: comes from the device itself, a pulse's increment drawn from the recorded ones, and the size
  spread s(N) drawn at every write. `c2c_scale` scales both about their means (increments about the mean of
  their position: dN = m_p + c2c_scale (dN_k - m_p); spread c2c_scale s(N)): 0 gives the mean device, 1 the
  recorded one; a scaled increment may be fractional, and the level of a fractional count is interpolated.
- Device-to-device: the emulated Hall bars of one preset share their design and differ only in their random
  histories, so their traces are pooled into one statistic; each trace is one sample of it.
- Read noise: every read adds N(0, (read_noise (G_max - G_min))^2) to the conductance the periphery senses.
"""
from __future__ import annotations

import dataclasses

from nn.device_model import MAX_C2C_SCALE, MAX_READ_NOISE
from nn.pulse_rounding import StochasticPulses
from nn.pulse_transitions import PulseTransitions
from skybench.errors import check_range


@dataclasses.dataclass(frozen=True)
class TransitionModel:
    """Per-pulse transitions of one device design, and how reads and the spread vary (module docstring)."""

    transitions: PulseTransitions
    """Increments per ramp position and levels per count, from the traces."""
    read_noise: float = 0.0
    """Std of one read, as a fraction of the nominal conductance range (dimensionless)."""
    c2c_scale: float = 1.0
    """Multiplier of the increment and size spreads about their means (1 = as recorded) (dimensionless)."""
    rounding: object = StochasticPulses()
    """Turns expected steps into fired steps (`nn.pulse_rounding`)."""

    def __post_init__(self):
        check_range("read_noise", self.read_noise, 0.0, MAX_READ_NOISE)
        check_range("c2c_scale", self.c2c_scale, 0.0, MAX_C2C_SCALE)

    @property
    def n_pot(self) -> int:
        return self.transitions.n_pot

    @property
    def n_dep(self) -> int:
        return self.transitions.n_dep

    @property
    def pot_available(self) -> int:
        return self.transitions.pot_available

    @property
    def dep_available(self) -> int:
        return self.transitions.dep_available

    @property
    def polarity(self) -> int:
        return self.transitions.polarity

    @property
    def g_min(self) -> float:
        """Lowest nominal level (S): the bottom of the reference-column range."""
        return self.transitions.g_min

    @property
    def g_max(self) -> float:
        """Highest nominal level (S): the top of the reference-column range."""
        return self.transitions.g_max

    def array(self, shape: tuple[int, int], gain: float, seed):
        """A layer of `shape` synapses of this model (`nn.transition_array.TransitionArray`)."""
        from nn.transition_array import TransitionArray

        return TransitionArray(shape, self, gain, seed)

    def summary(self) -> dict:
        """JSON-ready description of the model and of its transition statistic."""
        return {"model": "transitions", "n_states_pot": self.n_pot, "n_states_dep": self.n_dep,
                "polarity": self.polarity, "read_noise_fraction": self.read_noise, "c2c_scale": self.c2c_scale,
                "rounding": self.rounding.name, "g_min_S": self.g_min, "g_max_S": self.g_max,
                "transitions": self.transitions.summary()}
