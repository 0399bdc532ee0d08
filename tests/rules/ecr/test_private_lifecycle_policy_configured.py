from __future__ import annotations

import json

from tests.rules.ecr.conftest import REPOSITORY, config_repository

RULE = "ecr-private-lifecycle-policy-configured"
POLICY = json.dumps(
    {
        "rules": [
            {
                "rulePriority": 1,
                "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 14},
                "action": {"type": "expire"},
            }
        ]
    }
)


def test_lifecycle_policy_is_compliant(repository, evaluate_rule):
    item = repository(RULE, lambda ecr, name: ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=POLICY))
    assert item.configuration["LifecyclePolicy"]["LifecyclePolicyText"] == POLICY
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_no_lifecycle_policy_is_non_compliant(repository, evaluate_rule):
    assert evaluate_rule(RULE, repository(RULE)).compliance == "NON_COMPLIANT"


def test_deleted_policy_is_non_compliant(repository, evaluate_rule):
    def put_then_delete(ecr, name):
        ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=POLICY)
        ecr.delete_lifecycle_policy(repositoryName=name)

    assert evaluate_rule(RULE, repository(RULE, put_then_delete)).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = config_repository(LifecyclePolicy={"LifecyclePolicyText": POLICY, "RegistryId": "123456789012"})
    assert evaluate_rule(RULE, config_item(REPOSITORY, "orders", configuration=recorded)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
