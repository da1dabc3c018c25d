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


def _copy_raw(tmp_path):
    """A writable copy of the four raw files (skip if MNIST is absent)."""
    from nn.mnist import RAW_FILES, mnist_available

    if not mnist_available():
        pytest.skip("MNIST not found")
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in RAW_FILES:
        (raw / name).write_bytes((resolve_data_root() / "MNIST" / "raw" / name).read_bytes())
    return raw


@pytest.mark.parametrize("name, offset, value, message", [
    ("t10k-labels-idx1-ubyte", 3, 0x03, "magic number 0x00000803, expected 0x00000801"),
    ("train-images-idx3-ubyte", 2, 0x09, "magic number 0x00000903, expected 0x00000803"),
    ("t10k-labels-idx1-ubyte", 8 + 17, 200, "label 200 at item 17; valid labels are 0..9"),
    ("t10k-images-idx3-ubyte", 15, 27, "item shape (28, 27), expected (28, 28)"),
])
def test_corrupt_files_name_the_file_and_rule(tmp_path, name, offset, value, message):
    """Issue 14 item 10: a bad magic number or a label of 200 ended in a traceback."""
    raw = _copy_raw(tmp_path)
    data = bytearray((raw / name).read_bytes())
    data[offset] = value
    (raw / name).write_bytes(bytes(data))
    with pytest.raises(DataError) as info:
        load_mnist(tmp_path)
    assert str(raw / name) in str(info.value) and message in str(info.value)


def test_truncated_file_is_refused(tmp_path):
    raw = _copy_raw(tmp_path)
    path = raw / "train-labels-idx1-ubyte"
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(DataError, match="59999 bytes|60007 bytes, expected 60008"):
        load_mnist(tmp_path)


def test_train_command_reports_a_corrupt_file_in_one_line(tmp_path, capsys):
    from skybench.cli import main

    raw = _copy_raw(tmp_path / "data")
    data = bytearray((raw / "t10k-labels-idx1-ubyte").read_bytes())
    data[8] = 200
    (raw / "t10k-labels-idx1-ubyte").write_bytes(bytes(data))
    out = tmp_path / "run"
    assert main(["train", "--device", "software", "--data", str(tmp_path / "data"), "--out", str(out),
                 "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "label 200 at item 0" in error
    assert not out.exists()
