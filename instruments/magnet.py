"""`MagnetSupply`: the out-of-plane field Bz, after an American Magnetics Model 430 programmer driving an
electromagnet, ramping the device's field on the bench clock.

Remote interface (AMI Model 430 manual, ch. 4 "Remote Interface Reference"; the commands PyMeasure's
`AMI430` and QCoDeS' `AMIModel430` send):
- Ethernet port 7180: every new connection first receives the two lines
  "American Magnetics Model 430 IP Interface" and "Hello." (CONNECT_MESSAGE); drivers read them first.
  Responses end in CR LF.
- Units: `CONFigure:FIELD:UNITS 0|1` / `FIELD:UNITS?` (0 kilogauss, 1 tesla; the 430 powers up in kG),
  `CONFigure:RAMP:RATE:UNITS 0|1` / `RAMP:RATE:UNITS?` (0 per second, 1 per minute).
- Targets: `CONFigure:FIELD:TARGet` / `FIELD:TARGet?`, `CONFigure:CURRent:TARGet` / `CURRent:TARGet?`.
- Ramp segments: `CONFigure:RAMP:RATE:SEGments <n>` / `RAMP:RATE:SEGments?` (1-10),
  `CONFigure:RAMP:RATE:CURRent <segment>,<rate>,<upper bound>` / `RAMP:RATE:CURRent:<segment>?`,
  `CONFigure:RAMP:RATE:FIELD <segment>,<rate>,<upper bound>` / `RAMP:RATE:FIELD:<segment>?` (answers
  "rate,upper bound"). Segment i sets the rate for magnet currents |I| up to its upper bound (and above the
  previous segment's); above the last used segment's bound the last rate applies. Rates are stored as current
  (A/s), as the 430 does, so they follow the coil constant.
- Readings: `FIELD:MAGnet?`, `CURRent:MAGnet?`, `CURRent:SUPPly?`, `STATE?` (1 RAMPING, 2 HOLDING, 3 PAUSED,
  6 ZEROING, 7 QUENCH DETECTED, 8 AT ZERO, 9 HEATING SWITCH, 10 COOLING SWITCH).
- Limits: `CONFigure:COILconst` / `COILconst?`, `CONFigure:CURRent:LIMit` / `CURRent:LIMit?`,
  `CONFigure:VOLTage:LIMit` / `VOLTage:LIMit?`.
- Actions: `RAMP`, `PAUSE`, `ZERO`.
- Persistent switch: `PSwitch:INSTalled?`, `CONFigure:PSwitch 0|1` (installed or not), `PSwitch 0|1` (heater
  off/on: COOLING/HEATING SWITCH for the cool/heat time), `PSwitch?`, `PSwitch:HTIME` / `PSwitch:CTIME` (set
  with `CONFigure:PSwitch:...`), `PERSistent?` (1: switch cold with current in the magnet). With the switch
  cold, RAMP moves the supply's current only; the magnet keeps its field.
- Quench: `QUench?` (1 after a quench), `QUench 1` (declare a quench), `QUench 0` (clear it). A quench stops
  any ramp and collapses the field to zero within QUENCH_DUMP_TIME; RAMP and ZERO are refused (-221) until it
  is cleared.
- `*OPC?` answers 1 once the preceding commands have been executed (manual 4.2.4 "Command Handshaking"): it
  does NOT wait for a ramp. A script waits for the field by polling `STATE?` until 2 HOLDING, as the real unit
  needs (every STATE? and FIELD:MAG? poll lets the bench clock reach the next ramp step).

The ramp is linear within each segment; the device's field follows it in steps of at most FIELD_STEP (each
step is `SkyrmionDevice.set_field` at that instant on the shared clock), so a sweep from 160 to 140 mT at
10 mT/s takes 2 simulated seconds and 20 field updates. A target beyond the magnet's limit (FIELD_LIMIT, or
the current limit times the coil constant) is -222. Numbers are answered as plain decimals (NUMBER_FORMAT),
as the 430 prints them, not in SCPI's exponent form.

Not emulated (answer -113): the 430's manual ramp (`INCR`, `DECR`: STATE 4/5), `CONFigure:QUench:DETect`,
the persistent-switch heater current and the supply's voltage readings (`VOLTage:MAGnet?`,
`VOLTage:SUPPly?`), and the remaining front-panel and calibration commands (MANUAL_COMMANDS lists them).
"""
from __future__ import annotations

import math
from types import MappingProxyType
from typing import Any

import simpy

from instruments.bench_instrument import BenchInstrument
from protocols import Bool, Float, Int, ScpiError, ScpiProperty, scpi_command, scpi_query
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
"""Power-on ramp rate of segment 1 (T/s)."""
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
"""Ramp segments (AMI 430 manual: 1 to 10)."""
SEGMENT_MAX = 10
SEGMENT_UPPER_MIN = 0.0
"""Smallest segment upper bound (A, or field units)."""
SWITCH_HEAT_TIME_MIN = 5
"""Persistent-switch heating time (s): limits (QCoDeS AMI430 driver validators) and default (assumed)."""
SWITCH_HEAT_TIME_MAX = 120
SWITCH_HEAT_TIME_DEFAULT = 20
SWITCH_COOL_TIME_MIN = 5
"""Persistent-switch cooling time (s): limits (QCoDeS AMI430 driver validators) and default (assumed)."""
SWITCH_COOL_TIME_MAX = 3600
SWITCH_COOL_TIME_DEFAULT = 20
QUENCH_DUMP_TIME = 0.1
"""Time (s) in which the field collapses to zero after a quench (assumed: the L/R time of the electromagnet
with the supply's output tripped)."""
STATE_RAMPING = 1
"""STATE? codes (AMI 430 manual; PyMeasure AMI430.magnet_status)."""
STATE_HOLDING = 2
STATE_PAUSED = 3
STATE_ZEROING = 6
STATE_QUENCH = 7
STATE_AT_ZERO = 8
STATE_HEATING_SWITCH = 9
STATE_COOLING_SWITCH = 10
FIELD_ZERO_TOLERANCE = 1e-9
"""|B| (T) counted as zero field."""
NUMBER_FORMAT = "{:.10g}"
"""How the 430 answers numbers: plain decimals."""
MANUAL_COMMANDS = MappingProxyType({
    "CONFigure:FIELD:UNITS": True, "FIELD:UNITS?": True, "CONFigure:RAMP:RATE:UNITS": True,
    "RAMP:RATE:UNITS?": True, "CONFigure:FIELD:TARGet": True, "FIELD:TARGet?": True,
    "CONFigure:CURRent:TARGet": True, "CURRent:TARGet?": True, "CONFigure:RAMP:RATE:SEGments": True,
    "RAMP:RATE:SEGments?": True, "CONFigure:RAMP:RATE:CURRent": True, "RAMP:RATE:CURRent:1?": True,
    "CONFigure:RAMP:RATE:FIELD": True, "RAMP:RATE:FIELD:1?": True, "FIELD:MAGnet?": True,
    "CURRent:MAGnet?": True, "CURRent:SUPPly?": True, "STATE?": True, "CONFigure:COILconst": True,
    "COILconst?": True, "CONFigure:CURRent:LIMit": True, "CURRent:LIMit?": True, "CONFigure:VOLTage:LIMit": True,
    "VOLTage:LIMit?": True, "RAMP": True, "PAUSE": True, "ZERO": True, "PSwitch:INSTalled?": True,
    "CONFigure:PSwitch": True, "PSwitch": True, "PSwitch?": True, "CONFigure:PSwitch:HTIME": True,
    "PSwitch:HTIME?": True, "CONFigure:PSwitch:CTIME": True, "PSwitch:CTIME?": True, "PERSistent?": True,
    "QUench": True, "QUench?": True, "*IDN?": True, "*RST": True, "*CLS": True, "*OPC?": True,
    "SYSTem:ERRor?": True,
    "INCR": False, "DECR": False, "VOLTage:MAGnet?": False, "VOLTage:SUPPly?": False,
    "CONFigure:QUench:DETect": False, "QUench:DETect?": False, "PSwitch:CURRent?": False,
    "CONFigure:PSwitch:CURRent": False, "RAMP:DOWN:ENABle?": False, "CONFigure:CURRent:RATING": False,
    "CURRent:RATING?": False, "INDuctance?": False, "SUPPly:TYPE?": False,
})
"""The manual's remote commands a measurement uses: True emulated, False not (answers -113, or -114 for a
node emulated with other suffixes)."""


class MagnetSupply(BenchInstrument):
    """AMI 430 field programmer with an electromagnet; sets the device's Bz along its ramps."""

    MANUFACTURER = "AMERICAN MAGNETICS INC."
    MODEL = "MODEL 430"
    SERIAL_NUMBER = "430-0001"
    FIRMWARE = "2.65"
    RESPONSE_TERMINATOR = b"\r\n"
    CONNECT_MESSAGE = b"American Magnetics Model 430 IP Interface\r\nHello.\r\n"

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
    segment_count = ScpiProperty(
        "CONFigure:RAMP:RATE:SEGments", Int(low=SEGMENT_MIN, high=SEGMENT_MAX, out_of_range="error"),
        default=SEGMENT_MIN, reset=False, write_only="read back with RAMP:RATE:SEGments?",
        doc="Number of ramp segments in use (kept over *RST, as the 430 keeps its ramp settings).")
    switch_heat_time = ScpiProperty(
        "CONFigure:PSwitch:HTIME", Int(low=SWITCH_HEAT_TIME_MIN, high=SWITCH_HEAT_TIME_MAX, out_of_range="error"),
        default=SWITCH_HEAT_TIME_DEFAULT, reset=False, write_only="read back with PSwitch:HTIME?",
        doc="Persistent-switch heating time (s).")
    switch_cool_time = ScpiProperty(
        "CONFigure:PSwitch:CTIME", Int(low=SWITCH_COOL_TIME_MIN, high=SWITCH_COOL_TIME_MAX, out_of_range="error"),
        default=SWITCH_COOL_TIME_DEFAULT, reset=False, write_only="read back with PSwitch:CTIME?",
        doc="Persistent-switch cooling time (s).")

    def __init__(self, clock=None, wiring=None, seed=0, field: float = 0.0, persistent_switch: bool = False):
        self._field = float(field)
        self._supply = float(field)
        self._target = float(field)
        self._segments: list[tuple[float, float]] = [
            (RAMP_RATE_DEFAULT / COIL_CONSTANT_DEFAULT, CURRENT_LIMIT_DEFAULT)] * SEGMENT_MAX
        self._state = STATE_AT_ZERO if abs(field) < FIELD_ZERO_TOLERANCE else STATE_HOLDING
        self._process: simpy.Process | None = None
        self._switch_process: simpy.Process | None = None
        self._switch_installed = bool(persistent_switch)
        self._heater_on = False
        self._quenched = False
        super().__init__(clock, wiring, seed)
        self._apply_field(self._field)

    # --- units -------------------------------------------------------------------------------------
    def _per_unit(self) -> float:
        """Tesla per field unit."""
        return 1.0 if self.field_units == FIELD_UNITS_TESLA else TESLA_PER_KILOGAUSS

    def _per_time(self) -> float:
        """Seconds per rate time unit."""
        return 1.0 if self.rate_units == RATE_UNITS_SECOND else SECONDS_PER_MINUTE

    def _coil(self) -> float:
        """Coil constant (T/A)."""
        return float(type(self).coil_constant_tesla.load(self))

    def _get_coil(self) -> float:
        return self._coil() / self._per_unit()

    def _set_coil(self, value: float) -> float:
        return value * self._per_unit()

    def field_limit(self) -> float:
        """Largest |B| reachable now (T): the magnet's limit or current limit x coil constant."""
        return min(FIELD_LIMIT, float(self.current_limit) * self._coil())

    @scpi_query("FIELD:UNITS")
    def field_units_query(self) -> int:
        """Field units: 0 kilogauss, 1 tesla."""
        return int(self.field_units)

    @scpi_query("RAMP:RATE:UNITS")
    def rate_units_query(self) -> int:
        """Ramp-rate time unit: 0 per second, 1 per minute."""
        return int(self.rate_units)

    @scpi_query("COILconst")
    def coil_constant(self) -> str:
        """Coil constant (field units per A)."""
        return _number(self._get_coil())

    @scpi_query("CURRent:LIMit")
    def current_limit_query(self) -> str:
        """Supply current limit (A)."""
        return _number(float(self.current_limit))

    @scpi_query("VOLTage:LIMit")
    def voltage_limit_query(self) -> str:
        """Charging voltage limit (V)."""
        return _number(float(self.voltage_limit))

    # --- the field -----------------------------------------------------------------------------------
    @property
    def field(self) -> float:
        """Present field in the magnet (T)."""
        return self._field

    @property
    def quenched(self) -> bool:
        """A quench has been detected and not cleared."""
        return self._quenched

    @property
    def state_code(self) -> int:
        """The STATE? code now (no clock poll)."""
        return self._state

    def _switch_cold(self) -> bool:
        return self._switch_installed and not self._heater_on

    def _apply_field(self, value: float) -> None:
        """The supply's output moves to `value` (T); the magnet follows unless a cold switch isolates it."""
        self._supply = value
        if self._switch_cold():
            return
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
    def target(self) -> str:
        """Target field (field units)."""
        return _number(self._target / self._per_unit())

    @scpi_command("CONFigure:CURRent:TARGet", Float(unit="A"), doc="Target current (A) = target field / coil const.",
                  write_only="the 430 reads it back with CURRent:TARGet?")
    def set_target_current(self, value: float) -> None:
        self.set_target(value * self._coil() / self._per_unit())

    @scpi_query("CURRent:TARGet")
    def target_current(self) -> str:
        """Target current (A)."""
        return _number(self._target / self._coil())

    # --- ramp segments -------------------------------------------------------------------------------
    @scpi_query("RAMP:RATE:SEGments")
    def segment_count_query(self) -> int:
        """Number of ramp segments in use."""
        return int(self.segment_count)

    def _set_segment(self, segment: int, amps_per_second: float, upper_amps: float) -> None:
        tesla_per_second = amps_per_second * self._coil()
        if not RAMP_RATE_MIN * (1 - 1e-12) <= tesla_per_second <= RAMP_RATE_MAX * (1 + 1e-12):
            raise ScpiError(DATA_OUT_OF_RANGE, f"rate {RAMP_RATE_MIN:g} .. {RAMP_RATE_MAX:g} T/s")
        if upper_amps < SEGMENT_UPPER_MIN:
            raise ScpiError(DATA_OUT_OF_RANGE, "upper bound >= 0")
        if self.running:
            raise ScpiError(SETTINGS_CONFLICT, "pause before changing a ramp rate")
        self._segments[segment - 1] = (amps_per_second, upper_amps)

    @scpi_command("CONFigure:RAMP:RATE:CURRent", Int(low=SEGMENT_MIN, high=SEGMENT_MAX, out_of_range="error"),
                  Float(), Float(), doc="Ramp segment, rate (A per time unit), upper bound (A).",
                  write_only="the 430 reads it back with RAMP:RATE:CURRent:<segment>?")
    def set_rate_current(self, segment: int, rate: float, upper: float) -> None:
        self._set_segment(segment, rate / self._per_time(), upper)

    @scpi_query("RAMP:RATE:CURRent:<segment:1-10>")
    def rate_current(self, segment: int) -> str:
        """Segment `segment`: rate (A per time unit), upper bound (A)."""
        rate, upper = self._segments[segment - 1]
        return f"{_number(rate * self._per_time())},{_number(upper)}"

    @scpi_command("CONFigure:RAMP:RATE:FIELD", Int(low=SEGMENT_MIN, high=SEGMENT_MAX, out_of_range="error"),
                  Float(), Float(), doc="Ramp segment, rate (field units per time unit), upper bound (field units).",
                  write_only="the 430 reads it back with RAMP:RATE:FIELD:<segment>?")
    def set_rate(self, segment: int, rate: float, upper: float) -> None:
        coil = self._coil()
        self._set_segment(segment, rate * self._per_unit() / self._per_time() / coil, upper * self._per_unit() / coil)

    @scpi_query("RAMP:RATE:FIELD:<segment:1-10>")
    def rate(self, segment: int) -> str:
        """Segment `segment`: rate (field units per time unit), upper bound (field units)."""
        rate, upper = self._segments[segment - 1]
        coil = self._coil()
        field_rate = rate * coil * self._per_time() / self._per_unit()
        return f"{_number(field_rate)},{_number(upper * coil / self._per_unit())}"

    def ramp_rate_at(self, tesla: float) -> float:
        """Ramp rate (T/s) at field `tesla`: the first segment in use whose upper bound covers |I|."""
        amps = abs(tesla) / self._coil()
        used = self._segments[: int(self.segment_count)]
        for rate, upper in used:
            if amps <= upper * (1 + 1e-12):
                return rate * self._coil()
        return used[-1][0] * self._coil()

    # --- readings ------------------------------------------------------------------------------------
    @scpi_query("FIELD:MAGnet")
    def field_now(self) -> str:
        """Present field in the magnet (field units)."""
        self.poll()
        return _number(self._field / self._per_unit())

    @scpi_query("CURRent:MAGnet")
    def magnet_current(self) -> str:
        """Present magnet current (A)."""
        return _number(self._field / self._coil())

    @scpi_query("CURRent:SUPPly")
    def supply_current(self) -> str:
        """Present supply current (A) (differs from the magnet's with the persistent switch cold)."""
        return _number(self._supply / self._coil())

    @scpi_query("STATE")
    def state(self) -> int:
        """1 RAMPING, 2 HOLDING, 3 PAUSED, 6 ZEROING, 7 QUENCH, 8 AT ZERO, 9 HEATING / 10 COOLING SWITCH."""
        self.poll()
        return self._state

    # --- persistent switch ------------------------------------------------------------------------------
    @scpi_query("PSwitch:INSTalled")
    def switch_installed(self) -> int:
        """1 when a persistent switch is installed."""
        return int(self._switch_installed)

    @scpi_command("CONFigure:PSwitch", Bool(), doc="Persistent switch installed (1) or not (0).",
                  write_only="read back with PSwitch:INSTalled?")
    def set_switch_installed(self, installed: bool) -> None:
        if self.running or self._switch_process is not None:
            raise ScpiError(SETTINGS_CONFLICT, "not while ramping or heating/cooling the switch")
        self._switch_installed = installed
        self._heater_on = False

    @scpi_query("PSwitch:HTIME")
    def switch_heat_time_query(self) -> int:
        """Persistent-switch heating time (s)."""
        return int(self.switch_heat_time)

    @scpi_query("PSwitch:CTIME")
    def switch_cool_time_query(self) -> int:
        """Persistent-switch cooling time (s)."""
        return int(self.switch_cool_time)

    @scpi_command("PSwitch", Bool(), doc="Persistent-switch heater on (1) or off (0); -221 without a switch.")
    def set_heater(self, on: bool) -> None:
        if not self._switch_installed:
            raise ScpiError(SETTINGS_CONFLICT, "no persistent switch installed")
        if self.running or self._switch_process is not None:
            raise ScpiError(SETTINGS_CONFLICT, "not while ramping or heating/cooling the switch")
        if on == self._heater_on:
            return
        if on and abs(self._supply - self._field) > FIELD_ZERO_TOLERANCE:
            raise ScpiError(SETTINGS_CONFLICT, "supply current differs from the magnet current")
        settled = self._state
        self._state = STATE_HEATING_SWITCH if on else STATE_COOLING_SWITCH
        duration = float(self.switch_heat_time if on else self.switch_cool_time)
        self._switch_process = self.run_process(self._heat(on, duration, settled))

    def _heat(self, on: bool, duration: float, settled: int):
        yield self.clock.env.timeout(duration)
        self._heater_on = on
        self._state = settled
        self._switch_process = None

    @scpi_query("PSwitch")
    def heater(self) -> int:
        """Persistent-switch heater: 1 on, 0 off."""
        self.poll()
        return int(self._heater_on)

    @scpi_query("PERSistent")
    def persistent(self) -> int:
        """1 when the magnet is persistent: switch cold with current in the magnet."""
        return int(self._switch_cold() and abs(self._field) > FIELD_ZERO_TOLERANCE)

    # --- quench --------------------------------------------------------------------------------------
    @scpi_query("QUench")
    def quench_query(self) -> int:
        """1 after a quench, until QUench 0."""
        self.poll()
        return int(self._quenched)

    @scpi_command("QUench", Bool(), doc="1 declares a quench, 0 clears the quench condition.")
    def set_quench(self, quench: bool) -> None:
        if quench:
            self.force_quench()
        elif self._quenched:
            self._quenched = False
            self._state = STATE_AT_ZERO if abs(self._field) < FIELD_ZERO_TOLERANCE else STATE_PAUSED

    def force_quench(self) -> None:
        """A quench now (QUench 1, or a fault injected by a test): the ramp stops, the field collapses to zero
        within QUENCH_DUMP_TIME, STATE? answers 7 and QUench? 1 until `QUench 0`."""
        self._stop()
        self._quenched = True
        self._state = STATE_QUENCH
        if abs(self._field) > FIELD_ZERO_TOLERANCE:
            self._process = self.run_process(self._dump())

    def _dump(self):
        env = self.clock.env
        start = self._field
        steps = max(1, math.ceil(abs(start) / FIELD_STEP))
        try:
            for step in range(1, steps + 1):
                yield env.timeout(QUENCH_DUMP_TIME / steps)
                value = 0.0 if step == steps else start * (1 - step / steps)
                self._supply = value
                self._field = value
                if self.wiring is not None and self.wiring.device is not None:
                    self.wiring.device.set_field(value)
        except simpy.Interrupt:
            return

    # --- ramping ------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """A ramp (or a quench dump) is in progress."""
        return self._process is not None and self._process.is_alive

    def busy(self) -> bool:
        return self.running or self._switch_process is not None

    def operations_pending(self) -> bool:
        """Nothing: the 430's *OPC? answers once the commands before it have been executed, not at the end of
        a ramp (manual 4.2.4); a ramp's end is read with STATE?."""
        return False

    @scpi_command("RAMP")
    def ramp(self) -> None:
        """Ramp to the target field at the segment rates."""
        self._start(self._target, STATE_HOLDING)

    @scpi_command("ZERO")
    def zero(self) -> None:
        """Ramp to zero field at the segment rates."""
        self._start(0.0, STATE_AT_ZERO)

    @scpi_command("PAUSE")
    def pause(self) -> None:
        """Stop ramping and hold the present field."""
        if self._quenched:
            return
        self._stop()
        if self._switch_process is None:
            self._state = STATE_PAUSED

    def _start(self, target: float, final_state: int) -> None:
        if self._quenched:
            raise ScpiError(SETTINGS_CONFLICT, "quench: clear it with QUench 0")
        if self._switch_process is not None:
            raise ScpiError(SETTINGS_CONFLICT, "the persistent switch is heating or cooling")
        self._stop()
        if abs(target - self._supply) < FIELD_ZERO_TOLERANCE:
            self._state = final_state
            return
        self._state = STATE_RAMPING if final_state == STATE_HOLDING else STATE_ZEROING
        self._process = self.run_process(self._ramp(target, final_state))

    def _stop(self) -> None:
        """Stop a ramp now: the interrupted ramp sets the field it had reached at this instant."""
        if self.running:
            self._process.interrupt()
            self.clock.settle()
        self._process = None

    def _ramp_points(self, start: float, target: float) -> list[float]:
        """Fields (T) the ramp passes, at most FIELD_STEP apart, with a point on every segment boundary."""
        low, high = min(start, target), max(start, target)
        bounds = {sign * upper * self._coil() for _, upper in self._segments[: int(self.segment_count) - 1]
                  for sign in (1.0, -1.0)}
        cuts = sorted(b for b in bounds if low < b < high)
        knots = [start, *(cuts if target > start else reversed(cuts)), target]
        points: list[float] = []
        for a, b in zip(knots, knots[1:]):
            count = max(1, math.ceil(abs(b - a) / FIELD_STEP))
            points += [b if k == count else a + (b - a) * k / count for k in range(1, count + 1)]
        return points

    def _ramp(self, target: float, final_state: int):
        env = self.clock.env
        here = self._supply
        step_start, step_end, step_begun, step_duration = here, here, env.now, 0.0
        try:
            for point in self._ramp_points(here, target):
                step_start, step_end, step_begun = here, point, env.now
                step_duration = abs(point - here) / self.ramp_rate_at(0.5 * (point + here))
                yield env.timeout(step_duration)
                self._apply_field(point)
                here = point
        except simpy.Interrupt:
            fraction = min(1.0, (env.now - step_begun) / step_duration) if step_duration > 0 else 1.0
            self._apply_field(step_start + (step_end - step_start) * fraction)
            return
        self._state = final_state

    def reset(self) -> None:
        """*RST: stop a ramp and hold the field where it is (the magnet's energy is not dumped); the ramp
        segments, switch settings and a quench condition are kept."""
        dumping = self._quenched and self.running
        if not dumping:
            self._stop()
        super().reset()
        if not self._quenched and self._switch_process is None:
            self._state = STATE_AT_ZERO if abs(self._field) < FIELD_ZERO_TOLERANCE else STATE_PAUSED

    def describe(self) -> dict[str, Any]:
        """The magnet's state in SI (for logs)."""
        return {"field_T": self._field, "supply_field_T": self._supply, "target_T": self._target,
                "ramp_rate_T_per_s": self.ramp_rate_at(self._field), "state": self._state,
                "quenched": self._quenched, "switch_heater_on": self._heater_on}


def _number(value: float) -> str:
    """A number as the 430 prints it."""
    return NUMBER_FORMAT.format(value)
