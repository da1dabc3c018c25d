"""Micromagnetic LLG reference solver (finite differences, numba) and its Thiele calibration.

Build a problem from one energy term per file, composed with `+`, on a `Magnet` (mesh + mask + Ms):

    magnet = Magnet.full(Mesh(64, 64, 1e-9, 1e-9, 0.4e-9, periodic_x=True, periodic_y=True), Ms=5e5)
    energy = Exchange(A) + DMI(D, A) + UniaxialAnisotropy(Ku) + Demag("local") + Zeeman((0, 0, 0.2))
    system = LLG(magnet, energy, alpha=0.3, torque=SpinOrbitTorque(theta_SH, PulseTrain(...), thickness))
    state = State(m=magnet.uniform())
    minimize(system, state)            # ground state
    run(system, state, RK45(), 1e-9)   # dynamics (RK23() takes fewer field evaluations where stability sets dt)

`TERM_TYPES` lists every energy term type; the shared contract test runs over all of them.
"""
from emulator.llg.anisotropy import UniaxialAnisotropy
from emulator.llg.demag import DEMAG_MODES, Demag
from emulator.llg.dmi import DMI
from emulator.llg.exchange import Exchange
from emulator.llg.heun import Heun
from emulator.llg.llg import LLG
from emulator.llg.magnet import Magnet
from emulator.llg.mesh import Mesh
from emulator.llg.relax import minimize, relax
from emulator.llg.rk23 import RK23
from emulator.llg.rk45 import RK45
from emulator.llg.state import SimulationError, State
from emulator.llg.stepper import advance, run
from emulator.llg.term import Energy, EnergyTerm
from emulator.llg.thermal import ThermalField
from emulator.llg.tip_field import TipField
from emulator.llg.torque import SpinOrbitTorque
from emulator.llg.waveform import Constant, Piecewise, PulseTrain
from emulator.llg.zeeman import Zeeman

TERM_TYPES = (Exchange, DMI, UniaxialAnisotropy, Zeeman, Demag, TipField)
"""Every energy term type (the contract test iterates over this tuple)."""

__all__ = [
    "TERM_TYPES", "Constant", "DEMAG_MODES", "DMI", "Demag", "Energy", "EnergyTerm", "Exchange", "Heun",
    "LLG", "Magnet", "Mesh", "Piecewise", "PulseTrain", "RK23", "RK45", "SimulationError", "SpinOrbitTorque",
    "State", "ThermalField", "TipField", "UniaxialAnisotropy", "Zeeman", "advance", "minimize", "relax", "run",
]
