"""The skyrmion bench over TCP. Issue 14 item 11: a 2182A READ? with a huge trigger count (9999 readings at
50 PLC: 10000 s of bench time), abandoned by its client, stops being produced when the client's socket closes;
the bench clock stops. Issue 12: at a time rate the bench clock runs while the client sleeps, so a magnet ramp
finishes between two STATE? polls (as fast as possible, time moves only while a client waits)."""
from __future__ import annotations

import socket
import time

import pytest

from instruments.bench_file import DEFAULT_BENCH_FILE, load_bench_file
from protocols.tcp_server import ScpiServer

NV = "GPIB0::7::INSTR"


@pytest.fixture
def bench_from_file(gdfeco_preset):
    """The default bench file's bench (with its pyvisa-sim thermometer)."""
    return load_bench_file(DEFAULT_BENCH_FILE, preset=gdfeco_preset)

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


THERMOMETER = "GPIB0::5::INSTR"  # the default bench's pyvisa-sim instrument


def test_garbage_to_the_pyvisa_sim_instrument_is_answered_not_fatal(bench_from_file):
    """Issue 12: one non-UTF-8 byte ended the client's connection with a UnicodeDecodeError traceback."""
    with ScpiServer(bench_from_file, port_base=0) as server:
        with socket.create_connection(("127.0.0.1", server.ports[THERMOMETER]), timeout=5) as sock:
            reader = sock.makefile("rb")
            sock.sendall(b"\xff\xfe\x80 KRDG? A\n")
            assert reader.readline() == b"ERROR\n"  # pyvisa-sim's own answer to what it cannot match
            sock.sendall(b"*IDN?\n")
            assert reader.readline().startswith(b"LSCI,MODEL336")
        assert bench_from_file[THERMOMETER].last_internal_error is None


def test_every_connection_survives_any_bytes(bench_from_file):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies

    with ScpiServer(bench_from_file, port_base=0) as server:
        sockets = {name: socket.create_connection(("127.0.0.1", port), timeout=5) for name, port in server.ports.items()}

        @hypothesis.settings(max_examples=40, deadline=None, derandomize=True)
        @hypothesis.given(strategies.sampled_from(sorted(sockets)), strategies.binary(max_size=64))
        def survive(name, data):
            sockets[name].sendall(data + b"\n")

        try:
            survive()
            time.sleep(0.2)
            assert server.connection_count == len(sockets)
            for name, sock in sockets.items():
                sock.settimeout(0.05)
                try:
                    while sock.recv(65536):
                        pass
                except socket.timeout:
                    pass  # still open: nothing more to read
                assert bench_from_file[name].last_internal_error is None, name
        finally:
            for sock in sockets.values():
                sock.close()
