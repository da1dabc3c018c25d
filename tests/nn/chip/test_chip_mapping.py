"""Mapping 784-100-10 onto 32 x 32 subarrays, PEs and tiles.

Reference: nn_chip.md sec. 4 ('784-100-10 at 32x32 needs 25x4 + 4x1 = 104 subarrays (106 496 cells for 79 400
weights, 74.6 % utilisation)') and sec. 2 item 6 ('ops = 2 (78 400 + 1 000) = 158 800 per inference').
"""
import pytest

from nn.chip.mapping import Network, map_network
from skybench.errors import ParameterError


def test_paper_network_needs_104_subarrays():
    m = map_network(Network((784, 100, 10)), 32, 32)
    assert [(l.block_rows, l.block_cols) for l in m.layers] == [(25, 4), (4, 1)]  # ceil(784/32)=25, ...
    assert m.subarrays == 104
    assert m.cells == 104 * 1024 == 106_496
    assert m.network.weights == 79_400
    assert m.utilization == pytest.approx(79_400 / 106_496)  # 0.7456
    assert m.utilization == pytest.approx(0.746, abs=5e-4)
    assert m.network.ops == 158_800


def test_partial_blocks_and_hierarchy_counts():
    m = map_network(Network((784, 100, 10)), 32, 32, pe_shape=(2, 2), tile_shape=(2, 2))
    first, second = m.layers
    assert first.used_rows()[-1] == 784 - 24 * 32 == 16
    assert first.used_cols() == [32, 32, 32, 4]                  # 100 = 3 * 32 + 4
    assert second.used_rows() == [32, 32, 32, 4] and second.used_cols() == [10]
    # PEs: ceil(25/2) x ceil(4/2) = 13 x 2 = 26, then ceil(4/2) x 1 = 2; tiles: ceil(13/2) x 1 = 7, then 1
    assert (first.pes, second.pes, m.pes) == (26, 2, 28)
    assert (first.tiles, second.tiles, m.tiles) == (7, 1, 8)


def test_other_subarray_sizes():
    m = map_network(Network((784, 100, 10)), 64, 64)
    assert m.subarrays == 13 * 2 + 2 * 1                         # ceil(784/64)=13, ceil(100/64)=2
    m = map_network(Network((784, 100, 10)), 16, 16)
    assert m.subarrays == 49 * 7 + 7 * 1                         # ceil(784/16)=49, ceil(100/16)=7


@pytest.mark.parametrize("rows, cols, name", [(1024, 32, "subarray_rows"), (32, 128, "subarray_cols"),
                                              (0, 32, "subarray_rows"), (32, 0, "subarray_cols")])
def test_subarray_bigger_than_the_largest_layer_is_refused(rows, cols, name):
    with pytest.raises(ParameterError, match=name) as info:
        map_network(Network((784, 100, 10)), rows, cols)
    assert "largest layer" in str(info.value)


@pytest.mark.parametrize("sizes", [(784, 0, 10), (784,), (784, 100.5, 10)])
def test_impossible_networks(sizes):
    with pytest.raises(ParameterError, match="network.layers"):
        Network(sizes)


def test_a_differential_pair_takes_two_columns_per_output():
    """Two devices per weight (G+ and G- on adjacent columns): 200 and 20 columns, 25 x 7 + 4 x 1 subarrays."""
    m = map_network(Network((784, 100, 10), devices_per_weight=2), 32, 32)
    assert [(l.block_rows, l.block_cols) for l in m.layers] == [(25, 7), (4, 1)]   # ceil(200/32) = 7
    assert m.subarrays == 179 and m.cells == 179 * 1024
    assert m.network.weights == 79_400 and m.network.devices == 158_800
    assert m.utilization == pytest.approx(158_800 / 183_296)                      # 0.866
    assert m.layers[0].used_cols() == [32] * 6 + [8] and m.layers[1].used_cols() == [20]
    assert m.network.ops == 158_800                                               # per weight, not per device
    assert m.summary()["devices_per_weight"] == 2


@pytest.mark.parametrize("value", [0, 3, True, 1.5])
def test_devices_per_weight_is_one_or_two(value):
    with pytest.raises(ParameterError, match="devices_per_weight"):
        Network((784, 100, 10), devices_per_weight=value)
