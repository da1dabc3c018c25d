"""A study on a real dask.distributed cluster (two worker processes on this machine): the store it writes is the
in-process one device by device, and a worker killed mid-study loses and duplicates no device."""
import os
import signal
import threading
import time

import numpy as np
import pytest

from emulator.study import run_study
from emulator.study_spec import parse_study
from emulator.study_store import StudyStore

distributed = pytest.importorskip("distributed")   # in the test and cluster extras


def small_study(devices, chunk):
    return parse_study({"study": {"preset": "chamber_150nm", "protocol": "fig4b", "devices": devices, "seed": 11,
                                  "chunk": chunk},
                        "vary": {"current_scale": {"distribution": "uniform", "low": 0.95, "high": 1.05}}})


def stored(out):
    store = StudyStore(out, {})
    return store.read(store.columns())


def assert_same_devices(a, b):
    assert a.keys() == b.keys()
    for name in a:
        if a[name].dtype == object:
            assert all(np.array_equal(x, y, equal_nan=True) for x, y in zip(a[name], b[name])), name
        else:
            assert np.array_equal(a[name], b[name], equal_nan=True), name


@pytest.fixture(scope="module")
def in_process(tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "run"
    run_study(small_study(8, 2), out, progress=False)
    return stored(out)


def test_two_local_workers_give_the_in_process_study(in_process, tmp_path):
    lines = []
    summary = run_study(small_study(8, 2), tmp_path / "run", workers=2, progress=False, echo=lines.append)
    assert summary["engine"] == "2 local workers" and summary["devices_computed"] == 8
    assert lines and lines[0].startswith("dask dashboard: http")
    assert_same_devices(stored(tmp_path / "run"), in_process)


def test_a_worker_killed_mid_study_loses_and_duplicates_no_device(in_process, tmp_path):
    from distributed import Client, LocalCluster

    out = tmp_path / "run"
    killed = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = sorted(client.run(os.getpid).values())

        def kill_one_after_the_first_chunk():
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                finished = list((out / "chunks").glob("chunk-*.parquet")) if (out / "chunks").exists() else []
                if finished:
                    killed["finished_before"] = len(finished)
                    os.kill(pids[0], signal.SIGKILL)
                    return
                time.sleep(0.01)

        killer = threading.Thread(target=kill_one_after_the_first_chunk)
        killer.start()
        summary = run_study(small_study(8, 2), out, scheduler=cluster.scheduler_address, progress=False,
                            echo=lambda line: None)
        killer.join()
    assert 1 <= killed["finished_before"] < 4, "the worker must die while chunks are still pending"
    assert summary["devices_computed"] == 8
    rows = stored(out)
    assert rows["device"].tolist() == list(range(8))      # each device once, none lost
    assert_same_devices(rows, in_process)


@pytest.mark.slow
def test_the_readme_cluster_recipe(tmp_path):
    """README 'The same study file on a cluster', as a user types it: `dask scheduler`, `dask worker ADDRESS`, then
    `skybench study examples/chamber_population.toml --out DIR --scheduler ADDRESS` (4 devices of the example);
    the store equals the one the same command writes without --scheduler, device by device."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    bin_dir = Path(sys.executable).parent
    study = [str(bin_dir / "skybench"), "study", str(root / "examples" / "chamber_population.toml"),
             "--devices", "4", "--chunk", "2", "--quiet"]
    scheduler_file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen([str(bin_dir / "dask"), "scheduler", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(scheduler_file)], env=env, cwd=tmp_path,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://")
        worker = subprocess.Popen([str(bin_dir / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard"],
                                  env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        remote = subprocess.run(study + ["--out", str(tmp_path / "remote"), "--scheduler", address], env=env,
                                capture_output=True, text=True, timeout=600)
        assert remote.returncode == 0, remote.stderr
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
    local = subprocess.run(study + ["--out", str(tmp_path / "local")], env=env, capture_output=True, text=True,
                           timeout=600)
    assert local.returncode == 0, local.stderr
    remote_rows = stored(tmp_path / "remote")
    assert remote_rows["device"].tolist() == [0, 1, 2, 3]
    assert_same_devices(remote_rows, stored(tmp_path / "local"))
