from __future__ import annotations

RULE = "cloudtrail-logging-enabled"


def test_logging_trail_is_compliant(trail, evaluate_rule):
    item = trail(RULE)
    assert item.supplementary["TrailStatus"] == {"isLogging": True}
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_stopped_trail_is_non_compliant(aws, trail, moto_item, evaluate_rule):
    trail(RULE)
    aws.client("cloudtrail").stop_logging(Name="audit-trail")
    result = evaluate_rule(RULE, moto_item("AWS::CloudTrail::Trail", "audit-trail", RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "stopped" in result.annotation


def test_deleted_trail_is_not_applicable(config_item, evaluate_rule):
    item = config_item("AWS::CloudTrail::Trail", "gone", status="ResourceDeleted")
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_config_item_without_status_is_non_compliant(config_item_from_file, evaluate_rule, samples):
    # Config does not record isLogging; a handler must enrich the item before the rule can pass.
    item = config_item_from_file(samples / "config-items/rdk_AWS_Cloudtrail_Trail.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
