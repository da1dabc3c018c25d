"""Device-to-device against cycle-to-cycle spread of the fig2b figures on gdfeco_experiment.

    python benchmarks/disorder_spread.py [--devices 20]

Runs fig2b (a) on `--devices` disorder draws (DevicePreset.with_disorder(k), thermal seed 0) and (b) on the
paper's device (draw 0) with `--devices` thermal seeds, and prints mean, std and range of the potentiation
states, peak count, linearity, final change, change per skyrmion and removed fraction, and how many runs meet
every Fig. 2b target (>= 20 states, 35-50 skyrmions, 6-10 nOhm cm each, final -250..-370, >= 90 % removed).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from emulator.api import trace_table  # noqa: E402
from emulator.experiment import run_protocol  # noqa: E402
from emulator.presets import gdfeco_experiment  # noqa: E402
from emulator.pulse_protocols import fig2b  # noqa: E402
from emulator.trace_analysis import summarize  # noqa: E402

NAMES = ("potentiation_states", "max_skyrmions", "linearity_r2_potentiation", "final_drho_nOhm_cm",
         "drho_per_skyrmion_pot_nOhm_cm", "removed_fraction")


def figures(preset, seed: int) -> list[float]:
    summary = summarize(trace_table(run_protocol(preset, fig2b(), seed)))
    return [float(summary[name]) for name in NAMES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=20)
    args = parser.parse_args(argv)
    base = gdfeco_experiment()
    for label, runs in ((f"{args.devices} disorder draws, thermal seed 0",
                         [(base.with_disorder(k), 0) for k in range(args.devices)]),
                        (f"the paper's device (draw 0), {args.devices} thermal seeds",
                         [(base, k) for k in range(args.devices)])):
        table = np.array([figures(preset, seed) for preset, seed in runs])
        print(label)
        for k, name in enumerate(NAMES):
            column = table[:, k]
            print(f"  {name}: {column.mean():.3f} +- {column.std():.3f} ({column.min():.3f} .. {column.max():.3f})")
        met = ((table[:, 0] >= 20) & (table[:, 1] >= 35) & (table[:, 1] <= 50) & (-table[:, 4] >= 6)
               & (-table[:, 4] <= 10) & (table[:, 3] <= -250) & (table[:, 3] >= -370) & (table[:, 5] >= 0.9))
        print(f"  every Fig. 2b target met in {int(met.sum())} of {len(met)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
