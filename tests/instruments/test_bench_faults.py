"""Fault injection (instruments.faults) as a client sees each fault, through pyvisa on the @skybench backend and
over the TCP server: silence -> VI_ERROR_TMO, delay -> late answers, disconnect -> lost connection, garble ->
an undecodable reply, quench -> STATE? 7, a stuck Hall relay -> 6221 compliance, damage -> an open track; and
`truth()` reports the hidden state. Each fault's failure mode is the one its real counterpart has."""
from __future__ import annotations

import socket

import pytest

pyvisa = pytest.importorskip("pyvisa")
from pyvisa.constants import StatusCode  # noqa: E402

from instruments.faults import FAULTS  # noqa: E402
from instruments.harness import TRUTH_KEYS  # noqa: E402
from protocols.tcp_server import ScpiServer  # noqa: E402
from skybench.errors import ParameterError  # noqa: E402

CS, NV, SWITCH = "GPIB0::12::INSTR", "GPIB0::7::INSTR", "GPIB0::17::INSTR"
MAGNET = "TCPIP0::192.168.1.30::7180::SOCKET"



def open_(harness, resource, termination="\n", timeout_ms=2000):
    handle = harness.resource_manager.open_resource(resource, read_termination=termination,
                                                     write_termination=termination)
    handle.timeout = timeout_ms
    return handle


def test_truth_has_every_documented_key(harness):
    truth = harness.truth()
    assert set(truth) == set(TRUTH_KEYS)
    assert truth["skyrmions_in_effective_area"] == 0 and truth["field_T"] == 0.0  # saturated at switch-on
    assert truth["temperature_K"] == pytest.approx(harness.bench.preset.model.temperature)
    assert truth["damaged"] is False and truth["route"] == "none" and truth["magnet_state"] == 8


def test_silence_is_a_visa_timeout_and_clears(harness):
    nv = open_(harness, NV)
    with harness.faults.silence(NV):
        start = harness.clock.now()
        with pytest.raises(pyvisa.errors.VisaIOError) as error:
            nv.query("*IDN?")
        assert error.value.error_code == StatusCode.error_timeout
        assert harness.clock.now() - start == pytest.approx(2.0)  # the read waited its 2 s timeout
    assert nv.query("*IDN?").startswith("KEITHLEY")


def test_a_delayed_answer_comes_late(harness):
    nv = open_(harness, NV)
    harness.faults.delay(NV, 5.0)
    with pytest.raises(pyvisa.errors.VisaIOError):
        nv.query("*IDN?")  # 2 s timeout < 5 s delay
    nv.timeout = 10_000
    start = harness.clock.now()
    assert nv.read().startswith("KEITHLEY")  # the late answer is still queued
    assert harness.clock.now() - start == pytest.approx(3.0)


def test_disconnect_and_garble(harness):
    nv = open_(harness, NV)
    magnet = open_(harness, MAGNET, "\r\n")
    harness.faults.garble(NV)
    with pytest.raises(UnicodeDecodeError):
        nv.query("*IDN?")
    assert nv.query("*IDN?").startswith("KEITHLEY")  # one reply garbled, the next clean
    harness.faults.disconnect(MAGNET)
    with pytest.raises(pyvisa.errors.VisaIOError) as error:
        magnet.query("*IDN?")
    assert error.value.error_code == StatusCode.error_connection_lost
    harness.faults.disconnect(NV)
    with pytest.raises(pyvisa.errors.VisaIOError) as error:
        nv.write("*RST")
    assert error.value.error_code == StatusCode.error_no_listeners


def test_faults_over_tcp(harness):
    with ScpiServer(harness.bench, port_base=0) as server:
        port = server.ports[NV]
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            harness.faults.garble(NV)
            sock.sendall(b"*IDN?\n")
            reply = sock.recv(200)
            assert reply.endswith(b"\n") and all(b >= 0x80 for b in reply[:-1])
            silence = harness.faults.silence(NV)
            sock.sendall(b"*IDN?\n")
            sock.settimeout(0.3)
            with pytest.raises(socket.timeout):
                sock.recv(200)
            silence.clear()
            sock.settimeout(5)
            sock.sendall(b"*IDN?\n")
            assert sock.recv(200).startswith(b"KEITHLEY")
            with harness.faults.delay(NV, 5.0):
                start = harness.clock.now()
                sock.sendall(b"*IDN?\n")
                assert sock.recv(200).startswith(b"KEITHLEY")
                assert harness.clock.now() - start == pytest.approx(5.0, abs=0.1)  # late on the bench clock
            harness.faults.disconnect(NV)
            with pytest.raises((ConnectionResetError, ConnectionAbortedError)):
                for _ in range(50):
                    if sock.recv(200) == b"":
                        raise ConnectionAbortedError
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:  # refused while disconnected
            with pytest.raises((ConnectionResetError, ConnectionAbortedError)):
                if sock.recv(200) == b"":
                    raise ConnectionAbortedError


def test_quench_shows_on_the_magnet(harness):
    magnet = open_(harness, MAGNET, "\r\n")
    magnet.read(), magnet.read()
    magnet.write("CONF:FIELD:UNITS 1;:CONF:FIELD:TARG 0.05;:RAMP")
    harness.clock.advance(10.0)
    assert harness.truth()["field_T"] == pytest.approx(0.05)
    harness.faults.quench()
    assert magnet.query("STATE?") == "7" and magnet.query("QU?") == "1"
    harness.clock.advance(1.0)
    assert harness.truth()["field_T"] == 0.0 and harness.truth()["magnet_quenched"] is True


def test_a_stuck_hall_relay_puts_the_source_in_compliance(harness):
    sw, cs = open_(harness, SWITCH), open_(harness, CS)
    harness.faults.stick(SWITCH, 2)  # the Hall relay is stuck open
    sw.write("ROUT:CLOS (@1!2)")
    assert sw.query("*OPC?") == "1" and sw.query("ROUT:CLOS? (@1!2)") == "1"  # the card says closed
    assert harness.truth()["route"] == "none"
    cs.write("SOUR:CURR 1e-4;:SOUR:CURR:COMP 2;:OUTP ON")
    assert int(cs.query("STAT:MEAS:COND?")) & (1 << 3)  # compliance bit
    sw.write("ROUT:OPEN:ALL")


def test_damage_opens_the_track(harness):
    sw, cs = open_(harness, SWITCH), open_(harness, CS)
    harness.faults.damage()
    assert harness.truth()["damaged"] is True and "injected" in harness.truth()["damage_reason"]
    sw.write("ROUT:CLOS (@1!2)")
    sw.query("*OPC?")
    cs.write("SOUR:CURR 1e-4;:SOUR:CURR:COMP 2;:OUTP ON")
    assert int(cs.query("STAT:MEAS:COND?")) & (1 << 3)


def test_bad_fault_requests_name_the_parameter(harness):
    with pytest.raises(ParameterError, match="resource"):
        harness.faults.silence("GPIB0::99::INSTR")
    with pytest.raises(ParameterError, match="seconds"):
        harness.faults.delay(NV, -1)
    with pytest.raises(ParameterError, match="resource"):
        harness.faults.stick(NV, 2)
    with pytest.raises(AttributeError, match="unknown fault 'explode'"):
        harness.faults.explode(NV)
    assert FAULTS == ("silence", "delay", "disconnect", "garble", "quench", "stick", "damage")
