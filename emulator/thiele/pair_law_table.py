"""The exchange-tail pair law as tables: its push and its squeeze read back by cubic interpolation.

The pair law of emulator/thiele/exchange_tail.py costs a Bessel K1 (a logarithm or an exponential and a square
root, and a polynomial) and an exponential per pair and step; with ~11 skyrmions in the chamber that is 55 pairs
per step, the largest part of the forces stage once the edge field was tabulated (benchmarks/kernel_stages.py).
Both parts are functions of one variable:

- the push F(x) = (U0 / xi) K1(x) of x = (rho - R_i - R_k + 2 R0) / xi, tabulated on a regular grid of step
  PUSH_STEP from X_MIN to the largest x a pair within the cutoff can have ((cutoff + 2 R0) / xi: radii are
  positive). Below X_MIN (centres closer than ~R_i + R_k, skyrmions pressed into each other) the push is evaluated
  directly: K1 ~ 1 / x there, which a polynomial follows badly;
- the squeeze b(rho) = B_c exp(-(rho - 2 R0) / lambda), tabulated on a regular grid of step SQUEEZE_STEP lambda
  from rho = 0 to where it falls to SQUEEZE_FLOOR (beyond: 0, as the direct law).

`lookup` interpolates with the cubic Lagrange weights of the 4 nodes around the point (as the edge-field table,
emulator/thiele/edge_field_grid.py). The tables hold the kernel's own K1 (`exchange_tail.bessel_k1`, Abramowitz
and Stegun) and exponential, so the reference is the direct mode (StepControl.pair_law = 'direct').

Accuracy rule: the tabulated push and squeeze are within TOLERANCE of the direct values, relative to the direct
value, everywhere the table serves. `tabulate_pair` checks it when it builds a table, at CHECK_FRACTIONS of every
cell (the cubic's error peaks mid-cell), and raises if a cell misses by more than TOLERANCE / 2;
tests/emulator/test_pair_law_table.py checks it at random points. Measured on the chamber (xi = 5.69 nm, lambda =
4.61 nm, cutoff 50.4 nm): largest relative error 1.1e-7 of the push (near X_MIN) and 1.5e-7 of the squeeze; the
push table has 1,060 nodes, the squeeze table 190 (10 kB together). Traces are not byte-identical with the
'direct' mode: the counts move within their noise (benchmarks/pair_table_counts.py).
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numba
import numpy as np
from numba.extending import overload

from emulator.thiele import hooks, term
from emulator.thiele.exchange_tail import SQUEEZE_FLOOR, TailPairRecord, bessel_k1, pair_force, squeeze

X_MIN = 0.5
"""Smallest x = (rho - R_i - R_k + 2 R0) / xi read from the push table (dimensionless); below, K1 is evaluated
directly. Cubic error there with PUSH_STEP: 1.1e-7 relative (K1 ~ 1 / x: 24 / x^4 in its fourth derivative)."""
PUSH_STEP = 0.01
"""Node spacing of the push table in x (dimensionless)."""
SQUEEZE_STEP = 0.05
"""Node spacing of the squeeze table in decay lengths lambda (dimensionless): cubic error
(3 / 128) (0.05)^4 = 1.5e-7 relative."""
TOLERANCE = 1e-6
"""Largest relative difference between a tabulated value (push or squeeze) and the direct law where the table
serves (dimensionless); a built table is checked against half of it."""
CHECK_FRACTIONS = (0.25, 0.5, 0.75)
"""Where in each cell, as fractions of the step, the table is checked when built (dimensionless)."""
MAX_NODES = 200_000
"""Most nodes of either table (a cutoff of ~2,000 decay lengths); more means a mis-set cutoff or decay length."""


class TailPairTableRecord(NamedTuple):
    """Kernel record of the tabulated pair law (`tabulate_pair`); pushes as `TailPairRecord` does."""

    ROLE = term.PAIR
    U0: float
    """Pair energy scale (J)."""
    xi: float
    """Pair decay length (m)."""
    R0: float
    """Calibration radius (m)."""
    push: np.ndarray
    """Push (N) at x = x0 + k * PUSH_STEP, node k (x0 = X_MIN - PUSH_STEP)."""
    push_offset: float
    """2 R0 - x0 xi (m): (rho - R_i - R_k + push_offset) * push_scale is the fractional node index of x."""
    push_scale: float
    """1 / (xi PUSH_STEP) (1/m)."""
    push_first: float
    """Fractional node index of X_MIN (1): the table serves from there."""
    push_last: float
    """Fractional node index of the largest x served, (cutoff + 2 R0) / xi; beyond, the push is evaluated
    directly."""
    squeeze: np.ndarray
    """Squeeze field (T) at rho = (k - 1) * rho_step, node k; empty without a squeeze."""
    squeeze_scale: float
    """1 / rho_step, the inverse node spacing in rho (1/m)."""
    squeeze_cut: float
    """Centre distance beyond which the squeeze is 0 (m): where it falls to SQUEEZE_FLOOR."""


_SIXTH = 1.0 / 6.0


@numba.njit(cache=True, inline="always")
def _cubic(values, f):
    """Cubic Lagrange interpolation of `values` at fractional node index f (1 <= f < len - 2); multiplications
    only (a division costs several of them)."""
    i = int(f)
    t = f - i
    a = t + 1.0
    b = t - 1.0
    c = t - 2.0
    return (t * b * (_SIXTH * a * values[i + 2] - _SIXTH * c * values[i - 1])
            + 0.5 * a * c * (b * values[i] - t * values[i + 1]))


@numba.njit(cache=True, inline="always")
def lookup(rec, rho, radius_i, radius_k):
    """(push (N), squeeze field (T)) of a pair at centre distance rho (m) with radii radius_i, radius_k (m):
    from the tables where they serve, directly elsewhere."""
    f = (rho - radius_i - radius_k + rec.push_offset) * rec.push_scale   # (x - x0) / x_step
    if rec.push_first <= f < rec.push_last:
        push = _cubic(rec.push, f)
    else:
        push = pair_force(rec.U0, rec.xi, rec.R0, rho, radius_i, radius_k)
    b = 0.0
    if 0.0 < rho <= rec.squeeze_cut:
        b = _cubic(rec.squeeze, rho * rec.squeeze_scale + 1.0)
    return push, b


@overload(hooks.pair_push)
def _pair_push(rec, rho, radius_i, radius_k):
    if hooks.is_record(rec, TailPairTableRecord):
        def impl(rec, rho, radius_i, radius_k):
            push, b = lookup(rec, rho, radius_i, radius_k)
            return push, b, b
        return impl


@numba.njit(cache=True)
def _push_nodes(U0, xi, x):
    """U0 / xi K1(x) at every x (N), the kernel's K1."""
    out = np.empty(x.shape[0])
    for k in range(x.shape[0]):
        out[k] = U0 / xi * bessel_k1(x[k])
    return out


@numba.njit(cache=True)
def _squeeze_nodes(field, length, offset, rho):
    """B_c exp(-(rho - offset) / lambda) at every rho (T), without the floor (the table's margin nodes)."""
    out = np.empty(rho.shape[0])
    for k in range(rho.shape[0]):
        out[k] = field * math.exp(-(rho[k] - offset) / length)
    return out


@numba.njit(cache=True)
def _worst_error(rec, pair, fractions):
    """Largest relative error of the tables against the direct law (pair: the TailPairRecord) over
    `fractions` of every cell served: (push, squeeze)."""
    worst_push = 0.0
    for k in range(1, rec.push.shape[0] - 2):
        for f in fractions:
            if not rec.push_first <= k + f < rec.push_last:
                continue
            rho = (k + f) / rec.push_scale - rec.push_offset + 2.0 * rec.R0   # radii R0 each
            push, _ = lookup(rec, rho, rec.R0, rec.R0)
            direct = pair_force(pair.U0, pair.xi, pair.R0, rho, rec.R0, rec.R0)
            worst_push = max(worst_push, abs(push / direct - 1.0))
    worst_squeeze = 0.0
    for k in range(1, rec.squeeze.shape[0] - 2):
        for f in fractions:
            rho = (k - 1 + f) / rec.squeeze_scale
            if not 0.0 < rho <= rec.squeeze_cut:
                continue
            _, b = lookup(rec, rho, rec.R0, rec.R0)
            direct = squeeze(pair.compression_field, pair.compression_length, 2.0 * pair.R0, rho)
            if direct > 0.0:
                worst_squeeze = max(worst_squeeze, abs(b / direct - 1.0))
    return worst_push, worst_squeeze


def tabulate_pair(pair: TailPairRecord, cutoff: float) -> TailPairTableRecord:
    """The tables of `pair` for pairs closer than `cutoff` (m), checked against the direct law (module
    docstring: TOLERANCE / 2 at CHECK_FRACTIONS of every cell; raises ValueError if a cell misses)."""
    xi, R0 = float(pair.xi), float(pair.R0)
    x_max = (float(cutoff) + 2.0 * R0) / xi
    x0 = X_MIN - PUSH_STEP
    nodes = int(math.ceil((x_max - x0) / PUSH_STEP)) + 3
    field, length = float(pair.compression_field), float(pair.compression_length)
    cut = 0.0   # where B_c exp(-(rho - 2 R0) / lambda) falls to SQUEEZE_FLOOR (none if that is at rho <= 0)
    if field > 0.0:
        cut = max(min(2.0 * R0 + length * math.log(field / SQUEEZE_FLOOR), float(cutoff)), 0.0)
    rho_step = SQUEEZE_STEP * length
    squeeze_nodes = int(math.ceil(cut / rho_step)) + 4 if cut > 0.0 else 0
    if max(nodes, squeeze_nodes) > MAX_NODES:
        raise ValueError(f"cutoff: {cutoff} m is {x_max:.0f} pair decay lengths; a table of more than "
                         f"{MAX_NODES} nodes is refused (use StepControl.pair_law = 'direct')")
    push = _push_nodes(float(pair.U0), xi, x0 + PUSH_STEP * np.arange(nodes))
    squeeze_table = _squeeze_nodes(field, length, 2.0 * R0, rho_step * (np.arange(squeeze_nodes) - 1.0))
    rec = TailPairTableRecord(float(pair.U0), xi, R0, push, 2.0 * R0 - x0 * xi, 1.0 / (xi * PUSH_STEP),
                              (X_MIN - x0) / PUSH_STEP, (x_max - x0) / PUSH_STEP, squeeze_table, 1.0 / rho_step,
                              cut)
    worst = _worst_error(rec, pair, np.array(CHECK_FRACTIONS))
    if max(worst) > 0.5 * TOLERANCE:
        raise ValueError(f"pair table: relative error (push, squeeze) {worst} above {0.5 * TOLERANCE}")
    return rec


def with_tables(pair_laws: tuple, cutoff: float) -> tuple:
    """`pair_laws` with every exchange-tail pair record (TailPairRecord) replaced by its tables; other records
    are kept."""
    return tuple(tabulate_pair(r, cutoff) if isinstance(r, TailPairRecord) and r.U0 != 0.0 else r
                 for r in pair_laws)
