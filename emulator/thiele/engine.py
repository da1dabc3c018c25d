"""The particle engine: owns the skyrmion state of a batch of devices and advances it interval by interval.

One `ThieleEngine` holds every skyrmion of `devices` independent copies of one device type (same model,
independent random streams). `advance(j, bz, duration)` runs the kernel for one interval of constant nominal
current density and field; the events of that interval are appended to the engine's log. The state arrays
are owned here and only changed through `advance` (and `clear`).
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import os
import weakref

import numpy as np

from emulator.thiele import events
from emulator.thiele.kernel import advance
from emulator.thiele.model import ThieleModel
from emulator.thiele.outline import inside_area
from emulator.thiele.state import FLAG_INSIDE, FLAG_PINNED, new_state
from skybench.errors import check_finite, check_range

EVENTS_PER_INTERVAL = 4096
"""Event slots per device and interval; a larger burst raises (it would mean a runaway model)."""
CHUNKS_PER_THREAD = 4
"""A batch is cut into this many device ranges per thread, so that a slow range does not idle the others."""


@dataclasses.dataclass(frozen=True)
class Skyrmions:
    """A read-only view of one device's skyrmions at one instant."""

    ids: np.ndarray
    """Identity of each skyrmion (int)."""
    x: np.ndarray
    """Centre x (m)."""
    y: np.ndarray
    """Centre y (m)."""
    radius: np.ndarray
    """Radius (m)."""
    inside: np.ndarray
    """Centre inside the effective area (bool)."""
    pinned: np.ndarray
    """Held by pinning at the last step (bool)."""


class ThieleEngine:
    """Skyrmion state of a batch of devices, advanced by the numba kernel."""

    def __init__(self, model: ThieleModel, devices: int = 1, seed: int = 0, record_events: bool = True,
                 first_device: int = 0, threads: int | None = None):
        """`threads`: kernel threads for the batch (None: one per CPU); the results do not depend on it."""
        check_range("devices", devices, 1, None, "")
        check_range("first_device", first_device, 0, None, "")
        threads = (os.cpu_count() or 1) if threads is None else threads
        check_range("threads", threads, 1, 1024, "")
        self.threads = min(int(threads), int(devices))
        self._pool = None
        if self.threads > 1:
            self._pool = concurrent.futures.ThreadPoolExecutor(self.threads)
            weakref.finalize(self, self._pool.shutdown, wait=False)
        self.model = model
        self.kernel_model = model.kernel_model()
        self.devices = int(devices)
        self.record_events = record_events
        self._state = new_state(self.devices, model.step.capacity, seed, first_device,
                                EVENTS_PER_INTERVAL if record_events else 0)
        self._log: list[list[tuple]] = [[] for _ in range(self.devices)]
        self.time = 0.0
        """Simulated time of the engine (s)."""

    # --- advancing ---------------------------------------------------------------------------------
    def advance(self, j_nominal: float, bz: float, duration: float) -> None:
        """Run every device for `duration` (s) at nominal current density `j_nominal` (A/m^2), field `bz` (T)."""
        check_finite("j_nominal", j_nominal, "A/m^2")
        check_finite("bz", bz, "T")
        check_range("duration", duration, 0.0, None, "s")
        if duration == 0.0:
            return
        st = self._state
        st.log.n[:] = 0
        args = (float(j_nominal), float(bz), float(self.model.temperature), self.time, float(duration))
        if self.threads == 1:
            advance(self.kernel_model, st, 0, self.devices, *args)
        else:
            cuts = np.linspace(0, self.devices, self.threads * CHUNKS_PER_THREAD + 1).astype(int)
            for done in [self._pool.submit(advance, self.kernel_model, st, int(a), int(b), *args)
                         for a, b in zip(cuts[:-1], cuts[1:]) if b > a]:
                done.result()
        self.time += duration
        if self.record_events:
            log = st.log
            if int(log.n.max()) > EVENTS_PER_INTERVAL:
                raise RuntimeError(f"more than {EVENTS_PER_INTERVAL} events in one interval: shorten it")
            for d in range(self.devices):
                k = int(log.n[d])
                self._log[d].extend(zip(log.t[d, :k].tolist(), log.kind[d, :k].tolist(),
                                        log.ident[d, :k].tolist(), log.x[d, :k].tolist(), log.y[d, :k].tolist()))

    def settle_radius(self, bz: float) -> None:
        """Give every skyrmion the equilibrium radius of field `bz` at once (no motion), e.g. after a field step."""
        self.advance(0.0, bz, 1e-15)

    # --- reading -----------------------------------------------------------------------------------
    def skyrmions(self, device: int = 0) -> Skyrmions:
        st = self._state
        n = int(st.n[device])
        flags = st.flags[device, :n]
        return Skyrmions(ids=st.ids[device, :n].copy(), x=st.x[device, :n].copy(),
                         y=st.y[device, :n].copy(), radius=st.radius[device, :n].copy(),
                         inside=(flags & FLAG_INSIDE) != 0, pinned=(flags & FLAG_PINNED) != 0)

    def counts(self) -> np.ndarray:
        """Number of live skyrmions per device."""
        return self._state.n.copy()

    def counts_inside(self) -> np.ndarray:
        """Number of skyrmions with their centre in the effective area, per device."""
        st = self._state
        inside = (st.flags & FLAG_INSIDE) != 0
        mask = np.arange(st.x.shape[1])[None, :] < st.n[:, None]
        return (inside & mask).sum(axis=1)

    def created(self) -> np.ndarray:
        """Skyrmions ever nucleated, per device."""
        return self._state.next_id.copy()

    def particle_steps(self) -> int:
        """Skyrmion time steps integrated so far, summed over devices (a cost measure for benchmarks)."""
        return int(self._state.work.sum())

    def temperature_rise(self, device: int = 0) -> float:
        """Current Joule temperature rise of a device (K)."""
        return float(self._state.rise[device])

    def events(self, device: int = 0) -> list[tuple[float, str, int, float, float]]:
        """The event log of a device: (time s, kind, skyrmion id, x m, y m)."""
        return [(t, events.NAMES[k], i, x, y) for (t, k, i, x, y) in self._log[device]]

    def arrays(self, width: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(x, y, radius, inside flags, count) arrays of the whole batch (copies), each row cut to its first
        `width` slots (None: the capacity; a device's live skyrmions are its first `count` slots)."""
        st = self._state
        width = st.x.shape[1] if width is None else width
        check_range("width", width, 1, st.x.shape[1], "")
        inside = (st.flags[:, :width] & FLAG_INSIDE) != 0
        return st.x[:, :width].copy(), st.y[:, :width].copy(), st.radius[:, :width].copy(), inside, st.n.copy()

    def place(self, x: float, y: float, bz: float, device: int | None = None) -> list[int]:
        """Put a skyrmion at (x, y) (m) with the equilibrium radius of field bz (T), in one device or all.

        For prepared initial states and tests; nucleation is what creates skyrmions during a protocol.
        Returns the identities given.
        """
        st = self._state
        radius, _, _ = self.model.table.at(bz)
        if radius <= 0:
            raise ValueError(f"no skyrmion is stable at {bz} T")
        if not self.model.geometry.contains(np.array([x]), np.array([y]))[0]:
            raise ValueError(f"({x}, {y}) is outside the film")
        given = []
        for d in range(self.devices) if device is None else (device,):
            k = int(st.n[d])
            if k >= st.x.shape[1]:
                raise RuntimeError("device is full")
            st.x[d, k], st.y[d, k], st.radius[d, k], st.b_eff[d, k] = x, y, radius, bz
            st.ids[d, k] = st.next_id[d]
            st.flags[d, k] = FLAG_INSIDE if inside_area(self.kernel_model.area, x, y) else 0
            st.kappa[d, k] = 1.0
            st.next_id[d] += 1
            st.n[d] = k + 1
            given.append(int(st.ids[d, k]))
        return given

    def clear(self) -> None:
        """Remove every skyrmion (saturation by a large field); identities keep counting."""
        self._state.n[:] = 0
