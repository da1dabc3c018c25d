"""Thiele particles against the LLG in the 150 nm chamber: seeded skyrmions, fig4b pulses of both signs (issue 3).

Scenario: six skyrmions at the same places in both models (chamber_150nm outline, Laplace current map, 0.2 T,
0 K): a triangle of neighbours 18 nm apart (the pair law; at 15 nm the three collapse through the 1 nm
lattice in the LLG within 20 ps), one 12 nm below the top edge and one 12 nm above the bottom edge (the edge
law), one alone (the SOT drive). Three potentiation pulses (+4e10 A/m^2 nominal, 0.05 ns on / 0.10 ns off,
the paper's fig4b timing), then three reversed ones. After every pulse period the counts (in the film, in the
chamber) must be equal, each particle within `CENTRE_TOLERANCE` of the same LLG skyrmion, and no distance may
grow by more than `GROWTH_TOLERANCE` after the first pulse.

Reference: the LLG solver (emulator.llg.chamber: the paper's 1 nm cells, RK45, demag none, the material's
theta_SH in both models). The particle model is the preset's with nucleation off (the LLG run has no pad
field) and the LLG-calibrated repulsion: the pair and edge laws of the bundled calibration
(emulator/calibrations/chamber_150nm.json, `skybench calibrate`; its edge run lasts 3 ns and samples
d = 8-24 nm).

Measured (2 shared cores, ~55 s of LLG): LLG travel 16-25 nm for the five interacting skyrmions; centre
distances 0.1-3.3 nm after pulse 1, at most 3.8 nm later, growing by at most 0.9 nm after pulse 1. Controls
(same LLG run): particles without interactions miss by up to 25 nm; with the bundled 0.3 ns edge law the edge
skyrmions drift off by 6-7 nm over the six pulses (growth 5.6 nm); with the preset's fitted edge law
(1.5e-11 N, 4.0 nm, tuned for the Fig. 4b count) the top-edge skyrmion misses by 9 nm.

What limits the agreement:
- rigid radius: the particles keep R_eq(0.2 T) = 3.71 nm; the LLG skyrmions shrink to 2.3-2.9 nm in the
  triangle and within ~12 nm of an edge (3.45 nm isolated on the 1 nm grid). With R_i = R_j = R0 the pair law
  is evaluated at a contact distance ~1.5 nm too short, i.e. ~30 % too strong: the triangle's sides grow to
  23.3 nm in the particles against 21.5 nm in the LLG during pulse 1, and this offset then stays. The compressed
  skyrmions also feel a smaller SOT force (the drive integral scales with R): the triangle's centre drifts
  ~30 % less in the LLG.
- grid: the laws are calibrated at 0.5 nm, the chamber runs on the paper's 1 nm grid; an isolated skyrmion
  moves 7 % less per pulse there ((0.80, 1.38) against (0.84, 1.48) nm at (100, 100) nm).
"""
import dataclasses

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from emulator.llg import skyrmions
from emulator.llg.chamber import CHAMBER_SIDE, Fig4bProtocol, build
from emulator.llg.rk45 import RK45
from emulator.llg.stepper import advance
from emulator.presets import CHAMBER_CALIBRATION, DEVICES, MATERIALS
from emulator.thiele.calibration import load_calibration
from emulator.thiele.engine import ThieleEngine
from emulator.thiele.exchange_tail import ExchangeRepulsion
from skybench.errors import ParameterError

NM = 1e-9
SEEDS = ((60 * NM, 75 * NM), (78 * NM, 75 * NM), (69 * NM, 90.59 * NM), (40 * NM, 138 * NM),
         (110 * NM, 12 * NM), (115 * NM, 110 * NM))
"""Seeded centres (m, outline coordinates: the chamber spans [0, 150 nm]^2)."""
PULSES = 3
"""Pulses of each polarity (dimensionless)."""
SEED_ITERATIONS = 30
"""Minimiser iterations on the seeded LLG state (dimensionless): profiles and edge canting settle (residual
torque ~0.5 T) and centres stay within 0.4 nm of the seeds (the default 2000 iterations push seeded neighbours
~8 nm apart along no physical path)."""
CENTRE_TOLERANCE = 4.5 * NM
"""Largest Thiele-LLG centre distance after any pulse (m): measured 3.8 nm, set by the first pulse where the
LLG skyrmions are most compressed (module docstring); 1.2 skyrmion radii, a quarter of the neighbour spacing."""
GROWTH_TOLERANCE = 1.5 * NM
"""Largest growth of a centre distance after the first pulse (m): measured 0.9 nm. Beyond the first pulse the
skyrmions sit where the laws were calibrated (pair 17-24 nm, edge 9-24 nm), so the error must stop growing."""
MIN_LLG_TRAVEL = 12.0 * NM
"""The interacting skyrmions must have moved at least this far in the LLG run (m): the check is not trivial."""


def _llg_centres():
    """(initial centres, centres after each pulse period) of the LLG run, (n, 2) arrays (m) whose rows follow
    the same skyrmions (each snapshot matched to the previous one)."""
    material = MATERIALS["chamber_150nm"]
    geometry = DEVICES["chamber_150nm"]().model.geometry
    protocol = Fig4bProtocol(pad_field=0.0, pulses=PULSES, initial_centres=SEEDS, current="flow", demag="none",
                             initial_iterations=SEED_ITERATIONS)
    system, state, _ = build(material, geometry, protocol)
    xmin, ymin = geometry.bounds[:2]

    def centres():
        found = [s for s in skyrmions.find(system.magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        return np.array([[s.x + xmin, s.y + ymin] for s in found]).reshape(-1, 2)

    start = centres()
    stepper = RK45(max_err=protocol.max_err)
    points = system.breakpoints()
    after = []
    previous = start
    for k in range(1, protocol.total_pulses + 1):
        advance(system, state, stepper, k * protocol.period, points)
        now = centres()
        if len(now) == len(previous):
            now = now[_matching(previous, now)]
        after.append(now)
        previous = now
    return start, after, protocol


def _thiele_model(repulsion: ExchangeRepulsion):
    """The preset's particle model with `repulsion` and no nucleation (the LLG run has no pad field)."""
    model = DEVICES["chamber_150nm"]().model
    terms = tuple(repulsion if isinstance(t, ExchangeRepulsion) else t for t in model.forces.terms)
    return dataclasses.replace(model, forces=dataclasses.replace(model.forces, terms=terms),
                               nucleation=dataclasses.replace(model.nucleation, sites=()))


def _thiele_centres(model, start: np.ndarray, protocol: Fig4bProtocol):
    """Centres (n, 2) (m) after each pulse period, from the same start and the same pulse train."""
    engine = ThieleEngine(model)
    for x, y in start:
        engine.place(float(x), float(y), protocol.Bz)
    after = []
    for k in range(protocol.total_pulses):
        j = protocol.amplitude if k < protocol.pulses else -protocol.amplitude
        engine.advance(j, protocol.Bz, protocol.width)
        engine.advance(0.0, protocol.Bz, protocol.period - protocol.width)
        s = engine.skyrmions()
        after.append(np.column_stack([s.x, s.y]))
    return after


def _matching(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Indices into `b` of the partners of the rows of `a` (least total distance)."""
    cost = np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1])
    _, cols = linear_sum_assignment(cost)
    return cols


def _distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-by-row distances (m)."""
    return np.hypot(a[:, 0] - b[:, 0], a[:, 1] - b[:, 1])


def _in_chamber(c: np.ndarray) -> int:
    return int(np.sum((c[:, 0] >= 0) & (c[:, 0] <= CHAMBER_SIDE) & (c[:, 1] >= 0) & (c[:, 1] <= CHAMBER_SIDE)))


def test_seeded_llg_state_holds_the_skyrmions_where_placed():
    # Reference: the seeds themselves; unrelaxed, each placed profile is a full Q = -1 skyrmion centred on its
    # seed to within the centre estimator's discretisation (0.1 nm on the 1 nm grid).
    geometry = DEVICES["chamber_150nm"]().model.geometry
    protocol = Fig4bProtocol(pad_field=0.0, pulses=1, initial_centres=SEEDS, initial_iterations=0, current="flow", demag="none")
    system, state, _ = build(MATERIALS["chamber_150nm"], geometry, protocol)
    found = skyrmions.find(system.magnet, state.m)
    xmin, ymin = geometry.bounds[:2]
    centres = np.array([[s.x + xmin, s.y + ymin] for s in found])
    assert [s.charge for s in found] == pytest.approx([-1.0] * len(SEEDS), abs=0.05)
    assert _distances(np.array(SEEDS), centres[_matching(np.array(SEEDS), centres)]).max() <= 0.1 * NM
    with pytest.raises(ParameterError, match="initial_centres"):
        Fig4bProtocol(initial_centres=SEEDS, initial_skyrmions=4)


@pytest.mark.slow
def test_seeded_chamber_counts_and_centres_agree_with_llg():
    start, llg, protocol = _llg_centres()
    assert len(start) == len(SEEDS)
    calibrated = load_calibration(CHAMBER_CALIBRATION).repulsion()
    thiele = _thiele_centres(_thiele_model(calibrated), start, protocol)
    first = None
    for k, (a, b) in enumerate(zip(llg, thiele), start=1):
        assert len(a) == len(b) == len(SEEDS), f"pulse {k}: counts LLG {len(a)}, Thiele {len(b)}"
        assert _in_chamber(a) == _in_chamber(b), f"pulse {k}: in-chamber counts differ"
        apart = _distances(a, b)  # the same skyrmion in both: rows follow identities
        first = apart if first is None else first
        assert apart.max() <= CENTRE_TOLERANCE, f"pulse {k}: centres {np.round(apart / NM, 2)} nm apart"
        assert (apart - first).max() <= GROWTH_TOLERANCE, f"pulse {k}: {np.round(apart / NM, 2)} nm apart, " \
                                                         f"{np.round(first / NM, 2)} nm after pulse 1"
    # The check has teeth: the neighbours and the edge skyrmions travel far in the LLG run, and particles
    # without the interaction laws end up far from them.
    travel = _distances(llg[-1], start)
    assert np.sort(travel)[-5] >= MIN_LLG_TRAVEL, f"LLG travel {np.round(travel / NM, 1)} nm"
    free = _thiele_centres(_thiele_model(dataclasses.replace(calibrated, U0=0.0, edge_F0=0.0)), start, protocol)
    assert _distances(llg[-1], free[-1]).max() > 3 * CENTRE_TOLERANCE
