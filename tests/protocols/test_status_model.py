"""IEEE 488.2 common commands and the SCPI status model: error queue, ESR/STB bits, masks, *RST and *CLS
semantics, *OPC/*OPC?/*WAI on the instrument's clock (IEEE 488.2 ch. 10-11, SCPI-99 vol. 1 ch. 9 and 21)."""
from __future__ import annotations

import pytest

from protocols.errors import MESSAGES, ScpiError, esr_bit
from protocols.status import ErrorQueue

PON, OPC, QYE, DDE, EXE, CME = 128, 1, 4, 8, 16, 32
EAV, MAV, ESB, MSS = 4, 16, 32, 64


def test_power_on_sets_pon_and_the_read_clears_esr(ctl):
    assert ctl.ask("*ESR?") == str(PON)
    assert ctl.ask("*ESR?") == "0"


def test_idn_opt_tst_version(ctl):
    assert ctl.ask("*IDN?") == "SKYBENCH,DEMOMETER,0001,1.0"
    assert ctl.ask("*OPT?;*TST?;SYST:VERS?") == "0;0;1999.0"


def test_empty_queue_answers_no_error(ctl):
    assert ctl.ask("SYST:ERR?") == '0,"No error"'
    assert ctl.ask("SYST:ERR:NEXT?") == '0,"No error"'
    assert ctl.ask("STAT:QUE?") == '0,"No error"'


def test_errors_come_out_first_in_first_out_with_their_strings(ctl):
    ctl.write("BOGUS")
    ctl.write("VOLT:NPLC 1000")
    assert ctl.ask("SYST:ERR:COUN?") == "2"
    assert ctl.ask("SYST:ERR?") == '-113,"Undefined header;BOGUS"'
    assert ctl.ask("SYST:ERR?").startswith('-222,"Data out of range')
    assert ctl.ask("SYST:ERR?") == '0,"No error"'


@pytest.mark.parametrize(
    "message, code, bit",
    [
        ("BOGUS", -113, CME),
        ("VOLT:NPLC 1000", -222, EXE),
        ("*TRG", -211, EXE),
        ("FETCH?", -230, EXE),
        ("INIT;INIT", -213, EXE),
    ],
)
def test_each_error_sets_its_esr_bit(ctl, message, code, bit):
    ctl.ask("*ESR?")
    ctl.write(message)
    ctl.session.clear()
    assert int(ctl.ask("*ESR?")) & bit
    assert code in ctl.errors()


def test_query_errors_set_qye(ctl):
    ctl.ask("*ESR?")
    ctl.read()  # nothing queued: -420
    assert int(ctl.ask("*ESR?")) == QYE
    assert ctl.errors() == [-420]


def test_error_table_and_esr_mapping():
    for code in (-100, -101, -102, -103, -104, -108, -109, -110, -112, -113, -114, -120, -131, -138, -141, -151):
        assert esr_bit(code) == CME and code in MESSAGES
    for code in (-200, -211, -213, -220, -221, -222, -223, -224, -230, -241):
        assert esr_bit(code) == EXE and code in MESSAGES
    for code in (-310, -350, -363):
        assert esr_bit(code) == DDE and code in MESSAGES
    for code in (-410, -420, -430):
        assert esr_bit(code) == QYE and code in MESSAGES
    assert MESSAGES[-221] == "Settings conflict" and MESSAGES[-410] == "Query INTERRUPTED"
    assert ScpiError(-222, 'a "q"').entry() == '-222,"Data out of range;a ""q"""'


def test_queue_overflow_replaces_the_last_entry(meter, ctl):
    for _ in range(meter.ERROR_QUEUE_SIZE + 5):
        ctl.write("BOGUS")
    codes = meter.errors.codes()
    assert len(codes) == meter.ERROR_QUEUE_SIZE
    assert codes[-1] == -350 and codes[:-1] == [-113] * (meter.ERROR_QUEUE_SIZE - 1)
    assert ctl.errors()[-1] == -350


def test_error_queue_unit():
    queue = ErrorQueue(2)
    for code in (-101, -102, -103, -104):
        queue.push(ScpiError(code))
    assert queue.codes() == [-101, -350]
    assert queue.pop() == '-101,"Invalid character"'
    assert queue.pop() == '-350,"Queue overflow"'
    assert queue.pop() == '0,"No error"'


def test_rst_restores_defaults_but_keeps_errors_and_status(ctl):
    ctl.write("*ESE 36;*SRE 16;VOLT:NPLC 1;OUTP2 ON;TRIG:SOUR BUS;BOGUS")
    ctl.write("*RST")
    assert ctl.ask("VOLT:NPLC?;:OUTP2?;:TRIG:SOUR?") == "+5.000000000E+00;0;IMM"
    assert ctl.ask("*ESE?;*SRE?") == "36;16"
    assert ctl.errors() == [-113]


def test_cls_clears_errors_esr_and_events_but_not_enables(meter, ctl):
    ctl.write("*ESE 36;STAT:OPER:ENAB 16;BOGUS")
    meter.status_register("OPER").set_event(16)
    ctl.write("*CLS")
    assert ctl.ask("*ESR?;SYST:ERR?;:STAT:OPER?;:STAT:OPER:ENAB?;*ESE?") == '0;0,"No error";0;16;36'


def test_ese_sre_masks_and_limits(ctl):
    assert ctl.ask("*ESE 255;*ESE?") == "255"
    assert ctl.ask("*SRE 255;*SRE?") == str(255 - 64)  # bit 6 is ignored
    ctl.write("*ESE 256")
    ctl.write("*SRE -1")
    assert ctl.errors() == [-222, -222]


def test_status_byte_bits(meter, ctl):
    ctl.ask("*ESR?")
    assert ctl.ask("*STB?") == "0"
    ctl.write("BOGUS")  # EAV; ESR CME
    assert int(ctl.ask("*STB?")) == EAV
    ctl.write("*ESE 32")  # CME enabled -> ESB
    assert int(ctl.ask("*STB?")) == EAV | ESB
    ctl.write("*SRE 32")  # ESB enabled -> MSS
    assert int(ctl.ask("*STB?")) == EAV | ESB | MSS
    assert int(ctl.ask("*IDN?;*STB?").split(";")[1]) & MAV  # a response of the same message is waiting
    ctl.write("*CLS")
    assert ctl.ask("*STB?") == "0"


def test_scpi_register_summary_feeds_the_status_byte(meter, ctl):
    ctl.write("STAT:OPER:ENAB 16;*SRE 128")
    ctl.write("INIT")  # DemoMeter sets OPER bit 4 (measuring) while integrating
    assert ctl.ask("STAT:OPER:COND?") == "16"
    assert int(ctl.ask("*STB?")) == 128 | MSS
    assert ctl.ask("STAT:OPER?") == "16"  # event register, cleared by the read
    assert ctl.ask("STAT:OPER:EVEN?") == "0"
    ctl.write("STAT:PRES")
    assert ctl.ask("STAT:OPER:ENAB?;PTR?;NTR?") == "0;32767;0"


def test_opc_sets_the_esr_bit_when_pending_work_is_done(meter, ctl):
    ctl.ask("*ESR?")
    ctl.write("VOLT:NPLC 50;:INIT;*OPC")
    assert meter.operations_pending()
    assert ctl.ask("*ESR?") == "0"
    meter.wait_for_pending(None)
    assert ctl.ask("*ESR?") == str(OPC)


def test_opc_query_waits_on_the_instrument_clock(meter, ctl):
    ctl.write("VOLT:NPLC 50;:INIT")  # 1 s of integration at 50 Hz
    assert ctl.ask("*OPC?", timeout=0.2) is None  # not done within 0.2 s of instrument time
    assert meter.now() == pytest.approx(0.2)
    assert ctl.read(timeout=None) == "1"
    assert meter.now() == pytest.approx(1.0)
    assert ctl.errors() == []


def test_wai_completes_pending_work_before_the_next_command(meter, ctl):
    ctl.write("VOLT:NPLC 25;:INIT;*WAI;:FETC?")
    assert meter.now() == pytest.approx(0.5)
    assert float(ctl.read()) == pytest.approx(meter.input_voltage)


def test_rst_and_device_clear_idle_a_pending_opc(meter, ctl):
    ctl.ask("*ESR?")
    ctl.write("INIT;*OPC")
    ctl.write("*RST")
    meter.wait_for_pending(None)
    assert ctl.ask("*ESR?") == "0"


def test_trg_only_acts_with_bus_trigger(meter, ctl):
    ctl.write("*TRG")
    assert ctl.errors() == [-211]
    ctl.write("TRIG:SOUR BUS;*TRG")
    assert meter.triggers == 1
    assert float(ctl.ask("FETC?")) == pytest.approx(meter.input_voltage)
