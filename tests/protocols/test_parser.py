"""SCPI parser and command-tree rules, one rule per test (IEEE 488.2 ch. 7, SCPI-99 vol. 1 ch. 6, and the
"multiple command messages" rules of the Keithley 2182A/6221 manuals), through the DemoMeter."""
from __future__ import annotations

import pytest

from protocols.message import parse_message
from protocols.tree import parse_pattern


@pytest.mark.parametrize(
    "header",
    [
        "SENSe:VOLTage:DC:NPLCycles",
        "SENS:VOLT:DC:NPLC",
        "sense:voltage:dc:nplcycles",
        "Sens:Volt:Dc:Nplc",
        "sEnSe:vOlT:nPlC",
    ],
)
def test_short_and_long_forms_in_any_case(ctl, header):
    ctl.write(f"{header} 7")
    assert float(ctl.ask(f"{header}?")) == 7.0
    assert ctl.errors() == []


@pytest.mark.parametrize("header", ["SENSE:VOLTA:NPLC", "SEN:VOLT:NPLC", "SENS:VOLT:NPLCY"])
def test_forms_between_short_and_long_are_undefined(ctl, header):
    ctl.write(f"{header} 7")
    assert ctl.errors() == [-113]


def test_optional_nodes_may_be_left_out(ctl):
    ctl.write("VOLT:NPLC 2")
    assert ctl.ask("SENS:VOLT:DC:NPLC?") == "+2.000000000E+00"
    assert ctl.ask("VOLT:RANG?") == ctl.ask("SENS:VOLT:DC:RANG:UPP?")


def test_leading_colon_is_optional(ctl):
    assert ctl.ask(":SENS:VOLT:NPLC?") == ctl.ask("SENS:VOLT:NPLC?")


def test_semicolon_keeps_the_path_level(ctl):
    assert ctl.ask("STAT:OPER:ENAB 16;ENAB?") == "16"
    assert ctl.ask("VOLT:NPLC 3;RANG 1;NPLC?;RANG?") == "+3.000000000E+00;+1.000000000E+00"


def test_semicolon_colon_resets_to_the_root(ctl):
    ctl.write("VOLT:NPLC 3;:TRIG:SOUR BUS")
    assert ctl.ask("TRIG:SOUR?") == "BUS"
    ctl.write("VOLT:NPLC 3;TRIG:SOUR EXT")  # relative: VOLT:TRIG does not exist
    assert ctl.errors() == [-113]


def test_common_commands_leave_the_path_alone(ctl):
    assert ctl.ask("STAT:OPER:ENAB 4;*CLS;ENAB?") == "4"


def test_one_joined_response_per_message(ctl):
    assert ctl.ask("*IDN?;:VOLT:NPLC?;*ESE?") == "SKYBENCH,DEMOMETER,0001,1.0;+5.000000000E+00;0"


def test_trailing_semicolon_and_colon_common_command_are_accepted(ctl):
    # PyMeasure's Keithley 6221 driver sends ':*CLS;' and trailing ';'
    ctl.write("*RST;:*CLS;")
    ctl.write(":TRIG:SOUR BUS;:TRIG:COUN 2;")
    assert ctl.ask("TRIG:COUN?;") == "2"
    assert ctl.errors() == []


def test_numeric_suffix_on_header(ctl):
    ctl.write("OUTP2 ON")
    assert ctl.ask("OUTP2?;OUTP1?;OUTP?;OUTPUT2:STATE?") == "1;0;0;1"


def test_numeric_suffix_out_of_range(ctl):
    ctl.write("OUTP3 ON")
    ctl.write("TRIG2:SOUR BUS")
    assert ctl.errors() == [-114, -114]


def test_suffix_one_is_accepted_where_none_is_declared(ctl):
    ctl.write("TRIG1:SOUR1 BUS")
    assert ctl.ask("TRIG:SOUR?") == "BUS"


def test_whitespace_and_carriage_return(ctl):
    assert ctl.ask("  *IDN?\r") == "SKYBENCH,DEMOMETER,0001,1.0"
    ctl.write("VOLT:NPLC\t 4 ")
    assert ctl.ask("VOLT:NPLC?") == "+4.000000000E+00"


def test_mnemonic_longer_than_twelve_characters(ctl):
    ctl.write("SENS:VOLTAGEVOLTAGEX 1")
    assert ctl.errors() == [-112]


def test_command_error_skips_the_rest_of_the_message(ctl):
    assert ctl.ask("TRIG:SOUR BUS;:BOGUS 1;:TRIG:COUN 5;COUN?") is None
    assert ctl.ask("TRIG:SOUR?;COUN?") == "BUS;1"
    assert ctl.errors() == [-113, -420]


def test_execution_error_does_not_skip_the_rest(ctl):
    assert ctl.ask("VOLT:NPLC 1000;:TRIG:COUN 5;COUN?") == "5"
    assert ctl.errors() == [-222]


@pytest.mark.parametrize(
    "text, value",
    [
        ("0.1", 0.1),
        ("+.5", 0.5),
        ("-3", -3.0),
        ("4.2E10", 4.2e10),
        ("1e-3", 1e-3),
        ("100NS", 100e-9),
        ("100 ns", 100e-9),
        ("10 us", 10e-6),
        ("1.5MS", 1.5e-3),
        ("2S", 2.0),
        ("#H0A", 10.0),
        ("#Q12", 10.0),
        ("#B1010", 10.0),
    ],
)
def test_numbers_with_and_without_suffixes(ctl, text, value):
    ctl.write(f"TRIG:DEL {text}")
    expected = min(max(value, 0.0), 10.0)
    assert float(ctl.ask("TRIG:DEL?")) == pytest.approx(expected)


def test_suffix_of_another_unit_is_invalid(ctl):
    ctl.write("TRIG:DEL -3 mV")
    assert ctl.errors() == [-131]


def test_suffix_on_unitless_number_is_not_allowed(ctl):
    ctl.write("VOLT:NPLC 5MS")
    assert ctl.errors() == [-138]


def test_milli_versus_mega(ctl):
    ctl.write("VOLT:RANG 50MV")
    assert float(ctl.ask("VOLT:RANG?")) == pytest.approx(0.05)


@pytest.mark.parametrize("word, value", [("MIN", 0.01), ("MAX", 60.0), ("DEF", 5.0), ("minimum", 0.01)])
def test_min_max_def(ctl, word, value):
    ctl.write(f"VOLT:NPLC {word}")
    assert float(ctl.ask("VOLT:NPLC?")) == pytest.approx(value)
    assert float(ctl.ask(f"VOLT:NPLC? {word}")) == pytest.approx(value)


def test_inf_where_declared(ctl):
    ctl.write("TRIG:COUN INF")
    assert ctl.ask("TRIG:COUN?") == "9.9E+37"
    ctl.write("VOLT:NPLC INF")
    ctl.write("TRIG:COUN -INF")
    assert ctl.errors() == [-141, -222]


def test_up_down_where_declared(ctl):
    ctl.write("TRIG:DEL 1;DEL UP;DEL UP")
    assert float(ctl.ask("TRIG:DEL?")) == pytest.approx(1.2)
    ctl.write("TRIG:DEL DOWN")
    assert float(ctl.ask("TRIG:DEL?")) == pytest.approx(1.1)
    ctl.write("VOLT:NPLC UP")
    assert ctl.errors() == [-141]


@pytest.mark.parametrize("word, state", [("ON", "1"), ("OFF", "0"), ("1", "1"), ("0", "0"), ("0.7", "1"), ("on", "1")])
def test_booleans(ctl, word, state):
    ctl.write(f"OUTP {word}")
    assert ctl.ask("OUTP?") == state


def test_character_data_short_or_long_answered_short(ctl):
    ctl.write("TRIG:SOUR external")
    assert ctl.ask("TRIG:SOUR?") == "EXT"
    ctl.write("TRIG:SOUR IMMEDIATE")
    assert ctl.ask("TRIG:SOUR?") == "IMM"
    ctl.write("TRIG:SOUR SOMETIMES")
    assert ctl.errors() == [-141]


def test_quoted_strings(ctl):
    ctl.write("SYST:LAB 'it''s'")
    assert ctl.ask("SYST:LAB?") == '"it\'s"'
    ctl.write('SYST:LAB "say ""hi"";ok"')
    assert ctl.ask("SYST:LAB?") == '"say ""hi"";ok"'
    ctl.write("SYST:LAB 'open")
    assert ctl.errors() == [-151]


def test_arbitrary_blocks(ctl):
    ctl.write("DATA:BLOC #15a;b\nc")
    assert ctl.ask("DATA:BLOC?") == "#15a;b\nc"
    ctl.write("DATA:BLOC #0raw;bytes")
    assert ctl.ask("DATA:BLOC?") == "#19raw;bytes"
    ctl.write("DATA:BLOC #19short")
    assert ctl.errors() == [-161]


def test_channel_list_expression(ctl):
    ctl.write("ROUT:CLOS (@1,3:5)")
    assert ctl.ask("ROUT:CLOS?") == "(@1,3,4,5)"
    ctl.write("ROUT:CLOS (@1,99)")
    assert ctl.errors() == [-224]


@pytest.mark.parametrize(
    "message, code",
    [
        ("VOLT:NPLC 1 2", -103),
        ("VOLT:NPLC 1,", -102),
        ("VOLT:NPLC 'x'", -104),
        ("VOLT:NPLC ON", -141),
        ("VOLT:NPLC 1.2.3", -120),
        ("VOLT:NPLC", -109),
        ("TRIG:SOUR BUS,EXT", -108),
        ("*IDN? 1", -108),
        ("VOLT::NPLC 1", -102),
        ("VOLT:NPLC\x80 1", -101),
        ("ESE?", -113),
        ("*XYZ", -113),
        ("VOLT:NPLC? 5", -108),
        ("SYST:LAB 5", -104),
    ],
)
def test_malformed_messages_give_their_errors(ctl, message, code):
    ctl.write(message)
    assert ctl.errors() == [code]


def test_parse_result_is_data_and_cached():
    first = parse_message("VOLT:NPLC 5;*IDN?")
    assert parse_message("VOLT:NPLC 5;*IDN?") is first
    header = first.units[0].header
    assert header.mnemonics == (("VOLT", None), ("NPLC", None)) and not header.query
    assert first.units[1].header.common and first.units[1].header.query


def test_pattern_notation():
    pattern = parse_pattern("[:SOURce]:PULSe<n:1-2>:WIDTh")
    assert [(e.long, e.short, e.optional) for e in pattern.elements] == [
        ("SOURCE", "SOUR", True),
        ("PULSE", "PULS", False),
        ("WIDTH", "WIDT", False),
    ]
    assert pattern.elements[1].suffix == ("n", 1, 2)
    for bad in ("SOURce::WIDTh", "SOURCE2", "sourCE", "[SOURce", ""):
        with pytest.raises(ValueError):
            parse_pattern(bad)


def test_a_numeric_node_is_parsed_and_only_a_declaring_tree_takes_it():
    """The AMI 430's `RAMP:RATE:FIELD:1?`: digits after ':' are a node of their own (NUMERIC_NODE, value)."""
    from protocols.errors import ScpiError
    from protocols.message import NUMERIC_NODE
    from protocols.tree import CommandTree

    (unit,) = parse_message("RAMP:RATE:FIELD:2?").units
    assert unit.header.mnemonics == (("RAMP", None), ("RATE", None), ("FIELD", None), (NUMERIC_NODE, 2))
    assert parse_message(":3?").error is not None  # a numeric node needs a mnemonic before it
    tree = CommandTree()
    tree.add(parse_pattern("RAMP:RATE:FIELD:<segment:1-10>"), "query", "handler")
    assert tree.resolve(tree.root, unit.header.mnemonics, True).suffixes == {"segment": 2}
    (far,) = parse_message("RAMP:RATE:FIELD:11?").units
    with pytest.raises(ScpiError) as error:
        tree.resolve(tree.root, far.header.mnemonics, True)
    assert error.value.code == -114
    (other,) = parse_message("SENS:1?").units
    with pytest.raises(ScpiError) as error:
        tree.resolve(tree.root, other.header.mnemonics, True)
    assert error.value.code == -113
