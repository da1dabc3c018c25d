"""Richardson extrapolation of a grid quantity to zero cell size.

For a quantity with error ~ C h^p, two cell sizes h and h / r give the grid-converged estimate
(Richardson, Phil. Trans. R. Soc. A 210, 307 (1911)):

    q_0 = q_fine + (q_fine - q_coarse) / (r^p - 1).
"""
from __future__ import annotations

import math

from skybench.errors import check_positive


def richardson(coarse: float, fine: float, ratio: float = 2.0, order: float = 2.0) -> float:
    """Extrapolated value from the coarse-grid and fine-grid results (same unit as the inputs)."""
    check_positive("ratio", ratio)
    check_positive("order", order)
    return fine + (fine - coarse) / (ratio**order - 1.0)


def observed_order(coarse: float, medium: float, fine: float, ratio: float = 2.0) -> float:
    """Convergence order p from three grids with constant refinement `ratio` (dimensionless)."""
    return math.log(abs((medium - coarse) / (fine - medium))) / math.log(ratio)
