"""Issue 14 items 5-7 through the command line: every command that writes a folder takes --out and --force, refuses
an empty --out and a non-empty folder without --force, and with --force replaces the folder as a whole."""
import pytest

from skybench.cli import COMMANDS, build_parser, main


def _writers() -> list[str]:
    names = []
    for name, _ in COMMANDS:
        sub = build_parser(name)._subparsers._group_actions[0].choices[name]
        options = {option for action in sub._actions for option in action.option_strings}
        if "--out" in options:
            assert "--force" in options, f"skybench {name} has --out but no --force"
            names.append(name)
    return names


def test_every_writing_command_has_out_and_force():
    assert {"device", "study", "train", "chip", "validate", "calibrate", "llg", "measure"} <= set(_writers())


MINIMAL_ARGS = {
    "device": ["--preset", "chamber_150nm", "--protocol", "fig4b"],
    "study": ["--preset", "chamber_150nm", "--protocol", "fig4b", "--devices", "1"],
    "train": ["--device", "software"],
    "chip": [],
    "validate": [],
    "calibrate": ["--preset", "chamber_150nm"],
    "llg": ["--preset", "chamber_150nm", "--protocol", "fig4b"],
    "measure": [],
}
"""Arguments that make each writing command valid apart from --out."""


@pytest.mark.parametrize("name", _writers())
def test_empty_out_is_refused(name, capsys, tmp_path, monkeypatch):
    """Item 6: `--out ""` is refused in one line with exit 2 before anything runs or is written."""
    monkeypatch.chdir(tmp_path)
    assert main([name, *MINIMAL_ARGS[name], "--out", ""]) == 2
    error = capsys.readouterr().err.strip()
    assert "parameter 'out' = '' is invalid: valid range is a folder path" in error
    assert len(error.splitlines()) == 1 and list(tmp_path.iterdir()) == []


def test_chip_rerun_is_refused_then_replaced_with_force(tmp_path, capsys):
    """Item 5: a rerun does not leave an old sweep.png beside a new chip.json."""
    out = tmp_path / "chip"
    out.mkdir()
    (out / "sweep.png").write_text("from an earlier run")
    assert main(["chip", "--no-sweep", "--out", str(out)]) == 2
    assert "pass --force" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["sweep.png"]
    assert main(["chip", "--no-sweep", "--out", str(out), "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["breakdown.png", "chip.json", "chip.md"]
    assert [p.name for p in tmp_path.iterdir()] == ["chip"]


def test_validate_list_needs_no_out(capsys):
    """Item 10: `skybench validate --list` lists the checks without --out."""
    assert main(["validate", "--list"]) == 0
    assert capsys.readouterr().out.strip()
    assert main(["validate", "--only", "nothing"]) == 2
