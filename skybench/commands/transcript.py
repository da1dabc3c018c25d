"""`skybench transcript`: a recorded session as tests that run without the emulator.

    skybench transcript FILE --to pymeasure|pyvisa-sim [--output PATH] [--force]

FILE is a transcript written by `skybench serve --transcript` or `pytest --skybench-transcript`
(protocols.transcript). `--to pymeasure` writes a pytest module of PyMeasure `expected_protocol` tests (default
PATH: test_<FILE stem>.py beside FILE); `--to pyvisa-sim` a pyvisa-sim YAML of the exchanged queries (default
<FILE stem>.yaml); protocols.transcript_export says what each keeps. The output is written whole or not at all
(a temporary file renamed into place); an existing PATH is refused unless --force.
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from skybench.errors import DataError, ParameterError

NAME = "transcript"
HELP = "turn a recorded session into PyMeasure expected_protocol tests or a pyvisa-sim YAML"
FORMATS = ("pymeasure", "pyvisa-sim")
"""What --to takes."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="transcript (JSON lines) from serve --transcript or pytest")
    parser.add_argument("--to", required=True, choices=FORMATS, help="what to write")
    parser.add_argument("--output", metavar="PATH", default=None,
                        help="output file (default: test_<stem>.py or <stem>.yaml beside FILE); a file, not a run folder")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")


def run(args: argparse.Namespace) -> int:
    from protocols.transcript import read_transcript
    from protocols.transcript_export import to_pymeasure, to_pyvisa_sim

    source = Path(args.file)
    if args.output is not None and not str(args.output).strip():
        raise ParameterError("output", args.output, "a file path")
    default = source.with_name(f"test_{source.stem}.py" if args.to == "pymeasure" else f"{source.stem}.yaml")
    out = Path(args.output) if args.output is not None else default
    if out.is_dir():
        raise ParameterError("output", str(out), "a file path (it is a folder)")
    if out.exists() and not args.force:
        raise ParameterError("output", str(out), "a path that does not exist yet (or --force to replace it)")
    header, records = read_transcript(source)
    if args.to == "pymeasure":
        text = to_pymeasure(header, records, source.name)
        note = ""
    else:
        import yaml

        document, conflicts = to_pyvisa_sim(header, records)
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=False)
        note = f"; {conflicts} queries answered differently later kept their first reply" if conflicts else ""
    _write_atomically(out, text)
    print(f"{len(records)} messages of {len({r.resource for r in records})} instruments -> {out}{note}")
    return 0


def _write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ParameterError("output", str(path), f"a file in an existing folder ({parent} does not exist)")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=parent)
    except OSError as error:
        raise DataError(f"output {str(path)!r} cannot be written: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        raise DataError(f"output {str(path)!r} cannot be written: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
