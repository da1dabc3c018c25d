"""The skyrmion bench over TCP. Issue 14 item 11: a 2182A READ? with a huge trigger count (9999 readings at
50 PLC: 10000 s of bench time), abandoned by its client, stops being produced when the client's socket closes;
the bench clock stops. Issue 12: at a time rate the bench clock runs while the client sleeps, so a magnet ramp
finishes between two STATE? polls (as fast as possible, time moves only while a client waits)."""
from __future__ import annotations

import socket
import time

from protocols.tcp_server import ScpiServer

NV = "GPIB0::7::INSTR"
MAGNET = "TCPIP0::192.168.1.30::7180::SOCKET"


def test_an_abandoned_long_read_stops_when_its_client_goes(bench):
    with ScpiServer(bench, port_base=0) as server:
        sock = socket.create_connection(("127.0.0.1", server.ports[NV]), timeout=5)
        sock.sendall(b":SENS:VOLT:NPLC 50;:SENS:VOLT:DFIL OFF;:TRIG:COUN 9999;:READ?\n")
        deadline = time.monotonic() + 10
        while bench.clock.now() < 5.0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert bench.clock.now() >= 5.0  # the readings are being produced
        sock.close()
        deadline = time.monotonic() + 5
        while server.connection_count and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.connection_count == 0
        stopped = bench.clock.now()
        time.sleep(0.3)
        assert bench.clock.now() == stopped < 9999


def ramp_state_after_a_nap(bench, rate):
    bench.clock.set_time_rate(rate)
    with ScpiServer(bench, port_base=0) as server:
        with socket.create_connection(("127.0.0.1", server.ports[MAGNET]), timeout=5) as sock:
            reader = sock.makefile("rb")
            reader.readline(), reader.readline()  # the connect message
            sock.sendall(b"CONF:FIELD:UNITS 1;:CONF:FIELD:TARG 0.01;:RAMP\r\n")  # 1 s at 10 mT/s
            time.sleep(0.1)  # 10000 s of bench time at 1e5
            sock.sendall(b"STATE?\r\n")
            return reader.readline().strip()


def test_at_a_time_rate_a_ramp_runs_while_the_client_sleeps(bench):
    assert ramp_state_after_a_nap(bench, 1e5) == b"2"


def test_as_fast_as_possible_a_ramp_waits_for_the_client(bench):
    assert ramp_state_after_a_nap(bench, float("inf")) == b"1"
