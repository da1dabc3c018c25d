"""CMOS technology node: transistor and wire parameters from which every periphery number is derived.

A `Technology` holds SI floats (one unit and meaning per field). It turns a transistor width into gate and
drain capacitance, on-resistance, footprint and leakage, and a wire length into resistance and capacitance.

Equations (each re-derived here, not copied):
- gate / drain capacitance: C = c' W, with c' per metre of transistor width.
- on-resistance of a switch with its gate at V_g:  R = (V_dd / (I_on W)) (V_dd - V_th) / (V_g - V_th),
  the linear-region resistance scaled by the gate overdrive (square-law inversion charge ~ V_g - V_th).
- leakage of one logic transistor: P = f_off I_off W V_dd, f_off the fraction off with V_dd across; an off
  pass switch blocking V leaks P = I_off W V.
- footprint: A = (W + 2F)(4F) alpha_w: a gate plus source/drain contacts is 4F long, the diffusion is W plus
  a 2F well spacing wide; alpha_w = 1.44 is the wiring-area factor of DNN+NeuroSim V1.4 (nn_chip.md sec. 2).
- wire resistance per length: r = rho_eff / (W_w * AR W_w), with the barrier-corrected resistivity
  rho_eff = rho / (1 - (2 AR W_w + W_w) t_b / (AR W_w^2))  (copper cross-section lost to the barrier,
  nn_chip.md sec. 2, DNN+NeuroSim V1.4 32 nm wire values).
- Elmore delay of a driver R_d into a distributed wire (R_w, C_w) and a lumped load C_L:
  t = 0.69 R_d (C_w + C_L) + 0.38 R_w C_w + 0.69 R_w C_L  (Rabaey, Digital Integrated Circuits, ch. 4).
"""
from __future__ import annotations

import dataclasses
import math

from skybench.errors import ParameterError, check_positive, check_range

ELMORE_LUMPED = 0.69
"""ln 2: 50 % delay factor of a lumped RC (dimensionless)."""
ELMORE_DISTRIBUTED = 0.38
"""50 % delay factor of a distributed RC line (dimensionless)."""
GATE_CONTACT_PITCH_F = 4.0
"""Length of one transistor along the diffusion (gate + contact + spacing) in units of F."""
WELL_SPACING_F = 2.0
"""Spacing added to the diffusion width of a transistor footprint, in units of F."""


@dataclasses.dataclass(frozen=True)
class Technology:
    """A bulk CMOS node with its back-end wires (all SI units)."""

    name: str
    """Short name used in reports."""
    F: float = dataclasses.field(metadata={"unit": "m"})
    """Feature size (m): the F of cell dimensions such as 5F x 23F."""
    vdd: float = dataclasses.field(metadata={"unit": "V"})
    """Logic supply voltage (V); lines driven above it need a level shifter."""
    v_th: float = dataclasses.field(metadata={"unit": "V"})
    """NMOS threshold voltage (V)."""
    min_width_F: float = dataclasses.field(metadata={"unit": ""})
    """Minimum transistor width in units of F (dimensionless)."""
    gate_capacitance: float = dataclasses.field(metadata={"unit": "F/m"})
    """Gate capacitance per metre of transistor width, including overlap and fringe (F/m)."""
    drain_capacitance: float = dataclasses.field(metadata={"unit": "F/m"})
    """Drain junction capacitance per metre of transistor width (F/m)."""
    on_current: float = dataclasses.field(metadata={"unit": "A/m"})
    """NMOS saturation current per metre of width at V_gs = V_ds = V_dd (A/m)."""
    off_current: float = dataclasses.field(metadata={"unit": "A/m"})
    """Sub-threshold leakage current per metre of width at V_gs = 0, V_ds = V_dd (A/m)."""
    off_state_fraction: float = dataclasses.field(metadata={"unit": ""})
    """Fraction of logic transistors that are off with V_dd across them at any time (dimensionless)."""
    wiring_area_factor: float = dataclasses.field(metadata={"unit": ""})
    """Multiplier on transistor footprints for local routing (dimensionless)."""
    wire_width: float = dataclasses.field(metadata={"unit": "m"})
    """Width of a local metal wire (m)."""
    wire_aspect_ratio: float = dataclasses.field(metadata={"unit": ""})
    """Wire thickness over width (dimensionless)."""
    wire_barrier: float = dataclasses.field(metadata={"unit": "m"})
    """Diffusion-barrier thickness lining the copper (m)."""
    wire_resistivity: float = dataclasses.field(metadata={"unit": "ohm*m"})
    """Copper resistivity at this line width, before the barrier correction (Ohm m)."""
    wire_capacitance: float = dataclasses.field(metadata={"unit": "F/m"})
    """Wire capacitance per metre of length (F/m)."""
    mom_capacitance_density: float = dataclasses.field(metadata={"unit": "F/m^2"})
    """Capacitance per area of a metal-oxide-metal capacitor, for ADC capacitor arrays (F/m^2)."""
    sram_cell_area_F2: float = dataclasses.field(metadata={"unit": ""})
    """Area of one 6T SRAM bit cell in units of F^2 (dimensionless)."""
    source: str = ""
    """Where the numbers come from."""

    def __post_init__(self):
        check_positive("F", self.F, "m")
        check_positive("vdd", self.vdd, "V")
        check_range("v_th", self.v_th, 0.0, self.vdd, "V", low_inclusive=False, high_inclusive=False)
        check_range("min_width_F", self.min_width_F, 1.0, None, "F")
        check_positive("gate_capacitance", self.gate_capacitance, "F/m")
        check_range("drain_capacitance", self.drain_capacitance, 0.0, None, "F/m")
        check_positive("on_current", self.on_current, "A/m")
        check_range("off_current", self.off_current, 0.0, None, "A/m")
        check_range("off_state_fraction", self.off_state_fraction, 0.0, 1.0, "")
        check_range("wiring_area_factor", self.wiring_area_factor, 1.0, None, "")
        check_positive("wire_width", self.wire_width, "m")
        check_positive("wire_aspect_ratio", self.wire_aspect_ratio, "")
        check_range("wire_barrier", self.wire_barrier, 0.0, None, "m")
        check_positive("wire_resistivity", self.wire_resistivity, "Ohm m")
        check_positive("wire_capacitance", self.wire_capacitance, "F/m")
        check_positive("mom_capacitance_density", self.mom_capacitance_density, "F/m^2")
        check_positive("sram_cell_area_F2", self.sram_cell_area_F2, "F^2")
        if self._barrier_loss() >= 1.0:
            raise ParameterError("wire_barrier", self.wire_barrier,
                                 f"thin enough to leave copper in a {self.wire_width:g} m wide wire")

    # --- transistors -------------------------------------------------------------------------------
    @property
    def min_width(self) -> float:
        """Minimum transistor width (m)."""
        return self.min_width_F * self.F

    def gate_cap(self, width: float) -> float:
        """Gate capacitance (F) of a transistor `width` metres wide."""
        return self.gate_capacitance * width

    def drain_cap(self, width: float) -> float:
        """Drain capacitance (F) of a transistor `width` metres wide."""
        return self.drain_capacitance * width

    def on_resistance(self, width: float, v_gate: float | None = None) -> float:
        """Channel resistance (Ohm) of a switch `width` m wide with its gate at `v_gate` (default V_dd).

        R = (V_dd / (I_on W)) (V_dd - V_th) / (V_g - V_th).
        """
        v_gate = self.vdd if v_gate is None else v_gate
        if v_gate <= self.v_th:
            raise ParameterError("gate voltage", v_gate, f"> threshold voltage {self.v_th:g} V")
        return self.vdd / (self.on_current * width) * (self.vdd - self.v_th) / (v_gate - self.v_th)

    def width_for_resistance(self, resistance: float, v_gate: float | None = None) -> float:
        """Width (m, at least the minimum) of a switch whose on-resistance is `resistance` (Ohm)."""
        unit_width_resistance = self.on_resistance(1.0, v_gate)  # Ohm m
        return max(self.min_width, unit_width_resistance / resistance)

    def transistor_area(self, width: float) -> float:
        """Footprint (m^2) of one transistor `width` m wide: (W + 2F)(4F) alpha_w."""
        return ((width + WELL_SPACING_F * self.F) * GATE_CONTACT_PITCH_F * self.F
                * self.wiring_area_factor)

    def transistor_leakage(self, width: float) -> float:
        """Static power (W) of one logic transistor `width` m wide: f_off I_off W V_dd."""
        return self.off_state_fraction * self.off_current * width * self.vdd

    def switch_leakage(self, width: float, v_across: float) -> float:
        """Static power (W) of an off pass switch `width` m wide blocking `v_across` volts: I_off W V."""
        return self.off_current * width * v_across

    @property
    def min_gate_cap(self) -> float:
        """Gate capacitance (F) of a minimum transistor."""
        return self.gate_cap(self.min_width)

    @property
    def fo4_delay(self) -> float:
        """Fan-out-of-4 inverter delay (s): 0.69 R_min (4 C_g,min + C_d,min)."""
        return ELMORE_LUMPED * self.on_resistance(self.min_width) * (
            4.0 * self.min_gate_cap + self.drain_cap(self.min_width))

    # --- wires -------------------------------------------------------------------------------------
    def _barrier_loss(self) -> float:
        w, ar, tb = self.wire_width, self.wire_aspect_ratio, self.wire_barrier
        return (2.0 * ar * w + w) * tb / (ar * w * w)

    @property
    def wire_resistivity_effective(self) -> float:
        """Barrier-corrected resistivity (Ohm m): rho / (1 - (2 AR W + W) t_b / (AR W^2))."""
        return self.wire_resistivity / (1.0 - self._barrier_loss())

    @property
    def wire_resistance(self) -> float:
        """Wire resistance per metre of length (Ohm/m): rho_eff / (W * AR W)."""
        return self.wire_resistivity_effective / (self.wire_width * self.wire_aspect_ratio * self.wire_width)

    def wire(self, length: float) -> tuple[float, float]:
        """(resistance in Ohm, capacitance in F) of a local wire `length` metres long."""
        return self.wire_resistance * length, self.wire_capacitance * length

    @property
    def wire_pitch(self) -> float:
        """Centre-to-centre pitch of local wires (m): width plus equal spacing."""
        return 2.0 * self.wire_width

    @property
    def F2(self) -> float:
        """Area of one F x F square (m^2)."""
        return self.F * self.F


def elmore_delay(r_driver: float, c_load: float, r_wire: float = 0.0, c_wire: float = 0.0) -> float:
    """50 % delay (s) of a driver into a distributed wire and a lumped load (Elmore, see module doc)."""
    return (ELMORE_LUMPED * r_driver * (c_wire + c_load) + ELMORE_DISTRIBUTED * r_wire * c_wire
            + ELMORE_LUMPED * r_wire * c_load)


def ceil_log2(n: int) -> int:
    """Smallest k with 2**k >= n (0 for n <= 1)."""
    return max(0, math.ceil(math.log2(n))) if n > 1 else 0
