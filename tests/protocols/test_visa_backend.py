"""The @skybench pyvisa backend: resource names, open/close, query, timeouts as VI_ERROR_TMO, serial poll,
device clear, GET, service request events, bench selection (argument, SKYBENCH_BENCH, PYVISA_LIBRARY)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pyvisa = pytest.importorskip("pyvisa")

from instruments.bench_file import install  # noqa: E402 - bench files have one reader, instruments.bench_file
from protocols.bench import Bench, load_bench  # noqa: E402
from protocols.demo import DemoMeter, demo_bench  # noqa: E402
from protocols.visa_library import SkybenchVisaLibrary  # noqa: E402
from skybench.errors import DataError  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
IDN = "SKYBENCH,DEMOMETER,0001,1.0"


@pytest.fixture
def rm():
    manager = pyvisa.ResourceManager(SkybenchVisaLibrary.with_bench(demo_bench()))
    yield manager
    manager.close()


@pytest.fixture
def dmm(rm):
    resource = rm.open_resource("GPIB0::22::INSTR", read_termination="\n", write_termination="\n")
    yield resource
    resource.close()


def test_at_skybench_string_opens_the_demo_bench():
    # "@skybench" alone serves the skyrmion bench (tests/instruments/test_bench_loading.py); "demo@skybench"
    # is the protocol layer's own bench.
    manager = pyvisa.ResourceManager("demo@skybench")
    assert set(manager.list_resources("?*")) == {"GPIB0::22::INSTR", "TCPIP0::127.0.0.1::5025::SOCKET"}
    assert manager.list_resources() == ("GPIB0::22::INSTR",)
    with manager.open_resource("GPIB::22", read_termination="\n") as resource:
        assert resource.query("*IDN?") == IDN


def test_query_and_resource_info(dmm):
    assert dmm.query("*IDN?") == IDN
    assert dmm.resource_info.resource_class == "INSTR"
    assert dmm.primary_address == 22


def test_raw_gpib_read_keeps_the_newline(rm):
    resource = rm.open_resource("GPIB0::22::INSTR")
    resource.write("*IDN?")
    assert resource.read_raw() == (IDN + "\n").encode()


def test_unknown_and_malformed_resources(rm):
    with pytest.raises(pyvisa.VisaIOError) as info:
        rm.open_resource("GPIB0::5::INSTR")
    assert info.value.error_code == pyvisa.constants.StatusCode.error_resource_not_found
    with pytest.raises(pyvisa.VisaIOError):
        rm.list_resources("ASRL?*")


def test_read_with_nothing_queued_times_out_and_queues_420(dmm):
    dmm.timeout = 100
    with pytest.raises(pyvisa.VisaIOError) as info:
        dmm.read()
    assert info.value.error_code == pyvisa.constants.StatusCode.error_timeout
    assert dmm.query("SYST:ERR?") == '-420,"Query UNTERMINATED"'


def test_slow_query_times_out_then_arrives(rm, dmm):
    meter = rm.visalib.bench["GPIB0::22::INSTR"]
    dmm.timeout = 300  # ms of instrument time per read
    dmm.write("VOLT:NPLC 50;:READ?")  # 1 s of integration
    for _ in range(3):
        with pytest.raises(pyvisa.VisaIOError):
            dmm.read()
    assert float(dmm.read()) == pytest.approx(meter.input_voltage)
    assert meter.now() == pytest.approx(1.0)
    assert dmm.query("SYST:ERR?") == '0,"No error"'


def test_serial_poll_and_service_request(dmm):
    dmm.write("*CLS;*ESE 32;*SRE 32")
    assert dmm.read_stb() == 0
    dmm.write("BOGUS")
    assert dmm.read_stb() & 64
    assert dmm.stb & 32 and not dmm.stb & 64
    dmm.write("*CLS")
    dmm.enable_event(pyvisa.constants.EventType.service_request, pyvisa.constants.EventMechanism.queue)
    dmm.write("BOGUS2")
    response = dmm.wait_on_event(pyvisa.constants.EventType.service_request, 1000)
    assert response.event.event_type == pyvisa.constants.EventType.service_request
    dmm.read_stb()
    timed_out = dmm.wait_on_event(pyvisa.constants.EventType.service_request, 10, capture_timeout=True)
    assert timed_out.timed_out


def test_device_clear_discards_output_but_keeps_errors(dmm):
    dmm.write("BOGUS;*IDN?")
    dmm.write("*IDN?")
    dmm.clear()
    dmm.timeout = 50
    with pytest.raises(pyvisa.VisaIOError):
        dmm.read()
    assert dmm.query("SYST:ERR?").startswith("-113")


def test_assert_trigger_is_a_bus_trigger(rm, dmm):
    dmm.write("TRIG:SOUR BUS")
    dmm.assert_trigger()
    assert rm.visalib.bench["GPIB0::22::INSTR"].triggers == 1
    assert float(dmm.query("FETC?")) == pytest.approx(1.234e-6)


def test_termination_character_and_chunked_reads(dmm):
    dmm.chunk_size = 4
    assert dmm.query("*IDN?") == IDN
    assert dmm.query("SYST:LAB 'a;b';LAB?") == '"a;b"'


def test_socket_resource_needs_the_newline(rm):
    sock = rm.open_resource("TCPIP0::127.0.0.1::5025::SOCKET", read_termination="\n", write_termination="\n")
    assert sock.query("*IDN?") == IDN
    sock.write_termination = ""
    sock.timeout = 50
    sock.write("*IDN?")  # no END on a raw socket: the message is not complete
    with pytest.raises(pyvisa.VisaIOError):
        sock.read()


def test_closing_the_last_handle_empties_the_buffers(rm):
    first = rm.open_resource("GPIB0::22::INSTR", read_termination="\n")
    second = rm.open_resource("GPIB0::22::INSTR", read_termination="\n")
    first.write("*IDN?")
    assert second.read() == IDN  # one instrument, one output queue
    first.write("*IDN?")
    first.close()
    second.close()
    third = rm.open_resource("GPIB0::22::INSTR", read_termination="\n")
    third.write("*ESE?")
    assert third.read() == "0"
    assert third.query("SYST:ERR?") == '0,"No error"'  # no -410: the stale response left with the handles


@pytest.fixture(autouse=True)
def bench_file_reader():
    install()


def test_bench_file_and_env_var(tmp_path, monkeypatch):
    bench_file = tmp_path / "bench.yaml"
    bench_file.write_text(
        "instruments:\n  - resource: GPIB0::7::INSTR\n    kind: demo_meter\n    options: {input_voltage: 2.5e-6}\n"
    )
    manager = pyvisa.ResourceManager(f"{bench_file}@skybench")
    with manager.open_resource("GPIB0::7::INSTR", read_termination="\n") as resource:
        resource.write("TRIG:SOUR BUS;*TRG")
        assert float(resource.query("FETC?")) == pytest.approx(2.5e-6)
    monkeypatch.setenv("SKYBENCH_BENCH", str(bench_file))
    assert list(load_bench("")) == ["GPIB0::7::INSTR"]


@pytest.mark.parametrize(
    "text, match",
    [
        ("instruments: []\n", "non-empty"),
        ("instruments:\n  - resource: GPIB0::7::INSTR\n    kind: laser\n", "unknown kind"),
        ("instruments:\n  - kind: demo_meter\n", "needs 'resource'"),
        ("instruments:\n  - resource: GPIB0::7::INSTR\n    kind: demo_meter\n    options: {volts: 1}\n", "demo_meter"),
        ("- [unbalanced\n", "cannot be read"),
    ],
)
def test_bad_bench_files_name_the_file(tmp_path, text, match):
    bench_file = tmp_path / "bad.yaml"
    bench_file.write_text(text)
    with pytest.raises(DataError, match=match):
        load_bench(str(bench_file))


def test_missing_bench_file():
    with pytest.raises(DataError, match="does not exist"):
        load_bench("/no/such/bench.yaml")


def test_duplicate_resource_names_are_refused(tmp_path):
    with pytest.raises(DataError, match="twice"):
        Bench({"GPIB0::1::INSTR": DemoMeter(), "GPIB::1": DemoMeter()})
    bench_file = tmp_path / "dup.yaml"
    bench_file.write_text("instruments:\n  - {resource: 'GPIB0::7::INSTR', kind: demo_meter}\n"
                          "  - {resource: 'GPIB::7', kind: demo_meter}\n")
    with pytest.raises(DataError, match=r"resource GPIB0::7::INSTR appears twice \(instruments 1 and 2\)"):
        load_bench(str(bench_file))


def test_unchanged_script_with_pyvisa_library_env():
    script = textwrap.dedent(
        """
        import pyvisa
        rm = pyvisa.ResourceManager()
        inst = rm.open_resource("GPIB0::22::INSTR", read_termination="\\n")
        print(inst.query("*IDN?"))
        """
    )
    env = {"PYVISA_LIBRARY": "demo@skybench", "PATH": "", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == IDN


def test_pymeasure_scpi_mixin_runs_unchanged():
    pymeasure = pytest.importorskip("pymeasure.instruments")

    class Meter(pymeasure.SCPIMixin, pymeasure.Instrument):
        nplc = pymeasure.Instrument.control("VOLT:NPLC?", "VOLT:NPLC %g", "Integration time (PLC).")

    meter = Meter("GPIB0::22::INSTR", "demo", visa_library="demo@skybench", read_termination="\n", write_termination="\n")
    try:
        meter.reset()
        meter.clear()
        assert meter.id == IDN
        assert meter.complete == "1"
        meter.nplc = 7
        assert meter.nplc == 7.0
        assert meter.check_errors() == []
        meter.write("ESE?")  # PyMeasure's 6221 driver sends this; a real unit answers -113
        assert [code for code, _ in meter.check_errors()] == [-113]
    finally:
        meter.adapter.close()
