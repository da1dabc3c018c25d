"""`skybench chip`: outputs, --train-run, --config, and bad input (one-line error, exit 2, nothing written)."""
import json
import tomllib

import pytest

from skybench.cli import main
from skybench.formats.run_summary import write_summary

REQUIRED = ("area_m2", "read_latency_s", "read_energy_J", "leakage_W", "write_energy_per_update_J", "tops_per_w")


def test_writes_every_output_with_sweep(tmp_path, capsys):
    out = tmp_path / "chip"
    assert main(["chip", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["breakdown.png", "chip.json", "chip.md", "sweep.json",
                                                     "sweep.png"]
    data = json.loads((out / "chip.json").read_text())
    for name in ("rram", "skyrmion"):
        record = data["technologies"][name]
        for key in REQUIRED:
            assert record[key] > 0, (name, key)
        assert set(record["breakdown"]["read_energy_J"]["by_kind"]) == {"device", "access", "periphery"}
    assert data["network"]["subarrays"] == 104
    assert data["ratios"]["skyrmion_over_rram"]["write_energy_per_update_J"] < 0.1
    assert "| write energy / update (pulse) |" in (out / "chip.md").read_text()
    sweep = json.loads((out / "sweep.json").read_text())
    assert set(sweep) == {"on_off_ratio", "write_voltage", "subarray_size", "adc_bits"}
    # the 1T1R cell cannot be written below its 0.1 V read voltage: those points are null with the reason
    assert sweep["write_voltage"]["results"]["rram"]["write_energy_per_update_J"][0] is None
    assert "V_read" in next(iter(sweep["write_voltage"]["errors"]["rram"].values()))
    assert (out / "breakdown.png").read_bytes()[:4] == b"\x89PNG"
    assert "TOPS/W" in capsys.readouterr().out


def test_train_run_counts_are_used(tmp_path):
    run = tmp_path / "train"
    run.mkdir()
    write_summary(run, "train", {
        "weight_updates_total": 2_000_000, "pulses_potentiation_total": 1_100_000,
        "pulses_depression_total": 900_000, "training_images": 30_000, "device": "experiment"})
    out = tmp_path / "chip"
    assert main(["chip", "--no-sweep", "--train-run", str(run), "--out", str(out)]) == 0
    data = json.loads((out / "chip.json").read_text())
    for record in data["technologies"].values():
        training = record["training"]
        assert training["source"] == str(run / "summary.json")
        assert training["write_energy_total_J"] == pytest.approx(2e6 * record["write_energy_per_update_J"])
    assert not (out / "sweep.png").exists()


@pytest.mark.parametrize("args, message", [
    (["--train-run", "{tmp}/nowhere"], "summary.json"),
    (["--config", "{tmp}/bad.toml"], "'cells.skyrmion.R_off'"),
    (["--config", "{tmp}/big.toml"], "'architecture.subarray_rows'"),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, args, message):
    (tmp_path / "bad.toml").write_text('[cells.skyrmion]\nR_off = "1 kohm"\n')
    (tmp_path / "big.toml").write_text('[architecture]\nsubarray_rows = 2048\n')
    out = tmp_path / "chip"
    code = main(["chip", "--no-sweep", "--out", str(out)] + [a.format(tmp=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".chip")]


def test_missing_out_and_print_config(capsys):
    assert main(["chip", "--no-sweep"]) == 2
    assert "'out'" in capsys.readouterr().err
    assert main(["chip", "--print-config"]) == 0
    parsed = tomllib.loads(capsys.readouterr().out)
    assert parsed["cells"]["skyrmion"]["R_off"] == "9000.0 ohm"
