"""The study file (emulator/study_spec.py) and the variation draws (emulator/study_variation.py): a malformed file
is one line naming the field and its valid values (exit 2, nothing written); draws are per device, independent of
the chunk, and follow their distribution."""
import numpy as np
import pytest

from emulator.study_spec import load_study, parse_study
from emulator.study_variation import VARIABLES, distribution, stream_of
from skybench.cli import main

GOOD = """
[study]
preset = "chamber_150nm"
protocol = "fig4b"
devices = 10
seed = 2
chunk = 4

[protocol]
pulse_width = "0.05 ns"

[vary.temperature]
distribution = "normal"
mean = "300 K"
std = "5 K"
"""


def test_a_good_file_is_read_in_si_units(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    spec = load_study(path)
    assert spec.pulse_width == pytest.approx(0.05e-9) and spec.current_density is None
    assert spec.vary[0][0] == "temperature" and spec.vary[0][1].parameters == (300.0, 5.0)
    assert spec.chunks() == [(0, 0, 4), (1, 4, 4), (2, 8, 2)]
    assert load_study(path, {"study.devices": 1e7, "study.chunk": 1000}).devices == 10**7
    assert load_study(path).digest() == spec.digest() != load_study(path, {"study.seed": 3}).digest()


@pytest.mark.parametrize("edit, field, valid", [
    (("devices = 10", "devices = -1"), "study.devices", "an integer in [1, 1e+08]"),
    (("devices = 10", "devices = 1e9"), "study.devices", "an integer in [1, 1e+08]"),
    (('preset = "chamber_150nm"', 'preset = "chamber"'), "study.preset", "one of chamber_150nm, gdfeco_experiment"),
    (('protocol = "fig4b"\n', ""), "study.protocol", "a value (the field is required)"),
    (('std = "5 K"', 'std = 5'), "vary.temperature.std", 'a quantity with its unit, e.g. "1 K"'),
    (('std = "5 K"', 'std = "5 m"'), "vary.temperature.std", "a quantity convertible to K"),
    (('std = "5 K"', 'std = "-5 K"'), "vary.temperature.std", "[0, inf] (K)"),
    (('mean = "300 K"', 'mean = "590 K"'), "vary.temperature", "values in [0, 600] K"),
    (('distribution = "normal"', 'distribution = "gauss"'), "vary.temperature.distribution",
     "one of fixed, normal, uniform, choice"),
    (('std = "5 K"', 'sigma = "5 K"'), "vary.temperature key", "one of distribution, mean, std"),
    (("[vary.temperature]", "[vary.pressure]"), "vary key", "one of " + ", ".join(VARIABLES)),
    (("chunk = 4", "chunks = 4"), "study key", "one of preset, protocol, devices, seed, chunk, cycles, disorder"),
    (('pulse_width = "0.05 ns"', 'pulse_width = "-1 ns"'), "protocol.pulse_width", "(0, inf] (s)"),
    (("[protocol]", "[protocl]"), "study file table", "one of study, protocol, vary, outputs"),
    (("seed = 2", "seed = 2 = 3"), "study file", "valid TOML"),
])
def test_a_malformed_file_is_one_line_naming_the_field(tmp_path, capsys, edit, field, valid):
    path = tmp_path / "s.toml"
    old, new = edit
    assert old in GOOD
    path.write_text(GOOD.replace(old, new, 1))
    out = tmp_path / "run"
    assert main(["study", str(path), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert f"parameter '{field}'" in err and valid in err, err
    assert not out.exists()


def test_a_missing_file_is_named(tmp_path, capsys):
    assert main(["study", str(tmp_path / "none.toml"), "--out", str(tmp_path / "run")]) == 2
    assert "parameter 'study file'" in capsys.readouterr().err


def test_draws_depend_only_on_the_device_and_follow_the_distribution():
    normal = distribution(VARIABLES["temperature"], "normal", (300.0, 5.0), "t")
    stream = stream_of(7, "temperature")
    devices = np.arange(200_000)
    values = normal.draw(stream, devices)
    assert np.array_equal(values[1000:1010], normal.draw(stream, devices[1000:1010]))
    assert values.mean() == pytest.approx(300.0, abs=0.05) and values.std() == pytest.approx(5.0, rel=0.01)
    assert values.min() >= 270.0 and values.max() <= 330.0          # truncated at 6 std
    uniform = distribution(VARIABLES["current_scale"], "uniform", (0.9, 1.1), "c").draw(stream, devices)
    assert uniform.min() >= 0.9 and uniform.max() <= 1.1 and uniform.mean() == pytest.approx(1.0, abs=1e-3)
    choice = distribution(VARIABLES["field_offset"], "choice", (-0.01, 0.0, 0.01), "f").draw(stream, devices)
    assert set(np.unique(choice)) == {-0.01, 0.0, 0.01}
    assert np.bincount(np.round(choice * 100).astype(int) + 1) / devices.size == pytest.approx([1 / 3] * 3, abs=0.01)
    assert stream != stream_of(8, "temperature") != stream_of(7, "current_scale")


def test_a_spec_needs_no_file():
    spec = parse_study({"study": {"preset": "gdfeco_experiment", "protocol": "fig2b", "devices": 3}})
    assert spec.seed == 0 and spec.cycles == 1 and spec.chunk == 3 and spec.traces and spec.vary == ()
