"""`ScpiInstrument`: the base every emulated instrument gets — the SCPI engine, IEEE 488.2 common commands,
the SCPI error queue and status registers, and the hooks through which an instrument brings in its clock.

A subclass declares its commands (see `protocols.declare`) and overrides hooks; it never parses text.

Common commands (IEEE 488.2 ch. 10) and their semantics:
- `*IDN?` manufacturer,model,serial,firmware (`idn()`); `*OPT?`; `*TST?` (`self_test()`, 0 = pass).
- `*RST` (`reset()`): settings back to their declared defaults, *OPC/*OPC? idle. It does not touch the error
  queue, the status byte, ESR, ESE or SRE (Keithley 2110 manual: "*RST does not clear the error queue").
- `*CLS` (`clear_status()`): clears ESR, the error queue and the SCPI event registers; not the enables.
- `*ESE n`/`*ESE?`, `*SRE n`/`*SRE?` (0-255, -222 outside; SRE bit 6 is ignored), `*ESR?` (read clears),
  `*STB?` (MSS on bit 6, not cleared).
- `*OPC` sets ESR bit 0 once nothing is pending; `*OPC?` answers 1 once nothing is pending and `*WAI` waits
  for that — both through the `wait_for_pending()` hook, where an instrument advances its simulated clock.
- `*TRG` (and the bus GET, `assert_trigger`) calls `trigger()`; the base answers -211 Trigger ignored.
Also SYSTem:ERRor[:NEXT]?, SYSTem:ERRor:COUNt?, SYSTem:ERRor:ALL?, SYSTem:VERSion?, STATus:PRESet,
STATus:QUEue[:NEXT]? and, for every register in STATUS_REGISTERS, STATus:<reg>[:EVENt]?, :CONDition?,
:ENABle, :PTRansition, :NTRansition.

Engine rules: the units of a message run in order; a command error (-1xx) skips the rest of the message
(the parser has lost it), an execution error (-2xx) does not. The responses of one message are joined with
`;`. A handler that raises anything but ScpiError queues -310 System error and is logged; nothing raises out.

Time hooks (plain methods; the protocol layer imports no clock): `now()`, `operations_pending()`,
`advance_until(condition, timeout)`, `wait_for_pending(timeout)`. The defaults describe an instrument with no
clock: nothing is ever pending, and a condition is what it is.
"""
from __future__ import annotations

import logging
from types import MappingProxyType
from typing import Any, Callable, ClassVar

from protocols.declare import Deferred, ScpiProperty, declarations_of, scpi_command, scpi_query
from protocols.errors import (
    ESR_OPC,
    ESR_PON,
    PARAMETER_NOT_ALLOWED,
    SYSTEM_ERROR,
    TRIGGER_IGNORED,
    ScpiError,
    esr_bit,
)
from protocols.message import parse_message
from protocols.numeric import format_nr1
from protocols.status import STB_EAV, STB_ESB, STB_MAV, STB_MSS, ErrorQueue, StatusRegister
from protocols.tree import CommandTree, parse_pattern
from protocols.values import Int, format_auto

log = logging.getLogger("protocols")

#: Limits of the 488.2 enable registers (*ESE, *SRE).
ENABLE_MASK_MIN = 0
ENABLE_MASK_MAX = 255
#: Limits of a SCPI register's enable and transition filters.
REGISTER_ENABLE_MIN = 0
REGISTER_ENABLE_MAX = 65535
_NO_SUFFIXES = MappingProxyType({})


class ScpiInstrument:
    """Base class of an emulated SCPI instrument. Subclasses set the class constants and declare commands."""

    MANUFACTURER: ClassVar[str] = "SKYBENCH"
    MODEL: ClassVar[str] = "GENERIC"
    SERIAL_NUMBER: ClassVar[str] = "0"
    FIRMWARE: ClassVar[str] = "0.1"
    #: The *OPT? response.
    OPTIONS: ClassVar[str] = "0"
    #: SYSTem:VERSion? — the SCPI version the instrument claims.
    SCPI_VERSION: ClassVar[str] = "1999.0"
    #: Entries the error queue holds before -350 (Keithley 2182A and 622x: 10).
    ERROR_QUEUE_SIZE: ClassVar[int] = 10
    #: Longest program message accepted, in bytes (longer: -363 Input buffer overrun).
    INPUT_BUFFER_SIZE: ClassVar[int] = 8192
    #: Most response bytes one message may queue (more: -430 Query DEADLOCKED).
    OUTPUT_QUEUE_SIZE: ClassVar[int] = 8 * 1024 * 1024
    #: Response message terminator (NL; sent with END on GPIB).
    RESPONSE_TERMINATOR: ClassVar[bytes] = b"\n"
    #: What the instrument's network port sends to every new socket connection before any command (the AMI
    #: 430's two-line greeting); empty for instruments that send nothing unasked.
    CONNECT_MESSAGE: ClassVar[bytes] = b""
    #: SCPI status registers: name in manual notation -> the status byte bit its summary sets.
    STATUS_REGISTERS: ClassVar[dict[str, int]] = {"QUEStionable": 3, "OPERation": 7}

    _tree: ClassVar[CommandTree]
    _properties: ClassVar[tuple[ScpiProperty, ...]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._tree = build_tree(cls)
        cls._properties = _properties_of(cls)

    def __init__(self) -> None:
        self._scpi_state: dict[str, Any] = {}
        self.errors = ErrorQueue(self.ERROR_QUEUE_SIZE)
        self.esr = ESR_PON
        self.ese = 0
        self.sre = 0
        self.registers: dict[str, StatusRegister] = {
            parse_pattern(name).elements[0].short: StatusRegister(name) for name in self.STATUS_REGISTERS
        }
        self._register_bits = {
            parse_pattern(name).elements[0].short: bit for name, bit in self.STATUS_REGISTERS.items()
        }
        self._opc_armed = False
        self._message_has_output = False
        self.last_internal_error: BaseException | None = None
        self._local_session = None
        for declaration in self.properties():
            declaration.restore_default(self)

    # --- the engine ----------------------------------------------------------------------------------
    def execute(self, text: str) -> list[str | Deferred]:
        """Run one program message; return its responses (text, or Deferred for ones not ready yet)."""
        parsed = parse_message(text)
        tree = self._tree
        root = tree.root
        path = root
        responses: list[str | Deferred] = []
        units = parsed.units
        last = len(units) - 1
        for index, unit in enumerate(units):
            header = unit.header
            self._message_has_output = bool(responses)
            try:
                if header.common:
                    handler = tree.common_handler(header.mnemonics[0][0], header.query)
                    suffixes = _NO_SUFFIXES
                else:
                    handler, path, suffixes = tree.resolve(root if header.absolute else path, header.mnemonics, header.query)
                result = handler(self, unit.params, suffixes)
                if header.query:
                    if type(result) is not str:
                        if isinstance(result, Deferred):
                            if index < last or parsed.error is not None:
                                self.await_response(result, None)
                                result = result.text()
                        else:
                            result = format_auto(result)
                    responses.append(result)
            except ScpiError as error:
                self.push_error(error)
                if error.is_command_error:
                    self._message_has_output = False
                    self._check_opc()
                    return responses
            except Exception as error:  # an instrument bug must not take the transport down
                self._internal_error(error, header.text)
        if parsed.error is not None:
            self.push_error(ScpiError(*parsed.error))
        self._message_has_output = False
        self._check_opc()
        return responses

    def await_response(self, deferred: Deferred, timeout: float | None) -> bool:
        """Wait (on the instrument's clock) up to `timeout` s (None: as long as it takes) for `deferred`."""
        if deferred.ready():
            return True
        if deferred.wait is not None:
            return bool(deferred.wait(timeout))
        return bool(self.advance_until(deferred.ready, timeout))

    def push_error(self, error: ScpiError | int, detail: str | None = None) -> None:
        """Queue an SCPI error and set its ESR bit."""
        if not isinstance(error, ScpiError):
            error = ScpiError(error, detail)
        self.errors.push(error)
        self.esr |= esr_bit(error.code)
        log.debug("%s: %s", type(self).__name__, error.entry())

    def _internal_error(self, error: BaseException, where: str) -> None:
        self.last_internal_error = error
        log.error("%s: internal error in %r", type(self).__name__, where, exc_info=error)
        self.push_error(ScpiError(SYSTEM_ERROR, type(error).__name__))

    # --- status ----------------------------------------------------------------------------------
    def status_byte(self, mav: bool = False) -> int:
        """The status byte with MSS on bit 6 (`mav`: the asking session has a response waiting)."""
        self._check_opc()
        stb = 0
        for short, register in self.registers.items():
            if register.summary:
                stb |= 1 << self._register_bits[short]
        if self.errors:
            stb |= STB_EAV
        if mav or self._message_has_output:
            stb |= STB_MAV
        if self.esr & self.ese:
            stb |= STB_ESB
        if stb & self.sre & ~STB_MSS:
            stb |= STB_MSS
        return stb

    def status_register(self, name: str) -> StatusRegister:
        """A SCPI register by short or long name (`"OPER"`, `"OPERation"`)."""
        key = name.upper()
        for short, register in self.registers.items():
            if key in (short, register.name.upper()):
                return register
        raise KeyError(name)

    def _check_opc(self) -> None:
        if self._opc_armed and not self.operations_pending():
            self._opc_armed = False
            self.esr |= ESR_OPC

    # --- hooks -----------------------------------------------------------------------------------
    def idn(self) -> str:
        """The *IDN? response."""
        return f"{self.MANUFACTURER},{self.MODEL},{self.SERIAL_NUMBER},{self.FIRMWARE}"

    def reset(self) -> None:
        """*RST: settings to their defaults; *OPC and *OPC? idle. Extend with super().reset()."""
        for declaration in self.properties():
            if declaration.reset:
                declaration.restore_default(self)
        self._opc_armed = False

    def clear_status(self) -> None:
        """*CLS: ESR, error queue and SCPI event registers cleared; *OPC idle."""
        self.esr = 0
        self.errors.clear()
        for register in self.registers.values():
            register.event = 0
        self._opc_armed = False

    def preset_status(self) -> None:
        """STATus:PRESet: SCPI enable registers and transition filters to their preset values."""
        for register in self.registers.values():
            register.preset()

    def device_clear(self) -> None:
        """Selected device clear (SDC/DCL) as seen by the instrument: *OPC and *OPC? idle."""
        self._opc_armed = False

    def trigger(self) -> None:
        """*TRG / group execute trigger. An instrument without a bus trigger answers -211."""
        raise ScpiError(TRIGGER_IGNORED)

    def self_test(self) -> int:
        """*TST?: 0 means passed."""
        return 0

    def now(self) -> float:
        """The instrument's (simulated) time in seconds."""
        return 0.0

    def operations_pending(self) -> bool:
        """Whether an overlapped operation (sweep, pulse train, ramp) is still running."""
        return False

    def advance_until(self, condition: Callable[[], bool], timeout: float | None) -> bool:
        """Let time pass until `condition()` holds or `timeout` s have passed (None: no limit); return
        `condition()`. An instrument with a simulated clock advances it here (virtual time: at once;
        real-time mode: sleeping). With no limit it must still return once nothing scheduled can make the
        condition true (a VISA read with an infinite timeout must not hang the process). The base has no
        clock."""
        return bool(condition())

    def paced(self) -> bool:
        """Whether the instrument's time follows the wall clock by itself (a transport then polls it without
        waiting on it); False for an instrument whose time moves only when a controller waits."""
        return False

    def wait_for_pending(self, timeout: float | None = None) -> bool:
        """Wait until nothing is pending (for *OPC?, *WAI); True when nothing is."""
        return self.advance_until(lambda: not self.operations_pending(), timeout)

    # --- in-process use ----------------------------------------------------------------------------
    @classmethod
    def properties(cls) -> tuple[ScpiProperty, ...]:
        """Every ScpiProperty of the class."""
        return cls._properties

    def _session(self):
        if self._local_session is None:
            from protocols.session import MessageSession

            self._local_session = MessageSession(self)
        return self._local_session

    def write(self, message: str) -> None:
        """Send a program message, as a controller would (in-process)."""
        self._session().write(message.encode("latin-1") + b"\n")

    def query(self, message: str, timeout: float | None = None) -> str:
        """Send a program message and read the response (without its terminator); '' if none came."""
        session = self._session()
        session.write(message.encode("latin-1") + b"\n")
        result = session.read(timeout=timeout)
        return result.data.decode("latin-1").rstrip("\r\n")

    # --- common commands ---------------------------------------------------------------------------
    @scpi_query("*IDN")
    def _scpi_idn(self) -> str:
        """Identification: manufacturer,model,serial,firmware."""
        return self.idn()

    @scpi_query("*OPT")
    def _scpi_opt(self) -> str:
        """Installed options."""
        return self.OPTIONS

    @scpi_command("*RST")
    def _scpi_rst(self) -> None:
        """Reset settings to their defaults."""
        self.reset()

    @scpi_command("*CLS")
    def _scpi_cls(self) -> None:
        """Clear the status data structures and the error queue."""
        self.clear_status()

    @scpi_command("*ESE", Int(low=ENABLE_MASK_MIN, high=ENABLE_MASK_MAX, out_of_range="error"))
    def _scpi_ese(self, mask: int) -> None:
        """Set the Standard Event Status Enable register."""
        self.ese = mask

    @scpi_query("*ESE")
    def _scpi_ese_query(self) -> int:
        """Standard Event Status Enable register."""
        return self.ese

    @scpi_command("*SRE", Int(low=ENABLE_MASK_MIN, high=ENABLE_MASK_MAX, out_of_range="error"))
    def _scpi_sre(self, mask: int) -> None:
        """Set the Service Request Enable register (bit 6 is ignored)."""
        self.sre = mask & ~STB_MSS

    @scpi_query("*SRE")
    def _scpi_sre_query(self) -> int:
        """Service Request Enable register."""
        return self.sre

    @scpi_query("*ESR")
    def _scpi_esr(self) -> int:
        """Standard Event Status Register; the read clears it."""
        self._check_opc()
        value, self.esr = self.esr, 0
        return value

    @scpi_query("*STB")
    def _scpi_stb(self) -> int:
        """Status byte with MSS; not cleared by the read."""
        return self.status_byte()

    @scpi_command("*OPC")
    def _scpi_opc(self) -> None:
        """Set ESR bit 0 once pending operations are complete."""
        self._opc_armed = True

    @scpi_query("*OPC")
    def _scpi_opc_query(self) -> Any:
        """1, once pending operations are complete."""
        if not self.operations_pending():
            return "1"
        return Deferred(lambda: not self.operations_pending(), lambda: "1", wait=self.wait_for_pending)

    @scpi_command("*WAI")
    def _scpi_wai(self) -> None:
        """Wait for pending operations before the next command."""
        self.wait_for_pending(None)

    @scpi_command("*TRG")
    def _scpi_trg(self) -> None:
        """Bus trigger."""
        self.trigger()

    @scpi_query("*TST")
    def _scpi_tst(self) -> int:
        """Self-test; 0 is pass."""
        return self.self_test()

    @scpi_query("SYSTem:ERRor[:NEXT]")
    def _scpi_error_next(self) -> str:
        """Oldest error queue entry, removed."""
        return self.errors.pop()

    @scpi_query("SYSTem:ERRor:COUNt")
    def _scpi_error_count(self) -> int:
        """Number of queued errors."""
        return len(self.errors)

    @scpi_query("SYSTem:ERRor:ALL")
    def _scpi_error_all(self) -> str:
        """Every queued error, oldest first, removed."""
        return ",".join(self.errors.pop_all())

    @scpi_query("SYSTem:VERSion")
    def _scpi_version(self) -> str:
        """SCPI version."""
        return self.SCPI_VERSION

    @scpi_command("STATus:PRESet")
    def _scpi_status_preset(self) -> None:
        """Preset the SCPI status registers."""
        self.preset_status()

    @scpi_query("STATus:QUEue[:NEXT]")
    def _scpi_status_queue(self) -> str:
        """Oldest error queue entry, removed."""
        return self.errors.pop()


def _register_handlers(short: str) -> list[tuple[str, str, Callable]]:
    """(pattern suffix, kind, handler) for one SCPI status register."""
    mask = Int(low=REGISTER_ENABLE_MIN, high=REGISTER_ENABLE_MAX, out_of_range="error")

    def read_event(instrument, params, suffixes):
        _no_params(params)
        return format_nr1(instrument.registers[short].read_event())

    def condition(instrument, params, suffixes):
        _no_params(params)
        return format_nr1(instrument.registers[short].condition)

    def setter(field):
        def handler(instrument, params, suffixes):
            from protocols.declare import parse_params

            (value,) = parse_params((mask,), params, field, instrument)
            setattr(instrument.registers[short], field, value)

        return handler

    def getter(field):
        def handler(instrument, params, suffixes):
            _no_params(params)
            return format_nr1(getattr(instrument.registers[short], field))

        return handler

    return [
        ("[:EVENt]", "query", read_event),
        (":CONDition", "query", condition),
        (":ENABle", "set", setter("enable")),
        (":ENABle", "query", getter("enable")),
        (":PTRansition", "set", setter("ptr")),
        (":PTRansition", "query", getter("ptr")),
        (":NTRansition", "set", setter("ntr")),
        (":NTRansition", "query", getter("ntr")),
    ]


def _no_params(params) -> None:
    if params:
        raise ScpiError(PARAMETER_NOT_ALLOWED)


def build_tree(cls: type) -> CommandTree:
    """The command tree of an instrument class: its declarations plus its status registers."""
    tree = CommandTree()
    for name, declarations in declarations_of(cls).items():
        for declaration in declarations:
            for kind, handler in declaration.handlers().items():
                try:
                    tree.add(declaration.pattern, kind, handler)
                except ValueError as error:
                    raise TypeError(f"{cls.__name__}.{name}: {error}") from None
    for register in getattr(cls, "STATUS_REGISTERS", {}):
        short = parse_pattern(register).elements[0].short
        for tail, kind, handler in _register_handlers(short):
            tree.add(f"STATus:{register}{tail}", kind, handler)
    return tree


def _properties_of(cls: type) -> tuple[ScpiProperty, ...]:
    return tuple(d for decls in declarations_of(cls).values() for d in decls if isinstance(d, ScpiProperty))


ScpiInstrument._tree = build_tree(ScpiInstrument)
ScpiInstrument._properties = _properties_of(ScpiInstrument)

__all__ = ["ScpiInstrument", "build_tree"]
