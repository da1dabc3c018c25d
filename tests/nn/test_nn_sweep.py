"""The states / cycle-to-cycle sweep runs every point and writes sweep.csv and sweep.png (tiny schedule)."""
import csv

from nn.sweep import sweep, write_sweep
from nn.training_presets import EXPERIMENT
from nn.training_protocol import FIG3C
from nn.training_run import TrainConfig, build_device_model


def test_sweep_points_and_files(mnist, write_trace, tmp_path):
    config = TrainConfig(preset=EXPERIMENT, protocol=FIG3C.with_overrides(iterations=1, images_per_iteration=300),
                         seeds=(0, 1), traces=write_trace(pot_pulses=16, dep_pulses=12), compare_software=False,
                         progress=False)
    available = build_device_model(config).pot_available   # 16 ramp positions
    result = sweep(config, states=(2, 5, 40), c2c_scales=(0.0, 2.0), data=mnist)
    assert [value for value, _ in result.points("states")] == [2.0, 5.0, available]   # 40 capped to the trace
    assert [value for value, _ in result.points("c2c_scale")] == [0.0, 2.0]
    assert len(result.rows) == (3 + 2) * 2
    write_sweep(result, tmp_path)
    with (tmp_path / "sweep.csv").open() as handle:
        assert len(list(csv.reader(handle))) == 1 + 10
    assert (tmp_path / "sweep.png").stat().st_size > 0
