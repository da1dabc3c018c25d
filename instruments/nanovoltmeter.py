"""`Nanovoltmeter`: a Keithley 2182A nanovoltmeter reading the Hall voltage across B-B' (channel 1).

Command subset (2182A manual; PyMeasure `keithley2182.py` and `buffer.py` send these forms):
- `[:SENSe]:FUNCtion 'VOLT[:DC]'|'TEMP'` (query: `"VOLT:DC"`), `[:SENSe]:CHANnel 0|1|2`
- `[:SENSe]:VOLTage[:DC]:NPLCycles` (0.01 .. 50 at 50 Hz mains), `:APERture`,
  `[:SENSe]:VOLTage[:DC][:CHANnel<ch>]:RANGe[:UPPer]` (0 .. 120 V ch 1, 0 .. 12 V ch 2) and `:RANGe:AUTO`,
  `...:CHANnel<ch>:REFerence`, `:REFerence:STATe`, `:REFerence:ACQuire`,
  `[:SENSe]:VOLTage[:DC]:DFILter[:STATe]`, `:DFILter:COUNt`, `:DFILter:TCONtrol`, `:LPASs[:STATe]`
- `[:SENSe]:TEMPerature:NPLCycles`, `:TC`, `:RJUNction:RSELect`, `:RJUNction:SIMulated`, `:RTEMperature?`
- `READ?`, `FETCh?`, `MEASure[:VOLTage][:DC]?`, `[:SENSe]:DATA[:LATest]?`, `[:SENSe]:DATA:FRESh?`,
  `INITiate[:IMMediate]`, `INITiate:CONTinuous`, `ABORt`, `*TRG`
- `TRIGger:SOURce IMM|EXT|TIM|MAN|BUS`, `TRIGger:DELay`, `TRIGger:COUNt`, `TRIGger:TIMer`
- `TRACe:POINts`, `TRACe:FEED`, `TRACe:FEED:CONTrol`, `TRACe:CLEar`, `TRACe:DATA?`, `TRACe:POINts:ACTual?`
- `CALCulate2:FORMat MEAN|SDEV|MAX|MIN|PKPK|NONE`, `CALCulate2:STATe`, `CALCulate2:IMMediate[?]`
- `SYSTem:AZERo[:STATe]`, `SYSTem:LFRequency?`, `FORMat[:DATA]`, plus `KeithleyCommon`.

Measurement (on the bench clock): one reading integrates `conversions x NPLC / f_line` seconds, where the
digital filter (on by default, 10 conversions) averages `DFIL:COUN` conversions after each trigger (both
filter types refill their stack after a trigger here; the moving filter's free-running update is not
modelled). Its value is the voltage the wiring presents at that instant (`Wiring.voltmeter_input`: on the
`hall` route I x R_xy of the device, else an offset, plus the leads' thermoelectric drift) plus noise from
`VoltmeterNoise` (white meter noise on the range and Johnson noise of the source, sigma = e / sqrt(2 T), and
the meter's 1/f noise below its corner, `FlickerNoise`), seeded. Auto-range picks the smallest range that
holds 120 % of the value; on a fixed range a larger value reads +9.9E37 (overflow, MEASurement bit 0).
READ? is ABORt + INIT + FETCh?; it takes TRIG:COUN readings (joined with commas) and answers when they are
done (a VISA read shorter than that times out in simulated time). READ? with TRIG:SOUR BUS is -214.

The sample outside its model's range: each time the mounted device logs a model-range warning
(`SkyrmionDevice.warnings`, once per entry into the condition, e.g. skyrmions held beyond the thin-wall range of
their radius law), the next reading of the sample (channel 1 on the `hall` route) queues the device-specific error
`+701,"Sample outside model range;<the device's message>"` (SYSTem:ERRor?, ESR bit DDE). The reading itself is
still the model's value, as a real meter would read a sample in an unforeseen state.
"""
from __future__ import annotations

from types import MappingProxyType

import math
import statistics
from typing import Any

import simpy

from instruments.keithley import (
    MEAS_BUFFER_AVAILABLE,
    MEAS_BUFFER_FULL,
    MEAS_BUFFER_HALF_FULL,
    MEAS_READING_AVAILABLE,
    MEAS_READING_OVERFLOW,
    KeithleyCommon,
)
from instruments.voltmeter_noise import RANGES_CHANNEL_1, RANGES_CHANNEL_2, FlickerNoise, VoltmeterNoise
from protocols import Bool, Choice, Deferred, Float, Int, ScpiError, ScpiProperty, String, scpi_command, scpi_query
from protocols.errors import (
    DATA_OUT_OF_RANGE,
    DATA_STALE,
    ILLEGAL_PARAMETER_VALUE,
    INIT_IGNORED,
    SETTINGS_CONFLICT,
    TRIGGER_DEADLOCK,
    TRIGGER_IGNORED,
)

LINE_FREQUENCY = 50.0
"""Mains frequency (Hz) of the bench (the paper's lab, Swiss Light Source): sets the integration time."""
NPLC_MIN = 0.01
"""Shortest integration (power-line cycles)."""
NPLC_MAX = 60.0
"""Longest integration (PLC) on 60 Hz mains; on 50 Hz mains NPLC_MAX_50HZ."""
NPLC_MAX_50HZ = 50.0
"""Longest integration (PLC) on 50 Hz mains."""
NPLC_DEFAULT = 5.0
"""*RST integration (PLC)."""
APERTURE_MIN = NPLC_MIN / 60.0
"""Shortest aperture (s)."""
APERTURE_MAX = 1.0
"""Longest aperture (s)."""
RANGE_MIN = 0.0
"""Range requests (V): 0 .. 120 on channel 1, 0 .. 12 on channel 2."""
RANGE_MAX_CHANNEL_1 = 120.0
RANGE_MAX_CHANNEL_2 = 12.0
RANGE_DEFAULT = 10.0
"""*RST range (V) (auto-range is on after *RST)."""
OVERRANGE = 1.2
"""A range reads up to 120 % of its nominal value."""
OVERFLOW_READING = 9.9e37
"""What an overflowed reading reads."""
CHANNEL_MIN = 0
"""Channel numbers: 0 internal temperature, 1 and 2 the inputs."""
CHANNEL_MAX = 2
FILTER_COUNT_MIN = 1
"""Digital filter length (conversions): limits and default."""
FILTER_COUNT_MAX = 100
FILTER_COUNT_DEFAULT = 10
TRIGGER_DELAY_MIN = 0.0
"""Trigger delay (s): limits."""
TRIGGER_DELAY_MAX = 999_999.999
TRIGGER_COUNT_MIN = 1
"""Readings per INIT: limits."""
TRIGGER_COUNT_MAX = 9999
TIMER_MIN = 1e-3
"""Timer trigger interval (s): limits and default."""
TIMER_MAX = 999_999.999
TIMER_DEFAULT = 0.1
BUFFER_POINTS_MIN = 2
"""Buffer size (readings): limits and default."""
BUFFER_POINTS_MAX = 1024
BUFFER_POINTS_DEFAULT = 100
REFERENCE_MIN = -120.0
"""Relative-offset limits (V)."""
REFERENCE_MAX = 120.0
TEMPERATURE_REFERENCE_MIN = -273.0
"""Temperature relative-offset limits (degC)."""
TEMPERATURE_REFERENCE_MAX = 1800.0
JUNCTION_TEMPERATURE_MIN = 0.0
"""Simulated reference-junction temperature (degC): limits and default."""
JUNCTION_TEMPERATURE_MAX = 60.0
JUNCTION_TEMPERATURE_DEFAULT = 23.0
INTERNAL_TEMPERATURE = 28.0
"""Temperature of the meter's own sensor (degC), assumed."""
TEMPERATURE_NOISE = 0.01
"""rms noise of a temperature reading (K), assumed."""
ZERO_KELVIN_CELSIUS = -273.15
"""0 K in degC."""
SAMPLE_OUTSIDE_MODEL_RANGE = 701
"""Device-specific (positive) SCPI error the emulated 2182A queues when the sample's model leaves its range; an
emulator code, chosen apart from the manual's status-event codes (e.g. +301 reading overflow)."""
SAMPLE_OUTSIDE_MODEL_RANGE_MESSAGE = "Sample outside model range"
"""Its error text; the device's warning follows after ';'."""
ERROR_TEXT_MAX = 255
"""Longest error/event description SYSTem:ERRor? returns (characters; SCPI-99 vol. 2, 21.8.1)."""


def _select_range(ranges: tuple[float, ...], request: float) -> float:
    """The smallest range that holds `request` (V)."""
    for value in ranges:
        if abs(request) <= value * (1.0 + 1e-12):
            return value
    return ranges[-1]


MANUAL_COMMANDS = MappingProxyType({
    "SENS:FUNC": True, "SENS:CHAN": True, "SENS:VOLT:NPLC": True, "SENS:VOLT:APER": True,
    "SENS:VOLT:CHAN1:RANG": True, "SENS:VOLT:CHAN1:RANG:AUTO": True, "SENS:VOLT:CHAN1:REF": True,
    "SENS:VOLT:CHAN1:REF:STAT": True, "SENS:VOLT:DFIL": True, "SENS:VOLT:DFIL:COUN": True,
    "SENS:VOLT:DFIL:TCON": True, "SENS:VOLT:LPAS": True, "SENS:TEMP:NPLC": True, "SENS:TEMP:TC": True,
    "READ?": True, "FETC?": True, "MEAS:VOLT?": True, "SENS:DATA?": True, "SENS:DATA:FRES?": True,
    "INIT": True, "INIT:CONT": True, "ABOR": True, "TRIG:SOUR": True, "TRIG:DEL": True, "TRIG:COUN": True,
    "TRIG:TIM": True, "TRAC:POIN": True, "TRAC:FEED": True, "TRAC:FEED:CONT": True, "TRAC:CLE": True,
    "TRAC:DATA?": True, "CALC2:FORM": True, "CALC2:STAT": True, "CALC2:IMM?": True, "SYST:AZER": True,
    "SYST:LFR?": True, "FORM": True, "STAT:MEAS?": True, "*OPC?": True, "SYST:ERR?": True,
    "CALC1:FORM": False, "CALC1:KMAT:MMF": False, "CALC3:LIM:UPP": False, "SENS:VOLT:DIG": False,
    "SYST:FAZ": False, "SYST:LSYN": False, "SENS:VOLT:CHAN1:LPAS": False,
})
"""The 2182A manual's remote commands a measurement uses: True emulated, False not (answers -113, or -114 for a
node emulated with other suffixes)."""

class Nanovoltmeter(KeithleyCommon):
    """Keithley 2182A on the bench clock; channel 1 is wired to the Hall arms on the `hall` route."""

    MODEL = "MODEL 2182A"
    SERIAL_NUMBER = "4000001"
    FIRMWARE = "C02  /A02"

    function = ScpiProperty(
        "[:SENSe]:FUNCtion", String(), default="VOLT:DC", set="_set_function",
        doc="Measurement function 'VOLT[:DC]' or 'TEMP' (quoted).")
    channel = ScpiProperty(
        "[:SENSe]:CHANnel", Int(low=CHANNEL_MIN, high=CHANNEL_MAX, out_of_range="error"), default=1,
        doc="Active channel: 0 internal temperature, 1 or 2.")
    nplc = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:NPLCycles", Float(low=NPLC_MIN, high=NPLC_MAX, out_of_range="error"),
        default=NPLC_DEFAULT, set="_check_nplc", doc="Voltage integration time (power-line cycles).")
    aperture = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:APERture", Float(unit="s", low=APERTURE_MIN, high=APERTURE_MAX, out_of_range="error"),
        default=NPLC_DEFAULT / LINE_FREQUENCY, get="_get_aperture", set="_set_aperture",
        doc="Voltage integration time (s) = NPLC / line frequency.")
    voltage_range = ScpiProperty(
        "[:SENSe]:VOLTage[:DC][:CHANnel<ch:1-2>]:RANGe[:UPPer]",
        Float(unit="V", low=RANGE_MIN, high=RANGE_MAX_CHANNEL_1, out_of_range="error"),
        default=RANGE_DEFAULT, set="_set_range",
        doc="Expected voltage (V); selects the smallest range that holds it and turns auto-range off.")
    auto_range = ScpiProperty(
        "[:SENSe]:VOLTage[:DC][:CHANnel<ch:1-2>]:RANGe:AUTO", Bool(), default=True,
        doc="Auto-range on or off.")
    reference = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:CHANnel<ch:1-2>:REFerence",
        Float(unit="V", low=REFERENCE_MIN, high=REFERENCE_MAX, out_of_range="error"), default=0.0,
        doc="Relative offset (V) subtracted while REFerence:STATe is ON.")
    reference_enabled = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:CHANnel<ch:1-2>:REFerence:STATe", Bool(), default=False,
        doc="Subtract the reference from readings.")
    filter_enabled = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:DFILter[:STATe]", Bool(), default=True, doc="Digital (averaging) filter on or off.")
    filter_count = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:DFILter:COUNt",
        Int(low=FILTER_COUNT_MIN, high=FILTER_COUNT_MAX, out_of_range="error"), default=FILTER_COUNT_DEFAULT,
        doc="Conversions the digital filter averages.")
    filter_type = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:DFILter:TCONtrol", Choice("MOVing", "REPeat"), default="MOV",
        doc="Digital filter type (both refill after a trigger here).")
    analog_filter = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:LPASs[:STATe]", Bool(), default=True, doc="Analog low-pass filter (stored).")
    temperature_nplc = ScpiProperty(
        "[:SENSe]:TEMPerature:NPLCycles", Float(low=NPLC_MIN, high=NPLC_MAX, out_of_range="error"),
        default=NPLC_DEFAULT, set="_check_nplc", doc="Temperature integration time (PLC).")
    thermocouple = ScpiProperty(
        "[:SENSe]:TEMPerature:TC", Choice("B", "E", "J", "K", "N", "R", "S", "T"), default="J",
        doc="Thermocouple type (stored; readings give the sample temperature).")
    junction_source = ScpiProperty(
        "[:SENSe]:TEMPerature:RJUNction:RSELect", Choice("SIMulated", "INTernal"), default="INT",
        doc="Reference junction: simulated or internal.")
    junction_temperature = ScpiProperty(
        "[:SENSe]:TEMPerature:RJUNction:SIMulated",
        Float(unit="degC", low=JUNCTION_TEMPERATURE_MIN, high=JUNCTION_TEMPERATURE_MAX, out_of_range="error"),
        default=JUNCTION_TEMPERATURE_DEFAULT, doc="Simulated reference-junction temperature (degC).")
    temperature_reference = ScpiProperty(
        "[:SENSe]:TEMPerature:CHANnel<ch:1-2>:REFerence",
        Float(unit="degC", low=TEMPERATURE_REFERENCE_MIN, high=TEMPERATURE_REFERENCE_MAX, out_of_range="error"),
        default=0.0, doc="Temperature relative offset (degC) subtracted while its STATe is ON.")
    temperature_reference_enabled = ScpiProperty(
        "[:SENSe]:TEMPerature:CHANnel<ch:1-2>:REFerence:STATe", Bool(), default=False,
        doc="Subtract the temperature reference from temperature readings.")
    autozero = ScpiProperty("SYSTem:AZERo[:STATe]", Bool(), default=True, doc="Autozero (stored).")
    data_format = ScpiProperty(
        "FORMat[:DATA]", Choice("ASCii", "SREal", "DREal"), default="ASC", set="_check_format",
        doc="Response format; only ASCii is emulated.")
    trigger_source = ScpiProperty(
        "TRIGger[:SEQuence]:SOURce", Choice("IMMediate", "EXTernal", "TIMer", "MANual", "BUS"), default="IMM",
        doc="What starts each reading after INIT.")
    trigger_delay = ScpiProperty(
        "TRIGger[:SEQuence]:DELay",
        Float(unit="s", low=TRIGGER_DELAY_MIN, high=TRIGGER_DELAY_MAX, out_of_range="error"),
        default=TRIGGER_DELAY_MIN, doc="Delay before each reading (s).")
    trigger_count = ScpiProperty(
        "TRIGger[:SEQuence]:COUNt", Int(low=TRIGGER_COUNT_MIN, high=TRIGGER_COUNT_MAX, out_of_range="error"),
        default=TRIGGER_COUNT_MIN, doc="Readings per INIT (and per READ?).")
    trigger_timer = ScpiProperty(
        "TRIGger[:SEQuence]:TIMer", Float(unit="s", low=TIMER_MIN, high=TIMER_MAX, out_of_range="error"),
        default=TIMER_DEFAULT, doc="Interval of the TIMer trigger source (s).")
    continuous = ScpiProperty(
        "INITiate:CONTinuous", Bool(), default=False, set="_set_continuous",
        doc="Re-initiate after each acquisition.")
    buffer_points = ScpiProperty(
        "TRACe:POINts", Int(low=BUFFER_POINTS_MIN, high=BUFFER_POINTS_MAX, out_of_range="error"),
        default=BUFFER_POINTS_DEFAULT, doc="Buffer size (readings).")
    buffer_feed = ScpiProperty(
        "TRACe:FEED", Choice("SENSe", "CALCulate", "NONE"), default="SENS", doc="What the buffer stores.")
    buffer_control = ScpiProperty(
        "TRACe:FEED:CONTrol", Choice("NEXT", "NEVer"), default="NEV",
        doc="NEXT: store readings until the buffer is full (then NEVer).")
    statistic = ScpiProperty(
        "CALCulate<calc:2-2>:FORMat", Choice("MEAN", "SDEViation", "MAXimum", "MINimum", "PKPK", "NONE"), default="MEAN",
        doc="Statistic CALC2 computes over the buffer.")
    statistic_enabled = ScpiProperty("CALCulate<calc:2-2>:STATe", Bool(), default=False, doc="CALC2 on or off.")

    def __init__(self, clock=None, wiring=None, seed=0, noise: VoltmeterNoise = VoltmeterNoise()):
        self.noise = noise
        """Reading-noise model."""
        self._process: simpy.Process | None = None
        self._bus_event: simpy.Event | None = None
        self._readings: list[float] = []
        self._latest: float | None = None
        self._fresh = False
        self._buffer: list[float] = []
        self._statistic: float | None = None
        self._active_range: dict[int, float] = {}
        self._warnings_reported = 0
        """How many of the mounted device's model-range warnings have been queued as errors."""
        super().__init__(clock, wiring, seed)
        self.flicker = {channel: FlickerNoise(stream) for channel, stream in zip((1, 2), self.rng.spawn(2))}
        """The meter's 1/f noise process of each input channel."""

    # --- settings hooks ----------------------------------------------------------------------------
    def _set_function(self, value: str) -> str:
        word = value.strip().upper()
        if word in ("VOLT", "VOLTAGE", "VOLT:DC", "VOLTAGE:DC"):
            return "VOLT:DC"
        if word in ("TEMP", "TEMPERATURE"):
            return "TEMP"
        raise ScpiError(ILLEGAL_PARAMETER_VALUE, f"function {value!r} (VOLT or TEMP)")

    def _check_nplc(self, value: float) -> None:
        limit = NPLC_MAX_50HZ if LINE_FREQUENCY == 50.0 else NPLC_MAX
        if value > limit:
            raise ScpiError(DATA_OUT_OF_RANGE, f"NPLC at most {limit:g} on {LINE_FREQUENCY:g} Hz mains")

    def _get_aperture(self) -> float:
        return float(self.nplc) / LINE_FREQUENCY

    def _set_aperture(self, value: float) -> None:
        self.nplc = min(max(value * LINE_FREQUENCY, NPLC_MIN), NPLC_MAX_50HZ)

    def _set_range(self, value: float, ch: int = 1) -> float:
        if ch == 2 and value > RANGE_MAX_CHANNEL_2:
            raise ScpiError(DATA_OUT_OF_RANGE, f"channel 2 range at most {RANGE_MAX_CHANNEL_2:g} V")
        type(self).auto_range.store(self, False, ch=ch)
        return _select_range(RANGES_CHANNEL_1 if ch == 1 else RANGES_CHANNEL_2, value)

    def _check_format(self, value: str) -> None:
        if value != "ASC":
            raise ScpiError(SETTINGS_CONFLICT, "only ASCii data is emulated")

    def _set_continuous(self, value: bool) -> None:
        if value and not self.running:
            self._start(continuous=True)

    # --- acquisition -------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """An acquisition is in progress."""
        return self._process is not None and self._process.is_alive

    def busy(self) -> bool:
        return self.running and not self.continuous

    def conversion_time(self) -> float:
        """Integration time of one conversion (s) of the present function."""
        nplc = self.temperature_nplc if self.function == "TEMP" else self.nplc
        return float(nplc) / LINE_FREQUENCY

    def reading_time(self) -> float:
        """Integration time of one reading (s): the filter's conversions."""
        conversions = int(self.filter_count) if self.filter_enabled and self.function != "TEMP" else 1
        return conversions * self.conversion_time()

    def _start(self, continuous: bool = False) -> None:
        self._readings = []
        self._process = self.run_process(self._acquire(int(self.trigger_count), continuous))

    def _acquire(self, count: int, continuous: bool):
        env = self.clock.env
        try:
            while True:
                readings: list[float] = []
                for _ in range(count):
                    source = self.trigger_source
                    if source == "BUS":
                        self._bus_event = env.event()
                        yield self._bus_event
                        self._bus_event = None
                    elif source == "TIM" and readings:
                        yield env.timeout(float(self.trigger_timer))
                    elif source in ("EXT", "MAN"):
                        yield env.event()  # nothing is wired to these inputs: waits until ABORt
                    if self.trigger_delay > 0:
                        yield env.timeout(float(self.trigger_delay))
                    value = yield env.process(self._reading())
                    readings.append(value)
                    self._readings = list(readings)
                if not (continuous and self.continuous):
                    return
        except simpy.Interrupt:
            return

    def _reading(self):
        """SimPy process: one reading (the filter's conversions); returns its value."""
        duration = self.reading_time()
        yield self.clock.env.timeout(duration)
        return self._take(duration)

    def delta_sample(self):
        """SimPy process: one unfiltered channel-1 conversion for a delta-mode current source."""
        duration = self.conversion_time()
        yield self.clock.env.timeout(duration)
        return self._sample_voltage(1, duration)

    def _take(self, duration: float) -> float:
        channel = int(self.channel)
        if self.function == "TEMP" or channel == 0:
            ambient = self.wiring.params.ambient_temperature if self.wiring is not None else 296.15
            base = INTERNAL_TEMPERATURE if channel == 0 else ambient + ZERO_KELVIN_CELSIUS
            value = float(base + self.rng.normal(0.0, TEMPERATURE_NOISE))
            if channel and type(self).temperature_reference_enabled.get(self, ch=channel):
                value -= float(type(self).temperature_reference.get(self, ch=channel))
        else:
            value = self._sample_voltage(channel, duration)
            if self.reference_enabled_of(channel) and value != OVERFLOW_READING:
                value -= float(type(self).reference.get(self, ch=channel))
        measurement = self.status_register("MEAS")
        measurement.set_condition(MEAS_READING_OVERFLOW, value == OVERFLOW_READING)
        measurement.set_event(MEAS_READING_AVAILABLE)
        self._latest = value
        self._fresh = True
        self._feed_buffer(value)
        return value

    def reference_enabled_of(self, channel: int) -> bool:
        return bool(type(self).reference_enabled.get(self, ch=channel))

    def _report_model_range(self) -> None:
        """Queue SAMPLE_OUTSIDE_MODEL_RANGE once for each model-range warning the device logged since the last
        reading."""
        device = self.wiring.device
        if not hasattr(device, "warnings"):
            return
        warnings = device.warnings()
        if len(warnings) < self._warnings_reported:   # another device was mounted
            self._warnings_reported = 0
        room = ERROR_TEXT_MAX - len(SAMPLE_OUTSIDE_MODEL_RANGE_MESSAGE) - 1
        for _, message in warnings[self._warnings_reported:]:
            self.push_error(ScpiError(SAMPLE_OUTSIDE_MODEL_RANGE, message[:room],
                                      message=SAMPLE_OUTSIDE_MODEL_RANGE_MESSAGE))
        self._warnings_reported = len(warnings)

    def _sample_voltage(self, channel: int, duration: float) -> float:
        if self.wiring is not None:
            true_value, source_resistance = self.wiring.voltmeter_input(channel)
            if channel == 1 and self.wiring.route == "hall" and self.wiring.intact:
                self._report_model_range()
            source_density = self.wiring.johnson_density(source_resistance)
        else:
            true_value, source_density = 0.0, 0.0
        ranges = RANGES_CHANNEL_1 if channel == 1 else RANGES_CHANNEL_2
        if type(self).auto_range.get(self, ch=channel):
            active = _select_range(ranges, abs(true_value) / OVERRANGE)
        else:
            active = float(type(self).voltage_range.get(self, ch=channel))
        self._active_range[channel] = active
        if abs(true_value) > active * OVERRANGE:
            return OVERFLOW_READING
        return self.noise.sample(self.rng, true_value, active, duration, source_density,
                                 self.flicker[channel].value(self.clock.now()))

    def _feed_buffer(self, value: float) -> None:
        if self.buffer_control != "NEXT" or self.buffer_feed == "NONE":
            return
        self._buffer.append(value)
        measurement = self.status_register("MEAS")
        if len(self._buffer) >= 2:
            measurement.set_condition(MEAS_BUFFER_AVAILABLE, True)
        if 2 * len(self._buffer) >= int(self.buffer_points):
            measurement.set_condition(MEAS_BUFFER_HALF_FULL, True)
        if len(self._buffer) >= int(self.buffer_points):
            type(self).buffer_control.store(self, "NEV")
            measurement.set_condition(MEAS_BUFFER_FULL, True)

    def trigger(self) -> None:
        """*TRG / GET: the next reading of an acquisition waiting on TRIG:SOUR BUS; else -211."""
        self.clock.settle()
        if self._bus_event is None or self._bus_event.triggered:
            raise ScpiError(TRIGGER_IGNORED)
        self._bus_event.succeed()

    @scpi_command("INITiate[:IMMediate]")
    def initiate(self) -> None:
        """Start an acquisition of TRIG:COUN readings; -213 while one runs."""
        if self.running:
            raise ScpiError(INIT_IGNORED)
        self._start()

    @scpi_command("ABORt")
    def abort(self) -> None:
        """Stop the acquisition in progress."""
        if self.running:
            self._process.interrupt()
        self._process = None
        self._bus_event = None

    def _answer(self) -> Any:
        """The readings of the last acquisition, once it has finished."""
        def produce():
            if not self._readings:
                raise ScpiError(DATA_STALE, "no reading")
            return ",".join(format_reading(v) for v in self._readings)
        if not self.running:
            return produce()
        return Deferred(lambda: not self.running, produce)

    @scpi_query("READ")
    def read(self) -> Any:
        """Trigger TRIG:COUN readings and answer them (comma-separated) when done."""
        if self.trigger_source == "BUS":
            raise ScpiError(TRIGGER_DEADLOCK, "READ? with TRIG:SOUR BUS")
        if self.continuous:
            raise ScpiError(INIT_IGNORED, "READ? with INIT:CONT ON")
        self.abort()
        self._start()
        return self._answer()

    @scpi_query("FETCh")
    def fetch(self) -> Any:
        """The readings of the last acquisition (waits for one in progress); -230 if there are none."""
        return self._answer()

    @scpi_query("MEASure[:VOLTage][:DC]")
    def measure(self) -> Any:
        """Select DC volts, then READ?."""
        self.function = "VOLT"
        return self.read()

    @scpi_query("[:SENSe]:DATA[:LATest]")
    def latest(self) -> Any:
        """The latest reading, even if it was read before; -230 if there is none."""
        if self._latest is None:
            raise ScpiError(DATA_STALE, "no reading")
        return format_reading(self._latest)

    @scpi_query("[:SENSe]:DATA:FRESh")
    def fresh(self) -> Any:
        """A reading not returned before (waits for the acquisition in progress); -230 if none can come."""
        def produce():
            if not self._fresh:
                raise ScpiError(DATA_STALE, "no fresh reading")
            self._fresh = False
            return format_reading(self._latest)
        if self._fresh or not self.running:
            return produce()
        return Deferred(lambda: self._fresh or not self.running, produce)

    @scpi_query("[:SENSe]:TEMPerature:RTEMperature")
    def internal_temperature(self) -> float:
        """The meter's internal reference temperature (degC)."""
        return INTERNAL_TEMPERATURE

    @scpi_command("[:SENSe]:VOLTage[:DC]:CHANnel<ch:1-2>:REFerence:ACQuire")
    def acquire_reference(self, ch: int = 1) -> None:
        """Use the latest reading as the relative offset of channel `ch`."""
        if self._latest is not None and self._latest != OVERFLOW_READING:
            type(self).reference.store(self, self._latest, ch=ch)

    @scpi_query("SYSTem:LFRequency")
    def line_frequency(self) -> int:
        """Mains frequency (Hz)."""
        return int(LINE_FREQUENCY)

    # --- buffer and statistics ---------------------------------------------------------------------
    @scpi_command("TRACe:CLEar")
    def clear_buffer(self) -> None:
        """Empty the buffer."""
        self._buffer = []
        measurement = self.status_register("MEAS")
        measurement.set_condition(MEAS_BUFFER_FULL | MEAS_BUFFER_HALF_FULL | MEAS_BUFFER_AVAILABLE, False)

    @scpi_query("TRACe:DATA")
    def buffer_data(self) -> str:
        """Every buffered reading, comma-separated."""
        return ",".join(format_reading(v) for v in self._buffer)

    @scpi_query("TRACe:POINts:ACTual")
    def buffer_count(self) -> int:
        """Readings in the buffer."""
        return len(self._buffer)

    @scpi_command("CALCulate<calc:2-2>:IMMediate")
    def calculate(self, calc: int = 2) -> None:
        """Compute the CALC2 statistic over the buffer."""
        self._statistic = self._compute_statistic()

    @scpi_query("CALCulate<calc:2-2>:IMMediate")
    def calculate_query(self, calc: int = 2) -> str:
        """Compute and answer the CALC2 statistic over the buffer."""
        self._statistic = self._compute_statistic()
        return format_reading(self._statistic)

    @scpi_query("CALCulate<calc:2-2>:DATA")
    def statistic_data(self, calc: int = 2) -> str:
        """The last computed CALC2 statistic."""
        if self._statistic is None:
            raise ScpiError(DATA_STALE, "no statistic computed")
        return format_reading(self._statistic)

    def _compute_statistic(self) -> float:
        if not self.statistic_enabled or self.statistic == "NONE":
            raise ScpiError(SETTINGS_CONFLICT, "CALC2 is off")
        values = [v for v in self._buffer if v != OVERFLOW_READING]
        if not values:
            raise ScpiError(DATA_STALE, "the buffer is empty")
        kind = self.statistic
        if kind == "MEAN":
            return statistics.fmean(values)
        if kind == "SDEV":
            return statistics.stdev(values) if len(values) > 1 else 0.0
        if kind == "MAX":
            return max(values)
        if kind == "MIN":
            return min(values)
        return max(values) - min(values)

    def reset(self) -> None:
        self.abort()
        super().reset()
        self._readings = []
        self._fresh = False
        self._active_range = {}


def format_reading(value: float) -> str:
    """A reading in the 2182A's exponent form (`+1.234567E-06`)."""
    if math.isnan(value):
        return "+9.91E+37"
    return f"{value:+.6E}"
