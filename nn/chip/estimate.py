"""The result of estimating one technology's chip: breakdowns, totals and efficiency figures.

Efficiency figures (DNN+NeuroSim definitions, nn_chip.md sec. 2 item 6):
  TOPS      = ops / t_inference / 1e12
  TOPS/W    = ops / (E_read + P_leak t_inference) / 1e12
  TOPS/mm^2 = TOPS / (area in mm^2)
with ops = 2 x weights per inference (158 800 for 784-100-10).

Training (per training image and per run), from `UpdateCounts` (U pulses over N images):
  E_image = E_read + P_leak t_inference + (U/N) E_pulse + P_leak t_update,image
  t_update,image = (U / (N W)) t_round, the pulses expressed as equivalent full update rounds (every one of the W
  weights pulsed once, row by row in two phases, all subarrays in parallel: t_round = 2 R t_pulse-cycle);
  run totals are N times these. The backward (error) pass is taken to run in the digital periphery and is not
  costed: the paper's comparison concerns the synaptic arrays.
"""
from __future__ import annotations

import dataclasses

from nn.chip.architecture import Architecture
from nn.chip.breakdown import Breakdown
from nn.chip.cell import Cell
from nn.chip.mapping import Mapping
from nn.chip.update_counts import UpdateCounts

TERA = 1e12
"""Operations per tera-operation."""
MM2 = 1e-6
"""Square metres per square millimetre."""


@dataclasses.dataclass(frozen=True)
class TrainingCost:
    """Energy and time of training on the chip, per image and for the whole run."""

    counts: UpdateCounts
    energy_per_image: float
    """Energy (J) per training image: forward read, leakage, its share of write pulses."""
    latency_per_image: float
    """Time (s) per training image: forward read plus its share of update rounds."""
    write_energy_total: float
    """Energy (J) of all write pulses of the run (dynamic)."""
    write_latency_total: float
    """Time (s) spent writing over the run."""
    energy_total: float
    """Energy (J) of the whole run (reads, writes, leakage)."""
    latency_total: float
    """Time (s) of the whole run."""

    def summary(self) -> dict:
        return {
            "source": self.counts.source,
            "device": self.counts.device,
            "training_images": self.counts.training_images,
            "weight_updates_total": self.counts.weight_updates_total,
            "pulses_potentiation_total": self.counts.pulses_potentiation_total,
            "pulses_depression_total": self.counts.pulses_depression_total,
            "pulses_per_image": self.counts.pulses_per_image,
            "energy_per_image_J": self.energy_per_image,
            "latency_per_image_s": self.latency_per_image,
            "write_energy_total_J": self.write_energy_total,
            "write_latency_total_s": self.write_latency_total,
            "energy_total_J": self.energy_total,
            "latency_total_s": self.latency_total,
        }


@dataclasses.dataclass(frozen=True)
class ChipEstimate:
    """Everything the estimator computes for one cell technology."""

    cell: Cell
    technology: str
    architecture: Architecture
    mapping: Mapping
    area: Breakdown
    """Chip area (m^2) by component."""
    subarray_area: float
    """Area (m^2) of all subarrays with their own periphery, without the PE/tile/chip hierarchy."""
    read_energy: Breakdown
    """Dynamic energy (J) of one inference by component."""
    read_latency: Breakdown
    """Time (s) of one inference by stage."""
    leakage: Breakdown
    """Static power (W) by component."""
    write_energy: Breakdown
    """Energy (J) of one weight update (one pulse on one cell) by component."""
    write_latency: Breakdown
    """Time (s) of one write pulse cycle by stage."""
    update_round_latency: float
    """Time (s) to pulse every cell once, row by row in two phases, subarrays in parallel."""
    training: TrainingCost

    @property
    def ops(self) -> int:
        return self.mapping.network.ops

    @property
    def leakage_energy(self) -> float:
        """Leakage energy (J) during one inference."""
        return self.leakage.total * self.read_latency.total

    @property
    def tops(self) -> float:
        return self.ops / self.read_latency.total / TERA

    @property
    def tops_per_w(self) -> float:
        return self.ops / (self.read_energy.total + self.leakage_energy) / TERA

    @property
    def tops_per_mm2(self) -> float:
        return self.tops / (self.area.total / MM2)

    def summary(self) -> dict:
        """The per-technology record of chip.json."""
        def section(b: Breakdown) -> dict:
            return {"total": b.total, "by_kind": b.by_kind(), "parts": b.as_dict(), "kinds": b.kinds()}
        return {
            "cell": self.cell.name,
            "cell_type": self.cell.cell_type,
            "technology": self.technology,
            "area_m2": self.area.total,
            "array_area_m2": self.area.kind_total("device"),
            "periphery_area_m2": self.area.kind_total("periphery"),
            "subarray_area_m2": self.subarray_area,
            "read_latency_s": self.read_latency.total,
            "read_energy_J": self.read_energy.total,
            "read_device_energy_J": self.read_energy.kind_total("device"),
            "leakage_W": self.leakage.total,
            "leakage_energy_J": self.leakage_energy,
            "write_energy_per_update_J": self.write_energy.total,
            "write_device_energy_per_update_J": self.write_energy.kind_total("device"),
            "write_latency_per_update_s": self.write_latency.total,
            "update_round_latency_s": self.update_round_latency,
            "ops_per_inference": self.ops,
            "tops": self.tops,
            "tops_per_w": self.tops_per_w,
            "tops_per_mm2": self.tops_per_mm2,
            "training": self.training.summary(),
            "breakdown": {
                "area_m2": section(self.area),
                "read_energy_J": section(self.read_energy),
                "read_latency_s": section(self.read_latency),
                "leakage_W": section(self.leakage),
                "write_energy_per_update_J": section(self.write_energy),
                "write_latency_per_update_s": section(self.write_latency),
            },
        }
