"""Recorded sessions: a session on the emulated bench (demo meters and the AMI 430-style greeting path)
recorded with its times, then turned by `skybench transcript` into PyMeasure expected_protocol tests that pass
without the emulator and into a pyvisa-sim YAML that answers the recorded queries; bad input is one line,
exit 2, nothing written."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pyvisa = pytest.importorskip("pyvisa")
pytest.importorskip("pyvisa_sim")

from protocols.bench import Bench  # noqa: E402
from protocols.demo import DemoMeter  # noqa: E402
from protocols.transcript import Recorder, pairs, read_transcript  # noqa: E402
from protocols.visa_library import SkybenchVisaLibrary  # noqa: E402
from skybench.cli import main  # noqa: E402
from skybench.errors import DataError  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
GPIB, SOCKET = "GPIB0::22::INSTR", "TCPIP0::127.0.0.1::5025::SOCKET"


class GreetingMeter(DemoMeter):
    """A demo meter whose network port greets, as the AMI 430's does."""

    CONNECT_MESSAGE = b"Demo meter ready\n"


def record_session(path: Path) -> None:
    bench = Bench({GPIB: DemoMeter(), SOCKET: GreetingMeter()})
    recorder = Recorder.open(path, bench)
    rm = pyvisa.ResourceManager(SkybenchVisaLibrary.with_bench(bench))
    try:
        meter = rm.open_resource(GPIB, read_termination="\n")
        meter.query("*IDN?")
        meter.write("VOLT:NPLC 1;:TRIG:COUN 1")
        meter.query("VOLT:NPLC?;:TRIG:COUN?")
        meter.query("READ?")
        greeter = rm.open_resource(SOCKET, read_termination="\n")
        greeter.read()
        greeter.query("*IDN?")
    finally:
        rm.close()
        recorder.close()


def test_a_session_is_recorded_with_its_times(tmp_path):
    path = tmp_path / "session.jsonl"
    record_session(path)
    header, records = read_transcript(path)
    assert set(header["resources"]) == {GPIB, SOCKET}
    assert pairs(records, GPIB)[0] == ("*IDN?", "SKYBENCH,DEMOMETER,0001,1.0")
    assert pairs(records, GPIB)[1] == ("VOLT:NPLC 1;:TRIG:COUN 1", None)
    assert pairs(records, SOCKET)[0] == (None, "Demo meter ready")
    asked = next(i for i, r in enumerate(records) if r.text == "READ?")
    read = records[asked + 1]
    assert read.kind == "read" and records[asked].t_sim == 0.0
    assert read.t_sim == pytest.approx(0.02)  # the READ? answered after its 1 PLC integration
    assert all(r.t_wall > 1.7e9 for r in records)


def test_pymeasure_tests_pass_without_the_emulator(tmp_path):
    path = tmp_path / "session.jsonl"
    record_session(path)
    assert main(["transcript", str(path), "--to", "pymeasure"]) == 0
    generated = tmp_path / "test_session.py"
    assert "expected_protocol" in generated.read_text() and "skybench" not in generated.read_text().split('"""')[2]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:skybench",
                           str(generated)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


def test_the_pyvisa_sim_yaml_answers_the_recorded_queries(tmp_path):
    path = tmp_path / "session.jsonl"
    record_session(path)
    out = tmp_path / "sim.yaml"
    assert main(["transcript", str(path), "--to", "pyvisa-sim", "--output", str(out)]) == 0
    rm = pyvisa.ResourceManager(f"{out}@sim")
    try:
        meter = rm.open_resource(GPIB, read_termination="\n", write_termination="\n")
        assert meter.query("*IDN?") == "SKYBENCH,DEMOMETER,0001,1.0"
        meter.write("VOLT:NPLC 1;:TRIG:COUN 1")
        assert float(meter.query("READ?")) == pytest.approx(1.234e-6)
        greeter = rm.open_resource(SOCKET, read_termination="\n", write_termination="\n")
        assert greeter.query("*IDN?") == "SKYBENCH,DEMOMETER,0001,1.0"
    finally:
        rm.close()


def test_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys):
    assert main(["transcript", str(tmp_path / "missing.jsonl"), "--to", "pymeasure"]) == 2
    assert "cannot be read" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"format": "skybench-transcript", "version": 1}) + "\nnot json\n")
    assert main(["transcript", str(bad), "--to", "pymeasure"]) == 2
    assert "line 2" in capsys.readouterr().err
    good = tmp_path / "session.jsonl"
    record_session(good)
    existing = tmp_path / "test_session.py"
    existing.write_text("keep me\n")
    assert main(["transcript", str(good), "--to", "pymeasure"]) == 2
    assert "--force" in capsys.readouterr().err and existing.read_text() == "keep me\n"
    assert main(["transcript", str(good), "--to", "pymeasure", "--output", str(tmp_path / "no" / "dir.py")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "session.jsonl", "test_session.py"]
    with pytest.raises(DataError, match="cannot be written"):
        Recorder.open(tmp_path / "test_session.py" / "x.jsonl", Bench({GPIB: DemoMeter()}))
