"""File formats that several rooms read and write, one module per format (issue 14: one owner per format).

- `trace.py`: trace.csv, one row per step of a protocol, columns declared per protocol (`TraceSchema`);
- `run_summary.py`: the run folder's summary.json, with its kind and format version.

A leaf package: it imports only `skybench.errors` and the unit registry (`emulator.units`), so the emulator,
the instruments and `nn` all go through it without depending on each other.
"""
