"""Thiele-equation particle engine: skyrmions as driven, interacting, pinned, nucleated and annihilated particles.

Force laws, one per file, each a frozen dataclass (symbols, units, equation, source) with its numba kernel
functions and its kernel records: sot.py, exchange_tail.py, dipolar.py, pinning.py, heating.py (listed in
force_field.LAWS). They compose with `+` into a ForceField (term.py); hooks.py is how the kernel reaches them.
model.py gathers a device type into one ThieleModel and its KernelModel record. The kernel (kernel.py) runs
the stages cell_list.py -> forces.py -> step.py -> lifecycle.py -> nucleation.py on the one state record of
state.py; outline.py, field_table.py, rates.py, rng.py and events.py serve them. engine.py owns the state.
"""
