"""The event log the kernel writes: event codes, their names, and the per-device log arrays."""
from typing import NamedTuple

import numba
import numpy as np

NUCLEATED = 0
ANNIHILATED = 1
COLLAPSED = 2
EXPELLED_AT_EDGE = 3
EXITED = 4
ENTERED_AREA = 5
LEFT_AREA = 6
PINNED = 7
DEPINNED = 8

NAMES = ("nucleated", "annihilated", "collapsed", "expelled_at_edge", "exited", "entered_area",
         "left_area", "pinned", "depinned")
"""Name of each event code, as written to events.csv."""


class EventLog(NamedTuple):
    """Events of one interval, per device: slots (devices, slots); `n` counts the events (may exceed slots)."""

    t: np.ndarray
    """Time (s)."""
    kind: np.ndarray
    """Event code (int)."""
    ident: np.ndarray
    """Skyrmion identity (int)."""
    x: np.ndarray
    """Position x (m)."""
    y: np.ndarray
    """Position y (m)."""
    n: np.ndarray
    """Events written per device (int)."""


def empty_log(devices: int, slots: int) -> EventLog:
    """A zeroed log of `slots` events per device."""
    return EventLog(np.zeros((devices, slots)), np.zeros((devices, slots), dtype=np.int64),
                    np.zeros((devices, slots), dtype=np.int64), np.zeros((devices, slots)),
                    np.zeros((devices, slots)), np.zeros(devices, dtype=np.int64))


@numba.njit(cache=True)
def log_event(log, d, t, kind, ident, x, y):
    """Append one event to device d's log (counted even when the slots are full)."""
    k = log.n[d]
    if k < log.t.shape[1]:
        log.t[d, k] = t
        log.kind[d, k] = kind
        log.ident[d, k] = ident
        log.x[d, k] = x
        log.y[d, k] = y
    log.n[d] = k + 1
