"""Hypothesis profiles for the handler fuzz suite, and the report `make fuzz` prints.

`WARDEN_FUZZ_PROFILE=ci` (default) runs a few hundred examples per handler, reproducibly;
`WARDEN_FUZZ_PROFILE=thorough` runs 10,000 per handler; `WARDEN_FUZZ_EXAMPLES=N` overrides the count.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", max_examples=150, deadline=None, database=None, derandomize=True, suppress_health_check=_QUIET
)
settings.register_profile("thorough", max_examples=10_000, deadline=None, database=None, suppress_health_check=_QUIET)

REPORT: list[str] = []


@pytest.fixture
def fuzz_settings() -> settings:
    """The selected profile, as a decorator for the property each test defines."""
    profile = settings.get_profile(os.environ.get("WARDEN_FUZZ_PROFILE", "ci"))
    examples = os.environ.get("WARDEN_FUZZ_EXAMPLES")
    return settings(profile, max_examples=int(examples)) if examples else profile


@pytest.fixture
def fuzz_report() -> list[str]:
    return REPORT


@pytest.fixture
def progress(capsys: pytest.CaptureFixture[str]) -> Callable[[str], None]:
    """Print past pytest's capture, so a 10,000-input run shows where it is."""

    def say(line: str) -> None:
        with capsys.disabled():
            print(line, flush=True)

    return say


@pytest.fixture(autouse=True)
def quiet_powertools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "true")
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "Warden")
    monkeypatch.setenv("AWS_REGION", "us-east-1")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("handler fuzzing")
        for line in REPORT:
            terminalreporter.write_line(line)
