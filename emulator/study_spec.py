"""The study file: a population study declared in TOML, checked once where it enters.

    [study]
    preset = "chamber_150nm"        # a device preset (emulator/presets.py)
    protocol = "fig4b"              # a pulse protocol (emulator/pulse_protocols.py)
    devices = 10000                 # population size
    seed = 1                        # seed of the population (thermal streams and variation draws)
    chunk = 500                     # devices per task (the result does not depend on it; the unit of resume)
    cycles = 1                      # potentiation/depression cycles per device (> 1: endurance)
    disorder = "drawn"              # drawn: each device its own draw of the preset's disorder distributions
                                    # (sites, defects; emulator/disorder.py); fixed: every device the preset's own

    [protocol]                      # optional overrides of the protocol, each a quantity with its unit
    current_density = "4e10 A/m^2"  # fig2b: end of the ramp; fig4b: every pulse
    pulse_width = "0.05 ns"

    [vary.temperature]              # one table per varied quantity (emulator/study_variation.py)
    distribution = "normal"         # fixed (value), normal (mean, std), uniform (low, high), choice (values)
    mean = "300 K"
    std = "5 K"

    [outputs]
    traces = true                   # also store every device's per-pulse count, diameter and signal

Dimensional values are pint quantity strings ("5 K", "0.05 ns"); a bare number for a dimensional value is
refused, so that "std = 5" cannot be read as 5 of some unit nobody meant. Every error is one line naming the
field (`vary.temperature.std`) and its valid values.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import tomllib
from pathlib import Path
from types import MappingProxyType

import pint

from emulator.presets import DEVICES
from emulator.pulse_protocols import PROTOCOLS, protocol as named_protocol, PulseProtocol
from emulator.study_variation import PARAMETER_KEYS, VARIABLES, Distribution, distribution
from emulator.units import Q_
from skybench.errors import ParameterError, check_choice, check_positive, check_seed

MAX_DEVICES = 10**8
"""Largest population a study file may ask for (the store streams; memory is bounded by the chunk)."""
MAX_CHUNK = 100_000
"""Largest chunk (the memory of one task grows with it: ~ chunk x (capacity + pulses) x 8 bytes)."""
MAX_CYCLES = 1000
"""Most potentiation/depression cycles per device."""
MAX_CHUNKS = 100_000
"""Most chunks of one study (the list of pending chunks is held by the caller; a larger population takes larger
chunks)."""
DEFAULT_CHUNK = 500
"""Devices per chunk when the file does not say (a few seconds of work per task for the chamber)."""
DISORDER_MODES = ("drawn", "fixed")
"""How a study's devices get their disorder (StudySpec.disorder)."""
SECTIONS = MappingProxyType({
    "study": ("preset", "protocol", "devices", "seed", "chunk", "cycles", "disorder"),
    "protocol": ("current_density", "pulse_width"),
    "vary": tuple(VARIABLES),
    "outputs": ("traces",),
})
"""Tables of a study file and the keys each accepts."""
_PROTOCOL_UNITS = MappingProxyType({"current_density": "A/m^2", "pulse_width": "s"})


@dataclasses.dataclass(frozen=True)
class StudySpec:
    """A checked study: what runs, on how many devices, what varies, what is stored (module docstring)."""

    preset: str
    protocol: str
    devices: int
    seed: int
    chunk: int
    cycles: int
    current_density: float | None
    """Override of the protocol's peak nominal current density (A/m^2); None keeps the protocol's."""
    pulse_width: float | None
    """Override of the protocol's pulse width (s); None keeps the protocol's."""
    vary: tuple[tuple[str, Distribution], ...]
    """Varied quantities (names of VARIABLES, in that order) and their distributions (SI units)."""
    traces: bool
    """Store every device's per-pulse trace as well as its figures."""
    disorder: str = "drawn"
    """'drawn': each device draws its own disorder realisation from the preset's distributions (a preset without
    them has one design); 'fixed': every device has the preset's own realisation."""

    def steps(self) -> PulseProtocol:
        """The pulse protocol with its overrides."""
        return named_protocol(self.protocol, self.current_density, self.pulse_width)

    def canonical(self) -> dict:
        """A plain JSON-ready form; two specs are the same study exactly when these are equal."""
        content = dataclasses.asdict(self)
        content["vary"] = {name: {"distribution": d.kind, "parameters": list(d.parameters)} for name, d in self.vary}
        return content

    def digest(self) -> str:
        """sha256 of the canonical form (what a resumed study must match)."""
        return hashlib.sha256(json.dumps(self.canonical(), sort_keys=True).encode()).hexdigest()

    def chunks(self) -> list[tuple[int, int, int]]:
        """(index, first device, devices) of every chunk."""
        return [(k, first, min(self.chunk, self.devices - first))
                for k, first in enumerate(range(0, self.devices, self.chunk))]


def load_study(path: str | Path | None, overrides: dict | None = None) -> StudySpec:
    """Read and check a study file (None: only `overrides`); `overrides` maps 'table.key' to a value that
    replaces the file's (the command line's shortcuts)."""
    document: dict = {}
    if path is not None:
        path = Path(path)
        try:
            document = tomllib.loads(path.read_text())
        except OSError as error:
            raise ParameterError("study file", str(path), f"a readable TOML file ({error.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ParameterError("study file", str(path), f"valid TOML ({error})") from None
    for dotted, value in (overrides or {}).items():
        table, key = dotted.split(".")
        document.setdefault(table, {})[key] = value
    return parse_study(document)


def parse_study(document: dict) -> StudySpec:
    """Check a parsed study document (module docstring) and return the StudySpec."""
    for table, content in document.items():
        check_choice("study file table", table, tuple(SECTIONS))
        if not isinstance(content, dict):
            raise ParameterError(table, content, "a table [" + table + "]")
        for key in content:
            check_choice(f"{table} key", key, SECTIONS[table])
    study = document.get("study", {})
    for key in ("preset", "protocol", "devices"):
        if key not in study:
            raise ParameterError(f"study.{key}", None, "a value (the field is required)")
    preset = check_choice("study.preset", study["preset"], tuple(DEVICES))
    protocol = check_choice("study.protocol", study["protocol"], tuple(PROTOCOLS))
    devices = _count("study.devices", study["devices"], 1, MAX_DEVICES)
    seed = check_seed("study.seed", study.get("seed", 0))
    smallest = -(-devices // MAX_CHUNKS)
    chunk = _count("study.chunk", study.get("chunk", max(smallest, min(DEFAULT_CHUNK, devices))), smallest,
                   MAX_CHUNK)
    cycles = _count("study.cycles", study.get("cycles", 1), 1, MAX_CYCLES)
    overrides = {key: _quantity(f"protocol.{key}", value, _PROTOCOL_UNITS[key])
                 for key, value in document.get("protocol", {}).items()}
    for key, value in overrides.items():
        check_positive(f"protocol.{key}", value, _PROTOCOL_UNITS[key])
    vary = tuple((name, _distribution(name, table)) for name, table in sorted(
        document.get("vary", {}).items(), key=lambda item: tuple(VARIABLES).index(item[0])))
    disorder = check_choice("study.disorder", study.get("disorder", "drawn"), DISORDER_MODES)
    traces = document.get("outputs", {}).get("traces", True)
    if not isinstance(traces, bool):
        raise ParameterError("outputs.traces", traces, "true or false")
    spec = StudySpec(preset=preset, protocol=protocol, devices=devices, seed=seed, chunk=chunk, cycles=cycles,
                     current_density=overrides.get("current_density"), pulse_width=overrides.get("pulse_width"),
                     vary=vary, traces=traces, disorder=disorder)
    spec.steps()  # the protocol's own checks
    return spec


def _distribution(name: str, table) -> Distribution:
    where = f"vary.{name}"
    if not isinstance(table, dict):
        raise ParameterError(where, table, "a table [vary." + name + "] with a distribution and its parameters")
    variable = VARIABLES[name]
    kind = table.get("distribution")
    if kind not in PARAMETER_KEYS:
        raise ParameterError(f"{where}.distribution", kind, "one of " + ", ".join(PARAMETER_KEYS))
    for key in table:
        check_choice(f"{where} key", key, ("distribution", *PARAMETER_KEYS[kind]))
    parameters = []
    for key in PARAMETER_KEYS[kind]:
        if key not in table:
            raise ParameterError(f"{where}.{key}", None, f"a value ({kind} needs " + ", ".join(PARAMETER_KEYS[kind])
                                 + ")")
        if kind == "choice":
            if not isinstance(table[key], list) or not table[key]:
                raise ParameterError(f"{where}.{key}", table[key], "a non-empty list of values")
            parameters += [_quantity(f"{where}.{key}", v, variable.unit) for v in table[key]]
        else:
            parameters.append(_quantity(f"{where}.{key}", table[key], variable.unit))
    return distribution(variable, kind, tuple(parameters), where)


def _quantity(name: str, value, unit: str) -> float:
    """A value in SI `unit`: a quantity string for a dimensional value, a plain number when dimensionless."""
    if not unit:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParameterError(name, value, "a plain number (dimensionless)")
        return float(value)
    if not isinstance(value, str):
        raise ParameterError(name, value, f"a quantity with its unit, e.g. \"1 {unit}\"")
    try:
        quantity = Q_(value)
        return float(quantity.to(unit).magnitude)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError):
        raise ParameterError(name, value, f"a quantity convertible to {unit}, e.g. \"1 {unit}\"") from None


def _count(name: str, value, low: int, high: int) -> int:
    """An integer within [low, high]; an integral float such as 1e7 is accepted."""
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or int(value) != value or not low <= value <= high):
        raise ParameterError(name, value, f"an integer in [{low}, {high:g}]")
    return int(value)
