"""MNIST as float tensors, found through one rule shared by the command, the tests and the benchmarks.

Where the data root comes from, first match wins:
  1. the explicit `root` argument (`skybench train --data ROOT`);
  2. the environment variable `SKYBENCH_DATA`;
  3. the fallback `<repository>/../shared/data` (on the project machines: /work/shared/data).
The root holds `MNIST/raw/` with the four official IDX files, as `torchvision.datasets.MNIST` expects.

Pixels are scaled to [0, 1] (x = byte / 255), the paper's input encoding (Methods, 'MNIST Pattern recognition
simulation'); labels are int64 class indices 0..9.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from skybench.errors import DataError

#: Environment variable that names the data root when `--data` is not given.
DATA_ENV_VAR = "SKYBENCH_DATA"
#: Fallback data root, relative to the repository root (the checkout's sibling `shared/data`).
FALLBACK_RELATIVE = Path("..") / "shared" / "data"
#: Largest pixel byte value; x = byte / PIXEL_MAX lies in [0, 1].
PIXEL_MAX = 255.0
#: Image side in pixels and number of classes (MNIST, LeCun et al. 1998).
IMAGE_SIDE = 28
N_CLASSES = 10


@dataclass(frozen=True)
class MnistTensors:
    """MNIST held in memory as torch tensors.

    train_x: (60000, 784) float32, pixels in [0, 1].
    train_y: (60000,) int64 labels.
    test_x: (10000, 784) float32, pixels in [0, 1].
    test_y: (10000,) int64 labels.
    root: the data root the tensors were read from.
    """

    train_x: "torch.Tensor"
    train_y: "torch.Tensor"
    test_x: "torch.Tensor"
    test_y: "torch.Tensor"
    root: Path


def repository_root() -> Path:
    """The checkout root (the folder that holds `nn/`)."""
    return Path(__file__).resolve().parent.parent


def resolve_data_root(root: str | os.PathLike | None = None) -> Path:
    """Return the data root by the rule in the module docstring (the folder need not exist yet)."""
    if root is not None:
        return Path(root)
    from_env = os.environ.get(DATA_ENV_VAR)
    if from_env:
        return Path(from_env)
    return (repository_root() / FALLBACK_RELATIVE).resolve()


def mnist_available(root: str | os.PathLike | None = None) -> bool:
    """True when the four raw MNIST files are under `<root>/MNIST/raw` (root resolved as above)."""
    raw = resolve_data_root(root) / "MNIST" / "raw"
    names = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
             "t10k-labels-idx1-ubyte")
    return all((raw / name).is_file() for name in names)


def load_mnist(root: str | os.PathLike | None = None, download: bool = False) -> MnistTensors:
    """Read MNIST train and test sets through torchvision into float tensors.

    A missing dataset raises DataError naming the folder and both ways to get the data
    (point `--data`/SKYBENCH_DATA at a folder holding MNIST/raw, or pass `--download` with internet).
    """
    import torch
    import torchvision

    path = resolve_data_root(root)
    if not download and not mnist_available(path):
        raise DataError(
            f"MNIST not found under {path / 'MNIST' / 'raw'}: either point --data (or ${DATA_ENV_VAR}) at a "
            f"folder holding MNIST/raw with the four IDX files, or pass --download on a machine with internet"
        )
    try:
        train = torchvision.datasets.MNIST(str(path), train=True, download=download)
        test = torchvision.datasets.MNIST(str(path), train=False, download=download)
    except (RuntimeError, OSError) as error:
        raise DataError(
            f"MNIST could not be read from {path}: {error}; either point --data (or ${DATA_ENV_VAR}) at a "
            f"folder holding MNIST/raw, or pass --download on a machine with internet"
        ) from None

    def pixels(images: "torch.Tensor") -> "torch.Tensor":
        return images.reshape(images.shape[0], IMAGE_SIDE * IMAGE_SIDE).to(torch.float32) / PIXEL_MAX

    return MnistTensors(
        train_x=pixels(train.data),
        train_y=train.targets.to(torch.int64),
        test_x=pixels(test.data),
        test_y=test.targets.to(torch.int64),
        root=path,
    )
