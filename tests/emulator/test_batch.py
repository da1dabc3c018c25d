"""Large-array runs: the batched path reproduces the SimPy device path device by device."""
import numpy as np
import pytest

from emulator.batch import run_batch
from emulator.experiment import run_protocol
from emulator.pulse_protocols import fig4b
from skybench.errors import ParameterError


def test_batch_device_zero_equals_the_simpy_run(chamber):
    protocol = fig4b(pulses=30)
    batch = run_batch(chamber, protocol, devices=3, seed=5)
    single = run_protocol(chamber, protocol, seed=5)
    assert np.array_equal(batch.counts[0], [row.reading.n_inside for row in single.rows])
    assert batch.created[0] == single.created
    assert batch.counts.shape == (3, 60)
    assert not np.array_equal(batch.counts[0], batch.counts[1])


def test_damaging_protocol_is_refused_before_running(chamber):
    with pytest.raises(ParameterError, match="current_density"):
        run_batch(chamber, fig4b(pulses=2, j=1e12), devices=2)
