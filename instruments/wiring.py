"""`Wiring`: the electrical network between the bench's instruments and the device, with its one route.

The device is a Hall cross (paper Fig. 1a): the pulse path A-A' runs along the stripe, the Hall arms B-B' cross
it. The switch box (`instruments.switch.RouteSwitch`) selects one route at a time:

| route   | what is connected                                                    | used for              |
|---------|----------------------------------------------------------------------|-----------------------|
| `pulse` | pulse generator (or its amplifier) -> A-A'                           | writing pulses        |
| `hall`  | 6221 current source -> A-A' (along x); 2182A channel 1 <- B-B' (Hall)  | reading R_xy          |
| `track` | 6221 -> A-A'; 2182A channel 1 <- A-A' two-wire at the switch box       | the pulse-path R      |
| `none`  | every relay open (the 2182A input is shorted inside the box)          | while relays move     |

Electrical rules (quasi-static, resistive):
- pulse: I = E / (R_gen + R_path) with R_path = R_track + R_leads (or through a `PulseAmplifier`); the
  device receives the nominal density j = I / (w t) (`SkyrmionDevice.current_to_density`). An open route
  carries no current: a pulse fired while the route is not `pulse` reaches nothing (the relay is open).
- sense: the current source sees R_path on `hall` and `track`, an open circuit otherwise (compliance).
- voltmeter channel 1: `hall`: V = I (R_xy + R_mis) + V_th, with R_xy = rho_xy / t from the device's
  readout at that instant, R_mis the longitudinal pick-up of misaligned Hall arms and V_th the thermoelectric
  offset of the junctions (drawn once per bench from the seed) plus their slow drift (`ThermalDrift`, rms
  `thermal_emf_drift_std`); `track`: V = I R_path + V_th; otherwise V_th.
  The voltmeter adds its own noise and the Johnson noise of the source resistance it sees.
- damage: a pulse the device's damage limits refuse (`SkyrmionDevice.check_pulse`) destroys the track, as
  on a real bench: the track is open from then on (no pulse current, the source goes to compliance, the Hall
  voltage is only the offset), `damaged` says why and the measurement command reports it.
- the sense current is far below the depinning density (100 uA is 8.5e7 A/m^2 here) and is not applied to the
  skyrmions.

Interlock (the bench's protection, enforced by the switch and the generator with -221 Settings conflict): the
routes are exclusive (break before make), and the pulse route never connects a generator output that drives
continuously (free-running pulse trains or a non-zero idle level), which neither a real device survives for
long nor the particle model can follow pulse by pulse.
"""
from __future__ import annotations

import dataclasses
import logging
import math
from typing import Any

import numpy as np

from instruments.pulse_amplifier import PulseAmplifier
from instruments.thermal_drift import ThermalDrift
from skybench.errors import ParameterError, check_range

log = logging.getLogger("instruments")

ROUTES = ("none", "pulse", "hall", "track")
"""The switch routes (see the table in the module docstring)."""
SENSE_ROUTES = ("hall", "track")
"""Routes on which the current source drives the device."""
BOLTZMANN = 1.380649e-23
"""k_B (J/K), for the Johnson noise of the source resistance."""


@dataclasses.dataclass(frozen=True)
class WiringParameters:
    """The bench's cabling and contacts (assumed, typical of a low-thermal Hall setup; bench files override)."""

    lead_resistance: float = 2.0
    """Series resistance of cables, bond wires and contacts of the A-A' path (Ohm)."""
    hall_arm_resistance: float = 20.0
    """Resistance between B and B' as the voltmeter sees it (Ohm): the Johnson-noise source of a Hall reading."""
    misalignment_resistance: float = 5e-4
    """Longitudinal resistance picked up between B and B' by misaligned arms (Ohm); adds I R_mis."""
    thermal_emf_std: float = 30e-9
    """Spread of the thermoelectric offset at the voltmeter input (V); each bench draws its offset once."""
    thermal_emf_drift_std: float = 20e-9
    """rms of the offset's slow drift (V): S x sigma_dT with S = 1 uV/K for tin-lead solder junctions against
    copper (Keithley Low Level Measurements Handbook, 7th ed., Table 3-2: Cu-Pb/Sn 1-3 uV/K) and a 20 mK
    junction temperature wander (assumed)."""
    ambient_temperature: float = 300.0
    """Temperature of the leads and arms for their Johnson noise (K)."""
    amplifier: PulseAmplifier | None = None
    """Pulse amplifier between generator and switch (the high-voltage variant), or None."""

    def __post_init__(self) -> None:
        check_range("wiring.lead_resistance", self.lead_resistance, 0.0, None, "Ohm")
        check_range("wiring.hall_arm_resistance", self.hall_arm_resistance, 0.0, None, "Ohm")
        check_range("wiring.misalignment_resistance", self.misalignment_resistance, None, None, "Ohm")
        check_range("wiring.thermal_emf_std", self.thermal_emf_std, 0.0, None, "V")
        check_range("wiring.thermal_emf_drift_std", self.thermal_emf_drift_std, 0.0, None, "V")
        check_range("wiring.ambient_temperature", self.ambient_temperature, 0.0, None, "K", low_inclusive=False)


@dataclasses.dataclass(frozen=True)
class PulseRecord:
    """One pulse that left the generator, as the device received it."""

    time: float
    """Simulated start time (s)."""
    current: float
    """Current through the device (A); 0 when the route was open."""
    current_density: float
    """Nominal current density in the device (A/m^2); 0 when nothing arrived."""
    width: float
    """Width (s)."""
    delivered: bool
    """Whether it reached the device."""


@dataclasses.dataclass(frozen=True)
class StateRecord:
    """The device's true state when the voltmeter sampled it (for comparison with what was measured)."""

    time: float
    """Simulated time (s)."""
    route: str
    """Route at that time."""
    reading: Any
    """`emulator.device.Reading` at that time."""


class Wiring:
    """The bench's network: device, route, connected instruments, interlock and damage."""

    def __init__(self, device: Any, params: WiringParameters = WiringParameters(), seed: int = 0):
        self.device = device
        """The `emulator.device.SkyrmionDevice` (or None: nothing mounted, every path open)."""
        self.params = params
        """Cabling and contacts."""
        self.route = "none"
        """The route the switch has closed (one of ROUTES)."""
        self.damaged: str | None = None
        """Why the device was destroyed, or None while it is intact."""
        rng = np.random.default_rng(seed)
        self.thermal_emf = float(rng.normal(0.0, params.thermal_emf_std))
        """This bench's thermoelectric offset at the voltmeter input (V)."""
        self.thermal_drift = ThermalDrift(rng.spawn(1)[0], params.thermal_emf_drift_std)
        """Its slow drift (V) with time."""
        self.pulse_source: Any = None
        """The instrument whose channel-1 output feeds the pulse route (set when the bench is built)."""
        self.current_source: Any = None
        """The current source on the sense routes."""
        self.voltmeter: Any = None
        """The nanovoltmeter on the sense routes (also the current source's delta-mode partner)."""
        self.pulses: list[PulseRecord] = []
        """Every pulse fired into the pulse route, in order."""
        self.states: list[StateRecord] = []
        """The device's state at every voltmeter sample."""

    # --- the pulse path ------------------------------------------------------------------------------
    @property
    def intact(self) -> bool:
        """A device is mounted and has not been destroyed."""
        return self.device is not None and self.damaged is None

    def path_resistance(self) -> float:
        """Resistance of the A-A' path including leads (Ohm); inf without an intact device."""
        if not self.intact:
            return math.inf
        return float(self.device.preset.track_resistance) + self.params.lead_resistance

    def pulse_load(self) -> float:
        """The load the generator's channel-1 output sees (Ohm): the amplifier input, else the device path
        on the pulse route, else an open circuit."""
        amplifier = self.params.amplifier
        if amplifier is not None:
            return amplifier.input_impedance
        return self.path_resistance() if self.route == "pulse" else math.inf

    def pulse_current(self, emf: float, source_impedance: float) -> float:
        """Current (A) through the device for a generator open-circuit level `emf` (V) behind
        `source_impedance` (Ohm) on the present route."""
        if self.route != "pulse" or not self.intact:
            return 0.0
        amplifier = self.params.amplifier
        if amplifier is not None:
            v_in = emf * amplifier.input_impedance / (source_impedance + amplifier.input_impedance)
            emf, source_impedance = amplifier.output_emf(v_in), amplifier.output_impedance
        return emf / (source_impedance + self.path_resistance())

    def pulse(self, emf: float, source_impedance: float, width: float):
        """SimPy process: a generator pulse of open-circuit level `emf` (V) and width `width` (s)."""
        env = self.device.env if self.device is not None else None
        current = self.pulse_current(emf, source_impedance)
        start = env.now if env is not None else 0.0
        if current == 0.0 or env is None:
            self.pulses.append(PulseRecord(start, 0.0, 0.0, width, False))
            if env is not None:
                yield env.timeout(width)
            return
        density = float(self.device.current_to_density(current))
        try:
            self.device.check_pulse(density, width)
        except ParameterError as error:
            self.destroy(f"pulse of {current * 1e3:.1f} mA ({density:.3g} A/m^2, {width:.3g} s) at t = "
                         f"{start:.6g} s destroyed the track: {error.valid}")
            self.pulses.append(PulseRecord(start, current, density, width, False))
            yield env.timeout(width)
            return
        self.pulses.append(PulseRecord(start, current, density, width, True))
        yield env.process(self.device.pulse(density, width))

    def destroy(self, reason: str) -> None:
        """The device is destroyed now (a fault injected by a test, or a pulse beyond its limits): the track
        is open from then on."""
        if self.damaged is None:
            self.damaged = reason
            log.warning("device destroyed: %s", reason)

    def drives_continuously(self) -> str | None:
        """Why the pulse source drives continuously (see the interlock), or None."""
        if self.pulse_source is None:
            return None
        return self.pulse_source.continuous_drive(1)

    # --- the sense path ------------------------------------------------------------------------------
    def source_load(self) -> float:
        """The load the current source sees (Ohm): the A-A' path on a sense route, else open (inf)."""
        return self.path_resistance() if self.route in SENSE_ROUTES else math.inf

    def sense_current(self) -> float:
        """Current (A) the current source drives through the device now."""
        if self.current_source is None or self.route not in SENSE_ROUTES:
            return 0.0
        return float(self.current_source.delivered_current())

    def voltmeter_input(self, channel: int) -> tuple[float, float]:
        """(voltage V, source resistance Ohm) at the voltmeter's input `channel` now."""
        if channel != 1:
            return 0.0, 0.0
        if self.route == "hall" and self.intact:
            reading = self.device.read()
            self.states.append(StateRecord(self.device.env.now, self.route, reading))
            current = self.sense_current()
            resistance = reading.hall_resistance + self.params.misalignment_resistance
            return current * resistance + self.thermal_offset(), self.params.hall_arm_resistance
        if self.route == "track" and self.intact:
            return self.sense_current() * self.path_resistance() + self.thermal_offset(), self.path_resistance()
        return self.thermal_offset(), self.params.lead_resistance

    def thermal_offset(self) -> float:
        """Thermoelectric voltage (V) at the voltmeter input now: the bench's offset plus its drift."""
        now = self.device.env.now if self.device is not None else 0.0
        return self.thermal_emf + self.thermal_drift.value(now)

    def johnson_density(self, resistance: float) -> float:
        """Johnson noise density sqrt(4 k T R) of `resistance` (V/sqrt(Hz))."""
        return math.sqrt(4.0 * BOLTZMANN * self.params.ambient_temperature * max(resistance, 0.0))

    # --- interlock -----------------------------------------------------------------------------------
    def route_conflict(self, route: str) -> str | None:
        """Why the interlock refuses to close `route` now, or None."""
        if route == "pulse":
            reason = self.drives_continuously()
            if reason is not None:
                return f"pulse route refused: the generator output {reason}"
        return None

    def set_route(self, route: str) -> None:
        """The switch reports its relays settled on `route`."""
        if route not in ROUTES:
            raise ParameterError("route", route, "one of " + ", ".join(ROUTES))
        self.route = route
