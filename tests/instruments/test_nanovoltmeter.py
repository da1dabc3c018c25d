"""The 2182A on the bench: readings take NPLC / 50 Hz per conversion on the clock, their noise follows
sigma = e / sqrt(2 T) (so averaging trades time for precision), the Hall route gives I x R_xy of the device,
and the trigger, buffer, statistics and status model behave as the 2182A manual describes.
References: the white-noise boxcar formula in instruments/voltmeter_noise.py, the device's own readout
(`SkyrmionDevice.read().hall_resistance`), the 2182A defaults (5 PLC, digital filter of 10). The bench here
has no thermoelectric drift, so the white noise model is what is measured (the meter's 1/f noise adds
~0.5 nV, within the tolerances); the drift and the 1/f noise are tested in test_nanovoltmeter_noise.py."""
from __future__ import annotations

import math
import statistics

import pytest

from instruments.nanovoltmeter import LINE_FREQUENCY, OVERFLOW_READING
from instruments.voltmeter_noise import VoltmeterNoise
from instruments.wiring import WiringParameters


@pytest.fixture
def bench(make_bench):
    """A fresh bench whose leads do not drift thermally."""
    return make_bench(wiring=WiringParameters(thermal_emf_drift_std=0.0))


def values(text: str) -> list[float]:
    return [float(v) for v in text.split(",")]


def expected_sigma(bench, integration: float, source_resistance: float) -> float:
    return VoltmeterNoise().reading_std(0.01, integration, bench.wiring.johnson_density(source_resistance))


def test_default_reading_integrates_ten_conversions_of_five_plc(bench, ctl):
    nv = ctl["nanovoltmeter"]
    start = bench.clock.now()
    nv.ask("READ?")
    assert bench.clock.now() - start == pytest.approx(10 * 5 / LINE_FREQUENCY)


@pytest.mark.parametrize("nplc", [1.0, 10.0])
def test_noise_follows_the_integration_time(bench, ctl, nplc):
    nv = ctl["nanovoltmeter"]
    count = 400
    nv.write(f":SENS:VOLT:DFIL OFF;:SENS:VOLT:NPLC {nplc:g};:SENS:VOLT:CHAN1:RANG 0.01;:TRIG:COUN {count}")
    start = bench.clock.now()
    readings = values(nv.ask("READ?", timeout=None))
    integration = nplc / LINE_FREQUENCY
    assert bench.clock.now() - start == pytest.approx(count * integration)
    sigma = expected_sigma(bench, integration, bench.config.wiring.lead_resistance)  # input shorted by the box
    measured = statistics.stdev(readings)
    assert measured == pytest.approx(sigma, rel=4 / math.sqrt(2 * count))  # 4 sigma of a sample std
    flicker = VoltmeterNoise().flicker_std(0.01)  # what no average removes: the meter's 1/f noise
    assert statistics.fmean(readings) == pytest.approx(bench.wiring.thermal_emf,
                                                       abs=4 * math.hypot(sigma / math.sqrt(count), flicker))


def test_averaging_ten_readings_shrinks_the_error_by_sqrt_ten(bench, ctl):
    nv = ctl["nanovoltmeter"]
    nv.write(":SENS:VOLT:DFIL OFF;:SENS:VOLT:NPLC 1;:SENS:VOLT:CHAN1:RANG 0.01;:TRIG:COUN 10")
    means = [statistics.fmean(values(nv.ask("READ?"))) for _ in range(200)]
    sigma = expected_sigma(bench, 1 / LINE_FREQUENCY, bench.config.wiring.lead_resistance)
    assert statistics.stdev(means) == pytest.approx(sigma / math.sqrt(10), rel=4 / math.sqrt(400))


def test_the_hall_route_reads_the_device_hall_voltage(bench, ctl):
    nv, cs, switch = ctl["nanovoltmeter"], ctl["current_source"], ctl["switch"]
    switch.write("ROUT:CLOS (@1!2)")
    switch.ask("*OPC?")
    cs.write("SOUR:CURR 1e-4;:OUTP ON")
    nv.write(":SENS:VOLT:DFIL OFF;:SENS:VOLT:NPLC 5;:SENS:VOLT:CHAN1:RANG 0.01;:TRIG:COUN 50")
    readings = values(nv.ask("READ?"))
    truth = bench.device.read()
    hall = 1e-4 * (truth.hall_resistance + bench.config.wiring.misalignment_resistance) + bench.wiring.thermal_emf
    sigma = expected_sigma(bench, 5 / LINE_FREQUENCY, bench.config.wiring.hall_arm_resistance)
    flicker = VoltmeterNoise().flicker_std(0.01)
    assert statistics.fmean(readings) == pytest.approx(hall, abs=4 * math.hypot(sigma / math.sqrt(50), flicker))
    assert hall > 1e-6  # microvolts: the saturated anomalous Hall signal at 100 uA
    assert bench.wiring.states[-1].route == "hall"


def test_a_fixed_range_overflows(bench, ctl):
    nv, cs, switch = ctl["nanovoltmeter"], ctl["current_source"], ctl["switch"]
    switch.write("ROUT:CLOS (@1!3)")
    switch.ask("*OPC?")
    cs.write("SOUR:CURR:RANG 0.02;:SOUR:CURR 0.01;:OUTP ON")  # 10 mA x 11.5 Ohm = 115 mV
    nv.write(":SENS:VOLT:CHAN1:RANG 0.01;:SENS:VOLT:DFIL OFF")
    assert float(nv.ask("READ?")) == OVERFLOW_READING
    assert int(nv.ask("STAT:MEAS:COND?")) & 1
    nv.write(":SENS:VOLT:CHAN1:RANG:AUTO ON")
    assert float(nv.ask("READ?")) == pytest.approx(0.01 * bench.wiring.path_resistance(), rel=1e-4)


def test_a_read_shorter_than_the_integration_times_out_and_the_reading_stays(bench, ctl):
    nv = ctl["nanovoltmeter"]
    nv.write("READ?")
    assert nv.session.read(timeout=0.5).timed_out  # 1 s of integration (filter 10 x 5 PLC)
    assert len(values(nv.session.read(timeout=1.0).data.decode())) == 1


def test_buffer_fills_and_sets_the_status_byte_as_pymeasure_waits_for_it(bench, ctl):
    nv = ctl["nanovoltmeter"]
    nv.write(":STAT:PRES;*CLS;*SRE 1;:STAT:MEAS:ENAB 512;")
    nv.write(":TRAC:CLEAR;:TRAC:POIN 5;:TRIG:COUN 5;:TRAC:FEED SENSE;:TRAC:FEED:CONT NEXT;:SENS:VOLT:DFIL OFF")
    nv.write(":INIT")
    polls = 0
    while int(nv.ask("*STB?")) & 65 != 65:  # MSB (bit 0) and MSS (bit 6): PyMeasure's is_buffer_full
        polls += 1
        assert polls < 50
    data = values(nv.ask(":FORM:DATA ASCII;:TRAC:DATA?"))
    assert len(data) == 5
    assert float(nv.ask(":CALC2:FORM MEAN;:CALC2:STAT ON;:CALC2:IMM?;")) == pytest.approx(statistics.fmean(data), abs=1e-12)
    assert float(nv.ask(":CALC2:FORM SDEV;:CALC2:IMM?")) == pytest.approx(statistics.stdev(data), rel=1e-5)
    assert nv.ask(":TRAC:FEED:CONT?") == "NEV"
    assert int(nv.ask("STAT:MEAS:COND?")) & (128 | 256 | 512) == 128 | 256 | 512   # BAV B7, BHF B8, BFL B9
    nv.write(":TRAC:CLEAR")
    assert int(nv.ask("STAT:MEAS:COND?")) & (128 | 256 | 512) == 0


def test_bus_triggers_fetch_and_fresh_data(ctl):
    nv = ctl["nanovoltmeter"]
    nv.write("FETC?")
    assert nv.session.read(timeout=0).data == b""  # nothing measured yet: no response
    assert nv.errors() == [-230, -420]
    nv.write(":TRIG:SOUR BUS;:READ?")
    assert nv.errors() == [-214]
    nv.write(":INIT;*TRG")
    first = nv.ask("FETC?")
    assert float(first) == float(nv.ask("SENS:DATA:FRES?"))
    assert nv.ask("SENS:DATA:FRES?", timeout=0) is None  # the fresh reading was already taken
    assert nv.errors() == [-230, -420]
    nv.write("*TRG")
    assert nv.errors() == [-211]


def test_function_channel_and_range_rules(ctl):
    nv = ctl["nanovoltmeter"]
    nv.write(":SENS:FUNC 'VOLT'")
    assert nv.ask(":SENS:FUNC?") == '"VOLT:DC"'
    nv.write('SENS:FUNC "VOLT:DC"')
    nv.write(":SENS:FUNC 'CURR'")
    nv.write(":SENS:FUNC VOLT")
    nv.write(":SENS:VOLT:CHAN2:RANG 50")
    nv.write(":SENS:VOLT:NPLC 55")
    assert nv.errors() == [-224, -104, -222, -222]
    nv.write(":SENS:VOLT:CHAN1:RANG 0.05")
    assert nv.ask(":SENS:VOLT:CHAN1:RANG?;RANG:AUTO?") == "+1.000000000E-01;0"
    assert nv.ask(":SYST:LFR?") == "50"
    nv.write("status:queue:clear;*RST;:stat:pres;:*CLS;")
    assert nv.errors() == []
