"""Numba kernel of `nn.transition_array`: one sequential pass over the cells of a layer per write.

Sequential (no prange) so that a seeded numpy Generator's draws are consumed in cell order and a seed reproduces
every pulse. Conductances are normalised to the nominal range; counts are skyrmions.
"""
from __future__ import annotations

import math

import numba
import numpy as np

from nn.synapse_array_kernels import position


@numba.njit(cache=True)
def interpolate(values, x):
    """values at fractional index x (linear between integer indices; x in [0, len - 1])."""
    below = int(math.floor(x))
    if below >= values.size - 1:
        return values[values.size - 1]
    fraction = x - below
    return values[below] + fraction * (values[below + 1] - values[below])


@numba.njit(cache=True)
def fire(count, increments, start, stop, max_count, rng):
    """The count after the ramp pulses start..stop-1, each an increment of a uniformly random trace."""
    traces = increments.shape[0]
    for pulse in range(start, stop):
        pick = min(int(rng.random() * traces), traces - 1)
        count = min(max(count + increments[pick, pulse], 0.0), max_count)
    return count


@numba.njit(cache=True)
def write_cells(du, device, count, u, level, spread, low, high, pot_curve, dep_curve, pot_selected, dep_selected,
                pot_increments, dep_increments, max_count, random_offset, rng):
    """Move every cell by the pulses its conductance change `du` asks for (nn.transition_array, steps 2-5),
    cell i through device device[i]: row device[i] of each stacked per-device table (levels, spread, bounds,
    nominal curves, increments, capacity). A single-device layer passes one row and device = 0 everywhere.

    `count` and `u` are updated in place. Rounding: n = floor(n* + r), r = 1/2, or r ~ U[0, 1) when
    `random_offset`. Returns (potentiation pulses, depression pulses, potentiation steps, depression steps,
    cells written).
    """
    pulses_pot = 0
    pulses_dep = 0
    steps_pot = 0
    steps_dep = 0
    written = 0
    pot_states = pot_selected.astype(np.float64)
    dep_states = dep_selected.astype(np.float64)
    for i in range(du.size):
        change = du[i]
        if change == 0.0:
            continue
        d = device[i]
        here = interpolate(level[d], count[i])
        if change > 0.0:
            at = position(pot_states, position(pot_curve[d], here))
            expected = position(pot_states, position(pot_curve[d], here + change)) - at
            last = pot_selected.size - 1
        else:
            at = position(dep_states, position(dep_curve[d], -here))
            expected = position(dep_states, position(dep_curve[d], -here - change)) - at
            last = dep_selected.size - 1
        if expected <= 0.0:
            continue
        offset = rng.random() if random_offset else 0.5
        steps = int(math.floor(expected + offset))
        if steps <= 0:
            continue
        start = min(int(math.floor(at)), last)
        stop = min(start + steps, last)
        if stop <= start:
            continue
        if change > 0.0:
            count[i] = fire(count[i], pot_increments[d], pot_selected[start], pot_selected[stop], max_count[d], rng)
            pulses_pot += pot_selected[stop] - pot_selected[start]
            steps_pot += stop - start
        else:
            count[i] = fire(count[i], dep_increments[d], dep_selected[start], dep_selected[stop], max_count[d], rng)
            pulses_dep += dep_selected[stop] - dep_selected[start]
            steps_dep += stop - start
        written += 1
        value = interpolate(level[d], count[i]) + interpolate(spread[d], count[i]) * rng.standard_normal()
        u[i] = min(max(value, low[d]), high[d])
    return pulses_pot, pulses_dep, steps_pot, steps_dep, written
