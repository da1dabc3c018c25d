"""Issue 14 item 8: bounded runs. Pulse widths have a documented range, checked once before anything runs by
the pre-flight shared by the SimPy device and the batch engine, and long simulated intervals are advanced in
slices so that Ctrl-C (SIGINT) stops a run within about a second."""
import os
import signal
import subprocess
import sys
import time

import pytest

from emulator.batch import run_batch
from emulator.experiment import DRIVEN_SLICE, IDLE_SLICE, PULSE_WIDTH_RANGE, check_protocol, run_protocol
from emulator.presets import DEVICES
from emulator.pulse_protocols import PulseProtocol, PulseStep, fig4b
from emulator.thiele.engine import ThieleEngine
from skybench.errors import ParameterError


def _protocol(width: float, wait: float, j: float = 2e10) -> PulseProtocol:
    steps = (PulseStep("potentiation", j, width, 0.2, wait), PulseStep("depression", -j, width, 0.2, wait))
    return PulseProtocol(name="test", preparation=((0.2, 1e-12),), steps=steps, description="two pulses")


@pytest.mark.parametrize("width", [0.0, 1e-13, 2e-6, 1e9])
def test_widths_outside_the_range_are_refused_by_both_engines(width):
    preset = DEVICES["chamber_150nm"]()
    protocol = _protocol(width, 1e-10)
    for run in (lambda: run_protocol(preset, protocol), lambda: run_batch(preset, protocol, 1)):
        with pytest.raises(ParameterError, match=r"'pulse_width'.*\[1e-12, 1e-06\] \(s\)"):
            run()


def test_the_shared_preflight_names_the_strongest_damaging_pulse():
    preset = DEVICES["chamber_150nm"]()
    check_protocol(preset, fig4b())
    with pytest.raises(ParameterError, match="damage threshold"):
        check_protocol(preset, fig4b(j=1e13))


def test_long_intervals_are_advanced_in_slices(monkeypatch):
    """No kernel call spans more than DRIVEN_SLICE under current or IDLE_SLICE without, and no time is lost."""
    calls = []
    original = ThieleEngine.advance

    def record(self, j, bz, duration):
        calls.append((j, duration))
        return original(self, j, bz, duration)

    monkeypatch.setattr(ThieleEngine, "advance", record)
    width, wait = PULSE_WIDTH_RANGE[1], 3.5 * IDLE_SLICE
    result = run_protocol(DEVICES["chamber_150nm"](), _protocol(width, wait), seed=1)
    driven = [d for j, d in calls if j != 0.0]
    idle = [d for j, d in calls if j == 0.0]
    assert max(driven) <= DRIVEN_SLICE * (1 + 1e-9) and max(idle) <= IDLE_SLICE * (1 + 1e-9)
    assert sum(driven) == pytest.approx(2 * width, rel=1e-12)
    assert sum(idle) == pytest.approx(2 * wait + 1e-12, rel=1e-9)
    assert [row.pulse_index for row in result.rows] == [1, 2]


def test_short_intervals_are_one_call_each(monkeypatch):
    """The paper's protocols are integrated as before: a 0.05 ns pulse and its 0.1 ns wait are one call each."""
    durations = []
    original = ThieleEngine.advance
    monkeypatch.setattr(ThieleEngine, "advance", lambda self, j, bz, d: (durations.append(d), original(self, j, bz, d)))
    run_protocol(DEVICES["chamber_150nm"](), fig4b(pulses=2))
    assert sorted(set(round(d * 1e12, 6) for d in durations)) == [1.0, 50.0, 100.0]   # ps: prep, pulse, wait


#: The child of the SIGINT test: `skybench device` unmodified, except that the protocol it runs is fig4b with
#: 2 x 2500 pulses of 1 us (tens of seconds of pulsing on any machine); "pulsing" goes to stderr when it starts.
_LONG_DEVICE_RUN = """
import sys
import emulator.api
from emulator.pulse_protocols import fig4b
from skybench.cli import main

def long_fig4b(*args, **kwargs):
    print("pulsing", file=sys.stderr, flush=True)
    return fig4b(pulses=2500, width=1e-6)

emulator.api.named_protocol = long_fig4b
raise SystemExit(main(["device", "--preset", "chamber_150nm", "--protocol", "fig4b", "--out", sys.argv[1]]))
"""


@pytest.mark.slow
def test_sigint_stops_a_long_pulse_run_within_seconds(tmp_path):
    """End to end: `skybench device` with 1 us pulses, SIGINT while pulsing; exit 130 soon after, no folder.

    The signal goes 1 s after the run starts, and the run is long whatever the machine's speed: the paper's
    fig4b with 1 us pulses takes only ~2-13 s, and a fixed sleep once missed it on a fast machine."""
    out = tmp_path / "run"
    # SIGINT as in a foreground process, whether or not pytest runs as a background job (which ignores it).
    child = subprocess.Popen([sys.executable, "-c", _LONG_DEVICE_RUN, str(out)], stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert child.stderr.readline() == "pulsing\n"
    time.sleep(1.0)   # the numba cache load and the first pulses
    assert child.poll() is None
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    child.wait(timeout=30)
    waited = time.monotonic() - sent
    assert child.returncode == 130 and "interrupted" in child.stderr.read()
    assert waited < 5.0, f"SIGINT took {waited:.1f} s"   # ~0.1 s per slice; margin for a loaded machine
    assert list(tmp_path.iterdir()) == []
