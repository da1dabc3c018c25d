"""The example study file, examples/chamber_population.toml, runs as its comment says and varies what it says."""
import json
from pathlib import Path

import numpy as np

from emulator.study_spec import load_study
from emulator.study_store import StudyStore
from skybench.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "chamber_population.toml"


def test_the_example_study_runs_and_varies_its_devices(tmp_path, capsys):
    out = tmp_path / "chamber_population"
    assert main(["study", str(EXAMPLE), "--out", str(out), "--quiet"]) == 0
    spec = load_study(EXAMPLE)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["n_devices"] == spec.devices == 32 and summary["devices_per_s"] > 0
    rows = StudyStore(out, {}).read(["device", "current_scale", "field_offset", "created", "peak"])
    assert rows["device"].tolist() == list(range(32))
    assert 0.9 < rows["current_scale"].min() < rows["current_scale"].max() < 1.1
    assert -0.002 <= rows["field_offset"].min() < rows["field_offset"].max() <= 0.002
    assert np.ptp(rows["created"]) > 0        # devices differ
    assert "peak" in capsys.readouterr().out
