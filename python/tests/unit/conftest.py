"""Unit tests talk to a mocked transport (respx): no service, no network."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import respx

import diplograph

from .responses import URL


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as r:
        yield r


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(sleeps: list[float]) -> Iterator[diplograph.Client]:
    """A client whose waits between retries are recorded instead of slept."""
    with diplograph.Client(URL, max_attempts=4, backoff=0.1, max_backoff=1.0, sleep=sleeps.append) as c:
        yield c
