"""The 2182A's noise beyond the white floor. References: 1/f noise S(f) = e^2 f_c / f has the Allan floor
e sqrt(2 ln2 f_c) (NIST TN 1337, Table 1), white noise e / sqrt(2 tau); a smooth thermoelectric drift E(t)
biases a two-point reversal by -dE/dt dt / 2 and cancels in the 6221's three-point delta (A - 2B + C) / 4
(2182A and 6221 manuals, "Delta"). The delta test uses a deliberately bad junction (2 uV rms drift) so the
bias stands far out of the noise; benchmarks/nanovoltmeter_noise.py measures the default bench."""
from __future__ import annotations

import math

import numpy as np
import pytest

from instruments.thermal_drift import DRIFT_PERIOD_MIN, ThermalDrift
from instruments.voltmeter_noise import FLICKER_CORNER, FlickerNoise, VoltmeterNoise
from instruments.wiring import WiringParameters
from protocols.session import MessageSession

allantools = pytest.importorskip("allantools")

SPACING = 0.1  # s between readings (5 PLC at 50 Hz)


def test_white_plus_flicker_has_the_allan_floor_of_1_over_f_noise():
    rng = np.random.default_rng(4)
    flicker = FlickerNoise(np.random.default_rng(5))
    count = 2**16
    times = np.arange(count) * SPACING
    white = rng.normal(0.0, 1.0 / math.sqrt(2 * SPACING), count)  # unit density, boxcar of one spacing
    series = white + np.array([flicker.value(t) for t in times])
    taus, adev, _, _ = allantools.oadev(series, rate=1 / SPACING, data_type="freq", taus=np.array([0.1, 100.0]))
    assert adev[0] == pytest.approx(math.hypot(1 / math.sqrt(2 * 0.1), math.sqrt(2 * math.log(2) * FLICKER_CORNER)),
                                    rel=0.05)
    floor = math.sqrt(2 * math.log(2) * FLICKER_CORNER)
    assert adev[1] == pytest.approx(floor, rel=0.35)  # averaging 1000 readings: the 1/f floor, not 1/sqrt(1000)
    assert adev[1] > 3 * (1 / math.sqrt(2 * 100.0))  # white noise alone would be 0.07


def test_the_flicker_rms_matches_its_model():
    noise = VoltmeterNoise()
    processes = [FlickerNoise(np.random.default_rng(seed)) for seed in range(400)]
    values = np.array([p.value(0.0) for p in processes]) * noise.density(0.01)
    assert values.std() == pytest.approx(noise.flicker_std(0.01), rel=0.1)


def test_the_thermal_drift_has_its_rms_and_is_smooth():
    drift = ThermalDrift(np.random.default_rng(7), 20e-9)
    times = np.linspace(0.0, 2e6, 200_001)
    values = np.array([drift.value(t) for t in times[::100]])
    spreads = [np.std([ThermalDrift(np.random.default_rng(s), 20e-9).value(t) for t in np.linspace(0, 1e5, 400)])
               for s in range(40)]
    assert math.sqrt(np.mean(np.square(spreads))) == pytest.approx(20e-9, rel=0.25)
    assert np.abs(values).max() < 6 * 20e-9
    step = DRIFT_PERIOD_MIN / 1000
    numeric = (drift.value(50.0 + step) - drift.value(50.0 - step)) / (2 * step)
    assert drift.slope(50.0) == pytest.approx(numeric, rel=1e-4)


def ask(instrument):
    session = MessageSession(instrument)

    def query(message: str) -> str:
        session.write(message.encode() + b"\n")
        return session.read(timeout=None).data.decode().strip()

    def write(message: str) -> None:
        session.write(message.encode() + b"\n")

    return query, write


def test_delta_cancels_a_drift_that_biases_two_point_reversal(make_bench):
    bench = make_bench(seed=3, wiring=WiringParameters(thermal_emf_drift_std=2e-6))
    nv, nv_write = ask(bench.nanovoltmeter)
    cs, cs_write = ask(bench.current_source)
    sw, sw_write = ask(bench.switch)
    sw_write("ROUT:CLOS (@1!2)")
    sw("*OPC?")
    nv_write(":SENS:VOLT:NPLC 5;:SENS:VOLT:DFIL OFF;:SENS:VOLT:CHAN1:RANG 0.01;:TRIG:COUN 1")
    current, delay, pairs = 1e-4, 0.5, 50
    truth = current * (bench.device.read().hall_resistance + bench.config.wiring.misalignment_resistance)
    two, predicted = [], []
    cs_write("SOUR:CURR:RANG 1e-4;:SOUR:CURR:COMP 2;:OUTP ON")
    for _ in range(pairs):
        cs_write(f"SOUR:CURR {current}")
        bench.clock.advance(delay)
        start = bench.clock.now()
        plus = float(nv("READ?"))
        cs_write(f"SOUR:CURR {-current}")
        bench.clock.advance(delay)
        minus = float(nv("READ?"))
        two.append((plus - minus) / 2)
        predicted.append(-bench.wiring.thermal_drift.slope(start) * (bench.clock.now() - start) / 2)
    cs_write("OUTP OFF")
    cs_write(f"SOUR:DELT:HIGH {current};:SOUR:DELT:LOW {-current};:SOUR:DELT:DEL {delay};:SOUR:DELT:COUN {2 * pairs};"
             f":TRAC:POIN {2 * pairs};:UNIT V;:SOUR:DELT:ARM;:INIT:IMM")
    cs("*OPC?")
    three = [float(v) for v in cs("TRAC:DATA?").split(",")[0::2]]
    two_error, three_error = np.mean(two) - truth, np.mean(three) - truth
    noise = VoltmeterNoise().reading_std(0.01, 0.1, bench.wiring.johnson_density(20.0))
    assert abs(np.mean(predicted)) > 20 * noise / math.sqrt(pairs)  # the drift's bias stands out of the noise
    assert two_error == pytest.approx(np.mean(predicted), rel=0.2)
    assert abs(three_error) < abs(two_error) / 10
