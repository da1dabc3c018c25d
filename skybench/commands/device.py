"""`skybench device`: run a synapse preset through a pulse protocol and write its trace."""
from __future__ import annotations

import argparse

from skybench.formats.run_summary import read_summary
from skybench.outputs import add_output_arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", required=True, help="gdfeco_experiment or chamber_150nm")
    parser.add_argument("--protocol", required=True, help="fig2b or fig4b")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--current-density", type=float, default=None, metavar="A_PER_M2",
                        help="peak nominal current density (fig2b: end of the ramp; fig4b: every pulse), up to the "
                             "preset's damage threshold and heating limit")
    parser.add_argument("--pulse-width", type=float, default=None, metavar="S",
                        help="pulse width in seconds, 1e-12 to 1e-6 (emulator.experiment.PULSE_WIDTH_RANGE)")
    parser.add_argument("--depression-field", type=float, default=None, metavar="T",
                        help="fig2b: Bz during the reversed pulses in tesla, (0, 0.5] (default 0.144, the paper's)")
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from emulator.api import write_device_run

    out = write_device_run(args.preset, args.protocol, args.out, args.seed, args.current_density, args.pulse_width,
                           force=args.force, depression_field=args.depression_field)
    summary = read_summary(out, "device")
    keys = ("max_skyrmions", "potentiation_states", "depression_states", "final_drho_nOhm_cm",
            "drho_per_skyrmion_pot_nOhm_cm", "drho_per_skyrmion_dep_nOhm_cm", "removed_fraction",
            "linearity_r2_potentiation", "skyrmions_created", "wall_time_s")
    print(f"wrote {out}/trace.csv, events.csv, summary.json, trace.png, snapshot.png")
    for key in keys:
        if key in summary:
            print(f"  {key}: {summary[key]}")
    return 0
