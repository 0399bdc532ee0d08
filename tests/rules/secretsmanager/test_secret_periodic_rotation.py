from __future__ import annotations

import pytest

from tests.rules.secretsmanager.conftest import SECRET, config_secret

RULE = "secretsmanager-secret-periodic-rotation"


def test_recently_rotated_secret_is_compliant(secret, evaluate_rule):
    assert evaluate_rule(RULE, secret(RULE, rotation_days=30)).compliance == "COMPLIANT"


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        ({"LastRotatedDate": 89, "CreatedDate": 500}, "COMPLIANT"),
        ({"LastRotatedDate": 91, "CreatedDate": 500}, "NON_COMPLIANT"),
        ({"CreatedDate": 100}, "NON_COMPLIANT"),
    ],
)
def test_secrets_not_rotated_within_the_limit_are_non_compliant(config_item, evaluate_rule, days_ago, expected):
    assert evaluate_rule(RULE, config_item(SECRET, "s", configuration=config_secret(days_ago))).compliance == expected


def test_the_limit_is_a_parameter(config_item, evaluate_rule):
    item = config_item(SECRET, "s", configuration=config_secret({"LastRotatedDate": 40}))
    assert evaluate_rule(RULE, item, maxDaysSinceRotation="30").compliance == "NON_COMPLIANT"


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::KMS::Key", "k")).compliance == "NOT_APPLICABLE"
