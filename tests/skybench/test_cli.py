"""The `skybench` command: every subcommand has its own --help, is documented in the README's command table, and
an unknown command is refused with argparse's exit code."""
from pathlib import Path

import pytest

from skybench.cli import COMMANDS, main

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_has_help_and_a_readme_row(name, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([name, "--help"])
    assert stopped.value.code == 0
    assert f"usage: skybench {name}" in capsys.readouterr().out
    assert f"| `skybench {name}" in README.read_text()


def test_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["frobnicate"])
    assert stopped.value.code == 2 and "frobnicate" in capsys.readouterr().err
