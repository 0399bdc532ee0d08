from __future__ import annotations

import pytest

from tests.rules.secretsmanager.conftest import SECRET, config_secret

RULE = "secretsmanager-secret-unused"


def test_new_secret_is_compliant(secret, evaluate_rule):
    assert evaluate_rule(RULE, secret(RULE)).compliance == "COMPLIANT"


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        ({"LastAccessedDate": 5, "CreatedDate": 500}, "COMPLIANT"),
        ({"LastAccessedDate": 120, "CreatedDate": 500}, "NON_COMPLIANT"),
        ({"CreatedDate": 200}, "NON_COMPLIANT"),
    ],
)
def test_idle_secrets_are_non_compliant(config_item, evaluate_rule, days_ago, expected):
    assert evaluate_rule(RULE, config_item(SECRET, "s", configuration=config_secret(days_ago))).compliance == expected


def test_the_idle_days_are_a_parameter(config_item, evaluate_rule):
    item = config_item(SECRET, "s", configuration=config_secret({"LastAccessedDate": 40}))
    assert evaluate_rule(RULE, item, unusedForDays="30").compliance == "NON_COMPLIANT"


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::KMS::Key", "k")).compliance == "NOT_APPLICABLE"
