"""The AMI 430 field programmer as its manual describes it: a linear ramp per segment on the bench clock, the
device's field following in steps of at most 1 mT, STATE? codes, units, limits, the numeric segment node
(`RAMP:RATE:FIELD:1?`), the persistent switch, quench, the connect message and *OPC? that does not wait for
a ramp. References: the ramp time |dB| / rate; AMI 430 manual state codes (1 ramping, 2 holding, 3 paused,
6 zeroing, 7 quench, 8 at zero, 9 heating, 10 cooling switch), section 4.2.4 (*OPC? confirms execution)."""
from __future__ import annotations

import pytest

from instruments.magnet import FIELD_LIMIT, FIELD_STEP, QUENCH_DUMP_TIME, MagnetSupply


def configure(magnet, rate: float = 0.01) -> None:
    magnet.write(f"CONF:FIELD:UNITS 1;:CONF:RAMP:RATE:UNITS 0;:CONF:RAMP:RATE:FIELD 1,{rate},0.5")


def wait_holding(magnet, limit: int = 10_000) -> int:
    """Poll STATE? until the ramp has ended, as a script for the real 430 does; the number of polls."""
    for polls in range(limit):
        if magnet.ask("STATE?") != "1":
            return polls
    raise AssertionError("the ramp never ended")


def test_a_ramp_takes_its_time_and_the_device_follows(bench, ctl):
    magnet = ctl["magnet"]
    configure(magnet)
    fields = []
    magnet.write("CONF:FIELD:TARG 0.02;:RAMP")
    assert magnet.ask("STATE?") == "1"
    while magnet.ask("STATE?") == "1":  # polling STATE? lets the ramp progress (one update per poll)
        fields.append(bench.device.field)
        assert len(fields) < 100
    assert bench.clock.now() == pytest.approx(0.02 / 0.01)
    assert bench.device.field == pytest.approx(0.02)
    steps = [b - a for a, b in zip(fields, fields[1:])]
    assert max(steps) <= FIELD_STEP * (1 + 1e-9)
    assert magnet.ask("STATE?") == "2"
    assert float(magnet.ask("FIELD:MAG?")) == pytest.approx(0.02)


def test_opc_query_does_not_wait_for_the_ramp(bench, ctl):
    magnet = ctl["magnet"]
    configure(magnet)
    magnet.write("CONF:FIELD:TARG 0.1;:RAMP")
    start = bench.clock.now()
    assert magnet.ask("*OPC?") == "1"
    assert bench.clock.now() == start and magnet.ask("STATE?") == "1"
    wait_holding(magnet)
    assert bench.clock.now() - start == pytest.approx(0.1 / 0.01)


def test_kilogauss_units_rate_per_minute_and_current(bench, ctl):
    magnet = ctl["magnet"]
    assert magnet.ask("FIELD:UNITS?") == "0"  # the 430 powers up in kG
    magnet.write("CONF:RAMP:RATE:UNITS 1;:CONF:RAMP:RATE:FIELD 1,6,10;:CONF:FIELD:TARG 1.2;:RAMP")  # 6 kG/min
    wait_holding(magnet)
    assert bench.clock.now() == pytest.approx(0.12 / (0.6 / 60))
    assert bench.device.field == pytest.approx(0.12)
    coil = float(magnet.ask("COIL?"))
    assert float(magnet.ask("CURR:MAG?")) == pytest.approx(1.2 / coil)
    assert magnet.ask("RAMP:RATE:FIELD:1?") == "6,10"


def test_segments_set_the_rate_by_current(bench, ctl):
    """Two segments: 0.02 T/s up to 1 A (0.05 T at 0.05 T/A), 0.005 T/s above; 0 -> 0.1 T takes
    0.05/0.02 + 0.05/0.005 = 12.5 s."""
    magnet = ctl["magnet"]
    magnet.write("CONF:FIELD:UNITS 1;:CONF:RAMP:RATE:SEG 2;:CONF:RAMP:RATE:CURR 1,0.4,1;:CONF:RAMP:RATE:CURR 2,0.1,20")
    assert magnet.ask("RAMP:RATE:SEG?") == "2"
    assert magnet.ask("RAMP:RATE:CURR:1?") == "0.4,1"
    assert magnet.ask("RAMP:RATE:FIELD:2?") == "0.005,1"
    magnet.write("CONF:FIELD:TARG 0.1;:RAMP")
    wait_holding(magnet)
    assert bench.clock.now() == pytest.approx(0.05 / 0.02 + 0.05 / 0.005)
    assert magnet.errors() == []


def test_pause_holds_and_zero_returns(bench, ctl):
    magnet = ctl["magnet"]
    configure(magnet)
    magnet.write("CONF:FIELD:TARG 0.1;:RAMP")
    bench.clock.advance(3.0)
    magnet.write("PAUSE")
    held = bench.device.field
    assert held == pytest.approx(0.03, abs=FIELD_STEP)
    assert magnet.ask("STATE?") == "3"
    bench.clock.advance(5.0)
    assert bench.device.field == held
    magnet.write("ZERO")
    assert magnet.ask("STATE?") == "6"
    while magnet.ask("STATE?") == "6":
        pass
    assert magnet.ask("STATE?") == "8" and bench.device.field == 0.0


def test_quench_collapses_the_field_and_blocks_ramps(bench, ctl):
    magnet = ctl["magnet"]
    configure(magnet)
    magnet.write("CONF:FIELD:TARG 0.05;:RAMP")
    wait_holding(magnet)
    assert magnet.ask("QU?") == "0"
    magnet.write("QU 1")
    assert magnet.ask("STATE?") == "7" and magnet.ask("QU?") == "1"
    bench.clock.advance(QUENCH_DUMP_TIME)
    assert bench.device.field == 0.0
    magnet.write("RAMP")
    assert magnet.errors() == [-221]
    magnet.write("QU 0")
    assert magnet.ask("QU?") == "0" and magnet.ask("STATE?") == "8"
    magnet.write("RAMP")
    assert magnet.ask("STATE?") == "1" and magnet.errors() == []


def test_persistent_switch(bench, controller):
    magnet = MagnetSupply(clock=bench.clock, wiring=None, persistent_switch=True)
    ctl = controller(magnet)
    assert ctl.ask("PS:INST?") == "1" and ctl.ask("PS?") == "0" and ctl.ask("PERS?") == "0"
    ctl.write("CONF:FIELD:UNITS 1;:CONF:PS:HTIME 10")
    start = bench.clock.now()
    ctl.write("PS 1")
    assert ctl.ask("STATE?") == "9"
    while ctl.ask("STATE?") == "9":
        pass
    assert bench.clock.now() - start == pytest.approx(10.0)
    assert ctl.ask("PS?") == "1"
    ctl.write("CONF:FIELD:TARG 0.02;:RAMP")
    wait_holding(ctl)
    ctl.write("PS 0")
    assert ctl.ask("STATE?") == "10"
    while ctl.ask("STATE?") == "10":
        pass
    assert ctl.ask("PERS?") == "1"
    ctl.write("ZERO")  # the supply runs down; the magnet keeps its current
    while ctl.ask("STATE?") == "6":
        pass
    assert float(ctl.ask("FIELD:MAG?")) == pytest.approx(0.02) and float(ctl.ask("CURR:SUPP?")) == 0.0
    ctl.write("PS 1")  # heating the switch with the supply at zero would dump the magnet: refused
    assert ctl.errors() == [-221]


def test_no_switch_means_no_heater(ctl):
    magnet = ctl["magnet"]
    assert magnet.ask("PS:INST?") == "0"
    magnet.write("PS 1")
    assert magnet.errors() == [-221]


def test_targets_and_rates_beyond_the_limits_are_refused(ctl):
    magnet = ctl["magnet"]
    configure(magnet)
    magnet.write(f"CONF:FIELD:TARG {FIELD_LIMIT * 1.5}")
    magnet.write("CONF:RAMP:RATE:FIELD 1,5,1")
    magnet.write("CONF:RAMP:RATE:FIELD 11,0.01,1")
    magnet.write("RAMP:RATE:FIELD:11?")
    magnet.write("RAMP:RATE:FIELD?")  # the segment node is required
    magnet.write("CONF:RAMP:RATE:CURR 1,0.2")  # segment, rate and upper bound
    assert magnet.errors() == [-222, -222, -222, -114, -113, -109]
    assert magnet.ask("RAMP:RATE:FIELD:1?") == "0.01,0.5"


def test_other_instruments_refuse_numeric_nodes(ctl):
    assert ctl["nanovoltmeter"].ask("SENS:1?", timeout=0) is None
    assert ctl["nanovoltmeter"].errors()[0] == -113
