"""The forward-pass periphery (nn/periphery.py): quantisers, the forward pass through them, and their settings."""
import pytest
import torch

from nn import mlp
from nn.periphery import ANALOG, EIGHT_BIT, ONE_BIT, PERIPHERIES, Periphery, quantise
from nn.training_presets import EXPERIMENT, IDEAL, SOFTWARE, TrainingPreset
from skybench.errors import ParameterError


def test_one_bit_thresholds_at_one_half():
    values = torch.tensor([0.0, 0.2, 0.4999, 0.5, 0.7, 1.0])
    assert quantise(values, 1).tolist() == [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]


def test_two_bits_give_four_levels_rounded_half_up():
    values = torch.tensor([0.0, 1 / 6 - 1e-4, 1 / 6 + 1e-4, 0.5, 0.84, 1.0])
    expected = [0.0, 0.0, 1 / 3, 2 / 3, 1.0, 1.0]
    assert quantise(values, 2).tolist() == pytest.approx(expected)
    assert quantise(torch.rand(1000), 3).unique().numel() <= 8


def test_none_keeps_values_analog():
    values = torch.rand(50)
    assert quantise(values, None) is values
    assert ANALOG.inputs(values) is values and ANALOG.activations(values) is values


@pytest.mark.parametrize("bits", [0, 17, 1.5, True, "1"])
def test_bad_bit_counts_name_the_field(bits):
    with pytest.raises(ParameterError, match="input_bits"):
        Periphery("custom", input_bits=bits)
    with pytest.raises(ParameterError, match="activation_bits"):
        Periphery("custom", activation_bits=bits)


def test_forward_quantises_row_drive_and_hidden_outputs_only():
    generator = torch.Generator().manual_seed(1)
    x = torch.rand(5, 784, generator=generator)
    w1 = 0.05 * torch.randn(100, 784, generator=generator)
    w2 = 0.3 * torch.randn(10, 100, generator=generator)
    a1, a2 = mlp.forward(x, w1, w2, ONE_BIT)
    binary_x = (x >= 0.5).float()
    torch.testing.assert_close(a1, torch.sigmoid(binary_x @ w1.T))   # a1 stays analog for the backward pass
    torch.testing.assert_close(a2, torch.sigmoid((a1 >= 0.5).float() @ w2.T))
    b1, b2 = mlp.forward(x, w1, w2, ANALOG)
    torch.testing.assert_close(b2, torch.sigmoid(torch.sigmoid(x @ w1.T) @ w2.T))
    assert not torch.allclose(a2, b2)


def test_every_periphery_names_its_source():
    for name, periphery in PERIPHERIES.items():
        assert periphery.name == name and periphery.source


def test_presets_choose_their_periphery():
    assert SOFTWARE.periphery == "analog"
    assert (EXPERIMENT.periphery, IDEAL.periphery) == ("1bit", "8bit")   # paper Fig. 3 platform; Fig. 4 Methods
    assert set(PERIPHERIES) == {"analog", "1bit", "8bit"}
    assert (EIGHT_BIT.input_bits, EIGHT_BIT.activation_bits) == (8, 8)
    with pytest.raises(ParameterError, match="periphery"):
        TrainingPreset(name="x", learning_rates=(1.0, 1.0), periphery="ternary")
