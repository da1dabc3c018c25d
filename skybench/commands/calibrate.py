"""`skybench calibrate`: LLG experiments that define the Thiele particle model, written to calibration.json.

Single-skyrmion drift at several current densities (G, D, SOT force per current, Hall angle), a repelling
pair (K1 pair law), an edge repulsion (exponential edge law) and the radius against field, on the preset's
material (emulator/llg/calibration). Default settings take a few minutes on two cores; --cell, --demag,
--theta-sh and --currents override them (recorded in llg_settings).
"""
from __future__ import annotations

import argparse
import dataclasses

from skybench.errors import ParameterError, check_range
from skybench.formats.calibration import write_calibration
from skybench.outputs import add_output_arguments, check_writable, staged_output

NAME = "calibrate"
HELP = "run the LLG calibration experiments for a preset and write calibration.json for the Thiele engine"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", required=True, help="material preset (emulator.presets.MATERIALS)")
    add_output_arguments(parser)
    parser.add_argument("--cell", type=float, metavar="M", help="cell size in metres (default 0.5e-9)")
    parser.add_argument("--demag", choices=("none", "local"), help="demag treatment (default none)")
    parser.add_argument("--theta-sh", type=float, metavar="X", help="override the preset's theta_SH")
    parser.add_argument("--edge-start-gap", type=float, metavar="M",
                        help="initial gap between the skyrmion's m_z = 0 circle and the edge in the edge run, metres "
                             "(default 4e-9; with --cell 1e-9 --demag local use 4.2e-9, just outside the 4.03 nm escape gap, so "
                             "that the run samples the plateau next to the edge)")
    parser.add_argument("--currents", type=float, nargs="+", metavar="J",
                        help="drift current densities in A/m^2 (default 1e10 2e10 4e10 6e10)")
    parser.add_argument("--edge-only", metavar="CALIBRATION",
                        help="rerun only the edge experiments (repulsion, escape gap and peak push, squeeze fits) "
                             "and keep the rest of this calibration.json, made with the same --cell and --demag")


def run(args: argparse.Namespace) -> int:
    from emulator.llg.calibration import CalibrationSettings, calibrate
    from emulator.presets import MATERIALS

    if args.preset not in MATERIALS:
        raise ParameterError("preset", args.preset, "one of " + ", ".join(MATERIALS))
    material = MATERIALS[args.preset]
    if args.theta_sh is not None:
        check_range("theta-sh", args.theta_sh, 0.0, 10.0, "", low_inclusive=False)
        material = dataclasses.replace(material, theta_SH=args.theta_sh)
    overrides = {}
    if args.cell is not None:
        overrides["cell"] = args.cell
    if args.demag is not None:
        overrides["demag"] = args.demag
    if args.edge_start_gap is not None:
        overrides["edge_start_gap"] = args.edge_start_gap
    if args.currents is not None:
        overrides["currents"] = tuple(args.currents)
    settings = CalibrationSettings(**overrides)
    check_writable(args.out, force=args.force)
    say = lambda message: print(f"calibrate: {message}")  # noqa: E731
    if args.edge_only is not None:
        from emulator.llg.calibration.calibrate import recalibrate_edge
        from skybench.formats.calibration import read_calibration

        document = recalibrate_edge(material, settings, read_calibration(args.edge_only), progress=say)
    else:
        document = calibrate(material, settings, progress=say)
    with staged_output(args.out, force=args.force) as stage:
        write_calibration(stage, document)
    print(f"G = {document['G_kg_per_s']:.4g} kg/s, D = {document['D_kg_per_s']:.4g} kg/s, "
          f"Hall angle {document['hall_angle_deg']:.2f} deg, "
          f"k_SOT = {document['sot_force_per_current_N_per_A_m2']:.4g} N/(A/m^2); "
          f"pair U0 = {document['pair']['U0_J']:.3g} J, xi = {document['pair']['xi_m'] * 1e9:.3g} nm; "
          f"edge F0 = {document['edge']['F0_N']:.3g} N, xi = {document['edge']['xi_m'] * 1e9:.3g} nm "
          f"({document['runtime_s']:.0f} s)")
    print(f"wrote calibration.json to {args.out}")
    return 0

