"""The three training presets of `skybench train --device`: software, experiment and ideal.

Each says where its numbers come from. The learning rates, periphery gains and pulse rounding are ours (the
paper gives none; nn/README.md says how they were chosen) and are shared by both device presets, so the accuracy
gap between them comes from the devices and the periphery the paper simulated each with (nn.periphery): the
experiment preset MLP+NeuroSim's 1-bit row drive and hidden outputs (Fig. 3), the ideal preset 8-bit
activations (Fig. 4 Methods); the software preset is analog, the paper's 'ideal (software-based)' curve.
- `software`: float weights, the 'ideal (software-based)' curve of Fig. 3c.
- `experiment`: the measured-like Pt/GdFeCo/MgO Hall bar, emulator preset `gdfeco_experiment` run through
  protocol `fig2b` (~24 potentiation and ~16 depression pulses, paper Fig. 2b), read through its Hall
  conductance. Synapse model `transitions` (nn.transition_model): each pulse adds or removes a random number
  of skyrmions, drawn from what that pulse of the ramp did in 32 emulated runs, so the cycle-to-cycle variation
  is in the per-pulse increment. 13 potentiation and 11 depression programming states, as the paper's Methods
  ('we selected 13 and 11 states from the measured potentiation and depression state batches'); read with the
  paper's measurement spread.
- `ideal`: the 150 nm chamber of the paper's Fig. 4 / Methods, emulator preset `chamber_150nm` run through
  protocol `fig4b` (125 + 125 pulses, ~30-40 skyrmions), read through its MTJ conductance; every distinct
  state kept; one device, no read noise, as the paper's simulated device. Synapse model `levels`
  (nn.device_model): at 0 K a skyrmion enters every ~4 pulses as its nucleus grows at the pad, a hidden state
  that per-pulse draws would turn into independent random events; so a state is a skyrmion count, and a step
  to the next one fires the pulses the trace needed for it. Mapping `differential` (nn.differential_pair): the
  chamber's reversed pulses need not empty it (its LLG reference: 8 -> 5 skyrmions; the particle preset with the
  straight edge law: 16 -> 8, with the outline-integrated law: 11 -> 3, with the terminals' ends closed as in the
  LLG film: 11 -> 8-9). With one
  device per weight against a mid-range reference column a weight can then fall only part of the way (at 16 -> 8
  only to zero: chance, 10.09 %, fig3c, seed 0; at 11 -> 3: 87.62 %). Two devices per weight, G+ - G-, each moved
  both ways inside the window both branches reach, give the full signed range with the device's own pulses (no
  erase) wherever depression stops (95.08 +- 0.09 % at 11 -> 3, seeds 0-1; 92.09 % at 11 -> 9, seed 0). The experiment
  preset keeps the reference column: its Hall bar's depression removes most of its ~41 skyrmions (paper Fig. 2b).
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType

from nn.periphery import ANALOG, EIGHT_BIT, ONE_BIT, PERIPHERIES
from skybench.errors import check_choice

STOCHASTIC = "stochastic"
"""Pulse rounding of the device presets (nn.pulse_rounding: round-to-nearest does not learn at batch 300)."""
TRANSITIONS = "transitions"
"""Synapse model in which each pulse adds a random number of skyrmions (nn.transition_model)."""
REFERENCE = "reference"
"""Weight mapping of one device per weight against a mid-range reference column (nn.reference_column)."""
DIFFERENTIAL = "differential"
"""Weight mapping of two devices per weight, G+ - G-, each moved both ways (nn.differential_pair)."""
MAPPINGS = (REFERENCE, DIFFERENTIAL)
"""The weight mappings by name (the CLI's --mapping choices)."""
DEVICES_PER_WEIGHT = MappingProxyType({REFERENCE: 1, DIFFERENTIAL: 2})
"""Devices (array cells) per weight of each mapping (the chip estimator's cell count follows it)."""
LEVELS = "levels"
"""Synapse model of fixed levels redrawn after every write (nn.device_model)."""
SYNAPSE_MODELS = (TRANSITIONS, LEVELS)
"""The synapse models by name (the CLI's --synapse-model choices)."""
DEVICE_LEARNING_RATES = (1.0, 1.0)
"""eta for the hidden and output layers of both device presets (dimensionless, on weights in [-g, g]). With
stochastic rounding the validation accuracy of the experiment preset is flat over 0.5-2 per layer
(benchmarks/train_learning_rate.py; nn/README.md, 'Rounding')."""
DEVICE_GAINS = (0.3, 1.0)
"""Reference-column gain g of the hidden and output layers: the weight at G_max (dimensionless). 0.3 keeps the
hidden pre-activations of 784 inputs out of sigmoid saturation for random initial states."""
HALL_READ_NOISE = 4.1 / 310.0
"""Read-noise std of the Hall bar as a fraction of its range: the paper's Fig. 2b error bar on its final state
(4.1 nOhm cm, 'standard deviation of the resistivity measurements at each state') over its -310 nOhm cm range."""
EXPERIMENT_DEVICES = 32
"""Emulated Hall-bar runs (seeds) pooled into the experiment preset's per-pulse transitions: 32 samples of what
each ramp pulse adds or removes (nn.pulse_transitions). Recording them takes ~2 min once (then cached)."""


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
    synapse_model: str = LEVELS
    """How a write moves a synapse: TRANSITIONS or LEVELS."""
    periphery: str = ANALOG.name
    """Forward-pass periphery name (nn.periphery.PERIPHERIES): row-drive and hidden-output resolution."""
    mapping: str = REFERENCE
    """Weight mapping name (MAPPINGS): reference column or differential pair (device presets)."""
    source: str = ""
    """Where the numbers come from."""

    def __post_init__(self):
        check_choice("periphery", self.periphery, tuple(PERIPHERIES))
        check_choice("mapping", self.mapping, MAPPINGS)

    @property
    def uses_device(self) -> bool:
        return self.emulator_preset is not None


SOFTWARE = TrainingPreset(
    name="software", learning_rates=(1.0, 1.0),
    source="float weights; eta and initial range chosen for the fig3c schedule (nn/README.md)")
EXPERIMENT = TrainingPreset(
    name="experiment", learning_rates=DEVICE_LEARNING_RATES, emulator_preset="gdfeco_experiment",
    emulator_protocol="fig2b", n_states_pot=13, n_states_dep=11, read_noise=HALL_READ_NOISE,
    devices=EXPERIMENT_DEVICES, synapse_model=TRANSITIONS, periphery=ONE_BIT.name,
    source="emulator gdfeco_experiment/fig2b traces of 32 runs (seeds 0-31; paper Fig. 2b device): every pulse "
           "adds or removes a number of skyrmions drawn from what that ramp pulse did in the runs, the level of a "
           "count and its size spread from their rows; 13 + 11 programming states as paper Methods; read noise = "
           "paper Fig. 2b error bar 4.1 nOhm cm over the 310 nOhm cm range; 1-bit row drive and hidden outputs "
           "(MLP+NeuroSim's hardware feed-forward, the paper's platform)")
IDEAL = TrainingPreset(
    name="ideal", learning_rates=DEVICE_LEARNING_RATES, emulator_preset="chamber_150nm",
    emulator_protocol="fig4b", periphery=EIGHT_BIT.name, mapping=DIFFERENTIAL,
    source="emulator chamber_150nm/fig4b trace of one device (paper Fig. 4b, Methods 'Skyrmion synapse "
           "simulation': one simulated device, no readout noise given); all distinct states; MTJ readout "
           "(TMR 200 %); differential pair G+ - G- over the window both branches reach (the chamber's reversed "
           "pulses need not empty it), each device "
           "potentiated or depressed (a reference column lets weights fall only as far as depression reaches); 8-bit "
           "activations (paper Methods, Fig. 4 network)")
PRESETS = MappingProxyType({preset.name: preset for preset in (SOFTWARE, EXPERIMENT, IDEAL)})
"""The training presets by name."""


def preset(name: str) -> TrainingPreset:
    """The preset called `name`, or ParameterError listing the choices."""
    return PRESETS[check_choice("device", name, tuple(PRESETS))]
