"""`MessageSession`: the byte-level view of one instrument that a transport talks to.

It keeps what IEEE 488.2 ch. 6 (message exchange) keeps per connection: the input buffer, the output
queue and the request-service latch; the instrument (settings, error queue, status registers) is shared by
all sessions of it. Every method is safe to call from any thread: each takes the session's lock, which a
bench shares among all its sessions so that the instruments, on one simulated clock, see one command at a
time.

Rules:
- Input: a program message ends at NL, or at END (`write(..., end=True)`, VISA's send_end). An NL inside a
  definite block (`#15ab\\ncd`) is data. A message longer than the instrument's INPUT_BUFFER_SIZE gives
  -363 Input buffer overrun and is discarded up to its terminator; the next message works.
- A new message arriving while a response is still unread (or not yet produced) gives -410 Query
  INTERRUPTED and the stale response is discarded.
- `read` with nothing queued gives -420 Query UNTERMINATED and reports a timeout (what a VISA read gets from
  a real instrument). A response that needs simulated time (a `Deferred`) is waited for on the instrument's
  clock up to the read's timeout; if it is still not ready the read times out and the response stays queued.
- `clear()` (device clear) empties both buffers and idles *OPC; the error queue is kept.
- `read_stb()` (serial poll) returns the status byte with RQS on bit 6, set when MSS rises and cleared by the
  poll. `assert_trigger()` is the bus trigger (GET), the same as *TRG.
- A streaming session (`streaming=True`, what a raw socket gets) hands every response to the transport as
  it is made, so queries may be pipelined without -410; its parser waits behind a response that is still
  being produced (a sequential query), keeping later messages buffered until it is ready. A read with
  nothing to read just times out (a socket has no read request, so no -420). `connect()` queues the
  instrument's CONNECT_MESSAGE, what its network port sends when a connection opens.
- Link faults (`protocols.faults.LinkFaults`, one per resource on a bench): a silent instrument drops
  what it is sent and a read times out; a delayed one holds each response that long on its clock; a
  disconnected one raises ConnectionResetError from write/read/fetch (the transport reports a lost
  connection); a garbled response is corrupted on the way out.
- Nothing raises out of a session for bad input: every bad message becomes an SCPI error.
"""
from __future__ import annotations

import threading
from typing import Callable, NamedTuple

from protocols.declare import Deferred
from protocols.faults import LinkFaults
from protocols.errors import (
    INPUT_BUFFER_OVERRUN,
    QUERY_DEADLOCKED,
    QUERY_INTERRUPTED,
    QUERY_UNTERMINATED,
    ScpiError,
)
from protocols.status import STB_MSS

#: Response bytes a streaming session may hold before its parser waits for the transport to take them.
STREAM_OUTPUT_LIMIT = 256 * 1024
#: Input bytes a streaming session holds while its parser waits (the transport stops reading meanwhile).
STREAM_INPUT_LIMIT = 1024 * 1024

#: Relative tolerance of a held response's ready time (the clock's float arithmetic).
HOLD_TOLERANCE = 1e-12

_NL = 0x0A
_HASH = 0x23
_QUOTES = (0x22, 0x27)


class ReadResult(NamedTuple):
    """What a read got: the bytes, whether the last one carries END, and whether the read timed out."""

    data: bytes
    end: bool
    timed_out: bool


class MessageSession:
    """The message exchange state of one connection to `instrument`."""

    def __init__(self, instrument, lock: threading.RLock | None = None, *, streaming: bool = False,
                 faults: LinkFaults | None = None, tap: Callable[[str, str], None] | None = None):
        self.instrument = instrument
        self.tap = tap
        """Called with ("write", message) for each program message and ("read", response) for each response
        message (a transcript recorder, see protocols.transcript), or None."""
        self.faults = faults if faults is not None else LinkFaults()
        self.lock = lock if lock is not None else threading.RLock()
        self.streaming = streaming
        self.max_input = int(instrument.INPUT_BUFFER_SIZE)
        self.max_output = int(instrument.OUTPUT_QUEUE_SIZE)
        self.terminator = bytes(instrument.RESPONSE_TERMINATOR)
        self._input = bytearray()
        self._overrun = False
        self._output = bytearray()
        self._pending: list | None = None
        self._held = False
        self._mss = False
        self._rqs = False

    # --- controller -> instrument ----------------------------------------------------------------
    def write(self, data: bytes, end: bool = True) -> int:
        """Take bytes from the controller; `end` marks END on the last byte. Returns len(data)."""
        with self.lock:
            self._check_link()
            if self.faults.silent:
                return len(data)
            self._input += data
            self._pump(end)
            self._update_srq()
            return len(data)

    @property
    def busy(self) -> bool:
        """A streaming session whose parser waits: for a response still being produced, or for the
        transport to take the responses already made (at most STREAM_OUTPUT_LIMIT bytes wait)."""
        return self.streaming and (self._held or self._blocked())

    def _blocked(self) -> bool:
        return self._pending is not None or len(self._output) >= STREAM_OUTPUT_LIMIT

    def _pump(self, end: bool) -> None:
        """Execute every complete message in the input buffer (a streaming session stops at a pending
        response, as an instrument's parser waits for a sequential query)."""
        buf = self._input
        start = 0
        blocked = self.streaming and self._blocked()
        while not blocked:
            if self._overrun:
                index = buf.find(b"\n", start)
                if index < 0:
                    start = len(buf)
                    if end:
                        self._overrun = False
                    break
                start = index + 1
                self._overrun = False
                continue
            index = _find_terminator(buf, start)
            if index < 0:
                break
            message = bytes(buf[start:index])
            start = index + 1
            self._message(message)
            blocked = self.streaming and self._blocked()
        if start:
            del buf[:start]
        self._held = blocked and bool(buf)
        if not buf:
            return
        if blocked:
            if len(buf) > STREAM_INPUT_LIMIT:
                buf.clear()
                self.instrument.push_error(ScpiError(INPUT_BUFFER_OVERRUN))
        elif end:
            message = bytes(buf)
            buf.clear()
            self._message(message)
        elif len(buf) > self.max_input:
            buf.clear()
            self._overrun = True
            self.instrument.push_error(ScpiError(INPUT_BUFFER_OVERRUN))

    def _message(self, message: bytes) -> None:
        if len(message) > self.max_input:
            self.instrument.push_error(ScpiError(INPUT_BUFFER_OVERRUN))
            return
        if not message.strip():
            return
        if self.tap is not None:
            self.tap("write", message.decode("latin-1").rstrip("\r"))
        if not self.streaming and (self._output or self._pending is not None):
            self._output.clear()
            self._pending = None
            self.instrument.push_error(ScpiError(QUERY_INTERRUPTED))
        try:
            parts = self.instrument.execute(message.decode("latin-1"))
        except Exception as error:  # an instrument that lets an exception out must not end the connection
            self.instrument._internal_error(error, "message")
            return
        if not parts:
            return
        if self.faults.delay > 0:
            parts = [_hold(self.instrument, self.faults.delay), *parts]
        for part in parts:
            if type(part) is not str:
                self._pending = parts
                return
        self._queue(parts)

    def _queue(self, texts: list[str]) -> None:
        if self.tap is not None:
            self.tap("read", ";".join(texts))
        payload = ";".join(texts).encode("latin-1", "replace") + self.terminator
        if len(payload) > self.max_output:
            self.instrument.push_error(ScpiError(QUERY_DEADLOCKED, "response larger than the output queue"))
            return
        self._output += self.faults.garbled(payload, self.terminator)

    def _check_link(self) -> None:
        if self.faults.disconnected:
            raise ConnectionResetError("the connection to the instrument is lost (injected fault)")

    def connect(self) -> None:
        """A new socket connection: queue the instrument's CONNECT_MESSAGE (nothing for most instruments)."""
        with self.lock:
            greeting = bytes(self.instrument.CONNECT_MESSAGE)
            self._output += greeting
            if self.tap is not None and greeting:
                for line in greeting.decode("latin-1").split(self.terminator.decode("latin-1"))[:-1]:
                    self.tap("read", line)

    # --- instrument -> controller ----------------------------------------------------------------
    def read(self, count: int | None = None, timeout: float | None = 0.0, stop: int | None = None) -> ReadResult:
        """Read up to `count` bytes of the response (all of it if None), and no further than the byte `stop`
        (an enabled VISA termination character), waiting up to `timeout` s of the instrument's time for a
        pending response. Nothing to read: -420 and a timeout."""
        with self.lock:
            self._check_link()
            if self.faults.silent:
                self.instrument.advance_until(lambda: False, timeout)
                return ReadResult(b"", False, True)
            if self._pending is not None:
                self._resolve(timeout)
                if self.streaming and self._input and self._pending is None:
                    self._pump(False)
            out = self._output
            if out:
                size = len(out) if count is None else min(count, len(out))
                if stop is not None:
                    index = out.find(stop, 0, size)
                    if index >= 0:
                        size = index + 1
                data = bytes(out[:size])
                del out[:size]
                self._update_srq()
                return ReadResult(data, not out, False)
            if self._pending is None and not self.streaming:
                self.instrument.push_error(ScpiError(QUERY_UNTERMINATED))
                self._update_srq()
            return ReadResult(b"", False, True)

    def fetch(self, timeout: float | None = 0.0) -> bytes:
        """Everything ready to send (raw-socket style: no -420 when there is nothing); a streaming session
        then goes on with the messages that waited behind a pending response."""
        with self.lock:
            self._check_link()
            if self._pending is not None:
                self._resolve(timeout)
            data = bytes(self._output)
            self._output.clear()
            if self.streaming and self._input and self._pending is None:
                self._pump(False)
                data += self._output
                self._output.clear()
            self._update_srq()
            return data

    @property
    def response_pending(self) -> bool:
        """A response is queued or still being produced."""
        return bool(self._output) or self._pending is not None

    def _resolve(self, timeout: float | None) -> bool:
        parts = self._pending
        for part in parts:
            if isinstance(part, Deferred) and not self.instrument.await_response(part, timeout):
                return False
        texts = []
        for part in parts:
            if isinstance(part, _Hold):
                continue
            if isinstance(part, Deferred):
                try:
                    texts.append(part.text())
                except ScpiError as error:
                    self.instrument.push_error(error)
                except Exception as error:  # an instrument bug must not reach the transport
                    self.instrument._internal_error(error, "deferred response")
            else:
                texts.append(part)
        self._pending = None
        if texts:
            self._queue(texts)
        return True

    # --- bus-level operations ----------------------------------------------------------------------
    def read_stb(self) -> int:
        """Serial poll: the status byte with RQS (not MSS) on bit 6; the poll clears RQS."""
        with self.lock:
            self._update_srq()
            stb = self.instrument.status_byte(bool(self._output))
            rqs, self._rqs = self._rqs, False
            return (stb & ~STB_MSS) | (STB_MSS if rqs else 0)

    def srq_pending(self) -> bool:
        """Whether the instrument is requesting service (RQS set, not yet polled)."""
        with self.lock:
            self._update_srq()
            return self._rqs

    def clear(self) -> None:
        """Device clear: input and output buffers emptied, *OPC idle; the error queue stays."""
        with self.lock:
            self._input.clear()
            self._overrun = False
            self._output.clear()
            self._pending = None
            self._held = False
            self.instrument.device_clear()
            self._update_srq()

    def assert_trigger(self) -> None:
        """Group execute trigger, the same as *TRG."""
        with self.lock:
            try:
                self.instrument.trigger()
            except ScpiError as error:
                self.instrument.push_error(error)
            except Exception as error:
                self.instrument._internal_error(error, "trigger")
            self._update_srq()

    def close(self) -> None:
        """Forget buffered input and output (the instrument keeps its state)."""
        with self.lock:
            self._input.clear()
            self._overrun = False
            self._output.clear()
            self._pending = None
            self._held = False

    def _update_srq(self) -> None:
        if not self.instrument.sre:  # MSS needs an enabled bit: skip the status byte on the common path
            self._mss = False
            return
        mss = bool(self.instrument.status_byte(bool(self._output)) & STB_MSS)
        if mss and not self._mss:
            self._rqs = True
        self._mss = mss


class _Hold(Deferred):
    """The wait a delayed link puts before a response (it adds no text)."""

    __slots__ = ()


def _hold(instrument, delay: float) -> _Hold:
    """A hold of `delay` s on the instrument's clock: a wait stops at its end, not at the next event."""
    ready_at = instrument.now() + delay

    def ready() -> bool:
        return instrument.now() >= ready_at - HOLD_TOLERANCE * max(1.0, abs(ready_at))

    def wait(timeout: float | None) -> bool:
        remaining = ready_at - instrument.now()
        if remaining > 0:
            instrument.advance_until(ready, remaining if timeout is None else min(timeout, remaining))
        return ready()

    return _Hold(ready, lambda: None, wait=wait)


def _find_terminator(buf: bytearray, start: int) -> int:
    """Index of the NL that ends the message starting at `start` (-1: none yet). An NL inside a definite
    block is data; a block still arriving means no terminator yet."""
    index = buf.find(b"\n", start)
    if index < 0 or buf.find(b"#", start, index) < 0:
        return index
    i = start
    n = len(buf)
    quote = 0
    while i < n:
        c = buf[i]
        if c == _NL:
            return i
        if quote:
            if c == quote:
                quote = 0
        elif c in _QUOTES:
            quote = c
        elif c == _HASH and i + 1 < n and 0x31 <= buf[i + 1] <= 0x39:
            width = buf[i + 1] - 0x30
            digits = bytes(buf[i + 2 : i + 2 + width])
            if len(digits) < width:
                return -1
            if digits.isdigit():
                i += 2 + width + int(digits)
                if i > n:
                    return -1
                continue
        i += 1
    return -1
