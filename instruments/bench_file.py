"""Bench files (YAML) and the hooks that make `@skybench` and `skybench serve` serve the skyrmion bench.

A bench file (the default one is `instruments/default_bench.yaml`):

    name: hall-bench
    device: {preset: gdfeco_experiment, seed: 0, field: 0.0}   # field: Bz (T) at switch-on
    clock: {time_rate: null}               # sim s per wall s; .inf: as fast as possible; null: the transport's default
    wiring:                                                    # instruments.wiring.WiringParameters
      lead_resistance: 2.0
      amplifier: null                                          # or {gain: 10, max_output: 100, ...}
    instruments:
      - {resource: GPIB0::10::INSTR, kind: pulse_generator}
      - {resource: GPIB0::12::INSTR, kind: current_source}
      - {resource: GPIB0::7::INSTR, kind: nanovoltmeter}
      - {resource: GPIB0::17::INSTR, kind: switch}
      - {resource: "TCPIP0::192.168.1.30::7180::SOCKET", kind: magnet}
      - {resource: GPIB0::5::INSTR, kind: pyvisa_sim, options: {file: thermometer.yaml}}

Every section is optional (the defaults are the default bench's). A `pyvisa_sim` file path is relative to
the bench file. A file with neither a `device`, `clock` or `wiring` section nor an emulated instrument kind is a
plain protocol-layer bench: its instruments are kinds registered with `protocols.bench` (demo meters), built
from their options, without a device. This module is the one reader of the format; every resource name
appears once (in any spelling: `GPIB::7` and `GPIB0::7::INSTR` are one name), else the file is refused.

`install()` registers `default_bench` and `load_bench_file` with `protocols.bench`, which the pyvisa backend
(`pyvisa_skybench`) and `skybench serve` call before they load a bench.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from instruments.bench import (
    INSTRUMENT_KINDS,
    PYVISA_SIM_KIND,
    BenchConfig,
    InstrumentEntry,
    SkyrmionBench,
    build_bench,
)
from instruments.pulse_amplifier import PulseAmplifier
from instruments.wiring import WiringParameters
from skybench.errors import DataError, ParameterError

DEFAULT_BENCH_FILE = Path(__file__).with_name("default_bench.yaml")
"""The default bench: the paper's Hall setup with the gdfeco_experiment device."""
_SECTIONS = ("name", "device", "clock", "wiring", "instruments")
_DEVICE_KEYS = ("preset", "seed", "field")
_CLOCK_KEYS = ("time_rate",)


def read_bench_config(path: str | Path) -> BenchConfig:
    """The BenchConfig a bench file describes; DataError naming the file and the fault."""
    path = Path(path)
    document = _load_yaml(path)
    return _config_from_document(document, path)


def load_bench_file(path: Path, preset: Any = None):
    """The bench a file describes (the file loader `protocols.bench` calls)."""
    document = _load_yaml(Path(path))
    if _is_protocol_bench(document):
        return _protocol_bench(document, Path(path))
    config = _config_from_document(document, Path(path))
    return _build(config, Path(path), preset)


def _protocol_bench(document: dict, path: Path):
    """A bench of protocol-layer instruments (kinds registered with protocols.bench), no device."""
    from protocols.bench import Bench, loaders

    kinds = loaders().kinds
    instruments = {}
    for number, entry in enumerate(_entries(document["instruments"], path), 1):
        if entry.kind not in kinds:
            raise DataError(f"bench file {str(path)!r}: unknown kind {entry.kind!r} (known: "
                            f"{', '.join(sorted(set(kinds) | set(INSTRUMENT_KINDS) | {PYVISA_SIM_KIND}))})")
        try:
            instruments[entry.resource] = kinds[entry.kind](**entry.options)
        except (TypeError, ValueError) as error:
            raise DataError(f"bench file {str(path)!r}: instrument {number} ({entry.kind}): {error}") from None
    return Bench(instruments, name=path.name)


def default_bench(preset: Any = None) -> SkyrmionBench:
    """The default bench (builds the device preset unless `preset` is given)."""
    return _build(read_bench_config(DEFAULT_BENCH_FILE), DEFAULT_BENCH_FILE, preset)


def install() -> None:
    """Make `@skybench` and `skybench serve` serve the skyrmion bench (default and bench files)."""
    from protocols.bench import set_bench_file_loader, set_default_bench_factory

    set_default_bench_factory(default_bench, str(DEFAULT_BENCH_FILE))
    set_bench_file_loader(load_bench_file)


def _build(config: BenchConfig, path: Path, preset: Any) -> SkyrmionBench:
    from protocols.bench import loaders

    try:
        return build_bench(config, preset=preset, extra_kinds=dict(loaders().kinds))
    except (ParameterError, TypeError) as error:
        raise DataError(f"bench file {str(path)!r}: {error}") from None


# --- reading ---------------------------------------------------------------------------------------------
def _load_yaml(path: Path) -> Any:
    import yaml

    if not path.is_file():
        raise DataError(f"bench file {str(path)!r} does not exist")
    try:
        return yaml.safe_load(path.read_text())
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DataError(f"bench file {str(path)!r} cannot be read: {error}") from None


def _is_protocol_bench(document: Any) -> bool:
    if not isinstance(document, dict) or any(key in document for key in ("device", "wiring", "clock")):
        return False
    entries = document.get("instruments")
    if not isinstance(entries, list) or not entries:
        return False
    kinds = {entry.get("kind") for entry in entries if isinstance(entry, dict)}
    return not kinds & (set(INSTRUMENT_KINDS) | {PYVISA_SIM_KIND})


def _section(document: dict, name: str, keys: tuple[str, ...], path: Path) -> dict:
    value = document.get(name) or {}
    if not isinstance(value, dict):
        raise DataError(f"bench file {str(path)!r}: '{name}' must be a mapping")
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise DataError(f"bench file {str(path)!r}: unknown key(s) {', '.join(map(str, unknown))} in '{name}' "
                        f"(known: {', '.join(keys)})")
    return value


def _config_from_document(document: Any, path: Path) -> BenchConfig:
    where = f"bench file {str(path)!r}"
    if document is None:
        document = {}
    if not isinstance(document, dict):
        raise DataError(f"{where}: the top level must be a mapping with {', '.join(_SECTIONS)}")
    unknown = sorted(set(document) - set(_SECTIONS))
    if unknown:
        raise DataError(f"{where}: unknown section(s) {', '.join(map(str, unknown))} (known: {', '.join(_SECTIONS)})")
    device = _section(document, "device", _DEVICE_KEYS, path)
    clock = _section(document, "clock", _CLOCK_KEYS, path)
    wiring_fields = tuple(f.name for f in dataclasses.fields(WiringParameters))
    wiring = dict(_section(document, "wiring", wiring_fields, path))
    try:
        amplifier = wiring.pop("amplifier", None)
        if amplifier is not None:
            if not isinstance(amplifier, dict):
                raise DataError(f"{where}: 'wiring.amplifier' must be a mapping or null")
            amplifier_fields = {f.name for f in dataclasses.fields(PulseAmplifier)}
            bad = sorted(set(amplifier) - amplifier_fields)
            if bad:
                raise DataError(f"{where}: unknown key(s) {', '.join(bad)} in 'wiring.amplifier'")
            wiring["amplifier"] = PulseAmplifier(**{k: float(v) for k, v in amplifier.items()})
        wiring_params = WiringParameters(**{k: (v if k == "amplifier" else float(v)) for k, v in wiring.items()})
        fields: dict[str, Any] = {"wiring": wiring_params}
        if "name" in document:
            fields["name"] = str(document["name"])
        if "preset" in device:
            fields["preset"] = str(device["preset"])
        if "seed" in device:
            fields["seed"] = device["seed"]
        if "field" in device:
            fields["field"] = float(device["field"])
        if clock.get("time_rate") is not None:
            fields["time_rate"] = float(clock["time_rate"])
        if "instruments" in document:
            fields["instruments"] = _entries(document["instruments"], path)
        return BenchConfig(**fields)
    except (ParameterError, TypeError, ValueError) as error:
        if isinstance(error, DataError):
            raise
        raise DataError(f"{where}: {error}") from None


def _entries(entries: Any, path: Path) -> tuple[InstrumentEntry, ...]:
    from protocols.bench import canonical_resource_name

    where = f"bench file {str(path)!r}"
    if not isinstance(entries, list) or not entries:
        raise DataError(f"{where}: 'instruments' must be a non-empty list")
    found = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or "resource" not in entry or "kind" not in entry:
            raise DataError(f"{where}: instrument {number} needs 'resource' and 'kind'")
        unknown = sorted(set(entry) - {"resource", "kind", "options"})
        if unknown:
            raise DataError(f"{where}: instrument {number}: unknown key(s) {', '.join(map(str, unknown))}")
        options = entry.get("options") or {}
        if not isinstance(options, dict):
            raise DataError(f"{where}: options of instrument {number} must be a mapping")
        options = dict(options)
        if entry["kind"] == PYVISA_SIM_KIND:
            if "file" not in options:
                raise DataError(f"{where}: instrument {number} (pyvisa_sim) needs options.file")
            options["file"] = str((path.parent / str(options["file"])).resolve())
        resource = canonical_resource_name(str(entry["resource"]))
        if resource in seen:
            raise DataError(f"{where}: resource {resource} appears twice (instruments {seen[resource]} and {number})")
        seen[resource] = number
        found.append(InstrumentEntry(str(entry["resource"]), str(entry["kind"]), options))
    return tuple(found)
