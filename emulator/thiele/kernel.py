"""The Thiele time-stepping kernel: every device of a batch through one interval of constant drive.

For each skyrmion i the overdamped Thiele equation (physics.md section 1)

    G z x v + alpha D(R) v = F_SOT + F_pair + F_edge + F_wells + F_thermal    (then the depinning threshold)

is solved for v, with G the signed gyrocoupling and alpha D(R) = alpha s_tot t * pi int (th'^2 + sin^2 th/r^2)
r dr from the profile at the skyrmion's current radius:

    vx = (aD Fx + G Fy) / (aD^2 + G^2),   vy = (aD Fy - G Fx) / (aD^2 + G^2),

so a force along +x drives a skyrmion at the Hall angle atan(G / alpha D) off the force. Positions advance by
explicit Euler (Euler-Maruyama with noise) with an adaptive step that bounds the largest displacement. The
radius follows the local field instantly: R_i = R_eq(B_z + B_dip,i), where B_dip,i is the neighbours' stray
field (dipolar films). Pairs within the cutoff are found with a cell list, so the cost is linear in the number
of skyrmions. Nucleation and annihilation are Bernoulli draws from their Arrhenius rates each step; exits,
edge expulsion and collapse end a skyrmion's life; entering and leaving the effective area are logged.

State is structure-of-arrays, shape (devices, capacity), compact per device: the first n[d] slots are alive.
Devices are independent (numba prange), each with its own random stream, so results do not depend on
threading.
"""
import math

import numba
import numpy as np

from emulator.current_flow import interpolate
from emulator.thiele import dipolar, events, exchange_tail, layout, pinning, rates, sot
from emulator.thiele.heating import noise_amplitude, relax_temperature
from emulator.thiele.rng import normal, uniform

FLAG_INSIDE = 1
"""Flag bit: centre inside the effective area."""
FLAG_PINNED = 2
"""Flag bit: held by the depinning threshold at the end of the last step."""
RATE_STEP_FRACTION = 0.02
"""A step is at most this fraction of the fastest annihilation time (dimensionless)."""


@numba.njit(cache=True)
def field_lookup(table, b):
    """Interpolate the field table at b: returns (R_eq, dissipation integral, SOT integral), R_eq <= 0 if none.

    `table` rows: [b0, db, n, 0, ...] in row 0, then rows 1..n of [R_eq, D_int, I].
    """
    b0 = table[0, 0]
    db = table[0, 1]
    n = int(table[0, 2])
    f = (b - b0) / db
    if f < 0.0:
        f = 0.0
    if f >= n - 1:
        return -1.0, 0.0, 0.0
    k = int(f)
    a = f - k
    r0 = table[1 + k, 0]
    r1 = table[2 + k, 0]
    if r0 <= 0.0 or r1 <= 0.0:
        return -1.0, 0.0, 0.0
    return ((1 - a) * r0 + a * r1, (1 - a) * table[1 + k, 1] + a * table[2 + k, 1],
            (1 - a) * table[1 + k, 2] + a * table[2 + k, 2])


@numba.njit(cache=True)
def inside_area(area, x, y):
    """True if (x, y) lies in the effective area ([0, cx, cy, r, 0] circle or [1, x0, y0, x1, y1] box)."""
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
def edge_forces(P, edges, x, y, radius):
    """Sum of edge pushes (N), the smallest distance to a closed (non-exit) edge and to any edge (m)."""
    fx = 0.0
    fy = 0.0
    nearest = 1e30
    nearest_any = 1e30
    h = P[layout.DIPOLE_HEIGHT]
    reach = max(20.0 * h, 12.0 * P[layout.EDGE_XI] + P[layout.EDGE_R0])
    for k in range(edges.shape[0]):
        xa, ya, xb, yb = edges[k, 0], edges[k, 1], edges[k, 2], edges[k, 3]
        ex = xb - xa
        ey = yb - ya
        length2 = ex * ex + ey * ey
        s = ((x - xa) * ex + (y - ya) * ey) / length2
        if edges[k, 6] != 0.0:
            # Exits push nothing; only their distance matters (to know when a crossing is possible).
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
            # Beyond the end vertex: near a reflex corner the boundary is the vertex itself.
            dx = x - xb
            dy = y - yb
            dist = math.sqrt(dx * dx + dy * dy)
            if dist == 0.0 or (dx * edges[k, 4] + dy * edges[k, 5]) < 0.0:
                continue
            nx = dx / dist
            ny = dy / dist
        if dist < nearest:
            nearest = dist
        if abs(dist) < nearest_any:
            nearest_any = abs(dist)
        if dist > reach or dist <= 0.0:
            continue
        push = 0.0
        if P[layout.DIPOLE_EDGE] > 0.0:
            push += dipolar.edge_force(P[layout.DIPOLE_EDGE], radius, dist, h)
        push += exchange_tail.edge_force(P[layout.EDGE_F0], P[layout.EDGE_XI], P[layout.EDGE_R0], dist)
        fx += push * nx
        fy += push * ny
    return fx, fy, nearest, nearest_any


@numba.njit(cache=True)
def log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, t, kind, ident, x, y):
    k = ev_n[d]
    if k < ev_t.shape[1]:
        ev_t[d, k] = t
        ev_kind[d, k] = kind
        ev_id[d, k] = ident
        ev_x[d, k] = x
        ev_y[d, k] = y
    ev_n[d] = k + 1


@numba.njit(cache=True)
def remove(d, i, n, x, y, R, beff, ids, flags, kappa):
    """Drop particle i of device d by moving the last alive one into its slot."""
    last = n[d] - 1
    kappa[d, i] = kappa[d, last]
    x[d, i] = x[d, last]
    y[d, i] = y[d, last]
    R[d, i] = R[d, last]
    beff[d, i] = beff[d, last]
    ids[d, i] = ids[d, last]
    flags[d, i] = flags[d, last]
    n[d] = last


@numba.njit(parallel=True, cache=True)
def advance(P, table, edges, area, cur_x0, cur_y0, cur_step, cur_jx, cur_jy, wells, sites, bounds,
            x, y, R, beff, ids, flags, kappa, n, next_id, rng, rise, work,
            ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n,
            j_nominal, bz, t_ambient, t_start, duration):
    """Advance every device by `duration` (s) at nominal current density j_nominal (A/m^2) and field bz (T)."""
    for d in numba.prange(x.shape[0]):
        _advance_device(d, P, table, edges, area, cur_x0, cur_y0, cur_step, cur_jx, cur_jy, wells, sites,
                        bounds, x, y, R, beff, ids, flags, kappa, n, next_id, rng, rise, work,
                        ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, j_nominal, bz, t_ambient, t_start, duration)


@numba.njit(cache=True)
def _advance_device(d, P, table, edges, area, cur_x0, cur_y0, cur_step, cur_jx, cur_jy, wells, sites, bounds,
                    x, y, R, beff, ids, flags, kappa, n, next_id, rng, rise, work,
                    ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, j_nominal, bz, t_ambient, t_start, duration):
    capacity = x.shape[1]
    fx = np.zeros(capacity)
    fy = np.zeros(capacity)
    bdip = np.zeros(capacity)
    jloc = np.zeros(capacity)
    dint = np.zeros(capacity)
    near = np.zeros(capacity)
    near_any = np.zeros(capacity)
    was_pinned = np.zeros(capacity, dtype=np.bool_)
    fired = np.zeros(sites.shape[0], dtype=np.int64)
    refire_limit = int(P[layout.SITE_REFIRE_LIMIT])
    start_ids = ids[d, :n[d]].copy()
    start_pinned = np.zeros(n[d], dtype=np.bool_)
    for i in range(n[d]):
        start_pinned[i] = (flags[d, i] & FLAG_PINNED) != 0

    cutoff = P[layout.CUTOFF]
    xmin, ymin, xmax, ymax = bounds[0], bounds[1], bounds[2], bounds[3]
    ncx = max(1, int((xmax - xmin) / cutoff) + 1)
    ncy = max(1, int((ymax - ymin) / cutoff) + 1)
    head = np.empty(ncx * ncy, dtype=np.int64)
    nxt = np.empty(capacity, dtype=np.int64)

    gyro = P[layout.GYRO]
    steady = P[layout.TEMPERATURE_RISE] * j_nominal * j_nominal
    max_rate = 0.0  # largest annihilation rate of the last step (1/s): bounds the next step
    t = 0.0
    while t < duration:
        count = n[d]
        work[d] += count  # particle-steps, for the benchmarks
        # --- cell list -------------------------------------------------------------------------------
        head[:] = -1
        for i in range(count):
            cx = min(max(int((x[d, i] - xmin) / cutoff), 0), ncx - 1)
            cy = min(max(int((y[d, i] - ymin) / cutoff), 0), ncy - 1)
            c = cy * ncx + cx
            nxt[i] = head[c]
            head[c] = i
        # --- forces ----------------------------------------------------------------------------------
        for i in range(count):
            fx[i] = 0.0
            fy[i] = 0.0
            bdip[i] = 0.0
        for i in range(count):
            xi = x[d, i]
            yi = y[d, i]
            ux, uy = interpolate(cur_x0, cur_y0, cur_step, cur_jx, cur_jy, xi, yi)
            jx = j_nominal * ux
            jy = j_nominal * uy
            jloc[i] = math.sqrt(jx * jx + jy * jy)
            _, d_int, s_int = field_lookup(table, beff[d, i])
            dint[i] = d_int
            sx, sy = sot.sot_force(P[layout.SOT], jx, jy, s_int)
            fx[i] += sx
            fy[i] += sy
            ex, ey, near[i], near_any[i] = edge_forces(P, edges, xi, yi, R[d, i])
            fx[i] += ex
            fy[i] += ey
            wx, wy = pinning.well_force(wells, xi, yi)
            fx[i] += wx
            fy[i] += wy
            cx = min(max(int((xi - xmin) / cutoff), 0), ncx - 1)
            cy = min(max(int((yi - ymin) / cutoff), 0), ncy - 1)
            for ky in range(max(cy - 1, 0), min(cy + 2, ncy)):
                for kx in range(max(cx - 1, 0), min(cx + 2, ncx)):
                    k = head[ky * ncx + kx]
                    while k >= 0:
                        if k > i:
                            dx = xi - x[d, k]
                            dy = yi - y[d, k]
                            rho = math.sqrt(dx * dx + dy * dy)
                            if 0.0 < rho < cutoff:
                                push = exchange_tail.pair_force(P[layout.TAIL_U0], P[layout.TAIL_XI],
                                                                P[layout.TAIL_R0], rho, R[d, i], R[d, k])
                                if P[layout.DIPOLE_PAIR] > 0.0:
                                    g, dg = dipolar.pair_kernel(max(rho, R[d, i] + R[d, k]),
                                                                P[layout.DIPOLE_HEIGHT])
                                    ri2 = R[d, i] * R[d, i]
                                    rk2 = R[d, k] * R[d, k]
                                    push += P[layout.DIPOLE_PAIR] * ri2 * rk2 * dg
                                    field = P[layout.DIPOLE_PAIR] * P[layout.DIPOLE_FIELD] * g
                                    bdip[i] += field * rk2
                                    bdip[k] += field * ri2
                                fx[i] += push * dx / rho
                                fy[i] += push * dy / rho
                                fx[k] -= push * dx / rho
                                fy[k] -= push * dy / rho
                        k = nxt[k]
        # --- velocities and step ---------------------------------------------------------------------
        temperature = t_ambient + rise[d]
        vmax = 0.0
        for i in range(count):
            ad = P[layout.DISSIPATION] * dint[i]
            gx, gy, pinned = pinning.apply_threshold(fx[i], fy[i], P[layout.DEPINNING])
            den = ad * ad + gyro * gyro
            vx = (ad * gx + gyro * gy) / den
            vy = (ad * gy - gyro * gx) / den
            v = math.sqrt(vx * vx + vy * vy)
            if v > vmax:
                vmax = v
        if j_nominal != 0.0:
            dt = min(P[layout.MAX_STEP], duration - t)
        else:
            # No drive: only relaxation, limited by displacement alone; when every skyrmion is held the
            # state is frozen and one step spans the rest (rates are applied exactly over any dt).
            dt = duration - t
        if vmax > 0.0:
            dt = min(dt, P[layout.MAX_DISPLACEMENT] / vmax)
        if max_rate > 0.0:
            # Rates change as neighbours die (their stray field goes): keep each draw a small probability.
            dt = min(dt, RATE_STEP_FRACTION / max_rate)
        dt = max(dt, 1e-18)
        # --- move ------------------------------------------------------------------------------------
        for i in range(count):
            ad = P[layout.DISSIPATION] * dint[i]
            gx = fx[i]
            gy = fy[i]
            if P[layout.THERMAL_NOISE] > 0.0:
                sigma = noise_amplitude(ad, temperature, dt)
                gx += sigma * normal(rng, d)
                gy += sigma * normal(rng, d)
            gx, gy, pinned = pinning.apply_threshold(gx, gy, P[layout.DEPINNING])
            was_pinned[i] = pinned
            den = ad * ad + gyro * gyro
            x[d, i] += dt * (ad * gx + gyro * gy) / den
            y[d, i] += dt * (ad * gy - gyro * gx) / den
        # --- radius, lives and deaths ----------------------------------------------------------------
        max_rate = 0.0
        i = 0
        while i < n[d]:
            xi = x[d, i]
            yi = y[d, i]
            ident = ids[d, i]
            now = t_start + t + dt
            b_eff = bz + bdip[i]
            r_eq, _, _ = field_lookup(table, b_eff)
            # A crossing is only possible within one step of the outline (distances from before the move).
            if near_any[i] <= 2.0 * P[layout.MAX_DISPLACEMENT] and not inside_polygon(edges, xi, yi):
                kind = events.EXITED if _crossed_exit(edges, xi, yi) else events.EXPELLED_AT_EDGE
                log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, now, kind, ident, xi, yi)
                remove(d, i, n, x, y, R, beff, ids, flags, kappa)
                _carry_scratch(i, n[d], bdip, jloc, was_pinned, near, near_any)
                continue
            if r_eq <= P[layout.MIN_RADIUS]:
                log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, now, events.COLLAPSED, ident, xi, yi)
                remove(d, i, n, x, y, R, beff, ids, flags, kappa)
                _carry_scratch(i, n[d], bdip, jloc, was_pinned, near, near_any)
                continue
            if near[i] < P[layout.EDGE_ANNIHILATION] * r_eq:
                log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, now, events.EXPELLED_AT_EDGE, ident, xi, yi)
                remove(d, i, n, x, y, R, beff, ids, flags, kappa)
                _carry_scratch(i, n[d], bdip, jloc, was_pinned, near, near_any)
                continue
            # SOT on the texture: the polarity -chi j compresses it (lowers the barrier), chi j expands it.
            j_compress = 0.0
            if j_nominal != 0.0:
                j_compress = -P[layout.SOT_CHIRALITY] * math.copysign(jloc[i], j_nominal)
            rate = 0.0
            barrier = kappa[d, i] * rates.annihilation_barrier(
                P[layout.ANNIHILATION_BARRIER], P[layout.ANNIHILATION_FIELD], P[layout.REFERENCE_FIELD],
                P[layout.ANNIHILATION_CURRENT], b_eff, j_compress)
            if temperature > 0.0 or barrier <= 0.0:
                rate = rates.arrhenius_rate(P[layout.ATTEMPT_FREQUENCY], barrier, temperature)
                max_rate = max(max_rate, rate)
            if rate > 0.0 and uniform(rng, d) < -math.expm1(-rate * dt):
                log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, now, events.ANNIHILATED, ident, xi, yi)
                remove(d, i, n, x, y, R, beff, ids, flags, kappa)
                _carry_scratch(i, n[d], bdip, jloc, was_pinned, near, near_any)
                continue
            R[d, i] = r_eq
            beff[d, i] = b_eff
            inside = inside_area(area, xi, yi)
            was_inside = (flags[d, i] & FLAG_INSIDE) != 0
            if inside and not was_inside:
                log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, now, events.ENTERED_AREA, ident, xi, yi)
            elif was_inside and not inside:
                log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, now, events.LEFT_AREA, ident, xi, yi)
            flags[d, i] = (FLAG_INSIDE if inside else 0) | (FLAG_PINNED if was_pinned[i] else 0)
            i += 1
        # --- nucleation ------------------------------------------------------------------------------
        if j_nominal != 0.0:
            for s in range(sites.shape[0]):
                if n[d] >= capacity:
                    break
                if refire_limit > 0 and fired[s] >= refire_limit:
                    continue
                sx = sites[s, 0]
                sy = sites[s, 1]
                blocked = False
                for k in range(n[d]):
                    dx = x[d, k] - sx
                    dy = y[d, k] - sy
                    if dx * dx + dy * dy < sites[s, 5] * sites[s, 5]:
                        blocked = True
                        break
                if blocked:
                    continue
                ux, uy = interpolate(cur_x0, cur_y0, cur_step, cur_jx, cur_jy, sx, sy)
                j_site = j_nominal * math.sqrt(ux * ux + uy * uy)
                barrier = rates.nucleation_barrier(sites[s, 3], P[layout.NUCLEUS_MOMENT], P[layout.REFERENCE_FIELD],
                                                   sites[s, 2], sites[s, 4], bz, j_site)
                if barrier < 0.0:
                    continue
                rate = rates.arrhenius_rate(P[layout.ATTEMPT_FREQUENCY], barrier, temperature)
                if rate > 0.0 and uniform(rng, d) < -math.expm1(-rate * dt):
                    r_eq, _, _ = field_lookup(table, bz)
                    if r_eq <= P[layout.MIN_RADIUS]:
                        continue
                    k = n[d]
                    fired[s] += 1
                    angle = 2.0 * math.pi * uniform(rng, d)
                    offset = 0.1 * sites[s, 5] * uniform(rng, d)
                    x[d, k] = sx + offset * math.cos(angle)
                    y[d, k] = sy + offset * math.sin(angle)
                    R[d, k] = r_eq
                    beff[d, k] = bz
                    kappa[d, k] = math.exp(P[layout.BARRIER_SPREAD] * normal(rng, d))
                    ids[d, k] = next_id[d]
                    next_id[d] += 1
                    inside = inside_area(area, x[d, k], y[d, k])
                    flags[d, k] = FLAG_INSIDE if inside else 0
                    n[d] = k + 1
                    now = t_start + t + dt
                    log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, now, events.NUCLEATED, ids[d, k],
                              x[d, k], y[d, k])
                    if inside:
                        log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, now, events.ENTERED_AREA,
                                  ids[d, k], x[d, k], y[d, k])
        # --- temperature -----------------------------------------------------------------------------
        rise[d] = relax_temperature(rise[d], steady, dt, P[layout.THERMAL_TIME])
        t += dt

    # Pinned / depinned transitions over the interval, for skyrmions alive at both ends.
    end = t_start + duration
    for i in range(n[d]):
        pinned_now = (flags[d, i] & FLAG_PINNED) != 0
        for k in range(start_ids.shape[0]):
            if start_ids[k] == ids[d, i]:
                if pinned_now != start_pinned[k]:
                    kind = events.PINNED if pinned_now else events.DEPINNED
                    log_event(ev_t, ev_kind, ev_id, ev_x, ev_y, ev_n, d, end, kind, ids[d, i], x[d, i], y[d, i])
                break


@numba.njit(cache=True)
def _carry_scratch(i, last, bdip, jloc, was_pinned, near, near_any):
    """Follow `remove`: the per-step scratch values of the moved particle move with it."""
    bdip[i] = bdip[last]
    jloc[i] = jloc[last]
    was_pinned[i] = was_pinned[last]
    near[i] = near[last]
    near_any[i] = near_any[last]


@numba.njit(cache=True)
def _crossed_exit(edges, x, y):
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
