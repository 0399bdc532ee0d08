from __future__ import annotations

RULE = "api-gw-associated-with-waf"


def _web_acl(aws):
    return aws.client("wafv2").create_web_acl(
        Name="orders",
        Scope="REGIONAL",
        DefaultAction={"Allow": {}},
        VisibilityConfig={"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "o"},
    )["Summary"]["ARN"]


def test_stage_with_web_acl_is_compliant(aws, rest_stage, moto_item, evaluate_rule):
    stage = rest_stage(rule=RULE)
    acl = _web_acl(aws)
    aws.client("wafv2").associate_web_acl(WebACLArn=acl, ResourceArn=stage.arn)
    item = moto_item(stage.resource_type, stage.resource_id, RULE)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, WebAclArns="arn:aws:wafv2:us-east-1:1:regional/webacl/x/1").compliance == (
        "NON_COMPLIANT"
    )


def test_stage_without_web_acl_is_non_compliant(rest_stage, evaluate_rule):
    assert evaluate_rule(RULE, rest_stage(rule=RULE)).compliance == "NON_COMPLIANT"


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    """The RDK stage item has no webAclArn key: Config leaves it out when no web ACL is associated."""
    item = config_item_from_file(samples / "config-items/rdk_AWS_ApiGateway_Stage.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ApiGatewayV2::Stage", "s")).compliance == "NOT_APPLICABLE"


def test_waf_events_name_the_stage():
    from warden.registry import load_rules

    stage = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod"
    record = {"eventSource": "wafv2.amazonaws.com", "requestParameters": {"resourceArn": stage, "webACLArn": "x"}}
    waf = next(t for t in load_rules().get(RULE).cloudtrail if "DisassociateWebACL" in t.events)
    assert waf.resolve_resource_id(record) == stage
