from __future__ import annotations

import copy

import pytest

from warden.testing import synthetic_scan_results


@pytest.fixture(scope="session")
def _results() -> list[dict]:
    return synthetic_scan_results(600, accounts=3, regions=2, hostile_every=97)


@pytest.fixture
def results(_results) -> list[dict]:
    """Six scan results (three accounts, two regions), some resource ids hostile markup."""
    return copy.deepcopy(_results)
