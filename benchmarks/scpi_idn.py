"""*IDN? round trips per second: in-process through pyvisa (@skybench vs pyvisa-sim's @sim), and over TCP.

    python benchmarks/scpi_idn.py [--queries N] [--repeats R]

Both in-process figures use the same pyvisa front end, a GPIB INSTR resource and "\\n" terminations, so
the difference is the backend: @skybench parses the message with the SCPI engine and runs the instrument's
*IDN? handler; @sim looks the bytes up in its default.yaml dialogue table (device 2 on GPIB::9::INSTR).
The TCP figure is pyvisa-py's TCPIP SOCKET client against `protocols.tcp_server` on loopback. Each figure
is the best of R runs of N queries. The issue asks that @skybench be at least as fast as @sim.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyvisa  # noqa: E402

from protocols.demo import demo_bench  # noqa: E402
from protocols.tcp_server import ScpiServer  # noqa: E402
from protocols.visa_library import SkybenchVisaLibrary  # noqa: E402


def rate(resource, queries: int, repeats: int) -> float:
    """Best queries/s of `repeats` runs of `queries` *IDN? round trips."""
    for _ in range(50):
        resource.query("*IDN?")
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(queries):
            resource.query("*IDN?")
        best = max(best, queries / (time.perf_counter() - start))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    options = dict(read_termination="\n", write_termination="\n")

    sky_rm = pyvisa.ResourceManager(SkybenchVisaLibrary.with_bench(demo_bench()))
    sky = sky_rm.open_resource("GPIB0::22::INSTR", **options)
    sim_rm = pyvisa.ResourceManager("@sim")
    sim = sim_rm.open_resource("GPIB::9::INSTR", **options)
    print(f"@skybench: {sky.query('*IDN?')}")
    print(f"@sim:      {sim.query('*IDN?')}")
    sky_rate = rate(sky, args.queries, args.repeats)
    sim_rate = rate(sim, args.queries, args.repeats)
    print(f"in-process *IDN? round trips: @skybench {sky_rate:,.0f}/s, @sim {sim_rate:,.0f}/s, "
          f"ratio {sky_rate / sim_rate:.2f}")

    with ScpiServer(demo_bench(), port_base=0) as server:
        name = next(iter(server.ports))
        py_rm = pyvisa.ResourceManager("@py")
        tcp = py_rm.open_resource(server.resource_name(name), **options)
        tcp_rate = rate(tcp, max(args.queries // 5, 100), args.repeats)
        tcp.close()
        py_rm.close()
    print(f"TCP loopback (pyvisa-py SOCKET): {tcp_rate:,.0f}/s")
    sky_rm.close()
    sim_rm.close()
    return 0 if sky_rate >= sim_rate else 1


if __name__ == "__main__":
    raise SystemExit(main())
