"""Preset traces: recorded once through emulator.api into the cache, reused, and a clear error without it."""
import sys
import types

import pytest

from nn import preset_traces as module
from nn.synthetic_trace import SyntheticSynapse
from nn.training_presets import EXPERIMENT, SOFTWARE
from skybench.errors import DataError, ParameterError


def test_records_once_then_reuses(monkeypatch, tmp_path):
    calls = []

    def write_device_run(preset, protocol, out, seed=0):
        calls.append((preset, protocol, seed))
        SyntheticSynapse().write(out, seed=seed)
        return out

    monkeypatch.setattr(module, "_emulator_api", lambda: types.SimpleNamespace(write_device_run=write_device_run))
    first = module.preset_traces(EXPERIMENT, tmp_path, devices=3)
    second = module.preset_traces(EXPERIMENT, tmp_path, devices=3)
    assert first == second and all(path.is_file() for path in first)
    assert calls == [("gdfeco_experiment", "fig2b", seed) for seed in range(3)]
    assert first[2].parent.name.startswith("gdfeco_experiment-fig2b-seed2-")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []   # no staging left behind


def test_missing_emulator_and_bad_requests(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "emulator.api", None)
    with pytest.raises(DataError, match="--traces"):
        module.preset_traces(EXPERIMENT, tmp_path)
    with pytest.raises(ParameterError, match="device"):
        module.preset_traces(SOFTWARE, tmp_path)
    with pytest.raises(ParameterError, match="devices"):
        module.preset_traces(EXPERIMENT, tmp_path, devices=0)


def test_cache_key_covers_calibration_and_data_files():
    """Issue 14 item 1: the key covered emulator/**/*.py only, so a calibration edit served the old trace."""
    labels = [label for label, _ in module.cache_inputs()]
    assert "emulator/calibrations/chamber_150nm.json" in labels
    assert "emulator/presets.py" in labels and "skybench/formats/trace.py" in labels
    assert not any("__pycache__" in label for label in labels)


def test_a_changed_calibration_gives_a_new_cache_folder(monkeypatch, tmp_path):
    """Editing a data file (not code) changes the digest, so the next run records a fresh trace."""
    data = tmp_path / "emulator" / "calibrations" / "chamber_150nm.json"
    data.parent.mkdir(parents=True)
    code = tmp_path / "emulator" / "presets.py"
    code.write_text("N = 1\n")
    data.write_text('{"G": 1.0}')
    monkeypatch.setattr(module, "cache_inputs", lambda: [("emulator/presets.py", code),
                                                         ("emulator/calibrations/chamber_150nm.json", data)])
    before = module._emulator_digest()
    data.write_text('{"G": 2.0}')
    assert module._emulator_digest() != before
