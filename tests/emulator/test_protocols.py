"""The paper's figures as emergent results of the model (issue 2, 'What it must show').

Each check runs the full protocol on several seeds; the ranges are the issue's, the paper's values are in
the comments. Reference: Song et al., Fig. 2b (section II.B) and Fig. 4b (Methods).
"""
import numpy as np
import pytest

from emulator.api import run_summary, trace_table
from emulator.experiment import run_protocol
from emulator.pulse_protocols import fig2b, fig4b

SEEDS = (0, 1, 2, 3)


@pytest.fixture(scope="module")
def fig2b_runs(gdfeco):
    return [run_protocol(gdfeco, fig2b(), seed) for seed in SEEDS]


@pytest.fixture(scope="module")
def fig4b_runs(chamber):
    return [run_protocol(chamber, fig4b(), seed) for seed in SEEDS]


def summaries(runs):
    return [run_summary(run, trace_table(run)) for run in runs]


def test_fig2b_potentiation(fig2b_runs):
    for s in summaries(fig2b_runs):
        assert 25 <= s["skyrmions_end_potentiation"] <= 50          # paper 41; seeds 0-3: 31, 33, 30, 30
        assert s["mean_diameter_crowded_m"] < s["mean_diameter_sparse_m"]  # paper 256 vs 285 nm
        assert s["linearity_r2_potentiation"] >= 0.9
    states = [s["potentiation_states"] for s in summaries(fig2b_runs)]
    assert np.mean(states) >= 14                                     # paper 24; seeds 0-3: 16, 19, 16, 14


@pytest.mark.xfail(strict=True, reason="known gap (issue 11): with the consistent layered wall (emulator/"
                   "hybrid_wall.py) and A fitted to the 160 mT saturation field, the bubble model's skyrmions are "
                   "224 nm sparse (paper 285 +- 25), each carries -5.0 nOhm cm, the effective area holds 30-33 at the end "
                   "of potentiation (paper 41), the final change is -143..-151 nOhm cm and 14-19 states")
def test_fig2b_skyrmion_size_and_hall_change_match_the_paper(fig2b_runs):
    for s in summaries(fig2b_runs):
        assert 6.0 <= -s["drho_per_skyrmion_pot_nOhm_cm"] <= 10.0   # paper 8.1 +- 1.7
        assert -370 <= s["final_drho_nOhm_cm"] <= -250              # paper -310
        assert 255e-9 <= s["mean_diameter_sparse_m"] <= 310e-9      # paper 285 +- 25
        assert 35 <= s["skyrmions_end_potentiation"] <= 50          # paper 41
        assert s["potentiation_states"] >= 20                       # paper 24


def test_fig2b_depression(fig2b_runs):
    for s in summaries(fig2b_runs):
        assert s["skyrmions_end_depression"] <= 0.10 * s["max_skyrmions"]
        pot, dep = s["drho_per_skyrmion_pot_nOhm_cm"], s["drho_per_skyrmion_dep_nOhm_cm"]
        assert abs(dep - pot) <= 0.2 * abs(pot)                     # paper 8.9 vs 8.1


def test_fig4b_chamber(fig4b_runs):
    # issue 10: the chamber preset is the LLG reference's stand-in; its counts are checked against the stored LLG
    # trajectories (skybench validate, rows fig4b_<condition>_*), and the paper's 32 / 31 / 3 are the LLG
    # set-up's target, not the particles'. Here what both show (LLG default: 10 written, 8 kept, 5 left):
    # the chamber fills linearly and keeps what it is given, and the reversed pulses remove some.
    for s in summaries(fig4b_runs):
        assert s["skyrmions_end_potentiation"] >= 0.75 * s["skyrmions_created"] >= 6
        assert 0.2 <= s["removed_fraction"] < 1.0
        assert s["linearity_r2_potentiation"] >= 0.95


def test_fig4b_last_skyrmions_are_the_hardest_to_remove(fig4b_runs):
    """Paper: 28 removed in 125 pulses, the last 3 'quite difficult to be removed': the pulses needed per
    removal grow towards the end of depression. Measured 2026-12-07 with the tabulated 'tail_integral' edge law
    and the 51 nm pair cutoff, seeds 0-3: last three gaps 12.7, 11.0, 12.3, 12.3 pulses against medians 12, 9, 9,
    7 (seed 0 only just; the 'straight' law: not slower, gaps 10-14 against a median of 10.5)."""
    for run in fig4b_runs:
        n = np.array([row.reading.n_inside for row in run.rows if row.phase == "depression"])
        removals = np.nonzero(np.diff(n) < 0)[0]
        gaps = np.diff(removals)
        assert gaps[-3:].mean() > np.median(gaps)


def test_seeds_differ_but_agree_statistically(fig2b_runs):
    counts = [run.rows[-17].reading.n_inside for run in fig2b_runs]  # end of potentiation
    traces = [tuple(row.reading.n_inside for row in run.rows) for run in fig2b_runs]
    assert len(set(traces)) == len(traces)
    assert np.std(counts) <= 0.15 * np.mean(counts)
