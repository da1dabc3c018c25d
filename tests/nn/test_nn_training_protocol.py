"""Training schedules: fig3c as read from the paper's Methods, and overrides checked."""
import pytest

from nn.training_protocol import FIG3C, LONG, TrainingProtocol
from skybench.errors import ParameterError


def test_fig3c_reading():
    # paper Methods: batch 300, 100 iterations; 8000 images per iteration (NeuroSim epoch, our reading)
    assert (FIG3C.iterations, FIG3C.images_per_iteration, FIG3C.batch_size) == (100, 8000, 300)
    assert FIG3C.batches_per_iteration == 27 and FIG3C.training_images == 800_000
    assert LONG.with_replacement and not FIG3C.with_replacement


def test_overrides_and_bad_values():
    short = FIG3C.with_overrides(iterations=3, images_per_iteration=600)
    assert (short.iterations, short.images_per_iteration, short.batch_size) == (3, 600, 300)
    with pytest.raises(ParameterError, match="batch_size"):
        FIG3C.with_overrides(batch_size=9000)
    with pytest.raises(ParameterError, match="iterations"):
        TrainingProtocol("x", iterations=0)
