"""The calibration document: LLG experiments fitted to the particle model, as calibration.json.

`calibrate(material, settings)` runs, in order, the drift at every current (G, D, SOT force per current,
Hall angle), the repelling pair (K1 pair law), the edge repulsion (exponential edge law) and the radius
against field, and returns one JSON-ready dict whose keys carry their SI units. skybench.formats.calibration
writes it as calibration.json, and the Thiele engine reads it back through the same module
(emulator/thiele/calibration.py). The SOT force is also given per unit theta_SH and as the profile integral
I = k / (hbar theta_SH / 2e) (m), so a refit of theta_SH does not invalidate the file.
"""
from __future__ import annotations

import math
import time
from types import SimpleNamespace
from typing import Callable

from emulator.llg.calibration.drift import fit_thiele, run_drift
from emulator.llg.calibration.compression import compression_entries, fit_document
from emulator.llg.calibration.edge_escape import bisect, escape_document, peak_force
from emulator.llg.calibration.interactions import run_edge, run_pair
from emulator.llg.calibration.radius import radius_vs_field
from emulator.llg.calibration.settings import CalibrationSettings
from emulator.material import E_CHARGE, HBAR, Material
from skybench.errors import ParameterError

MAX_SAMPLES = 60
"""Force samples kept per curve in the file (dimensionless)."""


def _thin(*arrays):
    step = max(1, int(math.ceil(len(arrays[0]) / MAX_SAMPLES)))
    return [a[::step] for a in arrays]


def calibrate(material: Material, settings: CalibrationSettings = CalibrationSettings(),
              progress: Callable[[str], None] | None = None) -> dict:
    """Run every calibration experiment for `material` and return the calibration document."""
    say = progress or (lambda message: None)
    start = time.perf_counter()
    runs = []
    for j in settings.currents:
        say(f"drift at j = {j:.3g} A/m^2")
        runs.append(run_drift(material, settings, j))
    thiele = fit_thiele(material, settings, runs)
    alpha = material.alpha
    say("repelling pair")
    pair = run_pair(material, settings, thiele)
    say("edge repulsion")
    edge = run_edge(material, settings, thiele)
    say("edge escape")
    escape = peak_force(material, settings, thiele, bisect(material, settings, log=say))
    say("radius against field")
    radii = radius_vs_field(material, settings)
    k = thiele.k
    per_theta = k / material.theta_SH if material.theta_SH else math.nan
    pair_d, pair_f, pair_r = _thin(pair.distance, pair.force, pair.radius)
    document = {
        "preset": material.name,
        "material": {"Ms_A_per_m": material.Ms, "A_J_per_m": material.A, "D_J_per_m2": material.D,
                     "Ku_J_per_m3": material.Ku, "thickness_m": material.thickness,
                     "gamma_rad_per_s_T": material.gamma},
        "alpha": alpha,
        "theta_SH": material.theta_SH,
        "thiele_equation": "G z x v + alpha D v = F (SI); F_SOT = k j along the current",
        "topological_charge": thiele.charge,
        "G_kg_per_s": thiele.G,
        "D_kg_per_s": thiele.D,
        "D_texture_kg_per_s": thiele.D_texture,
        "hall_angle_deg": math.degrees(math.atan2(-thiele.G, alpha * thiele.D)),
        "radius_at_rest_m": thiele.radius,
        "sot_runs": [{"j_A_per_m2": r.j, "v_par_m_per_s": r.v_par, "v_perp_m_per_s": r.v_perp,
                      "hall_angle_deg": r.hall_angle_deg, "radius_m": r.radius} for r in runs],
        "sot_force_per_current_N_per_A_m2": k,
        "sot_force_per_current_per_theta_SH_N_per_A_m2": per_theta,
        "sot_profile_integral_m": k / (HBAR * material.theta_SH / (2.0 * E_CHARGE)) if material.theta_SH
        else math.nan,
        "pair": {"law": "F(rho) = (U0 / xi) K1((rho - R_i - R_j + 2 R0) / xi)",
                 "U0_J": pair.amplitude, "xi_m": pair.length, "R0_m": pair.R0,
                 "samples": [[float(d), float(f)] for d, f in zip(pair_d, pair_f)],
                 "radii_m": [float(r) for r in pair_r],
                 "rotation_to_separation_ratio": pair.rotation_ratio,
                 "expected_ratio_minus_G_over_alpha_D": -thiele.G / (alpha * thiele.D)},
        "edge": edge_entries(edge),
        "edge_escape": escape_document(escape),
        "radius_vs_field": radii,
        "llg_settings": settings.as_dict(),
    }
    # The squeeze of the pair and edge samples, as equivalent fields (compression.py).
    for name, fit in fit_document(document, say).items():
        document[name].update(compression_entries(fit))
    document["runtime_s"] = time.perf_counter() - start
    return document


def recalibrate_edge(material: Material, settings: CalibrationSettings, document: dict,
                     progress: Callable[[str], None] | None = None) -> dict:
    """`document` (a calibration of `material` made with the same cell, demag and field as `settings`) with its
    edge experiments rerun under `settings`: the edge repulsion, the edge escape and peak push, and the squeeze
    fits. G and D are the document's. The drift, pair and radius runs are kept; `llg_settings` takes the new edge
    settings, and `edge_runtime_s` the time spent."""
    say = progress or (lambda message: None)
    made = document["llg_settings"]
    for key, value in (("cell_m", settings.cell), ("demag", settings.demag), ("Bz_T", settings.Bz)):
        if made.get(key) != value:
            raise ParameterError(key, value, f"the calibration's own {made.get(key)!r} (rerun everything instead)")
    start = time.perf_counter()
    thiele = SimpleNamespace(G=float(document["G_kg_per_s"]), D=float(document["D_kg_per_s"]))
    say("edge repulsion")
    edge = run_edge(material, settings, thiele)
    say("edge escape")
    escape = peak_force(material, settings, thiele, bisect(material, settings, log=say))
    out = dict(document)
    out["edge"] = edge_entries(edge)
    out["edge_escape"] = escape_document(escape)
    out["llg_settings"] = {**made, **{k: v for k, v in settings.as_dict().items() if k.startswith("edge_")}}
    for name, fit in fit_document(out, say).items():
        out[name] = {**out[name], **compression_entries(fit)}
    out["edge_runtime_s"] = time.perf_counter() - start
    return out


def edge_entries(edge) -> dict:
    """The calibration.json block `edge` of an edge run (interactions.ForceCurve)."""
    edge_d, edge_f, edge_r = _thin(edge.distance, edge.force, edge.radius)
    return {"law": "F(d) = F0 exp(-(d - R0) / xi) - F1 exp(-2 (d - R0) / xi)", "F0_N": edge.amplitude,
            "xi_m": edge.length, "F1_N": edge.inner, "R0_m": edge.R0,
            "samples": [[float(d), float(f)] for d, f in zip(edge_d, edge_f)],
            "radii_m": [float(r) for r in edge_r]}
