"""The declaration conventions, checked over every instrument class at once (STYLE: conventions by a test
over all instances). The concrete instruments join through `instruments.INSTRUMENT_CLASSES`."""
from __future__ import annotations

import pytest

import instruments
from protocols.conventions import check_instrument_class
from protocols.declare import ScpiProperty, scpi_command
from protocols.demo import DemoMeter
from protocols.instrument import ScpiInstrument
from protocols.values import Float, Int

INSTRUMENT_CLASSES = (ScpiInstrument, DemoMeter, *getattr(instruments, "INSTRUMENT_CLASSES", ()))

GAIN_MAX = 10.0


@pytest.mark.parametrize("cls", INSTRUMENT_CLASSES, ids=lambda cls: cls.__name__)
def test_instrument_keeps_the_conventions(cls):
    assert check_instrument_class(cls) == []


@pytest.mark.parametrize("cls", INSTRUMENT_CLASSES, ids=lambda cls: cls.__name__)
def test_every_declared_header_answers_in_short_and_long_form(cls):
    for pattern, kind, _ in cls._tree.walk():
        for form in ("short", "long"):
            header = ":".join(getattr(e, form) for e in pattern.elements if not e.optional)
            if pattern.common:
                header = "*" + header
            resolution = (
                cls._tree.common_handler(pattern.elements[0].long, kind == "query")
                if pattern.common
                else cls._tree.resolve(cls._tree.root, tuple((w, None) for w in header.split(":")), kind == "query")
            )
            assert resolution is not None


def test_the_check_finds_each_kind_of_problem():
    class Sloppy(ScpiInstrument):
        gain = ScpiProperty("GAIN", Float(low=0.0, high=12.5, out_of_range="clip"), default=20.0)
        Offset = ScpiProperty("OFFSet", Float(unit="furlong"), default=0.0, doc="Offset.")
        spare = ScpiProperty("SPARe", Float(), doc="No default.")

        @scpi_command("MODE", Int(low=0, high=GAIN_MAX, out_of_range="error"))
        def mode(self, value):
            """Set a mode with no way to read it back."""

    problems = "\n".join(check_instrument_class(Sloppy))
    assert "limit high=12.5 is not a named" in problems
    assert "no doc line" in problems
    assert "default 20.0" in problems
    assert "snake_case" in problems
    assert "unit 'furlong'" in problems
    assert "needs a default" in problems
    assert "without a query form" in problems
    assert "limit high=10.0" not in problems
