from __future__ import annotations

import pytest

RULE = "config-enabled"
RECORDER = "AWS::Config::ConfigurationRecorder"
LINKED = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"


@pytest.fixture
def recorder(aws):
    def create(role=LINKED, all_supported=True, start=True):
        config = aws.client("config")
        group = {"allSupported": all_supported}
        if not all_supported:
            group["resourceTypes"] = ["AWS::S3::Bucket"]
        config.put_configuration_recorder(
            ConfigurationRecorder={"name": "default", "roleARN": role, "recordingGroup": group}
        )
        if start:
            aws.client("s3").create_bucket(Bucket="config-history")
            config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "config-history"})
            config.start_configuration_recorder(ConfigurationRecorderName="default")

    return create


def _scan(aws):
    from warden.collectors import collector_for

    (item,) = collector_for(RECORDER).list_items(aws.clients, "us-east-1", aws.account_id)
    return item


def test_recording_everything_with_the_linked_role_is_compliant(aws, recorder, evaluate_rule):
    recorder()
    result = evaluate_rule(RULE, _scan(aws))
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == "arn:aws:config:us-east-1:123456789012:config-recorder/default"


def test_region_without_a_recorder_is_non_compliant(aws, evaluate_rule):
    result = evaluate_rule(RULE, _scan(aws))
    assert result.compliance == "NON_COMPLIANT"
    assert "no configuration recorder in us-east-1" in result.annotation


def test_stopped_partial_recorder_with_another_role_is_non_compliant(aws, recorder, evaluate_rule):
    recorder(role="arn:aws:iam::123456789012:role/config", all_supported=False, start=False)
    annotation = evaluate_rule(RULE, _scan(aws)).annotation
    assert "stopped" in annotation and "listed resource types" in annotation and "service-linked" in annotation


def test_the_role_check_is_a_parameter(aws, recorder, evaluate_rule):
    recorder(role="arn:aws:iam::123456789012:role/config")
    item = _scan(aws)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, includeConfigServiceLinkedRoleCheck="false").compliance == "COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {
        "name": "default",
        "roleARN": LINKED,
        "recordingGroup": {"allSupported": False, "recordingStrategy": {"useOnly": "EXCLUSION_BY_RESOURCE_TYPES"}},
        "recording": True,
    }
    assert evaluate_rule(RULE, config_item(RECORDER, "default", configuration=recorded)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
