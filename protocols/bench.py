"""`Bench`: resource name -> instrument, with the one lock all transports share, and how benches are loaded.

Transports (the pyvisa backend, the TCP servers) are generic over a bench. Names are VISA resource names
(`GPIB0::12::INSTR`, `TCPIP0::127.0.0.1::5025::SOCKET`) kept in the canonical form pyvisa prints, so
`GPIB::12` and `GPIB0::12::INSTR` name the same instrument.

Loading is pluggable, because the concrete bench (instruments, device, wiring) lives above this layer:
- `load_bench(spec)`: `spec` is what stands before `@skybench` in a resource-manager string, or the value of
  SKYBENCH_BENCH. Empty -> the default bench (the factory set by `set_default_bench_factory`; at first
  the demo bench). Otherwise a bench file path, read by the file loader set with `set_bench_file_loader`:
  the bench-file format has one owner, `instruments.bench_file` (its `install()` sets it; the pyvisa backend
  and `skybench serve` call it). Instrument kinds registered here (`register_instrument_kind`, at first the
  demo meter) may be named in bench files.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Iterator

from protocols.faults import LinkFaults
from skybench.errors import DataError

#: Environment variable naming the bench file used when the resource-manager string names none.
BENCH_ENV = "SKYBENCH_BENCH"


class Bench(Mapping):
    """Resource name -> instrument (a ScpiInstrument), in a fixed order, plus the shared lock and the link
    faults of each resource (`faults[resource]`, see protocols.faults)."""

    def __init__(self, instruments: Mapping[str, Any], lock: threading.RLock | None = None, name: str = "bench"):
        self.name = name
        self.lock = lock if lock is not None else threading.RLock()
        self._instruments: dict[str, Any] = {}
        for resource, instrument in instruments.items():
            key = canonical_resource_name(resource)
            if key in self._instruments:
                raise DataError(f"{name}: resource {resource!r} appears twice")
            self._instruments[key] = instrument
        self.faults: dict[str, LinkFaults] = {key: LinkFaults() for key in self._instruments}
        """Link faults by canonical resource name."""
        self.recorders: list[Any] = []
        """Transcript recorders (protocols.transcript.Recorder) that every session of this bench feeds."""

    def tap(self, resource: str) -> Callable[[str, str], None]:
        """The session tap of `resource`: passes each message to the bench's recorders (if any)."""
        key = canonical_resource_name(resource)
        instrument = self._instruments[key]

        def tap(kind: str, text: str) -> None:
            if self.recorders:
                now = instrument.now()
                for recorder in list(self.recorders):
                    recorder.record(key, kind, text, now)

        return tap

    def link_faults(self, resource: str) -> LinkFaults:
        """The link faults of `resource` (any spelling of its name)."""
        return self.faults[canonical_resource_name(resource)]

    def __getitem__(self, resource: str) -> Any:
        return self._instruments[canonical_resource_name(resource)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._instruments)

    def __len__(self) -> int:
        return len(self._instruments)

    def __repr__(self) -> str:
        return f"<Bench {self.name}: {', '.join(self._instruments)}>"


def canonical_resource_name(resource: str) -> str:
    """The canonical VISA spelling of `resource` (unchanged if pyvisa cannot parse it)."""
    try:
        from pyvisa import rname

        return str(rname.parse_resource_name(resource))
    except Exception:
        return resource


def as_bench(value: Any) -> Bench:
    """A Bench from a Bench or a plain mapping of resource name -> instrument."""
    return value if isinstance(value, Bench) else Bench(value)


# --- loading -------------------------------------------------------------------------------------------
class BenchLoaders:
    """The pluggable pieces of bench loading: the default bench, the file reader and the instrument kinds."""

    def __init__(self) -> None:
        from protocols.demo import DemoMeter, demo_bench

        self.default_factory: Callable[[], Bench] = demo_bench
        self.default_name: str = "demo"
        """What the default bench is called: the library path `@skybench` reports (a bench file's path)."""
        self.file_loader: Callable[[Path], Bench] = _no_file_reader
        self.kinds: dict[str, Callable[..., Any]] = {"demo_meter": DemoMeter}


_LOADERS: BenchLoaders | None = None


def loaders() -> BenchLoaders:
    """The process's bench loaders (created on first use)."""
    global _LOADERS
    if _LOADERS is None:
        _LOADERS = BenchLoaders()
    return _LOADERS


def set_default_bench_factory(factory: Callable[[], Bench], name: str = "demo") -> None:
    """Use `factory()` for `@skybench` without a bench file; `name` (the bench file it reads) is the library
    path the backend reports."""
    loaders().default_factory = factory
    loaders().default_name = name


def default_bench_name() -> str:
    """The bench `@skybench` serves without a bench file: $SKYBENCH_BENCH, else the default's name."""
    return os.environ.get(BENCH_ENV, "").strip() or loaders().default_name


def set_bench_file_loader(loader: Callable[[Path], Bench]) -> None:
    """Use `loader(path)` to read bench files."""
    loaders().file_loader = loader


def register_instrument_kind(kind: str, factory: Callable[..., Any]) -> None:
    """Let bench files name `kind`; `factory(**options)` builds the instrument."""
    loaders().kinds[kind] = factory


def load_bench(spec: str = "") -> Bench:
    """The bench for a resource-manager argument: '' or 'unset' -> $SKYBENCH_BENCH or the default bench;
    'demo' -> the demo bench; anything else -> a bench file path."""
    spec = (spec or "").strip()
    if spec in ("", "unset"):
        spec = os.environ.get(BENCH_ENV, "").strip()
    if not spec or spec == loaders().default_name:
        return as_bench(loaders().default_factory())
    if spec == "demo":
        from protocols.demo import demo_bench

        return demo_bench()
    path = Path(spec).expanduser()
    if not path.is_file():
        raise DataError(f"bench file {str(path)!r} does not exist")
    return as_bench(loaders().file_loader(path))


def _no_file_reader(path: Path) -> Bench:
    raise DataError(f"bench file {str(path)!r}: no bench-file reader is installed (instruments.bench_file.install())")
