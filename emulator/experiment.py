"""Running a pulse protocol on a device: the SimPy process and the trace it records."""
from __future__ import annotations

import dataclasses
import time

import simpy

from emulator.device import Reading, SkyrmionDevice
from emulator.device_preset import DevicePreset
from emulator.pulse_protocols import PulseProtocol
from emulator.thiele.engine import Skyrmions


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
    started = time.perf_counter()
    env = simpy.Environment()
    device = SkyrmionDevice(env, preset, seed=seed, field=protocol.preparation[0][0])
    rows: list[TraceRow] = []
    captured: dict[str, object] = {}

    def procedure():
        for field, hold in protocol.preparation:
            device.set_field(field)
            yield env.timeout(hold)
        captured["reference"] = device.read()
        for index, step in enumerate(protocol.steps, start=1):
            if step.field != device.field:
                device.set_field(step.field)
            yield env.process(device.pulse(step.current_density, step.width))
            yield env.timeout(step.wait if step.wait is not None else preset.relaxation_time)
            rows.append(TraceRow(index, step.phase, step.current_density, step.width, device.read()))
            following = protocol.steps[index] if index < len(protocol.steps) else None
            if step.phase == "potentiation" and (following is None or following.phase != "potentiation"):
                captured["snapshot"] = device.skyrmions()

    # Refuse a damaging protocol before anything runs, naming its strongest pulse.
    for step in sorted(protocol.steps, key=lambda s: (abs(s.current_density), s.width), reverse=True):
        device.check_pulse(step.current_density, step.width)
    env.process(procedure())
    env.run()
    return ExperimentResult(
        preset=preset, protocol=protocol, seed=seed, reference=captured["reference"], rows=tuple(rows),
        events=tuple(device.events()), snapshot=captured.get("snapshot", device.skyrmions()),
        created=int(device.engine.created()[0]), wall_time=time.perf_counter() - started)
