"""Shared fixtures for the emulator tests: the device presets are built once per session (a few seconds)."""
import pytest

from emulator.presets import chamber_150nm, gdfeco_experiment


@pytest.fixture(scope="session")
def gdfeco():
    return gdfeco_experiment()


@pytest.fixture(scope="session")
def chamber():
    return chamber_150nm()
