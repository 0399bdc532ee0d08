RULE = "ec2-instance-no-public-ip"
INSTANCE = "AWS::EC2::Instance"


def test_private_subnet_instance_is_compliant(aws, moto_item, evaluate_rule):
    ec2 = aws.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.1.0/24")["Subnet"]["SubnetId"]
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]
    assert evaluate_rule(RULE, moto_item(INSTANCE, instance["InstanceId"], RULE)).compliance == "COMPLIANT"


def test_default_subnet_instance_is_non_compliant(aws, moto_item, evaluate_rule):
    instance = aws.client("ec2").run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1)["Instances"][0]
    assert evaluate_rule(RULE, moto_item(INSTANCE, instance["InstanceId"], RULE)).compliance == "NON_COMPLIANT"


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_EC2_Instance.json")  # publicIpAddress set
    assert evaluate_rule(RULE, rdk).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EC2::Subnet", "subnet-1")).compliance == "NOT_APPLICABLE"
