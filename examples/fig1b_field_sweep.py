"""Fig. 1b of Song et al. (skyrmion synapse) as a lab measurement script: the Hall loop R_xy(B_z). Plain pyvisa.

The same script drives the real bench and the emulated one:

    PYVISA_LIBRARY=@skybench python examples/fig1b_field_sweep.py --out loop1     # the emulator
    python examples/fig1b_field_sweep.py --visa-library @py --out loop1           # real instruments

What it does:
1. identify and reset the AMI 430 (tesla, T/s), the 6221 (100 uA, 2 V compliance), the 2182A (channel 1, DC
   volts, 1 PLC, 10 mV range, N readings per READ?) and the 7001 (Hall route B-B');
2. saturate at +B_MAX, then sweep down to -B_MAX and back up to +B_MAX in STEP steps (161 points each way for
   the defaults +-0.4 T, 5 mT), waiting for each ramp to end (polling the 430's STATE? until HOLDING);
3. at each field read the Hall voltage with +I and -I (current reversal cancels thermoelectric offsets):
   R_xy = (V+ - V-) / (2 I).

Output `OUT/trace.csv`: direction ('down' or 'up'), field_T (the magnet's FIELD:MAGnet?), hall_resistance_ohm,
hall_voltage_pos_V, hall_voltage_neg_V; `OUT/measurement.json`: instruments, settings and timing.
"""
from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from pathlib import Path

import pyvisa

B_MAX = 0.4                     # T, the sweep's end points
STEP = 0.005                    # T between points (161 points per direction for +-0.4 T)
RAMP_RATE = 0.05                # T/s
SENSE_CURRENT = 100e-6          # A, the 6221's d.c. current (paper Methods)
COMPLIANCE = 2.0                # V
READINGS = 3                    # readings averaged per polarity and field
NPLC = 1.0                      # power-line cycles per reading
VOLTAGE_RANGE = 0.01            # V, the 2182A's 10 mV range
RAMP_TIMEOUT = 600.0            # s of wall time a field change may take before the script gives up
MAGNET_HOLDING, MAGNET_QUENCH = "2", "7"   # AMI 430 STATE? codes

RESOURCES = {
    "current_source": "GPIB0::12::INSTR",    # Keithley 6221
    "nanovoltmeter": "GPIB0::7::INSTR",      # Keithley 2182A
    "switch": "GPIB0::17::INSTR",            # Keithley 7001: 1!2 Hall
    "magnet": "TCPIP0::192.168.1.30::7180::SOCKET",   # AMI 430
}
ROUTE_HALL = "(@1!2)"
COLUMNS = ("direction", "field_T", "hall_resistance_ohm", "hall_voltage_pos_V", "hall_voltage_neg_V")


def sweep_fields(b_max: float = B_MAX, step: float = STEP) -> list[tuple[str, float]]:
    """(direction, field T) of every point: +b_max down to -b_max, then back up."""
    count = round(2 * b_max / step) + 1
    down = [b_max - 2 * b_max * k / (count - 1) for k in range(count)]
    return [("down", b) for b in down] + [("up", -b) for b in down]


def check(resource, name: str) -> None:
    """Drain the error queue: a negative (SCPI) code stops the script; a positive, device-specific entry (e.g.
    the emulated 2182A's +701 "Sample outside model range") is reported on stderr and the sweep goes on."""
    while True:
        entry = resource.query("SYST:ERR?").strip()
        code = int(entry.split(",", 1)[0])
        if code == 0:
            return
        if code < 0:
            raise RuntimeError(f"{name} reports {entry}")
        print(f"{name}: {entry}", file=sys.stderr)


def ramp_to(magnet, tesla: float) -> None:
    """Ramp the AMI 430 to `tesla` and wait until it holds it (its *OPC? does not wait for a ramp)."""
    magnet.write(f"CONF:FIELD:TARG {tesla:.6f}")
    magnet.write("RAMP")
    check(magnet, "magnet")
    deadline = time.monotonic() + RAMP_TIMEOUT
    while (state := magnet.query("STATE?").strip()) != MAGNET_HOLDING:
        if state == MAGNET_QUENCH:
            raise RuntimeError("magnet quench while ramping")
        if time.monotonic() > deadline:
            raise RuntimeError(f"magnet still in state {state} after {RAMP_TIMEOUT:g} s")


def measure_fig1b(rm: pyvisa.ResourceManager, out: str | Path, resources: dict[str, str] | None = None,
                  readings: int = READINGS, b_max: float = B_MAX, step: float = STEP,
                  timeout_ms: int = 60_000) -> list[dict]:
    """Sweep the field and read R_xy at each point; write OUT/trace.csv and OUT/measurement.json."""
    started = time.perf_counter()
    names = {**RESOURCES, **(resources or {})}
    opened = {}
    for name, address in names.items():
        termination = "\r\n" if name == "magnet" else "\n"
        opened[name] = rm.open_resource(address, read_termination=termination, write_termination=termination)
        opened[name].timeout = timeout_ms
        if name == "magnet" and opened[name].resource_info.resource_class == "SOCKET":
            opened[name].read()  # the 430's Ethernet port greets every connection with two lines:
            opened[name].read()  # "American Magnetics Model 430 IP Interface", "Hello."
    cs, nv, sw, magnet = (opened[k] for k in ("current_source", "nanovoltmeter", "switch", "magnet"))
    rows = []
    try:
        identities = {name: resource.query("*IDN?").strip() for name, resource in opened.items()}
        for resource in opened.values():
            resource.write("*RST;*CLS")
        nv.write(f":SENS:FUNC 'VOLT';:SENS:CHAN 1;:SENS:VOLT:NPLC {NPLC:g};:SENS:VOLT:DFIL OFF")
        nv.write(f":SENS:VOLT:CHAN1:RANG {VOLTAGE_RANGE:g};:TRIG:SOUR IMM;:TRIG:COUN {readings:d}")
        cs.write(f"SOUR:CURR:RANG {SENSE_CURRENT:.6e};:SOUR:CURR:COMP {COMPLIANCE:g}")
        magnet.write(f"CONF:FIELD:UNITS 1;:CONF:RAMP:RATE:UNITS 0;:CONF:RAMP:RATE:FIELD 1,{RAMP_RATE:g},{b_max:g}")
        sw.write(f"ROUT:OPEN:ALL;:ROUT:CLOS {ROUTE_HALL}")
        sw.query("*OPC?")
        for name, resource in opened.items():
            check(resource, name)

        def hall_voltage(current: float) -> float:
            cs.write(f"SOUR:CURR {current:.6e};:OUTP ON")
            values = [float(v) for v in nv.query("READ?").split(",")]
            check(nv, "nanovoltmeter")
            return statistics.fmean(values)

        ramp_to(magnet, b_max)   # saturate
        for direction, target in sweep_fields(b_max, step):
            ramp_to(magnet, target)
            field = float(magnet.query("FIELD:MAG?"))
            positive = hall_voltage(SENSE_CURRENT)
            negative = hall_voltage(-SENSE_CURRENT)
            rows.append({"direction": direction, "field_T": field,
                         "hall_resistance_ohm": (positive - negative) / (2 * SENSE_CURRENT),
                         "hall_voltage_pos_V": positive, "hall_voltage_neg_V": negative})
        cs.write("OUTP OFF")
        sw.write("ROUT:OPEN:ALL")
    finally:
        for resource in opened.values():
            resource.close()

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "trace.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:.9g}" if isinstance(v, float) else v) for k, v in row.items()})
    summary = {"instruments": identities, "sense_current_A": SENSE_CURRENT, "readings_per_polarity": readings,
               "nplc": NPLC, "ramp_rate_T_per_s": RAMP_RATE, "field_step_T": step, "b_max_T": b_max,
               "points": len(rows), "wall_time_s": time.perf_counter() - started}
    (out / "measurement.json").write_text(json.dumps(summary, indent=2) + "\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder for trace.csv and measurement.json")
    parser.add_argument("--visa-library", default=None,
                        help="pyvisa library ('@py', '@skybench', ...; default: $PYVISA_LIBRARY or pyvisa's)")
    parser.add_argument("--readings", type=int, default=READINGS, help=f"readings per polarity (default {READINGS})")
    parser.add_argument("--b-max", type=float, default=B_MAX, help=f"sweep end points in T (default {B_MAX})")
    parser.add_argument("--step", type=float, default=STEP, help=f"field step in T (default {STEP})")
    args = parser.parse_args(argv)
    if not 1 <= args.readings <= 1024:
        parser.error(f"--readings must be in [1, 1024], got {args.readings}")
    if not 0 < args.b_max <= 1.0:
        parser.error(f"--b-max must be in (0, 1] T, got {args.b_max}")
    if not 0 < args.step <= args.b_max:
        parser.error(f"--step must be in (0, b_max] T, got {args.step}")
    rm = pyvisa.ResourceManager(args.visa_library) if args.visa_library else pyvisa.ResourceManager()
    rows = measure_fig1b(rm, args.out, readings=args.readings, b_max=args.b_max, step=args.step)
    print(f"{len(rows)} points; R_xy from {min(r['hall_resistance_ohm'] for r in rows):.4g} to "
          f"{max(r['hall_resistance_ohm'] for r in rows):.4g} Ohm; trace in {Path(args.out) / 'trace.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
