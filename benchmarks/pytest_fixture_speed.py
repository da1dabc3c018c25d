"""What a test using the `skybench_bench` fixture costs: N trivial tests in one pytest session (a subprocess
with the plugin), timed per test by pytest's --durations, setup + call + teardown.

    python benchmarks/pytest_fixture_speed.py [--tests N]

The first test builds the device preset (seconds, once per session); the issue's target is < 0.2 s for every
test after it. Each test opens the magnet, reads its greeting and asks *IDN? (a real if small use).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEST = '''
import pytest

@pytest.mark.parametrize("index", range({count}))
def test_bench(skybench_bench, index):
    magnet = skybench_bench.resource_manager.open_resource("TCPIP0::192.168.1.30::7180::SOCKET",
                                                           read_termination="\\r\\n")
    magnet.read(), magnet.read()
    assert magnet.query("*IDN?").startswith("AMERICAN MAGNETICS")
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "test_speed.py").write_text(TEST.format(count=args.tests))
        done = subprocess.run([sys.executable, "-m", "pytest", "-p", "skybench.pytest_plugin", "-p", "no:skybench",
                               "-p", "no:cacheprovider", "-q", "--durations=0", "--durations-min=0", "test_speed.py"],
                              cwd=folder, capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": ""})
    if done.returncode != 0:
        print(done.stdout, done.stderr)
        return 1
    per_test: dict[int, float] = {}
    for seconds, index in re.findall(r"([0-9.]+)s (?:setup|call|teardown)\s+test_speed.py::test_bench\[(\d+)\]",
                                     done.stdout):
        per_test[int(index)] = per_test.get(int(index), 0.0) + float(seconds)
    later = sorted(per_test[i] for i in per_test if i > 0)
    print(f"first test: {per_test[0]:.2f} s (builds the preset); the other {len(later)}: median "
          f"{later[len(later) // 2]:.3f} s, max {later[-1]:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
