"""Parameter checks name the parameter and its valid range."""
import math

import pytest

from skybench.errors import ParameterError, check_choice, check_integer, check_positive, check_range, check_seed


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1.0, 0.0, "abc", None])
def test_check_positive_rejects(bad):
    with pytest.raises(ParameterError) as info:
        check_positive("pulse_width", bad, "s")
    assert "pulse_width" in str(info.value)
    assert "(0, inf] (s)" in str(info.value)


def test_check_range_bounds_and_message():
    assert check_range("Bz", 0.14, -2.0, 2.0, "T") == 0.14
    with pytest.raises(ParameterError, match=r"'Bz' = 3.0 .* \[-2, 2\] \(T\)"):
        check_range("Bz", 3.0, -2.0, 2.0, "T")


def test_check_choice_lists_choices():
    with pytest.raises(ParameterError, match="one of fig2b, fig4b"):
        check_choice("protocol", "fig9", ("fig2b", "fig4b"))


@pytest.mark.parametrize("value", [0, 11, 2.0, True, "3", None])
def test_check_integer_wants_an_int_in_range(value):
    with pytest.raises(ParameterError, match=r"parameter 'n'.*an integer in \[1, 10\]"):
        check_integer("n", value, 1, 10)
    assert check_integer("n", 10, 1, 10) == 10


@pytest.mark.parametrize("value", [-1, 2**32, 1.5, 2.0, True, "3", None])
def test_check_seed_one_rule(value):
    """Issue 14: one seed rule (an integer in [0, 2^32 - 1]) instead of three."""
    with pytest.raises(ParameterError, match=r"parameter 'seed'.*an integer in \[0, 4294967295\]"):
        check_seed("seed", value)


def test_check_seed_accepts_numpy_integers_and_counts():
    import numpy as np

    assert check_seed("seed", np.int64(7)) == 7 and check_seed("seed", 2**32 - 1) == 2**32 - 1
    with pytest.raises(ParameterError, match=r"\[0, 4294967294\] \(so that all 2 seeds"):
        check_seed("seed", 2**32 - 1, count=2)


def test_every_seed_entry_uses_the_one_rule(tmp_path):
    """The device API, the study, the bench and training refuse the same seeds with the same message."""
    import dataclasses

    from emulator.api import write_device_run
    from emulator.study_spec import parse_study
    from instruments.bench import BenchConfig
    from nn.training_presets import preset
    from nn.training_protocol import PROTOCOLS
    from nn.training_run import TrainConfig

    entries = [
        lambda seed: write_device_run("chamber_150nm", "fig4b", tmp_path / "run", seed=seed),
        lambda seed: parse_study({"study": {"preset": "chamber_150nm", "protocol": "fig4b", "devices": 1,
                                            "seed": seed}}),
        lambda seed: dataclasses.replace(BenchConfig(), seed=seed),
        lambda seed: TrainConfig(preset=preset("software"), protocol=PROTOCOLS["fig3c"], seeds=(seed,)),
    ]
    for entry in entries:
        for seed in (2**32, 1.5, -1):
            with pytest.raises(ParameterError, match=r"seed'.*an integer in \[0, 4294967295\]"):
                entry(seed)
    assert list(tmp_path.iterdir()) == []
