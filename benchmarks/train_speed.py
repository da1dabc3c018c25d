"""Training and inference speed of the device-aware network (run by hand: `python benchmarks/train_speed.py`).

Prints images/s for training (forward, backprop and the pulse writes of both synapse layers) and for
inference (test-set accuracy through read-back weights), for float weights and for the experiment preset's
synapse layer (per-pulse transitions, 13 + 11 states), then the wall time of one full fig3c run (100 x 8000
images, batch 300, 100 test-set evaluations) for one device and seed. The device is a synthetic Fig. 2b-like
trace (nn.synthetic_trace), so the benchmark needs no emulator run; pass --traces DIR to time real traces
(e.g. a folder of the preset's 32 runs) instead.

Options: --threads N (torch threads, default 1 and 2 are both timed), --iterations N (fig3c iterations to
time, default 100), --data ROOT (MNIST root).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nn.mnist import load_mnist  # noqa: E402
from nn.synthetic_trace import SyntheticSynapse  # noqa: E402
from nn.training_presets import EXPERIMENT, SOFTWARE  # noqa: E402
from nn.training_protocol import FIG3C  # noqa: E402
from nn.training_run import TrainConfig, build_device_model, train_seed  # noqa: E402

TIMED_ITERATIONS = 5
"""Iterations timed for the images/s figures."""


def images_per_second(preset, model, data, protocol) -> tuple[float, float]:
    """(training images/s, inference images/s) over TIMED_ITERATIONS iterations of `protocol`."""
    from nn import mlp
    from nn.periphery import PERIPHERIES
    from nn.training_run import build_layers

    short = protocol.with_overrides(iterations=TIMED_ITERATIONS)
    started = time.perf_counter()
    history = train_seed(preset, model, data, short, seed=0)
    total = time.perf_counter() - started
    layers = build_layers(preset, model, seed=0)
    started = time.perf_counter()
    for _ in range(TIMED_ITERATIONS):
        mlp.accuracy(data.test_x, data.test_y, layers[0].read(), layers[1].read(), PERIPHERIES[preset.periphery])
    infer = (time.perf_counter() - started) / TIMED_ITERATIONS
    train_time = total - infer * TIMED_ITERATIONS  # the trainer also evaluates once per iteration
    return history.training_images / train_time, data.test_x.shape[0] / infer


def main() -> int:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--iterations", type=int, default=FIG3C.iterations)
    parser.add_argument("--traces", type=Path)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    data = load_mnist(args.data)
    with tempfile.TemporaryDirectory() as folder:
        traces = args.traces or SyntheticSynapse().write(folder)
        config = TrainConfig(preset=EXPERIMENT, protocol=FIG3C, traces=traces, devices=1, progress=False)
        model = build_device_model(config)
    train_seed(EXPERIMENT, model, data, FIG3C.with_overrides(iterations=1, images_per_iteration=600), seed=0)  # JIT
    for threads in args.threads:
        torch.set_num_threads(threads)
        for name, preset, device_model in (("software", SOFTWARE, None), ("device 13+11", EXPERIMENT, model)):
            train_rate, infer_rate = images_per_second(preset, device_model, data, FIG3C)
            print(f"threads={threads} {name:>13}: training {train_rate:9.0f} images/s, "
                  f"inference {infer_rate:9.0f} images/s")
        protocol = FIG3C.with_overrides(iterations=args.iterations)
        started = time.perf_counter()
        history = train_seed(EXPERIMENT, model, data, protocol, seed=0)
        print(f"threads={threads} fig3c ({args.iterations} iterations, one device preset, one seed): "
              f"{time.perf_counter() - started:.1f} s wall, final accuracy {100 * history.accuracy[-1]:.2f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
