"""The fused RK45 step (`emulator.llg.kernels.runge_kutta_stages`, magnetic cells only, parallel over runs)
follows the same trajectory as the generic stepper (one `LLG.rhs` per stage), and does not depend on the number
of threads.

Reference: the generic Dormand-Prince path of `RK45.step` (taken when `LLG.step_drive` returns None), on a
masked film with a pulsed current map and a pulsed regional field (both drives change inside the run).
"""
import numba
import numpy as np

from emulator.geometry import Circle
from emulator.llg import (DMI, LLG, Exchange, Magnet, Mesh, PulseTrain, RK45, SpinOrbitTorque, State,
                          UniaxialAnisotropy, Zeeman, advance)
from emulator.llg.textures import neel_skyrmions


def _system():
    mesh = Mesh(40, 30, 1e-9, 1e-9, 0.4e-9)
    magnet = Magnet.from_region(mesh, Circle(20e-9, 15e-9, 14e-9), 5e5)
    rng = np.random.default_rng(3)
    energy = (Exchange(15e-12) + DMI(3.5e-3, 15e-12) + UniaxialAnisotropy(0.9e6) + Zeeman((0.0, 0.0, 0.2))
              + Zeeman((0.0, 0.0, -1.0), waveform=PulseTrain(1.0, 5e-12, 15e-12, 2), region=Circle(10e-9, 15e-9, 4e-9),
                       label="spot"))
    torque = SpinOrbitTorque(0.3, PulseTrain(4e10, 5e-12, 15e-12, 2), 0.4e-9,
                             distribution=1.0 + 0.1 * rng.normal(size=(2,) + mesh.shape))
    system = LLG(magnet, energy, alpha=0.3, torque=torque)
    m = neel_skyrmions(magnet, [(22e-9, 15e-9)], 4e-9, 1e-9)
    return system, m


class _Generic:
    """The system with the fused path switched off."""

    def __init__(self, system):
        self.system = system

    def __getattr__(self, name):
        return getattr(self.system, name)

    def step_drive(self, t):
        return None


def test_fused_step_matches_generic_path():
    system, m = _system()
    fused, generic = State(m=m.copy()), State(m=m.copy())
    # Over the first steps (the field pulse switches on at t = 0) the two paths take the same steps and agree
    # to rounding.
    advance(system, fused, RK45(), 1e-12)
    advance(_Generic(system), generic, RK45(), 1e-12, system.breakpoints())
    assert fused.steps == generic.steps
    np.testing.assert_allclose(fused.m, generic.m, rtol=0, atol=1e-11)
    # Across pulse edges: rounding (fused multiply-adds) can move a step across the acceptance threshold, so
    # the step sequences may differ by a step or two and m by a few times the per-step error bound (1e-5).
    advance(system, fused, RK45(), 30e-12)
    advance(_Generic(system), generic, RK45(), 30e-12, system.breakpoints())
    assert abs(fused.steps - generic.steps) <= 0.01 * generic.steps
    np.testing.assert_allclose(fused.m, generic.m, rtol=0, atol=3e-5)
    assert np.all(fused.m[:, ~system.magnet.mask] == 0.0)


def test_fused_step_does_not_depend_on_thread_count():
    system, m = _system()
    runs = []
    before = numba.get_num_threads()
    try:
        for threads in sorted({1, numba.config.NUMBA_NUM_THREADS}):
            numba.set_num_threads(threads)
            state = State(m=m.copy())
            advance(system, state, RK45(), 20e-12)
            runs.append(state.m)
    finally:
        numba.set_num_threads(before)
    for other in runs[1:]:
        assert np.array_equal(runs[0], other)
