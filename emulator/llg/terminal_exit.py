"""One skyrmion pushed along the chamber's right wall into the 20 nm right terminal (LLG): does it enter, how long
does it take to leave, how does its radius change.

The particle model of session 5 let a rigid skyrmion of the isolated radius slide into the 50 x 20 nm terminal and
leave at its far end (x = 200 nm, then an exit; closed since session 6, as in the LLG film); a real skyrmion 10 nm
across has to squeeze between the terminal's edges. This run measures that in the full LLG: a relaxed skyrmion
placed at `start` near the right wall, driven by the Fig. 4b potentiation pulses (+x current; it moves ~1.1 nm up at
the 72 deg Hall angle during a pulse and, pushed by the wall, further down between pulses, so it slides down the
wall: start it above the opening at y = 65-85 nm), its centre, m_z = 0 radius and charge sampled every `sample` s
until it has been gone for one pulse period or the pulses run out. With uniform current the chamber left of `crop`
plays no part (the skyrmion stays > 40 nm, ~8 edge decay lengths, from there), so `cropped` cuts the outline there
(a third of the cells). Results: the table in `emulator.llg.chamber`'s docstring.

    python -m emulator.llg.terminal_exit --start 130 95 --pulses 30 --out exit.csv
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import math
from typing import Callable

import numpy as np

from emulator.geometry import Electrode, Geometry

from emulator.llg import skyrmions
from emulator.llg.chamber import Fig4bProtocol, build
from emulator.llg.rk45 import RK45
from emulator.llg.stepper import advance
from skybench.errors import check_positive

PLACED_ITERATIONS = 100
"""Minimiser iterations of the initial state (dimensionless): enough to settle the profile, few enough that the
edge repulsion does not push the skyrmion away from where it was placed (2000 move it 17 nm off the wall)."""
TRACK_DISTANCE = 10e-9
"""Largest move of the tracked centre between two samples (m): ~2 radii; the skyrmion moves < 2 nm per sample."""


def cropped(geometry: Geometry, x_cut: float) -> Geometry:
    """The preset's outline right of `x_cut` (m, inside the chamber, 0 < x_cut < 150 nm): the chamber's right
    part and the right terminal, its exit kept; a left electrode on the cut (for the current flow only)."""
    check_positive("x_cut", x_cut, "m")
    nm = 1e-9
    outline = np.array([[x_cut, 0.0], [150 * nm, 0.0], [150 * nm, 65 * nm], [200 * nm, 65 * nm],
                        [200 * nm, 85 * nm], [150 * nm, 85 * nm], [150 * nm, 150 * nm], [x_cut, 150 * nm]])
    left = Electrode("left", np.array([[x_cut - 5 * nm, 0.0], [x_cut, 0.0], [x_cut, 150 * nm],
                                       [x_cut - 5 * nm, 150 * nm]]), 1.0)
    right = next(e for e in geometry.electrodes if e.potential == 0.0)
    return dataclasses.replace(geometry, name=geometry.name + "_right", outline=outline, exits=(3,),
                               electrodes=(left, right))


@dataclasses.dataclass(frozen=True)
class ExitSample:
    """The tracked skyrmion at one time (NaN position, radius and charge once it is gone)."""

    time: float
    """Time since the first pulse (s)."""
    x: float
    """Centre x (m, outline coordinates: the chamber spans 0-150 nm, the terminal 150-200 nm)."""
    y: float
    """Centre y (m, outline coordinates; the right terminal spans y = 65-85 nm)."""
    radius: float
    """Mean m_z = 0 radius (m)."""
    charge: float
    """Topological charge of its group (dimensionless)."""


def push(material, geometry, protocol: Fig4bProtocol, start: tuple[float, float], sample: float = 0.05e-9,
         observe: Callable[[ExitSample], None] | None = None, phase: str = "potentiation") -> list[ExitSample]:
    """Run `protocol` (one skyrmion placed at `start`, m, outline coordinates; no pad writes) and sample the
    skyrmion every `sample` s until it has been gone for one pulse period or `protocol.pulses` pulse periods
    end; each sample is also passed to `observe`. `phase` 'potentiation' drives +x pulses, 'depression' the
    reversed (-x) pulses (emulator.llg.pad_exit)."""
    check_positive("sample", sample, "s")
    protocol = dataclasses.replace(protocol, initial_centres=(tuple(start),), pad_write="field", pad_field=0.0,
                                   phase=phase, initial_iterations=PLACED_ITERATIONS)
    protocol.check(material, geometry)
    system, state, _ = build(material, geometry, protocol)
    xmin, ymin = geometry.bounds[:2]
    stepper = RK45(max_err=protocol.max_err)
    points = system.breakpoints()
    position = None
    gone_since = None
    samples = []
    steps = int(round(protocol.pulses * protocol.period / sample))
    for k in range(steps + 1):
        if k:
            advance(system, state, stepper, k * sample, points)
        found = [s for s in skyrmions.find(system.magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        if k == 0:  # the placed skyrmion, wherever the initial relaxation left it
            position = (start[0] - xmin, start[1] - ymin)
            near = found
        else:
            near = [s for s in found if position is not None
                    and math.hypot(s.x - position[0], s.y - position[1]) <= TRACK_DISTANCE]
        if near:
            s = min(near, key=lambda s: math.hypot(s.x - position[0], s.y - position[1]))
            position = (s.x, s.y)
            samples.append(ExitSample(state.t, s.x + xmin, s.y + ymin, s.radius, s.charge))
        else:
            position = None
            gone_since = state.t if gone_since is None else gone_since
            samples.append(ExitSample(state.t, math.nan, math.nan, math.nan, math.nan))
        if observe is not None:
            observe(samples[-1])
        if gone_since is not None and state.t - gone_since >= protocol.period:
            break
    return samples


def main(argv: list[str] | None = None) -> int:
    from emulator.presets import DEVICES, MATERIALS

    parser = argparse.ArgumentParser(prog="python -m emulator.llg.terminal_exit", description=__doc__.split("\n")[0])
    parser.add_argument("--start", type=float, nargs=2, default=(130.0, 95.0), metavar=("X", "Y"),
                        help="start of the skyrmion (nm, outline coordinates), default 130 95")
    parser.add_argument("--pulses", type=int, default=40, help="most potentiation pulses")
    parser.add_argument("--amplitude", type=float, default=4e10, help="nominal current density (A/m^2)")
    parser.add_argument("--current", choices=("uniform", "flow"), default="uniform")
    parser.add_argument("--theta-sh", type=float, help="spin Hall angle (default: the material's)")
    parser.add_argument("--sample", type=float, default=0.05, help="sampling interval (ns)")
    parser.add_argument("--crop", type=float, default=90.0,
                        help="cut the outline left of this x (nm; 0: the whole outline), default 90")
    parser.add_argument("--out", help="CSV of the samples")
    args = parser.parse_args(argv)
    material = MATERIALS["chamber_150nm"]
    geometry = DEVICES["chamber_150nm"]().model.geometry
    if args.crop > 0.0:
        geometry = cropped(geometry, args.crop * 1e-9)
    protocol = Fig4bProtocol(pulses=args.pulses, amplitude=args.amplitude, current=args.current,
                             theta_SH=args.theta_sh)
    rows = []

    def show(s: ExitSample) -> None:
        rows.append((f"{s.time * 1e9:.3f}", f"{s.x * 1e9:.2f}", f"{s.y * 1e9:.2f}", f"{s.radius * 1e9:.3f}",
                     f"{s.charge:.3f}"))
        print(" ".join(rows[-1]), flush=True)

    samples = push(material, geometry, protocol, (args.start[0] * 1e-9, args.start[1] * 1e-9),
                   sample=args.sample * 1e-9, observe=show)
    if args.out:
        with open(args.out, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["time_ns", "x_nm", "y_nm", "radius_nm", "charge"])
            writer.writerows(rows)
    inside = [s for s in samples if not math.isnan(s.x)]
    if not inside:
        print("no skyrmion after the initial relaxation")
        return 1
    entered = [s for s in inside if s.x > 150e-9]
    print(f"entered the terminal: {'yes at t = %.3f ns' % (entered[0].time * 1e9) if entered else 'no'}; "
          f"last seen t = {inside[-1].time * 1e9:.3f} ns at ({inside[-1].x * 1e9:.1f}, {inside[-1].y * 1e9:.1f}) nm, "
          f"radius {inside[-1].radius * 1e9:.2f} nm; gone: {math.isnan(samples[-1].x)}; "
          f"radius range {np.nanmin([s.radius for s in inside]) * 1e9:.2f}-"
          f"{np.nanmax([s.radius for s in inside]) * 1e9:.2f} nm")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
