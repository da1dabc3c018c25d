"""Accuracy after the full fig3c protocol (paper Fig. 3c), from training on the emulator's traces (slow).

Targets (issue 5, from the paper's Fig. 3c and Fig. 4 text): software >= 94 % (paper ~94 %), ideal chamber
device >= 93 % (paper ~94 %; a differential pair of chamber devices per weight), measured-like Hall bar 85-92 %
(paper ~89 %), below software. Each device preset runs the forward pass the paper simulated it with
(nn.periphery: the Hall bar 1-bit row drive and hidden outputs, MLP+NeuroSim; the chamber 8-bit activations),
the software preset is analog. The device traces are recorded by emulator.api into a fresh cache for this
session (no stored trace or result is used). The sweep test checks the ablation's direction: fewer states, more
cycle-to-cycle spread and the coarse periphery cost accuracy.
"""
import dataclasses

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
    """The LLG-calibrated chamber through a differential pair trains to >= 93 % (paper ~94 %).

    Measured 2026-12-07 with the boundary-term edge law (10 written, 8 kept, 2-6 left, as the LLG reference's
    10 / 8 / 5): 93.48 / 93.84 % (seeds 0 / 1; `skybench train --device ideal --seeds 2 --no-software`), 10
    potentiation and 4 depression states. Before: 95.08 +- 0.09 % in session 5 (11 -> 1-3 skyrmions through pad
    ends that were exits, which the LLG film does not have), 92.09 % (seed 0) in session 6 (11 kept, 8-9 left).
    The chamber's reversed pulses need not empty it: with the straight edge law (16 -> 8) one device per weight
    against a mid-range reference column could lower a weight only to zero and the network stayed at chance
    (10.09 %, seed 0; `--mapping reference`); at 11 -> 3 the reference column reaches 87.62 %. The pair moves
    either device both ways, wherever depression stops (nn/README.md, 'Mapping').
    """
    assert final(IDEAL, mnist, cache) >= 0.93


def test_experiment_hall_bar_reaches_the_papers_window(mnist, cache, software):
    """The emulated Hall bar through the 1-bit periphery trains to 85-92 % (paper ~89 %), below software.

    Measured 89.59 +- 0.21 % over seeds 0-2 (89.36, 89.75, 89.67; per-pulse transitions from emulator seeds
    0-31), 7.2 points below the analog software baseline (96.78 %). The same device read through an analog
    periphery trains to 93.3 % (nn/README.md, 'Targets'): the loss is the device's few unequal levels seen
    through 1-bit activations, not its per-pulse randomness.
    """
    accuracy = final(EXPERIMENT, mnist, cache)
    assert 0.85 <= accuracy <= 0.92
    assert accuracy <= software - 0.03   # the device costs accuracy (paper: ~5 points)


def test_fewer_states_more_spread_and_the_periphery_cost_accuracy(mnist, cache):
    """Two states per branch, 8x the per-pulse spread and the 1-bit periphery each cost accuracy.

    Measured at 20 iterations (seed 0): 87.7 % with 13 + 11 states through the 1-bit periphery; 79.5 % with 2
    states, 84.0 % with 3; 69.2 % at c2c scale 8; 91.5 % with an analog periphery.
    """
    short = {"iterations": 20}
    paper = final(EXPERIMENT, mnist, cache, **short)
    few = final(EXPERIMENT, mnist, cache, n_states_pot=2, n_states_dep=2, **short)
    noisy = final(EXPERIMENT, mnist, cache, c2c_scale=8.0, **short)
    analog = final(dataclasses.replace(EXPERIMENT, periphery="analog"), mnist, cache, **short)
    assert few < paper - 0.04
    assert noisy < paper - 0.08
    assert analog > paper + 0.02
