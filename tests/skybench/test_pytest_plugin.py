"""The pytest plugin (`skybench.pytest_plugin`): the README's "Testing your lab code" example runs and passes,
every test gets a fresh bench with the marker's or the parameter's seed, a bad marker is a usage error, and
`--skybench-transcript` records each test. Run in a subprocess with the plugin named explicitly (`-p`), so it
works whether or not the installed metadata already carries the `pytest11` entry point."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PLUGIN = ("-p", "skybench.pytest_plugin", "-p", "no:skybench", "-p", "no:cacheprovider")


def run_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", *PLUGIN, "-q", *args], cwd=folder, text=True,
                          capture_output=True, timeout=600, env={"PYTHONPATH": str(REPO), "PATH": ""})


def readme_example() -> str:
    text = (REPO / "README.md").read_text()
    section = text.split("## Testing your lab code", 1)[1]
    match = re.search(r"```python\n(# test_lab_code.py\n.*?)```", section, re.S)
    assert match, "the README's example test is missing"
    return match.group(1)


FRESHNESS = '''
import pytest

@pytest.mark.skybench(seed=7)
def test_marker_seed(skybench_bench):
    assert skybench_bench.bench.config.seed == 7
    skybench_bench.clock.advance(5.0)
    skybench_bench.faults.damage()

def test_next_bench_is_fresh(skybench_bench):
    assert skybench_bench.clock.now() == 0.0 and not skybench_bench.truth()["damaged"]
    assert skybench_bench.bench.config.seed == 0

@pytest.mark.skybench(seed=7)
@pytest.mark.parametrize("skybench_bench", [{"seed": 1}, {"seed": 2}], indirect=True)
def test_parameters_win(skybench_bench):
    assert skybench_bench.bench.config.seed in (1, 2)
    rm = skybench_bench.resource_manager
    assert rm.open_resource("GPIB0::17::INSTR").query("*IDN?").startswith("KEITHLEY")
'''


def test_the_readme_example_and_fresh_benches(tmp_path):
    (tmp_path / "test_lab_code.py").write_text(readme_example())
    (tmp_path / "test_fresh.py").write_text(FRESHNESS)
    done = run_pytest(tmp_path, "--skybench-transcript", "transcripts")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "7 passed" in done.stdout
    recorded = tmp_path / "transcripts" / "test_lab_code.py_test_set_field_reaches_the_target.jsonl"
    lines = [json.loads(line) for line in recorded.read_text().splitlines()]
    assert lines[0]["format"] == "skybench-transcript"
    assert {"resource": "TCPIP0::192.168.1.30::7180::SOCKET", "kind": "read", "text": "Hello."}.items() \
        <= lines[2].items()
    assert any(line.get("text") == "STATE?" for line in lines)


@pytest.mark.parametrize("marker, message", [
    ("@pytest.mark.skybench(sede=3)", "unknown option(s) sede"),
    ("@pytest.mark.skybench(seed=-1)", "seed"),
    ("@pytest.mark.skybench(seed=2**40)", "seed"),
    ("@pytest.mark.skybench(3)", "positional arguments"),
])
def test_a_bad_marker_is_a_usage_error(tmp_path, marker, message):
    (tmp_path / "test_bad.py").write_text(f"import pytest\n\n{marker}\ndef test_x(skybench_bench):\n    pass\n")
    done = run_pytest(tmp_path)
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert message in done.stderr and "Traceback" not in done.stderr


def test_an_unwritable_transcript_folder_is_one_line(tmp_path):
    (tmp_path / "blocker").write_text("a file, not a folder")
    (tmp_path / "test_one.py").write_text("def test_x(skybench_bench):\n    pass\n")
    done = run_pytest(tmp_path, "--skybench-transcript", "blocker")
    assert done.returncode != 0
    assert "transcript" in done.stdout and "cannot be written" in done.stdout
