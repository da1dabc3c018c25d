"""The chamber particle model against its stored LLG reference trajectories (paper Fig. 4b protocol, issue 10).

Each file emulator/calibrations/llg_reference/fig4b_<condition>.json (skybench.formats.llg_reference) holds one
micromagnetic run of the chamber protocol: the in-chamber skyrmion count after every pulse period, the created
and exited running totals, and every LLG setting. The shipped particle preset (`emulator.presets.chamber_150nm`)
is run under the reference's pulse settings (amplitude, width, period, Bz, the phases of its pulse periods),
theta_SH and write rule (entrance point and blockade), from the same empty chamber, and its in-chamber count is
compared pulse by pulse with the LLG's:

    max_deviation = max_k |N_particle(k) - N_LLG(k)|      <= max(3, 15 % of the LLG peak)
    rms_deviation = sqrt(mean_k (N_particle(k) - N_LLG(k))^2)  <= max(2, 10 % of the LLG peak)

(bounds of issue 10). Created and final in-chamber counts are rows too, bounded like the maximum deviation.
The particle run is at 0 K and deterministic for a given seed; the write rule's nucleation site places the
newborn within a tenth of its blockade radius of the write point at a random angle (emulator/thiele/
nucleation.py), so the run takes `SEED`. Only particle runs happen here (seconds), never an LLG run. The
preset's skyrmion-edge law is 'tail_integral' (emulator/thiele/exchange_tail.py: the LLG's straight-edge
calibration integrated along the outline, so the pad opening's corners push as the geometry says); the row text
names it.
"""
from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np

from emulator.chamber_preset import CALIBRATIONS, chamber_150nm
from emulator.llg.validation.row import Row
from emulator.thiele.engine import ThieleEngine
from emulator.thiele.exchange_tail import ExchangeRepulsion
from emulator.thiele.sot import SOTDrive
from skybench.errors import DataError
from skybench.formats.llg_reference import ReferenceTrajectory, read_reference

REFERENCES = CALIBRATIONS / "llg_reference"
"""Folder of the stored LLG reference trajectories (one fig4b_<condition>.json per condition)."""
PREFIX = "fig4b_"
"""File names and row names start with this."""
MAX_DEVIATION_FLOOR = 3.0
"""Smallest accepted largest deviation of the in-chamber count (skyrmions), issue 10."""
MAX_DEVIATION_SHARE = 0.15
"""Accepted largest deviation as a share of the LLG peak count (dimensionless), issue 10."""
RMS_DEVIATION_FLOOR = 2.0
"""Smallest accepted RMS deviation of the in-chamber count (skyrmions), issue 10."""
RMS_DEVIATION_SHARE = 0.10
"""Accepted RMS deviation as a share of the LLG peak count (dimensionless), issue 10."""
SEED = 0
"""Seed of the particle run (the write's placement angle and offset; 0 K otherwise deterministic)."""
DEFAULT_WIDTH = 0.05e-9
"""Pulse length when a reference does not record one (s), paper Methods."""
DEFAULT_PERIOD = 0.15e-9
"""Pulse period when a reference does not record one (s), paper Methods."""


@dataclasses.dataclass(frozen=True)
class ParticleRun:
    """Counts of the particle model after every pulse period of a reference's protocol."""

    in_chamber: np.ndarray
    """Skyrmion centres in the chamber square (int)."""
    created: np.ndarray
    """Skyrmions written so far (int)."""
    exited: np.ndarray
    """Skyrmions that left the film or collapsed so far (int)."""


def reference_files(folder: Path = REFERENCES) -> list[Path]:
    """The stored reference files, sorted by name (none when the folder is absent)."""
    return sorted(folder.glob(f"{PREFIX}*.json")) if folder.is_dir() else []


def condition_of(path: Path) -> str:
    """The condition a reference file is named for (fig4b_<condition>.json)."""
    return path.stem[len(PREFIX):]


def _setting(ref: ReferenceTrajectory, key: str, default=None):
    value = ref.settings.get(key, default)
    if value is None:
        raise DataError(f"LLG reference {ref.condition!r}: settings lack {key!r}")
    return value


def particle_model(ref: ReferenceTrajectory):
    """The shipped chamber preset's particle model with the reference's theta_SH and write rule."""
    pad_write = _setting(ref, "pad_write", "entrance")
    if pad_write != "entrance":
        raise DataError(f"LLG reference {ref.condition!r}: pad_write {pad_write!r}; the particle preset writes "
                        "with the 'entrance' rule only")
    model = chamber_150nm().model
    point = _setting(ref, "entrance_centre_m", None)
    blockade = float(_setting(ref, "pad_blockade_m", None))
    sites = tuple(dataclasses.replace(s, x=float(point[0]), y=float(point[1]), blockade_radius=blockade)
                  for s in model.nucleation.sites)
    theta = float(ref.settings.get("theta_SH", model.material.theta_SH))
    terms = tuple(dataclasses.replace(t, theta_SH=theta) if isinstance(t, SOTDrive) else t
                  for t in model.forces.terms)
    return dataclasses.replace(model, nucleation=dataclasses.replace(model.nucleation, sites=sites),
                               forces=dataclasses.replace(model.forces, terms=terms))


def edge_law(model) -> str:
    """The exchange edge law of a particle model ('straight' or 'tail_integral', emulator.thiele.exchange_tail),
    or 'none'."""
    return next((t.edge_law for t in model.forces.terms if isinstance(t, ExchangeRepulsion)), "none")


def run_particles(ref: ReferenceTrajectory, seed: int = SEED, model=None) -> ParticleRun:
    """The particle model (default `particle_model(ref)`) through the reference's pulse periods."""
    model = particle_model(ref) if model is None else model
    amplitude = float(_setting(ref, "amplitude_A_per_m2"))
    bz = float(_setting(ref, "Bz_T"))
    width = float(ref.settings.get("width_s", DEFAULT_WIDTH))
    period = float(ref.settings.get("period_s", DEFAULT_PERIOD))
    engine = ThieleEngine(model, devices=1, seed=seed, record_events=False, threads=1)
    engine.settle_radius(bz)
    n = len(ref.pulse)
    in_chamber, created, exited = (np.zeros(n, dtype=np.int64) for _ in range(3))
    for k, phase in enumerate(ref.phase):
        engine.advance(amplitude if phase == "potentiation" else -amplitude, bz, width)
        engine.advance(0.0, bz, period - width)
        in_chamber[k] = engine.counts_inside()[0]
        created[k] = engine.created()[0]
        exited[k] = created[k] - engine.counts()[0]
    return ParticleRun(in_chamber, created, exited)


def deviations(ref: ReferenceTrajectory, run: ParticleRun) -> tuple[float, float]:
    """(largest, RMS) |particle - LLG| of the in-chamber count over the reference's pulse periods."""
    diff = (run.in_chamber - ref.in_chamber).astype(float)
    return float(np.abs(diff).max()), float(math.sqrt(np.mean(diff**2)))


def max_tolerance(peak: float) -> float:
    """Accepted largest deviation for an LLG peak count `peak` (skyrmions)."""
    return max(MAX_DEVIATION_FLOOR, MAX_DEVIATION_SHARE * peak)


def rms_tolerance(peak: float) -> float:
    """Accepted RMS deviation for an LLG peak count `peak` (skyrmions)."""
    return max(RMS_DEVIATION_FLOOR, RMS_DEVIATION_SHARE * peak)


def rows(path: Path, seed: int = SEED) -> list[Row]:
    """The rows of one reference file: largest and RMS deviation, created and final count."""
    ref = read_reference(path)
    model = particle_model(ref)
    run = run_particles(ref, seed, model)
    largest, rms = deviations(ref, run)
    name = f"{PREFIX}{condition_of(path)}"
    pot = [k for k, p in enumerate(ref.phase) if p == "potentiation"]
    end_pot = pot[-1] if pot else 0
    summary = (f"LLG {path.name} (j {ref.settings.get('amplitude_A_per_m2')} A/m^2, Bz "
               f"{ref.settings.get('Bz_T')} T, {len(ref.pulse)} pulse periods): created {ref.created[-1]}, "
               f"peak {ref.peak}, end of potentiation {ref.in_chamber[end_pot]}, final {ref.in_chamber[-1]}; "
               f"particles (seed {seed}): created {run.created[-1]}, peak {run.in_chamber.max()}, end of "
               f"potentiation {run.in_chamber[end_pot]}, final {run.in_chamber[-1]} (edge law "
               f"{edge_law(model)})")
    peak = float(ref.peak)
    return [
        Row(f"{name}_max_deviation", largest, 0.0, max_tolerance(peak), "skyrmions", summary),
        Row(f"{name}_rms_deviation", rms, 0.0, rms_tolerance(peak), "skyrmions", summary),
        Row(f"{name}_created", float(run.created[-1]), float(ref.created[-1]),
            max_tolerance(float(ref.created[-1])), "skyrmions", summary),
        Row(f"{name}_end_of_potentiation", float(run.in_chamber[end_pot]), float(ref.in_chamber[end_pot]),
            max_tolerance(peak), "skyrmions", summary),
        Row(f"{name}_final_in_chamber", float(run.in_chamber[-1]), float(ref.in_chamber[-1]),
            max_tolerance(peak), "skyrmions", summary),
    ]
