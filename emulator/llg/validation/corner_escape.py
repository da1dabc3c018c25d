"""Does the edge's escape gap hold at a reflex corner? The LLG bisection of edge_escape.py, at a corner's tip.

The particle model expels a skyrmion when its centre comes closer than R_free + g to the nearest point of a
closed edge (emulator.thiele.lifecycle, `Annihilation.edge_escape_gap`), with g measured on a straight edge
(emulator/llg/calibration/edge_escape.py: 4.03 +- 0.09 nm, chamber material, 1 nm cells, local demag, 0.2 T).
Next to a reflex (270 degree) corner the nearest point is the corner's tip, where the film's canted border is
not that of a straight edge. Here the film fills three quadrants round a tip at (TIP, TIP) in a BOX x BOX film;
a skyrmion of the free radius R0 is placed on the bisector of the film's 270 degrees, its rim `gap` from the tip,
and left to relax with no drive for DURATION; it either escapes (no skyrmion left) or is pushed away. The
critical gap is bracketed by bisection as on the straight edge.

Measured 2026-12-07 (`python -m emulator.llg.validation.corner_escape`, ~5 min under load): escaped at 3.75 nm,
lived at 4.00 nm (R0 5.06 nm), against 3.94 / 4.12 nm on a straight edge: the same gap within the bisection's
0.25 nm, so the particle rule (distance to the nearest outline point, the tip here) needs no corner term. The
LLG skyrmions that die on the chamber's corners (pulses 106 and 122 of the default run on (150, 85) nm,
emulator/llg/chamber.py; one on (0, 55) nm under the reversed pulses, emulator/llg/pad_exit.py) come that close
to them; the particles' stay 5-6 nm farther out.
"""
from __future__ import annotations

import argparse
import math
import sys

from emulator.llg import skyrmions
from emulator.llg.film import film_energy
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.rk45 import RK45
from emulator.llg.state import State
from emulator.llg.stepper import advance
from emulator.llg.textures import profile_skyrmions
from emulator.material import Material
from emulator.skyrmion_profile import relax_profile

NM = 1e-9
BOX = 80e-9
"""Side of the square film (m): the skyrmion stays > 35 nm from its outer edges."""
TIP = 30e-9
"""The corner's tip is at (TIP, TIP) (m); the quadrant x < TIP, y < TIP is not film."""
DURATION = 0.3e-9
"""How long each placed skyrmion is followed (s): an escape takes < 0.05 ns once the rim touches the tip."""
SAMPLE = 5e-12
"""Sampling interval (s)."""
BISECTION_STEPS = 5
"""Bisection steps on the gap (dimensionless): 8 nm / 2^5 = 0.25 nm."""


class ReflexCorner:
    """The film: three quadrants round (TIP, TIP)."""

    def contains(self, x, y):
        return ~((x < TIP) & (y < TIP))


def corner_run(material: Material, gap: float, field: float = 0.2, cell: float = 1e-9) -> tuple[bool, float]:
    """(escaped, closest centre-to-tip distance (m)) of a skyrmion placed with its rim `gap` (m) from the tip."""
    mesh = Mesh.covering(BOX, BOX, cell, material.thickness)
    magnet = Magnet.from_region(mesh, ReflexCorner(), material.Ms)
    profile = relax_profile(material, field, "local")
    d = profile.radius + gap
    centre = TIP + d / math.sqrt(2.0)
    state = State(m=profile_skyrmions(magnet, [(centre, centre)], profile))
    system = LLG(magnet, film_energy(material, "local", field), alpha=material.alpha)
    stepper = RK45(max_err=1e-5)
    closest = d
    for k in range(1, int(round(DURATION / SAMPLE)) + 1):
        advance(system, state, stepper, k * SAMPLE)
        found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        if not found:
            return True, closest
        nearest = min(math.hypot(s.x - TIP, s.y - TIP) for s in found)
        closest = min(closest, nearest)
    return False, closest


def bisect(material: Material, died: float = 0.0, lived: float = 8e-9, steps: int = BISECTION_STEPS,
           log=print) -> tuple[float, float]:
    """(largest gap that escaped, smallest that lived) (m), both ends checked first."""
    for gap, want in ((died, True), (lived, False)):
        escaped, _ = corner_run(material, gap)
        if escaped is not want:
            raise RuntimeError(f"no bracket: a gap of {gap / NM} nm escaped={escaped}")
    for _ in range(steps):
        middle = 0.5 * (died + lived)
        escaped, closest = corner_run(material, middle)
        log(f"gap {middle / NM:.3f} nm: {'escaped' if escaped else 'lived'} (closest {closest / NM:.2f} nm)")
        if escaped:
            died = middle
        else:
            lived = middle
    return died, lived


def main(argv=None) -> int:
    from emulator.chamber_preset import CHAMBER_150NM

    argparse.ArgumentParser(prog="python -m emulator.llg.validation.corner_escape",
                            description=__doc__.splitlines()[0]).parse_args(argv)
    died, lived = bisect(CHAMBER_150NM)
    print(f"reflex corner: escaped at {died / NM:.2f} nm, lived at {lived / NM:.2f} nm (straight edge: the "
          "calibration's edge_escape block)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
