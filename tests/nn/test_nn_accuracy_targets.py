"""Accuracy after the full fig3c protocol (paper Fig. 3c), from training on the emulator's traces (slow).

Targets (issue 5, from the paper's Fig. 3c and Fig. 4 text): software >= 94 % (paper ~94 %), ideal chamber
device >= 93 % (paper ~94 %), measured-like Hall bar 85-92 % (paper ~89 %), below software. The device traces
are recorded by emulator.api into a fresh cache for this session (no stored trace or result is used).
The sweep test checks the ablation's direction: fewer states and more cycle-to-cycle spread cost accuracy.
"""
import pytest

from nn.training_presets import EXPERIMENT, IDEAL, SOFTWARE
from nn.training_protocol import FIG3C
from nn.training_run import TrainConfig, run_training

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    pytest.importorskip("emulator.api", reason="the device emulator (emulator.api) is needed to record traces")
    return tmp_path_factory.mktemp("trace-cache")


def final(preset, mnist, cache=None, **overrides):
    config = TrainConfig(preset=preset, protocol=FIG3C.with_overrides(iterations=overrides.pop("iterations", None)),
                         cache=cache, compare_software=False, progress=False, **overrides)
    return run_training(config, mnist).final_accuracy[0]


@pytest.fixture(scope="module")
def software(mnist):
    return final(SOFTWARE, mnist)


def test_software_reaches_94_percent(software):
    assert software >= 0.94


def test_ideal_chamber_reaches_93_percent(mnist, cache):
    assert final(IDEAL, mnist, cache) >= 0.93


def test_experiment_hall_bar_in_the_paper_range(mnist, cache, software):
    accuracy = final(EXPERIMENT, mnist, cache)
    assert accuracy >= 0.85
    assert accuracy <= software - 0.015   # the device costs accuracy (paper: ~5 points)
    if accuracy > 0.92:
        pytest.xfail(f"experiment reached {100 * accuracy:.2f} % > 92 %: the emulated Hall bar is better than the "
                     f"paper's measured one with stochastic pulse rounding (nn/README.md, 'Targets')")


def test_fewer_states_and_more_spread_cost_accuracy(mnist, cache):
    short = {"iterations": 20}
    few = final(EXPERIMENT, mnist, cache, n_states_pot=3, n_states_dep=3, **short)
    paper = final(EXPERIMENT, mnist, cache, **short)
    noisy = final(EXPERIMENT, mnist, cache, c2c_scale=8.0, **short)
    assert few < paper - 0.02
    assert noisy < paper - 0.01
