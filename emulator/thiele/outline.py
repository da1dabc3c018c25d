"""The device outline as the kernel sees it: inside tests, distances to the edges, and the edge-force pass.

`edges` rows are [x0, y0, x1, y1, nx, ny, is_exit, ex, ey, length^2] with (nx, ny) the inward unit normal
(Geometry.edge_arrays) and (ex, ey) = (x1 - x0, y1 - y0) (`with_segment_vectors`); `area` is the effective
area, [0, cx, cy, r, 0] (circle) or [1, x0, y0, x1, y1] (box).

The edge pass visits, for a skyrmion in a cell of the cell list, only the segments within a guard distance of
that cell (`segments_by_cell`): a segment farther than the edge laws' reach pushes nothing, and one farther than
every distance the lifecycle compares (a crossing within a step, the expulsion distance) cannot change a
comparison, so skipping it changes no result (the sums keep the segment order: bit-identical). A skyrmion off
the cell grid visits every segment. Where the edge force comes from a table (emulator/thiele/edge_field_grid.py),
the pass runs without laws (`edge_pass` with no records does no force work) over the lists of finer cells,
within the lifecycle's guard alone (forces.edge).
"""
import math

import numba
import numpy as np

from emulator.thiele.hooks import add_edge_segments, sum_edge_pushes


def with_segment_vectors(edges: np.ndarray) -> np.ndarray:
    """Geometry.edge_arrays rows extended by ex, ey and ex^2 + ey^2 (the same floating-point operations as
    computing them in the kernel, done once)."""
    ex = edges[:, 2] - edges[:, 0]
    ey = edges[:, 3] - edges[:, 1]
    return np.ascontiguousarray(np.column_stack([edges, ex, ey, ex * ex + ey * ey]))


def segment_box_distance(xa: float, ya: float, xb: float, yb: float, box: tuple) -> float:
    """Euclidean distance (m) between segment (xa, ya)-(xb, yb) and the rectangle box = (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    t0, t1 = 0.0, 1.0   # Liang-Barsky clip: the segment meets the box when a parameter interval survives
    dx, dy = xb - xa, yb - ya
    for p, q in ((-dx, xa - x0), (dx, x1 - xa), (-dy, ya - y0), (dy, y1 - ya)):
        if p == 0.0:
            if q < 0.0:
                t0, t1 = 1.0, 0.0
        elif p < 0.0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    if t0 <= t1:
        return 0.0
    ends = [math.hypot(max(x0 - x, 0.0, x - x1), max(y0 - y, 0.0, y - y1)) for x, y in ((xa, ya), (xb, yb))]
    length2 = dx * dx + dy * dy
    corners = []
    for cx, cy in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        t = min(max(((cx - xa) * dx + (cy - ya) * dy) / length2, 0.0), 1.0) if length2 > 0 else 0.0
        corners.append(math.hypot(xa + t * dx - cx, ya + t * dy - cy))
    return min(ends + corners)


def segments_by_cell(edges: np.ndarray, grid, guard: float) -> tuple[np.ndarray, np.ndarray]:
    """For each cell c of `grid` (emulator/thiele/cell_list.py), the outline segments within `guard` (m) of it, in
    ascending order: indices index[first[c]:first[c + 1]]; the entry after the last cell lists every segment."""
    cells = []
    for c in range(grid.nx * grid.ny):
        cy, cx = divmod(c, grid.nx)
        box = (grid.x0 + cx * grid.size, grid.y0 + cy * grid.size,
               grid.x0 + (cx + 1) * grid.size, grid.y0 + (cy + 1) * grid.size)
        cells.append([k for k in range(edges.shape[0]) if segment_box_distance(*edges[k, :4], box) <= guard])
    cells.append(list(range(edges.shape[0])))
    first = np.cumsum([0] + [len(c) for c in cells]).astype(np.int64)
    index = np.array([k for c in cells for k in c], dtype=np.int64)
    return first, index


@numba.njit(cache=True, inline="always")
def segments_near(grid, first, index, x, y):
    """(start, stop) in `index` of the segments to visit for a skyrmion at (x, y) (segments_by_cell)."""
    fx = (x - grid.x0) / grid.size
    fy = (y - grid.y0) / grid.size
    c = grid.nx * grid.ny
    if 0.0 <= fx < grid.nx and 0.0 <= fy < grid.ny:
        c = int(fy) * grid.nx + int(fx)
    return first[c], first[c + 1]


@numba.njit(cache=True, inline="always")
def inside_area(area, x, y):
    """True if (x, y) lies in the effective area."""
    if area[0] == 0.0:
        dx = x - area[1]
        dy = y - area[2]
        return dx * dx + dy * dy <= area[3] * area[3]
    return area[1] <= x <= area[3] and area[2] <= y <= area[4]


@numba.njit(cache=True)
def inside_polygon(edges, x, y):
    """Crossing-number test against the outline segments."""
    inside = False
    for k in range(edges.shape[0]):
        xa, ya, xb, yb = edges[k, 0], edges[k, 1], edges[k, 2], edges[k, 3]
        if (ya > y) != (yb > y):
            xc = xa + (y - ya) * (xb - xa) / (yb - ya)
            if x < xc:
                inside = not inside
    return inside


@numba.njit(cache=True)
def crossed_exit(edges, x, y):
    """True if the nearest outline segment to (x, y) is an exit."""
    best = 1e30
    exit_flag = False
    for k in range(edges.shape[0]):
        xa, ya, xb, yb = edges[k, 0], edges[k, 1], edges[k, 2], edges[k, 3]
        ex = xb - xa
        ey = yb - ya
        s = ((x - xa) * ex + (y - ya) * ey) / (ex * ex + ey * ey)
        s = min(max(s, 0.0), 1.0)
        px = xa + s * ex - x
        py = ya + s * ey - y
        dist = px * px + py * py
        if dist < best:
            best = dist
            exit_flag = edges[k, 6] != 0.0
    return exit_flag


@numba.njit(cache=True, inline="always")
def edge_pass(edge_records, reach, edges, visit, start, stop, x, y, radius):
    """One pass over the outline segments visit[start:stop] (segments_near): the summed force of every edge law
    (N), the signed distance to the nearest closed edge and the distance to any edge, exits included (m).

    Exits push nothing. An edge law of a distance alone (hook `edge_push`, e.g. the 'straight' exchange law)
    pushes along a closed segment's inward normal when 0 < d <= reach; beyond the segment's end vertex the
    boundary is the vertex itself (a reflex corner), pushing along the vertex-to-centre line. An edge law of
    whole segments (hook `edge_segment`, e.g. 'tail_integral') gets every closed segment in the skyrmion's
    frame and applies its own cut-off. The distances are the same for every law.
    """
    fx = 0.0
    fy = 0.0
    nearest = 1e30
    nearest_any = 1e30
    for v in range(start, stop):
        k = visit[v]
        xa = edges[k, 0]
        ya = edges[k, 1]
        ex = edges[k, 7]
        ey = edges[k, 8]
        s = ((x - xa) * ex + (y - ya) * ey) / edges[k, 9]
        if edges[k, 6] != 0.0:
            sc = min(max(s, 0.0), 1.0)
            px = xa + sc * ex - x
            py = ya + sc * ey - y
            nearest_any = min(nearest_any, math.sqrt(px * px + py * py))
            continue
        fx, fy = add_edge_segments(edge_records, fx, fy, radius, xa - x, ya - y, edges[k, 2] - x, edges[k, 3] - y)
        if s <= 0.0:
            continue  # the start vertex is the previous segment's end vertex: counted there
        if s < 1.0:
            dist = (x - xa) * edges[k, 4] + (y - ya) * edges[k, 5]
            nx = edges[k, 4]
            ny = edges[k, 5]
        else:
            dx = x - edges[k, 2]
            dy = y - edges[k, 3]
            if (dx * edges[k, 4] + dy * edges[k, 5]) < 0.0:
                continue
            dist = math.sqrt(dx * dx + dy * dy)
            if dist == 0.0:
                continue
            nx = dx / dist
            ny = dy / dist
        if dist < nearest:
            nearest = dist
        if abs(dist) < nearest_any:
            nearest_any = abs(dist)
        if dist > reach or dist <= 0.0:
            continue
        push = sum_edge_pushes(edge_records, radius, dist)
        fx += push * nx
        fy += push * ny
    return fx, fy, nearest, nearest_any
