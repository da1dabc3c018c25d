"""`skybench serve`: starts one raw-socket server per instrument of the bench, prints where, answers SCPI,
and refuses bad arguments with a one-line error."""
from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from skybench.commands import serve
from skybench.errors import ParameterError

REPO = Path(__file__).resolve().parents[2]
RUNNER = (
    "import argparse, sys; from skybench.commands import serve; "
    "p = argparse.ArgumentParser(); serve.add_arguments(p); sys.exit(serve.run(p.parse_args(sys.argv[1:])))"
)


def test_serve_answers_on_every_port():
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, "--bench", "demo", "--port-base", "0", "--duration", "20"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("serving"):
                break
        ports = [int(m.group(1)) for m in map(re.compile(r"::(\d+)::SOCKET$").search, map(str.strip, lines)) if m]
        assert len(ports) == 2, lines
        for port in ports:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(b"*IDN?\n")
                assert sock.recv(100) == b"SKYBENCH,DEMOMETER,0001,1.0\n"
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.parametrize("port_base, duration, time_rate, idle_timeout", [
    (-1, None, None, 900.0), (70000, None, None, 900.0), (0, -1.0, None, 900.0), (0, None, 0.0, 900.0),
    (0, None, float("nan"), 900.0), (0, None, None, 0.0), (0, None, None, float("inf"))])
def test_bad_arguments_are_parameter_errors(port_base, duration, time_rate, idle_timeout):
    args = argparse.Namespace(bench="", host="127.0.0.1", port_base=port_base, duration=duration, time_rate=time_rate,
                              idle_timeout=idle_timeout, transcript=None)
    with pytest.raises(ParameterError):
        serve.run(args)


def test_a_bench_file_with_a_duplicated_resource_is_one_line_exit_2(tmp_path):
    """Issue 14 item 4: the later entry used to win and one address answered as the wrong instrument."""
    bench = tmp_path / "dup.yaml"
    bench.write_text("instruments:\n  - {resource: 'GPIB0::7::INSTR', kind: nanovoltmeter}\n"
                     "  - {resource: 'GPIB0::12::INSTR', kind: current_source}\n"
                     "  - {resource: 'GPIB0::7::INSTR', kind: switch}\n")
    done = subprocess.run([sys.executable, "-m", "skybench.cli", "serve", "--bench", str(bench), "--port-base", "0",
                           "--duration", "1"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "GPIB0::7::INSTR appears twice" in done.stderr
    assert done.stdout == ""


def test_serve_records_a_transcript(tmp_path):
    transcript = tmp_path / "session.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, "--bench", "demo", "--port-base", "0", "--duration", "20",
         "--transcript", str(transcript)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("serving"):
                break
        port = next(int(m.group(1)) for m in map(re.compile(r"::(\d+)::SOCKET$").search, map(str.strip, lines)) if m)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"*IDN?\n")
            assert sock.recv(100) == b"SKYBENCH,DEMOMETER,0001,1.0\n"
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()
    from protocols.transcript import read_transcript

    header, records = read_transcript(transcript)
    assert [(r.kind, r.text) for r in records] == [("write", "*IDN?"), ("read", "SKYBENCH,DEMOMETER,0001,1.0")]


def test_an_unwritable_transcript_is_one_line_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = subprocess.run([sys.executable, "-m", "skybench.cli", "serve", "--bench", "demo", "--port-base", "0",
                           "--duration", "1", "--transcript", str(blocker / "t.jsonl")],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "cannot be written" in done.stderr
