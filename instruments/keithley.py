"""`KeithleyCommon`: what the Keithley 2182A and 622x share beyond IEEE 488.2 — the MEASurement status register
(its summary on status-byte bit 0, MSB), STATus:QUEue:CLEar, and the front-panel display switch.

PyMeasure's Keithley drivers reset with `status:queue:clear;*RST;:stat:pres;:*CLS;` and arm buffer waits with
`:STAT:MEAS:ENAB 512` (buffer full), so both instruments need these.
"""
from __future__ import annotations

from instruments.bench_instrument import BenchInstrument
from protocols import Bool, ScpiProperty, scpi_command

# MEASurement event register bits shared by the 2182A (manual Fig. 15-7) and the 622x (reference manual
# Fig. 11-6); the 2182A's B1-B4 are limit bits, the 622x's B1-B3 interlock, over-temperature and compliance.
MEAS_READING_OVERFLOW = 1 << 0
"""MEASurement bit B0 (ROF): the last reading overflowed its range."""
MEAS_READING_AVAILABLE = 1 << 5
"""MEASurement bit B5 (RAV): a reading was taken and processed."""
MEAS_BUFFER_AVAILABLE = 1 << 7
"""MEASurement bit B7 (BAV): the buffer holds at least two readings."""
MEAS_BUFFER_HALF_FULL = 1 << 8
"""MEASurement bit B8 (BHF): the buffer is at least half full."""
MEAS_BUFFER_FULL = 1 << 9
"""MEASurement bit B9 (BFL): the buffer is full (PyMeasure enables 512 for its buffer wait)."""


class KeithleyCommon(BenchInstrument):
    """Shared Keithley commands; the concrete instruments subclass it."""

    MANUFACTURER = "KEITHLEY INSTRUMENTS INC."
    #: Error queue entries (2182A and 622x: 10).
    ERROR_QUEUE_SIZE = 10
    #: Status registers: the Keithley MEASurement register sums into status-byte bit 0 (MSB).
    STATUS_REGISTERS = {"QUEStionable": 3, "OPERation": 7, "MEASurement": 0}

    display_enabled = ScpiProperty("DISPlay:ENABle", Bool(), default=True, doc="Front-panel display on or off.")

    @scpi_command("STATus:QUEue:CLEar")
    def clear_error_queue(self) -> None:
        """Empty the error queue."""
        self.errors.clear()
