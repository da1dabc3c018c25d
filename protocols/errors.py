"""SCPI error codes, their standard strings, and the Standard Event Status bit each one sets.

The codes and strings are the standard ones (SCPI-99 vol. 2 ch. 21; the same table as j123b567/scpi-parser
`libscpi/inc/scpi/error.h`). A negative code's hundreds digit selects the ESR bit it sets (IEEE 488.2 11.5.1):
-1xx command error (CME, bit 5), -2xx execution error (EXE, bit 4), -3xx device-dependent error (DDE, bit 3),
-4xx query error (QYE, bit 2). Positive codes are instrument-specific and set DDE.

Handlers raise `ScpiError(code)` (with an optional detail) and the engine queues it; nothing else in the
protocol layer raises out to a transport.
"""
from __future__ import annotations

from types import MappingProxyType

#: code -> standard message (SCPI-99 vol. 2, 21.8).
MESSAGES = MappingProxyType({
    0: "No error",
    -100: "Command error",
    -101: "Invalid character",
    -102: "Syntax error",
    -103: "Invalid separator",
    -104: "Data type error",
    -105: "GET not allowed",
    -108: "Parameter not allowed",
    -109: "Missing parameter",
    -110: "Command header error",
    -111: "Header separator error",
    -112: "Program mnemonic too long",
    -113: "Undefined header",
    -114: "Header suffix out of range",
    -120: "Numeric data error",
    -121: "Invalid character in number",
    -123: "Exponent too large",
    -124: "Too many digits",
    -128: "Numeric data not allowed",
    -131: "Invalid suffix",
    -134: "Suffix too long",
    -138: "Suffix not allowed",
    -141: "Invalid character data",
    -144: "Character data too long",
    -148: "Character data not allowed",
    -151: "Invalid string data",
    -158: "String data not allowed",
    -161: "Invalid block data",
    -168: "Block data not allowed",
    -170: "Expression error",
    -200: "Execution error",
    -210: "Trigger error",
    -211: "Trigger ignored",
    -213: "Init ignored",
    -214: "Trigger deadlock",
    -220: "Parameter error",
    -221: "Settings conflict",
    -222: "Data out of range",
    -223: "Too much data",
    -224: "Illegal parameter value",
    -230: "Data corrupt or stale",
    -240: "Hardware error",
    -241: "Hardware missing",
    -300: "Device-specific error",
    -310: "System error",
    -330: "Self-test failed",
    -350: "Queue overflow",
    -363: "Input buffer overrun",
    -400: "Query error",
    -410: "Query INTERRUPTED",
    -420: "Query UNTERMINATED",
    -430: "Query DEADLOCKED",
    -440: "Query UNTERMINATED after indefinite response",
})

# Named codes, for handlers (`raise ScpiError(SETTINGS_CONFLICT)`).
COMMAND_ERROR = -100
INVALID_CHARACTER = -101
SYNTAX_ERROR = -102
INVALID_SEPARATOR = -103
DATA_TYPE_ERROR = -104
GET_NOT_ALLOWED = -105
PARAMETER_NOT_ALLOWED = -108
MISSING_PARAMETER = -109
COMMAND_HEADER_ERROR = -110
MNEMONIC_TOO_LONG = -112
UNDEFINED_HEADER = -113
HEADER_SUFFIX_OUT_OF_RANGE = -114
NUMERIC_DATA_ERROR = -120
INVALID_SUFFIX = -131
SUFFIX_NOT_ALLOWED = -138
INVALID_CHARACTER_DATA = -141
CHARACTER_DATA_TOO_LONG = -144
INVALID_STRING_DATA = -151
INVALID_BLOCK_DATA = -161
EXPRESSION_ERROR = -170
EXECUTION_ERROR = -200
TRIGGER_IGNORED = -211
INIT_IGNORED = -213
TRIGGER_DEADLOCK = -214
PARAMETER_ERROR = -220
SETTINGS_CONFLICT = -221
DATA_OUT_OF_RANGE = -222
TOO_MUCH_DATA = -223
ILLEGAL_PARAMETER_VALUE = -224
DATA_STALE = -230
HARDWARE_MISSING = -241
DEVICE_SPECIFIC_ERROR = -300
SYSTEM_ERROR = -310
QUEUE_OVERFLOW = -350
INPUT_BUFFER_OVERRUN = -363
QUERY_INTERRUPTED = -410
QUERY_UNTERMINATED = -420
QUERY_DEADLOCKED = -430

# Standard Event Status Register bits (IEEE 488.2 11.5.1.1).
ESR_OPC = 1 << 0  #: operation complete
ESR_RQC = 1 << 1  #: request control (unused)
ESR_QYE = 1 << 2  #: query error
ESR_DDE = 1 << 3  #: device-dependent error
ESR_EXE = 1 << 4  #: execution error
ESR_CME = 1 << 5  #: command error
ESR_URQ = 1 << 6  #: user request (unused)
ESR_PON = 1 << 7  #: power on


class ScpiError(Exception):
    """An SCPI error to queue: `code` (standard or instrument-specific) and an optional detail text."""

    def __init__(self, code: int, detail: str | None = None, message: str | None = None):
        self.code = int(code)
        self.detail = detail
        self.message = message if message is not None else MESSAGES.get(self.code, "Device-specific error")
        super().__init__(self.entry())

    def entry(self) -> str:
        """The SYSTem:ERRor? response: `<code>,"<message>[;<detail>]"` with embedded quotes doubled."""
        text = self.message if not self.detail else f"{self.message};{self.detail}"
        return f'{self.code},"{text.replace(chr(34), chr(34) * 2)}"'

    @property
    def is_command_error(self) -> bool:
        """A -1xx error: the parser lost the message, so the rest of it is skipped."""
        return -200 < self.code <= -100


def esr_bit(code: int) -> int:
    """The Standard Event Status bit that an error `code` sets (0 for code 0)."""
    if code == 0:
        return 0
    if code > 0:
        return ESR_DDE
    hundreds = -code // 100
    return {1: ESR_CME, 2: ESR_EXE, 3: ESR_DDE, 4: ESR_QYE}.get(hundreds, ESR_DDE)
