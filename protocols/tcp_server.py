"""Raw-socket SCPI servers: one TCP port per instrument, as LXI instruments serve SCPI on port 5025.

`ScpiServer(bench, host, port_base)` listens on `port_base + index` for the bench's instruments in order
(`port_base=0`: an ephemeral port each, for tests), loopback only unless told otherwise. A client sends
newline-terminated program messages and receives each response as soon as it is ready, newline-terminated,
so pyvisa-py's `TCPIP0::127.0.0.1::<port>::SOCKET` (with `read_termination="\\n"`) and clients in any language
work. Over a raw socket there is no read request, so the -420 rule of GPIB does not arise: a client that
reads with nothing sent simply waits for its own timeout.

Every connection has its own message session (input buffer, output queue); all sessions of a bench share
the bench's lock, so commands from all clients and ports reach the instruments one at a time (they share
one simulated clock). One thread runs every port through a selector:
- a line longer than the instrument's INPUT_BUFFER_SIZE is -363 and is skipped; the connection goes on;
- a response that needs simulated time is polled with the lock released between polls, so other clients
  are served meanwhile: an instrument whose time follows the wall clock (`paced()`, a bench at a time rate)
  is only caught up at each poll; otherwise each poll lets a slice of instrument time pass, the slice
  doubling while a poll takes less than POLL_WALL_TARGET of wall time and halving when it takes more, so
  such a bench runs as fast as the machine computes it;
- a client that stops reading stops being read once MAX_UNSENT bytes wait for it (memory stays bounded);
- a client that vanishes, even mid-query, only loses its own session; a response still being produced for it
  (a READ? with a huge trigger count) is abandoned as soon as its socket closes (each poll peeks at it);
- at most `max_clients` per port: one more is told `-300,"Device-specific error;connection limit ..."` and
  closed; a connection with no traffic for `idle_timeout` wall seconds (and nothing pending) is closed, so
  forgotten clients cannot hold a port for good;
- a link fault (protocols.faults) of the bench shows here: a disconnected instrument's connections are reset.
"""
from __future__ import annotations

import logging
import selectors
import socket
import struct
import threading
import time
from typing import Any

from protocols.bench import Bench, as_bench
from protocols.errors import DEVICE_SPECIFIC_ERROR, ScpiError
from protocols.session import MessageSession

log = logging.getLogger("protocols.tcp")

#: The LXI raw-socket SCPI port, the first port of `skybench serve`.
DEFAULT_PORT_BASE = 5025
#: Bytes read from a socket at a time.
RECV_SIZE = 65536
#: Unsent response bytes at which a client stops being read until it catches up.
MAX_UNSENT = 1 << 20
#: Connections one port accepts at once.
MAX_CLIENTS_PER_PORT = 16
#: Wall seconds without traffic after which an idle connection is closed.
IDLE_TIMEOUT = 900.0
#: Wall seconds the refusal message of a port at its connection limit may take to send.
REFUSAL_SEND_TIMEOUT = 0.5
#: Instrument time (s) the first poll of a pending response may let pass; the slice adapts from there.
POLL_SLICE = 0.05
#: Bounds of the adaptive slice (s of instrument time).
POLL_SLICE_MIN = 1e-3
POLL_SLICE_MAX = 1e6
#: Wall time (s) one poll should take (the bench lock is held during a poll).
POLL_WALL_TARGET = 0.005
#: Wall time (s) the loop sleeps between polls of pending responses.
POLL_INTERVAL = 0.001


class _Listener:
    __slots__ = ("name", "sock", "clients")

    def __init__(self, name: str, sock: socket.socket):
        self.name = name
        self.sock = sock
        self.clients = 0


class _Connection:
    __slots__ = ("listener", "sock", "session", "unsent", "reading", "peer", "mask", "active", "slice")

    def __init__(self, listener: _Listener, sock: socket.socket, session: MessageSession, peer: Any):
        self.active = time.monotonic()
        self.slice = POLL_SLICE
        self.listener = listener
        self.sock = sock
        self.session = session
        self.unsent = bytearray()
        self.reading = True
        self.peer = peer
        self.mask = selectors.EVENT_READ


class ScpiServer:
    """Raw-socket SCPI servers for every instrument of a bench; `start()`/`stop()` or a `with` block."""

    def __init__(
        self,
        bench: Any,
        host: str = "127.0.0.1",
        port_base: int = DEFAULT_PORT_BASE,
        *,
        max_clients: int = MAX_CLIENTS_PER_PORT,
        poll_slice: float = POLL_SLICE,
        idle_timeout: float | None = IDLE_TIMEOUT,
    ):
        self.bench: Bench = as_bench(bench)
        self.host = host
        self.port_base = int(port_base)
        self.max_clients = max_clients
        self.poll_slice = poll_slice
        self.idle_timeout = idle_timeout
        self.ports: dict[str, int] = {}
        self._listeners: list[_Listener] = []
        self._connections: set[_Connection] = set()
        self._selector: selectors.BaseSelector | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None

    # --- life cycle ----------------------------------------------------------------------------------
    def start(self) -> dict[str, int]:
        """Bind every port and start serving in a background thread; return resource name -> port."""
        if self._thread is not None:
            return dict(self.ports)
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        try:
            for index, name in enumerate(self.bench):
                port = 0 if self.port_base == 0 else self.port_base + index
                sock = socket.create_server((self.host, port), family=family, backlog=self.max_clients)
                sock.setblocking(False)
                self._listeners.append(_Listener(name, sock))
                self.ports[name] = sock.getsockname()[1]
        except OSError:
            self._close_listeners()
            raise
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ, None)
        for listener in self._listeners:
            self._selector.register(listener.sock, selectors.EVENT_READ, listener)
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="skybench-scpi-server", daemon=True)
        self._thread.start()
        return dict(self.ports)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close every connection and port."""
        if self._thread is None:
            return
        self._stopping.set()
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass
        self._thread.join(timeout)
        self._thread = None
        for connection in list(self._connections):
            self._drop(connection)
        self._close_listeners()
        for sock in (self._wake_r, self._wake_w):
            if sock is not None:
                sock.close()
        self._wake_r = self._wake_w = None
        if self._selector is not None:
            self._selector.close()
            self._selector = None

    def serve_forever(self) -> None:
        """Start (if needed) and block until stopped or interrupted."""
        self.start()
        try:
            while self._thread is not None and self._thread.is_alive():
                self._thread.join(0.5)
        finally:
            self.stop()

    def __enter__(self) -> "ScpiServer":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def resource_name(self, name: str) -> str:
        """The VISA name a client uses for the instrument `name`: TCPIP0::<host>::<port>::SOCKET."""
        return f"TCPIP0::{self.host}::{self.ports[name]}::SOCKET"

    @property
    def connection_count(self) -> int:
        return len(self._connections)

    def _close_listeners(self) -> None:
        for listener in self._listeners:
            listener.sock.close()
        self._listeners.clear()

    # --- the loop ------------------------------------------------------------------------------------
    def _run(self) -> None:
        selector = self._selector
        while not self._stopping.is_set():
            waiting = [c for c in self._connections if c.session.busy and len(c.unsent) < MAX_UNSENT]
            try:
                events = selector.select(POLL_INTERVAL if waiting else 0.5)
            except OSError:
                break
            for key, mask in events:
                target = key.data
                if target is None:
                    self._drain_wake()
                elif isinstance(target, _Listener):
                    self._accept(target)
                else:
                    self._service(target, mask)
            for connection in waiting:
                if connection in self._connections:
                    self._guarded(connection, self._poll, connection)
            for connection in [c for c in self._connections if c.session.faults.disconnected]:
                self._drop(connection, reset=True)
            if self.idle_timeout is not None:
                idle_since = time.monotonic() - self.idle_timeout
                for connection in [c for c in self._connections
                                   if c.active < idle_since and not c.session.busy and not c.unsent]:
                    log.info("closing idle connection %s on %s", connection.peer, connection.listener.name)
                    self._drop(connection)

    def _drain_wake(self) -> None:
        try:
            while self._wake_r.recv(64):
                pass
        except OSError:
            pass

    def _accept(self, listener: _Listener) -> None:
        while True:
            try:
                sock, peer = listener.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                log.warning("accept on %s failed: %s", listener.name, error)
                return
            if listener.clients >= self.max_clients:
                self._refuse(sock, f"connection limit of {self.max_clients} reached on this port")
                continue
            faults = self.bench.link_faults(listener.name)
            if faults.disconnected:
                sock.close()
                continue
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            session = MessageSession(self.bench[listener.name], lock=self.bench.lock, streaming=True, faults=faults,
                                     tap=self.bench.tap(listener.name))
            session.connect()
            connection = _Connection(listener, sock, session, peer)
            connection.slice = self.poll_slice
            connection.unsent += session.fetch(0.0)
            listener.clients += 1
            self._connections.add(connection)
            self._selector.register(sock, selectors.EVENT_READ, connection)
            self._guarded(connection, self._send, connection)

    def _refuse(self, sock: socket.socket, why: str) -> None:
        """Tell a client why it is not served, in SCPI's error format, and close."""
        try:
            sock.settimeout(REFUSAL_SEND_TIMEOUT)
            sock.sendall(ScpiError(DEVICE_SPECIFIC_ERROR, why).entry().encode("ascii") + b"\n")
        except OSError:
            pass
        finally:
            sock.close()

    def _service(self, connection: _Connection, mask: int) -> None:
        if mask & selectors.EVENT_WRITE:
            self._guarded(connection, self._send, connection)
        if mask & selectors.EVENT_READ and connection in self._connections:
            self._guarded(connection, self._receive, connection)

    def _guarded(self, connection: _Connection, action, *args) -> None:
        try:
            action(*args)
        except (ConnectionError, OSError):
            self._drop(connection)
        except Exception:  # a bug here must cost one connection, never the server
            log.exception("connection %s on %s dropped", connection.peer, connection.listener.name)
            self._drop(connection)

    def _receive(self, connection: _Connection) -> None:
        try:
            data = connection.sock.recv(RECV_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        if not data:
            self._drop(connection)
            return
        connection.active = time.monotonic()
        session = connection.session
        with session.lock:
            session.write(data, end=False)
            connection.unsent += session.fetch(0.0)
        self._send(connection)

    def _poll(self, connection: _Connection) -> None:
        if self._closed_by_peer(connection):
            self._drop(connection)  # the client is gone: stop producing its response
            return
        session = connection.session
        if session.instrument.paced():
            connection.unsent += session.fetch(0.0)
        else:
            started = time.perf_counter()
            connection.unsent += session.fetch(connection.slice)
            took = time.perf_counter() - started
            if took < POLL_WALL_TARGET:
                connection.slice = min(POLL_SLICE_MAX, connection.slice * 2)
            elif took > 2 * POLL_WALL_TARGET:
                connection.slice = max(POLL_SLICE_MIN, connection.slice / 2)
            if not session.busy:
                connection.slice = self.poll_slice
        self._send(connection)

    @staticmethod
    def _closed_by_peer(connection: _Connection) -> bool:
        """Whether the client has closed its end (peeked: its pending input stays unread)."""
        try:
            return connection.sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except (BlockingIOError, InterruptedError):
            return False

    def _send(self, connection: _Connection) -> None:
        if connection.unsent:
            try:
                sent = connection.sock.send(connection.unsent)
            except (BlockingIOError, InterruptedError):
                sent = 0
            del connection.unsent[:sent]
            if sent:
                connection.active = time.monotonic()
        self._update_interest(connection)

    def _update_interest(self, connection: _Connection) -> None:
        if connection not in self._connections:
            return
        connection.reading = len(connection.unsent) < MAX_UNSENT and not connection.session.busy
        mask = (selectors.EVENT_READ if connection.reading else 0) | (
            selectors.EVENT_WRITE if connection.unsent else 0
        )
        if mask == connection.mask:
            return
        if not mask:
            self._selector.unregister(connection.sock)
        elif not connection.mask:
            self._selector.register(connection.sock, mask, connection)
        else:
            self._selector.modify(connection.sock, mask, connection)
        connection.mask = mask

    def _drop(self, connection: _Connection, reset: bool = False) -> None:
        """Close a connection (`reset`: abortively, so the client sees a connection reset)."""
        if connection not in self._connections:
            return
        if reset:
            try:
                connection.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
        self._connections.discard(connection)
        connection.listener.clients -= 1
        try:
            if self._selector is not None and connection.mask:
                self._selector.unregister(connection.sock)
        except (KeyError, ValueError):
            pass
        connection.sock.close()
        connection.session.close()
