"""File formats that several rooms read and write, one module per format (issue 14: one owner per format).

- `trace.py`: trace.csv, one row per step of a protocol, columns declared per protocol (`TraceSchema`);
- `run_summary.py`: the run folder's summary.json, with its kind and format version;
- `calibration.py`: calibration.json, the LLG calibration of the particle model (`skybench calibrate`);
- `llg_reference.py`: the stored LLG reference trajectories of the chamber protocol (`skybench validate`);
- `json_file.py`: loading a format's JSON file with one named error for a missing or unreadable file.

A leaf package: it imports only `skybench.errors` and the unit registry (`emulator.units`), so the emulator,
the instruments and `nn` all go through it without depending on each other.
"""
