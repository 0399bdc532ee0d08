import pytest

RULE = "vpc-flow-logs-enabled"
VPC = "AWS::EC2::VPC"


def _vpc(aws, moto_item, traffic=None):
    ec2 = aws.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    if traffic:
        aws.client("s3").create_bucket(Bucket="flow-logs")
        ec2.create_flow_logs(
            ResourceIds=[vpc],
            ResourceType="VPC",
            TrafficType=traffic,
            LogDestinationType="s3",
            LogDestination="arn:aws:s3:::flow-logs",
        )
    return moto_item(VPC, vpc, RULE)


def test_vpc_logging_rejects_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _vpc(aws, moto_item, "REJECT")).compliance == "COMPLIANT"


def test_vpc_without_flow_logs_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _vpc(aws, moto_item)).compliance == "NON_COMPLIANT"


@pytest.mark.parametrize(
    "logs,expected",
    [
        ([{"flowLogId": "fl-1", "trafficType": "ALL", "flowLogStatus": "ACTIVE"}], "COMPLIANT"),
        ([{"flowLogId": "fl-1", "trafficType": "ACCEPT", "flowLogStatus": "ACTIVE"}], "NON_COMPLIANT"),
        ([{"flowLogId": "fl-1", "trafficType": "REJECT", "deliverLogsStatus": "FAILED"}], "NON_COMPLIANT"),
    ],
)
def test_traffic_types(config_item, evaluate_rule, logs, expected):
    item = config_item(VPC, "vpc-1", configuration={"vpcId": "vpc-1"}, supplementary={"FlowLogs": logs})
    assert evaluate_rule(RULE, item).compliance == expected


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::EC2::Subnet", "subnet-1")).compliance == "NOT_APPLICABLE"
