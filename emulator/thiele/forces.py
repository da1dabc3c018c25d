"""Forces stage: the net deterministic force on every skyrmion of one device, and its stray field.

For skyrmion i, in the order the laws were composed: the local laws (SOT drive, pinning wells) at its position, the
edge laws summed in one pass over the outline (placed where the first edge law stands, so one geometry computation
per segment serves every edge law; where the model tabulates them, read from the table instead and the pass only
measures the distances: `edge`, emulator/thiele/edge_field_grid.py), and the pair laws over the neighbours within
the cutoff, found with the cell list (each pair once, Newton's third law for the partner). The local current
density j_nominal * u(x, y) comes from the solved current map, the profile integrals from the field table at the
skyrmion's last local field.
"""
import math

import numba

from emulator.current_flow import interpolate
from emulator.thiele.cell_list import cell_of
from emulator.thiele.edge_field_grid import edge_field
from emulator.thiele.field_table import field_lookup
from emulator.thiele.hooks import add_local_forces, edge_compression, sum_pair_pushes
from emulator.thiele.outline import edge_pass, segments_near


@numba.njit(cache=True, inline="always")
def edge(m, x, y, radius):
    """The summed force of the edge laws (N) on a skyrmion at (x, y) (m) of `radius` (m), the signed distance to
    the nearest closed edge and the distance to any edge (m) (outline.edge_pass). Where the model's table serves
    (x, y) (edge_field_grid.lookup), the force comes from it and a pass without laws (no force work) measures the
    distances over the segments within the lifecycle's guard of a fine cell (KernelModel.distance_grid; none in
    the film's bulk): the same arithmetic per segment, so every distance the lifecycle compares is the same, bit
    for bit. Elsewhere the pass sums the laws per segment over those within their reach."""
    served, fx, fy = edge_field(m.edge_grid, x, y)
    if served:
        start, stop = segments_near(m.distance_grid, m.distance_first, m.distance_index, x, y)
        _, _, near, near_any = edge_pass((), 0.0, m.edges, m.distance_index, start, stop, x, y, radius)
        return fx, fy, near, near_any
    start, stop = segments_near(m.grid, m.edge_first, m.edge_index, x, y)
    return edge_pass(m.edge_laws, m.reach, m.edges, m.edge_index, start, stop, x, y, radius)


@numba.njit(cache=True, inline="always")
def compute(m, st, sc, d, j_nominal):
    """Fill sc.fx, sc.fy, sc.b_dip, sc.j_local, sc.d_int, sc.near, sc.near_any for device d (the cell list
    in sc.head / sc.nxt must be current when the model has pair laws)."""
    count = st.n[d]
    x = st.x[d]
    y = st.y[d]
    radius = st.radius[d]
    b_eff = st.b_eff[d]
    fx = sc.fx
    fy = sc.fy
    b_dip = sc.b_dip
    j_local = sc.j_local
    dissipation = sc.d_int
    near = sc.near
    near_any = sc.near_any
    head = sc.head
    nxt = sc.nxt
    grid = m.grid
    table = m.table
    cx0, cy0, cstep, cjx, cjy = m.current_x0, m.current_y0, m.current_step, m.current_jx, m.current_jy
    for i in range(count):
        fx[i] = 0.0
        fy[i] = 0.0
        b_dip[i] = 0.0
    for i in range(count):
        xi = x[i]
        yi = y[i]
        jx = 0.0
        jy = 0.0
        if j_nominal != 0.0:
            ux, uy = interpolate(cx0, cy0, cstep, cjx, cjy, xi, yi)
            jx = j_nominal * ux
            jy = j_nominal * uy
        j_local[i] = math.sqrt(jx * jx + jy * jy)
        _, d_int, s_int = field_lookup(table, b_eff[i])
        dissipation[i] = d_int
        gx, gy = add_local_forces(m.local_before, fx[i], fy[i], xi, yi, radius[i], jx, jy, s_int)
        ex, ey, near[i], near_any[i] = edge(m, xi, yi, radius[i])
        b_dip[i] += edge_compression(m.edge_laws, near[i])
        gx += ex
        gy += ey
        fx[i], fy[i] = add_local_forces(m.local_after, gx, gy, xi, yi, radius[i], jx, jy, s_int)
        if len(m.pair_laws) == 0:
            continue
        cx, cy = cell_of(grid, xi, yi)
        for ky in range(max(cy - 1, 0), min(cy + 2, grid.ny)):
            for kx in range(max(cx - 1, 0), min(cx + 2, grid.nx)):
                k = head[ky * grid.nx + kx]
                while k >= 0:
                    if k > i:
                        dx = xi - x[k]
                        dy = yi - y[k]
                        rho = math.sqrt(dx * dx + dy * dy)
                        if 0.0 < rho < grid.size:
                            push, b_i, b_k = sum_pair_pushes(m.pair_laws, rho, radius[i], radius[k])
                            b_dip[i] += b_i
                            b_dip[k] += b_k
                            fx[i] += push * dx / rho
                            fy[i] += push * dy / rho
                            fx[k] -= push * dx / rho
                            fy[k] -= push * dy / rho
                    k = nxt[k]
