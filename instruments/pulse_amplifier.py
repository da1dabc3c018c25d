"""`PulseAmplifier`: a fixed-gain 50-Ohm pulse amplifier between the pulse generator and the switch — the
bench's high-voltage variant of the pulse path, for devices whose path resistance a 10 V generator cannot
drive to the needed current density.

Why the bench may need it (paper Fig. 2b): the largest potentiation pulse, j = 4.24e10 A/m^2 over the
4.5 um x 260 nm cross-section, is I = j w t = 49.6 mA. A 50-Ohm generator whose open-circuit level is at most
E_max = 10 V (81150A: 10 Vpp into 50 Ohm) drives I = E / (50 Ohm + R_path), so it reaches
I_max = 10 V / (50 + R_path): 160 mA into the gdfeco preset's 9.5 Ohm track plus 2 Ohm of leads (enough,
j_max ~ 1.4e11 A/m^2), but only 49.6 mA once R_path exceeds 10 V / 49.6 mA - 50 Ohm = 152 Ohm (a longer or
more resistive track, or lossy probe contacts). Then the generator drives this amplifier instead:

    V_in  = E_gen Z_in / (R_gen + Z_in)                     (the amplifier input terminates the generator)
    E_out = clip(G V_in, -E_out_max, E_out_max)             (the output saturates at its rail)
    I     = E_out / (Z_out + R_path)                        (into the device path)

`instruments.wiring.Wiring` applies it when a bench file names one (`wiring: amplifier: {...}`).
"""
from __future__ import annotations

import dataclasses

from skybench.errors import check_positive


@dataclasses.dataclass(frozen=True)
class PulseAmplifier:
    """A linear pulse amplifier with a saturating output (all SI)."""

    gain: float = 10.0
    """Voltage gain G (V/V) from the input terminal voltage to the open-circuit output."""
    input_impedance: float = 50.0
    """Input termination Z_in (Ohm): the load the generator sees."""
    output_impedance: float = 50.0
    """Source impedance Z_out of the output (Ohm)."""
    max_output: float = 100.0
    """Largest open-circuit output |E_out| (V): the output saturates there."""

    def __post_init__(self) -> None:
        for name in ("gain", "input_impedance", "output_impedance", "max_output"):
            check_positive(f"amplifier.{name}", getattr(self, name))

    def output_emf(self, input_voltage: float) -> float:
        """Open-circuit output E_out (V) for the voltage `input_voltage` (V) at the input terminals."""
        return max(-self.max_output, min(self.max_output, self.gain * input_voltage))
