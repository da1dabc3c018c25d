"""The figures of a training run and of a sweep (matplotlib, Agg backend, written to files).

- `accuracy_figure`: test accuracy against iteration, the device against the software baseline (paper Fig. 3c),
  mean over seeds with a +-1 std band and every seed as a thin line.
- `weights_figure`: distribution of the synapse conductances before and after training, per layer (paper
  Fig. 3d plots resistivity; we plot the conductance the network reads). Software: the weight distribution.
- `sweep_figure`: final accuracy against the number of states and against the cycle-to-cycle spread scale.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

PERCENT = 100.0
"""Fractions are plotted in percent."""
HISTOGRAM_BINS = 60
"""Bins of the conductance histograms."""
DPI = 120
"""Resolution of the written PNG files (dots per inch)."""


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _curves(ax, histories, label, color):
    curves = np.array([h.accuracy for h in histories]) * PERCENT
    iterations = np.arange(1, curves.shape[1] + 1)
    for curve in curves:
        ax.plot(iterations, curve, color=color, alpha=0.25, linewidth=0.7)
    mean = curves.mean(axis=0)
    std = curves.std(axis=0)
    ax.fill_between(iterations, mean - std, mean + std, color=color, alpha=0.2, linewidth=0)
    ax.plot(iterations, mean, color=color, linewidth=1.8,
            label=f"{label}: final {mean[-1]:.1f} % (n = {curves.shape[0]})")


def accuracy_figure(result, path: str | Path) -> None:
    """Accuracy vs iteration, device against software (module docstring)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    preset = result.config.preset
    _curves(ax, result.histories, f"{preset.name} ({preset.periphery})", "tab:red")
    if result.software:
        from nn.training_presets import SOFTWARE

        _curves(ax, result.software, f"software ({SOFTWARE.periphery})", "tab:blue")
    ax.set_xlabel("training iteration")
    ax.set_ylabel("test accuracy (%)")
    protocol = result.config.protocol
    ax.set_title(f"MNIST 784-100-10, {protocol.name}: {protocol.images_per_iteration} images/iteration, "
                 f"batch {protocol.batch_size}", fontsize=9)
    low = min(float(np.min([h.accuracy[-1] for h in result.histories])) * PERCENT - 10.0, 80.0)
    ax.set_ylim(max(low, 0.0), 100.0)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)


def weights_figure(result, path: str | Path) -> None:
    """Conductance (or weight) distribution before and after training, first seed, per layer."""
    plt = _pyplot()
    history = result.histories[0]
    device = history.conductance_before[0] is not None
    before = history.conductance_before if device else history.weights_before
    after = history.conductance_after if device else history.weights_after
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    for ax, name, first, last in zip(axes, ("hidden layer (784 x 100)", "output layer (100 x 10)"), before, after):
        scale, unit = (1e6, "uS") if device else (1.0, "")
        values = np.concatenate([first.ravel(), last.ravel()]) * scale
        bins = np.linspace(values.min(), values.max(), HISTOGRAM_BINS + 1)
        ax.hist(first.ravel() * scale, bins=bins, alpha=0.55, color="tab:gray", label="before training")
        ax.hist(last.ravel() * scale, bins=bins, alpha=0.55, color="tab:red", label="after training")
        ax.set_xlabel(f"conductance ({unit})" if device else "weight")
        ax.set_ylabel("synapses")
        ax.set_title(name, fontsize=9)
        ax.legend(fontsize=8)
    fig.suptitle(f"{result.config.preset.name}: synapse distribution (seed {result.config.seeds[0]})", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)


def sweep_figure(sweep_result, path: str | Path) -> None:
    """Final accuracy vs number of states and vs c2c spread scale (mean +- std over seeds)."""
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    for ax, kind, label in zip(axes, ("states", "c2c_scale"),
                               ("potentiation states (depression: as many, capped by the trace)",
                                "cycle-to-cycle spread (x measured sigma_i)")):
        points = sweep_result.points(kind)
        if not points:
            ax.set_visible(False)
            continue
        x = np.array([value for value, _ in points])
        finals = [np.asarray(values) * PERCENT for _, values in points]
        mean = np.array([f.mean() for f in finals])
        std = np.array([f.std() for f in finals])
        ax.errorbar(x, mean, yerr=std, marker="o", capsize=3, color="tab:red", label=sweep_result.device)
        if sweep_result.software is not None:
            ax.axhline(sweep_result.software * PERCENT, color="tab:blue", linestyle="--", label="software")
        ax.set_xlabel(label, fontsize=8)
        ax.set_ylabel("final test accuracy (%)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"{sweep_result.device}: what the device designer should improve ({sweep_result.protocol})",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
