"""The pytest plugin for lab code: a fresh, seeded emulated bench per test (entry point `pytest11`, `skybench`).

    import pytest

    @pytest.mark.skybench(seed=3)                       # optional: seed, bench (a bench file), preset
    def test_my_ramp(skybench_bench):
        rm = skybench_bench.resource_manager            # pyvisa, on this test's bench only
        ...
        assert skybench_bench.truth()["field_T"] == pytest.approx(0.14)

The fixture `skybench_bench` is an `instruments.harness.BenchHarness`: `.resource_manager`, `.visa_library`
(for PyMeasure drivers), `.clock` (`now()`, `advance(s)`), `.faults` (`silence`, `delay`, `disconnect`,
`garble`, `quench`, `stick`, `damage`; instruments.faults) and `.truth()` (TRUTH_KEYS). Its options come from
the `skybench` marker or from indirect parametrisation (`@pytest.mark.parametrize("skybench_bench",
[{"seed": 1}, {"seed": 2}], indirect=True)`; these win over the marker). A bench file path is relative to
the test file. Device presets are built once per session (seconds), so a test after the first costs only its
bench. A marker with an unknown option, or options of the wrong type, is a pytest usage error at collection.

`--skybench-transcript DIR` records every test's messages to `DIR/<test id>.jsonl`
(`skybench transcript` turns such a file into PyMeasure or pyvisa-sim tests).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

MARKER = "skybench"
"""The marker's name."""
OPTIONS = ("seed", "bench", "preset")
"""What the marker and the fixture parameter take."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("skybench", "emulated skyrmion bench")
    group.addoption("--skybench-transcript", metavar="DIR", default=None,
                    help="record every skybench_bench test's messages to DIR/<test id>.jsonl")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(seed=0, bench=None, preset=None): options of the skybench_bench fixture "
        "(seed of the device and noise, a bench file relative to the test file, a device preset)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for marker in item.iter_markers(MARKER):
            problem = _check_options(marker.kwargs) or ("positional arguments: use seed=, bench=, preset="
                                                        if marker.args else None)
            if problem:
                raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{MARKER}: {problem}")


def _check_options(options: dict[str, Any]) -> str | None:
    """What is wrong with fixture options (None: nothing)."""
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        return f"unknown option(s) {', '.join(unknown)} (known: {', '.join(OPTIONS)})"
    from skybench.errors import ParameterError, check_seed

    try:
        check_seed("seed", options.get("seed", 0))
    except ParameterError as error:
        return str(error)
    for name in ("bench", "preset"):
        value = options.get(name)
        if value is not None and not isinstance(value, (str, Path)):
            return f"{name} must be a string, got {value!r}"
    return None


@pytest.fixture(scope="session")
def skybench_presets() -> dict[str, Any]:
    """Device presets built in this session, by name (shared by every test's bench)."""
    return {}


@pytest.fixture
def skybench_bench(request: pytest.FixtureRequest, skybench_presets: dict[str, Any]):
    """A fresh emulated bench for this test (an `instruments.harness.BenchHarness`)."""
    from instruments.harness import BenchHarness

    options: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers(MARKER))):
        options.update(marker.kwargs)
    param = getattr(request, "param", None)
    if param is not None:
        if not isinstance(param, dict):
            raise pytest.UsageError(f"skybench_bench parameters are dicts of {', '.join(OPTIONS)}, got {param!r}")
        options.update(param)
    problem = _check_options(options)
    if problem:
        raise pytest.UsageError(f"skybench_bench: {problem}")
    bench = options.get("bench")
    if bench is not None:
        path = Path(bench)
        if not path.is_absolute():
            path = Path(request.node.path).parent / path
        bench = path
    harness = BenchHarness.build(seed=options.get("seed", 0), bench=bench, preset=options.get("preset"),
                                 built_presets=skybench_presets)
    folder = request.config.getoption("--skybench-transcript")
    recorder = None
    if folder:
        from protocols.transcript import Recorder

        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid).strip("_")
        recorder = Recorder.open(Path(folder) / f"{name}.jsonl", harness.bench)
    try:
        yield harness
    finally:
        harness.close()
        if recorder is not None:
            recorder.close()
