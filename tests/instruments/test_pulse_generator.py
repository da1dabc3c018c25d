"""The 81150A pulse generator on the bench: the Thevenin output (displayed level vs load, current into the
device path), burst timing on the clock, limits (clip with -222, coupled settings -221), triggers (-211), the
interlock with the pulse route, and whether the generator (or the amplifier variant) reaches the paper's
current densities. References: the Thevenin formulas E R_L / (R_L + 50) and I = E / (50 + R_path), the
81150A limits in instruments/pulse_generator.py, the paper's 1.69e10 .. 4.24e10 A/m^2 (Fig. 2b)."""
from __future__ import annotations

import pytest

from instruments.pulse_amplifier import PulseAmplifier
from instruments.pulse_generator import LEVEL_MAX, PULSE_WIDTH_MIN, SOURCE_IMPEDANCE
from instruments.wiring import WiringParameters

J_PAPER_MAX = 4.24e10  # A/m^2, largest Fig. 2b pulse (paper section II.B)
J_PAPER_MIN = 1.69e10  # A/m^2, smallest


def cross_section(bench) -> float:
    return bench.preset.track_width * bench.preset.track_thickness


def path_resistance(bench) -> float:
    return bench.preset.track_resistance + bench.config.wiring.lead_resistance


def arm_single_pulses(pg, load: str = "INF") -> None:
    pg.write(f":OUTP1:LOAD {load};:FUNC1 PULS;:PULS:WIDT1 100NS;:PULS:PER1 1US;:ARM:SOUR1 MAN;:TRIG1:COUN 1")
    pg.write(":VOLT1:LOW 0;:VOLT1:HIGH 1.0;:OUTP1 ON")


def close_route(switch, channel: int) -> None:
    switch.write(f"ROUT:OPEN:ALL;:ROUT:CLOS (@1!{channel})")
    assert switch.ask("*OPC?") == "1"


def test_displayed_levels_follow_the_declared_load(ctl):
    pg = ctl["pulse_generator"]
    pg.write(":OUTP1:LOAD INF;:VOLT1:LOW 0;:VOLT1:HIGH 2.0")
    assert float(pg.ask(":OUTP1:LOAD 50;:VOLT1:HIGH?")) == pytest.approx(2.0 * 50 / (50 + SOURCE_IMPEDANCE))
    assert float(pg.ask(":OUTP1:LOAD 10;:VOLT1:HIGH?")) == pytest.approx(2.0 * 10 / (10 + SOURCE_IMPEDANCE))
    assert float(pg.ask(":OUTP1:IMP:EXT?")) == 10.0
    assert ctl["pulse_generator"].errors() == []


def test_a_burst_runs_on_the_clock_and_delivers_the_thevenin_current(bench, ctl):
    pg, switch = ctl["pulse_generator"], ctl["switch"]
    arm_single_pulses(pg)
    pg.write(":TRIG1:COUN 3")
    close_route(switch, 1)
    start = bench.clock.now()
    assert pg.ask("*TRG;*OPC?") == "1"
    assert bench.clock.now() == pytest.approx(start + 2e-6 + 100e-9, abs=1e-12)
    current = 1.0 / (SOURCE_IMPEDANCE + path_resistance(bench))
    assert [p.time - start for p in bench.wiring.pulses] == pytest.approx([0.0, 1e-6, 2e-6], abs=1e-12)
    for record in bench.wiring.pulses:
        assert record.delivered and record.width == pytest.approx(100e-9)
        assert record.current == pytest.approx(current, rel=1e-9)
        assert record.current_density == pytest.approx(current / cross_section(bench), rel=1e-9)
    assert bench.device.pulses_applied == 3
    assert pg.errors() == []


def test_inverted_polarity_pulses_to_the_low_level(bench, ctl):
    pg = ctl["pulse_generator"]
    arm_single_pulses(pg)
    pg.write(":VOLT1:LOW -1.5;:VOLT1:HIGH 0;:OUTP1:POL INV")
    close_route(ctl["switch"], 1)
    pg.ask("*TRG;*OPC?")
    assert bench.wiring.pulses[-1].current == pytest.approx(-1.5 / (SOURCE_IMPEDANCE + path_resistance(bench)))


def test_a_pulse_into_the_open_route_reaches_nothing(bench, ctl):
    pg = ctl["pulse_generator"]
    arm_single_pulses(pg)
    close_route(ctl["switch"], 2)  # the Hall route: the generator's relay is open
    pg.ask("*TRG;*OPC?")
    assert [p.delivered for p in bench.wiring.pulses] == [False]
    assert bench.device.pulses_applied == 0


def test_limits_clip_with_222_and_coupled_settings_are_221(ctl):
    pg = ctl["pulse_generator"]
    pg.write(":PULS:WIDT1 1NS")
    assert float(pg.ask(":PULS:WIDT1?")) == PULSE_WIDTH_MIN
    assert pg.errors() == [-222]
    pg.write(":PULS:WIDT1 100NS;:PULS:PER1 50NS")  # period < width + 1.6 edge
    assert float(pg.ask(":PULS:PER1?")) == pytest.approx(1e-6)
    assert pg.errors() == [-221]
    pg.write(":OUTP1:LOAD INF;:VOLT1:LOW 0;:VOLT1:HIGH 25")
    assert float(pg.ask(":VOLT1:HIGH?")) == LEVEL_MAX
    assert pg.errors() == [-222]
    pg.write(":VOLT1:LOW 12")  # clipped to 10 V = HIGH: no amplitude left
    assert pg.errors() == [-222, -221]
    pg.write(":PULS:WIDT1 'wide';:PULS:WIDT1 100 V;:PULS:WIDTH7 1US;:PULSE:WIDENESS 1")
    assert pg.errors() == [-104]  # a command error ends the message
    pg.write(":PULS:WIDT1 100 V")
    pg.write(":PULS:WIDTH7 1US")
    pg.write(":PULSE:WIDENESS 1")
    assert pg.errors() == [-131, -114, -113]
    assert pg.ask("*IDN?").startswith("Agilent Technologies,81150A")


def test_triggers_are_ignored_unless_armed_manual_and_idle(ctl):
    pg = ctl["pulse_generator"]
    pg.write("*TRG")
    assert pg.errors() == [-211]
    pg.write(":FUNC1 PULS;:ARM:SOUR1 MAN;:TRIG1:COUN 1000;:PULS:PER1 1MS;*TRG;*TRG")
    assert pg.errors() == [-211]
    pg.write(":ABOR")
    assert pg.ask("*OPC?", timeout=0.0) == "1"


def test_the_interlock_keeps_continuous_drive_off_the_device(bench, ctl):
    pg, switch = ctl["pulse_generator"], ctl["switch"]
    arm_single_pulses(pg)
    close_route(switch, 1)
    for command in (":ARM:SOUR1 IMM", ":FUNC1 SIN", ":VOLT1:LOW 0.5", ":OUTP1:POL INV"):
        pg.write(command)
        assert pg.errors() == [-221], command
    assert pg.ask(":ARM:SOUR1?;:FUNC1?;:OUTP1:POL?") == "MAN;PULS;NORM"
    close_route(switch, 2)
    pg.write(":ARM:SOUR1 IMM")  # free-running is fine while the pulse route is open
    switch.write("ROUT:OPEN:ALL;:ROUT:CLOS (@1!1)")
    assert switch.errors() == [-221]
    assert bench.wiring.route == "none"


def test_the_generator_reaches_the_paper_densities_on_the_default_bench(bench, ctl):
    """I_max = 10 V / (50 Ohm + R_path) must exceed j_max w t (the check the amplifier variant exists for)."""
    i_max = LEVEL_MAX / (SOURCE_IMPEDANCE + path_resistance(bench))
    assert i_max / cross_section(bench) > J_PAPER_MAX
    pg = ctl["pulse_generator"]
    resistance = path_resistance(bench)
    arm_single_pulses(pg, load=f"{resistance:.9g}")
    pg.write(f":VOLT1:HIGH {J_PAPER_MAX * cross_section(bench) * resistance:.9g}")
    close_route(ctl["switch"], 1)
    pg.ask("*TRG;*OPC?")
    assert pg.errors() == []
    assert bench.wiring.pulses[-1].current_density == pytest.approx(J_PAPER_MAX, rel=1e-6)


@pytest.mark.parametrize("amplified", [False, True])
def test_a_resistive_path_needs_the_amplifier_variant(make_bench, controller, amplified):
    leads = 300.0  # Ohm: probe contacts bad enough that 10 V no longer drives 4.24e10 A/m^2
    amplifier = PulseAmplifier(gain=10.0, max_output=100.0) if amplified else None
    bench = make_bench(wiring=WiringParameters(lead_resistance=leads, amplifier=amplifier))
    pg, switch = controller(bench.pulse_generator), controller(bench.switch)
    resistance = bench.preset.track_resistance + leads
    wanted = J_PAPER_MAX * cross_section(bench)
    if amplified:
        # the generator drives the amplifier's 50-Ohm input: displayed level (LOAD 50) = input voltage
        arm_single_pulses(pg, load="50")
        level = wanted * (amplifier.output_impedance + resistance) / amplifier.gain
    else:
        arm_single_pulses(pg, load="INF")
        level = wanted * (SOURCE_IMPEDANCE + resistance)
    pg.write(f":VOLT1:HIGH {level:.9g}")
    close_route(switch, 1)
    pg.ask("*TRG;*OPC?")
    delivered = bench.wiring.pulses[-1].current_density
    if amplified:
        assert pg.errors() == []
        assert delivered == pytest.approx(J_PAPER_MAX, rel=1e-6)
    else:
        assert pg.errors() == [-222]  # the level window clips it
        expected = LEVEL_MAX / (SOURCE_IMPEDANCE + resistance) / cross_section(bench)
        assert delivered == pytest.approx(expected, rel=1e-9)
        assert J_PAPER_MIN < delivered < J_PAPER_MAX
