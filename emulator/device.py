"""The skyrmion synapse as a device on a SimPy clock.

`SkyrmionDevice` is the one owner of a synapse's state. It lives on a `simpy.Environment` shared with the
instruments: a current pulse is a process that holds the drive for its width, the field is whatever the magnet
last set, and the readout is taken at `env.now`. The particle engine is advanced lazily: whenever the drive or
field changes or the state is read, the skyrmions are first brought up to `env.now` under the conditions that
held since the last change (so a wait of seconds between pulses costs almost nothing when the skyrmions are
pinned).

Along the field axis the film itself has a state (emulator/film_state.py): saturated, where the skyrmions of the
particle engine live in a uniform background, or the stripe/labyrinth state of the domain model. The device
moves between them as the field and time dictate and logs each transition in its event log (skyrmion id -1),
with a warning where the model leaves its range.
"""
from __future__ import annotations

import dataclasses
import logging
import math

import numpy as np
import simpy

from emulator.device_preset import DevicePreset
from emulator.film_state import DomainEntry, FilmState
from emulator.hybrid_wall import HybridWall
from emulator.readout import HallReadout, MTJReadout, reversed_area
from emulator.thiele.engine import Skyrmions, ThieleEngine
from emulator.thiele.heating import Heating
from skybench.errors import ParameterError, check_finite, check_positive, check_range

FIELD_LIMIT = 2.0
"""Largest |Bz| the device model accepts (T): the radius law is tabulated well below this."""
FILM_STREAM = 0x46494C4D
"""Second seed word of the film's random stream (domain entry), independent of the particle streams."""
FILM_EVENT_ID = -1
"""Skyrmion id of film-level events in the event log."""
LOG = logging.getLogger(__name__)


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
    """Fraction of the effective area magnetised along -z (dimensionless): (1 - M_z / M_s) / 2."""
    rho_xy: float
    """Hall resistivity (Ohm m); NaN for an MTJ device."""
    hall_resistance: float
    """Hall resistance rho_xy / t (Ohm); NaN for an MTJ device."""
    conductance: float
    """MTJ conductance (S); NaN for a Hall device."""
    film_phase: str = "saturated"
    """'saturated' (uniform background, isolated skyrmions) or 'stripes' (emulator/film_state.py)."""


class SkyrmionDevice:
    """One emulated synapse on a shared simulated clock."""

    def __init__(self, env: simpy.Environment, preset: DevicePreset, seed: int = 0, field: float = 0.0):
        self.env = env
        self.preset = preset
        self.engine = ThieleEngine(preset.model, devices=1, seed=seed)
        self._field = check_range("field", field, -FIELD_LIMIT, FIELD_LIMIT, "T")
        model = preset.model
        entry = DomainEntry(barriers=np.array([s.barrier for s in model.nucleation.sites]),
                            nucleus_moment=model.nucleation.nucleus_moment,
                            reference_field=model.annihilation.reference_field,
                            attempt_frequency=model.annihilation.attempt_frequency)
        # The film starts saturated along the field (along +z at zero field), as prepared (film_state.py).
        self._film = FilmState(preset.stripe_model, entry, preset.strip_out_field, model.temperature, field)
        self._film_rng = np.random.default_rng([int(seed), FILM_STREAM])
        self._film_time = 0.0
        self._film_log: list[tuple[float, str, int, float, float]] = []
        self._warnings: list[tuple[float, str]] = []
        self._radius_limit = _thin_wall_limit(preset)
        self._beyond_thin_wall = False
        """Whether the last field left skyrmions beyond the thin-wall range (a warning is logged on entry only)."""
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
        had_skyrmions = len(self.engine.skyrmions(0).ids) > 0
        change = self._film.apply_field(bz, had_skyrmions)
        if change == "strip_out":
            self.engine.clear()
        if change is not None:
            self._record(change)
        beyond = self._film.saturated and had_skyrmions and self._film.polarity * bz > self._radius_limit
        if beyond and not self._beyond_thin_wall:
            self._warn(f"Bz = {bz:.4f} T is beyond the thin-wall range of the skyrmion radius law "
                       f"(|Bz| <= {self._radius_limit:.4f} T, radius >= pi x wall width): radii extrapolated")
        self._beyond_thin_wall = beyond

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
        if self._film.saturated:
            mz = self._film.polarity * (1.0 - 2.0 * reversed_area(area, sk.x, sk.y, sk.radius) / area.area)
        else:
            mz = self._film.background_mz(self._field)
        fraction = 0.5 * (1.0 - mz)
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
                       conductance=conductance, film_phase=self._film.phase)

    def events(self) -> list[tuple[float, str, int, float, float]]:
        """Event log: (time s, kind, skyrmion id, x m, y m), time measured from the device's creation."""
        self._sync()
        return sorted(self.engine.events(0) + self._film_log, key=lambda event: event[0])

    def warnings(self) -> list[tuple[float, str]]:
        """The device's warnings (time s, message), one per entry into a condition where the model leaves its
        range; an instrument reading the sample reports each over SCPI (instruments/nanovoltmeter.py)."""
        return list(self._warnings)

    @property
    def film_phase(self) -> str:
        """'saturated' or 'stripes'."""
        return self._film.phase

    def _record(self, kind: str) -> None:
        self._film_log.append((self.env.now - self._start, kind, FILM_EVENT_ID, math.nan, math.nan))

    def _warn(self, message: str) -> None:
        self._warnings.append((self.env.now - self._start, message))
        self._record("model_range_warning")
        LOG.warning("device %s: %s", self.preset.name, message)

    def temperature(self) -> float:
        """Film temperature now (K)."""
        self._sync()
        return self.preset.model.temperature + self.engine.temperature_rise(0)

    def _sync(self) -> None:
        """Bring the film and the skyrmions up to env.now under the drive and field that held since the last change."""
        now = self.env.now - self._start
        film = self._film
        elapsed = now - self.engine.time
        if elapsed > 0:
            # In the stripe state there are no isolated skyrmions to move or write: the engine only keeps time.
            self.engine.advance(self._drive if film.saturated else 0.0, film.polarity * self._field, elapsed)
        dwell = now - self._film_time
        self._film_time = now
        if self._drive == 0.0 and film.dwell(self._field, dwell, self._film_rng):
            self.engine.clear()
            self._record("domains_entered")


def _thin_wall_limit(preset: DevicePreset) -> float:
    """Largest field (T) at which the tabulated radius is at least pi x the wall width (thin-wall validity)."""
    table = preset.model.table
    floor = math.pi * HybridWall(preset.model.material).width
    valid = [k for k, r in enumerate(table.radius) if r >= floor]
    return table.b0 + table.db * valid[-1] if valid else math.inf


def reading_array(readings: list[Reading], name: str) -> np.ndarray:
    """One attribute of a list of readings as an array."""
    return np.array([getattr(r, name) for r in readings])
