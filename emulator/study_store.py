"""The study store: a folder of Parquet files, one per finished chunk, written as the chunks finish.

Why Parquet (pyarrow) rather than Zarr: a chunk's result is a table (one row per device and cycle, named
columns of mixed types: integer counts, float figures, the drawn conditions, and optionally each device's
variable-length per-pulse trace), which is Parquet's model; each chunk is one self-describing file with the
study in its key-value metadata, so "a finished chunk" is simply "a file that exists", written under a
temporary name and renamed (atomic on POSIX); columns are compressed and read one at a time, so the summary of
a large population reads one figure's column, not the traces; and the files open directly in pandas, dask or
DuckDB. Zarr's strengths (n-dimensional arrays written in place, region by region) are not needed here, and its
per-array chunk files would make a chunk's completeness a property of many files.

Layout of `--out`:
    study.json                   the study (canonical form and digest), the study file's text, software version,
                                 seed, format version
    chunks/chunk-NNNNNNNN.parquet   rows of chunk N (its metadata repeats study.json under b"skybench.study")
    summary.json, histograms.png    written when every chunk is present
A rerun with the same `--out` skips the chunks present; a different study at the same path is refused.
"""
from __future__ import annotations

import json
import os
import shutil
from importlib import metadata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from emulator.study_spec import StudySpec
from skybench.errors import ParameterError
from skybench.outputs import check_writable

FORMAT = "skybench-study/1"
"""Format name and version of the store (study.json and every chunk's metadata)."""
MANIFEST = "study.json"
CHUNKS = "chunks"
METADATA_KEY = b"skybench.study"


def software_version() -> str:
    try:
        return metadata.version("skybench")
    except metadata.PackageNotFoundError:
        return "unknown"


class StudyStore:
    """One study's folder: creates or resumes it, writes finished chunks, reads columns back."""

    def __init__(self, folder: Path, manifest: dict):
        self.folder = folder
        self.manifest = manifest

    @classmethod
    def open(cls, out: str | os.PathLike, spec: StudySpec, study_text: str, force: bool = False) -> "StudyStore":
        """Create the store at `out`, or resume it if it holds the same study; refuse anything else unless
        `force`, which replaces the folder as a whole (skybench.outputs' rule: a fresh start)."""
        if force:
            folder = check_writable(out, force=True)
            if folder.exists():
                shutil.rmtree(folder)
        elif (Path(out) / MANIFEST).is_file():
            folder = Path(out)
        else:
            folder = check_writable(out)      # a new or empty folder
        manifest = {"format": FORMAT, "software_version": software_version(), "seed": spec.seed,
                    "study_digest": spec.digest(), "study": spec.canonical(), "study_file": study_text}
        path = folder / MANIFEST
        if path.exists():
            stored = json.loads(path.read_text())
            if stored.get("study_digest") != manifest["study_digest"]:
                raise ParameterError("out", str(folder), "a new folder or one holding this same study (it holds "
                                     "another study: resume it with its own study file, choose another --out, "
                                     "or pass --force to start over)")
            store = cls(folder, stored)
        else:
            (folder / CHUNKS).mkdir(parents=True, exist_ok=True)
            _write_atomic(path, json.dumps(manifest, indent=2) + "\n")
            store = cls(folder, manifest)
        for partial in [*(folder / CHUNKS).glob(".*.partial"), *folder.glob(".*.partial*")]:
            partial.unlink()      # left by a killed run; never a finished chunk or file
        return store

    def chunk_path(self, index: int) -> Path:
        return self.folder / CHUNKS / f"chunk-{index:08d}.parquet"

    def done(self) -> set[int]:
        """Indices of the finished chunks."""
        return {int(p.stem.split("-")[1]) for p in (self.folder / CHUNKS).glob("chunk-*.parquet")}

    def write_chunk(self, index: int, columns: dict[str, np.ndarray | list]) -> None:
        """Write chunk `index` (column name -> values) under a temporary name, then rename it into place."""
        table = pa.table(columns)
        written = {**self.manifest, "chunk": index, "software_version": software_version()}  # of this chunk
        table = table.replace_schema_metadata({METADATA_KEY: json.dumps(written)})
        final = self.chunk_path(index)
        partial = final.with_name(f".{final.name}.{os.getpid()}.partial")
        pq.write_table(table, partial, compression="zstd")
        os.replace(partial, final)

    def columns(self) -> list[str]:
        """Column names of the stored chunks."""
        first = min(self.done())
        return pq.read_schema(self.chunk_path(first)).names

    def read(self, columns: list[str], limit_devices: int | None = None) -> dict[str, np.ndarray]:
        """`columns` of every stored row (of the first `limit_devices` devices), concatenated in device order
        (memory: those columns only)."""
        tables = []
        for index in sorted(self.done()):
            table = pq.read_table(self.chunk_path(index), columns=list(dict.fromkeys([*columns, "device"])))
            if limit_devices is not None:
                keep = table.column("device").to_numpy() < limit_devices
                table = table.filter(pa.array(keep))
                if table.num_rows == 0:
                    break
            tables.append(table)
        table = pa.concat_tables(tables)
        return {name: table.column(name).to_numpy(zero_copy_only=False) for name in columns}

    def write_file(self, name: str, text: str) -> None:
        _write_atomic(self.folder / name, text)


def open_existing(folder: str | os.PathLike, name: str) -> StudyStore:
    """A finished study store, for reading; ParameterError naming `name` if `folder` is not one."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.is_file():
        raise ParameterError(name, str(folder), "a study folder written by skybench study (it has no study.json)")
    store = StudyStore(folder, json.loads(path.read_text()))
    study = store.manifest["study"]
    missing = -(-study["devices"] // study["chunk"]) - len(store.done())
    if missing:
        raise ParameterError(name, str(folder), f"a finished study ({missing} chunk(s) missing: rerun skybench "
                             f"study with this --out to finish it)")
    return store


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text)
    os.replace(partial, path)
