"""The three commands: validate writes validation.json, calibrate and llg write their files atomically, and
bad input gets a one-line error naming the parameter with exit status 2 and nothing written."""
import json

import pytest

from skybench.cli import main


def test_validate_writes_rows(tmp_path, capsys):
    assert main(["validate", "--out", str(tmp_path / "v"), "--only", "dmi_wire"]) == 0
    document = json.loads((tmp_path / "v" / "validation.json").read_text())
    (row,) = document["rows"]
    assert set(row) >= {"name", "value", "reference", "tolerance", "unit", "passed"}
    assert row["passed"] and abs(row["value"] - 0.7532) < 0.005


@pytest.mark.parametrize("argv,name", [
    (["validate", "--only", "nonsense"], "only"),
    (["calibrate", "--preset", "permalloy"], "preset"),
    (["calibrate", "--preset", "chamber_150nm", "--cell", "5e-9"], "cell"),
    (["calibrate", "--preset", "chamber_150nm", "--theta-sh", "-1"], "theta-sh"),
    (["llg", "--preset", "gdfeco_experiment", "--protocol", "fig4b"], "preset"),
    (["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--pulses", "0"], "pulses"),
    # theta_SH beyond the largest measured efficiencies (emulator.llg.chamber.THETA_SH_RANGE)
    (["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--theta-sh", "5"], "theta-sh"),
    # 5 nm cells: larger than the chamber material's wall width sqrt(A/Ku) = 4.1 nm
    (["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--cell", "5e-9"], "cell"),
    # a 40 nm field disk on the pad's centre covers the whole 50 x 40 nm terminal
    (["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--pad-field-profile", "disk", "--pad-radius",
      "40e-9"], "pad-radius"),
    (["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--threads", "0"], "threads"),
    # a dipole 30 nm over the pad: its -z spot (radius 42 nm) covers the whole terminal
    (["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--pad-field-profile", "dipole",
      "--pad-field-height", "30e-9"], "pad-field-height"),
])
def test_bad_input_names_the_parameter(tmp_path, capsys, argv, name):
    out = tmp_path / "out"
    assert main(argv + ["--out", str(out)]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and f"'{name}'" in error[0]
    assert not out.exists()


@pytest.mark.slow
def test_llg_fig4b_shortened_run_writes_counts_and_snapshots(tmp_path):
    out = tmp_path / "fig4b"
    assert main(["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--out", str(out), "--phase",
                 "depression", "--initial-skyrmions", "4", "--pulses", "2", "--snapshot-every", "1"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["pulses_simulated"] == 2 and summary["estimated_full_run_s"] > 0
    lines = (out / "counts.csv").read_text().splitlines()
    assert lines[0].startswith("pulse,time_ns,in_chamber") and len(lines) == 3
    assert int(lines[-1].split(",")[2]) == 4  # two 0.05 ns reversed pulses move them ~1 nm: all stay
    assert (out / "counts.png").exists() and (out / "snapshots" / "mz_pulse_002.png").exists()


def test_llg_command_choices_match_the_solver():
    from emulator.llg.chamber import PAD_FIELD_PROFILES, PAD_FIELD_TIMINGS
    from emulator.llg.demag import DEMAG_MODES
    from skybench.commands import llg as llg_command

    assert llg_command.PAD_FIELD_TIMINGS == PAD_FIELD_TIMINGS and llg_command.DEMAG_MODES == DEMAG_MODES
    assert llg_command.PAD_FIELD_PROFILES == PAD_FIELD_PROFILES
