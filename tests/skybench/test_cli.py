"""The `skybench` command: every subcommand has its own --help, is documented in the README's command table, and
an unknown command is refused with argparse's exit code."""
from pathlib import Path

import pytest

from skybench.cli import COMMANDS, main

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_has_help_and_a_readme_row(name, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([name, "--help"])
    assert stopped.value.code == 0
    assert f"usage: skybench {name}" in capsys.readouterr().out
    assert f"| `skybench {name}" in README.read_text()


def test_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["frobnicate"])
    assert stopped.value.code == 2 and "frobnicate" in capsys.readouterr().err


def test_an_interrupt_inside_a_callback_from_c_is_raised_after_it():
    """Ctrl-C inside llvmlite's object-cache callback (which ctypes calls from C while numba loads its cached
    kernels, and where it drops any exception) still stops the command: the handler lets the callback finish and
    raises the interrupt again INTERRUPT_RETRY s later. Outside such a callback it is raised at once."""
    import os
    import signal
    import time
    import types

    from skybench.interrupts import INTERRUPT_RETRY, _in_c_callback, interrupts_not_dropped

    # A function compiled under llvmlite's file and callback name stands in for the real callback.
    source = "def _raw_object_cache_notify(kill):\n    kill()\n    return 'returned'\n"
    namespace = {}
    exec(compile(source, "/site-packages/llvmlite/binding/executionengine.py", "exec"), namespace)
    callback = namespace["_raw_object_cache_notify"]

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)   # as in a foreground process
    try:
        with interrupts_not_dropped():
            assert callback(lambda: os.kill(os.getpid(), signal.SIGINT)) == "returned"   # not raised inside
            started = time.monotonic()
            with pytest.raises(KeyboardInterrupt):
                while time.monotonic() - started < 20 * INTERRUPT_RETRY:
                    time.sleep(0.01)
            assert time.monotonic() - started < 10 * INTERRUPT_RETRY
            with pytest.raises(KeyboardInterrupt):   # anywhere else: at once
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(1.0)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler   # restored
        # An ignored SIGINT (a job started in the background) stays ignored.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        with interrupts_not_dropped():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    assert not _in_c_callback(types.SimpleNamespace(f_code=callback.__code__.replace(co_name="other"), f_back=None))
