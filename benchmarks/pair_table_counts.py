"""The chamber's fig4b counts with the pair law read from its tables against the direct law (issue 13).

    python benchmarks/pair_table_counts.py [--devices 400] [--seed 1] [--threads 2]

Runs --devices chamber_150nm devices through fig4b four times: with StepControl.pair_law 'direct' (the reference,
a Bessel K1 and an exponential per pair), 'table' (emulator/thiele/pair_law_table.py, within 1e-6 relative) on
the same seed (the same random streams: a paired comparison), 'direct' on seed + 1 (the noise floor: two
populations that differ only in their random streams) and 'table' on seed + 1 (an unpaired comparison, to set
beside the noise floor). The counts are chaotic, so the runs are compared as populations, as in
benchmarks/edge_field_counts.py: for the count after potentiation, after depression and the number created, the
mean with its standard error and the difference to the reference in combined standard errors (z); over the
per-pulse mean counts of all pulses, the largest |z|, the share of pulses with |z| > 2 and the mean
|variant - reference| (skyrmions). The tables hold the direct law's counts when their figures stay within those
of the other seed. Also devices/s of each run (wall, this machine; compare only rows of one run).

Measured 2026-12-07 (400 devices, seed 1, 2 threads, load 5): table against direct on the same seed: every
per-pulse count of every device the same (peak 11.002 +- 0.004, end 8.970 +- 0.010 both; worst |z| 0.0, mean |d|
0.000 skyrmions: the 1e-7 force error moves a skyrmion by ~1e-6 nm over 100 pulses, far from changing an exit);
direct on seed 2 (the noise floor): peak z 2.3, worst per-pulse |z| 2.8, 43 % of pulses beyond |z| 2, mean |d|
0.021; table on seed 2: the same figures as direct on seed 2.
"""
from __future__ import annotations

import argparse
import dataclasses
import os

import numpy as np

from emulator.batch import run_batch
from emulator.presets import chamber_150nm
from emulator.pulse_protocols import fig4b
from step_convergence import mean_se, z   # benchmarks/ is the script's folder, first on sys.path


def with_pair_law(preset, mode: str):
    """`preset` with its model's StepControl.pair_law set to `mode`."""
    model = preset.model
    return dataclasses.replace(preset, model=dataclasses.replace(
        model, step=dataclasses.replace(model.step, pair_law=mode)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    preset = chamber_150nm()
    print(f"load average {os.getloadavg()[0]:.1f}; {args.devices} chamber_150nm devices through fig4b, "
          f"{args.threads} threads")
    for mode in ("direct", "table"):
        run_batch(with_pair_law(preset, mode), fig4b(pulses=2), devices=2, seed=0, threads=1)   # JIT warm-up
    rows = []
    for label, mode, seed in (("direct (reference)", "direct", args.seed), ("table", "table", args.seed),
                              (f"direct, seed {args.seed + 1}", "direct", args.seed + 1),
                              (f"table, seed {args.seed + 1}", "table", args.seed + 1)):
        result = run_batch(with_pair_law(preset, mode), fig4b(), devices=args.devices, seed=seed,
                           threads=args.threads)
        rows.append((label, result))
        print(f"  ran {label} in {result.wall_time:.1f} s", flush=True)
    reference = rows[0][1]
    print(f"{'run':>20} {'peak':>13} {'z':>5} {'end':>12} {'z':>5} {'created':>13} {'z':>5} {'worst z':>7} "
          f"{'|z|>2':>6} {'mean |d|':>8} {'dev/s':>6}")
    for label, r in rows:
        cells = []
        for values, ref in ((r.end_of("potentiation"), reference.end_of("potentiation")),
                            (r.end_of("depression"), reference.end_of("depression")), (r.created, reference.created)):
            m, se = mean_se(values)
            cells.append(f"{m:6.3f}+-{se:5.3f} {z(values, ref):5.1f}")
        zs = [abs(z(r.counts[:, k], reference.counts[:, k])) for k in range(r.counts.shape[1])
              if r.counts[:, k].std() + reference.counts[:, k].std() > 0]
        drift = float(np.abs(r.counts.mean(axis=0) - reference.counts.mean(axis=0)).mean())
        print(f"{label:>20} {' '.join(cells)} {max(zs):7.1f} {np.mean(np.array(zs) > 2):6.3f} {drift:8.3f} "
              f"{r.devices / r.wall_time:6.1f}")


if __name__ == "__main__":
    main()
