"""`BenchClock`: the one simulated clock of a bench, a SimPy `Environment` that moves when a controller waits.

Every instrument of a bench and the device share one `simpy.Environment` (SimPy's single state object); the
clock decides when its time moves.

- As fast as possible (the default, `time_rate=None`): time moves only when a controller waits for something
  on the bench (a READ? integrating, *OPC? behind a pulse train or a magnet ramp, a VISA read with a
  timeout): `advance_until(condition, timeout)` steps the environment event by event until the condition
  holds, jumping over the idle time between events at once. A long measurement therefore costs only the
  work of its events. A timeout is simulated seconds: a VISA read with a 2 s timeout behind a 10 s ramp
  times out after 2 simulated seconds (and no wall time).
- At a time rate (`time_rate=R`): simulated time follows the wall clock, R simulated seconds per wall second
  (R = 1 is real time; SimPy's `simpy.rt.RealtimeEnvironment` has the inverse, its `factor`); a wait sleeps and
  a timeout is wall time, so VISA timeouts, polling loops and a controller that gives up behave as on a real
  bench, and a ramp runs on while nobody asks. `catch_up()` brings the simulation to the wall clock before each
  command. `set_time_rate` changes the rate from now on (`skybench serve --time-rate`).
- A status poll (`poll()`, used by *STB?, *ESR? and the instruments' state queries) lets the next scheduled
  event happen (at most `POLL_HORIZON` ahead): in virtual time a controller that polls instead of waiting
  still sees its instrument progress, one event per poll, deterministically.

A wait without a limit (`timeout=None`, an infinite VISA timeout) returns as soon as nothing scheduled is left
that could make its condition true; while something keeps running it waits, as long as it takes (a delta
run with an infinite count keeps such a read waiting for ever, as on the real instrument).
"""
from __future__ import annotations

import math
import time
from typing import Callable

import simpy

from skybench.errors import check_positive

POLL_HORIZON = 1.0
"""Longest simulated time (s) one status poll may let pass (it stops at the next scheduled event)."""


class BenchClock:
    """The shared simulated clock of a bench (see the module docstring for the two modes)."""

    def __init__(self, env: simpy.Environment | None = None, time_rate: float | None = None):
        self.env = env if env is not None else simpy.Environment()
        """The SimPy environment every instrument and the device schedule on."""
        self.realtime_factor: float | None = None
        """Wall seconds per simulated second (1 / time rate); None: as fast as possible."""
        self._wall_origin = time.monotonic()
        self._sim_origin = float(self.env.now)
        self.set_time_rate(time_rate)

    def set_time_rate(self, time_rate: float | None) -> None:
        """Run at `time_rate` simulated s per wall s from now on (None or inf: as fast as possible)."""
        if time_rate is not None and math.isinf(time_rate) and time_rate > 0:
            time_rate = None
        if time_rate is not None:
            check_positive("time_rate", time_rate, "simulated s per wall s")
        self.catch_up()
        self.realtime_factor = None if time_rate is None else 1.0 / float(time_rate)
        self._wall_origin = time.monotonic()
        self._sim_origin = float(self.env.now)

    @property
    def time_rate(self) -> float | None:
        """Simulated seconds per wall second; None: as fast as possible."""
        return None if self.realtime_factor is None else 1.0 / self.realtime_factor

    @property
    def realtime(self) -> bool:
        """Whether simulated time follows the wall clock."""
        return self.realtime_factor is not None

    def now(self) -> float:
        """Simulated time (s)."""
        return float(self.env.now)

    def process(self, generator) -> simpy.Process:
        """Start a SimPy process on the bench's environment."""
        return self.env.process(generator)

    # --- letting time pass ---------------------------------------------------------------------------
    def catch_up(self) -> None:
        """Real time: run the simulation up to the wall clock's simulated time. Virtual time: nothing."""
        if self.realtime_factor is None:
            return
        target = self._sim_origin + (time.monotonic() - self._wall_origin) / self.realtime_factor
        self._run_events(lambda: False, target)
        self._move_to(target)

    def advance_until(self, condition: Callable[[], bool], timeout: float | None) -> bool:
        """Let simulated time pass until `condition()` holds or `timeout` s have passed (simulated seconds in
        virtual time, wall seconds in real time, as a VISA timeout is); return condition().

        With `timeout=None` it stops when nothing scheduled is left (the condition can no longer change)."""
        self.catch_up()
        if condition():
            return True
        start = self.env.now
        if timeout is None:
            horizon, bounded = math.inf, False
        else:
            span = max(0.0, float(timeout))
            if self.realtime_factor is not None:
                span /= self.realtime_factor  # a timeout is wall time in real-time mode
            horizon, bounded = start + span, True
        self._run_events(condition, horizon)
        if not condition() and bounded:
            self._move_to(horizon)
        return bool(condition())

    def advance(self, duration: float) -> None:
        """Let exactly `duration` simulated seconds pass (running every event in between)."""
        target = self.env.now + max(0.0, float(duration))
        self._run_events(lambda: False, target)
        self._move_to(target)

    def settle(self) -> None:
        """Run what is due now (processes just started, zero delays) without letting time pass."""
        env = self.env
        while env.peek() <= env.now:
            env.step()

    def poll(self) -> None:
        """A status poll: let the next scheduled event happen, if it is within POLL_HORIZON."""
        self.catch_up()
        if self.realtime_factor is not None:
            return
        env = self.env
        self.settle()  # what is due now (process starts, zero delays) is not an event ahead
        upcoming = env.peek()
        if upcoming == math.inf:
            return
        if upcoming - self.env.now > POLL_HORIZON:
            self._move_to(self.env.now + POLL_HORIZON)
            return
        while self.env.peek() == upcoming:
            self.env.step()

    # --- mechanics -----------------------------------------------------------------------------------
    def _run_events(self, condition: Callable[[], bool], horizon: float) -> None:
        """Process events in order while `condition()` is false and the next one is not after `horizon`."""
        env = self.env
        while not condition():
            upcoming = env.peek()
            if upcoming == math.inf or upcoming > horizon:
                return
            self._pace(upcoming)
            env.step()

    def _move_to(self, target: float) -> None:
        """Advance the clock to `target` with no event left before it (events at `target` stay queued)."""
        if target > self.env.now:
            self._pace(target)
            self.env.run(until=target)

    def _pace(self, target: float) -> None:
        """Real time: sleep until the wall clock reaches simulated time `target`."""
        if self.realtime_factor is None:
            return
        wall = self._wall_origin + (target - self._sim_origin) * self.realtime_factor
        delay = wall - time.monotonic()
        if delay > 0:
            time.sleep(delay)
