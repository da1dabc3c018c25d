"""The edge pass over the segments near a skyrmion's cell gives what the pass over the whole outline gives."""
import numpy as np
import pytest

from emulator.presets import chamber_150nm
from emulator.thiele.outline import edge_pass, segment_box_distance, segments_near


def test_segment_box_distance():
    """Hand-computed: a segment crossing the box, one 3 m to its right, one 5 m off a corner (3-4-5)."""
    box = (0.0, 0.0, 1.0, 1.0)
    assert segment_box_distance(-1.0, 0.5, 2.0, 0.5, box) == 0.0
    assert segment_box_distance(4.0, -1.0, 4.0, 2.0, box) == pytest.approx(3.0)
    assert segment_box_distance(4.0, 5.0, 10.0, 5.0, box) == pytest.approx(5.0)


def test_culled_pass_equals_the_full_pass():
    """Chamber outline, 20,000 points in the film (where the forces stage sees every skyrmion: the lifecycle
    removes one that left): the force is bit-identical, and the distances the lifecycle compares (crossing
    2 max_displacement, the expulsion distance) compare alike (a skipped segment lies beyond both)."""
    model = chamber_150nm().model
    km = model.kernel_model()
    everything = np.arange(km.edges.shape[0], dtype=np.int64)
    rng = np.random.default_rng(4)
    xmin, ymin, xmax, ymax = model.geometry.bounds
    radius = model.table.at(0.2)[0]
    limits = (2 * model.step.max_displacement, model.annihilation.expulsion_distance(np.max(model.table.radius)))
    skipped = 0
    x, y = rng.uniform(xmin, xmax, 40000), rng.uniform(ymin, ymax, 40000)
    inside = model.geometry.contains(x, y)
    points = list(zip(x[inside], y[inside]))[:20000]
    assert len(points) == 20000
    for x, y in points:
        start, stop = segments_near(km.grid, km.edge_first, km.edge_index, x, y)
        skipped += km.edges.shape[0] - (stop - start)
        culled = edge_pass(km.edge_laws, km.reach, km.edges, km.edge_index, start, stop, x, y, radius)
        full = edge_pass(km.edge_laws, km.reach, km.edges, everything, 0, len(everything), x, y, radius)
        assert culled[:2] == full[:2]
        for limit in limits:
            assert (culled[2] < limit) == (full[2] < limit)
            assert (culled[3] <= limit) == (full[3] <= limit)
    assert skipped > 0.4 * 20000 * km.edges.shape[0]   # the culling does skip most segments
