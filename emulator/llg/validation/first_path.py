"""The first written skyrmion's path in the default Fig. 4b condition: LLG and particles, pulse by pulse.

The LLG run is `skybench llg --preset chamber_150nm --protocol fig4b --pad-write entrance` (the settings of
emulator/calibrations/llg_reference/fig4b_default.json), cut after `pulses` pulse periods; after each period the
centres of every skyrmion (emulator.llg.skyrmions.find) are recorded. The particle path is the chamber preset's
skyrmion written first, after each pulse period of the same protocol.

    python -m emulator.llg.validation.first_path llg --pulses 18 --out llg_path.json   (~12 min, 2 shared cores)
    python -m emulator.llg.validation.first_path compare [llg_path.json]

`STORED` holds such an LLG run (18 pulse periods, 707 s); `compare` reads it by default and prints the table
(pulse; LLG, then the particle centres under each edge law of emulator.thiele.exchange_tail.EDGE_LAWS; nm). The
LLG skyrmion is followed from the write point to its nearest centre after each pulse.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import time
from pathlib import Path

from emulator.thiele.exchange_tail import EDGE_LAWS


STORED = Path(__file__).resolve().parents[2] / "calibrations" / "llg_reference" / "first_path_default.json"
"""The stored LLG centres of the default condition's first 18 pulse periods (m; `main llg`)."""


def llg_centres(pulses: int, threads: int = 1) -> list[list[tuple[float, float]]]:
    """Skyrmion centres (m, outline coordinates) after each of the first `pulses` pulse periods of the default
    LLG reference run, sorted by x then y."""
    import numba

    from emulator.llg import skyrmions
    from emulator.llg.chamber import Fig4bProtocol, run
    from emulator.presets import DEVICES, MATERIALS

    numba.set_num_threads(threads)
    geometry = DEVICES["chamber_150nm"]().model.geometry
    xmin, ymin = geometry.bounds[:2]
    protocol = Fig4bProtocol(pad_write="entrance")
    out = []
    start = time.perf_counter()

    def on_pulse(record, state, magnet):
        found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        out.append([(s.x + xmin, s.y + ymin) for s in found])
        print(f"pulse {record.pulse}: " + ", ".join(f"({x * 1e9:.1f}, {y * 1e9:.1f})" for x, y in out[-1])
              + f"  ({time.perf_counter() - start:.0f} s)", flush=True)

    run(MATERIALS["chamber_150nm"], geometry, protocol, pulses=pulses, on_pulse=on_pulse)
    return out


def particle_centres(edge_law: str, pulses: int, seed: int = 0) -> tuple[tuple[float, float], list]:
    """The write position and the centre after each of the first `pulses` pulse periods (m, None once gone) of
    the first skyrmion the chamber preset writes under the default reference's protocol, with the exchange edge
    law `edge_law` (emulator.thiele.exchange_tail.EDGE_LAWS). The write is the particle nucleation site's: within
    a tenth of the blockade radius of the write point, at a seeded random angle."""
    from emulator.llg.validation.fig4b_reference import REFERENCES, particle_model
    from emulator.thiele.engine import ThieleEngine
    from emulator.thiele.exchange_tail import ExchangeRepulsion
    from skybench.formats.llg_reference import read_reference

    ref = read_reference(REFERENCES / "fig4b_default.json")
    model = particle_model(ref)
    terms = tuple(dataclasses.replace(t, edge_law=edge_law) if isinstance(t, ExchangeRepulsion) else t
                  for t in model.forces.terms)
    model = dataclasses.replace(model, forces=dataclasses.replace(model.forces, terms=terms))
    amplitude, bz = ref.settings["amplitude_A_per_m2"], ref.settings["Bz_T"]
    width, period = ref.settings["width_s"], ref.settings["period_s"]
    engine = ThieleEngine(model, devices=1, seed=seed, record_events=False, threads=1)
    engine.settle_radius(bz)
    elapsed = 0.0
    while engine.counts()[0] == 0 and elapsed < width:   # the write fires within the pulse's first steps
        engine.advance(amplitude, bz, 1e-13)
        elapsed += 1e-13
    sk = engine.skyrmions()
    first = int(sk.ids[0])
    start = (float(sk.x[0]), float(sk.y[0]))
    path = []
    for k in range(pulses):
        engine.advance(amplitude, bz, width - (elapsed if k == 0 else 0.0))
        engine.advance(0.0, bz, period - width)
        sk = engine.skyrmions()
        hit = [i for i, ident in enumerate(sk.ids) if ident == first]
        path.append((float(sk.x[hit[0]]), float(sk.y[hit[0]])) if hit else None)
    return start, path


def table(llg: list, paths: dict) -> str:
    """The comparison table (nm): pulse, LLG x y, then the particle x y under each edge law of `paths` (law ->
    `particle_centres`)."""
    laws = list(paths)
    lines = ["| pulse | LLG x, y | " + " | ".join(f"{law} x, y" for law in laws) + " |",
             "|---|---|" + "---|" * len(laws)]
    fmt = lambda p: "-" if p is None else f"{p[0] * 1e9:.1f}, {p[1] * 1e9:.1f}"
    lines.append("| write | 8.0, 83.0 | " + " | ".join(fmt(paths[law][0]) for law in laws) + " |")
    last = (8e-9, 83e-9)   # the LLG write point; follow the LLG skyrmion nearest to its last position
    for k, centres in enumerate(llg):
        last = min(centres, key=lambda c: math.hypot(c[0] - last[0], c[1] - last[1])) if centres else None
        lines.append(f"| {k + 1} | {fmt(last)} | " + " | ".join(fmt(paths[law][1][k]) for law in laws) + " |")
        if last is None:
            break
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    llg = sub.add_parser("llg")
    llg.add_argument("--pulses", type=int, default=15)
    llg.add_argument("--threads", type=int, default=1)
    llg.add_argument("--out", required=True)
    compare = sub.add_parser("compare")
    compare.add_argument("llg_json", nargs="?", default=str(STORED))
    compare.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.what == "llg":
        centres = llg_centres(args.pulses, args.threads)
        with open(args.out, "w") as f:
            json.dump({"format": "skybench-llg-first-path", "condition": "default", "pulses": args.pulses,
                       "command": f"python -m emulator.llg.validation.first_path llg --pulses {args.pulses} "
                                  f"--threads {args.threads} --out <file>", "centres_m": centres}, f, indent=1)
    else:
        with open(args.llg_json) as f:
            llg = json.load(f)["centres_m"]
        print(table(llg, {law: particle_centres(law, len(llg), args.seed) for law in EDGE_LAWS}))


if __name__ == "__main__":
    main()
