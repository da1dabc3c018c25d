"""NeuroSim's nonlinearity of a potentiation or depression branch: the fitted A and its 'NL' label.

MLP+NeuroSim (manual section 5, eqs. 1-3) models a branch by an exponential saturating curve of the pulse
number P in [0, Pmax]:

    G(P) = B (1 - exp(-P / A)) + G_start,        B = (G_end - G_start) / (1 - exp(-Pmax / A)).

In normalised form, x = P / Pmax, z = (G - G_start) / (G_end - G_start), a = A / Pmax:

    z(x) = (1 - exp(-x / a)) / (1 - exp(-1 / a))        (a -> +-inf: z = x, a linear device)

a > 0 gives large steps first (saturating), a < 0 small steps first. We use the same form for depression with
z = fraction of the depression range travelled, so both branches read the same way; NeuroSim writes LTD with a
mirrored curve and a negative A, so compare magnitudes and the sign meaning above.

NeuroSim labels a by 'NL': the largest bulge of the curve over the diagonal, max_x |z(x) - x| = 0.098995 |NL|,
signed like a (checked against all 900 entries of its table; nn_chip.md section 1: NL 2.4 -> a = 0.4992,
NL -4.88 -> a = -0.2003, NL 0.01 -> a = 126.27). We solve for a by bisection instead of using the table.
The fit here is a least-squares fit of b = 1/a to the states of a branch (NeuroSim's nonlinear_fit.m fits A the
same way); it is reported for comparison with NeuroSim's device table, training uses the measured levels.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from skybench.errors import ParameterError, check_finite

BULGE_PER_NL = 0.098995
"""max_x |z(x) - x| per unit of NeuroSim's NL label (dimensionless)."""
B_LIMIT = 200.0
"""Largest |b| = Pmax/|A| the fit explores (dimensionless); |a| >= 1/B_LIMIT = 0.005."""
LINEAR_B = 1e-9
"""|b| below which the curve is evaluated as the straight line z = x (dimensionless)."""
BULGE_GRID = 4001
"""Points on x in [0, 1] used to find the largest bulge."""


def curve(x: np.ndarray, b: float) -> np.ndarray:
    """Normalised NeuroSim curve z(x) with b = 1/a: (1 - exp(-b x)) / (1 - exp(-b))."""
    x = np.asarray(x, dtype=float)
    if abs(b) < LINEAR_B:
        return x.copy()
    return np.expm1(-b * x) / np.expm1(-b)


def nl_label(a: float) -> float:
    """NeuroSim's NL label of a normalised curve parameter a (= A / Pmax): signed largest bulge / 0.098995."""
    a = check_finite("a", a)
    if a == 0.0:
        raise ParameterError("a", a, "a nonzero number (A / Pmax)")
    x = np.linspace(0.0, 1.0, BULGE_GRID)
    bulge = float(np.max(np.abs(curve(x, 1.0 / a) - x)))
    return math.copysign(bulge / BULGE_PER_NL, a)


def a_from_nl(nl: float) -> float:
    """The a (= A / Pmax) whose NL label is `nl` (bisection on b = 1/a); nl = 0 gives +inf (linear)."""
    nl = check_finite("nl", nl)
    if nl == 0.0:
        return math.inf
    target = abs(nl) * BULGE_PER_NL
    x = np.linspace(0.0, 1.0, BULGE_GRID)

    def excess(b: float) -> float:
        return float(np.max(curve(x, b) - x)) - target

    if excess(B_LIMIT) < 0:
        raise ParameterError("nl", nl, f"|NL| <= {nl_label(1.0 / B_LIMIT):.3g}")
    b = brentq(excess, LINEAR_B, B_LIMIT, xtol=1e-12)
    return math.copysign(1.0 / b, nl)


@dataclasses.dataclass(frozen=True)
class NonlinearityFit:
    """NeuroSim fit of one branch."""

    a: float
    """Normalised curve parameter A / Pmax (dimensionless; inf for a straight line)."""
    A_pulses: float
    """NeuroSim's A in pulses, a * Pmax (pulses)."""
    nl: float
    """NeuroSim's NL label (dimensionless, signed like a)."""
    pmax: int
    """Pulses from the first to the last state of the branch (states - 1)."""
    rms_residual: float
    """Root-mean-square residual of the fit, as a fraction of the branch range (dimensionless)."""

    def as_dict(self) -> dict:
        return {"a": _json_float(self.a), "A_pulses": _json_float(self.A_pulses), "NL": self.nl,
                "pmax": self.pmax, "rms_residual_fraction": self.rms_residual}


def fit_branch(levels: np.ndarray, pulses: np.ndarray | None = None) -> NonlinearityFit:
    """Fit the NeuroSim curve to a branch's state levels (in the order the pulses visit them).

    `levels`: conductance of each state (any unit; increasing for potentiation, decreasing for depression).
    `pulses`: pulse number of each state (default 0, 1, 2, ...). The curve passes through the first and last
    states (NeuroSim's Gmin/Gmax of the branch).
    """
    levels = np.asarray(levels, dtype=float)
    if levels.size < 2:
        raise ParameterError("levels", levels.size, "at least 2 states")
    pulses = np.arange(levels.size, dtype=float) if pulses is None else np.asarray(pulses, dtype=float)
    pmax = float(pulses[-1] - pulses[0])
    span = float(levels[-1] - levels[0])
    if pmax <= 0 or span == 0:
        raise ParameterError("levels", f"span {span:g} over {pmax:g} pulses", "a branch that moves")
    x = (pulses - pulses[0]) / pmax
    z = (levels - levels[0]) / span

    def cost(b: float) -> float:
        return float(np.sum((curve(x, b) - z) ** 2))

    best = minimize_scalar(cost, bounds=(-B_LIMIT, B_LIMIT), method="bounded", options={"xatol": 1e-9})
    b = float(best.x) if cost(float(best.x)) <= cost(0.0) else 0.0
    a = math.inf if abs(b) < LINEAR_B else 1.0 / b
    nl = 0.0 if math.isinf(a) else nl_label(a)
    rms = math.sqrt(cost(b) / z.size)
    return NonlinearityFit(a=a, A_pulses=a * pmax, nl=nl, pmax=int(round(pmax)), rms_residual=rms)


def _json_float(value: float):
    return value if math.isfinite(value) else None
