"""The 2182A's noise on the emulated bench: Allan deviation of plain readings, and current reversal against the
6221's three-point delta.

    python benchmarks/nanovoltmeter_noise.py [--seed S] [--readings N] [--pairs P] [--nplc X] [--delay D]

1. Allan deviation (allantools.oadev, overlapping) of N plain 2182A readings (NPLC X, filter off, 10 mV
   range) of the Hall voltage at 100 uA: white noise falls as tau^-1/2, the meter's 1/f noise sets a floor
   (about e sqrt(2 ln2 f_c)), the leads' thermoelectric drift makes it rise again: the tau where it is
   smallest is where averaging stops helping. Printed with the white-noise-only prediction e_tot/sqrt(2 tau).
2. The Hall voltage I R (R = R_xy + R_mis from the bench's truth) measured three ways over the same time per
   point (NPLC X conversion after a delay D): DC readings with the offset taken from a zero-current reading
   beforehand, two-point reversal ((V+ - V-)/2 per pair, the 2182A manual's Delta) and the 6221's three-point
   delta ((A - 2B + C)/4, DELT mode). Printed: the mean error of each against I R after P points, over
   several benches (seeds S, S+1, ...), with the drift-slope prediction of the two-point bias (-dE/dt dt/2).
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import allantools  # noqa: E402

from instruments.bench import BenchConfig, build_bench  # noqa: E402
from protocols.session import MessageSession  # noqa: E402

CURRENT = 1e-4  # A, the paper's sense current


class Ask:
    """In-process SCPI to one instrument."""

    def __init__(self, instrument):
        self.session = MessageSession(instrument)

    def __call__(self, message: str) -> str:
        self.session.write(message.encode() + b"\n")
        return self.session.read(timeout=None).data.decode().strip()

    def write(self, message: str) -> None:
        self.session.write(message.encode() + b"\n")


def prepare(bench, nplc: float):
    nv, cs, sw = Ask(bench.nanovoltmeter), Ask(bench.current_source), Ask(bench.switch)
    sw.write("ROUT:CLOS (@1!2)")
    sw("*OPC?")
    nv.write(f":SENS:VOLT:NPLC {nplc:g};:SENS:VOLT:DFIL OFF;:SENS:VOLT:CHAN1:RANG 0.01;:TRIG:SOUR IMM")
    cs.write("SOUR:CURR:RANG 1e-4;:SOUR:CURR:COMP 2")
    return nv, cs


def true_voltage(bench) -> float:
    return CURRENT * (bench.device.read().hall_resistance + bench.wiring.params.misalignment_resistance)


def allan(bench, nv, cs, readings: int, nplc: float) -> None:
    cs.write(f"SOUR:CURR {CURRENT:g};:OUTP ON")
    nv.write(f":TRIG:COUN {min(readings, 1024)}")
    data: list[float] = []
    while len(data) < readings:
        data += [float(v) for v in nv("READ?").split(",")]
    data = np.array(data[:readings])
    rate = 50.0 / nplc
    taus = np.array([t for t in (0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000) if t * rate >= 1 and t * rate <= readings / 4])
    taus_out, adev, _, _ = allantools.oadev(data, rate=rate, data_type="freq", taus=taus)
    noise = bench.nanovoltmeter.noise
    johnson = bench.wiring.johnson_density(bench.wiring.params.hall_arm_resistance)
    white = math.hypot(noise.density(0.01), johnson)
    print(f"Allan deviation of {readings} plain readings ({nplc:g} PLC, {readings / rate:.0f} s):")
    print("  tau (s)   ADEV (nV)   white only (nV)")
    for tau, value in zip(taus_out, adev):
        print(f"  {tau:7.1f}   {value * 1e9:9.3f}   {white / math.sqrt(2 * tau) * 1e9:9.3f}")
    best = taus_out[int(np.argmin(adev))]
    print(f"  averaging stops helping at tau ~ {best:g} s (minimum {adev.min() * 1e9:.3f} nV)")
    cs.write("OUTP OFF")


def reversal_and_delta(bench, nv, cs, pairs: int, nplc: float, delay: float) -> tuple[float, float, float, float]:
    """Errors (V) of DC, two-point and three-point estimates of I R, and the predicted two-point bias."""
    clock = bench.clock
    nv.write(":TRIG:COUN 1")
    cs.write("SOUR:CURR 0;:OUTP ON")
    clock.advance(delay)
    offset = float(nv("READ?"))
    truth = true_voltage(bench)
    dc, two, slopes = [], [], []
    cs.write(f"SOUR:CURR {CURRENT:g}")
    for _ in range(pairs):
        clock.advance(delay)
        dc.append(float(nv("READ?")) - offset)
    for _ in range(pairs):
        cs.write(f"SOUR:CURR {CURRENT:g}")
        clock.advance(delay)
        start = clock.now()
        plus = float(nv("READ?"))
        cs.write(f"SOUR:CURR {-CURRENT:g}")
        clock.advance(delay)
        minus = float(nv("READ?"))
        two.append((plus - minus) / 2)
        slopes.append(bench.wiring.thermal_drift.slope(start) * (clock.now() - start) / 2)
    cs.write("OUTP OFF")
    cs.write(f"SOUR:DELT:HIGH {CURRENT:g};:SOUR:DELT:LOW {-CURRENT:g};:SOUR:DELT:DEL {delay:g};"
             f":SOUR:DELT:COUN {2 * pairs};:TRAC:POIN {2 * pairs};:UNIT V")
    cs.write("SOUR:DELT:ARM;:INIT:IMM")
    cs("*OPC?")
    values = [float(v) for v in cs("TRAC:DATA?").split(",")[0::2]]
    return (float(np.mean(dc)) - truth, float(np.mean(two)) - truth, float(np.mean(values)) - truth,
            -float(np.mean(slopes)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--readings", type=int, default=20000)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--benches", type=int, default=5)
    parser.add_argument("--nplc", type=float, default=5.0)
    parser.add_argument("--delay", type=float, default=0.5, help="s after each current change")
    args = parser.parse_args()
    from emulator.presets import DEVICES

    preset = DEVICES["gdfeco_experiment"]()
    bench = build_bench(BenchConfig(seed=args.seed), preset=preset)
    nv, cs = prepare(bench, args.nplc)
    allan(bench, nv, cs, args.readings, args.nplc)
    print(f"\nI R at {CURRENT * 1e6:g} uA, {args.pairs} pairs per method, {args.nplc:g} PLC, {args.delay:g} s delay "
          "(errors in nV):")
    print("  seed   DC-offset   two-point   (drift pred.)   three-point delta")
    errors = []
    for seed in range(args.seed, args.seed + args.benches):
        bench = build_bench(BenchConfig(seed=seed), preset=preset)
        nv, cs = prepare(bench, args.nplc)
        dc, two, three, predicted = reversal_and_delta(bench, nv, cs, args.pairs, args.nplc, args.delay)
        errors.append((dc, two, three))
        print(f"  {seed:4d}   {dc * 1e9:9.3f}   {two * 1e9:9.3f}   ({predicted * 1e9:9.3f})   {three * 1e9:9.3f}")
    rms = np.sqrt(np.mean(np.square(errors), axis=0)) * 1e9
    print(f"  rms    {rms[0]:9.3f}   {rms[1]:9.3f}                   {rms[2]:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
