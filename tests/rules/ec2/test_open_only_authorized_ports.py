from __future__ import annotations

import pytest

RULE = "vpc-sg-open-only-to-authorized-ports"


def _perm(protocol, port, to_port=None, cidr="0.0.0.0/0"):
    return {"IpProtocol": protocol, "FromPort": port, "ToPort": to_port or port, "IpRanges": [{"CidrIp": cidr}]}


def test_authorized_ports_are_compliant(security_group, evaluate_rule):
    assert evaluate_rule(RULE, security_group(_perm("tcp", 80), _perm("tcp", 443))).compliance == "COMPLIANT"


@pytest.mark.parametrize(
    "permission",
    [
        _perm("tcp", 8080),
        _perm("tcp", 80, 443),
        _perm("udp", 53),
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
    ],
)
def test_unauthorized_open_ports_are_non_compliant(security_group, evaluate_rule, permission):
    assert evaluate_rule(RULE, security_group(permission)).compliance == "NON_COMPLIANT"


def test_parameters_extend_authorized_ports(security_group, evaluate_rule):
    item = security_group(_perm("udp", 53), _perm("tcp", 443))
    assert evaluate_rule(RULE, item, authorizedUdpPorts=[53]).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, authorizedTcpPorts="80", authorizedUdpPorts="53").compliance == "NON_COMPLIANT"


def test_private_sources_and_icmp_are_ignored(security_group, evaluate_rule):
    item = security_group(
        _perm("tcp", 22, cidr="192.168.0.0/16"),
        {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
    )
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_trail_is_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::CloudTrail::Trail", "t")).compliance == "NOT_APPLICABLE"


def test_newer_config_shape_with_ipv4_ranges(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(
        samples / "config-items/custodian_placebo_sg_SelectResourceConfig.json", 0, "AWS::EC2::SecurityGroup"
    )
    # all traffic, but only from one /32 and another group: nothing is open to the internet
    assert item.resource_id == "sg-6c7fa917"
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
