"""Output folders that are never half-written.

`staged_output(out)` yields a fresh temporary folder beside `out`; the command writes everything there.
Only when the block finishes without an exception are the files moved into `out` (each with an atomic
`os.replace`); on any error the temporary folder is removed and `out` is left as it was.
"""
from __future__ import annotations

import contextlib
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from skybench.errors import ParameterError


def check_writable(out: str | os.PathLike, name: str = "out") -> Path:
    """Return `out` as a Path if it can be created or written, else raise ParameterError naming `name`."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ParameterError(name, str(path), "a folder path (it exists and is a file)")
    parent = path if path.exists() else _nearest_existing(path)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ParameterError(name, str(path), f"a folder you can write (no write permission in {parent})")
    return path


@contextlib.contextmanager
def staged_output(out: str | os.PathLike, name: str = "out") -> Iterator[Path]:
    """Yield a temporary folder; on success move its files into `out`, on failure discard them."""
    path = check_writable(out, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent))
    try:
        yield staging
        path.mkdir(parents=True, exist_ok=True)
        for item in sorted(staging.rglob("*")):
            target = path / item.relative_to(staging)
            if item.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(item, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _nearest_existing(path: Path) -> Path:
    for parent in path.absolute().parents:
        if parent.exists():
            return parent
    return Path("/")


def json_safe(value):
    """A copy of `value` (nested dicts, lists, tuples) in which NaN and infinities become None (JSON null)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return value
