"""Contract of the Thiele force laws: each law's kernel records reach the kernel through their role's hook and
give the law's own formula there; a law left out (or a zero coefficient) puts nothing into the kernel model;
the kernel's result does not depend on how a batch is split over threads."""
import math

import numba
import numpy as np
import pytest

from emulator.presets import chamber_150nm
from emulator.pulse_protocols import fig4b
from emulator.thiele import hooks, term
from emulator.thiele.dipolar import DipolarRepulsion, edge_force, pair_kernel
from emulator.thiele.engine import ThieleEngine
from emulator.thiele.exchange_tail import ExchangeRepulsion, pair_force, segment_force
from emulator.thiele.force_field import LAWS
from emulator.thiele.heating import Heating, noise_amplitude, relax_temperature
from emulator.thiele.pinning import Pinning, PinningWell, apply_threshold, well_force
from emulator.thiele.rng import normal
from emulator.thiele.sot import SOTDrive

NM = 1e-9
EXAMPLES = {
    SOTDrive: SOTDrive(theta_SH=0.3, layers=2, heavy_metal_share=1.5),
    DipolarRepulsion: DipolarRepulsion(ms_effective=1.3e5, film_thickness=260 * NM),
    ExchangeRepulsion: ExchangeRepulsion(U0=2e-20, xi=4 * NM, R0=3.6 * NM, edge_F0=1.5e-11, edge_xi=4 * NM,
                                         edge_R0=3.6 * NM),
    Pinning: Pinning(threshold=1e-12, wells=(PinningWell(1 * NM, 2 * NM, 1e-19, 5 * NM),)),
    Heating: Heating(resistivity=2e-7, stack_thickness=0.4 * NM, thermal_conductance=1e9, time_constant=1e-9),
}
"""One instance of every law, every part switched on."""


@numba.njit
def _local(rec, rng):
    fx, fy = hooks.local_force(rec, 3 * NM, 4 * NM, 3.6 * NM, 2e10, -1e10, 5 * NM)
    return fx, fy, 0.0


@numba.njit
def _edge(rec, rng):
    return hooks.edge_push(rec, 3.6 * NM, 6 * NM), 0.0, 0.0


@numba.njit
def _pair(rec, rng):
    return hooks.pair_push(rec, 9 * NM, 3.6 * NM, 3.0 * NM)


@numba.njit
def _friction(rec, rng):
    fx, fy, held = hooks.apply_friction(rec, 3e-12, 4e-12)
    return fx, fy, 1.0 if held else 0.0


@numba.njit
def _heating(rec, rng):
    return hooks.relax_rise(rec, 10.0, 4e10, 1e-10), 0.0, 0.0


@numba.njit
def _noise(rec, rng):
    fx, fy = hooks.thermal_force(rec, 1e-14, 300.0, 1e-12, rng, 0)
    return fx, fy, 0.0


THROUGH_HOOK = {term.LOCAL: _local, term.EDGE: _edge, term.PAIR: _pair, term.FRICTION: _friction,
                term.HEATING: _heating, term.NOISE: _noise}
"""For each role, its hook evaluated at one fixed configuration."""


def _expected(rec):
    """The law's own functions at the configuration of THROUGH_HOOK."""
    name = type(rec).__name__
    if name == "SOTRecord":
        return rec.k * 5 * NM * 2e10, rec.k * 5 * NM * -1e10, 0.0
    if name == "WellsRecord":
        return (*well_force(rec.wells, 3 * NM, 4 * NM), 0.0)
    if name == "TailEdgeRecord":
        return rec.F0 * math.exp(-(6 * NM - rec.R0) / rec.xi), 0.0, 0.0
    if name == "DipolarEdgeRecord":
        return edge_force(rec.C_e, 3.6 * NM, 6 * NM, rec.h), 0.0, 0.0
    if name == "TailPairRecord":
        return pair_force(rec.U0, rec.xi, rec.R0, 9 * NM, 3.6 * NM, 3.0 * NM), 0.0, 0.0
    if name == "DipolarPairRecord":
        g, dg = pair_kernel(9 * NM if 9 * NM > 6.6 * NM else 6.6 * NM, rec.h)
        field = rec.K_d * rec.field_per_energy * g
        return rec.K_d * (3.6 * NM) ** 2 * (3.0 * NM) ** 2 * dg, field * (3.0 * NM) ** 2, field * (3.6 * NM) ** 2
    if name == "ThresholdRecord":
        fx, fy, held = apply_threshold(3e-12, 4e-12, rec.F_c)
        return fx, fy, 1.0 if held else 0.0
    if name == "HeatingRecord":
        return relax_temperature(10.0, rec.rise_per_j2 * 4e10 * 4e10, 1e-10, rec.tau), 0.0, 0.0
    if name == "LangevinRecord":
        rng = np.array([7], dtype=np.uint64)
        sigma = noise_amplitude(1e-14, 300.0, 1e-12)
        return sigma * normal(rng, 0), sigma * normal(rng, 0), 0.0
    raise AssertionError(f"no reference for {name}")


def test_every_law_has_an_example():
    assert set(EXAMPLES) == set(LAWS)
    assert set(THROUGH_HOOK) == set(term.ROLES)


@pytest.mark.parametrize("law", LAWS, ids=lambda k: k.__name__)
def test_records_reach_their_hook_and_give_the_law(law):
    records = EXAMPLES[law].records()
    assert records, f"{law.__name__} with every part on gives no kernel record"
    for rec in records:
        assert rec.ROLE in term.ROLES
        got = THROUGH_HOOK[rec.ROLE](rec, np.array([7], dtype=np.uint64))
        assert got == pytest.approx(_expected(rec), rel=1e-12, abs=0.0)


def test_a_zero_coefficient_puts_nothing_into_the_kernel():
    assert ExchangeRepulsion(U0=0.0, xi=4 * NM, R0=3.6 * NM).records() == ()
    assert SOTDrive(theta_SH=0.0).records() == ()
    assert [type(r).__name__ for r in Pinning(threshold=0.0).records()] == ["ThresholdRecord"]
    assert [type(r).__name__ for r in Heating(2e-7, 1e-9, 1e9, 1e-9, noise=False).records()] == ["HeatingRecord"]


def test_a_law_left_out_is_absent_from_the_kernel_model():
    """The chamber has no dipolar law, no wells and no Langevin force: nothing of them reaches the kernel."""
    km = chamber_150nm().model.kernel_model()
    assert [type(r).__name__ for r in km.local_before + km.local_after] == ["SOTRecord"]
    assert [type(r).__name__ for r in km.edge_laws] == ["TailIntegralEdgeRecord"] * 2   # outer and inner term
    assert [type(r).__name__ for r in km.pair_laws] == ["TailPairRecord"]
    assert km.noise == ()
    assert km.reach == pytest.approx(max(r.reach for r in km.edge_laws))


@numba.njit
def _edge_sums(records, ax, ay, bx, by, distance):
    fx, fy = hooks.add_edge_segments(records, 0.0, 0.0, 3.6 * NM, ax, ay, bx, by)
    return fx, fy, hooks.sum_edge_pushes(records, 3.6 * NM, distance)


def test_a_segment_edge_law_reaches_its_hook_and_only_it():
    """The 'tail_integral' record goes to hook `edge_segment` (its `segment_force`), the 'straight' one to
    `edge_push`; each sum skips the other kind, in one tuple as the kernel holds them."""
    straight = ExchangeRepulsion(U0=0.0, xi=4 * NM, R0=3.6 * NM, edge_F0=1.5e-11, edge_xi=4 * NM,
                                 edge_R0=3.6 * NM).records()
    integral = ExchangeRepulsion(U0=0.0, xi=4 * NM, R0=3.6 * NM, edge_F0=1.5e-11, edge_xi=4 * NM, edge_R0=3.6 * NM,
                                 edge_law="tail_integral").records()
    seg = (-20 * NM, -6 * NM, 5 * NM, -6 * NM)
    fx, fy, push = _edge_sums(straight + integral, *seg, 6 * NM)
    assert (fx, fy) == segment_force(integral[0], *seg)
    assert push == 1.5e-11 * math.exp(-(6 * NM - 3.6 * NM) / (4 * NM))
    assert _edge_sums(straight, *seg, 6 * NM)[:2] == (0.0, 0.0)
    assert _edge_sums(integral, *seg, 6 * NM)[2] == 0.0


def test_two_friction_laws_are_rejected():
    with pytest.raises(ValueError, match="duplicate"):
        Pinning(1e-12) + Pinning(2e-12)


def test_the_split_over_threads_does_not_change_the_result():
    """Devices are independent: a batch run on one thread and on three gives the same skyrmions bit for bit."""
    preset = chamber_150nm()
    protocol = fig4b(pulses=6)
    runs = []
    for threads in (1, 3):
        engine = ThieleEngine(preset.model, devices=5, seed=3, record_events=False, threads=threads)
        for step in protocol.steps:
            engine.advance(step.current_density, step.field, step.width)
            engine.advance(0.0, step.field, preset.relaxation_time)
        runs.append(engine.arrays())
    for a, b in zip(*runs):
        np.testing.assert_array_equal(a, b)
