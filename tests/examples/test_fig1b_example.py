"""The user's Hall-loop script, examples/fig1b_field_sweep.py: plain pyvisa, and run unchanged against the
emulated bench it measures a loop whose saturation, linearity and antisymmetry come from the device's domain
model (emulator/domain_model.py, emulator/film_state.py); `skybench measure --protocol fig1b` writes the
trace, summary and figure."""
from __future__ import annotations

import ast
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "examples" / "fig1b_field_sweep.py"


def test_the_script_imports_only_the_standard_library_and_pyvisa():
    tree = ast.parse(SCRIPT.read_text())
    modules = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
               for alias in node.names}
    modules |= {node.module.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    assert modules - set(sys.stdlib_module_names) == {"pyvisa"}


def test_the_unchanged_script_measures_a_loop(tmp_path):
    env = {"PYVISA_LIBRARY": "@skybench", "SKYBENCH_BENCH": "", "PATH": "", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path), "--readings", "2",
                           "--step", "0.02"], env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "trace.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 * 41
    first, last_down = float(rows[0]["hall_resistance_ohm"]), float(rows[40]["hall_resistance_ohm"])
    # saturated up at +0.4 T, saturated down at -0.4 T: the anomalous Hall signal reverses
    assert first > 0.04 and last_down < -0.04


def test_measure_fig1b_writes_the_loop_figures(tmp_path):
    out = tmp_path / "loop"
    done = subprocess.run([sys.executable, "-m", "skybench.cli", "measure", "--protocol", "fig1b", "--readings",
                           "2", "--out", str(out)], env={"PYTHONPATH": str(REPO), "PATH": "", "SKYBENCH_BENCH": ""},
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert {p.name for p in out.iterdir()} >= {"trace.csv", "summary.json", "fig1b.png", "measurement.json"}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["points_per_direction"] == {"down": 161, "up": 161}
    from emulator.presets import gdfeco_experiment

    # the loop closes where the domain model saturates (within one 5 mT step and the 2 % tolerance)
    b_s = gdfeco_experiment().stripe_model.saturation_field()
    for direction in ("down", "up"):
        assert summary["saturation_field_T"][direction] == pytest.approx(b_s, abs=0.011)
    assert summary["r_sat_ohm"] == pytest.approx(1.3e-8 / 260e-9, rel=0.01)   # rho_AH / t of the preset
    assert summary["antisymmetry"] < 0.1
