"""The entrance write of the Fig. 4b LLG run: the particle model's pad rule applied inside the chamber.

Protocol checked (emulator.llg.chamber, `pad_write='entrance'`): at the start of a potentiation pulse one
relaxed skyrmion is written at `entrance_centre` unless a skyrmion centre is within `pad_blockade` of it. The
pulses here are the paper's amplitude but 10x shorter (5 ps on, 15 ps period) so that a skyrmion moves well
under 1 nm per pulse: the rule, not the drift, decides what happens. References: the written skyrmion is a full
one (Q = -1, core -z in the +z film) with the relaxed profile's radius (3.3 nm on the 1 nm grid, against the
continuum 3.65 nm, `emulator.skyrmion_profile.relax_profile`), centred where it was written.
"""
import json

import pytest

from emulator.llg import skyrmions
from emulator.llg.chamber import ENTRANCE_CENTRE, PAD_WRITES, Fig4bProtocol, run
from emulator.presets import DEVICES, MATERIALS
from skybench.cli import main
from skybench.commands import llg as llg_command
from skybench.errors import ParameterError
from skybench.formats.trace import SYNAPSE, write_trace

MATERIAL = MATERIALS["chamber_150nm"]
GEOMETRY = DEVICES["chamber_150nm"]().model.geometry
NM = 1e-9
SHORT = dict(width=5e-12, period=15e-12, initial_iterations=20, demag="none", current="flow")
"""Short pulses (s) and a brief initial relaxation: placed skyrmions stay where they are put."""
POSITION_TOLERANCE = 1.0 * NM
"""Largest distance of the written skyrmion from the write point after one short pulse (m): it moves ~0.3 nm."""


def _centres(protocol, pulses):
    """Records and, after each pulse, the centres (x, y) in outline coordinates (m) and charges."""
    xmin, ymin = GEOMETRY.bounds[:2]
    seen = []

    def on_pulse(record, state, magnet):
        found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        seen.append([(s.x + xmin, s.y + ymin, s.charge, s.radius) for s in found])

    return run(MATERIAL, GEOMETRY, protocol, pulses=pulses, on_pulse=on_pulse), seen


def test_entrance_write_appears_where_written_is_counted_and_waits():
    protocol = Fig4bProtocol(pad_write="entrance", **SHORT)
    records, seen = _centres(protocol, pulses=2)
    assert [r.written for r in records] == [True, False]  # the second pulse finds it within the blockade
    assert [r.in_chamber for r in records] == [1, 1]
    assert [r.created for r in records] == [1, 1]
    ((x, y, charge, radius),) = seen[0]
    assert (x, y) == pytest.approx(ENTRANCE_CENTRE, abs=POSITION_TOLERANCE)
    # A lone skyrmion's charge region is the whole film, whose edge canting adds +0.07 (relaxed uniform state).
    assert charge == pytest.approx(-1.0, abs=0.1)
    assert radius == pytest.approx(3.3 * NM, abs=0.3 * NM)


@pytest.mark.parametrize("blockade,written", [(35 * NM, False), (20 * NM, True)])
def test_no_entrance_write_while_a_skyrmion_is_within_the_blockade(blockade, written):
    # One skyrmion placed 25 nm from the write point: inside a 35 nm blockade, outside a 20 nm one.
    neighbour = (ENTRANCE_CENTRE[0] + 25 * NM, ENTRANCE_CENTRE[1])
    protocol = Fig4bProtocol(pad_write="entrance", pad_blockade=blockade, initial_centres=(neighbour,), **SHORT)
    records, seen = _centres(protocol, pulses=1)
    assert records[0].written is written
    assert records[0].in_chamber == 1 + written
    assert min(abs(x - neighbour[0]) + abs(y - neighbour[1]) for x, y, _, _ in seen[0]) < POSITION_TOLERANCE


def test_no_write_in_the_depression_phase():
    protocol = Fig4bProtocol(pad_write="entrance", pulses=1, **SHORT)
    records, _ = _centres(protocol, pulses=2)
    assert [(r.phase, r.written) for r in records] == [("potentiation", True), ("depression", False)]


def test_entrance_point_must_lie_in_the_chamber():
    with pytest.raises(ParameterError, match="entrance_centre"):
        Fig4bProtocol(pad_write="entrance", entrance_centre=(-10 * NM, 83 * NM))


def test_command_offers_the_solver_write_modes():
    assert llg_command.PAD_WRITES == PAD_WRITES


def test_compare_folder_must_hold_the_same_protocol(tmp_path, capsys):
    trace = tmp_path / "device"
    trace.mkdir()
    # a well-formed trace (skybench.formats.trace) of one pulse per phase, against the LLG's 3 per phase
    write_trace(trace / "trace.csv", SYNAPSE, {
        "pulse_index": [1, 2], "phase": ["potentiation", "depression"],
        "current_density_A_per_m2": [4e10, -4e10], "pulse_width_s": [5e-11, 5e-11],
        "n_skyrmions_active": [1, 0], "mean_diameter_m": [7.3e-9, None], "rho_xy_change_nOhm_cm": [None, None]})
    out = tmp_path / "out"
    argv = ["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--pulses-per-phase", "3",
            "--compare", str(trace), "--out", str(out)]
    assert main(argv) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "'compare'" in error[0] and "3 pulses of each phase" in error[0]
    assert not out.exists()


@pytest.mark.slow
def test_llg_command_lays_the_thiele_count_beside_the_llg_count(tmp_path):
    # One full-length potentiation pulse: the entrance write puts one skyrmion in the chamber, and so does the
    # particle model, whose write rule is the same entrance write (emulator/chamber_preset.py).
    out = tmp_path / "fig4b"
    assert main(["llg", "--preset", "chamber_150nm", "--protocol", "fig4b", "--pad-write", "entrance",
                 "--pulses-per-phase", "1", "--pulses", "1", "--thiele", "--out", str(out)]) == 0
    lines = (out / "comparison.csv").read_text().splitlines()
    assert lines == ["pulse,phase,llg_in_chamber,thiele_in_chamber", "1,potentiation,1,1"]
    assert (out / "counts.csv").read_text().splitlines()[1].endswith(",potentiation,1")  # phase, written
    summary = json.loads((out / "summary.json").read_text())
    assert summary["writes"] == 1 and summary["estimated_full_run_s"] > summary["estimated_protocol_run_s"]
