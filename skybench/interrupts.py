"""Ctrl-C for the `skybench` commands: an interrupt that lands in a callback from C is not lost.

Python raises KeyboardInterrupt wherever the main thread is when SIGINT arrives. Inside a ctypes callback (C code
calling Python) the exception is printed and dropped, and the program runs on. In our stack that happens while
numba loads its cached kernels: llvmlite's object cache calls back into Python, about 0.5 s into every run, and a
Ctrl-C there let a run go on to its end.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading

#: Seconds after which an interrupt that landed in a callback from C is raised again.
INTERRUPT_RETRY = 0.1
#: The ctypes callbacks through which C code calls Python in our stack, as (file name ending, function): llvmlite's
#: object cache, called while numba loads its cached kernels (~0.5 s at the start of every run).
C_CALLBACKS = (("llvmlite/binding/executionengine.py", "_raw_object_cache_notify"),
               ("llvmlite/binding/executionengine.py", "_raw_object_cache_getbuffer"))


def _in_c_callback(frame) -> bool:
    """True when `frame` runs inside one of C_CALLBACKS (or a function it called)."""
    while frame is not None:
        name = frame.f_code.co_filename.replace(os.sep, "/")
        if any(name.endswith(file) and frame.f_code.co_name == function for file, function in C_CALLBACKS):
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def interrupts_not_dropped():
    """Ctrl-C (SIGINT) raises KeyboardInterrupt as usual, except inside a callback from C: ctypes prints an
    exception raised there and drops it, and the command ran on to its end (a Ctrl-C while numba loaded the
    kernels). There the interrupt is sent again INTERRUPT_RETRY s later, once the callback has returned. Outside
    the main thread (a command run from a worker thread) signals cannot be handled, and a SIGINT that is ignored
    (a job started in the background) or has the caller's own handler is left as it is."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return

    def on_interrupt(signum, frame):
        if _in_c_callback(frame):
            retry = threading.Timer(INTERRUPT_RETRY, os.kill, (os.getpid(), signal.SIGINT))
            retry.daemon = True
            retry.start()
            return
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
