"""Statistical studies of many devices: a population of one preset through one protocol, cut into chunks that run
in this process or on a dask.distributed cluster, streamed chunk by chunk into a resumable Parquet store.

A study (emulator/study_spec.py) of N devices of seed s gives device d its own thermal stream (stream
d mod STREAM_BLOCK of the block seed of d // STREAM_BLOCK) and its own draw of every varied quantity
(emulator/study_variation.py), so a
device's result depends on (study, d) only: not on the chunk size, the engine or the worker that ran it. A chunk
(`compute_chunk`) runs its devices in blocks of equal conditions (emulator/study_devices.py) and returns their
figures (emulator/study_figures.py) and, if asked, their traces; the caller's process alone writes the store
(emulator/study_store.py), one file per finished chunk, so a worker that dies loses at most the chunk it held,
which dask runs again elsewhere, and no device is written twice.

Engines:
- in-process (default): chunks one after the other, each block's devices spread over the cores by the engine;
- `workers=N`: a `dask.distributed.LocalCluster` of N single-threaded worker processes on this machine, each
  engine limited to cores / N kernel threads;
- `scheduler="tcp://HOST:PORT"`: an existing dask.distributed cluster (`dask scheduler` plus `dask worker`s on
  any machines with skybench installed).
At most two chunks per worker are in flight, so the memory of the caller is bounded by a few chunks whatever the
population. The summary reads the store back one column at a time.
"""
from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import functools
import json
import os
import time

import numpy as np

from emulator.device_preset import DevicePreset
from emulator.presets import DEVICES
from emulator.experiment import check_protocol
from emulator.study_devices import Conditions, model_at, run_block, signal_name
from emulator.study_figures import PERCENTILES, column_statistics, device_figures, figure_names, headline
from emulator.study_spec import StudySpec
from emulator.study_store import StudyStore
from emulator.study_variation import disorder_seeds, stream_of
from skybench.errors import ParameterError, check_range
from skybench.formats.run_summary import SUMMARY_FILE, summary_document

MAX_WORKERS = 64
"""Most local worker processes `workers` may start."""
STREAM_BLOCK = 4096
"""Devices per thermal-stream block: device d of a study of seed s has stream d mod 4096 of the block seed
`block_seed(s, d // 4096)`. The blocks were introduced when seeking to stream d cost O(d) (numpy's
SeedSequence computes every word before it); emulator/thiele/rng.py now seeks in O(1), and the blocks stay because
they define the streams of every stored study (a resumed study must draw what its first run drew)."""
POLL_INTERVAL = 0.2
"""Seconds between looks at the chunks in flight (s); also the longest a Ctrl-C waits to stop a cluster study."""
IN_FLIGHT_PER_WORKER = 2
"""Chunks submitted per worker ahead of the results (bounds the caller's memory)."""


@functools.lru_cache(maxsize=2)
def built_preset(name: str) -> DevicePreset:
    """The preset `name`, built once per process (building solves the current flow and the radius law; the
    preset is frozen, so one instance serves every chunk a worker runs)."""
    return DEVICES[name]()


def check_damage(spec: StudySpec) -> None:
    """Refuse, before anything runs, a study whose protocol `emulator.experiment.check_protocol` refuses for the
    hottest and most strongly driven device its distributions can give (names the pulse and the limit)."""
    preset = built_preset(spec.preset)
    bounds = {name: d.bounds() for name, d in spec.vary}
    scale = bounds.get("current_scale", (1.0, 1.0))[1]
    hottest = dataclasses.replace(preset, model=model_at(preset.model, bounds.get("temperature", (None,) * 2)[1]))
    protocol = spec.steps()
    strongest = dataclasses.replace(protocol, steps=tuple(
        dataclasses.replace(step, current_density=scale * step.current_density) for step in protocol.steps))
    check_protocol(hottest, strongest)


def block_seed(seed: int, block: int) -> int:
    """The engine seed of stream block `block` of a study of seed `seed` (STREAM_BLOCK)."""
    return int(np.random.SeedSequence(int(seed), spawn_key=(int(block),)).generate_state(1, np.uint32)[0])


def conditions_of(spec: StudySpec, first: int, count: int) -> list[Conditions]:
    """Each device's drawn conditions (device first + i is entry i)."""
    devices = np.arange(first, first + count, dtype=np.int64)
    draws = {name: d.draw(stream_of(spec.seed, name), devices) for name, d in spec.vary}
    if drawn_disorder(spec):
        draws["disorder_seed"] = disorder_seeds(spec.seed, devices)
    return [Conditions(**{name: values[i].item() for name, values in draws.items()}) for i in range(count)]


def drawn_disorder(spec: StudySpec) -> bool:
    """Whether each device draws its own disorder (the study asks and the preset has distributions)."""
    return spec.disorder == "drawn" and built_preset(spec.preset).disorder is not None


def compute_chunk(spec: StudySpec, first: int, count: int, threads: int | None = None) -> dict[str, np.ndarray]:
    """Devices first .. first + count - 1 of the study: columns of one row per device and cycle, on `threads`
    threads (None: one per CPU).

    The devices are cut into blocks of equal conditions within one stream block, and each block into about
    `threads` runs of consecutive devices; every run goes through the whole protocol on one kernel thread, the
    runs side by side in a thread pool (the kernel releases the GIL). Splitting each engine call over threads
    instead joined the threads twice per pulse, and the per-pulse readout between calls ran on one core: a
    chunk of 500 chamber devices ran at 125 devices/s on two threads against 160 for two single-threaded dask
    workers. The result does not depend on the split (devices are independent; tests/emulator/test_study.py)."""
    preset = built_preset(spec.preset)
    protocol = spec.steps()
    phases = tuple(step.phase for step in protocol.steps)
    signal = signal_name(preset)
    conditions = conditions_of(spec, first, count)
    threads = (os.cpu_count() or 1) if threads is None else threads
    check_range("threads", threads, 1, 1024)
    runs = []
    start = 0
    while start < count:   # consecutive devices of one stream block with equal conditions share an engine
        block, offset = divmod(first + start, STREAM_BLOCK)
        stop = start + 1
        while (stop < count and conditions[stop] == conditions[start]
               and (first + stop) // STREAM_BLOCK == block):
            stop += 1
        cuts = np.linspace(start, stop, min(threads, stop - start) + 1).astype(int)
        runs += [(block_seed(spec.seed, block), offset + (a - start), b - a, conditions[start])
                 for a, b in zip(cuts[:-1], cuts[1:])]
        start = stop

    def run(task):
        seed, offset, size, condition = task
        return run_block(preset, protocol, seed, offset, size, condition, spec.cycles, threads=1)

    if threads == 1 or len(runs) == 1:
        blocks = [run(task) for task in runs]
    else:
        with concurrent.futures.ThreadPoolExecutor(min(threads, len(runs))) as pool:
            blocks = list(pool.map(run, runs))
    cycles, pulses = spec.cycles, len(phases)
    columns: dict[str, np.ndarray] = {
        "device": np.repeat(np.arange(first, first + count, dtype=np.int64), cycles),
        "cycle": np.tile(np.arange(1, cycles + 1, dtype=np.int32), count),
    }
    for name in [name for name, _ in spec.vary] + (["disorder_seed"] if drawn_disorder(spec) else []):
        columns[name] = np.repeat([getattr(c, name) for c in conditions], cycles)
    parts = [device_figures(block, phases, signal) for block in blocks]
    for name in figure_names(phases, signal):
        columns[name] = np.concatenate([part[name] for part in parts])
    if spec.traces:
        columns["n_skyrmions_active"] = np.concatenate([b.counts for b in blocks]).astype(np.int16) \
            .reshape(count * cycles, pulses)
        columns["mean_diameter_m"] = np.concatenate([b.diameter for b in blocks]).astype(np.float32) \
            .reshape(count * cycles, pulses)
        columns[signal] = np.concatenate([b.signal for b in blocks]).reshape(count * cycles, pulses)
    return columns


def run_study(spec: StudySpec, out, study_text: str = "", workers: int | None = None,
              scheduler: str | None = None, progress: bool = True, echo=print, force: bool = False) -> dict:
    """Run (or resume) `spec` into the store `out` and return its summary (also written to summary.json,
    with histograms.png). `echo` receives the dashboard address when a cluster runs; `force` starts over in a
    folder that holds anything else (skybench.outputs' rule)."""
    if workers is not None and scheduler is not None:
        raise ParameterError("workers", workers, "unset when a scheduler address is given (one engine)")
    if workers is not None:
        check_range("workers", workers, 1, MAX_WORKERS)
    if scheduler is not None and not str(scheduler).startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        raise ParameterError("scheduler", scheduler, "a dask scheduler address such as tcp://HOST:8786")
    check_damage(spec)
    store = StudyStore.open(out, spec, study_text, force)
    done = store.done()
    pending = [chunk for chunk in spec.chunks() if chunk[0] not in done]
    bar = _progress(spec.devices, spec.devices - sum(c[2] for c in pending), progress)
    started = time.perf_counter()
    try:
        if pending and (workers is not None or scheduler is not None):
            _run_distributed(spec, store, pending, workers, scheduler, bar, echo)
        else:
            for index, first, count in pending:
                store.write_chunk(index, to_arrow_columns(compute_chunk(spec, first, count)))
                bar.update(count)
    finally:
        bar.close()
    wall = time.perf_counter() - started
    computed = sum(c[2] for c in pending)
    return finish(spec, store, computed, wall, "in-process" if workers is None and scheduler is None else
                  f"{workers} local workers" if workers is not None else scheduler)


def to_arrow_columns(columns: dict[str, np.ndarray]):
    """Columns as pyarrow arrays: a 2-d array (one trace per row) becomes a fixed-size list column."""
    import pyarrow as pa

    out = {}
    for name, values in columns.items():
        values = np.asarray(values)
        if values.ndim == 2:
            out[name] = pa.FixedSizeListArray.from_arrays(pa.array(values.ravel()), values.shape[1])
        else:
            out[name] = pa.array(values)
    return out


def _run_distributed(spec, store, pending, workers, scheduler, bar, echo) -> None:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ParameterError("workers" if workers is not None else "scheduler", workers or scheduler,
                             "an installed dask.distributed (pip install 'skybench[cluster]')") from None
    cluster = None
    if workers is not None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
        threads = max(1, (os.cpu_count() or 1) // workers)
    else:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as error:
            raise ParameterError("scheduler", scheduler, f"the address of a running dask scheduler ({error})") \
                from None
        threads = None
    try:
        echo(f"dask dashboard: {client.dashboard_link}")
        slots = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        queue = collections.deque(pending)
        prefix = f"skybench-study-{spec.digest()[:12]}"

        def submit(chunk):
            index, first, count = chunk
            return client.submit(compute_chunk, spec, first, count, threads, key=f"{prefix}-chunk-{index}",
                                 pure=False)

        in_flight = {}
        while queue or in_flight:
            while queue and len(in_flight) < slots:
                chunk = queue.popleft()
                in_flight[submit(chunk)] = chunk
            finished = [future for future in in_flight if future.done()]
            if not finished:
                time.sleep(POLL_INTERVAL)    # interruptible: Ctrl-C stops the study here within POLL_INTERVAL
                continue
            for future in finished:
                index, _, count = in_flight.pop(future)
                store.write_chunk(index, to_arrow_columns(future.result()))
                future.release()
                bar.update(count)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def finish(spec: StudySpec, store: StudyStore, computed: int, wall: float, engine: str) -> dict:
    """summary.json and histograms.png from the store (one column in memory at a time)."""
    from emulator.study_plots import plot_histograms

    preset = built_preset(spec.preset)
    phases = tuple(step.phase for step in spec.steps().steps)
    names = figure_names(phases, signal_name(preset))
    statistics = {}
    for name in (*names, *(v for v, _ in spec.vary)):
        statistics[name] = column_statistics(store.read([name])[name])
    both = store.read(["potentiation_states", "depression_states", "cycle"])
    states = both["potentiation_states"] + both["depression_states"]
    summary = {
        "store_format": store.manifest["format"], "software_version": store.manifest["software_version"],
        "preset": spec.preset, "protocol": spec.protocol, "seed": spec.seed, "n_devices": spec.devices,
        "cycles": spec.cycles, "chunk": spec.chunk, "engine": engine, "devices_computed": computed,
        "wall_time_s": wall, "devices_per_s": computed / wall if computed and wall > 0 else None,
        **headline(statistics, states), "percentiles": list(PERCENTILES), "figures": statistics,
        "varied": {name: {"distribution": d.kind, "parameters": list(d.parameters)} for name, d in spec.vary},
    }
    if spec.cycles > 1:
        summary["endurance"] = _per_cycle(store, both["cycle"], states, spec.cycles)
    store.write_file(SUMMARY_FILE, json.dumps(summary_document("study", summary), indent=2) + "\n")
    partial = store.folder / f".histograms.{os.getpid()}.partial.png"
    title = f"{spec.preset} / {spec.protocol}: {spec.devices} devices (seed {spec.seed})"
    plot_histograms(store, names, partial, title)
    os.replace(partial, store.folder / "histograms.png")
    return summary


def _per_cycle(store: StudyStore, cycle: np.ndarray, states: np.ndarray, cycles: int) -> list[dict]:
    """Population means of the states, the peak and the write error rate at every cycle."""
    read = store.read(["peak", "write_error_rate"])
    rows = []
    for c in range(1, cycles + 1):
        at = cycle == c
        rows.append({"cycle": c, "states_mean": float(states[at].mean()), "peak_mean": float(read["peak"][at].mean()),
                     "write_error_rate": float(read["write_error_rate"][at].mean())})
    return rows


def _progress(total: int, initial: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="device", disable=not enabled, smoothing=0.1, dynamic_ncols=True,
                bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} devices [{elapsed}<{remaining}, "
                           "{rate_fmt}, ends {eta:%H:%M:%S}]")
