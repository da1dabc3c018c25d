"""Speed of the device emulator (issues 2 and 13): fig2b end to end, and batches of chamber devices through fig4b.

    python benchmarks/device_speed.py [--devices 1000] [--repeats 3] [--threads 1 2] [--step heun:1.6]

Prints the wall time of the fig2b protocol on gdfeco_experiment after JIT warm-up (target < 5 s) and its
particle-steps per second; then, for each thread count, the throughput of `--devices` independent
chamber_150nm devices through fig4b in one batch (issue 13 target: 10,000 devices in < 60 s, 167 devices/s),
with the count statistics they produce (identical for every thread count: devices are independent). The
machine is shared: each figure is the best of `--repeats` runs, with the spread, and the CPU time beside the
wall time shows how much of the machine the run had ("cores busy" = CPU / wall: below the thread count, the
machine was shared; the kernel runs without the GIL, so on an idle machine it approaches the thread count).
`--step INTEGRATOR:CAP[/INTEGRATOR:CAP]` runs the chamber with another integrator and displacement cap (nm) than
its preset, the second pair for the gaps between pulses (accuracy: benchmarks/step_convergence.py).
`--edge-law straight|tail_integral` and `--cutoff NM` run the chamber with another edge law or pair cutoff than
its preset, to see what each costs (their accuracy: benchmarks/pair_cutoff_rows.py, the validate rows);
`--edge-field grid|direct` the chamber's edge law from its table or per segment (emulator/thiele/edge_field_grid.py;
their counts: benchmarks/edge_field_counts.py).
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import time


from emulator.batch import run_batch
from emulator.experiment import run_protocol
from emulator.presets import chamber_150nm, gdfeco_experiment
from emulator.pulse_protocols import fig2b, fig4b
from emulator.thiele.exchange_tail import EDGE_LAWS, ExchangeRepulsion
from emulator.thiele.model import EDGE_FIELDS
from step_convergence import variant, with_step   # benchmarks/ is the script's folder, first on sys.path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--step", type=variant, default=None,
                        help="INTEGRATOR:CAP_NM[/INTEGRATOR:CAP_NM], e.g. heun:1.6 (default: the preset's)")
    parser.add_argument("--edge-law", choices=EDGE_LAWS, default=None, help="chamber edge law (default: the preset's)")
    parser.add_argument("--cutoff", type=float, default=None, help="chamber pair cutoff in nm (default: the preset's)")
    parser.add_argument("--edge-field", choices=EDGE_FIELDS, default=None,
                        help="chamber edge-field evaluation, tabulated or per segment (default: the preset's)")
    args = parser.parse_args()
    print(f"cores available: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f}")

    preset = gdfeco_experiment()
    run_protocol(preset, fig2b(), 0)  # JIT warm-up (cached kernels load here)
    times = [run_protocol(preset, fig2b(), seed).wall_time for seed in range(args.repeats)]
    batch = run_batch(preset, fig2b(), devices=1, seed=0, threads=1)
    print(f"fig2b on gdfeco_experiment (SimPy device): median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s over {args.repeats} runs (target < 5 s); "
          f"{batch.particle_steps / batch.wall_time:.3g} particle-steps/s")

    chamber = chamber_150nm()
    if args.step:
        step = with_step(chamber.model.step, args.step)
        chamber = dataclasses.replace(chamber, model=dataclasses.replace(chamber.model, step=step))
        print(f"chamber step control: {step}")
    if args.cutoff is not None:
        model = chamber.model
        chamber = dataclasses.replace(chamber, model=dataclasses.replace(
            model, step=dataclasses.replace(model.step, cutoff=args.cutoff * 1e-9)))
        print(f"chamber pair cutoff: {args.cutoff} nm")
    if args.edge_law is not None:
        model = chamber.model
        terms = tuple(dataclasses.replace(t, edge_law=args.edge_law) if isinstance(t, ExchangeRepulsion) else t
                      for t in model.forces.terms)
        chamber = dataclasses.replace(chamber, model=dataclasses.replace(
            model, forces=dataclasses.replace(model.forces, terms=terms)))
        print(f"chamber edge law: {args.edge_law}")
    if args.edge_field is not None:
        model = chamber.model
        chamber = dataclasses.replace(chamber, model=dataclasses.replace(
            model, step=dataclasses.replace(model.step, edge_field=args.edge_field)))
        print(f"chamber edge field: {args.edge_field}")
    run_batch(chamber, fig4b(pulses=2), devices=2, seed=0)  # warm-up
    for threads in args.threads:
        walls, cpus = [], []
        for _ in range(args.repeats):
            cpu = time.process_time()
            result = run_batch(chamber, fig4b(), devices=args.devices, seed=1, threads=threads)
            cpus.append(time.process_time() - cpu)
            walls.append(result.wall_time)
        best = min(walls)
        print(f"fig4b on {args.devices} chamber_150nm devices, {threads} thread(s): "
              f"{args.devices / best:.1f} devices/s, {args.devices / min(cpus):.1f} devices per CPU-s (best of "
              f"{args.repeats}; runs "
              f"{', '.join(f'{w:.1f}' for w in walls)} s wall, {', '.join(f'{c:.1f}' for c in cpus)} s CPU), "
              f"{result.particle_steps / best:.3g} particle-steps/s, {cpus[walls.index(best)] / best:.2f} cores busy "
              f"(target 167 devices/s)")
    peak = result.end_of("potentiation")
    end = result.end_of("depression")
    print(f"  after potentiation: {peak.mean():.2f} +- {peak.std():.2f} skyrmions (range {peak.min()}-{peak.max()});"
          f" after depression {end.mean():.2f} +- {end.std():.2f}; created {result.created.mean():.2f}")


if __name__ == "__main__":
    main()
