"""`BenchFaults`: the failures a lab's error handling must survive, injected into one bench.

Each method names what fails and shows up to the client as the real failure would:

| fault                        | what the client sees                                                        |
|------------------------------|-----------------------------------------------------------------------------|
| `silence(resource)`          | no answer: a VISA read fails with VI_ERROR_TMO (raw socket: its own timeout) |
| `delay(resource, seconds)`   | every answer `seconds` late (bench clock): a shorter VISA timeout fails      |
| `disconnect(resource)`       | VI_ERROR_CONN_LOST (socket) / VI_ERROR_NLISTENERS (GPIB); TCP: reset        |
| `garble(resource, count=1)`  | the next `count` answers corrupted (bytes with the top bit set)             |
| `quench()`                   | AMI 430: STATE? 7, QUench? 1, the field collapses, RAMP refused (-221)      |
| `stick(resource, channel)`   | the switch relay stays as it is; e.g. a Hall route that never closes: the   |
|                              | 6221 goes to compliance, the 2182A reads only the offset                    |
| `damage()`                   | the device's track is open: compliance on the sense routes, no pulse current|

The link faults (silence, delay, disconnect, garble) live in the bench's `protocols.faults.LinkFaults`; each
call returns a `Fault` that undoes it (`fault.clear()`, or use it as a context manager). A bench is made per
test, so every fault is scoped to its test. An unknown fault, or a resource the bench does not have, is a
ParameterError naming the parameter and what is valid.
"""
from __future__ import annotations

import math
from typing import Any, Callable

from skybench.errors import ParameterError, check_integer, check_positive

FAULTS = ("silence", "delay", "disconnect", "garble", "quench", "stick", "damage")
"""The faults a bench can be given."""
GARBLE_COUNT_MAX = 1_000_000
"""Most answers one garble fault corrupts."""


class Fault:
    """One injected fault; `clear()` (or leaving its `with` block) undoes it where that is possible."""

    def __init__(self, name: str, undo: Callable[[], None] | None = None):
        self.name = name
        self._undo = undo

    def clear(self) -> None:
        """Undo the fault (a quench is cleared with `QUench 0` and a destroyed device stays destroyed)."""
        if self._undo is None:
            raise ParameterError("fault", self.name, "a link fault or a stuck relay (this one cannot be undone)")
        self._undo()

    def __enter__(self) -> "Fault":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._undo is not None:
            self._undo()

    def __repr__(self) -> str:
        return f"<Fault {self.name}>"


class BenchFaults:
    """Fault injection into one `instruments.bench.SkyrmionBench`."""

    def __init__(self, bench: Any):
        self._bench = bench

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"unknown fault {name!r}: one of {', '.join(FAULTS)}")

    def _resource(self, resource: str) -> str:
        from protocols.bench import canonical_resource_name

        name = canonical_resource_name(str(resource))
        if name not in self._bench:
            raise ParameterError("resource", resource, "one of " + ", ".join(self._bench))
        return name

    def _link(self, resource: str, fault: str, value: Any, name: str) -> Fault:
        links = self._bench.link_faults(self._resource(resource))
        previous = getattr(links, fault)
        setattr(links, fault, value)
        return Fault(name, lambda: setattr(links, fault, previous))

    def silence(self, resource: str) -> Fault:
        """`resource` stops answering (and takes no commands)."""
        return self._link(resource, "silent", True, "silence")

    def delay(self, resource: str, seconds: float) -> Fault:
        """Every answer of `resource` comes `seconds` (bench clock) late."""
        seconds = check_positive("seconds", seconds, "s")
        if not math.isfinite(seconds):
            raise ParameterError("seconds", seconds, "(0, inf) (s)")
        return self._link(resource, "delay", float(seconds), "delay")

    def disconnect(self, resource: str) -> Fault:
        """The connection to `resource` is lost."""
        return self._link(resource, "disconnected", True, "disconnect")

    def garble(self, resource: str, count: int = 1) -> Fault:
        """The next `count` answers of `resource` arrive corrupted."""
        count = check_integer("count", count, 1, GARBLE_COUNT_MAX)
        return self._link(resource, "garble", count, "garble")

    def quench(self) -> Fault:
        """The magnet quenches now (clear it as on the real unit, with `QUench 0`)."""
        magnet = self._bench.magnet
        if magnet is None:
            raise ParameterError("quench", "no magnet", "a bench with a magnet supply")
        magnet.force_quench()
        return Fault("quench")

    def stick(self, resource: str, channel: int) -> Fault:
        """The relay `channel` of the switch `resource` stays as it is now."""
        from instruments.switch import CHANNEL_ROUTES, RouteSwitch

        switch = self._bench[self._resource(resource)]
        if not isinstance(switch, RouteSwitch):
            raise ParameterError("resource", resource, "the bench's switch")
        if channel not in CHANNEL_ROUTES:
            raise ParameterError("channel", channel, "one of " + ", ".join(map(str, CHANNEL_ROUTES)))
        switch.stick(channel)
        return Fault("stick", lambda: switch.unstick(channel))

    def damage(self) -> Fault:
        """The device is destroyed now (its track opens)."""
        wiring = self._bench.wiring
        wiring.destroy(f"destroyed by an injected fault at t = {self._bench.clock.now():.6g} s")
        return Fault("damage")
