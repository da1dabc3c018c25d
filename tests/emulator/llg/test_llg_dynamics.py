"""Time integration against the exact macrospin solution, pulse-edge landing, thermal equilibrium, failures.

Macrospin in a field B z (Landau-Lifshitz form of the LLG, e.g. Mallinson, IEEE Trans. Magn. 23, 2003
(1987)): tan(th/2) = tan(th0/2) exp(-gamma alpha B t / (1 + alpha^2)), phi = phi0 + gamma B t / (1 + alpha^2).
Thermal equilibrium of independent macrospins (Brown's field): <cos th> = coth(x) - 1/x (Langevin), x =
Ms V B / (kB T).
"""
import math

import numpy as np
import pytest

from emulator.llg import (LLG, RK45, Heun, Magnet, Mesh, PulseTrain, SimulationError, State, ThermalField, Zeeman,
                          advance, run)
from emulator.llg.heun import STABILITY_LIMIT
from emulator.material import GAMMA_E, K_B
from skybench.errors import ParameterError

B = 0.1
ALPHA = 0.1
THETA0 = 1.2


def _macrospin(waveform=None, cells=1, cell=1e-9, Ms=5e5, alpha=ALPHA, thermal=None):
    magnet = Magnet.full(Mesh(cells, cells, cell, cell, cell), Ms)
    zeeman = Zeeman((0.0, 0.0, B)) if waveform is None else Zeeman((0.0, 0.0, B), waveform=waveform)
    return LLG(magnet, zeeman, alpha=alpha, thermal=thermal)


def _exact(t):
    theta = 2 * math.atan(math.tan(THETA0 / 2) * math.exp(-GAMMA_E * ALPHA * B * t / (1 + ALPHA**2)))
    phi = GAMMA_E * B * t / (1 + ALPHA**2)
    return np.array([math.sin(theta) * math.cos(phi), math.sin(theta) * math.sin(phi), math.cos(theta)])


@pytest.mark.parametrize("stepper,tolerance", [(RK45(max_err=1e-8), 1e-6), (Heun(dt=2e-14), 1e-5)])
def test_macrospin_follows_exact_solution(stepper, tolerance):
    system = _macrospin()
    state = State(m=system.magnet.uniform((math.sin(THETA0), 0.0, math.cos(THETA0))))
    for t in (50e-12, 200e-12):
        advance(system, state, stepper, t)
        assert state.t == t
        np.testing.assert_allclose(state.m[:, 0, 0], _exact(t), atol=tolerance)


def test_steps_land_on_pulse_edges_and_field_off_stops_precession():
    # Field on for 40 ps in every 100 ps: m moves only while it is on, so after 3 periods it equals the exact
    # solution at 3 x 40 ps. A step across an edge would smear the pulse and miss this by ~1e-3.
    pulses = PulseTrain(1.0, 40e-12, 100e-12, 3)
    system = _macrospin(waveform=pulses)
    state = State(m=system.magnet.uniform((math.sin(THETA0), 0.0, math.cos(THETA0))))
    times = []
    run(system, state, RK45(max_err=1e-8), 300e-12, every=20e-12, observe=lambda s: times.append(s.t))
    assert times[-1] == 300e-12
    np.testing.assert_allclose(state.m[:, 0, 0], _exact(120e-12), atol=1e-6)


def test_thermal_macrospins_reach_langevin_average():
    temperature = 300.0
    cell = 6.3e-9
    Ms = 5e5
    x = Ms * cell**3 * B / (K_B * temperature)
    system = _macrospin(cells=16, cell=cell, Ms=Ms, alpha=0.5, thermal=ThermalField(temperature, seed=4))
    state = State(m=system.magnet.uniform((0.0, 0.0, 1.0)), seed=4)
    stepper = Heun(dt=1e-12)
    advance(system, state, stepper, 0.3e-9)
    samples = []
    for k in range(1, 41):
        advance(system, state, stepper, 0.3e-9 + k * 20e-12)
        samples.append(state.m[2].mean())
    langevin = 1 / math.tanh(x) - 1 / x
    assert np.mean(samples) == pytest.approx(langevin, abs=0.03)


def test_thermal_runs_are_reproducible_with_a_seed():
    finals = []
    for _ in range(2):
        system = _macrospin(cells=4, cell=5e-9, thermal=ThermalField(300.0, seed=9))
        state = State(m=system.magnet.uniform(), seed=9)
        advance(system, state, Heun(dt=1e-13), 5e-12)
        finals.append(state.m.copy())
    np.testing.assert_array_equal(finals[0], finals[1])


def test_rk45_refuses_a_thermal_field():
    system = _macrospin(thermal=ThermalField(300.0, seed=1))
    with pytest.raises(ParameterError, match="heun"):
        advance(system, State(m=system.magnet.uniform()), RK45(), 1e-12)


def test_heun_refuses_unstable_step_naming_dt():
    from emulator.llg import Exchange

    magnet = Magnet.full(Mesh(8, 8, 1e-9, 1e-9, 1e-9), 5e5)
    system = LLG(magnet, Exchange(15e-12), alpha=0.1)
    dt = 10 * STABILITY_LIMIT / system.rate_bound()
    with pytest.raises(ParameterError, match="'dt'.*unstable time step"):
        advance(system, State(m=magnet.uniform((0.1, 0, 1))), Heun(dt=dt), 5 * dt)


def test_nan_stops_the_run_with_step_and_time():
    system = _macrospin(cells=2)
    state = State(m=system.magnet.uniform())
    advance(system, state, RK45(), 1e-12)
    state.m[0, 0, 0] = np.nan
    state.invalidate()
    with pytest.raises(SimulationError, match=r"step \d+ at t = 1.000000e-12 s"):
        advance(system, state, RK45(), 2e-12)
