"""The user's measurement script, examples/fig2b_measurement.py: it is plain pyvisa (no skybench import), its
protocol is the paper's Fig. 2b exactly as the emulator defines it (emulator.pulse_protocols.fig2b), and run
unchanged with PYVISA_LIBRARY=@skybench it measures the emulated bench: the pulse-path resistance it finds is
the device's track plus the bench's leads, and its trace has the `skybench device` columns."""
from __future__ import annotations

import ast
import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "examples" / "fig2b_measurement.py"
STDLIB = set(sys.stdlib_module_names)


def load_script():
    spec = importlib.util.spec_from_file_location("fig2b_measurement_under_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_imports_only_the_standard_library_and_pyvisa():
    tree = ast.parse(SCRIPT.read_text())
    modules = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
               for alias in node.names}
    modules |= {node.module.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    assert modules - STDLIB == {"pyvisa"}


def test_the_script_runs_the_papers_protocol():
    from emulator.pulse_protocols import fig2b

    reference = fig2b()
    script = load_script()
    steps = script.protocol_steps()
    assert len(steps) == len(reference.steps)
    for (phase, density, field), step in zip(steps, reference.steps):
        assert phase == step.phase and field == pytest.approx(step.field)
        assert density == pytest.approx(step.current_density, rel=1e-12)
        assert script.PULSE_WIDTH == pytest.approx(step.width)
    assert [f for f, _ in reference.preparation] == pytest.approx([script.SATURATION_FIELD, script.POTENTIATION_FIELD])


def test_the_unchanged_script_measures_the_emulated_bench(tmp_path):
    env = {"PYVISA_LIBRARY": "@skybench", "SKYBENCH_BENCH": "", "PATH": "", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path), "--readings", "4"], env=env,
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    from emulator.pulse_protocols import fig2b

    pulses = len(fig2b().steps)
    assert f"{pulses} pulses" in done.stdout
    with (tmp_path / "trace.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == pulses
    assert list(rows[0])[:7] == ["pulse_index", "phase", "current_density_A_per_m2", "pulse_width_s",
                                 "n_skyrmions_active", "mean_diameter_m", "rho_xy_change_nOhm_cm"]
    summary = json.loads((tmp_path / "measurement.json").read_text())
    from emulator.presets import GDFECO_EXPERIMENT

    # the preset's track: resistivity x 18 um / (4.5 um x 260 nm); the default bench adds 2 Ohm of leads
    track = GDFECO_EXPERIMENT.resistivity * 18e-6 / (4.5e-6 * GDFECO_EXPERIMENT.stack_thickness)
    assert summary["path_resistance_ohm"] == pytest.approx(track + 2.0, rel=1e-4)
    assert summary["instruments"]["nanovoltmeter"].startswith("KEITHLEY INSTRUMENTS INC.,MODEL 2182A")
    potentiation = [float(r["rho_xy_change_nOhm_cm"]) for r in rows if r["phase"] == "potentiation"]
    assert potentiation[-1] < -50  # skyrmions were written and the Hall resistivity fell
