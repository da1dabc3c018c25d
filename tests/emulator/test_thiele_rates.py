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
