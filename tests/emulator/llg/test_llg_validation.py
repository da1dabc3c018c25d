"""The validation set (emulator/llg/validation) passes: every row within its stated tolerance.

Each row names its reference and source (DMI standard problem, Cortes-Ortuno et al. 2018; 1D first integrals
for edge canting and Neel walls; the radial continuum minimiser; exact energy laws; muMAG standard problem 4).
The same functions feed `skybench validate`. The fig4b checks (particle preset against the stored LLG
trajectories) run in tests/emulator/llg/test_fig4b_reference_rows.py, which carries their known gaps.
"""
import pytest

from emulator.llg.validation import CHECKS


@pytest.mark.parametrize("name,check", [pytest.param(name, check, id=name,
                                                     marks=[pytest.mark.slow] if slow else [])
                                        for name, check, slow in CHECKS if not name.startswith("fig4b_")])
def test_validation_rows_pass(name, check):
    rows = check()
    assert rows
    for row in rows:
        assert abs(row.value - row.reference) <= row.tolerance, (
            f"{row.name}: {row.value} vs {row.reference} +- {row.tolerance} {row.unit} ({row.source})")
