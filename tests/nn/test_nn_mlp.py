"""The hand-written backpropagation of nn/mlp.py against torch.autograd (an independent reference)."""
import torch

from nn import mlp


def test_gradients_match_autograd():
    generator = torch.Generator().manual_seed(0)
    x = torch.rand(7, 784, generator=generator, dtype=torch.float64)
    target = torch.nn.functional.one_hot(torch.randint(0, 10, (7,), generator=generator), 10).double()
    w1 = (0.1 * torch.randn(100, 784, generator=generator, dtype=torch.float64)).requires_grad_()
    w2 = (0.3 * torch.randn(10, 100, generator=generator, dtype=torch.float64)).requires_grad_()
    a1, a2 = mlp.forward(x, w1, w2)
    loss = torch.nn.functional.binary_cross_entropy(a2, target, reduction="sum") / x.shape[0]
    loss.backward()
    g1, g2 = mlp.gradients(x, a1.detach(), a2.detach(), target, w2.detach())
    torch.testing.assert_close(g1, w1.grad, rtol=1e-10, atol=1e-12)
    torch.testing.assert_close(g2, w2.grad, rtol=1e-10, atol=1e-12)


def test_accuracy_counts_argmax_hits():
    w1 = torch.eye(100, 784)
    w2 = torch.zeros(10, 100)
    w2[3, 0] = 5.0                        # class 3 wins when pixel 0 is bright, otherwise all outputs tie
    x = torch.zeros(4, 784)
    x[:2, 0] = 1.0
    labels = torch.tensor([3, 3, 3, 0])   # ties resolve to class 0 (argmax returns the first maximum)
    assert mlp.accuracy(x, labels, w1, w2) == 0.75
