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
        assert 25 <= s["skyrmions_end_potentiation"] <= 50          # paper 41; seeds 0-3: 32, 31, 29, 32
        assert s["mean_diameter_crowded_m"] < s["mean_diameter_sparse_m"]  # paper 256 vs 285 nm
        assert s["linearity_r2_potentiation"] >= 0.9
    states = [s["potentiation_states"] for s in summaries(fig2b_runs)]
    assert np.mean(states) >= 14                                     # paper 24; seeds 0-3: 15, 16, 16, 14


@pytest.mark.xfail(strict=True, reason="known gap (issue 11): with the consistent layered wall (emulator/"
                   "hybrid_wall.py) and A fitted to the 160 mT saturation field of the film (stripes or bubble "
                   "lattice, emulator/domain_model.py), the bubble model's skyrmions are 211 nm isolated at 140 mT "
                   "and 204-207 nm sparse in the runs (paper 285 +- 25), each carries -4.4..-4.5 nOhm cm, the "
                   "effective area holds 29-32 at the end of potentiation (paper 41), the final change is "
                   "-120..-131 nOhm cm and 14-16 states (seeds 0-3, 2026-12-07; before the lattice: 224 nm, "
                   "-5.0 nOhm cm, 30-33, -143..-151 nOhm cm, 14-19 states). Issue 11 found no model error behind "
                   "it (benchmarks/bubble_size_gap.py): saturation at <= 160 mT caps the 140 mT skyrmion at 211 nm "
                   "for Ms_eff = 190 kA/m whatever the wall; 285 nm needs Ms_eff ~ 226 kA/m or 124.7 mT at the "
                   "sample")
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


@pytest.fixture(scope="module")
def llg_potentiation_r2():
    """R^2 of a straight line through the LLG reference's in-chamber count over its 125 potentiation pulses
    (emulator/calibrations/llg_reference/fig4b_default.json: 0.965)."""
    from emulator.chamber_preset import CALIBRATIONS
    from skybench.formats.llg_reference import read_reference

    ref = read_reference(CALIBRATIONS / "llg_reference" / "fig4b_default.json")
    pot = np.array([phase == "potentiation" for phase in ref.phase])
    count = ref.in_chamber[pot].astype(float)
    pulses = np.arange(1, count.size + 1)
    residual = count - np.polyval(np.polyfit(pulses, count, 1), pulses)
    return 1.0 - residual.var() / count.var()


def test_fig4b_chamber(fig4b_runs, llg_potentiation_r2):
    # issue 10: the chamber preset is the LLG reference's stand-in; its counts are checked against the stored LLG
    # trajectories (skybench validate, rows fig4b_<condition>_*), and the paper's 32 / 31 / 3 are the LLG
    # set-up's target, not the particles'. Here what both show (LLG default: 10 written, 8 kept, 5 left):
    # the chamber fills linearly, keeps what it is given, and the reversed pulses remove some but not all.
    # (The paper's "last three hardest to remove" needs ~28 removals; the LLG reference removes 3, the particles
    # 2-6, so it is not checked on this chamber.) Linearity: the LLG reference's potentiation count has R^2 0.965
    # (it loses 2 of its 10 on the right terminal's corner); the particles, which since the boundary-term edge law
    # lose the same 2, 0.951 / 0.945 / 0.943 / 0.938 on seeds 0-3 (2026-12-07): within 0.04 of the LLG's.
    for s in summaries(fig4b_runs):
        assert s["skyrmions_end_potentiation"] >= 0.75 * s["skyrmions_created"] >= 6
        assert 0.0 < s["removed_fraction"] < 1.0
        assert s["linearity_r2_potentiation"] >= llg_potentiation_r2 - 0.04


@pytest.mark.xfail(strict=True, reason=(
    "measured 2026-12-07 with the boundary-term edge law: on seeds 0-3 the particles write 10 and keep 8 as the LLG "
    "reference does (its two potentiation losses on the right terminal's corner (150, 85) nm now happen in the "
    "particles too), but the reversed pulses remove 3 / 6 / 2 / 2 of the 8 (0.375 / 0.75 / 0.25 / 0.25) where the "
    "LLG removes 3: which skyrmions reach the pad opening's corner (0, 55) nm, where the LLG's die, varies with the "
    "seed, and a lone particle dies there 4 pulses before the LLG skyrmion (emulator/llg/pad_exit.py)"))
def test_fig4b_reversed_pulses_remove_as_many_as_in_the_llg(fig4b_runs):
    """The LLG reference removes 3 of its 8 (emulator/calibrations/llg_reference/fig4b_default.json)."""
    for s in summaries(fig4b_runs):
        assert s["removed_fraction"] >= 0.3


def test_seeds_differ_but_agree_statistically(fig2b_runs):
    counts = [run.rows[-17].reading.n_inside for run in fig2b_runs]  # end of potentiation
    traces = [tuple(row.reading.n_inside for row in run.rows) for run in fig2b_runs]
    assert len(set(traces)) == len(traces)
    assert np.std(counts) <= 0.15 * np.mean(counts)
