"""`skybench serve`: the bench's instruments as raw-socket SCPI servers, one port per instrument.

    skybench serve [--bench FILE] [--host 127.0.0.1] [--port-base 5025] [--time-rate R] [--idle-timeout S]
                   [--transcript FILE]

Instrument i of the bench listens on port-base + i (port-base 0: any free ports). The command prints each
instrument's resource name and the VISA name to reach it, then serves until interrupted. Without --bench it
serves $SKYBENCH_BENCH or the default skyrmion bench (instruments/default_bench.yaml); `--bench demo` serves
the protocol layer's demo meters.

Time: over TCP the bench clock runs at R simulated seconds per wall second (`--time-rate`, default
DEFAULT_TIME_RATE, or the bench file's `clock.time_rate`), so a magnet ramp runs on while the client sleeps
between STATE? polls; `--time-rate inf` runs as in-process, time moving only while a client waits for a
response (as fast as the machine computes). `--transcript FILE` records every message (protocols.transcript).
"""
from __future__ import annotations

import argparse
import ipaddress
import math
import sys
import time

from protocols.bench import load_bench
from protocols.tcp_server import DEFAULT_PORT_BASE, IDLE_TIMEOUT, ScpiServer
from skybench.errors import ParameterError, SkybenchError

NAME = "serve"
HELP = "serve the bench's instruments as raw-socket SCPI servers (one TCP port per instrument)"
#: Highest TCP port number.
PORT_MAX = 65535
#: Simulated seconds per wall second over TCP unless --time-rate or the bench file says otherwise.
DEFAULT_TIME_RATE = 1000.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bench", metavar="FILE", default="", help="bench file (default: $SKYBENCH_BENCH or the default bench)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback only)")
    parser.add_argument(
        "--port-base",
        type=int,
        default=DEFAULT_PORT_BASE,
        help=f"port of the first instrument; the others follow (default: {DEFAULT_PORT_BASE}; 0: any free ports)",
    )
    parser.add_argument(
        "--duration", type=float, default=None, metavar="S", help="stop after S seconds (default: until interrupted)"
    )
    parser.add_argument(
        "--time-rate", type=float, default=None, metavar="R",
        help=f"simulated seconds per wall second (default: the bench file's, else {DEFAULT_TIME_RATE:g}; "
             "inf: as fast as possible, time moves while a client waits)")
    parser.add_argument(
        "--idle-timeout", type=float, default=IDLE_TIMEOUT, metavar="S",
        help=f"close connections idle for S wall seconds (default: {IDLE_TIMEOUT:g})")
    parser.add_argument("--transcript", metavar="FILE", default=None,
                        help="record every message with its simulated and wall time (JSON lines)")


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.port_base <= PORT_MAX:
        raise ParameterError("port-base", args.port_base, f"[0, {PORT_MAX}]")
    if args.duration is not None and not args.duration > 0:
        raise ParameterError("duration", args.duration, "(0, inf) (s)")
    if args.time_rate is not None and not args.time_rate > 0:
        raise ParameterError("time-rate", args.time_rate, "(0, inf] (simulated s per wall s)")
    if not (args.idle_timeout > 0 and math.isfinite(args.idle_timeout)):
        raise ParameterError("idle-timeout", args.idle_timeout, "(0, inf) (s)")
    from instruments.bench_file import install

    install()
    bench = load_bench(args.bench)
    if not args.port_base <= PORT_MAX - max(len(bench) - 1, 0):
        raise ParameterError("port-base", args.port_base, f"[0, {PORT_MAX - max(len(bench) - 1, 0)}]")
    clock = getattr(bench, "clock", None)
    if clock is not None:
        rate = args.time_rate
        if rate is None:
            configured = getattr(getattr(bench, "config", None), "time_rate", None)
            rate = configured if configured is not None else DEFAULT_TIME_RATE
        clock.set_time_rate(rate)
    recorder = None
    if args.transcript is not None:
        from protocols.transcript import Recorder

        recorder = Recorder.open(args.transcript, bench)
    server = ScpiServer(bench, host=args.host, port_base=args.port_base, idle_timeout=args.idle_timeout)
    try:
        ports = server.start()
    except OSError as error:
        if recorder is not None:
            recorder.close()
        raise SkybenchError(f"cannot listen on {args.host} from port {args.port_base}: {error}") from None
    try:
        if not _is_loopback(args.host):
            print(f"warning: serving on {args.host}: every host that can reach it can drive the bench", file=sys.stderr)
        for name in ports:
            print(f"{name}  ->  {server.resource_name(name)}")
        print("serving; Ctrl-C stops", flush=True)
        deadline = None if args.duration is None else time.monotonic() + args.duration
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.2 if deadline is None else max(0.0, min(0.2, deadline - time.monotonic())))
    finally:
        server.stop()
        if recorder is not None:
            recorder.close()
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
