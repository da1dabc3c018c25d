"""Training schedules: how many images, in which batches, between accuracy measurements.

`fig3c` is our reading of the paper's Methods ('trained with a batch size of 300 images and up to 100
iterations. The accuracy ... was evaluated after every iteration'): 100 iterations, each trains on 8000 training
images drawn at random (without replacement within the iteration) in mini-batches of 300 (the last batch of an
iteration holds the remainder, 200), then measures accuracy on the full 10 000-image test set. The wording is
ambiguous: 100 mini-batches of 300 images (30 000 presentations) reach only ~90 % even in floating point, while
the paper's software curve ends near 94 %; the 8000 images per iteration come from MLP+NeuroSim's epoch, the
platform the paper used (ref. 29). Every number is a field, so other readings are one option away.

`long` is MLP+NeuroSim's schedule (Param.cpp: numTrainImagesPerEpoch = 8000 drawn with replacement,
rand() % 60000, many epochs; the paper's ideal-device run went up to 1000 epochs), here 300 epochs in
mini-batches of 300 (NeuroSim updates after every image: `--batch-size 1`, far slower).
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType

from skybench.errors import check_integer

TRAIN_IMAGES = 60000
"""Images in the MNIST training set."""
MAX_ITERATIONS = 100000
"""Largest number of iterations accepted."""


@dataclasses.dataclass(frozen=True)
class TrainingProtocol:
    """A schedule of training iterations, each followed by a test-set accuracy measurement."""

    name: str
    """Protocol name (fig3c, long)."""
    iterations: int
    """Train-then-test rounds (the x axis of Fig. 3c)."""
    images_per_iteration: int = 8000
    """Training images drawn per iteration."""
    batch_size: int = 300
    """Images per weight update (mini-batch)."""
    with_replacement: bool = False
    """Draw an iteration's images with replacement (NeuroSim) or as a random subset (each image once)."""

    def __post_init__(self):
        check_integer("iterations", self.iterations, 1, MAX_ITERATIONS)
        check_integer("images_per_iteration", self.images_per_iteration, 1, TRAIN_IMAGES)
        check_integer("batch_size", self.batch_size, 1, self.images_per_iteration)

    @property
    def batches_per_iteration(self) -> int:
        return -(-self.images_per_iteration // self.batch_size)

    @property
    def training_images(self) -> int:
        """Images presented over the whole run."""
        return self.iterations * self.images_per_iteration

    def with_overrides(self, iterations=None, images_per_iteration=None, batch_size=None) -> "TrainingProtocol":
        """A copy with the given fields replaced (None keeps the protocol's value)."""
        changes = {key: value for key, value in (("iterations", iterations),
                                                 ("images_per_iteration", images_per_iteration),
                                                 ("batch_size", batch_size)) if value is not None}
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


FIG3C = TrainingProtocol("fig3c", iterations=100, images_per_iteration=8000, batch_size=300)
LONG = TrainingProtocol("long", iterations=300, images_per_iteration=8000, batch_size=300, with_replacement=True)
PROTOCOLS = MappingProxyType({protocol.name: protocol for protocol in (FIG3C, LONG)})
"""The training protocols by name (the CLI's --protocol choices)."""
