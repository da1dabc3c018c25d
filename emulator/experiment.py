"""Running a pulse protocol on a device: the SimPy process and the trace it records.

`check_protocol` is the one pre-flight check of a protocol against a device preset, shared by the SimPy device
(`run_protocol`) and the batch engine (emulator/batch.py): every pulse width within `PULSE_WIDTH_RANGE`, and no
pulse that damages the device (the strongest is checked first, so the error names it).

Long simulated intervals are advanced in slices (`DRIVEN_SLICE` under current, `IDLE_SLICE` without), so that
Python regains control, and Ctrl-C (SIGINT) takes effect, within a fraction of a second of wall time: the
particle kernel runs ~1e-6 s of driven simulated time per wall second on the chamber preset (issue 14 item 8).
Intervals no longer than a slice are advanced in one call, so the paper's protocols (100 ns and 0.05 ns
pulses, waits up to 1 us) are integrated exactly as before.
"""
from __future__ import annotations

import dataclasses
import math
import time

import simpy

from emulator.device import Reading, SkyrmionDevice
from emulator.device_preset import DevicePreset
from emulator.pulse_protocols import PulseProtocol
from emulator.thiele.engine import Skyrmions
from emulator.thiele.heating import Heating
from skybench.errors import check_finite, check_range

PULSE_WIDTH_RANGE = (1e-12, 1e-6)
"""Valid pulse widths (s): from 1 ps (below the 0.05 ns of Fig. 4b) to 1 us, ten times the longest pulse of the
paper (Fig. 2b, 100 ns); a 1 us pulse on the chamber preset takes about a wall second per pulse."""
DRIVEN_SLICE = 100e-9
"""Longest piece of simulated time under current advanced in one kernel call (s): ~0.1 s of wall time."""
IDLE_SLICE = 10e-6
"""Longest piece of simulated time without current advanced in one kernel call (s): ~0.2 s of wall time."""


@dataclasses.dataclass(frozen=True)
class TraceRow:
    """The state read after one pulse."""

    pulse_index: int
    phase: str
    current_density: float
    """Signed nominal current density of the pulse (A/m^2)."""
    pulse_width: float
    """(s)"""
    reading: Reading


@dataclasses.dataclass(frozen=True)
class ExperimentResult:
    """Everything a protocol run produced."""

    preset: DevicePreset
    protocol: PulseProtocol
    seed: int
    reference: Reading
    """State before the first pulse (the zero of the trace's changes)."""
    rows: tuple[TraceRow, ...]
    events: tuple[tuple[float, str, int, float, float], ...]
    snapshot: Skyrmions
    """Skyrmions at the end of potentiation."""
    created: int
    """Skyrmions nucleated over the run."""
    wall_time: float
    """Wall-clock seconds of the run."""


def run_protocol(preset: DevicePreset, protocol: PulseProtocol, seed: int = 0) -> ExperimentResult:
    """Run `protocol` on a fresh device built from `preset` with random seed `seed`."""
    check_protocol(preset, protocol)
    started = time.perf_counter()
    env = simpy.Environment()
    device = SkyrmionDevice(env, preset, seed=seed, field=protocol.preparation[0][0])
    rows: list[TraceRow] = []
    captured: dict[str, object] = {}

    def procedure():
        for field, hold in protocol.preparation:
            device.set_field(field)
            yield from _sliced(env, device, hold, IDLE_SLICE)
        captured["reference"] = device.read()
        for index, step in enumerate(protocol.steps, start=1):
            if step.field != device.field:
                device.set_field(step.field)
            pulse = env.process(device.pulse(step.current_density, step.width))
            env.process(_sliced(env, device, step.width, DRIVEN_SLICE, final=False))
            yield pulse
            yield from _sliced(env, device, step.wait if step.wait is not None else preset.relaxation_time,
                               IDLE_SLICE)
            rows.append(TraceRow(index, step.phase, step.current_density, step.width, device.read()))
            following = protocol.steps[index] if index < len(protocol.steps) else None
            if step.phase == "potentiation" and (following is None or following.phase != "potentiation"):
                captured["snapshot"] = device.skyrmions()

    env.process(procedure())
    env.run()
    return ExperimentResult(
        preset=preset, protocol=protocol, seed=seed, reference=captured["reference"], rows=tuple(rows),
        events=tuple(device.events()), snapshot=captured.get("snapshot", device.skyrmions()),
        created=int(device.engine.created()[0]), wall_time=time.perf_counter() - started)


def check_protocol(preset: DevicePreset, protocol: PulseProtocol) -> None:
    """Raise ParameterError, before anything runs, if a pulse of `protocol` is outside PULSE_WIDTH_RANGE or
    would damage a device of `preset` (the strongest pulse first, so the error names it)."""
    for step in protocol.steps:
        check_range("pulse_width", step.width, *PULSE_WIDTH_RANGE, "s")
        check_finite("current_density", step.current_density, "A/m^2")
    heating = preset.model.forces.get(Heating)
    for step in sorted(protocol.steps, key=lambda s: (abs(s.current_density), s.width), reverse=True):
        preset.limits.check_pulse(step.current_density, step.width, preset.model.temperature, heating)


def _sliced(env: simpy.Environment, device: SkyrmionDevice, duration: float, piece: float, final: bool = True):
    """SimPy process body: let `duration` (s) pass in equal pieces no longer than `piece`, bringing the device up
    to date after each, so no kernel call spans more than `piece`. With `final` False it stops before the last
    piece (it runs beside a pulse, whose own end brings the device up to date)."""
    pieces = max(1, math.ceil(duration / piece))
    if pieces == 1:
        if final:
            yield env.timeout(duration)
        return
    start = env.now
    for k in range(1, pieces):
        yield env.timeout(start + duration * k / pieces - env.now)
        device.temperature()  # a read that syncs the particle engine to env.now: Python regains control here
    if final:
        yield env.timeout(start + duration - env.now)
