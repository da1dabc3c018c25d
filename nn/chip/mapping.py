"""Mapping a fully connected network onto subarrays, processing elements (PEs) and tiles.

Each layer with n_in inputs and n_out outputs is a weight matrix of n_in rows by d n_out columns, d devices
(cells) per weight: d = 1 for signed weights read through the digital 'virtual reference' subtraction of
MLP+NeuroSim V3.0 (nn_chip.md sec. 1, no extra columns; `skybench train --mapping reference`), d = 2 for a
differential pair, whose G+ and G- sit on two columns converted side by side and subtracted per output
(`--mapping differential`, nn.differential_pair). On subarrays of R x C cells:
  blocks = ceil(n_in / R) x ceil(d n_out / C),  utilisation = d n_in n_out / (blocks R C).
Subarrays group into PEs of p_r x p_c subarrays, PEs into tiles of t_r x t_c PEs, and a layer occupies its own
PEs and tiles (the DNN+NeuroSim floorplan, nn_chip.md sec. 2), so
  PEs = ceil(b_r / p_r) ceil(b_c / p_c),  tiles = ceil(ceil(b_r / p_r) / t_r) ceil(ceil(b_c / p_c) / t_c).
For 784-100-10 at 32 x 32: 25 x 4 + 4 x 1 = 104 subarrays, 79 400 / 106 496 = 74.6 % used (nn_chip.md sec. 4);
with pairs (d = 2) 25 x 7 + 4 x 1 = 179 subarrays, 158 800 / 183 296 = 86.6 % used.
Operations per inference: 2 n_in n_out per layer (one multiply and one add per weight), 158 800 in total.
A subarray larger than the largest layer in either dimension cannot be filled by any layer and is refused.
"""
from __future__ import annotations

import dataclasses
import math

from skybench.errors import ParameterError, check_range

OPS_PER_WEIGHT = 2
"""Operations per weight per inference: one multiply and one accumulate."""
MAX_LAYER_SIZE = 1_000_000
"""Largest layer dimension accepted (neurons)."""
DEVICES_PER_WEIGHT = (1, 2)
"""Devices per weight accepted: 1 (reference column) or 2 (differential pair)."""


@dataclasses.dataclass(frozen=True)
class Layer:
    """A fully connected layer: n_in inputs, n_out outputs, optional max-pooling window on its outputs."""

    n_in: int
    """Input neurons."""
    n_out: int
    """Output neurons."""
    pool: int = 1
    """Outputs reduced per pooled value (1 = no pooling)."""
    devices_per_weight: int = 1
    """Cells per weight: 1 (reference column) or 2 (differential pair, two columns per output)."""

    def __post_init__(self):
        for name, value in (("n_in", self.n_in), ("n_out", self.n_out)):
            check_range(f"layer {name}", value, 1, MAX_LAYER_SIZE, "neurons")
            if int(value) != value:
                raise ParameterError(f"layer {name}", value, f"an integer in [1, {MAX_LAYER_SIZE}]")
        check_range("pool", self.pool, 1, self.n_out, "")
        _check_devices(self.devices_per_weight)

    @property
    def weights(self) -> int:
        return self.n_in * self.n_out

    @property
    def columns(self) -> int:
        """Array columns of the layer: devices per weight x outputs."""
        return self.devices_per_weight * self.n_out

    @property
    def devices(self) -> int:
        """Cells holding the layer's weights."""
        return self.devices_per_weight * self.weights

    @property
    def ops(self) -> int:
        """Operations per inference (2 per weight)."""
        return OPS_PER_WEIGHT * self.weights


@dataclasses.dataclass(frozen=True)
class Network:
    """A multilayer perceptron given by its layer sizes, e.g. (784, 100, 10)."""

    sizes: tuple[int, ...] = (784, 100, 10)
    """Neurons per layer, input first."""
    pools: tuple[int, ...] = ()
    """Pooling window after each weight layer (empty = none)."""
    devices_per_weight: int = 1
    """Cells per weight: 1 (reference column) or 2 (differential pair); a train run's summary sets it."""

    def __post_init__(self):
        _check_devices(self.devices_per_weight)
        object.__setattr__(self, "sizes", tuple(self.sizes))
        object.__setattr__(self, "pools", tuple(self.pools))
        if len(self.sizes) < 2:
            raise ParameterError("network.layers", list(self.sizes), "at least two layer sizes (inputs, outputs)")
        if self.pools and len(self.pools) != len(self.sizes) - 1:
            raise ParameterError("network.pools", list(self.pools),
                                 f"one window per weight layer ({len(self.sizes) - 1} values)")
        for i, size in enumerate(self.sizes):
            if isinstance(size, bool) or not isinstance(size, (int, float)) or size != int(size) \
                    or not 1 <= size <= MAX_LAYER_SIZE:
                raise ParameterError(f"network.layers[{i}]", size, f"an integer in [1, {MAX_LAYER_SIZE}] (neurons)")
        for i, pool in enumerate(self.pools):
            try:
                Layer(int(self.sizes[i]), int(self.sizes[i + 1]), pool)
            except ParameterError as error:
                raise ParameterError(f"network.pools[{i}]", pool, error.valid) from None

    @property
    def layers(self) -> tuple[Layer, ...]:
        pools = self.pools or (1,) * (len(self.sizes) - 1)
        return tuple(Layer(int(a), int(b), p, self.devices_per_weight)
                     for a, b, p in zip(self.sizes[:-1], self.sizes[1:], pools))

    @property
    def weights(self) -> int:
        return sum(layer.weights for layer in self.layers)

    @property
    def devices(self) -> int:
        """Cells holding the network's weights (devices per weight x weights)."""
        return sum(layer.devices for layer in self.layers)

    @property
    def ops(self) -> int:
        """Operations per inference."""
        return sum(layer.ops for layer in self.layers)

    @property
    def label(self) -> str:
        return "-".join(str(s) for s in self.sizes)


@dataclasses.dataclass(frozen=True)
class LayerMapping:
    """Where one layer lands: its subarray blocks, PEs and tiles."""

    layer: Layer
    rows: int
    """Subarray rows R."""
    cols: int
    """Subarray columns C."""
    pe_shape: tuple[int, int]
    """Subarrays per PE (rows, columns)."""
    tile_shape: tuple[int, int]
    """PEs per tile (rows, columns)."""

    @property
    def block_rows(self) -> int:
        return math.ceil(self.layer.n_in / self.rows)

    @property
    def block_cols(self) -> int:
        return math.ceil(self.layer.columns / self.cols)

    @property
    def subarrays(self) -> int:
        return self.block_rows * self.block_cols

    @property
    def cells(self) -> int:
        return self.subarrays * self.rows * self.cols

    @property
    def utilization(self) -> float:
        return self.layer.devices / self.cells

    def used_rows(self) -> list[int]:
        """Rows holding weights in each block row (the last one may be partial)."""
        return [min(self.rows, self.layer.n_in - i * self.rows) for i in range(self.block_rows)]

    def used_cols(self) -> list[int]:
        """Columns holding weights in each block column (the last one may be partial)."""
        return [min(self.cols, self.layer.columns - j * self.cols) for j in range(self.block_cols)]

    @property
    def pe_rows(self) -> int:
        return math.ceil(self.block_rows / self.pe_shape[0])

    @property
    def pe_cols(self) -> int:
        return math.ceil(self.block_cols / self.pe_shape[1])

    @property
    def pes(self) -> int:
        return self.pe_rows * self.pe_cols

    @property
    def tile_rows(self) -> int:
        return math.ceil(self.pe_rows / self.tile_shape[0])

    @property
    def tile_cols(self) -> int:
        return math.ceil(self.pe_cols / self.tile_shape[1])

    @property
    def tiles(self) -> int:
        return self.tile_rows * self.tile_cols


@dataclasses.dataclass(frozen=True)
class Mapping:
    """A whole network mapped onto R x C subarrays grouped into PEs and tiles."""

    network: Network
    layers: tuple[LayerMapping, ...]

    @property
    def subarrays(self) -> int:
        return sum(m.subarrays for m in self.layers)

    @property
    def cells(self) -> int:
        return sum(m.cells for m in self.layers)

    @property
    def utilization(self) -> float:
        return self.network.devices / self.cells

    @property
    def pes(self) -> int:
        return sum(m.pes for m in self.layers)

    @property
    def tiles(self) -> int:
        return sum(m.tiles for m in self.layers)

    def summary(self) -> dict:
        """Plain numbers for reports."""
        return {
            "network": self.network.label,
            "weights": self.network.weights,
            "devices_per_weight": self.network.devices_per_weight,
            "ops_per_inference": self.network.ops,
            "subarrays": self.subarrays,
            "cells": self.cells,
            "utilization": self.utilization,
            "pes": self.pes,
            "tiles": self.tiles,
            "layers": [{"n_in": m.layer.n_in, "n_out": m.layer.n_out, "blocks": [m.block_rows, m.block_cols],
                        "subarrays": m.subarrays, "pes": m.pes, "tiles": m.tiles,
                        "utilization": m.utilization} for m in self.layers],
        }


def map_network(network: Network, rows: int, cols: int, pe_shape: tuple[int, int] = (2, 2),
                tile_shape: tuple[int, int] = (2, 2)) -> Mapping:
    """Map `network` onto `rows` x `cols` subarrays; refuse a subarray larger than the largest layer."""
    largest = max(network.layers, key=lambda layer: layer.weights)
    check_range("subarray_rows", rows, 1, largest.n_in, f"rows (largest layer has {largest.n_in} inputs)")
    check_range("subarray_cols", cols, 1, largest.columns,
                f"columns (largest layer has {largest.columns} columns: {largest.n_out} outputs x "
                f"{largest.devices_per_weight} device(s) per weight)")
    for name, value in (("subarray_rows", rows), ("subarray_cols", cols)):
        if int(value) != value:
            raise ParameterError(name, value, "an integer")
    return Mapping(network, tuple(LayerMapping(layer, int(rows), int(cols), tuple(pe_shape), tuple(tile_shape))
                                  for layer in network.layers))


def _check_devices(value) -> None:
    if isinstance(value, bool) or value not in DEVICES_PER_WEIGHT:
        raise ParameterError("devices_per_weight", value, "1 (reference column) or 2 (differential pair)")
