"""The shape of one contract scenario, shared by test_contract.py and the scenario modules it gathers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from warden.testing import MotoAccount


@dataclass(frozen=True)
class Scenario:
    remediation: str
    rule: str
    resource_type: str
    create: Callable[[MotoAccount], str]  # builds a violating resource, returns its id
    snapshot: Callable[[MotoAccount, str], Any]  # state the remediation must not touch
    write: tuple[str, str]  # (service, Operation) to fail in the failure path
