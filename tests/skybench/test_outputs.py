"""Staged outputs: files appear in the output folder only when the whole command succeeded."""
import os
import signal
import subprocess
import sys

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
        with staged_output(out, force=True) as stage:
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


# --- issue 14 items 5-7: one folder rule for every command ----------------------------------------------------
def test_non_empty_folder_is_refused_without_force(tmp_path):
    """Item 5: a rerun into a folder of an earlier run is refused, not merged file by file."""
    out = tmp_path / "run"
    out.mkdir()
    (out / "sweep.png").write_text("old run")
    with pytest.raises(ParameterError, match=r"'out'.*new or empty folder.*--force"):
        check_writable(out)
    with pytest.raises(ParameterError, match="--force"):
        with staged_output(out):
            pass
    assert [p.name for p in out.iterdir()] == ["sweep.png"]


def test_empty_folder_is_accepted(tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    with staged_output(out) as stage:
        (stage / "a.csv").write_text("x")
    assert [p.name for p in out.iterdir()] == ["a.csv"]


def test_force_replaces_the_folder_as_a_whole(tmp_path):
    """Item 5: with --force no file of the earlier run survives beside the new ones."""
    out = tmp_path / "run"
    out.mkdir()
    (out / "sweep.png").write_text("old run")
    (out / "chip.json").write_text("old")
    with staged_output(out, force=True) as stage:
        (stage / "chip.json").write_text("new")
    assert sorted(p.name for p in out.iterdir()) == ["chip.json"]
    assert (out / "chip.json").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


@pytest.mark.parametrize("empty", ["", "  "])
def test_empty_path_is_refused(empty):
    """Item 6: `--out ""` would write into the current folder."""
    with pytest.raises(ParameterError, match=r"'out' = .*empty path"):
        check_writable(empty)


def test_force_never_replaces_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep").write_text("x")
    with pytest.raises(ParameterError, match="current folder"):
        check_writable(".", force=True)
    with pytest.raises(ParameterError, match="current folder"):
        check_writable(tmp_path.parent, force=True)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftover_of_a_dead_run_is_removed_and_a_live_one_kept(tmp_path):
    """Item 7: a `.NAME.<pid>-*.partial` of a killed run is removed by the next run to the same path."""
    dead = tmp_path / f".run.{_dead_pid()}-abcd.partial"
    dead.mkdir()
    (dead / "half.csv").write_text("half")
    live = tmp_path / f".run.{os.getppid()}-abcd.partial"
    live.mkdir()
    other = tmp_path / f".other.{_dead_pid()}-abcd.partial"
    other.mkdir()
    untagged = tmp_path / ".run.k3x_9a0q.partial"   # left by a skybench from before the pid rule
    untagged.mkdir()
    with staged_output(tmp_path / "run") as stage:
        (stage / "a.csv").write_text("x")
    assert not dead.exists() and not untagged.exists()
    assert live.exists() and other.exists()  # a running process's staging folder, another output's leftover


def test_killed_run_leaves_a_leftover_that_the_next_run_removes(tmp_path):
    """Item 7 end to end: SIGKILL inside the staged block, then a second run to the same folder."""
    out = tmp_path / "run"
    script = (f"import time\nfrom skybench.outputs import staged_output\n"
              f"with staged_output({str(out)!r}) as stage:\n"
              f"    (stage / 'half.csv').write_text('half')\n    print('writing', flush=True)\n    time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    assert len(leftovers) == 1 and not out.exists()
    with staged_output(out) as stage:
        (stage / "a.csv").write_text("x")
    assert [p.name for p in tmp_path.iterdir()] == ["run"]
