"""Relaxed skyrmion radius against the applied field, on the calibration grid, beside the radial oracle."""
from __future__ import annotations

from emulator.llg import skyrmions
from emulator.llg.calibration.drift import relaxed_skyrmion
from emulator.llg.calibration.settings import CalibrationSettings
from emulator.llg.mesh import Mesh
from emulator.material import Material
from emulator.skyrmion_profile import relax_profile


def radius_vs_field(material: Material, settings: CalibrationSettings) -> list[dict]:
    """[{Bz_T, radius_m, radius_continuum_m}] for `settings.fields`; radius_m is NaN where it collapsed."""
    box = settings.drift_box
    mesh = Mesh.covering(box, box, settings.cell, material.thickness, periodic_x=True, periodic_y=True)
    rows = []
    for bz in settings.fields:
        continuum = relax_profile(material, bz, settings.demag).radius
        magnet, _, state = relaxed_skyrmion(material, settings, mesh, [(0.5 * box, 0.5 * box)], bz)
        found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        rows.append({"Bz_T": bz, "radius_m": found[0].radius if found else float("nan"),
                     "radius_continuum_m": continuum})
    return rows
