"""A pyvisa backend that serves a bench: `pyvisa.ResourceManager("@skybench")`.

pyvisa finds a backend `@name` by importing `pyvisa_<name>` and taking its WRAPPER_CLASS
(`pyvisa/highlevel.py`, `get_wrapper_class`); the text before `@` reaches the library as its
`library_path` (`"bench.yaml@skybench"`, as in pyvisa-sim). With `PYVISA_LIBRARY=@skybench` a script that
calls `pyvisa.ResourceManager()` runs against the emulator unchanged.

Behaviour, as a real GPIB/LXI instrument behind VISA:
- resource names as VISA spells them (`GPIB0::22::INSTR`, `TCPIP0::127.0.0.1::5025::SOCKET`); opening an
  unknown one is VI_ERROR_RSRC_NFOUND; `list_resources` filters with VISA's expression syntax;
- one message session per resource, shared by all handles opened on it (one instrument, one I/O buffer, as on
  a GPIB bus); when the last handle closes, its buffers are emptied (the instrument keeps its state), so no
  stale response leaks into the next resource manager (pyvisa-sim #68/#82). A `::SOCKET` resource is a TCP
  connection: each handle gets its own streaming session, which starts with the instrument's connect message
  (the AMI 430's greeting) and reads without -420, as a raw socket does;
- `write` ends the message with END when VI_ATTR_SEND_END_EN is set (raw sockets have no END: there the
  newline ends it); `read` stops at END, at the termination character when it is enabled, or at the count;
  a response that needs simulated time is waited for up to VI_ATTR_TMO_VALUE of the instrument's time; with
  nothing to read the instrument queues -420 and the read fails with VI_ERROR_TMO;
- the library path is the bench file served (the default bench's file without one), never "unset", so
  PyMeasure's adapter closes only its own resource (it closes the whole manager for "unset", pyvisa-sim);
- one bench per resource manager: pyvisa hands the same manager to every `ResourceManager("@skybench")`
  while it is open (its library cache), so drivers opened by that string share one bench; after
  `rm.close()` the next `ResourceManager("@skybench")` builds a fresh bench (new clock, device and routes).
  Two independent benches at once: `ResourceManager(SkybenchVisaLibrary.with_bench(build_bench(...)))` for
  each (or the pytest fixture `skybench_bench`, one per test);
- `read_stb` is a serial poll, `clear` a device clear, `assert_trigger` a GET; `wait_on_event` waits for
  a service request.
"""
from __future__ import annotations

import itertools
from typing import Any, ClassVar

from pyvisa import attributes, constants, errors, highlevel, rname
from pyvisa.util import LibraryPath

from protocols.bench import Bench, as_bench, default_bench_name, load_bench
from protocols.session import MessageSession

StatusCode = constants.StatusCode
#: VI_TMO_INFINITE: the timeout attribute's value for "no timeout".
VI_TMO_INFINITE = 0xFFFFFFFF


class _Handle:
    """One open VISA session: the resource it names, the shared message session, its attributes."""

    __slots__ = ("resource", "session", "session_type", "attrs")

    def __init__(self, resource: str, session: MessageSession, parsed: rname.ResourceName, rm_session: int):
        self.resource = resource
        self.session = session
        self.session_type = (parsed.interface_type_const, parsed.resource_class)
        ResourceAttribute = constants.ResourceAttribute
        self.attrs: dict[Any, Any] = {
            ResourceAttribute.resource_manager_session: rm_session,
            ResourceAttribute.resource_name: resource,
            ResourceAttribute.resource_class: parsed.resource_class,
            ResourceAttribute.interface_type: parsed.interface_type_const,
        }
        for field, attribute in (
            ("board", ResourceAttribute.interface_number),
            ("primary_address", ResourceAttribute.gpib_primary_address),
            ("host_address", ResourceAttribute.tcpip_address),
            ("port", ResourceAttribute.tcpip_port),
        ):
            value = getattr(parsed, field, None)
            if value is not None:
                self.attrs[attribute] = int(value) if field != "host_address" else value

    def get(self, attribute: Any) -> Any:
        if attribute in self.attrs:
            return self.attrs[attribute]
        return attributes.AttributesByID[attribute].default

    @property
    def is_socket(self) -> bool:
        return self.session_type[1] == "SOCKET"


class SkybenchVisaLibrary(highlevel.VisaLibraryBase):
    """The pyvisa library object of `@skybench`; its bench comes from `protocols.bench.load_bench`."""

    #: Benches handed in directly (`with_bench`), by their made-up library path.
    _inline: ClassVar[dict[str, Bench]] = {}
    _inline_counter: ClassVar[itertools.count] = itertools.count(1)

    bench: Bench
    sessions: dict[int, Any]

    @staticmethod
    def get_library_paths() -> tuple[LibraryPath, ...]:
        return (LibraryPath(default_bench_name(), "skybench bench"),)

    @staticmethod
    def get_debug_info() -> dict[str, str]:
        return {"Backend": "skybench emulated bench", "Bench": "SKYBENCH_BENCH or the '<file>@skybench' argument"}

    @classmethod
    def with_bench(cls, bench: Any) -> "SkybenchVisaLibrary":
        """A library serving `bench` (a Bench or a mapping), for `pyvisa.ResourceManager(library)`."""
        key = f"<inline bench {next(cls._inline_counter)}>"
        cls._inline[key] = as_bench(bench)
        try:
            return cls(key)
        finally:
            cls._inline.pop(key, None)

    def _init(self) -> None:
        spec = str(self.library_path)
        inline = self._inline.get(spec)
        self.bench = inline if inline is not None else load_bench(spec)
        self.sessions = {}
        self._shared: dict[str, MessageSession] = {}
        self._handles = itertools.count(1001)

    def _register(self, obj: Any) -> int:
        handle = next(self._handles)
        self.sessions[handle] = obj
        return handle

    # --- resource manager ----------------------------------------------------------------------------
    def open_default_resource_manager(self):
        return self._register(self), self.handle_return_value(None, StatusCode.success)

    def list_resources(self, session, query: str = "?*::INSTR") -> tuple[str, ...]:
        found = rname.filter(tuple(self.bench), query)
        if not found:
            raise errors.VisaIOError(StatusCode.error_resource_not_found.value)
        return tuple(found)

    def open(self, session, resource_name: str, access_mode=constants.AccessModes.no_lock, open_timeout=constants.VI_TMO_IMMEDIATE):
        try:
            parsed = rname.parse_resource_name(resource_name)
        except rname.InvalidResourceName:
            return 0, self.handle_return_value(None, StatusCode.error_invalid_resource_name)
        name = str(parsed)
        if name not in self.bench:
            return 0, self.handle_return_value(None, StatusCode.error_resource_not_found)
        faults = self.bench.link_faults(name)
        if faults.disconnected:
            return 0, self.handle_return_value(None, _lost(parsed.resource_class))
        if parsed.resource_class == "SOCKET":
            shared = MessageSession(self.bench[name], lock=self.bench.lock, streaming=True, faults=faults,
                                    tap=self.bench.tap(name))
            shared.connect()
        else:
            shared = self._shared.get(name)
            if shared is None:
                shared = self._shared[name] = MessageSession(self.bench[name], lock=self.bench.lock, faults=faults,
                                                             tap=self.bench.tap(name))
        handle = self._register(_Handle(name, shared, parsed, session))
        return handle, self.handle_return_value(handle, StatusCode.success)

    def close(self, session) -> StatusCode:
        obj = self.sessions.pop(session, None)
        if obj is None:
            return self.handle_return_value(None, StatusCode.error_invalid_object)
        if obj is self:  # the resource manager closes: the next manager for this path gets a fresh bench
            registry = highlevel.VisaLibraryBase._registry
            if registry.get((type(self), self.library_path)) is self:
                del registry[(type(self), self.library_path)]
        if isinstance(obj, _Handle) and not any(
            isinstance(other, _Handle) and other.session is obj.session for other in self.sessions.values()
        ):
            obj.session.close()
        return StatusCode.success

    # --- message-based I/O -------------------------------------------------------------------------
    def _handle(self, session) -> _Handle:
        obj = self.sessions.get(session)
        if not isinstance(obj, _Handle):
            raise errors.VisaIOError(StatusCode.error_invalid_object.value)
        return obj

    def write(self, session, data: bytes):
        handle = self._handle(session)
        send_end = bool(handle.get(constants.ResourceAttribute.send_end_enabled)) and not handle.is_socket
        try:
            count = handle.session.write(bytes(data), end=send_end)
        except ConnectionResetError:
            return 0, self.handle_return_value(session, _lost(handle.session_type[1]))
        return count, self.handle_return_value(session, StatusCode.success)

    def read(self, session, count: int):
        handle = self._handle(session)
        ResourceAttribute = constants.ResourceAttribute
        stop = None
        if handle.get(ResourceAttribute.termchar_enabled):
            stop = int(handle.get(ResourceAttribute.termchar))
        try:
            result = handle.session.read(count, timeout=_timeout_seconds(handle.get(ResourceAttribute.timeout_value)),
                                         stop=stop)
        except ConnectionResetError:
            return b"", self.handle_return_value(session, _lost(handle.session_type[1]))
        if result.timed_out:
            return result.data, self.handle_return_value(session, StatusCode.error_timeout)
        data = result.data
        if result.end and not handle.get(ResourceAttribute.suppress_end_enabled):
            status = StatusCode.success
        elif stop is not None and data and data[-1] == stop:
            status = StatusCode.success_termination_character_read
        else:
            status = StatusCode.success_max_count_read
        return data, self.handle_return_value(session, status)

    def read_stb(self, session):
        handle = self._handle(session)
        return handle.session.read_stb(), self.handle_return_value(session, StatusCode.success)

    def clear(self, session) -> StatusCode:
        self._handle(session).session.clear()
        return self.handle_return_value(session, StatusCode.success)

    def assert_trigger(self, session, protocol=constants.TriggerProtocol.default) -> StatusCode:
        self._handle(session).session.assert_trigger()
        return self.handle_return_value(session, StatusCode.success)

    def flush(self, session, mask) -> StatusCode:
        self._handle(session)
        return self.handle_return_value(session, StatusCode.success)

    def gpib_control_ren(self, session, mode) -> StatusCode:
        self._handle(session)
        return self.handle_return_value(session, StatusCode.success)

    # --- attributes --------------------------------------------------------------------------------
    def get_attribute(self, session, attribute):
        obj = self.sessions.get(session)
        if not isinstance(obj, _Handle):
            return 0, self.handle_return_value(session, StatusCode.error_invalid_object)
        spec = attributes.AttributesByID.get(attribute)
        if spec is None or not spec.in_resource(obj.session_type):
            return 0, self.handle_return_value(session, StatusCode.error_nonsupported_attribute)
        return obj.get(attribute), self.handle_return_value(session, StatusCode.success)

    def set_attribute(self, session, attribute, attribute_state) -> StatusCode:
        obj = self.sessions.get(session)
        if not isinstance(obj, _Handle):
            return self.handle_return_value(session, StatusCode.error_invalid_object)
        spec = attributes.AttributesByID.get(attribute)
        if spec is None or not spec.in_resource(obj.session_type):
            return self.handle_return_value(session, StatusCode.error_nonsupported_attribute)
        if not spec.write:
            return self.handle_return_value(session, StatusCode.error_attribute_read_only)
        obj.attrs[attribute] = attribute_state
        return self.handle_return_value(session, StatusCode.success)

    # --- events (service request) --------------------------------------------------------------------
    def enable_event(self, session, event_type, mechanism, context=None) -> StatusCode:
        self._handle(session)
        return self.handle_return_value(session, StatusCode.success)

    def disable_event(self, session, event_type, mechanism) -> StatusCode:
        return StatusCode.success

    def discard_events(self, session, event_type, mechanism) -> StatusCode:
        return StatusCode.success

    def uninstall_all_visa_handlers(self, session) -> None:
        return None

    def wait_on_event(self, session, in_event_type, timeout):
        """Wait for a service request (RQS) on the instrument's clock; VI_ERROR_TMO if none comes."""
        handle = self._handle(session)
        if in_event_type not in (constants.EventType.service_request, constants.EventType.all_enabled):
            raise errors.VisaIOError(StatusCode.error_invalid_event.value)
        wait = None if timeout is None or timeout >= VI_TMO_INFINITE else timeout / 1000.0
        with handle.session.lock:
            arrived = handle.session.srq_pending() or handle.session.instrument.advance_until(
                handle.session.srq_pending, wait
            )
        if not arrived:
            raise errors.VisaIOError(StatusCode.error_timeout.value)
        context = self._register(("event", constants.EventType.service_request))
        return constants.EventType.service_request, context, self.handle_return_value(session, StatusCode.success)


def _lost(resource_class: str) -> StatusCode:
    """What VISA reports for a lost link: the connection (socket), or no listener on the bus (GPIB)."""
    return StatusCode.error_connection_lost if resource_class == "SOCKET" else StatusCode.error_no_listeners


def _timeout_seconds(value: Any) -> float | None:
    """VI_ATTR_TMO_VALUE (ms; VI_TMO_INFINITE or None for none) in seconds."""
    if value is None or value >= VI_TMO_INFINITE:
        return None
    return float(value) / 1000.0


WRAPPER_CLASS = SkybenchVisaLibrary
