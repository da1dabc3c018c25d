"""How close to a closed film edge a skyrmion can come and live: the edge's escape distance, from LLG.

The edge calibration (`interactions.run_edge`) measures the repulsion of an edge from d ~ 12 nm outward. Closer
in, the edge's canted rim and the skyrmion's wall merge: below some centre-to-edge distance the skyrmion is
attracted to the edge and leaves the film through it (its charge drains out across the boundary). That
distance is where the skyrmion-edge energy has its maximum; the particle model's exponential law, fitted
outside it, has no maximum, so the particles need it as a separate number: a skyrmion whose centre comes
closer than it to a closed edge is expelled (emulator.thiele.lifecycle, `Annihilation.edge_escape_gap`).

The experiment: one skyrmion with the isolated relaxed profile (radius R0, the particle model's equilibrium
radius at that field) is placed with a gap `g` between its m_z = 0 circle and the edge of a film open along x
(periodic along y; the edge calibration's box and settings) and left to relax with no drive. Within ~30 ps it
either expands into the edge and leaves (no skyrmion left) or shrinks to its edge-compressed radius and is
pushed away: the instability is of the breathing mode, set by how close the rim is to the edge. The critical
gap is bracketed by bisection; its midpoint is the escape gap the particle model uses with its own (isolated)
radius. The closest approach of the surviving run nearest the critical gap is recorded beside it (centre
distance and the compressed radius there).

The same runs measure the largest push of the edge. From d ~ 12 nm in, the LLG force stops growing as the
fitted exponential does: the skyrmion is squeezed (radius 3.6 nm against 5.1 nm isolated) and the force levels
off at ~1.15 pN around d ~ 10.5 nm, then falls to zero at the escape point (`peak_force`: skyrmions started at
and just outside the critical gap, their normal speed after the transient turned into a force as in
`interactions.run_edge`). A drive pressing a skyrmion against an edge harder than that pushes it through: the
particle model caps its edge push there (emulator.thiele.exchange_tail, `ExchangeRepulsion.edge_peak_force`).

`skybench calibrate` runs it with its other experiments (block `edge_escape` of calibration.json; `--edge-only
CALIBRATION` reruns the edge experiments alone). At another field, with the chamber calibration's settings:
`python -m emulator.llg.calibration.edge_escape --field B --out FILE` (measured 2026-12-07: the escape gap is
4.03 +- 0.09 nm at 0.15, 0.18, 0.2, 0.22 and 0.25 T and 3.84 +- 0.09 nm at 0.3 T, while R0 goes from 5.47 to
4.42 nm: the gap, not the centre distance, is what the field leaves alone).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from emulator.llg import skyrmions
from emulator.llg.calibration.drift import relaxed_skyrmion
from emulator.llg.calibration.interactions import run_edge
from emulator.llg.calibration.settings import CalibrationSettings
from emulator.llg.llg import LLG
from emulator.llg.mesh import Mesh
from emulator.llg.rk45 import RK45
from emulator.llg.stepper import advance
from emulator.material import Material
from emulator.skyrmion_profile import relax_profile
from skybench.formats.calibration import read_calibration

NM = 1e-9

ESCAPE_TIME = 0.6e-9
"""How long each placed skyrmion is followed (s): a survivor has receded by > 2 nm by then, an escape takes
< 0.2 ns once the rim and the wall touch."""
SAMPLE = 5e-12
"""Sampling interval of a run (s)."""
TRANSIENT = 0.025e-9
"""Breathing transient of the placed profile, excluded from the closest approach (s)."""
BISECTION_STEPS = 5
"""Bisection steps on the start gap (dimensionless): 6 nm / 2^5 ~ 0.2 nm."""
PEAK_STARTS = (0.0, 0.5e-9, 1.0e-9)
"""Start gaps of the peak-force runs past the smallest surviving start gap (m)."""
PEAK_TIME = 1.0e-9
"""Length of a peak-force run (s): the force has fallen well below its peak by then (d ~ 16 nm)."""
PEAK_SETTLE = 0.01e-9
"""Time discarded at the start of a peak-force run (s), before the force samples."""


@dataclasses.dataclass(frozen=True)
class EscapeRun:
    """One placed skyrmion followed in time."""

    start_gap: float
    """Start gap between the m_z = 0 circle of the placed profile and the edge (m)."""
    escaped: bool
    """True when no skyrmion (|Q| >= skyrmions.MIN_CHARGE) is left by the end."""
    t: list
    """Sample times (s)."""
    distance: list
    """Centre-to-edge distance at each sample (m); the run stops at the escape."""
    radius: list
    """m_z = 0 radius at each sample (m)."""


def escape_run(material: Material, settings: CalibrationSettings, start_gap: float,
               duration: float = ESCAPE_TIME) -> EscapeRun:
    """Place a skyrmion `start_gap` (m) from the edge at x = 0 and follow it for `duration` (s)."""
    width, height = settings.edge_box
    mesh = Mesh.covering(width, height, settings.cell, material.thickness, periodic_y=True)
    R0 = relax_profile(material, settings.Bz, settings.demag).radius
    magnet, energy, state = relaxed_skyrmion(material, settings, mesh, [(R0 + start_gap, 0.5 * height)],
                                             settings.Bz, relax=False)
    system = LLG(magnet, energy, alpha=material.alpha)
    stepper = RK45(max_err=settings.max_err)
    t, distance, radius = [], [], []
    for k in range(int(round(duration / SAMPLE)) + 1):
        if k:
            advance(system, state, stepper, k * SAMPLE)
        found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        if not found:
            return EscapeRun(start_gap, True, t, distance, radius)
        s = min(found, key=lambda s: s.x)
        t.append(k * SAMPLE)
        distance.append(float(s.x))
        radius.append(float(s.radius))
    return EscapeRun(start_gap, False, t, distance, radius)


@dataclasses.dataclass(frozen=True)
class EscapeGap:
    """The bisection's result."""

    gap: float
    """Escape gap: the midpoint of the start-gap bracket (m)."""
    radius: float
    """Isolated radius R0 of the placed profile (m)."""
    closest_distance: float
    """Closest centre-to-edge distance the surviving run nearest the bracket reached after the transient (m)."""
    closest_radius: float
    """Its (edge-compressed) radius there (m)."""
    start_died: float
    """Largest start gap that escaped (m)."""
    start_lived: float
    """Smallest start gap that survived (m)."""
    runs: list
    """Every EscapeRun made."""
    peak_force: float = float("nan")
    """Largest edge push, mean over the PEAK_STARTS runs (N); NaN if not measured."""
    peak_forces: tuple = ()
    """(start gap (m), largest push (N), centre distance there (m), radius there (m)) of each peak-force run."""


def closest_approach(run: EscapeRun) -> tuple[float, float, float]:
    """(gap, distance, radius) (m) at the sample after TRANSIENT where the gap is smallest."""
    t = np.asarray(run.t)
    d = np.asarray(run.distance)
    r = np.asarray(run.radius)
    keep = t >= TRANSIENT
    k = int(np.argmin(d[keep] - r[keep]))
    return float((d - r)[keep][k]), float(d[keep][k]), float(r[keep][k])


def bisect(material: Material, settings: CalibrationSettings, died: float = 0.0, lived: float = 6e-9,
           steps: int = BISECTION_STEPS, log=print) -> EscapeGap:
    """Bracket the critical start gap between `died` and `lived` (m), both checked first."""
    runs = []

    def run(gap):
        start = time.perf_counter()
        r = escape_run(material, settings, gap)
        runs.append(r)
        log(f"start gap {gap / NM:6.3f} nm: {'escaped' if r.escaped else 'lived'} "
            f"({time.perf_counter() - start:.0f} s)")
        return r

    low, high = run(died), run(lived)
    if not low.escaped or high.escaped:
        raise RuntimeError(f"no bracket: start {died / NM} nm escaped={low.escaped}, "
                           f"{lived / NM} nm escaped={high.escaped}")
    survivor = high
    for _ in range(steps):
        middle = 0.5 * (died + lived)
        r = run(middle)
        if r.escaped:
            died = middle
        else:
            lived, survivor = middle, r
    _, distance, radius = closest_approach(survivor)
    R0 = relax_profile(material, settings.Bz, settings.demag).radius
    return EscapeGap(0.5 * (died + lived), R0, distance, radius, died, lived, runs)


def peak_force(material: Material, settings: CalibrationSettings, thiele, result: EscapeGap) -> EscapeGap:
    """`result` with the largest edge push measured from starts at and just outside its surviving start gap
    (`thiele`: G and D of the Thiele equation, kg/s)."""
    rows = []
    for extra in PEAK_STARTS:
        start = result.start_lived + extra
        run = run_edge(material, dataclasses.replace(settings, edge_start_gap=start, edge_time=PEAK_TIME,
                                                     edge_settle=PEAK_SETTLE), thiele)
        k = int(np.argmax(run.force))
        rows.append((start, float(run.force[k]), float(run.distance[k]), float(run.radius[k])))
    return dataclasses.replace(result, peak_force=float(np.mean([r[1] for r in rows])), peak_forces=tuple(rows))


def chamber_settings(field: float) -> CalibrationSettings:
    """The chamber calibration's LLG settings (emulator/calibrations/chamber_150nm.json: 1 nm cells, local
    demag) at field `field` (T)."""
    return CalibrationSettings(cell=1e-9, demag="local", Bz=field)


def escape_document(result: EscapeGap) -> dict:
    """The calibration.json block `edge_escape` of a bisection (SI units in the keys)."""
    return {
        "law": "a skyrmion of the isolated radius radius_m escapes through a closed edge when the gap between "
               "its m_z = 0 circle and the edge is below gap_m",
        "gap_m": result.gap, "radius_m": result.radius,
        "peak_force_law": "the edge pushes a skyrmion with at most peak_force_N (mean of the runs' largest push)",
        "peak_force_N": result.peak_force,
        "peak_force_runs": [{"start_gap_m": g, "force_N": f, "distance_m": d, "radius_m": r}
                            for g, f, d, r in result.peak_forces], "start_gap_escaped_m": result.start_died,
        "start_gap_lived_m": result.start_lived, "closest_surviving_distance_m": result.closest_distance,
        "closest_surviving_radius_m": result.closest_radius,
        "escape_time_s": ESCAPE_TIME, "sample_s": SAMPLE, "transient_s": TRANSIENT,
        "runs": [{"start_gap_m": r.start_gap, "escaped": r.escaped,
                  "min_distance_m": (min(r.distance) if r.distance else None)} for r in result.runs],
    }


def main(argv=None) -> int:
    from emulator.chamber_preset import CHAMBER_150NM
    parser = argparse.ArgumentParser(prog="python -m emulator.llg.calibration.edge_escape",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--field", type=float, default=0.2, help="applied field Bz (T), default 0.2")
    parser.add_argument("--out", required=True, help="JSON of the result")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--calibration", default=None,
                        help="calibration.json whose G and D turn the peak runs' speed into force (default: the "
                             "bundled chamber calibration)")
    args = parser.parse_args(argv)
    import numba
    numba.set_num_threads(args.threads)
    settings = chamber_settings(args.field)
    start = time.perf_counter()
    from emulator.chamber_preset import CHAMBER_CALIBRATION
    document = read_calibration(args.calibration or CHAMBER_CALIBRATION, numbers=("G_kg_per_s", "D_kg_per_s"))
    thiele = SimpleNamespace(G=float(document["G_kg_per_s"]), D=float(document["D_kg_per_s"]))
    result = peak_force(CHAMBER_150NM, settings, thiele, bisect(CHAMBER_150NM, settings))
    record = {**escape_document(result),
              "settings": {"material": CHAMBER_150NM.name, "cell_m": settings.cell, "demag": settings.demag,
                           "Bz_T": settings.Bz, "edge_box_m": list(settings.edge_box),
                           "max_err": settings.max_err},
              "wall_time_s": time.perf_counter() - start,
              "command": "python -m emulator.llg.calibration.edge_escape " + " ".join(sys.argv[1:])}
    out = Path(args.out)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(json.dumps(record, indent=1))
    os.replace(tmp, out)
    print(f"Bz {args.field} T: escape gap {result.gap / NM:.2f} nm (died {result.start_died / NM:.2f}, lived "
          f"{result.start_lived / NM:.2f}) at R0 {result.radius / NM:.2f} nm; closest survivor: centre "
          f"{result.closest_distance / NM:.2f} nm, radius {result.closest_radius / NM:.2f} nm; peak push "
          f"{result.peak_force:.3e} N (" + ", ".join(f"{f:.3e} at {d / NM:.2f} nm" for _, f, d, _ in result.peak_forces)
          + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
