"""Where the energy of a line or a cell current comes from: the supply rail behind each voltage.

A line at V_line is fed from the rail V_rail = max(V_dd, V_line): voltages above the logic supply come from a
high-voltage rail (with level shifters, `LevelShifter`), voltages below it are regulated down from V_dd by a
linear element (a bit-line clamp or source follower), which passes the current and drops the rest.
Delivering a charge Q (a line charged to V_line, Q = C V_line; or a current I for a time t, Q = I t) then costs
  E = V_rail Q  =  V_line Q (in the line / cells)  +  (V_rail - V_line) Q (lost in the regulator).
This is how current-mode sensing with a clamped bit line works in MRAM and RRAM macros: the read current is
drawn from V_dd through the clamp that holds the line at V_read. It is why a low read voltage does not make
reading cheap when the cell current stays high, and why a small on/off ratio costs read energy: the off-state
current of every cell flows, at V_dd, without carrying weight information.
"""
from __future__ import annotations

from nn.chip.technology import Technology


def rail_voltage(v_line: float, tech: Technology) -> float:
    """Supply rail (V) that feeds a line at `v_line` volts."""
    return max(tech.vdd, v_line)


def regulator_loss(v_line: float, charge: float, tech: Technology) -> float:
    """Energy (J) lost between the rail and a line at `v_line` when `charge` coulombs are delivered."""
    return (rail_voltage(v_line, tech) - v_line) * charge
