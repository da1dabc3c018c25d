"""Training the 784-100-10 network through two weight stores (float weights or synapse arrays).

Per mini-batch: read both layers (for device layers: sense the conductances, read noise included), forward,
backpropagate (`nn.mlp`), then write dW_l = -eta_l g_l into each layer (for device layers: pulses). After every
iteration the layers are read once more and the accuracy on the whole test set is measured. Every random draw
comes from seeded generators: the image draws from the torch.Generator passed here, the initial states, pulse
rounding, write and read noise from each layer's own numpy Generator; so a seed reproduces a run exactly.
"""
from __future__ import annotations

import dataclasses
import time

import numpy as np

from nn import mlp
from nn.mnist import N_CLASSES, MnistTensors
from nn.periphery import ANALOG, Periphery
from nn.synapse_array import PulseCount
from nn.training_protocol import TrainingProtocol


@dataclasses.dataclass(frozen=True)
class TrainingHistory:
    """What one training run produced."""

    accuracy: np.ndarray
    """Test-set accuracy after each iteration (fraction)."""
    pulses: PulseCount
    """Pulses fired and cells written over the run (both layers)."""
    training_images: int
    """Images presented over the run."""
    conductance_before: tuple
    """Per layer, the conductances (S) before training (None for float weights)."""
    conductance_after: tuple
    """Per layer, the conductances (S) after training (None for float weights)."""
    weights_before: tuple
    """Per layer, the weights read before training (numpy arrays)."""
    weights_after: tuple
    """Per layer, the weights read after training (numpy arrays)."""
    wall_time_s: float
    """Wall-clock seconds of the run (s)."""


def train(layers, data: MnistTensors, protocol: TrainingProtocol, learning_rates: tuple[float, float],
          generator, progress=None, periphery: Periphery = ANALOG) -> TrainingHistory:
    """Train `layers` = (hidden, output) weight stores on `data` by `protocol` (module docstring), with the
    forward passes of training and testing through `periphery` (nn.periphery).

    `progress`: None, or a callable wrapping the iteration range (e.g. tqdm) for a progress bar.
    """
    import torch

    started = time.perf_counter()
    hidden, output = layers
    eta1, eta2 = learning_rates
    targets = torch.nn.functional.one_hot(data.train_y, N_CLASSES).to(torch.float32)
    before = tuple(layer.conductance() for layer in layers)
    weights_before = tuple(layer.read().numpy().copy() for layer in layers)
    accuracy = np.empty(protocol.iterations)
    pool = data.train_x.shape[0]   # 60 000, or fewer when a validation split is held out
    steps = range(protocol.iterations)
    for iteration in (progress(steps) if progress is not None else steps):
        if protocol.with_replacement:
            chosen = torch.randint(0, pool, (protocol.images_per_iteration,), generator=generator)
        else:
            chosen = torch.randperm(pool, generator=generator)[: protocol.images_per_iteration]
        for start in range(0, protocol.images_per_iteration, protocol.batch_size):
            batch = chosen[start:start + protocol.batch_size]
            x = data.train_x[batch]
            w1 = hidden.read()
            w2 = output.read()
            a1, a2 = mlp.forward(x, w1, w2, periphery)
            g1, g2 = mlp.gradients(x, a1, a2, targets[batch], w2)
            output.write(-eta2 * g2)
            hidden.write(-eta1 * g1)
        accuracy[iteration] = mlp.accuracy(data.test_x, data.test_y, hidden.read(), output.read(), periphery)
    pulses = PulseCount()
    for layer in layers:
        pulses += layer.pulses
    return TrainingHistory(accuracy=accuracy, pulses=pulses, training_images=protocol.training_images,
                           conductance_before=before,
                           conductance_after=tuple(layer.conductance() for layer in layers),
                           weights_before=weights_before,
                           weights_after=tuple(layer.read().numpy().copy() for layer in layers),
                           wall_time_s=time.perf_counter() - started)
