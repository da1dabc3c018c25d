"""The validation set of the LLG solver: published standard problems and independent references.

`CHECKS` lists every check as (name, function returning rows, slow); `skybench validate` runs them all and
writes the rows to validation.json, and the tests in tests/emulator/llg/ run the same functions.
"""
from __future__ import annotations

from typing import Callable

from emulator.llg.validation import dmi_standard_problem, edge_and_wall, energy_checks, skyrmion_radius
from emulator.llg.validation import standard_problem_4
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
)
"""(name, rows function, slow) for every validation check."""


def run_checks(names: tuple[str, ...] | None = None) -> list[Row]:
    """Rows of the named checks (all if None), in the order of CHECKS."""
    return [row for name, check, _ in CHECKS if names is None or name in names for row in check()]
