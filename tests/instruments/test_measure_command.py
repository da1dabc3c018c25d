"""`skybench measure`: the user's fig2b script run through the instruments in-process. Its trace is what the
device did, seen through the 2182A's noise: against the device's own state in the same run (device_truth.csv)
the residuals have the size the noise model predicts (sigma / sqrt(10) per state, sigma = e / sqrt(2 T)); the
trace is readable by the nn trace reader; bad arguments and a destroyed device end with a one-line error
and nothing written. (The statistical comparison with a direct emulator run is in test_measure_agreement.py.)"""
from __future__ import annotations

import csv
import dataclasses
import json
import math
import statistics
import types

import pytest

import instruments.bench
from emulator.pulse_protocols import fig2b
from instruments.voltmeter_noise import VoltmeterNoise
from instruments.wiring import WiringParameters
from skybench.cli import main

STACK_THICKNESS = 260e-9  # m, the gdfeco stack (paper section II.A)
NOHM_CM = 1e-11


@pytest.fixture
def fast_build(monkeypatch, gdfeco_preset):
    """Let the command reuse the session's device preset instead of building its own (seconds), on wiring
    without thermoelectric drift: these residuals test the white noise model (the drift and the meter's 1/f
    noise have their own tests, test_nanovoltmeter_noise.py)."""
    real = instruments.bench.build_bench

    def build(config, preset=None, **kwargs):
        wiring = dataclasses.replace(config.wiring, thermal_emf_drift_std=0.0)
        return real(dataclasses.replace(config, wiring=wiring), preset=gdfeco_preset, **kwargs)

    monkeypatch.setattr(instruments.bench, "build_bench", build)


def read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def test_measure_writes_a_trace_that_matches_the_device_within_the_noise(tmp_path, fast_build):
    out = tmp_path / "run"
    assert main(["measure", "--protocol", "fig2b", "--seed", "2", "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == {"trace.csv", "measurement.json", "device_truth.csv", "summary.json",
                                               "trace.png"}
    trace, truth = read_csv(out / "trace.csv"), read_csv(out / "device_truth.csv")
    summary = json.loads((out / "summary.json").read_text())
    phases = [step.phase for step in fig2b().steps]  # the paper's protocol as the emulator defines it
    assert len(trace) == len(truth) == len(phases) == summary["pulses_delivered"] and summary["seed"] == 2
    assert [r["phase"] for r in trace] == phases

    # instrument noise per state: 10 readings of 5 PLC at 50 Hz on the 10 mV range, Hall arms of 20 Ohm
    wiring = WiringParameters()
    johnson = math.sqrt(4 * 1.380649e-23 * wiring.ambient_temperature * wiring.hall_arm_resistance)
    sigma_volts = VoltmeterNoise().reading_std(0.01, 5 / 50.0, johnson)
    sigma_rho = sigma_volts / 1e-4 * STACK_THICKNESS / NOHM_CM  # one reading, nOhm cm
    residuals = [float(m["rho_xy_change_nOhm_cm"]) - float(t["rho_xy_change_window_nOhm_cm"])
                 for m, t in zip(trace, truth)]
    # each state's mean has sigma/sqrt(10); the reference reading adds one common error of the same size
    assert statistics.fmean(residuals) == pytest.approx(0.0, abs=4 * math.hypot(sigma_rho / math.sqrt(10),
                                                                            sigma_rho / math.sqrt(10 * len(residuals))))
    spread = statistics.stdev(residuals)
    assert 0.6 * sigma_rho / math.sqrt(10) < spread < 1.6 * sigma_rho / math.sqrt(10)
    single = statistics.median(float(r["rho_xy_std_nOhm_cm"]) for r in trace)
    assert single == pytest.approx(sigma_rho, rel=0.35)  # median spread of the 10 readings of a state
    deepest = min(float(t["rho_xy_change_nOhm_cm"]) for t in truth)
    assert deepest < -20 * sigma_rho  # skyrmions were written: the signal stands far out of the noise

    nn_trace = pytest.importorskip("nn.trace_file")
    parsed = nn_trace.read_trace(out / "trace.csv")
    assert parsed.n_rows == len(phases) and parsed.rho_xy_std is not None


@pytest.mark.parametrize("argv", [
    ["--seed", "-1"], ["--protocol", "fig4b"], ["--readings", "1"], ["--readings", "5000"],
    ["--bench", "/no/such/bench.yaml"],
])
def test_bad_arguments_exit_2_with_one_line_and_write_nothing(tmp_path, capsys, argv):
    out = tmp_path / "never"
    assert main(["measure", "--out", str(out), *argv]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("skybench measure: error:") and "\n" not in error
    assert not out.exists()


def test_a_destroyed_device_is_reported_and_nothing_is_written(tmp_path, capsys, monkeypatch, fast_build):
    from skybench.commands import measure

    def destroy(rm, out, readings):  # a script that drives the generator flat out into the device
        pg = rm.open_resource("GPIB0::10::INSTR", read_termination="\n", write_termination="\n")
        switch = rm.open_resource("GPIB0::17::INSTR", read_termination="\n", write_termination="\n")
        pg.write(":OUTP1:LOAD INF;:FUNC1 PULS;:ARM:SOUR1 MAN;:VOLT1:LOW 0;:VOLT1:HIGH 10;:OUTP1 ON")
        switch.write("ROUT:CLOS (@1!1)")
        switch.query("*OPC?")
        pg.query("*TRG;*OPC?")
        (out / "trace.csv").write_text("pulse_index\n")
        return [{"phase": "potentiation", "rho_xy_change_nOhm_cm": 0.0}]

    monkeypatch.setattr(measure, "load_script", lambda protocol: types.SimpleNamespace(measure_fig2b=destroy))
    out = tmp_path / "burnt"
    assert main(["measure", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "destroyed" in error and "heating the film" in error
    assert not out.exists()


def test_script_found_where_a_wheel_installs_it_and_missing_is_named(tmp_path, monkeypatch):
    """A non-editable install has no examples/ beside the package: the script comes from <prefix>/share/skybench."""
    from skybench.commands import measure
    from skybench.errors import SkybenchError

    checkout, installed = tmp_path / "checkout", tmp_path / "share"
    installed.mkdir()
    (installed / "fig2b_measurement.py").write_text("def measure_fig2b(manager, out, readings):\n    return []\n")
    monkeypatch.setattr(measure, "EXAMPLES_DIRS", (checkout, installed))
    assert measure.load_script("fig2b").measure_fig2b(None, None, readings=2) == []
    monkeypatch.setattr(measure, "EXAMPLES_DIRS", (checkout, tmp_path / "nowhere"))
    with pytest.raises(SkybenchError, match="fig2b_measurement.py is missing") as error:
        measure.load_script("fig2b")
    assert str(checkout) in str(error.value) and "nowhere" in str(error.value)


def test_every_measurement_script_is_installed_as_data():
    """`skybench measure` finds its scripts in <prefix>/share/skybench/examples after a wheel install, so each
    protocol's script must be listed in pyproject's data-files (fig1b's once was not)."""
    import tomllib
    from pathlib import Path

    from skybench.commands.measure import PROTOCOL_SCRIPTS

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    installed = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["data-files"]["share/skybench/examples"]
    assert sorted(Path(name).name for name in installed) == sorted(PROTOCOL_SCRIPTS.values())
