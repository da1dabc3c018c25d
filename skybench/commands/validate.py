"""`skybench validate`: run the validation set and write validation.json: the LLG solver against standard
problems and independent references, the Thiele particle model against the LLG (drift, pair, six seeded
skyrmions, the shipped chamber preset against its calibration), and the chamber preset against every stored LLG
reference trajectory of the Fig. 4b protocol (rows `fig4b_<condition>_...`, particle runs only).

Rows: name, value, reference, tolerance, unit, passed, source (emulator/llg/validation). The command exits 0
when every row passes and 1 otherwise; --only NAME selects checks, --skip-slow drops the slow ones.
"""
from __future__ import annotations

import argparse
import json
import time

from skybench.errors import ParameterError
from skybench.outputs import add_output_arguments, check_writable, staged_output

NAME = "validate"
HELP = ("run the validation set (LLG standard problems and references, LLG-vs-particle agreement, the chamber "
        "preset against the stored fig4b LLG trajectories) and write validation.json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_output_arguments(parser, required=False, help="output folder (not needed with --list)")
    parser.add_argument("--only", action="append", metavar="NAME", default=None,
                        help="run only this check (repeatable); see --list")
    parser.add_argument("--skip-slow", action="store_true", help="skip the slow checks")
    parser.add_argument("--list", action="store_true", help="list the checks and exit")


def run(args: argparse.Namespace) -> int:
    from emulator.llg.validation import CHECKS

    names = tuple(name for name, _, _ in CHECKS)
    if args.list:
        for name, _, slow in CHECKS:
            print(f"{name}{' (slow)' if slow else ''}")
        return 0
    for name in args.only or ():
        if name not in names:
            raise ParameterError("only", name, "one of " + ", ".join(names))
    if args.out is None:
        raise ParameterError("out", None, "an output folder (--out DIR; only --list needs none)")
    check_writable(args.out, force=args.force)
    rows = []
    start = time.perf_counter()
    for name, check, slow in CHECKS:
        if (args.only and name not in args.only) or (args.skip_slow and slow):
            continue
        for row in check():
            rows.append(row)
            mark = "ok  " if row.passed else "FAIL"
            print(f"{mark} {row.name}: {row.value:.6g} (reference {row.reference:.6g} +- {row.tolerance:.3g}"
                  f"{' ' + row.unit if row.unit else ''})")
    document = {"rows": [row.as_dict() for row in rows], "passed": all(row.passed for row in rows),
                "runtime_s": time.perf_counter() - start}
    with staged_output(args.out, force=args.force) as stage:
        (stage / "validation.json").write_text(json.dumps(document, indent=2) + "\n")
    print(f"{sum(r.passed for r in rows)}/{len(rows)} passed; wrote validation.json to {args.out}")
    return 0 if document["passed"] else 1
