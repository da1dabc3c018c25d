"""The level table of one synapse: per-state mean conductance G_i and spread sigma_i, per branch.

The paper (Methods, 'MNIST Pattern recognition simulation using experimental data'; Fig. 3b) describes a
synapse by the mean G_i and deviation sigma_i of each potentiation and depression state, with 13 and 11 states
selected from the measured 24 and 16. `LevelTable.from_trace` builds that from a trace file:

1. Readout: each row becomes a conductance (`HallReadout` for Hall bars, `MtjReadout` when the trace has a
   `conductance_S` column; `readout_for` picks one).
2. States: within a branch (rows of one phase, in pulse order), consecutive rows with the same
   `n_skyrmions_active` are one state batch (the state is the skyrmion population; several pulses may leave it
   unchanged, as in the chamber where ~31 skyrmions enter in 125 pulses). G_i is the batch mean.
3. Spread: sigma_i^2 = s_i^2 + (variance of the batch's rows), where s_i is the RMS of the rows' readout
   spread column (a measured device: the paper's error bars, Fig. 2b) or, for a trace without that column, the
   RMS residual of the branch's states about its NeuroSim fit (the irregular number of skyrmions a pulse adds
   or removes; NeuroSim's nonlinear_fit.m estimates its cycle-to-cycle variation the same way).
4. Checks: at least `MIN_STATES` states per branch, potentiation moving the level (its direction is the
   table's `polarity`: up for a Hall conductance, down for an MTJ whose skyrmions raise the resistance),
   depression moving it back the other way, and no reversal below the running extreme larger than NOISE_SIGMAS
   combined measured spreads (readout column and rows; not the fit residual, which a reversal would inflate)
   plus REVERSAL_FRACTION of the branch range; smaller reversals are noise and are pooled away
   (pool-adjacent-violators, weighted by rows) so the level curve is monotonic.
5. Selection: `n_states` of the available states, evenly spaced in state order with both ends kept
   (indices round(linspace(0, N-1, n))). The paper does not say how it picked its 13 and 11; this is our reading.
   Each selected state keeps its pulse position from the trace, so a move between selected states is counted
   as the physical pulses the device needed for it (the chip estimator prices pulses).
"""
from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np

from nn.hall_readout import HallReadout
from nn.mtj_readout import MtjReadout
from nn.nonlinearity import NonlinearityFit, curve, fit_branch
from nn.trace_file import SynapseTrace
from skybench.errors import DataError, ParameterError

MIN_STATES = 2
"""Fewest states a branch may have (a level curve needs two ends)."""
NOISE_SIGMAS = 3.0
"""A reversal within this many combined per-state sigmas is readout noise (dimensionless)."""
REVERSAL_FRACTION = 0.10
"""A reversal within this fraction of the branch range is tolerated as device noise (dimensionless): one or two
skyrmions annihilating during a potentiation pulse out of ~40 (paper Fig. 2b) stays inside it."""


@dataclasses.dataclass(frozen=True)
class LevelTable:
    """Per-state mean conductance and spread of one device, potentiation and depression branches."""

    pot_mean: np.ndarray
    """G_i of the selected potentiation states, monotonic in pulse order in the `polarity` direction (S)."""
    pot_std: np.ndarray
    """sigma_i of the selected potentiation states (S)."""
    dep_mean: np.ndarray
    """G_i of the selected depression states, monotonic against the `polarity` direction (S)."""
    dep_std: np.ndarray
    """sigma_i of the selected depression states (S)."""
    pot_pulse: np.ndarray
    """Physical pulses from the first selected potentiation state to each selected state (int, from the
    trace's pulse_index: a move between selected states fires this many pulses on the device)."""
    dep_pulse: np.ndarray
    """The same for the depression states (int)."""
    pot_available: int
    """Potentiation states found in the trace (before selection)."""
    dep_available: int
    """Depression states found in the trace (before selection)."""
    pot_fit: NonlinearityFit
    """NeuroSim fit of the selected potentiation states against their index (one state step each, the step
    the network's pulses make; NeuroSim's MeasuredDevice reads its tables the same way)."""
    dep_fit: NonlinearityFit
    """The same for the selected depression states."""
    polarity: int
    """+1 if potentiation raises the conductance (Hall conductance: more skyrmions, larger |delta rho_xy|),
    -1 if it lowers it (MTJ: skyrmion cores switch area to the antiparallel, high-resistance state)."""
    source: str
    """The trace file the table was built from."""
    readout: str
    """Name of the readout that turned rows into conductance."""

    @property
    def n_pot(self) -> int:
        return int(self.pot_mean.size)

    @property
    def n_dep(self) -> int:
        return int(self.dep_mean.size)

    @property
    def g_min(self) -> float:
        """Lowest state mean of either branch (S)."""
        return float(min(self.pot_mean.min(), self.dep_mean.min()))

    @property
    def g_max(self) -> float:
        """Highest state mean of either branch (S)."""
        return float(max(self.pot_mean.max(), self.dep_mean.max()))

    @classmethod
    def from_trace(cls, trace: SynapseTrace, n_pot: int | None = None, n_dep: int | None = None,
                   readout=None) -> "LevelTable":
        """Build the table from `trace` keeping `n_pot`/`n_dep` states (None keeps all); see module docstring."""
        readout = readout_for(trace) if readout is None else readout
        rows_g, rows_s = readout.levels(trace)
        batches = {name: _state_batches(trace, mask, rows_g, rows_s, name)
                   for name, mask in (("potentiation", trace.potentiation), ("depression", ~trace.potentiation))}
        rise = batches["potentiation"][0][-1] - batches["potentiation"][0][0]
        if rise == 0:
            raise DataError(f"{trace.path}: the potentiation branch ends at the level it starts from")
        polarity = 1 if rise > 0 else -1
        branches = {}
        for name, direction, wanted in (("potentiation", polarity, n_pot), ("depression", -polarity, n_dep)):
            means, stds, measured, weights, positions = batches[name]
            means = _monotonic(means, measured, weights, direction, name, trace.path)
            keep = select_states(means.size, wanted, f"n_states_{name[:3]}", trace.path)
            branches[name] = (means[keep], stds[keep], positions[keep] - positions[keep[0]], means.size)
        pot_mean, pot_std, pot_pulse, pot_available = branches["potentiation"]
        dep_mean, dep_std, dep_pulse, dep_available = branches["depression"]
        return cls(pot_mean=pot_mean, pot_std=pot_std, dep_mean=dep_mean, dep_std=dep_std,
                   pot_pulse=pot_pulse, dep_pulse=dep_pulse,
                   pot_available=pot_available, dep_available=dep_available,
                   pot_fit=fit_branch(pot_mean), dep_fit=fit_branch(dep_mean), polarity=polarity,
                   source=str(trace.path), readout=readout.name)

    def scaled_spread(self, factor: float) -> "LevelTable":
        """The same table with every sigma_i multiplied by `factor` (the cycle-to-cycle sweep)."""
        return dataclasses.replace(self, pot_std=self.pot_std * factor, dep_std=self.dep_std * factor)

    def summary(self) -> dict:
        """JSON-ready description: states, ranges, spreads and the NeuroSim fits."""
        span = self.g_max - self.g_min
        return {
            "source": self.source, "readout": self.readout, "polarity": self.polarity,
            "n_states_pot": self.n_pot, "n_states_dep": self.n_dep,
            "states_available_pot": self.pot_available, "states_available_dep": self.dep_available,
            "g_min_S": self.g_min, "g_max_S": self.g_max,
            "sigma_mean_fraction_pot": float(np.mean(self.pot_std) / span),
            "sigma_mean_fraction_dep": float(np.mean(self.dep_std) / span),
            "nonlinearity_pot": self.pot_fit.as_dict(), "nonlinearity_dep": self.dep_fit.as_dict(),
        }


def readout_for(trace: SynapseTrace):
    """The readout of a trace: its MTJ conductance column when present, else its Hall resistivity change."""
    return MtjReadout() if trace.conductance is not None else HallReadout()


def select_states(available: int, wanted: int | None, name: str, source: Path | str) -> np.ndarray:
    """Indices of `wanted` of `available` states, evenly spaced, both ends kept (None: all)."""
    if wanted is None:
        return np.arange(available)
    if isinstance(wanted, bool) or int(wanted) != wanted or not MIN_STATES <= wanted <= available:
        raise ParameterError(name, wanted, f"an integer in [{MIN_STATES}, {available}] (states in {source})")
    return np.round(np.linspace(0, available - 1, int(wanted))).astype(np.int64)


def _state_batches(trace, mask, rows_g, rows_s, name):
    """Group consecutive rows of one branch with equal skyrmion count.

    Returns per state: mean conductance, sigma (model spread), measured spread (readout column and rows only),
    number of rows, and its pulse position (pulses from the branch's first state to the state's first row)."""
    index = np.flatnonzero(mask)
    index = index[np.argsort(trace.pulse_index[index], kind="stable")]
    counts = trace.n_skyrmions[index]
    starts = np.flatnonzero(np.r_[True, counts[1:] != counts[:-1]])
    ends = np.r_[starts[1:], index.size]
    if starts.size < MIN_STATES:
        raise DataError(f"{trace.path}: the {name} branch has {starts.size} distinct state(s) "
                        f"(n_skyrmions_active never changes); at least {MIN_STATES} are needed")
    means, readout, between, weights = [], [], [], []
    positions = trace.pulse_index[index[starts]] - trace.pulse_index[index[0]]
    for start, end in zip(starts, ends):
        rows = index[start:end]
        means.append(float(np.mean(rows_g[rows])))
        readout.append(0.0 if rows_s is None else float(np.sqrt(np.mean(rows_s[rows] ** 2))))
        between.append(float(np.std(rows_g[rows], ddof=1)) if rows.size > 1 else 0.0)
        weights.append(rows.size)
    means, readout, between = np.array(means), np.array(readout), np.array(between)
    measured = np.hypot(readout, between)
    if rows_s is None:
        try:
            fit = fit_branch(means)
        except ParameterError:
            raise DataError(f"{trace.path}: the {name} branch does not change its level") from None
        b = 0.0 if math.isinf(fit.a) else 1.0 / fit.a
        model = means[0] + (means[-1] - means[0]) * curve(np.linspace(0, 1, means.size), b)
        readout[:] = float(np.sqrt(np.mean((means - model) ** 2)))
    stds = np.hypot(readout, between)
    return means, stds, measured, np.array(weights, dtype=float), positions.astype(np.int64)


def _monotonic(means, stds, weights, direction, name, path):
    """Check the branch direction and reversals (module docstring, step 4); return pooled monotonic means."""
    signed = direction * means
    span = float(signed[-1] - signed[0])
    way = "rise" if direction > 0 else "fall"
    if span <= 0:
        raise DataError(f"{path}: the {name} branch does not {way} (first state {means[0]:.6g} S, last "
                        f"{means[-1]:.6g} S): depression must move the level back against potentiation")
    peak = np.maximum.accumulate(signed)
    peak_at = np.array([int(np.flatnonzero(signed[: i + 1] == peak[i])[-1]) for i in range(signed.size)])
    reversal = peak - signed
    allowed = NOISE_SIGMAS * np.hypot(stds, stds[peak_at]) + REVERSAL_FRACTION * span
    bad = np.flatnonzero(reversal > allowed)
    if bad.size:
        i = int(bad[0])
        raise DataError(f"{path}: the {name} levels are not monotonic beyond noise: state {i} is "
                        f"{reversal[i]:.3g} S below state {peak_at[i]} ({reversal[i] / span:.0%} of the branch "
                        f"range; tolerated: {NOISE_SIGMAS:g} sigma + {REVERSAL_FRACTION:.0%})")
    return direction * isotonic(signed, weights)


def isotonic(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted least-squares non-decreasing fit (isotonic regression by pooling adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, length]
    for value, weight in zip(values, weights):
        blocks.append([float(value), float(weight), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, weight2, length2 = blocks.pop()
            mean1, weight1, length1 = blocks.pop()
            total = weight1 + weight2
            blocks.append([(mean1 * weight1 + mean2 * weight2) / total, total, length1 + length2])
    return np.concatenate([np.full(length, mean) for mean, _, length in blocks])
