"""The fig2b trace measured through the instruments agrees statistically with the device emulator run directly
(`emulator.experiment.run_protocol(preset, protocol("fig2b"), seed)`) for the same seeds, now with noise.

What must agree, and why the tolerances are what they are:
- the Hall change per skyrmion (least-squares slope of drho against the true count, over 3 seeds): the
  instruments must not distort the scale (current, thickness, V -> rho): within 10 % (readout noise is
  ~0.3 nOhm cm per state against ~7.5 nOhm cm per skyrmion; the count differs between the runs, and with it
  the crowding that shrinks the skyrmions);
- both traces potentiate (drho falls with the pulse number) and depression brings drho back near zero;
- the end-of-potentiation level: a lab measurement spends about 1 s reading each state where the direct run
  waits 1 us; the written states are stable at rest (tests/emulator/test_device.py), so the two levels agree
  within three times the seed-to-seed scatter of the direct runs.
The same seed gives the same trace (device and instrument noise are both seeded). The fast same-run check
against the device's own state is in test_measure_command.py.
"""
from __future__ import annotations

import statistics

import numpy as np
import pytest

from emulator.experiment import run_protocol
from emulator.pulse_protocols import protocol
from instruments.bench import BenchConfig, build_bench
from skybench.commands.measure import device_truth, load_script

SEEDS = (0, 1, 2)
NOHM_CM = 1e-11


def slope(change: np.ndarray, count: np.ndarray) -> float:
    """Least-squares drho per skyrmion through the origin (nOhm cm)."""
    return float(change @ count / (count @ count))


@pytest.mark.slow
def test_measured_trace_agrees_with_the_direct_emulator_run(gdfeco_preset, rm_for, tmp_path):
    script = load_script("fig2b")
    reference = protocol("fig2b")
    last_potentiation = max(i for i, step in enumerate(reference.steps) if step.phase == "potentiation")
    direct_slopes, measured_slopes, direct_levels, measured_levels = [], [], [], []
    for seed in SEEDS:
        direct = run_protocol(gdfeco_preset, reference, seed)
        d_change = np.array([(row.reading.rho_xy - direct.reference.rho_xy) / NOHM_CM for row in direct.rows])
        d_count = np.array([row.reading.n_inside for row in direct.rows], float)

        bench = build_bench(BenchConfig(seed=seed), preset=gdfeco_preset)
        rows = script.measure_fig2b(rm_for(bench), tmp_path / f"seed{seed}")
        truth = device_truth(bench)
        assert len(rows) == len(truth) == len(reference.steps) and bench.wiring.damaged is None
        m_change = np.array([row["rho_xy_change_nOhm_cm"] for row in rows])
        m_count = np.array([row["n_skyrmions_active"] for row in truth], float)

        for change in (d_change, m_change):
            potentiation = change[: last_potentiation + 1]
            assert np.corrcoef(np.arange(potentiation.size), potentiation)[0, 1] < -0.8
            assert abs(change[-1]) < 0.25 * abs(change.min())
        direct_slopes.append(slope(d_change, d_count))
        measured_slopes.append(slope(m_change, m_count))
        direct_levels.append(d_change[last_potentiation])
        measured_levels.append(m_change[last_potentiation])

    ratio = statistics.fmean(measured_slopes) / statistics.fmean(direct_slopes)
    assert 0.9 < ratio < 1.1
    scatter = statistics.stdev(direct_levels) / abs(statistics.fmean(direct_levels))
    level_ratio = statistics.fmean(measured_levels) / statistics.fmean(direct_levels)
    assert abs(level_ratio - 1.0) < max(3 * scatter, 0.05)


@pytest.mark.slow
def test_the_same_seed_gives_the_same_trace(gdfeco_preset, rm_for, tmp_path):
    script = load_script("fig2b")
    runs = [script.measure_fig2b(rm_for(build_bench(BenchConfig(seed=5), preset=gdfeco_preset)), tmp_path / str(k))
            for k in range(2)]
    assert runs[0] == runs[1]
    other = script.measure_fig2b(rm_for(build_bench(BenchConfig(seed=6), preset=gdfeco_preset)), tmp_path / "6")
    assert [r["hall_voltage_V"] for r in other] != [r["hall_voltage_V"] for r in runs[0]]
