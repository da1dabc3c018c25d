"""`MagnetSupply`: the out-of-plane field Bz, after an American Magnetics Model 430 programmer driving an
electromagnet, ramping the device's field on the bench clock.

Command subset (AMI Model 430 manual, remote interface; PyMeasure `ami430.py`):
- `CONFigure:FIELD:TARGet <B>` / `FIELD:TARGet?`, `FIELD:MAGnet?` (present field), `CONFigure:FIELD:UNITS 0|1`
  / `FIELD:UNITS?` (0 kilogauss, 1 tesla; the 430 powers up in kG)
- `CONFigure:RAMP:RATE:FIELD <segment>,<rate>,<upper bound>` / `RAMP:RATE:FIELD?` (segment 1 only: the
  real unit's `RAMP:RATE:FIELD:1?` has a numeric node our SCPI grammar does not take),
  `CONFigure:RAMP:RATE:UNITS 0|1` / `RAMP:RATE:UNITS?` (0 per second, 1 per minute)
- `CONFigure:COILconst` / `COILconst?` (field per ampere), `CONFigure:CURRent:TARGet` / `CURRent:TARGet?`,
  `CURRent:MAGnet?`, `CURRent:SUPPly?`, `CONFigure:CURRent:LIMit` / `CURRent:LIMit?`,
  `CONFigure:VOLTage:LIMit` / `VOLTage:LIMit?`
- `RAMP`, `PAUSE`, `ZERO`, `STATE?` (1 RAMPING, 2 HOLDING, 3 PAUSED, 6 ZEROING, 8 AT ZERO), `PSwitch?`,
  `QUench?`; *OPC? completes when a ramp has ended (an emulator convenience: the real 430 is polled with
  STATE?, which works here too).

The ramp is linear at the set rate; the device's field follows it in steps of at most FIELD_STEP (each
step is `SkyrmionDevice.set_field` at that instant on the shared clock), so a sweep from 160 to 140 mT at
10 mT/s takes 2 simulated seconds and 20 field updates. A target beyond the magnet's limit
(FIELD_LIMIT, or the current limit times the coil constant) is -222.
"""
from __future__ import annotations

import math
from typing import Any

import simpy

from instruments.bench_instrument import BenchInstrument
from protocols import Float, Int, ScpiError, ScpiProperty, scpi_command, scpi_query
from protocols.errors import DATA_OUT_OF_RANGE, SETTINGS_CONFLICT

TESLA_PER_KILOGAUSS = 0.1
"""1 kG = 0.1 T."""
FIELD_LIMIT = 1.0
"""Largest |Bz| the electromagnet makes (T), assumed."""
FIELD_STEP = 1e-3
"""Largest field change between two updates of the device along a ramp (T)."""
RAMP_RATE_MIN = 1e-5
"""Slowest ramp (T/s)."""
RAMP_RATE_MAX = 0.1
"""Fastest ramp (T/s) the electromagnet's inductance allows, assumed."""
RAMP_RATE_DEFAULT = 0.01
"""Power-on ramp rate (T/s)."""
COIL_CONSTANT_MIN = 1e-4
"""Coil constant limits (T/A) and default (assumed: 0.05 T/A, 20 A for 1 T)."""
COIL_CONSTANT_MAX = 10.0
COIL_CONSTANT_DEFAULT = 0.05
CURRENT_LIMIT_MIN = 0.0
"""Supply current limit (A): limits and default."""
CURRENT_LIMIT_MAX = 100.0
CURRENT_LIMIT_DEFAULT = 20.0
VOLTAGE_LIMIT_MIN = 0.001
"""Charging voltage limit (V): limits and default (stored)."""
VOLTAGE_LIMIT_MAX = 20.0
VOLTAGE_LIMIT_DEFAULT = 5.0
FIELD_UNITS_KILOGAUSS = 0
"""FIELD:UNITS codes."""
FIELD_UNITS_TESLA = 1
RATE_UNITS_SECOND = 0
"""RAMP:RATE:UNITS codes."""
RATE_UNITS_MINUTE = 1
SECONDS_PER_MINUTE = 60.0
"""For ramp rates per minute."""
SEGMENT_MIN = 1
"""Ramp segments: only segment 1 is emulated."""
SEGMENT_MAX = 1
STATE_RAMPING = 1
"""STATE? codes (AMI 430 manual)."""
STATE_HOLDING = 2
STATE_PAUSED = 3
STATE_ZEROING = 6
STATE_AT_ZERO = 8
FIELD_ZERO_TOLERANCE = 1e-9
"""|B| (T) counted as zero field."""


class MagnetSupply(BenchInstrument):
    """AMI 430 field programmer with an electromagnet; sets the device's Bz along its ramps."""

    MANUFACTURER = "AMERICAN MAGNETICS INC."
    MODEL = "MODEL 430"
    SERIAL_NUMBER = "430-0001"
    FIRMWARE = "2.65"
    RESPONSE_TERMINATOR = b"\r\n"

    field_units = ScpiProperty(
        "CONFigure:FIELD:UNITS", Int(low=FIELD_UNITS_KILOGAUSS, high=FIELD_UNITS_TESLA, out_of_range="error"),
        default=FIELD_UNITS_KILOGAUSS, doc="Field units: 0 kilogauss, 1 tesla.")
    rate_units = ScpiProperty(
        "CONFigure:RAMP:RATE:UNITS", Int(low=RATE_UNITS_SECOND, high=RATE_UNITS_MINUTE, out_of_range="error"),
        default=RATE_UNITS_SECOND, doc="Ramp-rate time unit: 0 per second, 1 per minute.")
    coil_constant_tesla = ScpiProperty(
        "CONFigure:COILconst", Float(low=COIL_CONSTANT_MIN, high=COIL_CONSTANT_MAX, out_of_range="error"),
        default=COIL_CONSTANT_DEFAULT, get="_get_coil", set="_set_coil",
        doc="Coil constant (field units per A; stored in T/A).")
    current_limit = ScpiProperty(
        "CONFigure:CURRent:LIMit", Float(unit="A", low=CURRENT_LIMIT_MIN, high=CURRENT_LIMIT_MAX, out_of_range="error"),
        default=CURRENT_LIMIT_DEFAULT, doc="Supply current limit (A).")
    voltage_limit = ScpiProperty(
        "CONFigure:VOLTage:LIMit", Float(unit="V", low=VOLTAGE_LIMIT_MIN, high=VOLTAGE_LIMIT_MAX, out_of_range="error"),
        default=VOLTAGE_LIMIT_DEFAULT, doc="Charging voltage limit (V) (stored).")

    def __init__(self, clock=None, wiring=None, seed=0, field: float = 0.0):
        self._field = float(field)
        self._target = float(field)
        self._rate = RAMP_RATE_DEFAULT
        self._state = STATE_AT_ZERO if abs(field) < FIELD_ZERO_TOLERANCE else STATE_HOLDING
        self._process: simpy.Process | None = None
        self._ramp_start: tuple[float, float, float] | None = None
        super().__init__(clock, wiring, seed)
        self._apply_field(self._field)

    # --- units -------------------------------------------------------------------------------------
    def _per_unit(self) -> float:
        """Tesla per field unit."""
        return 1.0 if self.field_units == FIELD_UNITS_TESLA else TESLA_PER_KILOGAUSS

    def _per_time(self) -> float:
        """Seconds per rate time unit."""
        return 1.0 if self.rate_units == RATE_UNITS_SECOND else SECONDS_PER_MINUTE

    def _get_coil(self) -> float:
        return float(type(self).coil_constant_tesla.load(self)) / self._per_unit()

    def _set_coil(self, value: float) -> float:
        return value * self._per_unit()

    def field_limit(self) -> float:
        """Largest |B| reachable now (T): the magnet's limit or current limit x coil constant."""
        return min(FIELD_LIMIT, float(self.current_limit) * float(type(self).coil_constant_tesla.load(self)))

    @scpi_query("FIELD:UNITS")
    def field_units_query(self) -> int:
        """Field units: 0 kilogauss, 1 tesla."""
        return int(self.field_units)

    @scpi_query("RAMP:RATE:UNITS")
    def rate_units_query(self) -> int:
        """Ramp-rate time unit: 0 per second, 1 per minute."""
        return int(self.rate_units)

    @scpi_query("COILconst")
    def coil_constant(self) -> float:
        """Coil constant (field units per A)."""
        return self._get_coil()

    @scpi_query("CURRent:LIMit")
    def current_limit_query(self) -> float:
        """Supply current limit (A)."""
        return float(self.current_limit)

    @scpi_query("VOLTage:LIMit")
    def voltage_limit_query(self) -> float:
        """Charging voltage limit (V)."""
        return float(self.voltage_limit)

    # --- the field -----------------------------------------------------------------------------------
    @property
    def field(self) -> float:
        """Present field (T)."""
        return self._field

    def _apply_field(self, value: float) -> None:
        self._field = value
        device = self.wiring.device if self.wiring is not None else None
        if device is not None:
            device.set_field(value)

    @scpi_command("CONFigure:FIELD:TARGet", Float(), doc="Target field (field units); -222 beyond the limit.",
                  write_only="the 430 reads it back with FIELD:TARGet?")
    def set_target(self, value: float) -> None:
        tesla = value * self._per_unit()
        limit = self.field_limit()
        if abs(tesla) > limit * (1.0 + 1e-12):
            raise ScpiError(DATA_OUT_OF_RANGE, f"|B| at most {limit:g} T")
        self._target = tesla

    @scpi_query("FIELD:TARGet")
    def target(self) -> float:
        """Target field (field units)."""
        return self._target / self._per_unit()

    @scpi_command("CONFigure:CURRent:TARGet", Float(unit="A"), doc="Target current (A) = target field / coil const.",
                  write_only="the 430 reads it back with CURRent:TARGet?")
    def set_target_current(self, value: float) -> None:
        self.set_target(value * float(type(self).coil_constant_tesla.load(self)) / self._per_unit())

    @scpi_query("CURRent:TARGet")
    def target_current(self) -> float:
        """Target current (A)."""
        return self._target / float(type(self).coil_constant_tesla.load(self))

    @scpi_command("CONFigure:RAMP:RATE:FIELD", Int(low=SEGMENT_MIN, high=SEGMENT_MAX, out_of_range="error"),
                  Float(), Float(), doc="Ramp segment, rate (field units per time unit), upper bound.",
                  write_only="the 430 reads it back with RAMP:RATE:FIELD?")
    def set_rate(self, segment: int, rate: float, upper: float) -> None:
        tesla_per_second = rate * self._per_unit() / self._per_time()
        if not RAMP_RATE_MIN <= tesla_per_second <= RAMP_RATE_MAX:
            raise ScpiError(DATA_OUT_OF_RANGE, f"rate {RAMP_RATE_MIN:g} .. {RAMP_RATE_MAX:g} T/s")
        if self.running:
            raise ScpiError(SETTINGS_CONFLICT, "pause before changing the rate")
        self._rate = tesla_per_second

    @scpi_query("RAMP:RATE:FIELD")
    def rate(self) -> str:
        """Segment 1: rate (field units per time unit), upper bound (field units)."""
        rate = self._rate * self._per_time() / self._per_unit()
        return f"{rate:.10g},{self.field_limit() / self._per_unit():.10g}"

    @scpi_query("FIELD:MAGnet")
    def field_now(self) -> float:
        """Present field (field units)."""
        self.poll()
        return self._field / self._per_unit()

    @scpi_query("CURRent:MAGnet")
    def magnet_current(self) -> float:
        """Present magnet current (A)."""
        return self._field / float(type(self).coil_constant_tesla.load(self))

    @scpi_query("CURRent:SUPPly")
    def supply_current(self) -> float:
        """Present supply current (A) (no persistent switch: equals the magnet current)."""
        return self.magnet_current()

    @scpi_query("STATE")
    def state(self) -> int:
        """1 RAMPING, 2 HOLDING, 3 PAUSED, 6 ZEROING, 8 AT ZERO."""
        self.poll()
        return self._state

    @scpi_query("PSwitch")
    def persistent_switch(self) -> int:
        """Persistent-switch heater: 0 (this magnet has no switch)."""
        return 0

    @scpi_query("QUench")
    def quench(self) -> int:
        """Quench detected: 0 (a resistive electromagnet does not quench)."""
        return 0

    # --- ramping ------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """A ramp is in progress."""
        return self._process is not None and self._process.is_alive

    def busy(self) -> bool:
        return self.running

    @scpi_command("RAMP")
    def ramp(self) -> None:
        """Ramp to the target field at the set rate."""
        self._start(self._target, STATE_HOLDING)

    @scpi_command("ZERO")
    def zero(self) -> None:
        """Ramp to zero field at the set rate."""
        self._start(0.0, STATE_AT_ZERO)

    @scpi_command("PAUSE")
    def pause(self) -> None:
        """Stop ramping and hold the present field."""
        self._stop()
        self._state = STATE_PAUSED

    def _start(self, target: float, final_state: int) -> None:
        self._stop()
        if abs(target - self._field) < FIELD_ZERO_TOLERANCE:
            self._state = final_state
            return
        self._state = STATE_RAMPING if final_state == STATE_HOLDING else STATE_ZEROING
        self._process = self.run_process(self._ramp(target, final_state))

    def _stop(self) -> None:
        if self.running:
            self._process.interrupt()
        self._process = None

    def _ramp(self, target: float, final_state: int):
        env = self.clock.env
        start, begun = self._field, env.now
        duration = abs(target - start) / self._rate
        steps = max(1, math.ceil(abs(target - start) / FIELD_STEP))
        try:
            for step in range(1, steps + 1):
                yield env.timeout(max(0.0, begun + duration * step / steps - env.now))
                self._apply_field(target if step == steps else start + (target - start) * step / steps)
        except simpy.Interrupt:
            elapsed = env.now - begun
            fraction = min(1.0, elapsed / duration) if duration > 0 else 1.0
            self._apply_field(start + (target - start) * fraction)
            return
        self._state = final_state

    def reset(self) -> None:
        """*RST: stop a ramp and hold the field where it is (the magnet's energy is not dumped)."""
        self._stop()
        super().reset()
        self._state = STATE_AT_ZERO if abs(self._field) < FIELD_ZERO_TOLERANCE else STATE_PAUSED

    def describe(self) -> dict[str, Any]:
        """The magnet's state in SI (for logs)."""
        return {"field_T": self._field, "target_T": self._target, "rate_T_per_s": self._rate, "state": self._state}
