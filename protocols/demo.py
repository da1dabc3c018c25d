"""`DemoMeter`: a small generic voltmeter that exercises the protocol layer, and the bench it makes.

It is not a model of any real instrument; it exists so that the SCPI engine, the transports and their tests
have something to talk to before (and apart from) the concrete instruments. It has one property of each
value type, a numeric header suffix, a measurement that takes simulated time (NPLC / LINE_FREQUENCY seconds
on a tiny virtual clock of its own), a bus trigger, a block and a channel list.
"""
from __future__ import annotations

import math
from typing import Callable

from protocols.declare import Deferred, ScpiProperty, scpi_command, scpi_query
from protocols.errors import DATA_STALE, INIT_IGNORED, TRIGGER_IGNORED, ScpiError
from protocols.instrument import ScpiInstrument
from protocols.values import Block, Bool, ChannelList, Choice, Float, Int, String

#: Mains frequency that sets the integration time (Hz).
LINE_FREQUENCY = 50.0
#: Integration time in power-line cycles: limits and default.
NPLC_MIN = 0.01
NPLC_MAX = 60.0
NPLC_DEFAULT = 5.0
#: Measurement range (V): limits and default; out-of-range values are clipped.
RANGE_MIN = 0.01
RANGE_MAX = 100.0
RANGE_DEFAULT = 10.0
#: Trigger delay (s): limits, default and the UP/DOWN step; out-of-range values are clipped with -222.
DELAY_MIN = 0.0
DELAY_MAX = 10.0
DELAY_STEP = 0.1
DELAY_DEFAULT = 0.0
#: Trigger count: limits and default (INF allowed).
COUNT_MIN = 1
COUNT_MAX = 9999
COUNT_DEFAULT = 1
#: Longest label (characters) and block (bytes).
LABEL_MAX = 32
BLOCK_MAX = 4096
#: Channels of the demo scanner.
CHANNEL_MIN = 1
CHANNEL_MAX = 10
#: OPERation register bit set while a measurement integrates (SCPI-99: bit 4, MEASuring).
OPER_MEASURING = 1 << 4


class DemoMeter(ScpiInstrument):
    """A generic DC voltmeter on a virtual clock (time moves only when a controller waits)."""

    MANUFACTURER = "SKYBENCH"
    MODEL = "DEMOMETER"
    SERIAL_NUMBER = "0001"
    FIRMWARE = "1.0"

    nplc = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:NPLCycles",
        Float(low=NPLC_MIN, high=NPLC_MAX, out_of_range="error"),
        default=NPLC_DEFAULT,
        doc="Integration time in power-line cycles.",
    )
    voltage_range = ScpiProperty(
        "[:SENSe]:VOLTage[:DC]:RANGe[:UPPer]",
        Float(unit="V", low=RANGE_MIN, high=RANGE_MAX, out_of_range="clip"),
        default=RANGE_DEFAULT,
        doc="Measurement range (V); clipped to the limits.",
    )
    output_enabled = ScpiProperty(
        "OUTPut<n:1-2>[:STATe]", Bool(), default=False, doc="Output n (1 or 2) on or off."
    )
    trigger_source = ScpiProperty(
        "TRIGger:SOURce",
        Choice("IMMediate", "BUS", "EXTernal"),
        default="IMM",
        doc="Trigger source: IMM, BUS or EXT.",
    )
    trigger_delay = ScpiProperty(
        "TRIGger:DELay",
        Float(unit="s", low=DELAY_MIN, high=DELAY_MAX, out_of_range="clip_error", step=DELAY_STEP),
        default=DELAY_DEFAULT,
        doc="Trigger delay (s); clipped with -222; UP/DOWN step 0.1 s.",
    )
    trigger_count = ScpiProperty(
        "TRIGger:COUNt",
        Int(low=COUNT_MIN, high=COUNT_MAX, out_of_range="error", inf=True),
        default=COUNT_DEFAULT,
        doc="Readings per trigger (INF allowed).",
    )
    label = ScpiProperty(
        "SYSTem:LABel", String(max_length=LABEL_MAX), default="", doc="A free text label."
    )
    data_block = ScpiProperty(
        "DATA:BLOCk", Block(max_length=BLOCK_MAX), default=b"", doc="Arbitrary bytes stored as given."
    )

    def __init__(self, input_voltage: float = 1.234e-6):
        self.input_voltage = input_voltage
        self.clock = 0.0
        self.busy_until: float | None = None
        self.last_reading: float | None = None
        self.closed_channels: tuple = ()
        self.triggers = 0
        super().__init__()

    # --- time ------------------------------------------------------------------------------------
    def now(self) -> float:
        return self.clock

    def operations_pending(self) -> bool:
        return self.busy_until is not None and self.clock < self.busy_until

    def advance_until(self, condition: Callable[[], bool], timeout: float | None) -> bool:
        """Jump the virtual clock to the end of the measurement if that is within `timeout`, else let
        `timeout` pass."""
        if condition():
            return True
        deadline = math.inf if timeout is None else self.clock + timeout
        if self.busy_until is not None and self.busy_until <= deadline:
            self.clock = max(self.clock, self.busy_until)
        elif timeout is not None:
            self.clock = deadline
        self._settle()
        return condition()

    def _settle(self) -> None:
        if self.busy_until is not None and self.clock >= self.busy_until:
            self.busy_until = None
            self.last_reading = self.input_voltage
            self.status_register("OPER").set_condition(OPER_MEASURING, False)

    def integration_time(self) -> float:
        """Seconds one reading takes: NPLC / line frequency."""
        return self.nplc / LINE_FREQUENCY

    def _start(self) -> None:
        self.busy_until = self.clock + self.trigger_delay + self.integration_time()
        self.last_reading = None
        self.status_register("OPER").set_condition(OPER_MEASURING, True)

    # --- commands --------------------------------------------------------------------------------
    @scpi_command("INITiate[:IMMediate]")
    def initiate(self) -> None:
        """Start one reading; -213 while one is running."""
        self._settle()
        if self.operations_pending():
            raise ScpiError(INIT_IGNORED)
        self._start()

    @scpi_query("READ", returns=Float())
    def read(self):
        """Start a reading and answer it once integrated."""
        self._settle()
        if not self.operations_pending():
            self._start()
        return Deferred(lambda: not self.operations_pending(), self._fetch_now)

    @scpi_query("FETCh", returns=Float())
    def fetch(self) -> float:
        """The last completed reading; -230 if there is none."""
        self._settle()
        return self._fetch_now()

    def _fetch_now(self) -> float:
        self._settle()
        if self.last_reading is None:
            raise ScpiError(DATA_STALE)
        return self.last_reading

    @scpi_command("ROUTe:CLOSe", ChannelList())
    def close_channels(self, channels: tuple) -> None:
        """Close the listed scanner channels (1-10); -224 outside."""
        for channel in channels:
            if not isinstance(channel, int) or not CHANNEL_MIN <= channel <= CHANNEL_MAX:
                raise ScpiError(-224, f"channel {channel}")
        self.closed_channels = tuple(sorted(set(self.closed_channels) | set(channels)))

    @scpi_query("ROUTe:CLOSe")
    def closed(self) -> str:
        """The closed channels as a channel list."""
        return ChannelList().format(self.closed_channels)

    @scpi_command("ROUTe:OPEN:ALL")
    def open_all(self) -> None:
        """Open every channel."""
        self.closed_channels = ()

    def trigger(self) -> None:
        """*TRG / GET: one immediate reading when the trigger source is BUS, else -211."""
        if self.trigger_source != "BUS":
            raise ScpiError(TRIGGER_IGNORED)
        self.triggers += 1
        self.last_reading = self.input_voltage

    def reset(self) -> None:
        super().reset()
        self.busy_until = None
        self.last_reading = None
        self.closed_channels = ()


#: The demo bench's resource names.
DEMO_RESOURCES = ("GPIB0::22::INSTR", "TCPIP0::127.0.0.1::5025::SOCKET")


def demo_bench():
    """A bench of two DemoMeters: one on GPIB, one as an LXI raw socket."""
    from protocols.bench import Bench

    return Bench({name: DemoMeter() for name in DEMO_RESOURCES})
