RULE = "ec2-ebs-encryption-by-default"
ACCOUNT = "AWS::::Account"


def test_default_encryption_on_is_compliant(aws, moto_item, evaluate_rule):
    aws.client("ec2").enable_ebs_encryption_by_default()
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "COMPLIANT"


def test_default_encryption_off_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "NON_COMPLIANT"


def test_the_setting_is_read_in_the_items_region(aws, moto_item, evaluate_rule):
    aws.client("ec2", "eu-west-1").enable_ebs_encryption_by_default()
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE, region="eu-west-1")).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "NON_COMPLIANT"


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::EC2::Volume", "vol-1")).compliance == "NOT_APPLICABLE"
