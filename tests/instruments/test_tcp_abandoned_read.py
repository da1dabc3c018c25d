"""Issue 14 item 11: a 2182A READ? with a huge trigger count (9999 readings at 50 PLC: 10000 s of bench time),
abandoned by its client, stops being produced when the client's socket closes; the bench clock stops."""
from __future__ import annotations

import socket
import time

from protocols.tcp_server import ScpiServer

NV = "GPIB0::7::INSTR"


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
