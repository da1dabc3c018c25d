"""The skyrmion synapse as a device on a SimPy clock.

`SkyrmionDevice` is the one owner of a synapse's state. It lives on a `simpy.Environment` shared with the
instruments: a current pulse is a process that holds the drive for its width, the field is whatever the magnet
last set, and the readout is taken at `env.now`. The particle engine is advanced lazily: whenever the drive or
field changes or the state is read, the skyrmions are first brought up to `env.now` under the conditions that
held since the last change (so a wait of seconds between pulses costs almost nothing when the skyrmions are
pinned).
"""
from __future__ import annotations

import dataclasses

import numpy as np
import simpy

from emulator.device_preset import DevicePreset
from emulator.readout import HallReadout, MTJReadout, reversed_area
from emulator.thiele.engine import Skyrmions, ThieleEngine
from emulator.thiele.heating import Heating
from skybench.errors import ParameterError, check_finite, check_positive, check_range

FIELD_LIMIT = 2.0
"""Largest |Bz| the device model accepts (T): the radius law is tabulated well below this."""


@dataclasses.dataclass(frozen=True)
class Reading:
    """The device's electrical and magnetic state at one instant."""

    time: float
    """Simulated time (s)."""
    field: float
    """Applied Bz (T)."""
    n_inside: int
    """Skyrmions whose centre is in the effective area."""
    n_total: int
    """Skyrmions anywhere in the device."""
    mean_diameter: float
    """Mean diameter of the skyrmions in the effective area (m); NaN if none."""
    reversed_fraction: float
    """Reversed-magnetisation fraction of the effective area (dimensionless)."""
    rho_xy: float
    """Hall resistivity (Ohm m); NaN for an MTJ device."""
    hall_resistance: float
    """Hall resistance rho_xy / t (Ohm); NaN for an MTJ device."""
    conductance: float
    """MTJ conductance (S); NaN for a Hall device."""


class SkyrmionDevice:
    """One emulated synapse on a shared simulated clock."""

    def __init__(self, env: simpy.Environment, preset: DevicePreset, seed: int = 0, field: float = 0.0):
        self.env = env
        self.preset = preset
        self.engine = ThieleEngine(preset.model, devices=1, seed=seed)
        self._field = check_range("field", field, -FIELD_LIMIT, FIELD_LIMIT, "T")
        self._drive = 0.0
        self._busy = False
        self._start = env.now
        self.pulses_applied = 0
        """Pulses delivered since creation."""

    # --- conditions ----------------------------------------------------------------------------------
    @property
    def field(self) -> float:
        """Applied out-of-plane field Bz (T)."""
        return self._field

    def set_field(self, bz: float) -> None:
        """Set Bz (T) from now on (the magnet instrument ramps by calling this along its ramp)."""
        bz = check_range("Bz", bz, -FIELD_LIMIT, FIELD_LIMIT, "T")
        self._sync()
        self._field = bz

    @property
    def drive(self) -> float:
        """Nominal current density flowing now (A/m^2)."""
        return self._drive

    def check_pulse(self, current_density: float, width: float) -> float:
        """Raise ParameterError if this pulse would damage the device; return its peak temperature (K)."""
        check_finite("current_density", current_density, "A/m^2")
        check_positive("width", width, "s")
        heating = self.preset.model.forces.get(Heating)
        return self.preset.limits.check_pulse(current_density, width, self.preset.model.temperature, heating)

    def pulse(self, current_density: float, width: float):
        """SimPy process: one rectangular pulse of nominal density `current_density` (A/m^2), `width` (s).

        Use as `yield env.process(device.pulse(j, w))`. A pulse that would damage the device raises
        ParameterError before any current flows.
        """
        self.check_pulse(current_density, width)
        if self._busy:
            raise ParameterError("pulse", "overlapping", "one pulse at a time")
        self._sync()
        self._busy = True
        self._drive = float(current_density)
        try:
            yield self.env.timeout(width)
            self._sync()
        finally:
            self._drive = 0.0
            self._busy = False
        self.pulses_applied += 1

    def current_to_density(self, current: float) -> float:
        """Nominal current density (A/m^2) of a current `current` (A) in the pulse track."""
        return current / (self.preset.track_width * self.preset.track_thickness)

    # --- state ---------------------------------------------------------------------------------------
    def skyrmions(self) -> Skyrmions:
        self._sync()
        return self.engine.skyrmions(0)

    def read(self) -> Reading:
        """The state at env.now."""
        self._sync()
        sk = self.engine.skyrmions(0)
        area = self.preset.model.geometry.effective_area
        fraction = reversed_area(area, sk.x, sk.y, sk.radius) / area.area
        inside = sk.radius[sk.inside]
        diameter = float(2 * inside.mean()) if inside.size else float("nan")
        readout = self.preset.readout
        rho = r_xy = conductance = float("nan")
        if isinstance(readout, HallReadout):
            rho = readout.resistivity(fraction, self._field)
            r_xy = readout.resistance(fraction, self._field)
        elif isinstance(readout, MTJReadout):
            conductance = readout.conductance(fraction)
        return Reading(time=self.env.now, field=self._field, n_inside=int(sk.inside.sum()), n_total=len(sk.ids),
                       mean_diameter=diameter, reversed_fraction=fraction, rho_xy=rho, hall_resistance=r_xy,
                       conductance=conductance)

    def events(self) -> list[tuple[float, str, int, float, float]]:
        """Event log: (time s, kind, skyrmion id, x m, y m), time measured from the device's creation."""
        self._sync()
        return [(t, kind, ident, x, y) for (t, kind, ident, x, y) in self.engine.events(0)]

    def temperature(self) -> float:
        """Film temperature now (K)."""
        self._sync()
        return self.preset.model.temperature + self.engine.temperature_rise(0)

    def _sync(self) -> None:
        """Bring the skyrmions up to env.now under the drive and field that held since the last change."""
        elapsed = (self.env.now - self._start) - self.engine.time
        if elapsed > 0:
            self.engine.advance(self._drive, self._field, elapsed)


def reading_array(readings: list[Reading], name: str) -> np.ndarray:
    """One attribute of a list of readings as an array."""
    return np.array([getattr(r, name) for r in readings])
