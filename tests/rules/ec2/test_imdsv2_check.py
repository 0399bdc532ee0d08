RULE = "ec2-imdsv2-check"
INSTANCE = "AWS::EC2::Instance"


def _instance(aws, moto_item, tokens):
    reservation = aws.client("ec2").run_instances(
        ImageId="ami-12c6146b", MinCount=1, MaxCount=1, MetadataOptions={"HttpTokens": tokens}
    )
    return moto_item(INSTANCE, reservation["Instances"][0]["InstanceId"], RULE)


def test_imdsv2_only_instance_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _instance(aws, moto_item, "required")).compliance == "COMPLIANT"


def test_imdsv1_instance_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _instance(aws, moto_item, "optional")).compliance == "NON_COMPLIANT"


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_EC2_Instance.json")  # httpTokens: optional
    assert evaluate_rule(RULE, rdk).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::EC2::Volume", "vol-1")).compliance == "NOT_APPLICABLE"
