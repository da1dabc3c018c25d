"""What one pulse does to a synapse, from many traces: per-pulse skyrmion increments and the level of a count.

In the Hall-bar device a pulse nucleates (potentiation) or expels (depression) a random number of skyrmions:
nucleation and annihilation are thermally activated (Arrhenius) events whose rates depend on the pulse amplitude,
which the fig2b protocol ramps (paper Fig. 2b; emulator/). The conductance follows the count, ~7.5 nOhm cm of
rho_xy per skyrmion with a spread from the skyrmion sizes. So a synapse's cycle-to-cycle variation is in what each
pulse adds, not a spread of fixed levels. `PulseTransitions.from_traces` builds that statistic from K traces of
the same device design (independent emulator seeds, or repeated measurements):

1. Ramp positions. Potentiation position p = 1..P_pot is the device after the p-th potentiation pulse (the trace
   rows; a trace does not record the state before its first pulse). Depression position 0 is the end of
   potentiation, position q = 1..P_dep the device after the q-th depression pulse. Every trace must have the
   same pulses per branch (one protocol).
2. Increments. dN_k(p) = N_k(p + 1) - N_k(p): the skyrmions the pulse at position p added (negative: removed) in
   trace k. These K samples per position are the transition statistic: a cell whose level sits at position p of
   the ramp receives the pulse the ramp fires there, and its count changes by one of them, drawn at random.
3. Level of a count. G(N) and its spread s(N) are the mean and standard deviation of the conductance over all rows
   (every trace, both branches) with N skyrmions in the active area (s: the skyrmion-size and stray-skyrmion
   spread of a population of N). A count without rows takes a straight-line fit G = G_0 + g N plus the residual
   interpolated from its neighbours; a count with fewer than two rows takes the RMS spread of the others.
4. Nominal curves. The mean conductance over traces at each ramp position, made monotonic (potentiation in the
   `polarity` direction, depression against it) by weighted isotonic regression: the level curve the write
   controller knows and plans pulses on (`nn.transition_array`). Their NeuroSim fits are reported.
5. Selected states. `n_states_pot`/`n_states_dep` of the positions, evenly spaced with both ends kept (as the
   paper's 13 of 24 and 11 of 16): the controller's programming levels. One step between selected states fires
   every ramp pulse between them, each an independent draw of step 2. All positions: one step is one pulse.

The polarity (level up or down with potentiation) is the sign of the conductance against the skyrmion count,
which every trace must share. Traces are not checked as level tables (`LevelTable.from_trace` refuses a branch
that reverses beyond noise): a cycle whose count does not rise, e.g. a chamber near its capacity whose writes and
losses on the terminal's corner balance, is valid data for per-pulse transitions, though not a ladder of states.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from nn.level_table import isotonic, readout_for, select_states
from nn.nonlinearity import NonlinearityFit, fit_branch
from nn.trace_file import SynapseTrace
from skybench.errors import DataError, ParameterError

MIN_ROWS_FOR_SPREAD = 2
"""Rows of one count needed to estimate its conductance spread s(N)."""


@dataclasses.dataclass(frozen=True)
class PulseTransitions:
    """Per-pulse count increments at every ramp position and the conductance of every count (module docstring)."""

    level_mean: np.ndarray
    """G(N): mean conductance with N = 0..N_max skyrmions in the active area (S)."""
    level_std: np.ndarray
    """s(N): conductance spread of a population of N skyrmions (S)."""
    pot_counts: np.ndarray
    """Skyrmions at potentiation positions 1..P_pot, one row per trace, shape (K, P_pot) (counts)."""
    dep_counts: np.ndarray
    """Skyrmions at depression positions 0..P_dep (0: end of potentiation), shape (K, P_dep + 1) (counts)."""
    pot_nominal: np.ndarray
    """Nominal potentiation curve: mean conductance at each position, monotonic (S)."""
    dep_nominal: np.ndarray
    """Nominal depression curve: mean conductance at each position, monotonic (S)."""
    pot_selected: np.ndarray
    """Indices of the selected potentiation positions (the controller's programming levels)."""
    dep_selected: np.ndarray
    """Indices of the selected depression positions."""
    pot_fit: NonlinearityFit
    """NeuroSim fit of the nominal potentiation curve at the selected positions (reported)."""
    dep_fit: NonlinearityFit
    """NeuroSim fit of the nominal depression curve at the selected positions (reported)."""
    polarity: int
    """+1 if potentiation raises the conductance (Hall), -1 if it lowers it (MTJ); `LevelTable.polarity`."""
    sources: tuple[str, ...]
    """The trace files."""
    readout: str
    """Name of the readout that turned rows into conductance."""

    @property
    def n_traces(self) -> int:
        return int(self.pot_counts.shape[0])

    @property
    def n_pot(self) -> int:
        """Selected potentiation states."""
        return int(self.pot_selected.size)

    @property
    def n_dep(self) -> int:
        """Selected depression states."""
        return int(self.dep_selected.size)

    @property
    def pot_available(self) -> int:
        """Potentiation positions the traces have."""
        return int(self.pot_nominal.size)

    @property
    def dep_available(self) -> int:
        """Depression positions the traces have."""
        return int(self.dep_nominal.size)

    @property
    def max_count(self) -> int:
        """N_max: the most skyrmions any trace row holds (the active area's capacity as recorded)."""
        return int(self.level_mean.size - 1)

    @property
    def pot_increments(self) -> np.ndarray:
        """dN_k(p) of the potentiation pulses, shape (K, P_pot - 1) (counts)."""
        return np.diff(self.pot_counts, axis=1)

    @property
    def dep_increments(self) -> np.ndarray:
        """dN_k(q) of the depression pulses, shape (K, P_dep) (counts; negative: skyrmions removed)."""
        return np.diff(self.dep_counts, axis=1)

    @property
    def g_min(self) -> float:
        """Lowest nominal level (S)."""
        return float(min(self.pot_nominal.min(), self.dep_nominal.min()))

    @property
    def g_max(self) -> float:
        """Highest nominal level (S)."""
        return float(max(self.pot_nominal.max(), self.dep_nominal.max()))

    @classmethod
    def from_traces(cls, traces: list[SynapseTrace], n_pot: int | None = None, n_dep: int | None = None,
                    readout=None) -> "PulseTransitions":
        """Build the statistic from `traces` of one device design, keeping `n_pot`/`n_dep` positions (None: all)."""
        if not traces:
            raise ParameterError("traces", 0, "at least one trace")
        readout = readout_for(traces[0]) if readout is None else readout
        rows = [_branches(trace, readout) for trace in traces]
        polarity = _polarity(traces, rows)
        for trace, (pot_n, _, dep_n, _) in zip(traces[1:], rows[1:]):
            if (pot_n.size, dep_n.size) != (rows[0][0].size, rows[0][2].size):
                raise DataError(f"{trace.path}: {pot_n.size} potentiation and {dep_n.size - 1} depression pulses, "
                                f"but {traces[0].path} has {rows[0][0].size} and {rows[0][2].size - 1}: the traces "
                                f"of one model must follow one protocol")
        pot_counts = np.array([r[0] for r in rows])
        pot_g = np.array([r[1] for r in rows])
        dep_counts = np.array([r[2] for r in rows])
        dep_g = np.array([r[3] for r in rows])
        all_counts = np.concatenate([pot_counts.ravel(), dep_counts[:, 1:].ravel()])
        all_g = np.concatenate([pot_g.ravel(), dep_g[:, 1:].ravel()])
        level_mean, level_std = _levels_by_count(all_counts, all_g)
        pot_nominal = polarity * isotonic(polarity * pot_g.mean(axis=0), np.ones(pot_g.shape[1]))
        dep_nominal = -polarity * isotonic(-polarity * dep_g.mean(axis=0), np.ones(dep_g.shape[1]))
        source = str(traces[0].path)
        pot_selected = select_states(pot_nominal.size, n_pot, "n_states_pot", source)
        dep_selected = select_states(dep_nominal.size, n_dep, "n_states_dep", source)
        return cls(level_mean=level_mean, level_std=level_std, pot_counts=pot_counts, dep_counts=dep_counts,
                   pot_nominal=pot_nominal, dep_nominal=dep_nominal, pot_selected=pot_selected,
                   dep_selected=dep_selected, pot_fit=_fit(pot_nominal[pot_selected], "potentiation", source),
                   dep_fit=_fit(dep_nominal[dep_selected], "depression", source), polarity=polarity,
                   sources=tuple(str(trace.path) for trace in traces), readout=readout.name)

    def summary(self) -> dict:
        """JSON-ready description: positions, increments per pulse, level spacing and spread, NeuroSim fits."""
        span = self.g_max - self.g_min
        counts = np.arange(self.level_mean.size)
        slope = float(np.polyfit(counts, self.level_mean, 1)[0]) if counts.size > 1 else 0.0
        pot, dep = self.pot_increments, self.dep_increments
        return {
            "traces": self.n_traces, "first_source": self.sources[0], "readout": self.readout,
            "polarity": self.polarity, "n_states_pot": self.n_pot, "n_states_dep": self.n_dep,
            "states_available_pot": self.pot_available, "states_available_dep": self.dep_available,
            "g_min_S": self.g_min, "g_max_S": self.g_max, "max_skyrmions": self.max_count,
            "conductance_per_skyrmion_S": slope,
            "level_spread_mean_fraction": float(np.mean(self.level_std) / span),
            "skyrmions_per_pulse_pot_mean": float(pot.mean()) if pot.size else 0.0,
            "skyrmions_per_pulse_pot_std": float(pot.std(axis=0).mean()) if pot.size else 0.0,
            "skyrmions_per_pulse_dep_mean": float(dep.mean()) if dep.size else 0.0,
            "skyrmions_per_pulse_dep_std": float(dep.std(axis=0).mean()) if dep.size else 0.0,
            "end_of_potentiation_skyrmions_mean": float(self.pot_counts[:, -1].mean()),
            "end_of_potentiation_skyrmions_std": float(self.pot_counts[:, -1].std()),
            "nonlinearity_pot": self.pot_fit.as_dict(), "nonlinearity_dep": self.dep_fit.as_dict(),
        }


def _branches(trace: SynapseTrace, readout):
    """(pot counts, pot G, dep counts, dep G) in pulse order; depression starts at the last potentiation row."""
    g, _ = readout.levels(trace)
    out = []
    for mask in (trace.potentiation, ~trace.potentiation):
        index = np.flatnonzero(mask)
        index = index[np.argsort(trace.pulse_index[index], kind="stable")]
        out.append(index)
    pot, dep = out
    dep = np.r_[pot[-1], dep]
    return (trace.n_skyrmions[pot].astype(float), g[pot], trace.n_skyrmions[dep].astype(float), g[dep])


def _polarity(traces: list[SynapseTrace], rows: list) -> int:
    """+1 if the level rises with the skyrmion count (potentiation adds skyrmions), -1 if it falls: the sign of
    G against N over each trace's pulses, which must agree between traces. Read from the readout's slope, not
    from a branch's ends: a chamber already near its capacity can end a potentiation cycle with as many
    skyrmions as it began with (writes and losses on the terminal's corner in balance), and such a cycle is
    data, not an error (its per-pulse increments are what this statistic records)."""
    signs = {}
    for trace, (pot_n, pot_g, dep_n, dep_g) in zip(traces, rows):
        counts, g = np.r_[pot_n, dep_n], np.r_[pot_g, dep_g]
        if np.ptp(counts) > 0:
            slope = float(np.polyfit(counts, g, 1)[0])
            if slope != 0.0:
                signs[str(trace.path)] = 1 if slope > 0 else -1
    if not signs:
        raise DataError(f"{traces[0].path}: no trace of this device changes its skyrmion count, so the level's "
                        f"direction (the synapse's polarity) is unknown")
    if len(set(signs.values())) != 1:
        up = [path for path, sign in signs.items() if sign > 0]
        down = [path for path, sign in signs.items() if sign < 0]
        raise DataError(f"{up[0]} and {down[0]}: the level rises with the skyrmion count in one and falls in the "
                        f"other; one device design has one polarity")
    return next(iter(signs.values()))


def _levels_by_count(counts: np.ndarray, g: np.ndarray):
    """G(N) and s(N) for N = 0..N_max (module docstring, step 3)."""
    top = int(counts.max())
    grid = np.arange(top + 1)
    if np.ptp(counts) > 0:
        slope, intercept = np.polyfit(counts, g, 1)
    else:
        slope, intercept = 0.0, float(g.mean())
    seen = np.unique(counts).astype(int)
    residual = np.array([np.mean(g[counts == n]) - (intercept + slope * n) for n in seen])
    mean = intercept + slope * grid + np.interp(grid, seen, residual)
    spread = np.full(grid.size, np.nan)
    for n in seen:
        rows = g[counts == n]
        if rows.size >= MIN_ROWS_FOR_SPREAD:
            spread[n] = np.std(rows, ddof=1)
    known = spread[np.isfinite(spread)]
    spread[~np.isfinite(spread)] = float(np.sqrt(np.mean(known ** 2))) if known.size else 0.0
    return mean, spread


def _fit(levels: np.ndarray, name: str, source: str) -> NonlinearityFit:
    try:
        return fit_branch(levels)
    except ParameterError:
        raise DataError(f"{source}: the nominal {name} curve does not change its level") from None
