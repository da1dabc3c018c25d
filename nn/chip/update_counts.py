"""How many write pulses training applies: from a `skybench train` run, or from a documented default model.

`UpdateCounts` holds the totals of one training run (pulses applied, split into potentiation and depression,
images seen). Two sources:
- `UpdateCounts.from_train_run(dir)` reads DIR/summary.json written by `skybench train` through its format
  module (skybench.formats.run_summary; agreed fields:
  weight_updates_total, pulses_potentiation_total, pulses_depression_total, training_images, device; optional
  devices_per_weight, 1 when absent), so accuracy and cost come from the same run. The pulses are physical
  pulses on all devices; `devices_per_weight` (2 for a differential-pair run) sets the cells the chip maps.
- `UpdateModel.counts(network)`, the default without a run: the paper's schedule (Methods, 'MNIST pattern
  recognition ...': batch 300, 100 iterations) with every weight moved by `pulses_per_weight_per_iteration`
  pulses per iteration, half potentiating and half depressing. With 1 pulse this is an upper bound for a
  one-state-per-iteration update (a real run leaves many weights unchanged); pass --train-run for real counts.
"""
from __future__ import annotations

import dataclasses
import math
import os
from pathlib import Path

from nn.chip.mapping import DEVICES_PER_WEIGHT, Network
from skybench.errors import DataError, ParameterError, check_range
from skybench.formats.run_summary import SUMMARY_FILE, read_summary

DEVICES = ("software", "experiment", "ideal")
"""Values of the summary's 'device' field."""
COUNT_FIELDS = ("weight_updates_total", "pulses_potentiation_total", "pulses_depression_total", "training_images")
"""Numeric fields the chip estimator reads from the summary."""
COUNT_RELATIVE_TOLERANCE = 1e-6
"""Allowed mismatch between weight_updates_total and the potentiation + depression sum (relative)."""


@dataclasses.dataclass(frozen=True)
class UpdateCounts:
    """Write pulses and images of one training run."""

    weight_updates_total: float
    """Device write events (pulses applied) over the run."""
    pulses_potentiation_total: float
    """Potentiation pulses over the run."""
    pulses_depression_total: float
    """Depression pulses over the run."""
    training_images: int
    """Training images presented over the run."""
    device: str
    """Device model the run trained with (software, experiment or ideal)."""
    source: str
    """Where the counts come from (a file path or the default model's description)."""
    devices_per_weight: int = 1
    """Cells per weight the run trained with: 1 (reference column) or 2 (differential pair)."""

    @property
    def pulses_per_image(self) -> float:
        return self.weight_updates_total / self.training_images

    @classmethod
    def from_train_run(cls, run_dir: str | os.PathLike) -> "UpdateCounts":
        """Read and validate RUN_DIR/summary.json; DataError naming the file on any problem."""
        data = read_summary(run_dir, "train", COUNT_FIELDS)
        path = Path(run_dir) / SUMMARY_FILE
        values = {name: data[name] for name in COUNT_FIELDS}
        for name, value in values.items():
            if value < 0:
                raise DataError(f"{path}: field '{name}' = {value!r} must be a finite number >= 0")
        if values["training_images"] < 1 or int(values["training_images"]) != values["training_images"]:
            raise DataError(f"{path}: field 'training_images' = {values['training_images']!r} must be an integer >= 1")
        pulses = values["pulses_potentiation_total"] + values["pulses_depression_total"]
        if not math.isclose(pulses, values["weight_updates_total"], rel_tol=COUNT_RELATIVE_TOLERANCE, abs_tol=0.5):
            raise DataError(f"{path}: weight_updates_total = {values['weight_updates_total']!r} is not "
                            f"pulses_potentiation_total + pulses_depression_total = {pulses!r}")
        device = data.get("device")
        if device not in DEVICES:
            raise DataError(f"{path}: field 'device' = {device!r} must be one of {', '.join(DEVICES)}")
        devices = data.get("devices_per_weight", 1)
        if isinstance(devices, bool) or devices not in DEVICES_PER_WEIGHT:
            raise DataError(f"{path}: field 'devices_per_weight' = {devices!r} must be one of "
                            f"{', '.join(map(str, DEVICES_PER_WEIGHT))}")
        return cls(float(values["weight_updates_total"]), float(values["pulses_potentiation_total"]),
                   float(values["pulses_depression_total"]), int(values["training_images"]), device, str(path),
                   int(devices))


@dataclasses.dataclass(frozen=True)
class UpdateModel:
    """Default pulse counts when no training run is given (see module docstring)."""

    batch_size: int = dataclasses.field(default=300, metadata={"unit": ""})
    """Images per iteration (paper Methods: batch size 300)."""
    iterations: int = dataclasses.field(default=100, metadata={"unit": ""})
    """Training iterations (paper Methods: up to 100 iterations)."""
    pulses_per_weight_per_iteration: float = dataclasses.field(default=1.0, metadata={"unit": ""})
    """Mean write pulses per weight per iteration (1 = every weight moves one state: upper bound)."""
    potentiation_fraction: float = dataclasses.field(default=0.5, metadata={"unit": ""})
    """Fraction of the pulses that potentiate (dimensionless)."""

    def __post_init__(self):
        for name in ("batch_size", "iterations"):
            value = getattr(self, name)
            check_range(name, value, 1, None, "")
            if int(value) != value:
                raise ParameterError(name, value, "an integer >= 1")
        check_range("pulses_per_weight_per_iteration", self.pulses_per_weight_per_iteration, 0.0, None, "")
        check_range("potentiation_fraction", self.potentiation_fraction, 0.0, 1.0, "")

    def counts(self, network: Network) -> UpdateCounts:
        total = network.weights * self.pulses_per_weight_per_iteration * self.iterations
        return UpdateCounts(
            weight_updates_total=total,
            pulses_potentiation_total=total * self.potentiation_fraction,
            pulses_depression_total=total * (1.0 - self.potentiation_fraction),
            training_images=int(self.batch_size * self.iterations),
            device="ideal",
            source=(f"default update model: {self.iterations} iterations x batch {self.batch_size}, "
                    f"{self.pulses_per_weight_per_iteration:g} pulse(s) per weight per iteration (upper bound)"),
            devices_per_weight=network.devices_per_weight,
        )
