"""Output folders that are never half-written and never mix two runs.

One rule for every command that writes a folder (`--out DIR`, added by `add_output_arguments`):
- an empty path is refused (it would write into the current folder);
- an existing non-empty folder is refused unless `--force`; with `--force` it is replaced as a whole, so no
  file of an earlier run survives beside the new ones;
- the command writes into a staging folder `.NAME.<pid>-<random>.partial` beside DIR; only when the block
  finishes without an exception is the staging folder renamed to DIR (an earlier DIR is first renamed to
  `.NAME.<pid>-<random>.replaced` and then removed). On any error the staging folder is removed and DIR is left
  as it was;
- a staging or replaced folder left by a killed run (its process id no longer alive) is removed by the next
  run to the same DIR; one whose process still runs is left alone. A staging folder without a process id
  (`.NAME.<8 characters>.partial`, written by skybench before this rule) is removed as well.

`check_writable(out, force=...)` applies the rule early (before a long computation); `staged_output(out,
force=...)` applies it again and does the write.
"""
from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Iterator

from skybench.errors import ParameterError

STAGING_SUFFIX = ".partial"
"""Suffix of a staging folder (the run writes here)."""
REPLACED_SUFFIX = ".replaced"
"""Suffix of the earlier folder while --force swaps the new one in."""
_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[^.]+(?:\.partial|\.replaced)$")
_UNTAGGED_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.partial$")
"""A staging folder of skybench before staging folders carried the pid (tempfile.mkdtemp's 8 characters)."""


def add_output_arguments(parser: argparse.ArgumentParser, required: bool = True,
                         help: str = "output folder") -> None:
    """Add `--out DIR` and `--force` to a command's parser (every command that writes a folder calls this)."""
    parser.add_argument("--out", type=_output_path, metavar="DIR", required=required,
                        help=f"{help} (refused if it exists and is not empty, unless --force)")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing --out folder as a whole (its old files are removed)")


def check_writable(out: str | os.PathLike, name: str = "out", force: bool = False) -> Path:
    """Return `out` as a Path if this run may write it by the module's rule, else raise ParameterError."""
    if out is None or str(out).strip() == "":
        raise ParameterError(name, "" if out is None else str(out),
                             "a folder path (an empty path would write into the current folder)")
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ParameterError(name, str(path), "a folder path (it exists and is a file)")
    if path.is_dir():
        if force:
            _refuse_protected(path, name)
        elif any(path.iterdir()):
            raise ParameterError(name, str(path), "a new or empty folder (it holds files of an earlier run; "
                                                  "pass --force to replace it as a whole)")
    parent = path if path.exists() else _nearest_existing(path)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ParameterError(name, str(path), f"a folder you can write (no write permission in {parent})")
    _remove_leftovers(path)
    return path


@contextlib.contextmanager
def staged_output(out: str | os.PathLike, name: str = "out", force: bool = False) -> Iterator[Path]:
    """Yield a staging folder; on success it becomes `out` (replacing it when `force`), on failure it is removed."""
    path = check_writable(out, name, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = _fresh_folder(path, STAGING_SUFFIX)
    try:
        yield staging
        _move_into_place(staging, path, name, force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(staging: Path, path: Path, name: str, force: bool) -> None:
    if path.is_dir() and any(path.iterdir()):
        if not force:
            raise ParameterError(name, str(path), "a new or empty folder (another run filled it meanwhile; "
                                                  "pass --force to replace it as a whole)")
        old = _fresh_folder(path, REPLACED_SUFFIX)
        os.replace(path, old)  # the earlier folder moves aside in one rename ...
        os.replace(staging, path)  # ... and the new one takes its name in another
        shutil.rmtree(old, ignore_errors=True)
        return
    try:
        os.replace(staging, path)  # rename(2) also replaces an empty folder
    except OSError as error:
        raise ParameterError(name, str(path), f"a new or empty folder ({error.strerror})") from None


def _fresh_folder(path: Path, suffix: str) -> Path:
    """Create `.NAME.<pid>-<random><suffix>` beside `path` (mode from the umask, like any new folder)."""
    while True:
        candidate = path.parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{suffix}"
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate


def _remove_leftovers(path: Path) -> None:
    """Remove `.NAME.<pid>-*.partial` / `.replaced` folders beside `path` whose process is gone."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return
    for entry in parent.iterdir():
        match = _LEFTOVER.match(entry.name)
        if match and match["name"] == path.name and entry.is_dir() and not _alive(int(match["pid"])):
            shutil.rmtree(entry, ignore_errors=True)
            continue
        match = _UNTAGGED_LEFTOVER.match(entry.name)
        if match and match["name"] == path.name and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # never remove this process's own staging folders
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _refuse_protected(path: Path, name: str) -> None:
    """--force never replaces the current folder, one above it, the home folder or a filesystem root."""
    target = path.resolve()
    cwd = Path.cwd().resolve()
    home = Path.home().resolve()
    if target == cwd or target in cwd.parents or target == home or target in home.parents or \
            target.parent == target:
        raise ParameterError(name, str(path), "a run folder (--force does not replace the current folder, a "
                                              "folder above it, the home folder or a root)")


def _output_path(text: str) -> Path | str:
    """--out as a Path; an empty text stays a string, which `check_writable` refuses in one line (Path("") would
    silently be the current folder)."""
    return Path(text) if text.strip() else text


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
