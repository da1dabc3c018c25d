"""A synapse device model for training: level tables of one or more devices plus the variation knobs.

Variability follows aihwkit's naming (STYLE.md): `_dtod` device-to-device, `_std`/c2c cycle-to-cycle.
- Cycle-to-cycle (update-to-update): after every write, the cell's conductance is drawn from N(G_i, (c2c_scale
  sigma_i)^2) of the state i it landed in (paper Methods and Fig. 3b: 'at every synaptic weight update, the
  cell-to-cell and the update-to-update variations ... follow a normal distribution with the average conductance
  and the deviation at each potentiation and depression level').
- Device-to-device: with several tables (one per trace), each cell is built as one of the devices, drawn
  uniformly at random (CrossSim v2 'multi_LUT' style), and follows that device's levels.
- Read noise: every read adds N(0, (read_noise (G_max - G_min))^2) to the conductance the periphery senses.
The nominal table (mean of the devices' state means) is what the write controller knows: it plans pulses on
the nominal curve, while each cell responds with its own.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from nn.level_table import LevelTable
from nn.pulse_rounding import StochasticPulses
from skybench.errors import ParameterError, check_range

MAX_READ_NOISE = 1.0
"""Largest read-noise std accepted, as a fraction of the nominal range (dimensionless)."""
MAX_C2C_SCALE = 100.0
"""Largest multiplier of the measured per-state spread accepted (dimensionless)."""


@dataclasses.dataclass(frozen=True)
class DeviceModel:
    """Level tables of the devices in an array, and how writes and reads vary (module docstring)."""

    tables: tuple[LevelTable, ...]
    """One level table per device (several: device-to-device variation). All have equal state counts."""
    read_noise: float = 0.0
    """Std of one read, as a fraction of the nominal conductance range (dimensionless)."""
    c2c_scale: float = 1.0
    """Multiplier of every sigma_i (1 = as measured; the cycle-to-cycle sweep varies it) (dimensionless)."""
    rounding: object = StochasticPulses()
    """Turns expected pulses into fired pulses (`nn.pulse_rounding`)."""

    def __post_init__(self):
        if not self.tables:
            raise ParameterError("tables", 0, "at least one level table")
        shapes = {(table.n_pot, table.n_dep) for table in self.tables}
        if len(shapes) != 1:
            raise ParameterError("tables", sorted(shapes), "tables with equal (potentiation, depression) state "
                                 "counts (set n_states_pot/n_states_dep)")
        if len({table.polarity for table in self.tables}) != 1:
            raise ParameterError("tables", [t.polarity for t in self.tables], "tables of one polarity (all Hall "
                                 "or all MTJ traces)")
        check_range("read_noise", self.read_noise, 0.0, MAX_READ_NOISE)
        check_range("c2c_scale", self.c2c_scale, 0.0, MAX_C2C_SCALE)

    @property
    def n_pot(self) -> int:
        return self.tables[0].n_pot

    @property
    def n_dep(self) -> int:
        return self.tables[0].n_dep

    @property
    def polarity(self) -> int:
        """+1 if potentiation raises the conductance, -1 if it lowers it (`LevelTable.polarity`)."""
        return self.tables[0].polarity

    @property
    def n_devices(self) -> int:
        return len(self.tables)

    @property
    def pot_available(self) -> int:
        """Potentiation states every device's trace has (the most a selection can keep)."""
        return min(table.pot_available for table in self.tables)

    @property
    def dep_available(self) -> int:
        """Depression states every device's trace has."""
        return min(table.dep_available for table in self.tables)

    @property
    def nominal_pot(self) -> np.ndarray:
        """Nominal potentiation levels: mean over devices of G_i (S)."""
        return np.mean([table.pot_mean for table in self.tables], axis=0)

    @property
    def nominal_dep(self) -> np.ndarray:
        """Nominal depression levels: mean over devices of G_i (S)."""
        return np.mean([table.dep_mean for table in self.tables], axis=0)

    @property
    def g_min(self) -> float:
        """Lowest nominal level (S): the bottom of the reference-column range."""
        return float(min(self.nominal_pot.min(), self.nominal_dep.min()))

    @property
    def g_max(self) -> float:
        """Highest nominal level (S): the top of the reference-column range."""
        return float(max(self.nominal_pot.max(), self.nominal_dep.max()))

    def array(self, shape: tuple[int, int], gain: float, seed):
        """A layer of `shape` synapses of this model (`nn.synapse_array.SynapseArray`)."""
        from nn.synapse_array import SynapseArray

        return SynapseArray(shape, self, gain, seed)

    def summary(self) -> dict:
        """JSON-ready description of the model and of each device's table."""
        return {"model": "levels", "n_devices": self.n_devices, "n_states_pot": self.n_pot, "n_states_dep": self.n_dep,
                "polarity": self.polarity,
                "read_noise_fraction": self.read_noise, "c2c_scale": self.c2c_scale,
                "rounding": self.rounding.name, "g_min_S": self.g_min, "g_max_S": self.g_max,
                "devices": [table.summary() for table in self.tables]}
