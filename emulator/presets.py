"""Named material presets (SI floats, each value with its source).

`MATERIALS[name]` gives the `Material` of a preset; device presets (geometry, sites, readout) build on these.
"""
from __future__ import annotations

from emulator.material import MU0, Material

CHAMBER_150NM = Material(
    name="chamber_150nm",
    Ms=500e3,           # A/m, paper Methods (refs 40-42)
    A=15e-12,           # J/m, paper Methods
    D=3.5e-3,           # J/m^2, paper Methods
    Ku=0.9e6,           # J/m^3, paper Methods
    alpha=0.3,          # paper Methods
    thickness=0.4e-9,   # m, paper Methods
    theta_SH=0.4,       # effective damping-like efficiency; not given in the paper, see emulator/presets notes
    resistivity=2.0e-7, # Ohm m, typical Pt/Co-type stack (assumed)
    source="Song et al., skyrmion synapse paper, Methods 'Skyrmion synapse simulation' (OOMMF parameters)",
)

MATERIALS: dict[str, Material] = {
    CHAMBER_150NM.name: CHAMBER_150NM,
}
