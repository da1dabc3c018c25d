"""Published NeuroSim-style figures the RRAM case is checked against, each with its stated factor.

The anchors come from nn_chip.md (the project's summary of the MLP+NeuroSim V3.0 and DNN+NeuroSim V1.4 manuals
and results). None is a like-for-like run of our chip (other node, network, device or read scheme), so each
anchor normalises the quantity where that is meaningful and states the factor within which our RRAM estimate is
expected to fall, and why. `compare_to_anchors(estimate)` returns one row per anchor; the tests assert that
every tested row is within its factor. Nothing here feeds back into the model.
V3.0 holds one cell per weight, so the 'per weight' anchors divide our figures by the cells holding weights
(`Network.devices`): the same for a reference-column chip, half the per-weight figure for a differential pair.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

from nn.chip.estimate import ChipEstimate

V3_PRESENTATIONS = 125 * (8000 + 10000)
"""MLP+NeuroSim V3.0 default run: 125 epochs of 8000 training images, each followed by a 10 000-image test
(nn_chip.md sec. 1); each presentation is taken to be read once."""
V3_WEIGHTS = 400 * 100 + 100 * 10
"""Weights of the MLP+NeuroSim V3.0 network 400-100-10."""
V3_INPUT_BITS = 1
"""MLP+NeuroSim V3.0 inputs are binarised (1 bit)."""


@dataclasses.dataclass(frozen=True)
class Anchor:
    """One published figure, the matching quantity of our estimate, and the factor we claim."""

    name: str
    """What is compared."""
    published: float
    """The published value, normalised as `name` says."""
    unit: str
    """Unit of both values."""
    source: str
    """Where the published value comes from."""
    ours: Callable[[ChipEstimate], float]
    """Our matching quantity."""
    factor: float
    """Claimed agreement: ours within [published / factor, published * factor]; 0 = context only, untested."""
    why: str
    """Why the numbers are comparable only within that factor."""


ANCHORS: tuple[Anchor, ...] = (
    Anchor(
        name="TOPS/W (leakage included)",
        published=11.25, unit="TOPS/W",
        source="DNN+NeuroSim V1.4, RRAM on/off 17 at 22 nm, VGG-8/CIFAR-10, 8-bit, 4-bit ADC, 128x128, "
               "32 parallel rows (nn_chip.md sec. 2 item 8)",
        ours=lambda e: e.tops_per_w, factor=5.0,
        why="same metric and read scheme (bit-serial inputs, parallel rows, shared ADCs); other node, network, "
            "ADC and subarray size"),
    Anchor(
        name="read energy per weight per input bit",
        published=4.1964e-4 / (V3_PRESENTATIONS * V3_WEIGHTS * V3_INPUT_BITS), unit="J",
        source="MLP+NeuroSim V3.0 default run (Ag:a-Si 1T1R, 32 nm, 400-100-10, 1-bit inputs): read energy "
               "4.1964e-4 J over 125 x (8000 + 10000) presentations (nn_chip.md sec. 1)",
        ours=lambda e: e.read_energy.total / (e.mapping.network.devices * e.architecture.input_bits),
        factor=5.0,
        why="V3.0 reads one array per layer through 16:1 multiplexed integrate-and-fire circuits (1.35 pJ per "
            "conversion) with a 26 MOhm device; we assume every presentation is read once"),
    Anchor(
        name="subarray-level area per weight",
        published=8663e-12 / V3_WEIGHTS, unit="m^2",
        source="MLP+NeuroSim V3.0 benchmark table, TaOx/HfOx 1T1R (100 kOhm, on/off 10): 8663 um^2 for "
               "400-100-10 (nn_chip.md sec. 1)",
        ours=lambda e: e.subarray_area / e.mapping.network.devices, factor=5.0,
        why="V3.0 has no buffer/bus hierarchy (left out here too) and amortises its periphery over one "
            "400-row array per layer; 32x32 subarrays repeat drivers and ADCs every 32 rows"),
    Anchor(
        name="read latency per image per input bit",
        published=7.2030e-2 / (V3_PRESENTATIONS * V3_INPUT_BITS), unit="s",
        source="MLP+NeuroSim V3.0 default run: read latency 7.2030e-2 s over 125 x (8000 + 10000) "
               "presentations of 1-bit inputs (nn_chip.md sec. 1)",
        ours=lambda e: e.read_latency.total / e.architecture.input_bits, factor=5.0,
        why="V3.0 clocks at 2 GHz with one read circuit per 16 columns; we convert with 5-bit SAR ADCs at "
            "1 GHz, 8 columns per ADC, and move activations over buses"),
    Anchor(
        name="leakage power (context only)",
        published=105.65e-6, unit="W",
        source="MLP+NeuroSim V3.0, every analog array at 32 nm, 400-100-10 (nn_chip.md sec. 1)",
        ours=lambda e: e.leakage.total, factor=0.0,
        why="not like for like: V3.0 has two arrays and a few read circuits; here 104 subarrays each with "
            "drivers, ADCs and shift-adders plus SRAM buffers, at a comparable leakage per transistor"),
)
"""The anchors, RRAM case."""


def compare_to_anchors(estimate: ChipEstimate) -> list[dict]:
    """One row per anchor: published, ours, ratio, factor, within (None for context-only rows)."""
    rows = []
    for anchor in ANCHORS:
        ours = float(anchor.ours(estimate))
        ratio = ours / anchor.published
        within = None if anchor.factor == 0 else (1.0 / anchor.factor <= ratio <= anchor.factor)
        rows.append({"name": anchor.name, "unit": anchor.unit, "published": anchor.published, "ours": ours,
                     "ratio": ratio, "factor": anchor.factor, "within": within, "source": anchor.source,
                     "why": anchor.why})
    return rows
