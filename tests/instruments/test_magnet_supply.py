"""The AMI 430 field programmer: a linear ramp at the set rate on the bench clock, the device's field following
it in steps of at most 1 mT, *OPC? at the end of the ramp, STATE? codes, units and limits. References: the
ramp time |dB| / rate; the AMI 430 manual's state codes (1 ramping, 2 holding, 3 paused, 8 at zero)."""
from __future__ import annotations

import pytest

from instruments.magnet import FIELD_LIMIT, FIELD_STEP


def configure(magnet, rate: float = 0.01) -> None:
    magnet.write(f"CONF:FIELD:UNITS 1;:CONF:RAMP:RATE:UNITS 0;:CONF:RAMP:RATE:FIELD 1,{rate},0.5")


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
    magnet.write("CONF:FIELD:TARG 0.016;:RAMP")
    start = bench.clock.now()
    assert magnet.ask("*OPC?") == "1"
    assert bench.clock.now() - start == pytest.approx(0.004 / 0.01)
    assert float(magnet.ask("FIELD:MAG?")) == pytest.approx(0.016)


def test_kilogauss_units_rate_per_minute_and_current(bench, ctl):
    magnet = ctl["magnet"]
    assert magnet.ask("FIELD:UNITS?") == "0"  # the 430 powers up in kG
    magnet.write("CONF:RAMP:RATE:UNITS 1;:CONF:RAMP:RATE:FIELD 1,6,1;:CONF:FIELD:TARG 1.2;:RAMP")  # 6 kG/min
    magnet.ask("*OPC?")
    assert bench.clock.now() == pytest.approx(0.12 / (0.6 / 60))
    assert bench.device.field == pytest.approx(0.12)
    coil = float(magnet.ask("COIL?"))
    assert float(magnet.ask("CURR:MAG?")) == pytest.approx(1.2 / coil)


def test_pause_holds_and_zero_returns(bench, ctl):
    magnet = ctl["magnet"]
    configure(magnet)
    magnet.write("CONF:FIELD:TARG 0.1;:RAMP")
    magnet.session.read(timeout=0)  # nothing to read; let nothing pass
    magnet.write("*OPC?")
    assert magnet.session.read(timeout=3.0).timed_out  # 10 s ramp, 3 s read timeout
    magnet.write("PAUSE")
    held = bench.device.field
    assert held == pytest.approx(0.03, abs=FIELD_STEP)
    assert magnet.ask("STATE?") == "3"
    bench.clock.advance(5.0)
    assert bench.device.field == held
    magnet.write("ZERO")
    assert magnet.ask("STATE?") == "6"
    magnet.ask("*OPC?")
    assert magnet.ask("STATE?") == "8" and bench.device.field == 0.0


def test_targets_and_rates_beyond_the_limits_are_refused(ctl):
    magnet = ctl["magnet"]
    configure(magnet)
    magnet.write(f"CONF:FIELD:TARG {FIELD_LIMIT * 1.5}")
    magnet.write("CONF:RAMP:RATE:FIELD 1,5,1")
    magnet.write("CONF:RAMP:RATE:FIELD 2,0.01,1")
    magnet.write("RAMP:RATE:FIELD:1?")  # the 430's numeric node is outside SCPI's grammar
    assert magnet.errors()[:4] == [-222, -222, -222, -102]
    assert magnet.ask("RAMP:RATE:FIELD?") == "0.01,1"
