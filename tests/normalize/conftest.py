"""The matcher is loaded once per test session (as once per worker process in a run)."""

from __future__ import annotations

import pytest

from evidex.normalize import load
from evidex.normalize.matcher import Matcher


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return load()
