"""Declaring commands once: ScpiProperty (wire and Python), hooks, clip-or-error, suffixes, commands and
queries with typed parameters, and the class-building checks."""
from __future__ import annotations

import math

import pytest

from protocols.declare import ScpiProperty, scpi_command, scpi_query
from protocols.errors import SETTINGS_CONFLICT, ScpiError
from protocols.instrument import ScpiInstrument
from protocols.numeric import suffix_multiplier
from protocols.values import Bool, Choice, Float, Int, ListOf, String
from skybench.errors import ParameterError

from scpi_controller import Controller

WIDTH_MIN = 10e-9
WIDTH_MAX = 1.0
WIDTH_DEFAULT = 100e-9
PERIOD_MIN = 20e-9
PERIOD_MAX = 10.0
PERIOD_DEFAULT = 1e-6
LEVEL_MIN = -10.0
LEVEL_MAX = 10.0
COUNT_MIN = 1
COUNT_MAX = 1000


class Pulser(ScpiInstrument):
    """A pulse source in the style of the 81150A declarations the instruments room will write."""

    MODEL = "PULSER"

    width = ScpiProperty(
        "[:SOURce]:PULSe:WIDTh",
        Float(unit="s", low=WIDTH_MIN, high=WIDTH_MAX, out_of_range="error"),
        default=WIDTH_DEFAULT,
        set="_check_width",
        doc="Pulse width (s).",
    )
    period = ScpiProperty(
        "[:SOURce]:PULSe:PERiod",
        Float(unit="s", low=PERIOD_MIN, high=PERIOD_MAX, out_of_range="clip_error"),
        default=PERIOD_DEFAULT,
        doc="Pulse period (s).",
    )
    level = ScpiProperty(
        "[:SOURce]:VOLTage<ch:1-2>:LEVel",
        Float(unit="V", low=LEVEL_MIN, high=LEVEL_MAX, out_of_range="clip"),
        default=0.0,
        doc="Output level of channel ch (V).",
    )
    load = ScpiProperty(
        "OUTPut:LOAD", Choice({"FIFTy": 50.0, "INFinity": math.inf}), default=50.0, doc="Load (Ohm)."
    )
    duty = ScpiProperty(
        "[:SOURce]:PULSe:DCYCle", Float(), readonly=True, get=lambda self: self.width / self.period, doc="Duty cycle."
    )
    secret = ScpiProperty("SYSTem:KEY", String(), default="", write_only="a key is never read back", doc="Key.")

    def __init__(self):
        self.log = []
        super().__init__()

    def _check_width(self, value):
        if value >= self.period:
            raise ScpiError(SETTINGS_CONFLICT, "width must stay below the period")

    @scpi_command("BURSt:COUNt", Int(low=COUNT_MIN, high=COUNT_MAX, out_of_range="error"), Bool(optional=True, missing=False))
    def burst(self, count, gated):
        """Start a burst of `count` pulses."""
        self.log.append(("burst", count, gated))

    @scpi_query("BURSt:COUNt")
    def burst_count(self):
        """Last burst count."""
        return self.log[-1][1] if self.log else 0

    @scpi_command("DATA:VALues", ListOf(Float(), min_count=1, max_count=4), write_only="a test sink")
    def values(self, numbers):
        """Store up to four numbers."""
        self.log.append(("values", numbers))

    @scpi_query("MEASure<ch:1-2>:SUM", returns=Float(fmt="{:.3f}"))
    def summed(self, ch):
        """Sum of the stored values (channel ch scales it)."""
        return ch * sum(self.log[-1][1])


@pytest.fixture
def pulser():
    return Pulser()


@pytest.fixture
def pc(pulser):
    return Controller(pulser)


def test_property_gives_set_query_and_python_attribute(pulser, pc):
    pc.write("PULS:WIDT 200NS")
    assert pulser.width == pytest.approx(200e-9)
    pulser.width = 300e-9
    assert float(pc.ask("PULS:WIDT?")) == pytest.approx(300e-9)
    assert float(pc.ask("PULS:WIDT? MAX")) == WIDTH_MAX


def test_out_of_range_error_keeps_the_value(pulser, pc):
    pc.write("PULS:WIDT 5NS")
    assert pulser.width == WIDTH_DEFAULT
    assert pc.errors() == [-222]
    with pytest.raises(ParameterError, match="width"):
        pulser.width = 5e-9


def test_clip_and_clip_error(pulser, pc):
    pc.write("VOLT2:LEV 20")
    assert Pulser.level.get(pulser, ch=2) == LEVEL_MAX and pulser.level == 0.0
    assert pc.errors() == []
    pc.write("PULS:PER 100")
    assert pulser.period == PERIOD_MAX
    assert pc.errors() == [-222]


def test_set_hook_refuses_with_settings_conflict(pulser, pc):
    pc.write("PULS:WIDT 2US")  # longer than the 1 us period
    assert pulser.width == WIDTH_DEFAULT
    assert pc.errors() == [-221]


def test_readonly_property_has_no_set_form(pulser, pc):
    assert float(pc.ask("PULS:DCYC?")) == pytest.approx(0.1)
    pc.write("PULS:DCYC 0.5")
    assert pc.errors() == [-113]
    with pytest.raises(AttributeError):
        pulser.duty = 0.5


def test_write_only_property_has_no_query_form(pulser, pc):
    pc.write("SYST:KEY 'abc'")
    assert pulser.secret == "abc"
    pc.ask("SYST:KEY?")
    assert pc.errors() == [-113, -420]


def test_mapped_choice(pulser, pc):
    pc.write("OUTP:LOAD INF")
    assert pulser.load == math.inf
    assert pc.ask("OUTP:LOAD?") == "INF"
    pulser.load = "fifty"
    assert pulser.load == 50.0


def test_suffix_values_are_stored_per_suffix_and_reset(pulser, pc):
    pc.write("VOLT1:LEV 1;:VOLT2:LEV 2")
    assert pc.ask("VOLT1:LEV?;:VOLT2:LEV?") == "+1.000000000E+00;+2.000000000E+00"
    pc.write("*RST")
    assert pc.ask("VOLT2:LEV?") == "+0.000000000E+00"


def test_command_parameters_optional_and_counted(pulser, pc):
    pc.write("BURS:COUN 5")
    pc.write("BURS:COUN 6,ON")
    assert pulser.log == [("burst", 5, False), ("burst", 6, True)]
    assert pc.ask("BURS:COUN?") == "6"
    pc.write("BURS:COUN")
    pc.write("BURS:COUN 1,ON,3")
    assert pc.errors() == [-109, -108]


def test_list_parameters_and_formatted_query(pulser, pc):
    pc.write("DATA:VAL 1,2,3.5")
    assert pc.ask("MEAS2:SUM?") == "13.000"
    pc.write("DATA:VAL 1,2,3,4,5")
    assert pc.errors() == [-108]


def test_rst_restores_every_default(pulser, pc):
    pc.write("PULS:WIDT 500NS;PER 2US;:OUTP:LOAD INF")
    pc.write("*RST")
    assert (pulser.width, pulser.period, pulser.load) == (WIDTH_DEFAULT, PERIOD_DEFAULT, 50.0)


def test_a_header_declared_twice_is_refused():
    with pytest.raises(TypeError, match="declared twice"):

        class Twice(ScpiInstrument):
            a = ScpiProperty("OUTPut:STATe", Bool(), default=False, doc="a")
            b = ScpiProperty("OUTPut[:STATe]", Bool(), default=False, doc="b")

    with pytest.raises(TypeError, match="clashes"):

        class Clash(ScpiInstrument):
            a = ScpiProperty("OUTPut:STATe", Bool(), default=False, doc="a")
            b = ScpiProperty("OUTP:MODE", Bool(), default=False, doc="b")  # OUTP read as a long form


def test_a_limited_number_must_choose_clip_or_error():
    with pytest.raises(TypeError, match="out_of_range"):
        Float(low=0.0, high=1.0)


def test_subclass_override_of_a_handler_method_is_called(pulser):
    class Logged(Pulser):
        def burst(self, count, gated):
            self.log.append(("logged", count))

    logged = Logged()
    logged.write("BURS:COUN 3")
    assert logged.log == [("logged", 3)]


@pytest.mark.parametrize(
    "suffix, unit, factor",
    [
        ("NS", "s", 1e-9),
        ("US", "s", 1e-6),
        ("MS", "s", 1e-3),
        ("S", "s", 1.0),
        ("MA", "A", 1e-3),
        ("UA", "A", 1e-6),
        ("A", "A", 1.0),
        ("MHZ", "Hz", 1e6),
        ("KHZ", "Hz", 1e3),
        ("MOHM", "Ohm", 1e6),
        ("MT", "T", 1e-3),
        ("T", "T", 1.0),
        ("MV", "V", 1e-3),
        ("K", "V", 1e3),
        ("MA", "V", 1e6),
    ],
)
def test_suffix_multipliers(suffix, unit, factor):
    assert suffix_multiplier(suffix, unit) == pytest.approx(factor)


def test_suffix_errors():
    with pytest.raises(ScpiError) as info:
        suffix_multiplier("V", "s")
    assert info.value.code == -131
    with pytest.raises(ScpiError) as info:
        suffix_multiplier("NS", None)
    assert info.value.code == -138
