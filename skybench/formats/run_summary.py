"""summary.json: the record of one run folder, written and read only through this module.

Every command that writes a run folder writes one `summary.json`: a JSON object whose first fields say what it
is, then the run's own fields (figures of merit, bookkeeping, settings):

    {"format": "skybench-run-summary", "format_version": 1, "kind": "train", ...the run's fields...}

`kind` names the command that wrote it (`KINDS`); a folder holding a trace also records the trace format's
version (`trace_format_version`, skybench.formats.trace). Non-finite numbers are written as null.
`read_summary(folder_or_file, kind, numbers)` checks the file against this format and raises `DataError` naming
the file and the rule broken: unreadable JSON, not an object, another format, a missing or unknown version,
another kind, and (for the fields a reader relies on, `numbers`) a missing field or one that is not a finite
number. Checks of what the numbers mean (a sum that must match) stay with the reader that relies on them.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from skybench.errors import DataError, ParameterError
from skybench.formats.trace import TRACE_FORMAT_VERSION
from skybench.outputs import json_safe

SUMMARY_FILE = "summary.json"
"""Name of the summary inside a run folder."""
FORMAT_NAME = "skybench-run-summary"
"""Value of the `format` field."""
SUMMARY_FORMAT_VERSION = 1
"""Version of this format (`format_version`)."""
KINDS = ("device", "study", "train", "measure", "llg")
"""Commands whose run folders hold a summary.json (`kind`)."""
TRACE_KINDS = ("device", "measure")
"""Kinds whose folders hold a trace.csv (their summary records `trace_format_version`)."""
HEADER_FIELDS = ("format", "format_version", "kind", "trace_format_version")
"""Fields this module writes; a run's content may not use these names."""


def summary_document(kind: str, content: Mapping[str, Any]) -> dict:
    """The summary.json object of a `kind` run with `content` (JSON-safe: NaN and infinities become null)."""
    if kind not in KINDS:
        raise ParameterError("kind", kind, "one of " + ", ".join(KINDS))
    clash = [name for name in content if name in HEADER_FIELDS]
    if clash:
        raise ParameterError("summary fields", clash, "names other than " + ", ".join(HEADER_FIELDS))
    header: dict[str, Any] = {"format": FORMAT_NAME, "format_version": SUMMARY_FORMAT_VERSION, "kind": kind}
    if kind in TRACE_KINDS:
        header["trace_format_version"] = TRACE_FORMAT_VERSION
    return {**header, **json_safe(dict(content))}


def write_summary(folder: str | os.PathLike, kind: str, content: Mapping[str, Any]) -> Path:
    """Write `folder/summary.json` for a `kind` run; return its path."""
    path = Path(folder) / SUMMARY_FILE
    path.write_text(json.dumps(summary_document(kind, content), indent=2) + "\n")
    return path


def read_summary(location: str | os.PathLike, kind: str | None = None, numbers: Iterable[str] = ()) -> dict:
    """Read and check a summary.json (a run folder or the file itself); return the whole object."""
    path = Path(location)
    if path.is_dir() or path.suffix != ".json":
        path = path / SUMMARY_FILE
    if not path.is_file():
        expected = f"the {SUMMARY_FILE} of a `skybench {kind}` run" if kind else f"a run folder's {SUMMARY_FILE}"
        raise DataError(f"{path}: no run summary (expected {expected})")
    try:
        data = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"{path}: not readable JSON ({error})") from None
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a JSON object (a {FORMAT_NAME})")
    if data.get("format") != FORMAT_NAME:
        raise DataError(f"{path}: field 'format' = {data.get('format')!r}, expected {FORMAT_NAME!r} (a summary "
                        f"written before format {SUMMARY_FORMAT_VERSION}, or not a skybench run: rerun the command)")
    version = data.get("format_version")
    if isinstance(version, bool) or version != SUMMARY_FORMAT_VERSION:
        raise DataError(f"{path}: field 'format_version' = {version!r}; this skybench reads version "
                        f"{SUMMARY_FORMAT_VERSION}")
    if kind is not None and data.get("kind") != kind:
        raise DataError(f"{path}: field 'kind' = {data.get('kind')!r}, expected {kind!r} (the summary of a "
                        f"`skybench {kind}` run)")
    if data.get("kind") in TRACE_KINDS and data.get("trace_format_version") != TRACE_FORMAT_VERSION:
        raise DataError(f"{path}: field 'trace_format_version' = {data.get('trace_format_version')!r}; this "
                        f"skybench reads trace.csv version {TRACE_FORMAT_VERSION}")
    for name in numbers:
        if name not in data:
            raise DataError(f"{path}: missing field '{name}'")
        value = data[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise DataError(f"{path}: field '{name}' = {value!r} must be a finite number")
    return data
