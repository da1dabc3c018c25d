"""Thiele-equation particle engine: skyrmions as driven, interacting, pinned, nucleated and annihilated particles.

Each force law lives in its own file as a frozen dataclass (symbol, unit, equation, source) with the numba
function that evaluates it; `ForceField` sums them (`+`), packs their parameters for the kernel and rejects a
duplicate term. `kernel.advance` integrates every device of a batch through one interval of constant drive.
"""
