"""The gdfeco wall energy and what it sets: sigma, wall width, saturation field and skyrmion size vs A.

    python benchmarks/wall_accounting.py [--exchange 5 6 7 8 10] [--fit]

The preset's exchange stiffness A is fitted to the paper's 160 mT saturation field (emulator/gdfeco_preset.py,
GDFECO_EXCHANGE_STIFFNESS). This prints, for the preset and for each A given (pJ/m), the layered wall
(emulator/hybrid_wall.py: sigma, width, Neel layers), the film's saturation field B_s (emulator/domain_model.py:
the field above which neither stripes nor the bubble lattice beat the saturated film) and the stripes' own, the
field window of the bubble lattice, the isolated skyrmion's zero-energy field B_0 and collapse field B_c and its
diameter at 140 and 144 mT (emulator/bubble.py).
`--fit` repeats the fit: bisection of A on the saturation field to 0.1 mT. benchmarks/bubble_size_gap.py uses
the same fit for other observables (issue 11).
"""
from __future__ import annotations

import argparse
import math
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from emulator.bubble import BubbleModel  # noqa: E402
from emulator.domain_model import DomainModel  # noqa: E402
from emulator.gdfeco_preset import GDFECO_EXPERIMENT, GDFECO_SATURATION_FIELD  # noqa: E402
from emulator.hybrid_wall import HybridWall  # noqa: E402

FIELDS = np.array([0.140, 0.144])
"""Fields of the skyrmion diameters printed (T): the paper's potentiation and depression fields."""


def row(material) -> str:
    wall = HybridWall(material)
    bubble = BubbleModel(material)
    diameters = 2e9 * bubble.radius_table(FIELDS, 3e-6)
    domains = DomainModel(material)
    low, high = domains.lattice_window()
    try:
        zero, collapse = bubble.field_landmarks(3e-6, 0.4)
    except ValueError:   # no finite skyrmion (a negative wall energy): no landmarks to print
        zero = collapse = math.nan
    return (f"A {material.A * 1e12:5.2f} pJ/m | sigma {wall.wall_energy * 1e3:+.3f} mJ/m^2 | width "
            f"{wall.width * 1e9:5.2f} nm | Neel layers {np.count_nonzero(wall.cosines > 0.99):2d} | B_s "
            f"{domains.saturation_field() * 1e3:5.1f} mT (stripes {domains.stripes.saturation_field() * 1e3:5.1f}, "
            f"lattice {low * 1e3:5.1f}-{high * 1e3:5.1f}), B_0 {zero * 1e3:5.1f}, B_c {collapse * 1e3:5.1f} | diameter "
            f"{diameters[0]:5.0f} nm at 140 mT, {diameters[1]:5.0f} nm at 144 mT")


def film_saturation(material) -> float:
    """B_s (T) of the domain model (stripes or bubble lattice, whichever saturates last): the observable the
    preset's A is fitted to."""
    return DomainModel(material).saturation_field()


def fit_exchange(material=GDFECO_EXPERIMENT, observable=film_saturation, target=GDFECO_SATURATION_FIELD,
                 lo: float = 4e-12, hi: float = 12e-12) -> float:
    """A (J/m) at which `observable(material with A)` (a field in T that falls as A grows) equals `target` (T):
    bisection to 0.005 pJ/m inside [lo, hi]."""
    def value(a):
        return observable(dataclasses.replace(material, A=a))
    if not value(hi) < target < value(lo):
        raise ValueError(f"target {target} T is not bracketed by A = {lo} .. {hi} J/m")
    while hi - lo > 0.005e-12:
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if value(mid) > target else (lo, mid)
    return 0.5 * (lo + hi)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exchange", type=float, nargs="*", default=[5.0, 6.0, 7.0, 8.0, 10.0],
                        help="exchange stiffnesses to tabulate (pJ/m)")
    parser.add_argument("--fit", action="store_true", help="refit A to the paper's saturation field")
    args = parser.parse_args(argv)
    print("preset:", row(GDFECO_EXPERIMENT))
    for a in args.exchange:
        print("       ", row(dataclasses.replace(GDFECO_EXPERIMENT, A=a * 1e-12)))
    if args.fit:
        print(f"fitted A = {fit_exchange() * 1e12:.3f} pJ/m (B_s = {GDFECO_SATURATION_FIELD * 1e3:.0f} mT)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
