"""Named presets: the two materials and the two synapse devices of the paper (SI floats, each with its source).

Materials
- `chamber_150nm`: the simulated ideal device of the paper's Methods (OOMMF parameters).
- `gdfeco_experiment`: [Pt 3 nm / Gd24Fe66.6Co9.4 9 nm / MgO 1 nm] x 20, paper section II.A and Methods.

Devices (`DEVICES[name]()` builds one; building solves the current flow and tabulates the radius law)
- `chamber_150nm`: 150 nm x 150 nm chamber, left terminal 50 x 40 nm (nucleation pad), right terminal
  50 x 20 nm, 0 K as the paper's micromagnetic run, MTJ readout with TMR 200 %.
- `gdfeco_experiment`: the measured Hall bar: a 4.5 um stripe, a Hall cross whose circular effective area is
  the synapse, a tapered contact where skyrmions nucleate, a few low-barrier pinning defects, 300 K.
  `gdfeco_experiment(disorder_seed)` builds one device: its sites and defects are drawn from the preset's
  distributions `GDFECO_DISORDER` (emulator/disorder.py); the paper's device is draw GDFECO_PAPER_DEVICE.
  The chamber lives in emulator/chamber_preset.py, the Hall bar in emulator/gdfeco_preset.py.

Parameters the paper does not give are marked "assumed" (a literature-typical value) or "fitted" (chosen so
that the model reproduces one of the paper's observations, named beside it). Everything the tests check
(counts, per-skyrmion Hall change, crowded diameter, linearity) is an output of the model.
"""
from __future__ import annotations

from types import MappingProxyType

from emulator.chamber_preset import CHAMBER_150NM, CHAMBER_CALIBRATION, chamber_150nm
from emulator.gdfeco_preset import GDFECO_DISORDER, GDFECO_EXPERIMENT, GDFECO_PAPER_DEVICE, gdfeco_experiment

__all__ = ["CHAMBER_150NM", "CHAMBER_CALIBRATION", "DEVICES", "GDFECO_DISORDER", "GDFECO_EXPERIMENT",
           "GDFECO_PAPER_DEVICE", "MATERIALS", "chamber_150nm", "gdfeco_experiment"]

MATERIALS = MappingProxyType({m.name: m for m in (CHAMBER_150NM, GDFECO_EXPERIMENT)})
"""Materials by name."""

DEVICES = MappingProxyType({"chamber_150nm": chamber_150nm, "gdfeco_experiment": gdfeco_experiment})
"""Device preset builders by name."""
