"""Message exchange (IEEE 488.2 ch. 6) through a MessageSession: terminators and END, -410 and -420,
device clear, input overrun and recovery, serial poll and RQS, bus trigger, deferred responses, streaming."""
from __future__ import annotations

import pytest

from protocols.session import MessageSession

IDN = b"SKYBENCH,DEMOMETER,0001,1.0\n"


def test_newline_or_end_terminates_a_message(meter):
    session = MessageSession(meter)
    session.write(b"*IDN?", end=False)
    assert session.read().timed_out  # no terminator yet: the query is unterminated (-420)
    session.write(b"\n", end=False)
    assert session.read().data == IDN
    session.write(b"*IDN?", end=True)
    assert session.read() == (IDN, True, False)
    assert meter.errors.codes() == [-420]


def test_message_split_over_many_writes(meter):
    session = MessageSession(meter)
    for byte in b"VOLT:NPLC 7;NPLC?\n":
        session.write(bytes([byte]), end=False)
    assert session.read().data == b"+7.000000000E+00\n"


def test_several_messages_in_one_write_and_the_last_response_wins(meter):
    session = MessageSession(meter)
    session.write(b"*IDN?\n*ESE?\n")  # the first response is unread when the second message arrives
    assert session.read().data == b"0\n"
    assert meter.errors.codes() == [-410]


def test_unread_response_is_interrupted_by_the_next_message(ctl, meter):
    ctl.write("*IDN?")
    ctl.write("VOLT:NPLC 3")
    assert ctl.read() is None  # the stale response was discarded
    assert ctl.errors() == [-410, -420]


def test_read_with_nothing_queued_times_out_with_420(ctl):
    assert ctl.read() is None
    assert ctl.errors() == [-420]


def test_partial_reads_and_end(meter):
    session = MessageSession(meter)
    session.write(b"*IDN?\n")
    first = session.read(10)
    assert first == (IDN[:10], False, False)
    rest = session.read(100)
    assert rest == (IDN[10:], True, False)


def test_read_stops_at_an_enabled_termination_byte(meter):
    session = MessageSession(meter)
    session.write(b"SYST:LAB 'a,b';LAB?\n")
    assert session.read(stop=ord(",")).data == b'"a,'
    assert session.read().data == b'b"\n'


def test_device_clear_empties_buffers_but_keeps_the_error_queue(meter):
    session = MessageSession(meter)
    session.write(b"BOGUS\n*IDN?\n")
    session.write(b"VOLT:NPLC 9", end=False)  # a half-sent message
    session.clear()
    session.write(b";NPLC?\n")  # the half message is gone: this is a new message, NPLC? from the root
    session.write(b"VOLT:NPLC?\n")
    assert session.read().data == b"+5.000000000E+00\n"  # 9 was never set; no -410 for the cleared *IDN?
    assert meter.errors.codes() == [-113, -113]


def test_overlong_message_is_363_and_the_next_one_works(meter):
    session = MessageSession(meter)
    session.write(b"SYST:LAB '" + b"x" * (meter.INPUT_BUFFER_SIZE + 10), end=False)
    session.write(b"more'\n*IDN?\n", end=False)
    assert session.read().data == IDN
    assert meter.errors.codes() == [-363]
    session.write(b"A" * (meter.INPUT_BUFFER_SIZE * 3), end=True)  # one overlong END-terminated write
    session.write(b"*IDN?\n")
    assert session.read().data == IDN
    assert meter.errors.codes() == [-363, -363]


def test_newline_inside_a_definite_block_is_data(meter):
    session = MessageSession(meter)
    session.write(b"DATA:BLOC #16a\nb\nc;", end=False)
    session.write(b"\nDATA:BLOC?\n", end=False)
    assert session.read().data == b"#16a\nb\nc;\n"
    assert meter.errors.codes() == []


def test_serial_poll_reports_rqs_once_per_rising_mss(meter):
    session = MessageSession(meter)
    session.write(b"*CLS;*ESE 32;*SRE 32\n")
    assert session.read_stb() == 0
    session.write(b"BOGUS\n")  # CME -> ESB -> MSS rises
    assert session.read_stb() & 64
    assert not session.read_stb() & 64  # RQS cleared by the poll, MSS still true
    session.write(b"*STB?\n")
    assert int(session.read().data) & 64  # *STB? reports MSS, not RQS


def test_mav_in_serial_poll(meter):
    session = MessageSession(meter)
    session.write(b"*CLS;*IDN?\n")
    assert session.read_stb() & 16
    session.read()
    assert not session.read_stb() & 16


def test_assert_trigger_is_trg(meter):
    session = MessageSession(meter)
    session.assert_trigger()
    assert meter.errors.codes() == [-211]
    session.write(b"TRIG:SOUR BUS\n")
    session.assert_trigger()
    assert meter.triggers == 1


def test_deferred_response_waits_for_the_instrument_clock(meter):
    session = MessageSession(meter)
    session.write(b"VOLT:NPLC 50;:READ?\n")  # 1 s at 50 Hz
    assert session.read(timeout=0.4).timed_out
    assert session.read(timeout=0.4).timed_out
    result = session.read(timeout=0.4)
    assert not result.timed_out and float(result.data) == pytest.approx(meter.input_voltage)
    assert meter.now() == pytest.approx(1.0)
    assert meter.errors.codes() == []  # waiting for a response is not an error


def test_new_message_interrupts_a_deferred_response(meter):
    session = MessageSession(meter)
    session.write(b"VOLT:NPLC 50;:READ?\n")
    session.write(b"*IDN?\n")
    assert session.read().data == IDN
    assert meter.errors.codes() == [-410]


def test_streaming_session_pipelines_and_waits_behind_a_sequential_query(meter):
    session = MessageSession(meter, streaming=True)
    session.write(b"*IDN?\n*ESE?\nVOLT:NPLC 50;:READ?\n*IDN?\n", end=False)
    assert session.busy
    assert session.fetch() == IDN + b"0\n"
    out = session.fetch(timeout=None)
    assert out.endswith(IDN) and b"E-06" in out
    assert not session.busy and meter.errors.codes() == []


def test_an_instrument_bug_becomes_310_not_an_exception(meter):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug")

    meter.trigger = broken
    session = MessageSession(meter)
    session.write(b"*TRG;*IDN?\n")
    assert session.read().data == IDN
    assert meter.errors.codes() == [-310]
    assert isinstance(meter.last_internal_error, ZeroDivisionError)


def test_in_process_write_and_query(meter):
    meter.write("VOLT:NPLC 2")
    assert meter.query("VOLT:NPLC?") == "+2.000000000E+00"
    assert meter.nplc == 2.0


def test_streaming_session_holds_input_while_its_output_waits(meter):
    session = MessageSession(meter, streaming=True)
    session.write(b"DATA:BLOC #44000" + b"x" * 4000 + b"\n" + b"DATA:BLOC?\n" * 100, end=False)
    assert session.busy  # more than STREAM_OUTPUT_LIMIT of responses: the parser waits for the transport
    received = b""
    while session.busy or not received:
        received += session.fetch()
    assert received.count(b"#44000") == 100
    assert meter.errors.codes() == []
