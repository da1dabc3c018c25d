"""skybench.formats.llg_reference: what it writes it reads back, and damaged files are refused by name."""
import json

import numpy as np
import pytest

from skybench.errors import DataError
from skybench.formats.llg_reference import ReferenceTrajectory, read_reference, write_reference


def _reference(**changes):
    fields = dict(condition="default", preset="chamber_150nm", protocol="fig4b", command="skybench llg ...",
                  settings={"amplitude_A_per_m2": 4e10, "Bz_T": 0.2}, pulse=np.arange(1, 5),
                  phase=("potentiation", "potentiation", "depression", "depression"),
                  in_chamber=np.array([1, 2, 2, 1]), created=np.array([1, 2, 2, 2]), exited=np.array([0, 0, 0, 1]))
    fields.update(changes)
    return ReferenceTrajectory(**fields)


def test_round_trip(tmp_path):
    ref = _reference()
    path = write_reference(tmp_path / "fig4b_default.json", ref)
    back = read_reference(path)
    assert back.condition == "default" and back.settings == ref.settings and back.phase == ref.phase
    for name in ("pulse", "in_chamber", "created", "exited"):
        assert np.array_equal(getattr(back, name), getattr(ref, name))
    assert back.peak == 2
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("changes, message", [
    (dict(created=np.array([1, 2, 1, 2])), "may not decrease"),
    (dict(pulse=np.array([1, 2, 4, 5])), "without gaps"),
    (dict(in_chamber=np.array([1, -2, 2, 1])), "negative"),
    (dict(phase=("potentiation", "up", "depression", "depression")), "phase"),
    (dict(exited=np.array([0, 0, 1])), "entries"),
    (dict(condition="a b"), "condition"),
])
def test_inconsistent_trajectories_refused(changes, message):
    with pytest.raises(DataError, match=message):
        _reference(**changes)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(format="other"), "format"),
    (lambda d: d.update(format_version=2), "format_version"),
    (lambda d: d["pulses"].pop("exited"), "lacks"),
    (lambda d: d["pulses"].update(created=[1.5, 2, 2, 2]), "integers"),
    (lambda d: d["pulses"].update(created=[2, 1, 1, 1]), "may not decrease"),
])
def test_damaged_files_refused_naming_the_file(tmp_path, edit, message):
    path = write_reference(tmp_path / "fig4b_default.json", _reference())
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    with pytest.raises(DataError, match=message) as error:
        read_reference(path)
    assert str(path) in str(error.value)
