"""`PyvisaSimInstrument`: an instrument that needs no physics, served from a pyvisa-sim definition file.

A bench file may list instruments of kind `pyvisa_sim` (a sample thermometer, a spare meter): their replies
come from pyvisa-sim's YAML lookup tables (`pyvisa_sim.parser.get_devices`), exactly as pyvisa-sim would
give them, while they sit on the same bench, resource names and transports (@skybench, `skybench serve`) as
the emulated instruments. pyvisa-sim's rules apply to them, not the SCPI engine's: exact-byte matching, its
own error strings, no timing (see shared/reference/instruments.md, section 2).
"""
from __future__ import annotations

from pathlib import Path

from protocols import ScpiInstrument
from skybench.errors import DataError


class PyvisaSimInstrument(ScpiInstrument):
    """A pyvisa-sim device behind the bench's message sessions."""

    MODEL = "PYVISA-SIM"

    def __init__(self, definition: str | Path, resource: str):
        try:
            from pyvisa_sim.parser import get_devices
        except ImportError:  # pragma: no cover - pyvisa-sim is a declared dependency of the bench
            raise DataError("pyvisa-sim is not installed; a bench file's pyvisa_sim instruments need it") from None
        path = Path(definition)
        try:
            devices = get_devices(str(path), False)
        except Exception as error:  # pyvisa-sim raises plain exceptions for unreadable files
            raise DataError(f"pyvisa-sim definition {str(path)!r}: {error}") from None
        available = devices.list_resources()
        if resource not in available:
            raise DataError(f"pyvisa-sim definition {str(path)!r} has no resource {resource!r} "
                            f"(it has: {', '.join(available)})")
        self.device = devices[resource]
        """The pyvisa-sim Device answering."""
        self.RESPONSE_TERMINATOR = self.device._response_eom or b"\n"
        self._query_eom = self.device._query_eom or b"\n"
        super().__init__()

    def execute(self, text: str) -> list[str]:
        """Hand the message to pyvisa-sim; return what it answered (one entry per response). The session has
        already taken the message terminator; a CR left by a CR LF write termination goes too. Bytes pyvisa-sim
        cannot decode get its own command-error answer, as any message it does not know."""
        try:
            self.device.write(text.rstrip("\r\n").encode("latin-1") + self._query_eom)
        except (UnicodeDecodeError, ValueError):
            self.device._input_buffer = bytearray()
            answer = self.device.error_response("command_error")
            return [answer.decode("latin-1")] if answer else []
        output = bytearray()
        while True:
            byte, _ = self.device.read()
            if not byte:
                break
            output += byte
        if not output:
            return []
        terminator = self.RESPONSE_TERMINATOR
        parts = bytes(output).split(terminator)
        if parts and parts[-1] == b"":
            parts.pop()
        return [part.decode("latin-1") for part in parts]
