"""The estimator's configuration: technology, architecture, network, cells and default update model.

`ChipConfig()` is the paper's setup (784-100-10, 32 x 32 subarrays, 32 nm, RRAM 1T1R vs skyrmion 2T1R).
`ChipConfig.from_toml(path)` overrides any field from a TOML file; `to_toml()` writes the whole configuration
(the template to edit). A dimensional value must be a string with its unit, parsed by the project's pint
registry ("10 kohm", "0.05 ns", "32 nm"): a bare number is refused, since `F = 32` or `vdd = 900` cannot say
whether it means nm or m, mV or V (issue 14 item 2). Dimensionless values (counts, fractions, sizes in units
of F) are plain numbers. Layout:

    compare = ["rram", "skyrmion"]       # cells to estimate, in order (default: all defined)
    [technology]   F = "32 nm" ...        # fields of nn.chip.technology.Technology
    [architecture] subarray_rows = 32 ... # fields of nn.chip.architecture.Architecture
    [network]      layers = [784, 100, 10]   pools = []   devices_per_weight = 1   # 2: differential pair
                                         # (a --train-run's summary sets devices_per_weight instead)
    [update]       batch_size = 300 ...   # fields of nn.chip.update_counts.UpdateModel
    [cells.skyrmion]  R_off = "9 kohm" ...   # overrides a preset, or defines a new cell (all fields)
    [cells.skyrmion.write_path]  kind = "track"  R_track = "3 kohm"

An unknown key, a wrong unit or an impossible value raises ParameterError naming the key (e.g.
'cells.skyrmion.R_off') and its valid range; an unreadable file raises DataError naming the file.
"""
from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

import pint

from emulator.units import Q_, to_si
from nn.chip.architecture import Architecture
from nn.chip.cell import Cell
from nn.chip.mapping import Mapping, Network, map_network
from nn.chip.presets import CELLS, TECH_32NM
from nn.chip.technology import Technology
from nn.chip.update_counts import UpdateModel
from nn.chip.write_path import WRITE_PATHS
from skybench.errors import DataError, ParameterError

TOP_LEVEL_KEYS = ("compare", "technology", "architecture", "network", "update", "cells")
"""Keys accepted at the top of a config file."""


@dataclasses.dataclass(frozen=True)
class ChipConfig:
    """Everything the estimator needs, with the paper's values as defaults."""

    technology: Technology = TECH_32NM
    """CMOS node and wires."""
    architecture: Architecture = dataclasses.field(default_factory=Architecture)
    """Subarray, read scheme and hierarchy choices."""
    network: Network = dataclasses.field(default_factory=Network)
    """Layer sizes of the mapped network."""
    cells: tuple[Cell, ...] = CELLS
    """Cell technologies to compare, in report order."""
    update: UpdateModel = dataclasses.field(default_factory=UpdateModel)
    """Default pulse counts when no training run is given."""

    def __post_init__(self):
        if not self.cells:
            raise ParameterError("compare", [], "at least one cell name")
        names = [cell.name for cell in self.cells]
        if len(set(names)) != len(names):
            raise ParameterError("compare", names, "distinct cell names")
        self.mapping()  # refuses a subarray larger than the largest layer now, not at estimation time
        for cell in self.cells:
            if cell.V_access <= self.technology.v_th:
                raise ParameterError(f"cells.{cell.name}.V_access", cell.V_access,
                                     f"> the transistor threshold {self.technology.v_th:g} V")

    def mapping(self) -> Mapping:
        """The network mapped onto this architecture's subarrays, PEs and tiles."""
        a = self.architecture
        try:
            return map_network(self.network, a.subarray_rows, a.subarray_cols, (a.pe_rows, a.pe_cols),
                               (a.tile_rows, a.tile_cols))
        except ParameterError as error:
            raise ParameterError(f"architecture.{error.name}", error.value, error.valid) from None

    def cell(self, name: str) -> Cell:
        for cell in self.cells:
            if cell.name == name:
                return cell
        raise ParameterError("cell", name, "one of " + ", ".join(c.name for c in self.cells))

    def replace(self, **changes) -> "ChipConfig":
        return dataclasses.replace(self, **changes)

    # --- TOML --------------------------------------------------------------------------------------
    @classmethod
    def from_toml(cls, path: str | Path) -> "ChipConfig":
        """Read a TOML file of overrides (see module docstring)."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text())
        except FileNotFoundError:
            raise DataError(f"{path}: config file not found") from None
        except (OSError, UnicodeDecodeError) as error:
            raise DataError(f"{path}: cannot read config ({error})") from None
        except tomllib.TOMLDecodeError as error:
            raise DataError(f"{path}: not valid TOML ({error})") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ChipConfig":
        """Build from the parsed TOML tables (defaults for everything not given)."""
        base = cls()
        _known("", data, TOP_LEVEL_KEYS)
        technology = _override(base.technology, _table(data, "technology"), "technology")
        architecture = _override(base.architecture, _table(data, "architecture"), "architecture")
        update = _override(base.update, _table(data, "update"), "update")
        network = _network(_table(data, "network"), base.network)
        cells = {cell.name: cell for cell in base.cells}
        for name, table in _table(data, "cells").items():
            if not isinstance(table, dict):
                raise ParameterError(f"cells.{name}", table, "a table of cell fields")
            cells[name] = _cell(name, table, cells.get(name))
        compare = data.get("compare", list(cells))
        if not isinstance(compare, list) or not all(isinstance(n, str) for n in compare):
            raise ParameterError("compare", compare, "a list of cell names")
        for name in compare:
            if name not in cells:
                raise ParameterError("compare", name, "one of the defined cells: " + ", ".join(cells))
        return cls(technology, architecture, network, tuple(cells[n] for n in compare), update)

    def to_toml(self) -> str:
        """The whole configuration as TOML, every quantity with its unit."""
        lines = ["# skybench chip configuration (every quantity in the SI unit named beside it)",
                 f"compare = {_toml_value([c.name for c in self.cells])}", ""]
        lines += _toml_table("technology", self.technology)
        lines += _toml_table("architecture", self.architecture)
        lines += ["[network]", f"layers = {_toml_value(list(self.network.sizes))}",
                  f"pools = {_toml_value(list(self.network.pools))}",
                  f"devices_per_weight = {self.network.devices_per_weight}", ""]
        lines += _toml_table("update", self.update)
        for cell in self.cells:
            lines += _toml_table(f"cells.{cell.name}", cell, skip=("name", "write_path"))
            lines += _toml_table(f"cells.{cell.name}.write_path", cell.write_path,
                                 skip=("extra_transistors", "own_lines"))
        return "\n".join(lines)


# --- helpers ---------------------------------------------------------------------------------------
def _table(data: dict, key: str) -> dict:
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise ParameterError(key, table, "a TOML table")
    return table


def _known(where: str, table: dict, keys) -> None:
    for key in table:
        if key not in keys:
            raise ParameterError(f"{where}{key}", table[key], "a known key: " + ", ".join(keys))


def _fields(obj_or_cls) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(obj_or_cls) if f.init}


def _convert(name: str, raw: Any, field: dataclasses.Field, current: Any) -> Any:
    """Convert a TOML value to the type of `current` and the field's SI unit."""
    unit = field.metadata.get("unit", None)
    if unit is None or isinstance(current, str):
        if not isinstance(raw, str):
            raise ParameterError(name, raw, "a string")
        return raw
    if unit:
        example = f"{current:g} {unit}" if isinstance(current, (int, float)) else f"1 {unit}"
        valid = f"a quantity string with a unit convertible to {unit}, e.g. \"{example}\""
        if not isinstance(raw, str):
            raise ParameterError(name, raw, valid + " (a bare number has no unit)")
    si_unit = unit or "dimensionless"
    if not unit:
        valid = "a dimensionless number"
    if isinstance(raw, str):
        try:
            quantity = Q_(raw)
        except (pint.errors.PintError, ValueError, TypeError, AttributeError, SyntaxError):
            raise ParameterError(name, raw, valid) from None
        value = to_si(name, quantity, si_unit)
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
    else:
        raise ParameterError(name, raw, valid)
    if isinstance(current, int) and not isinstance(current, bool):
        if not value.is_integer():
            raise ParameterError(name, raw, "an integer")
        return int(value)
    return value


def _override(obj, table: dict, where: str, skip: tuple[str, ...] = ()):
    fields = {k: f for k, f in _fields(obj).items() if k not in skip and k != "source"}
    _known(f"{where}.", table, tuple(fields) + (("source",) if hasattr(obj, "source") else ()))
    changes = {}
    for key, raw in table.items():
        if key == "source":
            changes[key] = str(raw)
            continue
        changes[key] = _convert(f"{where}.{key}", raw, fields[key], getattr(obj, key))
    try:
        return dataclasses.replace(obj, **changes)
    except ParameterError as error:
        raise ParameterError(f"{where}.{error.name}", error.value, error.valid) from None


def _network(table: dict, base: Network) -> Network:
    _known("network.", table, ("layers", "pools", "devices_per_weight"))
    sizes = table.get("layers", list(base.sizes))
    pools = table.get("pools", list(base.pools))
    for key, values in (("network.layers", sizes), ("network.pools", pools)):
        if not isinstance(values, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ParameterError(key, values, "a list of integers")
    devices = table.get("devices_per_weight", base.devices_per_weight)
    try:
        return Network(tuple(sizes), tuple(pools), devices)
    except ParameterError as error:
        if error.name != "devices_per_weight":
            raise
        raise ParameterError("network.devices_per_weight", error.value, error.valid) from None


def _write_path(where: str, table: dict, base):
    kind = table.get("kind", base.kind if base is not None else "shared")
    if kind not in WRITE_PATHS:
        raise ParameterError(f"{where}.kind", kind, "one of " + ", ".join(WRITE_PATHS))
    cls = WRITE_PATHS[kind]
    start = base if isinstance(base, cls) else cls()
    rest = {k: v for k, v in table.items() if k != "kind"}
    return _override(start, rest, where, skip=("kind", "extra_transistors", "own_lines"))


def _cell(name: str, table: dict, base: Cell | None) -> Cell:
    where = f"cells.{name}"
    table = dict(table)
    path_table = table.pop("write_path", {})
    if not isinstance(path_table, dict):
        raise ParameterError(f"{where}.write_path", path_table, "a table with kind = 'shared' or 'track'")
    write_path = _write_path(f"{where}.write_path", path_table, base.write_path if base else None)
    if base is not None:
        cell = _override(base, table, where, skip=("name", "write_path"))
        try:
            return dataclasses.replace(cell, write_path=write_path)
        except ParameterError as error:
            raise ParameterError(f"{where}.{error.name}", error.value, error.valid) from None
    # a new cell: every field without a default is required; types follow the first preset
    fields = {k: f for k, f in _fields(Cell).items() if k not in ("name", "write_path")}
    _known(f"{where}.", table, tuple(fields))
    required = [k for k, f in fields.items() if f.default is dataclasses.MISSING]
    for key in required:
        if key not in table:
            raise ParameterError(f"{where}.{key}", None, "a value (a new cell needs " + ", ".join(required) + ")")
    template = CELLS[0]
    values = {k: (str(v) if k == "source" else _convert(f"{where}.{k}", v, fields[k], getattr(template, k)))
              for k, v in table.items()}
    try:
        return Cell(name=name, write_path=write_path, **values)
    except ParameterError as error:
        raise ParameterError(f"{where}.{error.name}", error.value, error.valid) from None


def _toml_value(value) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


def _toml_table(name: str, obj, skip: tuple[str, ...] = ()) -> list[str]:
    lines = [f"[{name}]"]
    for key, field in _fields(obj).items():
        if key in skip:
            continue
        value = getattr(obj, key)
        unit = field.metadata.get("unit", None)
        if isinstance(value, float) and unit:
            lines.append(f'{key} = "{value!r} {unit}"')
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    return lines + [""]
