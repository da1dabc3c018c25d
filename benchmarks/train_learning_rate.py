"""Learning rates and pulse rounding of the device presets, on a validation split (run by hand, no options needed).

The device presets share one pair of SGD steps (eta hidden, eta output) and one pulse rounding
(nn/training_presets.py). This script is how they were chosen: for each rounding rule and each pair of the grid
it trains the preset on the first 50 000 training images, measures the accuracy on the held-out last 10 000 (the
test set is never looked at) and prints it per (rounding, eta hidden, eta output, seed). Nothing is fitted to a
target accuracy (nn/README.md, 'Rounding').

Options: --device (experiment or ideal), --rounding RULE..., --eta-hidden ETA..., --eta-output ETA... (the grid
is their product), --iterations N (fig3c iterations, default 100), --seeds K, --devices N and --cache DIR (the
preset's traces), --data ROOT, --synapse-model.
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nn.mnist import MnistTensors, load_mnist  # noqa: E402
from nn.pulse_rounding import ROUNDINGS  # noqa: E402
from nn.training_presets import PRESETS, SYNAPSE_MODELS  # noqa: E402
from nn.training_protocol import FIG3C  # noqa: E402
from nn.training_run import TrainConfig, build_device_model, train_seed  # noqa: E402

VALIDATION_IMAGES = 10000
"""Training images held out for validation (the last ones of the training set)."""


def validation_split(data: MnistTensors) -> MnistTensors:
    """Train on all but the last VALIDATION_IMAGES training images, 'test' on those."""
    keep = data.train_x.shape[0] - VALIDATION_IMAGES
    return MnistTensors(train_x=data.train_x[:keep], train_y=data.train_y[:keep],
                        test_x=data.train_x[keep:], test_y=data.train_y[keep:], root=data.root)


def main() -> int:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="experiment", choices=[n for n, p in PRESETS.items() if p.uses_device])
    parser.add_argument("--rounding", nargs="+", default=list(ROUNDINGS), choices=tuple(ROUNDINGS))
    parser.add_argument("--eta-hidden", type=float, nargs="+", default=[1.0, 2.0, 4.0, 8.0, 16.0, 32.0])
    parser.add_argument("--eta-output", type=float, nargs="+", default=[0.25, 0.5, 1.0, 2.0])
    parser.add_argument("--iterations", type=int, default=FIG3C.iterations)
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--devices", type=int)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--synapse-model", choices=SYNAPSE_MODELS)
    args = parser.parse_args()
    torch.set_num_threads(1)
    data = validation_split(load_mnist(args.data))
    protocol = FIG3C.with_overrides(iterations=args.iterations)
    base = PRESETS[args.device]
    print("rounding,eta_hidden,eta_output,seed,validation_accuracy,wall_s", flush=True)
    for rounding in args.rounding:
        model = build_device_model(TrainConfig(preset=base, protocol=protocol, rounding=rounding, cache=args.cache,
                                               devices=args.devices, synapse_model=args.synapse_model))
        for eta in itertools.product(args.eta_hidden, args.eta_output):
            preset = dataclasses.replace(base, learning_rates=eta)
            for seed in range(args.seeds):
                started = time.perf_counter()
                history = train_seed(preset, model, data, protocol, seed)
                print(f"{rounding},{eta[0]:g},{eta[1]:g},{seed},{history.accuracy[-1]:.4f},"
                      f"{time.perf_counter() - started:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
