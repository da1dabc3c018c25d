"""`BenchInstrument`: what every emulated instrument of the bench shares — the clock hooks and the wiring.

An instrument acts on the bench's one simulated clock (`instruments.clock.BenchClock`) and reaches the device
only through the `Wiring` (routes, loads, the device's electrical response); it never touches the particle
engine. Subclasses declare their SCPI commands (protocols.declare) and say what they have pending.

Hooks implemented here for the protocol layer (protocols.instrument):
- `now()`, `advance_until(condition, timeout)`: the bench clock;
- `operations_pending()`: the subclass's `busy()` (a pulse train, a ramp, a reading in progress);
- every program message first lets a real-time clock catch up with the wall clock;
- *STB? and *ESR? are status polls: in virtual time each lets the next scheduled event happen
  (`BenchClock.poll`), so a controller that polls, as PyMeasure's buffer wait does, sees progress.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from instruments.clock import BenchClock
from protocols import ScpiInstrument


class BenchInstrument(ScpiInstrument):
    """Base of the bench's instruments: a clock, a wiring (None: nothing connected) and a seeded RNG."""

    def __init__(self, clock: BenchClock | None = None, wiring: Any = None, seed: int | np.random.SeedSequence = 0):
        self.clock = clock if clock is not None else BenchClock()
        """The bench's shared simulated clock."""
        self.wiring = wiring
        """The bench's `instruments.wiring.Wiring`, or None for an instrument with nothing connected."""
        self.rng = np.random.default_rng(seed)
        """The instrument's own random stream (noise), seeded from the bench seed."""
        super().__init__()

    # --- clock hooks ---------------------------------------------------------------------------------
    def execute(self, text: str):
        self.clock.catch_up()
        return super().execute(text)

    def now(self) -> float:
        return self.clock.now()

    def advance_until(self, condition: Callable[[], bool], timeout: float | None) -> bool:
        return self.clock.advance_until(condition, timeout)

    def operations_pending(self) -> bool:
        return self.busy()

    def paced(self) -> bool:
        return self.clock.realtime

    def busy(self) -> bool:
        """Whether an overlapped operation of this instrument is still running (subclasses override)."""
        return False

    def poll(self) -> None:
        """A status poll: let the next scheduled event of the bench happen (virtual time)."""
        self.clock.poll()

    # --- status polls --------------------------------------------------------------------------------
    def _scpi_stb(self) -> int:
        self.poll()
        return super()._scpi_stb()

    def _scpi_esr(self) -> int:
        self.poll()
        return super()._scpi_esr()

    def run_process(self, generator) -> Any:
        """Start a SimPy process on the bench clock."""
        return self.clock.process(generator)
