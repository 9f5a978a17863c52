"""The examples in the docstrings run (those that need a service are marked to skip)."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from diplograph import client, errors, exports, live, rows, timeargs, transport


@pytest.mark.parametrize(
    "module", [errors, exports, live, rows, timeargs, transport, client], ids=lambda m: m.__name__
)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
