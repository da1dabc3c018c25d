"""Thermally activated nucleation and annihilation (Arrhenius rates with current- and field-dependent barriers).

Both follow nu = f0 exp(-E / k_B T) with T the film temperature including Joule heating (at T = 0 an event
fires at rate f0 once its barrier has vanished, and never before). Each barrier vanishes at a saddle-node
whose distance is a sum of the driving terms, with the generic 3/2 power (field and current add, so a field
step moves the current threshold at every current):
- Annihilation of a skyrmion (collapse through a Bloch point at a defect or under current excitation;
  Woo et al., Nat. Electron. 1, 288 (2018), ref. 11 of the paper):
      E_a = kappa_i E_a0 * [1 - (B_eff - B_ref) / (B_a - B_ref) - j_s / j_a]^(3/2)   (bracket >= 0).
  B_eff includes the stray field of the neighbours, so crowded skyrmions are easier to remove. j_s = -chi j_e
  is the signed compressing drive: the damping-like SOT on a Neel texture of fixed chirality chi (the stack's
  DMI and spin Hall signs) expands it under nominal current of sign chi and compresses it under -chi, as the
  same contact creates a skyrmion with one polarity and deletes it with the other (ref. 11); j_e is the local
  current density magnitude. kappa_i is the skyrmion's own log-normal barrier factor (its defect environment).
- Nucleation at a site of critical current j_c and barrier E_n0 at B_ref and zero current:
      E_n = E_n0 * [1 - p j / j_c + (B - B_ref) / dB_n]^(3/2),   dB_n = 3 E_n0 / (2 m_n),
  for p j >= 0 (p = chi at a contact; a defect, p = 0, answers either sign with |j|: its canted texture is
  excited by either torque), m_n the moment of the critical nucleus (dE_n/dB at rest): a larger field makes a
  reversed nucleus costlier and raises the critical current. At j = 0 the same law gives the thermal entry of
  reversed domains into a saturated film (emulator/film_state.py).
"""
import math

import numba

from emulator.material import K_B


@numba.njit(cache=True, inline="always")
def arrhenius_rate(f0, barrier, temperature):
    """nu = f0 exp(-E / k_B T) (1/s); at T = 0 the rate is f0 when E <= 0 and 0 otherwise."""
    if barrier <= 0.0:
        return f0
    thermal = K_B * temperature
    if thermal <= 0.0:  # T <= 0, or a decayed Joule rise so small that k_B T underflows to 0
        return 0.0
    return f0 * math.exp(-barrier / thermal)


@numba.njit(cache=True, inline="always")
def annihilation_barrier(E0, field_scale, reference_field, current_scale, b_eff, j_compress):
    """E_a (J) at effective field b_eff (T) under the signed compressing SOT drive j_compress (A/m^2)."""
    distance = 1.0 - (b_eff - reference_field) / (field_scale - reference_field) - j_compress / current_scale
    if distance <= 0.0:
        return 0.0
    return E0 * distance ** 1.5


NEGLIGIBLE_EXPONENT = 800.0
"""E / k_B T beyond which exp(-E / k_B T) is exactly 0 in double precision (it underflows below e^-745.2)
(dimensionless): `annihilation_rate_is_zero`'s bound."""
SAFE_BARRIER = 1e-290
"""Smallest lower bound of a barrier (J) `annihilation_rate_is_zero` trusts: above it every product is a normal
number, so the bound's relative rounding stays ~1e-16."""
BOUND_SHRINK = 1.0 - 1e-9
"""Factor that keeps the bound below the barrier whatever the rounding of either (dimensionless)."""


@numba.njit(cache=True, inline="always")
def annihilation_rate_is_zero(E0, kappa, field_scale, reference_field, current_scale, b_eff, j_compress,
                              temperature):
    """True when arrhenius_rate of kappa * annihilation_barrier(...) at `temperature` (K) is certainly exactly 0,
    decided without the 3/2 power and the exponential: a lower bound of the barrier,
    kappa E0 min(d, d^2) <= kappa E0 d^(3/2), is positive (T <= 0: no activation) or at least
    NEGLIGIBLE_EXPONENT k_B T (the exponential underflows to 0). False means: compute the rate. Far below the
    saddle-node and with a small Joule rise (the chamber at zero ambient temperature) this holds at nearly every
    step."""
    distance = 1.0 - (b_eff - reference_field) / (field_scale - reference_field) - j_compress / current_scale
    if not distance > 0.0:
        return False
    bound = kappa * (E0 * min(distance, distance * distance)) * BOUND_SHRINK
    if not bound > SAFE_BARRIER:
        return False
    return temperature <= 0.0 or bound > NEGLIGIBLE_EXPONENT * (K_B * temperature)


@numba.njit(cache=True)
def nucleation_barrier(E0, moment, reference_field, critical_current, polarity, b, j_site):
    """E_n (J) at field b (T) and local current density j_site (A/m^2, signed by the nominal current), or -1
    when the current has the wrong polarity for this site (it compresses the nucleus: no nucleation)."""
    drive = abs(j_site) if polarity == 0 else polarity * j_site
    if drive < 0.0:
        return -1.0
    distance = 1.0 - drive / critical_current
    if moment > 0.0 and E0 > 0.0:
        distance += moment * (b - reference_field) / (1.5 * E0)
    if distance <= 0.0:
        return 0.0
    return E0 * distance ** 1.5
