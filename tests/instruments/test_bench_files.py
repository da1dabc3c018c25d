"""Bench files and the ways a bench is reached: the default bench (incl. its pyvisa-sim thermometer), bad
files refused with the file and fault named, the protocol layer's demo files still read, `@skybench` and
`PYVISA_LIBRARY=@skybench` serving the skyrmion bench to an unchanged script, and the real-time clock making
VISA timeouts happen in wall time."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pyvisa = pytest.importorskip("pyvisa")

from instruments.bench import DEFAULT_RESOURCES  # noqa: E402
from instruments.bench_file import DEFAULT_BENCH_FILE, load_bench_file, read_bench_config  # noqa: E402
from skybench.errors import DataError  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
THERMOMETER = "GPIB0::5::INSTR"


def test_the_default_bench_file(gdfeco_preset, rm_for):
    config = read_bench_config(DEFAULT_BENCH_FILE)
    assert [(e.resource, e.kind) for e in config.instruments[:5]] == list(DEFAULT_RESOURCES)
    assert config.preset == "gdfeco_experiment" and config.time_rate is None
    bench = load_bench_file(DEFAULT_BENCH_FILE, preset=gdfeco_preset)
    manager = rm_for(bench)
    thermometer = manager.open_resource(THERMOMETER, read_termination="\n")
    assert thermometer.query("*IDN?").startswith("LSCI,MODEL336")
    assert float(thermometer.query("KRDG? A")) == 300.0
    assert thermometer.query("KRDG? C") == "ERROR"  # pyvisa-sim's own answer to an unknown query
    magnet = manager.open_resource(DEFAULT_RESOURCES[4][0], read_termination="\r\n")
    assert [magnet.read(), magnet.read()] == ["American Magnetics Model 430 IP Interface", "Hello."]
    assert magnet.query("*IDN?").startswith("AMERICAN MAGNETICS INC.,MODEL 430")


@pytest.mark.parametrize("text, fault", [
    ("spare: 1\n", "unknown section"),
    ("device: {preset: gdfeco_experiment, colour: blue}\n", "unknown key"),
    ("device: {preset: chamber_150nm}\n", "Hall"),
    ("device: {seed: -3}\n", "seed"),
    ("wiring: {lead_resistance: -1}\n", "lead_resistance"),
    ("wiring: {amplifier: {gain: 10, volume: 11}}\n", "volume"),
    ("wiring: {amplifier: {gain: 0}}\n", "gain"),
    ("clock: {time_rate: -1}\n", "time_rate"),
    ("instruments: []\n", "non-empty"),
    ("instruments:\n  - {resource: 'GPIB0::1::INSTR'}\n", "needs 'resource' and 'kind'"),
    ("instruments:\n  - {resource: 'GPIB0::1::INSTR', kind: magnet}\n  - {resource: 'GPIB0::2::INSTR', kind: magnet}\n",
     "at most once"),
    ("instruments:\n  - {resource: 'GPIB0::1::INSTR', kind: pyvisa_sim}\n", "options.file"),
    ("instruments:\n  - {resource: 'GPIB0::7::INSTR', kind: nanovoltmeter}\n  - {resource: 'GPIB0::12::INSTR', kind: "
     "current_source}\n  - {resource: 'GPIB::7', kind: magnet}\n", r"GPIB0::7::INSTR appears twice \(instruments 1 and 3\)"),
    ("- [unbalanced\n", "cannot be read"),
])
def test_bad_bench_files_are_refused_naming_file_and_fault(tmp_path, text, fault):
    path = tmp_path / "bench.yaml"
    path.write_text(text)
    with pytest.raises(DataError, match=fault) as info:
        read_bench_config(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("text, fault", [
    ("instruments:\n  - {resource: 'GPIB0::1::INSTR', kind: laser}\n  - {resource: 'GPIB0::2::INSTR', kind: magnet}\n",
     "laser"),
    ("instruments:\n  - {resource: 'GPIB0::1::INSTR', kind: magnet, options: {colour: 1}}\n", "colour"),
    ("instruments:\n  - {resource: 'GPIB0::1::INSTR', kind: pyvisa_sim, options: {file: missing.yaml}}\n",
     "missing.yaml"),
])
def test_bad_instruments_are_refused_when_built(tmp_path, gdfeco_preset, text, fault):
    path = tmp_path / "bench.yaml"
    path.write_text(text)
    with pytest.raises(DataError, match=fault):
        load_bench_file(path, preset=gdfeco_preset)


def test_a_protocol_layer_bench_file_still_loads(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text("instruments:\n  - {resource: 'GPIB0::7::INSTR', kind: demo_meter}\n")
    bench = load_bench_file(path)
    assert list(bench) == ["GPIB0::7::INSTR"]


def test_an_unchanged_script_reaches_the_skyrmion_bench_through_pyvisa_library():
    script = textwrap.dedent("""
        import pyvisa
        rm = pyvisa.ResourceManager()
        for name in sorted(rm.list_resources("?*")):
            terminator = "\\r\\n" if name.endswith("SOCKET") else "\\n"
            resource = rm.open_resource(name, read_termination=terminator)
            if name.endswith("SOCKET"):
                resource.read(); resource.read()  # the AMI 430's connect message
            print(name, "|", resource.query("*IDN?"))
        """)
    env = {"PYVISA_LIBRARY": "@skybench", "SKYBENCH_BENCH": "", "PATH": "", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" | ") for line in done.stdout.strip().splitlines())
    assert len(lines) == 6
    assert lines["GPIB0::10::INSTR"].startswith("Agilent Technologies,81150A")
    assert lines["GPIB0::12::INSTR"].startswith("KEITHLEY INSTRUMENTS INC.,MODEL 6221")
    assert lines["GPIB0::7::INSTR"].startswith("KEITHLEY INSTRUMENTS INC.,MODEL 2182A")
    assert lines["GPIB0::17::INSTR"].startswith("KEITHLEY INSTRUMENTS INC.,MODEL 7001")
    assert lines["TCPIP0::192.168.1.30::7180::SOCKET"].startswith("AMERICAN MAGNETICS INC.,MODEL 430")
    assert lines["GPIB0::5::INSTR"].startswith("LSCI,MODEL336")


def test_the_backend_installs_the_bench_loaders():
    import pyvisa_skybench  # noqa: F401 - importing the backend installs them
    from instruments.bench_file import default_bench
    from protocols.bench import loaders

    assert loaders().default_factory is default_bench
    assert loaders().file_loader is load_bench_file


def test_real_time_mode_makes_visa_timeouts_take_wall_time(make_bench, rm_for):
    factor = 0.5  # wall s per simulated s: a default READ? (10 x 5 PLC = 1 s) takes 0.5 s of wall time
    bench = make_bench(time_rate=1 / factor)
    meter = rm_for(bench).open_resource("GPIB0::7::INSTR", read_termination="\n")
    meter.timeout = 100  # ms
    meter.write("READ?")
    started = time.perf_counter()
    with pytest.raises(pyvisa.errors.VisaIOError) as info:
        meter.read()
    assert info.value.error_code == pyvisa.constants.StatusCode.error_timeout
    assert time.perf_counter() - started >= 0.09
    meter.timeout = 2000
    assert float(meter.read()) != 0.0  # the reading still arrives, after its integration time
    assert time.perf_counter() - started >= 1.0 * factor * 0.9
