"""`ResourceManager("@skybench")`: the library path is the bench served (never "unset", so PyMeasure's
adapter closes only its own resource), one bench per open manager, and a fresh bench after `rm.close()`
(pyvisa-sim's buffers and state outlive a manager: pyvisa-sim #68, #82, #83)."""
from __future__ import annotations

import pytest

pyvisa = pytest.importorskip("pyvisa")
from pymeasure.instruments import Instrument  # noqa: E402

from protocols.demo import DEMO_RESOURCES  # noqa: E402
from protocols.visa_library import SkybenchVisaLibrary  # noqa: E402

METER = DEMO_RESOURCES[0]


def test_the_library_path_names_the_bench():
    rm = pyvisa.ResourceManager("demo@skybench")
    try:
        assert str(rm.visalib.library_path) == "demo"
    finally:
        rm.close()


def test_a_closed_manager_leaves_a_fresh_bench_to_the_next():
    rm = pyvisa.ResourceManager("demo@skybench")
    assert pyvisa.ResourceManager("demo@skybench") is rm  # pyvisa: one manager per library while open
    meter = rm.open_resource(METER)
    meter.write("VOLT:NPLC 1")
    first = rm.visalib.bench
    rm.close()
    again = pyvisa.ResourceManager("demo@skybench")
    try:
        assert again.visalib.bench is not first
        assert again.open_resource(METER).query("VOLT:NPLC?").strip() != "+1.000000000E+00"
    finally:
        again.close()


def test_two_benches_at_once_with_with_bench():
    from protocols.demo import demo_bench

    one = pyvisa.ResourceManager(SkybenchVisaLibrary.with_bench(demo_bench()))
    two = pyvisa.ResourceManager(SkybenchVisaLibrary.with_bench(demo_bench()))
    try:
        one.open_resource(METER).write("VOLT:NPLC 1")
        assert two.open_resource(METER).query("VOLT:NPLC?").strip() == "+5.000000000E+00"
    finally:
        one.close()
        two.close()


def test_closing_one_pymeasure_instrument_leaves_the_others_open(monkeypatch):
    monkeypatch.setenv("SKYBENCH_BENCH", "demo")
    first = Instrument(DEMO_RESOURCES[0], "first", visa_library="@skybench", includeSCPI=True)
    second = Instrument(DEMO_RESOURCES[1], "second", visa_library="@skybench", includeSCPI=True)
    try:
        assert str(first.adapter.manager.visalib.library_path) == "demo"
        assert second.adapter.manager is first.adapter.manager  # one bench for drivers opened by the string
        first.adapter.close()
        assert second.ask("*IDN?").startswith("SKYBENCH,DEMOMETER")
    finally:
        second.adapter.close()
        second.adapter.manager.close()
