"""The kernel's hooks into the force laws, and the sums over the laws present.

Each hook is a plain stub; every kernel record type registers its own implementation with
`numba.extending.overload` in the file of its law (e.g. `emulator/thiele/sot.py`). The kernel receives the
records of a model as tuples, one per role (`emulator/thiele/term.py`), and the sums below iterate over them
by compile-time recursion over the tuple (one call per record, no loop); every overload here and in the laws'
files is inlined into its caller (inline="always"), so the sums cost no call. Numba therefore compiles one
specialisation of the kernel per combination of laws: a law left out is absent from the machine code, and adding
a law means one new file and no kernel edit. The records are module-level NamedTuple classes, so every
specialisation is cached on disk (cache=True).

Hook signatures (SI units):
- `local_force(rec, x, y, radius, jx, jy, s_int) -> (fx, fy)`: force (N) on a skyrmion at (x, y) (m) of
  radius (m) under local current density (jx, jy) (A/m^2), with SOT profile integral s_int (m);
- `edge_push(rec, radius, distance) -> push`: push (N) along the inward normal of a closed edge at
  centre-to-edge distance (m), for the edge laws of a distance alone;
- `edge_squeeze(rec, distance) -> b`: the equivalent field (T) of the squeeze of a closed edge at centre-to-edge
  distance (m), for the edge laws whose record has a `compression_field`;
- `edge_segment(rec, radius, ax, ay, bx, by) -> (fx, fy)`: force (N) from the closed outline segment
  (ax, ay)-(bx, by) (m, relative to the skyrmion's centre), for the edge laws whose record class sets
  `SEGMENT_LAW = True` (they see the whole segment: corners come out of the geometry). The kernel hands every
  closed segment near the skyrmion to these laws and only the distance to the others;
- `pair_push(rec, rho, radius_i, radius_k) -> (push, b_i, b_k)`: repulsion (N) along the centre line at
  separation rho (m), and the stray fields (T) the pair adds at i and at k;
- `apply_friction(rec, fx, fy) -> (fx, fy, held)`: the net force after a threshold, and whether it holds;
- `relax_rise(rec, rise, j_nominal, dt) -> rise`: temperature rise (K) after dt (s) at nominal density (A/m^2);
- `thermal_force(rec, alpha_d, temperature, dt, rng, d) -> (fx, fy)`: Langevin force (N) over a step.
"""
from numba import types
from numba.extending import overload


def local_force(rec, x, y, radius, jx, jy, s_int):
    """Hook: a one-skyrmion force (N)."""


def edge_push(rec, radius, distance):
    """Hook: an edge push (N)."""


def edge_segment(rec, radius, ax, ay, bx, by):
    """Hook: the force of one closed outline segment (N)."""


def pair_push(rec, rho, radius_i, radius_k):
    """Hook: a pair force (N) and the stray fields at i and k (T)."""


def apply_friction(rec, fx, fy):
    """Hook: the net force after a threshold (N), and whether it holds the skyrmion."""


def relax_rise(rec, rise, j_nominal, dt):
    """Hook: the temperature rise after dt (K)."""


def thermal_force(rec, alpha_d, temperature, dt, rng, d):
    """Hook: the Langevin force over a step (N)."""


def edge_squeeze(rec, distance):
    """Hook: the equivalent field (T) by which the nearest closed edge, at centre distance `distance` (m),
    squeezes a skyrmion, for the edge laws whose record has a `compression_field`."""


def edge_compression(records, distance):
    """The summed `edge_squeeze` (T) of the edge records that have a `compression_field`."""


def has_field(record_type, name) -> bool:
    """True if the numba type `record_type` is a NamedTuple record with a field `name`."""
    return isinstance(record_type, types.BaseNamedTuple) and name in record_type.instance_class._fields


def is_record(record_type, cls) -> bool:
    """True if the numba type `record_type` is the NamedTuple class `cls` (for the overloads of each law)."""
    return isinstance(record_type, types.BaseNamedTuple) and record_type.instance_class is cls


def add_local_forces(records, fx, fy, x, y, radius, jx, jy, s_int):
    """(fx, fy) plus every local force, in order."""


def is_segment_law(record_type) -> bool:
    """True if the numba type `record_type` is a record of an edge law that takes whole segments (hook
    `edge_segment`); decided at compile time."""
    return bool(getattr(getattr(record_type, "instance_class", None), "SEGMENT_LAW", False))


def sum_edge_pushes(records, radius, distance, push=0.0):
    """`push` plus the edge pushes of every edge law of a distance alone, in order (N)."""


def add_edge_segments(records, fx, fy, radius, ax, ay, bx, by):
    """(fx, fy) plus the force of the segment (ax, ay)-(bx, by) under every segment edge law, in order (N)."""


def sum_pair_pushes(records, rho, radius_i, radius_k, push=0.0, b_i=0.0, b_k=0.0):
    """`push`, `b_i`, `b_k` plus the pair forces (N) and stray fields at i and k (T) of every pair law."""


def friction(records, fx, fy):
    """The net force after the friction law, if any; (fx, fy, False) without one."""


def heat(records, rise, j_nominal, dt):
    """The temperature rise after dt under the heating law, if any; 0 without one (K)."""


def add_thermal_force(records, fx, fy, alpha_d, temperature, dt, rng, d):
    """(fx, fy) plus the Langevin force, if the model has one."""


@overload(add_local_forces, inline="always")
def _add_local_forces(records, fx, fy, x, y, radius, jx, jy, s_int):
    if len(records) == 0:
        return lambda records, fx, fy, x, y, radius, jx, jy, s_int: (fx, fy)

    def impl(records, fx, fy, x, y, radius, jx, jy, s_int):
        ax, ay = local_force(records[0], x, y, radius, jx, jy, s_int)
        return add_local_forces(records[1:], fx + ax, fy + ay, x, y, radius, jx, jy, s_int)
    return impl


@overload(sum_edge_pushes, inline="always")
def _sum_edge_pushes(records, radius, distance, push=0.0):
    if len(records) == 0:
        return lambda records, radius, distance, push=0.0: push

    if is_segment_law(records[0]):
        return lambda records, radius, distance, push=0.0: sum_edge_pushes(records[1:], radius, distance, push)

    def impl(records, radius, distance, push=0.0):
        return sum_edge_pushes(records[1:], radius, distance, push + edge_push(records[0], radius, distance))
    return impl


@overload(add_edge_segments, inline="always")
def _add_edge_segments(records, fx, fy, radius, ax, ay, bx, by):
    if len(records) == 0:
        return lambda records, fx, fy, radius, ax, ay, bx, by: (fx, fy)
    if not is_segment_law(records[0]):
        return lambda records, fx, fy, radius, ax, ay, bx, by: add_edge_segments(records[1:], fx, fy, radius,
                                                                                 ax, ay, bx, by)

    def impl(records, fx, fy, radius, ax, ay, bx, by):
        gx, gy = edge_segment(records[0], radius, ax, ay, bx, by)
        return add_edge_segments(records[1:], fx + gx, fy + gy, radius, ax, ay, bx, by)
    return impl


@overload(edge_compression, inline="always")
def _edge_compression(records, distance):
    if len(records) == 0:
        return lambda records, distance: 0.0
    if not has_field(records[0], "compression_field"):
        return lambda records, distance: edge_compression(records[1:], distance)

    def impl(records, distance):
        return edge_squeeze(records[0], distance) + edge_compression(records[1:], distance)
    return impl


@overload(sum_pair_pushes, inline="always")
def _sum_pair_pushes(records, rho, radius_i, radius_k, push=0.0, b_i=0.0, b_k=0.0):
    if len(records) == 0:
        return lambda records, rho, radius_i, radius_k, push=0.0, b_i=0.0, b_k=0.0: (push, b_i, b_k)

    def impl(records, rho, radius_i, radius_k, push=0.0, b_i=0.0, b_k=0.0):
        p, bi, bk = pair_push(records[0], rho, radius_i, radius_k)
        return sum_pair_pushes(records[1:], rho, radius_i, radius_k, push + p, b_i + bi, b_k + bk)
    return impl


@overload(friction, inline="always")
def _friction(records, fx, fy):
    if len(records) == 0:
        return lambda records, fx, fy: (fx, fy, False)
    return lambda records, fx, fy: apply_friction(records[0], fx, fy)


@overload(heat, inline="always")
def _heat(records, rise, j_nominal, dt):
    if len(records) == 0:
        return lambda records, rise, j_nominal, dt: rise
    return lambda records, rise, j_nominal, dt: relax_rise(records[0], rise, j_nominal, dt)


@overload(add_thermal_force, inline="always")
def _add_thermal_force(records, fx, fy, alpha_d, temperature, dt, rng, d):
    if len(records) == 0:
        return lambda records, fx, fy, alpha_d, temperature, dt, rng, d: (fx, fy)

    def impl(records, fx, fy, alpha_d, temperature, dt, rng, d):
        ax, ay = thermal_force(records[0], alpha_d, temperature, dt, rng, d)
        return fx + ax, fy + ay
    return impl
