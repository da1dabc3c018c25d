"""The `skybench` console command: one subcommand per module in `COMMANDS`.

Each command module defines NAME, HELP, `add_arguments(parser)` and `run(args) -> int`. This file only
dispatches; the work lives in the rooms (emulator, instruments, protocols, nn).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading

from skybench.errors import SkybenchError

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
    with _interrupts_not_dropped():
        try:
            return int(module.run(args) or 0)
        except SkybenchError as error:
            print(f"skybench {command}: error: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print(f"skybench {command}: interrupted", file=sys.stderr)
            return 130


#: Seconds after which an interrupt that landed in a callback from C is raised again.
INTERRUPT_RETRY = 0.1
#: The ctypes callbacks through which C code calls Python in our stack, as (file name ending, function): llvmlite's
#: object cache, called while numba loads its cached kernels (~0.5 s at the start of every run).
C_CALLBACKS = (("llvmlite/binding/executionengine.py", "_raw_object_cache_notify"),
               ("llvmlite/binding/executionengine.py", "_raw_object_cache_getbuffer"))


def _in_c_callback(frame) -> bool:
    """True when `frame` runs inside one of C_CALLBACKS (or a function it called)."""
    while frame is not None:
        name = frame.f_code.co_filename.replace(os.sep, "/")
        if any(name.endswith(file) and frame.f_code.co_name == function for file, function in C_CALLBACKS):
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def _interrupts_not_dropped():
    """Ctrl-C (SIGINT) raises KeyboardInterrupt as usual, except inside a callback from C: ctypes prints an
    exception raised there and drops it, and the command ran on to its end (a Ctrl-C while numba loaded the
    kernels). There the interrupt is sent again INTERRUPT_RETRY s later, once the callback has returned. Outside
    the main thread (a command run from a worker thread) signals cannot be handled, and a SIGINT that is ignored
    (a job started in the background) or has the caller's own handler is left as it is."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return

    def on_interrupt(signum, frame):
        if _in_c_callback(frame):
            retry = threading.Timer(INTERRUPT_RETRY, os.kill, (os.getpid(), signal.SIGINT))
            retry.daemon = True
            retry.start()
            return
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


if __name__ == "__main__":
    raise SystemExit(main())
