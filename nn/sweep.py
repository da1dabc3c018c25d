"""The device designer's ablation: final accuracy against the number of states and the cycle-to-cycle spread.

`sweep(config, states, c2c_scales)` retrains the run of `config` once per point and seed:
- states: n states per branch (n_states_pot = n_states_dep = n, each capped by what the traces have; the
  curve's x is the potentiation count; fewer states means coarser steps over the same conductance range);
- c2c_scales: the cycle-to-cycle spread multiplied by s (0: no update-to-update variation; 1: as recorded):
  every sigma_i of a level model, the per-pulse increments and size spread of a transition model about
  their means (nn.transition_model).
The other settings stay those of `config`. A point that the traces cannot provide (more states than a
branch has) is capped, and the capped value is what the curve shows. Results go to sweep.csv and sweep.png.
"""
from __future__ import annotations

import csv
import dataclasses
import os
from pathlib import Path

import numpy as np

from nn.level_table import MIN_STATES
from nn.mnist import MnistTensors, load_mnist
from nn.training_run import TrainConfig, build_device_model, train_seed
from nn.training_presets import SOFTWARE
from skybench.errors import ParameterError, check_range

DEFAULT_STATES = (2, 3, 5, 8, 13, 20, 40)
"""States per branch swept by default (capped by the trace)."""
DEFAULT_C2C_SCALES = (0.0, 1.0, 2.0, 4.0, 8.0)
"""Multipliers of the per-state spread swept by default."""


@dataclasses.dataclass(frozen=True)
class SweepResult:
    """Final accuracies of a sweep: rows of (kind, value, seed, final accuracy)."""

    device: str
    """Device preset swept."""
    protocol: str
    """Training protocol name."""
    rows: tuple[tuple[str, float, int, float], ...]
    """(kind 'states' or 'c2c_scale', value, seed, final accuracy fraction)."""
    software: float | None
    """Mean final software accuracy with the same seeds (None if not trained)."""

    def points(self, kind: str) -> list[tuple[float, list[float]]]:
        """(value, [final accuracy per seed]) for one kind, in sweep order."""
        values: dict[float, list[float]] = {}
        for row_kind, value, _, final in self.rows:
            if row_kind == kind:
                values.setdefault(value, []).append(final)
        return list(values.items())


def sweep(config: TrainConfig, states=DEFAULT_STATES, c2c_scales=DEFAULT_C2C_SCALES,
          data: MnistTensors | None = None, progress=None) -> SweepResult:
    """Retrain `config` over `states` and `c2c_scales` (module docstring). `progress`: callable(label) -> wrapper."""
    import torch

    if not config.preset.uses_device:
        raise ParameterError("device", config.preset.name, "a device preset (a sweep varies the device)")
    for value in states:
        if isinstance(value, bool) or int(value) != value or value < MIN_STATES:
            raise ParameterError("sweep_states", value, f"integers >= {MIN_STATES}")
    for value in c2c_scales:
        check_range("sweep_c2c", value, 0.0, None)
    torch.set_num_threads(int(config.threads))
    data = load_mnist(config.data_root, config.download) if data is None else data
    model = build_device_model(config)
    most_pot, most_dep = model.pot_available, model.dep_available
    rows = []
    for n_pot, n_dep in dict.fromkeys((min(int(v), most_pot), min(int(v), most_dep)) for v in states):
        point = dataclasses.replace(config, n_states_pot=n_pot, n_states_dep=n_dep)
        rows += _train_point(point, "states", float(n_pot), data, progress)
    for scale in dict.fromkeys(float(v) for v in c2c_scales):
        rows += _train_point(dataclasses.replace(config, c2c_scale=scale), "c2c_scale", scale, data, progress)
    software = None
    if config.compare_software:
        software = float(np.mean([train_seed(SOFTWARE, None, data, config.protocol, seed).accuracy[-1]
                                  for seed in config.seeds]))
    return SweepResult(config.preset.name, config.protocol.name, tuple(rows), software)


def write_sweep(result: SweepResult, folder: str | os.PathLike) -> None:
    """Write sweep.csv and sweep.png into `folder`."""
    from nn.figures import sweep_figure

    folder = Path(folder)
    with (folder / "sweep.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "value", "seed", "final_accuracy"])
        for kind, value, seed, final in result.rows:
            writer.writerow([kind, f"{value:g}", seed, f"{final:.6f}"])
        if result.software is not None:
            writer.writerow(["software", "", "", f"{result.software:.6f}"])
    sweep_figure(result, folder / "sweep.png")


def _train_point(config: TrainConfig, kind: str, value: float, data, progress):
    model = build_device_model(config)
    rows = []
    for seed in config.seeds:
        wrap = progress(f"{kind}={value:g} seed {seed}") if progress is not None else None
        history = train_seed(config.preset, model, data, config.protocol, seed, wrap)
        rows.append((kind, value, int(seed), float(history.accuracy[-1])))
    return rows
