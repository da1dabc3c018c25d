"""The fig4b validate rows of the chamber preset at other pair cutoffs: is the shipped cutoff converged?

    python benchmarks/pair_cutoff_rows.py 30 45 51 60 [--seeds 0 1 2]

For each cutoff (nm) and each stored LLG reference (emulator/calibrations/llg_reference/fig4b_*.json) it reruns
the particle model (emulator/llg/validation/fig4b_reference.py) with the preset's StepControl.cutoff replaced,
and prints the largest and RMS deviation of the in-chamber count, the particles' created, end-of-potentiation and
final counts, and the LLG's. The shipped PAIR_CUTOFF (emulator/chamber_preset.py) is 51 nm.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emulator.llg.validation import fig4b_reference as f  # noqa: E402
from skybench.formats.llg_reference import read_reference  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cutoffs", type=float, nargs="+", help="pair cutoffs (nm)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args(argv)
    for cutoff in (c * 1e-9 for c in args.cutoffs):
        for path in f.reference_files():
            ref = read_reference(path)
            model = f.particle_model(ref)
            model = dataclasses.replace(model, step=dataclasses.replace(model.step, cutoff=cutoff))
            end = [k for k, p in enumerate(ref.phase) if p == "potentiation"][-1]
            cells = []
            for seed in args.seeds:
                run = f.run_particles(ref, seed, model)
                largest, rms = f.deviations(ref, run)
                cells.append(f"seed {seed}: max {largest:.0f} rms {rms:.2f} created {run.created[-1]} "
                             f"end-pot {run.in_chamber[end]} final {run.in_chamber[-1]}")
            print(f"cutoff {cutoff * 1e9:.0f} nm {f.condition_of(path)} (LLG created {ref.created[-1]}, end-pot "
                  f"{ref.in_chamber[end]}, final {ref.in_chamber[-1]}; bounds {f.max_tolerance(ref.peak):.0f} / "
                  f"{f.rms_tolerance(ref.peak):.0f}) | " + " | ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
