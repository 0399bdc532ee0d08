"""A scan makes account-wide reads once and one call for attributes that come from the same read."""

from __future__ import annotations

import threading
import time

import botocore.exceptions
import pytest
from botocore.stub import Stubber

from warden.collectors import collector_for
from warden.registry import load_rules
from warden.scan import Scanner

REGISTRY = load_rules()
TABLE_KEY = {
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST",
}


def _calls_of(aws, scan):
    before = dict(aws.clients.calls)
    result = scan()
    return result, {k: v - before.get(k, 0) for k, v in aws.clients.calls.items() if v != before.get(k, 0)}


def test_a_shared_read_is_made_once_inside_sharing_and_every_time_outside(aws):
    reads = []
    clients = aws.clients
    assert [clients.shared("k", lambda: reads.append(1) or len(reads)) for _ in range(2)] == [1, 2]
    assert not clients.is_sharing
    with clients.sharing():
        assert clients.is_sharing
        assert [clients.shared("k", lambda: reads.append(1) or len(reads)) for _ in range(2)] == [3, 3]
        assert clients.shared("other", lambda: "o") == "o"
    assert clients.shared("k", lambda: reads.append(1) or len(reads)) == 4  # the scope's reads are forgotten


def test_threads_asking_at_once_wait_for_the_one_read(aws):
    reads, results = [], []

    def slow_read():
        reads.append(1)
        time.sleep(0.05)
        return "plans"

    def ask():
        results.append(aws.clients.shared("backup", slow_read))

    with aws.clients.sharing():
        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert (len(reads), results) == (1, ["plans"] * 8)


def test_a_failed_shared_read_is_not_kept(aws):
    def denied():
        raise botocore.exceptions.ClientError({"Error": {"Code": "AccessDenied"}}, "ListBackupPlans")

    with aws.clients.sharing():
        with pytest.raises(botocore.exceptions.ClientError):
            aws.clients.shared("backup", denied)
        assert aws.clients.shared("backup", lambda: "read again") == "read again"


def test_backup_plans_are_read_once_for_every_table(aws):
    """moto has no backup selections (Stubber, which bypasses the call counter): a second ListBackupPlans
    would find no stubbed answer and fail the scan."""
    for name in ("orders", "carts", "users"):
        aws.client("dynamodb").create_table(TableName=name, **TABLE_KEY)
    plan = {"BackupPlanId": "plan-1", "BackupPlanName": "daily", "BackupPlanArn": "arn:aws:backup:::plan:plan-1"}
    selection = {
        "SelectionName": "tables",
        "IamRoleArn": "arn:aws:iam::123456789012:role/backup",
        "Resources": ["arn:aws:dynamodb:*:*:table/orders", "arn:aws:dynamodb:*:*:table/users"],
    }
    with Stubber(aws.client("backup")) as stub:
        stub.add_response("list_backup_plans", {"BackupPlansList": [plan]}, {})
        stub.add_response("list_backup_selections", {"BackupSelectionsList": [{"SelectionId": "s-1"}]}, None)
        stub.add_response("get_backup_selection", {"BackupSelection": selection}, None)
        rules = REGISTRY.select(["dynamodb-resources-protected-by-backup-plan"])
        result = Scanner(aws.clients).run(rules, ["us-east-1"])
        stub.assert_no_pending_responses()
    verdicts = {e.resource_id: e.compliance.value for e in result.evaluations}
    assert verdicts == {"orders": "COMPLIANT", "users": "COMPLIANT", "carts": "NON_COMPLIANT"}
    assert not result.errors


def test_ecs_clusters_and_services_are_listed_once_for_services_and_task_sets(aws):
    ecs = aws.client("ecs")
    for cluster in ("shop", "billing"):
        ecs.create_cluster(clusterName=cluster)
        ecs.create_service(
            cluster=cluster, serviceName="api", desiredCount=1, deploymentController={"type": "EXTERNAL"}
        )
    ecs.register_task_definition(family="api", containerDefinitions=[{"name": "app", "image": "app", "memory": 64}])
    ecs.create_task_set(cluster="shop", service="api", taskDefinition="api")
    rules = [
        r
        for r in REGISTRY.all()
        if {"AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::ECS::TaskSet"} & set(r.resource_types)
    ]
    result, calls = _calls_of(aws, lambda: Scanner(aws.clients).run(rules, ["us-east-1"]))
    evaluated = {e.resource_type for e in result.evaluations}
    assert {"AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::ECS::TaskSet"} <= evaluated
    assert (calls["ecs:ListClusters"], calls["ecs:ListServices"], calls["ecs:DescribeServices"]) == (1, 2, 2)


def test_access_keys_and_their_last_use_come_from_one_listing(aws):
    iam = aws.client("iam")
    iam.create_user(UserName="batch")
    key = iam.create_access_key(UserName="batch")["AccessKey"]["AccessKeyId"]
    collector = collector_for("AWS::IAM::User")
    item = collector.get_item(aws.clients, "global", "123456789012", "batch")
    (enriched, errors, failed), calls = _calls_of(
        aws, lambda: collector.enrich(aws.clients, item, ["AccessKeys", "AccessKeysLastUsed"])
    )
    assert calls == {"iam:ListAccessKeys": 1, "iam:GetAccessKeyLastUsed": 1}
    assert (errors, failed) == ([], set())
    assert [k["accessKeyId"] for k in enriched.supplementary["AccessKeys"]] == [key]
    assert "lastUsedDate" not in enriched.supplementary["AccessKeys"][0]
    assert enriched.supplementary["AccessKeysLastUsed"][0]["accessKeyId"] == key


def test_a_failed_read_fails_the_attributes_it_includes(aws):
    aws.client("iam").create_user(UserName="batch")
    collector = collector_for("AWS::IAM::User")
    item = collector.get_item(aws.clients, "global", "123456789012", "batch")
    with Stubber(aws.client("iam", "global")) as stub:
        stub.add_client_error("list_access_keys", "AccessDenied")
        enriched, errors, failed = collector.enrich(aws.clients, item, ["AccessKeys", "AccessKeysLastUsed"])
    assert failed == {"AccessKeys", "AccessKeysLastUsed"}
    assert [e.operation for e in errors] == ["iam:GetAccessKeyLastUsed"]


def test_api_gateway_apis_are_listed_once_for_their_stages_and_routes(aws):
    rest = aws.client("apigateway").create_rest_api(name="orders")["id"]
    aws.client("apigatewayv2").create_api(Name="carts", ProtocolType="HTTP")
    kinds = {"AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage"}
    rules = [r for r in REGISTRY.all() if kinds & set(r.resource_types)]
    result, calls = _calls_of(aws, lambda: Scanner(aws.clients).run(rules, ["us-east-1"]))
    assert any(rest in e.resource_id for e in result.evaluations)
    assert (calls["apigateway:GetRestApis"], calls["apigatewayv2:GetApis"]) == (1, 1)


def test_a_scan_lists_network_interfaces_once_for_every_security_group(aws):
    ec2 = aws.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]["SubnetId"]
    groups = {n: ec2.create_security_group(GroupName=n, Description=n, VpcId=vpc)["GroupId"] for n in "abc"}
    ec2.create_network_interface(SubnetId=subnet, Groups=[groups["a"], groups["b"]])
    rules = REGISTRY.select(["ec2-security-group-attached-to-eni-periodic"])
    result, calls = _calls_of(aws, lambda: Scanner(aws.clients).run(rules, ["us-east-1"]))
    verdicts = {e.resource_id: e.compliance.value for e in result.evaluations if e.resource_id in groups.values()}
    assert verdicts == {groups["a"]: "COMPLIANT", groups["b"]: "COMPLIANT", groups["c"]: "NON_COMPLIANT"}
    assert calls["ec2:DescribeNetworkInterfaces"] == 1
    # re-reading one group outside a scan asks for that group's interfaces alone
    collector = collector_for("AWS::EC2::SecurityGroup")
    item, calls = _calls_of(
        aws, lambda: collector.read(aws.clients, "us-east-1", "123456789012", groups["c"], ["NetworkInterfaceIds"])
    )
    assert item.supplementary["NetworkInterfaceIds"] == []
    assert calls == {"ec2:DescribeSecurityGroups": 1, "ec2:DescribeNetworkInterfaces": 1}
