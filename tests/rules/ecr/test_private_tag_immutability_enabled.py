from __future__ import annotations

import pytest

from tests.rules.ecr.conftest import REPOSITORY, config_repository

RULE = "ecr-private-tag-immutability-enabled"


def test_immutable_tags_are_compliant(repository, evaluate_rule):
    assert evaluate_rule(RULE, repository(RULE, imageTagMutability="IMMUTABLE")).compliance == "COMPLIANT"


def test_mutable_tags_are_non_compliant(repository, evaluate_rule):
    result = evaluate_rule(RULE, repository(RULE))
    assert result.compliance == "NON_COMPLIANT" and "MUTABLE" in result.annotation


@pytest.mark.parametrize(
    ("mutability", "expected"),
    [("IMMUTABLE_WITH_EXCLUSION", "COMPLIANT"), ("MUTABLE_WITH_EXCLUSION", "NON_COMPLIANT"), (None, "NON_COMPLIANT")],
)
def test_config_item_shape(config_item, evaluate_rule, mutability, expected):
    item = config_item(REPOSITORY, "orders", configuration=config_repository(ImageTagMutability=mutability))
    assert evaluate_rule(RULE, item).compliance == expected


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
