"""Fixtures for the protocol tests: a fresh DemoMeter and helpers that talk to it as a controller does."""
from __future__ import annotations

import pytest

from protocols.demo import DemoMeter
from scpi_controller import Controller


@pytest.fixture
def meter() -> DemoMeter:
    return DemoMeter()


@pytest.fixture
def ctl(meter) -> Controller:
    return Controller(meter)
