from __future__ import annotations

RULE = "service-vpc-endpoint-enabled"
VPC = "AWS::EC2::VPC"


def _vpc(aws, service: str | None) -> str:
    ec2 = aws.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    if service:
        ec2.create_vpc_endpoint(
            VpcId=vpc, ServiceName=f"com.amazonaws.us-east-1.{service}", VpcEndpointType="Interface"
        )
    return str(vpc)


def test_vpc_with_an_ec2_endpoint_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(VPC, _vpc(aws, "ec2"), RULE)).compliance == "COMPLIANT"


def test_vpc_without_an_ec2_endpoint_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(VPC, _vpc(aws, None), RULE)).compliance == "NON_COMPLIANT"
    item = moto_item(VPC, _vpc(aws, "ssm"), RULE)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, serviceName="ssm").compliance == "COMPLIANT"


def test_config_item_and_other_types(config_item, evaluate_rule):
    endpoints = [{"vpcEndpointId": "vpce-1", "serviceName": "com.amazonaws.us-east-1.ec2", "state": "deleted"}]
    recorded = config_item(VPC, "vpc-1", configuration={"vpcId": "vpc-1"}, supplementary={"VpcEndpoints": endpoints})
    assert evaluate_rule(RULE, recorded).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EC2::Subnet", "subnet-1")).compliance == "NOT_APPLICABLE"
