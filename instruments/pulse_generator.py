"""`PulseGenerator`: a fast pulse generator after the Keysight (Agilent) 81150A, the source of the ~100 ns
write pulses on the pulse route A-A'.

Command subset (81150A/81160A manuals; PyMeasure `keysight81160A.py` sends these forms):
- `[:SOURce]:FUNCtion<ch>[:SHAPe] SIN|SQU|RAMP|PULS|NOIS|DC|USER`
- `[:SOURce]:PULSe:WIDTh<ch>`, `:PULSe:PERiod<ch>`, `:PULSe:DCYCle<ch>`, `:PULSe:HOLD<ch> WIDT|DCYC`,
  `:PULSe:DELay<ch>`, `[:SOURce]:FREQuency<ch>[:CW]`, `[:SOURce]:FUNCtion<ch>:PULSe:TRANsition[:LEADing]`
- `[:SOURce]:VOLTage<ch>:HIGH|:LOW`, `[:SOURce]:VOLTage<ch>[:LEVel][:IMMediate][:AMPLitude]`, `...:OFFSet`,
  `:VOLTage<ch>:UNIT`, `:VOLTage<ch>:LIMit:HIGH|:LOW|:STATe`
- `OUTPut<ch>[:STATe]`, `OUTPut<ch>:LOAD <Ohm>|INF` (= `OUTPut<ch>:IMPedance:EXTernal`), `OUTPut<ch>:POLarity`
- `:ARM:SOURce<ch> IMM|INT2|EXT|MAN`, `:TRIGger<ch>:COUNt` (= `[:SOURce]:BURSt<ch>:NCYCles`),
  `[:SOURce]:BURSt<ch>:STATe`, `:BURSt<ch>:MODE`, `:TRIGger<ch>:SOURce`, `*TRG` (the MAN trigger), `:ABORt`

Physics of the output (Thevenin source): the output is an open-circuit level E behind R_gen = 50 Ohm. The
displayed levels (VOLT:HIGH/LOW) are the voltage across the load the user declared with OUTP:LOAD:
V = E R_L / (R_L + 50), V = E for INF. Changing OUTP:LOAD changes the displayed values, not the output (as
the 33500/81150 family does). The current into the real load is E / (50 + R_path) (`Wiring.pulse_current`).

Limits (81150A data sheet values; verify against the unit you own): the open-circuit level window is
+-10 V (+-5 V into 50 Ohm, amplitude 50 mVpp .. 10 Vpp into 50 Ohm); width >= 4.1 ns; period 8.33 ns .. 1e6 s;
period >= width + 1.6 x edge time (manual 3.4.1). Numbers outside a limit are clipped to it with -222, as
this family does (the level window depends on OUTP:LOAD, so the level commands check it themselves); a coupled setting that cannot be met (high <= low, width against period) is refused with
-221 Settings conflict and the old value stays.

Timing: a trigger (*TRG with ARM:SOUR MAN) starts a burst of TRIG:COUN pulses, one every period after
PULS:DEL; each pulse lasts its width on the bench clock and the device feels it through the wiring; *OPC?
completes when the burst has run; a trigger during a burst is -211.

Emulation limits, enforced as the bench's interlock (-221, see `instruments.wiring`): with the pulse route
closed the output may not drive continuously — a non-pulse function, a free-running arm source (IMM, INT2)
or an idle level other than 0 V (normal polarity idles at LOW, inverted at HIGH). Set the idle level to 0 V
and trigger bursts, as the paper's single pulses need.
"""
from __future__ import annotations

from types import MappingProxyType

import math
from typing import Any

import simpy

from instruments.bench_instrument import BenchInstrument
from protocols import Bool, Choice, Float, Int, ScpiError, ScpiProperty, scpi_command
from protocols.errors import DATA_OUT_OF_RANGE, SETTINGS_CONFLICT, TRIGGER_IGNORED

SOURCE_IMPEDANCE = 50.0
"""Output source impedance R_gen (Ohm)."""
LEVEL_MIN = -10.0
"""Lowest open-circuit level (V); into 50 Ohm -5 V."""
LEVEL_MAX = 10.0
"""Highest open-circuit level (V); into 50 Ohm +5 V."""
AMPLITUDE_MIN = 0.05
"""Smallest amplitude (Vpp) as displayed into 50 Ohm; the open-circuit minimum is twice this."""
LEVEL_HIGH_DEFAULT = 0.5
"""*RST high level (V into the default 50 Ohm load), assumed (1 Vpp about 0 V)."""
LEVEL_LOW_DEFAULT = -0.5
"""*RST low level (V into the default 50 Ohm load), assumed."""
IDLE_LEVEL_MAX = 1e-3
"""Largest open-circuit idle level (V) the interlock counts as 0 V."""
PULSE_WIDTH_MIN = 4.1e-9
"""Narrowest pulse (s)."""
PULSE_WIDTH_MAX = 999_999.9
"""Widest pulse (s)."""
PULSE_WIDTH_DEFAULT = 100e-9
"""*RST width (s), assumed."""
PULSE_PERIOD_MIN = 8.33e-9
"""Shortest period (s)."""
PULSE_PERIOD_MAX = 1e6
"""Longest period (s)."""
PULSE_PERIOD_DEFAULT = 1e-6
"""*RST period (s): 1 MHz."""
FREQUENCY_MIN = 1e-6
"""Lowest pulse frequency (Hz): 1 / PULSE_PERIOD_MAX."""
FREQUENCY_MAX = 120e6
"""Highest pulse frequency (Hz)."""
DUTY_CYCLE_MIN = 0.0
"""Duty-cycle limits (%); the width limits still apply."""
DUTY_CYCLE_MAX = 100.0
EDGE_TIME_MIN = 2.5e-9
"""Fastest transition time (s)."""
EDGE_TIME_MAX = 1e-3
"""Slowest transition time (s)."""
EDGE_PERIOD_FACTOR = 1.6
"""Period >= width + EDGE_PERIOD_FACTOR x edge time (81150A manual 3.4.1)."""
PULSE_DELAY_MIN = 0.0
"""Trigger-to-pulse delay limits (s)."""
PULSE_DELAY_MAX = 999_999.9
LOAD_MIN = 0.3
"""Smallest expected load (Ohm) for OUTP:LOAD."""
LOAD_MAX = 1e6
"""Largest finite expected load (Ohm); INF is allowed."""
LOAD_DEFAULT = 50.0
"""*RST expected load (Ohm)."""
BURST_COUNT_MIN = 1
"""Pulses per trigger: limits (every pulse into the device is simulated, so large bursts take long)."""
BURST_COUNT_MAX = 2_147_483_647


MANUAL_COMMANDS = MappingProxyType({
    ":FUNC1": True, ":FUNC1?": True, ":PULS:WIDT1": True, ":PULS:PER1": True, ":PULS:DCYC1": True,
    ":PULS:HOLD1": True, ":PULS:DEL1": True, ":FREQ1": True, ":FUNC1:PULS:TRAN": True, ":VOLT1:HIGH": True,
    ":VOLT1:LOW": True, ":VOLT1": True, ":VOLT1:OFFS": True, ":VOLT1:UNIT": True, ":VOLT1:LIM:HIGH": True,
    ":VOLT1:LIM:STAT": True, ":OUTP1": True, ":OUTP1:LOAD": True, ":OUTP1:IMP:EXT": True, ":OUTP1:POL": True,
    ":ARM:SOUR1": True, ":TRIG1:COUN": True, ":BURS1:STAT": True, ":BURS1:NCYC": True, ":BURS1:MODE": True,
    ":TRIG1:SOUR": True, "*TRG": True, ":ABOR": True, "*OPC?": True, "SYST:ERR?": True,
    ":APPL1:PULS": False, ":TRAC:CHAN1": False, ":DATA1:DAC": False, ":AM1:STAT": False, ":FM1:STAT": False,
    ":PM1:STAT": False, ":PWM1:STAT": False, ":SWE1:STAT": False, ":DIG1:PATT": False, ":ARM:FREQ1": False,
})
"""The 81150A/81160A's remote commands a measurement uses: True emulated, False not (answers -113, or -114 for a
node emulated with other suffixes)."""

class _ArmSource(Choice):
    """ARM:SOURce keywords; INTernal2 carries a numeric suffix the keyword table cannot hold."""

    def __init__(self) -> None:
        super().__init__({"IMMediate": "IMM", "INTernal": "INT2", "EXTernal": "EXT", "MANual": "MAN"})

    def parse(self, token, ctx):
        if token.kind == "char" and token.value in ("INT2", "INTERNAL2"):
            return "INT2"
        return super().parse(token, ctx)

    def coerce(self, value):
        if isinstance(value, str) and value.strip().upper() in ("INT2", "INTERNAL2"):
            return "INT2"
        return super().coerce(value)

    def format(self, value: Any) -> str:
        return str(value)


def _display_factor(load: float) -> float:
    """Displayed level / open-circuit level for an expected load `load` (Ohm): R_L / (R_L + R_gen)."""
    return 1.0 if math.isinf(load) else load / (load + SOURCE_IMPEDANCE)


class PulseGenerator(BenchInstrument):
    """Two-channel pulse generator; channel 1 feeds the bench's pulse route."""

    MANUFACTURER = "Agilent Technologies"
    MODEL = "81150A"
    SERIAL_NUMBER = "MY00000001"
    FIRMWARE = "2.0.0.0-2.0"
    #: Error queue entries (81150A: 30, assumed).
    ERROR_QUEUE_SIZE = 30

    function = ScpiProperty(
        "[:SOURce]:FUNCtion<ch:1-2>[:SHAPe]",
        Choice("SINusoid", "SQUare", "RAMP", "PULSe", "NOISe", "DC", "USER"),
        default="SIN", set="_check_function", doc="Waveform function; only PULSe is modelled into the device.")
    width = ScpiProperty(
        "[:SOURce]:PULSe:WIDTh<ch:1-2>",
        Float(unit="s", low=PULSE_WIDTH_MIN, high=PULSE_WIDTH_MAX, out_of_range="clip_error"),
        default=PULSE_WIDTH_DEFAULT, set="_check_width", doc="Pulse width (s), 50 % to 50 %.")
    period = ScpiProperty(
        "[:SOURce]:PULSe:PERiod<ch:1-2>",
        Float(unit="s", low=PULSE_PERIOD_MIN, high=PULSE_PERIOD_MAX, out_of_range="clip_error"),
        default=PULSE_PERIOD_DEFAULT, set="_check_period", doc="Pulse period (s); spacing of the pulses of a burst.")
    frequency = ScpiProperty(
        "[:SOURce]:FREQuency<ch:1-2>[:CW]",
        Float(unit="Hz", low=FREQUENCY_MIN, high=FREQUENCY_MAX, out_of_range="clip_error"),
        default=1.0 / PULSE_PERIOD_DEFAULT, get="_get_frequency", set="_set_frequency",
        doc="Pulse frequency (Hz) = 1 / period.")
    duty_cycle = ScpiProperty(
        "[:SOURce]:PULSe:DCYCle<ch:1-2>",
        Float(unit="%", low=DUTY_CYCLE_MIN, high=DUTY_CYCLE_MAX, out_of_range="clip_error"),
        default=100.0 * PULSE_WIDTH_DEFAULT / PULSE_PERIOD_DEFAULT, get="_get_duty_cycle", set="_set_duty_cycle",
        doc="Duty cycle (%) = 100 width / period.")
    hold = ScpiProperty(
        "[:SOURce]:PULSe:HOLD<ch:1-2>", Choice("WIDTh", "DCYCle"), default="WIDT",
        doc="What a period change keeps: the width or the duty cycle.")
    delay = ScpiProperty(
        "[:SOURce]:PULSe:DELay<ch:1-2>",
        Float(unit="s", low=PULSE_DELAY_MIN, high=PULSE_DELAY_MAX, out_of_range="clip_error"),
        default=PULSE_DELAY_MIN, doc="Delay from the trigger to the first pulse (s).")
    edge_time = ScpiProperty(
        "[:SOURce]:FUNCtion<ch:1-2>:PULSe:TRANsition[:LEADing]",
        Float(unit="s", low=EDGE_TIME_MIN, high=EDGE_TIME_MAX, out_of_range="clip_error"),
        default=EDGE_TIME_MIN, set="_check_edge", doc="Leading and trailing transition time (s).")
    high = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>:HIGH",
        Float(unit="V"),
        default=LEVEL_HIGH_DEFAULT, set="_set_high", doc="High level (V across the declared load).")
    low = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>:LOW",
        Float(unit="V"),
        default=LEVEL_LOW_DEFAULT, set="_set_low", doc="Low level (V across the declared load).")
    amplitude = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>[:LEVel][:IMMediate][:AMPLitude]",
        Float(unit="V"),
        default=LEVEL_HIGH_DEFAULT - LEVEL_LOW_DEFAULT, get="_get_amplitude", set="_set_amplitude",
        doc="Amplitude high - low (Vpp across the declared load); the offset is kept.")
    offset = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>[:LEVel][:IMMediate]:OFFSet",
        Float(unit="V"),
        default=(LEVEL_HIGH_DEFAULT + LEVEL_LOW_DEFAULT) / 2, get="_get_offset", set="_set_offset",
        doc="Offset (high + low) / 2 (V across the declared load); the amplitude is kept.")
    voltage_unit = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>:UNIT", Choice("VPP", "VRMS", "DBM"), default="VPP", set="_check_unit",
        doc="Amplitude unit; only VPP is emulated.")
    limit_high = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>:LIMit:HIGH",
        Float(unit="V", low=LEVEL_MIN, high=LEVEL_MAX, out_of_range="clip_error"),
        default=LEVEL_MAX / 2, doc="Upper voltage limit (V) enforced while LIMit:STATe is ON.")
    limit_low = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>:LIMit:LOW",
        Float(unit="V", low=LEVEL_MIN, high=LEVEL_MAX, out_of_range="clip_error"),
        default=LEVEL_MIN / 2, doc="Lower voltage limit (V) enforced while LIMit:STATe is ON.")
    limit_enabled = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>:LIMit:STATe", Bool(), default=False,
        doc="Refuse levels outside LIMit:LOW..LIMit:HIGH (protects the device).")
    output_enabled = ScpiProperty(
        "OUTPut<ch:1-2>[:STATe]", Bool(), default=False, set="_set_output", doc="Output relay on or off.")
    load = ScpiProperty(
        "OUTPut<ch:1-2>:LOAD",
        Float(unit="Ohm", low=LOAD_MIN, high=LOAD_MAX, out_of_range="clip_error", inf=True),
        default=LOAD_DEFAULT, set="_set_load", doc="Expected load (Ohm or INF) the displayed levels refer to.")
    load_external = ScpiProperty(
        "OUTPut<ch:1-2>:IMPedance:EXTernal",
        Float(unit="Ohm", low=LOAD_MIN, high=LOAD_MAX, out_of_range="clip_error", inf=True),
        default=LOAD_DEFAULT, get="_get_load", set="_set_load_external", doc="Same as OUTPut:LOAD.")
    polarity = ScpiProperty(
        "OUTPut<ch:1-2>:POLarity", Choice("NORMal", "INVerted"), default="NORM", set="_set_polarity",
        doc="NORMal: idle at LOW, pulse to HIGH; INVerted: idle at HIGH, pulse to LOW.")
    arm_source = ScpiProperty(
        ":ARM:SOURce<ch:1-2>", _ArmSource(), default="IMM", set="_set_arm_source",
        doc="Arm source: IMM (free-running), INT2, EXT or MAN (*TRG starts a burst).")
    trigger_source = ScpiProperty(
        ":TRIGger<ch:1-2>:SOURce", Choice("IMMediate", "INTernal", "EXTernal", "MANual"), default="IMM",
        doc="Timing of the pulses within a burst (IMM: the internal period); stored.")
    burst_count = ScpiProperty(
        ":TRIGger<ch:1-2>:COUNt",
        Int(low=BURST_COUNT_MIN, high=BURST_COUNT_MAX, out_of_range="error"),
        default=BURST_COUNT_MIN, doc="Pulses per trigger (burst length).")
    burst_cycles = ScpiProperty(
        "[:SOURce]:BURSt<ch:1-2>:NCYCles",
        Int(low=BURST_COUNT_MIN, high=BURST_COUNT_MAX, out_of_range="error"),
        default=BURST_COUNT_MIN, get="_get_burst_cycles", set="_set_burst_cycles", doc="Same as TRIGger:COUNt.")
    burst_enabled = ScpiProperty(
        "[:SOURce]:BURSt<ch:1-2>:STATe", Bool(), default=False, get="_get_burst_enabled",
        set="_set_burst_enabled", doc="Burst mode: ON while TRIG:COUN > 1; OFF sets it to 1.")
    burst_mode = ScpiProperty(
        "[:SOURce]:BURSt<ch:1-2>:MODE", Choice("TRIGgered", "GATed"), default="TRIG",
        doc="Burst mode; only TRIGgered is emulated.")

    def __init__(self, clock=None, wiring=None, seed=0):
        self._bursts: dict[int, simpy.Process] = {}
        self.pulses_fired = 0
        """Pulses generated since power-on (whether or not they reached anything)."""
        super().__init__(clock, wiring, seed)

    # --- time ------------------------------------------------------------------------------------
    def busy(self) -> bool:
        return any(process.is_alive for process in self._bursts.values())

    def trigger(self) -> None:
        """*TRG / GET: start a burst on every channel armed MANual; -211 if none is, or one is busy."""
        channels = [ch for ch in (1, 2) if self.arm_source_of(ch) == "MAN"]
        if not channels:
            raise ScpiError(TRIGGER_IGNORED, "ARM:SOUR is not MAN")
        if any(ch in self._bursts and self._bursts[ch].is_alive for ch in channels):
            raise ScpiError(TRIGGER_IGNORED, "a burst is still running")
        for ch in channels:
            self._check_interlock(ch)
        for ch in channels:
            self._bursts[ch] = self.run_process(self._burst(ch))

    def _burst(self, ch: int):
        env = self.clock.env
        count = self.burst_count_of(ch)
        period, width, delay = (float(self._get(name, ch)) for name in ("period", "width", "delay"))
        try:
            if delay > 0:
                yield env.timeout(delay)
            for index in range(count):
                start = env.now
                self.pulses_fired += 1
                if self.output_of(ch) and ch == 1 and self.wiring is not None:
                    yield env.process(self.wiring.pulse(self.pulse_emf(ch), SOURCE_IMPEDANCE, width))
                else:
                    yield env.timeout(width)
                if index < count - 1:
                    rest = period - (env.now - start)
                    if rest > 0:
                        yield env.timeout(rest)
        except simpy.Interrupt:
            return

    @scpi_command(":ABORt")
    def abort(self) -> None:
        """Stop running bursts (a pulse already under way finishes)."""
        for process in self._bursts.values():
            if process.is_alive:
                process.interrupt()
        self._bursts.clear()

    def reset(self) -> None:
        self.abort()
        super().reset()

    # --- the output ------------------------------------------------------------------------------
    def _get(self, name: str, ch: int) -> Any:
        return getattr(type(self), name).get(self, ch=ch)

    def output_of(self, ch: int) -> bool:
        return bool(self._get("output_enabled", ch))

    def arm_source_of(self, ch: int) -> str:
        return str(self._get("arm_source", ch))

    def burst_count_of(self, ch: int) -> int:
        return int(self._get("burst_count", ch))

    def open_circuit_levels(self, ch: int) -> tuple[float, float]:
        """(high, low) open-circuit levels E (V) of channel `ch`."""
        factor = _display_factor(float(self._get("load", ch)))
        return float(self._get("high", ch)) / factor, float(self._get("low", ch)) / factor

    def pulse_emf(self, ch: int) -> float:
        """Open-circuit level during a pulse (V): HIGH in normal polarity, LOW inverted."""
        high, low = self.open_circuit_levels(ch)
        return high if self._get("polarity", ch) == "NORM" else low

    def idle_emf(self, ch: int) -> float:
        """Open-circuit level between pulses (V): LOW in normal polarity, HIGH inverted."""
        high, low = self.open_circuit_levels(ch)
        return low if self._get("polarity", ch) == "NORM" else high

    def continuous_drive(self, ch: int, **changes: Any) -> str | None:
        """Why channel `ch` would drive its load continuously with `changes` applied, or None."""
        state = {name: changes.get(name, self._get(name, ch))
                 for name in ("output_enabled", "function", "arm_source", "polarity")}
        if not state["output_enabled"]:
            return None
        if state["function"] != "PULS":
            return f"outputs a continuous {state['function']} waveform (FUNC {state['function']})"
        if state["arm_source"] in ("IMM", "INT2"):
            return f"free-runs (ARM:SOUR {state['arm_source']}); use ARM:SOUR MAN and *TRG"
        high, low = changes.get("levels", self.open_circuit_levels(ch))
        idle = low if state["polarity"] == "NORM" else high
        if abs(idle) > IDLE_LEVEL_MAX:
            return f"idles at {idle:.3g} V open-circuit (set the idle level to 0 V)"
        return None

    def _check_interlock(self, ch: int, **changes: Any) -> None:
        if ch != 1 or self.wiring is None or self.wiring.route != "pulse":
            return
        reason = self.continuous_drive(ch, **changes)
        if reason is not None:
            raise ScpiError(SETTINGS_CONFLICT, f"interlock: the pulse route is closed and the output {reason}")

    # --- set hooks -------------------------------------------------------------------------------
    def _set_output(self, value: bool, ch: int = 1) -> None:
        self._check_interlock(ch, output_enabled=value)

    def _check_function(self, value: str, ch: int = 1) -> None:
        self._check_interlock(ch, function=value)

    def _set_arm_source(self, value: str, ch: int = 1) -> None:
        self._check_interlock(ch, arm_source=value)

    def _set_polarity(self, value: str, ch: int = 1) -> None:
        self._check_interlock(ch, polarity=value)

    def _check_unit(self, value: str, ch: int = 1) -> None:
        if value != "VPP":
            raise ScpiError(SETTINGS_CONFLICT, "only VPP amplitudes are emulated")

    def _check_width(self, value: float, ch: int = 1) -> None:
        period = float(self._get("period", ch))
        edge = float(self._get("edge_time", ch))
        if value + EDGE_PERIOD_FACTOR * edge > period:
            raise ScpiError(SETTINGS_CONFLICT, f"width + 1.6 x edge exceeds the period {period:.4g} s")

    def _check_period(self, value: float, ch: int = 1) -> None:
        width = float(self._get("width", ch))
        edge = float(self._get("edge_time", ch))
        if self._get("hold", ch) == "DCYC":
            width = value * width / float(self._get("period", ch))
        if width + EDGE_PERIOD_FACTOR * edge > value:
            raise ScpiError(SETTINGS_CONFLICT, f"period below width + 1.6 x edge ({width + 1.6 * edge:.4g} s)")
        if self._get("hold", ch) == "DCYC":
            type(self).width.store(self, width, ch=ch)

    def _check_edge(self, value: float, ch: int = 1) -> None:
        if float(self._get("width", ch)) + EDGE_PERIOD_FACTOR * value > float(self._get("period", ch)):
            raise ScpiError(SETTINGS_CONFLICT, "edge time too long for the width and period")

    def _get_frequency(self, ch: int = 1) -> float:
        return 1.0 / float(self._get("period", ch))

    def _set_frequency(self, value: float, ch: int = 1) -> float:
        period = min(max(1.0 / value, PULSE_PERIOD_MIN), PULSE_PERIOD_MAX)
        self._check_period(period, ch)
        type(self).period.store(self, period, ch=ch)
        return value

    def _get_duty_cycle(self, ch: int = 1) -> float:
        return 100.0 * float(self._get("width", ch)) / float(self._get("period", ch))

    def _set_duty_cycle(self, value: float, ch: int = 1) -> float:
        width = value / 100.0 * float(self._get("period", ch))
        if not PULSE_WIDTH_MIN <= width <= PULSE_WIDTH_MAX:
            raise ScpiError(DATA_OUT_OF_RANGE, f"duty cycle gives a width of {width:.4g} s")
        self._check_width(width, ch)
        type(self).width.store(self, width, ch=ch)
        return value

    def _get_load(self, ch: int = 1) -> float:
        return float(self._get("load", ch))

    def _set_load(self, value: float, ch: int = 1) -> None:
        scale = _display_factor(value) / _display_factor(float(self._get("load", ch)))
        for name in ("high", "low", "limit_high", "limit_low"):
            declaration = getattr(type(self), name)
            declaration.store(self, float(declaration.get(self, ch=ch)) * scale, ch=ch)

    def _set_load_external(self, value: float, ch: int = 1) -> float:
        self._set_load(value, ch)
        type(self).load.store(self, value, ch=ch)
        return value

    # --- levels ----------------------------------------------------------------------------------
    def _set_high(self, value: float, ch: int = 1) -> float:
        high, _ = self._set_levels(ch, value, float(self._get("low", ch)))
        return high

    def _set_low(self, value: float, ch: int = 1) -> float:
        _, low = self._set_levels(ch, float(self._get("high", ch)), value)
        return low

    def _get_amplitude(self, ch: int = 1) -> float:
        return float(self._get("high", ch)) - float(self._get("low", ch))

    def _set_amplitude(self, value: float, ch: int = 1) -> float:
        smallest = AMPLITUDE_MIN / _display_factor(LOAD_DEFAULT) * _display_factor(float(self._get("load", ch)))
        if value < smallest:
            self.push_error(ScpiError(DATA_OUT_OF_RANGE, f"amplitude clipped to {smallest:.4g} Vpp"))
            value = smallest
        center = self._get_offset(ch)
        high, low = self._set_levels(ch, center + value / 2, center - value / 2)
        return high - low

    def _get_offset(self, ch: int = 1) -> float:
        return (float(self._get("high", ch)) + float(self._get("low", ch))) / 2

    def _set_offset(self, value: float, ch: int = 1) -> float:
        half = self._get_amplitude(ch) / 2
        high, low = self._set_levels(ch, value + half, value - half)
        return (high + low) / 2

    def _set_levels(self, ch: int, high: float, low: float) -> tuple[float, float]:
        """Check and store displayed levels `high`, `low` (V); clip to the window with -222, refuse
        conflicts with -221. Returns the stored pair."""
        factor = _display_factor(float(self._get("load", ch)))
        window = LEVEL_MAX * factor
        clipped = (min(max(high, -window), window), min(max(low, -window), window))
        if clipped != (high, low):
            self.push_error(ScpiError(DATA_OUT_OF_RANGE, f"levels clipped to +-{window:.4g} V"))
            high, low = clipped
        if high - low < AMPLITUDE_MIN / _display_factor(LOAD_DEFAULT) * factor * (1.0 - 1e-9):
            raise ScpiError(SETTINGS_CONFLICT, f"high {high:.4g} V must exceed low {low:.4g} V by the minimum amplitude")
        if self._get("limit_enabled", ch):
            top, bottom = float(self._get("limit_high", ch)), float(self._get("limit_low", ch))
            if high > top or low < bottom:
                raise ScpiError(SETTINGS_CONFLICT, f"levels outside the voltage limits {bottom:.4g} .. {top:.4g} V")
        self._check_interlock(ch, levels=(high / factor, low / factor))
        type(self).high.store(self, high, ch=ch)
        type(self).low.store(self, low, ch=ch)
        return high, low

    # --- bursts ----------------------------------------------------------------------------------
    def _get_burst_cycles(self, ch: int = 1) -> int:
        return self.burst_count_of(ch)

    def _set_burst_cycles(self, value: int, ch: int = 1) -> None:
        type(self).burst_count.store(self, value, ch=ch)

    def _get_burst_enabled(self, ch: int = 1) -> bool:
        return self.burst_count_of(ch) > 1

    def _set_burst_enabled(self, value: bool, ch: int = 1) -> None:
        if not value:
            type(self).burst_count.store(self, BURST_COUNT_MIN, ch=ch)
