"""How fast the bench's clock runs over TCP: an idle AMI 430 ramp and a long 2182A READ?, at a time rate and as
fast as possible.

    python benchmarks/tcp_time_rate.py [--rate R] [--ramp-seconds T] [--poll-interval S]

The default bench is served as `skybench serve` serves it (`protocols.tcp_server.ScpiServer`, the clock set
with `BenchClock.set_time_rate`). Two measurements per clock setting, each a raw-socket client on loopback:
- idle ramp: CONF the magnet for a ramp of T simulated seconds (0 -> 0.1 T), RAMP, then poll STATE? every S
  wall seconds (as a script for the real magnet does) until HOLDING; prints wall time and simulated/wall;
- long read: 2182A `:TRIG:COUN 200;:READ?` at 50 PLC (200 readings of 1 s = 200 s simulated, filter off),
  one blocking query; prints wall time and simulated/wall.
The issue's target: an idle 1000 s ramp in < 2 s wall with the default rate (>= 1000x).
"""
from __future__ import annotations

import argparse
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from instruments.bench_file import default_bench  # noqa: E402
from protocols.tcp_server import ScpiServer  # noqa: E402
from skybench.commands.serve import DEFAULT_TIME_RATE  # noqa: E402

MAGNET, NV = "TCPIP0::192.168.1.30::7180::SOCKET", "GPIB0::7::INSTR"
RAMP_FIELD = 0.1  # T


def lines(sock: socket.socket, count: int = 1) -> list[str]:
    data = b""
    while data.count(b"\n") < count:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data.decode().splitlines()


def idle_ramp(bench, server, ramp_seconds: float, poll_interval: float) -> tuple[float, float]:
    with socket.create_connection(("127.0.0.1", server.ports[MAGNET]), timeout=600) as sock:
        lines(sock, 2)  # connect message
        start_sim = bench.clock.now()
        sock.sendall(f"CONF:FIELD:UNITS 1;:CONF:RAMP:RATE:FIELD 1,{RAMP_FIELD / ramp_seconds:.9g},1;"
                     f":CONF:FIELD:TARG {RAMP_FIELD};:RAMP\r\n".encode())
        started = time.perf_counter()
        while True:
            sock.sendall(b"STATE?\r\n")
            if lines(sock)[0].strip() == "2":
                break
            time.sleep(poll_interval)
        wall = time.perf_counter() - started
        return wall, (bench.clock.now() - start_sim) / wall


def long_read(bench, server) -> tuple[float, float]:
    with socket.create_connection(("127.0.0.1", server.ports[NV]), timeout=600) as sock:
        start_sim = bench.clock.now()
        started = time.perf_counter()
        sock.sendall(b":SENS:VOLT:NPLC 50;:SENS:VOLT:DFIL OFF;:TRIG:COUN 200;:READ?\n")
        assert len(lines(sock)[0].split(",")) == 200
        wall = time.perf_counter() - started
        return wall, (bench.clock.now() - start_sim) / wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=DEFAULT_TIME_RATE, help="time rate (default: serve's)")
    parser.add_argument("--ramp-seconds", type=float, default=1000.0)
    parser.add_argument("--poll-interval", type=float, default=0.05, help="wall s between STATE? polls")
    args = parser.parse_args()
    bench = default_bench()
    bench.clock.advance(1.0)
    bench.device.read()  # numba kernels loaded (or compiled) before anything is timed
    for label, rate in ((f"time rate {args.rate:g}", args.rate), ("as fast as possible", float("inf"))):
        bench.clock.set_time_rate(rate)
        with ScpiServer(bench, port_base=0) as server:
            wall, ratio = idle_ramp(bench, server, args.ramp_seconds, args.poll_interval)
            print(f"{label}: idle {args.ramp_seconds:g} s ramp, STATE? every {args.poll_interval:g} s: "
                  f"{wall:.2f} s wall ({ratio:,.0f} x)")
            wall, ratio = long_read(bench, server)
            print(f"{label}: READ? of 200 x 1 s readings: {wall:.2f} s wall ({ratio:,.0f} x)")
            sock = socket.create_connection(("127.0.0.1", server.ports[MAGNET]))
            lines(sock, 2)
            sock.sendall(b"ZERO\r\n")
            sock.close()
            bench.clock.advance(2 * args.ramp_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
