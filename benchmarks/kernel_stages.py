"""Where a chamber device's step time goes: each kernel stage timed alone on a realistic state (issue 13).

    python benchmarks/kernel_stages.py [--pulses 60] [--reps 200000] [--edge-field grid|direct]

Runs one chamber_150nm device through the first `--pulses` pulses of fig4b, then calls each stage of the step
(emulator/thiele/kernel.py) `--reps` times on that frozen state, driven (fig4b's 4e10 A/m^2) and not, and prints
the time per call and per skyrmion. The stages are compiled into a loop twice: with numba's reference counting
(as the kernel was before issue 13) and without it (as `advance_range` is now). The edge pass and the current
and field lookups are parts of the forces stage, shown apart: the edge pass per segment (StepControl.edge_field
'direct') and as the forces stage runs it with the tabulated field (the table where it serves, the distances per
segment; 'grid', emulator/thiele/edge_field_grid.py; the chamber's 'forces' row uses the preset's mode, or
`--edge-field`'s); the pair law is evaluated over the pairs within the cutoff, without the cell-list walk
(fig4b's peak, ~11 skyrmions, is after ~120 pulses: `--pulses 120`). Repeated calls on one state keep the branch
predictor and caches warmer than a real run, so the sum is a lower bound of the measured step time
(benchmarks/device_speed.py: particle-steps/s).
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import time

import numba

from emulator.current_flow import interpolate
from emulator.presets import chamber_150nm
from emulator.pulse_protocols import fig4b
from emulator.thiele import cell_list, forces, lifecycle, nucleation, step
from emulator.thiele.engine import ThieleEngine
from emulator.thiele.field_table import field_lookup
from emulator.thiele.hooks import heat, sum_pair_pushes
from emulator.thiele.kernel import new_scratch
from emulator.thiele.model import EDGE_FIELDS
from emulator.thiele.outline import edge_pass, segments_near

STAGES = ("cell list", "forces", "  edge pass (direct)", "  edge (forces' mode)", "  current + field lookup",
          "  pair law", "choose_dt", "move", "lifecycle", "nucleation", "heating")


def stage_loop(m, st, sc, which, reps, j):
    """Call stage `which` (index into STAGES) `reps` times on device 0."""
    d = 0
    count = st.n[d]
    acc = 0.0
    cell_list.build(m.grid, st.x[d], st.y[d], count, sc.head, sc.nxt)
    forces.compute(m, st, sc, d, j)
    step.choose_dt(m, sc, count, j, 1e-12, 0.0)   # the velocities `move` reuses
    for _ in range(reps):
        if which == 0:
            cell_list.build(m.grid, st.x[d], st.y[d], count, sc.head, sc.nxt)
        elif which == 1:
            forces.compute(m, st, sc, d, j)
        elif which == 2:
            for i in range(count):
                start, stop = segments_near(m.grid, m.edge_first, m.edge_index, st.x[d, i], st.y[d, i])
                ex, _, _, _ = edge_pass(m.edge_laws, m.reach, m.edges, m.edge_index, start, stop, st.x[d, i],
                                        st.y[d, i], st.radius[d, i])
                acc += ex
        elif which == 3:
            for i in range(count):
                ex, _, near, _ = forces.edge(m, st.x[d, i], st.y[d, i], st.radius[d, i])
                acc += ex + near
        elif which == 4:
            for i in range(count):
                ux, _ = interpolate(m.current_x0, m.current_y0, m.current_step, m.current_jx, m.current_jy,
                                    st.x[d, i], st.y[d, i])
                _, d_int, _ = field_lookup(m.table, st.b_eff[d, i])
                acc += ux + d_int
        elif which == 5:
            for i in range(count):
                for k in range(i + 1, count):
                    dx = st.x[d, i] - st.x[d, k]
                    dy = st.y[d, i] - st.y[d, k]
                    rho = math.sqrt(dx * dx + dy * dy)
                    if 0.0 < rho < m.grid.size:
                        push, b_i, _ = sum_pair_pushes(m.pair_laws, rho, st.radius[d, i], st.radius[d, k])
                        acc += push + b_i
        elif which == 6:
            acc += step.choose_dt(m, sc, count, j, 1e-12, 0.0)
        elif which == 7:
            step.move(m, st, sc, d, 0.0, 0.0)
        elif which == 8:
            acc += lifecycle.update(m, st, sc, d, j, 0.2, 0.0, 0.0, 0.0)
        elif which == 9:
            sc.fired[:] = 1   # written this pulse already: the per-pulse limit returns at once, as after the write
            nucleation.nucleate(m, st, sc, d, j, 0.2, 0.0, 0.0, 0.0)
        else:
            acc += heat(m.heating, acc, j, 1e-15)
    return acc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pulses", type=int, default=60)
    parser.add_argument("--reps", type=int, default=200000)
    parser.add_argument("--edge-field", choices=EDGE_FIELDS, default=None,
                        help="how the forces stage evaluates the edge law (default: the preset's)")
    args = parser.parse_args()
    preset = chamber_150nm()
    if args.edge_field is not None:
        model = preset.model
        preset = dataclasses.replace(preset, model=dataclasses.replace(
            model, step=dataclasses.replace(model.step, edge_field=args.edge_field)))
    engine = ThieleEngine(preset.model, devices=1, seed=1, record_events=False, threads=1)
    protocol = fig4b()
    for field, hold in protocol.preparation:
        engine.advance(0.0, field, hold)
    for pulse in protocol.steps[:args.pulses]:
        engine.advance(pulse.current_density, pulse.field, pulse.width)
        engine.advance(0.0, pulse.field, preset.relaxation_time)
    m = engine.kernel_model
    st = engine._state   # noqa: SLF001 - a benchmark of the kernel reads the kernel's state
    count = int(st.n[0])
    pairs = sum(math.hypot(st.x[0, i] - st.x[0, k], st.y[0, i] - st.y[0, k]) < m.grid.size
                for i in range(count) for k in range(i + 1, count))
    loops = {"with refcounts": numba.njit(stage_loop), "without (now)": numba.njit(_nrt=False)(stage_loop)}
    print(f"chamber_150nm after {args.pulses} fig4b pulses: {count} skyrmions; ns per call / per skyrmion; "
          f"edge field {preset.model.step.edge_field}; {pairs} pairs within the cutoff")
    for j in (4e10, 0.0):
        print(f"{'driven' if j else 'no current':>26} " + "  ".join(f"{name:>20}" for name in loops))
        for which, name in enumerate(STAGES):
            cells = []
            for loop in loops.values():
                sc = new_scratch(m, st.x.shape[1])
                loop(m, st, sc, which, 10, j)
                best = float("inf")
                for _ in range(3):
                    started = time.thread_time()
                    loop(m, st, sc, which, args.reps, j)
                    best = min(best, time.thread_time() - started)
                cells.append(f"{best / args.reps * 1e9:9.0f} /{best / args.reps / count * 1e9:7.0f}")
            print(f"{name:>26} " + "  ".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    main()
