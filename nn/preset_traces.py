"""Traces of a training preset, recorded by the device emulator on first use and kept in a cache folder.

`preset_traces(preset, cache, devices)` returns one trace per device (emulator seeds 0..devices-1). Each run
lives in `cache/<emulator preset>-<protocol>-seed<k>-<digest>/`: the name carries the preset, the protocol and
the seed, and the digest covers every file the recorded trace depends on (`cache_inputs()`): all files of the
`emulator` package, code and data alike (the presets' values, `emulator/calibrations/*.json`), and the trace
format module that writes the file. A change to any of them gives a new folder, so a stale trace is never
served (issue 14 item 1: a calibration edit once left the old trace in use). A missing run is recorded through
`emulator.api.write_device_run` (imported here only, lazily: nn depends on the emulator only on this path) into
a staged folder, so an interrupted recording leaves nothing behind.

The cache folder is `--cache`, else $SKYBENCH_CACHE, else ~/.cache/skybench/traces.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from nn.trace_file import TRACE_FILE
from nn.training_presets import TrainingPreset
from skybench.errors import DataError, ParameterError, check_range
from skybench.outputs import staged_output

CACHE_ENV_VAR = "SKYBENCH_CACHE"
"""Environment variable naming the trace cache folder."""
DEFAULT_CACHE = Path("~") / ".cache" / "skybench" / "traces"
"""Cache folder when neither --cache nor $SKYBENCH_CACHE is given."""
MAX_DEVICES = 64
"""Most emulated devices a preset may record for device-to-device variation."""
DIGEST_CHARS = 12
"""Hex characters of the digest of `cache_inputs()` in a cache folder name."""
SKIPPED_PARTS = ("__pycache__",)
"""Folders whose files never change a trace (byte code, numba's on-disk cache)."""


def cache_dir(cache: str | os.PathLike | None = None) -> Path:
    """The trace cache folder by the rule in the module docstring."""
    if cache is not None:
        return Path(cache)
    from_env = os.environ.get(CACHE_ENV_VAR)
    return Path(from_env) if from_env else DEFAULT_CACHE.expanduser()


def preset_traces(preset: TrainingPreset, cache: str | os.PathLike | None = None, devices: int = 1) -> list[Path]:
    """The trace files of `devices` emulated devices of `preset`, recording the missing ones (docstring)."""
    if not preset.uses_device:
        raise ParameterError("device", preset.name, "a device preset (software has no trace)")
    check_range("devices", devices, 1, MAX_DEVICES)
    if int(devices) != devices:
        raise ParameterError("devices", devices, f"an integer in [1, {MAX_DEVICES}]")
    api = _emulator_api()
    digest = _emulator_digest()
    root = cache_dir(cache)
    paths = []
    for seed in range(int(devices)):
        folder = root / f"{preset.emulator_preset}-{preset.emulator_protocol}-seed{seed}-{digest}"
        if not (folder / TRACE_FILE).is_file():
            with staged_output(folder, name="cache", force=True) as stage:
                api.write_device_run(preset.emulator_preset, preset.emulator_protocol, stage, seed=seed)
        paths.append(folder / TRACE_FILE)
    return paths


def _emulator_api():
    try:
        api = importlib.import_module("emulator.api")
    except ImportError as error:
        raise DataError(f"the device emulator (emulator.api.write_device_run) is not available ({error}); "
                        f"pass --traces DIR with recorded trace.csv files") from None
    return api


def cache_inputs() -> list[tuple[str, Path]]:
    """(label, path) of every file a recorded trace depends on, sorted: see the module docstring."""
    import emulator
    import skybench.formats

    files = []
    for package in (emulator, skybench.formats):
        root = Path(package.__file__).resolve().parent
        label = package.__name__.replace(".", "/")
        files += [(f"{label}/{path.relative_to(root).as_posix()}", path) for path in root.rglob("*")
                  if path.is_file() and not any(part in SKIPPED_PARTS for part in path.relative_to(root).parts)]
    return sorted(files)


def _emulator_digest() -> str:
    digest = hashlib.sha256()
    for label, path in cache_inputs():
        digest.update(label.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:DIGEST_CHARS]
