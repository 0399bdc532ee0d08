from __future__ import annotations

import pytest

RULE = "vpc-sg-restricted-common-ports"


def _tcp(port, to_port=None, cidr="0.0.0.0/0"):
    ranges = {"Ipv6Ranges": [{"CidrIpv6": cidr}]} if ":" in cidr else {"IpRanges": [{"CidrIp": cidr}]}
    return {"IpProtocol": "tcp", "FromPort": port, "ToPort": to_port or port, **ranges}


def test_https_only_is_compliant(security_group, evaluate_rule):
    assert evaluate_rule(RULE, security_group(_tcp(443))).compliance == "COMPLIANT"


@pytest.mark.parametrize(
    "permission,needle",
    [
        (_tcp(22), "tcp/22"),
        (_tcp(3389, cidr="::/0"), "::/0"),
        (_tcp(3000, 3400), "3000-3400"),
        ({"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}, "all traffic"),
    ],
)
def test_open_high_risk_ports_are_non_compliant(security_group, evaluate_rule, permission, needle):
    result = evaluate_rule(RULE, security_group(permission))
    assert result.compliance == "NON_COMPLIANT"
    assert needle in result.annotation


def test_restricted_source_is_compliant(security_group, evaluate_rule):
    assert evaluate_rule(RULE, security_group(_tcp(22, cidr="10.0.0.0/8"))).compliance == "COMPLIANT"


def test_blocked_ports_parameter(security_group, evaluate_rule):
    item = security_group(_tcp(8443))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, blockedPorts="8443").compliance == "NON_COMPLIANT"


def test_bucket_is_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"


def test_real_items_in_every_dialect(config_item_from_file, evaluate_rule, samples):
    legacy = config_item_from_file(samples / "config-items/rdk_AWS_EC2_SecurityGroup.json")  # ipRanges strings
    assert evaluate_rule(RULE, legacy).compliance == "NON_COMPLIANT"
    event = config_item_from_file(samples / "config-events/custodian_rule_event_security_group.json")
    assert evaluate_rule(RULE, event).compliance == "NON_COMPLIANT"
    history = config_item_from_file(samples / "config-items/custodian_placebo_sg_GetResourceConfigHistory.json")
    assert history.resource_type == "AWS::EC2::SecurityGroup"
    assert evaluate_rule(RULE, history).compliance == "NON_COMPLIANT"  # 8080 open to 0.0.0.0/0
