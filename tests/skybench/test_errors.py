"""Parameter checks name the parameter and its valid range."""
import math

import pytest

from skybench.errors import ParameterError, check_choice, check_integer, check_positive, check_range


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1.0, 0.0, "abc", None])
def test_check_positive_rejects(bad):
    with pytest.raises(ParameterError) as info:
        check_positive("pulse_width", bad, "s")
    assert "pulse_width" in str(info.value)
    assert "(0, inf] (s)" in str(info.value)


def test_check_range_bounds_and_message():
    assert check_range("Bz", 0.14, -2.0, 2.0, "T") == 0.14
    with pytest.raises(ParameterError, match=r"'Bz' = 3.0 .* \[-2, 2\] \(T\)"):
        check_range("Bz", 3.0, -2.0, 2.0, "T")


def test_check_choice_lists_choices():
    with pytest.raises(ParameterError, match="one of fig2b, fig4b"):
        check_choice("protocol", "fig9", ("fig2b", "fig4b"))


@pytest.mark.parametrize("value", [0, 11, 2.0, True, "3", None])
def test_check_integer_wants_an_int_in_range(value):
    with pytest.raises(ParameterError, match=r"parameter 'n'.*an integer in \[1, 10\]"):
        check_integer("n", value, 1, 10)
    assert check_integer("n", 10, 1, 10) == 10
