"""histograms.png of a study: the distribution over the population of every per-device figure of merit."""
from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from emulator.study_figures import is_integer_figure  # noqa: E402


def plot_histograms(store, names: tuple[str, ...], path: Path, title: str) -> None:
    """One panel per figure (read from the store one column at a time); integer figures get unit bins."""
    columns = 4
    rows = math.ceil(len(names) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.5 * rows), squeeze=False)
    for ax, name in zip(axes.ravel(), names):
        values = np.asarray(store.read([name])[name], dtype=float)
        values = values[np.isfinite(values)]
        if values.size == 0:
            ax.text(0.5, 0.5, "no finite values", ha="center", va="center", transform=ax.transAxes)
        elif is_integer_figure(name):
            ax.hist(values, bins=np.arange(values.min() - 0.5, values.max() + 1.5), color="tab:green")
        else:
            ax.hist(values, bins=min(50, max(5, int(math.sqrt(values.size)))), color="tab:blue")
        ax.set_title(name.replace("_", " "), fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in axes.ravel()[len(names):]:
        ax.axis("off")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
