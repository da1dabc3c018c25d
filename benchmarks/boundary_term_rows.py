"""The fig4b validate rows of the chamber preset with the exchange edge law replaced (issue 10): the shipped
'tail_integral' against the proposed 'boundary_term' (emulator/thiele/exchange_tail.py), same seeds, same pair
cutoff as the preset.

    python benchmarks/boundary_term_rows.py [--laws tail_integral boundary_term] [--seeds 0 1]

For each law, each stored LLG reference (emulator/calibrations/llg_reference/fig4b_*.json) and each seed it runs
the particle model (emulator/llg/validation/fig4b_reference.py) and prints the largest and RMS deviation of the
in-chamber count and the created, end-of-potentiation and final counts beside the LLG's (the format of
benchmarks/pair_cutoff_rows.py). ~3 min per law on one core.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emulator.llg.validation import fig4b_reference as f  # noqa: E402
from emulator.llg.validation.terminal_mouth import with_edge_law  # noqa: E402
from skybench.formats.llg_reference import read_reference  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laws", nargs="+", default=["tail_integral", "boundary_term"])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = parser.parse_args(argv)
    for law in args.laws:
        for path in f.reference_files():
            ref = read_reference(path)
            model = with_edge_law(f.particle_model(ref), law)
            end = [k for k, p in enumerate(ref.phase) if p == "potentiation"][-1]
            cells = []
            for seed in args.seeds:
                run = f.run_particles(ref, seed, model)
                largest, rms = f.deviations(ref, run)
                cells.append(f"seed {seed}: max {largest:.0f} rms {rms:.2f} created {run.created[-1]} "
                             f"end-pot {run.in_chamber[end]} final {run.in_chamber[-1]}")
            print(f"{law} {f.condition_of(path)} (LLG created {ref.created[-1]}, end-pot {ref.in_chamber[end]}, "
                  f"final {ref.in_chamber[-1]}; bounds {f.max_tolerance(ref.peak):.0f} / "
                  f"{f.rms_tolerance(ref.peak):.0f}) | " + " | ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
