"""The kernel's step loop runs without numba's reference counting (emulator/thiele/kernel.py): it must allocate
nothing itself, and a run must leave no array behind."""
import numpy as np
from numba.core.runtime import _nrt_python, rtsys

from emulator.pulse_protocols import fig4b
from emulator.thiele import kernel
from emulator.thiele.engine import ThieleEngine


def test_the_step_loop_is_compiled_without_reference_counting():
    assert kernel.advance_range.targetoptions["_nrt"] is False
    assert kernel.advance_device.targetoptions["_nrt"] is False


def test_advancing_a_batch_frees_every_array_it_allocates(chamber):
    engine = ThieleEngine(chamber.model, devices=4, seed=3, threads=2)
    pulse = fig4b(pulses=1).steps[0]
    engine.advance(pulse.current_density, pulse.field, pulse.width)   # compile and warm up outside the count
    _nrt_python.memsys_enable_stats()
    try:
        before = rtsys.get_allocation_stats()
        for _ in range(3):
            engine.advance(pulse.current_density, pulse.field, pulse.width)
            engine.advance(0.0, pulse.field, chamber.relaxation_time)
        after = rtsys.get_allocation_stats()
    finally:
        _nrt_python.memsys_disable_stats()
    allocated = after.alloc - before.alloc
    assert allocated >= 6 * 4 * 19          # the per-step arrays: 19 per device range (4 of one device), every call
    assert after.free - before.free == allocated
    assert after.mi_free - before.mi_free == after.mi_alloc - before.mi_alloc
    assert engine.counts().sum() > 0        # the pulses wrote skyrmions: the loop ran
    assert np.all(engine.counts() <= 4)
