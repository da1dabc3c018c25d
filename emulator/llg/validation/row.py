"""One validation result: a computed number against a published or independently computed reference."""
from __future__ import annotations

import dataclasses
import math


@dataclasses.dataclass(frozen=True)
class Row:
    """A row of `validation.json`."""

    name: str
    """What was checked."""
    value: float
    """The solver's number (in `unit`)."""
    reference: float
    """The reference number (in `unit`)."""
    tolerance: float
    """Largest accepted |value - reference| (in `unit`)."""
    unit: str
    """Unit of value, reference and tolerance."""
    source: str
    """Where the reference comes from."""

    @property
    def passed(self) -> bool:
        """True when |value - reference| <= tolerance."""
        return math.isfinite(self.value) and abs(self.value - self.reference) <= self.tolerance

    def as_dict(self) -> dict:
        """JSON form: name, value, reference, tolerance, unit, passed, source."""
        return {"name": self.name, "value": self.value, "reference": self.reference,
                "tolerance": self.tolerance, "unit": self.unit, "passed": self.passed, "source": self.source}
