"""The particle engine: owns the skyrmion state of a batch of devices and advances it interval by interval.

One `ThieleEngine` holds every skyrmion of `devices` independent copies of one device type (same model,
independent random streams). `advance(j, bz, duration)` runs the kernel for one interval of constant nominal
current density and field; the events of that interval are appended to the engine's log. The state arrays
are owned here and only changed through `advance` (and `clear`).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from emulator.thiele import events
from emulator.thiele.kernel import FLAG_INSIDE, FLAG_PINNED, advance
from emulator.thiele.model import ThieleModel
from emulator.thiele.rng import seed_states
from skybench.errors import check_finite, check_range

EVENTS_PER_INTERVAL = 4096
"""Event slots per device and interval; a larger burst raises (it would mean a runaway model)."""


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
                 first_device: int = 0):
        check_range("devices", devices, 1, None, "")
        check_range("first_device", first_device, 0, None, "")
        self.model = model
        self.packed = model.pack()
        self.devices = int(devices)
        self.record_events = record_events
        capacity = model.step.capacity
        shape = (self.devices, capacity)
        self._x = np.zeros(shape)
        self._y = np.zeros(shape)
        self._r = np.zeros(shape)
        self._beff = np.zeros(shape)
        self._ids = np.zeros(shape, dtype=np.int64)
        self._flags = np.zeros(shape, dtype=np.int64)
        self._kappa = np.ones(shape)
        self._n = np.zeros(self.devices, dtype=np.int64)
        self._next_id = np.zeros(self.devices, dtype=np.int64)
        self._rng = seed_states(seed, self.devices, first_device)
        self._rise = np.zeros(self.devices)
        self._work = np.zeros(self.devices, dtype=np.int64)
        slots = EVENTS_PER_INTERVAL if record_events else 0
        self._ev = (np.zeros((self.devices, slots)), np.zeros((self.devices, slots), dtype=np.int64),
                    np.zeros((self.devices, slots), dtype=np.int64), np.zeros((self.devices, slots)),
                    np.zeros((self.devices, slots)))
        self._ev_n = np.zeros(self.devices, dtype=np.int64)
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
        p = self.packed
        cur = p.current
        self._ev_n[:] = 0
        advance(p.P, p.table, p.edges, p.area, cur.x0, cur.y0, cur.step, cur.jx, cur.jy, p.wells, p.sites,
                p.bounds, self._x, self._y, self._r, self._beff, self._ids, self._flags, self._kappa, self._n,
                self._next_id, self._rng, self._rise, self._work, *self._ev, self._ev_n,
                float(j_nominal), float(bz), float(self.model.temperature), self.time, float(duration))
        self.time += duration
        if self.record_events:
            if int(self._ev_n.max()) > EVENTS_PER_INTERVAL:
                raise RuntimeError(f"more than {EVENTS_PER_INTERVAL} events in one interval: shorten it")
            t, kind, ident, x, y = self._ev
            for d in range(self.devices):
                k = int(self._ev_n[d])
                self._log[d].extend(zip(t[d, :k].tolist(), kind[d, :k].tolist(), ident[d, :k].tolist(),
                                        x[d, :k].tolist(), y[d, :k].tolist()))

    def settle_radius(self, bz: float) -> None:
        """Give every skyrmion the equilibrium radius of field `bz` at once (no motion), e.g. after a field step."""
        self.advance(0.0, bz, 1e-15)

    # --- reading -----------------------------------------------------------------------------------
    def skyrmions(self, device: int = 0) -> Skyrmions:
        n = int(self._n[device])
        flags = self._flags[device, :n]
        return Skyrmions(ids=self._ids[device, :n].copy(), x=self._x[device, :n].copy(),
                         y=self._y[device, :n].copy(), radius=self._r[device, :n].copy(),
                         inside=(flags & FLAG_INSIDE) != 0, pinned=(flags & FLAG_PINNED) != 0)

    def counts(self) -> np.ndarray:
        """Number of live skyrmions per device."""
        return self._n.copy()

    def counts_inside(self) -> np.ndarray:
        """Number of skyrmions with their centre in the effective area, per device."""
        inside = (self._flags & FLAG_INSIDE) != 0
        mask = np.arange(self._x.shape[1])[None, :] < self._n[:, None]
        return (inside & mask).sum(axis=1)

    def created(self) -> np.ndarray:
        """Skyrmions ever nucleated, per device."""
        return self._next_id.copy()

    def particle_steps(self) -> int:
        """Skyrmion time steps integrated so far, summed over devices (a cost measure for benchmarks)."""
        return int(self._work.sum())

    def temperature_rise(self, device: int = 0) -> float:
        """Current Joule temperature rise of a device (K)."""
        return float(self._rise[device])

    def events(self, device: int = 0) -> list[tuple[float, str, int, float, float]]:
        """The event log of a device: (time s, kind, skyrmion id, x m, y m)."""
        return [(t, events.NAMES[k], i, x, y) for (t, k, i, x, y) in self._log[device]]

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(x, y, radius, inside flags, count) arrays of the whole batch (copies)."""
        inside = (self._flags & FLAG_INSIDE) != 0
        return self._x.copy(), self._y.copy(), self._r.copy(), inside, self._n.copy()

    def place(self, x: float, y: float, bz: float, device: int | None = None) -> list[int]:
        """Put a skyrmion at (x, y) (m) with the equilibrium radius of field bz (T), in one device or all.

        For prepared initial states and tests; nucleation is what creates skyrmions during a protocol.
        Returns the identities given.
        """
        from emulator.thiele.kernel import inside_area

        radius, _, _ = self.model.table.at(bz)
        if radius <= 0:
            raise ValueError(f"no skyrmion is stable at {bz} T")
        if not self.model.geometry.contains(np.array([x]), np.array([y]))[0]:
            raise ValueError(f"({x}, {y}) is outside the film")
        given = []
        for d in range(self.devices) if device is None else (device,):
            k = int(self._n[d])
            if k >= self._x.shape[1]:
                raise RuntimeError("device is full")
            self._x[d, k], self._y[d, k], self._r[d, k], self._beff[d, k] = x, y, radius, bz
            self._ids[d, k] = self._next_id[d]
            self._flags[d, k] = FLAG_INSIDE if inside_area(self.packed.area, x, y) else 0
            self._kappa[d, k] = 1.0
            self._next_id[d] += 1
            self._n[d] = k + 1
            given.append(int(self._ids[d, k]))
        return given

    def clear(self) -> None:
        """Remove every skyrmion (saturation by a large field); identities keep counting."""
        self._n[:] = 0
