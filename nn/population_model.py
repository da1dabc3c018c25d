"""A network built from a study population: every synapse is one device of the study, with that device's own
per-pulse transition model (`skybench train --population DIR`).

The study (emulator/study.py, `skybench study`, with traces stored) ran each device through its protocol
`cycles` times; each cycle is one trace of that device. Device d's model is `PulseTransitions.from_traces` of its
own cycles (nn/pulse_transitions.py): what each ramp pulse added or removed on this device, the level and size
spread of its counts, its own nominal curves. So device-to-device variation (each device's drawn conditions and
its own history) reaches the network as well as the cycle-to-cycle spread within a device (K = cycles samples
per pulse; with one cycle a device replays its single trace's increments, and only the size spread varies).

The reference column spans the population's nominal range (lowest to highest nominal level of any device); cells
are assigned to devices uniformly at random by the layer's seed (`nn.population_array`). Read noise, c2c scale
and rounding act as in `nn.transition_model`.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from nn.device_model import MAX_C2C_SCALE, MAX_READ_NOISE
from nn.pulse_rounding import StochasticPulses
from nn.pulse_transitions import PulseTransitions
from nn.trace_file import NOHM_CM, SynapseTrace
from skybench.errors import DataError, check_range

MAX_POPULATION = 100_000
"""Most devices a network reads from a study (78,510 synapses in the 784-100-10 network)."""


@dataclasses.dataclass(frozen=True)
class PopulationModel:
    """One PulseTransitions per device of a study population (module docstring)."""

    devices: tuple[PulseTransitions, ...]
    """Each device's own transition model, in device order."""
    source: str
    """The study folder."""
    read_noise: float = 0.0
    """Std of one read, as a fraction of the nominal conductance range (dimensionless)."""
    c2c_scale: float = 1.0
    """Multiplier of the increment and size spreads about their means (1 = as recorded) (dimensionless)."""
    rounding: object = StochasticPulses()
    """Turns expected steps into fired steps (`nn.pulse_rounding`)."""

    def __post_init__(self):
        check_range("read_noise", self.read_noise, 0.0, MAX_READ_NOISE)
        check_range("c2c_scale", self.c2c_scale, 0.0, MAX_C2C_SCALE)
        first = self.devices[0]
        for d, model in enumerate(self.devices):
            if (model.polarity, model.n_pot, model.n_dep, model.pot_available, model.dep_available) != (
                    first.polarity, first.n_pot, first.n_dep, first.pot_available, first.dep_available):
                raise DataError(f"{self.source}: device {d} has another polarity or number of states than device 0; "
                                f"one population follows one protocol through one readout")

    @property
    def n_devices(self) -> int:
        return len(self.devices)

    @property
    def n_pot(self) -> int:
        return self.devices[0].n_pot

    @property
    def n_dep(self) -> int:
        return self.devices[0].n_dep

    @property
    def polarity(self) -> int:
        return self.devices[0].polarity

    @property
    def g_min(self) -> float:
        """Lowest nominal level of any device (S): the bottom of the reference-column range."""
        return min(model.g_min for model in self.devices)

    @property
    def g_max(self) -> float:
        """Highest nominal level of any device (S)."""
        return max(model.g_max for model in self.devices)

    def array(self, shape: tuple[int, int], gain: float, seed):
        """A layer of `shape` synapses, each one device of the population (`nn.population_array`)."""
        from nn.population_array import PopulationArray

        return PopulationArray(shape, self, gain, seed)

    def summary(self) -> dict:
        """JSON-ready description: the population and the spread of its devices' transition statistics."""
        summaries = [model.summary() for model in self.devices]

        def spread(key):
            values = np.array([s[key] for s in summaries], dtype=float)
            return {"mean": float(values.mean()), "std": float(values.std()), "min": float(values.min()),
                    "max": float(values.max())}

        return {"model": "population", "source": self.source, "devices": self.n_devices,
                "traces_per_device": self.devices[0].n_traces, "n_states_pot": self.n_pot,
                "n_states_dep": self.n_dep, "polarity": self.polarity, "read_noise_fraction": self.read_noise,
                "c2c_scale": self.c2c_scale, "rounding": self.rounding.name, "g_min_S": self.g_min,
                "g_max_S": self.g_max,
                "device_spread": {key: spread(key) for key in (
                    "conductance_per_skyrmion_S", "skyrmions_per_pulse_pot_mean", "skyrmions_per_pulse_dep_mean",
                    "end_of_potentiation_skyrmions_mean", "g_min_S", "g_max_S")}}


def population_traces(folder: str | Path, limit: int | None = None) -> list[list[SynapseTrace]]:
    """Each device's traces (one per cycle) from a study store with traces; at most `limit` devices."""
    from emulator.pulse_protocols import protocol as named_protocol
    from emulator.study_store import StudyStore, open_existing

    folder = Path(folder)
    store: StudyStore = open_existing(folder, "population")
    study = store.manifest["study"]
    if not study["traces"]:
        raise DataError(f"{folder}: the study stored no traces (set [outputs] traces = true and rerun it)")
    steps = named_protocol(study["protocol"], study["current_density"], study["pulse_width"]).steps
    potentiation = np.array([step.phase == "potentiation" for step in steps])
    hall = "rho_xy_change_nOhm_cm" in store.columns()
    signal = "rho_xy_change_nOhm_cm" if hall else "conductance_S"
    rows = store.read(["device", "cycle", "n_skyrmions_active", signal], limit_devices=limit)
    devices: dict[int, list[SynapseTrace]] = {}
    index = np.arange(1, potentiation.size + 1)
    for device, cycle, counts, values in zip(rows["device"], rows["cycle"], rows["n_skyrmions_active"],
                                             rows[signal]):
        values = np.asarray(values, dtype=float)
        devices.setdefault(int(device), []).append(SynapseTrace(
            path=Path(f"{folder}#device-{device}-cycle-{cycle}"), pulse_index=index, potentiation=potentiation,
            n_skyrmions=np.asarray(counts, dtype=np.int64),
            rho_xy_change=values * NOHM_CM if hall else np.full(values.size, np.nan),
            conductance=None if hall else values, rho_xy_std=None))
    return [devices[d] for d in sorted(devices)]


def load_population(folder: str | Path, n_pot: int | None, n_dep: int | None, read_noise: float = 0.0,
                    c2c_scale: float = 1.0, rounding=StochasticPulses(), limit: int | None = None) -> PopulationModel:
    """The PopulationModel of a study folder, keeping `n_pot`/`n_dep` programming states (None: all)."""
    if limit is not None:
        check_range("population devices", limit, 1, MAX_POPULATION)
    per_device = population_traces(folder, limit if limit is not None else MAX_POPULATION)
    return PopulationModel(tuple(PulseTransitions.from_traces(traces, n_pot, n_dep) for traces in per_device),
                           source=str(folder), read_noise=read_noise, c2c_scale=c2c_scale, rounding=rounding)
