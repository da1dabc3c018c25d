"""Staged outputs: files appear in the output folder only when the whole command succeeded."""
import os

import pytest

from skybench.errors import ParameterError
from skybench.outputs import check_writable, staged_output


def test_success_moves_every_file(tmp_path):
    out = tmp_path / "run"
    with staged_output(out) as stage:
        (stage / "a.csv").write_text("x\n")
        (stage / "sub").mkdir()
        (stage / "sub" / "b.json").write_text("{}")
    assert (out / "a.csv").read_text() == "x\n"
    assert (out / "sub" / "b.json").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_failure_leaves_nothing_behind(tmp_path):
    out = tmp_path / "run"
    with pytest.raises(RuntimeError):
        with staged_output(out) as stage:
            (stage / "a.csv").write_text("half")
            raise RuntimeError("model blew up")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_previous_results(tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    (out / "a.csv").write_text("old")
    with pytest.raises(RuntimeError):
        with staged_output(out) as stage:
            (stage / "a.csv").write_text("new")
            raise RuntimeError
    assert (out / "a.csv").read_text() == "old"


def test_output_path_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "file"
    target.write_text("")
    with pytest.raises(ParameterError, match="'out'"):
        check_writable(target)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(ParameterError, match="write"):
        check_writable(locked / "run")
