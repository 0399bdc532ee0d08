from __future__ import annotations

RULE = "ec2-instance-multiple-eni-check"
INSTANCE = "AWS::EC2::Instance"


def _instance(aws, extra_interface: bool) -> tuple[str, str | None]:
    ec2 = aws.client("ec2")
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1)["Instances"][0]
    if not extra_interface:
        return instance["InstanceId"], None
    eni = ec2.create_network_interface(SubnetId=instance["SubnetId"])["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=eni, InstanceId=instance["InstanceId"], DeviceIndex=1)
    return instance["InstanceId"], eni


def test_single_interface_instance_is_compliant(aws, moto_item, evaluate_rule):
    instance, _ = _instance(aws, extra_interface=False)
    assert evaluate_rule(RULE, moto_item(INSTANCE, instance, RULE)).compliance == "COMPLIANT"


def test_instance_with_a_second_interface_is_non_compliant(aws, moto_item, evaluate_rule):
    instance, eni = _instance(aws, extra_interface=True)
    item = moto_item(INSTANCE, instance, RULE)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, NetworkInterfaceIds=eni).compliance == "COMPLIANT"


def test_config_items_and_other_types(config_item, config_item_from_file, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_EC2_Instance.json")
    assert evaluate_rule(RULE, rdk).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EC2::VPC", "vpc-1")).compliance == "NOT_APPLICABLE"
