"""Skyrmions in front of the right terminal under the potentiation pulses, and released there without current:
the stored LLG runs against the particle preset (emulator/llg/validation/terminal_mouth.py; the particle side runs
here, the LLG side is stored; one short LLG rerun is slow)."""
import math
import types

import numpy as np
import pytest

from emulator.llg.validation import terminal_mouth as tm
from skybench.errors import ParameterError

NM = 1e-9
MOUTH_RUNS = ("release_140_82", "release_140_75", "release_143_79")
"""Released-at-rest LLG runs whose path crosses the terminal's mouth (x 137-144 nm, y 69-81 nm)."""


@pytest.fixture(scope="module")
def runs():
    return tm.read()


@pytest.fixture(scope="module")
def model():
    """The chamber preset as shipped (its EDGE_LAW, 'boundary_term' since 2026-12-07): the agreement tests run
    on it."""
    return tm.particle_model()


@pytest.fixture(scope="module")
def tail():
    """The particle model with the 'tail_integral' edge law (the preset's law on 2026-12-07), named explicitly
    so that the tests documenting its mismatch keep their meaning if the preset's law changes."""
    return tm.particle_model("tail_integral")


def _rows(run):
    return [(r["time_s"], r["skyrmions"]) for r in run["rows"]]


def _before_death(run):
    """The rows of a released run up to the first where the skyrmion is gone, swollen past 5 nm or below
    |Q| 0.85 (it is being annihilated on a corner: the Thiele reading of its motion no longer holds)."""
    rows = _rows(run)
    cut = next((k for k, (_, found) in enumerate(rows)
                if not found or found[0][2] > 5 * NM or found[0][3] > -0.85), len(rows))
    return rows[:cut]


def _rms(pairs):
    return math.sqrt(np.mean([math.dist(a, b) ** 2 for a, b in pairs]))


# --- the module's pieces -------------------------------------------------------------------------------------

def test_thiele_force_inverts_the_kernels_velocity(model):
    """The kernel moves a skyrmion under F at v = (aD F + G z x F) / (aD^2 + G^2) (emulator/thiele/step.py);
    thiele_force must give F back, here for a push along -x (70 deg Hall angle: mostly -y motion)."""
    gyro = model.gyrocoupling
    damping = model.dissipation_factor * model.table.at(tm.BZ)[1]
    fx, fy = -4e-13, 0.0
    den = damping**2 + gyro**2
    vx, vy = (damping * fx + gyro * fy) / den, (damping * fy - gyro * fx) / den
    assert vy < -2 * abs(vx)
    back = tm.thiele_force(vx, vy, model)
    assert back == pytest.approx((fx, fy), rel=1e-12, abs=1e-25)


def test_tracks_follow_the_nearest_and_lose_the_gone():
    rows = [(0.0, [[10 * NM, 0.0, 5 * NM, -1.0], [0.0, 0.0, 5 * NM, -1.0]]),
            (1.0, [[1 * NM, 1 * NM, 5 * NM, -1.0], [11 * NM, 0.0, 5 * NM, -1.0]]),
            (2.0, [[2 * NM, 2 * NM, 5 * NM, -1.0]]),
            (3.0, [[40 * NM, 2 * NM, 5 * NM, -1.0]])]
    out = tm.tracks(rows, [(0.0, 0.0), (10 * NM, 0.0)])
    assert [p[0] / NM for p in out[1]] == pytest.approx([1.0, 11.0])
    assert out[2][1] is None and out[2][0][0] == pytest.approx(2 * NM)
    assert out[3] == [None, None]   # a jump beyond TRACK_DISTANCE is not the same skyrmion


def test_per_pulse_takes_the_period_ends():
    rows = list(range(10))
    assert tm.per_pulse(rows) == [0, 3, 6, 9]
    assert tm.per_pulse(list(range(31)), sample=0.01e-9) == [0, 15, 30]


def test_distance_to_corner_is_to_the_nearer_one():
    assert tm.distance_to_corner(140 * NM, 85 * NM) == pytest.approx(10 * NM)
    assert tm.distance_to_corner(150 * NM, 70 * NM) == pytest.approx(5 * NM)


def test_llg_samples_reject_starts_in_the_cut_part():
    with pytest.raises(ParameterError, match="starts"):
        tm.llg_samples([(100 * NM, 75 * NM)], pulses=1)
    with pytest.raises(ParameterError, match="pulses"):
        tm.llg_samples([(130 * NM, 75 * NM)], pulses=0)


def test_boundary_term_law_gives_the_calibrated_straight_edge(model):
    """On a straight edge far from any corner the proposed law (DMI boundary term, K1 (n . r_hat) density) must
    give the calibrated law F0 e^(-(d - R0)/xi) - F1 e^(-2 (d - R0)/xi) (no new parameter): a 2 um square, the
    skyrmion d nm from the middle of its bottom edge."""
    from emulator.thiele.exchange_tail import ExchangeRepulsion

    rep = model.forces.get(ExchangeRepulsion)
    square = np.array([[-1000, 0], [1000, 0], [1000, 2000], [-1000, 2000]], float) * NM
    stand_in = types.SimpleNamespace(forces=model.forces,
                                     geometry=types.SimpleNamespace(outline=square, exits=()))
    for d in (8.0, 12.0, 16.0):
        fx, fy = tm.boundary_term_force(stand_in, 0.0, d * NM)
        u = (d * NM - rep.edge_R0) / rep.edge_xi
        law = rep.edge_F0 * math.exp(-u) - rep.edge_F1 * math.exp(-2 * u)
        assert fy[0] == pytest.approx(law, rel=0.01)
        assert abs(fx[0]) < 1e-3 * abs(law)


def test_stored_file_holds_every_run_with_its_command(runs):
    assert {"lone_140_82", "lone_125_80", "lone_125_72", "crowd_140_82", "release_140_110", *MOUTH_RUNS,
            "release_145_75", "release_140_90", "release_138_138"} <= set(runs)
    for name, run in runs.items():
        assert run["command"].startswith("python -m emulator.llg.validation.terminal_mouth llg --name " + name)
        assert run["Bz_T"] == tm.BZ and run["period_s"] == tm.PERIOD and run["width_s"] == tm.WIDTH


# --- the LLG measurements against the particles ------------------------------------------------------------

def test_straight_wall_control_agrees(runs, model):
    """Measured 2026-12-07: released 10 nm from the right wall, 25 nm above the terminal's corner (140, 110) nm,
    the LLG skyrmion slides down and away from the wall; its force (velocity through the calibration's G and
    alpha D) and the particle edge force agree within 0.07 pN RMS (LLG 1.04 -> 0.41 pN from 13.4 to 17.9 nm
    off the wall). A wrong G, D or straight-edge law would miss by more than 0.15 pN."""
    points = tm.force_map(_before_death(runs["release_140_110"]), model)
    assert len(points) > 30
    assert _rms([(llg, particle) for _, _, llg, particle in points]) < 0.1e-12
    strongest = max(points, key=lambda p: math.hypot(*p[2]))
    assert math.hypot(*strongest[2]) > 0.9e-12


def test_llg_mouth_push_is_half_the_tail_integrals(runs, tail):
    """Measured 2026-12-07 on the three mouth runs: LLG push 0.31-0.48 pN, the 'tail_integral' particle
    0.46-0.94 pN, ratio particle/LLG 1.46-2.88 (medians 2.00, 1.78, 2.01); on the straight wall (release_140_110)
    0.99-1.19. Documents that law's mismatch (the agreement test on the shipped preset: test_mouth_push_agrees)."""
    ratios = [math.hypot(*p) / math.hypot(*l) for name in MOUTH_RUNS
              for _, _, l, p in tm.force_map(_before_death(runs[name]), tail)]
    assert 1.6 < float(np.median(ratios)) < 2.6
    assert min(ratios) > 1.3


def test_concave_corner_agrees_under_both_laws(runs, tail, proposed):
    """Measured 2026-12-07: released 12 nm from both walls of the chamber's concave corner (150, 150) nm, the LLG
    skyrmion moves off under 1.08 -> 0.61 pN; 'tail_integral' follows within 0.047 pN RMS, 'boundary_term'
    within 0.067 pN (its push 20 % high at the first point, 12.9 nm from both walls). Where both edges face the
    skyrmion the two laws differ little; only an edge seen end-on or from behind tells them apart."""
    rows = _before_death(runs["release_138_138"])
    for particle_model, bound in ((tail, 0.07e-12), (proposed, 0.1e-12)):
        points = tm.force_map(rows, particle_model)
        assert _rms([(llg, particle) for _, _, llg, particle in points]) < bound


def test_mouth_push_agrees(runs, model):
    """The preset's particle edge force in front of the mouth within 0.12 pN RMS of the LLG's (the straight wall
    agrees within 0.07 pN, test_straight_wall_control_agrees). Measured 2026-12-07 with the preset's
    'boundary_term' law: 0.072, 0.039 and 0.107 pN RMS (largest single miss 0.28 pN, from (143, 79) nm as the
    skyrmion nears the corner); the former 'tail_integral' law 0.40, 0.29 and 0.45 pN."""
    for name in MOUTH_RUNS:
        points = tm.force_map(_before_death(runs[name]), model)
        assert _rms([(llg, particle) for _, _, llg, particle in points]) < 0.12e-12


@pytest.fixture(scope="module")
def proposed():
    """The particle model with the proposed 'boundary_term' edge law (emulator/thiele/exchange_tail.py)."""
    return tm.particle_model("boundary_term")


def test_boundary_term_kernel_law_matches_its_reference(model, proposed):
    """The kernel's 'boundary_term' law (per segment, through the edge table) against the numpy midpoint sum
    `boundary_term_force` (0.25 nm elements) within 1e-3 F0 (measured 4.5e-4 F0, mostly the midpoint rule's),
    in the chamber's bulk, in front of both terminals, inside them and near the reflex corners."""
    from emulator.thiele.exchange_tail import ExchangeRepulsion
    from emulator.thiele.forces import edge

    kernel = proposed.kernel_model()
    f0 = model.forces.get(ExchangeRepulsion).edge_F0
    radius = model.table.at(tm.BZ)[0]
    points = [(139.5, 75.1), (136.6, 108.4), (140.2, 88.1), (143, 79), (160, 75), (100, 75), (20, 60), (5, 100),
              (-20, 75), (145, 70), (75, 140), (8, 8)]
    for x, y in points:
        fx, fy, _, _ = edge(kernel, x * NM, y * NM, radius)
        rx, ry = tm.boundary_term_force(model, x * NM, y * NM)
        assert math.hypot(fx - rx[0], fy - ry[0]) < 1e-3 * f0


def test_boundary_term_law_follows_the_llg_at_the_mouth(runs, tail, proposed):
    """Measured 2026-12-07: the proposed law (no new parameter) is within 0.04-0.11 pN RMS of the LLG force on
    the three mouth runs (0.072, 0.039, 0.107), the shipped law 0.29-0.45 pN; on the straight wall 0.043 against
    0.066. Near the corners themselves (release_145_75, release_140_90, the skyrmion about to die) it still
    misses by 0.27-0.37 pN (shipped 0.63-0.84; not checked here)."""
    for name in MOUTH_RUNS:
        rows = _before_death(runs[name])
        shipped = _rms([(llg, particle) for _, _, llg, particle in tm.force_map(rows, tail)])
        better = _rms([(llg, particle) for _, _, llg, particle in tm.force_map(rows, proposed)])
        assert better < 0.13e-12 and better < 0.5 * shipped


def test_boundary_term_law_kills_and_spares_the_released_skyrmions_as_the_llg(runs, proposed):
    """Measured 2026-12-07: released at rest at (140, 90) and (145, 75) nm the LLG skyrmion dies on a terminal
    corner, at (140, 82) and (143, 79) nm it lives (0.45 ns); the particles with the proposed law do the same
    (the 'tail_integral' law spares all four but (145, 75) nm)."""
    for name in ("release_140_90", "release_145_75", "release_140_82", "release_143_79"):
        run = runs[name]
        llg_lives = bool(_rows(run)[-1][1])
        rows = tm.particle_samples([tuple(s) for s in run["starts_m"]], run["pulses"], 0.0, proposed)
        assert (rows[-1][1][0] is not None) == llg_lives, name


def test_boundary_term_law_lets_the_crowd_slide_to_the_corner_as_the_llg(runs, tail, proposed):
    """Measured 2026-12-07 (crowd_140_82): the skyrmion placed at (126, 103) nm slides down the right wall to
    (133.0, 82.9) nm in 12 pulses in the LLG; with the proposed law the particle (started at the LLG's relaxed
    centres, as all particles here) reaches (133.1, 81.5) nm (1.4 nm off), with the 'tail_integral' law it stops
    at (129.0, 91.1) nm (9.1 nm off), held off the corner. The LLG's first skyrmion dies on the corner in the
    first period, as with the proposed law; 'tail_integral' keeps it."""
    run = runs["crowd_140_82"]
    starts = [tuple(s) for s in run["starts_m"]]
    llg = tm.per_pulse(tm.tracks(_rows(run), starts), run["sample_s"])[12][1]
    new = tm.per_pulse(tm.particle_samples(tm.relaxed_starts(run), 12, model=proposed))[12][1][1]
    old = tm.per_pulse(tm.particle_samples(tm.relaxed_starts(run), 12, model=tail))[12][1][1]
    assert math.dist(llg[:2], new[:2]) < 2.5 * NM < 6 * NM < math.dist(llg[:2], old[:2])
    first_period = tm.per_pulse(tm.tracks(_rows(run), starts), run["sample_s"])[1]
    assert first_period[0] is None
    assert tm.per_pulse(tm.particle_samples(tm.relaxed_starts(run), 1, model=proposed))[1][1][0] is None


def test_llg_skyrmion_released_above_the_corner_dies_on_it(runs):
    """Measured 2026-12-07: released at rest 10 nm from the right wall and 5 nm above the corner (150, 85) nm,
    the LLG skyrmion is drawn down along the wall onto the corner and annihilated within 0.07 ns (rim gap still
    5.2 nm at 0.04 ns, more than the straight edge's 4.03 nm escape gap); released at (145, 75) nm in the mouth
    it drifts to (143, 70) nm and dies on the lower corner (150, 65) nm at 0.27 ns; released at (140, 82) nm it
    lives."""
    lost = {name: next((t for t, found in _rows(runs[name]) if not found), None)
            for name in ("release_140_90", "release_145_75", "release_140_82")}
    assert lost["release_140_90"] is not None and lost["release_140_90"] <= 0.08e-9
    assert lost["release_145_75"] is not None and lost["release_145_75"] <= 0.31e-9
    assert lost["release_140_82"] is None


def test_particle_released_above_the_corner_dies_on_it():
    """As the LLG skyrmion released at rest at (140, 90) nm, drawn onto the corner (150, 85) nm within 0.07 ns.
    With the former 'tail_integral' law the particle was pushed down and away (to (135, 68) nm in 0.45 ns)."""
    rows = tm.particle_samples([(140 * NM, 90 * NM)], pulses=1, amplitude=0.0)
    assert rows[-1][1][0] is None


def _lone_misses(run, model, pulses=10):
    """Distance (m) between the LLG skyrmion and the particle started at its relaxed centre, after each of the
    first `pulses` pulse periods (inf where either is gone)."""
    starts = [tuple(s) for s in run["starts_m"]]
    llg = tm.per_pulse(tm.tracks(_rows(run), starts), run["sample_s"])
    particles = tm.per_pulse(tm.particle_samples(tm.relaxed_starts(run), pulses, model=model))
    return [math.dist(a[0][:2], b[0][:2]) if a[0] is not None and b[0] is not None else math.inf
            for a, (_, b) in list(zip(llg, particles))[1:pulses + 1]]


def test_lone_paths_agree(runs, model):
    """Each lone skyrmion's particle path (the preset's law) within 2 nm of the LLG's over the first 10 pulse
    periods. Measured
    2026-12-07 with 'tail_integral': from (140, 82) nm 5.3 nm apart after one pulse, 11.4 nm after four (the
    particle leaves the corner ~3x faster and goes below the mouth, to y = 61 nm); from (125, 80) and (125, 72)
    nm 2.4 and 3.1 nm after ten. With 'boundary_term' 1.9, 1.6 and 1.0 nm at most."""
    for name in ("lone_140_82", "lone_125_80", "lone_125_72"):
        assert max(_lone_misses(runs[name], model)) < 2 * NM


def test_boundary_term_law_follows_the_lone_paths(runs, tail, proposed):
    """Measured 2026-12-07 over the first 10 pulse periods: 'boundary_term' within 1.9 nm (from (140, 82) nm),
    1.6 nm ((125, 80)) and 1.0 nm ((125, 72)) of the LLG, 'tail_integral' 11.4, 2.4 and 3.1 nm. After 15 pulses
    both drift apart from (125, 80) nm (4.0 against 5.1 nm): the LLG skyrmion turns down towards the mouth a
    pulse or two earlier."""
    for name in ("lone_140_82", "lone_125_80", "lone_125_72"):
        new, old = _lone_misses(runs[name], proposed), _lone_misses(runs[name], tail)
        assert max(new) < 2.5 * NM
        assert max(new) < max(old)
    assert max(_lone_misses(runs["lone_140_82"], tail)) > 8 * NM


def test_lone_skyrmion_from_125_80_reaches_the_mouth_faster_in_the_llg(runs, tail):
    """Measured 2026-12-07: after 15 pulses the LLG skyrmion is 16.2 nm from the upper corner, the particle
    20.2 nm (it moves 4.4 nm/15 pulses less towards the mouth). Documents the mismatch with a margin."""
    run = runs["lone_125_80"]
    starts = [tuple(s) for s in run["starts_m"]]
    a = tm.per_pulse(tm.tracks(_rows(run), starts), run["sample_s"])[15][0]
    b = tm.per_pulse(tm.particle_samples(starts, 15, model=tail))[15][1][0]
    assert tm.distance_to_corner(a[0], a[1]) < 17 * NM < 19 * NM < tm.distance_to_corner(b[0], b[1])


@pytest.mark.slow
def test_llg_rerun_of_the_straight_wall_release_matches_the_stored_run(runs):
    """A one-period LLG rerun (numba compile ~1 min, run ~20 s) of release_140_110 lands on the stored centres
    within 0.05 nm: the stored file is what the module computes."""
    import numba

    numba.set_num_threads(1)
    stored = _rows(runs["release_140_110"])
    rows = tm.llg_samples([(140 * NM, 110 * NM)], pulses=1, amplitude=0.0, sample=0.01e-9)
    for (_, a), (_, b) in list(zip(rows, stored))[:6]:
        assert math.dist(a[0][:2], b[0][:2]) < 0.05 * NM
