"""The three training presets of `skybench train --device`: software, experiment and ideal.

Each says where its numbers come from. The learning rates and periphery gains are ours (chosen once on
synthetic Fig. 2b-like traces, nn/README.md; the paper gives none) and are shared by both device presets, so
the accuracy gap between them comes from the devices alone.
- `software`: float weights, the 'ideal (software-based)' curve of Fig. 3c.
- `experiment`: the measured-like Pt/GdFeCo/MgO Hall bar, emulator preset `gdfeco_experiment` run through
  protocol `fig2b` (~24 potentiation and ~16 depression pulses, paper Fig. 2b), read through its Hall
  conductance; 13 potentiation and 11 depression states kept, as the paper's Methods ('we selected 13 and 11
  states from the measured potentiation and depression state batches'); an array of 8 emulated devices
  (device-to-device variation) read with the paper's measurement spread.
- `ideal`: the 150 nm chamber of the paper's Fig. 4 / Methods, emulator preset `chamber_150nm` run through
  protocol `fig4b` (125 + 125 pulses, ~30-40 skyrmions), read through its MTJ conductance; every distinct
  state kept; one device, no read noise, as the paper's simulated device.
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType

from skybench.errors import check_choice

STOCHASTIC = "stochastic"
"""Default pulse rounding of the device presets (nn.pulse_rounding)."""
DEVICE_LEARNING_RATES = (1.0, 1.0)
"""eta for the hidden and output layers of both device presets (dimensionless, on weights in [-g, g])."""
DEVICE_GAINS = (0.3, 1.0)
"""Reference-column gain g of the hidden and output layers: the weight at G_max (dimensionless). 0.3 keeps the
hidden pre-activations of 784 inputs out of sigmoid saturation for random initial states."""
HALL_READ_NOISE = 4.1 / 310.0
"""Read-noise std of the Hall bar as a fraction of its range: the paper's Fig. 2b error bar on its final state
(4.1 nOhm cm, 'standard deviation of the resistivity measurements at each state') over its -310 nOhm cm range."""
EXPERIMENT_DEVICES = 8
"""Emulated Hall bars in the experiment array: the cell-to-cell variation the paper folded into sigma_i comes
here from distinct emulated devices (the traces carry no per-state readout spread)."""


@dataclasses.dataclass(frozen=True)
class TrainingPreset:
    """A named network-and-device setting for `skybench train` (module docstring)."""

    name: str
    """Preset name (the --device choice)."""
    learning_rates: tuple[float, float]
    """SGD step eta of the hidden and the output layer (dimensionless)."""
    emulator_preset: str | None = None
    """Emulator device preset whose trace defines the synapse (None: float weights)."""
    emulator_protocol: str | None = None
    """Emulator pulse protocol that records the trace."""
    n_states_pot: int | None = None
    """Potentiation states kept from the trace (None: all)."""
    n_states_dep: int | None = None
    """Depression states kept from the trace (None: all)."""
    gains: tuple[float, float] = DEVICE_GAINS
    """Reference-column gains of the two layers (device presets)."""
    init_scale: tuple[float, float] = (0.1, 0.3)
    """Float weights start uniform in [-s, s], per layer (software preset)."""
    read_noise: float = 0.0
    """Std of one read as a fraction of the conductance range (dimensionless)."""
    devices: int = 1
    """Emulated devices (emulator seeds 0..devices-1) whose traces make the array (device-to-device)."""
    rounding: str = STOCHASTIC
    """Pulse rounding name (nn.pulse_rounding.ROUNDINGS)."""
    source: str = ""
    """Where the numbers come from."""

    @property
    def uses_device(self) -> bool:
        return self.emulator_preset is not None


SOFTWARE = TrainingPreset(
    name="software", learning_rates=(1.0, 1.0),
    source="float weights; eta and initial range chosen for the fig3c schedule (nn/README.md)")
EXPERIMENT = TrainingPreset(
    name="experiment", learning_rates=DEVICE_LEARNING_RATES, emulator_preset="gdfeco_experiment",
    emulator_protocol="fig2b", n_states_pot=13, n_states_dep=11, read_noise=HALL_READ_NOISE,
    devices=EXPERIMENT_DEVICES,
    source="emulator gdfeco_experiment/fig2b traces of 8 devices (seeds 0-7; paper Fig. 2b device, an array "
           "is many such devices); 13 + 11 states as paper Methods; per-state spread from the traces; read "
           "noise = paper Fig. 2b error bar 4.1 nOhm cm over the 310 nOhm cm range")
IDEAL = TrainingPreset(
    name="ideal", learning_rates=DEVICE_LEARNING_RATES, emulator_preset="chamber_150nm",
    emulator_protocol="fig4b",
    source="emulator chamber_150nm/fig4b trace of one device (paper Fig. 4b, Methods 'Skyrmion synapse "
           "simulation': one simulated device, no readout noise given); all distinct states (~30-40); MTJ "
           "readout (TMR 200 %)")
PRESETS = MappingProxyType({preset.name: preset for preset in (SOFTWARE, EXPERIMENT, IDEAL)})
"""The training presets by name."""


def preset(name: str) -> TrainingPreset:
    """The preset called `name`, or ParameterError listing the choices."""
    return PRESETS[check_choice("device", name, tuple(PRESETS))]
