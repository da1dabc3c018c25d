"""A cost broken down by component and by kind (device, access, periphery).

Every figure the estimator reports (area, read energy, leakage, write energy, latency) is a `Breakdown`: an
ordered set of (component, kind, value) parts in one unit. Kinds, so a reader sees which dominates (issue 6):
- "device": dissipated in the synaptic elements themselves (I^2 R of memristor, MTJ or skyrmion track),
  or for area the cell array;
- "access": the cells' access/write transistors and the array lines (word, bit and source lines);
- "periphery": every circuit outside the array (drivers, decoders, switches, ADCs, adders, buffers, buses).
Breakdowns add part-wise (`+`) and scale (`*`), so a chip total is the sum of its blocks.
"""
from __future__ import annotations

import dataclasses
import math

from skybench.errors import ParameterError

KINDS = ("device", "access", "periphery")
"""The kinds a part can have."""


@dataclasses.dataclass(frozen=True)
class Breakdown:
    """Parts of one quantity in one unit, keyed by component name."""

    unit: str
    """Unit of every value (e.g. 'J', 'm^2')."""
    parts: tuple[tuple[str, str, float], ...] = ()
    """(component, kind, value) triples, component names unique."""

    def __post_init__(self):
        names = [name for name, _, _ in self.parts]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate components in breakdown: {names}")
        for name, kind, value in self.parts:
            if kind not in KINDS:
                raise ParameterError(f"kind of {name}", kind, "one of " + ", ".join(KINDS))
            if not math.isfinite(value) or value < 0:
                raise ParameterError(name, value, f"a finite non-negative value ({self.unit})")

    @classmethod
    def of(cls, unit: str, **parts: tuple[str, float]) -> "Breakdown":
        """Build from keyword parts: Breakdown.of('J', adc=('periphery', 1e-12), ...)."""
        return cls(unit, tuple((name, kind, float(value)) for name, (kind, value) in parts.items()))

    @property
    def total(self) -> float:
        """Sum of all parts."""
        return float(sum(value for _, _, value in self.parts))

    def kind_total(self, kind: str) -> float:
        """Sum of the parts of one kind."""
        return float(sum(value for _, k, value in self.parts if k == kind))

    def by_kind(self) -> dict[str, float]:
        """{kind: sum} for every kind."""
        return {kind: self.kind_total(kind) for kind in KINDS}

    def as_dict(self) -> dict[str, float]:
        """{component: value}."""
        return {name: value for name, _, value in self.parts}

    def kinds(self) -> dict[str, str]:
        """{component: kind}."""
        return {name: kind for name, kind, _ in self.parts}

    def __getitem__(self, name: str) -> float:
        return self.as_dict()[name]

    def __add__(self, other: "Breakdown") -> "Breakdown":
        if self.unit != other.unit:
            raise ValueError(f"cannot add breakdowns in {self.unit} and {other.unit}")
        merged: dict[str, list] = {name: [kind, value] for name, kind, value in self.parts}
        for name, kind, value in other.parts:
            if name in merged:
                if merged[name][0] != kind:
                    raise ValueError(f"component {name} has kinds {merged[name][0]} and {kind}")
                merged[name][1] += value
            else:
                merged[name] = [kind, value]
        return Breakdown(self.unit, tuple((name, kind, value) for name, (kind, value) in merged.items()))

    def __mul__(self, factor: float) -> "Breakdown":
        return Breakdown(self.unit, tuple((name, kind, value * factor) for name, kind, value in self.parts))

    __rmul__ = __mul__


def total_of(breakdowns, unit: str) -> Breakdown:
    """Sum of an iterable of breakdowns (an empty one in `unit` if there are none)."""
    result = Breakdown(unit)
    for item in breakdowns:
        result = result + item
    return result
