"""The paper's Fig. 4b micromagnetic run: potentiation and depression of the 150 nm chamber synapse.

Methods ('Skyrmion synapse simulation'): a 150 nm x 150 nm chamber with a 50 x 40 nm terminal on the left (the
nucleation pad) and a 50 x 20 nm terminal on the right, 0.4 nm thick, 1 nm x 1 nm x 0.4 nm cells, the
chamber_150nm material, Bz = 200 mT; 125 current pulses of 4e10 A/m^2 (normalised by the 150 nm chamber
width), 0.05 ns long every 0.15 ns, then 125 reversed pulses; during potentiation a square-wave local field on
the left terminal promotes nucleation. Paper: 32 skyrmions created, 31 in the chamber; 28 removed by the
reversed pulses.

Here: the outline and electrodes are the device preset's (`emulator.presets.chamber_150nm`). The current is
uniform by default (`Fig4bProtocol.current`: the Methods give one density "normalised by the width of the
chamber", and OOMMF's spin-Hall torque applies one uniform J); the Laplace flow of the outline
(`emulator.current_flow`, 3.75x in the pad, 7.5x in the exit) is the alternative. Demag is the thin-film local
form by default (the Methods' energy includes demag; full Newell gives the same isolated radius within 0.2 % on
this 0.4 nm film, 4.88 vs 4.87 nm on the 1 nm grid, `emulator.llg.validation`); it makes the relaxed diameter
10.1 nm against the paper's ~7.3 nm, which 'none' gives (7.4 nm). theta_SH (not given in the Methods) is the material's unless
`Fig4bProtocol.theta_SH` sets it within `THETA_SH_RANGE`. Skyrmions are counted after every pulse (centre inside
the chamber square) and tracked between pulses; m_z snapshots are saved as png.

Writing skyrmions during potentiation (`Fig4bProtocol.pad_write`). 'field' is the Methods' procedure: a local
out-of-plane field on the left terminal, on in step with the pulses. What it does in this solver (0 K, 1 nm
cells, uniform j = 4e10 A/m^2, theta_SH = 0.9, 1-12 pulses each, `pad_field_*` settings):
- a uniform -z field on a disk ('disk', 1-10 T, any radius inside the terminal) exerts no torque on the uniform
  m = +z, and the exchange cost of a reversal a few nm across (2A/Ms (pi/L)^2 ~ 8 T for L = 8.5 nm) exceeds
  what the field gains: the disk reverses only where it reaches an edge (DMI canting), leaving half-domains
  with |Q| < 0.7 that retract when the field ends;
- tilting that field by 10 deg (5 T, 8 nm disk) reverses the disk coherently, but its wall has no winding
  (Q ~ 0): the bubble collapses within 0.05 ns of the field's end;
- the stray field of a point dipole over the pad ('dipole', `emulator.llg.tip_field.TipField`; div B = 0 gives
  its rim a radial in-plane part) nucleates a Neel bubble with Q ~ -0.9 when strong and wide enough (8 T under
  a dipole 12 nm high; 5 T at 6-8 nm and 6 T at 10 nm reverse nothing, 10 T at 6 nm neither). With demag
  'none' the 13 nm bubble collapses within 0.02 ns of the field's end (it shrinks past the 3.7 nm equilibrium
  radius on the 1 nm grid); with demag 'local' it widens into a domain across the 40 nm pad, which the next
  field pulse turns into a skyrmion (Q -0.9, r 4.3 nm) under the dipole, which the pulse after that expands
  back across the pad: a period-2 cycle in which the skyrmion never leaves the field spot (uniform j moves it
  ~2-5 nm per pulse, the spot is 17 nm in radius). With the flow current (3.75x in the pad) nothing survives
  a period.
  Short runs of the default (dipole 8 T, 12 nm, demag local, uniform j) against theta_SH, created / in the
  chamber / left (paper 32 / 31 / 3 after 125 + 125 pulses): theta_SH 0.9 (6 pulses): one skyrmion every
  second pulse on the pad, re-expanded by the next field pulse (created 3, in the chamber 0); 0.3 (6 pulses):
  the same with a three-pulse cycle (created 2, in the chamber 0); 2.0 and 3.5 (10 pulses each): no skyrmion at the end of any period. Moving the dipole to 14 nm from the
  chamber opening (-14, 75) nm keeps the same cycle (4 pulses). None of the settings tried writes a skyrmion
  into the chamber; the full 250-pulse counts under this procedure were not run.
'seed' places a relaxed skyrmion on the pad (with the flow current it is driven at the 71 deg Hall angle into
the pad's top edge and dies). 'entrance' writes a relaxed skyrmion inside the chamber next to the pad opening
at the start of a potentiation pulse whenever no skyrmion centre is within `pad_blockade` of the write point,
at most one per pulse: the particle model's pad rule moved to where the pad's skyrmions enter the chamber; it
is a write rule, not nucleation physics.

LLG runs under 'entrance' writes (uniform j, demag local, theta_SH 0.9 unless said, 0 K, 1 thread, Dormand-Prince
(`--stepper rk45`; the default 'rk23' gives the default condition's counts pulse for pulse); created / peak
in the chamber / in the chamber after potentiation / in the chamber at the end / exited; paper 32 / 31 / 31 / 3 /
28 removed). Stored as references in emulator/calibrations/llg_reference/ (README there: commands, run times):
- 4e10 A/m^2, 0.2 T, 125 + 125 pulses: 10 / 9 / 8 / 5 / 3 (4412 s). `skybench llg --preset chamber_150nm
  --protocol fig4b --pad-write entrance --threads 1 --condition default --out DIR`
- 3e10 A/m^2, 0.18 T, 40 + 40: 3 / 3 / 3 / 3 / 0 (`... --amplitude 3e10 --field 0.18 --pulses-per-phase 40`)
- 5e10 A/m^2, 0.22 T, 40 + 40: 4 / 4 / 4 / 3 (one more in the pad) / 0 (`... --amplitude 5e10 --field 0.22
  --pulses-per-phase 40`)
The write rate, not the chamber's capacity, sets the count: a write waits until the last skyrmion has drifted
35 nm (`pad_blockade`) from the write point, which takes 13-14 pulses at 4e10 (writes at pulses 1, 10, 23, 36,
..., 120), 11-15 at 3e10, 8-11 at 5e10. The written skyrmions drift up and right; at the right wall each settles
~20 nm from it and moves down along it between pulses. The theta_SH sweep (4e10 A/m^2, 0.2 T, 40 + 40 pulses,
stored as emulator/calibrations/llg_reference/fig4b_theta*_j4e10_b200mT.json, 2026-12-07), written / in the
chamber after potentiation / at the end: 0.3: 2 / 2 / 2; 0.9: 4 / 4 / 3; 2.0: 7 / 4 / 1 (the reversed pulses
push them back into the pad). Faster drift (larger theta_SH or j) clears the blockade sooner; at theta_SH 0.9 the
paper's 32 writes in 125 pulses would need the written skyrmion to clear 35 nm in ~4 pulses, i.e. ~9 nm per
pulse against the LLG's ~3; at 2.0 it clears it in ~6 pulses.
The exit (`emulator.llg.terminal_exit`, uniform 4e10, theta_SH 0.9, outline cut at x = 90 nm): a relaxed
skyrmion started at (130, 95) nm slides down the right wall (-1.1 nm per period: during a pulse it moves ~1.1 nm
up at the 72 deg Hall angle, between pulses the wall's repulsion moves it down and away) to the middle of the
20 nm opening, reaches x = 136.8 nm (13.2 nm from the opening line) and settles back to x = 132.6 nm,
y = 72-74 nm; radius 4.62-4.80 nm (isolated 4.9 nm; smallest, 4.62 nm, nearest the opening), |Q| 0.91-0.92. It
had not entered the terminal after 30 pulses (4.5 ns; `python -m emulator.llg.terminal_exit --start 130 95
--pulses 30`, 15 min under load). Started at (140, 50) nm, below the opening, it moves down and
away from it. In the default 250-pulse run, too, skyrmions wait in front of the opening. Its two removals during
potentiation are located by a rerun of the first 126 pulses with a snapshot every pulse (`... --pulses 126
--snapshot-every 1`, 1616 s, the same counts as the stored reference, 2026-12-07): at pulses 105 and 121 a skyrmion
waits at (140, 82) nm, 10 nm in front of the opening and ~10 nm from its corner (150, 85) nm, pressed there by the
column of skyrmions along the right wall (x = 122-130 nm at y = 25, 55, 103, 129 nm); one pulse later it is gone,
annihilated on that corner, with no new skyrmion in the terminal. So under the uniform potentiation current a lone
LLG skyrmion parks ~16 nm in front of the 20 nm terminal, and a crowded one is pushed to the corner and dies there;
neither enters the terminal. With the 'tail_integral' edge law the particle model kept its skyrmion in front of
the opening at (134, 71) nm, 16-17 nm from both corners, and missed both removals: that law counted the
terminal's walls, which face the chamber end-on (emulator/llg/validation/terminal_mouth.py). With the
'boundary_term' law (the preset's since 2026-12-07) the particles lose the same two on that corner.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Callable

import numpy as np

from emulator.current_flow import CURRENT_MODES, solve_current
from emulator.llg import skyrmions
from emulator.llg.demag import DEMAG_MODES
from emulator.llg.film import film_energy
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.relax import minimize
from emulator.llg.rk23 import RK23
from emulator.llg.rk45 import RK45
from emulator.llg.state import State
from emulator.llg.textures import profile_skyrmions, write_skyrmion
from emulator.llg.stepper import advance
from emulator.llg.tip_field import TipField
from emulator.llg.torque import SpinOrbitTorque
from emulator.llg.waveform import PulseTrain
from emulator.llg.zeeman import Zeeman
from emulator.material import MU0, Material
from emulator.skyrmion_profile import relax_profile
from skybench.errors import ParameterError, check_choice, check_positive, check_range

PAD_WRITES = ("field", "seed", "entrance")
"""How skyrmions are written during potentiation: a local field pulse along -z on the pad ('field', the paper's
method; no skyrmion results in this solver), a relaxed skyrmion placed on the pad ('seed'; it dies at the pad's
top edge) or at the chamber entrance ('entrance'; it drifts into the chamber): see `Fig4bProtocol.pad_write`."""
STEPPERS = {"rk45": RK45, "rk23": RK23}
"""The time integrators a chamber run can use, by name (`Fig4bProtocol.stepper`)."""
ENTRANCE_CENTRE = (8e-9, 83e-9)
"""Default write point of the 'entrance' mode (m, outline coordinates): see `Fig4bProtocol.entrance_centre`."""
PAD_FIELD_PROFILES = ("disk", "dipole")
"""Shape of the local nucleation field: a uniform field along -z (tilted by `pad_field_tilt`) on a disk of
`pad_radius` ('disk'), or the stray field of a point dipole at `pad_field_height` over the pad centre, -z
under it with a radial in-plane part at its rim ('dipole', `emulator.llg.tip_field.TipField`)."""
PAD_FIELD_TIMINGS = ("pulse", "gap")
"""When the local nucleation field is on: during each current pulse ('pulse', the Methods' "square-wave
fashion" read as in phase with the pulses) or in the space after each pulse ('gap')."""
THETA_SH_RANGE = (0.01, 3.5)
"""Accepted damping-like spin Hall angles (dimensionless): from light/weak heavy metals (~0.01) to the largest
measured room-temperature efficiencies, Bi2Se3 topological insulator/ferromagnet bilayers 2.0-3.5 (Mellnik et
al., Nature 511, 449 (2014)). Heavy metals: Pt 0.07-0.2 (Wang et al., PRL 112, 197201 (2014); Nguyen et al.,
PRL 116, 126601 (2016)), beta-W 0.3-0.5 (Pai et al., APL 101, 122404 (2012)); a value near 1 needs a
topological-insulator-class material."""
AMPLITUDE_RANGE = (0.0, 5e11)
"""Accepted nominal current densities of a pulse (A/m^2; the phase gives the sign): above zero, up to the
chamber_150nm preset's damage threshold (`emulator.chamber_preset`, DamageLimits.max_current_density; a test
checks that the two agree). The paper's 4e10 and the held-out references' 3e10 and 5e10 lie inside."""
FIELD_RANGE = (0.0, 0.5)
"""Accepted out-of-plane fields Bz on the chamber (T): where the chamber material's isolated skyrmion exists and
is resolved on the paper's 1 nm grid. Radial minimiser, thin-film demag (`emulator.skyrmion_profile`): radius
7.5 nm at 0 T (kappa = pi D / (4 sqrt(A K_eff)) = 0.82 < 1: metastable without field), 5.1 nm at the paper's
0.2 T, 3.6 nm (3.6 cells, below one wall width sqrt(A/K_eff) = 4.5 nm) at 0.5 T; a field against the background
(Bz < 0) swells it (8.8 nm at -0.05 T, 12 nm at -0.1 T) towards strip-out in the 150 nm chamber."""
PHASES = ("potentiation", "depression")
"""Where the run starts."""
MAX_INITIAL_SKYRMIONS = 64
"""Most skyrmions that can be placed in the chamber at the start (dimensionless)."""
INITIAL_TORQUE_TOL = 1e-2
"""Relaxation threshold of the initial state (T): enough to settle edge canting and skyrmion profiles (placed
skyrmions repel and would drift for long before a tighter threshold)."""
INITIAL_ITERATIONS = 2000
"""Most minimiser iterations for the initial state (dimensionless): profiles settle in a few hundred;
placed skyrmions keep repelling each other slowly, which the pulses then continue."""
CHAMBER_SIDE = 150e-9
"""Side of the chamber square (m), paper Methods; it spans x, y in [0, 150 nm] of the preset outline."""


@dataclasses.dataclass(frozen=True)
class Fig4bProtocol:
    """Pulse train, fields and discretisation of the chamber run."""

    amplitude: float = 4e10
    """Nominal current density of a pulse (A/m^2), paper Methods; within `AMPLITUDE_RANGE`."""
    width: float = 0.05e-9
    """Pulse length (s), paper Methods."""
    period: float = 0.15e-9
    """Pulse period (s), paper Methods."""
    pulses: int = 125
    """Pulses per phase (potentiation, then the same number reversed), paper Methods."""
    Bz: float = 0.2
    """Field on the chamber (T), paper Methods; within `FIELD_RANGE`."""
    theta_SH: float | None = None
    """Damping-like spin Hall angle (dimensionless); None: the material's. Not given in the paper (Methods):
    within `THETA_SH_RANGE`; the LLG sweep of it is stored as reference trajectories
    (emulator/calibrations/llg_reference/fig4b_theta*_j4e10_b200mT.json, module docstring)."""
    pad_field: float = 8.0
    """Local nucleation field along -z (T): for 'dipole' the field under the dipole, for 'disk' the field on the
    disk. Assumed (not given in the paper): 8 T under a dipole 12 nm high is the weakest of those tried that
    nucleates a bubble (module docstring)."""
    pad_field_tilt: float = 0.0
    """Tilt of the local field from -z towards +x (degrees): breaks the symmetry of a field exactly opposite to
    the uniform magnetisation (zero torque; only edges, where DMI cants m, can start a reversal at 0 K)."""
    pad_field_timing: str = "pulse"
    """When the local field is on (`PAD_FIELD_TIMINGS`)."""
    pad_field_profile: str = "dipole"
    """Shape of the local field (`PAD_FIELD_PROFILES`): 'dipole' by default, the one that nucleates a bubble with
    a skyrmion's winding (module docstring)."""
    pad_field_height: float = 12e-9
    """Height of the dipole over the film for the 'dipole' profile (m); its -z spot has radius sqrt(2) h."""
    pad_field_side: int = 1
    """Side of the film the dipole is on for the 'dipole' profile: +1 above (in-plane rim field outward), -1
    below (inward)."""
    pad_centre: tuple[float, float] = (-25e-9, 75e-9)
    """Centre of the nucleation field (m, outline coordinates): the middle of the left terminal."""
    pad_radius: float = 8e-9
    """Radius of the disk the nucleation field covers (m); assumed. A field over the whole terminal reverses
    it edge to edge, and that domain retracts without leaving a skyrmion."""
    pad_write: str = "field"
    """'field': the `pad_field` pulse on the pad disk (the paper's OOMMF method). 'seed' and 'entrance': at the
    start of each potentiation pulse a relaxed skyrmion (`emulator.skyrmion_profile.relax_profile`) is written at
    `write_centre` (`pad_centre` for 'seed', `entrance_centre` for 'entrance') unless a skyrmion centre lies
    within `pad_blockade` of that point: the particle model's pad rule, one write per pulse, only when the
    place is empty. In this solver the field pulses tried (1-10 T, disks in the terminal, at its edges and at
    the chamber corners) leave reversed domains with |Q| < 0.7 that retract when the field ends, and a skyrmion
    seeded on the pad dies at its top edge; 'entrance' replaces the OOMMF local-field nucleation and the pad
    crossing with a write where the pad's skyrmions would enter the chamber (module docstring)."""
    pad_blockade: float = 35e-9
    """No seeded or entrance write while a skyrmion centre is within this distance of `write_centre` (m); the
    particle model's pad blockade radius (emulator.presets.chamber_150nm). It is measured from the write point,
    not from the particle model's pad centre (-25, 75) nm: the entrance point lies 34 nm from that centre, so
    that distance would allow a write onto the skyrmion written one pulse before."""
    entrance_centre: tuple[float, float] = ENTRANCE_CENTRE
    """Where 'entrance' writes (m, outline coordinates), inside the chamber next to the pad opening (x = 0,
    y = 55-95 nm). The particle model's pad skyrmions, written at (-25, 75) nm and carried by the same current
    map (3.75x the nominal density in the 40 nm terminal, Hall deflection to +y), cross x = 0 at y = 81-84 nm;
    8 nm further in (2.4 skyrmion radii) the written profile is clear of the opening's upper corner (0, 95) nm,
    where the current crowds. Written there, an LLG skyrmion follows the particles' path up the left side of
    the chamber, within ~2 nm laterally over 7 pulses (LLG ~5 nm per pulse, particles 6-9 nm)."""
    cell: float = 1e-9
    """Cell size (m), paper Methods."""
    demag: str = "local"
    """Demag treatment (`emulator.llg.demag.DEMAG_MODES`): 'local' by default, the thin-film form of the
    Methods' demag energy, which full Newell matches within 0.2 % on the isolated radius of this 0.4 nm film
    (`skybench validate --only skyrmion_radius_full_demag`). 'none' gives the paper's ~7.3 nm diameter (7.4 nm
    radial minimiser) where 'local' gives 10.1 nm: the paper's diameter does not follow from its parameters with
    demag (physics.md section 5)."""
    current: str = "uniform"
    """'uniform' (the nominal j along +x in every cell) or 'flow' (the Laplace current distribution of the
    outline: 3.75x the nominal density in the 40 nm terminal, 7.5x in the 20 nm one). Default 'uniform': the
    Methods give one current density, "normalised by the width of the chamber", and OOMMF's spin-Hall torque
    takes one uniform J; the flow map is the alternative."""
    stepper: str = "rk23"
    """Time integrator (`STEPPERS`): 'rk23' (Bogacki-Shampine 3(2) with PI step control, mumax3's solver 3) or
    'rk45' (Dormand-Prince 5(4), mumax3's default). At 1 nm cells both take steps set by their stability bound,
    not by `max_err` (the same 3828 Dormand-Prince steps per pulse at max_err 1e-4, 1e-5 and 1e-6), and 'rk23'
    needs 1.55x fewer field evaluations for the same time (`emulator.llg.rk23`). The stored references were run
    with 'rk45'; the 250-pulse default run with 'rk23' gives the same counts pulse for pulse (README)."""
    max_err: float = 1e-5
    """Error bound of the stepper (dimensionless)."""
    snapshot_every: int = 25
    """Save an m_z snapshot every this many pulses (dimensionless)."""
    phase: str = "potentiation"
    """Phase the run starts with: 'potentiation' (+j with the pad field, then -j) or 'depression' (-j only)."""
    initial_skyrmions: int = 0
    """Skyrmions placed in the chamber before the first pulse, on a square grid (dimensionless): lets the
    depression phase run without the potentiation phase."""
    initial_centres: tuple[tuple[float, float], ...] = ()
    """Centres (x, y) of skyrmions placed before the first pulse (m, outline coordinates); instead of the
    grid of `initial_skyrmions` (e.g. the LLG-Thiele chamber comparison places chosen neighbours)."""
    initial_iterations: int = INITIAL_ITERATIONS
    """Most minimiser iterations for the initial state (dimensionless); fewer keep placed neighbours where
    they were put (the minimiser moves repelling skyrmions apart, not along their LLG paths)."""

    def __post_init__(self):
        check_range("amplitude", self.amplitude, *AMPLITUDE_RANGE, "A/m^2", low_inclusive=False)
        check_positive("width", self.width, "s")
        check_range("period", self.period, self.width, None, "s")
        check_range("pulses", self.pulses, 1, 100_000, "")
        check_range("Bz", self.Bz, *FIELD_RANGE, "T")
        if self.theta_SH is not None:
            check_range("theta_SH", self.theta_SH, *THETA_SH_RANGE, "")
        check_range("pad_field", self.pad_field, 0.0, 20.0, "T")
        check_range("pad_field_tilt", self.pad_field_tilt, 0.0, 90.0, "deg")
        check_choice("pad_field_timing", self.pad_field_timing, PAD_FIELD_TIMINGS)
        check_choice("pad_field_profile", self.pad_field_profile, PAD_FIELD_PROFILES)
        check_positive("pad_field_height", self.pad_field_height, "m")
        check_choice("pad_field_side", self.pad_field_side, (1, -1))
        check_positive("pad_radius", self.pad_radius, "m")
        check_choice("pad_write", self.pad_write, PAD_WRITES)
        check_positive("pad_blockade", self.pad_blockade, "m")
        for value in self.entrance_centre:
            check_range("entrance_centre", value, 0.0, CHAMBER_SIDE, "m")
        check_range("cell", self.cell, 0.1e-9, 10e-9, "m")
        check_choice("demag", self.demag, DEMAG_MODES)
        check_choice("current", self.current, CURRENT_MODES)
        check_choice("stepper", self.stepper, tuple(STEPPERS))
        check_range("snapshot_every", self.snapshot_every, 1, None, "")
        check_choice("phase", self.phase, PHASES)
        check_range("initial_skyrmions", self.initial_skyrmions, 0, MAX_INITIAL_SKYRMIONS, "")
        if self.initial_centres and self.initial_skyrmions:
            raise ParameterError("initial_centres", len(self.initial_centres),
                                 "empty when initial_skyrmions is given (one placement at a time)")
        check_range("initial_centres", len(self.initial_centres), 0, MAX_INITIAL_SKYRMIONS, "")
        check_range("initial_iterations", self.initial_iterations, 0, 100_000, "")

    @property
    def write_centre(self) -> tuple[float, float] | None:
        """Where 'seed' or 'entrance' writes (m, outline coordinates); None for 'field'."""
        return {"seed": self.pad_centre, "entrance": self.entrance_centre}.get(self.pad_write)

    @property
    def total_pulses(self) -> int:
        """Pulse periods of the full protocol (both phases, or the depression phase alone)."""
        return 2 * self.pulses if self.phase == "potentiation" else self.pulses

    def check(self, material: Material, geometry) -> None:
        """Raise ParameterError for settings that are unphysical with this material and outline: theta_SH outside
        `THETA_SH_RANGE` (also the material's, when not overridden), a cell larger than the exchange length
        sqrt(2A / (mu0 Ms^2)) or the wall width sqrt(A / Ku), a local field whose disk covers the whole left
        terminal (it reverses the terminal edge to edge)."""
        check_range("theta_SH", self.theta_SH_of(material), *THETA_SH_RANGE, "")
        exchange_length = math.sqrt(2.0 * material.A / (MU0 * material.Ms**2))
        wall = math.sqrt(material.A / material.Ku)
        largest = min(exchange_length, wall)
        if self.cell > largest:
            raise ParameterError("cell", self.cell, f"[1e-10, {largest:.3g}] m (below the exchange length "
                                 f"{exchange_length:.3g} m and the wall width {wall:.3g} m of {material.name})")
        if self.pad_write == "field" and self.pad_field > 0.0:
            terminal = _left_terminal(geometry)
            if terminal is not None:
                x0, y0, x1, y1 = terminal
                cx, cy = self.pad_centre
                corners = max(math.hypot(x - cx, y - cy) for x in (x0, x1) for y in (y0, y1))
                if self.pad_field_profile == "dipole":
                    if math.sqrt(2.0) * self.pad_field_height >= corners:
                        raise ParameterError("pad_field_height", self.pad_field_height,
                                             f"(0, {corners / math.sqrt(2.0):.3g}) m: a dipole whose -z spot "
                                             "(radius sqrt(2) h) leaves part of the left terminal outside")
                elif self.pad_radius >= corners:
                    raise ParameterError("pad_radius", self.pad_radius,
                                         f"(0, {corners:.3g}) m: a disk that leaves part of the left terminal "
                                         "outside (a field over the whole terminal reverses it edge to edge)")

    def theta_SH_of(self, material: Material) -> float:
        """The spin Hall angle of the run: `theta_SH`, or the material's (dimensionless)."""
        return material.theta_SH if self.theta_SH is None else self.theta_SH


@dataclasses.dataclass(frozen=True)
class PulseRecord:
    """The state after one pulse period."""

    pulse: int
    """Pulse number, 1-based over both phases (dimensionless)."""
    phase: str
    """'potentiation' (+j) or 'depression' (-j)."""
    written: bool
    """A skyrmion was written ('seed' or 'entrance') at the start of this pulse."""
    time: float
    """End of the pulse period (s)."""
    in_chamber: int
    """Skyrmions with their centre in the chamber square (dimensionless)."""
    total: int
    """Skyrmions anywhere in the film (dimensionless)."""
    created: int
    """Skyrmions ever seen, cumulative (new tracks) (dimensionless)."""
    removed: int
    """Tracks ended, cumulative (annihilated or left) (dimensionless)."""
    mean_radius: float
    """Mean radius of the skyrmions (m), NaN if none."""


class _Shifted:
    """A region moved by (dx, dy): the mesh origin is the outline's lower-left corner."""

    def __init__(self, region, dx, dy):
        self.region, self.dx, self.dy = region, dx, dy

    def contains(self, x, y):
        return self.region.contains(x + self.dx, y + self.dy)


def build(material: Material, geometry, protocol: Fig4bProtocol):
    """(system, state, chamber test) for the run: relaxed uniform state, drive attached."""
    xmin, ymin, xmax, ymax = geometry.bounds
    mesh = Mesh.covering(xmax - xmin, ymax - ymin, protocol.cell, material.thickness)
    magnet = Magnet.from_region(mesh, _Shifted(geometry, xmin, ymin), material.Ms)
    X, Y = mesh.centres()
    energy = film_energy(material, protocol.demag, protocol.Bz)
    if protocol.phase == "potentiation":
        if protocol.pad_write == "field" and protocol.pad_field > 0.0:
            if protocol.pad_field_timing == "pulse":
                square = PulseTrain(1.0, protocol.width, protocol.period, protocol.pulses)
            else:
                square = PulseTrain(1.0, protocol.period - protocol.width, protocol.period, protocol.pulses,
                                    start=protocol.width)
            cx, cy = protocol.pad_centre
            if protocol.pad_field_profile == "dipole":
                energy = energy + TipField(-protocol.pad_field, (cx - xmin, cy - ymin), protocol.pad_field_height,
                                           side=protocol.pad_field_side, waveform=square, label="pad")
            else:
                disk = np.hypot(X + xmin - cx, Y + ymin - cy) <= protocol.pad_radius
                tilt = math.radians(protocol.pad_field_tilt)
                field = (protocol.pad_field * math.sin(tilt), 0.0, -protocol.pad_field * math.cos(tilt))
                energy = energy + Zeeman(field, waveform=square, region=disk, label="pad")
        current = (PulseTrain(protocol.amplitude, protocol.width, protocol.period, protocol.pulses)
                   + PulseTrain(-protocol.amplitude, protocol.width, protocol.period, protocol.pulses,
                                start=protocol.pulses * protocol.period))
    else:
        current = PulseTrain(-protocol.amplitude, protocol.width, protocol.period, protocol.pulses)
    distribution = None
    if protocol.current == "flow":
        flow = solve_current(geometry)
        jx, jy = flow.at((X + xmin).ravel(), (Y + ymin).ravel())
        distribution = np.stack([jx.reshape(mesh.shape), jy.reshape(mesh.shape)])
    torque = SpinOrbitTorque(protocol.theta_SH_of(material), current, material.thickness, distribution=distribution)
    system = LLG(magnet, energy, alpha=material.alpha, torque=torque)
    m = magnet.uniform((0.0, 0.0, 1.0))
    centres = ([(x - xmin, y - ymin) for x, y in protocol.initial_centres] if protocol.initial_centres
               else _grid(protocol.initial_skyrmions, -xmin, -ymin) if protocol.initial_skyrmions else [])
    if centres:
        profile = relax_profile(material, protocol.Bz, _profile_demag(protocol.demag))
        m = profile_skyrmions(magnet, centres, profile)
    state = State(m=m)
    # The initial state: relaxed in Bz alone (edge canting, placed skyrmions), drives off.
    minimize(LLG(magnet, film_energy(material, protocol.demag, protocol.Bz), alpha=material.alpha), state,
             torque_tol=INITIAL_TORQUE_TOL, max_iterations=protocol.initial_iterations, require_convergence=False)
    def in_chamber(s):
        x, y = s.x + xmin, s.y + ymin
        return 0.0 <= x <= CHAMBER_SIDE and 0.0 <= y <= CHAMBER_SIDE

    return system, state, in_chamber


def _profile_demag(demag: str) -> str:
    """Demag mode of the radial profile used for written or placed skyrmions: the radial minimiser knows 'none'
    and 'local'; for 'full' the thin-film local profile is the starting texture (the LLG then relaxes it)."""
    return "local" if demag == "full" else demag


def _left_terminal(geometry) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) (m) of the outline's part left of the chamber (x < 0): the nucleation pad, or None."""
    xmin, ymin, xmax, ymax = geometry.bounds
    if xmin >= 0.0:
        return None
    x = np.linspace(xmin, 0.0, 200, endpoint=False) + 0.5 * (-xmin) / 200
    y = np.linspace(ymin, ymax, 400)
    X, Y = np.meshgrid(x, y)
    inside = np.asarray(geometry.contains(X, Y), dtype=bool)
    if not inside.any():
        return None
    ys = Y[inside]
    return float(xmin), float(ys.min()), 0.0, float(ys.max())


def is_clear(found, point, blockade: float) -> bool:
    """True when no skyrmion in `found` has its centre within `blockade` (m) of `point` (x, y) (m, the same
    coordinates): the particle model's pad blockade (emulator.thiele, NucleationSite.blockade_radius)."""
    return all(math.hypot(s.x - point[0], s.y - point[1]) >= blockade for s in found)


def _grid(count: int, x0: float, y0: float) -> list[tuple[float, float]]:
    """`count` points on a square grid filling the chamber, offset by (x0, y0) (m)."""
    per_row = int(math.ceil(math.sqrt(count)))
    pitch = CHAMBER_SIDE / per_row
    return [(x0 + (k % per_row + 0.5) * pitch, y0 + (k // per_row + 0.5) * pitch) for k in range(count)]


def run(material: Material, geometry, protocol: Fig4bProtocol, pulses: int | None = None,
        on_pulse: Callable[[PulseRecord, State, Magnet], None] | None = None) -> list[PulseRecord]:
    """Run `pulses` pulse periods (default the whole protocol); one record per pulse, also passed to
    `on_pulse(record, state, magnet)`."""
    total_pulses = protocol.total_pulses if pulses is None else pulses
    check_range("pulses", total_pulses, 1, protocol.total_pulses, "")
    protocol.check(material, geometry)
    system, state, in_chamber = build(material, geometry, protocol)
    stepper = STEPPERS[protocol.stepper](max_err=protocol.max_err)
    points = system.breakpoints()
    magnet = system.magnet
    tracks = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
    xmin, ymin = geometry.bounds[:2]
    writing = protocol.write_centre is not None and protocol.phase == "potentiation"
    if writing:
        point = (protocol.write_centre[0] - xmin, protocol.write_centre[1] - ymin)  # mesh coordinates (m)
        profile = relax_profile(material, protocol.Bz, _profile_demag(protocol.demag))
    created = removed = 0
    records = []
    for k in range(1, total_pulses + 1):
        potentiating = protocol.phase == "potentiation" and k <= protocol.pulses
        written = writing and potentiating and is_clear(tracks, point, protocol.pad_blockade)
        if written:
            state.m = write_skyrmion(magnet, state.m, point, profile)
            state.invalidate()
        advance(system, state, stepper, k * protocol.period, points)
        found = [s for s in skyrmions.find(magnet, state.m) if abs(s.charge) >= skyrmions.MIN_CHARGE]
        matched = skyrmions.match(tracks, found, max_distance=max(10e-9, 20 * protocol.cell))
        created += len(found) - len(matched)
        removed += len(tracks) - len(matched)
        tracks = found
        record = PulseRecord(pulse=k, phase="potentiation" if potentiating else "depression", written=written,
                             time=state.t, in_chamber=sum(1 for s in found if in_chamber(s)),
                             total=len(found), created=created, removed=removed,
                             mean_radius=float(np.mean([s.radius for s in found])) if found else math.nan)
        records.append(record)
        if on_pulse is not None:
            on_pulse(record, state, magnet)
    return records


def snapshot_png(path, magnet, m: np.ndarray, title: str, origin=(0.0, 0.0), mark=None) -> None:
    """Save m_z as an image (red +z, blue -z, grey outside the film). `origin` (m): the coordinates of the mesh's
    lower-left corner, so that the axes read in the outline's coordinates (the chamber at 0-150 nm); `mark`
    (x, y) (m, the same coordinates): a point drawn as a cross (the write point)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mz = np.where(magnet.mask, m[2], np.nan)
    width, height = magnet.mesh.size
    x0, y0 = origin
    fig, ax = plt.subplots(figsize=(6, 6 * height / width + 0.6))
    ax.set_facecolor("0.85")
    image = ax.imshow(mz, origin="lower", cmap="RdBu_r", vmin=-1, vmax=1,
                      extent=(x0 * 1e9, (x0 + width) * 1e9, y0 * 1e9, (y0 + height) * 1e9))
    if mark is not None:
        ax.plot(mark[0] * 1e9, mark[1] * 1e9, "+", color="k", ms=8, mew=1.0)
    fig.colorbar(image, ax=ax, label="m_z", shrink=0.7)
    ax.set_xlabel("x (nm)")
    ax.set_ylabel("y (nm)")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
