"""Loading one JSON file of a skybench format, with the errors every format reports the same way.

The format modules (calibration.py, llg_reference.py) own their layouts and checks; this only turns a missing,
unreadable or malformed file into one `DataError` naming the file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from skybench.errors import DataError


def load_json(path: Path, what: str, missing: str) -> Any:
    """The parsed content of `path`; DataError `"{path}: {missing}"` if it does not exist and `"{path}: not a
    readable {what} JSON (...)"` if it cannot be read or parsed."""
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise DataError(f"{path}: {missing}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"{path}: not a readable {what} JSON ({error})") from None
