"""The exchange-tail pair law from tables (emulator/thiele/pair_law_table.py): the push and the squeeze the
kernel uses must stay within TOLERANCE (relative) of the direct law at every separation a pair within the cutoff
can have, the direct law must take over where the table does not serve, and a chamber device must follow the same
path with either."""
import dataclasses

import numba
import numpy as np
import pytest

from emulator.presets import chamber_150nm
from emulator.pulse_protocols import fig4b
from emulator.thiele import hooks
from emulator.thiele.engine import ThieleEngine
from emulator.thiele.exchange_tail import TailPairRecord
from emulator.thiele.model import StepControl
from emulator.thiele.pair_law_table import MAX_NODES, TOLERANCE, X_MIN, TailPairTableRecord, tabulate_pair
from skybench.errors import ParameterError

NM = 1e-9


@numba.njit
def pushes(rec, rho, radius_i, radius_k):
    """(push, b_i, b_k) of the pair hook at every (rho, radius_i, radius_k)."""
    out = np.empty((rho.shape[0], 3))
    for k in range(rho.shape[0]):
        out[k, 0], out[k, 1], out[k, 2] = hooks.pair_push(rec, rho[k], radius_i[k], radius_k[k])
    return out


@pytest.fixture(scope="module")
def chamber_pair():
    model = chamber_150nm().model
    direct = dataclasses.replace(model, step=dataclasses.replace(model.step, pair_law="direct"))
    return direct.kernel_model().pair_laws[0], model.kernel_model().pair_laws[0], model.step.cutoff


def test_the_chamber_kernel_reads_its_pair_law_from_tables_unless_told_direct(chamber_pair):
    direct, table, _ = chamber_pair
    assert isinstance(direct, TailPairRecord) and isinstance(table, TailPairTableRecord)
    assert table.U0 == direct.U0 and table.xi == direct.xi and table.R0 == direct.R0
    assert table.push.size < 2000 and table.squeeze.size < 400     # a few kB: stays in the L1 cache


def test_push_and_squeeze_are_within_tolerance_of_the_direct_law(chamber_pair):
    """200,000 random pairs within the chamber's cutoff (radii 2-9 nm, the skyrmion sizes of its field range):
    relative error of the push and the squeeze below TOLERANCE (1e-6); measured 1.5e-7. The squeeze vanishes
    where the direct law's does, and both sides of the pair get the same field."""
    direct, table, cutoff = chamber_pair
    rng = np.random.default_rng(0)
    rho = rng.uniform(0.1 * NM, cutoff, 200_000)
    radius_i, radius_k = rng.uniform(2 * NM, 9 * NM, (2, 200_000))
    want = pushes(direct, rho, radius_i, radius_k)
    got = pushes(table, rho, radius_i, radius_k)
    assert np.all(want[:, 0] > 0)
    assert np.abs(got[:, 0] / want[:, 0] - 1).max() < TOLERANCE
    squeezed = want[:, 1] > 0
    assert 0.3 < squeezed.mean() < 1.0                    # both sides of the floor's reach are drawn
    assert np.array_equal(got[:, 1] > 0, squeezed)
    assert np.abs(got[squeezed, 1] / want[squeezed, 1] - 1).max() < TOLERANCE
    assert np.array_equal(got[:, 1], got[:, 2])


def test_pairs_pressed_together_get_the_direct_law_exactly(chamber_pair):
    """Below X_MIN (K1 ~ 1 / x, poorly followed by a cubic) the push is the direct law's to the bit."""
    direct, table, _ = chamber_pair
    radius = np.full(1000, 5.0 * NM)
    x = np.linspace(0.0, 0.999 * X_MIN, 1000)
    rho = x * direct.xi - 2.0 * direct.R0 + 2.0 * radius
    keep = rho > 0
    want = pushes(direct, rho[keep], radius[keep], radius[keep])
    got = pushes(table, rho[keep], radius[keep], radius[keep])
    assert keep.sum() > 500 and np.array_equal(got[:, 0], want[:, 0])


def test_a_law_without_squeeze_tabulates_no_squeeze():
    pair = TailPairRecord(4e-19, 5.7e-9, 5e-9)
    table = tabulate_pair(pair, 50e-9)
    assert table.squeeze.size == 0
    got = pushes(table, np.array([3e-9, 20e-9]), np.full(2, 5e-9), np.full(2, 5e-9))
    assert np.all(got[:, 1:] == 0.0)


def test_a_table_too_large_and_a_bad_mode_are_refused():
    with pytest.raises(ValueError, match="cutoff"):
        tabulate_pair(TailPairRecord(4e-19, 1e-12, 5e-9), MAX_NODES * 1e-13 * 2)
    with pytest.raises(ParameterError, match="pair_law"):
        StepControl(2e-10, 4e-12, 50e-9, 5e-10, pair_law="spline")


def test_a_chamber_device_follows_the_same_path_with_either(chamber):
    """4 devices through 60 fig4b pulses with the direct law and with the tables: the same counts, and every
    skyrmion within 1e-3 nm of its direct position (measured: 6e-7 nm after 100 pulses). The population check
    over 400 devices is benchmarks/pair_table_counts.py."""
    protocol = fig4b()
    finals = {}
    for mode in ("direct", "table"):
        model = dataclasses.replace(chamber.model, step=dataclasses.replace(chamber.model.step, pair_law=mode))
        engine = ThieleEngine(model, devices=4, seed=1, record_events=False, threads=1)
        for field, hold in protocol.preparation:
            engine.advance(0.0, field, hold)
        for step in protocol.steps[:60]:
            engine.advance(step.current_density, step.field, step.width)
            engine.advance(0.0, step.field, step.wait or chamber.relaxation_time)
        finals[mode] = engine.arrays()
    (x, y, _, _, n), (tx, ty, _, _, tn) = finals["direct"], finals["table"]
    assert np.array_equal(n, tn) and n.min() >= 2
    live = np.arange(x.shape[1])[None, :] < n[:, None]
    assert np.hypot(x - tx, y - ty)[live].max() < 1e-3 * NM
