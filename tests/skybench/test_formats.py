"""The file formats with one owner each (issue 14): trace.csv (skybench.formats.trace) and the run folder's
summary.json (skybench.formats.run_summary): round trips, declared columns, versions."""
import json

import numpy as np
import pytest

from skybench.errors import DataError, ParameterError
from skybench.formats.run_summary import read_summary, summary_document, write_summary
from skybench.formats.trace import (INTEGER, NUMBER, SYNAPSE, TRACE_FORMAT_VERSION, Column, TraceSchema,
                                    read_trace_table, write_trace)

FIELD_SWEEP = TraceSchema(
    name="field_sweep",
    index=Column("point_index", INTEGER, meaning="field point, 1..N", low=1),
    required=(Column("field_T", NUMBER, "T", "T", "applied out-of-plane field", low=-2.0, high=2.0),
              Column("hall_resistance_ohm", NUMBER, "ohm", "ohm", "Hall resistance at that field")),
)
"""A protocol declaring its own columns (the shape of a Fig. 1b field sweep)."""


def _synapse_table():
    return {"pulse_index": [1, 2, 3], "phase": ["potentiation", "potentiation", "depression"],
            "current_density_A_per_m2": [1e10, 2e10, -1e10], "pulse_width_s": [1e-7] * 3,
            "n_skyrmions_active": [1, 2, 1], "mean_diameter_m": [2.7e-7, float("nan"), 2.6e-7],
            "rho_xy_change_nOhm_cm": [-8.0, -16.5, -8.1]}


def test_synapse_trace_round_trip_in_si(tmp_path):
    path = write_trace(tmp_path / "trace.csv", SYNAPSE, _synapse_table())
    table = read_trace_table(path, SYNAPSE)
    assert table.n_rows == 3 and table.values["n_skyrmions_active"].dtype == np.int64
    assert np.isnan(table.values["mean_diameter_m"][1])                       # blank cell: no skyrmion
    np.testing.assert_allclose(table.si("rho_xy_change_nOhm_cm"), [-8.0e-11, -16.5e-11, -8.1e-11], rtol=1e-12)


def test_a_protocol_declares_its_own_columns(tmp_path):
    path = write_trace(tmp_path / "trace.csv", FIELD_SWEEP,
                       {"point_index": [1, 2], "field_T": [0.0, 0.16], "hall_resistance_ohm": [0.0, -1.2]})
    assert read_trace_table(path, FIELD_SWEEP).values["field_T"].tolist() == [0.0, 0.16]
    with pytest.raises(DataError, match="missing pulse_index"):
        read_trace_table(path, SYNAPSE)
    path.write_text("point_index,field_T,hall_resistance_ohm\n1,0.0,0.0\n2,3.0,1.0\n")
    with pytest.raises(DataError, match=r"line 3: column field_T = '3.0' is out of range; valid: a finite number "
                                        r"in \[-2, 2\] T"):
        read_trace_table(path, FIELD_SWEEP)


def test_writer_refuses_undeclared_or_missing_columns(tmp_path):
    with pytest.raises(ParameterError, match="undeclared \\['bogus'\\]"):
        write_trace(tmp_path / "trace.csv", SYNAPSE, {**_synapse_table(), "bogus": [1, 2, 3]})
    table = _synapse_table()
    del table["phase"]
    with pytest.raises(ParameterError, match="missing \\['phase'\\]"):
        write_trace(tmp_path / "trace.csv", SYNAPSE, table)


def test_undeclared_columns_of_a_user_script_are_kept_as_text(tmp_path):
    path = tmp_path / "trace.csv"
    write_trace(path, SYNAPSE, _synapse_table())
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",note"] + [line + ",x" for line in lines[1:]]) + "\n")
    assert read_trace_table(path).values["note"].tolist() == ["x", "x", "x"]


def test_summary_round_trip_and_header(tmp_path):
    write_summary(tmp_path, "device", {"max_skyrmions": 31, "final_drho_nOhm_cm": float("nan")})
    data = read_summary(tmp_path, "device", numbers=("max_skyrmions",))
    assert data["format"] == "skybench-run-summary" and data["format_version"] == 1 and data["kind"] == "device"
    assert data["trace_format_version"] == TRACE_FORMAT_VERSION and data["final_drho_nOhm_cm"] is None


@pytest.mark.parametrize("document, message", [
    ({"weight_updates_total": 1}, "field 'format' = None"),                    # written before the format
    ({**summary_document("train", {}), "format_version": 2}, "'format_version' = 2"),
    (summary_document("device", {}), "field 'kind' = 'device', expected 'train'"),
    (summary_document("train", {"weight_updates_total": "many"}), "'weight_updates_total' = 'many'"),
    (summary_document("train", {}), "missing field 'weight_updates_total'"),
    ([1, 2], "expected a JSON object"),
])
def test_bad_summaries_name_the_file_and_rule(tmp_path, document, message):
    (tmp_path / "summary.json").write_text(json.dumps(document))
    with pytest.raises(DataError) as info:
        read_summary(tmp_path, "train", numbers=("weight_updates_total",))
    assert str(tmp_path / "summary.json") in str(info.value) and message in str(info.value)


def test_summary_header_names_are_reserved():
    with pytest.raises(ParameterError, match="kind"):
        summary_document("train", {"kind": "other"})
    with pytest.raises(ParameterError, match="'kind'"):
        summary_document("bogus", {})


def test_trace_of_another_recorded_version_is_refused(tmp_path):
    path = write_trace(tmp_path / "trace.csv", SYNAPSE, _synapse_table())
    document = summary_document("device", {})
    (tmp_path / "summary.json").write_text(json.dumps({**document, "trace_format_version": 2}))
    with pytest.raises(DataError, match="trace format version 2"):
        read_trace_table(path)
