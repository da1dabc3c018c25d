"""The bench clock: virtual time jumps from event to event when a controller waits, timeouts are simulated
seconds, a wait without a limit returns when nothing is scheduled, a status poll lets one event happen, and the
real-time mode makes simulated time follow the wall clock (SimPy tutorial style: processes log env.now)."""
from __future__ import annotations

import time

import pytest

from instruments.clock import POLL_HORIZON, BenchClock
from skybench.errors import ParameterError


def ticker(clock, log, period, count):
    for _ in range(count):
        yield clock.env.timeout(period)
        log.append(clock.now())


def test_advance_until_jumps_to_the_event_that_makes_the_condition_true():
    clock = BenchClock()
    log = []
    clock.process(ticker(clock, log, 0.25, 8))
    assert clock.advance_until(lambda: len(log) >= 3, timeout=10.0)
    assert log == [0.25, 0.5, 0.75]
    assert clock.now() == 0.75  # no time beyond the event that satisfied the wait


def test_a_timeout_is_simulated_seconds():
    clock = BenchClock()
    log = []
    clock.process(ticker(clock, log, 1.0, 5))
    started = time.perf_counter()
    assert not clock.advance_until(lambda: len(log) >= 5, timeout=2.5)
    assert clock.now() == 2.5 and log == [1.0, 2.0]
    assert time.perf_counter() - started < 0.5  # virtual time costs no wall time


def test_unbounded_wait_returns_when_nothing_is_scheduled():
    clock = BenchClock()
    log = []
    clock.process(ticker(clock, log, 1.0, 3))
    assert not clock.advance_until(lambda: len(log) >= 4, timeout=None)
    assert log == [1.0, 2.0, 3.0] and clock.now() == 3.0


def test_an_unbounded_wait_is_unbounded_while_something_runs():
    """An infinite VISA timeout is infinite: a condition 10000 s away is waited for (no cap)."""
    clock = BenchClock()
    log = []
    clock.process(ticker(clock, log, 100.0, 10**9))
    assert clock.advance_until(lambda: len(log) >= 100, timeout=None)
    assert clock.now() == pytest.approx(10_000.0)


def test_the_time_rate_can_change():
    clock = BenchClock(time_rate=1000.0)
    time.sleep(0.05)
    clock.catch_up()
    assert clock.now() >= 0.05 * 1000 * 0.9
    clock.set_time_rate(float("inf"))
    assert clock.time_rate is None and not clock.realtime


def test_a_poll_lets_the_next_event_happen_within_the_horizon():
    clock = BenchClock()
    log = []
    clock.process(ticker(clock, log, 0.1, 3))
    clock.poll()
    assert log == [0.1]
    clock.poll()
    clock.poll()
    assert log == [pytest.approx(0.1), pytest.approx(0.2), pytest.approx(0.3)]
    slow = BenchClock()
    far = []
    slow.process(ticker(slow, far, 10 * POLL_HORIZON, 1))
    slow.poll()
    assert far == [] and slow.now() == POLL_HORIZON


def test_realtime_mode_follows_the_wall_clock():
    factor = 0.05  # 50 ms of wall time per simulated second
    clock = BenchClock(time_rate=1 / factor)
    log = []
    clock.process(ticker(clock, log, 1.0, 2))
    started = time.perf_counter()
    assert clock.advance_until(lambda: len(log) >= 2, timeout=None)
    assert time.perf_counter() - started >= 2 * factor * 0.9
    time.sleep(0.1)
    clock.catch_up()
    assert clock.now() >= 2.0 + 0.1 / factor * 0.9


def test_the_time_rate_must_be_positive():
    with pytest.raises(ParameterError, match="time_rate"):
        BenchClock(time_rate=0.0)
