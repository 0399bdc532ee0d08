from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.ledger import Ledger, LocalStore
from warden.model import Evaluation
from warden.registry import load_rules
from warden.remediate import Remediator
from warden.remediation import Mode
from warden.settings import Settings
from warden.testing import MotoAccount

READ_PREFIXES = ("Get", "List", "Describe", "Head")


@pytest.fixture
def ledger(tmp_path) -> Ledger:
    return Ledger(LocalStore(tmp_path / "audit"))


@pytest.fixture
def remediator(aws: MotoAccount, ledger: Ledger) -> Callable[..., Remediator]:
    def make(mode: Mode = Mode.AUTO, **kwargs) -> Remediator:
        settings = kwargs.pop("settings", None) or Settings(default_mode=mode, verify_delay_seconds=0)
        return Remediator(aws.clients, ledger, settings=settings, sleep=lambda _: None, **kwargs)

    return make


@pytest.fixture
def finding(moto_item) -> Callable[..., Evaluation]:
    """The rule's evaluation of a live moto resource, as a scan or an event would produce it."""

    def evaluate(rule_id: str, resource_type: str, resource_id: str) -> Evaluation:
        rule = load_rules().get(rule_id)
        return rule.run(moto_item(resource_type, resource_id, rule_id))

    return evaluate


def write_calls(clients, before: dict[str, int]) -> dict[str, int]:
    """API calls since `before` that are not reads."""
    return {
        name: count - before.get(name, 0)
        for name, count in clients.calls.items()
        if count != before.get(name, 0)
        and not name.split(":")[1].startswith(READ_PREFIXES)
        and not name.startswith("sts:")
    }
