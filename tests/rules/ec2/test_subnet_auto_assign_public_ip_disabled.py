RULE = "subnet-auto-assign-public-ip-disabled"
SUBNET = "AWS::EC2::Subnet"


def test_private_subnet_is_compliant(aws, moto_item, evaluate_rule):
    ec2 = aws.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.50.1.0/24")["Subnet"]["SubnetId"]
    assert evaluate_rule(RULE, moto_item(SUBNET, subnet, RULE)).compliance == "COMPLIANT"


def test_default_subnet_is_non_compliant(aws, moto_item, evaluate_rule):
    subnet = aws.client("ec2").describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
    assert evaluate_rule(RULE, moto_item(SUBNET, subnet["SubnetId"], RULE)).compliance == "NON_COMPLIANT"


def test_ipv6_assignment_and_other_types(config_item, evaluate_rule):
    item = config_item(
        SUBNET, "subnet-1", configuration={"mapPublicIpOnLaunch": False, "assignIpv6AddressOnCreation": True}
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EC2::VPC", "vpc-1")).compliance == "NOT_APPLICABLE"
