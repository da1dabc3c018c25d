"""LLG solver throughput (cell evaluations per wall second), printed beside the published figures.

1. The mumax3 benchmark protocol (physics.md section 3): permalloy (Ms = 800 kA/m, A = 13 pJ/m), 4 nm cells,
   n x n x 1, exchange + full demag (Newell tensor, numpy FFT), Heun; figure = cells x field evaluations /
   wall second. Published: mumax3 on an H200 32^2: 9.0e6, 128^2: 1.28e8, 1024^2: 1.99e9; OOMMF on a CPU ~1.4e6.
2. The chamber problem (local terms: exchange + DMI + anisotropy + Zeeman + SOT, chamber_150nm material,
   1 nm cells), Heun and RK45, and the fused right-hand side alone; issue 3 target >= 1e8 on a 256^2 grid.
   The bound set by memory bandwidth is estimated from a measured copy bandwidth and the bytes moved per
   cell evaluation.
3. The Fig. 4b chamber run itself (`emulator.llg.chamber`; --pad-write chooses the write procedure, default
   'entrance', the one of the stored 250-pulse references; uniform j): wall and CPU seconds per pulse, RK45
   steps, rejected steps and mean step size per pulse, field evaluations per pulse, cell-evaluations/s counted
   over the magnetic cells (the kernels visit no other), the time per pulse spent finding and tracking skyrmions,
   the estimated 250-pulse wall time, and the Thiele/LLG wall-time ratio on the same protocol (the particle
   engine's 250 pulses against the LLG's per-pulse time x 250).

Run by hand: python benchmarks/llg_throughput.py [--quick] [--threads N] [--pulses N] [--chamber-only]
[--pad-write entrance|field|seed] [--stepper rk45 rk23] [--passive]. The Runge-Kutta kernels are parallel over
bands of rows of the magnet (numba prange); --threads sets the thread count. Numbers vary with the load of other processes: on a shared machine compare
runs made back to back, and compare CPU with wall time (`uptime` gives the load). With two threads on a busy
machine OpenMP's busy waiting costs more than the second thread gains (each step ends in a barrier); --passive
(OMP_WAIT_POLICY=passive) lets the waiting thread sleep.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emulator.llg import (LLG, DMI, Constant, Demag, Exchange, Heun, Magnet, Mesh, RK45, SpinOrbitTorque,  # noqa: E402
                          State, UniaxialAnisotropy, Zeeman, advance)
from emulator.presets import MATERIALS  # noqa: E402

PUBLISHED = {32: "mumax3/H200 9.0e6", 128: "mumax3/H200 1.28e8", 1024: "mumax3/H200 1.99e9"}
OOMMF_CPU = 1.4e6


def throughput(system: LLG, stepper, min_time: float = 2.0) -> float:
    """cells x evaluations / s over at least `min_time` seconds (after one warm-up step)."""
    mesh = system.magnet.mesh
    rng = np.random.default_rng(0)
    m = system.magnet.normalise(np.array([np.full(mesh.shape, 1.0), 0.1 * rng.random(mesh.shape),
                                          0.1 * rng.random(mesh.shape)]))
    state = State(m=m)
    dt = getattr(stepper, "dt", 1e-13)
    advance(system, state, stepper, dt)
    evaluations, start = state.evaluations, time.perf_counter()
    t_end = state.t
    while time.perf_counter() - start < min_time:
        t_end += 20 * dt
        advance(system, state, stepper, t_end)
    elapsed = time.perf_counter() - start
    return mesh.nx * mesh.ny * (state.evaluations - evaluations) / elapsed


def copy_bandwidth() -> float:
    """Measured memory bandwidth of a large array copy (bytes/s, read + write)."""
    a = np.ones(2**25)
    b = np.empty_like(a)
    np.copyto(b, a)
    start = time.perf_counter()
    for _ in range(10):
        np.copyto(b, a)
    return 10 * 2 * a.nbytes / (time.perf_counter() - start)


def mumax3_protocol(sizes) -> None:
    print("1. mumax3 protocol: permalloy, 4 nm cells, exchange + full demag, Heun (dt = 1e-13 s)")
    for n in sizes:
        magnet = Magnet.full(Mesh(n, n, 4e-9, 4e-9, 4e-9), 8e5)
        system = LLG(magnet, Exchange(1.3e-11) + Demag("full"), alpha=0.02)
        start = time.perf_counter()
        system.energy.field(magnet.uniform((1, 0, 0)), magnet)  # builds the Newell kernel
        setup = time.perf_counter() - start
        rate = throughput(system, Heun(dt=1e-13))
        print(f"   {n:5d}^2: {rate:9.3g} cell-evaluations/s   (kernel setup {setup:5.1f} s)   "
              f"published: {PUBLISHED.get(n, '-')}, OOMMF CPU ~{OOMMF_CPU:.1e}")


def chamber_problem(sizes) -> None:
    material = MATERIALS["chamber_150nm"]
    print("2. chamber problem: exchange + DMI + anisotropy + Zeeman + SOT, 1 nm cells (target >= 1e8 at 256^2)")
    for n in sizes:
        magnet = Magnet.full(Mesh(n, n, 1e-9, 1e-9, material.thickness), material.Ms)
        energy = (Exchange(material.A) + DMI(material.D, material.A) + UniaxialAnisotropy(material.Ku)
                  + Zeeman((0.0, 0.0, 0.2)))
        torque = SpinOrbitTorque(material.theta_SH, Constant(4e10), material.thickness)
        system = LLG(magnet, energy, alpha=material.alpha, torque=torque)
        m = magnet.uniform((0.1, 0.1, 1.0))
        out, scratch = np.zeros_like(m), np.zeros_like(m)
        system.rhs(m, 0.0, out, scratch)
        repeats = max(10, int(2e8 / (n * n)))
        start = time.perf_counter()
        for _ in range(repeats):
            system.rhs(m, 0.0, out, scratch)
        rhs_rate = n * n * repeats / (time.perf_counter() - start)
        heun = throughput(system, Heun(dt=1e-14))
        rk45 = throughput(system, RK45())
        print(f"   {n:5d}^2: rhs alone {rhs_rate:9.3g}, Heun {heun:9.3g}, RK45 {rk45:9.3g} cell-evaluations/s")
    bandwidth = copy_bandwidth()
    fused_bytes = 24 + 24 + 8 + 24 + 24  # halo copy (read m, write padded), weights, polarisation, write dm/dt
    heun_bytes = fused_bytes + 3 * 24 / 2 + 24  # plus the stage sums and normalisation, per evaluation
    print(f"   memory copy bandwidth {bandwidth / 1e9:.1f} GB/s -> bandwidth bound of the fused right-hand side "
          f"~{bandwidth / fused_bytes:.3g} cell-evaluations/s ({fused_bytes} B/cell), with Heun's vector "
          f"updates ~{bandwidth / heun_bytes:.3g} ({heun_bytes:.0f} B/cell); arrays of 256^2 cells (1.5 MB) stay in "
          "the 32 MB L3, so the measured rates can exceed the DRAM bound")


def chamber_run(llg_pulses: int, pad_write: str, stepper: str = "rk45") -> None:
    import numba

    from emulator.llg import skyrmions
    from emulator.llg.chamber import Fig4bProtocol, run
    from emulator.presets import DEVICES
    from emulator.thiele.engine import ThieleEngine

    print(f"3. Fig. 4b chamber run (--pad-write {pad_write}, --stepper {stepper}), {numba.get_num_threads()} "
          "thread(s)")
    device = DEVICES["chamber_150nm"]()
    protocol = Fig4bProtocol(pad_write=pad_write, stepper=stepper)
    stamps, cpu, counters, cells, finding = [], [], [], [], []

    def on_pulse(record, state, magnet):
        stamps.append(time.perf_counter())
        cpu.append(time.process_time())
        counters.append((state.evaluations, state.steps, state.rejected, state.t))
        cells.append(magnet.n_cells)
        start = time.perf_counter()
        skyrmions.find(magnet, state.m)  # what the run does once per pulse (finding; matching is negligible)
        finding.append(time.perf_counter() - start)

    run(MATERIALS["chamber_150nm"], device.model.geometry, protocol, pulses=llg_pulses + 1, on_pulse=on_pulse)
    per_pulse = (stamps[-1] - stamps[0]) / llg_pulses
    cpu_per_pulse = (cpu[-1] - cpu[0]) / llg_pulses
    evaluations, steps, rejected, span = (np.subtract(counters[-1], counters[0]) / llg_pulses).tolist()
    find_time = float(np.mean(finding[1:]))
    llg = (per_pulse - find_time) * protocol.total_pulses  # the probe above doubles the run's own finding
    print(f"   LLG (1 nm cells, {cells[-1]} magnetic, {llg_pulses} pulses measured after the first): "
          f"{per_pulse - find_time:.2f} s wall ({cpu_per_pulse - find_time:.2f} s CPU) per pulse; per pulse "
          f"{steps:.0f} {stepper} steps of {span / max(steps, 1) * 1e15:.1f} fs on average, {rejected:.0f} rejected, "
          f"{evaluations:.0f} field evaluations ({(per_pulse - find_time) / max(evaluations, 1) * 1e6:.0f} us "
          f"each), skyrmion finding {find_time * 1e3:.0f} ms; "
          f"{cells[-1] * evaluations / (per_pulse - find_time):.3g} cell-evaluations/s; 250 pulses ~{llg / 60:.1f} min")
    engine = ThieleEngine(device.model, devices=1, seed=1)
    engine.advance(4e10, 0.2, 0.05e-9)  # compile
    engine = ThieleEngine(device.model, devices=1, seed=1)
    start = time.perf_counter()
    for sign in (1, -1):
        for _ in range(protocol.pulses):
            engine.advance(sign * protocol.amplitude, protocol.Bz, protocol.width)
            engine.advance(0.0, protocol.Bz, protocol.period - protocol.width)
    thiele = time.perf_counter() - start
    print(f"   Thiele engine: {thiele:.2f} s for 250 pulses; ratio LLG/Thiele ~{llg / thiele:.3g}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small grids only")
    parser.add_argument("--threads", type=int, help="numba threads (default: all cores)")
    parser.add_argument("--pulses", type=int, default=3, help="chamber pulses measured (after the first)")
    parser.add_argument("--chamber-only", action="store_true", help="only part 3, the Fig. 4b chamber run")
    parser.add_argument("--passive", action="store_true",
                        help="OMP_WAIT_POLICY=passive: waiting threads sleep instead of spinning (shared machine)")
    parser.add_argument("--stepper", nargs="+", default=["rk45", "rk23"], choices=("rk45", "rk23"),
                        help="time integrators of the chamber run, each measured in turn (default both)")
    parser.add_argument("--pad-write", default="entrance", choices=("entrance", "field", "seed"),
                        help="write procedure of the chamber run (default entrance)")
    args = parser.parse_args()
    if args.passive:
        import os

        os.environ["OMP_WAIT_POLICY"] = "passive"  # read when numba starts its OpenMP threads, below
    if args.threads:
        import numba

        numba.set_num_threads(args.threads)
    if not args.chamber_only:
        mumax3_protocol((32, 128) if args.quick else (32, 128, 256, 1024))
        chamber_problem((64, 256) if args.quick else (64, 128, 256, 512))
    for stepper in args.stepper:
        chamber_run(1 if args.quick else args.pulses, args.pad_write, stepper)


if __name__ == "__main__":
    main()
