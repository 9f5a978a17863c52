"""Fixtures for the tests that talk to a seeded diplograph (scripts/test-service start) at
DIPLOGRAPH_URL: tests/integration and the executed notebook. tests/unit never needs them.

They fail, rather than skip, when DIPLOGRAPH_URL is unset: a suite that silently does not run is
worse than one that says what it needs. Run the unit tests alone with ``pytest tests/unit``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

import diplograph


@pytest.fixture(scope="session")
def service_url() -> str:
    url = os.environ.get("DIPLOGRAPH_URL")
    if not url:
        pytest.fail(
            "DIPLOGRAPH_URL is not set: start scripts/test-service and point it there (make test-python)"
        )
    return url


@pytest.fixture(scope="session")
def live(service_url: str) -> Iterator[diplograph.Client]:
    with diplograph.Client(service_url) as c:
        yield c


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "integration" in item.nodeid.split("/"):  # the notebook test marks itself
            item.add_marker(pytest.mark.integration)
