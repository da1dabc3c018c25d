"""Accuracy of the network built from a study population against the single-device model (issue 13).

    python benchmarks/population_accuracy.py STUDY_DIR [--seeds 3] [--device experiment] [--iterations N]

Trains the 784-100-10 network of the `--device` training preset (fig3c schedule) on MNIST twice per seed:
- population: every synapse one device of the study, with the transitions of its own cycles
  (`skybench train --device D --population STUDY_DIR`);
- pooled: one transition model for every synapse, pooled from all the study's traces (every device and cycle):
  the single-device-model network, fed the same recorded pulses, so the difference is the device-to-device
  variation alone.
Prints the final accuracy of each (mean +- std over seeds) and the difference.
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from nn.mnist import load_mnist
from nn.population_model import load_population, population_traces
from nn.pulse_rounding import ROUNDINGS
from nn.pulse_transitions import PulseTransitions
from nn.training_presets import preset
from nn.training_protocol import PROTOCOLS
from nn.training_run import train_seed
from nn.transition_model import TransitionModel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("study")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--device", default="experiment")
    parser.add_argument("--iterations", type=int, default=None)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)       # as `skybench train` (fastest on the shared 2-core machine)
    chosen = preset(args.device)
    protocol = PROTOCOLS["fig3c"].with_overrides(args.iterations, None, None)
    rounding = ROUNDINGS[chosen.rounding]
    population = load_population(args.study, chosen.n_states_pot, chosen.n_states_dep, chosen.read_noise,
                                 1.0, rounding)
    pooled = TransitionModel(PulseTransitions.from_traces(
        [trace for traces in population_traces(args.study) for trace in traces], chosen.n_states_pot,
        chosen.n_states_dep), read_noise=chosen.read_noise, rounding=rounding)
    data = load_mnist()
    spread = population.summary()["device_spread"]
    print(f"{args.study}: {population.n_devices} devices x {population.devices[0].n_traces} cycles; "
          f"end-of-potentiation skyrmions per device {spread['end_of_potentiation_skyrmions_mean']['mean']:.1f} "
          f"+- {spread['end_of_potentiation_skyrmions_mean']['std']:.1f}; preset {chosen.name}, "
          f"{protocol.iterations} iterations")
    finals = {}
    for name, model in (("population", population), ("pooled", pooled)):
        accuracy = []
        for seed in range(args.seeds):
            started = time.perf_counter()
            accuracy.append(train_seed(chosen, model, data, protocol, seed).accuracy[-1])
            print(f"  {name} seed {seed}: {100 * accuracy[-1]:.2f} % ({time.perf_counter() - started:.0f} s)",
                  flush=True)
        finals[name] = np.array(accuracy)
        std = np.std(accuracy, ddof=1) if len(accuracy) > 1 else 0.0
        print(f"{name:>10}: {100 * np.mean(accuracy):.2f} +- {100 * std:.2f} % "
              f"(seeds: {', '.join(f'{100 * a:.2f}' for a in accuracy)})", flush=True)
    print(f"population - pooled: {100 * (finals['population'].mean() - finals['pooled'].mean()):+.2f} points")


if __name__ == "__main__":
    main()
