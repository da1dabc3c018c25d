"""Index layout of the flat float64 parameter vector the kernel reads (one slot per scalar parameter).

Kept in one place so the force terms (which write their slots) and the kernel (which reads them) agree.
"""
# Thiele coefficients
GYRO = 0            # signed gyrocoupling G (kg/s)
DISSIPATION = 1     # alpha * s_tot * t_magnetic (kg/s); alpha D = this * dissipation_integral(R)
# SOT drive
SOT = 2             # k: F = k * j_local * sot_integral(R) along the local current (N per (A/m^2) per m)
# Dipolar (thick film) skyrmion-skyrmion and skyrmion-edge
DIPOLE_PAIR = 3     # K_d: E = K_d R_i^2 R_j^2 (1/rho - 1/sqrt(rho^2 + h^2)) (J / m^3 ... see dipolar.py)
DIPOLE_HEIGHT = 4   # film thickness h (m)
DIPOLE_FIELD = 5    # B_i = sum_j K_d R_j^2 g(rho) * this (T per J/m^4 -> 1 / (2 Ms_eff pi h))
DIPOLE_EDGE = 6     # C_e: F = C_e R^2 ln(1 + h^2 / d^2) (N / m^2)
# Exchange-tail repulsion (ultrathin films)
TAIL_U0 = 7         # U0 (J)
TAIL_XI = 8         # xi (m)
TAIL_R0 = 9         # calibration radius R0 (m)
EDGE_F0 = 10        # exchange edge force F0 (N)
EDGE_XI = 11        # its decay length (m)
EDGE_R0 = 12        # its calibration radius (m)
CUTOFF = 13         # pair interaction cutoff (m)
# Pinning
DEPINNING = 14      # depinning threshold force F_c (N)
# Thermal
TEMPERATURE_RISE = 15   # Joule heating: steady rise per (A/m^2)^2 of nominal density (K m^4 / A^2)
THERMAL_TIME = 16       # thermal time constant tau_th (s)
THERMAL_NOISE = 17      # 1 to add Langevin forces, 0 for none
# Annihilation
ATTEMPT_FREQUENCY = 18  # f0 (1/s)
ANNIHILATION_BARRIER = 19   # E_a0 at the reference field and zero current (J)
ANNIHILATION_FIELD = 20     # B_a: barrier vanishes as (B_a - B_eff)^(3/2) (T)
REFERENCE_FIELD = 21        # B_ref where E_a = E_a0 (T)
ANNIHILATION_CURRENT = 22   # j_a: barrier factor (1 - |j_local| / j_a)^(3/2) (A/m^2)
EDGE_ANNIHILATION = 23      # core-to-edge distance / R below which a skyrmion is expelled (dimensionless)
SOT_CHIRALITY = 28        # chi = +-1: nominal current of sign chi expands reversed textures, -chi compresses them
BARRIER_SPREAD = 29       # log-normal spread of the per-skyrmion barrier factor (dimensionless)
# Nucleation
NUCLEUS_MOMENT = 24     # m_n: field raises the nucleation barrier by m_n (B - B_ref) (J/T)
# Step control
MAX_DISPLACEMENT = 25   # largest displacement per step (m)
MAX_STEP = 26           # largest time step (s)
MIN_RADIUS = 27         # a skyrmion whose equilibrium radius is below this collapses (m)
SITE_REFIRE_LIMIT = 30    # most nucleations per site in one drive interval (0: no limit)
SIZE = 31
