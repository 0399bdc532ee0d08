from __future__ import annotations

import json

import pytest

from warden.model import ConfigurationItem, ConfigurationItemError, decode_policy_document, truncate
from warden.registry import load_rules
from warden.testing import item_from_document

ITEM_FILES = [
    "rdk_AWS_S3_Bucket.json",
    "rdk_AWS_ApiGateway_Stage.json",
    "rdk_AWS_ApiGateway_RestApi.json",
    "rdk_AWS_ApiGatewayV2_Stage.json",
    "rdk_AWS_Cloudtrail_Trail.json",
    "rdk_AWS_EC2_SecurityGroup.json",
    "rdk_AWS_IAM_Policy.json",
    "rdk_AWS_IAM_User.json",
    "rdk_AWS_S3_AccountPublicAccessBlock.json",
    "custodian_s3_GetResourceConfigHistory_item.json",
    "custodian_placebo_sg_GetResourceConfigHistory.json",
]


@pytest.mark.parametrize("name", ITEM_FILES)
def test_every_real_item_parses_with_account_region_and_arn(samples, name):
    item = item_from_document(json.loads((samples / "config-items" / name).read_text()))
    assert item.resource_type.startswith("AWS::")
    assert item.account_id.isdigit() and len(item.account_id) == 12
    assert item.arn.startswith("arn:aws:")
    assert isinstance(item.configuration, dict)
    # the round trip through Config's invoking-event dialect keeps everything a rule reads
    assert ConfigurationItem.from_config(item.to_config()) == item


def test_history_dialect_strings_are_decoded(samples):
    item = item_from_document(
        json.loads((samples / "config-items/custodian_s3_GetResourceConfigHistory_item.json").read_text())
    )
    assert item.supplementary["BucketVersioningConfiguration"] == {"status": "Off", "isMfaDeleteEnabled": None}
    assert item.supplementary["AccessControlList"]["grantList"][0]["permission"] == "FullControl"  # double-encoded
    assert item.supplementary["IsRequesterPaysEnabled"] is False
    assert item.tags == {"Planet": "Earth", "Verbose": "Game"}


@pytest.mark.parametrize(
    "name",
    [
        "powertools_awsConfigRuleConfigurationChanged.json",
        "custodian_rule_event_security_group.json",
        "custodian_rule_event_ec2_instance.json",
        "awsdocs_change_triggered_event.json",
    ],
)
def test_items_inside_rule_events(samples, name):
    item = item_from_document(json.loads((samples / "config-events" / name).read_text()))
    assert item.resource_id
    rules = load_rules().all()
    verdicts = {r.id: r.run(item).compliance for r in rules}
    # rules for other resource types say so rather than failing; the ones for this type decide
    assert {verdicts[r.id] for r in rules if not r.applies_to(item.resource_type)} <= {"NOT_APPLICABLE"}
    assert all(verdicts[r.id] in ("COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE", "INSUFFICIENT_DATA") for r in rules)


@pytest.mark.parametrize(
    "bad",
    [
        [],
        "[1]",
        {"resourceType": "AWS::S3::Bucket"},
        {"resourceId": "x"},
        {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "configuration": "[1, 2]"},
        # what mutated Config events once turned into KeyError, AttributeError and ValueError
        "{ not json",
        {"resourceType": "AWS::S3::Bucket", "resourceId": {"id": "b"}},
        {"resourceType": ["AWS::S3::Bucket"], "resourceId": "b"},
        {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "supplementaryConfiguration": ["x"]},
        {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "tags": ["owner"]},
        {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "awsRegion": {"name": "us-east-1"}},
        {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "configurationItemCaptureTime": {"year": 2024}},
        {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "configurationItemCaptureTime": {"year": "x"}},
    ],
)
def test_malformed_items_raise_a_clear_error(bad):
    with pytest.raises(ConfigurationItemError):
        ConfigurationItem.from_config(bad)


def test_malformed_policy_document_is_reported_by_rule_and_resource(config_item):
    item = config_item("AWS::S3::Bucket", "b", supplementary={"BucketPolicy": {"policyText": "{not json"}})
    with pytest.raises(ConfigurationItemError, match="s3-bucket-ssl-requests-only on b"):
        load_rules().get("s3-bucket-ssl-requests-only").run(item)


def test_policy_documents_in_every_encoding():
    document = {"Statement": []}
    assert decode_policy_document(json.dumps(document)) == document
    assert decode_policy_document("%7B%22Statement%22%3A%5B%5D%7D") == document
    assert decode_policy_document([document]) == document
    assert decode_policy_document(None) is None


def test_annotations_are_cut_to_256_characters(config_item):
    assert len(truncate("x" * 300)) == 256
    long_ports = {"blockedPorts": list(range(1, 200))}
    item = config_item(
        "AWS::EC2::SecurityGroup",
        "sg-1",
        configuration={
            "ipPermissions": [
                {"ipProtocol": "tcp", "fromPort": p, "toPort": p, "ipRanges": ["0.0.0.0/0"]} for p in range(1, 100)
            ]
        },
    )
    rule = load_rules().get("vpc-sg-restricted-common-ports")
    evaluation = rule.run(item, rule.resolve_parameters(long_ports))
    assert evaluation.compliance == "NON_COMPLIANT"
    assert len(evaluation.annotation) == 256 and evaluation.annotation.endswith("...")
