"""MNIST as float tensors, found through one rule shared by the command, the tests and the benchmarks.

Where the data root comes from, first match wins:
  1. the explicit `root` argument (`skybench train --data ROOT`);
  2. the environment variable `SKYBENCH_DATA`;
  3. the fallback `<repository>/../shared/data` (on the project machines: /work/shared/data).
The root holds `MNIST/raw/` with the four official IDX files, as `torchvision.datasets.MNIST` expects.

Pixels are scaled to [0, 1] (x = byte / 255), the paper's input encoding (Methods, 'MNIST Pattern recognition
simulation'); labels are int64 class indices 0..9.

Each raw file is checked against the IDX format before torchvision reads it (LeCun et al., 'THE MNIST
DATABASE', file formats): a big-endian magic number 0x00000803 (images) or 0x00000801 (labels), the item
count, 28 x 28 for images, and a file size of exactly header + payload; after reading, every label lies in
0..9 and images and labels agree in number. A corrupt file raises DataError naming it and the rule broken.
"""
from __future__ import annotations

import os
import struct
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
#: The raw files: name -> (IDX magic number, dimensions after the count), LeCun et al.'s file formats.
RAW_FILES = {
    "train-images-idx3-ubyte": (0x00000803, (IMAGE_SIDE, IMAGE_SIDE)),
    "train-labels-idx1-ubyte": (0x00000801, ()),
    "t10k-images-idx3-ubyte": (0x00000803, (IMAGE_SIDE, IMAGE_SIDE)),
    "t10k-labels-idx1-ubyte": (0x00000801, ()),
}


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
    return all((raw / name).is_file() for name in RAW_FILES)


def check_idx_file(path: Path, magic: int, dims: tuple[int, ...]) -> int:
    """Check one raw IDX file's header and size (module docstring); return its item count or raise DataError."""
    header_size = 4 * (2 + len(dims))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(header_size)
    except OSError as error:
        raise DataError(f"{path}: cannot read MNIST file ({error})") from None
    if len(header) < header_size:
        raise DataError(f"{path}: corrupt MNIST file: {size} bytes, shorter than its {header_size}-byte header")
    found, count, *found_dims = struct.unpack(f">{2 + len(dims)}I", header)
    if found != magic:
        raise DataError(f"{path}: corrupt MNIST file: magic number 0x{found:08x}, expected 0x{magic:08x} "
                        f"(IDX {'images' if dims else 'labels'})")
    if tuple(found_dims) != dims:
        raise DataError(f"{path}: corrupt MNIST file: item shape {tuple(found_dims)}, expected {dims}")
    expected = header_size + count * (IMAGE_SIDE * IMAGE_SIDE if dims else 1)
    if size != expected:
        raise DataError(f"{path}: corrupt MNIST file: {size} bytes, expected {expected} for {count} items")
    return count


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
    raw = path / "MNIST" / "raw"
    if mnist_available(path):
        counts = {name: check_idx_file(raw / name, *layout) for name, layout in RAW_FILES.items()}
        for split in ("train", "t10k"):
            images, labels = counts[f"{split}-images-idx3-ubyte"], counts[f"{split}-labels-idx1-ubyte"]
            if images != labels:
                raise DataError(f"{raw / (split + '-labels-idx1-ubyte')}: corrupt MNIST file: {labels} labels "
                                f"for {images} images")
    try:
        train = torchvision.datasets.MNIST(str(path), train=True, download=download)
        test = torchvision.datasets.MNIST(str(path), train=False, download=download)
    except (RuntimeError, OSError, TypeError, ValueError, KeyError, AssertionError) as error:
        raise DataError(
            f"MNIST could not be read from {path}: {error}; either point --data (or ${DATA_ENV_VAR}) at a "
            f"folder holding MNIST/raw, or pass --download on a machine with internet"
        ) from None

    for split, dataset in (("train", train), ("t10k", test)):
        bad = torch.nonzero((dataset.targets < 0) | (dataset.targets >= N_CLASSES))
        if bad.numel():
            first = int(bad[0, 0])
            raise DataError(f"{raw / (split + '-labels-idx1-ubyte')}: corrupt MNIST file: label "
                            f"{int(dataset.targets[first])} at item {first}; valid labels are 0..{N_CLASSES - 1}")

    def pixels(images: "torch.Tensor") -> "torch.Tensor":
        return images.reshape(images.shape[0], IMAGE_SIDE * IMAGE_SIDE).to(torch.float32) / PIXEL_MAX

    return MnistTensors(
        train_x=pixels(train.data),
        train_y=train.targets.to(torch.int64),
        test_x=pixels(test.data),
        test_y=test.targets.to(torch.int64),
        root=path,
    )
