"""Thermally activated nucleation and annihilation (Arrhenius rates with current- and field-dependent barriers).

Both follow nu = f0 exp(-E / k_B T) with T the film temperature including Joule heating (at T = 0 an event
fires at rate f0 once its barrier has vanished, and never before):
- Annihilation of a skyrmion (collapse through a Bloch point at a defect or under current excitation;
  Woo et al., Nat. Electron. 1, 288 (2018)):
      E_a = kappa_i E_a0 * [(B_a - B_eff) / (B_a - B_ref)]^(3/2) * [1 - j_e / j_a]^(3/2)   (brackets >= 0),
  the 3/2 powers being the generic saddle-node scaling of a barrier near its instability. B_eff includes the
  stray field of the neighbours, so crowded skyrmions are easier to remove; j_e is the local current density
  of the erasing polarity (reversed pulses in the paper's Hall bar, where the same contacts create with one
  polarity and delete with the other, ref. 11), zero for the other polarity; kappa_i is the skyrmion's own
  log-normal barrier factor (its defect environment).
- Nucleation at a site of critical current j_c and zero-current barrier E_n0, only for the site's polarity:
      E_n = (E_n0 + m_n (B - B_ref)) * [1 - p j / j_c]^(3/2),   p j > 0,
  where m_n is the moment of the critical nucleus (a larger field makes a reversed nucleus costlier).
"""
import math

import numba

from emulator.material import K_B


@numba.njit(cache=True)
def arrhenius_rate(f0, barrier, temperature):
    """nu = f0 exp(-E / k_B T) (1/s); at T = 0 the rate is f0 when E <= 0 and 0 otherwise."""
    if barrier <= 0.0:
        return f0
    if temperature <= 0.0:
        return 0.0
    return f0 * math.exp(-barrier / (K_B * temperature))


@numba.njit(cache=True)
def annihilation_barrier(E0, field_scale, reference_field, current_scale, b_eff, j_local):
    """E_a (J) for effective field b_eff (T) and local current density magnitude j_local (A/m^2)."""
    field_factor = (field_scale - b_eff) / (field_scale - reference_field)
    if field_factor <= 0.0:
        return 0.0
    current_factor = 1.0 - abs(j_local) / current_scale
    if current_factor <= 0.0:
        return 0.0
    return E0 * field_factor ** 1.5 * current_factor ** 1.5


@numba.njit(cache=True)
def nucleation_barrier(E0, moment, reference_field, critical_current, polarity, b, j_site):
    """E_n (J), or -1 when the current has the wrong polarity for this site (no nucleation)."""
    drive = polarity * j_site
    if drive <= 0.0:
        return -1.0
    base = E0 + moment * (b - reference_field)
    factor = 1.0 - drive / critical_current
    if factor <= 0.0 or base <= 0.0:
        return 0.0
    return base * factor ** 1.5
