"""The particle model reads its interaction laws from an LLG calibration file, and refuses a bad one."""
import json

import pytest

from emulator.presets import CHAMBER_CALIBRATION, chamber_150nm
from emulator.thiele.calibration import load_calibration
from emulator.thiele.exchange_tail import ExchangeRepulsion
from skybench.errors import DataError


def test_bundled_chamber_calibration_feeds_the_pair_law():
    calibration = load_calibration(CHAMBER_CALIBRATION)
    assert calibration.preset == "chamber_150nm"
    law = chamber_150nm().model.forces.get(ExchangeRepulsion)
    assert (law.U0, law.xi, law.R0) == (calibration.pair_U0, calibration.pair_xi, calibration.pair_R0)


def test_calibrated_gyrocoupling_and_dissipation_match_the_profile():
    """The LLG's G and D (from the texture) against the particle model's, from the radial profile."""
    calibration = load_calibration(CHAMBER_CALIBRATION)
    model = chamber_150nm().model
    _, d_int, _ = model.table.at(0.2)
    assert calibration.G == pytest.approx(model.gyrocoupling, rel=0.01)
    assert calibration.D * model.material.alpha == pytest.approx(model.dissipation_factor * d_int, rel=0.02)


def test_without_a_calibration_the_analytic_pair_law_is_used():
    law = chamber_150nm(calibration=None).model.forces.get(ExchangeRepulsion)
    assert law.U0 < load_calibration(CHAMBER_CALIBRATION).pair_U0


@pytest.mark.parametrize("content, message", [
    (None, "not found"),
    ("{", "not a readable"),
    (json.dumps({"format": "other"}), "format"),
    (json.dumps({"format": "skybench-llg-calibration/1", "pair": {}}), "missing calibration entry"),
    (json.dumps({"format": "skybench-llg-calibration", "format_version": 2}), "format_version"),
    (json.dumps({"format": "skybench-llg-calibration", "format_version": 1, "pair": {"U0_J": "1"}}),
     "not a finite number"),
    ("[]", "JSON object"),
])
def test_bad_calibration_files_are_named(tmp_path, content, message):
    path = tmp_path / "calibration.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(DataError, match=message) as info:
        load_calibration(path)
    assert str(path) in str(info.value)


def test_unphysical_values_are_refused(tmp_path):
    data = json.loads(CHAMBER_CALIBRATION.read_text())
    data["pair"]["xi_m"] = -1.0
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DataError, match="pair_xi"):
        load_calibration(path)


def test_a_written_calibration_reads_back_through_the_format(tmp_path):
    """Writer and reader are one module (skybench.formats.calibration): the bundled document round-trips."""
    from skybench.formats.calibration import read_calibration, write_calibration

    document = read_calibration(CHAMBER_CALIBRATION)
    path = write_calibration(tmp_path, document)
    written = json.loads(path.read_text())
    assert (written["format"], written["format_version"]) == ("skybench-llg-calibration", 1)
    assert load_calibration(path).pair_U0 == load_calibration(CHAMBER_CALIBRATION).pair_U0
