"""`skybench device`: the files it writes, and what bad input gets (one line, exit 2, nothing written)."""
import csv
import json

import pytest

from emulator.api import TRACE_COLUMNS
from skybench.cli import main

REQUIRED_SUMMARY = ("potentiation_states", "depression_states", "max_skyrmions", "drho_per_skyrmion_pot_nOhm_cm",
                    "drho_per_skyrmion_dep_nOhm_cm", "final_drho_nOhm_cm", "mean_diameter_sparse_m",
                    "mean_diameter_crowded_m", "linearity_r2_potentiation", "wall_time_s")


def test_chamber_run_writes_the_contract_files(tmp_path):
    out = tmp_path / "run"
    assert main(["device", "--preset", "chamber_150nm", "--protocol", "fig4b", "--seed", "2", "--out",
                 str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "snapshot.png", "summary.json", "trace.csv",
                                                     "trace.png"]
    rows = list(csv.DictReader((out / "trace.csv").open()))
    assert tuple(rows[0]) == TRACE_COLUMNS + ("conductance_S",)
    assert len(rows) == 250
    summary = json.loads((out / "summary.json").read_text())
    assert all(key in summary for key in REQUIRED_SUMMARY)
    events = list(csv.DictReader((out / "events.csv").open()))
    assert tuple(events[0]) == ("time_s", "kind", "skyrmion_id", "x_m", "y_m")
    assert sum(e["kind"] == "nucleated" for e in events) == summary["skyrmions_created"]


@pytest.mark.parametrize("argv, message", [
    (["--preset", "nope", "--protocol", "fig2b"], "parameter 'preset' = 'nope' is invalid: valid range is one of"),
    (["--preset", "chamber_150nm", "--protocol", "fig9"], "parameter 'protocol'"),
    (["--preset", "chamber_150nm", "--protocol", "fig4b", "--seed", "-1"], "parameter 'seed'"),
    (["--preset", "chamber_150nm", "--protocol", "fig4b", "--current-density", "nan"], "parameter 'current_density'"),
    (["--preset", "chamber_150nm", "--protocol", "fig4b", "--pulse-width=-1e-9"], "parameter 'pulse_width'"),
    (["--preset", "gdfeco_experiment", "--protocol", "fig2b", "--current-density", "3e11"],
     "valid range is |j| <= 1.5e+11 A/m^2 (damage threshold)"),
    (["--preset", "gdfeco_experiment", "--protocol", "fig2b", "--current-density", "1e11", "--pulse-width", "1e-6"],
     "heating the film below 550 K"),
    # issue 14 item 8: no upper bound on the pulse width (1e9 s was accepted and never finished)
    (["--preset", "chamber_150nm", "--protocol", "fig4b", "--pulse-width", "1e9"],
     "parameter 'pulse_width' = 1000000000.0 is invalid: valid range is [1e-12, 1e-06] (s)"),
    (["--preset", "gdfeco_experiment", "--protocol", "fig2b", "--pulse-width", "2e-6"], "[1e-12, 1e-06] (s)"),
])
def test_bad_arguments_fail_with_one_line_and_write_nothing(tmp_path, capsys, argv, message):
    out = tmp_path / "run"
    assert main(["device", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_output_path_that_is_a_file_is_refused(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("keep me")
    assert main(["device", "--preset", "chamber_150nm", "--protocol", "fig4b", "--out", str(target)]) == 2
    assert "parameter 'out'" in capsys.readouterr().err
    assert target.read_text() == "keep me"
