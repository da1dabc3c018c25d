"""Fig. 2b of Song et al. (skyrmion synapse) as a lab measurement script: plain pyvisa, nothing else.

The same script drives the real bench and the emulated one:

    PYVISA_LIBRARY=@skybench python examples/fig2b_measurement.py --out run1     # the emulator
    python examples/fig2b_measurement.py --visa-library @py --out run1           # real instruments

What it does (paper section II.B and Methods):
1. identify and reset the instruments; configure the 2182A (channel 1, DC volts, 5 PLC, 10 mV range, digital
   filter off, 10 readings per READ?), the 6221 (100 uA, 2 V compliance) and the 81150A (single 100 ns pulses
   on *TRG, 0 V idle level);
2. measure the two-terminal resistance R of the pulse path A-A' through the switch's track route (current
   reversal cancels thermal offsets), and declare it as the generator's load so that its levels read the
   voltage across the device: V = I R with I = j w t;
3. saturate at 160 mT and read the saturated Hall resistivity, then set 140 mT and take the reference reading;
4. for each of 25 potentiation pulses (1.69e10 -> 4.24e10 A/m^2, 100 ns): switch to the pulse route, fire one
   pulse, switch to the Hall route (B-B'), read the Hall voltage at 100 uA 10 times;
5. depression: 144 mT, 16 pulses of the reversed polarity (inverted output), read after each.

Output `OUT/trace.csv` has the columns of `skybench device`
(pulse_index, phase, current_density_A_per_m2, pulse_width_s, n_skyrmions_active, mean_diameter_m,
rho_xy_change_nOhm_cm) plus rho_xy_std_nOhm_cm (spread of the 10 readings), field_T and hall_voltage_V.
A Hall bench cannot count skyrmions, so two columns are estimates, not measurements:
- n_skyrmions_active = round(-drho / drho_sk) with drho_sk = 8.1 nOhm cm per skyrmion, the paper's
  calibration from STXM images (section II.B); `--drho-per-skyrmion` changes it;
- mean_diameter_m: the diameter of n equal fully reversed discs that give the measured reversed fraction
  f = -drho / (2 rho_sat) of the effective area (the 4.5 um disc of the Hall cross): d = 2 sqrt(f A / (pi n));
  0 where n = 0.
`OUT/measurement.json` records the instruments, the path resistance, the reference readings and the timing.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import statistics
import sys
import time
from pathlib import Path

import pyvisa

# --- the sample (from fabrication; paper section II.A and Methods) ---------------------------------------
STRIPE_WIDTH = 4.5e-6           # m, width of the stripe A-A'
STACK_THICKNESS = 260e-9        # m, [Pt 3 nm / GdFeCo 9 nm / MgO 1 nm] x 20
EFFECTIVE_DIAMETER = 4.5e-6     # m, the circular effective area of the Hall cross (paper Fig. 1a)
DRHO_PER_SKYRMION = 8.1         # nOhm cm per skyrmion: the paper's STXM calibration (section II.B)

# --- the protocol (paper Fig. 2b) --------------------------------------------------------------------------
SATURATION_FIELD = 0.160        # T
POTENTIATION_FIELD = 0.140      # T
DEPRESSION_FIELD = 0.144        # T
PULSE_WIDTH = 100e-9            # s
J_START = 1.69e10               # A/m^2, first (smallest) pulse of each branch
J_END = 4.24e10                 # A/m^2, last (largest) pulse of each branch
POTENTIATION_PULSES = 25          # the paper sums its per-state changes over i = 1..25
DEPRESSION_PULSES = 16
SENSE_CURRENT = 100e-6          # A, the 6221's d.c. current (paper Methods)
COMPLIANCE = 2.0                # V
READINGS = 10                   # readings averaged per state (paper: 10)
NPLC = 5.0                      # power-line cycles per reading
VOLTAGE_RANGE = 0.01            # V, the 2182A's 10 mV range
RAMP_RATE = 0.01                # T/s
RAMP_TIMEOUT = 600.0            # s of wall time a field change may take before the script gives up
MAGNET_HOLDING, MAGNET_QUENCH = "2", "7"   # AMI 430 STATE? codes
NOHM_CM = 1e-11                 # Ohm m per nOhm cm

RESOURCES = {
    "pulse_generator": "GPIB0::10::INSTR",   # Keysight 81150A
    "current_source": "GPIB0::12::INSTR",    # Keithley 6221
    "nanovoltmeter": "GPIB0::7::INSTR",      # Keithley 2182A
    "switch": "GPIB0::17::INSTR",            # Keithley 7001: 1!1 pulse, 1!2 Hall, 1!3 track
    "magnet": "TCPIP0::192.168.1.30::7180::SOCKET",   # AMI 430
}
ROUTE_PULSE, ROUTE_HALL, ROUTE_TRACK = "(@1!1)", "(@1!2)", "(@1!3)"
COLUMNS = ("pulse_index", "phase", "current_density_A_per_m2", "pulse_width_s", "n_skyrmions_active",
           "mean_diameter_m", "rho_xy_change_nOhm_cm", "rho_xy_std_nOhm_cm", "field_T", "hall_voltage_V")


def ramp(start: float, end: float, count: int) -> list[float]:
    """`count` values evenly from `start` to `end`."""
    return [start + (end - start) * k / (count - 1) for k in range(count)] if count > 1 else [start]


def protocol_steps() -> list[tuple[str, float, float]]:
    """(phase, signed current density A/m^2, field T) of every pulse."""
    steps = [("potentiation", j, POTENTIATION_FIELD) for j in ramp(J_START, J_END, POTENTIATION_PULSES)]
    steps += [("depression", -j, DEPRESSION_FIELD) for j in ramp(J_START, J_END, DEPRESSION_PULSES)]
    return steps


class Bench:
    """The five instruments, opened and with helpers for the steps of the measurement."""

    def __init__(self, rm: pyvisa.ResourceManager, resources: dict[str, str], timeout_ms: int):
        def open_(name: str, termination: str = "\n"):
            resource = rm.open_resource(resources[name], read_termination=termination,
                                        write_termination=termination)
            resource.timeout = timeout_ms
            return resource

        self.pg = open_("pulse_generator")
        self.cs = open_("current_source")
        self.nv = open_("nanovoltmeter")
        self.sw = open_("switch")
        self.magnet = open_("magnet", "\r\n")
        if self.magnet.resource_info.resource_class == "SOCKET":
            self.magnet.read()  # the 430's Ethernet port greets every connection with two lines:
            self.magnet.read()  # "American Magnetics Model 430 IP Interface", "Hello."
        self.all = {"pulse_generator": self.pg, "current_source": self.cs, "nanovoltmeter": self.nv,
                    "switch": self.sw, "magnet": self.magnet}

    def check(self, name: str) -> None:
        """Raise if the instrument `name` has queued an error."""
        entry = self.all[name].query("SYST:ERR?")
        if not entry.startswith("0,") and not entry.startswith("+0,"):
            raise RuntimeError(f"{name} reports {entry}")

    def route(self, channels: str) -> None:
        """Break before make: open every relay, close `channels`, wait for the relays."""
        self.sw.write(f"ROUT:OPEN:ALL;:ROUT:CLOS {channels}")
        self.sw.query("*OPC?")
        self.check("switch")

    def set_field(self, tesla: float) -> None:
        """Ramp to `tesla` and wait until the 430 holds it (its *OPC? does not wait for a ramp: poll STATE?)."""
        self.magnet.write(f"CONF:FIELD:TARG {tesla:.6f}")
        self.magnet.write("RAMP")
        self.check("magnet")
        deadline = time.monotonic() + RAMP_TIMEOUT
        while (state := self.magnet.query("STATE?").strip()) != MAGNET_HOLDING:
            if state == MAGNET_QUENCH:
                raise RuntimeError("magnet quench while ramping")
            if time.monotonic() > deadline:
                raise RuntimeError(f"magnet still in state {state} after {RAMP_TIMEOUT:g} s")

    def voltages(self) -> list[float]:
        """READINGS readings of the 2182A (V)."""
        values = [float(v) for v in self.nv.query("READ?").split(",")]
        self.check("nanovoltmeter")
        return values

    def sense(self, route: str, current: float) -> list[float]:
        """Voltages at `current` (A) on `route` (cold switching: the source is off while relays move)."""
        self.cs.write("OUTP OFF")
        self.route(route)
        self.cs.write(f"SOUR:CURR {current:.6e};:OUTP ON")
        self.check("current_source")
        values = self.voltages()
        self.cs.write("OUTP OFF")
        return values

    def pulse(self, level: float) -> None:
        """One pulse of `level` volts across the device (negative: inverted output)."""
        if level >= 0:
            self.pg.write(":OUTP1:POL NORM;:VOLT1:LOW 0")
            self.pg.write(f":VOLT1:HIGH {level:.6f}")
        else:
            self.pg.write(f":VOLT1:LOW {level:.6f}")
            self.pg.write(":VOLT1:HIGH 0;:OUTP1:POL INV")
        self.check("pulse_generator")
        self.cs.write("OUTP OFF")
        self.route(ROUTE_PULSE)
        self.pg.query("*TRG;*OPC?")
        self.check("pulse_generator")

    def close(self) -> None:
        for resource in self.all.values():
            resource.close()


def measure_fig2b(rm: pyvisa.ResourceManager, out: str | Path, resources: dict[str, str] | None = None,
                  readings: int = READINGS, drho_per_skyrmion: float = DRHO_PER_SKYRMION,
                  timeout_ms: int = 60_000) -> list[dict]:
    """Run the Fig. 2b measurement on the instruments `rm` opens; write OUT/trace.csv and
    OUT/measurement.json; return the trace rows."""
    started = time.perf_counter()
    bench = Bench(rm, {**RESOURCES, **(resources or {})}, timeout_ms)
    try:
        identities = {name: resource.query("*IDN?").strip() for name, resource in bench.all.items()}
        for resource in bench.all.values():
            resource.write("*RST;*CLS")
        bench.nv.write(f":SENS:FUNC 'VOLT';:SENS:CHAN 1;:SENS:VOLT:NPLC {NPLC:g};:SENS:VOLT:DFIL OFF")
        bench.nv.write(f":SENS:VOLT:CHAN1:RANG {VOLTAGE_RANGE:g};:TRIG:SOUR IMM;:TRIG:COUN {readings:d}")
        bench.cs.write(f"SOUR:CURR:RANG {SENSE_CURRENT:.6e};:SOUR:CURR:COMP {COMPLIANCE:g}")
        bench.pg.write(f":FUNC1 PULS;:PULS:WIDT1 {PULSE_WIDTH:.6e};:ARM:SOUR1 MAN;:TRIG1:COUN 1")
        bench.pg.write(":VOLT1:LOW 0;:VOLT1:HIGH 0.1;:OUTP1 ON")
        bench.magnet.write(f"CONF:FIELD:UNITS 1;:CONF:RAMP:RATE:UNITS 0;:CONF:RAMP:RATE:FIELD 1,{RAMP_RATE:g},0.5")
        for name in bench.all:
            bench.check(name)

        # the pulse path: two-terminal resistance with current reversal, declared as the generator's load
        forward = statistics.fmean(bench.sense(ROUTE_TRACK, SENSE_CURRENT))
        backward = statistics.fmean(bench.sense(ROUTE_TRACK, -SENSE_CURRENT))
        path_resistance = (forward - backward) / (2 * SENSE_CURRENT)
        bench.pg.write(f":OUTP1:LOAD {path_resistance:.6g}")
        bench.check("pulse_generator")

        bench.set_field(SATURATION_FIELD)
        saturated = statistics.fmean(bench.sense(ROUTE_HALL, SENSE_CURRENT))
        rho_saturated = saturated / SENSE_CURRENT * STACK_THICKNESS
        bench.set_field(POTENTIATION_FIELD)
        reference = statistics.fmean(bench.sense(ROUTE_HALL, SENSE_CURRENT))

        area = math.pi * EFFECTIVE_DIAMETER ** 2 / 4
        rows = []
        field = POTENTIATION_FIELD
        for index, (phase, density, step_field) in enumerate(protocol_steps(), start=1):
            if step_field != field:
                bench.set_field(step_field)
                field = step_field
            current = abs(density) * STRIPE_WIDTH * STACK_THICKNESS
            bench.pulse(math.copysign(current * path_resistance, density))
            values = bench.sense(ROUTE_HALL, SENSE_CURRENT)
            mean = statistics.fmean(values)
            spread = statistics.stdev(values) if len(values) > 1 else 0.0
            change = (mean - reference) / SENSE_CURRENT * STACK_THICKNESS / NOHM_CM
            count = max(0, round(-change / drho_per_skyrmion))
            fraction = max(0.0, -change * NOHM_CM / (2 * rho_saturated))
            diameter = 2 * math.sqrt(fraction * area / (math.pi * count)) if count else 0.0
            rows.append({
                "pulse_index": index, "phase": phase, "current_density_A_per_m2": density,
                "pulse_width_s": PULSE_WIDTH, "n_skyrmions_active": count, "mean_diameter_m": diameter,
                "rho_xy_change_nOhm_cm": change,
                "rho_xy_std_nOhm_cm": spread / SENSE_CURRENT * STACK_THICKNESS / NOHM_CM,
                "field_T": field, "hall_voltage_V": mean})
        bench.pg.write(":OUTP1 OFF")
        bench.cs.write("OUTP OFF")
        bench.sw.write("ROUT:OPEN:ALL")
    finally:
        bench.close()

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "trace.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: (f"{value:.9g}" if isinstance(value, float) else value) for key, value in row.items()})
    summary = {
        "instruments": identities, "path_resistance_ohm": path_resistance,
        "rho_xy_saturated_nOhm_cm": rho_saturated / NOHM_CM, "reference_hall_voltage_V": reference,
        "sense_current_A": SENSE_CURRENT, "readings_per_state": readings, "nplc": NPLC,
        "drho_per_skyrmion_nOhm_cm": drho_per_skyrmion, "pulses": len(rows),
        "wall_time_s": time.perf_counter() - started}
    (out / "measurement.json").write_text(json.dumps(summary, indent=2) + "\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder for trace.csv and measurement.json")
    parser.add_argument("--visa-library", default=None,
                        help="pyvisa library ('@py', '@skybench', ...; default: $PYVISA_LIBRARY or pyvisa's)")
    parser.add_argument("--readings", type=int, default=READINGS, help=f"readings per state (default {READINGS})")
    parser.add_argument("--drho-per-skyrmion", type=float, default=DRHO_PER_SKYRMION,
                        help=f"nOhm cm per skyrmion for the count estimate (default {DRHO_PER_SKYRMION})")
    args = parser.parse_args(argv)
    if not 2 <= args.readings <= 1024:
        parser.error(f"--readings must be in [2, 1024], got {args.readings}")
    if not args.drho_per_skyrmion > 0:
        parser.error(f"--drho-per-skyrmion must be > 0, got {args.drho_per_skyrmion}")
    rm = pyvisa.ResourceManager(args.visa_library) if args.visa_library else pyvisa.ResourceManager()
    rows = measure_fig2b(rm, args.out, readings=args.readings, drho_per_skyrmion=args.drho_per_skyrmion)
    last = [r for r in rows if r["phase"] == "potentiation"][-1]
    print(f"{len(rows)} pulses; after potentiation drho = {last['rho_xy_change_nOhm_cm']:.1f} nOhm cm "
          f"(~{last['n_skyrmions_active']} skyrmions); trace in {Path(args.out) / 'trace.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
