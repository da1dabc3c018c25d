"""One `skybench train` run: build the device model, train every seed, write the outputs.

`TrainConfig` holds every choice of a run (the command line maps onto it one to one). `run_training` builds
the device model once (from --traces, or from the preset's emulator traces), trains each seed, and, for a
device preset, trains the software baseline with the same seeds for the comparison plot. `write_outputs`
writes accuracy.csv, summary.json, accuracy.png and weights.png into a (staged) folder.

Seeds: seed s draws the images from torch.Generator(s) and the layers' initial states, pulse rounding, write
and read noise from numpy Generators seeded with (s, layer); so each seed is reproducible on its own.
Summary counts are per training run (mean over seeds), the unit the chip estimator prices (nn.chip); pulses
are physical pulses on all devices, and a device run records its mapping and devices per weight.
"""
from __future__ import annotations

import csv
import dataclasses
import os
import time
from pathlib import Path

import numpy as np

from nn import mlp
from nn.device_model import DeviceModel
from nn.float_weights import FloatWeights
from nn.level_table import LevelTable
from nn.mnist import MnistTensors, load_mnist
from nn.periphery import PERIPHERIES
from nn.preset_traces import preset_traces
from nn.pulse_rounding import ROUNDINGS
from nn.pulse_transitions import PulseTransitions
from nn.trace_file import find_traces, read_trace
from nn.trainer import TrainingHistory, train
from nn.transition_model import TransitionModel
from nn.training_presets import (DEVICES_PER_WEIGHT, DIFFERENTIAL, SOFTWARE, SYNAPSE_MODELS, TRANSITIONS,
                                 TrainingPreset)
from nn.training_protocol import TrainingProtocol
from skybench.errors import ParameterError, check_choice, check_range, check_seed
from skybench.formats.run_summary import write_summary
from skybench.outputs import json_safe

MAX_SEEDS = 100
"""Most seeds one run accepts."""
MAX_THREADS = 64
"""Most torch threads accepted."""


@dataclasses.dataclass(frozen=True)
class TrainConfig:
    """Every choice of one training run."""

    preset: TrainingPreset
    """The --device preset."""
    protocol: TrainingProtocol
    """The training schedule."""
    seeds: tuple[int, ...] = (0,)
    """Seeds to train (mean and spread over them)."""
    traces: Path | None = None
    """A trace file or a folder of traces (several: device-to-device variation); None: the preset's traces."""
    data_root: Path | None = None
    """MNIST root (None: $SKYBENCH_DATA or the shared fallback, nn.mnist)."""
    download: bool = False
    """Let torchvision download MNIST if it is missing."""
    n_states_pot: int | None = None
    """Potentiation states to keep (None: the preset's choice)."""
    n_states_dep: int | None = None
    """Depression states to keep (None: the preset's choice)."""
    c2c_scale: float = 1.0
    """Multiplier of the per-state spread sigma_i (dimensionless)."""
    read_noise: float | None = None
    """Read-noise std as a fraction of the range (None: the preset's)."""
    rounding: str | None = None
    """Pulse rounding name (None: the preset's)."""
    synapse_model: str | None = None
    """Synapse model name, 'transitions' or 'levels' (None: the preset's; nn.training_presets)."""
    devices: int | None = None
    """Emulated devices (seeds) recorded for the preset's traces when --traces is not given (None: preset's)."""
    cache: Path | None = None
    """Trace cache folder (nn.preset_traces)."""
    population: Path | None = None
    """A study folder with traces: every synapse one device of it, with its own transitions (nn.population_model)."""
    compare_software: bool = True
    """Also train the software baseline (for accuracy.png)."""
    threads: int = 1
    """torch CPU threads (1 is fastest on a shared 2-core machine; see benchmarks/train_speed.py)."""
    progress: bool = True
    """Show a progress bar per seed (tqdm, on stderr)."""

    def __post_init__(self):
        if not self.seeds or len(self.seeds) > MAX_SEEDS:
            raise ParameterError("seeds", len(self.seeds), f"1 to {MAX_SEEDS} seeds")
        for seed in self.seeds:
            check_seed("seed", seed)
        check_range("c2c_scale", self.c2c_scale, 0.0, None)
        if self.read_noise is not None:
            check_range("read_noise", self.read_noise, 0.0, 1.0)
        if self.rounding is not None:
            check_choice("rounding", self.rounding, tuple(ROUNDINGS))
        if self.synapse_model is not None:
            check_choice("synapse_model", self.synapse_model, SYNAPSE_MODELS)
        check_range("threads", self.threads, 1, MAX_THREADS)
        if not self.preset.uses_device and self.traces is not None:
            raise ParameterError("traces", str(self.traces), "no traces with --device software")
        if self.population is not None and (not self.preset.uses_device or self.traces is not None):
            raise ParameterError("population", str(self.population), "a device preset and no --traces")
        synapse = self.synapse_model if self.synapse_model is not None else self.preset.synapse_model
        if self.preset.mapping == DIFFERENTIAL and (synapse == TRANSITIONS or self.population is not None):
            raise ParameterError("mapping", DIFFERENTIAL, "the levels synapse model without --population (the "
                                 "differential pair is built of level-model devices), or --mapping reference")


@dataclasses.dataclass(frozen=True)
class RunResult:
    """What `run_training` produced."""

    config: TrainConfig
    model: DeviceModel | TransitionModel | None
    """The device model trained with (None for software)."""
    histories: tuple[TrainingHistory, ...]
    """One per seed."""
    software: tuple[TrainingHistory, ...]
    """Software baseline, one per seed (empty if not requested or the run is software)."""
    wall_time_s: float
    """Wall-clock seconds of the whole run, baseline included (s)."""

    @property
    def final_accuracy(self) -> np.ndarray:
        return np.array([history.accuracy[-1] for history in self.histories])


def build_device_model(config: TrainConfig):
    """The device model of a device preset (a `DeviceModel` or a `TransitionModel`, by its synapse model),
    from --traces or the preset's emulator traces."""
    preset = config.preset
    if config.population is not None:
        return _population_model(config)
    devices = config.devices if config.devices is not None else preset.devices
    paths = find_traces(config.traces) if config.traces is not None else preset_traces(
        preset, config.cache, devices)
    traces = [read_trace(path) for path in paths]
    wanted_pot = config.n_states_pot if config.n_states_pot is not None else preset.n_states_pot
    wanted_dep = config.n_states_dep if config.n_states_dep is not None else preset.n_states_dep
    rounding = ROUNDINGS[config.rounding if config.rounding is not None else preset.rounding]
    read_noise = config.read_noise if config.read_noise is not None else preset.read_noise
    synapse = config.synapse_model if config.synapse_model is not None else preset.synapse_model
    if synapse == TRANSITIONS:
        return TransitionModel(PulseTransitions.from_traces(traces, wanted_pot, wanted_dep), read_noise=read_noise,
                               c2c_scale=config.c2c_scale, rounding=rounding)
    if len(traces) > 1 and (wanted_pot is None or wanted_dep is None):
        full = [LevelTable.from_trace(trace) for trace in traces]  # all states: the fewest any device has
        wanted_pot = min(table.n_pot for table in full) if wanted_pot is None else wanted_pot
        wanted_dep = min(table.n_dep for table in full) if wanted_dep is None else wanted_dep
    tables = tuple(LevelTable.from_trace(trace, wanted_pot, wanted_dep) for trace in traces)
    return DeviceModel(tables, read_noise=read_noise, c2c_scale=config.c2c_scale, rounding=rounding)


def _population_model(config: TrainConfig):
    from nn.population_model import load_population

    preset = config.preset
    return load_population(
        config.population, config.n_states_pot if config.n_states_pot is not None else preset.n_states_pot,
        config.n_states_dep if config.n_states_dep is not None else preset.n_states_dep,
        config.read_noise if config.read_noise is not None else preset.read_noise, config.c2c_scale,
        ROUNDINGS[config.rounding if config.rounding is not None else preset.rounding], config.devices)


def build_layers(preset: TrainingPreset, model, seed: int):
    """The (hidden, output) weight stores of one seed: synapse layers for a device (one device per weight, or a
    differential pair of two with the preset's mapping `differential`), float weights otherwise."""
    shapes = ((mlp.LAYERS[1], mlp.LAYERS[0]), (mlp.LAYERS[2], mlp.LAYERS[1]))
    if model is None:
        return tuple(FloatWeights(shape, scale, (seed, layer))
                     for layer, (shape, scale) in enumerate(zip(shapes, preset.init_scale)))
    if preset.mapping == DIFFERENTIAL:
        from nn.pair_array import PairArray

        return tuple(PairArray(shape, model, gain, (seed, layer))
                     for layer, (shape, gain) in enumerate(zip(shapes, preset.gains)))
    return tuple(model.array(shape, gain, (seed, layer))
                 for layer, (shape, gain) in enumerate(zip(shapes, preset.gains)))


def train_seed(preset: TrainingPreset, model, data: MnistTensors, protocol: TrainingProtocol,
               seed: int, progress=None) -> TrainingHistory:
    """Train one seed (module docstring, 'Seeds')."""
    import torch

    generator = torch.Generator().manual_seed(int(seed))
    return train(build_layers(preset, model, seed), data, protocol, preset.learning_rates, generator, progress,
                 PERIPHERIES[preset.periphery])


def run_training(config: TrainConfig, data: MnistTensors | None = None) -> RunResult:
    """Train every seed of `config` (and the software baseline for a device preset)."""
    import torch

    started = time.perf_counter()
    torch.set_num_threads(int(config.threads))
    model = build_device_model(config) if config.preset.uses_device else None
    data = load_mnist(config.data_root, config.download) if data is None else data
    histories = tuple(train_seed(config.preset, model, data, config.protocol, seed,
                                 _bar(config, f"{config.preset.name} seed {seed}")) for seed in config.seeds)
    software = ()
    if config.preset.uses_device and config.compare_software:
        software = tuple(train_seed(SOFTWARE, None, data, config.protocol, seed,
                                    _bar(config, f"software seed {seed}")) for seed in config.seeds)
    return RunResult(config, model, histories, software, time.perf_counter() - started)


def summary(result: RunResult) -> dict:
    """summary.json content (the fields the chip estimator reads are per training run, mean over seeds)."""
    config, histories = result.config, result.histories
    final = result.final_accuracy
    pot = float(np.mean([h.pulses.potentiation for h in histories]))
    dep = float(np.mean([h.pulses.depression for h in histories]))
    content = {
        "device": config.preset.name,
        "protocol": config.protocol.name,
        "final_accuracy_mean": float(final.mean()),
        "final_accuracy_std": float(final.std(ddof=1)) if final.size > 1 else 0.0,
        "final_accuracy_per_seed": final.tolist(),
        "seeds": list(config.seeds),
        "n_states_pot": result.model.n_pot if result.model else None,
        "n_states_dep": result.model.n_dep if result.model else None,
        "wall_time_s": result.wall_time_s,
        "training_wall_time_per_seed_s": [h.wall_time_s for h in histories],
        "weight_updates_total": pot + dep,
        "pulses_potentiation_total": pot,
        "pulses_depression_total": dep,
        "cell_writes_total": float(np.mean([h.pulses.cell_writes for h in histories])),
        "state_steps_potentiation_total": float(np.mean([h.pulses.steps_potentiation for h in histories])),
        "state_steps_depression_total": float(np.mean([h.pulses.steps_depression for h in histories])),
        "training_images": int(histories[0].training_images),
        "pulses_per_seed": [dataclasses.asdict(h.pulses) for h in histories],
        "protocol_settings": config.protocol.as_dict(),
        "learning_rates": list(config.preset.learning_rates),
        "periphery": dataclasses.asdict(PERIPHERIES[config.preset.periphery]),
        "preset_source": config.preset.source,
    }
    if result.model is not None:
        content["mapping"] = config.preset.mapping
        content["devices_per_weight"] = DEVICES_PER_WEIGHT[config.preset.mapping]
        content["gains"] = list(config.preset.gains)
        content["device_model"] = result.model.summary()
    if result.software:
        soft = np.array([h.accuracy[-1] for h in result.software])
        content["software_final_accuracy_mean"] = float(soft.mean())
        content["software_final_accuracy_std"] = float(soft.std(ddof=1)) if soft.size > 1 else 0.0
        content["gap_to_software"] = content["software_final_accuracy_mean"] - content["final_accuracy_mean"]
    return json_safe(content)


def write_outputs(result: RunResult, folder: str | os.PathLike) -> None:
    """Write accuracy.csv, summary.json, accuracy.png and weights.png (and accuracy_software.csv) into `folder`."""
    from nn import figures

    folder = Path(folder)
    _accuracy_csv(folder / "accuracy.csv", result.config.seeds, result.histories)
    if result.software:
        _accuracy_csv(folder / "accuracy_software.csv", result.config.seeds, result.software)
    write_summary(folder, "train", summary(result))
    figures.accuracy_figure(result, folder / "accuracy.png")
    figures.weights_figure(result, folder / "weights.png")


def _accuracy_csv(path: Path, seeds, histories) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["iteration"] + [f"accuracy_seed_{seed}" for seed in seeds])
        for index in range(histories[0].accuracy.size):
            writer.writerow([index + 1] + [f"{h.accuracy[index]:.6f}" for h in histories])


def _bar(config: TrainConfig, label: str):
    if not config.progress:
        return None
    from tqdm import tqdm

    return lambda steps: tqdm(steps, desc=label, unit="iter", leave=False)

