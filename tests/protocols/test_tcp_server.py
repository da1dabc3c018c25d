"""Raw-socket SCPI servers: pyvisa-py TCPIP SOCKET clients, several clients and ports at once, pipelined
queries, overlong lines, vanishing clients, clients that never read, and a clean stop."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from protocols.bench import Bench
from protocols.demo import DemoMeter
from protocols.tcp_server import MAX_UNSENT, ScpiServer

IDN = b"SKYBENCH,DEMOMETER,0001,1.0\n"


@pytest.fixture
def server():
    bench = Bench({"GPIB0::22::INSTR": DemoMeter(), "GPIB0::23::INSTR": DemoMeter(input_voltage=-5e-6)})
    with ScpiServer(bench, port_base=0) as running:
        yield running


def connect(server, name="GPIB0::22::INSTR") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.ports[name]), timeout=5)
    return sock


def read_line(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def test_one_port_per_instrument_on_loopback(server):
    assert len(set(server.ports.values())) == 2
    for listener in server._listeners:
        assert listener.sock.getsockname()[0] == "127.0.0.1"
    with connect(server, "GPIB0::23::INSTR") as sock:
        sock.sendall(b"TRIG:SOUR BUS;*TRG;:FETC?\n")
        assert float(read_line(sock)) == pytest.approx(-5e-6)


def test_pyvisa_py_socket_client(server):
    pyvisa = pytest.importorskip("pyvisa")
    pytest.importorskip("pyvisa_py")
    rm = pyvisa.ResourceManager("@py")
    try:
        inst = rm.open_resource(server.resource_name("GPIB0::22::INSTR"), read_termination="\n", write_termination="\n")
        assert inst.query("*IDN?") == IDN.decode().strip()
        inst.write("VOLT:NPLC 50")
        assert float(inst.query("READ?")) == pytest.approx(1.234e-6)
        assert inst.query("SYST:ERR?") == '0,"No error"'
        inst.close()
    finally:
        rm.close()


def test_pipelined_queries_are_answered_in_order(server):
    with connect(server) as sock:
        sock.sendall(b"*IDN?\nVOLT:NPLC 50;:READ?\n*ESE?\n")
        lines = b""
        while lines.count(b"\n") < 3:
            lines += sock.recv(4096)
        first, reading, ese = lines.split(b"\n")[:3]
        assert first + b"\n" == IDN and float(reading) == pytest.approx(1.234e-6) and ese == b"0"


def test_several_clients_at_once(server):
    results = []

    def client(index):
        with connect(server, list(server.ports)[index % 2]) as sock:
            for _ in range(50):
                sock.sendall(b"*IDN?\n")
                results.append(read_line(sock) == IDN)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 300 and all(results)


def test_overlong_line_and_garbage_do_not_hurt(server):
    with connect(server) as sock:
        sock.sendall(b"\x00\xff\xfe garbage ;;: \x01\n" + b"Z" * 100_000 + b"\n*IDN?\n")
        assert read_line(sock) == IDN
        sock.sendall(b"SYST:ERR:ALL?\n")
        errors = read_line(sock)
        assert b"-363" in errors


def test_client_vanishing_mid_query_harms_nothing(server):
    for _ in range(5):
        sock = connect(server)
        sock.sendall(b"VOLT:NPLC 60;:READ?\n")
        sock.close()
    with connect(server) as sock:
        sock.sendall(b"*IDN?\n")
        assert read_line(sock) == IDN
    deadline = time.monotonic() + 5
    while server.connection_count > 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.connection_count <= 1


def test_client_that_never_reads_is_throttled(server):
    silent = connect(server)
    silent.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    burst = b"DATA:BLOC?\n" * 2000
    silent.sendall(b"DATA:BLOC #44000" + b"x" * 4000 + b"\n")
    sent = 0
    silent.settimeout(0.2)
    try:
        for _ in range(200):
            sent += silent.send(burst)
    except (socket.timeout, BlockingIOError):
        pass
    connection = next(c for c in server._connections if c.peer == silent.getsockname())
    time.sleep(0.2)
    assert len(connection.unsent) < MAX_UNSENT + 2 * 65536 * 4
    with connect(server) as other:  # the server still serves everyone else
        other.sendall(b"*IDN?\n")
        assert read_line(other) == IDN
    silent.close()


def test_stop_closes_everything_and_frees_the_ports():
    bench = Bench({"GPIB0::22::INSTR": DemoMeter()})
    server = ScpiServer(bench, port_base=0)
    port = server.start()["GPIB0::22::INSTR"]
    sock = socket.create_connection(("127.0.0.1", port), timeout=2)
    server.stop()
    assert sock.recv(10) == b""
    sock.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)
    again = ScpiServer(bench, port_base=port)
    again.start()
    again.stop()


def test_port_base_plus_index(tmp_path):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    base = probe.getsockname()[1]
    probe.close()
    bench = Bench({"GPIB0::1::INSTR": DemoMeter(), "GPIB0::2::INSTR": DemoMeter()})
    try:
        server = ScpiServer(bench, port_base=base)
        ports = server.start()
    except OSError:
        pytest.skip("the probed ports were taken meanwhile")
    try:
        assert list(ports.values()) == [base, base + 1]
    finally:
        server.stop()


def test_a_port_at_its_limit_refuses_with_an_scpi_message():
    """Issue 14 item 11: the 17th client used to be reset without a word."""
    bench = Bench({"GPIB0::22::INSTR": DemoMeter()})
    with ScpiServer(bench, port_base=0, max_clients=2) as server:
        kept = [connect(server), connect(server)]
        for sock in kept:
            sock.sendall(b"*IDN?\n")
            assert read_line(sock) == IDN
        with connect(server) as third:
            assert read_line(third) == b'-300,"Device-specific error;connection limit of 2 reached on this port"\n'
            assert third.recv(10) == b""
        for sock in kept:
            sock.close()


def test_idle_connections_are_closed():
    bench = Bench({"GPIB0::22::INSTR": DemoMeter()})
    with ScpiServer(bench, port_base=0, idle_timeout=0.2) as server:
        with connect(server) as sock:
            sock.sendall(b"*IDN?\n")
            assert read_line(sock) == IDN
            assert sock.recv(10) == b""  # closed by the server after 0.2 s (checked every 0.5 s at most)
        assert server.connection_count == 0
