"""Per-device random numbers inside numba kernels: splitmix64 streams, reproducible whatever the threading.

Each device owns one uint64 state; a batch run in parallel gives the same numbers as a serial one, and the
same seed gives the same trace (Steele, Lea, Flood, OOPSLA 2014, splitmix64).
"""
import math

import numba
import numpy as np


@numba.njit(cache=True, inline="always")
def next_uint(state, device):
    """Advance device's state and return a 64-bit output."""
    z = (state[device] + np.uint64(0x9E3779B97F4A7C15)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    state[device] = z
    z = ((z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    z = ((z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    return z ^ (z >> np.uint64(31))


@numba.njit(cache=True, inline="always")
def uniform(state, device):
    """Uniform double in (0, 1)."""
    return ((next_uint(state, device) >> np.uint64(11)) + 0.5) * (1.0 / 9007199254740992.0)


@numba.njit(cache=True)
def normal(state, device):
    """Standard normal variate (Box-Muller)."""
    u1 = uniform(state, device)
    u2 = uniform(state, device)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


SEED_WORD_INIT = 0x8B51F9DD
"""Initial hash constant of numpy's SeedSequence.generate_state (INIT_B in numpy/random/bit_generator.pyx)."""
SEED_WORD_MULT = 0x58F38DED
"""Per-word multiplier of that hash constant (MULT_B there)."""
SEED_WORD_SHIFT = 16
"""Xor-shift of each output word (XSHIFT there)."""
MASK32 = 0xFFFFFFFF


def seed_states(seed: int, count: int, first: int = 0) -> np.ndarray:
    """Independent starting states of devices first .. first + count - 1 of one integer seed.

    The states of a seed are one sequence, the uint64 words of `np.random.SeedSequence(seed).generate_state`
    (a longer request extends a shorter one), so a study split into chunks gives every device the stream it
    has in one large batch. numpy computes word i from pool word i mod 4 and the hash constant
    INIT_B * MULT_B^i (mod 2^32); this computes the words first .. first + count - 1 alone, the constant of
    the first by modular power, so seeking to device 10^9 costs no more than to device 0 (numpy's own call
    costs O(first + count)); a test checks equality with numpy's words."""
    pool = np.random.SeedSequence(int(seed)).pool.astype(np.uint64)
    first_word = 2 * int(first)
    n_words = 2 * int(count)
    start = SEED_WORD_INIT * pow(SEED_WORD_MULT, first_word, 1 << 32) & MASK32
    steps = np.full(n_words, SEED_WORD_MULT, dtype=np.uint64)
    steps[0] = 1
    xor_const = (np.cumprod(steps) * np.uint64(start)) & np.uint64(MASK32)    # uint64 products wrap mod 2^64
    mul_const = (xor_const * np.uint64(SEED_WORD_MULT)) & np.uint64(MASK32)
    words = pool[(first_word + np.arange(n_words)) % pool.shape[0]] ^ xor_const
    words = (words * mul_const) & np.uint64(MASK32)
    words ^= words >> np.uint64(SEED_WORD_SHIFT)
    return words[0::2] | (words[1::2] << np.uint64(32))
