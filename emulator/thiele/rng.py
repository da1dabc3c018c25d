"""Per-device random numbers inside numba kernels: splitmix64 streams, reproducible whatever the threading.

Each device owns one uint64 state; a batch run in parallel gives the same numbers as a serial one, and the
same seed gives the same trace (Steele, Lea, Flood, OOPSLA 2014, splitmix64).
"""
import math

import numba
import numpy as np


@numba.njit(cache=True)
def next_uint(state, device):
    """Advance device's state and return a 64-bit output."""
    z = (state[device] + np.uint64(0x9E3779B97F4A7C15)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    state[device] = z
    z = ((z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    z = ((z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    return z ^ (z >> np.uint64(31))


@numba.njit(cache=True)
def uniform(state, device):
    """Uniform double in (0, 1)."""
    return ((next_uint(state, device) >> np.uint64(11)) + 0.5) * (1.0 / 9007199254740992.0)


@numba.njit(cache=True)
def normal(state, device):
    """Standard normal variate (Box-Muller)."""
    u1 = uniform(state, device)
    u2 = uniform(state, device)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def seed_states(seed: int, count: int, first: int = 0) -> np.ndarray:
    """Independent starting states of devices first .. first + count - 1 of one integer seed.

    The states of a seed are one sequence (SeedSequence words; a longer request extends a shorter one), so a
    study split into chunks gives every device the stream it has in one large batch."""
    sequence = np.random.SeedSequence(int(seed))
    return sequence.generate_state(int(first) + count, dtype=np.uint64)[int(first):]
