"""The standard energy of a perpendicular film with interfacial DMI, built from a `Material`.

    E = Exchange(A) + DMI(D, A) + UniaxialAnisotropy(Ku) + Demag(mode) + Zeeman((0, 0, Bz))

as in the paper's Methods (OOMMF: exchange, perpendicular anisotropy, applied field, demagnetisation, DMI).
"""
from __future__ import annotations

from emulator.llg.anisotropy import UniaxialAnisotropy
from emulator.llg.demag import Demag
from emulator.llg.dmi import DMI
from emulator.llg.exchange import Exchange
from emulator.llg.term import Energy
from emulator.llg.zeeman import Zeeman
from emulator.material import Material


def film_energy(material: Material, demag: str = "local", Bz: float = 0.0) -> Energy:
    """Exchange + DMI + anisotropy + demag (`demag` mode) + uniform field Bz (T) along z for `material`."""
    energy = (Exchange(material.A) + DMI(material.D, material.A) + UniaxialAnisotropy(material.Ku)
              + Demag(demag))
    if Bz:
        energy = energy + Zeeman((0.0, 0.0, Bz))
    return energy
