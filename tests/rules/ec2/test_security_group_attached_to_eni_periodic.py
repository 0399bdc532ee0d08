from __future__ import annotations

import dataclasses

RULE = "ec2-security-group-attached-to-eni-periodic"
SECURITY_GROUP = "AWS::EC2::SecurityGroup"


def _group(aws, attached: bool) -> str:
    ec2 = aws.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName=f"app-{attached}", Description="app", VpcId=vpc)["GroupId"]
    if attached:
        subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]["SubnetId"]
        ec2.create_network_interface(SubnetId=subnet, Groups=[group])
    return str(group)


def test_attached_group_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(SECURITY_GROUP, _group(aws, True), RULE)).compliance == "COMPLIANT"


def test_unattached_group_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(SECURITY_GROUP, _group(aws, False), RULE)).compliance == "NON_COMPLIANT"


def test_default_and_foreign_groups_are_not_applicable(aws, moto_item, evaluate_rule, config_item):
    default = aws.client("ec2").describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]["GroupId"]
    assert evaluate_rule(RULE, moto_item(SECURITY_GROUP, default, RULE)).compliance == "NOT_APPLICABLE"
    foreign = config_item(SECURITY_GROUP, "sg-1", configuration={"groupName": "app", "ownerId": "999999999999"})
    assert evaluate_rule(RULE, foreign).compliance == "NOT_APPLICABLE"


def test_real_config_item(config_item_from_file, evaluate_rule, samples):
    # Config does not record a group's interfaces; the Config rule reads them live into the supplementary.
    recorded = config_item_from_file(samples / "config-items/rdk_AWS_EC2_SecurityGroup.json")
    assert evaluate_rule(RULE, recorded).compliance == "NON_COMPLIANT"
    attached = dataclasses.replace(recorded, supplementary={"NetworkInterfaceIds": ["eni-0a1b2c3d"]})
    assert evaluate_rule(RULE, attached).compliance == "COMPLIANT"
