"""Configuration: TOML round trip, units, and bad input that names the field and its valid range."""
import tomllib

import pytest

from nn.chip.config import ChipConfig
from skybench.errors import DataError, ParameterError


def _write(tmp_path, text):
    path = tmp_path / "chip.toml"
    path.write_text(text)
    return path


def test_default_round_trips_through_toml():
    config = ChipConfig()
    assert ChipConfig.from_dict(tomllib.loads(config.to_toml())) == config


def test_overrides_with_units(tmp_path):
    path = _write(tmp_path, """
compare = ["skyrmion"]
[architecture]
subarray_rows = 16
[cells.skyrmion]
R_off = "27 kohm"
t_write = "0.1 ns"
[cells.skyrmion.write_path]
R_track = "1.5 kohm"
""")
    config = ChipConfig.from_toml(path)
    cell = config.cell("skyrmion")
    assert [c.name for c in config.cells] == ["skyrmion"]
    assert cell.R_off == pytest.approx(27e3) and cell.t_write == pytest.approx(1e-10)
    assert cell.write_path.R_track == pytest.approx(1.5e3)
    assert config.architecture.subarray_rows == 16


def test_new_cell_needs_every_field(tmp_path):
    path = _write(tmp_path, '[cells.pcm]\nR_on = "5 kohm"\n')
    with pytest.raises(ParameterError, match="cells.pcm.R_off"):
        ChipConfig.from_toml(path)


@pytest.mark.parametrize("text, name, valid", [
    ('[cells.skyrmion]\nR_off = "2 kohm"', "cells.skyrmion.R_off", "> R_on = 3000 Ohm"),
    ('[cells.rram]\nV_write = "-1.8 V"', "cells.rram.V_write", "(0, inf]"),
    ('[cells.rram]\nR_on = "10 V"', "cells.rram.R_on", "convertible to ohm"),
    ('[architecture]\nsubarray_rows = 1024', "architecture.subarray_rows", "largest layer has 784 inputs"),
    ('[architecture]\nsubarray_cols = 0', "architecture.subarray_cols", "[1,"),
    ('[architecture]\ncolumns_per_adc = 5', "architecture.columns_per_adc", "divisor"),
    ('[architecture]\nactivation = "tanh"', "architecture.activation", "sigmoid, relu"),
    ('[architecture]\nbogus = 1', "architecture.bogus", "a known key"),
    ('[network]\nlayers = [784, 0, 10]', "network.layers[1]", "[1,"),
    ('[network]\npools = [1]', "network.pools", "one window per weight layer"),
    ('[network]\ndevices_per_weight = 3', "network.devices_per_weight", "2 (differential pair)"),
    ('[technology]\nF = "0 nm"', "technology.F", "(0, inf]"),
    ('compare = ["sram"]', "compare", "rram, skyrmion"),
    # issue 14 item 2: a bare number for a dimensional value was read as SI (F = 32 -> 32 m, vdd = 900 -> 900 V)
    ('[technology]\nF = 32', "technology.F", 'a quantity string with a unit convertible to m, e.g. "3.2e-08 m"'),
    ('[technology]\nvdd = 900', "technology.vdd", "a bare number has no unit"),
    ('[cells.rram]\nR_on = 10000', "cells.rram.R_on", "convertible to ohm"),
    ('[cells.skyrmion.write_path]\nR_track = 3000', "cells.skyrmion.write_path.R_track", "a bare number"),
    ('[architecture]\nclock_frequency = 1e9', "architecture.clock_frequency", "convertible to Hz"),
    ('[architecture]\nsubarray_rows = "32 nm"', "architecture.subarray_rows", "convertible to dimensionless"),
])
def test_bad_values_name_the_field_and_range(tmp_path, text, name, valid):
    with pytest.raises(ParameterError) as info:
        ChipConfig.from_toml(_write(tmp_path, text))
    message = str(info.value)
    assert f"'{name}'" in message and valid in message


def test_unreadable_files_name_the_file(tmp_path):
    with pytest.raises(DataError, match="missing.toml"):
        ChipConfig.from_toml(tmp_path / "missing.toml")
    with pytest.raises(DataError, match="chip.toml.*not valid TOML"):
        ChipConfig.from_toml(_write(tmp_path, "[architecture\nrows = "))


def test_dimensionless_values_stay_plain_numbers(tmp_path):
    config = ChipConfig.from_toml(_write(tmp_path, '[technology]\nF = "45 nm"\nwiring_area_factor = 1.5\n'))
    assert config.technology.F == pytest.approx(45e-9) and config.technology.wiring_area_factor == 1.5


def test_a_pair_chip_without_a_train_run(tmp_path):
    """[network] devices_per_weight = 2 maps two columns per output with the default update model too."""
    from nn.chip import compare

    config = ChipConfig.from_toml(_write(tmp_path, "[network]\ndevices_per_weight = 2\n"))
    assert ChipConfig.from_dict(tomllib.loads(config.to_toml())) == config
    assert compare(config)["skyrmion"].mapping.subarrays == 179
