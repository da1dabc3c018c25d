"""The validation set of the LLG solver and of the particle model it checks: published standard problems,
independent references, LLG-vs-Thiele agreement, and the chamber particle model against the stored LLG
reference trajectories of the Fig. 4b protocol.

`CHECKS` lists every check as (name, function returning rows, slow); `skybench validate` runs them all and
writes the rows to validation.json, and the tests in tests/emulator/llg/ run the same functions. The fig4b
checks are one per reference file found in emulator/calibrations/llg_reference/ (fig4b_<condition>.json); they
run particles only (seconds each).
"""
from __future__ import annotations

from typing import Callable

from emulator.llg.validation import dmi_standard_problem, edge_and_wall, energy_checks, skyrmion_radius
from emulator.llg.validation import fig4b_reference, standard_problem_4, thiele_agreement
from emulator.llg.validation.row import Row
from emulator.presets import MATERIALS

CHAMBER = MATERIALS["chamber_150nm"]
"""The paper's chamber material (Methods)."""
CHAMBER_FIELD = 0.2
"""The paper's chamber field Bz (T)."""

CHECKS: tuple[tuple[str, Callable[[], list[Row]], bool], ...] = (
    ("dmi_wire", dmi_standard_problem.wire_rows, False),
    ("dmi_disk", dmi_standard_problem.disk_rows, True),
    ("edge_and_wall", lambda: edge_and_wall.rows(CHAMBER), False),
    ("skyrmion_radius_none", lambda: skyrmion_radius.rows(CHAMBER, CHAMBER_FIELD, "none"), False),
    ("skyrmion_radius_local", lambda: skyrmion_radius.rows(CHAMBER, CHAMBER_FIELD, "local"), False),
    ("skyrmion_radius_full_demag", lambda: skyrmion_radius.demag_rows(CHAMBER, CHAMBER_FIELD), False),
    ("energy", lambda: energy_checks.rows(CHAMBER, CHAMBER_FIELD), False),
    ("standard_problem_4", standard_problem_4.rows, True),
    ("thiele_preset_vs_calibration", thiele_agreement.preset_rows, False),
    ("thiele_drift", thiele_agreement.drift_rows, True),
    ("thiele_pair", thiele_agreement.pair_rows, True),
    ("thiele_chamber_six_skyrmions", thiele_agreement.chamber_rows, True),
) + tuple((f"{fig4b_reference.PREFIX}{fig4b_reference.condition_of(path)}",
           lambda path=path: fig4b_reference.rows(path), False) for path in fig4b_reference.reference_files())
"""(name, rows function, slow) for every validation check."""


def run_checks(names: tuple[str, ...] | None = None) -> list[Row]:
    """Rows of the named checks (all if None), in the order of CHECKS."""
    return [row for name, check, _ in CHECKS if names is None or name in names for row in check()]
