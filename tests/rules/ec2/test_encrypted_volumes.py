RULE = "encrypted-volumes"
VOLUME = "AWS::EC2::Volume"


def _attached_volume(aws, moto_item, encrypted):
    ec2 = aws.client("ec2")
    instance = ec2.run_instances(
        ImageId="ami-12c6146b", MinCount=1, MaxCount=1, Placement={"AvailabilityZone": "us-east-1a"}
    )
    volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, Encrypted=encrypted)["VolumeId"]
    ec2.attach_volume(VolumeId=volume, InstanceId=instance["Instances"][0]["InstanceId"], Device="/dev/sdf")
    return moto_item(VOLUME, volume, RULE)


def test_encrypted_attached_volume_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _attached_volume(aws, moto_item, True)).compliance == "COMPLIANT"


def test_unencrypted_attached_volume_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _attached_volume(aws, moto_item, False)).compliance == "NON_COMPLIANT"


def test_detached_volume_is_not_applicable(aws, moto_item, evaluate_rule):
    volume = aws.client("ec2").create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
    assert evaluate_rule(RULE, moto_item(VOLUME, volume, RULE)).compliance == "NOT_APPLICABLE"


def test_config_item(config_item, evaluate_rule):
    item = config_item(VOLUME, "vol-1", configuration={"state": "in-use", "encrypted": False, "attachments": []})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
