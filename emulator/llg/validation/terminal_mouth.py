"""Skyrmions in front of the right terminal's mouth under the potentiation pulses: LLG against particles (issue 10).

In the default Fig. 4b LLG reference two skyrmions die during potentiation on the right terminal's upper reflex
corner (150, 85) nm after waiting at ~(140, 82) nm; the particle model keeps its skyrmions at ~(134, 71) nm and
never loses one there. This module runs the same start in both models: skyrmions placed at `starts` (m, outline
coordinates) in the LLG chamber (emulator.llg.chamber.build: relaxed profiles, `PLACED_ITERATIONS` minimiser
iterations, no pad writes) and in the chamber preset (emulator.chamber_preset.chamber_150nm, at the LLG
skyrmions' centres after that relaxation, `relaxed_starts`; nucleation off), driven by the potentiation pulses
(+x current, 4e10 A/m^2, 0.05 ns on / 0.10 ns off, Bz 0.2 T, uniform current, the material's theta_SH, local
demag, 1 nm cells) or released without current (`amplitude` 0: the edge and pair forces alone). Every skyrmion
centre, radius and charge is sampled every `SAMPLE`. With uniform current the chamber left of `crop` plays no part
(the skyrmions stay > 30 nm, 6 edge decay lengths, from there), so the outline is cut there
(emulator.llg.terminal_exit.cropped).

    python -m emulator.llg.validation.terminal_mouth llg --name lone_140_82 --start 140 82 --pulses 10 --out f.json
    python -m emulator.llg.validation.terminal_mouth compare [f.json] [--edge-law boundary_term]

`llg --out` into an existing file adds (or replaces) the run of that name, so one file holds every run; `compare`
reads `STORED` by default and prints, per run, the pulse-by-pulse table (pulse periods) or, for a run without
current, the force along the released skyrmion's path (`force_map`: LLG velocity -> force through the Thiele G
and alpha D of the calibration, against the particle edge force at the same points).

Measured 2026-12-07 (`STORED`: 11 runs, 11-104 s each on one shared core with the outline cut at x = 90 nm;
tests/emulator/llg/test_terminal_mouth.py):

- Straight wall (released at (140, 110) nm, 10 nm from the right wall, 25 nm above the corner): LLG and particle
  forces agree, 1.04 -> 0.41 pN, 0.07 pN RMS. The Thiele G, D and the straight-edge calibration hold.
- Concave corner (released at (138, 138) nm, 12 nm from both walls of (150, 150) nm): the LLG force (1.08 ->
  0.61 pN) is followed within 0.05 pN RMS by 'tail_integral', 0.07 pN by 'boundary_term'.
- In front of the terminal's mouth (released at (140, 82), (140, 75), (143, 79) nm) the LLG skyrmion moves under
  0.31-0.48 pN, the particle under 0.46-0.94 pN: 1.5-2.9 times (median ~2) the LLG's push. The difference is the
  edge law: with the terminal's walls (x > 150 nm) left out the same law gives the LLG forces within 0.03-0.11 pN.
  The 'tail_integral' law adds each boundary element's K0 push whatever its orientation, so the terminal's walls,
  seen end-on from the chamber, push ~0.4 pN.
- Released at rest 5 nm above the upper corner ((140, 90) nm) the LLG skyrmion is drawn along the wall onto the
  corner and dies within 0.07 ns; released in the mouth ((145, 75) nm) it dies on the lower corner at 0.27 ns.
  The shipped particle is pushed down and away from (140, 90) nm.
- Lone skyrmions under the pulses: from (125, 80) nm the LLG one reaches 16.2 nm from the upper corner after 15
  pulses, the particle 20.2 nm; from (140, 82) nm the LLG one stays 10.5-13.2 nm from the corners for 5 pulses,
  the particle leaves at ~3 times its speed, to y = 60 nm below the mouth.
- Crowd (four placed: (140, 82), (126, 103), (124, 129), (128, 55) nm): the LLG one at (140, 82) nm (squeezed
  by the initial relaxation to R 4.1 nm, against 4.5 nm placed alone) dies on the corner within the first
  period, the one at (126, 103) nm slides down the wall to (133.0, 82.9) nm in 12 pulses, the one at (128, 55)
  nm stays; the shipped particles keep the first (it leaves to y = 58 nm), stop the second at (129.0, 90.9) nm
  and slide the fourth down to y = 24 nm.
- The proposed 'boundary_term' edge law (emulator/thiele/exchange_tail.py: the outer term as the DMI boundary
  term, K1(r / xi) (n . r_hat) per boundary element, the same calibration, no new parameter; `boundary_term_force`
  is its numpy reference) follows the LLG at the mouth within 0.04-0.11 pN RMS, kills and spares the four
  released skyrmions as the LLG does, keeps the lone paths within 1.0-1.9 nm of the LLG's over 10 pulses
  ('tail_integral' 2.4-11.4 nm; particles start at the LLG's relaxed centres, `relaxed_starts`), and in the crowd
  loses the first skyrmion on the corner and slides the second to (133.1, 81.5) nm. Residuals: near the corner
  (release_145_75, release_140_90, the skyrmion about to die) it misses the LLG force by 0.27-0.37 pN; started
  at the placed point (140, 82) nm instead of the LLG's relaxed (139.4, 81.5) nm the particle dies in the first
  pulse (the LLG's lives); and next to the corner the particle's radius is 3.2-3.5 nm against the LLG's 4.4-4.5
  nm: the edge squeeze, a straight-edge law of the nearest distance, squeezes too much at a reflex corner tip
  (less SOT force, a slower particle during the pulse).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import time
from pathlib import Path

import numpy as np

from emulator.llg.chamber import Fig4bProtocol
from skybench.errors import ParameterError, check_positive, check_range

NM = 1e-9
STORED = Path(__file__).resolve().parents[2] / "calibrations" / "llg_reference" / "terminal_mouth_default.json"
"""The stored LLG runs (`main llg`, one entry per run name; m, s, outline coordinates)."""
FORMAT = "skybench-llg-terminal-mouth"
"""Format name of the stored file."""
PERIOD = Fig4bProtocol.period
"""Pulse period (s), paper Methods: the chamber protocol's (emulator.llg.chamber.Fig4bProtocol)."""
WIDTH = Fig4bProtocol.width
"""Pulse length (s), paper Methods."""
AMPLITUDE = Fig4bProtocol.amplitude
"""Nominal current density of a potentiation pulse (A/m^2), paper Methods."""
BZ = Fig4bProtocol.Bz
"""Perpendicular field (T), paper Methods."""
SAMPLE = 0.05e-9
"""Sampling interval of both models (s): one pulse length, so every pulse period ends on a sample."""
CROP = 90e-9
"""The LLG outline is cut left of this x (m): > 30 nm left of every start this module uses."""
PLACED_ITERATIONS = 100
"""Minimiser iterations of the LLG initial state (dimensionless): the profiles settle, the edges and neighbours
do not yet move the skyrmions far from where they were placed (emulator.llg.terminal_exit.PLACED_ITERATIONS)."""
TRACK_DISTANCE = 10e-9
"""Largest move of one skyrmion between two samples (m) for the tracking (~2 radii; they move < 5 nm)."""


def llg_samples(starts, pulses: int, amplitude: float = AMPLITUDE, crop: float = CROP, sample: float = SAMPLE,
                theta_SH: float | None = None, observe=None) -> list:
    """(time s, [[x m, y m, radius m, charge], ...]) every `sample` s for skyrmions placed at `starts` (m,
    outline coordinates) in the LLG chamber (outline cut left of `crop` m; 0: the whole outline), under `pulses`
    potentiation pulse periods of `amplitude` (A/m^2; 0: no current, the skyrmions relax under the edge and pair
    forces alone). Every group with |Q| >= emulator.llg.skyrmions.MIN_CHARGE is listed, sorted by x then y; the
    first row is the relaxed initial state. Each row is also passed to `observe`."""
    from emulator.llg import skyrmions
    from emulator.llg.chamber import build
    from emulator.llg.rk45 import RK45
    from emulator.llg.stepper import advance
    from emulator.llg.terminal_exit import cropped
    from emulator.presets import DEVICES, MATERIALS

    check_range("pulses", pulses, 1, 1000, "")
    check_range("amplitude", amplitude, 0.0, 5e11, "A/m^2")
    check_positive("sample", sample, "s")
    starts = tuple((float(x), float(y)) for x, y in starts)
    if not starts:
        raise ParameterError("starts", starts, "at least one (x, y) point in metres")
    material = MATERIALS["chamber_150nm"]
    geometry = DEVICES["chamber_150nm"]().model.geometry
    if crop > 0.0:
        geometry = cropped(geometry, crop)
        if min(x for x, _ in starts) < crop + 15 * NM:
            raise ParameterError("starts", starts, f"points at least 15 nm right of the crop ({crop / NM:g} nm)")
    protocol = Fig4bProtocol(pulses=pulses, amplitude=amplitude if amplitude > 0.0 else AMPLITUDE, Bz=BZ,
                             width=WIDTH, period=PERIOD, current="uniform", theta_SH=theta_SH, pad_write="field",
                             pad_field=0.0, initial_centres=starts, initial_iterations=PLACED_ITERATIONS)
    protocol.check(material, geometry)
    system, state, _ = build(material, geometry, protocol)
    if amplitude == 0.0:
        system = system.replace(torque=None)
    xmin, ymin = geometry.bounds[:2]
    stepper = RK45(max_err=protocol.max_err)
    points = system.breakpoints()
    rows = []
    for k in range(int(round(pulses * PERIOD / sample)) + 1):
        if k:
            advance(system, state, stepper, k * sample, points)
        found = [s for s in skyrmions.find(system.magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        rows.append((state.t, [[s.x + xmin, s.y + ymin, s.radius, s.charge] for s in found]))
        if observe is not None:
            observe(rows[-1])
    return rows


def with_edge_law(model, edge_law: str):
    """`model` with its exchange edge law replaced (emulator.thiele.exchange_tail.EDGE_LAWS)."""
    from emulator.thiele.exchange_tail import ExchangeRepulsion

    terms = tuple(dataclasses.replace(t, edge_law=edge_law) if isinstance(t, ExchangeRepulsion) else t
                  for t in model.forces.terms)
    return dataclasses.replace(model, forces=dataclasses.replace(model.forces, terms=terms))


def particle_model(edge_law: str | None = None):
    """The shipped chamber preset's particle model with its pad write switched off, and with the exchange edge
    law `edge_law` if given (default: the preset's, emulator.chamber_preset.EDGE_LAW)."""
    from emulator.chamber_preset import chamber_150nm

    model = chamber_150nm().model
    model = dataclasses.replace(model, nucleation=dataclasses.replace(model.nucleation, sites=()))
    return model if edge_law is None else with_edge_law(model, edge_law)


def particle_samples(starts, pulses: int, amplitude: float = AMPLITUDE, model=None, sample: float = SAMPLE) -> list:
    """(time s, [[x m, y m, radius m] or None once gone, per start]) every `sample` s for particles placed at
    `starts` (m) in `model` (default `particle_model()`), under the same pulses as `llg_samples`. 0 K:
    deterministic."""
    from emulator.thiele.engine import ThieleEngine

    check_range("pulses", pulses, 1, 1000, "")
    model = particle_model() if model is None else model
    engine = ThieleEngine(model, devices=1, seed=0, record_events=False, threads=1)
    idents = [engine.place(float(x), float(y), BZ)[0] for x, y in starts]
    engine.settle_radius(BZ)

    def row():
        sk = engine.skyrmions()
        out = []
        for ident in idents:
            hit = np.flatnonzero(sk.ids == ident)
            out.append([float(sk.x[hit[0]]), float(sk.y[hit[0]]), float(sk.radius[hit[0]])] if hit.size else None)
        return engine.time, out

    rows = [row()]
    on = int(round(WIDTH / sample))
    per_period = int(round(PERIOD / sample))
    for k in range(pulses * per_period):
        engine.advance(amplitude if k % per_period < on else 0.0, BZ, sample)
        rows.append(row())
    return rows


def tracks(rows, starts) -> list:
    """Follow each start through the LLG rows: per row, per start, [x, y, radius, charge] of the skyrmion nearest
    to its last position (within `TRACK_DISTANCE`, each found skyrmion taken once, nearest pairs first), None
    once it is lost. Starts from the start points themselves (the first row is the relaxed state)."""
    last = [tuple(s) for s in starts]
    out = []
    for _, found in rows:
        pairs = sorted((math.dist(p[:2], f[:2]), i, j) for i, p in enumerate(last) if p is not None
                       for j, f in enumerate(found))
        taken, now = set(), [None] * len(last)
        for dist, i, j in pairs:
            if dist <= TRACK_DISTANCE and now[i] is None and j not in taken:
                now[i] = list(found[j])
                taken.add(j)
        last = [None if n is None else (n[0], n[1]) for n in now]
        out.append(now)
    return out


def relaxed_starts(run: dict) -> list:
    """Where the particles of a stored run start (m): each LLG skyrmion's centre after the initial relaxation
    (the run's first row, `tracks`), which moves it up to ~0.7 nm from its placed start near an edge; the placed
    start where the relaxation lost it."""
    starts = [tuple(s) for s in run["starts_m"]]
    first = tracks([(run["rows"][0]["time_s"], run["rows"][0]["skyrmions"])], starts)[0]
    return [start if found is None else (found[0], found[1]) for start, found in zip(starts, first)]


def per_pulse(rows, sample: float = SAMPLE) -> list:
    """The rows that end pulse periods 0 (the start) to the last whole one."""
    step = int(round(PERIOD / sample))
    return rows[::step]


def thiele_force(vx: float, vy: float, model=None) -> tuple[float, float]:
    """The force (N) that moves a skyrmion at velocity (vx, vy) (m/s) in the Thiele equation
    G z x v + alpha D v = F with the particle model's G and alpha D at `BZ` (the LLG calibration's: G from the
    charge, D from the relaxed profile): F = (alpha D vx - G vy, alpha D vy + G vx)."""
    model = particle_model() if model is None else model
    gyro = model.gyrocoupling
    damping = model.dissipation_factor * model.table.at(BZ)[1]
    return damping * vx - gyro * vy, damping * vy + gyro * vx


def force_map(rows, model=None, skip: int = 2) -> list:
    """Force along a released (no current) LLG path against the particle model's at the same points: per interval
    between consecutive rows of the first tracked skyrmion, (x m, y m, LLG force (Fx, Fy) N from the central
    difference velocity through `thiele_force`, particle edge force (Fx, Fy) N at the midpoint). The first `skip`
    intervals (the profile settling after the release) are left out."""
    from emulator.thiele.forces import edge

    model = particle_model() if model is None else model
    kernel = model.kernel_model()
    radius = model.table.at(BZ)[0]
    path = [(t, found[0]) for t, found in rows if found]
    out = []
    for (t0, a), (t1, b) in list(zip(path, path[1:]))[skip:]:
        x, y = 0.5 * (a[0] + b[0]), 0.5 * (a[1] + b[1])
        llg = thiele_force((b[0] - a[0]) / (t1 - t0), (b[1] - a[1]) / (t1 - t0), model)
        fx, fy, _, _ = edge(kernel, x, y, radius)
        out.append((x, y, llg, (float(fx), float(fy))))
    return out


BOUNDARY_ELEMENT = 0.25e-9
"""Length of the outline elements of `boundary_term_force` (m): a twentieth of the decay length; the sum is used
> 1 nm from the outline, where the elements' midpoint rule is converged to < 1 % (0.05 nm elements)."""


def boundary_term_force(model, x, y) -> tuple[np.ndarray, np.ndarray]:
    """The proposed edge law (issue 10): the force (N) at the points (x, y) (m, arrays) when the outer term of the
    calibrated straight-edge law acts through the DMI boundary term instead of the scalar tail integral.

    The Neel DMI energy integrated by parts leaves D times the boundary integral of (n . m) m_z, n the outward
    normal. To first order in the skyrmion's tail, whose linearised in-plane part points radially with amplitude
    K1(r / xi) (the radial equation's decaying solution), the edge's energy is a line density
    c K1(r / xi) (n . r_hat) ds, r the vector from the centre to the boundary element. On an infinite straight
    edge n . r_hat = d / r and the integral of K1(r / xi) d / r over the line is pi xi e^(-d / xi), so
    c = F0 e^(R0 / xi) / pi gives exactly the calibrated outer term (the same constant as the tail integral's K0
    density): no new parameter. An edge seen end-on (the right terminal's walls from the chamber) adds ~nothing,
    and one seen from behind a reflex corner pulls. The inner term (F1, quadratic in the tail) keeps the scalar
    K0(2 r / xi) density of 'tail_integral'. Evaluated by the midpoint rule over the closed segments of
    `model.geometry` in elements of `BOUNDARY_ELEMENT` (numpy; a reference, not the kernel's law)."""
    from scipy import special

    from emulator.thiele.exchange_tail import ExchangeRepulsion

    rep = model.forces.get(ExchangeRepulsion)
    f0, f1, xi, r0 = rep.edge_F0, rep.edge_F1, rep.edge_xi, rep.edge_R0
    c_out, c_in = f0 * math.exp(r0 / xi) / math.pi, f1 * math.exp(2.0 * r0 / xi) / math.pi
    outline = np.asarray(model.geometry.outline, dtype=float)
    turn = np.sign(np.sum(outline[:, 0] * np.roll(outline[:, 1], -1) - np.roll(outline[:, 0], -1) * outline[:, 1]))
    points, normals, weights = [], [], []
    exits = set(model.geometry.exits)
    for k in range(len(outline)):
        if k in exits:
            continue
        a, b = outline[k], outline[(k + 1) % len(outline)]
        length = float(np.hypot(*(b - a)))
        count = max(1, int(math.ceil(length / BOUNDARY_ELEMENT)))
        t = (np.arange(count) + 0.5) / count
        points.append(a + np.outer(t, b - a))
        weights.append(np.full(count, length / count))
        tangent = (b - a) / length
        normals.append(np.tile(turn * np.array([tangent[1], -tangent[0]]), (count, 1)))
    e, n, w = np.vstack(points), np.vstack(normals), np.concatenate(weights)
    x, y = np.atleast_1d(np.asarray(x, float)), np.atleast_1d(np.asarray(y, float))
    fx, fy = np.zeros(x.shape), np.zeros(x.shape)
    for k in range(x.size):
        vx, vy = e[:, 0] - x.flat[k], e[:, 1] - y.flat[k]
        r = np.hypot(vx, vy)
        z = r / xi
        k1 = special.k1(z)
        f = k1 / r                                            # K1(r / xi) / r
        df = (-special.k0(z) - k1 / z) / (xi * r) - k1 / r**2  # d f / d r
        nv = n[:, 0] * vx + n[:, 1] * vy
        # energy c f(r) (n . v); grad_p = c (f'(r) (-v / r) (n . v) - f n); force = -grad_p; inner term attracts
        gx = c_out * (df * (-vx / r) * nv - f * n[:, 0])
        gy = c_out * (df * (-vy / r) * nv - f * n[:, 1])
        pull = c_in * (2.0 / xi) * special.k1(2.0 * z) / r
        fx.flat[k] = float(np.sum(w * (-gx + pull * vx)))
        fy.flat[k] = float(np.sum(w * (-gy + pull * vy)))
    return fx, fy


def distance_to_corner(x: float, y: float) -> float:
    """Distance (m) from (x, y) to the nearer reflex corner of the right terminal, (150, 65) or (150, 85) nm."""
    return min(math.hypot(x - 150 * NM, y - 65 * NM), math.hypot(x - 150 * NM, y - 85 * NM))


def table(llg_tracks: list, particle_rows: list) -> str:
    """Pulse-by-pulse table (nm): per skyrmion, the LLG x, y, R and distance to the nearer terminal corner, and
    the particle's; both lists per pulse period (0 the start)."""
    fmt = lambda v: "-" if v is None or math.isnan(v) else f"{v / NM:.1f}"  # noqa: E731
    count = len(particle_rows[0][1])
    head = "| pulse |" + "".join(f" #{i} LLG x, y, R, corner | #{i} particle x, y, R, corner |"
                                 for i in range(count))
    lines = [head, "|---|" + "---|---|" * count]
    for k, (a, (_, b)) in enumerate(zip(llg_tracks, particle_rows)):
        cells = []
        for i in range(count):
            for p in (a[i], b[i]):
                cells.append("-" if p is None else
                             f"{fmt(p[0])}, {fmt(p[1])}, {fmt(p[2])}, {fmt(distance_to_corner(p[0], p[1]))}")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def force_table(points: list, every: int = 3) -> str:
    """The `force_map` points as a table (nm, pN): every `every`-th point, position, LLG force, particle force,
    their magnitudes and ratio."""
    lines = ["| x, y | LLG Fx, Fy | particle Fx, Fy | LLG abs F | particle abs F | particle / LLG |",
             "|---|---|---|---|---|---|"]
    for x, y, (lx, ly), (px, py) in points[::every]:
        llg, particle = math.hypot(lx, ly), math.hypot(px, py)
        lines.append(f"| {x / NM:.1f}, {y / NM:.1f} | {lx * 1e12:.3f}, {ly * 1e12:.3f} | {px * 1e12:.3f}, "
                     f"{py * 1e12:.3f} | {llg * 1e12:.3f} | {particle * 1e12:.3f} | {particle / llg:.2f} |")
    return "\n".join(lines)


def rounded_rows(rows) -> list:
    """The LLG rows as stored: time to 1e-15 s, centres and radii to 1e-13 m (1e-4 nm), charges to 1e-4."""
    return [{"time_s": round(t, 15), "skyrmions": [[round(x, 13), round(y, 13), round(r, 13), round(q, 4)]
                                                     for x, y, r, q in found]} for t, found in rows]


def read(path=STORED) -> dict:
    """The stored runs by name: dict of name -> run (starts_m, pulses, amplitude_A_per_m2, rows)."""
    with open(path) as handle:
        data = json.load(handle)
    if data.get("format") != FORMAT:
        raise ParameterError("path", str(path), f"a {FORMAT} file")
    return {run["name"]: run for run in data["runs"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulator.llg.validation.terminal_mouth",
                                     description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    llg = sub.add_parser("llg", help="run the LLG from one set of start points")
    llg.add_argument("--name", required=True, help="name of the run in the file")
    llg.add_argument("--start", type=float, nargs=2, action="append", required=True, metavar=("X", "Y"),
                     help="a skyrmion's start (nm, outline coordinates); repeat for several")
    llg.add_argument("--pulses", type=int, default=12, help="pulse periods, default 12")
    llg.add_argument("--amplitude", type=float, default=AMPLITUDE, help="current density (A/m^2; 0: none)")
    llg.add_argument("--crop", type=float, default=CROP / NM, help="cut the outline left of this x (nm)")
    llg.add_argument("--sample", type=float, default=SAMPLE / 1e-9, help="sampling interval (ns), default 0.05")
    llg.add_argument("--threads", type=int, default=1)
    llg.add_argument("--out", required=True, help="JSON file; an existing one gets this run added")
    compare = sub.add_parser("compare", help="particles against the stored LLG runs")
    compare.add_argument("llg_json", nargs="?", default=str(STORED))
    compare.add_argument("--name", action="append", help="only these runs")
    compare.add_argument("--edge-law", help="the particles' exchange edge law (default: the preset's)")
    args = parser.parse_args(argv)
    if args.what == "llg":
        import numba

        check_positive("threads", args.threads, "")
        numba.set_num_threads(args.threads)
        starts = [(x * NM, y * NM) for x, y in args.start]
        begin = time.perf_counter()

        def show(row) -> None:
            print(f"{row[0] * 1e9:.3f} ns: " + ", ".join(f"({s[0] / NM:.2f}, {s[1] / NM:.2f}, R {s[2] / NM:.2f}, "
                                                        f"Q {s[3]:.2f})" for s in row[1])
                  + f"  ({time.perf_counter() - begin:.0f} s)", flush=True)

        rows = llg_samples(starts, args.pulses, args.amplitude, args.crop * NM, args.sample * 1e-9, observe=show)
        run = {"name": args.name, "starts_m": starts, "pulses": args.pulses, "amplitude_A_per_m2": args.amplitude,
               "Bz_T": BZ, "width_s": WIDTH, "period_s": PERIOD, "sample_s": args.sample * 1e-9,
               "crop_m": args.crop * NM,
               "current": "uniform", "demag": "local", "cell_m": 1e-9, "theta_SH": 0.9,
               "placed_iterations": PLACED_ITERATIONS, "wall_s": round(time.perf_counter() - begin),
               "command": "python -m emulator.llg.validation.terminal_mouth llg --name " + args.name + "".join(
                   f" --start {x:g} {y:g}" for x, y in args.start) + f" --pulses {args.pulses} --amplitude "
                   f"{args.amplitude:g} --crop {args.crop:g} --sample {args.sample:g} --threads {args.threads} "
                   "--out <file>",
               "columns": ["x_m", "y_m", "radius_m", "charge"],
               "rows": rounded_rows(rows)}
        path = Path(args.out)
        data = json.loads(path.read_text()) if path.exists() else {"format": FORMAT, "runs": []}
        data["runs"] = [r for r in data["runs"] if r["name"] != args.name] + [run]
        path.write_text(json.dumps(data, indent=None))
        return 0
    runs = read(args.llg_json)
    model = particle_model(args.edge_law)
    for name, run in runs.items():
        if args.name and name not in args.name:
            continue
        starts = [tuple(s) for s in run["starts_m"]]
        rows = [(r["time_s"], r["skyrmions"]) for r in run["rows"]]
        print(f"{name}: starts {[(round(x / NM, 1), round(y / NM, 1)) for x, y in starts]} nm, {run['pulses']} "
              f"pulse periods at {run['amplitude_A_per_m2']:g} A/m^2 (LLG wall time {run['wall_s']} s)")
        if run["amplitude_A_per_m2"] == 0.0:
            print(force_table(force_map(rows, model)))
        else:
            particles = particle_samples(relaxed_starts(run), run["pulses"], run["amplitude_A_per_m2"], model)
            print(table(per_pulse(tracks(rows, starts), run["sample_s"]), per_pulse(particles)))
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
