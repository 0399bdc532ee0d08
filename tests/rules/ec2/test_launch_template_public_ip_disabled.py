from __future__ import annotations

RULE = "ec2-launch-template-public-ip-disabled"
LAUNCH_TEMPLATE = "AWS::EC2::LaunchTemplate"


def _template(aws, moto_item, public: bool):
    data = {"ImageId": "ami-12c6146b", "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": public}]}
    template = aws.client("ec2").create_launch_template(LaunchTemplateName=f"web-{public}", LaunchTemplateData=data)
    return moto_item(LAUNCH_TEMPLATE, template["LaunchTemplate"]["LaunchTemplateId"], RULE)


def test_template_without_public_ip_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _template(aws, moto_item, public=False)).compliance == "COMPLIANT"


def test_template_assigning_public_ip_is_non_compliant(aws, moto_item, evaluate_rule):
    result = evaluate_rule(RULE, _template(aws, moto_item, public=True))
    assert result.compliance == "NON_COMPLIANT"
    assert "device index 0" in result.annotation


def test_exempted_template_and_other_types_are_not_applicable(aws, moto_item, evaluate_rule, config_item):
    item = _template(aws, moto_item, public=True)
    assert evaluate_rule(RULE, item, exemptedLaunchTemplates=item.resource_id).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, config_item("AWS::EC2::Instance", "i-1")).compliance == "NOT_APPLICABLE"


def test_config_item_shape(config_item, evaluate_rule):
    recorded = {
        "Id": "lt-1",
        "LaunchTemplateName": "web",
        "DefaultVersionNumber": "3",
        "LaunchTemplateData": {"NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}]},
    }
    assert evaluate_rule(RULE, config_item(LAUNCH_TEMPLATE, "lt-1", configuration=recorded)).compliance == (
        "NON_COMPLIANT"
    )


def test_triggers_resolve_the_template_from_records():
    from warden.registry import load_rules

    triggers = {t.events[0]: t for t in load_rules().get(RULE).cloudtrail}
    version = {"launchTemplateVersion": {"launchTemplateId": "lt-2", "versionNumber": 2}}
    record = {"responseElements": {"CreateLaunchTemplateVersionResponse": version}}
    assert triggers["CreateLaunchTemplateVersion"].resolve_resource_id(record) == "lt-2"
