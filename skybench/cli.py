"""The `skybench` console command: one subcommand per module in `COMMANDS`.

Each command module defines NAME, HELP, `add_arguments(parser)` and `run(args) -> int`. This file only
dispatches; the work lives in the rooms (emulator, instruments, protocols, nn).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from skybench.errors import SkybenchError
from skybench.interrupts import interrupts_not_dropped

#: The subcommands, by module name under skybench.commands (imported lazily so `--help` stays fast).
COMMANDS: tuple[tuple[str, str], ...] = (
    ("device", "run the skyrmion synapse emulator through a pulse protocol and write its trace"),
    ("study", "run a population of devices through a pulse protocol (dask chunks) and write their statistics"),
    ("serve", "serve the bench's instruments as raw-socket SCPI servers (one TCP port per instrument)"),
    ("train", "train the 784-100-10 MNIST network through skyrmion synapse traces (paper Fig. 3c)"),
    ("chip", "estimate chip area, latency, energy and leakage: skyrmion 2T1R vs RRAM 1T1R synapse arrays"),
    ("validate", "run the LLG solver's validation set (standard problems, references) and write validation.json"),
    ("calibrate", "run the LLG calibration experiments for a preset and write calibration.json for the Thiele engine"),
    ("llg", "run a micromagnetic (LLG) protocol on a preset, e.g. the paper's Fig. 4b chamber run"),
    ("measure", "run the user's pyvisa measurement script (fig2b) against the emulated bench and write its trace"),
    ("transcript", "turn a recorded session into PyMeasure expected_protocol tests or a pyvisa-sim YAML"),
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; when `command` is given, that subcommand's module adds its own arguments."""
    parser = argparse.ArgumentParser(
        prog="skybench",
        description="Emulated lab bench for a magnetic-skyrmion artificial synapse.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS:
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if name == command:
            importlib.import_module(f"skybench.commands.{name}").add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    names = [name for name, _ in COMMANDS]
    # The subcommand is the first argument that names one; only its module is imported.
    command = next((arg for arg in argv if arg in names), None)
    parser = build_parser(command)
    if command is None:
        parser.parse_args(argv)  # handles --help and reports unknown commands (exit 2)
        parser.print_help()
        return 0 if not argv else 2
    args = parser.parse_args(argv)
    module = importlib.import_module(f"skybench.commands.{command}")
    with interrupts_not_dropped():
        try:
            return int(module.run(args) or 0)
        except SkybenchError as error:
            print(f"skybench {command}: error: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print(f"skybench {command}: interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":
    raise SystemExit(main())
