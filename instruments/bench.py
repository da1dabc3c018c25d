"""The skyrmion bench: one device, one clock, one wiring and the instruments, under their resource names.

`BenchConfig` says what a bench is (it is what a bench file holds, see `instruments.bench_file`);
`build_bench(config)` makes a `SkyrmionBench`, the `protocols.bench.Bench` every transport serves
(`@skybench`, `skybench serve`) with the physical pieces attached:

    bench = build_bench(BenchConfig(seed=3))
    bench.pulse_generator, bench.nanovoltmeter ...     # the instrument objects (in-process use)
    bench.device, bench.wiring, bench.clock            # the device, the network, the SimPy clock

Seeds: the device gets the bench seed itself (the same seed policy as `skybench device`, so a measured run
and a direct emulator run of one seed start from the same device state); the wiring's offset and every
instrument's noise draw from independent streams spawned from it (`numpy.random.SeedSequence`).
"""
from __future__ import annotations

import dataclasses
import math
from types import MappingProxyType
from typing import Any, Callable

import numpy as np

from instruments.clock import BenchClock
from instruments.current_source import CurrentSource
from instruments.magnet import MagnetSupply
from instruments.nanovoltmeter import Nanovoltmeter
from instruments.pulse_generator import PulseGenerator
from instruments.simulated import PyvisaSimInstrument
from instruments.switch import RouteSwitch
from instruments.wiring import Wiring, WiringParameters
from protocols.bench import Bench
from skybench.errors import ParameterError, check_positive, check_range, check_seed

INSTRUMENT_KINDS = MappingProxyType({
    "pulse_generator": PulseGenerator,
    "current_source": CurrentSource,
    "nanovoltmeter": Nanovoltmeter,
    "magnet": MagnetSupply,
    "switch": RouteSwitch,
})
"""Bench-file kind -> the emulated instrument class (each kind at most once per bench)."""
PYVISA_SIM_KIND = "pyvisa_sim"
"""Bench-file kind of an instrument served by pyvisa-sim (options: file, device resource)."""
DEFAULT_RESOURCES = (
    ("GPIB0::10::INSTR", "pulse_generator"),
    ("GPIB0::12::INSTR", "current_source"),
    ("GPIB0::7::INSTR", "nanovoltmeter"),
    ("GPIB0::17::INSTR", "switch"),
    ("TCPIP0::192.168.1.30::7180::SOCKET", "magnet"),
)
"""The default bench's resource names (GPIB addresses as such a bench would have; the AMI 430 on LAN)."""
HALL_PRESETS = ("gdfeco_experiment",)
"""Device presets with a Hall readout (the bench measures a Hall voltage)."""


@dataclasses.dataclass(frozen=True)
class InstrumentEntry:
    """One instrument of a bench file."""

    resource: str
    """VISA resource name it answers on."""
    kind: str
    """One of INSTRUMENT_KINDS, PYVISA_SIM_KIND, or a kind registered with protocols.bench."""
    options: dict = dataclasses.field(default_factory=dict)
    """Keyword options of its factory (pyvisa_sim: `file`, `device`)."""


@dataclasses.dataclass(frozen=True)
class BenchConfig:
    """A whole bench: device, clock, wiring and instruments."""

    name: str = "default"
    """Bench name (shown in listings)."""
    preset: str = "gdfeco_experiment"
    """Device preset (emulator.presets.DEVICES) mounted on the bench."""
    seed: int = 0
    """Seed of the device and of every instrument's noise."""
    field: float = 0.0
    """Bz (T) of the magnet and device when the bench is switched on."""
    time_rate: float | None = None
    """Simulated seconds per wall second; inf: as fast as possible (time moves when a controller waits); None:
    not given, the transport's default (in-process: as fast as possible; `skybench serve`: its --time-rate)."""
    wiring: WiringParameters = WiringParameters()
    """Cabling, contacts and the optional pulse amplifier."""
    instruments: tuple[InstrumentEntry, ...] = tuple(InstrumentEntry(r, k) for r, k in DEFAULT_RESOURCES)
    """The instruments and their resource names."""

    def __post_init__(self) -> None:
        check_seed("seed", self.seed)
        if self.preset not in HALL_PRESETS:
            raise ParameterError("device.preset", self.preset, "one of " + ", ".join(HALL_PRESETS)
                                 + " (the bench reads a Hall voltage)")
        check_range("device.field", self.field, -1.0, 1.0, "T")
        if self.time_rate is not None and self.time_rate != math.inf:
            check_positive("clock.time_rate", self.time_rate, "simulated s per wall s")
        from protocols.bench import canonical_resource_name

        names = [canonical_resource_name(entry.resource) for entry in self.instruments]
        for name in names:
            if names.count(name) > 1:
                raise ParameterError("instruments", name, "each resource name once per bench")
        kinds = [entry.kind for entry in self.instruments if entry.kind in INSTRUMENT_KINDS]
        for kind in set(kinds):
            if kinds.count(kind) > 1:
                raise ParameterError("instruments", kind, "each emulated kind at most once per bench")


class SkyrmionBench(Bench):
    """A Bench (resource name -> instrument) with the device, wiring and clock it is built around."""

    def __init__(self, instruments: dict[str, Any], *, config: BenchConfig, clock: BenchClock, device: Any,
                 wiring: Wiring, preset: Any, roles: dict[str, Any]):
        super().__init__(instruments, name=config.name)
        self.config = config
        """What the bench was built from."""
        self.clock = clock
        """The shared simulated clock."""
        self.device = device
        """The mounted `emulator.device.SkyrmionDevice`."""
        self.wiring = wiring
        """The network between instruments and device."""
        self.preset = preset
        """The device preset."""
        self.pulse_generator: PulseGenerator | None = roles.get("pulse_generator")
        self.current_source: CurrentSource | None = roles.get("current_source")
        self.nanovoltmeter: Nanovoltmeter | None = roles.get("nanovoltmeter")
        self.magnet: MagnetSupply | None = roles.get("magnet")
        self.switch: RouteSwitch | None = roles.get("switch")


def build_bench(config: BenchConfig = BenchConfig(), preset: Any = None,
                extra_kinds: dict[str, Callable[..., Any]] | None = None) -> SkyrmionBench:
    """Build the bench `config` describes. `preset`: an already built device preset of `config.preset`
    (building one takes seconds); `extra_kinds`: factories of other instrument kinds (demo meters...)."""
    import simpy

    from emulator.device import SkyrmionDevice
    from emulator.presets import DEVICES

    if preset is None:
        preset = DEVICES[config.preset]()
    elif getattr(preset, "name", config.preset) != config.preset:
        raise ParameterError("preset", getattr(preset, "name", preset), f"a built '{config.preset}' preset")
    clock = BenchClock(simpy.Environment(), config.time_rate)
    streams = np.random.SeedSequence(config.seed).spawn(len(config.instruments) + 1)
    device = SkyrmionDevice(clock.env, preset, seed=config.seed, field=config.field)
    wiring = Wiring(device, config.wiring, seed=streams[0])
    instruments: dict[str, Any] = {}
    roles: dict[str, Any] = {}
    for entry, stream in zip(config.instruments, streams[1:]):
        kind = entry.kind
        if kind in INSTRUMENT_KINDS:
            options = dict(entry.options)
            if kind == "magnet":
                options.setdefault("field", config.field)
            instrument = INSTRUMENT_KINDS[kind](clock=clock, wiring=wiring, seed=stream, **options)
            roles[kind] = instrument
        elif kind == PYVISA_SIM_KIND:
            options = dict(entry.options)
            instrument = PyvisaSimInstrument(options.pop("file"), options.pop("device", entry.resource), **options)
        elif extra_kinds is not None and kind in extra_kinds:
            instrument = extra_kinds[kind](**entry.options)
        else:
            known = sorted(INSTRUMENT_KINDS) + [PYVISA_SIM_KIND] + sorted(extra_kinds or ())
            raise ParameterError("kind", kind, "one of " + ", ".join(known))
        instruments[entry.resource] = instrument
    wiring.pulse_source = roles.get("pulse_generator")
    wiring.current_source = roles.get("current_source")
    wiring.voltmeter = roles.get("nanovoltmeter")
    return SkyrmionBench(instruments, config=config, clock=clock, device=device, wiring=wiring, preset=preset,
                         roles=roles)
