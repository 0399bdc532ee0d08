from __future__ import annotations

import pytest

from tests.rules.secretsmanager.conftest import SECRET, config_secret

RULE = "secretsmanager-scheduled-rotation-success-check"
EVERY_30_DAYS = {"AutomaticallyAfterDays": 30}


def test_secret_rotating_on_schedule_is_compliant(secret, evaluate_rule):
    assert evaluate_rule(RULE, secret(RULE, rotation_days=30)).compliance == "COMPLIANT"


def test_secret_without_rotation_is_not_applicable(secret, evaluate_rule):
    assert evaluate_rule(RULE, secret(RULE)).compliance == "NOT_APPLICABLE"


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        ({"LastRotatedDate": 10, "CreatedDate": 400}, "COMPLIANT"),
        ({"LastRotatedDate": 45, "CreatedDate": 400}, "NON_COMPLIANT"),
        ({"CreatedDate": 45}, "NON_COMPLIANT"),
        ({"NextRotationDate": 3, "LastRotatedDate": 33}, "NON_COMPLIANT"),
    ],
)
def test_a_missed_rotation_is_non_compliant(config_item, evaluate_rule, days_ago, expected):
    configuration = config_secret(days_ago, RotationEnabled=True, RotationRules=EVERY_30_DAYS)
    assert evaluate_rule(RULE, config_item(SECRET, "s", configuration=configuration)).compliance == expected


def test_configs_own_verdict_is_used_when_recorded(config_item, evaluate_rule):
    configuration = config_secret(RotationEnabled=True, RotationRules=EVERY_30_DAYS, RotationOccurringAsScheduled=False)
    assert evaluate_rule(RULE, config_item(SECRET, "s", configuration=configuration)).compliance == "NON_COMPLIANT"
