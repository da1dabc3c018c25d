"""The array periphery of the network's forward pass: how many bits the row drivers and the hidden neurons carry.

A crossbar multiplies a voltage vector by the conductance matrix. What the voltages can be is set by the
periphery, not by the synapse:
- the input drivers apply each pixel as one of 2^b read levels (b = `input_bits`); with b = 1 a row
  is read or not (MLP+NeuroSim `numBitInput = 1`: the pixel in [0, 1] is thresholded at 1/2, `BWthreshold`);
- the hidden neurons drive the second array with their sigmoid output re-digitised to b bits
  (`activation_bits`; NeuroSim `da1 = round_th(a1 (levels - 1), Hthreshold = 1/2)`, 1 bit).
None keeps the value analog (floating point), as in a pure software network.

What the paper used:
- Fig. 3 (the measured device): its Methods give no bit widths, but the Fig. 4 Methods say 'we again adopted the
  neural network hardware platform NeuroSim+' (ref. 29, the MLP+NeuroSim simulator), so Fig. 3 ran on it too,
  and MLP+NeuroSim's hardware feed-forward is 1-bit in and 1-bit hidden (Param.cpp defaults): `ONE_BIT`, the
  experiment preset's. That the paper kept these defaults is our inference.
- Fig. 4 (the simulated chamber): 'the activation was set to 8bits' (Methods): `EIGHT_BIT`, the ideal preset's.
- The software preset is `ANALOG`, the paper's 'ideal (software-based)' curve.
Training and testing use the same forward pass (NeuroSim `useHardwareInTrainingFF` and `...InTestingFF`).

Backpropagation runs in the digital controller on the analog values (NeuroSim: the hidden delta uses the
sigmoid output a1, the gradients the pixel values and a1), so the quantisers are seen by the forward pass only,
a straight-through estimate (nn.mlp).

Not modelled: the ADC that digitises each column current (NeuroSim `numBitPartialSum = 8`); the column sums
reach the sigmoid as floating-point numbers.
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType

from skybench.errors import check_integer

MAX_BITS = 16
"""Most bits accepted for a driver or a neuron output."""
THRESHOLD = 0.5
"""Rounding threshold of the quantisers (NeuroSim BWthreshold and Hthreshold): round half up."""


@dataclasses.dataclass(frozen=True)
class Periphery:
    """Resolution of the input drivers and of the hidden neurons' outputs (module docstring)."""

    name: str
    """Name (the CLI's --periphery choice)."""
    input_bits: int | None = None
    """Bits of an input pixel as applied to the rows (None: analog)."""
    activation_bits: int | None = None
    """Bits of a hidden neuron's output as applied to the second array (None: analog)."""
    source: str = ""
    """Where the numbers come from."""

    def __post_init__(self):
        for field in ("input_bits", "activation_bits"):
            if getattr(self, field) is not None:   # None: analog
                check_integer(field, getattr(self, field), 1, MAX_BITS)

    def inputs(self, x):
        """The row drive of pixels x in [0, 1] (a torch tensor), quantised to the input bits."""
        return quantise(x, self.input_bits)

    def activations(self, a):
        """The hidden neurons' outputs a in (0, 1) as applied to the next array, quantised to the bits."""
        return quantise(a, self.activation_bits)


def quantise(values, bits: int | None):
    """values in [0, 1] rounded (half up) to 2^bits levels spanning [0, 1]; None returns them unchanged."""
    if bits is None:
        return values
    steps = float(2 ** bits - 1)
    return (values * steps + (1.0 - THRESHOLD)).floor().clamp(0.0, steps) / steps


ANALOG = Periphery("analog", source="floating-point inputs and activations (pure software)")
ONE_BIT = Periphery(
    "1bit", input_bits=1, activation_bits=1,
    source="MLP+NeuroSim hardware feed-forward (Param.cpp numBitInput = 1, BWthreshold = Hthreshold = 0.5), the "
           "platform of the paper's network simulations (ref. 29)")
EIGHT_BIT = Periphery(
    "8bit", input_bits=8, activation_bits=8,
    source="paper Methods, Fig. 4 network (DNN+NeuroSim): 'the activation was set to 8bits'")
PERIPHERIES = MappingProxyType({periphery.name: periphery for periphery in (ANALOG, ONE_BIT, EIGHT_BIT)})
"""The peripheries by name (the CLI's --periphery choices)."""
