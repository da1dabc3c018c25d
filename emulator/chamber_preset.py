"""The paper's simulated ideal synapse (Fig. 4b): the chamber_150nm material (OOMMF parameters of the
Methods) and the 150 nm chamber device built on it (SI floats, each with its source).

Parameters the paper does not give are marked "assumed" (a literature-typical value, or a set-up choice shared
with the LLG reference) or "fitted" (chosen so that the model reproduces one of the paper's observations, named
beside it).

The chamber is the particle stand-in of its LLG reference (issue 10): it runs what `skybench llg --preset
chamber_150nm --protocol fig4b --pad-write entrance` runs (uniform current, thin-film local demag, 1 nm cells,
theta_SH 0.9, the entrance write rule, 0 K, and the same film: the terminals end in closed edges, no exits) and
takes from LLG runs whatever they can decide: the radius law and the Thiele coefficients from the relaxed profile
with the LLG's demag, and from the LLG calibration file the pair law, the edge law (an exponential with an inner
term: the LLG push levels off at ~1.1 pN ~11 nm from an edge, where the skyrmion is squeezed), the edge's escape
gap (a skyrmion whose rim comes within ~4 nm of an edge leaves through it) and how much a neighbour or an edge
squeezes a skyrmion (as an equivalent field: a squeezed skyrmion takes less SOT force). The edge law, calibrated on a
straight edge, acts on the outline through the DMI boundary term integrated along the closed edges (`EDGE_LAW`),
so the corners of the pad opening and of the right terminal push as the geometry says, with no parameter
added. Nothing is fitted to the
paper's counts (before issue 10: four values were, theta_SH, the 1.5e-11 N edge force, the pad's 35 nm blockade
and its write rule). Assumed, because the LLG cannot decide them: theta_SH (the LLG's own set-up choice), the
write point and the blockade (the write rule the LLG reference shares), the write/collapse attempt frequency,
and the annihilation barrier law, which at 0 K and these currents never vanishes and so does not act on the
counts. `skybench validate` compares the preset with the stored LLG trajectories (rows fig4b_<condition>_...).
"""
from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
from scipy.optimize import brentq

from emulator.device_preset import DamageLimits, DevicePreset
from emulator.geometry import Electrode, Geometry, Rectangle
from emulator.material import MU0, Material
from emulator.readout import MTJReadout
from emulator.thiele.exchange_tail import ExchangeRepulsion, pair_force
from emulator.thiele.field_table import FieldTable
from emulator.thiele.heating import Heating
from emulator.thiele.lifecycle import Annihilation
from emulator.thiele.nucleation import Nucleation, NucleationSite
from emulator.thiele.model import StepControl, ThieleModel
from emulator.thiele.pinning import Pinning
from emulator.thiele.calibration import load_calibration
from emulator.thiele.sot import SOTDrive

NM = 1e-9

CHAMBER_150NM = Material(
    name="chamber_150nm",
    Ms=500e3,           # A/m, paper Methods
    A=15e-12,           # J/m, paper Methods
    D=3.5e-3,           # J/m^2, paper Methods
    Ku=0.9e6,           # J/m^3, paper Methods
    alpha=0.3,          # paper Methods
    thickness=0.4e-9,   # m, paper Methods
    theta_SH=0.9,       # assumed: the set-up choice of the LLG reference (not given in the Methods), inside
                        # emulator.llg.chamber.THETA_SH_RANGE (0.01-3.5: a value near 1 needs a topological-
                        # insulator-class spin source); the LLG sweep of theta_SH (0.3 / 0.9 / 2.0: 2 / 4 / 7
                        # writes in 40 pulses, emulator/calibrations/llg_reference/fig4b_theta*.json) shows how its
                        # counts depend on it, and the particles follow each. Not fitted to any count.
    resistivity=2.0e-7, # Ohm m, assumed (Pt-like heavy-metal track)
    source="Song et al., Methods 'Skyrmion synapse simulation' (OOMMF parameters, refs 40-42)",
)


CALIBRATIONS = Path(__file__).parent / "calibrations"
"""Folder of the bundled LLG calibration files and reference trajectories."""
CHAMBER_CALIBRATION = CALIBRATIONS / "chamber_150nm.json"
"""LLG calibration of the chamber material with the LLG reference's settings: `skybench calibrate --preset
chamber_150nm --cell 1e-9 --demag local` (the paper's 1 nm cells, thin-film local demag)."""
CHAMBER_CALIBRATION_NO_DEMAG = CALIBRATIONS / "chamber_150nm_demag_none.json"
"""The earlier calibration without demag on 0.5 nm cells (`--cell 0.5e-9 --demag none`): the laws of the
seeded six-skyrmion LLG comparison, which runs demag 'none' (emulator/llg/validation/thiele_agreement.py)."""
WRITE_POINT = (8e-9, 83e-9)
"""Where the pad writes a skyrmion (m, outline coordinates: the chamber spans [0, 150 nm]^2). Assumed: shared
write rule of the LLG reference and the particle model (`skybench llg --pad-write entrance`,
emulator.llg.chamber.ENTRANCE_CENTRE); the LLG cannot decide it because the Methods' local-field nucleation
writes no skyrmion into the chamber in this solver (emulator/llg/chamber.py, module docstring)."""
WRITE_BLOCKADE = 35e-9
"""No write while a skyrmion centre is within this distance of `WRITE_POINT` (m). Assumed: shared write rule
of the LLG reference and the particle model (emulator.llg.chamber.Fig4bProtocol.pad_blockade); the LLG cannot
decide it because the Methods' local-field nucleation writes no skyrmion into the chamber in this solver."""
EDGE_LAW = "boundary_term"
"""How the LLG's straight-edge calibration acts on the chamber outline (emulator.thiele.exchange_tail.EDGE_LAWS):
the outer term as the DMI boundary term, a K1(r / xi) (n . r_hat) line density along the closed edges, so an
edge pushes according to how it faces the skyrmion; the inner term as the tail overlap integrated along the
edges. Both give the calibrated law on a straight edge; no parameter is added. Chosen by LLG evidence
(emulator/llg/validation/terminal_mouth.py): skyrmions released at rest in front of the 20 nm right terminal move
under 0.31-0.48 pN, which this law follows within 0.04-0.11 pN RMS, where the scalar 'tail_integral' density
(the preset's law until 2026-12-07) pushed 0.46-0.94 pN: it counted the terminal's walls, which face the chamber
end-on, and so held the particles ~16 nm off the corner (150, 85) nm on which the LLG's skyrmions die. On a
straight wall and in a concave corner both laws follow the LLG (0.04-0.07 pN RMS). The 'straight' law pushed at
the pad opening's corner (0, 95) nm as a straight edge 14 nm away, ~1.7x the integral's push there."""
WRITE_ATTEMPT_FREQUENCY = 1e13
"""Rate of a write (and of a 0 K collapse) once nothing blocks it (1/s): the LLG reference writes at the start of
the pulse, so the particle site must fire within its first step (4 ps): 1 - exp(-40). Also the collapse rate of a
skyrmion whose barrier has vanished (a ~0.1 ps precession time, 1 / (gamma B) at the ~50 T exchange field of
its core), which at 0 K only sets how fast a doomed skyrmion goes."""


PAIR_CUTOFF_DRIVE_CURRENT = 3e10
"""Current density of the weakest drive the chamber is checked under (A/m^2): the lowest of the stored LLG
reference conditions (emulator/calibrations/llg_reference/fig4b_j3e10_b180mT.json)."""
PAIR_CUTOFF_FRACTION = 0.01
"""The pair force at the cutoff as a fraction of that drive (dimensionless): numerical, by the stated rule."""


def pair_cutoff(repulsion: ExchangeRepulsion, drive: float) -> float:
    """Centre distance (m) where the pair law between two skyrmions of the law's radius R0 has fallen to
    PAIR_CUTOFF_FRACTION of `drive` (N). For the bundled calibration (U0 4.15e-19 J, xi 5.69 nm) and the SOT force
    at 3e10 A/m^2 (4.4e-13 N) it is 50.4 nm. Converged: 45, 51 and 60 nm gave the same fig4b counts with the open
    pad ends of session 5 (benchmarks/pair_cutoff_rows.py), where 30 nm (pair force 2e-13 N, half the net force
    on a relaxing skyrmion) moved them."""
    def excess(rho):
        return pair_force(repulsion.U0, repulsion.xi, repulsion.R0, rho, repulsion.R0, repulsion.R0) \
            - PAIR_CUTOFF_FRACTION * drive
    return float(brentq(excess, repulsion.xi, 100.0 * repulsion.xi, xtol=1e-12))


def chamber_150nm(calibration: str | Path | None = CHAMBER_CALIBRATION, current: str = "uniform",
                  demag: str = "local") -> DevicePreset:
    """The paper's simulated ideal synapse (Fig. 4b): the LLG reference's set-up run by particles.

    Every parameter an LLG run can decide comes from it: G and D from the relaxed profile (radial minimiser,
    demag `demag`, the LLG's 'local' by default: radius 5.0 nm at 0.2 T), the SOT force from the same profile
    and the LLG's theta_SH, the skyrmion-skyrmion and skyrmion-edge laws from the LLG calibration file
    `calibration` (None: the analytic exchange-tail estimates, U0 = 4 pi A t, xi = sqrt(A / (K_eff + Ms B / 2)),
    and an edge acting as a mirror skyrmion, F_edge(d) = F_pair(2 d)); either edge law acts through `EDGE_LAW`
    (the straight-edge law integrated along the outline). The current is uniform by default
    (`current`, as OOMMF's spin-Hall torque and the LLG reference; 'flow' is the Laplace distribution). The pad
    writes with the LLG reference's entrance rule (`WRITE_POINT`, `WRITE_BLOCKADE`, once per pulse).
    """
    m = CHAMBER_150NM
    outline = np.array([[-50, 55], [0, 55], [0, 0], [150, 0], [150, 65], [200, 65], [200, 85], [150, 85],
                        [150, 150], [0, 150], [0, 95], [-50, 95]], float) * NM
    geometry = Geometry(
        name="chamber_150nm", outline=outline, exits=(),   # the terminals' ends are film edges, as in the LLG
        electrodes=(Electrode("left", np.array([[-51, 50], [-46, 50], [-46, 100], [-51, 100]]) * NM, 1.0),
                    Electrode("right", np.array([[196, 60], [201, 60], [201, 90], [196, 90]]) * NM, 0.0)),
        effective_area=Rectangle(0.0, 0.0, 150 * NM, 150 * NM),
        nominal_width=150 * NM,       # paper: j normalised by the chamber width
        grid_step=1 * NM)             # paper's cell size
    table = FieldTable.from_radial_minimiser(m, b_max=1.0, db=0.01, demag=demag)
    escape_gap = 0.0
    if calibration is not None:
        measured = load_calibration(calibration)
        repulsion = dataclasses.replace(measured.repulsion(), edge_law=EDGE_LAW)
        escape_gap = measured.edge_escape_gap or 0.0
    else:  # analytic exchange-tail estimates (physics.md section 2), no LLG
        radius = table.at(0.2)[0]
        k_eff = m.Ku - (0.5 * MU0 * m.Ms**2 if demag != "none" else 0.0)
        tail = math.sqrt(m.A / (k_eff + m.Ms * 0.2 / 2))
        pair = ExchangeRepulsion(U0=4 * math.pi * m.A * m.thickness, xi=tail, R0=radius)
        mirror = pair_force(pair.U0, tail, radius, 2 * radius, radius, radius)
        repulsion = dataclasses.replace(pair, edge_F0=mirror, edge_xi=tail / 2, edge_R0=radius, edge_law=EDGE_LAW)
    sot = SOTDrive(theta_SH=m.theta_SH)
    weakest = sot.coefficient * table.at(0.2)[2] * PAIR_CUTOFF_DRIVE_CURRENT
    forces = (sot
              + repulsion
              + Pinning(threshold=0.0)
              + Heating(resistivity=m.resistivity, stack_thickness=m.thickness, thermal_conductance=1e9,
                        time_constant=1e-9, noise=False))
    # The LLG reference's entrance write as a nucleation site: no barrier (it fires within the first step of a
    # positive pulse), at most one write per pulse, none while a centre is within the blockade.
    pad = NucleationSite(x=WRITE_POINT[0], y=WRITE_POINT[1], critical_current=1.0e10, barrier=0.0, polarity=1,
                         blockade_radius=WRITE_BLOCKADE, kind="pad")
    model = ThieleModel(
        material=m, geometry=geometry, forces=forces,
        nucleation=Nucleation(sites=(pad,), nucleus_moment=0.0, per_pulse_limit=1),
        # Annihilation barrier law: assumed (no LLG run decides it); at 0 K a skyrmion dies only where the barrier
        # vanishes, 1 - (B - 0.2 T) / 0.8 T - j / 1e14 A/m^2 <= 0, which no field or current of the protocols
        # reaches. It leaves through an edge when its rim comes within the LLG's escape gap of it (the
        # calibration's edge_escape block; the outline has no exits: the LLG film ends at the terminals' ends).
        # Without a calibration: within 0.3 radii of an edge (assumed).
        annihilation=Annihilation(attempt_frequency=WRITE_ATTEMPT_FREQUENCY, barrier=1e-18, field_scale=1.0,
                                  reference_field=0.2, current_scale=1e14,
                                  edge_expulsion=0.0 if escape_gap else 0.3, edge_escape_gap=escape_gap),
        table=table,
        step=StepControl(max_displacement=0.2 * NM, max_step=4e-12, cutoff=pair_cutoff(repulsion, weakest),
                         min_radius=0.5 * NM, capacity=128),
        temperature=0.0,
        hall_sign=-1,   # Q = -1 core-down Neel skyrmion: deflects to +y under +x drive, as the LLG reference
                        # (tests/emulator/llg/test_llg_thiele_agreement.py)
        current=current)
    return DevicePreset(
        name="chamber_150nm", model=model,
        readout=MTJReadout(parallel_resistance=3e3, tmr=2.0),  # paper Methods table: Ron 3 kOhm, TMR 200 %
        limits=DamageLimits(max_current_density=5e11, max_temperature=600.0),
        relaxation_time=0.10e-9, track_thickness=m.thickness, track_width=150 * NM,
        track_resistance=m.resistivity * 350 * NM / (40 * NM * m.thickness),
        source="paper Methods (geometry, material, pulses, 0 K); the LLG reference's set-up (uniform current, "
               "local demag, theta_SH 0.9, entrance write rule, assumed); pair and edge laws from the LLG "
               "calibration (emulator/calibrations/chamber_150nm.json), the edge law integrated along the "
               "outline ('boundary_term'); nothing fitted to counts")
