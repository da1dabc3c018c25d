"""Fixtures for the instrument tests: the device preset (built once, it takes seconds), fresh benches on it, a
controller that talks to an instrument as a GPIB controller does, and a pyvisa resource manager on a bench."""
from __future__ import annotations

import dataclasses

import pytest

from instruments.bench import BenchConfig, build_bench
from instruments.harness import BenchHarness
from protocols.session import MessageSession


class Controller:
    """Writes program messages to one instrument and reads its responses (timeouts in simulated seconds)."""

    def __init__(self, instrument):
        self.instrument = instrument
        self.session = MessageSession(instrument)

    def write(self, message: str) -> None:
        self.session.write(message.encode("latin-1") + b"\n")

    def ask(self, message: str, timeout: float | None = 60.0) -> str | None:
        self.write(message)
        result = self.session.read(timeout=timeout)
        return None if result.timed_out else result.data.decode("latin-1").rstrip("\r\n")

    def errors(self) -> list[int]:
        """Drain the error queue; the codes, oldest first."""
        codes = []
        while True:
            code = int(self.ask("SYST:ERR?").split(",", 1)[0])
            if code == 0:
                return codes
            codes.append(code)


@pytest.fixture(scope="session")
def gdfeco_preset():
    """The gdfeco_experiment device preset (current-flow solve and radius table: built once per session)."""
    from emulator.presets import DEVICES

    return DEVICES["gdfeco_experiment"]()


@pytest.fixture
def make_bench(gdfeco_preset):
    """make_bench(**BenchConfig fields) -> a fresh SkyrmionBench on the shared preset."""

    def make(**fields):
        return build_bench(dataclasses.replace(BenchConfig(), **fields), preset=gdfeco_preset)

    return make


@pytest.fixture
def bench(make_bench):
    """A fresh default bench (seed 0) on the shared preset."""
    return make_bench()


@pytest.fixture
def rm_for():
    """rm_for(bench) -> a pyvisa ResourceManager on the in-process @skybench backend serving `bench`."""
    import pyvisa

    from protocols.visa_library import SkybenchVisaLibrary

    managers = []

    def make(bench):
        manager = pyvisa.ResourceManager(SkybenchVisaLibrary.with_bench(bench))
        managers.append(manager)
        return manager

    yield make
    for manager in managers:
        manager.close()


@pytest.fixture
def controller():
    """controller(instrument) -> a Controller talking to it."""
    return Controller


@pytest.fixture
def ctl(bench):
    """A Controller on each emulated instrument of the `bench` fixture, by role."""
    return {name: Controller(getattr(bench, name)) for name in
            ("pulse_generator", "current_source", "nanovoltmeter", "magnet", "switch")}


@pytest.fixture
def harness(gdfeco_preset):
    """A bench harness (bench, clock, faults, truth) on the session's gdfeco_experiment preset, seed 0."""
    with BenchHarness.build(seed=0, built_presets={"gdfeco_experiment": gdfeco_preset}) as made:
        yield made
