"""How much a neighbour or an edge squeezes a skyrmion, from the LLG pair and edge runs, as an equivalent field.

In the LLG runs a skyrmion near another one or near an edge is smaller than alone: at 0.2 T on the 1 nm grid
the isolated radius is 4.91 nm, a pair 20 nm apart has 4.0 nm, a skyrmion 12 nm from an edge 3.8 nm. A smaller
skyrmion takes less SOT force and less dissipation, so it moves differently; the particle model follows this
through the field its field table is read at (emulator/thiele/field_table.py): the squeeze is turned into the
extra field b that gives the same radius in the LLG's own radius-versus-field curve (the calibration's
`radius_vs_field`), and b is fitted to

    b(x) = B_c exp(-(x - x0) / lambda),

with x the centre distance of the pair (x0 = 2 R0) or the centre-to-edge distance (x0 = R0). The particle model
adds b to the local field of each skyrmion, summed over its neighbours and taken from its nearest edge
(emulator.thiele.exchange_tail: the pair and edge laws' `compression` values). Samples whose b is below
MIN_FIELD are left out of the fit (there the radius differs from the isolated one by less than the lattice's
resolution of it).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

MIN_FIELD = 0.005
"""Smallest equivalent field kept in a fit (T): ~0.04 nm of radius at 0.2 T."""


@dataclasses.dataclass(frozen=True)
class Compression:
    """b(x) = field exp(-(x - offset) / length)."""

    field: float
    """B_c, the equivalent field at x = offset (T)."""
    length: float
    """lambda, its decay length (m)."""
    offset: float
    """x0 (m)."""
    samples: int
    """Samples fitted (dimensionless)."""


def equivalent_field(radius: np.ndarray, fields, radii) -> np.ndarray:
    """The field (T) at which the LLG's isolated skyrmion has `radius` (m), by interpolation in the LLG's own
    radius-versus-field curve (`fields` in T, increasing; `radii` in m, decreasing). Outside the curve: NaN."""
    fields = np.asarray(fields, float)
    radii = np.asarray(radii, float)
    if np.any(np.diff(fields) <= 0) or np.any(np.diff(radii) >= 0):
        raise ValueError("radius_vs_field must have increasing fields and decreasing radii")
    radius = np.asarray(radius, float)
    b = np.interp(radius, radii[::-1], fields[::-1], left=np.nan, right=np.nan)
    return b


def fit_compression(distance, radius, fields, radii, Bz: float, offset: float) -> Compression:
    """Fit b(x) = B_c exp(-(x - offset) / lambda) to the squeeze of the samples (x in m, radius in m) at applied
    field Bz (T); `fields`, `radii`: the LLG's radius-versus-field curve."""
    b = equivalent_field(radius, fields, radii) - Bz
    x = np.asarray(distance, float)
    keep = np.isfinite(b) & (b > MIN_FIELD)
    if keep.sum() < 3:
        raise ValueError(f"only {int(keep.sum())} samples squeezed by more than {MIN_FIELD} T: nothing to fit")
    slope, intercept = np.polyfit(x[keep] - offset, np.log(b[keep]), 1)
    if slope >= 0:
        raise ValueError("the squeeze does not decay with distance")
    return Compression(field=float(math.exp(intercept)), length=float(-1.0 / slope), offset=float(offset),
                       samples=int(keep.sum()))


def fit_document(document: dict, say=None) -> dict:
    """{'pair': Compression, 'edge': Compression} fitted to a calibration document's stored pair and edge samples
    (their radii) against its own radius-versus-field curve at its field `llg_settings.Bz_T`. A block whose
    samples cannot be fitted (fewer than 3 squeezed inside the curve's field range, e.g. a curve of two fields)
    is left out, and `say` (a progress callable) is told why: the particle model then applies no squeeze for it."""
    curve = document["radius_vs_field"]
    fields = [row["Bz_T"] for row in curve]
    radii = [row["radius_m"] for row in curve]
    Bz = float(document["llg_settings"]["Bz_T"])
    fits = {}
    for name, offset in (("pair", 2.0 * document["pair"]["R0_m"]), ("edge", document["edge"]["R0_m"])):
        block = document[name]
        distance = [row[0] for row in block["samples"]]
        try:
            fits[name] = fit_compression(distance, block["radii_m"], fields, radii, Bz, offset)
        except ValueError as error:
            if say is not None:
                say(f"{name} squeeze not fitted ({error}): the calibration has none for it")
    return fits


def compression_entries(fit: Compression) -> dict:
    """The calibration.json keys of one fit (SI units in the names)."""
    return {"compression_law": "b(x) = compression_field_T exp(-(x - compression_offset_m) / compression_length_m)",
            "compression_field_T": fit.field, "compression_length_m": fit.length,
            "compression_offset_m": fit.offset, "compression_samples": fit.samples}


def main(argv=None) -> int:
    """Fit the squeeze of a calibration file's stored pair and edge samples and write it into the file."""
    import argparse
    import json
    import os
    import sys
    from pathlib import Path

    from skybench.formats.calibration import calibration_document, read_calibration
    parser = argparse.ArgumentParser(prog="python -m emulator.llg.calibration.compression",
                                     description=main.__doc__)
    parser.add_argument("calibration")
    args = parser.parse_args(argv)
    path = Path(args.calibration)
    document = read_calibration(path)
    for name, fit in fit_document(document).items():
        document[name].update(compression_entries(fit))
        print(f"{name}: B_c {fit.field:.4g} T, lambda {fit.length * 1e9:.3g} nm ({fit.samples} samples)",
              file=sys.stdout)
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(json.dumps(calibration_document(document), indent=2) + "\n")
    os.replace(tmp, path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
