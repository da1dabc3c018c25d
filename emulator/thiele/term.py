"""Base of every Thiele force term: terms compose with `+` into a ForceField."""


class ForceTerm:
    """Mixin for force-term dataclasses: `a + b` gives ForceField((a, b))."""

    def __add__(self, other):
        from emulator.thiele.force_field import ForceField

        return ForceField((self,)) + other

    def fill(self, P) -> None:  # pragma: no cover - every term overrides
        raise NotImplementedError
