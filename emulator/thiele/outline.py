"""The device outline as the kernel sees it: inside tests, distances to the edges, and the edge-force pass.

`edges` rows are [x0, y0, x1, y1, nx, ny, is_exit, ex, ey, length^2] with (nx, ny) the inward unit normal
(Geometry.edge_arrays) and (ex, ey) = (x1 - x0, y1 - y0) (`with_segment_vectors`); `area` is the effective
area, [0, cx, cy, r, 0] (circle) or [1, x0, y0, x1, y1] (box).
"""
import math

import numba
import numpy as np

from emulator.thiele.hooks import sum_edge_pushes


def with_segment_vectors(edges: np.ndarray) -> np.ndarray:
    """Geometry.edge_arrays rows extended by ex, ey and ex^2 + ey^2 (the same floating-point operations as
    computing them in the kernel, done once)."""
    ex = edges[:, 2] - edges[:, 0]
    ey = edges[:, 3] - edges[:, 1]
    return np.ascontiguousarray(np.column_stack([edges, ex, ey, ex * ex + ey * ey]))


@numba.njit(cache=True)
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


@numba.njit(cache=True)
def edge_pass(edge_records, reach, edges, x, y, radius):
    """One pass over the outline: the summed push of every edge law (N), the signed distance to the nearest
    closed edge and the distance to any edge, exits included (m).

    Closed edges push along their inward normal when 0 < d <= reach; exits push nothing. Beyond a segment's
    end vertex the boundary is the vertex itself (a reflex corner), pushing along the vertex-to-centre line.
    """
    fx = 0.0
    fy = 0.0
    nearest = 1e30
    nearest_any = 1e30
    for k in range(edges.shape[0]):
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
