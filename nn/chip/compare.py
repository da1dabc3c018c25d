"""Estimate every configured cell technology on the same chip and compare them (the paper's Table S1).

`compare(config, counts)` builds one `Chip` per cell (same technology, architecture and network), costs
training from `counts` (a `skybench train` run) or from the config's default update model, and returns a
`Comparison`: the estimates, the ratios of each technology to the first (the reference, RRAM by default) and
the RRAM anchors (nn.chip.anchors).
"""
from __future__ import annotations

import dataclasses

from nn.chip.anchors import compare_to_anchors
from nn.chip.config import ChipConfig
from nn.chip.estimate import ChipEstimate
from nn.chip.hierarchy import Chip
from nn.chip.update_counts import UpdateCounts

ANCHOR_CELL = "rram"
"""Cell the published NeuroSim anchors apply to."""
HEADLINE = ("area_m2", "array_area_m2", "periphery_area_m2", "read_latency_s", "read_energy_J",
            "read_device_energy_J", "leakage_W", "write_energy_per_update_J", "write_device_energy_per_update_J",
            "write_latency_per_update_s", "tops", "tops_per_w", "tops_per_mm2")
"""The per-technology figures compared side by side."""


@dataclasses.dataclass(frozen=True)
class Comparison:
    """Estimates of every configured cell, with ratios and anchors."""

    config: ChipConfig
    estimates: tuple[ChipEstimate, ...]

    def __getitem__(self, name: str) -> ChipEstimate:
        for estimate in self.estimates:
            if estimate.cell.name == name:
                return estimate
        raise KeyError(name)

    @property
    def reference(self) -> ChipEstimate:
        return self.estimates[0]

    def ratios(self) -> dict[str, dict[str, float]]:
        """{'<cell>_over_<reference>': {figure: ratio}} for every non-reference cell."""
        ref = self.reference.summary()
        out = {}
        for estimate in self.estimates[1:]:
            mine = estimate.summary()
            out[f"{estimate.cell.name}_over_{self.reference.cell.name}"] = {
                key: mine[key] / ref[key] for key in HEADLINE if ref[key]}
        return out

    def anchors(self) -> list[dict]:
        names = [e.cell.name for e in self.estimates]
        return compare_to_anchors(self[ANCHOR_CELL]) if ANCHOR_CELL in names else []

    def summary(self) -> dict:
        """The content of chip.json."""
        return {
            "network": self.estimates[0].mapping.summary(),
            "technology": dataclasses.asdict(self.config.technology),
            "architecture": dataclasses.asdict(self.config.architecture),
            "cells": {e.cell.name: _cell_record(e) for e in self.estimates},
            "technologies": {e.cell.name: e.summary() for e in self.estimates},
            "ratios": self.ratios(),
            "anchors": self.anchors(),
        }


def _cell_record(estimate: ChipEstimate) -> dict:
    record = dataclasses.asdict(estimate.cell)
    record["cell_type"] = estimate.cell.cell_type
    record["on_off_ratio"] = estimate.cell.on_off_ratio
    return record


def compare(config: ChipConfig, counts: UpdateCounts | None = None) -> Comparison:
    """Estimate every cell of `config`; training from `counts` or the default update model. The cells per
    weight follow the counts (a differential-pair train run maps two devices per weight)."""
    counts = counts if counts is not None else config.update.counts(config.network)
    network = dataclasses.replace(config.network, devices_per_weight=counts.devices_per_weight)
    return Comparison(config, tuple(
        Chip(cell, config.technology, config.architecture, network).estimate(counts)
        for cell in config.cells))
