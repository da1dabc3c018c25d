"""`LinkFaults`: what can go wrong on the link to one instrument, as a client sees it.

A bench keeps one `LinkFaults` per resource (`Bench.faults[resource]`); every message session of that resource
reads it, so a fault shows on every transport (the pyvisa backend and the TCP server) the way the real failure
shows:
- `silent`: the instrument stops answering: it takes no commands and sends nothing; a read waits for its
  timeout and fails (VI_ERROR_TMO; a raw socket client's own timeout);
- `delay` (s of the bench clock): every response comes that much later; a read with a shorter timeout fails
  with VI_ERROR_TMO and the response stays queued, as with a slow instrument;
- `disconnected`: the connection is gone: a VISA operation fails with VI_ERROR_CONN_LOST (socket) or
  VI_ERROR_NLISTENERS (GPIB: nobody on the bus answers), the TCP server closes every connection to it and
  refuses new ones until it is restored;
- `garble` (count): the next `garble` responses arrive corrupted (every byte but the terminator has its top
  bit set, as a wrong baud rate or a noisy line gives): the client's decoding or parsing fails.
"""
from __future__ import annotations

GARBLE_MASK = 0x80
"""Bit set in every byte of a garbled response (keeps NL out of the payload, so the message still ends)."""


class LinkFaults:
    """The faults on one instrument's link (all off at first)."""

    __slots__ = ("silent", "delay", "disconnected", "garble")

    def __init__(self) -> None:
        self.silent = False
        """The instrument neither takes commands nor answers."""
        self.delay = 0.0
        """Extra time (s, bench clock) before each response is ready."""
        self.disconnected = False
        """The connection is lost."""
        self.garble = 0
        """How many of the next responses are corrupted."""

    @property
    def active(self) -> bool:
        """Whether any fault is set."""
        return self.silent or self.delay > 0 or self.disconnected or self.garble > 0

    def clear(self) -> None:
        """Remove every fault."""
        self.silent = False
        self.delay = 0.0
        self.disconnected = False
        self.garble = 0

    def garbled(self, payload: bytes, terminator: bytes) -> bytes:
        """`payload` as the client receives it (corrupted if a garble is pending; the count goes down)."""
        if self.garble <= 0:
            return payload
        self.garble -= 1
        body = payload[: len(payload) - len(terminator)] if payload.endswith(terminator) else payload
        return bytes(b | GARBLE_MASK for b in body) + payload[len(body):]
