"""`skybench serve`: the bench's instruments as raw-socket SCPI servers, one port per instrument.

    skybench serve [--bench FILE] [--host 127.0.0.1] [--port-base 5025]

Instrument i of the bench listens on port-base + i (port-base 0: any free ports). The command prints each
instrument's resource name and the VISA name to reach it, then serves until interrupted. Without --bench it
serves $SKYBENCH_BENCH or the default skyrmion bench (instruments/default_bench.yaml); `--bench demo` serves
the protocol layer's demo meters.
"""
from __future__ import annotations

import argparse
import ipaddress
import sys
import time

from protocols.bench import load_bench
from protocols.tcp_server import DEFAULT_PORT_BASE, ScpiServer
from skybench.errors import ParameterError, SkybenchError

NAME = "serve"
HELP = "serve the bench's instruments as raw-socket SCPI servers (one TCP port per instrument)"
#: Highest TCP port number.
PORT_MAX = 65535


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


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.port_base <= PORT_MAX:
        raise ParameterError("port-base", args.port_base, f"[0, {PORT_MAX}]")
    if args.duration is not None and not args.duration > 0:
        raise ParameterError("duration", args.duration, "(0, inf) (s)")
    from instruments.bench_file import install

    install()
    bench = load_bench(args.bench)
    if not args.port_base <= PORT_MAX - max(len(bench) - 1, 0):
        raise ParameterError("port-base", args.port_base, f"[0, {PORT_MAX - max(len(bench) - 1, 0)}]")
    server = ScpiServer(bench, host=args.host, port_base=args.port_base)
    try:
        ports = server.start()
    except OSError as error:
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
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
