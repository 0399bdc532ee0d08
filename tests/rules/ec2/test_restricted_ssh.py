RULE = "restricted-ssh"


def _ingress(port, cidr="0.0.0.0/0", protocol="tcp"):
    return {"IpProtocol": protocol, "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": cidr}]}


def test_ssh_from_the_vpn_is_compliant(security_group, evaluate_rule):
    item = security_group(_ingress(22, "10.0.0.0/8"), _ingress(443))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_ssh_from_anywhere_is_non_compliant(security_group, evaluate_rule):
    v6 = {"IpProtocol": "tcp", "FromPort": 20, "ToPort": 30, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}
    assert evaluate_rule(RULE, security_group(_ingress(22))).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, security_group(v6)).compliance == "NON_COMPLIANT"


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_EC2_SecurityGroup.json")  # SSH from 0.0.0.0/0
    assert evaluate_rule(RULE, rdk).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EC2::Instance", "i-1")).compliance == "NOT_APPLICABLE"
