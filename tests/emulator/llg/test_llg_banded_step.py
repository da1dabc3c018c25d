"""The banded path of the embedded Runge-Kutta steppers (RK45 and RK23 `advance_to`: `emulator.llg.kernels.rk_interval` with `runge_kutta_bands`)
gives the same numbers, bit for bit, as one `step` per step (`runge_kutta_stages`), and does not depend on
how the rows are split into bands.

Reference: the per-step fused path, itself checked against the generic stepper in `test_llg_fused_step.py`.
Outlines: a disk (one run of magnetic cells per row) and a ring (two runs on the middle rows, an empty middle).
"""
import numpy as np
import pytest

from emulator.geometry import Circle
from emulator.llg import (DMI, LLG, Exchange, Magnet, Mesh, PulseTrain, RK45, SpinOrbitTorque, State,
                          UniaxialAnisotropy, Zeeman, advance, kernels, local)
from emulator.llg.rk23 import BOGACKI_SHAMPINE, RK23
from emulator.llg.rk45 import DORMAND_PRINCE
from emulator.llg.textures import neel_skyrmions


class _Ring:
    """Cells between two radii around (cx, cy) (m)."""

    def __init__(self, cx, cy, inner, outer):
        self.inner, self.outer = Circle(cx, cy, inner), Circle(cx, cy, outer)

    def contains(self, x, y):
        return np.asarray(self.outer.contains(x, y)) & ~np.asarray(self.inner.contains(x, y))


def _system(region, uniform=False):
    """A film with pulsed drives: a current map and a regional field pulse, or (`uniform`) a uniform current
    and no regional field (the kernels then take the drive as numbers, `kernels.uniform_drive`)."""
    mesh = Mesh(40, 30, 1e-9, 1e-9, 0.4e-9)
    magnet = Magnet.from_region(mesh, region, 5e5)
    rng = np.random.default_rng(3)
    energy = Exchange(15e-12) + DMI(3.5e-3, 15e-12) + UniaxialAnisotropy(0.9e6) + Zeeman((0.0, 0.0, 0.2))
    if not uniform:
        energy = energy + Zeeman((0.0, 0.0, -1.0), waveform=PulseTrain(1.0, 5e-12, 15e-12, 2),
                                 region=Circle(10e-9, 15e-9, 4e-9), label="spot")
    distribution = None if uniform else 1.0 + 0.1 * rng.normal(size=(2,) + mesh.shape)
    torque = SpinOrbitTorque(0.3, PulseTrain(4e10, 5e-12, 15e-12, 2), 0.4e-9, distribution=distribution)
    system = LLG(magnet, energy, alpha=0.3, torque=torque)
    m = neel_skyrmions(magnet, [(22e-9, 15e-9)], 4e-9, 1e-9)
    m = magnet.normalise(m + 0.05 * rng.normal(size=(3,) + mesh.shape))
    return system, m


class _OneStep:
    """A stepper without `advance_to`: `advance` calls `step` once per step."""

    def __init__(self, stepper):
        self.stepper = stepper
        self.name = stepper.name

    def step(self, system, state, t_limit):
        self.stepper.step(system, state, t_limit)


REGIONS = {"disk": Circle(20e-9, 15e-9, 14e-9), "ring": _Ring(20e-9, 15e-9, 5e-9, 14e-9)}


@pytest.mark.parametrize("method", [RK45, RK23])
@pytest.mark.parametrize("uniform", [False, True])
@pytest.mark.parametrize("name", sorted(REGIONS))
def test_banded_steps_equal_one_step_per_call(name, uniform, method):
    system, m = _system(REGIONS[name], uniform)
    coefficients, static, bdl, xi, pol = system.step_drive(1e-12)
    assert kernels.uniform_drive(system.magnet.mask, static, pol)[0] == uniform
    if name == "ring":
        assert (local.magnetic_runs(system.magnet.mask)[:, 0] == 16).sum() == 2  # two runs on a middle row
    per_step, banded = State(m=m.copy()), State(m=m.copy())
    advance(system, per_step, _OneStep(method()), 30e-12)  # crosses four drive edges
    advance(system, banded, method(), 30e-12)
    assert per_step.steps > 100
    assert (banded.steps, banded.rejected, banded.evaluations) == (per_step.steps, per_step.rejected,
                                                                   per_step.evaluations)
    assert banded.t == per_step.t and banded.dt == per_step.dt
    assert np.array_equal(banded.m, per_step.m)


@pytest.mark.parametrize("tableau", [DORMAND_PRINCE, BOGACKI_SHAMPINE], ids=["rk45", "rk23"])
def test_band_split_does_not_change_the_step(tableau):
    A, E, last = tableau.a, tableau.e, tableau.stages - 1
    system, m = _system(REGIONS["ring"])
    mesh = system.magnet.mesh
    runs = system.runs()
    coefficients, static, bdl, xi, pol = system.step_drive(1e-12)
    k0 = np.zeros((3,) + mesh.shape)
    padded = np.zeros((3, mesh.ny + 2, mesh.nx + 2))
    local.fill_halo(m, runs, False, False, padded)
    local.local_rhs(padded, system._padded_weight(), runs, coefficients, static, True, system.gamma, system.alpha,
                    True, bdl, pol, xi, k0)
    results = []
    for count in (1, 2, 3, 7, mesh.ny):
        rows = kernels.bands(mesh.ny, count)
        assert rows[0, 0] == 1 and rows[-1, 1] == mesh.ny and np.all(rows[1:, 0] == rows[:-1, 1] + 1)
        # k[0] holds f(m) for the first case, k[last] for the others: the roles swap after every accepted step.
        k_in, k_out = (0, last) if count == 1 else (last, 0)
        k = np.zeros((tableau.stages, 3) + mesh.shape)
        k[k_in] = k0
        m_next = np.zeros_like(m)
        m_before = m.copy()
        ring = (len(rows), tableau.stages, kernels.RING, 3, mesh.nx + 2)
        err = kernels.runge_kutta_bands(m, m_next, k, k_in, k_out, runs, kernels.row_offsets(runs, mesh.ny),
                                        system._padded_weight(), coefficients, static, pol, bdl, xi, system.gamma,
                                        system.alpha, True, 2e-14, A, E, rows, np.zeros(ring), np.zeros(ring),
                                        np.zeros((len(rows), 3, mesh.nx + 2)), np.zeros((3, mesh.nx + 2)),
                                        np.zeros(len(rows)))
        assert np.array_equal(m, m_before) and np.array_equal(k[k_in], k0)  # read only
        results.append((err, k[k_out].copy(), m_next))
    # The reference: the same step by the stage-by-stage kernel, accepted by `accept_runs`.
    k = np.zeros((tableau.stages, 3) + mesh.shape)
    k[0] = k0
    yp = np.zeros((3, mesh.ny + 2, mesh.nx + 2))
    err = kernels.runge_kutta_stages(m, yp, k, runs, system._padded_weight(), False, False, coefficients, static,
                                     pol, bdl, xi, system.gamma, system.alpha, True, 2e-14, A, E, 1,
                                     np.zeros_like(m), np.zeros(len(runs)))
    assert 0.0 < err < 1.0
    k_last = k[last].copy()
    accepted = np.zeros_like(m)
    kernels.accept_runs(yp, runs, k, last, accepted)
    assert np.abs(accepted - m).max() > 0.0
    for band_err, k_out_values, m_next in results:
        assert band_err == err
        assert np.array_equal(k_out_values, k_last)
        assert np.array_equal(m_next, accepted)
