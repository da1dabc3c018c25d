"""calibration.json: the LLG calibration of the particle model, written and read only through this module.

`skybench calibrate` builds the document (emulator/llg/calibration/calibrate.py: every key carries its SI unit,
e.g. `G_kg_per_s`, `pair.U0_J`); `write_calibration` stamps it with the format and writes it; the particle model
reads it back through `read_calibration` (emulator/thiele/calibration.py). The file starts with

    {"format": "skybench-llg-calibration", "format_version": 1, ...the document...}

A file of the first layout, `"format": "skybench-llg-calibration/1"` with no `format_version`, is the same
layout and is read as version 1. `read_calibration` checks the JSON, the format and version and that every
number a reader names is finite, and raises `DataError` naming the file and the rule broken.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from skybench.errors import DataError, ParameterError
from skybench.formats.json_file import load_json
from skybench.outputs import json_safe

CALIBRATION_FILE = "calibration.json"
"""Name of the calibration inside a `skybench calibrate` folder."""
FORMAT_NAME = "skybench-llg-calibration"
"""Value of the `format` field."""
CALIBRATION_FORMAT_VERSION = 1
"""Version of this layout (`format_version`)."""
_LEGACY_FORMAT = f"{FORMAT_NAME}/1"
"""The first layout's `format` value (version in the name, no `format_version` field)."""
HEADER_FIELDS = ("format", "format_version")
"""Fields this module writes; a document may not use these names."""


def calibration_document(content: Mapping[str, Any]) -> dict:
    """The calibration.json object for `content` (JSON-safe: NaN and infinities become null)."""
    clash = [name for name in content if name in HEADER_FIELDS]
    if clash:
        raise ParameterError("calibration fields", clash, "names other than " + ", ".join(HEADER_FIELDS))
    return {"format": FORMAT_NAME, "format_version": CALIBRATION_FORMAT_VERSION, **json_safe(dict(content))}


def write_calibration(folder: str | os.PathLike, content: Mapping[str, Any]) -> Path:
    """Write `folder/calibration.json` for `content`; return its path."""
    path = Path(folder) / CALIBRATION_FILE
    path.write_text(json.dumps(calibration_document(content), indent=2) + "\n")
    return path


def read_calibration(path: str | os.PathLike, numbers: Iterable[str] = ()) -> dict:
    """Read and check a calibration.json; `numbers` are dotted keys (`pair.U0_J`) that must be finite numbers.

    Returns the document without its header fields."""
    path = Path(path)
    data = load_json(path, "calibration", "calibration file not found (write one with `skybench calibrate`)")
    if not isinstance(data, dict):
        raise DataError(f"{path}: a calibration is a JSON object, found {type(data).__name__}")
    if data.get("format") == _LEGACY_FORMAT and "format_version" not in data:
        version = 1
    elif data.get("format") == FORMAT_NAME:
        version = data.get("format_version")
    else:
        raise DataError(f"{path}: format is {data.get('format')!r}, expected {FORMAT_NAME!r}")
    if version != CALIBRATION_FORMAT_VERSION:
        raise DataError(f"{path}: format_version is {version!r}, this reader understands "
                        f"{CALIBRATION_FORMAT_VERSION}")
    for key in numbers:
        value: Any = data
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                raise DataError(f"{path}: missing calibration entry {key!r}")
            value = value[part]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise DataError(f"{path}: {key} = {value!r} is not a finite number")
    return {key: value for key, value in data.items() if key not in HEADER_FIELDS}
