"""Finding MNIST: --data, then $SKYBENCH_DATA, then ../shared/data; a missing set names both ways to get it."""
import hashlib
from pathlib import Path

import pytest

from nn.mnist import DATA_ENV_VAR, load_mnist, repository_root, resolve_data_root
from skybench.errors import DataError

# md5 of train-images-idx3-ubyte given in ../shared/DESIGN.md ('Data')
TRAIN_IMAGES_MD5 = "6bbc9ace898e44ae57da46a324031adb"


def test_root_resolution_order(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path / "env"))
    assert resolve_data_root(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_data_root() == tmp_path / "env"
    monkeypatch.delenv(DATA_ENV_VAR)
    assert resolve_data_root() == (repository_root() / ".." / "shared" / "data").resolve()


def test_missing_dataset_names_both_ways(tmp_path):
    with pytest.raises(DataError) as info:
        load_mnist(tmp_path / "nowhere")
    message = str(info.value)
    assert str(tmp_path / "nowhere") in message and "--data" in message and "--download" in message


def test_tensors_shapes_range_and_file_checksum(mnist):
    assert tuple(mnist.train_x.shape) == (60000, 784) and tuple(mnist.test_x.shape) == (10000, 784)
    assert float(mnist.train_x.min()) == 0.0 and float(mnist.train_x.max()) == 1.0
    assert sorted(set(mnist.test_y.tolist())) == list(range(10))
    raw = Path(mnist.root) / "MNIST" / "raw" / "train-images-idx3-ubyte"
    assert hashlib.md5(raw.read_bytes()).hexdigest() == TRAIN_IMAGES_MD5
