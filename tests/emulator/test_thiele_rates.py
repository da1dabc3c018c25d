"""emulator.thiele.rates: the Arrhenius rate at the edges of its domain."""
import math

from emulator.material import K_B
from emulator.thiele.rates import arrhenius_rate


def test_rate_at_zero_and_underflowing_temperatures_is_zero_not_an_error():
    # A Joule rise decaying over a long idle interval reaches temperatures where k_B T underflows to 0.0; the
    # kernel raised ZeroDivisionError there (a 1 us wait on the chamber).
    tiny = 5e-324
    assert K_B * tiny == 0.0
    assert arrhenius_rate(1e9, 1e-19, tiny) == 0.0
    assert arrhenius_rate(1e9, 1e-19, 0.0) == 0.0
    assert arrhenius_rate(1e9, 0.0, 0.0) == 1e9            # no barrier: the attempt frequency
    assert math.isclose(arrhenius_rate(1e9, 1e-20, 300.0), 1e9 * math.exp(-1e-20 / (K_B * 300.0)))


def test_the_zero_rate_shortcut_never_drops_a_nonzero_rate():
    # lifecycle.update skips the 3/2 power and the exponential where annihilation_rate_is_zero says the rate
    # is exactly 0; over brackets from the saddle-node (d -> 0) to far below it, barrier factors and
    # temperatures from 0 to hot, the shortcut must only ever answer True where the full rate is 0.0.
    import numpy as np
    from emulator.thiele.rates import annihilation_barrier, annihilation_rate_is_zero
    rng = np.random.default_rng(7)
    E0, B_A, B_REF, J_A, F0 = 1e-18, 1.0, 0.2, 1e14, 1e13
    skipped = 0
    for _ in range(20000):
        b_eff = rng.uniform(0.1, 1.05)
        j = rng.choice([0.0, rng.uniform(-2e14, 2e14)])
        kappa = math.exp(rng.normal(0.0, 1.0))
        temperature = rng.choice([0.0, 1e-4, 1.0, 300.0, 10 ** rng.uniform(-6, 4)])
        rate = arrhenius_rate(F0, kappa * annihilation_barrier(E0, B_A, B_REF, J_A, b_eff, j), temperature)
        if annihilation_rate_is_zero(E0, kappa, B_A, B_REF, J_A, b_eff, j, temperature):
            skipped += 1
            assert rate == 0.0, (b_eff, j, kappa, temperature)
    assert skipped > 5000   # and it does skip: the chamber's small Joule rise is the common case


def test_the_squeeze_shortcut_changes_no_value():
    # exchange_tail.squeeze skips the exponential beyond its floor; against the formula evaluated everywhere,
    # every distance from inside the offset to far beyond the floor gives the same value, bit for bit.
    import numpy as np
    from emulator.thiele.exchange_tail import SQUEEZE_FLOOR, squeeze
    # the chamber's pair and edge squeezes, a field at the floor, one below it
    for field, length, offset in ((1.27, 4.6e-9, 10.1e-9), (1.79, 3.8e-9, 5.06e-9), (1e-3, 1e-9, 0.0),
                                  (0.5e-3, 2e-9, 3e-9)):
        reach = offset + length * math.log(field / SQUEEZE_FLOOR)
        distances = np.concatenate([np.linspace(1e-12, 3 * reach + 1e-8, 4001),
                                    reach * (1.0 + np.linspace(-1e-6, 1e-6, 2001)), [1e30]])
        for d in distances:
            b = field * math.exp(-(d - offset) / length)
            expected = b if b >= SQUEEZE_FLOOR and d > 0.0 else 0.0
            assert squeeze(field, length, offset, d) == expected
