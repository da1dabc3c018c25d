"""A block of study devices through a protocol: every device's count, mean diameter and electrical signal after
every pulse, read at once for the whole block.

Devices first .. first + count - 1 of a seed run in one engine call per pulse and wait, as in `emulator.batch`,
with the thermal stream each has in any batch of that seed (`first_device`). A block shares its conditions
(ambient temperature, current scale, field offset; emulator/study_variation.py); `emulator.study` cuts a chunk
into blocks of equal conditions. With `cycles` > 1 the protocol's pulses repeat on the same devices (endurance);
the field preparation runs once.

The readout is the one of `emulator.device.SkyrmionDevice.read`, vectorised over the block: each skyrmion adds the
part of its disc inside the effective area to the reversed fraction f (emulator/readout.py), and the signal is
the Hall resistivity change from the state before the first pulse (nOhm cm) or the MTJ conductance (S).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.api import OHM_M_TO_NOHM_CM
from emulator.device_preset import DevicePreset
from emulator.geometry import Circle, Rectangle
from emulator.pulse_protocols import PulseProtocol
from emulator.readout import HallReadout
from emulator.thiele.engine import ThieleEngine
from emulator.thiele.model import ThieleModel

@dataclasses.dataclass(frozen=True)
class Conditions:
    """What a block of devices shares besides the design (emulator/study_variation.py)."""

    temperature: float | None = None
    """Ambient temperature (K); None keeps the preset's."""
    current_scale: float = 1.0
    """Delivered / nominal current density (dimensionless)."""
    field_offset: float = 0.0
    """Bias added to every field of the protocol (T)."""
    disorder_seed: int | None = None
    """The device's disorder realisation (DevicePreset.with_disorder); None keeps the preset's."""


@dataclasses.dataclass(frozen=True)
class BlockTraces:
    """Per-pulse readings of a block of devices (pulses of all cycles in order)."""

    counts: np.ndarray
    """Skyrmions with their centre in the effective area, shape (devices, cycles x pulses)."""
    diameter: np.ndarray
    """Mean diameter of those skyrmions (m); NaN where there are none; same shape."""
    signal: np.ndarray
    """Hall: rho_xy change from the state before the first pulse (nOhm cm); MTJ: conductance (S); same shape."""
    initial: np.ndarray
    """Count before the first pulse, shape (devices,)."""
    created: np.ndarray
    """Skyrmions nucleated in each cycle, shape (devices, cycles)."""


def signal_name(preset: DevicePreset) -> str:
    """Name (with unit) of the signal column: the trace.csv column it corresponds to."""
    return "rho_xy_change_nOhm_cm" if isinstance(preset.readout, HallReadout) else "conductance_S"


def run_block(preset: DevicePreset, protocol: PulseProtocol, seed: int, first: int, count: int,
              conditions: Conditions = Conditions(), cycles: int = 1, threads: int | None = None) -> BlockTraces:
    """Run devices first .. first + count - 1 of `seed` under `conditions` (module docstring) on `threads`
    kernel threads (None: one per CPU; the result does not depend on it).

    The caller has checked the protocol against the damage limits for these conditions."""
    if conditions.disorder_seed is not None:
        preset = preset.with_disorder(conditions.disorder_seed)
    model = model_at(preset.model, conditions.temperature)
    engine = ThieleEngine(model, devices=count, seed=seed, record_events=False, first_device=first,
                          threads=threads)
    offset, scale = conditions.field_offset, conditions.current_scale
    for field, hold in protocol.preparation:
        engine.advance(0.0, field + offset, hold)
    reference_field = protocol.preparation[-1][0] + offset
    snapshot = _snapshot(engine)
    reference = _reversed_fraction(preset, snapshot)
    initial, _ = _inside(snapshot)
    pulses = len(protocol.steps)
    counts = np.zeros((count, cycles * pulses), dtype=np.int64)
    diameter = np.zeros((count, cycles * pulses))
    signal = np.zeros((count, cycles * pulses))
    created = np.zeros((count, cycles), dtype=np.int64)
    column = 0
    for cycle in range(cycles):
        before = engine.created()
        for step in protocol.steps:
            field = step.field + offset
            engine.advance(scale * step.current_density, field, step.width)
            engine.advance(0.0, field, step.wait if step.wait is not None else preset.relaxation_time)
            snapshot = _snapshot(engine)
            counts[:, column], diameter[:, column] = _inside(snapshot)
            fraction = _reversed_fraction(preset, snapshot)
            readout = preset.readout
            if isinstance(readout, HallReadout):
                signal[:, column] = (readout.resistivity(fraction, field)
                                     - readout.resistivity(reference, reference_field)) * OHM_M_TO_NOHM_CM
            else:
                signal[:, column] = readout.conductance(fraction)
            column += 1
        created[:, cycle] = engine.created() - before
    return BlockTraces(counts=counts, diameter=diameter, signal=signal, initial=initial, created=created)


def model_at(model: ThieleModel, temperature: float | None) -> ThieleModel:
    """The model at another ambient temperature; the solved current flow (independent of it) is kept."""
    if temperature is None or temperature == model.temperature:
        return model
    varied = dataclasses.replace(model, temperature=float(temperature))
    varied.__dict__["current_map"] = model.current_map   # functools.cached_property's slot: not solved again
    return varied


PAIRWISE_BLOCK = 128
"""Longest row numpy adds in one block of 8 interleaved partial sums (numpy's pairwise summation, PW_BLOCKSIZE):
a longer row is split in halves, so trailing zeros past the block would move the split (dimensionless)."""


def sum_width(largest: int, capacity: int) -> int:
    """Slots per device that the readout sums over: the largest count rounded up to a multiple of 8 (at least 8),
    or the capacity where that is not shorter or exceeds PAIRWISE_BLOCK. numpy adds a row of 8 to PAIRWISE_BLOCK
    values in 8 interleaved partial sums (slot k into sum k mod 8), so dropping the zeros of the dead slots past
    a multiple of 8 leaves every row's sum the same to the bit (tests/emulator/test_study.py), and the readout
    works on ~11 slots instead of the capacity's 128 (chamber)."""
    width = max(8, -(-int(largest) // 8) * 8)
    return capacity if width >= capacity or width > PAIRWISE_BLOCK else width


def _snapshot(engine: ThieleEngine) -> tuple[np.ndarray, ...]:
    """(x, y, radius, inside, n) of the block, each row cut to `sum_width` slots."""
    return engine.arrays(sum_width(engine.counts().max(), engine.model.step.capacity))


def _inside(snapshot: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Per device: skyrmions with their centre in the effective area, and their mean diameter (m; NaN if none)."""
    _, _, radius, inside, n = snapshot
    live = inside & (np.arange(radius.shape[1])[None, :] < n[:, None])
    number = live.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(number > 0, 2.0 * (radius * live).sum(axis=1) / number, np.nan)
    return number, mean


def _reversed_fraction(preset: DevicePreset, snapshot: tuple[np.ndarray, ...]) -> np.ndarray:
    """Reversed fraction of the effective area per device: `emulator.readout.reversed_area` over the block."""
    x, y, radius, _, n = snapshot
    live = np.arange(radius.shape[1])[None, :] < n[:, None]
    area = preset.model.geometry.effective_area
    return (disc_area_inside(area, x, y, np.where(live, radius, 0.0)) * live).sum(axis=1) / area.area


def disc_area_inside(area: Circle | Rectangle, x: np.ndarray, y: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Area of each disc (centre x, y, radius r; m) inside `area` (m^2), elementwise; 0 where r = 0.

    Circle: the lens of two discs; Rectangle: pi r^2 times the clipped chord fractions along x and y (exact when
    the disc crosses at most one side), the formulas of emulator/readout.py."""
    safe = np.where(r > 0, r, 1.0)
    if isinstance(area, Circle):
        big, d = area.radius, np.hypot(x - area.cx, y - area.cy)
        d_safe = np.where(d > 0, d, 1.0)
        with np.errstate(invalid="ignore"):
            a = big * big * np.arccos(np.clip((d**2 + big**2 - safe**2) / (2 * d_safe * big), -1, 1))
            b = safe * safe * np.arccos(np.clip((d**2 + safe**2 - big**2) / (2 * d_safe * safe), -1, 1))
            c = 0.5 * np.sqrt(np.maximum((-d + big + safe) * (d + big - safe) * (d - big + safe) * (d + big + safe),
                                         0.0))
        lens = np.where(d >= big + safe, 0.0,
                        np.where(d <= abs(big - safe), np.pi * np.minimum(big, safe) ** 2, a + b - c))
    else:
        def chord(u):
            u = np.clip(u, -1.0, 1.0)
            return 0.5 + (u * np.sqrt(1.0 - u * u) + np.arcsin(u)) / np.pi

        fx = chord((x - area.x0) / safe) - (1.0 - chord((area.x1 - x) / safe))
        fy = chord((y - area.y0) / safe) - (1.0 - chord((area.y1 - y) / safe))
        lens = np.pi * safe * safe * np.maximum(fx, 0.0) * np.maximum(fy, 0.0)
    return np.where(r > 0, lens, 0.0)
