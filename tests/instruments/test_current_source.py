"""The 6221 on the bench: compliance into an open or resistive route, range selection, and the delta mode
with the 2182A, which cancels the thermoelectric offset a d.c. reading keeps. References: Ohm's law on the
A-A' path (R_track + R_leads), the device's own Hall readout, the 622x delta formula (A - 2B + C) / 4 and its
timing (each point = delta delay + one 5 PLC conversion at 50 Hz)."""
from __future__ import annotations

import math
import statistics

import pytest

from instruments.wiring import WiringParameters

HIGH = 1e-4  # A, the delta currents used here (+-100 uA, the paper's sense current)


def close_route(switch, channel: int) -> None:
    switch.write(f"ROUT:OPEN:ALL;:ROUT:CLOS (@1!{channel})")
    assert switch.ask("*OPC?") == "1"


def hall_voltage(bench, current: float) -> float:
    truth = bench.device.read()
    return current * (truth.hall_resistance + bench.config.wiring.misalignment_resistance)


def test_an_open_route_puts_the_source_in_compliance(bench, ctl):
    cs = ctl["current_source"]
    cs.write("SOUR:CURR 1e-4;:OUTP ON")
    assert bench.current_source.delivered_current() == 0.0
    assert int(cs.ask("STAT:MEAS:COND?")) & 8
    close_route(ctl["switch"], 3)
    assert bench.current_source.delivered_current() == pytest.approx(1e-4)
    assert not int(cs.ask("STAT:MEAS:COND?")) & 8


def test_compliance_limits_the_current_into_the_path(bench, ctl):
    cs, nv = ctl["current_source"], ctl["nanovoltmeter"]
    close_route(ctl["switch"], 3)
    cs.write("SOUR:CURR:RANG 0.02;:SOUR:CURR:COMP 0.1;:SOUR:CURR 0.02;:OUTP ON")  # 20 mA x 11.5 Ohm > 0.1 V
    assert bench.current_source.delivered_current() == pytest.approx(0.1 / bench.wiring.path_resistance())
    assert float(nv.ask(":SENS:VOLT:DFIL OFF;:READ?")) == pytest.approx(0.1, rel=1e-4)
    assert cs.errors() == []


def test_range_selection_and_fixed_range_limits(ctl):
    cs = ctl["current_source"]
    assert float(cs.ask(":SOUR:CURR:RANG 1e-4;:SOUR:CURR:RANG?")) == 2e-4
    cs.write("SOUR:CURR 0.01")
    cs.write("SOUR:CURR 0.2")
    cs.write("SOUR:CURR:COMP 200")
    assert cs.errors() == [-222, -222, -222]
    cs.write(":SOUR:CURR:RANG:AUTO 1;:SOUR:CURR 0.01")
    assert cs.errors() == []


def test_delta_mode_cancels_the_thermal_offset_a_dc_reading_keeps(make_bench, controller):
    bench = make_bench(wiring=WiringParameters(thermal_emf_std=1e-5), seed=3)
    cs, nv, switch = (controller(bench.current_source), controller(bench.nanovoltmeter), controller(bench.switch))
    offset = bench.wiring.thermal_emf
    assert abs(offset) > 1e-7  # microvolts of thermal EMF, far above one skyrmion's ~30 nV
    close_route(switch, 2)
    expected = hall_voltage(bench, HIGH)
    cs.write(f"SOUR:CURR {HIGH};:OUTP ON")
    dc = statistics.fmean(float(v) for v in nv.ask(":SENS:VOLT:DFIL OFF;:TRIG:COUN 20;:READ?").split(","))
    assert dc - expected == pytest.approx(offset, rel=0.05)
    assert cs.ask("SOUR:DELT:NVPR?") == "1"
    cs.write(f"SOUR:DELT:HIGH {HIGH};:SOUR:DELT:LOW {-HIGH};:SOUR:DELT:DEL 2e-3;:SOUR:DELT:COUN 5")
    cs.write("SOUR:DELT:ARM;:INIT:IMM")
    start = bench.clock.now()
    assert cs.ask("*OPC?") == "1"
    assert bench.clock.now() - start == pytest.approx(7 * (2e-3 + 5 / 50.0))  # 5 readings need 7 points
    fields = [float(v) for v in cs.ask("TRAC:DATA?").split(",")]
    readings, stamps = fields[0::2], fields[1::2]
    assert len(readings) == 5 and stamps == sorted(stamps)
    point_sigma = bench.nanovoltmeter.noise.reading_std(0.01, 0.1, bench.wiring.johnson_density(20.0))
    delta_sigma = math.sqrt(6) / 4 * point_sigma
    assert statistics.fmean(readings) == pytest.approx(expected, abs=4 * delta_sigma)
    assert cs.ask("SOUR:DELT:ARM?") == "0"
    assert int(cs.ask("STAT:OPER:EVEN?")) & 2  # sweep done
    assert cs.errors() == []


def test_delta_readings_in_ohms(bench, ctl):
    cs = ctl["current_source"]
    close_route(ctl["switch"], 2)
    cs.write(f"UNIT OHMS;:SOUR:DELT:HIGH {HIGH};:SOUR:DELT:LOW {-HIGH};:SOUR:DELT:COUN 3;:SOUR:DELT:ARM;:INIT")
    cs.ask("*OPC?")
    ohms = float(cs.ask("SENS:DATA?").split(",")[0])
    assert ohms == pytest.approx(hall_voltage(bench, HIGH) / HIGH, rel=0.05)


def test_delta_needs_arming_and_a_linked_nanovoltmeter(bench, ctl, make_bench, controller):
    cs = ctl["current_source"]
    cs.write("INIT")
    cs.write("TRIG:SOUR BUS")  # the 622x trigger layer has no BUS source (PyMeasure's trigger_on_bus sends it)
    assert cs.errors() == [-213, -141]
    alone = make_bench(instruments=tuple(e for e in bench.config.instruments if e.kind != "nanovoltmeter"))
    lonely = controller(alone.current_source)
    assert lonely.ask("SOUR:DELT:NVPR?") == "0"
    lonely.write("SOUR:DELT:ARM")
    assert lonely.errors() == [-241]


def test_the_rs232_link_reaches_the_2182a(ctl):
    cs = ctl["current_source"]
    cs.write('SYST:COMM:SER:SEND "*IDN?"')
    assert cs.ask("SYST:COMM:SER:ENT?").startswith("KEITHLEY INSTRUMENTS INC.,MODEL 2182A")
    cs.write('SYST:COMM:SER:SEND ":SENS:VOLT:NPLC 1"')
    assert float(ctl["nanovoltmeter"].ask(":SENS:VOLT:NPLC?")) == 1.0
