"""trace.csv: one row per step of a protocol, in declared columns, written and read only through this module.

A trace is a plain CSV file that any CSV tool reads: a header row of column names, then one row per step. Every
column is declared once by a `Column`: its name (which ends in its unit, e.g. `_nOhm_cm`), the unit of the
values in the file (a pint string), the SI unit the readers convert to, the type (integer, number or text),
whether a cell may be blank (no value: no skyrmion has no diameter) and the range of valid values. A protocol
declares its columns as a `TraceSchema`: an index column that numbers the steps 1, 2, ..., N (each once, in
order, none missing) plus required and optional columns. `SYNAPSE` is the pulse trace of `skybench device`
and `skybench measure`; a protocol with other columns (a field sweep) declares its own schema and appends it
to `SCHEMAS`.

`write_trace(path, schema, table)` writes a table (column name -> values in the file's units) and refuses a
column the schema does not declare or a missing required one. `read_trace_table(path, schema)` checks a file
against its schema and raises `DataError` naming the file, the line and the rule broken: wrong column set,
a duplicated column, a row with a wrong number of fields, a number that does not parse or is not finite, a
fractional value in an integer column, a value out of its range, an unknown text value (phase), and step
indices that repeat, skip or do not start at 1 (a duplicated row, a missing pulse). Columns not declared are
kept as text and not checked (a user's script may add its own).

The format's version is `TRACE_FORMAT_VERSION`. CSV has no place for it that every CSV tool skips, so the run
folder's summary.json records it (`trace_format_version`, skybench.formats.run_summary); the reader refuses a
trace whose summary records another version and takes a bare trace.csv (no summary beside it, e.g. written by
a user's measurement script) as the current version.
"""
from __future__ import annotations

import csv
import dataclasses
import json
import math
import os
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from emulator.units import Q_
from skybench.errors import DataError, ParameterError

TRACE_FILE = "trace.csv"
"""Name of a trace file inside a run folder."""
TRACE_FORMAT_VERSION = 1
"""Version of the trace.csv format (recorded in the run folder's summary.json)."""
INTEGER, NUMBER, TEXT = "integer", "number", "text"
"""Column types."""


@dataclasses.dataclass(frozen=True)
class Column:
    """One declared column of a trace."""

    name: str
    """Header name; ends in the unit (`pulse_width_s`)."""
    kind: str
    """INTEGER, NUMBER or TEXT."""
    unit: str = ""
    """Unit of the values in the file (pint string; "" dimensionless or text)."""
    si_unit: str = ""
    """SI unit the readers convert to (`si_factor` multiplies file values into it)."""
    meaning: str = ""
    """One line: what the value is."""
    blank: bool = False
    """True if a cell may be empty (no value)."""
    low: float | None = None
    """Smallest valid value (inclusive), or None."""
    high: float | None = None
    """Largest valid value (inclusive), or None."""
    choices: tuple[str, ...] = ()
    """Valid values of a TEXT column (empty: any text)."""

    @property
    def si_factor(self) -> float:
        """File value times this is the value in `si_unit` (pint: e.g. 1 nOhm cm = 1e-11 Ohm m)."""
        if not self.unit:
            return 1.0
        return float(Q_(1.0, self.unit).to(self.si_unit).magnitude)

    def valid(self) -> str:
        """The valid values, in words, for error messages."""
        if self.kind == TEXT:
            return "one of " + ", ".join(self.choices) if self.choices else "text"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        unit = f" {self.unit}" if self.unit else ""
        what = "an integer" if self.kind == INTEGER else "a finite number"
        return f"{what} in [{low}, {high}]{unit}" + (" or blank" if self.blank else "")


@dataclasses.dataclass(frozen=True)
class TraceSchema:
    """The columns of one kind of trace: a step index plus required and optional columns."""

    name: str
    """Short name of the trace kind (`synapse`)."""
    index: Column
    """Numbers the steps 1..N, each once, in file order."""
    required: tuple[Column, ...]
    """Columns every trace of this kind has (besides the index)."""
    optional: tuple[Column, ...] = ()
    """Columns some traces have."""

    def __post_init__(self):
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"trace schema {self.name}: duplicated column names")

    @property
    def columns(self) -> tuple[Column, ...]:
        return (self.index, *self.required, *self.optional)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in (self.index, *self.required))

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


PHASES = ("potentiation", "depression")
"""Values of the `phase` column of a pulse trace."""

SYNAPSE = TraceSchema(
    name="synapse",
    index=Column("pulse_index", INTEGER, meaning="pulse number, 1..N in order", low=1),
    required=(
        Column("phase", TEXT, meaning="which branch the pulse belongs to", choices=PHASES),
        Column("current_density_A_per_m2", NUMBER, "A/m^2", "A/m^2",
               "signed nominal current density of the pulse"),
        Column("pulse_width_s", NUMBER, "s", "s", "pulse width", low=0.0),
        Column("n_skyrmions_active", INTEGER, meaning="skyrmions in the effective (active) area after the pulse",
               low=0),
        Column("mean_diameter_m", NUMBER, "m", "m", "mean diameter of those skyrmions (blank: none)", blank=True,
               low=0.0),
        Column("rho_xy_change_nOhm_cm", NUMBER, "nanoohm * centimeter", "ohm * meter",
               "Hall resistivity change since the start of the run (blank: an MTJ trace without Hall readout)",
               blank=True),
    ),
    optional=(
        Column("conductance_S", NUMBER, "S", "S", "MTJ conductance after the pulse", low=0.0),
        Column("rho_xy_std_nOhm_cm", NUMBER, "nanoohm * centimeter", "ohm * meter",
               "spread of repeated readouts of the state after the pulse", low=0.0),
        Column("field_T", NUMBER, "T", "T", "out-of-plane field during the pulse"),
        Column("hall_voltage_V", NUMBER, "V", "V", "mean Hall voltage read after the pulse"),
    ),
)
"""The pulse trace of `skybench device` and `skybench measure` (the emulator's output contract, issue 2)."""

SCHEMAS: tuple[TraceSchema, ...] = (SYNAPSE,)
"""Every trace kind the project writes."""


@dataclasses.dataclass(frozen=True)
class TraceTable:
    """A checked trace: each declared column present in the file as an array in the file's units."""

    path: Path
    schema: TraceSchema
    header: tuple[str, ...]
    """Column names in file order (undeclared ones included)."""
    values: Mapping[str, np.ndarray]
    """Declared columns: int64 (INTEGER), float64 with NaN for blanks (NUMBER) or str objects (TEXT);
    undeclared columns as str objects."""

    @property
    def n_rows(self) -> int:
        return int(self.values[self.schema.index.name].size)

    def has(self, name: str) -> bool:
        return name in self.values

    def si(self, name: str) -> np.ndarray:
        """Column `name` converted to its SI unit (float)."""
        return self.values[name].astype(float) * self.schema.column(name).si_factor


def write_trace(path: str | os.PathLike, schema: TraceSchema, table: Mapping[str, Sequence]) -> Path:
    """Write `table` (column -> values in the file's units; NaN/None as blank) as a trace of `schema`."""
    path = Path(path)
    declared = {c.name for c in schema.columns}
    undeclared = [name for name in table if name not in declared]
    missing = [name for name in schema.required_names if name not in table]
    if undeclared or missing:
        raise ParameterError("trace columns", list(table),
                             f"the columns of trace schema {schema.name} (missing {missing}, undeclared {undeclared})")
    lengths = {len(values) for values in table.values()}
    if len(lengths) > 1:
        raise ParameterError("trace columns", {k: len(v) for k, v in table.items()}, "columns of equal length")
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(table))
        for row in zip(*table.values()):
            writer.writerow([_cell(value) for value in row])
    return path


def read_trace_table(path: str | os.PathLike, schema: TraceSchema = SYNAPSE) -> TraceTable:
    """Read `path` and check it against `schema` (module docstring); raise DataError naming the file and line."""
    path = Path(path)
    try:
        with path.open(newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"{path}: cannot read trace ({error})") from None
    if not rows:
        raise DataError(f"{path}: empty file, expected a header with columns {', '.join(schema.required_names)}")
    header = tuple(name.strip() for name in rows[0])
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise DataError(f"{path}: column {', '.join(duplicated)} appears more than once in the header")
    missing = [name for name in schema.required_names if name not in header]
    if missing:
        raise DataError(f"{path}: wrong column set, missing {', '.join(missing)} "
                        f"(required: {', '.join(schema.required_names)})")
    body = [(line, row) for line, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        raise DataError(f"{path}: no rows after the header")
    for line, row in body:
        if len(row) != len(header):
            raise DataError(f"{path}: line {line} has {len(row)} fields, the header has {len(header)}")
    lines = [line for line, _ in body]
    values: dict[str, np.ndarray] = {}
    for position, name in enumerate(header):
        cells = [row[position].strip() for _, row in body]
        try:
            column = schema.column(name)
        except KeyError:
            values[name] = np.array(cells, dtype=object)
            continue
        values[name] = _parse(path, column, cells, lines)
    _check_index(path, schema.index, values[schema.index.name], lines)
    _check_recorded_version(path)
    return TraceTable(path=path, schema=schema, header=header, values=values)


def _parse(path: Path, column: Column, cells: list[str], lines: list[int]) -> np.ndarray:
    def fail(i: int, what: str):
        raise DataError(f"{path}: line {lines[i]}: column {column.name} = {cells[i]!r} {what}; valid: "
                        f"{column.valid()}")

    if column.kind == TEXT:
        if column.choices:
            for i, cell in enumerate(cells):
                if cell not in column.choices:
                    fail(i, "is not a valid value")
        return np.array(cells, dtype=object)
    numbers = np.empty(len(cells), dtype=float)
    for i, cell in enumerate(cells):
        if cell == "":
            if not column.blank:
                fail(i, "is blank")
            numbers[i] = math.nan
            continue
        try:
            number = int(cell) if column.kind == INTEGER else float(cell)
        except ValueError:
            fail(i, "is not an integer" if column.kind == INTEGER and _is_float(cell) else "is not a number")
        if not math.isfinite(number):
            fail(i, "is not finite (NaN or infinite)")
        if (column.low is not None and number < column.low) or (column.high is not None and number > column.high):
            fail(i, "is out of range")
        numbers[i] = number
    return numbers.astype(np.int64) if column.kind == INTEGER else numbers


def _check_index(path: Path, column: Column, index: np.ndarray, lines: list[int]) -> None:
    """Steps are numbered 1, 2, ..., N in file order: a repeat is a duplicated row, a jump a missing step."""
    for i, value in enumerate(index):
        expected = i + 1
        if value == expected:
            continue
        if value < expected:
            raise DataError(f"{path}: line {lines[i]}: {column.name} {value} repeats or goes back (expected "
                            f"{expected}); steps are numbered 1..N in order, each once (a duplicated row?)")
        raise DataError(f"{path}: line {lines[i]}: {column.name} jumps to {value} (expected {expected}): step(s) "
                        f"{expected}..{value - 1} missing; steps are numbered 1..N in order, each once")


def _check_recorded_version(path: Path) -> None:
    """Refuse a trace whose run folder's summary.json records another trace format version."""
    try:
        recorded = json.loads((path.parent / "summary.json").read_text()).get("trace_format_version")
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return  # a bare trace, or a folder without a readable summary: the current version
    if recorded is not None and recorded != TRACE_FORMAT_VERSION:
        raise DataError(f"{path}: written in trace format version {recorded!r} (its summary.json); this skybench "
                        f"reads version {TRACE_FORMAT_VERSION}")


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (np.integer,)):
        return str(int(value))
    return str(value)


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
