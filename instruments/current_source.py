"""`CurrentSource`: a Keithley 6221 DC current source driving the sense current along A-A' (routes `hall`
and `track`), with the delta mode it runs together with the 2182A.

Command subset (622x reference manual; PyMeasure `keithley6221.py` sends these forms):
- `[:SOURce]:CURRent[:LEVel][:IMMediate][:AMPLitude]` (+-105 mA), `:CURRent:COMPliance` (0.1 .. 105 V),
  `:CURRent:RANGe` (picks the smallest range that holds the value), `:CURRent:RANGe:AUTO`, `[:SOURce]:DELay`,
  `[:SOURce]:CLEar[:IMMediate]`
- `OUTPut[:STATe]`, `OUTPut:ISHield OLOW|GUARd`, `OUTPut:LTEarth`, `UNIT[:VOLTage][:DC] V|OHMS|W|SIEM`
- delta: `[:SOURce]:DELTa:HIGH|:LOW|:DELay|:COUNt|:CABort|:CSWitch`, `:DELTa:ARM`, `:DELTa:ARM?`,
  `:DELTa:NVPResent?`, `[:SOURce]:SWEep:COUNt`, `[:SOURce]:SWEep:ABORt`, `INITiate[:IMMediate]`,
  `TRACe:POINts`, `TRACe:POINts:ACTual?`, `TRACe:CLEar`, `TRACe:DATA?`, `[:SENSe]:DATA[:LATest]?`,
  `FORMat:ELEMents READing,TSTamp,...`
- the RS-232 link to the 2182A: `SYSTem:COMMunicate:SERial:SEND "<command>"` and `:SERial:ENTer?`
- trigger settings `ARM:SOURce`, `ARM:TIMer`, `ARM:ILINe`, `TRIGger:SOURce IMM|TLIN`, `TRIGger:ILINe`,
  `TRIGger:OLINe`, `TRIGger:OUTPut` (stored; the delta run uses its own Trigger Link timing)
- `SYSTem:BEEPer`, plus `KeithleyCommon`. The wave and pulse-delta modes are not emulated (-113).

Physics: an ideal current source up to its compliance. The load is the A-A' path on a sense route, an open
circuit otherwise; when |I R| would exceed the compliance the output is a voltage source at the compliance
(I = V_comp / R, 0 into an open circuit) and MEASurement bit 3 (compliance, 622x reference manual Fig. 11-6)
is set.

Delta mode (paper-style low-offset Hall readings): each cycle sets DELT:HIGH then DELT:LOW alternately,
waits DELT:DEL, and has the linked 2182A take one conversion; every three points A, B, C give one reading
s (A - 2 B + C) / 4 (s the sign of A's current), which cancels the thermoelectric offset and its linear drift;
UNIT OHMS divides by (HIGH - LOW) / 2. Readings go to the 6221's buffer (READ, TST pairs by default); the
run ends after DELT:COUN x SWE:COUN readings (sets OPERation event bit 1, sweep done) and *OPC? waits for it.
"""
from __future__ import annotations

import math
from types import MappingProxyType
from typing import Any

import simpy

from instruments.keithley import KeithleyCommon
from protocols import Bool, Choice, Float, Int, ListOf, ScpiError, ScpiProperty, String, scpi_command, scpi_query
from protocols.errors import DATA_OUT_OF_RANGE, DATA_STALE, HARDWARE_MISSING, INIT_IGNORED, SETTINGS_CONFLICT
from protocols.session import MessageSession

CURRENT_MAX = 0.105
"""Largest |current| (A)."""
CURRENT_MIN = -CURRENT_MAX
"""Most negative current (A)."""
CURRENT_DEFAULT = 0.0
"""*RST current (A)."""
COMPLIANCE_MIN = 0.1
"""Compliance voltage limits (V) and default."""
COMPLIANCE_MAX = 105.0
COMPLIANCE_DEFAULT = 10.0
RANGE_MIN = CURRENT_MIN
"""Range requests (A, either sign); the source picks the smallest of RANGES that holds |request|."""
RANGE_MAX = CURRENT_MAX
RANGES = (2e-9, 20e-9, 200e-9, 2e-6, 20e-6, 200e-6, 2e-3, 20e-3, 100e-3)
"""The 6221 source ranges (A)."""
RANGE_DEFAULT = 2e-3
"""*RST range (A), assumed."""
RANGE_OVERREACH = 1.05
"""A fixed range sources up to 105 % of its nominal value."""
SOURCE_DELAY_MIN = 1e-3
"""Source delay (s): limits and default."""
SOURCE_DELAY_MAX = 999_999.999
DELTA_HIGH_MIN = 0.0
"""Delta high current (A): limits and default."""
DELTA_HIGH_MAX = CURRENT_MAX
DELTA_HIGH_DEFAULT = 1e-3
DELTA_LOW_MIN = CURRENT_MIN
"""Delta low current (A): limits and default."""
DELTA_LOW_MAX = 0.0
DELTA_LOW_DEFAULT = -1e-3
DELTA_DELAY_MIN = 1e-3
"""Delta delay (s): limits and default."""
DELTA_DELAY_MAX = 9999.999
DELTA_DELAY_DEFAULT = 2e-3
DELTA_COUNT_MIN = 1
"""Delta readings per sweep: limits (INF allowed, the *RST value)."""
DELTA_COUNT_MAX = 65536
SWEEP_COUNT_MIN = 1
"""Sweeps per INIT: limits and default (INF allowed)."""
SWEEP_COUNT_MAX = 65536
BUFFER_POINTS_MIN = 1
"""Buffer size (readings): limits and default."""
BUFFER_POINTS_MAX = 65536
ARM_TIMER_MIN = 1e-3
"""Arm timer interval (s): limits and default."""
ARM_TIMER_MAX = 99999.99
ARM_TIMER_DEFAULT = 0.1
TRIGGER_LINE_MIN = 1
"""Trigger Link line numbers."""
TRIGGER_LINE_MAX = 6
TRIGGER_OUTPUT_LINE_DEFAULT = 2
"""*RST trigger output line."""
BEEP_FREQUENCY_MIN = 65.0
"""Beeper frequency (Hz) and duration (s) limits."""
BEEP_FREQUENCY_MAX = 2e6
BEEP_DURATION_MIN = 1e-3
BEEP_DURATION_MAX = 7.9
SERIAL_LINE_MAX = 256
"""Longest command string passed to the 2182A over RS-232 (characters)."""
SERIAL_TIMEOUT = 10.0
"""Simulated time (s) SERial:ENTer? waits for the 2182A's answer."""
MEAS_COMPLIANCE = 1 << 3
"""MEASurement bit B3 (Comp) set while the output is in compliance (622x reference manual Fig. 11-6)."""
OPER_SWEEP_DONE = 1 << 1
"""OPERation event bit set when a delta run ends (value 2, 'sweep done')."""
FORMAT_ELEMENTS = MappingProxyType({"READing": "READ", "TSTamp": "TST", "UNITs": "UNIT", "RNUMber": "RNUM",
                   "SOURce": "SOUR", "COMPliance": "COMP", "AVOLtage": "AVOL", "ALL": "ALL", "DEFault": "DEF"})
"""FORMat:ELEMents keywords."""


MANUAL_COMMANDS = MappingProxyType({
    "SOUR:CURR": True, "SOUR:CURR?": True, "SOUR:CURR:COMP": True, "SOUR:CURR:RANG": True,
    "SOUR:CURR:RANG:AUTO": True, "SOUR:DEL": True, "SOUR:CLE": True, "OUTP": True, "OUTP:ISH": True,
    "OUTP:LTE": True, "UNIT": True, "SOUR:DELT:HIGH": True, "SOUR:DELT:LOW": True, "SOUR:DELT:DEL": True,
    "SOUR:DELT:COUN": True, "SOUR:DELT:CAB": True, "SOUR:DELT:CSW": True, "SOUR:DELT:ARM": True,
    "SOUR:DELT:ARM?": True, "SOUR:DELT:NVPR?": True, "SOUR:SWE:COUN": True, "SOUR:SWE:ABOR": True,
    "INIT": True, "TRAC:POIN": True, "TRAC:POIN:ACT?": True, "TRAC:CLE": True, "TRAC:DATA?": True,
    "SENS:DATA?": True, "FORM:ELEM": True, "SYST:COMM:SER:SEND": True, "SYST:COMM:SER:ENT?": True,
    "ARM:SOUR": True, "TRIG:SOUR": True, "SYST:BEEP": True, "STAT:MEAS?": True, "STAT:QUE:CLE": True,
    "DISP:ENAB": True, "*OPC?": True, "SYST:ERR?": True,
    "SOUR:WAVE:FUNC": False, "SOUR:WAVE:FREQ": False, "SOUR:WAVE:ARM": False, "SOUR:PDEL:HIGH": False,
    "SOUR:PDEL:WIDT": False, "SOUR:PDEL:ARM": False, "SOUR:DCON:STAR": False, "SOUR:DCON:ARM": False,
    "SOUR:SWE:SPAC": False, "SOUR:CURR:STAR": False, "SOUR:LIST:CURR": False,
})
"""The 622x reference manual's remote commands a measurement uses: True emulated, False not (answers -113, or -114 for a
node emulated with other suffixes)."""

class CurrentSource(KeithleyCommon):
    """Keithley 6221 on the bench clock; its output drives A-A' on the sense routes."""

    MODEL = "MODEL 6221"
    SERIAL_NUMBER = "4559777"
    FIRMWARE = "D04  /700x "

    current = ScpiProperty(
        "[:SOURce]:CURRent[:LEVel][:IMMediate][:AMPLitude]",
        Float(unit="A", low=CURRENT_MIN, high=CURRENT_MAX, out_of_range="error"),
        default=CURRENT_DEFAULT, set="_check_current", doc="DC output current (A).")
    compliance = ScpiProperty(
        "[:SOURce]:CURRent:COMPliance",
        Float(unit="V", low=COMPLIANCE_MIN, high=COMPLIANCE_MAX, out_of_range="error"),
        default=COMPLIANCE_DEFAULT, doc="Compliance voltage (V).")
    source_range = ScpiProperty(
        "[:SOURce]:CURRent:RANGe",
        Float(unit="A", low=RANGE_MIN, high=RANGE_MAX, out_of_range="error"),
        default=RANGE_DEFAULT, set="_set_range", doc="Source range (A): the smallest range holding the value.")
    auto_range = ScpiProperty(
        "[:SOURce]:CURRent:RANGe:AUTO", Bool(), default=False, doc="Auto range on or off.")
    source_delay = ScpiProperty(
        "[:SOURce]:DELay", Float(unit="s", low=SOURCE_DELAY_MIN, high=SOURCE_DELAY_MAX, out_of_range="error"),
        default=SOURCE_DELAY_MIN, doc="Source delay (s) (stored).")
    output_enabled = ScpiProperty("OUTPut[:STATe]", Bool(), default=False, doc="Output on or off.")
    inner_shield = ScpiProperty(
        "OUTPut:ISHield", Choice("OLOW", "GUARd"), default="OLOW", doc="Inner shield to output low or guard.")
    low_to_earth = ScpiProperty("OUTPut:LTEarth", Bool(), default=False, doc="Output low connected to earth.")
    unit = ScpiProperty(
        "UNIT[:VOLTage][:DC]", Choice("V", "OHMS", "W", "SIEMens"), default="V",
        doc="Unit of delta readings: V, OHMS (V / I), W or SIEM.")
    delta_high = ScpiProperty(
        "[:SOURce]:DELTa:HIGH", Float(unit="A", low=DELTA_HIGH_MIN, high=DELTA_HIGH_MAX, out_of_range="error"),
        default=DELTA_HIGH_DEFAULT, doc="Delta high current (A).")
    delta_low = ScpiProperty(
        "[:SOURce]:DELTa:LOW", Float(unit="A", low=DELTA_LOW_MIN, high=DELTA_LOW_MAX, out_of_range="error"),
        default=DELTA_LOW_DEFAULT, doc="Delta low current (A).")
    delta_delay = ScpiProperty(
        "[:SOURce]:DELTa:DELay",
        Float(unit="s", low=DELTA_DELAY_MIN, high=DELTA_DELAY_MAX, out_of_range="error"),
        default=DELTA_DELAY_DEFAULT, doc="Delay after each current change before the 2182A converts (s).")
    delta_count = ScpiProperty(
        "[:SOURce]:DELTa:COUNt", Int(low=DELTA_COUNT_MIN, high=DELTA_COUNT_MAX, out_of_range="error", inf=True),
        default=math.inf, doc="Delta readings per sweep (INF: until aborted).")
    sweep_count = ScpiProperty(
        "[:SOURce]:SWEep:COUNt", Int(low=SWEEP_COUNT_MIN, high=SWEEP_COUNT_MAX, out_of_range="error", inf=True),
        default=SWEEP_COUNT_MIN, doc="Sweeps per INIT (delta: readings = DELT:COUN x SWE:COUN).")
    compliance_abort = ScpiProperty(
        "[:SOURce]:DELTa:CABort", Bool(), default=False, doc="Abort a delta run on compliance.")
    cold_switching = ScpiProperty(
        "[:SOURce]:DELTa:CSWitch", Bool(), default=False, doc="Cold switching (stored).")
    buffer_points = ScpiProperty(
        "TRACe:POINts", Int(low=BUFFER_POINTS_MIN, high=BUFFER_POINTS_MAX, out_of_range="error"),
        default=BUFFER_POINTS_MAX, doc="Buffer size (readings).")
    arm_source = ScpiProperty(
        "ARM[:SEQuence][:LAYer]:SOURce",
        Choice("IMMediate", "TIMer", "BUS", "TLINk", "BSTest", "PSTest", "NSTest", "MANual"), default="IMM",
        doc="Arm source (stored).")
    arm_timer = ScpiProperty(
        "ARM[:SEQuence][:LAYer]:TIMer",
        Float(unit="s", low=ARM_TIMER_MIN, high=ARM_TIMER_MAX, out_of_range="error"),
        default=ARM_TIMER_DEFAULT, doc="Arm timer interval (s) (stored).")
    arm_line = ScpiProperty(
        "ARM[:SEQuence][:LAYer]:ILINe", Int(low=TRIGGER_LINE_MIN, high=TRIGGER_LINE_MAX, out_of_range="error"),
        default=TRIGGER_LINE_MIN, doc="Arm input Trigger Link line (stored).")
    trigger_source = ScpiProperty(
        "TRIGger[:SEQuence]:SOURce", Choice("IMMediate", "TLINk"), default="IMM",
        doc="Trigger source: IMM or TLINk (the 622x has no BUS trigger layer).")
    trigger_input_line = ScpiProperty(
        "TRIGger[:SEQuence]:ILINe", Int(low=TRIGGER_LINE_MIN, high=TRIGGER_LINE_MAX, out_of_range="error"),
        default=TRIGGER_LINE_MIN, doc="Trigger input line (stored).")
    trigger_output_line = ScpiProperty(
        "TRIGger[:SEQuence]:OLINe", Int(low=TRIGGER_LINE_MIN, high=TRIGGER_LINE_MAX, out_of_range="error"),
        default=TRIGGER_OUTPUT_LINE_DEFAULT, doc="Trigger output line (stored).")
    trigger_output = ScpiProperty(
        "TRIGger[:SEQuence]:OUTPut", Choice("SOURce", "DELay", "NONE"), default="NONE",
        doc="When a trigger pulse is output (stored).")

    def __init__(self, clock=None, wiring=None, seed=0):
        self._delta_armed = False
        self._delta_level: float | None = None
        self._delta_process: simpy.Process | None = None
        self._buffer: list[tuple[float, float]] = []
        self._elements: tuple[str, ...] = ("READ", "TST")
        self._link: MessageSession | None = None
        self._link_reply = b""
        self._start_time = 0.0
        super().__init__(clock, wiring, seed)

    # --- output ------------------------------------------------------------------------------------
    def execute(self, text: str):
        """Run a message with the compliance bit brought up to date before and after it (the route may
        have changed meanwhile)."""
        self.delivered_current()
        responses = super().execute(text)
        self.delivered_current()
        return responses

    def programmed_current(self) -> float:
        """The current the source is asked for now (A): the delta level during a run, else SOUR:CURR."""
        if not self.output_enabled:
            return 0.0
        return self._delta_level if self._delta_level is not None else float(self.current)

    def delivered_current(self) -> float:
        """The current that flows into the load now (A), limited by the compliance."""
        wanted = self.programmed_current()
        load = self.wiring.source_load() if self.wiring is not None else math.inf
        limit = float(self.compliance)
        if wanted == 0.0:
            flowing, compliant = 0.0, False
        elif math.isinf(load):
            flowing, compliant = 0.0, True
        elif abs(wanted) * load > limit:
            flowing, compliant = math.copysign(limit / load, wanted), True
        else:
            flowing, compliant = wanted, False
        self.status_register("MEAS").set_condition(MEAS_COMPLIANCE, compliant)
        return flowing

    def in_compliance(self) -> bool:
        """Whether the output is at its compliance voltage now."""
        self.delivered_current()
        return bool(self.status_register("MEAS").condition & MEAS_COMPLIANCE)

    def _check_current(self, value: float) -> None:
        if not self.auto_range and abs(value) > float(self.source_range) * RANGE_OVERREACH:
            raise ScpiError(DATA_OUT_OF_RANGE, f"{value:g} A exceeds the {float(self.source_range):g} A range")

    def _set_range(self, value: float) -> float:
        chosen = next((r for r in RANGES if abs(value) <= r * RANGE_OVERREACH), RANGES[-1])
        if abs(float(self.current)) > chosen * RANGE_OVERREACH:
            raise ScpiError(SETTINGS_CONFLICT, f"the present current does not fit the {chosen:g} A range")
        return chosen

    @scpi_command("[:SOURce]:CLEar[:IMMediate]")
    def clear_source(self) -> None:
        """Turn the output off."""
        type(self).output_enabled.store(self, False)

    # --- delta mode ----------------------------------------------------------------------------------
    def linked_voltmeter(self) -> Any:
        """The 2182A on the RS-232 / Trigger Link, or None."""
        return self.wiring.voltmeter if self.wiring is not None else None

    @scpi_query("[:SOURce]:DELTa:NVPResent")
    def nanovoltmeter_present(self) -> int:
        """1 if a 2182A is linked."""
        return int(self.linked_voltmeter() is not None)

    @scpi_command("[:SOURce]:DELTa:ARM")
    def delta_arm(self) -> None:
        """Arm delta mode; -241 without a linked 2182A."""
        if self.linked_voltmeter() is None:
            raise ScpiError(HARDWARE_MISSING, "no 2182A on the RS-232 link")
        if self.delta_high <= self.delta_low:
            raise ScpiError(SETTINGS_CONFLICT, "DELT:HIGH must exceed DELT:LOW")
        self._delta_armed = True

    @scpi_query("[:SOURce]:DELTa:ARM")
    def delta_armed(self) -> int:
        """1 while delta mode is armed (or running)."""
        self.poll()
        return int(self._delta_armed)

    @scpi_command("INITiate[:IMMediate]")
    def initiate(self) -> None:
        """Start the armed delta run; -213 if nothing is armed or a run is going."""
        if not self._delta_armed or self.busy():
            raise ScpiError(INIT_IGNORED, "delta mode is not armed" if not self._delta_armed else "running")
        self._buffer = []
        self._start_time = self.clock.now()
        type(self).output_enabled.store(self, True)
        total = float(self.delta_count) * float(self.sweep_count)
        self._delta_process = self.run_process(self._delta_run(total))

    @scpi_command("[:SOURce]:SWEep:ABORt")
    def sweep_abort(self) -> None:
        """Stop a delta run and disarm."""
        if self._delta_process is not None and self._delta_process.is_alive:
            self._delta_process.interrupt()
        self._delta_process = None
        self._delta_armed = False
        self._delta_level = None

    def busy(self) -> bool:
        return self._delta_process is not None and self._delta_process.is_alive

    def _delta_run(self, total: float):
        env = self.clock.env
        voltmeter = self.linked_voltmeter()
        high, low = float(self.delta_high), float(self.delta_low)
        delay = float(self.delta_delay)
        points: list[tuple[float, float]] = []
        done = 0
        try:
            while done < total:
                level = high if len(points) % 2 == 0 else low
                self._delta_level = level
                yield env.timeout(delay)
                value = yield env.process(voltmeter.delta_sample())
                points.append((value, level))
                if self.compliance_abort and self.in_compliance():
                    break
                if len(points) >= 3:
                    (a, first), (b, _), (c, _) = points[-3:]
                    delta = math.copysign(1.0, first) * (a - 2.0 * b + c) / 4.0
                    if self.unit == "OHMS":
                        delta /= (high - low) / 2.0
                    if len(self._buffer) < int(self.buffer_points):
                        self._buffer.append((delta, env.now - self._start_time))
                    done += 1
        except simpy.Interrupt:
            return
        finally:
            self._delta_level = None
            self._delta_armed = False
        self.status_register("OPER").set_event(OPER_SWEEP_DONE)

    # --- buffer --------------------------------------------------------------------------------------
    @scpi_command("TRACe:CLEar")
    def clear_buffer(self) -> None:
        """Empty the buffer."""
        self._buffer = []

    @scpi_query("TRACe:POINts:ACTual")
    def buffer_count(self) -> int:
        """Readings stored."""
        return len(self._buffer)

    @scpi_query("TRACe:DATA")
    def buffer_data(self) -> str:
        """Every stored reading with the FORMat:ELEMents chosen."""
        return ",".join(self._format_entry(value, stamp, index) for index, (value, stamp) in enumerate(self._buffer))

    @scpi_query("[:SENSe]:DATA[:LATest]")
    def latest(self) -> str:
        """The latest delta reading; -230 if there is none."""
        if not self._buffer:
            raise ScpiError(DATA_STALE, "no delta reading")
        value, stamp = self._buffer[-1]
        return self._format_entry(value, stamp, len(self._buffer) - 1)

    def _format_entry(self, value: float, stamp: float, index: int) -> str:
        fields = []
        for element in self._elements:
            if element == "READ":
                fields.append(f"{value:+.6E}")
            elif element == "TST":
                fields.append(f"{stamp:+.6E}")
            elif element == "RNUM":
                fields.append(f"{index:+d}")
            elif element == "SOUR":
                fields.append(f"{float(self.delta_high):+.6E}")
            elif element == "UNIT":
                fields.append(self.unit)
            elif element in ("COMP", "AVOL"):
                fields.append("+0.000000E+00")
        return ",".join(fields)

    @scpi_command("FORMat:ELEMents", ListOf(Choice(FORMAT_ELEMENTS)))
    def set_elements(self, elements: tuple[str, ...]) -> None:
        """Fields of each buffered reading: READing, TSTamp, UNITs, RNUMber, SOURce, COMPliance, AVOLtage,
        ALL or DEFault (READ,TST)."""
        chosen: list[str] = []
        for element in elements:
            if element == "ALL":
                chosen = ["READ", "TST", "RNUM", "SOUR", "COMP", "AVOL", "UNIT"]
            elif element == "DEF":
                chosen = ["READ", "TST"]
            elif element not in chosen:
                chosen.append(element)
        self._elements = tuple(chosen)

    @scpi_query("FORMat:ELEMents")
    def elements(self) -> str:
        """The chosen fields."""
        return ",".join(self._elements)

    # --- the RS-232 link to the 2182A --------------------------------------------------------------
    @scpi_command("SYSTem:COMMunicate:SERial:SEND", String(max_length=SERIAL_LINE_MAX),
                  write_only="what was sent is read back with SERial:ENTer?")
    def serial_send(self, text: str) -> None:
        """Send a command string to the linked 2182A."""
        voltmeter = self.linked_voltmeter()
        if voltmeter is None:
            raise ScpiError(HARDWARE_MISSING, "no 2182A on the RS-232 link")
        if self._link is None:
            self._link = MessageSession(voltmeter)
        self._link.write(text.encode("latin-1", "replace") + b"\n")
        if self._link.response_pending:
            self._link_reply = self._link.read(timeout=SERIAL_TIMEOUT).data

    @scpi_query("SYSTem:COMMunicate:SERial:ENTer")
    def serial_enter(self) -> str:
        """The 2182A's answer to the last query sent (without its terminator)."""
        reply, self._link_reply = self._link_reply, b""
        return reply.decode("latin-1").strip()

    @scpi_command("SYSTem:BEEPer[:IMMediate]",
                  Float(unit="Hz", low=BEEP_FREQUENCY_MIN, high=BEEP_FREQUENCY_MAX, out_of_range="error"),
                  Float(unit="s", low=BEEP_DURATION_MIN, high=BEEP_DURATION_MAX, out_of_range="error"),
                  write_only="a beep leaves no state")
    def beep(self, frequency: float, duration: float) -> None:
        """Sound the beeper (nothing to emulate)."""

    def reset(self) -> None:
        self.sweep_abort()
        super().reset()
        self._elements = ("READ", "TST")
