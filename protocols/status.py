"""The IEEE 488.2 / SCPI status model: error queue, status byte bits and SCPI event registers.

- `ErrorQueue`: the SYSTem:ERRor? FIFO. Bounded; when a new error finds it full, the most recent entry is
  replaced by -350 "Queue overflow" (SCPI-99 vol. 1, 21.8.2). An empty queue answers `0,"No error"`.
- Status byte (IEEE 488.2 11.2): bit 2 EAV (error queue not empty), bit 4 MAV (a response is waiting),
  bit 5 ESB (ESR & ESE), bit 6 MSS in *STB? / RQS in a serial poll, and the summary bits of the SCPI
  registers (QUEStionable on bit 3, OPERation on bit 7; Keithley's MEASurement on bit 0).
- `StatusRegister`: a SCPI condition/event/enable register with transition filters (SCPI-99 vol. 1, 9.3).
  Reading the event register clears it; STATus:PRESet clears the enables and sets PTR all, NTR none.
"""
from __future__ import annotations

from collections import deque

from protocols.errors import MESSAGES, QUEUE_OVERFLOW, ScpiError

STB_EAV = 1 << 2  #: error/event queue not empty
STB_MAV = 1 << 4  #: message available
STB_ESB = 1 << 5  #: event status summary
STB_MSS = 1 << 6  #: master summary status (*STB?), request service (serial poll)

#: Bits a SCPI register may use (bit 15 is never used, SCPI-99 vol. 1, 9.1).
REGISTER_MASK = 0x7FFF
NO_ERROR_ENTRY = '0,"No error"'


class ErrorQueue:
    """The bounded FIFO of (code, entry text) pairs behind SYSTem:ERRor?."""

    def __init__(self, size: int):
        if size < 1:
            raise ValueError("an error queue holds at least one entry")
        self.size = size
        self._entries: deque[tuple[int, str]] = deque()

    def push(self, error: ScpiError) -> None:
        """Queue an error; on a full queue the last entry becomes -350 Queue overflow."""
        if len(self._entries) < self.size:
            self._entries.append((error.code, error.entry()))
        elif self._entries[-1][0] != QUEUE_OVERFLOW:
            self._entries[-1] = (QUEUE_OVERFLOW, f'{QUEUE_OVERFLOW},"{MESSAGES[QUEUE_OVERFLOW]}"')

    def pop(self) -> str:
        """The oldest entry's SYSTem:ERRor? text, removed; `0,"No error"` when empty."""
        return self._entries.popleft()[1] if self._entries else NO_ERROR_ENTRY

    def pop_all(self) -> list[str]:
        """Every entry, oldest first, removed (SYSTem:ERRor:ALL?)."""
        entries = [text for _, text in self._entries] or [NO_ERROR_ENTRY]
        self._entries.clear()
        return entries

    def codes(self) -> list[int]:
        """The queued codes, oldest first, without removing them."""
        return [code for code, _ in self._entries]

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)


class StatusRegister:
    """A SCPI status register: condition, event (latched through PTR/NTR), enable; `summary` feeds the STB."""

    __slots__ = ("name", "condition", "event", "enable", "ptr", "ntr")

    def __init__(self, name: str):
        self.name = name
        self.condition = 0
        self.event = 0
        self.enable = 0
        self.ptr = REGISTER_MASK
        self.ntr = 0

    def set_condition(self, bits: int, state: bool) -> None:
        """Set or clear condition `bits`; transitions through PTR/NTR latch into the event register."""
        old = self.condition
        new = (old | bits) if state else (old & ~bits)
        self.event |= ((new & ~old & self.ptr) | (old & ~new & self.ntr)) & REGISTER_MASK
        self.condition = new & REGISTER_MASK

    def set_event(self, bits: int) -> None:
        """Latch event `bits` directly (an event without a lasting condition, e.g. sweep done)."""
        self.event |= bits & REGISTER_MASK

    def read_event(self) -> int:
        """The event register, cleared by the read."""
        value, self.event = self.event, 0
        return value

    def preset(self) -> None:
        """STATus:PRESet: enable none, PTR all, NTR none."""
        self.enable = 0
        self.ptr = REGISTER_MASK
        self.ntr = 0

    @property
    def summary(self) -> bool:
        return bool(self.event & self.enable)
