"""Pulse protocols of the paper, as data: field preparation, then pulses with their phase, amplitude, width,
field and the wait before the state is read.

- `fig2b` (paper section II.B, Fig. 2b): saturate at 160 mT, set 140 mT; potentiation: unipolar 100 ns pulses
  whose amplitude ramps from 1.69e10 to 4.24e10 A/m^2; depression: the same ramp with reversed polarity at
  144 mT. 25 potentiation pulses (the paper sums its per-state changes over i = 1..25) and 16 depression.
- `fig4b` (paper Methods, Fig. 4b): 125 pulses of 4e10 A/m^2, 0.05 ns on and 0.10 ns off, then 125 reversed,
  at 200 mT.
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType

import numpy as np

from skybench.errors import ParameterError, check_choice, check_positive, check_range


@dataclasses.dataclass(frozen=True)
class PulseStep:
    """One pulse and the read that follows it."""

    phase: str
    """'potentiation' or 'depression'."""
    current_density: float
    """Signed nominal current density (A/m^2)."""
    width: float
    """Pulse width (s)."""
    field: float
    """Bz during and after the pulse (T)."""
    wait: float | None
    """Time from the end of the pulse to the read (s); None uses the device preset's relaxation time."""


@dataclasses.dataclass(frozen=True)
class PulseProtocol:
    """A named protocol: field preparation then pulse steps."""

    name: str
    preparation: tuple[tuple[float, float], ...]
    """(field T, hold time s) pairs applied before the first pulse; the last field is the reference state."""
    steps: tuple[PulseStep, ...]
    description: str


DEPRESSION_FIELD_RANGE = (0.0, 0.5)
"""Depression fields fig2b accepts (T): a positive field along the saturated background."""


def fig2b(potentiation_pulses: int = 25, depression_pulses: int = 16, j_start: float = 1.69e10,
          j_end: float = 4.24e10, width: float = 100e-9, depression_field: float = 0.144) -> PulseProtocol:
    pot = np.linspace(j_start, j_end, potentiation_pulses)
    dep = np.linspace(j_start, j_end, depression_pulses)
    steps = tuple(PulseStep("potentiation", float(j), width, 0.140, None) for j in pot)
    steps += tuple(PulseStep("depression", -float(j), width, depression_field, None) for j in dep)
    return PulseProtocol(
        name="fig2b", preparation=((0.160, 1e-6), (0.140, 1e-6)), steps=steps,
        description="paper Fig. 2b: 160 mT saturation, 140 mT, ramped 100 ns pulses; reversed at "
                    f"{depression_field * 1e3:g} mT")


def fig4b(pulses: int = 125, j: float = 4e10, width: float = 0.05e-9, gap: float = 0.10e-9) -> PulseProtocol:
    steps = tuple(PulseStep("potentiation", j, width, 0.200, gap) for _ in range(pulses))
    steps += tuple(PulseStep("depression", -j, width, 0.200, gap) for _ in range(pulses))
    return PulseProtocol(
        name="fig4b", preparation=((0.200, 1e-12),), steps=steps,
        description="paper Fig. 4b: 125 pulses of 4e10 A/m^2 (0.05 ns on, 0.10 ns off), then 125 reversed")


PROTOCOLS = MappingProxyType({"fig2b": fig2b, "fig4b": fig4b})
"""Protocol builders by name."""


def protocol(name: str, current_density: float | None = None, pulse_width: float | None = None,
             depression_field: float | None = None) -> PulseProtocol:
    """The protocol `name`, optionally with another peak current density (A/m^2), pulse width (s) or (fig2b)
    depression field (T).

    For fig2b `current_density` is the end of the ramp (the start keeps its ratio to it); for fig4b it is the
    amplitude of every pulse.
    """
    check_choice("protocol", name, tuple(PROTOCOLS))
    options = {}
    if pulse_width is not None:
        options["width"] = check_positive("pulse_width", pulse_width, "s")
    if depression_field is not None:
        if name != "fig2b":
            raise ParameterError("depression_field", depression_field, "only with protocol fig2b")
        options["depression_field"] = check_range("depression_field", depression_field, *DEPRESSION_FIELD_RANGE,
                                                  "T", low_inclusive=False)
    if current_density is not None:
        j = check_positive("current_density", current_density, "A/m^2")
        if name == "fig2b":
            options.update(j_end=j, j_start=j * 1.69e10 / 4.24e10)
        else:
            options["j"] = j
    return PROTOCOLS[name](**options)
