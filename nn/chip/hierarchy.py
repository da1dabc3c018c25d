"""The chip hierarchy of the paper's Fig. 4c-d: chip -> tiles -> processing elements (PEs) -> subarrays.

Built from the network's mapping (nn.chip.mapping). Each level adds its buffer, accumulation and bus:
- PE (Fig. 4d): p_r x p_c subarrays, a PE buffer holding p_r R input words and p_c C partial sums, and
  p_c (C/k) accumulators summing the partial sums of its p_r subarray rows;
- tile: t_r x t_c PEs, a tile buffer, t_c p_c (C/k) accumulators over its PE rows and an H-tree bus;
- chip (Fig. 4c): global buffer (double-buffered activations plus the tile partial sums), global
  accumulators, `activation_units` activation units (sigmoid or ReLU), C pooling units if a layer pools, and
  a global H-tree over the tiles.
Word widths grow by ceil(log2 n) bits for every sum of n partial sums: w_PE = w_sub + ceil(log2 min(p_r, b_r)),
then tile and chip likewise, with w_sub = ADC bits + input bits.

Per inference and layer (n_in inputs, n_out outputs, b_in-bit activations), bits moved and operations:
  subarrays       every block's matrix-vector product over its used rows and columns (nn.chip.subarray)
  PE buffer/bus   n_in b_in (PE columns) in, n_out (PE rows) w_PE out
  tile buffer     n_in b_in (tile columns) in, n_out (tile rows) w_tile out; global bus the same bits
  global buffer   n_in b_in activations, plus n_out (tile rows) w_tile partial sums when a layer spans tiles
  accumulation    (b_r - PE rows) n_out at PE level, (PE rows - tile rows) n_out at tile level,
                  (tile rows - 1) n_out at chip level: (b_r - 1) n_out additions in all
  activation      n_out;  pooling  n_out / window when the layer pools.
Latency per layer: input transfer ceil(n_in b_in / bus) clocks + the slowest subarray's product + an adder
tree of ceil(log2 b_r) levels (one clock each) + output transfer + ceil(n_out / activation_units) activation
clocks; layers run one after another (no pipelining, one image at a time); buffer accesses overlap with
transfers.
Bus spans: the side of the square holding the level's content (tile: its PEs and buffer; chip: everything).
"""
from __future__ import annotations

import dataclasses
import math
from functools import cached_property

from nn.chip.architecture import Architecture
from nn.chip.breakdown import Breakdown, total_of
from nn.chip.cell import Cell
from nn.chip.estimate import ChipEstimate, TrainingCost
from nn.chip.mapping import LayerMapping, Mapping, Network, map_network
from nn.chip.periphery import Accumulator, Bus, MaxPool, SramBuffer
from nn.chip.periphery.activation import ACTIVATIONS
from nn.chip.periphery.block import BlockCost
from nn.chip.subarray import Subarray
from nn.chip.technology import Technology, ceil_log2
from nn.chip.update_counts import UpdateCounts

ZERO_COST = BlockCost(area=0.0, energy=0.0, delay=0.0, leakage=0.0, transistors=0)
"""Cost of a block that a design does not have."""


@dataclasses.dataclass(frozen=True)
class LayerWords:
    """Word widths (bits) of one layer's partial sums at each level."""

    subarray: int
    pe: int
    tile: int
    chip: int


@dataclasses.dataclass(frozen=True)
class Chip:
    """One technology's chip for one network: the hierarchy with every block costed."""

    cell: Cell
    tech: Technology
    arch: Architecture
    network: Network

    @cached_property
    def mapping(self) -> Mapping:
        a = self.arch
        return map_network(self.network, a.subarray_rows, a.subarray_cols, (a.pe_rows, a.pe_cols),
                           (a.tile_rows, a.tile_cols))

    @cached_property
    def subarray(self) -> Subarray:
        return Subarray(self.cell, self.tech, self.arch)

    @property
    def clock(self) -> float:
        """Clock period (s)."""
        return 1.0 / self.arch.clock_frequency

    def words(self, m: LayerMapping) -> LayerWords:
        a = self.arch
        sub = a.partial_sum_bits
        pe = sub + ceil_log2(min(a.pe_rows, m.block_rows))
        tile = pe + ceil_log2(min(a.tile_rows, m.pe_rows))
        return LayerWords(sub, pe, tile, tile + ceil_log2(m.tile_rows))

    # --- blocks per level --------------------------------------------------------------------------
    def _accumulators(self, units: int, width: int, levels: int) -> BlockCost:
        return Accumulator(width, count=units).cost(self.tech) if levels > 1 else ZERO_COST

    def pe_blocks(self, m: LayerMapping) -> dict[str, BlockCost]:
        a, w = self.arch, self.words(m)
        bits = a.pe_rows * a.subarray_rows * a.input_bits + a.pe_cols * a.subarray_cols * w.pe
        return {"pe_buffer": SramBuffer(bits).cost(self.tech),
                "pe_accumulator": self._accumulators(a.pe_cols * a.adcs_per_subarray, w.pe, a.pe_rows)}

    def tile_blocks(self, m: LayerMapping) -> dict[str, BlockCost]:
        a, w = self.arch, self.words(m)
        bits = (a.tile_rows * a.pe_rows * a.subarray_rows * a.input_bits
                + a.tile_cols * a.pe_cols * a.subarray_cols * w.tile)
        blocks = {"tile_buffer": SramBuffer(bits).cost(self.tech),
                  "tile_accumulator": self._accumulators(a.tile_cols * a.pe_cols * a.adcs_per_subarray, w.tile,
                                                         a.tile_rows)}
        content = (m.subarrays * self.subarray.area.total
                   + m.pes * sum(b.area for b in self.pe_blocks(m).values())) / m.tiles
        content += sum(b.area for b in blocks.values())
        blocks["tile_bus"] = Bus(a.bus_width, math.sqrt(content), a.tile_rows * a.tile_cols).cost(self.tech)
        return blocks

    @cached_property
    def global_blocks(self) -> dict[str, BlockCost]:
        a, tech, layers = self.arch, self.tech, self.mapping.layers
        partial_bits = max(m.layer.n_out * m.tile_rows * self.words(m).tile if m.tile_rows > 1 else 0
                           for m in layers)
        bits = 2 * max(self.network.sizes) * a.input_bits + partial_bits
        spans_tiles = max(m.tile_rows for m in layers)
        widest = max(self.words(m).chip for m in layers)
        activation = ACTIVATIONS[a.activation](a.input_bits, a.input_bits, count=a.activation_units)
        pool = max(m.layer.pool for m in layers)
        blocks = {
            "global_buffer": SramBuffer(bits).cost(tech),
            "global_accumulator": self._accumulators(a.subarray_cols, widest, spans_tiles),
            "activation": activation.cost(tech),
            "pooling": MaxPool(a.input_bits, pool, count=a.subarray_cols).cost(tech) if pool > 1 else ZERO_COST,
        }
        core = self._area_below_chip + sum(b.area for b in blocks.values())
        blocks["global_bus"] = Bus(a.bus_width, math.sqrt(core), self.mapping.tiles).cost(tech)
        return blocks

    @cached_property
    def _area_below_chip(self) -> float:
        total = 0.0
        for m in self.mapping.layers:
            total += m.subarrays * self.subarray.area.total
            total += m.pes * sum(b.area for b in self.pe_blocks(m).values())
            total += m.tiles * sum(b.area for b in self.tile_blocks(m).values())
        return total

    # --- totals ------------------------------------------------------------------------------------
    @cached_property
    def area(self) -> Breakdown:
        parts = [self.subarray.area * m.subarrays for m in self.mapping.layers]
        for m in self.mapping.layers:
            parts.append(_periphery("m^2", {k: m.pes * b.area for k, b in self.pe_blocks(m).items()}))
            parts.append(_periphery("m^2", {k: m.tiles * b.area for k, b in self.tile_blocks(m).items()}))
        parts.append(_periphery("m^2", {k: b.area for k, b in self.global_blocks.items()}))
        return total_of(parts, "m^2")

    @cached_property
    def leakage(self) -> Breakdown:
        parts = [self.subarray.leakage * m.subarrays for m in self.mapping.layers]
        for m in self.mapping.layers:
            parts.append(_periphery("W", {k: m.pes * b.leakage for k, b in self.pe_blocks(m).items()}))
            parts.append(_periphery("W", {k: m.tiles * b.leakage for k, b in self.tile_blocks(m).items()}))
        parts.append(_periphery("W", {k: b.leakage for k, b in self.global_blocks.items()}))
        return total_of(parts, "W")

    def layer_energy(self, m: LayerMapping) -> Breakdown:
        """Dynamic energy (J) of one layer's share of an inference."""
        a, w, layer = self.arch, self.words(m), m.layer
        pe, tile, chip = self.pe_blocks(m), self.tile_blocks(m), self.global_blocks
        sub = total_of((self.subarray.read_energy(r, c) for r in m.used_rows() for c in m.used_cols()), "J")
        inputs = layer.n_in * a.input_bits
        pe_bits = inputs * m.pe_cols + layer.n_out * m.pe_rows * w.pe
        tile_bits = inputs * m.tile_cols + layer.n_out * m.tile_rows * w.tile
        partial_to_chip = layer.n_out * m.tile_rows * w.tile if m.tile_rows > 1 else 0
        pooled = layer.n_out / layer.pool if layer.pool > 1 else 0.0
        return sub + _periphery("J", {
            "pe_buffer": pe_bits * pe["pe_buffer"].energy,
            "pe_accumulator": (m.block_rows - m.pe_rows) * layer.n_out * pe["pe_accumulator"].energy,
            "tile_bus": pe_bits * tile["tile_bus"].energy / a.bus_width,
            "tile_buffer": tile_bits * tile["tile_buffer"].energy,
            "tile_accumulator": (m.pe_rows - m.tile_rows) * layer.n_out * tile["tile_accumulator"].energy,
            "global_bus": tile_bits * chip["global_bus"].energy / a.bus_width,
            "global_buffer": (inputs + partial_to_chip) * chip["global_buffer"].energy,
            "global_accumulator": (m.tile_rows - 1) * layer.n_out * chip["global_accumulator"].energy,
            "activation": layer.n_out * chip["activation"].energy,
            "pooling": pooled * chip["pooling"].energy,
        })

    def layer_latency(self, m: LayerMapping) -> Breakdown:
        """Time (s) of one layer of an inference, by stage."""
        a, w, layer, clock = self.arch, self.words(m), m.layer, self.clock
        acc_delay = max(self.pe_blocks(m)["pe_accumulator"].delay, clock)
        act_delay = max(self.global_blocks["activation"].delay, clock)
        return self.subarray.read_latency(max(m.used_cols())) + _periphery("s", {
            "input_transfer": math.ceil(layer.n_in * a.input_bits / a.bus_width) * clock,
            "accumulation": ceil_log2(m.block_rows) * acc_delay,
            "output_transfer": math.ceil(layer.n_out * m.tile_rows * w.tile / a.bus_width) * clock,
            "activation": math.ceil(layer.n_out / a.activation_units) * act_delay,
        })

    @cached_property
    def read_energy(self) -> Breakdown:
        return total_of((self.layer_energy(m) for m in self.mapping.layers), "J")

    @cached_property
    def read_latency(self) -> Breakdown:
        return total_of((self.layer_latency(m) for m in self.mapping.layers), "s")

    def training(self, counts: UpdateCounts) -> TrainingCost:
        sub = self.subarray
        t_inf, p_leak = self.read_latency.total, self.leakage.total
        e_inf = self.read_energy.total + p_leak * t_inf
        rounds = counts.weight_updates_total / self.network.devices  # one round: every cell pulsed once
        write_time = rounds * sub.update_round_latency
        write_energy = counts.weight_updates_total * sub.write_energy.total
        images = counts.training_images
        energy_total = images * e_inf + write_energy + p_leak * write_time
        latency_total = images * t_inf + write_time
        return TrainingCost(counts, energy_total / images, latency_total / images, write_energy, write_time,
                            energy_total, latency_total)

    def estimate(self, counts: UpdateCounts) -> ChipEstimate:
        """The full estimate for this chip, with training costed from `counts`."""
        return ChipEstimate(
            cell=self.cell, technology=self.tech.name, architecture=self.arch, mapping=self.mapping,
            area=self.area, subarray_area=self.mapping.subarrays * self.subarray.area.total,
            read_energy=self.read_energy, read_latency=self.read_latency, leakage=self.leakage,
            write_energy=self.subarray.write_energy, write_latency=self.subarray.write_latency,
            update_round_latency=self.subarray.update_round_latency, training=self.training(counts))


def _periphery(unit: str, values: dict[str, float]) -> Breakdown:
    return Breakdown(unit, tuple((name, "periphery", float(v)) for name, v in values.items()))
