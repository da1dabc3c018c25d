"""Numba kernel of `nn.synapse_array`: one sequential pass over the cells of a layer per write.

Sequential (no prange) so that the random draws of a seeded numpy Generator are consumed in cell order and a
seed reproduces every pulse. Arrays are SI-free: conductances are normalised to the nominal range.
"""
from __future__ import annotations

import math

import numba
import numpy as np


@numba.njit(cache=True)
def position(levels, target):
    """Fractional index of `target` on ascending `levels`, linear between states, clamped to [0, len-1]."""
    last = levels.size - 1
    if target <= levels[0]:
        return 0.0
    if target >= levels[last]:
        return float(last)
    right = np.searchsorted(levels, target)
    below = levels[right - 1]
    step = levels[right] - below
    if step <= 0.0:
        return float(right)
    return (right - 1) + (target - below) / step


@numba.njit(cache=True)
def write_cells(du, level, u, device, to_pot, to_dep, nominal_pot, nominal_dep_desc, mean, std, low, high,
                pulse_at, n_pot, n_dep, random_offset, rng):
    """Move every cell by the state steps its conductance change `du` asks for.

    Per cell (nn.synapse_array docstring, steps 2-5): place it on the branch of sign(du), find the fractional
    target position on the nominal curve, round n* = x* - p to whole steps with floor(n* + r) (r = 1/2, or
    r ~ U[0, 1) when `random_offset`), skip n = 0, else move n states and draw u ~ N(mean_i, std_i^2) clipped
    to the cell device's [low, high]. `level`, `u` are updated in place. The physical pulses of a move are the
    difference of the cell's device `pulse_at` positions of the two states.
    Returns (potentiation pulses, depression pulses, potentiation steps, depression steps, cells written).
    """
    states = n_pot + n_dep
    pulses_pot = 0
    pulses_dep = 0
    steps_pot = 0
    steps_dep = 0
    written = 0
    for i in range(du.size):
        change = du[i]
        if change == 0.0:
            continue
        flat = device[i] * states + level[i]
        if change > 0.0:
            here = to_pot[flat]
            expected = position(nominal_pot, nominal_pot[here] + change) - here
        else:
            here = to_dep[flat]
            expected = position(nominal_dep_desc, nominal_dep_desc[here] - change) - here
        if expected <= 0.0:
            continue
        offset = rng.random() if random_offset else 0.5
        pulses = int(math.floor(expected + offset))
        if pulses <= 0:
            continue
        base = device[i] * states
        if change > 0.0:
            level[i] = min(here + pulses, n_pot - 1)
            steps_pot += level[i] - here
            pulses_pot += pulse_at[base + level[i]] - pulse_at[base + here]
        else:
            level[i] = n_pot + min(here + pulses, n_dep - 1)
            steps_dep += level[i] - n_pot - here
            pulses_dep += pulse_at[base + level[i]] - pulse_at[base + n_pot + here]
        written += 1
        k = base + level[i]
        value = mean[k] + std[k] * rng.standard_normal()
        u[i] = min(max(value, low[device[i]]), high[device[i]])
    return pulses_pot, pulses_dep, steps_pot, steps_dep, written
