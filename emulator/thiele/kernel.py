"""The Thiele kernel: every device of a batch through one interval of constant drive.

Each step of a device runs five stages on the one state record (emulator/thiele/state.py):

    cell list (cell_list.py) -> forces (forces.py) -> step and move (step.py; Heun: predict, cell list and
        forces again at the predicted positions, correct)
        -> lifecycle (lifecycle.py) -> nucleation (nucleation.py, while driven) -> Joule heating (hooks.heat)

The force laws a model composes reach the stages as tuples of kernel records (emulator/thiele/hooks.py), so
numba compiles one specialisation per combination of laws and a law left out costs nothing. The stages are
inlined into the step loop (inline="always"): a call that passes the records costs a reference count per
array, about a quarter of the step time when they were separate functions. The step loop (`advance_range`,
`advance_device`) is compiled without numba's reference counting (NRT off): it allocates nothing, every array
it touches is owned by its caller for the whole call, and the atomic counter updates and the opaque calls they
need (each view of a state row, each record field read) cost about 40 % of the step time and kept LLVM from
optimising the loop (chamber fig4b: 22 -> 37 devices per CPU-second, the same counts bit for bit;
benchmarks/device_speed.py); `advance` allocates the per-step arrays and hands them in. The small functions the stages
call (table lookups, the pair law, the rates, the random numbers, the edge pass) and the hooks' overloads are
inlined too (inline="always"; the same arithmetic, bit for bit). Devices are
independent, each with its own random stream; `advance` runs a range of devices without the GIL, so the engine
spreads a batch over threads and the results do not depend on how it is split.
"""
import numba
import numpy as np

from emulator.thiele import cell_list, edge_field_grid, forces, lifecycle, nucleation, outline, step
from emulator.thiele.cache import stamp_with_sources
from emulator.thiele.hooks import heat
from emulator.thiele.state import FLAG_PINNED, Scratch


@numba.njit(cache=True, nogil=True)
def advance(m, st, first, stop, j_nominal, bz, t_ambient, t_start, duration):
    """Advance devices first .. stop - 1 by `duration` (s) at nominal current density j_nominal (A/m^2), field
    bz (T), ambient temperature t_ambient (K), the interval starting at engine time t_start (s)."""
    sc = new_scratch(m, st.x.shape[1])  # one set of per-step arrays for the range: every stage writes before it reads
    advance_range(m, st, sc, first, stop, j_nominal, bz, t_ambient, t_start, duration)


@numba.njit(cache=True, nogil=True, _nrt=False)
def advance_range(m, st, sc, first, stop, j_nominal, bz, t_ambient, t_start, duration):
    """`advance` with its per-step arrays sc; no reference counting (module docstring)."""
    for d in range(first, stop):
        sc.fired[:] = 0
        advance_device(m, st, sc, d, j_nominal, bz, t_ambient, t_start, duration)


@numba.njit(cache=True)
def new_scratch(m, capacity):
    """Per-step arrays for devices of `capacity` skyrmions (state.Scratch)."""
    return Scratch(np.zeros(capacity), np.zeros(capacity), np.zeros(capacity), np.zeros(capacity),
                   np.zeros(capacity), np.zeros(capacity), np.zeros(capacity), np.zeros(capacity, dtype=np.bool_),
                   np.empty(m.grid.nx * m.grid.ny, dtype=np.int64), np.empty(capacity, dtype=np.int64),
                   np.zeros(m.nucleation.sites.shape[0], dtype=np.int64), np.zeros(capacity), np.zeros(capacity),
                   np.zeros(capacity), np.zeros(capacity), np.zeros(capacity), np.zeros(capacity), np.zeros(capacity),
                   np.zeros(capacity, dtype=np.int64), np.zeros(capacity, dtype=np.bool_))


@numba.njit(cache=True, _nrt=False)
def advance_device(m, st, sc, d, j_nominal, bz, t_ambient, t_start, duration):
    """One device through the interval (see `advance`), with the per-step arrays sc (its `fired` zeroed); no
    reference counting (module docstring)."""
    start_count = st.n[d]
    for i in range(start_count):
        sc.start_ids[i] = st.ids[d, i]
        sc.start_pinned[i] = (st.flags[d, i] & FLAG_PINNED) != 0

    order = m.step.order if j_nominal != 0.0 else m.step.relax_order
    max_rate = 0.0  # largest annihilation rate of the last step (1/s): bounds the next step
    t = 0.0
    while t < duration:
        count = st.n[d]
        st.work[d] += count
        if len(m.pair_laws) > 0:
            cell_list.build(m.grid, st.x[d], st.y[d], count, sc.head, sc.nxt)
        forces.compute(m, st, sc, d, j_nominal)
        temperature = t_ambient + st.rise[d]
        dt = step.choose_dt(m, sc, count, j_nominal, duration - t, max_rate)
        if order == 1:
            step.move(m, st, sc, d, dt, temperature)
        else:
            step.predict(m, st, sc, d, dt, temperature)
            st.work[d] += count
            if len(m.pair_laws) > 0:
                cell_list.build(m.grid, st.x[d], st.y[d], count, sc.head, sc.nxt)
            forces.compute(m, st, sc, d, j_nominal)
            step.correct(m, st, sc, d, dt)
        now = t_start + t + dt
        max_rate = lifecycle.update(m, st, sc, d, j_nominal, bz, temperature, dt, now)
        if j_nominal != 0.0:
            nucleation.nucleate(m, st, sc, d, j_nominal, bz, temperature, dt, now)
        st.rise[d] = heat(m.heating, st.rise[d], j_nominal, dt)
        t += dt
    lifecycle.log_pinning_changes(st, d, sc.start_ids[:start_count], sc.start_pinned[:start_count],
                                  t_start + duration)


stamp_with_sources([advance, new_scratch, advance_range, advance_device] + [
    value for module in (cell_list, edge_field_grid, forces, lifecycle, nucleation, outline, step) for value in vars(module).values()
    if isinstance(value, numba.core.dispatcher.Dispatcher) and value.py_func.__module__ == module.__name__])
