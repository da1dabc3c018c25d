"""A device preset: the particle model of one synapse design with its readout, limits and provenance."""
from __future__ import annotations

import dataclasses
import functools
import math

from emulator.disorder import Disorder
from emulator.domain_model import DomainModel
from emulator.readout import HallReadout, MTJReadout
from emulator.thiele.force_field import ForceField
from emulator.thiele.heating import Heating
from emulator.thiele.model import ThieleModel
from emulator.thiele.pinning import Pinning
from skybench.errors import ParameterError


@dataclasses.dataclass(frozen=True)
class DamageLimits:
    """What destroys the device: too much current density, or too hot a film."""

    max_current_density: float
    """Largest nominal current density a pulse may carry (A/m^2) (electromigration of the thin metal)."""
    max_temperature: float
    """Film temperature the stack survives (K) (interdiffusion / crystallisation of the amorphous layer)."""

    def check_pulse(self, j_nominal: float, width: float, ambient: float, heating: Heating | None) -> float:
        """Return the peak film temperature of a pulse (K), or raise ParameterError if it damages the device."""
        if abs(j_nominal) > self.max_current_density:
            raise ParameterError("current_density", j_nominal,
                                 f"|j| <= {self.max_current_density:.3g} A/m^2 (damage threshold)")
        peak = ambient
        if heating is not None:
            peak = ambient + heating.steady_rise(j_nominal) * (1.0 - math.exp(-width / heating.time_constant))
        if peak > self.max_temperature:
            raise ParameterError("current_density", j_nominal,
                                 f"pulses heating the film below {self.max_temperature:.0f} K "
                                 f"(this one reaches {peak:.0f} K at width {width:.3g} s)")
        return peak


@dataclasses.dataclass(frozen=True)
class DevicePreset:
    """One synapse design: particle model, readout, damage limits, default timing and sources."""

    name: str
    """Preset name."""
    model: ThieleModel
    """The Thiele particle model."""
    readout: HallReadout | MTJReadout
    """How the state is read electrically."""
    limits: DamageLimits
    """Damage thresholds."""
    relaxation_time: float
    """Simulated wait after each pulse before the state is read (s)."""
    track_thickness: float
    """Thickness that carries the pulse current (m), for current <-> density conversions."""
    track_width: float
    """Width that defines the nominal current density (m)."""
    track_resistance: float
    """Resistance of the pulse path A-A' (Ohm), for instruments that drive it with a voltage."""
    source: str
    """Where the numbers come from (paper sections, calibration runs, assumptions)."""
    disorder: Disorder | None = None
    """Distributions of the nucleation sites and defects (None: a preset with fixed sites, e.g. the chamber)."""
    disorder_seed: int | None = None
    """The seed this device's disorder was drawn with (None: a preset without drawn disorder)."""

    def with_disorder(self, seed: int) -> "DevicePreset":
        """The same design with the disorder realisation `seed`: new sites, defects and wells drawn from
        `disorder`; geometry, its solved current flow, the radius law and the domain model are shared."""
        if self.disorder is None:
            raise ParameterError("disorder_seed", seed, f"a preset with disorder distributions ({self.name} has none)")
        draw = self.disorder.draw(seed)
        model = self.model
        forces = ForceField(tuple(dataclasses.replace(term, wells=draw.wells) if isinstance(term, Pinning) else term
                                  for term in model.forces.terms))
        redrawn = dataclasses.replace(model, forces=forces,
                                      nucleation=dataclasses.replace(model.nucleation, sites=draw.sites))
        # Same geometry: hand the solved current flow over to the new model's cached property.
        redrawn.__dict__["current_map"] = model.current_map
        preset = dataclasses.replace(self, model=redrawn, disorder_seed=int(seed))
        if "stripe_model" in self.__dict__:
            preset.__dict__["stripe_model"] = self.stripe_model
        return preset

    @functools.cached_property
    def stripe_model(self) -> DomainModel:
        """The film's equilibrium domain model, stripes or bubble lattice (tabulated on first use, once per
        preset)."""
        return DomainModel(self.model.material)

    @property
    def strip_out_field(self) -> float:
        """B_so (T): the lowest field of the radius law at which an isolated skyrmion has a finite radius."""
        table = self.model.table
        alive = [k for k, r in enumerate(table.radius) if r > 0]
        return table.b0 + table.db * alive[0] if alive else math.inf
