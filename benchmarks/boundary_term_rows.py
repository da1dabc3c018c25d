"""Experiment (issue 10): the fig4b validate rows and the terminal-mouth paths with the proposed DMI boundary-term
edge law (emulator/llg/validation/terminal_mouth.py, `boundary_term_force`) in place of the shipped tail integral.

The proposed law is not in the kernel. This script evaluates it (numpy) on the nodes of the shipped model's edge
table (emulator/thiele/edge_field_grid.py) and hands the kernel that table; the cells the table does not serve
(< ~1.3 nm from an edge, where no skyrmion centre lives: the escape gap removes it ~9 nm out) keep the shipped
per-segment law. Table build ~1-2 min on one core.

    python benchmarks/boundary_term_rows.py [--seeds 0 1] [--paths]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emulator.llg.validation import fig4b_reference as f  # noqa: E402
from emulator.llg.validation import terminal_mouth as tm  # noqa: E402
from emulator.thiele.model import ThieleModel  # noqa: E402
from emulator.thiele.outline import inside_polygon  # noqa: E402
from skybench.formats.llg_reference import read_reference  # noqa: E402


def boundary_term_grid(model, kernel):
    """The shipped model's edge table (in `kernel`, its kernel record) with the proposed law's force at its nodes inside the outline (dilated by
    three nodes; zero elsewhere, where no served cell inside the film reads)."""
    grid = kernel.edge_grid[0]
    ny, nx = grid.force.shape[:2]
    xs = grid.x0 + grid.step * np.arange(nx)
    ys = grid.y0 + grid.step * np.arange(ny)
    inside = np.array([[inside_polygon(kernel.edges, x, y) for x in xs] for y in ys])
    need = inside.copy()
    for _ in range(3):
        need = need | np.roll(need, 1, 0) | np.roll(need, -1, 0) | np.roll(need, 1, 1) | np.roll(need, -1, 1)
    force = np.zeros_like(grid.force)
    j, i = np.nonzero(need)
    fx, fy = tm.boundary_term_force(model, xs[i], ys[j])
    force[j, i, 0], force[j, i, 1] = fx, fy
    return grid._replace(force=np.ascontiguousarray(force))


def patch_kernel_models():
    """Make every ThieleModel's kernel record read the proposed law's table (cached per outline)."""
    original = ThieleModel.kernel_model
    cache = {}

    def kernel_model(self):
        km = original(self)
        key = self.geometry.outline.tobytes()
        if key not in cache:
            start = time.perf_counter()
            cache[key] = boundary_term_grid(self, km)
            print(f"(boundary-term table built in {time.perf_counter() - start:.0f} s)", flush=True)
        return km._replace(edge_grid=(cache[key],))

    ThieleModel.kernel_model = kernel_model


def rows(seeds) -> None:
    for path in f.reference_files():
        ref = read_reference(path)
        model = f.particle_model(ref)
        end = [k for k, p in enumerate(ref.phase) if p == "potentiation"][-1]
        cells = []
        for seed in seeds:
            run = f.run_particles(ref, seed, model)
            largest, rms = f.deviations(ref, run)
            cells.append(f"seed {seed}: max {largest:.0f} rms {rms:.2f} created {run.created[-1]} "
                         f"end-pot {run.in_chamber[end]} final {run.in_chamber[-1]}")
        print(f"{f.condition_of(path)} (LLG created {ref.created[-1]}, end-pot {ref.in_chamber[end]}, final "
              f"{ref.in_chamber[-1]}; bounds {f.max_tolerance(ref.peak):.0f} / {f.rms_tolerance(ref.peak):.0f}) | "
              + " | ".join(cells), flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--paths", action="store_true", help="only the stored terminal-mouth runs (compare)")
    args = parser.parse_args(argv)
    patch_kernel_models()
    if args.paths:
        return tm.main(["compare"])
    rows(args.seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
