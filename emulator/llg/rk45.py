"""Adaptive Runge-Kutta-Dormand-Prince 5(4) stepper (Dormand and Prince, J. Comput. Appl. Math. 6, 19 (1980)).

mumax3's default solver (`rk45dp.go`): seven stages with first-same-as-last reuse, the step-size exponent 1/5.
The step control and the kernels are those of `emulator.llg.embedded_rk`. Its stability region reaches
|z| = 3.19 along the LLG's exchange eigenvalues at alpha = 0.3 (z = -|z| (alpha + i) / sqrt(1 + alpha^2)),
0.53 per field evaluation: at 1 nm cells the step is set by that bound, not by `max_err`
(`emulator.llg.rk23` reaches 0.83 per evaluation).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.llg.embedded_rk import EmbeddedRungeKutta, Tableau

C = np.array([0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0])
"""Stage times (fraction of the step)."""
A = np.zeros((7, 7))
A[1, :1] = [1 / 5]
A[2, :2] = [3 / 40, 9 / 40]
A[3, :3] = [44 / 45, -56 / 15, 32 / 9]
A[4, :4] = [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729]
A[5, :5] = [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656]
A[6, :6] = [35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]
B5 = A[6].copy()
"""5th-order weights (the last stage's row: first same as last)."""
B4 = np.array([5179 / 57600, 0.0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40])
"""Embedded 4th-order weights."""
E = B5 - B4
"""Error weights (5th minus 4th order)."""
DORMAND_PRINCE = Tableau(C, A, E, 5)


@dataclasses.dataclass(frozen=True)
class RK45(EmbeddedRungeKutta):
    """Dormand-Prince 5(4) with error control."""

    tableau = DORMAND_PRINCE
    name: str = "rk45"
