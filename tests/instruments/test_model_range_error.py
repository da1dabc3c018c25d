"""Where the device model leaves its range, a SCPI client sees it: the 2182A that reads the sample queues
+701,"Sample outside model range;..." once per entry into the condition (instruments/nanovoltmeter.py), and where
a real instrument refuses (a field beyond the magnet's limit, a current beyond the source's range) it answers
-222 (SCPI-99 vol. 2, 21.8.10). Through pyvisa on the @skybench backend, as a lab script sees it."""
from __future__ import annotations

import pytest

pyvisa = pytest.importorskip("pyvisa")

from instruments.nanovoltmeter import SAMPLE_OUTSIDE_MODEL_RANGE  # noqa: E402

CS, NV, SWITCH = "GPIB0::12::INSTR", "GPIB0::7::INSTR", "GPIB0::17::INSTR"
MAGNET = "TCPIP0::192.168.1.30::7180::SOCKET"



def open_(harness, resource, termination="\n"):
    handle = harness.resource_manager.open_resource(resource, read_termination=termination,
                                                     write_termination=termination)
    handle.timeout = 60_000
    if resource == MAGNET:
        handle.read()   # the 430's two greeting lines
        handle.read()
    return handle


def ramp_to(harness, magnet, tesla):
    magnet.write(f"CONF:FIELD:TARG {tesla:.4f}")
    magnet.write("RAMP")
    while magnet.query("STATE?").strip() != "2":   # HOLDING
        harness.clock.advance(0.1)


def drain(resource):
    entries = []
    while not (entry := resource.query("SYST:ERR?").strip()).startswith("0,"):
        entries.append(entry)
    return entries


def test_a_skyrmion_pushed_beyond_the_thin_wall_range_is_reported_once_by_the_nanovoltmeter(harness):
    nv, sw, cs, magnet = (open_(harness, NV), open_(harness, SWITCH), open_(harness, CS),
                          open_(harness, MAGNET, "\r\n"))
    magnet.write("CONF:FIELD:UNITS 1;:CONF:RAMP:RATE:UNITS 0;:CONF:RAMP:RATE:FIELD 1,0.05,1")
    sw.write("ROUT:OPEN:ALL;:ROUT:CLOS (@1!2)")
    cs.write("SOUR:CURR 1e-4;:OUTP ON")
    nv.write(":SENS:CHAN 1;:SENS:VOLT:NPLC 1;:TRIG:COUN 1")
    ramp_to(harness, magnet, 0.140)
    device = harness.bench.device
    device.engine.place(0.0, 0.0, 0.140)   # one written skyrmion in the saturated film at the working field
    nv.query("READ?")
    assert drain(nv) == []                  # inside the model's range: nothing to report
    # A field jump faster than the skyrmion's annihilation (B_a = 0.18 T, the thin-wall limit too) takes it
    # beyond the thin-wall range of its radius law; the device stays there for two more field steps.
    for field in (0.186, 0.187, 0.188):
        device.set_field(field)
    assert len(device.warnings()) == 1      # one entry, one warning
    nv.query("READ?")
    entries = drain(nv)
    assert len(entries) == 1
    code, text = entries[0].split(",", 1)
    assert int(code) == SAMPLE_OUTSIDE_MODEL_RANGE
    assert text.startswith('"Sample outside model range;Bz = ') and "thin-wall" in text
    assert int(nv.query("*ESR?")) & (1 << 3)   # device-dependent error bit
    nv.query("READ?")
    assert drain(nv) == []                  # reported once


def test_a_field_beyond_the_magnet_and_a_current_beyond_the_range_are_refused_with_222(harness):
    cs, magnet = open_(harness, CS), open_(harness, MAGNET, "\r\n")
    magnet.write("CONF:FIELD:UNITS 1;:CONF:FIELD:TARG 1.5")
    assert [int(e.split(",")[0]) for e in drain(magnet)] == [-222]
    cs.write("SOUR:CURR:RANG:AUTO OFF;:SOUR:CURR:RANG 1e-4;:SOUR:CURR 0.05")
    assert [int(e.split(",")[0]) for e in drain(cs)] == [-222]
    assert harness.bench.device.field == 0.0
