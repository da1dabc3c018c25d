"""Recorded sessions: every message to and from a bench's instruments, with its virtual and wall time.

The transcript format (JSON lines, this module writes and reads it; FORMAT, VERSION):

    {"format": "skybench-transcript", "version": 1, "bench": "default",
     "resources": {"GPIB0::7::INSTR": {"idn": "KEITHLEY ...,MODEL 2182A,...", "terminator": "\\n"}, ...}}
    {"resource": "GPIB0::7::INSTR", "kind": "write", "text": ":READ?", "t_sim": 1.25, "t_wall": 1733526000.1}
    {"resource": "GPIB0::7::INSTR", "kind": "read", "text": "+1.234E-06", "t_sim": 1.35, "t_wall": ...}

A `write` is one program message as the instrument parsed it (without its terminator); a `read` is one
response message the instrument sent (without its terminator), including a connect message. Times: `t_sim`
the bench clock (s) when the message was taken or produced, `t_wall` the Unix time.

`Recorder.open(path, bench)` starts recording every session of `bench` (the pyvisa backend's and the TCP
server's); `close()` stops. `read_transcript(path)` returns the header and the records, with a DataError naming
the file and line for anything else. `pairs(records, resource)` pairs each write with the response it got,
(None, text) for a response nobody asked for (a greeting), as PyMeasure's `expected_protocol` takes them.
"""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple

from skybench.errors import DataError

FORMAT = "skybench-transcript"
"""The header's format name."""
VERSION = 1
"""The format version this module writes and reads."""
KINDS = ("write", "read")
"""Record kinds."""


class Record(NamedTuple):
    """One message."""

    resource: str
    kind: str
    text: str
    t_sim: float
    t_wall: float


class Recorder:
    """Appends every message of a bench's sessions to a transcript file."""

    def __init__(self, handle, bench: Any):
        self._handle = handle
        self._bench = bench
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: str | Path, bench: Any) -> "Recorder":
        """Start recording `bench` to `path` (a new file; DataError naming it if it cannot be written)."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("w", encoding="utf-8", buffering=1)  # line-buffered: a killed server keeps its lines
        except OSError as error:
            raise DataError(f"transcript {str(path)!r} cannot be written: {error.strerror or error}") from None
        resources = {}
        for name, instrument in bench.items():
            resources[name] = {"idn": _idn(instrument),
                               "terminator": bytes(getattr(instrument, "RESPONSE_TERMINATOR", b"\n")).decode("latin-1")}
        handle.write(json.dumps({"format": FORMAT, "version": VERSION, "bench": bench.name,
                                 "resources": resources}) + "\n")
        handle.flush()
        recorder = cls(handle, bench)
        bench.recorders.append(recorder)
        return recorder

    def record(self, resource: str, kind: str, text: str, t_sim: float) -> None:
        """Append one message."""
        line = json.dumps({"resource": resource, "kind": kind, "text": text, "t_sim": t_sim,
                           "t_wall": time.time()})
        with self._lock:
            if not self._handle.closed:
                self._handle.write(line + "\n")

    def close(self) -> None:
        """Stop recording and close the file."""
        if self in self._bench.recorders:
            self._bench.recorders.remove(self)
        with self._lock:
            if not self._handle.closed:
                self._handle.close()


def _idn(instrument: Any) -> str:
    idn = getattr(instrument, "idn", None)
    try:
        return str(idn()) if callable(idn) else ""
    except Exception:  # an instrument without an identity (pyvisa-sim devices) records none
        return ""


def read_transcript(path: str | Path) -> tuple[dict, list[Record]]:
    """(header, records) of a transcript file; DataError naming the file and line for a bad one."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"transcript {str(path)!r} cannot be read: {error}") from None
    where = f"transcript {str(path)!r}"
    if not lines:
        raise DataError(f"{where} is empty")
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise DataError(f"{where}: line 1 is not a {FORMAT} header")
    if header.get("version") != VERSION:
        raise DataError(f"{where}: version {header.get('version')!r}, this skybench reads version {VERSION}")
    records = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            entry = json.loads(line)
            record = Record(str(entry["resource"]), entry["kind"], str(entry["text"]), float(entry["t_sim"]),
                            float(entry["t_wall"]))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            raise DataError(f"{where}: line {number} is not a transcript record") from None
        if record.kind not in KINDS:
            raise DataError(f"{where}: line {number}: kind {record.kind!r} (one of {', '.join(KINDS)})")
        records.append(record)
    return header, records


def pairs(records: list[Record], resource: str) -> list[tuple[str | None, str | None]]:
    """(command, response) pairs of one resource in order: a write with the response that follows it (None if
    none does), and (None, response) for a response that follows no write."""
    found: list[tuple[str | None, str | None]] = []
    for record in records:
        if record.resource != resource:
            continue
        if record.kind == "write":
            found.append((record.text, None))
        elif found and found[-1][0] is not None and found[-1][1] is None:
            found[-1] = (found[-1][0], record.text)
        else:
            found.append((None, record.text))
    return found
