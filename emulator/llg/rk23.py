"""Adaptive Bogacki-Shampine 3(2) stepper (Bogacki and Shampine, Appl. Math. Lett. 2, 321 (1989)).

mumax3's `rk23.go` (its solver 3): four stages, the fourth at the new point, so with first-same-as-last reuse
three field evaluations per step; the 3rd-order solution propagates, the 2nd-order one estimates the error, and
the step-size exponent is 1/3. The step control and the kernels are those of `emulator.llg.embedded_rk`.

Why it exists: at 1 nm cells the exchange field makes the LLG stiff and an explicit step is set by its stability
region, not by the error bound (the chamber run takes the same 3828 Dormand-Prince steps per pulse at max_err
1e-4, 1e-5 and 1e-6). Along the exchange eigenvalues z = -|z| (alpha + i) / sqrt(1 + alpha^2) at alpha = 0.3 the
3rd-order stability polynomial 1 + z + z^2/2 + z^3/6 holds |R| <= 1 up to |z| = 2.48, 0.83 per evaluation,
against 3.19 / 6 = 0.53 for Dormand-Prince's 5th-order solution: 1.55x fewer field evaluations for the same
time (`tests/emulator/llg/test_llg_rk23.py` measures both bounds).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.llg.embedded_rk import EmbeddedRungeKutta, Tableau

C = np.array([0.0, 1 / 2, 3 / 4, 1.0])
"""Stage times (fraction of the step)."""
A = np.zeros((4, 4))
A[1, :1] = [1 / 2]
A[2, :2] = [0.0, 3 / 4]
A[3, :3] = [2 / 9, 1 / 3, 4 / 9]
B3 = A[3].copy()
"""3rd-order weights (the last stage's row: first same as last)."""
B2 = np.array([7 / 24, 1 / 4, 1 / 3, 1 / 8])
"""Embedded 2nd-order weights."""
E = B3 - B2
"""Error weights (3rd minus 2nd order)."""
BOGACKI_SHAMPINE = Tableau(C, A, E, 3)


@dataclasses.dataclass(frozen=True)
class RK23(EmbeddedRungeKutta):
    """Bogacki-Shampine 3(2) with error control."""

    tableau = BOGACKI_SHAMPINE
    beta: float = 0.4 / 3
    """PI step control: Gustafsson's k_P = 0.4 / k with k = 3 for a 2nd-order error estimate (Gustafsson, ACM
    TOMS 17, 533 (1991)), the step-size exponent then 0.7 / k. Held at its stability bound, the I controller
    (beta = 0) rejects ~30 % of the steps of the Fig. 4b chamber run (1490 of 4710 per pulse); with this one none
    are rejected, 14,800 field evaluations per pulse instead of 18,600 (`benchmarks/llg_throughput.py`)."""
    name: str = "rk23"
