"""Chip-level estimator: the 784-100-10 network on 32 x 32 subarrays, skyrmion 2T1R vs RRAM 1T1R synapses.

The paper's Fig. 4c-d and Table S1 (Song et al., Nature Electronics 3, 148 (2020)), re-derived from the
NeuroSim hierarchy summarised in reference/nn_chip.md (no NeuroSim code is used). Layers, one concept per file:
  technology   CMOS node: transistors and wires          cell, write_path   the synapse and how it is written
  periphery/   every circuit, costed from the technology  subarray           array + periphery, read and write
  mapping      layers -> subarrays -> PEs -> tiles        hierarchy          PE, tile and chip blocks, totals
  supply       rails behind each voltage                  breakdown          device / access / periphery parts
  update_counts  pulses from a training run or a model    estimate, compare  results, ratios, anchors
  config       dataclasses <-> TOML                       report, sweep      chip.json/md, breakdown/sweep.png

    from nn.chip import ChipConfig, compare
    comparison = compare(ChipConfig())
    comparison["skyrmion"].write_energy.total   # J per weight update
"""
from nn.chip.compare import Comparison, compare
from nn.chip.config import ChipConfig
from nn.chip.update_counts import UpdateCounts, UpdateModel

__all__ = ["ChipConfig", "Comparison", "UpdateCounts", "UpdateModel", "compare"]
