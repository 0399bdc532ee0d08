RULE = "restricted-rdp"


def _ingress(from_port, to_port, cidr="0.0.0.0/0"):
    return {"IpProtocol": "tcp", "FromPort": from_port, "ToPort": to_port, "IpRanges": [{"CidrIp": cidr}]}


def test_ssh_only_group_is_compliant(security_group, evaluate_rule):
    assert evaluate_rule(RULE, security_group(_ingress(22, 22), _ingress(3389, 3389, "10.1.0.0/16"))).compliance == (
        "COMPLIANT"
    )


def test_rdp_from_anywhere_is_non_compliant(security_group, evaluate_rule):
    assert evaluate_rule(RULE, security_group(_ingress(3000, 4000))).compliance == "NON_COMPLIANT"


def test_config_item_and_other_types(config_item, evaluate_rule):
    everything = {"ipPermissions": [{"ipProtocol": "-1", "ipRanges": ["0.0.0.0/0"]}]}
    item = config_item("AWS::EC2::SecurityGroup", "sg-1", configuration=everything)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EC2::Subnet", "subnet-1")).compliance == "NOT_APPLICABLE"
