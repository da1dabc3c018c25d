"""Pulse counts from a `skybench train` run's summary.json (agreed fields) and the default model."""
import json

import pytest

from nn.chip.mapping import Network
from nn.chip.update_counts import UpdateCounts, UpdateModel
from skybench.errors import DataError, ParameterError
from skybench.formats.run_summary import summary_document

GOOD = {"weight_updates_total": 1_200_000, "pulses_potentiation_total": 700_000,
        "pulses_depression_total": 500_000, "training_images": 30_000, "device": "experiment",
        "accuracy": 0.89}


def _run(tmp_path, data):
    text = data if isinstance(data, str) else json.dumps(summary_document("train", data))
    (tmp_path / "summary.json").write_text(text)
    return tmp_path


def test_reads_the_agreed_fields(tmp_path):
    counts = UpdateCounts.from_train_run(_run(tmp_path, GOOD))
    assert counts.weight_updates_total == 1_200_000 and counts.training_images == 30_000
    assert counts.pulses_per_image == pytest.approx(40.0)
    assert counts.device == "experiment" and counts.source.endswith("summary.json")


@pytest.mark.parametrize("change, text", [
    ({"weight_updates_total": None}, "missing field 'weight_updates_total'"),
    ({"training_images": 0}, "training_images"),
    ({"pulses_depression_total": -1}, "pulses_depression_total"),
    ({"pulses_depression_total": 1}, "is not pulses_potentiation_total"),
    ({"device": "gpu"}, "'device'"),
    ({"training_images": "many"}, "training_images"),
])
def test_bad_summaries_name_the_file(tmp_path, change, text):
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(DataError) as info:
        UpdateCounts.from_train_run(_run(tmp_path, data))
    assert str(tmp_path / "summary.json") in str(info.value) and text in str(info.value)


def test_devices_per_weight_follows_the_run(tmp_path):
    assert UpdateCounts.from_train_run(_run(tmp_path, GOOD)).devices_per_weight == 1   # absent: reference column
    pair = {**GOOD, "device": "ideal", "mapping": "differential", "devices_per_weight": 2}
    assert UpdateCounts.from_train_run(_run(tmp_path, pair)).devices_per_weight == 2
    with pytest.raises(DataError, match="devices_per_weight"):
        UpdateCounts.from_train_run(_run(tmp_path, {**GOOD, "devices_per_weight": 3}))


def test_missing_or_broken_file(tmp_path):
    with pytest.raises(DataError, match="no run summary .*skybench train"):
        UpdateCounts.from_train_run(tmp_path)
    with pytest.raises(DataError, match="not readable JSON"):
        UpdateCounts.from_train_run(_run(tmp_path, "{broken"))


def test_default_model_is_the_paper_schedule():
    counts = UpdateModel().counts(Network((784, 100, 10)))
    assert counts.training_images == 300 * 100
    assert counts.weight_updates_total == 79_400 * 100          # one pulse per weight per iteration
    assert counts.pulses_potentiation_total == counts.pulses_depression_total == 79_400 * 50
    with pytest.raises(ParameterError, match="batch_size"):
        UpdateModel(batch_size=0)
