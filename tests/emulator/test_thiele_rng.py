"""The devices' starting random states: numpy's SeedSequence words, reached in O(1) at any device index."""
import time

import numpy as np
import pytest

from emulator.thiele.rng import seed_states


@pytest.mark.parametrize("seed", [0, 7, 2**40 + 17, 2**63 - 1])
@pytest.mark.parametrize("first, count", [(0, 1), (0, 64), (3, 50), (4095, 10), (12345, 300)])
def test_states_are_numpy_seed_sequence_words(seed, first, count):
    """Reference: np.random.SeedSequence(seed).generate_state(first + count, uint64)[first:] (what the engine
    used before the seek, so every stored trace keeps its streams)."""
    reference = np.random.SeedSequence(seed).generate_state(first + count, np.uint64)[first:]
    states = seed_states(seed, count, first)
    assert states.dtype == np.uint64
    np.testing.assert_array_equal(states, reference)


def test_seeking_far_costs_no_more_than_near():
    """Device 10^12 of a seed: numpy's own call would need 2e12 words; the seek computes the few asked for."""
    started = time.perf_counter()
    far = seed_states(1, 8, 10**12)
    assert time.perf_counter() - started < 0.5
    assert len(set(far.tolist())) == 8
    np.testing.assert_array_equal(seed_states(1, 4, 10**12 + 4), far[4:])
