"""The switch box and the wiring: exclusive routes with break before make (the interlock), relay settling on
the clock, channel-list errors, and what happens to the device when a pulse exceeds its damage limits (it is
destroyed and the bench reads as an open track). References: the route table of instruments/wiring.py and
the preset's own damage limits (`SkyrmionDevice.check_pulse`)."""
from __future__ import annotations

import pytest

from instruments.pulse_generator import LEVEL_MAX, SOURCE_IMPEDANCE
from instruments.switch import RELAY_SETTLE_TIME
from skybench.errors import ParameterError


def test_a_route_closes_after_the_relay_settles(bench, ctl):
    switch = ctl["switch"]
    switch.write("ROUT:CLOS (@1!2)")
    assert bench.wiring.route == "none"
    start = bench.clock.now()
    assert switch.ask("*OPC?") == "1"
    assert bench.clock.now() - start == pytest.approx(RELAY_SETTLE_TIME)
    assert bench.wiring.route == "hall"
    assert switch.ask("ROUT:CLOS:STAT?") == "(@1!2)"
    assert switch.ask("ROUT:CLOS? (@1!1,1!2,3)") == "0,1,0"


def test_routes_are_exclusive_and_channel_lists_are_checked(bench, ctl):
    switch = ctl["switch"]
    switch.write("ROUT:CLOS (@1!1)")
    switch.write("ROUT:CLOS (@1!2)")
    switch.write("ROUT:CLOS (@1!2,1!3)")
    switch.write("ROUT:CLOS (@1!4)")
    switch.write("ROUT:CLOS (@2!1)")
    assert switch.errors() == [-221, -221, -224, -224]
    switch.ask("*OPC?")
    assert bench.wiring.route == "pulse"
    switch.write("ROUT:OPEN (@1!1);:ROUT:CLOS (@1!3)")
    switch.ask("*OPC?")
    assert bench.wiring.route == "track" and switch.errors() == []
    switch.write("*RST")
    assert bench.wiring.route == "none" and switch.ask("ROUT:CLOS:STAT?") == "(@)"


def test_a_pulse_beyond_the_damage_limits_destroys_the_track(bench, ctl):
    pg, switch, cs, nv = ctl["pulse_generator"], ctl["switch"], ctl["current_source"], ctl["nanovoltmeter"]
    current = LEVEL_MAX / (SOURCE_IMPEDANCE + bench.wiring.path_resistance())
    density = bench.device.current_to_density(current)
    with pytest.raises(ParameterError):  # the preset says this pulse destroys the device
        bench.device.check_pulse(density, 100e-9)
    pg.write(":OUTP1:LOAD INF;:FUNC1 PULS;:ARM:SOUR1 MAN;:VOLT1:LOW 0;:VOLT1:HIGH 10;:OUTP1 ON")
    switch.write("ROUT:CLOS (@1!1)")
    switch.ask("*OPC?")
    pg.ask("*TRG;*OPC?")
    assert bench.wiring.damaged is not None and "destroyed" in bench.wiring.damaged
    assert bench.device.pulses_applied == 0
    pg.write(":VOLT1:HIGH 1")
    pg.ask("*TRG;*OPC?")
    assert [p.delivered for p in bench.wiring.pulses] == [False, False]
    switch.write("ROUT:OPEN:ALL;:ROUT:CLOS (@1!2)")
    switch.ask("*OPC?")
    cs.write("SOUR:CURR 1e-4;:OUTP ON")
    assert int(cs.ask("STAT:MEAS:COND?")) & 8  # an open track: the source is in compliance
    reading = float(nv.ask(":SENS:VOLT:DFIL OFF;:READ?"))
    assert reading == pytest.approx(bench.wiring.thermal_emf, abs=50e-9)  # only the offset is left
