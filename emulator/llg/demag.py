"""Demagnetisation (magnetostatic) energy: a switch between none, local thin-film and full FFT convolution.

Energy density (J/m^3) and effective field (T):

    e_d = -(Ms / 2) m . B_d,        B_d = -mu0 Ms N * m,

- "none":  B_d = 0 (what the paper's 7.3 nm skyrmion diameter corresponds to, physics.md section 5);
- "local": the thin-film limit N = diag(0, 0, 1) cell by cell, B_d = -mu0 Ms m_z z, e_d = mu0 Ms^2 m_z^2 / 2,
  i.e. the shape anisotropy that turns Ku into K_eff = Ku - mu0 Ms^2 / 2;
- "full":  N is the Newell cell-to-cell tensor (`emulator.llg.newell`), convolved with m by zero-padded FFT
  (numpy.fft) as in mumax3 `demag.go` / OOMMF `Oxs_Demag`; open (non-periodic) boundaries only.

The Fourier-transformed kernel depends only on the mesh; it is built on first use and kept in the
`Magnet.workspace`.
"""
from __future__ import annotations

import dataclasses

import numba
import numpy as np

from emulator.llg import local
from emulator.llg.newell import layer_tensor
from emulator.llg.term import EnergyTerm
from emulator.material import MU0
from skybench.errors import ParameterError, check_choice

DEMAG_MODES = ("none", "local", "full")
"""The demagnetisation treatments (see the module docstring)."""


@dataclasses.dataclass(frozen=True)
class Demag(EnergyTerm):
    """Magnetostatic self-energy in one of `DEMAG_MODES`."""

    mode: str = "local"
    """'none', 'local' (thin-film) or 'full' (Newell tensor, FFT)."""

    def __post_init__(self):
        check_choice("demag", self.mode, DEMAG_MODES)

    def check(self, magnet):
        mesh = magnet.mesh
        if self.mode == "full" and (mesh.periodic_x or mesh.periodic_y):
            raise ParameterError("demag", "full", "'none' or 'local' on a periodic mesh (full demag is open)")

    def add_field(self, m, out, magnet, t=0.0):
        if self.mode == "local":
            local_demag_add_field(m, magnet.mask, MU0 * magnet.Ms, out)
        elif self.mode == "full":
            out += full_demag_field(m, magnet)

    def local_coefficients(self, magnet, t, coefficients):
        if self.mode == "full":
            return False
        if self.mode == "local":
            coefficients[local.KZ] -= MU0 * magnet.Ms
        return True

    def energy_density(self, m, magnet, t=0.0):
        if self.mode == "none":
            return np.zeros(magnet.mesh.shape)
        return self.quadratic_energy_density(m, magnet, t)

    def max_field(self, magnet):
        return 0.0 if self.mode == "none" else MU0 * magnet.Ms


def demag_kernel(magnet) -> tuple[np.ndarray, ...]:
    """rfft2 of (Nxx, Nyy, Nzz, Nxy) on the padded grid, cached in `magnet.workspace`."""
    key = "demag-kernel"
    if key not in magnet.workspace:
        mesh = magnet.mesh
        tensor = layer_tensor(mesh.nx, mesh.ny, mesh.dx, mesh.dy, mesh.dz)
        magnet.workspace[key] = tuple(np.fft.rfft2(component) for component in tensor)
    return magnet.workspace[key]


def full_demag_field(m: np.ndarray, magnet) -> np.ndarray:
    """B_d = -mu0 Ms N * m (T) by zero-padded FFT convolution, shape (3, ny, nx)."""
    mesh = magnet.mesh
    kxx, kyy, kzz, kxy = demag_kernel(magnet)
    shape = (2 * mesh.ny, 2 * mesh.nx)
    mx = np.fft.rfft2(m[0], s=shape)
    my = np.fft.rfft2(m[1], s=shape)
    mz = np.fft.rfft2(m[2], s=shape)
    scale = -MU0 * magnet.Ms
    field = np.empty_like(m)
    field[0] = np.fft.irfft2(kxx * mx + kxy * my, s=shape)[: mesh.ny, : mesh.nx]
    field[1] = np.fft.irfft2(kxy * mx + kyy * my, s=shape)[: mesh.ny, : mesh.nx]
    field[2] = np.fft.irfft2(kzz * mz, s=shape)[: mesh.ny, : mesh.nx]
    field *= scale
    field[:, ~magnet.mask] = 0.0
    return field


@numba.njit(cache=True)
def local_demag_add_field(m, mask, mu0_ms, out):
    """out_z -= mu0 Ms m_z (thin-film shape anisotropy)."""
    ny, nx = mask.shape
    for j in range(ny):
        for i in range(nx):
            if mask[j, i]:
                out[2, j, i] -= mu0_ms * m[2, j, i]
