"""The emulated instruments of the skyrmion bench, on the device's SimPy clock.

One concept per module:
- `clock`             BenchClock: the shared simulated clock (virtual or real time) and how waits advance it
- `bench_instrument`  BenchInstrument: the clock hooks and wiring every instrument shares
- `wiring`            Wiring: routes, loads, the device's electrical response, interlock and damage
- `pulse_amplifier`   PulseAmplifier: the high-voltage variant of the pulse path
- `pulse_generator`   PulseGenerator: Keysight 81150A pulses into A-A'
- `keithley`          KeithleyCommon: what the 2182A and 6221 share (MEASurement register, STAT:QUE:CLE)
- `current_source`    CurrentSource: Keithley 6221 sense current and delta mode
- `voltmeter_noise`   VoltmeterNoise, FlickerNoise: white and 1/f reading noise vs range and integration time
- `thermal_drift`     ThermalDrift: the leads' slow thermoelectric drift at the voltmeter input
- `nanovoltmeter`     Nanovoltmeter: Keithley 2182A Hall-voltage readings
- `magnet`            MagnetSupply: AMI 430 ramping the device's Bz
- `switch`            RouteSwitch: the pulse / Hall / track routes (Keithley 7001 commands), exclusive
- `simulated`         PyvisaSimInstrument: instruments without physics, served by pyvisa-sim
- `bench`             BenchConfig, build_bench, SkyrmionBench
- `bench_file`        bench files (YAML; the one reader of the format), the default bench, `install()` for
                      @skybench and `skybench serve`
- `faults`            BenchFaults: failures injected into a bench (link faults, quench, stuck relay, damage)
- `harness`           BenchHarness: a fresh bench with a resource manager, clock, faults and truth() (the
                      pytest plugin's `skybench_bench`)

`INSTRUMENT_CLASSES` lists every emulated instrument class; the conventions test runs over it.
"""
from instruments.current_source import CurrentSource
from instruments.magnet import MagnetSupply
from instruments.nanovoltmeter import Nanovoltmeter
from instruments.pulse_generator import PulseGenerator
from instruments.switch import RouteSwitch

INSTRUMENT_CLASSES = (PulseGenerator, CurrentSource, Nanovoltmeter, MagnetSupply, RouteSwitch)
"""Every emulated instrument class (checked by tests/protocols/test_conventions.py)."""

__all__ = ["INSTRUMENT_CLASSES", "CurrentSource", "MagnetSupply", "Nanovoltmeter", "PulseGenerator", "RouteSwitch"]
