"""Statistical studies of many devices: a population of one preset through one protocol, in chunks that dask
schedules, with the distribution of every device's figures of merit.

A study of N devices of seed s is the batch run of N devices of seed s (`emulator.batch`), cut into chunks of at
most `chunk` devices: chunk k runs devices k*chunk .. with their own streams (`first_device`), so the result does
not depend on the chunk size or on the scheduler. Chunks bound the memory of one kernel call and are the unit of
work handed to dask:
- `synchronous` (default): chunks one after the other, each spread over the cores by the numba kernel (the
  fastest on one machine);
- `processes`: dask's local process pool, several chunks at once, each worker building its own preset;
- `distributed`: the running `dask.distributed.Client` of the caller (many machines; workers build the preset).
dask's `threads` scheduler is not offered: the kernel is itself parallel (numba prange), and numba's default
workqueue threading layer must not be entered from several threads at once.

Per device, the figures of merit are read from its count of skyrmions in the effective area after each pulse:
`created` (nucleations), `peak` (largest count), the count at the end of each phase, `removed` (peak minus the
final count) and the pulse at which the count first reached half its peak.
"""
from __future__ import annotations

import dataclasses
import functools
import time

import numpy as np

from emulator.batch import BatchResult, run_batch
from emulator.presets import DEVICES
from emulator.pulse_protocols import protocol as named_protocol
from skybench.errors import ParameterError, check_choice, check_range, check_seed

SCHEDULERS = ("synchronous", "processes", "distributed")
"""The dask schedulers a study accepts."""
DEFAULT_CHUNK = 1000
"""Devices per chunk (one kernel call per pulse and wait; ~30 s for the chamber through fig4b on 2 cores)."""
MAX_DEVICES = 10**7
"""Largest population accepted."""
PERCENTILES = (5, 50, 95)
"""Percentiles reported for every figure of merit."""


@dataclasses.dataclass(frozen=True)
class StudyResult:
    """Every device's count after every pulse, and what the study was."""

    preset: str
    """Device preset name."""
    protocol: str
    """Pulse protocol name."""
    seed: int
    """Seed of the population (device d has stream d of it)."""
    counts: np.ndarray
    """Skyrmions with their centre in the effective area, shape (devices, pulses)."""
    created: np.ndarray
    """Skyrmions nucleated per device."""
    phases: tuple[str, ...]
    """Phase of each pulse."""
    chunk: int
    """Devices per chunk."""
    scheduler: str
    """dask scheduler used."""
    wall_time: float
    """Wall-clock seconds of the whole study (s)."""
    particle_steps: int
    """Skyrmion time steps integrated (all devices)."""

    @property
    def devices(self) -> int:
        return self.counts.shape[0]

    @functools.cached_property
    def figures(self) -> dict[str, np.ndarray]:
        """Per-device figures of merit (module docstring), each an array over devices (computed once)."""
        peak = self.counts.max(axis=1)
        reached = self.counts >= np.maximum(peak, 1)[:, None] / 2.0
        figures = {"created": self.created, "peak": peak}
        for phase in dict.fromkeys(self.phases):
            last = max(i for i, p in enumerate(self.phases) if p == phase)
            figures[f"end_of_{phase}"] = self.counts[:, last]
        figures["removed"] = peak - self.counts[:, -1]
        figures["half_peak_pulse"] = np.where(peak > 0, reached.argmax(axis=1) + 1, 0)
        return figures

    def summary(self) -> dict:
        """Mean, std, min, max and percentiles of every figure of merit, and what the study was."""
        stats = {}
        for name, values in self.figures.items():
            values = np.asarray(values, dtype=float)
            entry = {"mean": float(values.mean()), "std": float(values.std(ddof=1)) if values.size > 1 else 0.0,
                     "min": float(values.min()), "max": float(values.max())}
            entry.update({f"p{q}": float(np.percentile(values, q)) for q in PERCENTILES})
            stats[name] = entry
        return {"preset": self.preset, "protocol": self.protocol, "seed": self.seed, "devices": self.devices,
                "pulses": int(self.counts.shape[1]), "chunk": self.chunk, "scheduler": self.scheduler,
                "wall_time_s": self.wall_time, "devices_per_s": self.devices / self.wall_time,
                "particle_steps": self.particle_steps, "figures": stats}


def run_study(preset: str, protocol: str, devices: int, seed: int = 0, chunk: int = DEFAULT_CHUNK,
              scheduler: str = "synchronous", current_density: float | None = None,
              pulse_width: float | None = None) -> StudyResult:
    """Run `devices` devices of preset `preset` through protocol `protocol` (module docstring)."""
    import dask

    check_choice("preset", preset, tuple(DEVICES))
    check_range("devices", devices, 1, MAX_DEVICES, "")
    check_range("chunk", chunk, 1, MAX_DEVICES, "")
    check_seed("seed", seed)
    check_choice("scheduler", scheduler, SCHEDULERS)
    steps = named_protocol(protocol, current_density, pulse_width)
    if scheduler == "distributed":
        _require_client()
    started = time.perf_counter()
    built = DEVICES[preset]() if scheduler == "synchronous" else None
    tasks = [dask.delayed(_chunk)(built, preset, steps, min(chunk, devices - first), seed, first)
             for first in range(0, devices, chunk)]
    parts: tuple[BatchResult, ...] = dask.compute(*tasks, scheduler=None if scheduler == "distributed"
                                                  else scheduler)
    return StudyResult(preset=preset, protocol=protocol, seed=int(seed),
                       counts=np.concatenate([part.counts for part in parts]),
                       created=np.concatenate([part.created for part in parts]), phases=parts[0].phases,
                       chunk=int(chunk), scheduler=scheduler, wall_time=time.perf_counter() - started,
                       particle_steps=int(sum(part.particle_steps for part in parts)))


def _require_client() -> None:
    """Raise a ParameterError saying how to get one unless the caller runs a dask.distributed Client."""
    try:
        from dask.distributed import get_client

        get_client()
    except (ImportError, ValueError):
        raise ParameterError("scheduler", "distributed", "a running dask.distributed Client (install "
                             "'distributed' and start Client(...) first), or 'synchronous' / 'processes'") from None


def _chunk(built, preset: str, steps, count: int, seed: int, first: int) -> BatchResult:
    """One chunk: devices first .. first + count - 1 (a process worker builds its own preset)."""
    return run_batch(built if built is not None else DEVICES[preset](), steps, count, seed, first_device=first)
