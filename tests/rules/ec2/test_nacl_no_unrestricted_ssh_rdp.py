import pytest

RULE = "nacl-no-unrestricted-ssh-rdp"
NACL = "AWS::EC2::NetworkAcl"


def _acl(aws, moto_item, *entries):
    ec2 = aws.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    for number, (cidr, port) in enumerate(entries, start=100):
        ec2.create_network_acl_entry(
            NetworkAclId=acl,
            RuleNumber=number,
            Protocol="6",
            RuleAction="allow",
            Egress=False,
            CidrBlock=cidr,
            PortRange={"From": port, "To": port},
        )
    return moto_item(NACL, acl, RULE)


def test_https_from_anywhere_and_ssh_from_the_vpn_are_compliant(aws, moto_item, evaluate_rule):
    item = _acl(aws, moto_item, ("0.0.0.0/0", 443), ("10.0.0.0/8", 22))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_ssh_from_anywhere_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _acl(aws, moto_item, ("0.0.0.0/0", 22))).compliance == "NON_COMPLIANT"


@pytest.mark.parametrize(
    "entry,expected",
    [
        ({"protocol": "-1", "ruleAction": "allow", "egress": False, "cidrBlock": "0.0.0.0/0"}, "NON_COMPLIANT"),
        (
            {
                "protocol": "6",
                "ruleAction": "allow",
                "egress": False,
                "ipv6CidrBlock": "::/0",
                "portRange": {"from": 3000, "to": 4000},
            },
            "NON_COMPLIANT",
        ),
        (
            {
                "protocol": "6",
                "ruleAction": "deny",
                "egress": False,
                "cidrBlock": "0.0.0.0/0",
                "portRange": {"from": 22, "to": 22},
            },
            "COMPLIANT",
        ),
        (
            {
                "protocol": "17",
                "ruleAction": "allow",
                "egress": False,
                "cidrBlock": "0.0.0.0/0",
                "portRange": {"from": 22, "to": 22},
            },
            "COMPLIANT",
        ),
        ({"protocol": "-1", "ruleAction": "allow", "egress": True, "cidrBlock": "0.0.0.0/0"}, "COMPLIANT"),
    ],
)
def test_entries(config_item, evaluate_rule, entry, expected):
    item = config_item(NACL, "acl-1", configuration={"isDefault": False, "entries": [{"ruleNumber": 100, **entry}]})
    assert evaluate_rule(RULE, item).compliance == expected


def test_real_default_acl_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_EC2_NetworkAcl.json")  # the default ACL
    assert evaluate_rule(RULE, rdk).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, config_item("AWS::EC2::VPC", "vpc-1")).compliance == "NOT_APPLICABLE"
