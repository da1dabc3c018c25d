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
