"""Where does a chamber skyrmion go under the reversed (depression) pulses: LLG against particles (issue 10).

Under the 125 reversed Fig. 4b pulses the particle model of session 5 took most of its skyrmions out through the
left pad (40 nm wide, y = 55-95 nm, its far end at x = -50 nm then an exit), while the LLG reference loses few. This run
measures the path of one skyrmion in the full LLG: a relaxed skyrmion placed at `start` in front of or below the
pad opening, driven by the reversed pulses (-x current, j = -4e10 A/m^2, 0.05 ns on / 0.10 ns off, Bz 0.2 T,
uniform current, the material's theta_SH, local demag, 1 nm cells), its centre, m_z = 0 radius and charge
sampled every `sample` s (emulator.llg.terminal_exit.push) until it has been gone for one pulse period or the
pulses run out. With uniform current the chamber right of `crop` plays no part (the skyrmion stays > 40 nm,
~8 edge decay lengths, from there), so `cropped` cuts the outline there. The particle side places one skyrmion
of the shipped preset (emulator.chamber_preset.chamber_150nm, no pad writes) at the same start point and runs
the same pulses.

    python -m emulator.llg.pad_exit llg --start 12 75 --pulses 30 --out pad_exit_12_75.json   (~6 min)
    python -m emulator.llg.pad_exit compare [pad_exit.json]     (the stored runs, `STORED`, by default)

Measured 2026-12-07 (`STORED`, `compare`; tests/emulator/llg/test_pad_exit.py):

- Every closed edge pushes a skyrmion away (F = 5.6 pN e^(-(d - 5.1 nm) / 5.25 nm), the calibration), and at
  the 70 deg Hall angle that push turns into motion along the wall: near the left wall the push (+x) moves the
  skyrmion up (+y), faster than the pulses' -y drift. Both models agree on this: from (12, 110) nm the two paths
  stay within 2.6 nm over 20 pulses (slide up to y = 125, then drift back down at x = 25 nm, never near the
  pad); from (12, 40) nm both slide up the wall to the opening's corner (0, 55) in 3 pulses.
- In front of the opening, (12, 75) nm, both drift -x into the pad (within 1.5 nm over 9 pulses) and then speed
  up in it (the LLG less: its radius falls from 4.9 to 4.2 nm in the 40 nm pad, the particle keeps 5.1 nm).
- The LLG skyrmion parks in the pad at x = -27 +- 2 nm, 21-23 nm short of its far end, from pulse 20 to 30. In
  the LLG the pad's far end is the film's end, an edge that repels like every other. The parking point is where
  the end's push balances the pulses' mean drive, F(d) = (width / period) k j: d = 22.6 nm, x = -27.4 nm. Until
  session 6 the particle preset had an exit there and lost the skyrmion after pulse 19; with the terminals'
  ends closed, as in the LLG, the particle parks at (-27.6, 75.6) nm against the LLG's (-27.3, 75.4) nm.
- From (12, 40) nm the LLG skyrmion is annihilated on the opening's corner (0, 55) nm in pulse 7: at
  (6.3, 61) nm, its rim ~4 nm from the corner's tip (the LLG escape gap of a straight edge is 4.03 nm,
  emulator/llg/calibration/edge_escape.py), the pulse drives it -y onto the tip; within 0.05 ns it spreads over
  the corner (68 -> 183 reversed cells, charge -0.89 -> -0.5), slides down the left wall as an edge-bound half
  texture (y 55 -> 34 nm, charge -> -0.2) and is gone at 1.04 ns (0.01 ns samples of the same run, a one-off
  script, not stored). The particle slides up the wall faster (60 against 57 nm at pulse 3), passes the tip
  ~15 nm from it, outside the escape gap, and enters the pad: on this path the particle model still misses the
  LLG by 3-7 nm, enough to miss the annihilation.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import time
from pathlib import Path

import numpy as np

from emulator.geometry import Electrode, Geometry
from emulator.llg.chamber import Fig4bProtocol
from skybench.errors import check_positive, check_range

NM = 1e-9
STORED = Path(__file__).resolve().parents[1] / "calibrations" / "llg_reference" / "pad_exit_default.json"
"""The stored LLG paths (`main llg` per start point, merged; m, outline coordinates)."""
PERIOD = Fig4bProtocol.period
"""Pulse period (s), paper Methods: the chamber protocol's (emulator.llg.chamber.Fig4bProtocol)."""
WIDTH = Fig4bProtocol.width
"""Pulse length (s), paper Methods."""
AMPLITUDE = Fig4bProtocol.amplitude
"""Nominal current density of a pulse (A/m^2), paper Methods; the depression pulses run at minus this."""
BZ = Fig4bProtocol.Bz
"""Perpendicular field (T), paper Methods."""
SAMPLE = 0.05e-9
"""Sampling interval of both models (s): one pulse length, so every pulse period ends on a sample."""


def cropped(geometry: Geometry, x_cut: float) -> Geometry:
    """The preset's outline left of `x_cut` (m, inside the chamber, 0 < x_cut < 150 nm): the left pad, closed at
    x = -50 nm as the preset's, and the chamber's left part; a right electrode on the cut (for the current flow
    only)."""
    check_range("x_cut", x_cut, 0.0, 150 * NM, "m", low_inclusive=False, high_inclusive=False)
    outline = np.array([[-50 * NM, 55 * NM], [0.0, 55 * NM], [0.0, 0.0], [x_cut, 0.0], [x_cut, 150 * NM],
                        [0.0, 150 * NM], [0.0, 95 * NM], [-50 * NM, 95 * NM]])
    right = Electrode("right", np.array([[x_cut, 0.0], [x_cut + 5 * NM, 0.0], [x_cut + 5 * NM, 150 * NM],
                                         [x_cut, 150 * NM]]), 0.0)
    left = next(e for e in geometry.electrodes if e.potential != 0.0)
    return dataclasses.replace(geometry, name=geometry.name + "_left", outline=outline, exits=(),
                               electrodes=(left, right))


def llg_path(start: tuple[float, float], pulses: int, crop: float = 60 * NM, sample: float = SAMPLE,
             theta_SH: float | None = None, observe=None) -> list:
    """The LLG samples (emulator.llg.terminal_exit.ExitSample) of one skyrmion placed at `start` (m, outline
    coordinates) under `pulses` reversed pulse periods, the outline cut right of `crop` (m; 0: whole outline)."""
    from emulator.llg.terminal_exit import push
    from emulator.presets import DEVICES, MATERIALS

    check_range("pulses", pulses, 1, 1000, "")
    geometry = DEVICES["chamber_150nm"]().model.geometry
    if crop > 0.0:
        geometry = cropped(geometry, crop)
    protocol = Fig4bProtocol(pulses=pulses, amplitude=AMPLITUDE, Bz=BZ, width=WIDTH, period=PERIOD,
                             current="uniform", theta_SH=theta_SH)
    return push(MATERIALS["chamber_150nm"], geometry, protocol, start, sample=sample, observe=observe,
                phase="depression")


def particle_path(start: tuple[float, float], pulses: int, model=None) -> list[tuple[float, float, float, float]]:
    """(time s, x m, y m, radius m) every `SAMPLE` of one skyrmion of the shipped chamber preset (default; no
    pad writes) placed at `start` (m) under `pulses` reversed pulse periods; NaN once it has left or collapsed.
    The particle run is at 0 K and deterministic."""
    from emulator.chamber_preset import chamber_150nm
    from emulator.thiele.engine import ThieleEngine

    check_range("pulses", pulses, 1, 1000, "")
    model = chamber_150nm().model if model is None else model
    model = dataclasses.replace(model, nucleation=dataclasses.replace(model.nucleation, sites=()))
    engine = ThieleEngine(model, devices=1, seed=0, record_events=False, threads=1)
    (ident,) = engine.place(float(start[0]), float(start[1]), BZ)
    out = [(0.0, float(start[0]), float(start[1]), float(engine.skyrmions().radius[0]))]
    per_period = int(round(PERIOD / SAMPLE))
    on = int(round(WIDTH / SAMPLE))
    for k in range(pulses * per_period):
        engine.advance(-AMPLITUDE if k % per_period < on else 0.0, BZ, SAMPLE)
        sk = engine.skyrmions()
        hit = np.flatnonzero(sk.ids == ident)
        if hit.size:
            i = int(hit[0])
            out.append((engine.time, float(sk.x[i]), float(sk.y[i]), float(sk.radius[i])))
        else:
            out.append((engine.time, math.nan, math.nan, math.nan))
    return out


def per_pulse(samples, count: int) -> list:
    """The samples that end pulse periods 0 (the start) to `count` (NaN rows past the end of `samples`)."""
    step = int(round(PERIOD / SAMPLE))
    blank = (math.nan,) * len(samples[0])
    return [samples[k * step] if k * step < len(samples) else blank for k in range(count + 1)]


def table(llg: list, particles: list) -> str:
    """Pulse-by-pulse table (nm): pulse, LLG x y R, particle x y R. `llg` rows (time, x, y, radius, charge) and
    the particle rows (time, x, y, radius) are per pulse period, 0 the start."""
    fmt = lambda v: "-" if math.isnan(v) else f"{v * 1e9:.1f}"  # noqa: E731
    lines = ["| pulse | LLG x | LLG y | LLG R | particle x | particle y | particle R |", "|---|---|---|---|---|---|---|"]
    for k, (a, b) in enumerate(zip(llg, particles)):
        lines.append(f"| {k} | {fmt(a[1])} | {fmt(a[2])} | {fmt(a[3])} | {fmt(b[1])} | {fmt(b[2])} | {fmt(b[3])} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulator.llg.pad_exit", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    llg = sub.add_parser("llg", help="run the LLG path of one start point")
    llg.add_argument("--start", type=float, nargs=2, default=(12.0, 75.0), metavar=("X", "Y"),
                     help="start of the skyrmion (nm, outline coordinates), default 12 75")
    llg.add_argument("--pulses", type=int, default=30, help="reversed pulse periods, default 30")
    llg.add_argument("--crop", type=float, default=60.0,
                     help="cut the outline right of this x (nm; 0: the whole outline), default 60")
    llg.add_argument("--threads", type=int, default=1)
    llg.add_argument("--out", required=True, help="JSON of the samples")
    compare = sub.add_parser("compare", help="particle paths against stored LLG paths")
    compare.add_argument("llg_json", nargs="?", default=str(STORED))
    args = parser.parse_args(argv)
    if args.what == "llg":
        import numba

        check_positive("threads", args.threads, "")
        numba.set_num_threads(args.threads)
        begin = time.perf_counter()
        rows = []

        def show(s) -> None:
            rows.append([s.time, s.x, s.y, s.radius, s.charge])
            print(f"{s.time * 1e9:.3f} {s.x * 1e9:.2f} {s.y * 1e9:.2f} {s.radius * 1e9:.3f} {s.charge:.3f} "
                  f"({time.perf_counter() - begin:.0f} s)", flush=True)

        llg_path((args.start[0] * NM, args.start[1] * NM), args.pulses, args.crop * NM, observe=show)
        wall = time.perf_counter() - begin
        with open(args.out, "w") as handle:
            json.dump({"format": "skybench-llg-pad-exit", "runs": [{
                "start_nm": list(args.start), "pulses": args.pulses, "crop_nm": args.crop, "wall_s": round(wall),
                "command": f"python -m emulator.llg.pad_exit llg --start {args.start[0]:g} {args.start[1]:g} "
                           f"--pulses {args.pulses} --crop {args.crop:g} --threads {args.threads} --out <file>",
                "columns": ["time_s", "x_m", "y_m", "radius_m", "charge"],
                "samples": [[None if math.isnan(v) else v for v in r] for r in rows]}]}, handle, indent=None)
        return 0
    with open(args.llg_json) as handle:
        runs = json.load(handle)["runs"]
    for run in runs:
        samples = [[math.nan if v is None else v for v in r] for r in run["samples"]]
        count = run["pulses"]
        start = (run["start_nm"][0] * NM, run["start_nm"][1] * NM)
        print(f"start {run['start_nm']} nm, {count} reversed pulses (LLG wall time {run['wall_s']} s)")
        print(table(per_pulse(samples, count), per_pulse(particle_path(start, count), count)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
