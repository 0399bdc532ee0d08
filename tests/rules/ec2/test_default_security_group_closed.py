from __future__ import annotations

RULE = "vpc-default-security-group-closed"


def _default_group(aws, moto_item):
    ec2 = aws.client("ec2")
    group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
    return ec2, group, lambda: moto_item("AWS::EC2::SecurityGroup", group["GroupId"])


def test_default_group_with_rules_is_non_compliant(aws, moto_item, evaluate_rule):
    _, _, read = _default_group(aws, moto_item)
    result = evaluate_rule(RULE, read())
    assert result.compliance == "NON_COMPLIANT"
    assert "1 outbound" in result.annotation


def test_emptied_default_group_is_compliant(aws, moto_item, evaluate_rule):
    ec2, group, read = _default_group(aws, moto_item)
    if group["IpPermissions"]:
        ec2.revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=group["IpPermissions"])
    ec2.revoke_security_group_egress(GroupId=group["GroupId"], IpPermissions=group["IpPermissionsEgress"])
    assert evaluate_rule(RULE, read()).compliance == "COMPLIANT"


def test_other_groups_are_not_applicable(security_group, evaluate_rule):
    assert evaluate_rule(RULE, security_group()).compliance == "NOT_APPLICABLE"
