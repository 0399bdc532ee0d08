from __future__ import annotations

RULE = "ec2-stopped-instance"
INSTANCE = "AWS::EC2::Instance"


def _instance(aws, stop: bool) -> str:
    ec2 = aws.client("ec2")
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    if stop:
        ec2.stop_instances(InstanceIds=[instance])
    return str(instance)


def test_running_or_recently_stopped_instance_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(INSTANCE, _instance(aws, stop=False), RULE)).compliance == "COMPLIANT"
    stopped = moto_item(INSTANCE, _instance(aws, stop=True), RULE)
    assert evaluate_rule(RULE, stopped).compliance == "COMPLIANT"


def test_instance_stopped_longer_than_allowed_is_non_compliant(aws, moto_item, evaluate_rule):
    stopped = moto_item(INSTANCE, _instance(aws, stop=True), RULE)
    assert evaluate_rule(RULE, stopped, allowedDays="0").compliance == "NON_COMPLIANT"


def test_config_items(config_item, config_item_from_file, evaluate_rule, samples):
    assert evaluate_rule(
        RULE, config_item_from_file(samples / "config-items/rdk_AWS_EC2_Instance.json")
    ).compliance == ("COMPLIANT")
    old = {
        "state": {"code": 80, "name": "stopped"},
        "stateTransitionReason": "User initiated (2016-05-02 13:11:53 GMT)",
    }
    result = evaluate_rule(RULE, config_item(INSTANCE, "i-0old", configuration=old))
    assert result.compliance == "NON_COMPLIANT"
    assert "2016-05-02" in result.annotation
    unknown = config_item(INSTANCE, "i-0unknown", configuration={"state": {"name": "stopped"}})
    assert evaluate_rule(RULE, unknown).compliance == "NON_COMPLIANT"
    gone = config_item(INSTANCE, "i-0gone", configuration={"state": {"name": "terminated"}})
    assert evaluate_rule(RULE, gone).compliance == "NOT_APPLICABLE"


def test_stop_instances_record_names_the_instance():
    from warden.registry import load_rules

    trigger = load_rules().get(RULE).cloudtrail[0]
    record = {"requestParameters": {"instancesSet": {"items": [{"instanceId": "i-0abc"}]}, "force": False}}
    assert trigger.resolve_resource_id(record) == "i-0abc"
