"""MTJ readout: the conductance a trace records directly (`conductance_S`, chamber preset).

The ideal chamber synapse (paper Fig. 4a-b, Methods 'Circuit implementation simulation') is read by a magnetic
tunnel junction over the chamber (TMR 200 %, Ron/Roff ~ 3); the emulator writes its conductance per pulse, so the
level is that column, unchanged. The trace carries no conductance spread column: the spread of a state comes from
the rows that share it (see `nn.level_table`).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from nn.trace_file import SynapseTrace
from skybench.errors import DataError


@dataclasses.dataclass(frozen=True)
class MtjReadout:
    """Conductance levels taken from a trace's `conductance_S` column."""

    name: str = "mtj"
    """Readout name written into reports."""

    def levels(self, trace: SynapseTrace) -> tuple[np.ndarray, np.ndarray | None]:
        """Per-row conductance (S) and no per-row spread; DataError if the trace has no conductance column."""
        if trace.conductance is None:
            raise DataError(f"{trace.path}: no conductance_S column, so it cannot be read through an MTJ "
                            f"(use the Hall readout for Hall-bar traces)")
        return trace.conductance.copy(), None
