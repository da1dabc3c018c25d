"""Disorder as statistics (emulator/disorder.py): a device's sites and defects are a pure function of its
disorder seed, different seeds give different devices, and over many draws the realisations follow the
preset's distributions (Poisson counts, normal critical currents, positions on the contact edge / in the disc)."""
import math

import numpy as np
import pytest

from emulator.geometry import points_in_polygon
from emulator.presets import GDFECO_DISORDER, GDFECO_PAPER_DEVICE, gdfeco_experiment


def test_same_seed_same_device_and_other_seeds_differ():
    a, b, c = GDFECO_DISORDER.draw(5), GDFECO_DISORDER.draw(5), GDFECO_DISORDER.draw(6)
    assert a == b
    assert a.sites != c.sites


def test_the_papers_device_is_one_draw():
    preset = gdfeco_experiment()
    assert preset.disorder_seed == GDFECO_PAPER_DEVICE
    assert preset.model.nucleation.sites == GDFECO_DISORDER.draw(GDFECO_PAPER_DEVICE).sites


def test_draws_follow_the_distributions():
    draws = [GDFECO_DISORDER.draw(seed) for seed in range(400)]
    contact = np.array([len(d.contact_sites) for d in draws])
    defects = np.array([len(d.defect_sites) for d in draws])
    mean_contact = GDFECO_DISORDER.site_line_density * GDFECO_DISORDER.edge_length
    mean_defects = GDFECO_DISORDER.defect_density * GDFECO_DISORDER.defect_region.area
    # Poisson: mean = variance; 400 draws put the sample mean within ~4 standard errors
    assert contact.mean() == pytest.approx(mean_contact, abs=4 * math.sqrt(mean_contact / 400))
    assert defects.mean() == pytest.approx(mean_defects, abs=4 * math.sqrt(mean_defects / 400))
    assert contact.var() == pytest.approx(mean_contact, rel=0.3)
    jc = np.array([s.critical_current for d in draws for s in d.contact_sites])
    assert jc.mean() == pytest.approx(GDFECO_DISORDER.site_current_mean, rel=0.02)
    assert jc.std() == pytest.approx(GDFECO_DISORDER.site_current_std, rel=0.05)
    region = GDFECO_DISORDER.defect_region
    contact = gdfeco_experiment().model.geometry.electrodes[0].polygon
    for d in draws[:50]:
        for s in d.defect_sites:
            assert math.hypot(s.x - region.cx, s.y - region.cy) <= region.radius
        for s in d.contact_sites:   # in the film in front of the contact (not under it), near its tip
            assert not points_in_polygon(contact, np.array([s.x]), np.array([s.y]))[0]
            reach = GDFECO_DISORDER.edge_reach + GDFECO_DISORDER.site_offset[1]
            assert math.hypot(s.x - GDFECO_DISORDER.tip[0], s.y - GDFECO_DISORDER.tip[1]) <= reach


def test_with_disorder_redraws_only_the_disorder():
    base = gdfeco_experiment()
    other = base.with_disorder(7)
    assert other.disorder_seed == 7
    assert other.model.nucleation.sites == GDFECO_DISORDER.draw(7).sites
    from emulator.thiele.pinning import Pinning

    assert other.model.forces.get(Pinning).wells == GDFECO_DISORDER.draw(7).wells
    assert other.model.current_map is base.model.current_map       # the solved flow is shared
    assert other.model.table is base.model.table
    assert base.with_disorder(GDFECO_PAPER_DEVICE).model.nucleation.sites == base.model.nucleation.sites
