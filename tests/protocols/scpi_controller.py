"""A controller for the protocol tests: writes program messages to a session and reads the responses."""
from __future__ import annotations

from protocols.session import MessageSession


class Controller:
    """Writes program messages to a session and reads responses, as a GPIB controller would."""

    def __init__(self, instrument):
        self.instrument = instrument
        self.session = MessageSession(instrument)

    def write(self, message: str) -> None:
        self.session.write(message.encode("latin-1") + b"\n")

    def read(self, timeout: float | None = 0.0) -> str | None:
        result = self.session.read(timeout=timeout)
        return None if result.timed_out else result.data.decode("latin-1").rstrip("\n")

    def ask(self, message: str, timeout: float | None = 0.0) -> str | None:
        self.write(message)
        return self.read(timeout)

    def errors(self) -> list[int]:
        """Drain the error queue over the wire; the codes, oldest first."""
        codes = []
        while True:
            entry = self.ask("SYST:ERR?")
            code = int(entry.split(",", 1)[0])
            if code == 0:
                return codes
            codes.append(code)
