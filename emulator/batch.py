"""Large-array statistical studies: many independent devices of one preset through a protocol in one call.

All devices share the model and the protocol and differ only in their random streams (device d of a batch
with seed s behaves exactly like a single device run whose stream is the d-th of seed s). The kernel
advances every device of the batch in one call per pulse and per wait, spread over threads, so the cost per
device is far below that of separate SimPy runs; the SimPy device (emulator/device.py) remains the path for
instruments.
"""
from __future__ import annotations

import dataclasses
import time

import numpy as np

from emulator.device_preset import DevicePreset
from emulator.experiment import check_protocol
from emulator.pulse_protocols import PulseProtocol
from emulator.thiele.engine import ThieleEngine
from skybench.errors import check_range


@dataclasses.dataclass(frozen=True)
class BatchResult:
    """Skyrmion counts of every device after every pulse."""

    counts: np.ndarray
    """Skyrmions with their centre in the effective area, shape (devices, pulses)."""
    created: np.ndarray
    """Skyrmions nucleated per device."""
    phases: tuple[str, ...]
    """Phase of each pulse."""
    wall_time: float
    """Wall-clock seconds of the run (s)."""
    particle_steps: int
    """Skyrmion time steps integrated (all devices)."""

    @property
    def devices(self) -> int:
        return self.counts.shape[0]

    def end_of(self, phase: str) -> np.ndarray:
        """Counts after the last pulse of `phase`, per device."""
        last = max(i for i, p in enumerate(self.phases) if p == phase)
        return self.counts[:, last]


def run_batch(preset: DevicePreset, protocol: PulseProtocol, devices: int, seed: int = 0,
              first_device: int = 0, threads: int | None = None) -> BatchResult:
    """Run `devices` independent copies of `preset` through `protocol`: devices first_device ..
    first_device + devices - 1 of `seed` (a chunk of a larger study gives each device its own stream), on
    `threads` kernel threads (None: one per CPU; the result does not depend on it)."""
    check_range("devices", devices, 1, 10**7, "")
    check_protocol(preset, protocol)
    started = time.perf_counter()
    engine = ThieleEngine(preset.model, devices=devices, seed=seed, record_events=False, first_device=first_device,
                          threads=threads)
    for field, hold in protocol.preparation:
        engine.advance(0.0, field, hold)
    counts = np.zeros((devices, len(protocol.steps)), dtype=np.int64)
    for k, step in enumerate(protocol.steps):
        engine.advance(step.current_density, step.field, step.width)
        engine.advance(0.0, step.field, step.wait if step.wait is not None else preset.relaxation_time)
        counts[:, k] = engine.counts_inside()
    return BatchResult(counts=counts, created=engine.created(), phases=tuple(s.phase for s in protocol.steps),
                       wall_time=time.perf_counter() - started, particle_steps=engine.particle_steps())
