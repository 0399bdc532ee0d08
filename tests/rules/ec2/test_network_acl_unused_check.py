from __future__ import annotations

RULE = "vpc-network-acl-unused-check"
NETWORK_ACL = "AWS::EC2::NetworkAcl"


def test_associated_network_acl_is_compliant(aws, moto_item, evaluate_rule):
    default = aws.client("ec2").describe_network_acls(Filters=[{"Name": "default", "Values": ["true"]}])
    acl = default["NetworkAcls"][0]["NetworkAclId"]
    assert evaluate_rule(RULE, moto_item(NETWORK_ACL, acl, RULE)).compliance == "COMPLIANT"


def test_unassociated_network_acl_is_non_compliant(aws, moto_item, evaluate_rule):
    ec2 = aws.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    result = evaluate_rule(RULE, moto_item(NETWORK_ACL, acl, RULE))
    assert result.compliance == "NON_COMPLIANT"


def test_config_items_and_other_types(config_item, config_item_from_file, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_EC2_NetworkAcl.json")
    assert evaluate_rule(RULE, rdk).compliance == "COMPLIANT"
    unused = config_item(NETWORK_ACL, "acl-1", configuration={"networkAclId": "acl-1", "associations": []})
    assert evaluate_rule(RULE, unused).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EC2::Subnet", "subnet-1")).compliance == "NOT_APPLICABLE"
