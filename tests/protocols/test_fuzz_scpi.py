"""Fuzzing: random and mutated command strings and binary garbage at the parser, at a message session and
at the TCP server. Nothing may raise, every bad message must leave an SCPI error (never a crash), the next
valid command must work, and buffers and caches must stay bounded."""
from __future__ import annotations

import socket

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocols.demo import DemoMeter
from protocols.message import PARSE_CACHE_SIZE, _parse_cached, parse_message
from protocols.session import STREAM_INPUT_LIMIT, STREAM_OUTPUT_LIMIT, MessageSession
from protocols.tcp_server import ScpiServer
from protocols.tree import RESOLVE_CACHE_SIZE

IDN = b"SKYBENCH,DEMOMETER,0001,1.0\n"

VALID = [
    "*IDN?",
    "VOLT:NPLC 5",
    "SENS:VOLT:DC:NPLC? MAX",
    ":OUTP2 ON;:OUTP2?",
    "TRIG:SOUR BUS;*TRG;:FETC?",
    "TRIG:DEL 100NS;DEL?",
    "SYST:LAB 'a''b';LAB?",
    "DATA:BLOC #15abcde;BLOC?",
    "ROUT:CLOS (@1,3:5);CLOS?",
    "STAT:OPER:ENAB 16;ENAB?",
    "*ESE 32;*SRE 32;*STB?",
    "SYST:ERR:ALL?",
    "INIT;*OPC?",
    "READ?",
    "*RST;*CLS",
]
TOKENS = [
    *VALID, ":", ";", ";:", ",", " ", "\t", "\r", "?", "*", "'", '"', "#", "#1", "#2", "#9", "#0", "(", ")", "(@",
    "@", "!", "1", "-1", "1e999", ".", "E", "MAX", "INF", "NINF", "UP", "ON", "OFF", "NS", "MV", "VOLT", "NPLC",
    "OUTP3", "SENSE", "x" * 13, "\x00", "\x7f", "\xff", "ü", "€", "\n",
]

scpi_like = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)


@st.composite
def mutated(draw):
    text = bytearray(draw(st.sampled_from(VALID)).encode())
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(("insert", "delete", "replace")))
        byte = draw(st.integers(0, 255))
        if action == "insert" or not text:
            text.insert(position, byte)
        elif action == "delete":
            del text[min(position, len(text) - 1)]
        else:
            text[min(position, len(text) - 1)] = byte
    return bytes(text)


garbage = st.one_of(scpi_like.map(lambda s: s.encode("utf-8")), mutated(), st.binary(max_size=400))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_parser_never_raises(text):
    parsed = parse_message(text)
    assert parsed.error is None or parsed.error[0] < 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(garbage, min_size=1, max_size=5))
def test_session_survives_garbage_and_answers_the_next_valid_command(messages):
    meter = DemoMeter()
    session = MessageSession(meter)
    for message in messages:
        session.write(message, end=True)  # END-terminated, as a VISA write
        session.read(timeout=0.0)
    session.write(b"*IDN?\n")
    assert session.read(timeout=0.0).data == IDN
    assert len(meter.errors) <= meter.ERROR_QUEUE_SIZE
    assert meter.last_internal_error is None
    assert len(session._input) <= meter.INPUT_BUFFER_SIZE


@settings(max_examples=200, deadline=None)
@given(st.lists(garbage, min_size=1, max_size=5))
def test_streaming_session_stays_bounded(chunks):
    meter = DemoMeter()
    session = MessageSession(meter, streaming=True)
    for chunk in chunks:
        session.write(chunk, end=False)
        session.fetch(timeout=None)
    assert len(session._input) <= max(meter.INPUT_BUFFER_SIZE, STREAM_INPUT_LIMIT)
    assert len(session._output) <= STREAM_OUTPUT_LIMIT + meter.OUTPUT_QUEUE_SIZE
    assert meter.last_internal_error is None


def test_caches_are_bounded():
    assert _parse_cached.cache_info().maxsize == PARSE_CACHE_SIZE
    meter = DemoMeter()
    for index in range(RESOLVE_CACHE_SIZE + 50):
        meter.execute(f"NODE{index}:X{index} 1")
    assert len(meter._tree._cache) <= RESOLVE_CACHE_SIZE


def _read_until(sock: socket.socket, marker: bytes, limit: int = 1 << 20) -> bytes:
    data = b""
    while not data.endswith(marker) and len(data) < limit:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_tcp_server_survives_garbage():
    meter = DemoMeter()
    with ScpiServer({"GPIB0::22::INSTR": meter}, port_base=0) as server:
        port = server.ports["GPIB0::22::INSTR"]

        @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(garbage, st.booleans())
        def attack(junk, vanish):
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            try:
                sock.sendall(junk + b"\n")
                if vanish:
                    return  # the client disappears, maybe mid-query
                if b"#" not in junk:  # a '#' may open a block that swallows what follows, as on a real unit
                    sock.sendall(b"*IDN?\n")
                    assert _read_until(sock, IDN).endswith(IDN)
            finally:
                sock.close()
            with socket.create_connection(("127.0.0.1", port), timeout=10) as fresh:
                fresh.sendall(b"*IDN?\n")
                assert _read_until(fresh, IDN).endswith(IDN)

        attack()
        assert meter.last_internal_error is None
        assert server._thread.is_alive()
