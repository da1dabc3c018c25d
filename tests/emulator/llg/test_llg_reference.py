"""LLG reference trajectories from chamber runs (emulator.llg.reference) and the `skybench llg` options that set a
condition: --amplitude and --field refuse values outside their stated ranges by name (exit 2, nothing written),
a run's records and its run folder reduce to the same reference (removed = exited), and the command recorded in
it parses back to the same options."""
import dataclasses
import json
import math
import shlex

import numpy as np
import pytest

from emulator.llg.chamber import AMPLITUDE_RANGE, FIELD_RANGE, Fig4bProtocol, PulseRecord
from emulator.llg.reference import (COUNTS_FILE, SETTING_KEYS, from_records, from_run_folder, read_counts,
                                    write_counts)
from emulator.presets import DEVICES, MATERIALS
from skybench.cli import build_parser, main
from skybench.commands.llg import command_line
from skybench.errors import DataError
from skybench.formats.llg_reference import read_reference, write_reference
from skybench.formats.run_summary import write_summary

BASE = ["llg", "--preset", "chamber_150nm", "--protocol", "fig4b"]


@pytest.mark.parametrize("argv,name,valid", [
    (["--amplitude", "0"], "amplitude", "(0, 5e+11]"),            # no current: the phase gives the sign
    (["--amplitude=-4e10"], "amplitude", "(0, 5e+11]"),
    (["--amplitude", "6e11"], "amplitude", "(0, 5e+11]"),         # beyond the preset's damage threshold
    (["--amplitude", "nan"], "amplitude", "(0, 5e+11]"),
    (["--field=-0.1"], "field", "[0, 0.5]"),                   # against the background: the skyrmion swells
    (["--field", "0.8"], "field", "[0, 0.5]"),                    # radius below 3 cells of the 1 nm grid
    (["--condition", "j3e10 b180mT"], "condition", "letters"),
    (["--condition", ""], "condition", "letters"),
])
def test_bad_condition_options_name_the_parameter(tmp_path, capsys, argv, name, valid):
    out = tmp_path / "out"
    assert main(BASE + argv + ["--out", str(out)]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and f"'{name}'" in error[0] and valid in error[0]
    assert not out.exists()


def test_amplitude_range_ends_at_the_presets_damage_threshold():
    assert AMPLITUDE_RANGE[1] == DEVICES["chamber_150nm"]().limits.max_current_density
    assert AMPLITUDE_RANGE[0] < 3e10 and 5e10 < AMPLITUDE_RANGE[1]  # the held-out conditions fit
    assert FIELD_RANGE[0] < 0.18 and 0.22 < FIELD_RANGE[1]


def test_every_protocol_setting_has_a_key_with_its_unit():
    fields = {f.name for f in dataclasses.fields(Fig4bProtocol)}
    assert set(SETTING_KEYS) == fields
    assert len(set(SETTING_KEYS.values())) == len(SETTING_KEYS)


def _records():
    """Six pulse periods of a made-up run: writes, one skyrmion leaving during depression."""
    rows = [(1, "potentiation", 1, 1, 0), (2, "potentiation", 1, 1, 0), (3, "potentiation", 2, 2, 0),
            (4, "depression", 2, 2, 0), (5, "depression", 1, 2, 1), (6, "depression", 0, 2, 2)]
    return [PulseRecord(pulse=k, phase=phase, written=k in (1, 3), time=k * 0.15e-9, in_chamber=n, total=n,
                        created=c, removed=r, mean_radius=5e-9 if n else math.nan) for k, phase, n, c, r in rows]


def test_records_reduce_to_a_reference_with_removed_as_exited(tmp_path):
    protocol = Fig4bProtocol(pad_write="entrance", amplitude=3e10, Bz=0.18, pulses=3)
    material = MATERIALS["chamber_150nm"]
    ref = from_records(_records(), protocol, material, condition="j3e10_b180mT", command="skybench llg ...",
                       preset="chamber_150nm", wall_time_s=12.5)
    assert ref.exited.tolist() == [0, 0, 0, 0, 1, 2] and ref.created.tolist() == [1, 1, 2, 2, 2, 2]
    assert ref.in_chamber.tolist() == [1, 1, 2, 2, 1, 0] and ref.peak == 2
    assert ref.settings["amplitude_A_per_m2"] == 3e10 and ref.settings["Bz_T"] == 0.18
    assert ref.settings["theta_SH"] == material.theta_SH == 0.9  # None in the protocol: the material's
    assert ref.settings["entrance_centre_m"] == [8e-9, 83e-9] and ref.settings["pulses_simulated"] == 6
    back = read_reference(write_reference(tmp_path / "fig4b_j3e10_b180mT.json", ref))
    assert back.settings == json.loads(json.dumps(ref.settings)) and back.phase == ref.phase


def test_a_run_folder_reduces_to_the_same_reference(tmp_path):
    """counts.csv + summary.json as `skybench llg` writes them (settings: the protocol's fields)."""
    protocol = Fig4bProtocol(pad_write="entrance", pulses=3)
    material = MATERIALS["chamber_150nm"]
    records = _records()
    write_counts(tmp_path / COUNTS_FILE, records)
    write_summary(tmp_path, "llg", {"protocol": "fig4b", "preset": "chamber_150nm", "pulses_simulated": 6,
                                    "wall_time_s": 60.0, "settings": {
                                        k: (list(v) if isinstance(v, tuple) else v)
                                        for k, v in protocol.__dict__.items()}})
    from_folder = from_run_folder(tmp_path, condition="default", command="skybench llg --preset chamber_150nm")
    direct = from_records(records, protocol, material, condition="default", command="x", preset="chamber_150nm",
                          wall_time_s=60.0)
    assert from_folder.settings == direct.settings
    for name in ("pulse", "in_chamber", "created", "exited"):
        assert np.array_equal(getattr(from_folder, name), getattr(direct, name))
    assert [r.mean_radius for r in read_counts(tmp_path / COUNTS_FILE)][:1] == pytest.approx([5e-9])


def test_a_damaged_counts_table_is_refused_by_name(tmp_path):
    path = tmp_path / COUNTS_FILE
    write_counts(path, _records())
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:2] + [lines[2].replace("potentiation", "up")]) + "\n")
    with pytest.raises(DataError, match="counts.csv.*phase 'up'"):
        read_counts(path)
    with pytest.raises(DataError, match="no counts.csv"):
        read_counts(tmp_path / "missing" / COUNTS_FILE)


def test_recorded_command_parses_back_to_the_same_options():
    parser = build_parser("llg")
    argv = BASE + ["--pad-write", "entrance", "--amplitude", "3e10", "--field", "0.18", "--pulses-per-phase", "40",
                   "--threads", "1", "--condition", "j3e10_b180mT", "--out", "/tmp/ref run"]
    args = parser.parse_args(argv)
    command = command_line(args)
    assert command.startswith("skybench llg ") and "'/tmp/ref run'" in command
    assert vars(parser.parse_args(shlex.split(command)[1:])) == vars(args)


@pytest.mark.slow
def test_llg_run_writes_its_reference(tmp_path):
    """Two pulses of a held-out condition: reference.json holds the run's counts, settings and command."""
    out = tmp_path / "run"
    assert main(BASE + ["--pad-write", "entrance", "--amplitude", "3e10", "--field", "0.18", "--pulses", "2",
                        "--condition", "j3e10_b180mT", "--snapshot-every", "5", "--out", str(out)]) == 0
    ref = read_reference(out / "reference.json")
    assert ref.condition == "j3e10_b180mT" and ref.settings["Bz_T"] == 0.18 and len(ref.pulse) == 2
    assert ref.created[0] == 1 and ref.in_chamber[0] == 1  # the first pulse writes one at the entrance
    assert ref.in_chamber.tolist() == [r.in_chamber for r in read_counts(out / COUNTS_FILE)]
    assert "--amplitude 3e+10" in ref.command and "--field 0.18" in ref.command


def test_storing_a_run_folder_without_reference_json(tmp_path):
    """`python -m emulator.llg.reference`: a run folder written before reference.json existed is stored under
    the condition and command given; without them it is refused."""
    from emulator.llg.reference import main as store

    protocol = Fig4bProtocol(pad_write="entrance", pulses=3)
    write_counts(tmp_path / COUNTS_FILE, _records())
    write_summary(tmp_path, "llg", {"protocol": "fig4b", "preset": "chamber_150nm", "pulses_simulated": 6,
                                    "wall_time_s": 60.0, "settings": {
                                        k: (list(v) if isinstance(v, tuple) else v)
                                        for k, v in protocol.__dict__.items()}})
    out = tmp_path / "fig4b_default.json"
    with pytest.raises(SystemExit):
        store([str(tmp_path), "--out", str(out)])
    assert not out.exists()
    assert store([str(tmp_path), "--condition", "default", "--command", "skybench llg --preset chamber_150nm",
                  "--out", str(out)]) == 0
    ref = read_reference(out)
    assert ref.condition == "default" and ref.exited[-1] == 2 and ref.settings["wall_time_s"] == 60.0


def test_an_unfinished_runs_log_stores_a_partial_reference(tmp_path):
    """The per-pulse lines `skybench llg` prints are read back; the settings come from the command."""
    from emulator.llg.reference import main as store

    log = tmp_path / "run.log"
    log.write_text(
        "pulse    1 pot +write  t =   0.150 ns  in chamber   1  total   1  created   1  removed   0  (74 s)\n"
        "some warning\n"
        "pulse    2 pot         t =   0.300 ns  in chamber   1  total   1  created   1  removed   0  (147 s)\n"
        "pulse    3 dep         t =   0.450 ns  in chamber   0  total   0  created   1  removed   1  (223 s)\n")
    out = tmp_path / "fig4b_j5e10_b220mT.json"
    command = ("skybench llg --preset chamber_150nm --protocol fig4b --pad-write entrance --amplitude 5e10 "
               "--field 0.22 --pulses-per-phase 2 --out /tmp/x")
    assert store([str(log), "--log", "--condition", "j5e10_b220mT", "--command", command, "--out", str(out)]) == 0
    ref = read_reference(out)
    assert ref.phase == ("potentiation", "potentiation", "depression") and ref.exited.tolist() == [0, 0, 1]
    assert ref.settings["Bz_T"] == 0.22 and ref.settings["pulses_simulated"] == 3
    assert ref.settings["partial_of_pulses"] == 4
    log.write_text(log.read_text().replace("pulse    2", "pulse    5"))
    with pytest.raises(DataError, match="without gaps"):
        store([str(log), "--log", "--condition", "x", "--command", command, "--out", str(tmp_path / "y.json")])


def test_every_stored_reference_is_regenerated_by_its_command():
    """Each file in emulator/calibrations/llg_reference/ reads back, and the `skybench llg` command it records
    builds exactly the protocol settings it stores (so rerunning the command reproduces the condition)."""
    from pathlib import Path

    from emulator.llg.reference import settings_of
    from skybench.commands.llg import protocol_of

    folder = Path(__file__).parents[3] / "emulator" / "calibrations" / "llg_reference"
    files = sorted(folder.glob("fig4b_*.json"))
    assert {f.stem for f in files} >= {"fig4b_default", "fig4b_j3e10_b180mT", "fig4b_j5e10_b220mT"}
    for path in files:
        ref = read_reference(path)
        assert path.stem == f"fig4b_{ref.condition}"
        options = build_parser("llg").parse_args(shlex.split(ref.command)[1:])
        expected = settings_of(protocol_of(options), MATERIALS[options.preset])
        assert {k: ref.settings[k] for k in expected} == json.loads(json.dumps(expected)), path.name
        assert len(ref.pulse) == ref.settings["pulses_simulated"] == 2 * ref.settings["pulses_per_phase"]


def test_cropped_outline_keeps_the_right_terminal_and_its_exit():
    from emulator.llg.terminal_exit import cropped

    geometry = cropped(DEVICES["chamber_150nm"]().model.geometry, 90e-9)
    inside = geometry.contains(np.array([145e-9, 190e-9, 95e-9, 50e-9, 190e-9]),
                               np.array([75e-9, 75e-9, 140e-9, 75e-9, 100e-9]))
    assert inside.tolist() == [True, True, True, False, False]
    (exit_edge,) = geometry.exits
    assert np.allclose(geometry.outline[exit_edge:exit_edge + 2, 0], 200e-9)
