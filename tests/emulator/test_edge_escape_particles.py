"""The LLG's close-edge physics in the particle model: the edge law's inner term (the push levels off next to the
edge), the escape gap (expulsion) and the squeeze of neighbours and edges (an equivalent field), each read from
the bundled calibration."""
import json
import math

import numpy as np
import pytest

from emulator.chamber_preset import CHAMBER_CALIBRATION, chamber_150nm
from emulator.llg.calibration.compression import equivalent_field, fit_compression
from emulator.thiele.calibration import load_calibration
from emulator.thiele.engine import ThieleEngine
from emulator.llg.calibration.interactions import edge_law, fit_edge_law
from emulator.thiele.exchange_tail import ExchangeRepulsion, edge_force
from skybench.errors import DataError

NM = 1e-9
BZ = 0.2


@pytest.fixture(scope="module")
def calibration():
    return load_calibration(CHAMBER_CALIBRATION)


@pytest.fixture(scope="module")
def model():
    m = chamber_150nm().model
    import dataclasses

    return dataclasses.replace(m, nucleation=dataclasses.replace(m.nucleation, sites=()))


def test_bundled_calibration_carries_the_close_edge_laws(calibration):
    """The escape gap lies inside the LLG bracket; the peak pushes measured next to the edge are below what the
    outer exponential alone gives there (the reason for the inner term) and within 10 % of the fitted law's
    maximum; the squeeze fields are positive and decay over a few nm."""
    with open(CHAMBER_CALIBRATION) as f:
        block = json.load(f)["edge_escape"]
    assert block["start_gap_escaped_m"] < calibration.edge_escape_gap < block["start_gap_lived_m"]
    assert 3 * NM < calibration.edge_escape_gap < 5 * NM
    for run in block["runs"]:
        if run["start_gap_m"] <= block["start_gap_escaped_m"]:
            assert run["escaped"]
        if run["start_gap_m"] >= block["start_gap_lived_m"]:
            assert not run["escaped"]
    forces = [r["force_N"] for r in block["peak_force_runs"]]
    assert max(forces) / min(forces) < 1.15
    for r in block["peak_force_runs"]:
        assert r["force_N"] < 0.8 * edge_force(calibration.edge_F0, calibration.edge_xi, calibration.edge_R0,
                                               r["distance_m"])
    u = np.linspace(0.0, 15 * NM, 3001)
    law = edge_law(u, calibration.edge_F0, calibration.edge_xi, calibration.edge_F1)
    assert law.max() == pytest.approx(block["peak_force_N"], rel=0.10)
    assert 9 * NM < calibration.edge_R0 + u[law.argmax()] < 14 * NM
    for field, length in (calibration.pair_compression, calibration.edge_compression):
        assert 0.05 < field < 3.0 and 2 * NM < length < 12 * NM


def test_preset_takes_every_close_edge_law_from_the_calibration(model, calibration):
    law = model.forces.get(ExchangeRepulsion)
    assert (law.edge_F0, law.edge_xi, law.edge_F1) == (calibration.edge_F0, calibration.edge_xi,
                                                       calibration.edge_F1)
    assert law.edge_F1 > 0
    assert law.pair_compression == calibration.pair_compression
    assert law.edge_compression == calibration.edge_compression
    assert model.annihilation.edge_escape_gap == calibration.edge_escape_gap
    assert model.annihilation.edge_expulsion == 0.0
    assert model.geometry.exits == ()


def _engine(model, x, y):
    engine = ThieleEngine(model, devices=1, seed=0, threads=1)
    (ident,) = engine.place(x, y, BZ)
    return engine, ident


@pytest.mark.parametrize("gap_nm, escapes", [(3.0, True), (3.9, True), (5.0, False), (7.0, False)])
def test_a_rim_inside_the_escape_gap_leaves_through_the_edge(model, calibration, gap_nm, escapes):
    """A skyrmion placed next to the bottom wall (y = 0) with its rim `gap` from it, no current: inside the
    LLG's escape gap (4.03 nm) it is expelled at once, outside it the wall pushes it away. The gap is measured
    from the free radius (5.06 nm at 0.2 T), as in the LLG bisection, not from the radius the wall squeezes."""
    radius = model.table.at(BZ)[0]
    engine, ident = _engine(model, 75 * NM, radius + gap_nm * NM)
    engine.advance(0.0, BZ, 0.05e-9)
    alive = ident in engine.skyrmions().ids
    assert alive is not escapes
    if escapes:
        assert any(e[1] == "expelled_at_edge" for e in engine.events())


def test_edge_squeezes_a_skyrmion_as_its_equivalent_field_says(model, calibration):
    """12 nm from the bottom wall the radius is that of the field table at B + b(d), b from the calibration's
    edge squeeze; far from every edge and skyrmion it is the table's radius at B."""
    field, length = calibration.edge_compression
    engine, _ = _engine(model, 75 * NM, 12 * NM)
    engine.advance(0.0, BZ, 1e-13)
    near = engine.skyrmions()
    d = float(near.y[0])
    expected = model.table.at(BZ + field * math.exp(-(d - calibration.edge_R0) / length))[0]
    assert float(near.radius[0]) == pytest.approx(expected, rel=0.02)
    assert float(near.radius[0]) < 0.95 * model.table.at(BZ)[0]
    engine, _ = _engine(model, 75 * NM, 75 * NM)
    engine.advance(0.0, BZ, 1e-13)
    assert float(engine.skyrmions().radius[0]) == pytest.approx(model.table.at(BZ)[0], rel=1e-3)


def test_a_neighbour_squeezes_both_skyrmions(model, calibration):
    field, length = calibration.pair_compression
    engine = ThieleEngine(model, devices=1, seed=0, threads=1)
    engine.place(65 * NM, 75 * NM, BZ)
    engine.place(85 * NM, 75 * NM, BZ)
    engine.advance(0.0, BZ, 1e-13)
    sk = engine.skyrmions()
    rho = math.hypot(sk.x[1] - sk.x[0], sk.y[1] - sk.y[0])
    expected = model.table.at(BZ + field * math.exp(-(rho - 2 * calibration.pair_R0) / length))[0]
    assert sk.radius[0] == pytest.approx(expected, rel=0.02) and sk.radius[1] == pytest.approx(expected, rel=0.02)
    assert sk.radius[0] < 0.95 * model.table.at(BZ)[0]


def test_the_squeeze_fit_recovers_a_known_law():
    fields = np.array([0.1, 0.15, 0.2, 0.25, 0.3, 0.4])
    radii = 7e-9 - 10e-9 * fields                     # a made-up, monotonic R(B)
    x = np.linspace(12e-9, 25e-9, 30)
    b = 0.4 * np.exp(-(x - 5e-9) / 6e-9)
    radius = 7e-9 - 10e-9 * (0.2 + b)
    fit = fit_compression(x, radius, fields, radii, 0.2, 5e-9)
    assert fit.field == pytest.approx(0.4, rel=1e-6) and fit.length == pytest.approx(6e-9, rel=1e-6)
    assert np.isnan(equivalent_field(np.array([1e-9]), fields, radii)[0])


def test_the_edge_law_fit_recovers_a_known_law():
    u = np.linspace(5e-9, 22e-9, 60)
    F0, xi, F1 = fit_edge_law(u, edge_law(u, 9e-12, 4.8e-9, 1.9e-11))
    assert (F0, xi, F1) == (pytest.approx(9e-12, rel=1e-4), pytest.approx(4.8e-9, rel=1e-4),
                            pytest.approx(1.9e-11, rel=1e-4))
    F0, xi, F1 = fit_edge_law(u, edge_law(u, 6e-12, 5.2e-9, 0.0))
    assert F0 == pytest.approx(6e-12, rel=1e-3) and F1 < 1e-3 * F0


@pytest.mark.parametrize("block, key, value, message", [
    ("edge_escape", "gap_m", -1e-9, "must be positive"),
    ("edge_escape", "gap_m", "x", "not a finite number"),
    ("edge", "F1_N", -1e-12, "must be >= 0"),
    ("edge", "compression_field_T", -0.1, "must be >= 0"),
])
def test_a_bad_close_edge_entry_is_refused(tmp_path, block, key, value, message):
    with open(CHAMBER_CALIBRATION) as f:
        document = json.load(f)
    document[block][key] = value
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(document))
    with pytest.raises(DataError, match=message):
        load_calibration(path)


def test_a_calibration_without_the_close_edge_blocks_leaves_them_out(tmp_path):
    with open(CHAMBER_CALIBRATION) as f:
        document = json.load(f)
    del document["edge_escape"]
    del document["edge"]["F1_N"]
    for name in ("pair", "edge"):
        document[name] = {k: v for k, v in document[name].items() if not k.startswith("compression")}
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(document))
    calibration = load_calibration(path)
    assert calibration.edge_escape_gap is None and calibration.edge_F1 == 0.0
    assert calibration.pair_compression[0] == 0.0 and calibration.edge_compression[0] == 0.0


def test_a_squeeze_that_cannot_be_fitted_is_left_out():
    """A radius-versus-field curve of two fields leaves too few samples inside its range: no fit, no crash."""
    from emulator.llg.calibration.compression import fit_document

    with open(CHAMBER_CALIBRATION) as f:
        document = json.load(f)
    document["radius_vs_field"] = [row for row in document["radius_vs_field"] if row["Bz_T"] in (0.2, 0.3)]
    fits = fit_document(document)
    assert "edge" not in fits or fits["edge"].samples >= 3
    with pytest.raises(ValueError, match="nothing to fit"):
        fit_compression([1e-8, 2e-8], [4e-9, 4.5e-9], [0.1, 0.2], [5e-9, 4e-9], 0.2, 5e-9)
