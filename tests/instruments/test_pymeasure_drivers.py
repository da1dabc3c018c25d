"""PyMeasure's own drivers (Keithley6221, Keithley2182, Keysight81160A, AMI430) run unmodified against the emulated
bench, through the in-process @skybench pyvisa backend and through raw TCP sockets (pyvisa-py), the way they
would against the real instruments.

Where a driver sends something the real instrument rejects, the emulator answers as the instrument would and
the test says so:
- Keithley6221.standard_event_enabled sends `ESE?` / `ESE n` without the `*`: -113 Undefined header.
- Keithley6221.trigger_on_bus sends `:TRIG:SOUR BUS`; the 622x trigger layer takes IMM or TLINk only: -141
  (the 6221 reference manual lists `ARM:SOUR ... BUS ...` but `TRIG:SOUR IMM|TLIN`).
- Keysight81160A channel `apply_pulse` (`:APPL1:PULS ...`) and `coupling_enabled` (`:TRAC:CHAN1`) are not
  emulated: -113 (documented limits of this emulator, not of the real unit).
- Keysight81160A.burst_state sends `:BURS1:STAT 0` for True (its value list is mapped by index): burst off.
- AMI430 reads the 430's two-line connect message in its constructor (it times out without it);
  `ramp_to_field` and `shutdown` send `PSwitch 1/0` unconditionally: without a persistent switch the 430
  refuses them (-221 here); `ramp_rate_current` sends `CONF:RAMP:RATE:CURR 1,<rate>` without the upper bound
  the manual's syntax requires: -109 Missing parameter.
- Keithley2182's default read termination is CR (its RS-232 setting); over GPIB the 2182A ends responses with
  LF + END (pyvisa warns that CR is missing) and over a raw socket there is no END, so the tests open it with LF.
"""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

pyvisa = pytest.importorskip("pyvisa")
pymeasure = pytest.importorskip("pymeasure.instruments")
from pymeasure.instruments.ami import AMI430  # noqa: E402
from pymeasure.instruments.keithley import Keithley2182, Keithley6221  # noqa: E402
from pymeasure.instruments.keysight import Keysight81160A  # noqa: E402

from protocols.tcp_server import ScpiServer  # noqa: E402
from protocols.visa_library import SkybenchVisaLibrary  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PG, CS, NV, SWITCH = "GPIB0::10::INSTR", "GPIB0::12::INSTR", "GPIB0::7::INSTR", "GPIB0::17::INSTR"
MAGNET = "TCPIP0::192.168.1.30::7180::SOCKET"


def close_route(bench, channel: int) -> None:
    bench.switch.write(f"ROUT:OPEN:ALL;:ROUT:CLOS (@1!{channel})")
    assert bench.switch.query("*OPC?", timeout=1.0) == "1"


def drive_6221(k6221, bench, socket_transport: bool) -> None:
    k6221.reset()
    assert k6221.id.startswith("KEITHLEY INSTRUMENTS INC.,MODEL 6221")
    k6221.source_range = 2e-4
    k6221.source_compliance = 2
    k6221.source_current = 1e-4
    k6221.source_enabled = True
    assert k6221.source_current == pytest.approx(1e-4)
    assert k6221.source_range == pytest.approx(2e-4) and k6221.source_auto_range is False
    assert k6221.source_enabled is True
    k6221.shield_to_guard_enabled = True
    assert k6221.shield_to_guard_enabled is True
    k6221.output_low_grounded = True
    k6221.display_enabled = False
    assert k6221.check_errors() == []
    k6221.delta_unit = "Ohms"
    k6221.delta_high_source = 1e-4
    k6221.delta_low_source = -1e-4
    k6221.delta_delay = 2e-3
    k6221.delta_cycles = 4
    k6221.delta_measurement_sets = 1
    k6221.delta_compliance_abort_enabled = True
    k6221.delta_cold_switch_enabled = False
    k6221.delta_buffer_points = 10
    assert k6221.delta_connected == 1
    assert k6221.delta_compliance_abort_enabled is True
    k6221.delta_arm()
    k6221.delta_start()
    assert k6221.complete == "1"
    ohms = k6221.delta_values[0::2]
    assert len(ohms) == 4
    expected = bench.device.read().hall_resistance + bench.config.wiring.misalignment_resistance
    assert sum(ohms) / 4 == pytest.approx(expected, rel=0.02)
    assert k6221.delta_sense[0] == pytest.approx(ohms[-1])
    k6221.delta_abort()
    k6221.beep(440, 0.1)
    assert k6221.check_errors() == []
    k6221.standard_event_enabled = 32  # `ESE 32`: a real 6221 rejects the missing `*`
    with pytest.raises(pyvisa.errors.VisaIOError):
        k6221.standard_event_enabled  # noqa: B018 - `ESE?` is rejected too, so nothing comes to read
    k6221.trigger_on_bus()  # `:TRIG:SOUR BUS` is not a 622x trigger source
    unanswered = [] if socket_transport else [-420]  # GPIB: the read found nothing; a raw socket just waits
    assert [int(e[0]) for e in k6221.check_errors()] == [-113, -113, *unanswered, -141]


def drive_2182(k2182, bench) -> None:
    k2182.reset()
    k2182.ch_1.setup_voltage(nplc=1)
    k2182.write(":SENS:VOLT:DFIL OFF")
    assert k2182.active_channel == 1
    assert k2182.channel_function == "voltage"
    assert k2182.voltage_nplc == 1
    k2182.ch_1.voltage_range = 0.01
    assert k2182.ch_1.voltage_range == 0.01 and k2182.ch_1.voltage_range_auto_enabled is False
    hall = bench.device.read().hall_resistance * 1e-4
    assert k2182.voltage == pytest.approx(hall, abs=2e-7)  # misalignment and thermal offsets, ~0.1 uV
    k2182.ch_1.voltage_offset = 1e-6
    k2182.ch_1.voltage_offset_enabled = True
    assert k2182.voltage == pytest.approx(hall - 1e-6, abs=2e-7)
    k2182.ch_1.voltage_offset_enabled = False
    k2182.trigger_count = 3
    k2182.trigger_delay = 0.01
    assert k2182.trigger_count == 3 and k2182.trigger_delay == pytest.approx(0.01)
    k2182.auto_zero_enabled = True
    assert k2182.line_frequency == 50
    k2182.config_buffer(points=4)
    k2182.start_buffer()
    k2182.wait_for_buffer(timeout=30, interval=0.01)
    data = k2182.buffer_data
    assert len(data) == 4
    assert k2182.mean == pytest.approx(data.mean(), abs=1e-12)
    assert k2182.standard_dev == pytest.approx(data.std(ddof=1), rel=1e-4)
    k2182.reset_buffer()
    k2182.sample_continuously()
    k2182.trigger_count = 1
    k2182.ch_2.setup_temperature()
    k2182.thermocouple = "K"
    k2182.temperature_reference_junction = "SIM"
    k2182.temperature_simulated_reference = 23
    assert k2182.temperature == pytest.approx(bench.config.wiring.ambient_temperature - 273.15, abs=0.1)
    assert k2182.internal_temperature > 0
    assert k2182.check_errors() == []


def drive_81160a(gen, bench) -> None:
    gen.reset()
    gen.clear()
    assert gen.id.startswith("Agilent Technologies,81150A")
    ch = gen.ch_1
    ch.shape = "PULS"
    ch.pulse_width = 100e-9
    ch.pulse_period = 1e-6
    ch.pulse_transition = 2.5e-9
    ch.output_load = 50
    ch.voltage_low = 0
    ch.voltage_high = 0.5
    ch.trigger_mode = "MAN"
    ch.trigger_count = 2
    ch.output = True
    assert ch.shape == "PULS" and ch.trigger_mode == "MAN"
    assert ch.pulse_width == pytest.approx(100e-9) and ch.pulse_period == pytest.approx(1e-6)
    assert ch.voltage_high == pytest.approx(0.5) and ch.amplitude == pytest.approx(0.5)
    assert ch.offset == pytest.approx(0.25) and ch.pulse_dutycycle == pytest.approx(10.0)
    assert ch.burst_ncycles == 2
    # Driver bug: Keysight81160A maps burst_state through the list [True, False] by index, so
    # `burst_state = True` sends `:BURS1:STAT 0`; the generator, as a real one would, leaves burst mode
    # (one pulse per trigger) and reading `:BURS1:STAT?` = 0 back gives True.
    ch.burst_state = True
    assert ch.burst_ncycles == 1 and ch.burst_state is True
    ch.trigger_count = 2
    assert ch.amplitude_unit == "VPP"
    ch.limit_high = 1.0
    ch.limit_low = -1.0
    ch.limit_state_enabled = True
    assert gen.check_errors() == []
    close_route(bench, 1)
    gen.trigger()
    gen.wait_for_trigger(timeout=5)
    pulses = [p for p in bench.wiring.pulses if p.delivered]
    assert len(pulses) == 2
    assert pulses[0].current == pytest.approx(1.0 / (50 + bench.wiring.path_resistance()))  # E = 2 x 0.5 V
    ch.voltage_high = 2.0  # beyond the limit just enabled
    assert [int(e[0]) for e in gen.check_errors()] == [-221]
    ch.output = False
    ch.apply_pulse(1e6, 1, 0)  # not emulated
    assert [int(e[0]) for e in gen.check_errors()] == [-113]


def drive_ami430(magnet, bench) -> None:
    """The driver works in kilogauss (the 430's power-on unit) and waits for a ramp by polling STATE?."""
    assert magnet.id.startswith("AMERICAN MAGNETICS INC.,MODEL 430")
    magnet.coilconst = 0.5  # kG/A
    magnet.target_field = 0.5  # kG
    magnet.ramp_rate_field = 0.1  # kG/s, segment 1 up to 1 kG
    assert magnet.coilconst == 0.5 and magnet.target_field == 0.5
    assert magnet.ramp_rate_field == [0.1, 1.0]
    assert magnet.check_errors() == []
    start = bench.clock.now()
    magnet.ramp()
    assert magnet.magnet_status == "RAMPING"
    magnet.wait_for_holding(interval=0)
    assert bench.clock.now() - start == pytest.approx(5.0)
    assert magnet.magnet_status == "HOLDING" and magnet.field == pytest.approx(0.5)
    assert bench.device.field == pytest.approx(0.05)
    assert magnet.magnet_current == pytest.approx(1.0) and magnet.supply_current == pytest.approx(1.0)
    magnet.ramp_to_field(0.2, 0.1)
    magnet.wait_for_holding(interval=0)
    assert bench.device.field == pytest.approx(0.02)
    magnet.ramp_rate_current = 0.0357
    assert [int(e[0]) for e in magnet.check_errors()] == [-221, -109]
    magnet.write("QU 1")
    assert magnet.magnet_status == "QUENCH!!!"
    magnet.write("QU 0")
    magnet.zero()
    magnet.wait_for_holding(interval=0)
    assert magnet.magnet_status == "AT ZERO CURRENT" and bench.device.field == 0.0


def drive_all(bench, k6221, k2182, gen, socket_transport: bool) -> None:
    """The three drivers' checks on one bench (a Hall route, the source on at 100 uA), then close them."""
    try:
        close_route(bench, 2)
        drive_6221(k6221, bench, socket_transport=socket_transport)
        k6221.source_current = 1e-4
        k6221.source_enabled = True
        drive_2182(k2182, bench)
        drive_81160a(gen, bench)
    finally:
        for driver in (k6221, k2182, gen):
            driver.adapter.close()


def test_pymeasure_drivers_through_the_pyvisa_backend(bench):
    library = SkybenchVisaLibrary.with_bench(bench)
    k6221 = Keithley6221(CS, visa_library=library)
    k2182 = Keithley2182(NV, visa_library=library, read_termination="\n")  # the 2182A's GPIB terminator
    gen = Keysight81160A(PG, visa_library=library)
    drive_all(bench, k6221, k2182, gen, socket_transport=False)
    magnet = AMI430(MAGNET, visa_library=library)
    try:
        drive_ami430(magnet, bench)
    finally:
        magnet.adapter.close()


def test_pymeasure_drivers_over_tcp(bench):
    with ScpiServer(bench, port_base=0) as server:
        ports = server.ports
        options = {"visa_library": "@py", "read_termination": "\n", "write_termination": "\n", "timeout": 5000}
        k6221 = Keithley6221(f"TCPIP0::127.0.0.1::{ports[CS]}::SOCKET", **options)
        k2182 = Keithley2182(f"TCPIP0::127.0.0.1::{ports[NV]}::SOCKET", **options)
        gen = Keysight81160A(f"TCPIP0::127.0.0.1::{ports[PG]}::SOCKET", **options)
        drive_all(bench, k6221, k2182, gen, socket_transport=True)
        magnet = AMI430(f"TCPIP0::127.0.0.1::{ports[MAGNET]}::SOCKET", visa_library="@py", timeout=5000)
        try:
            drive_ami430(magnet, bench)
        finally:
            magnet.adapter.close()


def test_skybench_serve_serves_the_default_bench_to_pymeasure():
    runner = ("import sys; from skybench.cli import main; "
              "sys.exit(main(['serve', '--port-base', '0', '--duration', '60']))")
    process = subprocess.Popen([sys.executable, "-c", runner], cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in process.stdout:
            lines.append(line.strip())
            if line.startswith("serving"):
                break
        ports = {left.strip(): int(right.split("::")[2]) for left, right in
                 (line.split("->") for line in lines if "->" in line)}
        assert set(ports) >= {PG, CS, NV, SWITCH}
        with socket.create_connection(("127.0.0.1", ports[SWITCH]), timeout=10) as sock:
            sock.sendall(b"ROUT:CLOS (@1!2);*OPC?\n")
            assert sock.recv(100) == b"1\n"
        # generous: the server's first device reading may compile the numba kernels if their cache is stale
        options = {"visa_library": "@py", "read_termination": "\n", "write_termination": "\n", "timeout": 120000}
        k6221 = Keithley6221(f"TCPIP0::127.0.0.1::{ports[CS]}::SOCKET", **options)
        k2182 = Keithley2182(f"TCPIP0::127.0.0.1::{ports[NV]}::SOCKET", **options)
        magnet = AMI430(f"TCPIP0::127.0.0.1::{ports[MAGNET]}::SOCKET", visa_library="@py", timeout=120000)
        try:
            k6221.source_current = 1e-4
            k6221.source_enabled = True
            k2182.ch_1.setup_voltage(nplc=1)
            volts = k2182.voltage
            assert 1e-6 < volts < 1e-5  # the saturated device's Hall voltage at 100 uA: microvolts
            magnet.target_field = 0.5  # kG
            magnet.ramp_rate_field = 0.1  # kG/s: 5 s, a few ms of wall at serve's default time rate
            magnet.ramp()
            magnet.wait_for_holding(interval=0.01)
            assert magnet.field == pytest.approx(0.5) and magnet.magnet_status == "HOLDING"
        finally:
            k6221.adapter.close()
            k2182.adapter.close()
            magnet.adapter.close()
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()
