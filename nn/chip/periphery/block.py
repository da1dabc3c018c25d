"""The cost of one periphery block: what every circuit's `cost(tech)` returns."""
from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class BlockCost:
    """Area, per-operation energy and delay, and static power of one block (all instances it stands for)."""

    area: float
    """Layout area of the block (m^2)."""
    energy: float
    """Dynamic energy of one operation, as defined by the circuit's docstring (J)."""
    delay: float
    """Delay of one operation (s)."""
    leakage: float
    """Static (leakage) power of the whole block (W)."""
    transistors: float
    """Number of transistors in the block (dimensionless), for reports."""
