"""A bounded part of a large `skybench study` (issue 13): its rate, the peak memory of its process tree, the wall time
it would take, and that a rerun resumes it.

    python benchmarks/study_bounded_run.py --seconds 300 --out DIR [--devices 1e6] [--chunk 500] [--workers 2]

Runs `python -m skybench.cli study --preset chamber_150nm --protocol fig4b --devices N --chunk C --workers W --out
DIR` for `--seconds`, then stops it as Ctrl-C does (SIGINT; the study leaves its finished chunks in the store).
Every second it sums the resident memory of the caller and all its descendants (the dask scheduler, nanny and
worker processes). Prints the devices finished in this run (rows of the chunk files written during it), the rate
over the run's wall time (cluster start included), the peak memory of the tree and of the caller, and the
extrapolated wall time of the whole study at that rate. Run it again with the same --out: the chunk files of the
first run must be left as they were (their SHA-256 is compared) and only new chunks are added.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq


def chunk_files(out: Path) -> dict[str, str]:
    """SHA-256 of every finished chunk file of the store `out`."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((out / "chunks").glob("chunk-*.parquet"))}


def rows(out: Path, names) -> int:
    """Rows (devices x cycles) in the chunk files `names` of `out`."""
    return sum(pq.read_metadata(out / "chunks" / name).num_rows for name in names)


def tree_rss(process: psutil.Process) -> tuple[int, int]:
    """(resident bytes of the process and all its descendants, of the process alone)."""
    try:
        own = process.memory_info().rss
        total = own
        for child in process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total, own
    except psutil.Error:
        return 0, 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--devices", default="1e6")
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    before = chunk_files(args.out) if (args.out / "chunks").is_dir() else {}
    command = [sys.executable, "-m", "skybench.cli", "study", "--preset", "chamber_150nm", "--protocol", "fig4b",
               "--devices", args.devices, "--chunk", str(args.chunk), "--workers", str(args.workers),
               "--out", str(args.out)]
    print(f"load average {os.getloadavg()[0]:.1f}; {len(before)} chunk files before; {' '.join(command[1:])}",
          flush=True)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    process = psutil.Process(child.pid)
    peak_tree = peak_own = 0
    while child.poll() is None and time.perf_counter() - started < args.seconds:
        total, own = tree_rss(process)
        peak_tree, peak_own = max(peak_tree, total), max(peak_own, own)
        time.sleep(1.0)
    wall = time.perf_counter() - started
    if child.poll() is None:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(60)
        except subprocess.TimeoutExpired:
            for p in process.children(recursive=True):
                p.kill()
            child.kill()
            child.wait()
    after = chunk_files(args.out)
    kept = all(after.get(name) == digest for name, digest in before.items())
    new = [name for name in after if name not in before]
    done = rows(args.out, new)
    total_devices = int(float(args.devices))
    rate = done / wall
    remaining = total_devices - rows(args.out, after)
    print(f"{done} devices in {len(new)} new chunks in {wall:.0f} s: {rate:.1f} devices/s (cluster start "
          f"included); peak resident memory: tree {peak_tree / 2**20:.0f} MiB, caller {peak_own / 2**20:.0f} MiB; "
          f"finished chunk files of earlier runs unchanged: {kept} ({len(before)}); store now "
          f"{rows(args.out, after)} devices; the rest ({remaining}) at this rate: {remaining / rate / 3600:.1f} h"
          if rate > 0 else f"no chunk finished in {wall:.0f} s; peak tree {peak_tree / 2**20:.0f} MiB; kept {kept}")


if __name__ == "__main__":
    main()
