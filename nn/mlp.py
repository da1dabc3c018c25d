"""The 784-100-10 multilayer perceptron of paper Fig. 3a, with sigmoid neurons, and its backpropagation.

Forward (no biases, as in MLP+NeuroSim and the paper's crossbar: every weight is a synapse):
    a1 = sigma(q_in(x) W1^T),   a2 = sigma(q_h(a1) W2^T),   sigma(z) = 1 / (1 + exp(-z)),
where q_in and q_h are the periphery's quantisers of the row drive and of the hidden outputs (nn.periphery;
identities for the analog periphery).
Loss: cross-entropy of the sigmoid outputs against one-hot targets y, summed over the 10 outputs and averaged
over the mini-batch, L = -(1/B) sum [y ln a2 + (1 - y) ln(1 - a2)]. Its output delta is simply
    d2 = a2 - y,    d1 = (d2 W2) * a1 (1 - a1),
and the gradients are g2 = d2^T a1 / B, g1 = d1^T x / B, computed on the analog x and a1 whatever the periphery
(MLP+NeuroSim's controller does the same: a straight-through estimate through the quantisers). MLP+NeuroSim
uses the squared error, whose delta carries an extra a2(1 - a2) factor that vanishes on saturated wrong outputs;
with the cross-entropy the software baseline reaches the paper's ~94 % within the fig3c schedule. Backprop here
is written out by hand (no autograd) so a step is one forward and one backward pass; tests check it against
torch.autograd.
"""
from __future__ import annotations

from nn.periphery import ANALOG, Periphery

LAYERS = (784, 100, 10)
"""Neurons per layer: input pixels, hidden, output classes (paper Fig. 3a)."""
EVAL_CHUNK = 10000
"""Images per forward pass when measuring accuracy (bounds memory)."""


def forward(x, w1, w2, periphery: Periphery = ANALOG):
    """Hidden and output activations (a1, a2) for a batch x of shape (B, 784); a1 is the analog sigmoid output,
    a2 is computed from a1 as the periphery applies it."""
    import torch

    a1 = torch.sigmoid(periphery.inputs(x) @ w1.T)
    return a1, torch.sigmoid(periphery.activations(a1) @ w2.T)


def gradients(x, a1, a2, target, w2):
    """Mean-over-batch gradients (g1, g2) of the cross-entropy loss w.r.t. W1 (100x784) and W2 (10x100)."""
    batch = x.shape[0]
    d2 = a2 - target
    d1 = (d2 @ w2) * a1 * (1.0 - a1)
    return d1.T @ x / batch, d2.T @ a1 / batch


def accuracy(x, labels, w1, w2, periphery: Periphery = ANALOG) -> float:
    """Fraction of images in x whose largest output is the label (forward pass through `periphery`)."""
    correct = 0
    for start in range(0, x.shape[0], EVAL_CHUNK):
        _, a2 = forward(x[start:start + EVAL_CHUNK], w1, w2, periphery)
        correct += int((a2.argmax(dim=1) == labels[start:start + EVAL_CHUNK]).sum())
    return correct / x.shape[0]
