"""Fixtures of the nn tests: synthetic traces written on the fly, level tables from arrays, MNIST if present.

Nothing here is an expected result: traces are generated from stated parameters and the tests compare what
the code recovers with those parameters.
"""
from __future__ import annotations

import csv

import numpy as np
import pytest

from nn.level_table import LevelTable
from nn.mnist import DATA_ENV_VAR, load_mnist, mnist_available, resolve_data_root
from nn.nonlinearity import fit_branch
from nn.synthetic_trace import SyntheticSynapse
from nn.trace_file import REQUIRED_COLUMNS


@pytest.fixture(scope="session")
def mnist():
    """MNIST tensors found by the same rule as `skybench train` (skip with the reason if truly absent)."""
    if not mnist_available():
        pytest.skip(f"MNIST not found under {resolve_data_root() / 'MNIST' / 'raw'} (set ${DATA_ENV_VAR} or put "
                    f"the four IDX files there)")
    return load_mnist()


@pytest.fixture
def write_trace(tmp_path):
    """Factory: write a SyntheticSynapse(**params) trace into a fresh folder and return its path."""
    counter = iter(range(10**6))

    def write(seed: int = 0, **params):
        return SyntheticSynapse(**params).write(tmp_path / f"trace{next(counter)}", seed=seed)

    return write


@pytest.fixture
def write_rows(tmp_path):
    """Factory: write trace.csv rows (dicts over `columns`) as given, for malformed inputs."""
    counter = iter(range(10**6))

    def write(rows, columns=REQUIRED_COLUMNS):
        folder = tmp_path / f"rows{next(counter)}"
        folder.mkdir()
        path = folder / "trace.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([row.get(name, "") for name in columns])
        return path

    return write


@pytest.fixture
def hall_rows():
    """Factory: trace rows (dicts) for given skyrmion counts per pulse (see `_hall_rows`)."""
    return _hall_rows


def _hall_rows(pot_counts, dep_counts, drho=8.0):
    """Trace rows (dicts) with given skyrmion counts per pulse and rho_xy change -drho per skyrmion."""
    rows = []
    for index, (phase, count) in enumerate([("potentiation", c) for c in pot_counts]
                                           + [("depression", c) for c in dep_counts], start=1):
        rows.append({"pulse_index": index, "phase": phase, "current_density_A_per_m2": 1e10,
                     "pulse_width_s": 1e-7, "n_skyrmions_active": count, "mean_diameter_m": 2.7e-7,
                     "rho_xy_change_nOhm_cm": -drho * count})
    return rows


@pytest.fixture
def make_table():
    """Factory: a LevelTable from potentiation/depression means (S) and spreads (S), polarity +1 by default."""

    def make(pot, dep, pot_std=0.0, dep_std=0.0, pot_pulse=None, dep_pulse=None, polarity=1):
        pot, dep = np.asarray(pot, float), np.asarray(dep, float)
        return LevelTable(
            pot_mean=pot, pot_std=np.broadcast_to(np.asarray(pot_std, float), pot.shape).copy(),
            dep_mean=dep, dep_std=np.broadcast_to(np.asarray(dep_std, float), dep.shape).copy(),
            pot_pulse=np.arange(pot.size) if pot_pulse is None else np.asarray(pot_pulse),
            dep_pulse=np.arange(dep.size) if dep_pulse is None else np.asarray(dep_pulse),
            pot_available=pot.size, dep_available=dep.size, pot_fit=fit_branch(pot), dep_fit=fit_branch(dep),
            polarity=polarity, source="test arrays", readout="test")

    return make
