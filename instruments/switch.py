"""`RouteSwitch`: the bench's switch box that connects the device to the pulse path or to the sense
instruments, with the Keithley 7001 switch system's route commands.

Channels (card 1; `(@1!n)` as the 7001 writes them, or plain `(@n)`):
- 1!1 `pulse`: pulse generator (channel 1) -> A-A'
- 1!2 `hall`:  6221 -> A-A', 2182A channel 1 <- B-B' (the Hall reading)
- 1!3 `track`: 6221 -> A-A', 2182A channel 1 <- A-A' at the box (two-wire resistance of the pulse path)
See `instruments.wiring` for what each route does electrically.

Commands: `ROUTe:CLOSe <list>`, `ROUTe:CLOSe? <list>` (1/0 per channel), `ROUTe:CLOSe:STATe?` (the closed
list), `ROUTe:OPEN <list>`, `ROUTe:OPEN:ALL`; *RST opens everything.

Pulsing into the sense path is refused, as the bench's interlock: the routes are exclusive, break before
make, so closing a route while another is closed is -221 Settings conflict (open first); the pulse route is
refused while the generator's output drives continuously (see `Wiring.route_conflict`). A pulse fired while
the pulse route is open goes nowhere (its relay is open) and the device does not feel it. A relay takes
RELAY_SETTLE_TIME to close; the route is `none` meanwhile and *OPC? waits for it; opening is immediate.

A stuck relay (`stick(channel)`, a fault a test injects) keeps its contacts where they are while the card
still reports what it was told, as a welded or dead relay does: stuck closed, the route stays connected after
ROUTe:OPEN; stuck open, closing it connects nothing (the 6221 then sees an open circuit: compliance).
"""
from __future__ import annotations

import simpy
from types import MappingProxyType

from instruments.bench_instrument import BenchInstrument
from protocols import ChannelList, ScpiError, scpi_command, scpi_query
from protocols.errors import ILLEGAL_PARAMETER_VALUE, SETTINGS_CONFLICT

CARD = 1
"""The card the routes are on."""
CHANNEL_ROUTES = MappingProxyType({1: "pulse", 2: "hall", 3: "track"})
"""Channel number on the card -> route."""
RELAY_SETTLE_TIME = 5e-3
"""Time (s) from a close command until the relay contacts have settled, assumed (7001-class relays)."""


MANUAL_COMMANDS = MappingProxyType({
    "ROUT:CLOS": True, "ROUT:CLOS?": True, "ROUT:CLOS:STAT?": True, "ROUT:OPEN": True, "ROUT:OPEN:ALL": True,
    "*OPC?": True, "SYST:ERR?": True,
    "ROUT:SCAN": False, "ROUT:CONF:SLOT1:STIM": False, "ARM:LAY2:SOUR": False, "INIT": False,
    "ROUT:MEM:SAVE": False,
})
"""The 7001 manual's remote commands a measurement uses: True emulated, False not (answers -113, or -114 for a
node emulated with other suffixes)."""

class RouteSwitch(BenchInstrument):
    """Three exclusive routes on one card, on the bench clock."""

    MANUFACTURER = "KEITHLEY INSTRUMENTS INC."
    MODEL = "MODEL 7001"
    SERIAL_NUMBER = "0700001"
    FIRMWARE = "B17"

    def __init__(self, clock=None, wiring=None, seed=0):
        self._closed: int | None = None
        self._settling: simpy.Process | None = None
        self._stuck: dict[int, bool] = {}
        super().__init__(clock, wiring, seed)

    # --- channels --------------------------------------------------------------------------------------
    @staticmethod
    def _channels(entries: tuple) -> list[int]:
        """Channel numbers of a channel list; -224 for anything but card-1 channels 1..3."""
        found = []
        for entry in entries:
            if isinstance(entry, tuple):
                if len(entry) != 2 or entry[0] != CARD:
                    raise ScpiError(ILLEGAL_PARAMETER_VALUE, f"channel {'!'.join(map(str, entry))}")
                entry = entry[1]
            if entry not in CHANNEL_ROUTES:
                raise ScpiError(ILLEGAL_PARAMETER_VALUE, f"channel {entry} (1 .. 3)")
            found.append(int(entry))
        return found

    @property
    def route(self) -> str:
        """The route whose relay is closed (or closing), 'none' if all are open."""
        return CHANNEL_ROUTES[self._closed] if self._closed is not None else "none"

    def busy(self) -> bool:
        return self._settling is not None and self._settling.is_alive

    @scpi_command("ROUTe:CLOSe", ChannelList())
    def close(self, entries: tuple) -> None:
        """Close one route (break before make: -221 while another is closed or closing)."""
        channels = sorted(set(self._channels(entries)))
        if len(channels) > 1:
            raise ScpiError(SETTINGS_CONFLICT, "interlock: one route at a time")
        if not channels or channels[0] == self._closed:
            return
        channel = channels[0]
        if self._closed is not None:
            raise ScpiError(SETTINGS_CONFLICT, f"interlock: route {self.route} is closed; open it first")
        if self.wiring is not None:
            conflict = self.wiring.route_conflict(CHANNEL_ROUTES[channel])
            if conflict is not None:
                raise ScpiError(SETTINGS_CONFLICT, f"interlock: {conflict}")
        self._closed = channel
        self._settling = self.run_process(self._settle(channel))

    def _settle(self, channel: int):
        try:
            yield self.clock.env.timeout(RELAY_SETTLE_TIME)
        except simpy.Interrupt:
            return
        if self.wiring is not None and self._closed == channel and channel not in self._stuck:
            self.wiring.set_route(CHANNEL_ROUTES[channel])

    @scpi_query("ROUTe:CLOSe", ChannelList())
    def closed(self, entries: tuple) -> str:
        """1 or 0 for each listed channel."""
        return ",".join("1" if channel == self._closed else "0" for channel in self._channels(entries))

    @scpi_query("ROUTe:CLOSe:STATe")
    def closed_list(self) -> str:
        """The closed channels as a channel list (`(@)` when none)."""
        return ChannelList().format(((CARD, self._closed),)) if self._closed is not None else "(@)"

    @scpi_command("ROUTe:OPEN", ChannelList(), write_only="read the state back with ROUTe:CLOSe:STATe?")
    def open(self, entries: tuple) -> None:
        """Open the listed channels."""
        if self._closed in self._channels(entries):
            self.open_all()

    @scpi_command("ROUTe:OPEN:ALL")
    def open_all(self) -> None:
        """Open every relay."""
        if self._settling is not None and self._settling.is_alive:
            self._settling.interrupt()
        self._settling = None
        self._closed = None
        if self.wiring is not None and not any(self._stuck.values()):
            self.wiring.set_route("none")

    def stick(self, channel: int) -> None:
        """Fault: the relay of `channel` (1..3 on card 1) stays as it is now (closed or open) whatever the
        card is told; the card's own state reports keep following the commands."""
        (channel,) = self._channels((channel,))
        self._stuck[channel] = self.wiring is not None and self.wiring.route == CHANNEL_ROUTES[channel]

    def unstick(self, channel: int) -> None:
        """The relay of `channel` works again (it moves to what the card was last told)."""
        self._stuck.pop(channel, None)
        if self.wiring is not None and not any(self._stuck.values()):
            settled = self._closed is not None and not self.busy()
            self.wiring.set_route(CHANNEL_ROUTES[self._closed] if settled else "none")

    @property
    def stuck(self) -> dict[int, bool]:
        """Stuck relays: channel -> stuck closed (True) or open (False)."""
        return dict(self._stuck)

    def reset(self) -> None:
        self.open_all()
        super().reset()
