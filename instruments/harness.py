"""`BenchHarness`: one fresh, seeded bench with what a test of lab code needs around it.

    harness = BenchHarness.build(seed=3)                     # or bench="my_bench.yaml", preset=...
    rm = harness.resource_manager                            # pyvisa, on this bench only
    driver = AMI430(MAGNET, visa_library=harness.visa_library)   # PyMeasure drivers on the same bench
    harness.clock.now(); harness.clock.advance(10.0)          # the bench's simulated clock (s)
    harness.faults.silence("GPIB0::7::INSTR")                # see instruments.faults
    harness.truth()["skyrmions_in_effective_area"]            # the hidden state (TRUTH_KEYS)
    harness.close()

The pytest plugin (`skybench.pytest_plugin`, fixture `skybench_bench`) makes one per test.
"""
from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from types import MappingProxyType
from typing import Any

from instruments.bench import SkyrmionBench, build_bench
from instruments.faults import BenchFaults

TRUTH_KEYS = MappingProxyType({
    "time_s": "simulated time of the bench clock (s)",
    "field_T": "Bz the device feels (T)",
    "temperature_K": "film temperature of the device (K)",
    "skyrmions_in_effective_area": "skyrmions whose centre is in the Hall cross's effective area",
    "skyrmions_total": "skyrmions anywhere in the device",
    "mean_diameter_m": "mean diameter of the skyrmions in the effective area (m; NaN if none)",
    "reversed_fraction": "reversed-magnetisation fraction of the effective area",
    "hall_resistance_ohm": "the device's Hall resistance rho_xy / t (Ohm)",
    "damaged": "whether the device has been destroyed",
    "damage_reason": "why (None while intact)",
    "route": "the route the switch's relays actually connect (none, pulse, hall, track)",
    "magnet_state": "the AMI 430 STATE? code (None without a magnet)",
    "magnet_quenched": "whether the magnet has quenched (False without a magnet)",
    "pulses_delivered": "pulses that reached the device",
})
"""The keys of `BenchHarness.truth()` and what each means."""


class BenchHarness:
    """A bench, a pyvisa resource manager on it, its clock, fault injection and its true state."""

    def __init__(self, bench: SkyrmionBench):
        import pyvisa

        from protocols.visa_library import SkybenchVisaLibrary

        self.bench = bench
        """The `instruments.bench.SkyrmionBench` (instruments, device, wiring)."""
        self.clock = bench.clock
        """The bench's `BenchClock`: `now()` (s), `advance(seconds)`."""
        self.faults = BenchFaults(bench)
        """Fault injection (instruments.faults)."""
        self.visa_library = SkybenchVisaLibrary.with_bench(bench)
        """The pyvisa library of this bench (`visa_library=` for PyMeasure drivers)."""
        self.resource_manager = pyvisa.ResourceManager(self.visa_library)
        """A pyvisa ResourceManager that opens this bench's instruments only."""

    @classmethod
    def build(cls, seed: int = 0, bench: str | Path | None = None, preset: str | None = None,
              built_presets: dict[str, Any] | None = None) -> "BenchHarness":
        """A fresh bench: the default bench, or the bench file `bench`, with the device preset `preset` and
        the seed `seed` (both override the file's). `built_presets` (name -> built preset) saves rebuilding a
        preset (seconds) for every bench; it is filled as presets are built."""
        from instruments.bench_file import DEFAULT_BENCH_FILE, read_bench_config
        from protocols.bench import loaders

        config = read_bench_config(Path(bench) if bench is not None else DEFAULT_BENCH_FILE)
        changes: dict[str, Any] = {"seed": seed}
        if preset is not None:
            changes["preset"] = preset
        config = dataclasses.replace(config, **changes)
        built = None
        if built_presets is not None:
            built = built_presets.get(config.preset)
            if built is None:
                from emulator.presets import DEVICES

                built = built_presets[config.preset] = DEVICES[config.preset]()
        return cls(build_bench(config, preset=built, extra_kinds=dict(loaders().kinds)))

    def truth(self) -> dict[str, Any]:
        """The bench's hidden state now (TRUTH_KEYS documents each entry); reading it lets no time pass (a
        bench at a time rate is first brought up to the wall clock, as a command would)."""
        bench = self.bench
        bench.clock.catch_up()
        wiring = bench.wiring
        reading = bench.device.read()
        magnet = bench.magnet
        diameter = reading.mean_diameter
        return {
            "time_s": bench.clock.now(),
            "field_T": reading.field,
            "temperature_K": bench.device.temperature(),
            "skyrmions_in_effective_area": reading.n_inside,
            "skyrmions_total": reading.n_total,
            "mean_diameter_m": diameter if math.isfinite(diameter) else math.nan,
            "reversed_fraction": reading.reversed_fraction,
            "hall_resistance_ohm": reading.hall_resistance,
            "damaged": wiring.damaged is not None,
            "damage_reason": wiring.damaged,
            "route": wiring.route,
            "magnet_state": magnet.state_code if magnet is not None else None,
            "magnet_quenched": magnet.quenched if magnet is not None else False,
            "pulses_delivered": sum(1 for p in wiring.pulses if p.delivered),
        }

    def close(self) -> None:
        """Close the resource manager (and with it every resource opened on it)."""
        self.resource_manager.close()

    def __enter__(self) -> "BenchHarness":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


__all__ = ["TRUTH_KEYS", "BenchHarness"]
